using System;
using System.Collections.Generic;
using FeishuResources;

namespace QuickStart;

/// <summary>Reads the command-line arguments of a run against the real platform.</summary>
internal static class RealPlatformTargets
{
    public const string Usage =
        "Usage: dotnet run --project samples/QuickStart -- <target>...\n" +
        "  FILE_KEY                      a file the bot uploaded\n" +
        "  MESSAGE_ID/FILE_KEY[/image]   a resource inside a message (type file unless /image)";

    public static bool TryParse(string[] args, out IReadOnlyList<DownloadTarget> targets, out string? problem)
    {
        var parsed = new List<DownloadTarget>();
        targets = parsed;
        problem = null;
        if (args.Length == 0)
        {
            problem = "FEISHU_APP_ID and FEISHU_APP_SECRET are set, so pass the keys to download from the real platform.";
            return false;
        }

        foreach (string arg in args)
        {
            string[] parts = arg.Split('/');
            DownloadTarget? target = parts switch
            {
                [var fileKey] when fileKey.Length > 0 => DownloadTarget.BotFile(fileKey),
                [var messageId, var fileKey] when messageId.Length > 0 && fileKey.Length > 0 => DownloadTarget.MessageResource(messageId, fileKey, FeishuResourceType.File),
                [var messageId, var fileKey, var type] when messageId.Length > 0 && fileKey.Length > 0 && type is "image" or "file"
                    => DownloadTarget.MessageResource(messageId, fileKey, type == "image" ? FeishuResourceType.Image : FeishuResourceType.File),
                _ => null,
            };
            if (target is null)
            {
                problem = $"Cannot read the target '{arg}'.";
                return false;
            }

            parsed.Add(target);
        }

        return true;
    }
}
