using System;
using System.CommandLine;
using FeishuResources.Cli.Commands;

namespace FeishuResources.Cli.Running;

/// <summary>The app and the platform to talk to, from the global options or the environment.</summary>
internal sealed record ConnectionSettings(string AppId, string AppSecret, Uri BaseAddress)
{
    public const string AppIdVariable = "FEISHU_APP_ID";
    public const string AppSecretVariable = "FEISHU_APP_SECRET";

    public static ConnectionSettings Resolve(ParseResult parse, GlobalOptions globals, CliConsole console)
    {
        string appId = Require(parse.GetValue(globals.AppId), console.GetEnvironmentVariable(AppIdVariable), "app id", globals.AppId.Name, AppIdVariable);
        string appSecret = Require(parse.GetValue(globals.AppSecret), console.GetEnvironmentVariable(AppSecretVariable), "app secret", globals.AppSecret.Name, AppSecretVariable);
        string? baseUrl = parse.GetValue(globals.BaseUrl);
        Uri baseAddress = baseUrl is not null
            ? new Uri(baseUrl, UriKind.Absolute)
            : string.Equals(parse.GetValue(globals.Domain), GlobalOptions.LarkDomain, StringComparison.OrdinalIgnoreCase) ? FeishuDomains.Lark : FeishuDomains.Feishu;
        return new ConnectionSettings(appId, appSecret, baseAddress);
    }

    private static string Require(string? fromOption, string? fromEnvironment, string what, string option, string variable)
    {
        string? value = string.IsNullOrWhiteSpace(fromOption) ? fromEnvironment : fromOption;
        return string.IsNullOrWhiteSpace(value)
            ? throw new CliUsageException($"No {what}: pass {option} or set {variable}.")
            : value.Trim();
    }
}
