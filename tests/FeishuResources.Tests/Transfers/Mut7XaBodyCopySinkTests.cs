using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A copy hands the caller's destination to the response body's own copy (through the body's checks). Whatever
/// write or flush that copy uses, the bytes must be checked, counted and reported, and a destination that fails
/// must surface as it is, never be taken for a dropped connection.
/// </summary>
public sealed class Mut7XaBodyCopySinkTests
{
    private const string Key = "file_copied";
    private const long Size = 5_500;

    [Theory]
    [InlineData(Mut7XaWriteStyle.Synchronous)]
    [InlineData(Mut7XaWriteStyle.ArrayAsync)]
    [InlineData(Mut7XaWriteStyle.MemoryAsync)]
    public async Task A_body_copying_with_any_write_arrives_whole_and_its_progress_ends_at_the_total(Mut7XaWriteStyle writes)
    {
        using var feishu = new MockFeishu();
        var answered = Serve(feishu, () => new Mut7XaCopyingBody(Size, writes), declared: Size);
        var destination = new Mut7XaDestination();
        var progress = new RecordingProgress();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);
        await download.CopyToAsync(destination, progress);

        Assert.Equal(Enumerable.Range(0, (int)Size).Select(i => PatternStream.ByteAt(i)).ToArray(), destination.Bytes);
        Assert.Equal(Size, progress.Reports[^1]);
        Assert.Single(answered());
    }

    [Theory]
    [InlineData(Mut7XaWriteStyle.Synchronous)]
    [InlineData(Mut7XaWriteStyle.ArrayAsync)]
    [InlineData(Mut7XaWriteStyle.MemoryAsync)]
    public async Task A_body_copying_more_than_its_declared_length_with_any_write_fails(Mut7XaWriteStyle writes)
    {
        using var feishu = new MockFeishu();
        _ = Serve(feishu, () => new Mut7XaCopyingBody(Size, writes), declared: 2_500);
        var destination = new Mut7XaDestination();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(destination));

        Assert.Contains("more than its declared 2500 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2_000, destination.Bytes.Length);
    }

    [Theory]
    [InlineData(Mut7XaWriteStyle.Synchronous, Mut7XaFlushStyle.None)]
    [InlineData(Mut7XaWriteStyle.ArrayAsync, Mut7XaFlushStyle.None)]
    [InlineData(Mut7XaWriteStyle.MemoryAsync, Mut7XaFlushStyle.None)]
    [InlineData(Mut7XaWriteStyle.MemoryAsync, Mut7XaFlushStyle.Synchronous)]
    [InlineData(Mut7XaWriteStyle.MemoryAsync, Mut7XaFlushStyle.Asynchronous)]
    public async Task A_destination_whose_write_or_flush_throws_surfaces_as_it_is_and_is_never_resumed(Mut7XaWriteStyle writes, Mut7XaFlushStyle flush)
    {
        using var feishu = new MockFeishu();
        var pipeClosed = new IOException("The pipe is being closed.");
        var answered = Serve(feishu, () => new Mut7XaCopyingBody(Size, writes, flush), declared: Size);
        var destination = flush == Mut7XaFlushStyle.None ? new Mut7XaDestination { FailWrites = pipeClosed } : new Mut7XaDestination { FailFlushes = pipeClosed };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);
        var thrown = await Assert.ThrowsAsync<IOException>(() => download.CopyToAsync(destination));

        Assert.Same(pipeClosed, thrown);
        Assert.Single(answered());
    }

    [Theory]
    [InlineData(Mut7XaFlushStyle.Synchronous)]
    [InlineData(Mut7XaFlushStyle.Asynchronous)]
    public async Task A_body_copy_that_flushes_flushes_the_callers_destination(Mut7XaFlushStyle flush)
    {
        using var feishu = new MockFeishu();
        _ = Serve(feishu, () => new Mut7XaCopyingBody(Size, Mut7XaWriteStyle.Synchronous, flush), declared: Size);
        var destination = new Mut7XaDestination();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);
        await download.CopyToAsync(destination);

        Assert.Equal(1, destination.Flushes);
        Assert.Equal(Size, destination.Bytes.Length);
    }

    [Fact]
    public async Task The_stream_a_body_copies_into_can_be_written_but_neither_read_nor_sought()
    {
        using var feishu = new MockFeishu();
        var body = new Mut7XaCopyingBody(Size, Mut7XaWriteStyle.MemoryAsync);
        _ = Serve(feishu, () => body, declared: Size);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);
        await download.CopyToAsync(new MemoryStream());

        Assert.Equal((false, false, true), body.DestinationAbilities);
    }

    [Fact]
    public async Task A_copied_download_releases_its_response_when_disposed()
    {
        using var feishu = new MockFeishu();
        var answered = Serve(feishu, () => new Mut7XaCopyingBody(Size, Mut7XaWriteStyle.MemoryAsync), declared: Size);

        FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);
        await download.CopyToAsync(new MemoryStream());
        download.Dispose();

        Assert.True(Assert.Single(answered()).Disposed);
    }

    /// <summary>Answers the file <see cref="Key"/> with a fresh body each time; returns the contents answered so far.</summary>
    private static Func<IReadOnlyList<Mut7XaDirectContent>> Serve(MockFeishu feishu, Func<Stream> body, long declared)
    {
        var answered = new List<Mut7XaDirectContent>();
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/" + Key).Respond(_ =>
        {
            var content = new Mut7XaDirectContent(body());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = declared;
            lock (answered)
            {
                answered.Add(content);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        return () =>
        {
            lock (answered)
            {
                return answered.ToArray();
            }
        };
    }
}
