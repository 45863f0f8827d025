using System.Security.Cryptography;
using System.Text.Json;
using FeishuResources.Cli.Tests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.Cli.Tests;

/// <summary>
/// <c>chat &lt;chat_id&gt; -o DIR</c> against an emulated chat: every resource saved with its SHA-256 in the index, runs
/// that pick up where the last one stopped, and the summary of what failed.
/// </summary>
public sealed class ChatCommandTests
{
    private const string Chat = "oc_cli_backup";
    private static readonly FeishuEmulatorChatOptions Recipe = new() { MessageCount = 160, ResourceCount = 90, ThreadCount = 4, MaxResourceBytes = 8 * 1024 };

    [Fact]
    public async Task Every_resource_of_the_chat_and_its_threads_is_saved_with_its_sha256_in_a_complete_index()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        IReadOnlyList<FeishuEmulatorChatResource> seeded = platform.Emulator.SeedChat(Chat, Recipe);

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads", "--concurrency", "4"));

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertBackupHolds(platform, seeded);
        Assert.Contains("90 saved", result.Out, StringComparison.Ordinal);
        Assert.Equal(seeded.Count, platform.Emulator.Traffic.CountRequests(FeishuEmulatorApi.MessageResources));
        JsonElement record = ReadIndex(platform).First(r => r.GetProperty("kind").GetString() == "file");
        Assert.EndsWith(".pdf", record.GetProperty("originalName").GetString(), StringComparison.Ordinal);
        Assert.Equal("ou_emulator_user", record.GetProperty("senderId").GetString());
        Assert.True(record.TryGetProperty("time", out _));
    }

    [Fact]
    public async Task A_second_run_downloads_nothing_and_lists_only_from_where_the_first_got_to()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.SeedChat(Chat, Recipe);
        await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup"));
        platform.Emulator.Traffic.Reset();

        CliResult again = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup"));

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, platform.Emulator.Traffic.CountRequests(FeishuEmulatorApi.MessageResources));
        FeishuEmulatorRequest listing = Assert.Single(platform.Emulator.Traffic.Requests, r => r.Api == FeishuEmulatorApi.MessageList);
        Assert.Contains("start_time=", listing.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_cancelled_midway_and_run_again_ends_with_what_one_uninterrupted_run_saves()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        IReadOnlyList<FeishuEmulatorChatResource> seeded = platform.Emulator.SeedChat(Chat, Recipe);
        using var cancel = new CancellationTokenSource();
        Task watch = Task.Run(async () =>
        {
            while (platform.Emulator.Traffic.CountRequests(FeishuEmulatorApi.MessageResources) < 30)
            {
                await Task.Delay(5);
            }

            cancel.Cancel();
        });

        CliResult cut = await InProcessCli.RunAsync(platform.Setup with { Cancellation = cancel.Token }, platform.Args("chat", Chat, "-o", "backup", "--threads"));
        await watch;
        int savedBefore = ReadIndex(platform).Length;
        CliResult resumed = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads"));

        Assert.NotEqual(0, cut.ExitCode);
        Assert.InRange(savedBefore, 1, seeded.Count - 1);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        AssertBackupHolds(platform, seeded);
    }

    [Fact]
    public async Task A_process_killed_midway_and_run_again_ends_with_what_one_uninterrupted_run_saves()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        IReadOnlyList<FeishuEmulatorChatResource> seeded = platform.Emulator.SeedChat(Chat, Recipe);
        // One answer held back keeps the run from finishing (and its record of progress from passing that message)
        // while the others are saved; then the process dies without a chance to clean up or record anything.
        // One more arrives slowly, so a save's temporary file is in the folder when the process dies.
        platform.Emulator.Faults.DelayHeaders(TimeSpan.FromSeconds(30), seeded[40].Key, times: 1);
        platform.Emulator.Faults.SlowBody(chunkSize: 64, TimeSpan.FromSeconds(1), seeded[41].Key, times: 1);
        using (CliProcess killed = ProcessCli.Start(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads")))
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while ((IndexLines(platform) < 50 || PartialFiles(platform).Length == 0) && !killed.Process.HasExited)
            {
                await Task.Delay(10, patience.Token);
            }

            Assert.False(killed.Process.HasExited, killed.Error.ToString());
            killed.Process.Kill();
            await killed.Process.WaitForExitAsync(patience.Token);
        }

        int savedBefore = ReadIndex(platform).Length;
        CliResult resumed = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads"));

        Assert.InRange(savedBefore, 50, seeded.Count - 1);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        AssertBackupHolds(platform, seeded);
        Assert.Empty(PartialFiles(platform));
    }

    [Fact]
    public async Task Files_a_crash_left_without_their_records_are_recorded_by_the_next_run_not_saved_twice()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        IReadOnlyList<FeishuEmulatorChatResource> seeded = platform.Emulator.SeedChat(Chat, Recipe);
        await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads"));
        string index = platform.PathOf("backup", "index.jsonl");
        string[] lines = File.ReadAllLines(index);

        // The crash came after the last three files were renamed into place and before their records were written.
        File.WriteAllLines(index, lines[..^3]);
        File.Delete(platform.PathOf("backup", ".feishu-chat-backup.json"));
        platform.Emulator.Traffic.Reset();
        CliResult next = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads"));

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal(3, platform.Emulator.Traffic.CountRequests(FeishuEmulatorApi.MessageResources));
        AssertBackupHolds(platform, seeded);
        Assert.Equal(lines[^3..].Select(l => JsonDocument.Parse(l).RootElement.GetProperty("path").GetString()).Order(), ReadIndex(platform)[^3..].Select(r => r.GetProperty("path").GetString()).Order());
    }

    [Fact]
    public async Task A_second_run_into_a_folder_another_run_is_using_stops_before_any_request()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        IReadOnlyList<FeishuEmulatorChatResource> seeded = platform.Emulator.SeedChat(Chat, Recipe);
        platform.Emulator.Faults.DelayHeaders(TimeSpan.FromSeconds(30), seeded[0].Key, times: 1);
        using var stopFirst = new CancellationTokenSource();
        Task<CliResult> first = InProcessCli.RunAsync(platform.Setup with { Cancellation = stopFirst.Token }, platform.Args("chat", Chat, "-o", "backup", "--threads"));
        while (platform.Emulator.Traffic.CountRequests(FeishuEmulatorApi.MessageResources) == 0)
        {
            await Task.Delay(10);
        }

        CliResult second = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads"));
        // Each run asks for its own token first: only the first run's request is there.
        int tokenRequests = platform.Emulator.Traffic.CountRequests(FeishuEmulatorApi.TenantAccessTokenInternal);
        await stopFirst.CancelAsync();
        await first;
        CliResult afterwards = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads"));

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Another run is backing a chat up into", second.Error, StringComparison.Ordinal);
        Assert.Equal(1, tokenRequests);
        Assert.True(afterwards.ExitCode == 0, afterwards.ToString());
        AssertBackupHolds(platform, seeded);
    }

    [Fact]
    public async Task New_messages_are_the_only_ones_fetched_by_the_next_run()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.SeedChat(Chat, Recipe);
        await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads"));
        DateTimeOffset later = Recipe.FirstMessageTime.AddDays(30);
        platform.Emulator.AddChatMessage(Chat, "om_new_1", "image", """{"image_key":"img_new_1"}""", later);
        platform.Emulator.AddChatMessage(Chat, "om_new_2", "file", """{"file_key":"file_new_2","file_name":"新.txt"}""", later.AddMinutes(1));
        platform.Emulator.AddMessageResource("om_new_1", "img_new_1", FeishuResourceType.Image, FeishuEmulatorContent.Generated(100, 1), "image/png");
        platform.Emulator.AddMessageResource("om_new_2", "file_new_2", FeishuResourceType.File, FeishuEmulatorContent.Generated(200, 2), "text/plain");
        platform.Emulator.Traffic.Reset();

        CliResult next = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads"));

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal(["img_new_1", "file_new_2"], platform.Emulator.Traffic.Requests.Where(r => r.Api == FeishuEmulatorApi.MessageResources).Select(r => r.ResourceKey!).Order(StringComparer.Ordinal).Reverse());
        Assert.True(File.Exists(platform.PathOf("backup", "新.txt")));
        Assert.Equal(92, ReadIndex(platform).Length);
    }

    [Fact]
    public async Task A_refused_resource_is_in_the_summary_with_its_code_and_log_id_and_the_next_run_fetches_only_it()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        IReadOnlyList<FeishuEmulatorChatResource> seeded = platform.Emulator.SeedChat(Chat, Recipe);
        string refused = seeded[10].Key;
        platform.Emulator.Faults.FailWith(234005, refused, times: 1);

        CliResult first = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads", "--json"));
        platform.Emulator.Traffic.Reset();
        CliResult second = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads"));

        Assert.Equal(4, first.ExitCode);
        JsonElement[] lines = first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        JsonElement failed = Assert.Single(lines, l => l.GetProperty("kind").GetString() == "item" && l.GetProperty("status").GetString() == "failed");
        Assert.Equal(refused, failed.GetProperty("fileKey").GetString());
        Assert.Contains("234005", failed.ToString(), StringComparison.Ordinal);
        Assert.NotNull(failed.GetProperty("logId").GetString());
        Assert.Contains(refused, lines[^1].ToString(), StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal([refused], platform.Emulator.Traffic.Requests.Where(r => r.Api == FeishuEmulatorApi.MessageResources).Select(r => r.ResourceKey!));
        AssertBackupHolds(platform, seeded);
    }

    [Fact]
    public async Task A_json_summary_counts_the_saved_files_and_names_only_the_failed_ones_since_the_index_holds_the_rest()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        IReadOnlyList<FeishuEmulatorChatResource> seeded = platform.Emulator.SeedChat(Chat, Recipe);
        platform.Emulator.Faults.FailWith(234005, seeded[3].Key, times: 1);

        CliResult run = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--threads", "--json"));

        JsonElement summary = JsonDocument.Parse(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        Assert.Equal("summary", summary.GetProperty("kind").GetString());
        Assert.Equal(seeded.Count - 1, summary.GetProperty("saved").GetInt32());
        Assert.Equal(1, summary.GetProperty("failed").GetInt32());
        Assert.Equal(seeded.Count, summary.GetProperty("total").GetInt32());
        Assert.Single(summary.GetProperty("failedItems").EnumerateArray());
        Assert.Empty(summary.GetProperty("files").EnumerateObject());
        Assert.Equal(seeded.Count - 1, ReadIndex(platform).Length);
    }

    [Fact]
    public async Task On_a_terminal_a_live_line_counts_messages_files_and_bytes_and_redirected_there_is_none()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.SeedChat(Chat, new FeishuEmulatorChatOptions { MessageCount = 20, ResourceCount = 5 });

        CliResult terminal = await InProcessCli.RunAsync(platform.Setup with { IsTerminal = true }, platform.Args("chat", Chat, "-o", "one"));
        CliResult redirected = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "two"));

        Assert.True(terminal.ExitCode == 0, terminal.ToString());
        Assert.Contains("20 messages scanned, 5 files saved, 0 failed", terminal.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("messages scanned", redirected.Out, StringComparison.Ordinal);
        Assert.Contains("5 saved", redirected.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_index_whose_last_line_a_crash_cut_short_is_repaired_and_its_whole_records_kept()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        IReadOnlyList<FeishuEmulatorChatResource> seeded = platform.Emulator.SeedChat(Chat, new FeishuEmulatorChatOptions { MessageCount = 20, ResourceCount = 6 });
        await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup"));
        string index = platform.PathOf("backup", "index.jsonl");
        string[] lines = File.ReadAllLines(index);
        File.Delete(platform.PathOf("backup", ".feishu-chat-backup.json"));

        // The last whole record lost its line break, and a new message has arrived.
        File.WriteAllText(index, string.Join("\n", lines));
        platform.Emulator.AddChatMessage(Chat, "om_after", "image", """{"image_key":"img_after"}""", Recipe.FirstMessageTime.AddDays(1));
        platform.Emulator.AddMessageResource("om_after", "img_after", FeishuResourceType.Image, FeishuEmulatorContent.Generated(10, 1), "image/png");
        CliResult unbroken = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup"));
        JsonElement[] afterUnbroken = ReadIndex(platform);

        // Now the last record is cut in half: that resource is fetched again, the others are not.
        File.Delete(platform.PathOf("backup", ".feishu-chat-backup.json"));
        string[] now = File.ReadAllLines(index);
        File.WriteAllText(index, string.Join("\n", now[..^1]) + "\n" + now[^1][..20]);
        platform.Emulator.Traffic.Reset();
        CliResult torn = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup"));

        Assert.True(unbroken.ExitCode == 0, unbroken.ToString());
        Assert.Equal(seeded.Count + 1, afterUnbroken.Length);
        Assert.True(torn.ExitCode == 0, torn.ToString());
        Assert.Equal(1, platform.Emulator.Traffic.CountRequests(FeishuEmulatorApi.MessageResources));
        Assert.Equal(seeded.Count + 1, ReadIndex(platform).Length);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public async Task A_damaged_index_record_that_a_crash_cannot_explain_stops_the_run_naming_its_line(int damagedFromEnd)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.SeedChat(Chat, new FeishuEmulatorChatOptions { MessageCount = 20, ResourceCount = 6 });
        await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup"));
        string index = platform.PathOf("backup", "index.jsonl");
        string[] lines = File.ReadAllLines(index);

        // A record cut in half before the last one, or a last one cut in half that still ends with its line break
        // (a crash cuts the end of the file, so neither is the work of one): not repaired, not silently fetched again.
        int damaged = damagedFromEnd > 0 ? lines.Length - damagedFromEnd : lines.Length - 1;
        lines[damaged] = lines[damaged][..20];
        File.WriteAllText(index, string.Join("\n", lines) + "\n");
        platform.Emulator.Traffic.Reset();
        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"is damaged at line {damaged + 1}", result.Error, StringComparison.Ordinal);
        Assert.Empty(platform.Emulator.Traffic.Requests);
    }

    [Theory]
    [InlineData("""{"version":1,"chatId":"oc_""", "is damaged")]
    [InlineData("""{"version":2,"chatId":"oc_backup_test"}""", "is not of version 1")]
    [InlineData("""{"version":1,"chatId":"oc_another"}""", "holds the backup of the chat 'oc_another'")]
    public async Task A_state_file_that_is_damaged_or_of_another_chat_stops_the_run_before_any_request(string state, string said)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.SeedChat(Chat, new FeishuEmulatorChatOptions { MessageCount = 10, ResourceCount = 3 });
        Directory.CreateDirectory(platform.PathOf("backup"));
        File.WriteAllText(platform.PathOf("backup", ".feishu-chat-backup.json"), state.Replace("oc_backup_test", Chat, StringComparison.Ordinal));

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(said, result.Error, StringComparison.Ordinal);
        Assert.Empty(platform.Emulator.Traffic.Requests);
    }

    [Theory]
    [InlineData("--since", "2026-02-01", "--until", "2026-01-01")]
    [InlineData("--concurrency", "0")]
    [InlineData("--since", "yesterday-ish")]
    public async Task Bad_options_are_usage_errors(params string[] options)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args(["chat", Chat, "-o", "backup", .. options]));

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(platform.Emulator.Traffic.Requests);
    }

    [Fact]
    public async Task Since_and_until_limit_the_backup_to_their_messages()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        IReadOnlyList<FeishuEmulatorChatResource> seeded = platform.Emulator.SeedChat(Chat, Recipe);
        DateTimeOffset from = Recipe.FirstMessageTime.AddMinutes(20), to = Recipe.FirstMessageTime.AddMinutes(59);

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("chat", Chat, "-o", "backup", "--since", from.ToString("o"), "--until", to.ToString("o"), "--threads"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            seeded.Where(r => r.CreatedOn >= from && r.CreatedOn <= to).Select(r => r.Key).Order(StringComparer.Ordinal),
            ReadIndex(platform).Select(r => r.GetProperty("key").GetString()!).Order(StringComparer.Ordinal));
    }

    private static JsonElement[] ReadIndex(EmulatedPlatform platform)
        => File.ReadAllLines(platform.PathOf("backup", "index.jsonl")).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToArray();

    private static string[] PartialFiles(EmulatedPlatform platform)
        => Directory.Exists(platform.PathOf("backup")) ? Directory.GetFiles(platform.PathOf("backup"), "*.partial") : [];

    private static int IndexLines(EmulatedPlatform platform)
    {
        string index = platform.PathOf("backup", "index.jsonl");
        try
        {
            return File.Exists(index) ? File.ReadLines(index).Count() : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Every seeded resource once in the index, its file there with the recorded SHA-256 of the seeded bytes, and no other file.</summary>
    private static void AssertBackupHolds(EmulatedPlatform platform, IReadOnlyList<FeishuEmulatorChatResource> seeded)
    {
        JsonElement[] index = ReadIndex(platform);
        Assert.Equal(seeded.Count, index.Length);
        var byResource = index.ToDictionary(r => (r.GetProperty("messageId").GetString()!, r.GetProperty("key").GetString()!));
        foreach (FeishuEmulatorChatResource resource in seeded)
        {
            JsonElement record = byResource[(resource.MessageId, resource.Key)];
            string expected = Sha256(resource.Content.OpenRead());
            Assert.Equal(expected, record.GetProperty("sha256").GetString());
            Assert.Equal(resource.Content.Length, record.GetProperty("bytes").GetInt64());
            Assert.Equal(expected, Sha256(File.OpenRead(platform.PathOf("backup", record.GetProperty("path").GetString()!))));
        }

        string[] files = Directory.GetFiles(platform.PathOf("backup")).Select(Path.GetFileName).Where(n => n != "index.jsonl" && !n!.StartsWith('.')).ToArray()!;
        Assert.Equal(seeded.Count, files.Length);
    }

    private static string Sha256(Stream stream)
    {
        using (stream)
        {
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
    }
}
