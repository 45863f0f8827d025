using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FeishuResources.Cli.Backup;
using FeishuResources.Cli.Batch;

namespace FeishuResources.Cli.Json;

/// <summary>The CLI's JSON shapes — <c>--json</c> records and the batch manifest — serialized without reflection.</summary>
[JsonSerializable(typeof(JsonItemRecord))]
[JsonSerializable(typeof(JsonResourceRecord))]
[JsonSerializable(typeof(JsonSummaryRecord))]
[JsonSerializable(typeof(JsonErrorRecord))]
[JsonSerializable(typeof(JsonEmulatorRecord))]
[JsonSerializable(typeof(ManifestDocument))]
[JsonSerializable(typeof(IndexRecord))]
[JsonSerializable(typeof(BackupState))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Names stay readable (<c>季度报告.pdf</c>, not <c>\u5B63…</c>): the output is UTF-8 text for people and
    /// scripts, never embedded in HTML.
    /// </summary>
    public static CliJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
