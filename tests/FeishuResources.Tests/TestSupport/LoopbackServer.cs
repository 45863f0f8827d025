using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 with an OS-assigned port, for what only real sockets show: the exact
/// request bytes on the wire, and response header bytes as .NET really decodes them. One request per connection.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, byte[]> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="respond">Given the request head (request line and headers), returns the whole raw response.</param>
    public LoopbackServer(Func<string, byte[]> respond)
    {
        _respond = respond;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Each request as received: head, then the body bytes its Content-Length announced.</summary>
    public ConcurrentQueue<(string Head, byte[] Body)> Requests { get; } = new();

    public static byte[] Response(string head, byte[] body)
        => [.. Encoding.Latin1.GetBytes(head + $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n"), .. body];

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
            using NetworkStream stream = client.GetStream();
            (string head, byte[] body) = await ReadRequestAsync(stream);
            Requests.Enqueue((head, body));
            await stream.WriteAsync(_respond(head), _stop.Token);
        }
    }

    private async Task<(string Head, byte[] Body)> ReadRequestAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(received)) < 0)
        {
            int read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                throw new IOException("The client closed the connection mid-request.");
            }

            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        string head = Encoding.Latin1.GetString(received.GetRange(0, headEnd).ToArray());
        int length = head.Split("\r\n")
            .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = received.Skip(headEnd + 4).ToList();
        while (body.Count < length)
        {
            int read = await stream.ReadAsync(buffer, _stop.Token);
            body.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        return (head, body.ToArray());
    }

    private static int IndexOfHeadEnd(List<byte> bytes)
    {
        for (int i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
