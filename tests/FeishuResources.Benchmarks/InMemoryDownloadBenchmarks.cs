namespace FeishuResources.Benchmarks;

/// <summary>
/// The downloads over an in-memory transport whose body is always ready (<see cref="SyntheticFeishuHandler"/>).
/// Over a socket, <c>HttpClient</c> allocates a state machine each time its read finds the socket empty,
/// which grows with the body and with the machine's timing, for the SDK and the baseline alike; without a
/// socket that is gone, and what remains is the allocation of each pipeline itself.
/// </summary>
public class InMemoryDownloadBenchmarks : DownloadComparison
{
    protected override (Uri BaseAddress, Func<HttpMessageHandler>? Transport) StartTransport()
        => (new Uri("https://open.feishu.cn/"), static () => new SyntheticFeishuHandler());

    protected override void StopTransport()
    {
    }
}
