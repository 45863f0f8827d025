using System.Text;

namespace FeishuResources.Cli.Tests.TestSupport;

/// <summary>
/// A string writer that several downloads may write to at once, and a test may read — or wait on for a line —
/// while the command runs.
/// </summary>
public sealed class SyncStringWriter : StringWriter
{
    private readonly object _gate = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            base.Write(value);
            if (value == '\n')
            {
                Signal();
            }
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            base.Write(value);
            if (value?.Contains('\n') == true)
            {
                Signal();
            }
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            base.Write(buffer, index, count);
            if (Array.IndexOf(buffer, '\n', index, count) >= 0)
            {
                Signal();
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return base.ToString();
        }
    }

    /// <summary>The first complete line that matches, as soon as it is written; a <see cref="TimeoutException"/> if none comes in time.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((match, found));
            Signal();
        }

        return found.Task.WaitAsync(timeout);
    }

    private void Signal()
    {
        if (_waiters.Count == 0)
        {
            return;
        }

        // The text after the last newline is a line still being written.
        string[] lines = base.ToString().ReplaceLineEndings("\n").Split('\n')[..^1];
        _waiters.RemoveAll(waiter => lines.FirstOrDefault(waiter.Match) is { } line && waiter.Found.TrySetResult(line));
    }
}
