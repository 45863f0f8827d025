using System;

namespace FeishuResources;

/// <summary>What became of one resource of a message: the file it was saved as, or why it was not.</summary>
public sealed class FeishuMessageResourceResult
{
    internal FeishuMessageResourceResult(FeishuMessageResource resource, string? path, Exception? exception)
    {
        Resource = resource;
        Path = path;
        Exception = exception;
    }

    /// <summary>The resource.</summary>
    public FeishuMessageResource Resource { get; }

    /// <summary>The full path it was saved as; <see langword="null"/> when it failed.</summary>
    public string? Path { get; }

    /// <summary>
    /// Why it failed — a <see cref="FeishuApiException"/> subclass for a platform refusal (for example
    /// <see cref="FeishuResourceNotFoundException"/> with 234003 for a forwarded resource the platform does not
    /// serve), a <see cref="FeishuDownloadException"/> or another I/O error; <see langword="null"/> when it was saved.
    /// </summary>
    public Exception? Exception { get; }

    /// <summary>Whether the resource was saved.</summary>
    public bool Succeeded => Path is not null;
}
