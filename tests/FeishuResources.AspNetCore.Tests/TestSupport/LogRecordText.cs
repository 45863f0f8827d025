using Microsoft.Extensions.Logging.Testing;

namespace FeishuResources.AspNetCore.Tests.TestSupport;

/// <summary>A captured log event as text to search.</summary>
public static class LogRecordText
{
    /// <summary>The message, the structured values (a structured sink stores them, so a secret must not be among them either) and the exception.</summary>
    public static string FullText(this FakeLogRecord record)
        => $"{record.Message} [{string.Join(";", record.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])}] {record.Exception}";
}
