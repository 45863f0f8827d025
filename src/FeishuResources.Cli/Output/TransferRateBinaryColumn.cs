using System;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FeishuResources.Cli.Output;

/// <summary>The download's speed in binary units ("4.2 MiB/s"), as <see cref="DownloadedBinaryColumn"/> counts its bytes.</summary>
internal sealed class TransferRateBinaryColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        => task.Speed is { } bytesPerSecond ? new Text(BinarySize.Format(bytesPerSecond) + "/s") : Text.Empty;
}
