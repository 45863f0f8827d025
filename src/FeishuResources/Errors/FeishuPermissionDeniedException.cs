using System;

namespace FeishuResources;

/// <summary>
/// The app may not read the resource: not the sender, not in the chat, a missing scope, or a restricted chat (234004, 234008, 234009, 234038, 234040, 99991672, 99991676, 99991679).
/// </summary>
public class FeishuPermissionDeniedException : FeishuApiException
{
    /// <summary>Creates the exception from what the platform said.</summary>
    /// <param name="message">A message that says what happened and what to do.</param>
    /// <param name="error">The platform's error.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public FeishuPermissionDeniedException(string message, FeishuApiError error, Exception? innerException = null)
        : base(message, error, innerException)
    {
    }
}
