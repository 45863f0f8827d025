using FeishuResources.Cli.Json;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Emulation;

/// <summary>A resource the emulator command serves: how to ask for it and what comes back.</summary>
internal sealed record SeededSample(DownloadTarget Target, string? FileName, string ContentType, long Length)
{
    public JsonItemRecord ToJson() => new(
        "resource",
        "seeded",
        Target.FileKey,
        Target.MessageId,
        ResourceTypeNames.Format(Target.Type),
        FileName,
        Length,
        ContentType,
        LogId: null,
        Error: null);
}
