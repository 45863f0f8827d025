using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Client;

/// <summary>
/// A library that resumes on its caller's <see cref="SynchronizationContext"/> deadlocks a UI thread or a classic
/// ASP.NET request that blocks on it, and costs a hop everywhere else.
/// </summary>
public sealed class SynchronizationContextTests
{
    [Fact]
    public async Task A_download_and_its_copy_never_continue_on_the_callers_synchronization_context()
    {
        using var feishu = new MockFeishu(
            o => { o.RateLimit.Enabled = true; o.Retry.MaxRetryAttempts = 1; },
            client: b => b.ConfigurePrimaryHttpMessageHandler(() => new SlowFileHandler()));
        var context = new CountingSynchronizationContext();
        var asUser = new FeishuRequestOptions { AccessToken = "u-user-token" };

        using FeishuDownload download = await context.Start(() => feishu.Client.DownloadFileAsync("file_k", asUser)).WaitAsync(TimeSpan.FromSeconds(10));
        var copy = new CountingStream();
        await context.Start(() => download.CopyToAsync(copy)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(SlowFileHandler.Length, copy.Written);
        Assert.Equal(0, context.Posts);
    }

    /// <summary>Answers after a real delay, with a body whose every read completes later: each await in the SDK really suspends.</summary>
    private sealed class SlowFileHandler : HttpMessageHandler
    {
        public const int Length = 200_000;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StreamContent(new SlowReadStream(new PatternStream(0, Length))) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            response.Content.Headers.ContentLength = Length;
            return response;
        }
    }

    /// <summary>A destination whose writes complete later too, and that counts what it got.</summary>
    private sealed class CountingStream : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            Written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => Written += count;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
