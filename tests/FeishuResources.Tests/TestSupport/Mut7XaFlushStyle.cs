namespace FeishuResources.Tests.TestSupport;

/// <summary>How a response body's own copy flushes the stream it copies into once its bytes are written.</summary>
public enum Mut7XaFlushStyle
{
    None,
    Synchronous,
    Asynchronous,
}
