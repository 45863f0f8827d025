using System.Diagnostics;
using StackExchange.Redis;

namespace FeishuResources.Redis.Tests.TestSupport;

/// <summary>
/// A real redis-server of our own, listening only on a Unix socket in a temporary folder (no TCP port, no race for
/// one), without persistence. It can be killed and started again on the same socket.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("feishu-redis-").FullName;
    private Process? _process;

    private RedisServer()
    {
    }

    /// <summary>The socket path: also a StackExchange.Redis connection string.</summary>
    public string Socket => Path.Combine(_folder, "redis.sock");

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        await server.RestartAsync();
        return server;
    }

    /// <summary>A connection of the test's own, to look at keys.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = new ConfigurationOptions { AllowAdmin = true };
        options.EndPoints.Add(new System.Net.Sockets.UnixDomainSocketEndPoint(Socket));
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash or a lost host would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
        File.Delete(Socket);
    }

    /// <summary>Starts the server (again) on the same socket, empty, and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        Kill();
        var start = new ProcessStartInfo("redis-server")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { "--port", "0", "--unixsocket", Socket, "--save", "", "--appendonly", "no", "--dir", _folder })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (!File.Exists(Socket))
        {
            if (_process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new InvalidOperationException($"redis-server did not open {Socket}.");
            }

            await Task.Delay(20);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
