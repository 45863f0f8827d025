using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// What a save leaves on disk while it runs and after it ends: a hidden partial file that nobody can pass off
/// as the download, and after a restart from the first byte exactly the body that was started over with.
/// </summary>
public sealed class Mut7XaSaveTests
{
    private const string Key = "file_held";
    private const long Size = 200_000;
    private const long HoldAt = 50_000;

    [Fact]
    public async Task A_save_under_way_is_one_hidden_partial_file_beside_the_target()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var body = ServeHeld(feishu);
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);
        Task<string> saving = download.SaveToFileAsync(Path.Combine(folder.Path, "report.bin"));
        await body.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));

        string partial = Assert.Single(folder.Names());
        Assert.Matches(new Regex("^\\.feishu-[0-9a-f]{32}\\.partial$"), partial);

        body.Release.SetResult();
        await saving.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { "report.bin" }, folder.Names());
    }

    [Fact]
    public async Task A_partial_file_replaced_while_the_save_runs_fails_the_save_and_nothing_lands_at_the_target()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var body = ServeHeld(feishu);
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "report.bin");

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);
        Task<string> saving = download.SaveToFileAsync(target);
        await body.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        string partial = Path.Combine(folder.Path, Assert.Single(folder.Names()));
        File.Delete(partial);
        File.WriteAllText(partial, "not the download");
        body.Release.SetResult();

        var ex = await Assert.ThrowsAsync<IOException>(() => saving.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("'" + target + "'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("replaced by someone else", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task A_save_started_over_by_a_whole_answer_holds_exactly_that_answer()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        const long Shorter = 30_000;
        var server = new FakeResourceServer(feishu, Size)
        {
            OmitLength = true,
            DropAfter = i => i == 0 ? 100_000 : null,

            // The resume is answered whole, and the whole body (of undeclared length) is shorter than what the
            // first answer had already delivered.
            Intercept = i => i == 1 ? WholeAnswer(new PatternStream(0, Shorter), declared: null) : null,
        };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin"));

        Assert.Equal(PatternStream.Sha256(Shorter), HashingSink.HashOfFile(path));
        Assert.Equal(new[] { null, "bytes=100000-" }, server.Ranges);
    }

    [Fact]
    public async Task A_resume_answered_with_the_whole_of_a_different_resource_fails_the_save_and_leaves_no_file()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? 100_000 : null,
            Intercept = i => i >= 1 ? WholeAnswer(new PatternStream(0, Size + 1), declared: Size + 1) : null,
        };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(ex.RangeIgnored);
        Assert.Equal(2, server.Ranges.Count);
        Assert.Empty(folder.Names());
    }

    private static HttpResponseMessage WholeAnswer(Stream body, long? declared)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = declared;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private static HeldBody ServeHeld(MockFeishu feishu)
    {
        var body = new HeldBody();
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/" + Key).Respond(_ =>
        {
            var content = new StreamContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = Size;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        return body;
    }

    /// <summary>The generated bytes of the resource, held after <see cref="HoldAt"/> of them until released.</summary>
    private sealed class HeldBody : StubStream
    {
        private readonly PatternStream _bytes = new(0, Size);
        private long _position;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool CanRead => true;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= HoldAt)
            {
                Reached.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }

            long allowed = _position < HoldAt ? HoldAt - _position : long.MaxValue;
            int read = _bytes.Read(buffer.Span[..(int)Math.Min(buffer.Length, allowed)]);
            _position += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
