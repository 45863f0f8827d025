namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>
/// The placeholder registered until the SDK's message-aware download is wired in: it saves nothing and says so, so
/// that a running sample never looks as if it archived what it did not.
/// </summary>
public sealed partial class LoggingOnlyArchiver : IMessageArchiver
{
    private readonly ILogger<LoggingOnlyArchiver> _logger;

    /// <summary>Creates the placeholder.</summary>
    /// <param name="logger">Receives a Warning for each message.</param>
    public LoggingOnlyArchiver(ILogger<LoggingOnlyArchiver> logger)
    {
        _logger = logger;
    }

    /// <inheritdoc />
    public Task ArchiveAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        LogNotArchived(_logger, message.MessageId, message.MessageType);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, EventName = "NoArchiverWired", Level = LogLevel.Warning, Message = "Message {MessageId} ({MessageType}) received; no archiver is wired in yet, so nothing was saved.")]
    private static partial void LogNotArchived(ILogger logger, string messageId, string messageType);
}
