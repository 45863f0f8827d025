namespace FeishuResources;

/// <summary>
/// The <c>type</c> query parameter of the message-resource endpoint.
/// </summary>
public enum FeishuResourceType
{
    /// <summary>An image, including images inside rich-text posts (<c>type=image</c>).</summary>
    Image,

    /// <summary>A file, audio or video (<c>type=file</c>).</summary>
    File,
}
