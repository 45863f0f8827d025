using System;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FeishuResources.Cli.Output;

/// <summary>
/// "12.5/293.0 KiB" while downloading, "293.0 KiB" when done. Spectre's own column divides by 1024 but
/// says KB and MB.
/// </summary>
internal sealed class DownloadedBinaryColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        if (task.IsFinished || task.IsIndeterminate)
        {
            return new Text(BinarySize.Format(task.Value));
        }

        var (power, label) = BinarySize.UnitFor(task.MaxValue);
        return new Text($"{BinarySize.Number(task.Value, power)}/{BinarySize.Number(task.MaxValue, power)} {label}");
    }
}
