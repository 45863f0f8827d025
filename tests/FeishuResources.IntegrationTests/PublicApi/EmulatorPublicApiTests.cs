using FeishuResources.Testing;
using FeishuResources.Tests.PublicApi;

namespace FeishuResources.IntegrationTests.PublicApi;

/// <summary>The emulator package's public API is declared like the SDK's (the reading code is shared with the unit tests).</summary>
public sealed class EmulatorPublicApiTests
{
    [Fact]
    public void Every_public_type_of_FeishuResources_Testing_is_declared_in_its_PublicAPI_files()
    {
        IReadOnlyList<string> undeclared = DeclaredPublicApi.UndeclaredTypes(typeof(FeishuEmulator).Assembly);
        Assert.True(undeclared.Count == 0, "Not in src/FeishuResources.Testing/PublicAPI.*.txt: " + string.Join(", ", undeclared));
    }
}
