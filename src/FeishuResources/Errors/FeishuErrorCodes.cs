namespace FeishuResources;

/// <summary>
/// The platform codes the download and get-message endpoints are documented to return, for use in
/// <c>catch … when (e.Code == …)</c> filters.
/// </summary>
public static class FeishuErrorCodes
{
    /// <summary>234001: invalid request parameter.</summary>
    public const int InvalidRequestParameter = 234001;
    /// <summary>234002: unauthorized.</summary>
    public const int Unauthorized = 234002;
    /// <summary>234003: the file is not in this message.</summary>
    public const int ResourceNotInMessage = 234003;
    /// <summary>234004: the app is not in the chat.</summary>
    public const int AppNotInChat = 234004;
    /// <summary>234005: the resource was deleted.</summary>
    public const int ResourceDeleted = 234005;
    /// <summary>234008: the app is not the resource's sender (the files endpoint serves only the bot's uploads).</summary>
    public const int AppNotResourceSender = 234008;
    /// <summary>234009: the app lacks permission, for example in an external group.</summary>
    public const int NoPermission = 234009;
    /// <summary>234019: a transient tenant check failure; the platform says to retry.</summary>
    public const int TenantCheckFailed = 234019;
    /// <summary>234037: the resource is larger than 100 MB.</summary>
    public const int ResourceTooLarge = 234037;
    /// <summary>234038: restricted or confidential mode forbids the download.</summary>
    public const int RestrictedMode = 234038;
    /// <summary>234040: the message is invisible to the operator.</summary>
    public const int MessageInvisible = 234040;
    /// <summary>234041: the tenant's master key was deleted.</summary>
    public const int TenantMasterKeyDeleted = 234041;
    /// <summary>234042: the hybrid-deployment tenant's storage failed.</summary>
    public const int TenantStorageError = 234042;
    /// <summary>234043: the message type is not supported (merged forward, card).</summary>
    public const int UnsupportedMessageType = 234043;
    /// <summary>230110: the message was deleted.</summary>
    public const int MessageDeleted = 230110;
    /// <summary>99991400: the request frequency limit was hit.</summary>
    public const int RateLimited = 99991400;
    /// <summary>99991661: the Authorization header is missing or malformed.</summary>
    public const int AuthorizationMissing = 99991661;
    /// <summary>99991663: the tenant access token is invalid.</summary>
    public const int TenantAccessTokenInvalid = 99991663;
    /// <summary>99991664: the app access token is invalid.</summary>
    public const int AppAccessTokenInvalid = 99991664;
    /// <summary>99991668: the user access token is invalid.</summary>
    public const int UserAccessTokenInvalid = 99991668;
    /// <summary>99991671: the token is malformed (it must start with <c>t-</c> or <c>u-</c>).</summary>
    public const int TokenFormatError = 99991671;
    /// <summary>99991672: the app lacks a scope.</summary>
    public const int AppScopeMissing = 99991672;
    /// <summary>99991676: the token lacks a permission.</summary>
    public const int TokenPermissionMissing = 99991676;
    /// <summary>99991677: the user access token expired.</summary>
    public const int UserAccessTokenExpired = 99991677;
    /// <summary>99991679: the user has not granted a permission.</summary>
    public const int UserPermissionMissing = 99991679;
    /// <summary>10012: the store app's <c>app_ticket</c> is invalid.</summary>
    public const int AppTicketInvalid = 10012;
    /// <summary>230001: reading a message: invalid request parameter (for example the message id).</summary>
    public const int MessageRequestInvalid = 230001;
    /// <summary>230002: reading a message: the bot is not in the message's chat.</summary>
    public const int BotNotInChat = 230002;
    /// <summary>230006: reading a message: the app's bot capability is not enabled.</summary>
    public const int BotCapabilityDisabled = 230006;
    /// <summary>230013: reading a message: the bot is not available to this user.</summary>
    public const int BotUnavailableToUser = 230013;
    /// <summary>230027: reading a message: the app lacks a required scope.</summary>
    public const int MessageScopeMissing = 230027;
    /// <summary>230050: reading a message: the message is invisible to the operator.</summary>
    public const int MessageInvisibleToOperator = 230050;
    /// <summary>230073: listing a thread: the thread is invisible to the operator (history is hidden from new members and the thread predates the bot).</summary>
    public const int ThreadInvisibleToOperator = 230073;
}
