using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Client;

/// <summary>
/// The save helpers never resume on the caller's <see cref="SynchronizationContext"/> (a UI thread that blocks on
/// them would deadlock), whether the download or the save is the step that really waits.
/// </summary>
public sealed class SurfaceSaveContextTests
{
    [Fact]
    public async Task Saving_never_continues_on_the_callers_context_when_the_download_answers_later()
    {
        using var folder = new TempFolder();
        var client = new SurfaceRecordingClient
        {
            Answer = async () =>
            {
                await Task.Delay(20).ConfigureAwait(false);
                return FeishuResourcesModelFactory.Download(new MemoryStream([1, 2, 3]), contentLength: 3);
            },
        };
        var context = new CountingSynchronizationContext();

        string path = await context.Start(() => client.DownloadFileToPathAsync("file_k", Path.Combine(folder.Path, "a.bin"))).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task Saving_never_continues_on_the_callers_context_when_the_body_arrives_later()
    {
        using var folder = new TempFolder();
        var client = new SurfaceRecordingClient
        {
            Answer = () => Task.FromResult(FeishuResourcesModelFactory.Download(new LateStream([4, 5, 6]), contentLength: 3)),
        };
        var context = new CountingSynchronizationContext();

        string path = await context.Start(() => client.DownloadMessageResourceToDirectoryAsync("om_1", "file_k", FeishuResourceType.File, folder.Path)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new byte[] { 4, 5, 6 }, File.ReadAllBytes(path));
        Assert.Equal(0, context.Posts);
    }

    /// <summary>Each read completes later, off the caller's thread.</summary>
    private sealed class LateStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            return base.Read(buffer, offset, count);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            return base.Read(buffer.Span);
        }
    }
}
