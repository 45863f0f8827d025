using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>
/// Answers Feishu's pushes: opens the body (decrypting it when encrypted), answers the URL-verification challenge
/// after checking its token, checks a push's signature and token, and queues each new message for the archiver —
/// acknowledging at once, since the platform waits for the answer only briefly (1 s for the challenge).
/// Every refusal is logged at Warning with its reason; tokens, keys and bodies never are.
/// </summary>
public sealed partial class FeishuEventInbox
{
    private readonly VerificationToken _token;
    private readonly string? _encryptKey;
    private readonly FeishuEventCipher? _cipher;
    private readonly int _maxBodyBytes;
    private readonly MessageDeduplicator _seen;
    private readonly ArchiveQueue _queue;
    private readonly ILogger<FeishuEventInbox> _logger;

    /// <summary>Creates the inbox.</summary>
    /// <param name="options">The token, the Encrypt Key and the body limit.</param>
    /// <param name="seen">The recent message ids, to drop duplicate pushes.</param>
    /// <param name="queue">Where accepted messages wait for the archiver.</param>
    /// <param name="logger">Receives refusals and accepted messages.</param>
    public FeishuEventInbox(IOptions<ArchiverOptions> options, MessageDeduplicator seen, ArchiveQueue queue, ILogger<FeishuEventInbox> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArchiverOptions settings = options.Value;
        _token = new VerificationToken(settings.VerificationToken);
        _encryptKey = settings.HasEncryptKey ? settings.EncryptKey : null;
        _cipher = _encryptKey is null ? null : new FeishuEventCipher(_encryptKey);
        _maxBodyBytes = settings.MaxBodyBytes;
        _seen = seen;
        _queue = queue;
        _logger = logger;
    }

    /// <summary>Handles one POST from Feishu.</summary>
    /// <param name="http">The request.</param>
    /// <returns>200 (with the challenge, for a URL verification), or the refusal.</returns>
    public async Task<IResult> ReceiveAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        ReadOnlyMemory<byte>? body = await BoundedBody.ReadAsync(http.Request, _maxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is not { } raw)
        {
            return Refuse(http, StatusCodes.Status413PayloadTooLarge, "the body is larger than Archiver:MaxBodyBytes");
        }

        FeishuCallback? callback = Open(raw, out string unreadable);
        if (callback is null)
        {
            // One answer for every unreadable body, whatever the reason, so that a forger learns nothing about the
            // decryption (no padding oracle); the reason goes to the log only.
            return Refuse(http, StatusCodes.Status400BadRequest, unreadable);
        }

        if (callback.Kind == FeishuCallbackKind.UrlVerification)
        {
            // Not signature-checked, as in the official Go SDK: the token inside is what proves it.
            return _token.Matches(callback.Token)
                ? Results.Json(new { challenge = callback.Challenge })
                : Refuse(http, StatusCodes.Status403Forbidden, "the URL verification carries the wrong Verification Token");
        }

        if (_encryptKey is not null && !IsSigned(http.Request, raw.Span))
        {
            return Refuse(http, StatusCodes.Status401Unauthorized, "the signature is missing or wrong");
        }

        if (!_token.Matches(callback.Token))
        {
            return Refuse(http, StatusCodes.Status403Forbidden, "the push carries the wrong Verification Token");
        }

        return callback.Message is { } message ? Accept(message) : Results.Ok();
    }

    private FeishuCallback? Open(ReadOnlyMemory<byte> body, out string reason)
    {
        reason = "the body is not a Feishu push";
        string? encrypted;
        try
        {
            using JsonDocument envelope = JsonDocument.Parse(body);
            encrypted = envelope.RootElement.ValueKind == JsonValueKind.Object
                && envelope.RootElement.TryGetProperty("encrypt", out JsonElement value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            reason = "the body is not JSON";
            return null;
        }

        if (encrypted is null)
        {
            return FeishuCallback.TryParse(body);
        }

        if (_cipher is null)
        {
            reason = "the push is encrypted but Archiver:EncryptKey is not set";
            return null;
        }

        if (!_cipher.TryDecrypt(encrypted, out byte[] plaintext))
        {
            reason = "the push does not decrypt with Archiver:EncryptKey";
            return null;
        }

        return FeishuCallback.TryParse(plaintext);
    }

    private bool IsSigned(HttpRequest request, ReadOnlySpan<byte> body)
    {
        string timestamp = request.Headers[FeishuRequestSignature.TimestampHeader].ToString();
        string nonce = request.Headers[FeishuRequestSignature.NonceHeader].ToString();
        string signature = request.Headers[FeishuRequestSignature.SignatureHeader].ToString();
        return timestamp.Length > 0 && nonce.Length > 0 && signature.Length > 0
            && FeishuRequestSignature.IsValid(timestamp, nonce, _encryptKey!, body, signature);
    }

    private IResult Accept(ReceivedMessage message)
    {
        if (!_seen.TryAdd(message.MessageId))
        {
            LogDuplicate(_logger, message.MessageId);
            return Results.Ok();
        }

        if (!_queue.TryEnqueue(message))
        {
            // Not acknowledged, so the platform delivers it again; forgetting the id lets that delivery in.
            _seen.Forget(message.MessageId);
            LogQueueFull(_logger, message.MessageId);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The archive queue is full or shutting down.");
        }

        LogQueued(_logger, message.MessageId, message.MessageType);
        return Results.Ok();
    }

    private IResult Refuse(HttpContext http, int status, string reason)
    {
        LogRefused(_logger, http.Connection.RemoteIpAddress?.ToString() ?? "unknown", reason, status);
        return Results.Problem(statusCode: status, title: "Not a valid Feishu push.");
    }

    [LoggerMessage(EventId = 1, EventName = "PushRefused", Level = LogLevel.Warning, Message = "Refused a push from {RemoteAddress}: {Reason}; answered {Status}.")]
    private static partial void LogRefused(ILogger logger, string remoteAddress, string reason, int status);

    [LoggerMessage(EventId = 2, EventName = "PushQueued", Level = LogLevel.Information, Message = "Message {MessageId} ({MessageType}) queued for archiving.")]
    private static partial void LogQueued(ILogger logger, string messageId, string messageType);

    [LoggerMessage(EventId = 3, EventName = "PushDuplicate", Level = LogLevel.Debug, Message = "Message {MessageId} was pushed again; already queued, ignored.")]
    private static partial void LogDuplicate(ILogger logger, string messageId);

    [LoggerMessage(EventId = 4, EventName = "QueueFull", Level = LogLevel.Warning, Message = "Message {MessageId} not queued: the archive queue is full or shutting down; answered 503 so that the platform delivers it again.")]
    private static partial void LogQueueFull(ILogger logger, string messageId);
}
