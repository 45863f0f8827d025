using System;

namespace FeishuResources.Cli.Backup;

/// <summary>
/// Where a run starts listing and what it may record afterwards: it continues from the saved state when its range
/// joins what the state covers, so the coverage stays one unbroken stretch; otherwise it starts at <c>--since</c>.
/// </summary>
internal sealed record ListingPlan(DateTimeOffset? Start, bool ContinuesState, BackupState? Previous)
{
    public static ListingPlan For(BackupState? state, DateTimeOffset? since)
    {
        bool joins = state?.DoneThrough is { } done
            && (state.CoveredFrom is null || (since is not null && since >= state.CoveredFrom))
            && (since is null || since <= done);
        return joins
            ? new ListingPlan(Max(since, state!.DoneThrough), true, state)
            : new ListingPlan(since, false, state);
    }

    /// <summary>The state to write after the run got everything up to <paramref name="doneThrough"/>; null when there is nothing new to say.</summary>
    public BackupState? Next(string chatId, DateTimeOffset? doneThrough, DateTimeOffset? since)
    {
        if (ContinuesState)
        {
            return Previous! with { DoneThrough = Max(doneThrough, Previous!.DoneThrough) };
        }

        return doneThrough is null && Previous is not null
            ? null
            : new BackupState(BackupState.CurrentVersion, chatId, since, doneThrough);
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
