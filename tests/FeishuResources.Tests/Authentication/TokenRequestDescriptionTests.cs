using FeishuResources.Authentication;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>How a token request reads in a log or a debugger: what it is for, never the token itself.</summary>
public sealed class TokenRequestDescriptionTests
{
    [Fact]
    public void A_token_request_for_the_apps_own_tenant_with_nothing_rejected_says_so()
    {
        Assert.Equal("FeishuTokenRequest { TenantKey = (app's own), RejectedToken = none }", new FeishuTokenRequest().ToString());
    }

    [Fact]
    public void A_token_request_after_a_rejection_names_the_tenant_and_only_that_a_token_was_rejected()
    {
        Assert.Equal("FeishuTokenRequest { TenantKey = tenant-a, RejectedToken = (redacted) }", new FeishuTokenRequest("tenant-a", "t-secret-token").ToString());
    }
}
