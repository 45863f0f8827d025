using System;
using System.Collections.Generic;
using System.Linq;

namespace FeishuResources.Cli;

/// <summary>The CLI's exit codes and the one mapping from a failure to its code.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Authentication = 3;
    public const int NotFoundOrPermission = 4;
    public const int TooLarge = 5;
    public const int RateLimited = 6;

    /// <summary>Every code with its meaning, as <c>--help</c> and the README list them.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> Documented { get; } =
    [
        (Success, "every item was saved (or was already saved)"),
        (Failure, "another failure: network, disk, an invalid request, a truncated download, a batch manifest of another version or damaged, a port taken, Ctrl+C"),
        (Usage, "wrong usage: unknown option, missing argument or credential, malformed batch list"),
        (Authentication, "authentication: wrong app id or secret, token rejected"),
        (NotFoundOrPermission, "not found or no permission (e.g. 234003, 234005 — an unknown file key, 234008; 230110, 230002 — a deleted message, the bot not in its chat)"),
        (TooLarge, "too large (234037) and it could not be fetched in ranges"),
        (RateLimited, "rate limited (99991400) after every retry"),
    ];

    public static int For(Exception exception) => exception switch
    {
        CliUsageException or ArgumentException => Usage,
        FeishuAuthenticationException => Authentication,
        FeishuResourceNotFoundException or FeishuPermissionDeniedException => NotFoundOrPermission,
        FeishuResourceTooLargeException => TooLarge,
        FeishuRateLimitedException => RateLimited,
        _ => Failure,
    };

    /// <summary>A run with failed items exits with their code when they agree, else with 1.</summary>
    public static int ForFailures(IEnumerable<int> failureCodes)
    {
        int[] distinct = failureCodes.Distinct().ToArray();
        return distinct.Length switch
        {
            0 => Success,
            1 => distinct[0],
            _ => Failure,
        };
    }
}
