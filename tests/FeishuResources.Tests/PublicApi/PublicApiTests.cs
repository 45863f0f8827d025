using Xunit;

namespace FeishuResources.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void The_public_API_of_FeishuResources_matches_api_FeishuResources_txt()
    {
        string? difference = PublicApiBaseline.Check(typeof(IFeishuResourceClient).Assembly, "FeishuResources.txt");
        Assert.True(difference is null, difference);
    }

    [Fact]
    public void The_dump_shows_a_member_with_its_full_signature_so_a_signature_change_fails_the_baseline()
    {
        string dump = PublicApiDump.For(typeof(IFeishuResourceClient).Assembly);

        Assert.Contains(
            "FeishuResources.IFeishuResourceClient | public System.Threading.Tasks.Task<FeishuResources.FeishuDownload> DownloadFileAsync(string fileKey, FeishuResources.FeishuRequestOptions? requestOptions, System.Threading.CancellationToken cancellationToken = default)",
            dump.Split('\n'));
    }
}
