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
            using Stream body = await ResponseBody.OpenAsync(response, cancellationToken).ConfigureAwait(false);
            return (buffer, await FillAsync(body, buffer, max, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public static async Task<int> FillAsync(Stream stream, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        int total = 0;
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
