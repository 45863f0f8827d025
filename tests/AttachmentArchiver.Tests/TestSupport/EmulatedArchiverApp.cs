using FeishuResources.Samples.AttachmentArchiver;
using FeishuResources.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AttachmentArchiver.Tests.TestSupport;

/// <summary>
/// The sample as deployed — its own <see cref="FeishuMessageArchiver"/> downloading through the SDK — against an
/// emulated Feishu, archiving into a temporary folder; each archive's end is signalled to the test.
/// </summary>
public sealed class EmulatedArchiverApp : WebApplicationFactory<Program>
{
    private readonly FeishuEmulator _emulator;

    public EmulatedArchiverApp(FeishuEmulator emulator, string archiveDirectory)
    {
        _emulator = emulator;
        ArchiveDirectory = archiveDirectory;
    }

    public string ArchiveDirectory { get; }

    public RecordingArchiver Archived { get; } = new();

    public FakeLogCollector Logs { get; } = new();

    public async Task<HttpResponseMessage> PushAsync(string json)
    {
        using HttpRequestMessage request = FeishuPlatform.Post(FeishuPlatform.Encrypt(json, ArchiverApp.Key), ArchiverApp.Key);
        using HttpClient client = CreateClient();
        return await client.SendAsync(request);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Feishu:AppId", _emulator.AppId);
        builder.UseSetting("Feishu:AppSecret", _emulator.AppSecret);
        builder.UseSetting("Feishu:BaseAddress", _emulator.BaseAddress.ToString());
        builder.UseSetting("Archiver:VerificationToken", ArchiverApp.Token);
        builder.UseSetting("Archiver:EncryptKey", ArchiverApp.Key);
        builder.UseSetting("Archiver:ArchiveDirectory", ArchiveDirectory);
        builder.ConfigureLogging(logging => logging.AddProvider(new FakeLoggerProvider(Logs)));
        // The real archiver does the work; the recording one after it only tells the test that it finished.
        builder.ConfigureTestServices(services => services.AddSingleton<IMessageArchiver>(provider => new ThenSignal(
            ActivatorUtilities.CreateInstance<FeishuMessageArchiver>(provider), Archived)));
    }

    private sealed class ThenSignal(IMessageArchiver archiver, RecordingArchiver signal) : IMessageArchiver
    {
        public async Task ArchiveAsync(ReceivedMessage message, CancellationToken cancellationToken)
        {
            try
            {
                await archiver.ArchiveAsync(message, cancellationToken);
            }
            finally
            {
                await signal.ArchiveAsync(message, cancellationToken);
            }
        }
    }
}
