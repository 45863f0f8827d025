namespace FeishuResources.Tests.TestSupport;

/// <summary>How a response body's own copy hands its blocks to the stream it copies into.</summary>
public enum Mut7XaWriteStyle
{
    /// <summary><c>Write(byte[], int, int)</c>, as <c>Stream.CopyTo</c> does.</summary>
    Synchronous,

    /// <summary><c>WriteAsync(byte[], int, int, CancellationToken)</c>, as older streams do.</summary>
    ArrayAsync,

    /// <summary><c>WriteAsync(ReadOnlyMemory&lt;byte&gt;, CancellationToken)</c>, as <c>Stream.CopyToAsync</c> does.</summary>
    MemoryAsync,
}
