using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// The SDK wired through real dependency injection, with MockHttp standing in for the network (both the
/// download client and the token endpoint). Every request that reaches the network is recorded.
/// </summary>
public sealed class MockFeishu : IDisposable
{
    public const string BaseUrl = "https://open.feishu.cn";
    public const string AppId = "cli_test_app";
    public const string AppSecret = "s3cr3t-app-secret-value";
    public const string TokenPath = "/open-apis/auth/v3/tenant_access_token/internal";
    public const string TokenUrl = BaseUrl + TokenPath;

    private readonly ServiceProvider _provider;
    private int _tokensIssued;

    /// <param name="configure">Option changes; by default the limiter and retries are off so a test sees each response as sent.</param>
    /// <param name="services">Extra registrations.</param>
    /// <param name="tokenEndpoint">Whether to answer the token endpoint with fresh tokens t-token-1, t-token-2, ….</param>
    /// <param name="client">Chained onto the builder AddFeishuResources returns.</param>
    /// <param name="baseUrl">The base address the SDK is pointed at.</param>
    /// <param name="time">A clock to share between instances (it keys the process-wide limiter).</param>
    public MockFeishu(
        Action<FeishuResourcesOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        bool tokenEndpoint = true,
        Action<IHttpClientBuilder>? client = null,
        string baseUrl = BaseUrl,
        TestClock? time = null)
    {
        Time = time ?? new TestClock();
        if (tokenEndpoint)
        {
            TokenRequest = Http.When(HttpMethod.Post, baseUrl.TrimEnd('/') + TokenPath).Respond(IssueTokenAsync);
        }

        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs)));
        collection.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => new RecordingHandler(Sent, Http)));
        services?.Invoke(collection);
        IHttpClientBuilder builder = collection.AddFeishuResources(o =>
        {
            o.AppId = AppId;
            o.AppSecret = AppSecret;
            o.BaseAddress = new Uri(baseUrl);
            o.RateLimit.Enabled = false;
            o.Retry.MaxRetryAttempts = 0;
            o.Retry.MaxRateLimitRetryAttempts = 0;
            configure?.Invoke(o);
        });
        client?.Invoke(builder);
        _provider = collection.BuildServiceProvider();
    }

    public MockHttpMessageHandler Http { get; } = new();

    public TestClock Time { get; }

    public FakeLogCollector Logs { get; } = new();

    /// <summary>Every request that reached the network, in order, captured as it was sent.</summary>
    public ConcurrentQueue<SentRequest> Sent { get; } = new();

    public MockedRequest? TokenRequest { get; }

    /// <summary>The <c>expire</c> the token endpoint announces, in seconds.</summary>
    public int TokenLifetimeSeconds { get; set; } = 7200;

    /// <summary>When set, the token endpoint waits for it before answering, so concurrent callers really overlap.</summary>
    public TaskCompletionSource? TokenGate { get; set; }

    /// <summary>Completes when the token endpoint receives its first request.</summary>
    public TaskCompletionSource TokenRequested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    public IServiceProvider Services => _provider;

    public IFeishuResourceClient Client => _provider.GetRequiredService<IFeishuResourceClient>();

    public IReadOnlyList<SentRequest> SentTo(string pathFragment)
        => Sent.Where(r => r.Uri.AbsolutePath.Contains(pathFragment, StringComparison.Ordinal)).ToList();

    public IReadOnlyList<SentRequest> Downloads => Sent.Where(r => r.Method == HttpMethod.Get).ToList();

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string? logId = "20260207205010ACF56EC4AA70B6F48FE5")
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (logId is not null)
        {
            response.Headers.TryAddWithoutValidation("X-Tt-Logid", logId);
        }

        return response;
    }

    public static string ErrorBody(int code, string msg = "error", string logId = "20260207205010BODYLOGID0000000000", string troubleshooter = "https://open.feishu.cn/search?q=")
        => $$$"""{"code":{{{code}}},"msg":"{{{msg}}}","error":{"log_id":"{{{logId}}}","troubleshooter":"{{{troubleshooter}}}{{{code}}}"}}""";

    public static string TokenBody(string token, int expire, string field = "tenant_access_token")
        => $$"""{"code":0,"msg":"ok","{{field}}":"{{token}}","expire":{{expire}}}""";

    /// <summary>A file response whose Content-Disposition carries <paramref name="rawDisposition"/> as it arrives off the wire (bytes read as Latin-1).</summary>
    public static HttpResponseMessage File(byte[] body, string contentType = "application/octet-stream", string? rawDisposition = null, string logId = "20260207205010FILELOGID000000000")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (rawDisposition is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Disposition", rawDisposition);
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        response.Headers.TryAddWithoutValidation("X-Tt-Logid", logId);
        return response;
    }

    /// <summary>How .NET presents raw UTF-8 header bytes: one Latin-1 char per byte.</summary>
    public static string AsWireLatin1(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));

    public void Dispose() => _provider.Dispose();

    private async Task<HttpResponseMessage> IssueTokenAsync(HttpRequestMessage request)
    {
        TokenRequested.TrySetResult();
        if (TokenGate is { } gate)
        {
            await gate.Task;
        }

        int n = Interlocked.Increment(ref _tokensIssued);
        return Json(HttpStatusCode.OK, TokenBody("t-token-" + n, TokenLifetimeSeconds));
    }

    /// <summary>Records each request, headers and body included, before MockHttp answers it.</summary>
    private sealed class RecordingHandler(ConcurrentQueue<SentRequest> sent, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            byte[]? body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            sent.Enqueue(new SentRequest(
                request.Method,
                request.RequestUri!,
                request.RequestUri!.OriginalString,
                request.Headers.Authorization?.ToString(),
                request.Content?.Headers.ContentType?.ToString(),
                request.Content?.Headers.ContentLength,
                request.Headers.TransferEncodingChunked,
                body));
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        protected override void Dispose(bool disposing)
        {
            // The MockHttp handler is shared by every client and outlives each pipeline.
        }
    }
}

/// <summary>One request as it reached the network.</summary>
public sealed record SentRequest(
    HttpMethod Method,
    Uri Uri,
    string OriginalString,
    string? Authorization,
    string? ContentType,
    long? ContentLength,
    bool? TransferEncodingChunked,
    byte[]? Body)
{
    public string BodyText => Body is null ? string.Empty : Encoding.UTF8.GetString(Body);
}
