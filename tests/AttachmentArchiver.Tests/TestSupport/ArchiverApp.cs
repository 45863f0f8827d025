using System.Net;
using FeishuResources.Samples.AttachmentArchiver;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AttachmentArchiver.Tests.TestSupport;

/// <summary>The sample with test secrets, a <see cref="RecordingArchiver"/> behind its seam and its logs captured.</summary>
public sealed class ArchiverApp : WebApplicationFactory<Program>
{
    public const string Token = "verification-token-4d2a9e";
    public const string Key = "encrypt-key-9b1c77";

    private readonly IReadOnlyDictionary<string, string> _overrides;

    /// <param name="encryptKey">The Encrypt Key configured, or null for plaintext mode.</param>
    /// <param name="overrides">Further <c>Archiver</c> settings (for example a small queue).</param>
    public ArchiverApp(string? encryptKey = Key, IReadOnlyDictionary<string, string>? overrides = null)
    {
        EncryptKey = encryptKey;
        _overrides = overrides ?? new Dictionary<string, string>();
    }

    public string? EncryptKey { get; }

    public RecordingArchiver Archiver { get; } = new();

    public FakeLogCollector Logs { get; } = new();

    /// <summary>The worker the host started.</summary>
    public ArchiveWorker Worker => Services.GetServices<IHostedService>().OfType<ArchiveWorker>().Single();

    /// <summary>A POST of <paramref name="json"/> as the platform would send it: encrypted and signed when an Encrypt Key is configured.</summary>
    public HttpRequestMessage PlatformRequest(string json)
        => FeishuPlatform.Post(EncryptKey is null ? json : FeishuPlatform.Encrypt(json, EncryptKey), EncryptKey);

    /// <summary>Posts <paramref name="json"/> as the platform would (see <see cref="PlatformRequest"/>).</summary>
    public async Task<HttpResponseMessage> PushAsync(string json)
    {
        using HttpRequestMessage request = PlatformRequest(json);
        return await SendAsync(request);
    }

    /// <summary>Sends <paramref name="request"/> as it is.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using HttpClient client = CreateClient();
        return await client.SendAsync(request);
    }

    /// <summary>Sends <paramref name="request"/>, checks that it is refused with one of <paramref name="statuses"/>, and that nothing was queued.</summary>
    public async Task AssertRefusedAsync(HttpRequestMessage request, params HttpStatusCode[] statuses)
    {
        using (request)
        using (HttpResponseMessage response = await SendAsync(request))
        {
            Assert.Contains(response.StatusCode, statuses);
        }

        await AssertNextArchivedIsAsync("om_after_refusal_" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>Pushes a valid message and checks it is the next one archived: nothing refused before it was queued.</summary>
    public async Task AssertNextArchivedIsAsync(string messageId)
    {
        using HttpResponseMessage valid = await PushAsync(FeishuPlatform.MessageEvent(Token, messageId));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(messageId, (await Archiver.NextArchivedAsync()).MessageId);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Feishu:AppId", "cli_archiver_test");
        builder.UseSetting("Feishu:AppSecret", "app-secret-not-used-3f8e");
        builder.UseSetting("Archiver:VerificationToken", Token);
        builder.UseSetting("Archiver:EncryptKey", EncryptKey ?? string.Empty);
        builder.UseSetting("Archiver:ArchiveDirectory", Path.Combine(Path.GetTempPath(), "archiver-tests-unused"));
        foreach ((string key, string value) in _overrides)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new FakeLoggerProvider(Logs)));
        builder.ConfigureTestServices(services => services.AddSingleton<IMessageArchiver>(Archiver));
    }
}
