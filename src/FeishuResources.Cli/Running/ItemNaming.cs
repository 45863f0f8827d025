namespace FeishuResources.Cli.Running;

/// <summary>How <c>batch</c> names the files it saves (<c>--name</c>).</summary>
internal enum ItemNaming
{
    /// <summary>The name the server sent, made safe; without one, the key and an extension from the media type.</summary>
    Server,

    /// <summary>The resource key and the extension the server's name (or media type) gives: items the server names alike stay apart.</summary>
    Key,
}
