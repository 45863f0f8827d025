namespace FeishuResources.Samples.AspNetCore;

/// <summary>The two download routes: a file the bot uploaded, and a resource inside a message.</summary>
public static class FeishuDownloadEndpoints
{
    /// <summary>
    /// Maps <c>GET /files/{fileKey}</c> and <c>GET /messages/{messageId}/resources/{fileKey}?type=image|file</c>;
    /// a key or id the SDK refuses as bad input (blank, say) is a 400 problem, answered before any call to Feishu.
    /// </summary>
    /// <param name="routes">The application's routes.</param>
    /// <returns>The same routes, for chaining.</returns>
    public static IEndpointRouteBuilder MapFeishuDownloads(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/files/{fileKey}", (string fileKey, IFeishuResourceClient feishu, HttpContext http) =>
            StreamAsync(http, aborted => feishu.DownloadFileAsync(fileKey, aborted)));

        routes.MapGet("/messages/{messageId}/resources/{fileKey}", async (string messageId, string fileKey, string? type, IFeishuResourceClient feishu, HttpContext http) =>
        {
            FeishuResourceType? resourceType = type switch
            {
                "image" => FeishuResourceType.Image,
                "file" => FeishuResourceType.File,
                _ => null,
            };
            if (resourceType is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The query must say type=image or type=file.");
            }

            return await StreamAsync(http, aborted => feishu.DownloadMessageResourceAsync(messageId, fileKey, resourceType.Value, aborted));
        });

        return routes;
    }

    private static async Task<IResult> StreamAsync(HttpContext http, Func<CancellationToken, Task<FeishuDownload>> start)
    {
        FeishuDownload download;
        try
        {
            download = await start(http.RequestAborted);
        }
        catch (ArgumentException badInput)
        {
            // The SDK checks keys and ids before any call to Feishu and names the one it refused: a blank or
            // malformed value in the URL is the browser's mistake, not a server error.
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The URL names no valid Feishu resource.", detail: badInput.Message);
        }

        // Released when the response completes, however it ends: the download holds the upstream connection.
        http.Response.RegisterForDisposeAsync(download);
        return new FeishuDownloadResult(download);
    }
}
