using System.Buffers;
using System.Text;
using FeishuResources.Http;
using Xunit;

namespace FeishuResources.Tests.Http;

/// <summary>
/// The content a JSON file arrives in once its start was peeked at (internal: no public API builds one over a
/// stream of the test's choosing): read whole it is the peeked bytes then the rest; disposed, it releases all it holds.
/// </summary>
public sealed class ClassifierPeekedContentTests
{
    private const int PeekSize = 64 * 1024 + 1;

    [Fact]
    public async Task A_peeked_answer_read_whole_is_its_peeked_bytes_then_the_rest_of_its_stream()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(PeekSize);
        int length = Encoding.UTF8.GetBytes("{\"code\":0,", buffer);
        using var content = new PeekedContent(new ByteArrayContent([]), buffer, length, new MemoryStream(Encoding.UTF8.GetBytes("\"data\":{}}")));

        Assert.Equal("{\"code\":0,\"data\":{}}", await content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Disposing_a_peeked_answer_closes_its_stream_and_original_content_and_returns_its_buffer()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(PeekSize);
        var rest = new MemoryStream([1, 2, 3]);
        var original = new ByteArrayContent([1, 2, 3]);
        var content = new PeekedContent(original, buffer, 0, rest);

        content.Dispose();

        // The pool hands a thread back the array it last returned of that size: the buffer went back.
        byte[] next = ArrayPool<byte>.Shared.Rent(PeekSize);
        ArrayPool<byte>.Shared.Return(next);
        Assert.Same(buffer, next);

        Assert.False(rest.CanRead, "the network stream was left open");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => original.ReadAsStreamAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => content.ReadAsStreamAsync());
        Assert.Equal(0, content.Prefix.Count);
    }
}
