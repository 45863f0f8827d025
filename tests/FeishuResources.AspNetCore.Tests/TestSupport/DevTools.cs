using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeishuResources.AspNetCore.Tests.TestSupport;

/// <summary>A minimal Chrome DevTools Protocol client on the browser's websocket: send commands, await events.</summary>
public sealed class DevTools : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly List<JsonObject> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _nextId;

    private DevTools(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public static async Task<DevTools> ConnectAsync(Uri endpoint)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(endpoint, CancellationToken.None);
        return new DevTools(socket);
    }

    /// <summary>Sends a command and returns its <c>result</c>; a protocol error fails the test.</summary>
    public async Task<JsonObject> SendAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        int id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        JsonObject reply = await WaitForAsync(m => (int?)m["id"] == id, cancellationToken);
        if (reply["error"] is { } error)
        {
            throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        }

        return reply["result"]!.AsObject();
    }

    /// <summary>Waits for the first message (event or reply), received before or after the call, that matches.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, CancellationToken cancellationToken)
    {
        int checkedCount = 0;
        while (true)
        {
            lock (_received)
            {
                for (; checkedCount < _received.Count; checkedCount++)
                {
                    if (match(_received[checkedCount]))
                    {
                        return _received[checkedCount];
                    }
                }
            }

            if (_reader.IsCompleted)
            {
                await _reader;
                throw new InvalidOperationException("The DevTools connection closed.");
            }

            await _arrived.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (_socket.State == WebSocketState.Open)
        {
            ValueWebSocketReceiveResult part = await _socket.ReceiveAsync(buffer.AsMemory(), _stop.Token);
            if (part.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            message.Write(buffer, 0, part.Count);
            if (part.EndOfMessage)
            {
                JsonObject parsed = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                lock (_received)
                {
                    _received.Add(parsed);
                }

                _arrived.Release();
            }
        }

        _arrived.Release();
    }
}
