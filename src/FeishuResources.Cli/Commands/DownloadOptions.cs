using System;
using System.CommandLine;
using System.CommandLine.Parsing;

namespace FeishuResources.Cli.Commands;

/// <summary>
/// The options of the download commands (file, message, batch): credentials, the platform to talk to, and
/// the output style. Each command gets its own instances; the emulator offers only the ones it honours.
/// </summary>
internal sealed class DownloadOptions
{
    public const string FeishuDomain = "feishu";
    public const string LarkDomain = "lark";
    public const string AppIdName = "--app-id";
    public const string AppSecretName = "--app-secret";
    public const string JsonName = "--json";
    public const string JsonDescription = "One JSON object per line: each item, then a summary.";

    public Option<string?> AppId { get; } = new(AppIdName)
    {
        Description = "The app id (cli_…). Defaults to $FEISHU_APP_ID.",
    };

    public Option<string?> AppSecret { get; } = new(AppSecretName)
    {
        Description = "The app secret. Defaults to $FEISHU_APP_SECRET (preferred: arguments show in process lists). Never printed.",
    };

    public Option<string> Domain { get; } = new Option<string>("--domain")
    {
        Description = "feishu (open.feishu.cn) or lark (open.larksuite.com).",
        DefaultValueFactory = _ => FeishuDomain,
    }.AcceptOnlyFromAmong(FeishuDomain, LarkDomain);

    public Option<string?> BaseUrl { get; } = CreateBaseUrl();

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "No progress bars: one plain line per item, as when output is redirected.",
    };

    public Option<bool> Json { get; } = new(JsonName)
    {
        Description = JsonDescription,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(AppId);
        command.Options.Add(AppSecret);
        command.Options.Add(Domain);
        command.Options.Add(BaseUrl);
        command.Options.Add(Quiet);
        command.Options.Add(Json);
    }

    private static Option<string?> CreateBaseUrl()
    {
        var option = new Option<string?>("--base-url")
        {
            Description = "Another base address, e.g. a gateway or the emulator (http://127.0.0.1:PORT/). Overrides --domain.",
            };
        option.Validators.Add(static result =>
        {
            string? value = result.GetValueOrDefault<string?>();
            if (value is not null
                && !(Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            {
                result.AddError($"--base-url must be an absolute http or https address, not '{value}'.");
            }
        });
        return option;
    }
}
