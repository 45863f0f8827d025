using System.Net;
using System.Net.Http.Headers;
using RichardSzalay.MockHttp;

namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// Serves one generated resource on the files endpoint of a <see cref="MockFeishu"/>, honouring
/// <c>Range</c> like the platform does, with knobs for each way a server or network misbehaves.
/// </summary>
public sealed class FakeResourceServer
{
    public const string FileKey = "file_v3_large";
    public const string LogId = "20260207205010RANGELOGID00000000";

    private readonly List<string?> _ranges = new();
    private readonly List<string?> _authorizations = new();
    private int _answers;

    public FakeResourceServer(MockFeishu feishu, long length)
    {
        Length = length;
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/" + FileKey).Respond(AnswerAsync);
    }

    public long Length { get; }

    public string ContentType { get; set; } = "application/octet-stream";

    public string? Disposition { get; set; } = "attachment; filename=\"big.bin\"";

    /// <summary>Refuse a request without Range with 234037, as the platform does over 100 MB.</summary>
    public bool RefuseWhole { get; set; }

    /// <summary>Answer every request with the whole body and 200, as a server that ignores Range.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>Refuse requests with Range with this platform code.</summary>
    public int? RefuseRangesWithCode { get; set; }

    /// <summary>Leave Content-Length out of whole answers.</summary>
    public bool OmitLength { get; set; }

    /// <summary>For the n-th answer (0-based), throw an IOException after this many body bytes.</summary>
    public Func<int, long?> DropAfter { get; set; } = _ => null;

    /// <summary>For the n-th answer, end the body cleanly after this many bytes (Content-Length still claims all).</summary>
    public Func<int, long?> EndAfter { get; set; } = _ => null;

    /// <summary>Awaited before the n-th answer is made: lets a test hold requests in flight.</summary>
    public Func<int, Task> BeforeAnswer { get; set; } = _ => Task.CompletedTask;

    /// <summary>For the n-th answer, a response to send instead (for example a platform error); null to answer normally.</summary>
    public Func<int, HttpResponseMessage?> Intercept { get; set; } = _ => null;

    /// <summary>The Authorization header of every download request, in order.</summary>
    public IReadOnlyList<string?> Authorizations
    {
        get
        {
            lock (_ranges)
            {
                return _authorizations.ToArray();
            }
        }
    }

    /// <summary>For the n-th answer, the (from, to, total) to claim in Content-Range instead of the truth.</summary>
    public Func<int, long, long, long, (long From, long To, long Total)> ClaimRange { get; set; } = (_, from, to, total) => (from, to, total);

    /// <summary>The Range header of every download request, in order (null when absent).</summary>
    public IReadOnlyList<string?> Ranges
    {
        get
        {
            lock (_ranges)
            {
                return _ranges.ToArray();
            }
        }
    }

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request)
    {
        int index;
        lock (_ranges)
        {
            _ranges.Add(request.Headers.Range?.ToString());
            _authorizations.Add(request.Headers.Authorization?.ToString());
            index = _answers++;
        }

        await BeforeAnswer(index);
        if (Intercept(index) is { } intercepted)
        {
            return intercepted;
        }

        RangeItemHeaderValue? range = request.Headers.Range?.Ranges.Single();
        if (range is null && RefuseWhole)
        {
            return MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234037, "file size exceed the limit"));
        }

        if (range is not null && RefuseRangesWithCode is int code)
        {
            return MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(code, "refused"));
        }

        if (range is null || IgnoreRange)
        {
            return Body(HttpStatusCode.OK, 0, Length, index, declareLength: !OmitLength);
        }

        long from = range.From ?? 0;
        long to = Math.Min(range.To ?? Length - 1, Length - 1);
        HttpResponseMessage partial = Body(HttpStatusCode.PartialContent, from, to - from + 1, index, declareLength: true);
        (long claimFrom, long claimTo, long claimTotal) = ClaimRange(index, from, to, Length);
        partial.Content.Headers.ContentRange = new ContentRangeHeaderValue(claimFrom, claimTo, claimTotal);
        return partial;
    }

    private HttpResponseMessage Body(HttpStatusCode status, long from, long count, int index, bool declareLength)
    {
        var content = new StreamContent(new PatternStream(from, count, DropAfter(index), EndAfter(index)));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        content.Headers.ContentLength = declareLength ? count : null;
        if (Disposition is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Disposition", Disposition);
        }

        var response = new HttpResponseMessage(status) { Content = content };
        response.Headers.TryAddWithoutValidation("X-Tt-Logid", LogId);
        return response;
    }
}
