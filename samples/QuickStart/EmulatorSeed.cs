using System;
using System.Collections.Generic;
using System.Text;
using FeishuResources;
using FeishuResources.Testing;

namespace QuickStart;

/// <summary>What the emulator serves in the no-configuration run: a Chinese-named PDF the bot uploaded, an image in a message, a 50 MiB video in a message.</summary>
internal static class EmulatorSeed
{
    private const string MessageWithImage = "om_dc13264520392913993dd051dba21dcf";
    private const string MessageWithVideo = "om_x100b4d2e5f0a9c3b8e1f7d6a5c4b3a21";

    /// <summary>A 1×1 PNG, so the image is a real one.</summary>
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    public static IReadOnlyList<DownloadTarget> Seed(FeishuEmulator emulator)
    {
        byte[] pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        emulator.AddFile("file_v3_0010j_quarterly_report", FeishuEmulatorContent.FromBytes(pdf), "application/pdf", "季度报告-2026年第一季度.pdf");
        emulator.AddMessageResource(MessageWithImage, "img_v3_0211j_team_photo", FeishuResourceType.Image, FeishuEmulatorContent.FromBytes(Convert.FromBase64String(TinyPng)), "image/png");
        emulator.AddMessageResource(MessageWithVideo, "file_v3_0010j_product_demo", FeishuResourceType.File, FeishuEmulatorContent.Generated(50L * 1024 * 1024), "video/mp4", "产品演示 🎬.mp4");

        return
        [
            DownloadTarget.BotFile("file_v3_0010j_quarterly_report"),
            DownloadTarget.MessageResource(MessageWithImage, "img_v3_0211j_team_photo", FeishuResourceType.Image),
            DownloadTarget.MessageResource(MessageWithVideo, "file_v3_0010j_product_demo", FeishuResourceType.File),
        ];
    }
}
