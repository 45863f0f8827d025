using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace FeishuResources.Testing.Tokens;

/// <summary>
/// Issues and checks access tokens the way the platform does: a token request with more than 30 minutes
/// left on the current token gets the same token back; with less, a new one, while the old one stays valid
/// until it expires. A revoked token is refused before its expiry.
/// </summary>
internal sealed class TokenIssuer
{
    /// <summary>The tenant of a self-built app, which acts only in the tenant that created it.</summary>
    public const string OwnTenant = "";

    private const string AppTokenSubject = "app";
    private static readonly TimeSpan ReissueBelow = TimeSpan.FromMinutes(30);

    private readonly object _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lifetime;
    private readonly Dictionary<string, Grant> _currentBySubject = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> _validByToken = new(StringComparer.Ordinal);

    public TokenIssuer(TimeProvider timeProvider, TimeSpan lifetime)
    {
        _timeProvider = timeProvider;
        _lifetime = lifetime;
    }

    /// <summary>A tenant access token for <paramref name="tenantKey"/>, and its seconds left.</summary>
    public (string Token, long ExpiresIn) IssueTenantToken(string tenantKey) => Issue("tenant:" + tenantKey, tenantKey, isAppToken: false);

    /// <summary>An app access token of a store app, and its seconds left.</summary>
    public (string Token, long ExpiresIn) IssueAppToken() => Issue(AppTokenSubject, AppTokenSubject, isAppToken: true);

    /// <summary>The tenant a valid tenant access token acts for, or null when the token is unknown, expired or revoked.</summary>
    public string? FindTenant(string token)
    {
        Grant? grant = FindValid(token);
        return grant is { IsAppToken: false } ? grant.Tenant : null;
    }

    public bool IsValidAppToken(string token) => FindValid(token) is { IsAppToken: true };

    /// <summary>
    /// Refuses every tenant access token issued so far; the next token request gets a new one. App access
    /// tokens, current or superseded, stay valid until they expire.
    /// </summary>
    public void RevokeTenantTokens()
    {
        lock (_gate)
        {
            RemoveTenantGrants(_validByToken);
            RemoveTenantGrants(_currentBySubject);
        }
    }

    private (string Token, long ExpiresIn) Issue(string subject, string tenant, bool isAppToken)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_currentBySubject.TryGetValue(subject, out Grant? grant) || grant.ExpiresAt - now < ReissueBelow)
            {
                grant = new Grant(NewTokenValue(), tenant, isAppToken, now + _lifetime);
                _currentBySubject[subject] = grant;
                _validByToken[grant.Value] = grant;
            }

            return (grant.Value, (long)Math.Max(0, (grant.ExpiresAt - now).TotalSeconds));
        }
    }

    private Grant? FindValid(string token)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            return _validByToken.TryGetValue(token, out Grant? grant) && grant.ExpiresAt > now ? grant : null;
        }
    }

    private static void RemoveTenantGrants(Dictionary<string, Grant> grants)
    {
        // Removing the entry just enumerated is allowed for Dictionary (.NET Core 3.0 and later).
        foreach (KeyValuePair<string, Grant> entry in grants)
        {
            if (!entry.Value.IsAppToken)
            {
                grants.Remove(entry.Key);
            }
        }
    }

    private static string NewTokenValue()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        return "t-emu" + Convert.ToHexString(random).ToLowerInvariant();
    }

    private sealed record Grant(string Value, string Tenant, bool IsAppToken, DateTimeOffset ExpiresAt);
}
