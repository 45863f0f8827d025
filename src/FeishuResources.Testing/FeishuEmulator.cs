using System;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Testing.Downloads;
using FeishuResources.Testing.Hosting;
using FeishuResources.Testing.Messages;
using FeishuResources.Testing.RateLimiting;
using FeishuResources.Testing.Tokens;
using Microsoft.AspNetCore.Builder;

namespace FeishuResources.Testing;

/// <summary>
/// A local Feishu/Lark open platform on Kestrel, listening on 127.0.0.1 with an OS-assigned port: the
/// token endpoints of self-built and store apps, both download endpoints, the get-message and list-messages APIs, behaving as
/// the platform does (errors, frequency limits, <c>Range</c>, raw UTF-8 file names), with faults you can
/// inject and traffic you can assert on.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await FeishuEmulator.StartAsync();
/// emulator.AddFile("file_v3_report", FeishuEmulatorContent.FromBytes(pdf), "application/pdf", "季度报告.pdf");
/// services.AddFeishuResources(emulator.ConfigureClient);
/// </code>
/// </example>
public sealed partial class FeishuEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ResourceStore _store;
    private readonly MessageStore _messages;
    private readonly ChatStore _chats;
    private readonly TimeProvider _timeProvider;
    private int _disposed;

    private FeishuEmulator(WebApplication app, Uri baseAddress, FeishuEmulatorOptions options, ResourceStore store, MessageStore messages, ChatStore chats, FeishuEmulatorFaults faults, FeishuEmulatorTraffic traffic)
    {
        _app = app;
        _store = store;
        _messages = messages;
        _chats = chats;
        _timeProvider = options.TimeProvider;
        BaseAddress = baseAddress;
        AppId = options.AppId;
        AppSecret = options.AppSecret;
        AppTicket = options.AppTicket;
        Faults = faults;
        Traffic = traffic;
        ConfigureClient = sdk =>
        {
            sdk.AppId = AppId;
            sdk.AppSecret = AppSecret;
            sdk.BaseAddress = BaseAddress;
        };
    }

    /// <summary>
    /// Raised with the ticket after a store app asked <c>/open-apis/auth/v3/app_ticket/resend</c>, as the
    /// platform would push the <c>app_ticket</c> event: hand it to the SDK's <c>FeishuAppTicketStore</c>.
    /// Raised on the thread pool.
    /// </summary>
    public event EventHandler<string>? AppTicketResent;

    /// <summary>The emulator's base address, for example <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The app id its token endpoints accept.</summary>
    public string AppId { get; }

    /// <summary>The app secret its token endpoints accept.</summary>
    public string AppSecret { get; }

    /// <summary>The <c>app_ticket</c> a store app must present for an app access token.</summary>
    public string AppTicket { get; }

    /// <summary>
    /// Points the SDK at the emulator with its credentials:
    /// <c>services.AddFeishuResources(emulator.ConfigureClient)</c>. For a store app, also set
    /// <see cref="FeishuResourcesOptions.AppType"/> and give the SDK <see cref="AppTicket"/>.
    /// </summary>
    public Action<FeishuResourcesOptions> ConfigureClient { get; }

    /// <summary>Makes the emulator misbehave: platform errors, throttling, dropped connections, latency.</summary>
    public FeishuEmulatorFaults Faults { get; }

    /// <summary>What the emulator has received, for assertions.</summary>
    public FeishuEmulatorTraffic Traffic { get; }

    /// <summary>Starts an emulator on 127.0.0.1 with an OS-assigned port (or <see cref="FeishuEmulatorOptions.Port"/>).</summary>
    /// <param name="options">Its settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is empty or out of range.</exception>
    public static async Task<FeishuEmulator> StartAsync(FeishuEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FeishuEmulatorOptions();
        options.Validate();

        var store = new ResourceStore();
        var messages = new MessageStore();
        var chats = new ChatStore();
        var tokens = new TokenIssuer(options.TimeProvider, options.TokenLifetime);
        var faults = new FeishuEmulatorFaults(tokens);
        var traffic = new FeishuEmulatorTraffic();
        FeishuEmulator? emulator = null;
        var tokenEndpoints = new TokenEndpoints(options, tokens, ticket => emulator?.AppTicketResent?.Invoke(emulator, ticket));
        SlidingWindowRateLimiter? limiter = options.RateLimitingEnabled ? new SlidingWindowRateLimiter(options.RequestsPerSecond, options.RequestsPerMinute) : null;
        var dispatcher = new RequestDispatcher(
            options.TimeProvider,
            traffic,
            faults,
            tokenEndpoints,
            new DownloadGate(tokens, faults, limiter, options.RequestsPerSecond),
            new DownloadEndpoint(store, messages, faults, options.MaxWholeDownloadBytes, options.ResponseBytesPerSecond),
            new MessageEndpoint(messages),
            new MessageListEndpoint(chats));

        (WebApplication app, Uri baseAddress) = await EmulatorServer.StartAsync(dispatcher, options.Port, cancellationToken).ConfigureAwait(false);
        emulator = new FeishuEmulator(app, baseAddress, options, store, messages, chats, faults, traffic);
        return emulator;
    }

    /// <summary>
    /// Adds a file the bot uploaded, served by <c>GET /open-apis/im/v1/files/{file_key}</c>. Adding a key
    /// again replaces it.
    /// </summary>
    /// <param name="fileKey">The file key, any non-blank string.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="contentType">The media type sent as <c>Content-Type</c>, for example <c>application/pdf</c>.</param>
    /// <param name="fileName">The name sent in <c>Content-Disposition</c> as raw UTF-8 (any Unicode but control characters); <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">A string argument is blank, or the file name holds a control character.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    public void AddFile(string fileKey, FeishuEmulatorContent content, string contentType, string? fileName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileKey);
        _store.AddBotFile(fileKey, CreateResource(content, contentType, fileName, FeishuResourceType.File));
    }

    /// <summary>
    /// Adds a resource inside a message, served by
    /// <c>GET /open-apis/im/v1/messages/{message_id}/resources/{file_key}?type=…</c>. To the files endpoint
    /// it is a file a user sent, answered with 234008, unless the same key was also added with <see cref="AddFile"/>.
    /// </summary>
    /// <param name="messageId">The message id, any non-blank string.</param>
    /// <param name="fileKey">The resource key inside the message.</param>
    /// <param name="type"><see cref="FeishuResourceType.Image"/> for images; <see cref="FeishuResourceType.File"/> for files, audio and video. Requests with the other type answer 234001.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="contentType">The media type sent as <c>Content-Type</c>.</param>
    /// <param name="fileName">The name sent in <c>Content-Disposition</c> as raw UTF-8; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">A string argument is blank, the type is undefined, or the file name holds a control character.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    public void AddMessageResource(string messageId, string fileKey, FeishuResourceType type, FeishuEmulatorContent content, string contentType, string? fileName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileKey);
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentException("The resource type must be Image or File.", nameof(type));
        }

        _store.AddMessageResource(messageId, fileKey, CreateResource(content, contentType, fileName, type));
    }

    /// <summary>
    /// Adds a message, served by <c>GET /open-apis/im/v1/messages/{message_id}</c> with <paramref name="content"/> as
    /// its <c>body.content</c> — a JSON document sent as a string, as the platform does. Its resources are served only
    /// once added with <see cref="AddMessageResource"/> under the id they must be fetched through (for a sub-message of
    /// a merge-forward: the forward's id). Adding an id again replaces the message.
    /// </summary>
    /// <param name="messageId">The message id, any non-blank string.</param>
    /// <param name="messageType">The <c>msg_type</c>, for example <c>file</c>, <c>post</c> or <c>merge_forward</c>.</param>
    /// <param name="content">The content JSON exactly as the platform sends it, for example <c>{"image_key":"img_v3_…"}</c>; not checked, so malformed content can be tested too.</param>
    /// <param name="upperMessageId">For a sub-message, the merge-forward (added before) it sits in; the get API then lists it after
    /// that forward (and after every forward above it) with <c>upper_message_id</c>. <see langword="null"/> for a standalone message.</param>
    /// <exception cref="ArgumentException">An id or the type is blank, or <paramref name="upperMessageId"/> names no merge-forward added before.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    public void AddMessage(string messageId, string messageType, string content, string? upperMessageId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageType);
        ArgumentNullException.ThrowIfNull(content);
        if (upperMessageId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(upperMessageId);
        }

        _messages.Add(new EmulatedMessage(messageId, messageType, content, upperMessageId, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    /// <summary>
    /// Deletes (recalls) a message added with <see cref="AddMessage"/>: reading it, or downloading any resource through
    /// its id, answers 230110 from then on.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <exception cref="ArgumentException"><paramref name="messageId"/> is blank or names no message added before.</exception>
    public void DeleteMessage(string messageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        if (!_messages.Delete(messageId))
        {
            throw new ArgumentException("No message '" + messageId + "' was added.", nameof(messageId));
        }
    }

    /// <summary>Stops the server and closes its connections.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static SeededResource CreateResource(FeishuEmulatorContent content, string contentType, string? fileName, FeishuResourceType type)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (fileName is not null && (fileName.Length == 0 || fileName.AsSpan().IndexOfAnyInRange('\0', '\x1f') >= 0 || fileName.Contains('\x7f', StringComparison.Ordinal)))
        {
            throw new ArgumentException("The file name must be non-empty and free of control characters, which cannot travel in a header.", nameof(fileName));
        }

        return new SeededResource(content, contentType, fileName, type);
    }
}
