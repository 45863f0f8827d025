using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.Benchmarks;

/// <summary>
/// The same two downloads as <see cref="DownloadBenchmarks"/>, over an in-memory transport whose body is
/// always ready. Over a socket, <c>HttpClient</c> allocates a state machine each time its read finds the
/// socket empty, which grows with the body and with the machine's timing, for the SDK and the baseline
/// alike; without a socket that is gone, and what remains is the allocation of each pipeline itself.
/// </summary>
[MemoryDiagnoser]
public class InMemoryDownloadBenchmarks
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
        var baseAddress = new Uri("https://open.feishu.cn/");
        _key = BareFeishuServer.KeyFor(Size);

        var services = new ServiceCollection().AddLogging();
        // Every client of the SDK, the token endpoint's included, talks to the in-memory transport.
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => new SyntheticFeishuHandler()));
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

        _raw = new HttpClient(new SyntheticFeishuHandler()) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BareFeishuServer.Token);

        await Sdk();
        await Raw();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _raw.Dispose();
        await _services.DisposeAsync();
    }

    /// <summary>The same download with a plain client: the request the protocol asks for, see <see cref="RawRequest"/>.</summary>
    [Benchmark(Baseline = true, Description = "raw HttpClient, in memory")]
    public Task<long> Raw() => RawRequest.DownloadAsync(_raw, _key);

    [Benchmark(Description = "SDK, in memory")]
    public async Task<long> Sdk()
    {
        await using FeishuDownload download = await _sdk.DownloadFileAsync(_key);
        await download.CopyToAsync(Stream.Null);
        return download.ContentLength ?? 0;
    }
}
