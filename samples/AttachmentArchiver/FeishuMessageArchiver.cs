using Microsoft.Extensions.Options;

namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>
/// Archives a message's attachments through the SDK into <c>ArchiveDirectory/&lt;chat id&gt;</c>: the keys come from
/// the pushed content itself (no extra request), except for a merge-forward, whose push names no sub-messages, so
/// that message is read from the platform.
/// </summary>
public sealed partial class FeishuMessageArchiver : IMessageArchiver
{
    private const string MergeForward = "merge_forward";
    private const string UnknownChat = "unknown-chat";

    private readonly IFeishuResourceClient _client;
    private readonly ArchiverOptions _options;
    private readonly ILogger<FeishuMessageArchiver> _logger;

    /// <summary>Creates the archiver.</summary>
    /// <param name="client">The SDK client the downloads go through.</param>
    /// <param name="options">Where to archive.</param>
    /// <param name="logger">Receives one line per archived message.</param>
    public FeishuMessageArchiver(IFeishuResourceClient client, IOptions<ArchiverOptions> options, ILogger<FeishuMessageArchiver> logger)
    {
        _client = client;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <exception cref="AggregateException">One or more attachments failed; each inner exception is one attachment's failure.</exception>
    public async Task ArchiveAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        string directory = Path.Combine(_options.ArchiveDirectory, ChatFolder(message.ChatId));
        IReadOnlyList<FeishuMessageResourceResult> results;
        if (message.MessageType == MergeForward)
        {
            results = await _client.DownloadMessageResourcesToDirectoryAsync(message.MessageId, directory, cancellationToken: cancellationToken);
        }
        else
        {
            IReadOnlyList<FeishuMessageResource> resources = FeishuMessageContent.Parse(message.MessageType, message.Content, message.MessageId);
            if (resources.Count == 0)
            {
                return;
            }

            results = await _client.DownloadMessageResourcesToDirectoryAsync(resources, directory, cancellationToken: cancellationToken);
        }

        LogArchived(_logger, message.MessageId, results.Count(result => result.Succeeded), results.Count, directory);
        Exception[] failures = results.Where(result => !result.Succeeded).Select(result => result.Exception!).ToArray();
        if (failures.Length > 0)
        {
            throw new AggregateException($"{failures.Length} of {results.Count} attachments of message {message.MessageId} were not archived.", failures);
        }
    }

    /// <summary>
    /// A chat id is the platform's (<c>oc_</c> and hex), but it is still text from the network: only a plain id may
    /// name a folder, so no push can point the archive at <c>..</c> or an absolute path.
    /// </summary>
    private static string ChatFolder(string? chatId)
        => !string.IsNullOrEmpty(chatId) && chatId.Length <= 128 && chatId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? chatId
            : UnknownChat;

    [LoggerMessage(EventId = 1, EventName = "MessageArchived", Level = LogLevel.Information, Message = "Message {MessageId}: {Saved} of {Total} attachments saved in {Directory}.")]
    private static partial void LogArchived(ILogger logger, string messageId, int saved, int total, string directory);
}
