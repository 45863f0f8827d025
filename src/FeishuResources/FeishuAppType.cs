namespace FeishuResources;

/// <summary>
/// How the SDK obtains tenant access tokens for the app.
/// </summary>
public enum FeishuAppType
{
    /// <summary>
    /// A self-built (custom) app: tokens come from <c>/open-apis/auth/v3/tenant_access_token/internal</c>
    /// with the app id and secret.
    /// </summary>
    SelfBuilt,

    /// <summary>
    /// A store (marketplace) app: an app access token is made from the app id, secret and the
    /// <c>app_ticket</c> handed to <see cref="Authentication.FeishuAppTicketStore"/>, then a tenant
    /// access token per tenant key (<see cref="FeishuRequestOptions.TenantKey"/>).
    /// </summary>
    Store,
}
