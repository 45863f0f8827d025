using System;

namespace FeishuResources;

/// <summary>
/// The tenant's storage failed: its master key was deleted or its hybrid-deployment storage is in error (234041, 234042). Only the tenant's administrator can fix it.
/// </summary>
public class FeishuTenantStorageException : FeishuApiException
{
    /// <summary>Creates the exception from what the platform said.</summary>
    /// <param name="message">A message that says what happened and what to do.</param>
    /// <param name="error">The platform's error.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public FeishuTenantStorageException(string message, FeishuApiError error, Exception? innerException = null)
        : base(message, error, innerException)
    {
    }
}
