using System.CommandLine;

namespace FeishuResources.Cli.Commands;

/// <summary>Options several commands share in shape but not in wording.</summary>
internal static class CommonOptions
{
    public static Option<string?> Output(string description, bool required = false) => new("--output", "-o")
    {
        Description = description,
        HelpName = required ? "DIR" : "PATH|DIR",
        Required = required,
    };
}
