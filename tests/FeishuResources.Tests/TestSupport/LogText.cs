using Microsoft.Extensions.Logging.Testing;

namespace FeishuResources.Tests.TestSupport;

/// <summary>What a <see cref="FakeLogCollector"/> holds, as the text tests search for event names and secrets.</summary>
public static class LogText
{
    /// <summary>Each event in full: formatted message, exception and structured state values (as a structured sink stores them; collections spelled out).</summary>
    public static IReadOnlyList<string> Entries(this FakeLogCollector logs)
        => logs.GetSnapshot().Select(r => $"{Message(r)} [{string.Join(";", r.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])}]").ToList();

    /// <summary>Every event in full, one per line.</summary>
    public static string AllText(this FakeLogCollector logs) => string.Join("\n", logs.Entries());

    /// <summary>Every event as a plain-text sink shows it: the formatted message and the exception.</summary>
    public static string MessageText(this FakeLogCollector logs) => string.Join("\n", logs.GetSnapshot().Select(Message));

    private static string Message(FakeLogRecord r) => $"{r.Level} {r.Category} {r.Id.Name}: {r.Message} {r.Exception}";
}
