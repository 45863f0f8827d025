using System;
using System.Text.Json;
using FeishuResources.Internal;

namespace FeishuResources.Errors;

/// <summary>Reads the platform's <c>{code,msg,error:{log_id,troubleshooter}}</c> envelope; never throws.</summary>
internal static class ErrorBodyParser
{
    public static PlatformResponse? TryParse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            return JsonSerializer.Deserialize(ref reader, FeishuJsonContext.Default.PlatformResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
