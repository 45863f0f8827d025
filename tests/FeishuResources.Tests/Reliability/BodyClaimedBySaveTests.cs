using FeishuResources.Tests.TestSupport;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Reliability;

/// <summary>
/// Once a copy or save has claimed the body, nobody else may take bytes from it: a read of <c>Content</c> while the
/// save runs (here from the save's own progress callback, where it happens deterministically between two writes)
/// would take bytes the file then lacks, and the save would still count the body as complete.
/// </summary>
public sealed class BodyClaimedBySaveTests
{
    private const int Size = 1_000_000;

    [Fact]
    public async Task Reading_content_while_a_save_runs_is_refused_and_no_short_file_is_placed()
    {
        await using var server = FileServer();
        await using ServiceProvider provider = LoopbackClient.Build(server.BaseAddress);
        using var folder = new TempFolder();
        using FeishuDownload download = await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_v3_k");
        Exception? readFailure = null;
        var peeking = new InlineProgress(_ =>
        {
            if (readFailure is null)
            {
                readFailure = Record.Exception(() => download.Content.ReadExactly(new byte[10]));
                readFailure ??= new InvalidOperationException("The read succeeded.");
            }
        });

        Exception? saveFailure = await Record.ExceptionAsync(() => download.SaveToDirectoryAsync(folder.Path, peeking));

        Assert.IsType<InvalidOperationException>(readFailure);
        Assert.NotEqual("The read succeeded.", readFailure.Message);
        Assert.All(folder.Names(), name => Assert.Equal(Size, new FileInfo(Path.Combine(folder.Path, name)).Length));
        Assert.True(saveFailure is InvalidOperationException || folder.Names().Length == 1, saveFailure?.ToString());
    }

    [Fact]
    public async Task Reading_content_while_a_copy_runs_is_refused_and_the_copy_gets_every_byte()
    {
        await using var server = FileServer();
        await using ServiceProvider provider = LoopbackClient.Build(server.BaseAddress);
        using FeishuDownload download = await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_v3_k");
        var destination = new MemoryStream();
        Exception? readFailure = null;
        var peeking = new InlineProgress(_ => readFailure ??= Record.Exception(() => download.Content.ReadExactly(new byte[10])) ?? new Exception("The read succeeded."));

        Exception? copyFailure = await Record.ExceptionAsync(() => download.CopyToAsync(destination, peeking));

        Assert.IsType<InvalidOperationException>(readFailure);
        Assert.True(copyFailure is InvalidOperationException || destination.Length == Size, $"{destination.Length} bytes copied; {copyFailure}");
    }

    /// <summary>Over a real socket: the body arrives in many reads, so progress is reported midway.</summary>
    private static LoopbackServer FileServer()
        => new(head => head.StartsWith("POST", StringComparison.Ordinal)
            ? LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-raw", 7200)))
            : LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n", new byte[Size]));

    /// <summary>Reports on the copying thread, between two writes, as a caller's own IProgress may.</summary>
    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
