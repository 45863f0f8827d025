using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Json;

/// <summary>A failure in <c>--json</c> output.</summary>
internal sealed record JsonFailure(int ExitCode, string Message, int? Code, int? HttpStatus, string? LogId, string? Troubleshooter)
{
    public static JsonFailure? From(CliFailure? failure)
        => failure is null ? null : new(failure.ExitCode, failure.Message, failure.PlatformCode, failure.HttpStatus, failure.LogId, failure.Troubleshooter);
}
