namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>
/// Takes acknowledged messages from the <see cref="ArchiveQueue"/> one at a time and hands each to the
/// <see cref="IMessageArchiver"/>. A failure is logged with what is known (message, Feishu code and log id) and the
/// next message goes on. On shutdown it drains: no new message is taken, the queued ones are still archived until the
/// host's shutdown timeout; then the one in progress is cancelled and it and every message left are logged as not
/// archived, by id, so none is lost silently.
/// </summary>
public sealed partial class ArchiveWorker : BackgroundService
{
    private readonly ArchiveQueue _queue;
    private readonly IMessageArchiver _archiver;
    private readonly ILogger<ArchiveWorker> _logger;
    private readonly CancellationTokenSource _abort = new();

    /// <summary>Creates the worker.</summary>
    /// <param name="queue">The messages to archive.</param>
    /// <param name="archiver">Archives one message.</param>
    /// <param name="logger">Receives each archived, failed and abandoned message.</param>
    public ArchiveWorker(ArchiveQueue queue, IMessageArchiver archiver, ILogger<ArchiveWorker> logger)
    {
        _queue = queue;
        _archiver = archiver;
        _logger = logger;
    }

    /// <summary>Stops taking pushes and drains the queue until <paramref name="cancellationToken"/> (the host's shutdown timeout) fires.</summary>
    /// <param name="cancellationToken">Ends the drain.</param>
    /// <returns>A task that completes when the worker has stopped.</returns>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Complete();
        using (cancellationToken.Register(_abort.Cancel))
        {
            // The stopping token of the base class is not used by the loop: waiting here is the drain, and the
            // registration above is what ends it.
            await base.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CancellationToken abort = _abort.Token;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(abort).ConfigureAwait(false))
            {
                while (!abort.IsCancellationRequested && _queue.Reader.TryRead(out ReceivedMessage? message))
                {
                    await ArchiveAsync(message, abort).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Shutdown timeout: what is left is reported below.
        }

        while (_queue.Reader.TryRead(out ReceivedMessage? left))
        {
            LogAbandoned(_logger, left.MessageId, left.MessageType);
        }
    }

    private async Task ArchiveAsync(ReceivedMessage message, CancellationToken abort)
    {
        try
        {
            await _archiver.ArchiveAsync(message, abort).ConfigureAwait(false);
            LogArchived(_logger, message.MessageId, message.MessageType);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            LogAbandoned(_logger, message.MessageId, message.MessageType);
        }
        catch (Exception failure)
        {
            IEnumerable<Exception> failures = failure is AggregateException several ? several.Flatten().InnerExceptions : [failure];
            foreach (Exception each in failures)
            {
                LogFailed(each, message);
            }
        }
    }

    private void LogFailed(Exception failure, ReceivedMessage message)
    {
        (string code, string? logId) = failure switch
        {
            FeishuApiException refused => (refused.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.LogId),
            FeishuDownloadException broken => ("none", broken.LogId),
            _ => ("none", null),
        };
        LogArchiveFailed(_logger, failure, message.MessageId, message.MessageType, message.ChatId ?? "unknown", failure.GetType().Name, failure.Message, code, logId ?? "none");
    }

    [LoggerMessage(EventId = 10, EventName = "MessageArchived", Level = LogLevel.Information, Message = "Message {MessageId} ({MessageType}) archived.")]
    private static partial void LogArchived(ILogger logger, string messageId, string messageType);

    [LoggerMessage(EventId = 11, EventName = "ArchiveFailed", Level = LogLevel.Error, Message = "Message {MessageId} ({MessageType}, chat {ChatId}) not fully archived: {ExceptionType}: {Reason} (code {Code}, log id {LogId}).")]
    private static partial void LogArchiveFailed(ILogger logger, Exception exception, string messageId, string messageType, string chatId, string exceptionType, string reason, string code, string logId);

    [LoggerMessage(EventId = 12, EventName = "ArchiveAbandoned", Level = LogLevel.Error, Message = "Message {MessageId} ({MessageType}) not archived: the application stopped first.")]
    private static partial void LogAbandoned(ILogger logger, string messageId, string messageType);
}
