using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using FeishuResources.Http;

namespace FeishuResources.Transfers;

/// <summary>
/// Asks for a byte range of the resource a download came from, through the same
/// <see cref="HttpClient"/> — so the same token, rate-limit and retry handlers apply to every range —
/// and checks that the answer is the range that was asked for.
/// </summary>
internal sealed class RangeRequester
{
    private readonly HttpClient _client;
    private readonly HttpRequestMessage _original;
    private readonly TimeSpan _bodyIdleTimeout;
    private readonly TimeProvider _timeProvider;

    public RangeRequester(HttpClient client, HttpRequestMessage original, BodyRules rules, TimeSpan bodyIdleTimeout, TimeProvider timeProvider)
    {
        Rules = rules;
        _client = client;
        _original = original;
        _bodyIdleTimeout = bodyIdleTimeout;
        _timeProvider = timeProvider;
    }

    /// <summary>The same requester for a download fetched in <c>Range</c> chunks of <paramref name="chunkSize"/> bytes.</summary>
    public RangeRequester Chunked(int chunkSize)
        => new(_client, _original, Rules with { ChunkSize = chunkSize }, _bodyIdleTimeout, _timeProvider);

    /// <summary>The rules of the download every range belongs to.</summary>
    public BodyRules Rules { get; }

    public string ResourceKey => Rules.ResourceKey;

    /// <summary>The telemetry of the download every range belongs to; null when nobody listens.</summary>
    public DownloadTelemetry? Telemetry => Rules.Telemetry;

    /// <summary>
    /// Requests <c>bytes=from-to</c> (<c>bytes=from-</c> when <paramref name="to"/> is null). Returns a
    /// checked 206 part, or a 200 whole body when the server ignored the range; the caller decides
    /// whether a whole body is usable. <paramref name="resume"/> says whether the range continues a body that
    /// dropped rather than fetching the next chunk. <paramref name="synchronous"/> sends with <c>HttpClient.Send</c> (on .NET 8
    /// and later, where every SDK handler has a synchronous path), so a synchronous read that resumes needs no
    /// thread-pool thread when the token is cached, a permit is free and a pooled connection is idle.
    /// </summary>
    /// <exception cref="FeishuDownloadException">The 206 does not match the request or <paramref name="knownTotal"/>.</exception>
    public Task<BodyPart> GetAsync(long from, long? to, long? knownTotal, long received, bool resume, bool synchronous, CancellationToken cancellationToken)
        => Telemetry is null
            ? SendRangeAsync(from, to, knownTotal, received, synchronous, cancellationToken)
            : SendTracedRangeAsync(Telemetry, from, to, knownTotal, received, resume, synchronous, cancellationToken);

    private async Task<BodyPart> SendTracedRangeAsync(DownloadTelemetry telemetry, long from, long? to, long? knownTotal, long received, bool resume, bool synchronous, CancellationToken cancellationToken)
    {
        using Activity? activity = telemetry.StartRange(resume, from, to);
        try
        {
            BodyPart part = await SendRangeAsync(from, to, knownTotal, received, synchronous, cancellationToken).ConfigureAwait(false);
            FeishuTelemetry.SetResponse(activity, part.Response!.StatusCode, part.LogId);
            return part;
        }
        catch (Exception ex)
        {
            FeishuTelemetry.SetError(activity, ex);
            throw;
        }
    }

