using System;
using System.Collections.Generic;

namespace FeishuResources.Content;

/// <summary>
/// The file extension for a media type, used when the server sent no usable file name: only the types
/// chats actually carry; anything else is <c>.bin</c>.
/// </summary>
internal static class MediaTypeExtensions
{
    public const string Fallback = ".bin";

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = ".pdf",
        ["application/zip"] = ".zip",
        ["application/x-zip-compressed"] = ".zip",
        ["application/x-rar-compressed"] = ".rar",
        ["application/vnd.rar"] = ".rar",
        ["application/x-7z-compressed"] = ".7z",
        ["application/gzip"] = ".gz",
        ["application/json"] = ".json",
        ["application/xml"] = ".xml",
        ["application/msword"] = ".doc",
        ["application/vnd.ms-excel"] = ".xls",
        ["application/vnd.ms-powerpoint"] = ".ppt",
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = ".docx",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = ".xlsx",
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = ".pptx",
        ["application/octet-stream"] = ".bin",
        ["text/plain"] = ".txt",
        ["text/csv"] = ".csv",
        ["text/html"] = ".html",
        ["text/markdown"] = ".md",
        ["image/png"] = ".png",
        ["image/jpeg"] = ".jpg",
        ["image/gif"] = ".gif",
        ["image/webp"] = ".webp",
        ["image/bmp"] = ".bmp",
        ["image/tiff"] = ".tiff",
        ["image/heic"] = ".heic",
        ["image/svg+xml"] = ".svg",
        ["image/x-icon"] = ".ico",
        ["audio/mpeg"] = ".mp3",
        ["audio/mp4"] = ".m4a",
        ["audio/aac"] = ".aac",
        ["audio/ogg"] = ".ogg",
        ["audio/opus"] = ".opus",
        ["audio/wav"] = ".wav",
        ["audio/x-wav"] = ".wav",
        ["audio/amr"] = ".amr",
        ["video/mp4"] = ".mp4",
        ["video/quicktime"] = ".mov",
        ["video/webm"] = ".webm",
        ["video/x-msvideo"] = ".avi",
        ["video/x-matroska"] = ".mkv",
    };

    /// <summary>The extension, with its dot, for <paramref name="mediaType"/> (parameters such as <c>charset</c> are ignored).</summary>
    public static string For(string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(mediaType))
        {
            return Fallback;
        }

        int parameters = mediaType!.IndexOf(';');
        string bare = (parameters < 0 ? mediaType : mediaType.Substring(0, parameters)).Trim();
        return Extensions.TryGetValue(bare, out string? extension) ? extension : Fallback;
    }
}
