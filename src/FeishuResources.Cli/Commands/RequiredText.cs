using System.CommandLine;

namespace FeishuResources.Cli.Commands;

/// <summary>Arguments that must hold text: a blank key or id is refused as wrong usage, in the CLI's words, before any request.</summary>
internal static class RequiredText
{
    public static Argument<string> Argument(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError(name + " must not be empty.");
            }
        });
        return argument;
    }
}
