using System;
using System.IO;

namespace FeishuResources.Cli.Running;

/// <summary>
/// What went wrong, as the CLI reports it: the exit code, a message, and for the platform's refusals the
/// code, HTTP status, log id and troubleshooter link support asks for. Never a secret or a token: the SDK
/// keeps those out of its messages.
/// </summary>
internal sealed record CliFailure(int ExitCode, string Message, int? PlatformCode = null, int? HttpStatus = null, string? LogId = null, string? Troubleshooter = null)
{
    public static CliFailure From(Exception exception) => exception switch
    {
        FeishuApiException api => new(ExitCodes.For(api), api.Summary + HintFor(api.Code), api.Code, (int)api.StatusCode, api.LogId, api.Troubleshooter),
        FeishuDownloadException body => new(ExitCodes.For(body), body.Summary, LogId: body.LogId),
        OperationCanceledException => new(ExitCodes.For(exception), "Cancelled."),
        UnauthorizedAccessException or IOException => new(ExitCodes.For(exception), "File system error: " + exception.Message),
        _ => new(ExitCodes.For(exception), exception.Message),
    };

    /// <summary>A batch item saved to disk whose record in the manifest could not be written.</summary>
    public static CliFailure NotRecorded(string savedPath, string manifestPath, Exception exception) => new(
        ExitCodes.For(exception),
        $"Saved as '{savedPath}', but the batch manifest '{manifestPath}' could not be updated ({exception.Message}); a re-run will download it again.");

    /// <summary>The SDK's advice names its methods; on the command line the advice is a command.</summary>
    private static string HintFor(int code) => code == FeishuErrorCodes.AppNotResourceSender
        ? " On the command line: feishu-resources message <message_id> <file_key> --type file."
        : string.Empty;
}
