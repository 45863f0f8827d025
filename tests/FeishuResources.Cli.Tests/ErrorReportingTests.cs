using System.Net.Http.Json;
using System.Text.Json;
using FeishuResources.Cli.Running;
using FeishuResources.Cli.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.Cli.Tests;

/// <summary>What a failure prints: everything support needs, and never a secret or a token.</summary>
public sealed class ErrorReportingTests
{
    [Fact]
    public async Task A_refusal_prints_the_platform_code_message_log_id_and_troubleshooter_link()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("file", EmulatedPlatform.SheetKey));

        string logId = platform.Emulator.Traffic.Requests.Last(r => r.ResourceKey == EmulatedPlatform.SheetKey).LogId;
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("failed   " + EmulatedPlatform.SheetKey, result.Error, StringComparison.Ordinal);
        Assert.Contains("code 234008", result.Error, StringComparison.Ordinal);
        Assert.Contains("log id " + logId, result.Error, StringComparison.Ordinal);
        Assert.Contains("troubleshooter https://", result.Error, StringComparison.Ordinal);
        Assert.Contains("feishu-resources message <message_id> <file_key> --type file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_the_secret_nor_the_token_is_ever_printed_even_when_the_token_is_rejected()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.Faults.FailWith(99991663, EmulatedPlatform.NotesKey);
        CliSetup setup = platform.Setup with { Environment = new Dictionary<string, string>() };

        CliResult plain = await InProcessCli.RunAsync(setup, platform.Args("file", EmulatedPlatform.NotesKey, "--app-id", platform.Emulator.AppId, "--app-secret", EmulatedPlatform.Secret));
        CliResult json = await InProcessCli.RunAsync(setup, platform.Args("file", EmulatedPlatform.NotesKey, "--app-id", platform.Emulator.AppId, "--app-secret", EmulatedPlatform.Secret, "--json"));

        // The emulator hands out the same token while it has more than 30 minutes left: this is the one the CLI used.
        string token = await FetchTokenAsync(platform);
        Assert.Equal(3, plain.ExitCode);
        Assert.Equal(3, json.ExitCode);
        foreach (string output in new[] { plain.AllOutput, json.AllOutput })
        {
            Assert.DoesNotContain(EmulatedPlatform.Secret, output, StringComparison.Ordinal);
            Assert.DoesNotContain(token, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("file k --app-secret SECRET-PART-1 SECRET-PART-2")]
    [InlineData("file k --app-secret -SECRET-WITH-DASH --bogus")]
    [InlineData("file k --app-id x --app-secret -SECRET-WITH-DASH SECRET-PART-2")]
    [InlineData("file k --app-secret=SECRET-PART-1 SECRET-PART-2")]
    [InlineData("file k --app-secret:SECRET-PART-1 SECRET-PART-2")]
    [InlineData("--app-secret SECRET-PART-1 SECRET-PART-2")]
    [InlineData("--app-secret=SECRET-PART-1 file k")]
    [InlineData("emulator --app-secret=SECRET-PART-1 SECRET-PART-2")]
    [InlineData("batch - -o out --concurrency 0 --app-secret SECRET-PART-1 SECRET-PART-2")]
    public async Task A_parse_error_never_echoes_what_follows_app_secret(string commandLine)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, commandLine.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", result.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_failed_item_prints_its_log_id_and_troubleshooter_link_once()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("file", EmulatedPlatform.SheetKey));

        string logId = platform.Emulator.Traffic.Requests.Last(r => r.ResourceKey == EmulatedPlatform.SheetKey).LogId;
        Assert.Equal(1, Occurrences(result.AllOutput, "log id " + logId));
        Assert.DoesNotContain("Log id", result.AllOutput, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(result.AllOutput, "https://"));
        Assert.Contains("Feishu refused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_body_is_reported_without_repeating_its_log_id()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.Faults.DropConnectionAfter(1000, EmulatedPlatform.ReportKey);
        var services = new ServiceCollection().AddLogging();
        services.AddFeishuResources(o =>
        {
            platform.Emulator.ConfigureClient(o);
            o.MaxResumeAttempts = 0;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        await using FeishuDownload download = await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync(EmulatedPlatform.ReportKey);
        var broken = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        CliFailure failure = CliFailure.From(broken);

        Assert.NotNull(broken.LogId);
        Assert.Contains(broken.LogId, broken.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(broken.LogId, failure.Message, StringComparison.Ordinal);
        Assert.Equal(broken.LogId, failure.LogId);
    }

    [Fact]
    public async Task An_unknown_file_key_is_not_found_with_advice_that_fits_the_file_command()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("file", "file_v3_nosuch"));

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("code 234005", result.Error, StringComparison.Ordinal);
        Assert.Contains("check the file key", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--type", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("resource type", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_type_in_a_message_is_an_invalid_request_whose_advice_names_the_type_option()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("message", EmulatedPlatform.MessageId, EmulatedPlatform.PhotoKey, "--type", "file"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("code 234001", result.Error, StringComparison.Ordinal);
        Assert.Contains("--type image", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_item_of_a_users_file_is_told_to_list_it_with_its_message()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        CliSetup setup = platform.Setup with { StandardInput = EmulatedPlatform.SheetKey };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup"));

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("code 234008", result.Error, StringComparison.Ordinal);
        Assert.Contains("'message_id file_key file'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("DownloadMessageResourceAsync", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--app-secret", "not-the-secret", "--app-secret", "FEISHU_APP_SECRET")]
    [InlineData("--app-id", "cli_not_the_app", "--app-id", "FEISHU_APP_ID")]
    public async Task Wrong_credentials_name_the_options_and_variables_the_CLI_user_has(string option, string value, string expectedOption, string expectedVariable)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("file", EmulatedPlatform.NotesKey, option, value));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(expectedOption, result.Error, StringComparison.Ordinal);
        Assert.Contains(expectedVariable, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("FeishuResourcesOptions", result.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(value, result.AllOutput, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string value) => text.Split(value).Length - 1;

    private static async Task<string> FetchTokenAsync(EmulatedPlatform platform)
    {
        using var http = new HttpClient { BaseAddress = platform.Emulator.BaseAddress };
        using HttpResponseMessage response = await http.PostAsJsonAsync("open-apis/auth/v3/tenant_access_token/internal", new { app_id = platform.Emulator.AppId, app_secret = EmulatedPlatform.Secret });
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string token = body.RootElement.GetProperty("tenant_access_token").GetString()!;
        Assert.False(string.IsNullOrEmpty(token));
        return token;
    }
}
