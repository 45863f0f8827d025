using Xunit;

namespace FeishuResources.Tests.PublicApi;

/// <summary>
/// The build checks the public API against src/FeishuResources/PublicAPI.*.txt (PublicApiAnalyzers); these tests
/// make sure that check is really in place and speaks in full signatures.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Every_public_type_of_FeishuResources_is_declared_in_its_PublicAPI_files()
    {
        IReadOnlyList<string> undeclared = DeclaredPublicApi.UndeclaredTypes(typeof(IFeishuResourceClient).Assembly);
        Assert.True(undeclared.Count == 0, "Not in src/FeishuResources/PublicAPI.*.txt: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void A_member_is_declared_with_its_full_signature_so_a_signature_change_fails_the_build()
    {
        IReadOnlySet<string> declared = DeclaredPublicApi.Of(typeof(IFeishuResourceClient).Assembly);

        Assert.Contains(
            "FeishuResources.IFeishuResourceClient.DownloadFileAsync(string! fileKey, FeishuResources.FeishuRequestOptions? requestOptions, System.Threading.CancellationToken cancellationToken = default(System.Threading.CancellationToken)) -> System.Threading.Tasks.Task<FeishuResources.FeishuDownload!>!",
            declared);
    }
}
