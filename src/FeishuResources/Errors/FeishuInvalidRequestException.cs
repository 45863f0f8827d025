using System;

namespace FeishuResources;

/// <summary>
/// The platform rejected the request's parameters or the message type (234001, 234043).
/// </summary>
public class FeishuInvalidRequestException : FeishuApiException
{
    /// <summary>Creates the exception from what the platform said.</summary>
    /// <param name="message">A message that says what happened and what to do.</param>
    /// <param name="error">The platform's error.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public FeishuInvalidRequestException(string message, FeishuApiError error, Exception? innerException = null)
        : base(message, error, innerException)
    {
    }
}
