using FeishuResources.Authentication;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>How a token the endpoint issued reads in a debugger or a log: its lifetime, never the token itself.</summary>
public sealed class IssuedTokenDescriptionTests
{
    [Fact]
    public void An_issued_token_shows_its_lifetime_and_not_its_value()
    {
        var issued = new IssuedToken("t-secret-token-value", TimeSpan.FromSeconds(7200));

        Assert.Equal("IssuedToken { Lifetime = 02:00:00 }", issued.ToString());
    }
}
