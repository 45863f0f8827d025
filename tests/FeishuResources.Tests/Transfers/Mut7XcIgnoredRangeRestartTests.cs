using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A resume answered with the whole body (200) instead of the missing range: a save starts over with that body
/// when it is the same resource (its size agrees, or the whole body does not state one), a body dropped before its
/// first byte simply continues with it, and every such answer the SDK does not keep is closed.
/// </summary>
public sealed class Mut7XcIgnoredRangeRestartTests
{
    private const long Size = 300_000;
    private const long DroppedAt = 70_000;

    [Fact]
    public async Task A_save_whose_resume_is_answered_with_the_whole_body_without_a_length_starts_over_and_writes_every_byte()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? DroppedAt : null,
            Intercept = i => i == 1 ? Whole(new PatternStream(0, Size), declaredLength: null) : null,
        };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin"));

        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));
        Assert.Equal(new[] { null, "bytes=70000-" }, server.Ranges);
    }

    [Theory]
    [InlineData(DroppedAt)]
    [InlineData(0)]
    public async Task A_save_of_undeclared_length_whose_resume_is_answered_with_the_whole_declared_body_ends_at_that_length(long droppedAt)
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, Size)
        {
            OmitLength = true,
            DropAfter = i => i == 0 ? droppedAt : null,
            Intercept = i => i == 1 ? Whole(new PatternStream(0, Size), declaredLength: Size) : null,
        };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));
        Assert.Equal(new[] { null, $"bytes={droppedAt}-" }, server.Ranges);
    }

    [Fact]
    public async Task A_body_dropped_before_its_first_byte_whose_resume_is_answered_with_the_whole_body_is_read_whole()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, Size) { IgnoreRange = true, DropAfter = i => i == 0 ? 0 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        byte[] hash = await HashingSink.HashOfAsync(download.Content);

        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.Equal(new[] { null, "bytes=0-" }, server.Ranges);
    }

    [Fact]
    public async Task A_resume_answered_with_a_whole_body_of_another_size_fails_the_save_and_closes_that_answer()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var other = new Mut7XcDisposeRecordingStream(new PatternStream(0, Size + 1));
        _ = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? DroppedAt : null,
            Intercept = i => i == 1 ? Whole(other, declaredLength: Size + 1) : null,
        };
        using var folder = new TempFolder();

        await using (FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey))
        {
            var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")));

            Assert.Contains("ignored the Range", ex.Message, StringComparison.Ordinal);
            Assert.Equal(DroppedAt, ex.BytesReceived);
            Assert.Equal(Size, ex.BytesExpected);
        }

        Assert.True(other.Disposed, "The 200 answer of another size was left open.");
        Assert.Empty(folder.Names());
    }

    [Fact]
    public async Task Every_whole_body_answering_a_resume_of_a_read_is_closed_when_the_download_is()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var answers = new List<Mut7XcDisposeRecordingStream>();
        _ = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? DroppedAt : null,
            Intercept = i =>
            {
                if (i == 0)
                {
                    return null;
                }

                var body = new Mut7XcDisposeRecordingStream(new PatternStream(0, Size));
                lock (answers)
                {
                    answers.Add(body);
                }

                return Whole(body, declaredLength: Size);
            },
        };

        await using (FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey))
        {
            var buffer = new byte[81_920];
            for (int attempt = 0; attempt < 2; attempt++)
            {
                var ex = await Assert.ThrowsAsync<FeishuDownloadException>(async () =>
                {
                    while (await download.Content.ReadAsync(buffer) > 0)
                    {
                    }
                });
                Assert.Contains("ignored the Range", ex.Message, StringComparison.Ordinal);
            }
        }

        Assert.Equal(2, answers.Count);
        Assert.All(answers, body => Assert.True(body.Disposed, "A 200 answer to a resume was left open."));
    }

    private static HttpResponseMessage Whole(Stream body, long? declaredLength)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = declaredLength;
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        response.Headers.TryAddWithoutValidation("X-Tt-Logid", FakeResourceServer.LogId);
        return response;
    }
}
