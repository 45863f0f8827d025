using System.Net;
using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FeishuResources.IntegrationTests;

/// <summary>
/// The emulator's own frequency limits, driven by a plain HttpClient (the SDK would pace itself) on a
/// clock that stands still, so the windows are exact however slow the machine is.
/// </summary>
public sealed class RateLimitEnforcementTests : IAsyncLifetime
{
    private const string FilePath = "open-apis/im/v1/files/file_v3_limits";
    private const string MessagePath = "open-apis/im/v1/messages/om_limits/resources/file_v3_limits?type=file";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 2, 7, 12, 0, 0, TimeSpan.Zero));
    private FeishuEmulator _emulator = null!;
    private HttpClient _http = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { TimeProvider = _clock });
        _emulator.AddFile("file_v3_limits", FeishuEmulatorContent.Generated(4), "text/plain");
        _emulator.AddMessageResource("om_limits", "file_v3_limits", FeishuResourceType.File, FeishuEmulatorContent.Generated(4), "text/plain");
        _http = RawFeishu.CreateClient(_emulator);
        _token = await RawFeishu.GetTokenAsync(_http, _emulator);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task The_51st_request_within_a_second_is_throttled_with_429_99991400_and_the_gateway_headers()
    {
        Assert.Equal(50, await CountAdmittedAsync(FilePath, 50));

        using HttpResponseMessage throttled = await _http.SendAsync(RawFeishu.Get(FilePath, _token));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(99991400, await RawFeishu.ReadCodeAsync(throttled));
        Assert.Equal("50", Assert.Single(throttled.Headers.GetValues("x-ogw-ratelimit-limit")));
        Assert.Equal("1", Assert.Single(throttled.Headers.GetValues("x-ogw-ratelimit-reset")));
        Assert.Equal(1, _emulator.Traffic.RateLimitedResponses);
        Assert.Equal(51, _emulator.Traffic.MaxRequestsStartedInAnySecond(FeishuEmulatorApi.Files));
    }

    [Fact]
    public async Task The_second_window_slides_so_requests_are_admitted_again_one_second_later()
    {
        await CountAdmittedAsync(FilePath, 50);

        _clock.Advance(TimeSpan.FromMilliseconds(999));
        using HttpResponseMessage early = await _http.SendAsync(RawFeishu.Get(FilePath, _token));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        using HttpResponseMessage onTime = await _http.SendAsync(RawFeishu.Get(FilePath, _token));

        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
    }

    [Fact]
    public async Task The_1001st_request_within_a_minute_is_throttled_with_the_minute_limit()
    {
        for (int second = 0; second < 20; second++)
        {
            Assert.Equal(50, await CountAdmittedAsync(FilePath, 50));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        using HttpResponseMessage throttled = await _http.SendAsync(RawFeishu.Get(FilePath, _token));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("1000", Assert.Single(throttled.Headers.GetValues("x-ogw-ratelimit-limit")));
        Assert.Equal("40", Assert.Single(throttled.Headers.GetValues("x-ogw-ratelimit-reset")));
    }

    [Fact]
    public async Task Each_download_api_has_its_own_quota()
    {
        await CountAdmittedAsync(FilePath, 50);

        Assert.Equal(50, await CountAdmittedAsync(MessagePath, 50));
    }

    [Fact]
    public async Task Injected_throttling_answers_429_for_exactly_the_next_n_requests()
    {
        _emulator.Faults.RateLimit(2, TimeSpan.FromSeconds(3));

        using HttpResponseMessage first = await _http.SendAsync(RawFeishu.Get(FilePath, _token));
        using HttpResponseMessage second = await _http.SendAsync(RawFeishu.Get(MessagePath, _token));
        using HttpResponseMessage third = await _http.SendAsync(RawFeishu.Get(FilePath, _token));

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal("3", Assert.Single(first.Headers.GetValues("x-ogw-ratelimit-reset")));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task With_rate_limiting_off_a_burst_is_never_throttled()
    {
        await using FeishuEmulator unlimited = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { TimeProvider = _clock, RateLimitingEnabled = false });
        unlimited.AddFile("file_v3_limits", FeishuEmulatorContent.Generated(4), "text/plain");
        using HttpClient http = RawFeishu.CreateClient(unlimited);
        string token = await RawFeishu.GetTokenAsync(http, unlimited);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 120).Select(_ => http.SendAsync(RawFeishu.Get(FilePath, token))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0, unlimited.Traffic.RateLimitedResponses);
    }

    private async Task<int> CountAdmittedAsync(string path, int count)
    {
        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => _http.SendAsync(RawFeishu.Get(path, _token))));
        int admitted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }

        return admitted;
    }
}
