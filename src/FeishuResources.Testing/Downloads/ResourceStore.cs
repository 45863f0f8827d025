using System;
using System.Collections.Concurrent;

namespace FeishuResources.Testing.Downloads;

/// <summary>
/// The seeded resources: files the bot uploaded (served by the files endpoint), and resources inside
/// messages (served by the message-resource endpoint; to the files endpoint they are users' files).
/// </summary>
internal sealed class ResourceStore
{
    private readonly ConcurrentDictionary<string, SeededResource> _botFiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string MessageId, string Key), SeededResource> _messageResources = new();
    private readonly ConcurrentDictionary<string, byte> _messageResourceKeys = new(StringComparer.Ordinal);

    public void AddBotFile(string fileKey, SeededResource resource) => _botFiles[fileKey] = resource;

    public void AddMessageResource(string messageId, string fileKey, SeededResource resource)
    {
        _messageResources[(messageId, fileKey)] = resource;
        _messageResourceKeys[fileKey] = 0;
    }

    public SeededResource? FindBotFile(string fileKey) => _botFiles.TryGetValue(fileKey, out SeededResource? resource) ? resource : null;

    /// <summary>Whether the key exists in some message, so the files endpoint knows it as another sender's file.</summary>
    public bool IsInAnyMessage(string fileKey) => _messageResourceKeys.ContainsKey(fileKey);

    public SeededResource? FindMessageResource(string messageId, string fileKey)
        => _messageResources.TryGetValue((messageId, fileKey), out SeededResource? resource) ? resource : null;
}
