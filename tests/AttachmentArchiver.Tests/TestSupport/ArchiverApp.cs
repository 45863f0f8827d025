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

    /// <summary>Posts <paramref name="body"/> as the platform would: encrypted and signed when an Encrypt Key is configured.</summary>
    public async Task<HttpResponseMessage> PushAsync(string body)
    {
        using HttpClient client = CreateClient();
        using HttpRequestMessage request = FeishuPlatform.Post(EncryptKey is null ? body : FeishuPlatform.Encrypt(body, EncryptKey), EncryptKey);
        return await client.SendAsync(request);
    }

    /// <summary>Sends <paramref name="request"/> as it is.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using HttpClient client = CreateClient();
        return await client.SendAsync(request);
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
