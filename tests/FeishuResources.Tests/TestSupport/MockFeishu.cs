using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FeishuResources.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// The SDK wired through real dependency injection, with MockHttp standing in for the network (both the
/// download client and the token endpoint).
/// </summary>
public sealed class MockFeishu : IDisposable
{
    public const string BaseUrl = "https://open.feishu.cn";
    public const string AppId = "cli_test_app";
    public const string AppSecret = "s3cr3t-app-secret-value";
    public const string TokenUrl = BaseUrl + "/open-apis/auth/v3/tenant_access_token/internal";

    private readonly ServiceProvider _provider;

    /// <param name="configure">Option changes; by default the limiter and retries are off so a test sees each response as sent.</param>
    /// <param name="services">Extra registrations.</param>
    /// <param name="tokenEndpoint">Whether to answer the token endpoint with fresh tokens t-token-1, t-token-2, ….</param>
    /// <param name="time">A clock to share between instances (it keys the process-wide limiter).</param>
    public MockFeishu(Action<FeishuResourcesOptions>? configure = null, Action<IServiceCollection>? services = null, bool tokenEndpoint = true, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider();
        if (tokenEndpoint)
        {
            TokenRequest = Http.When(HttpMethod.Post, TokenUrl).Respond(_ =>
            {
                int n = Interlocked.Increment(ref _tokensIssued);
                return Json(HttpStatusCode.OK, $$"""{"code":0,"msg":"ok","tenant_access_token":"t-token-{{n}}","expire":7200}""");
            });
        }

        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        collection.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => Http));
        services?.Invoke(collection);
        collection.AddFeishuResources(o =>
        {
            o.AppId = AppId;
            o.AppSecret = AppSecret;
            o.BaseAddress = new Uri(BaseUrl);
            o.RateLimit.Enabled = false;
            o.Retry.MaxRetryAttempts = 0;
            o.Retry.MaxRateLimitRetryAttempts = 0;
            configure?.Invoke(o);
        });
        _provider = collection.BuildServiceProvider();
    }

    private int _tokensIssued;

    public MockHttpMessageHandler Http { get; } = new();

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public MockedRequest? TokenRequest { get; }

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    public IServiceProvider Services => _provider;

    public IFeishuResourceClient Client => _provider.GetRequiredService<IFeishuResourceClient>();

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
}
