namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A network stand-in whose download answers are scripted per call (with the cancellation token, so
/// it can stall until cancelled); everything else, such as the token endpoint, goes to <paramref name="fallback"/>.
/// </summary>
public sealed class ScriptedHandler(HttpMessageHandler fallback, Func<int, CancellationToken, Task<HttpResponseMessage>> downloads) : DelegatingHandler(fallback)
{
    private int _downloads;

    public int DownloadCount => Volatile.Read(ref _downloads);

    public static async Task<HttpResponseMessage> StallAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => request.RequestUri!.AbsolutePath.Contains("/im/v1/", StringComparison.Ordinal)
            ? downloads(Interlocked.Increment(ref _downloads), cancellationToken)
            : base.SendAsync(request, cancellationToken);
}
