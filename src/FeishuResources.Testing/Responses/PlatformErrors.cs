using System.Collections.Generic;

namespace FeishuResources.Testing.Responses;

/// <summary>
/// The HTTP status and message the emulator sends with each platform code, after feishu-protocol.md.
/// Where the platform has been seen to vary (token errors came with 200, 400 and 401), the emulator
/// picks the status that is hardest on a client: 200 for a rejected tenant token.
/// </summary>
internal static class PlatformErrors
{
    // The codes are written out here rather than taken from the SDK's FeishuErrorCodes on purpose: the
    // emulator checks the SDK, so a wrong constant there must not silently become the emulator's too.
    public const int AppIdInvalid = 10003;
    public const int AppTicketInvalid = 10012;
    public const int AppSecretInvalid = 10014;
    public const int InvalidRequestParameter = 234001;
    public const int ResourceNotInMessage = 234003;
    public const int ResourceDeleted = 234005;
    public const int AppNotResourceSender = 234008;
    public const int ResourceTooLarge = 234037;
    public const int RateLimited = 99991400;
    public const int AuthorizationMissing = 99991661;
    public const int TenantAccessTokenInvalid = 99991663;
    public const int AppAccessTokenInvalid = 99991664;
    public const int TokenFormatError = 99991671;
    public const int InvalidRequestParameterOfMessages = 230001;
    public const int MessageDeleted = 230110;
    public const int BotNotInChat = 230002;
    public const int ThreadInvisible = 230073;

    private static readonly Dictionary<int, (int Status, string Message)> Known = new()
    {
        [AppIdInvalid] = (200, "app_id is invalid"),
        [AppTicketInvalid] = (200, "app_ticket is invalid"),
        [AppSecretInvalid] = (200, "app secret invalid"),
        [234001] = (400, "Invalid request param."),
        [234002] = (401, "Unauthorized."),
        [234003] = (400, "File not in msg."),
        [234004] = (400, "App not in chat."),
        [234005] = (400, "File has been deleted."),
        [234008] = (400, "The app is not the resource sender."),
        [234009] = (400, "No permission."),
        [234019] = (400, "scope CheckAppTenant fail, please retry."),
        [234037] = (400, "Downloaded file size exceeds limit."),
        [234038] = (400, "Restricted mode forbids download."),
        [234040] = (400, "The message is invisible to the operator."),
        [234041] = (400, "Tenant master key has been deleted."),
        [234042] = (400, "Hybrid deployment tenant storage error."),
        [234043] = (400, "Unsupported message type."),
        [230001] = (400, "Your request contains an invalid request parameter."),
        [230002] = (400, "The bot can not be outside the group."),
        [230006] = (400, "Bot ability is not activated."),
        [230013] = (400, "Bot has NO availability to this user."),
        [230027] = (400, "Lack of necessary permissions."),
        [230050] = (400, "The message is invisible to the operator."),
        [230073] = (400, "The thread is invisible to the operator."),
        [230110] = (400, "Action unavailable as the message has been deleted."),
        [RateLimited] = (429, "request trigger frequency limit"),
        [AuthorizationMissing] = (400, "Missing access token for authorization."),
        [TenantAccessTokenInvalid] = (200, "Invalid access token for authorization."),
        [AppAccessTokenInvalid] = (200, "Invalid app access token."),
        [99991668] = (401, "Invalid user access token."),
        [TokenFormatError] = (400, "Invalid token format."),
        [99991672] = (400, "Access denied. The app lacks the required scope."),
        [99991676] = (400, "Token lacks permission."),
        [99991677] = (401, "User access token expired."),
        [99991679] = (400, "Unauthorized. The user has not granted the permission."),
    };

    public static int DefaultStatus(int code) => Known.TryGetValue(code, out var known) ? known.Status : 400;

    public static string DefaultMessage(int code) => Known.TryGetValue(code, out var known) ? known.Message : "error";
}
