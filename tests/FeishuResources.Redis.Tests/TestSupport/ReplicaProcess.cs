using System.Diagnostics;
using System.Globalization;
using System.Text;
using FeishuResources.Testing;

namespace FeishuResources.Redis.Tests.TestSupport;

/// <summary>
/// One replica of a bot service as its own OS process (<c>dotnet FeishuResources.Redis.Replica.dll</c>): it prepares,
/// says "ready", downloads when told to go, and reports "done &lt;downloads&gt; &lt;seconds&gt; &lt;failures&gt;".
/// </summary>
public sealed class ReplicaProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ReplicaProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == "ready")
            {
                _ready.TrySetResult();
            }
            else if (line.Data?.StartsWith("done ", StringComparison.Ordinal) == true)
            {
                _done.TrySetResult(line.Data);
            }
        };
        _process.ErrorDataReceived += (_, line) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(line.Data);
            }
        };
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) =>
        {
            _ready.TrySetException(new InvalidOperationException("The replica exited before it was ready: " + Errors));
            _done.TrySetException(new InvalidOperationException("The replica exited without a result: " + Errors));
        };
    }

    /// <summary>What the replica wrote on standard error: its failures and the Redis quota's switch events.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <param name="redis">The Redis connection string, or "-" for a static share of the quota without Redis.</param>
    public static ReplicaProcess Start(FeishuEmulator emulator, string redis, int replicas, string fileKey, int downloads)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[]
        {
            ReplicaDll, emulator.BaseAddress.ToString(), emulator.AppId, emulator.AppSecret, redis,
            replicas.ToString(CultureInfo.InvariantCulture), fileKey, downloads.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var replica = new ReplicaProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
        replica._process.BeginOutputReadLine();
        replica._process.BeginErrorReadLine();
        return replica;
    }

    public Task Ready => _ready.Task;

    public void Go() => _process.StandardInput.WriteLine("go");

    /// <summary>The replica's report, once it exited with 0.</summary>
    public async Task<string> DoneAsync(TimeSpan timeout)
    {
        string report = await _done.Task.WaitAsync(timeout);
        await _process.WaitForExitAsync().WaitAsync(timeout);
        Assert.True(_process.ExitCode == 0, $"replica exited with {_process.ExitCode}: {Errors}");
        return report;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    /// <summary>The replica app, built beside this test project (its output folder mirrors ours).</summary>
    private static string ReplicaDll
    {
        get
        {
            string ours = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            string replica = ours.Replace("FeishuResources.Redis.Tests", "FeishuResources.Redis.Replica", StringComparison.Ordinal);
            return Path.Combine(replica, "FeishuResources.Redis.Replica.dll");
        }
    }
}
