using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Authentication;

/// <summary>
/// Supplies the access token sent as <c>Authorization: Bearer</c> on downloads. The SDK's own providers
/// fetch and cache tenant access tokens; implement this to manage tokens yourself (for example a
/// <c>user_access_token</c>, or tokens shared through your own store) and register it with
/// <c>UseTokenProvider</c>.
/// </summary>
public interface IFeishuTokenProvider
{
    /// <summary>
    /// Returns a valid token for <see cref="FeishuTokenRequest.TenantKey"/>. When
    /// <see cref="FeishuTokenRequest.RejectedToken"/> is set, the platform has just refused that token:
    /// return a different one (fetch a fresh token) or throw.
    /// </summary>
    /// <param name="request">Which tenant, and which token the platform refused, if any.</param>
    /// <param name="cancellationToken">Cancels the wait for a token.</param>
    /// <returns>The token, without the <c>Bearer </c> prefix.</returns>
    ValueTask<string> GetTokenAsync(FeishuTokenRequest request, CancellationToken cancellationToken);
}