    private async Task<BodyPart> SendRangeAsync(long from, long? to, long? knownTotal, long received, bool synchronous, CancellationToken cancellationToken)
    {
        HttpRequestMessage request = FeishuRequestFactory.CloneForRetry(_original);
        request.Headers.Range = new RangeHeaderValue(from, to);
        HttpResponseMessage response;
        try
        {
#if NET
            response = synchronous
                ? _client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                : await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
#else
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
#endif
        }
        catch
        {
            // Stryker disable once Statement : equivalent — the request's only content is an empty ByteArrayContent; disposing it frees nothing.
            request.Dispose();
            throw;
        }

        try
        {
            return await ToPartAsync(response, from, to, knownTotal, received, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Wraps the response to the download's first request, which asked for the whole resource or, as a probe,
    /// for bytes 0 to <paramref name="askedTo"/>. A 206 to it is only the first part: it is used as one when it
    /// starts at byte 0, ends within what was asked and states the total, so the rest is fetched with ranges;
    /// anything else is an integrity error rather than a short file passed as whole.
    /// </summary>
    /// <remarks>A ValueTask: the body stream is usually ready at once, and then wrapping it allocates no task.</remarks>
    /// <exception cref="FeishuDownloadException">A 206 that does not start at byte 0 or does not state the total.</exception>
    public async ValueTask<BodyPart> WholeAsync(HttpResponseMessage response, long? askedTo, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            return await FirstPartAsync(response, askedTo, cancellationToken).ConfigureAwait(false);
        }

        long? length = response.Content!.Headers.ContentLength;
        Stream body = await ReadStreamAsync(response, cancellationToken).ConfigureAwait(false);
        return new BodyPart(response, body, isWhole: true, length, length, ResponseHeaderReader.GetLogId(response));
    }

    private async Task<BodyPart> ToPartAsync(HttpResponseMessage response, long from, long? to, long? knownTotal, long received, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            return await WholeAsync(response, askedTo: null, cancellationToken).ConfigureAwait(false);
        }

        string? logId = ResponseHeaderReader.GetLogId(response);
        ContentRangeHeaderValue? range = response.Content?.Headers.ContentRange;
        string? problem = Check(range, from, to, knownTotal, response.Content?.Headers.ContentLength);
        if (problem is not null)
        {
            throw FeishuDownloadException.RangeMismatch(ResourceKey, received, knownTotal, logId, problem);
        }

        Stream body = await ReadStreamAsync(response, cancellationToken).ConfigureAwait(false);
        return new BodyPart(response, body, isWhole: false, range!.To!.Value + 1, range.Length ?? knownTotal, logId);
    }

    /// <summary>A 206 to the first request: unasked for, or the answer to the probe for bytes 0 to <paramref name="askedTo"/>.</summary>
    private async Task<BodyPart> FirstPartAsync(HttpResponseMessage response, long? askedTo, CancellationToken cancellationToken)
    {
        ContentRangeHeaderValue? range = response.Content?.Headers.ContentRange;
        string? problem = range is { HasLength: false }
            ? "a 206 to the first request that does not state the total length"
            : Check(range, 0, askedTo ?? range?.To, knownTotal: null, response.Content?.Headers.ContentLength);
        if (problem is not null)
        {
            throw FeishuDownloadException.RangeMismatch(ResourceKey, 0, range?.Length, ResponseHeaderReader.GetLogId(response), problem);
        }

        Stream body = await ReadStreamAsync(response, cancellationToken).ConfigureAwait(false);
        return new BodyPart(response, body, isWhole: false, range!.To!.Value + 1, range.Length, ResponseHeaderReader.GetLogId(response));
    }

    /// <summary>What is wrong with a 206's <c>Content-Range</c>, or null when it is exactly usable.</summary>
    private static string? Check(ContentRangeHeaderValue? range, long from, long? to, long? knownTotal, long? contentLength)
    {
        if (range is null || !range.HasRange || !string.Equals(range.Unit, "bytes", StringComparison.OrdinalIgnoreCase))
        {
            return "a 206 without a byte Content-Range";
        }

        long start = range.From!.Value;
        long end = range.To!.Value;
        long? total = range.Length ?? knownTotal;
        if (start != from || end < start || (to is long last && end > last))
        {
            return Describe("bytes {0}-{1} arrived for bytes {2}-{3}", start, end, from, to);
        }

        if (knownTotal is long expected && range.Length is long stated && stated != expected)
        {
            return Describe("a total of {0} bytes where {1} were announced", stated, expected);
        }

        if (total is long length && end >= length)
        {
            return Describe("bytes up to {0} of a {1}-byte resource", end, length);
        }

        if (to is null && total is long whole && end != whole - 1)
        {
            return Describe("bytes up to {0} where the resource ends at {1}", end, whole - 1);
        }

        return contentLength is long declared && declared != end - start + 1
            ? Describe("a Content-Length of {0} for {1} bytes of range", declared, end - start + 1)
            : null;
    }

    private static string Describe(string format, params object?[] values)
        => string.Format(CultureInfo.InvariantCulture, format, values);

    /// <summary>The network body, watched for stalls so a dead connection surfaces as a drop that can be resumed.</summary>
    private async ValueTask<Stream> ReadStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Stream body = await ResponseBody.OpenAsync(response, cancellationToken).ConfigureAwait(false);
        return _bodyIdleTimeout == Timeout.InfiniteTimeSpan ? body : new IdleTimeoutStream(body, _bodyIdleTimeout, _timeProvider);
    }
}
