using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Json;

/// <summary>
/// One resource of <c>message --list --json</c>: <c>{"kind":"resource","messageId",…}</c>. <c>messageId</c> is the id
/// to download it through; <c>sourceMessageId</c> the forwarded message that holds it, inside a merge-forward.
/// </summary>
internal sealed record JsonResourceRecord(string Kind, string MessageId, string? SourceMessageId, string FileKey, string? Type, string ResourceKind, string? Name, bool Downloadable, long? DurationMs)
{
    public static JsonResourceRecord From(FeishuMessageResource resource) => new(
        "resource",
        resource.DownloadMessageId!,
        resource.MessageId == resource.DownloadMessageId ? null : resource.MessageId,
        resource.Key,
        resource.Type is { } type ? ResourceTypeNames.Format(type) : null,
        ResourceKindNames.Format(resource.Kind),
        resource.FileName,
        resource.IsDownloadable,
        resource.Duration is { } duration ? (long)duration.TotalMilliseconds : null);
}
