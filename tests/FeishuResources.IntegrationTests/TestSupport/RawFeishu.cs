using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FeishuResources.Testing;

namespace FeishuResources.IntegrationTests.TestSupport;

/// <summary>Plain HttpClient calls to the emulator, for tests of the emulator's own protocol without the SDK in between.</summary>
public static class RawFeishu
{
    public const string TokenPath = "open-apis/auth/v3/tenant_access_token/internal";

    public static HttpClient CreateClient(FeishuEmulator emulator) => new() { BaseAddress = emulator.BaseAddress };

    public static async Task<JsonElement> PostTokenRequestAsync(HttpClient http, string appId, string appSecret)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync(TokenPath, new Dictionary<string, string> { ["app_id"] = appId, ["app_secret"] = appSecret });
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<string> GetTokenAsync(HttpClient http, FeishuEmulator emulator)
        => (await PostTokenRequestAsync(http, emulator.AppId, emulator.AppSecret)).GetProperty("tenant_access_token").GetString()!;

    public static HttpRequestMessage Get(string pathAndQuery, string? token, string? range = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        return request;
    }

    public static async Task<int> ReadCodeAsync(HttpResponseMessage response)
        => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32();

    public static async Task<byte[]> ReadSliceAsync(FeishuEmulatorContent content, long offset, int count)
    {
        await using Stream stream = content.OpenRead();
        stream.Seek(offset, SeekOrigin.Begin);
        byte[] slice = new byte[count];
        await stream.ReadExactlyAsync(slice);
        return slice;
    }
}
