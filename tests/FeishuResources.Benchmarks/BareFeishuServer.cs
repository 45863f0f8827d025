using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.Benchmarks;

/// <summary>
/// The least a Feishu server can be: a token endpoint and a files endpoint serving <c>size_N</c> as N
/// bytes, on Kestrel at 127.0.0.1 with an OS-assigned port. It keeps no books, so the SDK and the raw
/// HttpClient are timed against the same cheap server and the difference between them is the SDK's.
/// </summary>
internal sealed class BareFeishuServer : IAsyncDisposable
{
    public const string Token = "t-benchmark-token";
    /// <summary>The path of the files endpoint up to the size; the rest of the path is N.</summary>
    public const string FilesPrefix = "/open-apis/im/v1/files/size_";

    /// <summary>The <c>X-Tt-Logid</c> of every answer.</summary>
    public const string LogId = "20240101000000BENCHMARK0000000001";
    private const int ChunkSize = 64 * 1024;

    /// <summary>The token endpoint's answer: <see cref="Token"/> for two hours.</summary>
    public static readonly byte[] TokenBody = Encoding.UTF8.GetBytes("{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"" + Token + "\",\"expire\":7200}");
    /// <summary>The block every body is made of, repeated.</summary>
    public static readonly byte[] Chunk = Enumerable.Range(0, ChunkSize).Select(i => (byte)i).ToArray();

    private readonly WebApplication _app;

    private BareFeishuServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static string KeyFor(long size) => "size_" + size.ToString(CultureInfo.InvariantCulture);

    public static async Task<BareFeishuServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
        });
        WebApplication app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BareFeishuServer(app, new Uri(address + "/"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task HandleAsync(HttpContext context)
    {
        HttpResponse response = context.Response;
        response.Headers["X-Tt-Logid"] = LogId;
        string path = context.Request.Path.Value ?? "";
        if (path.EndsWith("/tenant_access_token/internal", StringComparison.Ordinal))
        {
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = TokenBody.Length;
            await response.Body.WriteAsync(TokenBody);
            return;
        }

        if (!path.StartsWith(FilesPrefix, StringComparison.Ordinal)
            || !long.TryParse(path.AsSpan(FilesPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long size))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        response.ContentType = "application/octet-stream";
        response.Headers.ContentDisposition = "attachment; filename=\"benchmark.bin\"";
        response.ContentLength = size;
        for (long sent = 0; sent < size; sent += ChunkSize)
        {
            await response.Body.WriteAsync(Chunk.AsMemory(0, (int)Math.Min(ChunkSize, size - sent)), context.RequestAborted);
        }
    }
}
