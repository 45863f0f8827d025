using System.Collections.Generic;
using System.Linq;
using FeishuResources.Cli.Emulation;

namespace FeishuResources.Cli.Json;

/// <summary>The running emulator in <c>--json</c> output: where it listens, its credentials (no <c>appSecret</c> when it is the user's) and what it serves.</summary>
internal sealed record JsonEmulatorRecord(string Kind, string BaseUrl, string AppId, string? AppSecret, IReadOnlyList<JsonItemRecord> Resources)
{
    public static JsonEmulatorRecord From(EmulatorBanner banner) => new(
        "emulator",
        banner.BaseAddress.ToString(),
        banner.AppId,
        banner.AppSecret,
        banner.Resources.Select(resource => resource.ToJson()).ToList());
}
