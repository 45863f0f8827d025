using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace FeishuResources.Messages;

/// <summary>
/// Collects the resources of one message's content, reading each key and its companions (<c>file_name</c>,
/// <c>duration</c>) defensively: a field of an unexpected JSON kind is ignored, never an exception.
/// </summary>
internal sealed class ContentResources
{
    /// <summary>Longer than any audio or video the platform accepts; a larger <c>duration</c> is ignored, not an overflow.</summary>
    private const long MaxDurationMilliseconds = 366L * 24 * 60 * 60 * 1000;

    private readonly string _messageType;
    private readonly string? _messageId;
    private readonly string? _downloadMessageId;
    private List<FeishuMessageResource>? _resources;

    public ContentResources(string messageType, string? messageId, string? downloadMessageId)
    {
        _messageType = messageType;
        _messageId = messageId;
        _downloadMessageId = downloadMessageId;
    }

    public IReadOnlyList<FeishuMessageResource> Resources => (IReadOnlyList<FeishuMessageResource>?)_resources ?? Array.Empty<FeishuMessageResource>();

    /// <summary>Adds the resource named by <paramref name="keyProperty"/> of <paramref name="element"/>, when it holds a key.</summary>
    public void Add(JsonElement element, string keyProperty, FeishuMessageResourceKind kind, FeishuResourceType? type)
    {
        string? key = GetString(element, keyProperty);
        if (string.IsNullOrWhiteSpace(key))
        {
            return;
        }

        // A cover shares the video's element, but the video's name and length are not the cover's.
        bool isCover = kind == FeishuMessageResourceKind.VideoCover;
        string? fileName = isCover ? null : GetString(element, "file_name");
        TimeSpan? duration = isCover ? null : GetDuration(element);
        (_resources ??= new List<FeishuMessageResource>()).Add(
            new FeishuMessageResource(key!, kind, type, string.IsNullOrEmpty(fileName) ? null : fileName, duration, _messageType, _messageId, _downloadMessageId));
    }

    public static string? GetString(JsonElement element, string property)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The <c>duration</c> in milliseconds, as a number or a numeric string.</summary>
    private static TimeSpan? GetDuration(JsonElement element)
    {
        if (!element.TryGetProperty("duration", out JsonElement value))
        {
            return null;
        }

        long milliseconds = 0;
        bool read = value.ValueKind == JsonValueKind.Number
            ? value.TryGetInt64(out milliseconds)
            : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out milliseconds);
        return read && milliseconds >= 0 && milliseconds <= MaxDurationMilliseconds ? TimeSpan.FromMilliseconds(milliseconds) : null;
    }
}
