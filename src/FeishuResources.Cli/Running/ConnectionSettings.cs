using System;
using System.CommandLine;
using FeishuResources.Cli.Commands;

namespace FeishuResources.Cli.Running;

/// <summary>The app and the platform to talk to, from the command's options or the environment.</summary>
internal sealed record ConnectionSettings(string AppId, string AppSecret, Uri BaseAddress)
{
    public const string AppIdVariable = "FEISHU_APP_ID";
    public const string AppSecretVariable = "FEISHU_APP_SECRET";

    public static ConnectionSettings Resolve(ParseResult parse, DownloadOptions options, CliConsole console)
    {
        string appId = Require(OptionOrEnvironment(parse.GetValue(options.AppId), AppIdVariable, console), "app id", options.AppId.Name, AppIdVariable);
        string appSecret = Require(OptionOrEnvironment(parse.GetValue(options.AppSecret), AppSecretVariable, console), "app secret", options.AppSecret.Name, AppSecretVariable);
        string? baseUrl = parse.GetValue(options.BaseUrl);
        Uri baseAddress = baseUrl is not null
            ? new Uri(baseUrl, UriKind.Absolute)
            : string.Equals(parse.GetValue(options.Domain), DownloadOptions.LarkDomain, StringComparison.OrdinalIgnoreCase) ? FeishuDomains.Lark : FeishuDomains.Feishu;
        return new ConnectionSettings(appId, appSecret, baseAddress);
    }

    /// <summary>The option's value, else the environment variable's, trimmed; <see langword="null"/> when both are blank.</summary>
    public static string? OptionOrEnvironment(string? fromOption, string variable, CliConsole console)
    {
        string? value = string.IsNullOrWhiteSpace(fromOption) ? console.GetEnvironmentVariable(variable) : fromOption;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static string Require(string? value, string what, string option, string variable)
        => value ?? throw new CliUsageException($"No {what}: pass {option} or set {variable}.");
}
