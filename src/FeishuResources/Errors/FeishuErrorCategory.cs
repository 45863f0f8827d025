namespace FeishuResources.Errors;

/// <summary>The exception type a platform code maps to.</summary>
internal enum FeishuErrorCategory
{
    Other,
    Authentication,
    PermissionDenied,
    NotFound,
    InvalidRequest,
    TooLarge,
    RateLimited,
    TenantStorage,
}
