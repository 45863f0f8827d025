namespace FeishuResources.Cli.Running;

/// <summary>
/// What to do about a refusal, in the terms of the command line: the SDK's own advice names its options and
/// methods (FeishuResourcesOptions.AppSecret, DownloadMessageResourceAsync), which a CLI user does not have,
/// and speaks of a resource type the <c>file</c> command does not take. Decided on the exception's type and
/// the platform's code, never on the SDK's wording.
/// </summary>
internal static class CommandLineAdvice
{
    /// <summary>10003: the token endpoint does not know the app id.</summary>
    public const int AppIdInvalid = 10003;

    /// <summary>10014: the token endpoint refused the app secret.</summary>
    public const int AppSecretInvalid = 10014;

    /// <summary>The advice, or <see langword="null"/> when the SDK's own says it in terms that fit.</summary>
    /// <param name="refusal">What the platform refused.</param>
    /// <param name="target">The item refused, when the refusal is an item's.</param>
    /// <param name="fromBatchList">Whether the item came from a batch list, where the remedy is a line, not a command.</param>
    public static string? For(FeishuApiException refusal, DownloadTarget? target, bool fromBatchList) => refusal switch
    {
        FeishuAuthenticationException { Code: AppIdInvalid } => "Check --app-id (or $FEISHU_APP_ID) against the developer console.",
        FeishuAuthenticationException { Code: AppSecretInvalid } => "Check --app-secret (or $FEISHU_APP_SECRET) against the developer console.",

        // The 99991xxx codes are a token the download endpoints rejected, where the SDK's advice fits; every
        // other authentication failure is the app's credentials.
        FeishuAuthenticationException { Code: < 99991000 or > 99991999 } => "Check --app-id and --app-secret (or $FEISHU_APP_ID and $FEISHU_APP_SECRET) against the developer console, and that the app's bot ability is enabled.",
        { Code: FeishuErrorCodes.InvalidRequestParameter } when target is not null => target.MessageId is null
            ? "Check the file key."
            : fromBatchList
                ? "Check the message id, the key and the type on its line: image for images; file for files, audio and video."
                : "Check the message id, the key and --type: --type image for images; --type file for files, audio and video.",
        { Code: FeishuErrorCodes.ResourceDeleted } when target is not null => target.MessageId is null
            ? "The file does not exist or was deleted: check the file key."
            : "The resource does not exist or was deleted: check the message id and the key.",
        { Code: FeishuErrorCodes.AppNotResourceSender } => fromBatchList
            ? "The files endpoint serves only files this bot uploaded; for a file a user sent, list it as 'message_id file_key file'."
            : "The files endpoint serves only files this bot uploaded; for a file a user sent: feishu-resources message <message_id> <file_key> --type file.",
        _ => null,
    };
}
