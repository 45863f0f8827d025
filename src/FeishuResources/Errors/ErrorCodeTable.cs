using System.Collections.Generic;
using System.Net;

namespace FeishuResources.Errors;

/// <summary>
/// The one place that knows what each platform code means: which exception it becomes, whether a
/// fresh token or a retry can cure it, and what the user should do.
/// </summary>
internal static class ErrorCodeTable
{
    internal readonly record struct Entry(FeishuErrorCategory Category, string? Advice, bool RefreshesToken = false, bool IsTransient = false);

    /// <summary>10003: the token endpoint does not know the app id.</summary>
    private const int AppIdInvalid = 10003;

    /// <summary>10014: the token endpoint refused the app secret.</summary>
    private const int AppSecretInvalid = 10014;

    private const string CredentialsRefused = "The token endpoint refused the app's credentials; check the app id and secret against the developer console.";

    /// <summary>A failure of the server or a gateway in front of it: the same request may well succeed later.</summary>
    private static readonly Entry ServerFailure = new(FeishuErrorCategory.Other, "The platform or a gateway failed; retrying may help.", IsTransient: true);

    /// <summary>
    /// A redirect that reached the SDK: downloads follow redirects in the handler, token requests never do,
    /// since following one would post the app secret to whatever address the redirect names.
    /// </summary>
    private static readonly Entry Redirect = new(FeishuErrorCategory.Other, "The server answered with a redirect, which token requests never follow (it would carry the app secret elsewhere); set FeishuResourcesOptions.BaseAddress to the address that answers.");

    private static readonly Dictionary<int, Entry> Entries = new()
    {
        [AppIdInvalid] = new(FeishuErrorCategory.Authentication, CredentialsRefused),
        [AppSecretInvalid] = new(FeishuErrorCategory.Authentication, CredentialsRefused),
        [FeishuErrorCodes.AppTicketInvalid] = new(FeishuErrorCategory.Authentication, "The store app's app_ticket was refused; a resend was requested."),

        [FeishuErrorCodes.Unauthorized] = new(FeishuErrorCategory.Authentication, "Check the app id and secret, and that the bot ability is enabled."),
        [FeishuErrorCodes.AuthorizationMissing] = new(FeishuErrorCategory.Authentication, "The Authorization header was missing or malformed.", RefreshesToken: true),
        [FeishuErrorCodes.TenantAccessTokenInvalid] = new(FeishuErrorCategory.Authentication, "The tenant access token was rejected even after a refresh.", RefreshesToken: true),
        [FeishuErrorCodes.AppAccessTokenInvalid] = new(FeishuErrorCategory.Authentication, "The app access token was rejected even after a refresh.", RefreshesToken: true),
        [FeishuErrorCodes.TokenFormatError] = new(FeishuErrorCategory.Authentication, "The access token is malformed: it must start with t- or u-.", RefreshesToken: true),
        [FeishuErrorCodes.UserAccessTokenInvalid] = new(FeishuErrorCategory.Authentication, "The user access token is invalid; the SDK cannot refresh a user token, obtain a new one."),
        [FeishuErrorCodes.UserAccessTokenExpired] = new(FeishuErrorCategory.Authentication, "The user access token expired; the SDK cannot refresh a user token, obtain a new one."),

        [FeishuErrorCodes.AppNotInChat] = new(FeishuErrorCategory.PermissionDenied, "Add the bot to the chat that holds the message."),
        [FeishuErrorCodes.AppNotResourceSender] = new(FeishuErrorCategory.PermissionDenied, "The files endpoint only serves files this bot uploaded; use DownloadMessageResourceAsync for files users sent."),
        [FeishuErrorCodes.NoPermission] = new(FeishuErrorCategory.PermissionDenied, "The app lacks permission for this resource (for example in an external group)."),
        [FeishuErrorCodes.RestrictedMode] = new(FeishuErrorCategory.PermissionDenied, "The chat's restricted or confidential mode forbids downloads."),
        [FeishuErrorCodes.MessageInvisible] = new(FeishuErrorCategory.PermissionDenied, "The message is hidden from the bot (history is hidden from new members)."),
        [FeishuErrorCodes.AppScopeMissing] = new(FeishuErrorCategory.PermissionDenied, "Grant the app the required scope (im:resource) in the developer console and publish a new version."),
        [FeishuErrorCodes.TokenPermissionMissing] = new(FeishuErrorCategory.PermissionDenied, "The token lacks a permission this API needs; grant it in the developer console."),
        [FeishuErrorCodes.UserPermissionMissing] = new(FeishuErrorCategory.PermissionDenied, "The user has not granted a permission this API needs."),

        [FeishuErrorCodes.BotNotInChat] = new(FeishuErrorCategory.PermissionDenied, "Add the bot to the chat that holds the message."),
        [FeishuErrorCodes.BotCapabilityDisabled] = new(FeishuErrorCategory.PermissionDenied, "Enable the app's bot capability in the developer console."),
        [FeishuErrorCodes.BotUnavailableToUser] = new(FeishuErrorCategory.PermissionDenied, "The bot is not available to this user; check the app's availability range."),
        [FeishuErrorCodes.MessageScopeMissing] = new(FeishuErrorCategory.PermissionDenied, "Grant im:message or im:message:readonly (for group messages also im:message.group_msg) and publish a new version."),
        [FeishuErrorCodes.MessageInvisibleToOperator] = new(FeishuErrorCategory.PermissionDenied, "The message is invisible to the bot (history is hidden from new members)."),
        [FeishuErrorCodes.ThreadInvisibleToOperator] = new(FeishuErrorCategory.PermissionDenied, "The thread is invisible to the bot (history is hidden from new members and the thread is older than the bot's membership)."),
        [FeishuErrorCodes.MessageDeleted] = new(FeishuErrorCategory.NotFound, "The message was deleted."),
        [FeishuErrorCodes.ResourceNotInMessage] = new(FeishuErrorCategory.NotFound, "The key does not belong to this message; take the key from the message's own content."),
        [FeishuErrorCodes.ResourceDeleted] = new(FeishuErrorCategory.NotFound, "The resource was deleted."),

        [FeishuErrorCodes.MessageRequestInvalid] = new(FeishuErrorCategory.InvalidRequest, "Check the message id: it is an om_ id of a message the bot can see."),
        [FeishuErrorCodes.InvalidRequestParameter] = new(FeishuErrorCategory.InvalidRequest, "Check the ids and the resource type (image for images, file for files, audio and video)."),
        [FeishuErrorCodes.UnsupportedMessageType] = new(FeishuErrorCategory.InvalidRequest, "Resources of merged-forward messages and cards cannot be downloaded; download from the original message."),

        [FeishuErrorCodes.ResourceTooLarge] = new(FeishuErrorCategory.TooLarge, "The platform serves at most 100 MB in one response; download it in ranges."),

        [FeishuErrorCodes.RateLimited] = new(FeishuErrorCategory.RateLimited, "The request frequency limit (50/s and 1000/min per app and API) was hit; wait and retry."),

        [FeishuErrorCodes.TenantMasterKeyDeleted] = new(FeishuErrorCategory.TenantStorage, "The tenant's master key was deleted; contact the tenant administrator."),
        [FeishuErrorCodes.TenantStorageError] = new(FeishuErrorCategory.TenantStorage, "The tenant's storage failed (for example it is full); contact the tenant administrator."),

        [FeishuErrorCodes.TenantCheckFailed] = new(FeishuErrorCategory.Other, "A transient platform check failed; the platform says to retry.", IsTransient: true),
    };

