using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.IntegrationTests;

/// <summary>Token-endpoint failures over real sockets, with the default handlers and the system clock.</summary>
public sealed class TokenEndpointReliabilityTests
{
    [Fact]
    public async Task A_token_endpoint_that_accepts_and_never_answers_ends_as_TimeoutException_after_its_retries()
    {
        await using var silent = new SilentServer();
        var services = new ServiceCollection();
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_silent";
            o.AppSecret = "silent-secret";
            o.BaseAddress = silent.BaseAddress;
            o.Timeouts.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.Timeouts.TotalTimeout = TimeSpan.FromSeconds(20);
            o.Retry.MaxRetryAttempts = 1;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        var clock = Stopwatch.StartNew();

        Exception ex = await Record.ExceptionAsync(() => provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_k"));

        // Not a TaskCanceledException the caller never asked for: a timeout that names its setting.
        TimeoutException timeout = Assert.IsType<TimeoutException>(ex);
        Assert.Contains("AttemptTimeout", timeout.Message, StringComparison.Ordinal);
        Assert.Equal(2, silent.Connections);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15));
    }

    /// <summary>Accepts connections on 127.0.0.1, reads what arrives and never answers.</summary>
    private sealed class SilentServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<TcpClient> _clients = new();
        private readonly Task _loop;
        private int _connections;

        public SilentServer()
        {
            _listener.Start();
            _loop = AcceptAsync();
        }

        public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public int Connections => Volatile.Read(ref _connections);

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                lock (_clients)
                {
                    _clients.Add(client);
                }

                _ = DrainAsync(client.GetStream());
            }
        }

        private async Task DrainAsync(NetworkStream stream)
        {
            var buffer = new byte[4096];
            try
            {
                while (await stream.ReadAsync(buffer, _stop.Token) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The client gave up or the test ended: nothing to answer either way.
            }
        }
    }
}
