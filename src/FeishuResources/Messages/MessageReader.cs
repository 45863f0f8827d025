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

/// <summary>Sends a get-message request and reads its answer, bounded, into the message's resources.</summary>
internal static class MessageReader
{
    /// <summary>
    /// A merge-forward of hundreds of messages answers a few hundred KiB; the bound is far above that and
    /// keeps an answer that never ends out of memory.
    /// </summary>
    public const int MaxAnswerBytes = 8 * 1024 * 1024;

    public static async Task<IReadOnlyList<FeishuMessageResource>> ReadResourcesAsync(HttpClient httpClient, HttpRequestMessage request, string messageId, CancellationToken cancellationToken)
    {
        using (request)
        {
            // Platform refusals never get here: the error classification handler has turned them into exceptions.
            using HttpResponseMessage response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            int bound = response.Content?.Headers.ContentLength is long declared && declared < MaxAnswerBytes ? (int)declared + 1 : MaxAnswerBytes + 1;
            (byte[] buffer, int length) = await BoundedBody.ReadAsync(response, bound, cancellationToken).ConfigureAwait(false);
            try
            {
                IReadOnlyList<FeishuMessageResource>? resources = length <= MaxAnswerBytes
                    ? MessageAnswer.TryReadResources(buffer.AsMemory(0, length), messageId)
                    : null;
                return resources ?? throw Unreadable(response, messageId, buffer, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static FeishuApiException Unreadable(HttpResponseMessage response, string messageId, byte[] buffer, int length)
    {
        string problem = length > MaxAnswerBytes ? "the answer is larger than " + (MaxAnswerBytes / 1024 / 1024) + " MiB" : "the answer is not a message list";
        int shown = Math.Min(length, ResponseClassifier.MaxErrorBodyBytes);
        var error = new FeishuApiError(0, response.StatusCode, problem, ResponseHeaderReader.GetLogId(response, null), null, shown == 0 ? null : Encoding.UTF8.GetString(buffer, 0, shown));
        return FeishuExceptionFactory.Create(error, context: "Feishu's answer for the message '" + messageId + "' could not be read");
    }
}
