using System;
using System.Text.Json;

namespace FeishuResources.Messages;

/// <summary>The <c>data</c> object of a message API's answer, <c>{"code":0,"data":{…}}</c>, handed to a reader.</summary>
internal static class AnswerData
{
    /// <summary>What <paramref name="read"/> makes of <c>data</c>; null when the answer is not JSON with a <c>data</c> object.</summary>
    public static T? TryRead<T>(ReadOnlyMemory<byte> answer, Func<JsonElement, T> read)
        where T : class
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(answer);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("data", out JsonElement data)
                && data.ValueKind == JsonValueKind.Object
                ? read(data)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
