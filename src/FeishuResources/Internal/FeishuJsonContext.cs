using System.Text.Json.Serialization;

namespace FeishuResources.Internal;

/// <summary>Source-generated JSON for the few small bodies the SDK reads and writes (no reflection, trim-safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(PlatformResponse))]
[JsonSerializable(typeof(AppCredentialsBody))]
[JsonSerializable(typeof(StoreAppTokenRequest))]
[JsonSerializable(typeof(StoreTenantTokenRequest))]
internal sealed partial class FeishuJsonContext : JsonSerializerContext
{
}
