using System;

namespace FeishuResources;

/// <summary>
/// The resource is larger than the platform serves in one response, 100 MB (234037).
/// </summary>
public class FeishuResourceTooLargeException : FeishuApiException
{
    /// <summary>Creates the exception from what the platform said.</summary>
    /// <param name="message">A message that says what happened and what to do.</param>
    /// <param name="error">The platform's error.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public FeishuResourceTooLargeException(string message, FeishuApiError error, Exception? innerException = null)
        : base(message, error, innerException)
    {
    }
}
