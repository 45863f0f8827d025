using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Client;

/// <summary>
/// The save helpers and the standalone client check their arguments themselves, at the call, before any client is
/// reached: a user's own fake client (or a decorator) never sees a call that was bound to fail.
/// </summary>
public sealed class SurfaceArgumentTests
{
    public static TheoryData<string> Helpers => new() { "FileToDirectory", "FileToPath", "MessageResourceToDirectory", "MessageResourceToPath" };

    [Theory]
    [MemberData(nameof(Helpers))]
    public void Save_helpers_refuse_a_null_client_by_name(string helper)
    {
        var ex = ThrownAtCall<ArgumentNullException>(() => Save(helper, null!, fileKey: "file_k", destination: "dest"));

        Assert.Equal("client", ex.ParamName);
    }

    [Theory]
    [InlineData("FileToDirectory", "")]
    [InlineData("FileToPath", " ")]
    public void Save_helpers_refuse_a_blank_file_key_before_calling_the_client(string helper, string fileKey)
    {
        var client = new SurfaceRecordingClient();

        var ex = ThrownAtCall<ArgumentException>(() => Save(helper, client, fileKey, destination: "dest"));

        Assert.Equal("fileKey", ex.ParamName);
        Assert.Equal(0, client.Calls);
    }

    [Theory]
    [InlineData("FileToPath", "path")]
    [InlineData("MessageResourceToDirectory", "directory")]
    [InlineData("MessageResourceToPath", "path")]
    public void Save_helpers_refuse_a_blank_destination_before_calling_the_client(string helper, string parameter)
    {
        var client = new SurfaceRecordingClient();

        var ex = ThrownAtCall<ArgumentException>(() => Save(helper, client, fileKey: "file_k", destination: " "));

        Assert.Equal(parameter, ex.ParamName);
        Assert.Equal(0, client.Calls);
    }

    [Fact]
    public void Creating_a_standalone_client_without_options_names_the_argument()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => FeishuResourceClient.Create(null!));

        Assert.Equal("options", ex.ParamName);
    }

    [Fact]
    public async Task Copying_to_a_read_only_stream_says_the_destination_must_be_writable()
    {
        using FeishuDownload download = FeishuResourcesModelFactory.Download(new MemoryStream([1, 2, 3]), contentLength: 3);
        using var readOnly = new MemoryStream(new byte[8], writable: false);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => download.CopyToAsync(readOnly));

        Assert.Equal("destination", ex.ParamName);
        Assert.Contains("must be writable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copying_after_reading_part_of_the_body_says_it_can_be_read_once_and_to_download_again()
    {
        using FeishuDownload download = FeishuResourcesModelFactory.Download(new MemoryStream([1, 2, 3]), contentLength: 3);
        _ = download.Content.ReadByte();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => download.CopyToAsync(new MemoryStream()));

        Assert.Contains("already read", ex.Message, StringComparison.Ordinal);
        Assert.Contains("download the resource again", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The helpers are not async methods: a refused argument throws at the call, not from the task.</summary>
    private static T ThrownAtCall<T>(Func<Task> call)
        where T : Exception
        => Assert.ThrowsAny<T>(() => { _ = call(); });

    private static Task<string> Save(string helper, IFeishuResourceClient client, string fileKey, string destination) => helper switch
    {
        "FileToDirectory" => client.DownloadFileToDirectoryAsync(fileKey, destination),
        "FileToPath" => client.DownloadFileToPathAsync(fileKey, destination),
        "MessageResourceToDirectory" => client.DownloadMessageResourceToDirectoryAsync("om_1", fileKey, FeishuResourceType.File, destination),
        _ => client.DownloadMessageResourceToPathAsync("om_1", fileKey, FeishuResourceType.Image, destination),
    };
}
