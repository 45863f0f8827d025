namespace FeishuResources.Benchmarks;

/// <summary>
/// The downloads over a socket: from <see cref="BareFeishuServer"/> on loopback, in a child process so that
/// the memory diagnoser counts only the client's allocations.
/// </summary>
public class DownloadBenchmarks : DownloadComparison
{
    private ServerProcess? _server;

    protected override (Uri BaseAddress, Func<HttpMessageHandler>? Transport) StartTransport()
    {
        _server = ServerProcess.Start();
        return (_server.BaseAddress, null);
    }

    protected override void StopTransport() => _server?.Dispose();
}
