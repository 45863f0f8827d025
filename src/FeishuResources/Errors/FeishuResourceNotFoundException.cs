using System;

namespace FeishuResources;

/// <summary>
/// The resource, or the message holding it, does not exist or no longer exists (230110, 234003, 234005).
/// </summary>
public class FeishuResourceNotFoundException : FeishuApiException
{
    /// <summary>Creates the exception from what the platform said.</summary>
    /// <param name="message">A message that says what happened and what to do.</param>
    /// <param name="error">The platform's error.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public FeishuResourceNotFoundException(string message, FeishuApiError error, Exception? innerException = null)
        : base(message, error, innerException)
    {
    }
}
