using System;

namespace FeishuResources.Testing;

/// <summary>The recipe for <see cref="FeishuEmulator.SeedChat"/>: how many messages, how many of them carry a resource, threads, times and sizes.</summary>
public sealed class FeishuEmulatorChatOptions
{
    /// <summary>Messages in the chat, thread replies included; defaults to 1000.</summary>
    public int MessageCount { get; set; } = 1000;

    /// <summary>
    /// Resources the chat holds (each in its own message, spread evenly: images, files, audio, videos, post images and
    /// merge-forwarded images in turn); at most <see cref="MessageCount"/>; defaults to 600. Video covers and stickers come on top and are not counted.
    /// </summary>
    public int ResourceCount { get; set; } = 600;

    /// <summary>Threads, each a first message and three replies, spread over the chat; defaults to 0.</summary>
    public int ThreadCount { get; set; }

    /// <summary>When the first message was sent; defaults to 2026-01-01 00:00 UTC.</summary>
    public DateTimeOffset FirstMessageTime { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The time between two messages; defaults to one minute.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The smallest resource in bytes; defaults to 1 KiB.</summary>
    public int MinResourceBytes { get; set; } = 1024;

    /// <summary>The largest resource in bytes; defaults to 64 KiB.</summary>
    public int MaxResourceBytes { get; set; } = 64 * 1024;

    /// <summary>Varies the sizes and bytes; the same options always seed the same chat.</summary>
    public int Seed { get; set; }

    internal void Validate()
    {
        if (MessageCount < 1 || ResourceCount < 0 || ResourceCount > MessageCount || ThreadCount < 0 || (long)ThreadCount * 4 > MessageCount)
        {
            throw new ArgumentException("MessageCount must be positive, ResourceCount between 0 and MessageCount, and ThreadCount at most a quarter of MessageCount.", "options");
        }

        if (MinResourceBytes < 0 || MaxResourceBytes < MinResourceBytes || Interval < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentException("MinResourceBytes must be between 0 and MaxResourceBytes, and Interval at least a millisecond.", "options");
        }
    }
}
