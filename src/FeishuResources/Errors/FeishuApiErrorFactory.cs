using System.Net.Http;
using System.Text;
using FeishuResources.Http;
using FeishuResources.Internal;

namespace FeishuResources.Errors;

/// <summary>Describes a refusal as a <see cref="FeishuApiError"/>, the same way for token answers and downloads.</summary>
internal static class FeishuApiErrorFactory
{
    /// <summary>
    /// What <paramref name="response"/> said: the envelope's code, message, log id and troubleshooter link,
    /// and the first <paramref name="length"/> bytes of <paramref name="body"/> as the raw body. A null
    /// <paramref name="parsed"/> means the body was no envelope.
    /// </summary>
    public static FeishuApiError FromResponse(HttpResponseMessage response, PlatformResponse? parsed, byte[] body, int length)
        => new(
            parsed?.Code ?? 0,
            response.StatusCode,
            // The reason phrase stands in only for a body that is no envelope: an envelope without a msg said none.
            parsed is null ? response.ReasonPhrase : parsed.Msg,
            ResponseHeaderReader.GetLogId(response, parsed?.Error?.LogId),
            parsed?.Error?.Troubleshooter,
            length == 0 ? null : Encoding.UTF8.GetString(body, 0, length));
}
