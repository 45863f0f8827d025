using System.Text.Json;

namespace FeishuResources.Cli.Running;

/// <summary>The spelling of <see cref="FeishuMessageResourceKind"/> in the CLI's output: <c>postImage</c>, <c>videoCover</c>, … as in its JSON.</summary>
internal static class ResourceKindNames
{
    public static string Format(FeishuMessageResourceKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
