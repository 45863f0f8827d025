using System.Net;
using AttachmentArchiver.Tests.TestSupport;
using FeishuResources;
using FeishuResources.AspNetCore.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace AttachmentArchiver.Tests;

/// <summary>The background queue: pushes are acknowledged at once, failures are logged and passed over, shutdown drains.</summary>
public sealed class ArchiveWorkerTests
{
    [Fact]
    public async Task A_failing_archive_is_logged_with_each_code_and_log_id_and_the_next_message_is_still_archived()
    {
        await using var app = new ArchiverApp();
        app.Archiver.Behaviour = (message, _) => message.MessageId == "om_fails"
            ? throw new AggregateException(
                new FeishuApiException("File not in msg.", new FeishuApiError(234003, HttpStatusCode.BadRequest, "File not in msg.", logId: "log_first_8c1")),
                new FeishuDownloadException("The connection dropped.", "file_v3_b", 10, 20, "log_second_4e2"))
            : Task.CompletedTask;

        using HttpResponseMessage failing = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_fails"));
        Assert.Equal(HttpStatusCode.OK, failing.StatusCode);
        await app.AssertNextArchivedIsAsync("om_after_failure");

        var errors = app.Logs.GetSnapshot().Where(e => e.Level == LogLevel.Error && e.Message.Contains("om_fails", StringComparison.Ordinal)).Select(e => e.FullText()).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, text => text.Contains("code 234003", StringComparison.Ordinal) && text.Contains("log_first_8c1", StringComparison.Ordinal));
        Assert.Contains(errors, text => text.Contains("log_second_4e2", StringComparison.Ordinal) && text.Contains(FeishuPlatform.ChatId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_push_is_acknowledged_while_the_archiver_is_busy_and_a_full_queue_answers_503_until_the_redelivery_fits()
    {
        await using var app = new ArchiverApp(overrides: new Dictionary<string, string> { ["Archiver:QueueCapacity"] = "1" });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Archiver.Behaviour = (_, ct) => gate.Task.WaitAsync(ct);

        using HttpResponseMessage busy = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_busy"));
        Assert.Equal("om_busy", (await app.Archiver.NextStartedAsync()).MessageId);
        using HttpResponseMessage queued = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_queued"));
        using HttpResponseMessage full = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_redelivered"));

        Assert.Equal(HttpStatusCode.OK, busy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        gate.SetResult();
        Assert.Equal("om_busy", (await app.Archiver.NextArchivedAsync()).MessageId);
        Assert.Equal("om_queued", (await app.Archiver.NextArchivedAsync()).MessageId);
        // The platform delivers an unacknowledged push again: it was not remembered as seen, so it is taken now.
        await app.AssertNextArchivedIsAsync("om_redelivered");
    }

    [Fact]
    public async Task Shutdown_refuses_new_pushes_and_drains_the_queued_messages()
    {
        await using var app = new ArchiverApp();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Archiver.Behaviour = (_, ct) => gate.Task.WaitAsync(ct);
        using HttpResponseMessage first = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_drain_1"));
        await app.Archiver.NextStartedAsync();
        using HttpResponseMessage second = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_drain_2"));

        Task stopping = app.Worker.StopAsync(CancellationToken.None);
        using HttpResponseMessage late = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_too_late"));
        gate.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, late.StatusCode);
        Assert.Equal("om_drain_1", (await app.Archiver.NextArchivedAsync()).MessageId);
        Assert.Equal("om_drain_2", (await app.Archiver.NextArchivedAsync()).MessageId);
        Assert.False(app.Archiver.HasMoreArchived);
    }

    [Fact]
    public async Task When_the_shutdown_timeout_ends_the_drain_the_message_in_progress_and_those_queued_are_logged_as_not_archived()
    {
        await using var app = new ArchiverApp();
        app.Archiver.Behaviour = (_, ct) => Task.Delay(Timeout.Infinite, ct);
        using HttpResponseMessage first = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_in_progress"));
        await app.Archiver.NextStartedAsync();
        using HttpResponseMessage second = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_still_queued"));

        using var shutdownTimeout = new CancellationTokenSource();
        Task stopping = app.Worker.StopAsync(shutdownTimeout.Token);
        await shutdownTimeout.CancelAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        var abandoned = app.Logs.GetSnapshot().Where(e => e.Id.Name == "ArchiveAbandoned").Select(e => e.Message).ToList();
        Assert.Contains(abandoned, m => m.Contains("om_in_progress", StringComparison.Ordinal));
        Assert.Contains(abandoned, m => m.Contains("om_still_queued", StringComparison.Ordinal));
        Assert.False(app.Archiver.HasMoreArchived);
    }
}
