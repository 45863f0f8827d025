using System;
using System.Collections.Generic;
using FeishuResources.Cli.Output;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Emulation;

/// <summary>
/// What the emulator command announces: where it listens, the credentials it accepts and what it serves.
/// <see cref="AppSecret"/> is <see langword="null"/> when the secret is the user's: it is never printed.
/// </summary>
internal sealed record EmulatorBanner(Uri BaseAddress, string AppId, string? AppSecret, IReadOnlyList<SeededSample> Resources)
{
    public IEnumerable<string> Describe()
    {
        yield return $"Feishu emulator listening on {BaseAddress}";
        yield return $"  app id:     {AppId}";
        yield return AppSecret is null
            ? "  app secret: the one you gave it (not printed)"
            : $"  app secret: {AppSecret}   (the emulator's own, not a real credential)";
        yield return string.Empty;
        yield return "Seeded resources:";
        foreach (SeededSample resource in Resources)
        {
            yield return $"  {Command(resource.Target)}";
            yield return $"      {resource.FileName ?? "(no name)"}, {resource.ContentType}, {PlainText.Bytes(resource.Length)}";
        }

        yield return string.Empty;
        yield return "Try, in another terminal:";
        yield return AppSecret is null
            ? $"  export {ConnectionSettings.AppIdVariable}={AppId} {ConnectionSettings.AppSecretVariable}=<the secret you gave the emulator>"
            : $"  export {ConnectionSettings.AppIdVariable}={AppId} {ConnectionSettings.AppSecretVariable}={AppSecret}";
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
