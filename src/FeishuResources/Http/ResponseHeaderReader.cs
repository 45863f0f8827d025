#if !NET6_0_OR_GREATER
using System.Collections.Generic;
using System.Linq;
#endif
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using FeishuResources.Errors;

namespace FeishuResources.Http;

/// <summary>Reads headers as they came off the wire, without .NET's validation rewriting them.</summary>
internal static class ResponseHeaderReader
{
    /// <summary>The log id support asks for: <c>X-Tt-Logid</c>, else the body's <c>error.log_id</c>, else <c>X-Request-Id</c>.</summary>
    public static string? GetLogId(HttpResponseMessage response, string? bodyLogId = null)
        => First(response.Headers, "X-Tt-Logid") ?? bodyLogId ?? First(response.Headers, "X-Request-Id");

    /// <summary>How long a refusal asked the client to wait, from its rate-limit headers; null when it named no wait.</summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
        => RetryAfterParser.Parse(First(response.Headers, "x-ogw-ratelimit-reset"), First(response.Headers, "Retry-After"), timeProvider.GetUtcNow());

    // Stryker disable once Conditional : equivalent — on .NET 5 and later a response's Content is never null.
    public static string? GetContentDisposition(HttpResponseMessage response)
        => response.Content is null ? null : First(response.Content.Headers, "Content-Disposition");

    public static string? First(HttpHeaders headers, string name)
    {
#if NET6_0_OR_GREATER
        if (headers.NonValidated.TryGetValues(name, out HeaderStringValues values))
        {
            // The struct enumerator: LINQ would box both the values and their enumerator, on every download.
            foreach (string value in values)
            {
                return value;
            }
        }

        return null;
#else
        return headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
#endif
    }
}
