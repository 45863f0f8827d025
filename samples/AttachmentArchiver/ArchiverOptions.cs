using System.ComponentModel.DataAnnotations;

namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>
/// The section <c>Archiver</c>: what the Feishu console's "Events and callbacks" page shows for the app, where to
/// archive, and the bounds that keep a flood of pushes from exhausting the server. Validated at start.
/// </summary>
public sealed class ArchiverOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Archiver";

    /// <summary>The app's Verification Token; every push carries it and a push without it is refused.</summary>
    [Required]
    public string VerificationToken { get; set; } = string.Empty;

    /// <summary>
    /// The app's Encrypt Key, or empty when the console has none. With a key, pushes arrive encrypted and signed, and
    /// a push without a valid signature is refused.
    /// </summary>
    public string? EncryptKey { get; set; }

    /// <summary>The folder the archiver saves attachments in.</summary>
    [Required]
    public string ArchiveDirectory { get; set; } = string.Empty;

    /// <summary>How many acknowledged messages may wait for the archiver; when full, a push is answered 503 and the platform delivers it again later.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1_000;

    /// <summary>How many recent message ids are remembered to ignore the platform's duplicate pushes.</summary>
    [Range(1, 10_000_000)]
    public int DeduplicationCapacity { get; set; } = 10_000;

    /// <summary>The largest request body read; a larger one is answered 413 without being parsed.</summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Whether pushes are encrypted and signed (an Encrypt Key is configured).</summary>
    public bool HasEncryptKey => !string.IsNullOrEmpty(EncryptKey);
}
