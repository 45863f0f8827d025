using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Errors;
using FeishuResources.Http;

namespace FeishuResources.Messages;

/// <summary>Sends a get-message or list-messages request and reads its answer, bounded: a message's resources, or a page.</summary>
internal static class MessageReader
{
    /// <summary>
    /// A merge-forward of hundreds of messages answers a few hundred KiB; the bound is far above that and
    /// keeps an answer that never ends out of memory.
    /// </summary>
    public const int MaxAnswerBytes = 8 * 1024 * 1024;

    public static Task<IReadOnlyList<FeishuMessageResource>> ReadResourcesAsync(HttpClient httpClient, HttpRequestMessage request, string messageId, CancellationToken cancellationToken)
        => ReadAsync(httpClient, request, answer => MessageAnswer.TryReadResources(answer, messageId), "the message '" + messageId + "'", cancellationToken);

    /// <summary>Sends <paramref name="request"/> and reads its answer, bounded, with <paramref name="read"/> (null: not what was asked for).</summary>
    /// <param name="httpClient">The client's HttpClient, with the SDK's handlers.</param>
    /// <param name="request">The request; disposed here.</param>
    /// <param name="read">Reads the answer; null when it is not what was asked for.</param>
    /// <param name="subject">What was asked for, for the exception: "the message 'om_…'".</param>
    /// <param name="cancellationToken">Cancels the request and the read.</param>
    public static async Task<T> ReadAsync<T>(HttpClient httpClient, HttpRequestMessage request, Func<ReadOnlyMemory<byte>, T?> read, string subject, CancellationToken cancellationToken)
        where T : class
    {
        using (request)
        {
            // Platform refusals never get here: the error classification handler has turned them into exceptions.
            using HttpResponseMessage response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            int bound = response.Content?.Headers.ContentLength is long declared && declared < MaxAnswerBytes ? (int)declared + 1 : MaxAnswerBytes + 1;
            (byte[] buffer, int length) = await BoundedBody.ReadAsync(response, bound, cancellationToken).ConfigureAwait(false);
            try
            {
                T? answer = length <= MaxAnswerBytes ? read(buffer.AsMemory(0, length)) : null;
                return answer ?? throw Unreadable(response, subject, buffer, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static FeishuApiException Unreadable(HttpResponseMessage response, string subject, byte[] buffer, int length)
    {
        string problem = length > MaxAnswerBytes ? "the answer is larger than " + (MaxAnswerBytes / 1024 / 1024) + " MiB" : "the answer is not a message list";
        int shown = Math.Min(length, ResponseClassifier.MaxErrorBodyBytes);
        var error = new FeishuApiError(0, response.StatusCode, problem, ResponseHeaderReader.GetLogId(response, null), null, shown == 0 ? null : Encoding.UTF8.GetString(buffer, 0, shown));
        return FeishuExceptionFactory.Create(error, context: "Feishu's answer for " + subject + " could not be read");
    }

    /// <summary>A page that says more follow but gives no cursor to fetch them.</summary>
    public static FeishuApiException NoCursor(string subject)
        => FeishuExceptionFactory.Create(
            new FeishuApiError(0, System.Net.HttpStatusCode.OK, "the answer says more pages follow but gives no page_token"),
            context: "Feishu's answer for " + subject + " could not be read");
}
