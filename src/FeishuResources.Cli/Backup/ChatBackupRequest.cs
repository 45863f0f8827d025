using System;

namespace FeishuResources.Cli.Backup;

/// <summary>What <c>feishu-resources chat</c> was asked: the chat, the folder, the time range, threads, downloads at once.</summary>
internal sealed record ChatBackupRequest(string ChatId, string Directory, DateTimeOffset? Since, DateTimeOffset? Until, bool Threads, int Concurrency);