    /// <summary>
    /// Describes a response by its platform code and HTTP status together. A known code means what the
    /// table says whatever the status; an unknown code on a 5xx (or 408) is the server failing, not a
    /// decision about the request; without a code, the status alone decides.
    /// </summary>
    public static Entry Describe(int code, HttpStatusCode statusCode)
    {
        int status = (int)statusCode;
        if (code != 0)
        {
            return Entries.TryGetValue(code, out Entry entry) ? entry
                : IsServerFailure(status) ? ServerFailure
                : new Entry(FeishuErrorCategory.Other, null);
        }

        return status switch
        {
            401 => new(FeishuErrorCategory.Authentication, "The platform answered 401 Unauthorized."),
            403 => new(FeishuErrorCategory.PermissionDenied, "The platform answered 403 Forbidden."),
            404 => new(FeishuErrorCategory.NotFound, "The platform answered 404 Not Found; check the ids and the base address."),
            413 => new(FeishuErrorCategory.TooLarge, "The platform answered 413 Payload Too Large."),
            429 => new(FeishuErrorCategory.RateLimited, "The platform answered 429 Too Many Requests; wait and retry."),
            >= 300 and < 400 => Redirect,
            _ when IsServerFailure(status) => ServerFailure,
            _ => new(FeishuErrorCategory.Other, null),
        };
    }

    /// <summary>
    /// Describes a token endpoint's answer that issued no token. A rate limit, a failing server and a
    /// redirect are what they are; everything else refuses the app's credentials, which
    /// <paramref name="credentialsAdvice"/> (the provider's own, naming what to check) explains.
    /// </summary>
    public static Entry DescribeTokenAnswer(int code, HttpStatusCode statusCode, string credentialsAdvice)
    {
        Entry entry = Describe(code, statusCode);
        return entry.Category == FeishuErrorCategory.RateLimited || entry.IsTransient || entry == Redirect
            ? entry
            : new Entry(FeishuErrorCategory.Authentication, credentialsAdvice);
    }

    private static bool IsServerFailure(int status) => status is 408 or >= 500;

    /// <summary>Whether a fresh token, fetched after evicting the rejected one, may cure this code.</summary>
    public static bool RefreshesToken(int code) => Entries.TryGetValue(code, out Entry entry) && entry.RefreshesToken;
}
