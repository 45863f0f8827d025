using System;
using System.IO;
using System.Text.Json;
using FeishuResources.Cli.Json;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Backup;

/// <summary>
/// How far a chat's backup got: every message of the chat from <see cref="CoveredFrom"/> (null: its first message) up to
/// <see cref="DoneThrough"/> has all its resources saved, so a later run lists only from there. A message with a failed
/// resource stops it, so the next run tries that one again. Written atomically after each page of messages and at the end.
/// </summary>
internal sealed record BackupState(int Version, string ChatId, DateTimeOffset? CoveredFrom, DateTimeOffset? DoneThrough)
{
    public const string FileName = ".feishu-chat-backup.json";
    public const int CurrentVersion = 1;

    public static BackupState? Load(string directory, string chatId)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        BackupState? state;
        try
        {
            state = JsonSerializer.Deserialize(File.ReadAllBytes(path), CliJsonContext.Readable.BackupState);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The backup state '{path}' is damaged ({exception.Message}); delete it to list the chat from the start (saved files are kept).", exception);
        }

        if (state is null || state.Version != CurrentVersion)
        {
            throw new InvalidDataException($"The backup state '{path}' is not of version {CurrentVersion}; delete it to list the chat from the start (saved files are kept).");
        }

        return state.ChatId == chatId
            ? state
            : throw new InvalidDataException($"The folder holds the backup of the chat '{state.ChatId}'; back up '{chatId}' into another folder.");
    }

    public void Save(string directory)
        => AtomicFile.Write(Path.Combine(directory, FileName), JsonSerializer.SerializeToUtf8Bytes(this, CliJsonContext.Readable.BackupState));
}
