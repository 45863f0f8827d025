namespace FeishuResources.Benchmarks;

/// <summary>
/// The baseline's request: what a plain <see cref="HttpClient"/> must send to download a file the way the
/// SDK does. The files endpoint only names the file (<c>Content-Disposition</c>) when the request says it is
/// JSON, with an empty body (docs/feishu-protocol.md), so the baseline sends that too; the path is appended
/// per call, as any client fetching different keys must.
/// </summary>
internal static class RawRequest
{
    public static HttpRequestMessage ForFile(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "open-apis/im/v1/files/" + key) { Content = new ByteArrayContent([]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return request;
    }

    /// <summary>Sends the request for <paramref name="key"/> and streams its body to <see cref="Stream.Null"/>; returns the declared length.</summary>
    public static async Task<long> DownloadAsync(HttpClient client, string key)
    {
        using HttpRequestMessage request = ForFile(key);
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using Stream body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
        return response.Content.Headers.ContentLength ?? 0;
    }
}
