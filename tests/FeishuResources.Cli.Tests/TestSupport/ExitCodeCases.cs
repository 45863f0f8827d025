namespace FeishuResources.Cli.Tests.TestSupport;

/// <summary>
/// One way to reach each exit code against the emulator, shared by the in-process and the process tests.
/// </summary>
public static class ExitCodeCases
{
    public static TheoryData<string, int> All => new()
    {
        { "saved", 0 },
        { "invalid request (234001)", 1 },
        { "unknown file key (234005)", 4 },
        { "unknown option", 2 },
        { "missing credentials", 2 },
        { "token rejected (99991663)", 3 },
        { "wrong secret (10014)", 3 },
        { "not in the message (234003)", 4 },
        { "a user's file on the files endpoint (234008)", 4 },
        { "too large and ranges refused (234037)", 5 },
        { "rate limited after every retry (99991400)", 6 },
    };

    /// <summary>Sets the emulator up for the case and returns the command line and its surroundings.</summary>
    public static (CliSetup Setup, string[] Args) Arrange(string name, EmulatedPlatform platform)
    {
        const string Notes = EmulatedPlatform.NotesKey;
        CliSetup setup = platform.Setup;
        switch (name)
        {
            case "saved":
                return (setup, platform.Args("file", Notes));
            case "invalid request (234001)":
                // An image asked for as a file.
                return (setup, platform.Args("message", EmulatedPlatform.MessageId, EmulatedPlatform.PhotoKey, "--type", "file"));
            case "unknown file key (234005)":
                return (setup, platform.Args("file", "file_v3_nowhere"));
            case "unknown option":
                return (setup, platform.Args("file", Notes, "--no-such-option"));
            case "missing credentials":
                return (setup with { Environment = new Dictionary<string, string>() }, platform.Args("file", Notes));
            case "token rejected (99991663)":
                platform.Emulator.Faults.FailWith(99991663, Notes);
                return (setup, platform.Args("file", Notes));
            case "wrong secret (10014)":
                return (setup, platform.Args("file", Notes, "--app-secret", "not-the-secret"));
            case "not in the message (234003)":
                return (setup, platform.Args("message", EmulatedPlatform.MessageId, "file_v3_elsewhere", "--type", "file"));
            case "a user's file on the files endpoint (234008)":
                return (setup, platform.Args("file", EmulatedPlatform.SheetKey));
            case "too large and ranges refused (234037)":
                // Every request for the key answers 234037, so the SDK's ranged fallback is refused too.
                platform.Emulator.Faults.FailWith(234037, Notes);
                return (setup, platform.Args("file", Notes));
            case "rate limited after every retry (99991400)":
                // A reset of 0 s keeps the SDK's waits between its retries short.
                platform.Emulator.Faults.RateLimit(times: 100, reset: TimeSpan.Zero, Notes);
                return (setup, platform.Args("file", Notes));
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such case.");
        }
    }
}
