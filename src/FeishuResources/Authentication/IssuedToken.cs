using System;

namespace FeishuResources.Authentication;

/// <summary>A token as a token endpoint issued it, with the lifetime it announced. Not a record: its ToString must not show the token.</summary>
internal readonly struct IssuedToken
{
    public IssuedToken(string value, TimeSpan lifetime)
    {
        Value = value;
        Lifetime = lifetime;
    }

    public string Value { get; }

    public TimeSpan Lifetime { get; }

    public override string ToString() => $"IssuedToken {{ Lifetime = {Lifetime} }}";
}
