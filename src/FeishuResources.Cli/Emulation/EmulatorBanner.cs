using System;
using System.Collections.Generic;
using FeishuResources.Cli.Output;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Emulation;

/// <summary>What the emulator command announces: where it listens, its (made-up) credentials and what it serves.</summary>
internal sealed record EmulatorBanner(Uri BaseAddress, string AppId, string AppSecret, IReadOnlyList<SeededSample> Resources)
{
    public IEnumerable<string> Describe()
    {
        yield return $"Feishu emulator listening on {BaseAddress}";
        yield return $"  app id:     {AppId}";
        yield return $"  app secret: {AppSecret}   (the emulator's own, not a real credential)";
        yield return string.Empty;
        yield return "Seeded resources:";
        foreach (SeededSample resource in Resources)
        {
            yield return $"  {Command(resource.Target)}";
            yield return $"      {resource.FileName ?? "(no name)"}, {resource.ContentType}, {PlainText.Bytes(resource.Length)}";
        }

        yield return string.Empty;
        yield return "Try, in another terminal:";
        yield return $"  export FEISHU_APP_ID={AppId} FEISHU_APP_SECRET={AppSecret}";
        foreach (SeededSample resource in Resources)
        {
            yield return $"  feishu-resources {Command(resource.Target)} --base-url {BaseAddress}";
        }

        yield return string.Empty;
        yield return "Press Ctrl+C to stop.";
    }

    private static string Command(DownloadTarget target)
        => target.MessageId is null
            ? "file " + target.FileKey
            : $"message {target.MessageId} {target.FileKey} --type {ResourceTypeNames.Format(target.Type)}";
}
