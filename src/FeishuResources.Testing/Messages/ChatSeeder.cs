using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace FeishuResources.Testing.Messages;

/// <summary>
/// Writes one chat of <see cref="FeishuEmulatorChatOptions"/> through the emulator's public seeding methods: resources
/// spread evenly over the messages, kinds in turn, threads of a first message and three replies spread evenly.
/// </summary>
internal sealed class ChatSeeder
{
    private const int RepliesPerThread = 3;
    private static readonly string[] ResourceKinds = ["image", "file", "audio", "media", "post", "merge_forward"];

    private readonly FeishuEmulator _emulator;
    private readonly string _chatId;
    private readonly FeishuEmulatorChatOptions _options;
    private readonly Random _sizes;
    private readonly List<FeishuEmulatorChatResource> _resources = new();

    public ChatSeeder(FeishuEmulator emulator, string chatId, FeishuEmulatorChatOptions options)
    {
        _emulator = emulator;
        _chatId = chatId;
        _options = options;
        _sizes = new Random(options.Seed);
    }

    public List<FeishuEmulatorChatResource> Seed()
    {
        int count = _options.MessageCount;
        int stride = _options.ThreadCount == 0 ? 0 : count / _options.ThreadCount;
        for (int i = 0; i < count; i++)
        {
            string id = Name("om", i);
            DateTimeOffset time = _options.FirstMessageTime + TimeSpan.FromTicks(_options.Interval.Ticks * i);
            string? thread = stride > 0 && i / stride < _options.ThreadCount && i % stride <= RepliesPerThread ? Name("omt", i / stride) : null;
            bool carries = (long)(i + 1) * _options.ResourceCount / count > (long)i * _options.ResourceCount / count;
            if (carries)
            {
                AddWithResource(id, ResourceKinds[_resources.Count % ResourceKinds.Length], i, time, thread);
            }
            else
            {
                bool sticker = i % 7 == 3;
                _emulator.AddChatMessage(_chatId, id, sticker ? "sticker" : "text", sticker ? Json(("file_key", Name("file_sticker", i))) : Json(("text", "message " + i)), time, thread);
            }
        }

        return _resources;
    }

    private void AddWithResource(string id, string kind, int index, DateTimeOffset time, string? thread)
    {
        string imageKey = Name("img", index);
        string fileKey = Name("file", index);
        switch (kind)
        {
            case "image":
                _emulator.AddChatMessage(_chatId, id, kind, Json(("image_key", imageKey)), time, thread);
                Serve(id, imageKey, FeishuResourceType.Image, "image/png", null, index, time);
                break;
            case "file":
                string document = "report-" + index.ToString(CultureInfo.InvariantCulture) + ".pdf";
                _emulator.AddChatMessage(_chatId, id, kind, Json(("file_key", fileKey), ("file_name", document)), time, thread);
                Serve(id, fileKey, FeishuResourceType.File, "application/pdf", document, index, time);
                break;
            case "audio":
                _emulator.AddChatMessage(_chatId, id, kind, Json(("file_key", fileKey), ("duration", "2000")), time, thread);
                Serve(id, fileKey, FeishuResourceType.File, "audio/ogg", null, index, time);
                break;
            case "media":
                string clip = "clip-" + index.ToString(CultureInfo.InvariantCulture) + ".mp4";
                _emulator.AddChatMessage(_chatId, id, kind, Json(("file_key", fileKey), ("image_key", imageKey), ("file_name", clip), ("duration", "3000")), time, thread);
                Serve(id, fileKey, FeishuResourceType.File, "video/mp4", clip, index, time);
                _emulator.AddMessageResource(id, imageKey, FeishuResourceType.Image, FeishuEmulatorContent.Generated(1024, index), "image/jpeg");
                break;
            case "post":
                string post = "{\"zh_cn\":{\"title\":\"post " + index.ToString(CultureInfo.InvariantCulture) + "\",\"content\":[[{\"tag\":\"text\",\"text\":\"see\"}],[{\"tag\":\"img\",\"image_key\":\"" + imageKey + "\"}]]}}";
                _emulator.AddChatMessage(_chatId, id, kind, post, time, thread);
                Serve(id, imageKey, FeishuResourceType.Image, "image/jpeg", null, index, time);
                break;
            default:
                // A merge-forward lists a placeholder; its image sits in a sub-message and is served through the forward's id.
                _emulator.AddChatMessage(_chatId, id, kind, Json(("content", "Merged and Forwarded Message")), time, thread);
                _emulator.AddMessage(id + "_sub", "image", Json(("image_key", imageKey)), id);
                Serve(id, imageKey, FeishuResourceType.Image, "image/png", null, index, time);
                break;
        }
    }

    private void Serve(string messageId, string key, FeishuResourceType type, string contentType, string? fileName, int index, DateTimeOffset time)
    {
        FeishuEmulatorContent content = FeishuEmulatorContent.Generated(_sizes.Next(_options.MinResourceBytes, _options.MaxResourceBytes + 1), unchecked((_options.Seed * 1_000_003) + index));
        _emulator.AddMessageResource(messageId, key, type, content, contentType, fileName);
        _resources.Add(new FeishuEmulatorChatResource(messageId, key, type, fileName, content, time));
    }

    private string Name(string prefix, int index) => prefix + "_" + _chatId + "_" + index.ToString("D6", CultureInfo.InvariantCulture);

    private static string Json(params (string Name, string Value)[] fields)
    {
        var members = new Dictionary<string, string>(fields.Length);
        foreach ((string name, string value) in fields)
        {
            members[name] = value;
        }

        return JsonSerializer.Serialize(members);
    }
}
