using System;
using System.Collections.Generic;
using FeishuResources.Testing.Messages;

namespace FeishuResources.Testing;

/// <summary>Chats and threads for the list API.</summary>
public sealed partial class FeishuEmulator
{
    /// <summary>
    /// Adds a message to a chat, listed by <c>GET /open-apis/im/v1/messages?container_id_type=chat&amp;container_id=…</c>
    /// and readable by <c>GET /open-apis/im/v1/messages/{message_id}</c>. A message with a <paramref name="threadId"/> is that
    /// thread's first message when none was added before, and shows in the chat; later ones are replies, listed only with
    /// <c>container_id_type=thread</c>. Its resources are served once added with <see cref="AddMessageResource"/>.
    /// </summary>
    /// <param name="chatId">The chat id (<c>oc_…</c>); the chat exists from its first message.</param>
    /// <param name="messageId">The message id, unique in the emulator.</param>
    /// <param name="messageType">The <c>msg_type</c>.</param>
    /// <param name="content">The content JSON exactly as the platform sends it; not checked.</param>
    /// <param name="createTime">When it was sent; <see langword="null"/> for the emulator's clock now.</param>
    /// <param name="threadId">The thread (<c>omt_…</c>) it belongs to; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">An id or the type is blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    public void AddChatMessage(string chatId, string messageId, string messageType, string content, DateTimeOffset? createTime = null, string? threadId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageType);
        ArgumentNullException.ThrowIfNull(content);
        if (threadId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(threadId);
        }

        long time = (createTime ?? _timeProvider.GetUtcNow()).ToUnixTimeMilliseconds();
        var message = new EmulatedMessage(messageId, messageType, content, null, time) { ChatId = chatId, ThreadId = threadId };
        _messages.Add(message);
        _chats.Add(message);
    }

    /// <summary>
    /// Fills a chat with <see cref="FeishuEmulatorChatOptions.MessageCount"/> messages of mixed types — text, stickers,
    /// images, files, audio, videos, posts, merge-forwards, threads — and serves every resource they refer to, generated
    /// (no memory per byte). The same options always give the same chat.
    /// </summary>
    /// <param name="chatId">The chat id (<c>oc_…</c>).</param>
    /// <param name="options">The recipe; <see langword="null"/> for the defaults.</param>
    /// <returns>Every counted resource (not covers), in message order, with the bytes it holds.</returns>
    /// <exception cref="ArgumentException"><paramref name="chatId"/> is blank, or the options are out of range.</exception>
    public IReadOnlyList<FeishuEmulatorChatResource> SeedChat(string chatId, FeishuEmulatorChatOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        options ??= new FeishuEmulatorChatOptions();
        options.Validate();
        return new ChatSeeder(this, chatId, options).Seed();
    }
}
