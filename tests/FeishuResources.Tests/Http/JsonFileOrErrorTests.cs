using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Http;

public sealed class JsonFileOrErrorTests
{
    private const string FileUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/file_json";

    [Fact]
    public async Task A_200_json_error_envelope_is_an_error()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.ErrorBody(234005, "resource deleted")));

        var ex = await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => feishu.Client.DownloadFileAsync("file_json"));

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(234005, ex.Code);
    }

    [Fact]
    public async Task A_200_json_error_envelope_of_unknown_length_is_an_error()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => Response(Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(234009)), "application/json; charset=utf-8", knownLength: false));

        var ex = await Assert.ThrowsAsync<FeishuPermissionDeniedException>(() => feishu.Client.DownloadFileAsync("file_json"));

        Assert.Equal(234009, ex.Code);
    }

    [Fact]
    public async Task A_200_json_with_content_disposition_is_a_file_even_when_it_looks_like_an_error()
    {
        using var feishu = new MockFeishu();
        byte[] body = Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(99991663));
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => MockFeishu.File(body, "application/json", "attachment; filename=\"error-sample.json\""));

        byte[] received = await DownloadAllAsync(feishu);

        Assert.Equal(body, received);
        Assert.Equal(1, feishu.TokensIssued);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_200_json_without_content_disposition_that_is_not_an_envelope_is_a_file(bool knownLength)
    {
        using var feishu = new MockFeishu();
        byte[] body = Encoding.UTF8.GetBytes("""{"a":1}""");
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => Response(body, "application/json", knownLength));

        Assert.Equal(body, await DownloadAllAsync(feishu));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_large_200_json_without_content_disposition_arrives_with_every_byte(bool knownLength)
    {
        using var feishu = new MockFeishu();
        byte[] body = LargeJson(200 * 1024);
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => Response(body, "application/json", knownLength));

        Assert.Equal(body, await DownloadAllAsync(feishu));
    }

    [Theory]
    [InlineData(64 * 1024 - 1)]
    [InlineData(64 * 1024)]
    [InlineData(64 * 1024 + 1)]
    public async Task Json_files_around_the_peek_limit_arrive_intact(int size)
    {
        using var feishu = new MockFeishu();
        byte[] body = LargeJson(size);
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => Response(body, "application/json", knownLength: false));

        Assert.Equal(body, await DownloadAllAsync(feishu));
    }

    public enum ReadMode
    {
        Read,
        ReadAsync,
        CopyToAsync,
    }

    [Theory]
    [InlineData(ReadMode.Read)]
    [InlineData(ReadMode.ReadAsync)]
    [InlineData(ReadMode.CopyToAsync)]
    public async Task A_chunked_json_file_over_the_peek_limit_is_handed_out_whole_by_every_read_path(ReadMode mode)
    {
        using var feishu = new MockFeishu();
        byte[] body = LargeJson(200 * 1024);
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => Response(body, "application/json", knownLength: false));
        var progress = new RecordingProgress();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_json");
        var sink = new MemoryStream();
        switch (mode)
        {
            case ReadMode.Read:
                ReadAllSynchronously(download.Content, sink);
                break;
            case ReadMode.ReadAsync:
                await ReadAllAsync(download.Content, sink);
                break;
            default:
                await download.CopyToAsync(sink, progress);
                Assert.Equal(body.Length, progress.Reports[^1]);
                break;
        }

        Assert.Equal(body, sink.ToArray());
    }

    [Fact]
    public async Task A_peeked_json_file_reaches_Content_through_at_most_two_stream_types()
    {
        using var feishu = new MockFeishu();
        byte[] body = LargeJson(200 * 1024);
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => Response(body, "application/json", knownLength: false));

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_json");

        // Content is the body stream; under it at most the idle watch, then only streams of the network (or of the test).
        Assert.IsType<FeishuResources.Transfers.ResumableBodyStream>(download.Content);
        var chain = new List<Type> { download.Content.GetType() };
        object? below = Field(Field(download.Content, "_part"), "<Body>k__BackingField");
        while (below is Stream stream && chain.Count < 10)
        {
            chain.Add(stream.GetType());
            below = TypeAndBases(stream.GetType())
                .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly))
                .Where(f => typeof(Stream).IsAssignableFrom(f.FieldType))
                .Select(f => f.GetValue(stream))
                .FirstOrDefault(v => v is not null);
        }

        Assert.Equal(2, chain.Count(t => t.Assembly == typeof(FeishuDownload).Assembly));
    }

    [Fact]
    public async Task A_json_file_with_code_zero_is_a_file()
    {
        using var feishu = new MockFeishu();
        byte[] body = Encoding.UTF8.GetBytes("""{"code":0,"msg":"ok","data":{"rows":[1,2,3]}}""");
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => Response(body, "application/json", knownLength: true));

        Assert.Equal(body, await DownloadAllAsync(feishu));
    }

    [Fact]
    public async Task An_error_response_is_read_and_disposed()
    {
        using var feishu = new MockFeishu();
        var stream = new NonSeekableStream(Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(234003)));
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ =>
        {
            var content = new StreamContent(stream);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = content };
        });

        var ex = await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => feishu.Client.DownloadFileAsync("file_json"));

        Assert.True(stream.IsDisposed);
        Assert.Equal(MockFeishu.ErrorBody(234003), ex.Error.ResponseBody);
    }

    [Fact]
    public async Task An_error_response_that_fails_while_being_read_is_disposed()
    {
        using var feishu = new MockFeishu();
        var stream = new NonSeekableStream(new byte[1000], failAfter: 10);
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ =>
        {
            var content = new StreamContent(stream);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = content };
        });

        await Assert.ThrowsAnyAsync<IOException>(() => feishu.Client.DownloadFileAsync("file_json"));

        Assert.True(stream.IsDisposed);
    }

    private static byte[] LargeJson(int size)
    {
        var text = new StringBuilder("{\"rows\":[");
        while (text.Length < size - 2)
        {
            text.Append('1').Append(',');
        }

        text.Length = size - 2;
        text[^1] = '0';
        text.Append("]}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static HttpResponseMessage Response(byte[] body, string contentType, bool knownLength)
    {
        HttpContent content = knownLength ? new ByteArrayContent(body) : new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        response.Headers.TryAddWithoutValidation("X-Tt-Logid", "LOG");
        return response;
    }

    private static void ReadAllSynchronously(Stream source, Stream destination)
    {
        var buffer = new byte[5000];
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            destination.Write(buffer, 0, read);
        }
    }

    private static async Task ReadAllAsync(Stream source, Stream destination)
    {
        var buffer = new byte[5000];
        int read;
        while ((read = await source.ReadAsync(buffer)) > 0)
        {
            destination.Write(buffer, 0, read);
        }
    }

    private static IEnumerable<Type> TypeAndBases(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            yield return type;
        }
    }

    private static object? Field(object? owner, string name)
        => owner!.GetType().GetField(name, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(owner);

    private static async Task<byte[]> DownloadAllAsync(MockFeishu feishu)
    {
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_json");
        var sink = new MemoryStream();
        await download.CopyToAsync(sink);
        Assert.Equal("application/json", download.ContentType);
        return sink.ToArray();
    }
}
