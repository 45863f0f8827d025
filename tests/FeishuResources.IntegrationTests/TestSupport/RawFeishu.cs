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

    public static Task<JsonElement> PostTokenRequestAsync(HttpClient http, string appId, string appSecret)
        => PostAsync(http, TokenPath, new() { ["app_id"] = appId, ["app_secret"] = appSecret });

    public static async Task<string> GetTokenAsync(HttpClient http, FeishuEmulator emulator)
        => (await PostTokenRequestAsync(http, emulator.AppId, emulator.AppSecret)).GetProperty("tenant_access_token").GetString()!;

    /// <summary>A store app's app access token.</summary>
    public static async Task<string> GetAppTokenAsync(HttpClient http, FeishuEmulator emulator)
    {
        JsonElement answer = await PostAsync(http, "open-apis/auth/v3/app_access_token", new() { ["app_id"] = emulator.AppId, ["app_secret"] = emulator.AppSecret, ["app_ticket"] = emulator.AppTicket });
        return answer.GetProperty("app_access_token").GetString()!;
    }

    /// <summary>A store app's request for a tenant's token: the answer, whose <c>code</c> says whether the app token was accepted.</summary>
    public static Task<JsonElement> PostStoreTenantTokenRequestAsync(HttpClient http, string appAccessToken, string tenantKey)
        => PostAsync(http, "open-apis/auth/v3/tenant_access_token", new() { ["app_access_token"] = appAccessToken, ["tenant_key"] = tenantKey });

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

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, Dictionary<string, string> body)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync(path, body);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
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
