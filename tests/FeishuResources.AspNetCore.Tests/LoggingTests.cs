using System.Net;
using System.Text.Json;
using FeishuResources.AspNetCore.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace FeishuResources.AspNetCore.Tests;

/// <summary>What the server's operator sees at the sample's default log levels.</summary>
public sealed class LoggingTests
{
    private const string WrongSecret = "wrong-secret-7f3a9c1e5b";

    [Fact]
    public async Task A_refusal_is_logged_at_Warning_with_its_code_and_log_id_and_never_the_secret()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        await using var app = new SampleApp(sample.Emulator, new Dictionary<string, string> { ["Feishu:AppSecret"] = WrongSecret });
        using HttpClient client = app.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/files/" + EmulatedSample.ReportKey);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        int code = problem.RootElement.GetProperty("code").GetInt32();
        string? logId = problem.RootElement.GetProperty("logId").GetString();
        Assert.False(string.IsNullOrEmpty(logId));
        var warning = Assert.Single(app.Logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.FullText().Contains(logId, StringComparison.Ordinal));
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), warning.FullText(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.GetSnapshot(), e => e.FullText().Contains(WrongSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_Feishu_is_logged_at_Warning()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        await using var app = new SampleApp(sample.Emulator, new Dictionary<string, string>
        {
            ["Feishu:BaseAddress"] = $"http://127.0.0.1:{ClosedPort()}/",
            ["Feishu:Retry:MaxRetryAttempts"] = "0",
        });
        using HttpClient client = app.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/files/" + EmulatedSample.ReportKey);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains(app.Logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Category is { } category && category.Contains("FeishuProblemDetailsHandler", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.GetSnapshot(), e => e.FullText().Contains(sample.Emulator.AppSecret, StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
