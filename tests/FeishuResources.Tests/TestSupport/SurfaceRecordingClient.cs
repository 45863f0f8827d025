namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A fake <see cref="IFeishuResourceClient"/> as a user would write one for their own tests: every download answers
/// with <see cref="Answer"/>, and each call is counted, so a test sees whether a helper reached the client at all.
/// </summary>
public sealed class SurfaceRecordingClient : IFeishuResourceClient
{
    private int _calls;

    /// <summary>Makes the download each call returns.</summary>
    public Func<Task<FeishuDownload>> Answer { get; set; } = () => Task.FromResult(FeishuResourcesModelFactory.Download(new MemoryStream([1, 2, 3]), contentLength: 3));

    public int Calls => Volatile.Read(ref _calls);

    public Task<FeishuDownload> DownloadFileAsync(string fileKey, CancellationToken cancellationToken = default)
        => Record();

    public Task<FeishuDownload> DownloadFileAsync(string fileKey, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default)
        => Record();

    public Task<FeishuDownload> DownloadMessageResourceAsync(string messageId, string fileKey, FeishuResourceType type, CancellationToken cancellationToken = default)
        => Record();

    public Task<FeishuDownload> DownloadMessageResourceAsync(string messageId, string fileKey, FeishuResourceType type, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default)
        => Record();

    public Task<IReadOnlyList<FeishuMessageResource>> GetMessageResourcesAsync(string messageId, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public Task<IReadOnlyList<FeishuMessageResource>> GetMessageResourcesAsync(string messageId, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public IAsyncEnumerable<FeishuMessage> ListChatMessagesAsync(string chatId, FeishuMessageListOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public IAsyncEnumerable<FeishuMessage> ListThreadMessagesAsync(string threadId, FeishuMessageListOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    private Task<FeishuDownload> Record()
    {
        Interlocked.Increment(ref _calls);
        return Answer();
    }
}
