using Microsoft.Net.Http.Headers;

namespace FeishuResources.Samples.AspNetCore;

/// <summary>
/// Sends a Feishu download to the browser as it arrives: its type, its length when Feishu declared it, and an
/// RFC 6266 <c>Content-Disposition</c> whose <c>filename*</c> carries the UTF-8 name (with an ASCII
/// <c>filename</c> for old clients). Nothing is buffered.
/// </summary>
public sealed class FeishuDownloadResult : IResult
{
    private readonly FeishuDownload _download;

    /// <summary>Creates the result; the caller owns <paramref name="download"/> and disposes it after the response.</summary>
    /// <param name="download">The download to send.</param>
    public FeishuDownloadResult(FeishuDownload download)
    {
        _download = download ?? throw new ArgumentNullException(nameof(download));
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        HttpResponse response = httpContext.Response;
        response.ContentType = _download.ContentType ?? "application/octet-stream";
        response.ContentLength = _download.ContentLength;
        var disposition = new ContentDispositionHeaderValue("attachment");
        // The name the SDK's own saves use: folders, control and invisible direction characters removed, and a
        // nameless resource named after its key with the extension of its type.
        disposition.SetHttpFileName(_download.SafeFileName);
        response.Headers.ContentDisposition = disposition.ToString();

        // CopyToAsync fails a body that ends before its Content-Length; the client then sees a broken
        // response instead of a short file passed off as complete.
        await _download.CopyToAsync(response.Body, cancellationToken: httpContext.RequestAborted).ConfigureAwait(false);
    }
}
