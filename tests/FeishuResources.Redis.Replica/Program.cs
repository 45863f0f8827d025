using System.Diagnostics;
using System.Globalization;
using FeishuResources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// dotnet FeishuResources.Redis.Replica.dll <baseUrl> <appId> <appSecret> <redis|-> <expectedReplicas> <fileKey> <downloads> [perSecond]
// A replica of a bot service: it connects, prints "ready", waits for a line on standard input, then downloads the
// file <downloads> times at once, paying its quota through Redis (or, with "-", a static 1/<expectedReplicas> share),
// and prints "done <downloads> <seconds> <failures>". Log events of the Redis quota go to standard error.
if (args.Length < 7)
{
    Console.Error.WriteLine("usage: <baseUrl> <appId> <appSecret> <redis|-> <expectedReplicas> <fileKey> <downloads> [perSecond]");
    return 2;
}

string redis = args[3];
int replicas = int.Parse(args[4], CultureInfo.InvariantCulture);
int downloads = int.Parse(args[6], CultureInfo.InvariantCulture);
int perSecond = args.Length > 7 ? int.Parse(args[7], CultureInfo.InvariantCulture) : 50;

var services = new ServiceCollection().AddLogging(logging => logging.AddProvider(new StandardErrorLogger()));
IHttpClientBuilder client = services.AddFeishuResources(options =>
{
    options.BaseAddress = new Uri(args[0]);
    options.AppId = args[1];
    options.AppSecret = args[2];
    options.RateLimit.PermitsPerSecond = redis == "-" ? Math.Max(1, perSecond / replicas) : perSecond;
    options.RateLimit.PermitsPerMinute = redis == "-" ? 1000 / replicas : 1000;
});
if (redis != "-")
{
    client.UseRedisQuota(redis, quota =>
    {
        quota.ExpectedReplicas = replicas;

        // A test run lasts seconds: probe a restarted Redis often enough to return to it before the downloads end.
        quota.MaxProbeInterval = TimeSpan.FromMilliseconds(500);
    });
}

await using ServiceProvider provider = services.BuildServiceProvider();
IFeishuResourceClient feishu = provider.GetRequiredService<IFeishuResourceClient>();
// The token and the connection to Redis are made before the start, as in a service that has been running.
await DownloadAsync(feishu, args[5]);
Console.WriteLine("ready");
_ = Console.ReadLine();

int failures = 0;
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, downloads).Select(async _ =>
{
    try
    {
        await DownloadAsync(feishu, args[5]);
    }
    catch (Exception ex)
    {
        Interlocked.Increment(ref failures);
        Console.Error.WriteLine(ex.GetType().Name + ": " + ex.Message);
    }
}));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {downloads} {clock.Elapsed.TotalSeconds:0.000} {failures}"));
return failures == 0 ? 0 : 1;

static async Task DownloadAsync(IFeishuResourceClient feishu, string fileKey)
{
    await using FeishuDownload download = await feishu.DownloadFileAsync(fileKey);
    await download.Content.CopyToAsync(Stream.Null);
}

/// <summary>Warnings and above, one line each, on standard error: enough to see the quota fall back and return.</summary>
internal sealed class StandardErrorLogger : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel) && eventId.Id is 5001 or 5002)
        {
            Console.Error.WriteLine($"{eventId.Name}: {formatter(state, exception)}");
        }
    }

    public void Dispose()
    {
    }
}
