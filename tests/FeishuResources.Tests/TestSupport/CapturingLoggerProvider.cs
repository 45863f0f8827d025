using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FeishuResources.Tests.TestSupport;

/// <summary>Keeps every log event (message, state values and exception) so tests can search them for secrets.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    /// <summary>Each event in full: formatted message, structured state values (as a structured sink would store them) and exception.</summary>
    public ConcurrentQueue<string> Entries { get; } = new();

    /// <summary>Each event as a plain-text sink shows it: the formatted message and the exception.</summary>
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    public string AllText => string.Join("\n", Entries);

    public string MessageText => string.Join("\n", Messages);

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(";", pairs.Select(p => $"{p.Key}={Render(p.Value)}"))
                : string.Empty;
            string message = $"{logLevel} {category} {eventId.Name}: {formatter(state, exception)} {exception}";
            owner.Messages.Enqueue(message);
            owner.Entries.Enqueue($"{message} [{values}]");
        }

        /// <summary>Spells out collections (header values arrive as string arrays) so a secret inside one is visible.</summary>
        private static string? Render(object? value)
            => value is System.Collections.IEnumerable items and not string
                ? "[" + string.Join(",", items.Cast<object?>()) + "]"
                : value?.ToString();
    }
}
