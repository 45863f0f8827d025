namespace FeishuResources;

/// <summary>What a resource found in a message's content is.</summary>
public enum FeishuMessageResourceKind
{
    /// <summary>An image message's picture (<c>msg_type</c> <c>image</c>); downloaded with <see cref="FeishuResourceType.Image"/>.</summary>
    Image,

    /// <summary>A file message's file (<c>file</c>); downloaded with <see cref="FeishuResourceType.File"/>.</summary>
    File,

    /// <summary>A voice message (<c>audio</c>); downloaded with <see cref="FeishuResourceType.File"/>.</summary>
    Audio,

    /// <summary>A video message's video (<c>media</c>, also seen as <c>video</c>); downloaded with <see cref="FeishuResourceType.File"/>.</summary>
    Video,

    /// <summary>
    /// The cover picture of a video, in a video message or a post's <c>media</c> tag; requested with
    /// <see cref="FeishuResourceType.Image"/>. No official source shows the platform serving it.
    /// </summary>
    VideoCover,

    /// <summary>An image inside a rich-text post (an <c>img</c> tag); downloaded with <see cref="FeishuResourceType.Image"/>.</summary>
    PostImage,

    /// <summary>A video inside a rich-text post (a <c>media</c> tag); downloaded with <see cref="FeishuResourceType.File"/>.</summary>
    PostVideo,

    /// <summary>A sticker (<c>sticker</c>): the platform does not serve stickers, so it has no <see cref="FeishuMessageResource.Type"/>.</summary>
    Sticker,
}
