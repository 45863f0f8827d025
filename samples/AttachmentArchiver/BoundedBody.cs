using System.Buffers;

namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>Reads a request body up to a limit: the signature covers the raw bytes, so they are kept as received.</summary>
public static class BoundedBody
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Reads the body of <paramref name="request"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    /// <returns>The body, or null when it is (or declares to be) larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var body = new ArrayBufferWriter<byte>(ChunkBytes);
        int read;
        do
        {
            read = await request.Body.ReadAsync(body.GetMemory(ChunkBytes), cancellationToken).ConfigureAwait(false);
            body.Advance(read);
            if (body.WrittenCount > maxBytes)
            {
                return null;
            }
        }
        while (read > 0);

        return body.WrittenMemory;
    }
}
