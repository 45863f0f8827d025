using System.Collections.Concurrent;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Messages;

/// <summary>What a folder watcher sees while message resources are saved into its folder.</summary>
public sealed class Mut8MsgSaveNamesTests
{
    [Fact]
    public async Task While_a_resource_is_saved_only_its_finished_file_appears_unhidden_in_the_folder()
    {
        // A sync tool or watcher that skips dot files must never pick up a half-done or temporary file.
        using var folder = new TempFolder();
        var seen = new ConcurrentQueue<string>();
        var markerSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(folder.Path) { NotifyFilter = NotifyFilters.FileName };
        watcher.Created += (_, e) =>
        {
            seen.Enqueue(e.Name!);
            if (e.Name == "zz-marker")
            {
                markerSeen.TrySetResult();
            }
        };
        watcher.Renamed += (_, e) =>
        {
            seen.Enqueue(e.OldName!);
            seen.Enqueue(e.Name!);
        };
        watcher.Deleted += (_, e) => seen.Enqueue(e.Name!);
        watcher.EnableRaisingEvents = true;
        var client = new SurfaceRecordingClient();

        IReadOnlyList<FeishuMessageResourceResult> results = await client.DownloadMessageResourcesToDirectoryAsync(
            FeishuMessageContent.Parse("file", """{"file_key":"file_a","file_name":"a.txt"}""", "om_1"), folder.Path);

        Assert.True(Assert.Single(results).Succeeded);
        // The watcher reports events in the order they happened: once the marker's is in, the save's are too.
        File.WriteAllBytes(Path.Combine(folder.Path, "zz-marker"), []);
        await markerSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        string[] transient = seen.Where(n => n is not "a.txt" and not "zz-marker").Distinct().ToArray();
        Assert.NotEmpty(transient);
        Assert.All(transient, n => Assert.StartsWith(".", n, StringComparison.Ordinal));
        Assert.Equal(["a.txt", "zz-marker"], folder.Names());
    }
    [Fact]
    public async Task A_folder_whose_path_leaves_room_for_just_the_partial_file_still_receives_a_short_named_resource()
    {
        // Linux refuses paths over 4,095 bytes. The save's own partial file (".feishu-" + 32 hex digits + ".partial")
        // is the longest name it makes: a folder with room for exactly that one must take any short name.
        using var folder = new TempFolder();
        string deep = folder.Path;
        const int Room = 4095 - 1 - 48;
        while (deep.Length < Room)
        {
            deep = Path.Combine(deep, new string('d', Math.Min(200, Room - deep.Length - 1)));
        }

        Assert.Equal(Room, deep.Length);
        Directory.CreateDirectory(deep);
        var client = new SurfaceRecordingClient();

        IReadOnlyList<FeishuMessageResourceResult> results = await client.DownloadMessageResourcesToDirectoryAsync(
            FeishuMessageContent.Parse("file", """{"file_key":"file_a","file_name":"a.txt"}""", "om_1"), deep);

        FeishuMessageResourceResult result = Assert.Single(results);
        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(deep, "a.txt")));
        Assert.Equal(["a.txt"], Directory.GetFileSystemEntries(deep).Select(Path.GetFileName));
    }
}
