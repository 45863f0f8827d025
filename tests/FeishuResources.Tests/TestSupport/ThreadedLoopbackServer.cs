using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A loopback HTTP/1.1 server on threads of its own with blocking sockets, so a starved thread pool cannot stall
/// it (<see cref="LoopbackServer"/> runs on the pool). Each request is answered whole by <c>respond</c>; a connection
/// serves requests until the client closes it, or until a response that says <c>Connection: close</c> was sent —
/// which, with a <c>Content-Length</c> larger than the bytes sent, is a connection dropped mid-body.
/// </summary>
public sealed class ThreadedLoopbackServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Func<string, Socket, bool> _answer;

    /// <param name="respond">Given the request head, returns the whole raw response (see <see cref="LoopbackServer.Response"/>).</param>
    public ThreadedLoopbackServer(Func<string, byte[]> respond)
        : this((head, connection) =>
        {
            byte[] response = respond(head);
            connection.Send(response);
            return !ClosesConnection(response);
        })
    {
    }

    /// <param name="answer">Given the request head, writes the response to the connection itself (in pieces, paced,
    /// cut short); returns whether the connection serves another request.</param>
    public ThreadedLoopbackServer(Func<string, Socket, bool> answer)
    {
        _answer = answer;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        new Thread(Accept) { IsBackground = true, Name = "threaded-loopback-server" }.Start();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");

    /// <summary>The head of each request received.</summary>
    public ConcurrentQueue<string> Heads { get; } = new();

    public void Dispose() => _listener.Dispose();

    private void Accept()
    {
        try
        {
            while (true)
            {
                Socket connection = _listener.Accept();
                new Thread(() => Serve(connection)) { IsBackground = true }.Start();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private void Serve(Socket connection)
    {
        using (connection)
        {
            try
            {
                string head;
                while ((head = ReadRequest(connection)).Length > 0)
                {
                    Heads.Enqueue(head);
                    if (!_answer(head, connection))
                    {
                        return;
                    }
                }
            }
            catch (SocketException)
            {
                // The client went away.
            }
        }
    }

    private static bool ClosesConnection(byte[] response)
    {
        string text = Encoding.Latin1.GetString(response);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Split("\r\n").Any(line => line.Equals("Connection: close", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads the request head byte by byte, then the body its Content-Length announces; returns the head, empty once the client closed.</summary>
    private static string ReadRequest(Socket connection)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && connection.Receive(one) == 1)
        {
            head.Append((char)one[0]);
        }

        string contentLength = head.ToString().Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) ?? "Content-Length: 0";
        byte[] body = new byte[int.Parse(contentLength["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)];
        for (int received = 0; received < body.Length;)
        {
            received += connection.Receive(body, received, body.Length - received, SocketFlags.None);
        }

        return head.ToString();
    }
}
