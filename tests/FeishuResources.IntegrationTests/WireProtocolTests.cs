using System.Net;
using System.Text;
using System.Text.Json;
using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.IntegrationTests;

/// <summary>The emulator's own protocol, checked with a plain HttpClient: what any client of the platform would see.</summary>
public sealed class WireProtocolTests : IAsyncLifetime
{
    private const string FilePath = "open-apis/im/v1/files/file_v3_wire";
    private const string StoreTenant = "tenant_2ed263bf32cf1651";
    private readonly FeishuEmulatorContent _content = FeishuEmulatorContent.Generated(1000, seed: 3);
    private FeishuEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _emulator = await FeishuEmulator.StartAsync();
        _emulator.AddFile("file_v3_wire", _content, "application/octet-stream", "wire.bin");
        _http = RawFeishu.CreateClient(_emulator);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Every_response_carries_a_34_character_log_id()
    {
        string token = await RawFeishu.GetTokenAsync(_http, _emulator);
        using var withBody = RawFeishu.Get(FilePath, token);
        withBody.Content = new StringContent("{}");

        HttpResponseMessage[] responses =
        [
            await _http.PostAsync(RawFeishu.TokenPath, new StringContent("not json")),
            await _http.SendAsync(RawFeishu.Get(FilePath, token)),
            await _http.SendAsync(RawFeishu.Get(FilePath, null)),
            await _http.SendAsync(withBody),
            await _http.GetAsync("open-apis/unknown"),
        ];

        foreach (HttpResponseMessage response in responses)
        {
            string logId = Assert.Single(response.Headers.GetValues("X-Tt-Logid"));
            Assert.Equal(34, logId.Length);
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_get_with_a_body_is_refused_with_411()
    {
        string token = await RawFeishu.GetTokenAsync(_http, _emulator);
        using var request = RawFeishu.Get(FilePath, token);
        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.LengthRequired, response.StatusCode);
    }

    [Theory]
    [InlineData(null, 99991661, 400)]
    [InlineData("x-not-a-token", 99991671, 400)]
    [InlineData("t-never-issued", 99991663, 200)]
    public async Task A_download_without_a_valid_token_answers_the_platforms_auth_code(string? token, int code, int status)
    {
        using HttpResponseMessage response = await _http.SendAsync(RawFeishu.Get(FilePath, token));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, await RawFeishu.ReadCodeAsync(response));
    }

