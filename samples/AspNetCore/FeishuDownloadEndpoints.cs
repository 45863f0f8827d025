namespace FeishuResources.Samples.AspNetCore;

/// <summary>The two download routes: a file the bot uploaded, and a resource inside a message.</summary>
public static class FeishuDownloadEndpoints
{
    /// <summary>Maps <c>GET /files/{fileKey}</c> and <c>GET /messages/{messageId}/resources/{fileKey}?type=image|file</c>.</summary>
    /// <param name="routes">The application's routes.</param>
    /// <returns>The same routes, for chaining.</returns>
    public static IEndpointRouteBuilder MapFeishuDownloads(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/files/{fileKey}", async (string fileKey, IFeishuResourceClient feishu, HttpContext http) =>
            Stream(http, await feishu.DownloadFileAsync(fileKey, http.RequestAborted)));

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

            return Stream(http, await feishu.DownloadMessageResourceAsync(messageId, fileKey, resourceType.Value, http.RequestAborted));
        });

        return routes;
    }

    private static IResult Stream(HttpContext http, FeishuDownload download)
    {
        // Released when the response completes, however it ends: the download holds the upstream connection.
        http.Response.RegisterForDisposeAsync(download);
        return new FeishuDownloadResult(download);
    }
}
