using System.Diagnostics;

namespace FeishuResources.Cli.Tests.TestSupport;

/// <summary>
/// The CLI running as a process, both of its output streams drained as they arrive — a child that writes
/// much to either can never block on a full pipe — into writers a test can read or wait on.
/// </summary>
public sealed class CliProcess : IDisposable
{
    public CliProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Append(Out, e.Data);
        process.ErrorDataReceived += (_, e) => Append(Error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public SyncStringWriter Out { get; } = new();

    public SyncStringWriter Error { get; } = new();

    /// <summary>Kills the process if a test left it running.</summary>
    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    private static void Append(SyncStringWriter writer, string? line)
    {
        // A null line is the end of the stream.
        if (line is not null)
        {
            writer.WriteLine(line);
        }
    }
}
