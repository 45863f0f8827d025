using System;
using System.Globalization;
using System.IO;

namespace FeishuResources.Cli.Running;

/// <summary>
/// What went wrong, as the CLI reports it: the exit code, a message, and for the platform's refusals the
/// code, HTTP status, log id and troubleshooter link support asks for. Never a secret or a token: the SDK
/// keeps those out of its messages.
/// </summary>
internal sealed record CliFailure(int ExitCode, string Message, int? PlatformCode = null, int? HttpStatus = null, string? LogId = null, string? Troubleshooter = null)
{
    /// <param name="exception">The failure.</param>
    /// <param name="target">The item that failed, when it is an item's failure.</param>
    /// <param name="fromBatchList">Whether the item came from a batch list.</param>
    public static CliFailure From(Exception exception, DownloadTarget? target = null, bool fromBatchList = false) => exception switch
    {
        FeishuApiException api => new(ExitCodes.For(api), Describe(api, target, fromBatchList), api.Code, (int)api.StatusCode, api.LogId, api.Troubleshooter),
        FeishuDownloadException body => new(ExitCodes.For(body), body.Summary, LogId: body.LogId),
        OperationCanceledException => new(ExitCodes.For(exception), "Cancelled."),
        UnauthorizedAccessException or IOException => new(ExitCodes.For(exception), "File system error: " + exception.Message),
        _ => new(ExitCodes.For(exception), exception.Message),
    };

    /// <summary>A batch item saved to disk whose record in the manifest could not be written.</summary>
    public static CliFailure NotRecorded(string savedPath, string manifestPath, Exception exception) => new(
        ExitCodes.For(exception),
        $"Saved as '{savedPath}', but the batch manifest '{manifestPath}' could not be updated ({exception.Message}); a re-run will download it again.");

    /// <summary>The SDK's summary, unless the command line has its own advice: then what the platform said, and that advice.</summary>
    private static string Describe(FeishuApiException api, DownloadTarget? target, bool fromBatchList)
    {
        if (CommandLineAdvice.For(api, target, fromBatchList) is not { } advice)
        {
            return api.Summary;
        }

        string refused = api is FeishuAuthenticationException
            ? "Feishu refused the app's credentials"
            : target is null ? "Feishu refused the request" : $"Feishu refused the download of '{target.FileKey}'";
        string said = string.IsNullOrWhiteSpace(api.Error.Message) ? string.Empty : $", \"{api.Error.Message}\"";
        return string.Create(CultureInfo.InvariantCulture, $"{refused}: code {api.Code} (HTTP {(int)api.StatusCode}){said}. {advice}");
    }
}
