using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.Benchmarks;

/// <summary>
/// One download through the SDK against the same download through a plain <see cref="HttpClient"/> (the
/// baseline), both streamed to <see cref="Stream.Null"/>. The SDK runs its whole pipeline — cached token,
/// client-side limiter, retries, timeouts, error classification and the checked body — with a quota so
/// large the limiter never waits ("open"), so what differs is its cost. Subclasses choose the transport.
/// </summary>
[MemoryDiagnoser]
public abstract class DownloadComparison
{
    private ServiceProvider _services = null!;
    private IFeishuResourceClient _sdk = null!;
    private HttpClient _raw = null!;
    private string _key = null!;

    /// <summary>1 KiB, 1 MiB, 10 MiB and 90 MiB.</summary>
    [Params(1024, 1024 * 1024, 10 * 1024 * 1024, 90 * 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (Uri baseAddress, Func<HttpMessageHandler>? transport) = StartTransport();
        _key = BareFeishuServer.KeyFor(Size);

        var services = new ServiceCollection().AddLogging();
        if (transport is not null)
        {
            // Every client of the SDK, the token endpoint's included, talks to the same transport.
            services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(transport));
        }

        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_benchmark_" + Guid.NewGuid().ToString("N")[..12];
            o.AppSecret = "benchmark-secret";
            o.BaseAddress = baseAddress;
            o.RateLimit.PermitsPerSecond = 1_000_000;
            o.RateLimit.PermitsPerMinute = 10_000_000;
        });
        _services = services.BuildServiceProvider();
        _sdk = _services.GetRequiredService<IFeishuResourceClient>();

        _raw = new HttpClient(transport?.Invoke() ?? new SocketsHttpHandler()) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BareFeishuServer.Token);

        // Fetch the token and open the connections before anything is measured.
        await Sdk();
        await Raw();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _raw.Dispose();
        await _services.DisposeAsync();
        StopTransport();
    }

    /// <summary>The same download with a plain client: the request the protocol asks for, see <see cref="RawRequest"/>.</summary>
    [Benchmark(Baseline = true, Description = "raw HttpClient")]
    public Task<long> Raw() => RawRequest.DownloadAsync(_raw, _key);

    [Benchmark(Description = "SDK")]
    public async Task<long> Sdk()
    {
        await using FeishuDownload download = await _sdk.DownloadFileAsync(_key);
        await download.CopyToAsync(Stream.Null);
        return download.ContentLength ?? 0;
    }

    /// <summary>The base address to download from, and the handler to reach it with (null: the default, over sockets).</summary>
    protected abstract (Uri BaseAddress, Func<HttpMessageHandler>? Transport) StartTransport();

    protected abstract void StopTransport();
}
