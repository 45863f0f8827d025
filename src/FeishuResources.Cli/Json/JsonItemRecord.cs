using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Json;

/// <summary>One item in <c>--json</c> output: <c>{"kind":"item","status":"saved",…}</c>.</summary>
internal sealed record JsonItemRecord(string Kind, string Status, string FileKey, string? MessageId, string Type, string? Path, long? Bytes, string? ContentType, string? LogId, JsonFailure? Error)
{
    public static JsonItemRecord From(ItemResult result) => new(
        "item",
        result.Status.ToString().ToLowerInvariant(),
        result.Target.FileKey,
        result.Target.MessageId,
        ResourceTypeNames.Format(result.Target.Type),
        result.Path,
        result.Bytes,
        result.ContentType,
        result.LogId,
        JsonFailure.From(result.Failure));
}
