using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 (OS-assigned port) that hands each connection, with its request head, to a
/// script: for what only a raw socket shows, such as a response cut midway or the client closing the connection
/// while an answer is held back. The token endpoint is answered for the script.
/// </summary>
public sealed class RawConnectionServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawConnection, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = new();
    private readonly Task _loop;

    /// <param name="script">Answers one download request; the connection is closed when it returns.</param>
    public RawConnectionServer(Func<RawConnection, Task> script)
    {
        _script = script;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        Task[] connections;
        lock (_connections)
        {
            connections = _connections.ToArray();
        }

        await Task.WhenAll(connections).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        int downloads = 0;
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_connections)
            {
                _connections.Add(ServeAsync(client, () => downloads++));
            }
        }
    }

    private async Task ServeAsync(TcpClient client, Func<int> nextDownload)
    {
        using (client)
        {
            NetworkStream stream = client.GetStream();
            string head = await ReadHeadAsync(stream);
            if (head.StartsWith("POST", StringComparison.Ordinal))
            {
                byte[] token = Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-raw", 7200));
                await stream.WriteAsync(LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", token));
                return;
            }

            int index;
            lock (_connections)
            {
                index = nextDownload();
            }

            try
            {
                await _script(new RawConnection(index, head, stream));
            }
            catch (IOException)
            {
                // The client went away while the script was writing: that is the script's to observe.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("The client closed the connection mid-request.");
            }

            head.Append((char)one[0]);
        }

        // A POST carries a small JSON body: read it, so that closing after the answer does not reset the connection.
        int length = head.ToString().Split("\r\n")
            .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        await stream.ReadExactlyAsync(new byte[length]);
        return head.ToString();
    }
}

/// <summary>One download request as the raw server received it, and its connection.</summary>
public sealed class RawConnection(int index, string head, NetworkStream stream)
{
    /// <summary>0 for the first download request, 1 for the next, and so on.</summary>
    public int Index { get; } = index;

    public string Head { get; } = head;

    public NetworkStream Stream { get; } = stream;

    /// <summary>The <c>Range</c> header's value, or null.</summary>
    public string? Range => Head.Split("\r\n").Where(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase)).Select(l => l["Range:".Length..].Trim()).FirstOrDefault();

    public Task WriteAsync(string text) => Stream.WriteAsync(Encoding.Latin1.GetBytes(text)).AsTask();

    /// <summary>Writes <paramref name="count"/> bytes of the pattern, starting at <paramref name="offset"/>.</summary>
    public async Task WritePatternAsync(long offset, int count)
    {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++)
        {
            bytes[i] = PatternStream.ByteAt(offset + i);
        }

        await Stream.WriteAsync(bytes);
    }

    /// <summary>
    /// Waits, at most <paramref name="timeout"/>, for the client to close the connection; true when it did. The
    /// client sends nothing more after its request, so any read returning means it closed (or reset) its end.
    /// </summary>
    public async Task<bool> ClosedByClientWithinAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await Stream.ReadAsync(new byte[1], cts.Token) == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
