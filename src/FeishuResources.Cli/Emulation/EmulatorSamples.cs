using System;
using System.Collections.Generic;
using System.Text;
using FeishuResources.Cli.Running;
using FeishuResources.Testing;

namespace FeishuResources.Cli.Emulation;

/// <summary>
/// What <c>feishu-resources emulator</c> serves for manual trials: a file the bot uploaded with a Chinese
/// name, an image and a document in a message, and a 150 MiB video that only downloads in ranges.
/// </summary>
internal static class EmulatorSamples
{
    private const string Message = "om_7f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c";

    /// <summary>The smallest valid PNG, so the image opens in a viewer.</summary>
    private static readonly byte[] OnePixelPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static IReadOnlyList<SeededSample> Seed(FeishuEmulator emulator)
    {
        var notes = FeishuEmulatorContent.FromBytes(Encoding.UTF8.GetBytes("会议纪要\n1. 发布计划按期推进。\n2. 下周复盘。\n"));
        (DownloadTarget Target, FeishuEmulatorContent Content, string ContentType, string? FileName)[] seeds =
        [
            (DownloadTarget.BotFile("file_v3_00cli_meeting_notes"), notes, "text/plain; charset=utf-8", "会议纪要 2026-03.txt"),
            (DownloadTarget.InMessage(Message, "img_v3_02cli_whiteboard", FeishuResourceType.Image), FeishuEmulatorContent.FromBytes(OnePixelPng), "image/png", null),
            (DownloadTarget.InMessage(Message, "file_v3_00cli_budget", FeishuResourceType.File), FeishuEmulatorContent.Generated(2L * 1024 * 1024), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "预算表 Q2.xlsx"),
            (DownloadTarget.InMessage(Message, "file_v3_00cli_launch_video", FeishuResourceType.File), FeishuEmulatorContent.Generated(150L * 1024 * 1024), "video/mp4", "发布会录像.mp4"),
        ];

        var samples = new List<SeededSample>(seeds.Length);
        foreach (var (target, content, contentType, fileName) in seeds)
        {
            if (target.MessageId is { } messageId)
            {
                emulator.AddMessageResource(messageId, target.FileKey, target.Type, content, contentType, fileName);
            }
            else
            {
                emulator.AddFile(target.FileKey, content, contentType, fileName);
            }

            samples.Add(new SeededSample(target, fileName, contentType, content.Length));
        }

        return samples;
    }
}
