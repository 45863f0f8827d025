using System;

namespace QuickStart;

/// <summary>A one-line progress bar, redrawn in place; silent when the output is redirected to a file or a pipe.</summary>
internal sealed class ConsoleProgress : IProgress<long>
{
    private const int Width = 30;
    private readonly long? _total;
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private bool _drawn;

    public ConsoleProgress(long? total)
    {
        _total = total;
    }

    public void Report(long value)
    {
        if (!_interactive)
        {
            return;
        }

        string line = _total is > 0
            ? $"  [{new string('#', (int)(Width * value / _total.Value)).PadRight(Width, '.')}] {100 * value / _total.Value,3}%  {value / 1024.0 / 1024.0,8:N1} MiB"
            : $"  {value / 1024.0 / 1024.0,8:N1} MiB";
        Console.Write("\r" + line);
        _drawn = true;
    }

    /// <summary>Ends the progress line so the report starts on a fresh one.</summary>
    public void Finish()
    {
        if (_drawn)
        {
            Console.WriteLine();
        }
    }
}
