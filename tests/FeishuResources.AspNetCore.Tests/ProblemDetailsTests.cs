using System.Net;
using System.Text.Json;
using FeishuResources.AspNetCore.Tests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.AspNetCore.Tests;

/// <summary>Each kind of Feishu refusal becomes its HTTP status with ProblemDetails carrying the log id.</summary>
public sealed class ProblemDetailsTests
{
    public static TheoryData<string, int, int> Refusals => new()
    {
        { "not in the message", 404, 234003 },
        { "a user's file on the files endpoint", 403, 234008 },
        { "too large", 413, 234037 },
        { "rate limited", 429, 99991400 },
        { "token rejected", 502, 99991663 },
        { "invalid request", 502, 234001 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refusal_maps_to_its_status_with_a_problem_carrying_code_and_log_id(string refusal, int status, int code)
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        (string path, string key) = Arrange(refusal, sample);
        using HttpClient client = sample.App.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(path);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetInt32());
        Assert.Contains(problem.RootElement.GetProperty("logId").GetString(), sample.LogIdsFor(key));
        Assert.False(response.Content.Headers.Contains("Content-Disposition"));
    }

    [Fact]
    public async Task A_rate_limited_download_answers_429_with_Retry_After()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        (string path, _) = Arrange("rate limited", sample);
        using HttpClient client = sample.App.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        TimeSpan? retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task An_unreachable_Feishu_answers_502_with_a_problem_not_a_500()
    {
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync();
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        int port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var app = new SampleApp(emulator, new Dictionary<string, string>
        {
            ["Feishu:BaseAddress"] = $"http://127.0.0.1:{port}/",
            ["Feishu:Retry:MaxRetryAttempts"] = "0",
        });
        using HttpClient client = app.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/files/" + EmulatedSample.ReportKey);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static (string Path, string Key) Arrange(string refusal, EmulatedSample sample)
    {
        string report = "/files/" + EmulatedSample.ReportKey;
        switch (refusal)
        {
            case "not in the message":
                return ($"/messages/{EmulatedSample.MessageId}/resources/file_v3_elsewhere?type=file", "file_v3_elsewhere");
            case "a user's file on the files endpoint":
                return ("/files/" + EmulatedSample.SheetKey, EmulatedSample.SheetKey);
            case "too large":
                sample.Emulator.Faults.FailWith(234037, EmulatedSample.ReportKey);
                return (report, EmulatedSample.ReportKey);
            case "rate limited":
                // A reset of 0 s keeps the SDK's waits between its retries short.
                sample.Emulator.Faults.RateLimit(times: 100, reset: TimeSpan.Zero, EmulatedSample.ReportKey);
                return (report, EmulatedSample.ReportKey);
            case "token rejected":
                sample.Emulator.Faults.FailWith(99991663, EmulatedSample.ReportKey);
                return (report, EmulatedSample.ReportKey);
            case "invalid request":
                // The emulator answers an unknown file key with 234005 (not found), as the platform's table says.
                sample.Emulator.Faults.FailWith(234001, EmulatedSample.ReportKey);
                return (report, EmulatedSample.ReportKey);
            default:
                throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "No such case.");
        }
    }
}
