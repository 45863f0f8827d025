using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Http;

/// <summary>Reads the small bodies the SDK parses (error envelopes, token answers) up to a bound, with cancellation.</summary>
internal static class BoundedBody
{
    /// <summary>Reads at most <paramref name="max"/> bytes into a buffer rented from <see cref="ArrayPool{T}.Shared"/>; the caller returns it.</summary>
    public static async Task<(byte[] Buffer, int Length)> ReadAsync(HttpResponseMessage response, int max, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            // A body the classifier peeked at (a JSON answer) starts with the bytes it kept; its stream holds the rest.
            int peeked = 0;
            if (response.Content is PeekedContent { Prefix: { Count: > 0 } prefix })
            {
                peeked = System.Math.Min(prefix.Count, max);
                System.Array.Copy(prefix.Array!, prefix.Offset, buffer, 0, peeked);
            }

            using Stream body = await ResponseBody.OpenAsync(response, cancellationToken).ConfigureAwait(false);
            return (buffer, await FillAsync(body, buffer, peeked, max, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            // Stryker disable once Statement : equivalent — the pool only saves an allocation; a buffer not returned is collected.
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public static Task<int> FillAsync(Stream stream, byte[] buffer, int count, CancellationToken cancellationToken)
        => FillAsync(stream, buffer, 0, count, cancellationToken);

    /// <summary>Fills <paramref name="buffer"/> from index <paramref name="filled"/> up to <paramref name="count"/> bytes; returns how many it holds.</summary>
    public static async Task<int> FillAsync(Stream stream, byte[] buffer, int filled, int count, CancellationToken cancellationToken)
    {
        int total = filled;
        while (total < count)
        {
            int read = await stream.ReadAsync(buffer, total, count - total, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>The same with synchronous reads.</summary>
    public static int Fill(Stream stream, byte[] buffer, int count)
    {
        int total = 0;
        int read;
        while (total < count && (read = stream.Read(buffer, total, count - total)) > 0)
        {
            total += read;
        }

        return total;
    }
}
