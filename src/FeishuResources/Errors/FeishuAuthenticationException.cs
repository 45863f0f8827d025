using System;

namespace FeishuResources;

/// <summary>
/// The app could not authenticate: a wrong app id or secret, a missing or rejected token (234002, 99991661, 99991663, 99991664, 99991668, 99991671, 99991677), or a refusal from a token endpoint.
/// </summary>
public class FeishuAuthenticationException : FeishuApiException
{
    /// <summary>Creates the exception from what the platform said.</summary>
    /// <param name="message">A message that says what happened and what to do.</param>
    /// <param name="error">The platform's error.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public FeishuAuthenticationException(string message, FeishuApiError error, Exception? innerException = null)
        : base(message, error, innerException)
    {
    }
}
