using System;

namespace FeishuResources.Cli;

/// <summary>The command line asks for something impossible (a missing credential, an unreadable list): exit code 2.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }
}
