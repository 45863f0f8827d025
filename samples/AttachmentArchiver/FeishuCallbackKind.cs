namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>What a (decrypted) push asks of the server.</summary>
public enum FeishuCallbackKind
{
    /// <summary>The URL-verification challenge sent when the request URL is saved in the console.</summary>
    UrlVerification,

    /// <summary>An <c>im.message.receive_v1</c> event.</summary>
    MessageReceived,

    /// <summary>Any other event the app is subscribed to; acknowledged and ignored.</summary>
    OtherEvent,
}
