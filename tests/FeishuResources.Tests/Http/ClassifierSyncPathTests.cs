using System.Buffers;
using System.Net;
using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Http;

/// <summary>
/// A synchronous <c>HttpClient.Send</c> on the SDK's client reads an answer's start the way an asynchronous one
/// does: the whole 64 KiB an error body may have, and a JSON file handed over intact.
/// </summary>
public sealed class ClassifierSyncPathTests
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    [Fact]
    public async Task A_synchronous_Send_reads_an_error_body_of_exactly_64_KiB_whole_and_reports_its_code()
    {
        byte[] error = Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(FeishuErrorCodes.ResourceDeleted, "resource deleted").PadLeft(MaxErrorBodyBytes));
        Assert.Equal(MaxErrorBodyBytes, error.Length);
        await using var server = new LoopbackServer(head => head.StartsWith("POST", StringComparison.Ordinal) ? SynchronousSendTests.Token()
            : LoopbackServer.Response("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n", error));
        (ServiceProvider provider, HttpClient http) = SynchronousSendTests.SdkHttpClient(server);
        await using ServiceProvider _ = provider;

        var ex = await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => Task.Run(() => http.Send(SynchronousSendTests.Download(server), HttpCompletionOption.ResponseHeadersRead)));

        Assert.Equal(FeishuErrorCodes.ResourceDeleted, ex.Error.Code);
    }

    [Fact]
    public async Task A_JSON_file_from_a_synchronous_Send_keeps_its_bytes_while_the_thread_rents_buffers_again()
    {
        // The bytes the SDK peeked at travel with the response; were they back in the pool, the next rent on
        // this thread would hand them out and overwrite the file's start.
        byte[] file = Encoding.UTF8.GetBytes("{\"code\":0,\"data\":{\"rows\":[1,2,3]}}");
        await using var server = new LoopbackServer(head => head.StartsWith("POST", StringComparison.Ordinal) ? SynchronousSendTests.Token()
            : LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", file));
        (ServiceProvider provider, HttpClient http) = SynchronousSendTests.SdkHttpClient(server);
        await using ServiceProvider _ = provider;

        byte[] received = await Task.Run(() =>
        {
            using HttpResponseMessage response = http.Send(SynchronousSendTests.Download(server), HttpCompletionOption.ResponseHeadersRead);
            byte[] rented = ArrayPool<byte>.Shared.Rent(MaxErrorBodyBytes + 1);
            rented.AsSpan().Fill((byte)'X');
            byte[] body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            ArrayPool<byte>.Shared.Return(rented);
            return body;
        });

        Assert.Equal(file, received);
    }
}
