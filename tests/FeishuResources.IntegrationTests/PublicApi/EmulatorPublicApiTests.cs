using FeishuResources.Testing;
using FeishuResources.Tests.PublicApi;

namespace FeishuResources.IntegrationTests.PublicApi;

/// <summary>The emulator package's public surface, checked like the SDK's (the dump code is shared with the unit tests).</summary>
public sealed class EmulatorPublicApiTests
{
    [Fact]
    public void The_public_API_of_FeishuResources_Testing_matches_api_FeishuResources_Testing_txt()
    {
        string? difference = PublicApiBaseline.Check(typeof(FeishuEmulator).Assembly, "FeishuResources.Testing.txt");
        Assert.True(difference is null, difference);
    }
}