    [Theory]
    [InlineData("bytes=100-199", 100, 199)]
    [InlineData("bytes=900-", 900, 999)]
    [InlineData("bytes=-10", 990, 999)]
    [InlineData("bytes=950-5000", 950, 999)]
    public async Task A_range_request_answers_206_with_content_range_and_those_bytes(string range, long first, long last)
    {
        string token = await RawFeishu.GetTokenAsync(_http, _emulator);

        using HttpResponseMessage response = await _http.SendAsync(RawFeishu.Get(FilePath, token, range));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {first}-{last}/1000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(await RawFeishu.ReadSliceAsync(_content, first, (int)(last - first + 1)), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_beyond_the_end_answers_416()
    {
        string token = await RawFeishu.GetTokenAsync(_http, _emulator);

        using HttpResponseMessage response = await _http.SendAsync(RawFeishu.Get(FilePath, token, "bytes=1000-"));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */1000", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task A_resource_over_100_MB_is_served_in_ranges()
    {
        var huge = FeishuEmulatorContent.Generated(120L * 1024 * 1024, seed: 9);
        _emulator.AddMessageResource("om_big", "file_v3_big", FeishuResourceType.File, huge, "video/mp4");
        string token = await RawFeishu.GetTokenAsync(_http, _emulator);
        const long Offset = 110L * 1024 * 1024;

        using HttpResponseMessage response = await _http.SendAsync(RawFeishu.Get("open-apis/im/v1/messages/om_big/resources/file_v3_big?type=file", token, $"bytes={Offset}-{Offset + 4095}"));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(await RawFeishu.ReadSliceAsync(huge, Offset, 4096), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_token_endpoint_reissues_the_same_token_with_the_default_7200_second_expiry()
    {
        var first = await RawFeishu.PostTokenRequestAsync(_http, _emulator.AppId, _emulator.AppSecret);
        var second = await RawFeishu.PostTokenRequestAsync(_http, _emulator.AppId, _emulator.AppSecret);

        Assert.Equal(0, first.GetProperty("code").GetInt32());
        Assert.StartsWith("t-", first.GetProperty("tenant_access_token").GetString(), StringComparison.Ordinal);
        Assert.InRange(first.GetProperty("expire").GetInt64(), 7190, 7200);
        Assert.Equal(first.GetProperty("tenant_access_token").GetString(), second.GetProperty("tenant_access_token").GetString());
    }

    [Fact]
    public async Task The_token_endpoint_refuses_a_wrong_secret_with_10014_and_http_200()
    {
        var answer = await RawFeishu.PostTokenRequestAsync(_http, _emulator.AppId, "wrong");

        Assert.Equal(10014, answer.GetProperty("code").GetInt32());
        Assert.False(answer.TryGetProperty("tenant_access_token", out _));
    }

    [Fact]
    public async Task A_revoked_token_answers_99991663_with_http_200_and_the_next_token_request_gets_a_new_one()
    {
        string before = await RawFeishu.GetTokenAsync(_http, _emulator);

        _emulator.Faults.RevokeCurrentToken();
        using HttpResponseMessage refused = await _http.SendAsync(RawFeishu.Get(FilePath, before));
        string after = await RawFeishu.GetTokenAsync(_http, _emulator);
        using HttpResponseMessage served = await _http.SendAsync(RawFeishu.Get(FilePath, after));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(99991663, await RawFeishu.ReadCodeAsync(refused));
        Assert.NotEqual(before, after);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Revoking_the_current_token_revokes_tenant_tokens_but_not_a_store_apps_app_tokens_even_superseded_ones()
    {
        // With under 30 minutes of lifetime, every app token request gets a new token and the previous one stays valid.
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { TokenLifetime = TimeSpan.FromMinutes(20) });
        emulator.AddFile("file_v3_wire", _content, "application/octet-stream", "wire.bin");
        using HttpClient http = RawFeishu.CreateClient(emulator);
        string superseded = await RawFeishu.GetAppTokenAsync(http, emulator);
        string current = await RawFeishu.GetAppTokenAsync(http, emulator);
        JsonElement tenantAnswer = await RawFeishu.PostStoreTenantTokenRequestAsync(http, current, StoreTenant);
        string tenantToken = tenantAnswer.GetProperty("tenant_access_token").GetString()!;

        emulator.Faults.RevokeCurrentToken();
        using HttpResponseMessage refused = await http.SendAsync(RawFeishu.Get(FilePath, tenantToken));
        JsonElement withSuperseded = await RawFeishu.PostStoreTenantTokenRequestAsync(http, superseded, StoreTenant);
        JsonElement withCurrent = await RawFeishu.PostStoreTenantTokenRequestAsync(http, current, StoreTenant);

        Assert.NotEqual(superseded, current);
        Assert.Equal(99991663, await RawFeishu.ReadCodeAsync(refused));
        Assert.Equal(0, withSuperseded.GetProperty("code").GetInt32());
        Assert.Equal(0, withCurrent.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task The_request_log_keeps_headers_but_never_the_authorization_value()
    {
        string token = await RawFeishu.GetTokenAsync(_http, _emulator);

        using HttpResponseMessage response = await _http.SendAsync(RawFeishu.Get(FilePath, token));

        FeishuEmulatorRequest logged = Assert.Single(_emulator.Traffic.Requests, r => r.Api == FeishuEmulatorApi.Files);
        Assert.Equal("/" + FilePath, logged.PathAndQuery);
        Assert.Equal(200, logged.StatusCode);
        Assert.Contains(logged.Headers, h => h.Key == "Authorization" && h.Value == FeishuEmulatorRequest.RedactedValue);
        Assert.DoesNotContain(logged.Headers, h => h.Value.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dropped_connection_delivers_only_the_given_bytes()
    {
        string token = await RawFeishu.GetTokenAsync(_http, _emulator);
        _emulator.Faults.DropConnectionAfter(300, "file_v3_wire");

        using HttpResponseMessage response = await _http.SendAsync(RawFeishu.Get(FilePath, token), HttpCompletionOption.ResponseHeadersRead);
        Stream body = await response.Content.ReadAsStreamAsync();
        byte[] buffer = new byte[1000];
        int received = 0;
        Exception? broken = await Record.ExceptionAsync(async () =>
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(received))) > 0)
            {
                received += read;
            }
        });

        Assert.Equal(1000, response.Content.Headers.ContentLength);
        Assert.IsAssignableFrom<IOException>(broken);
        Assert.Equal(300, received);
    }

    [Fact]
    public async Task Injected_latency_and_a_slow_body_still_deliver_the_exact_bytes()
    {
        string token = await RawFeishu.GetTokenAsync(_http, _emulator);
        _emulator.Faults.DelayHeaders(TimeSpan.FromMilliseconds(50), "file_v3_wire", times: 1);
        _emulator.Faults.SlowBody(256, TimeSpan.FromMilliseconds(10), "file_v3_wire", times: 1);

        using HttpResponseMessage response = await _http.SendAsync(RawFeishu.Get(FilePath, token));

        Assert.Equal(await RawFeishu.ReadSliceAsync(_content, 0, 1000), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Injected_header_latency_holds_back_the_response()
    {
        string token = await RawFeishu.GetTokenAsync(_http, _emulator);
        _emulator.Faults.DelayHeaders(TimeSpan.FromSeconds(30), "file_v3_wire");
        using var impatient = new HttpClient { BaseAddress = _emulator.BaseAddress, Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.SendAsync(RawFeishu.Get(FilePath, token)));
    }
}
