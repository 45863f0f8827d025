using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FeishuResources.AspNetCore.Tests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.AspNetCore.Tests;

/// <summary>The sample's two routes through <c>WebApplicationFactory</c>, against the emulator.</summary>
public sealed class DownloadEndpointTests
{
    [Fact]
    public async Task A_bot_file_streams_with_its_type_length_and_exact_bytes()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        using HttpClient client = sample.App.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/files/" + EmulatedSample.ReportKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(200_000, response.Content.Headers.ContentLength);
        Assert.Equal(EmulatorContentBytes.Of(sample.Report), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_Chinese_name_travels_as_an_RFC_6266_filename_star_in_UTF_8_percent_encoding()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        using HttpClient client = sample.App.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/files/" + EmulatedSample.ReportKey, HttpCompletionOption.ResponseHeadersRead);

        // What a browser reads: filename* wins over the ASCII fallback in every current browser.
        string header = Assert.Single(response.Content.Headers.GetValues("Content-Disposition"));
        Assert.Equal(
            "attachment; filename=\"____ 2026_ ____.pdf\"; filename*=UTF-8''%E5%AD%A3%E5%BA%A6%E6%8A%A5%E5%91%8A%202026%E5%B9%B4%20%E7%AC%AC%E4%B8%80%E5%AD%A3%E5%BA%A6.pdf",
            header);
        Assert.Equal(EmulatedSample.ReportName, response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.True(header.All(char.IsAscii), "the header itself is pure ASCII");
    }

    [Fact]
    public async Task A_nameless_message_image_streams_with_its_type_under_the_name_the_SDK_saves_it_as()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        using HttpClient client = sample.App.CreateClient();

        using HttpResponseMessage response = await client.GetAsync($"/messages/{EmulatedSample.MessageId}/resources/{EmulatedSample.PhotoKey}?type=image");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(EmulatedSample.PhotoKey + ".png", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(EmulatorContentBytes.Of(sample.Photo), await response.Content.ReadAsByteArrayAsync());
        Assert.EndsWith("?type=image", sample.Emulator.Traffic.Requests.Last().PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invisible_direction_characters_in_Feishu_s_name_are_replaced_as_in_the_SDK_s_own_saves()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        // U+202E makes "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
        sample.Emulator.AddFile("file_v3_disguised", FeishuEmulatorContent.Generated(10), "application/octet-stream", "invoice\u202Efdp.exe");
        using HttpClient client = sample.App.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/files/file_v3_disguised");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("invoice_fdp.exe", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task A_Content_Type_with_a_charset_reaches_the_browser_as_Feishu_sent_it()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        sample.Emulator.AddFile("file_v3_notes", FeishuEmulatorContent.Generated(10), "text/plain; charset=utf-8", "notes.txt");
        using HttpClient client = sample.App.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/files/file_v3_notes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task The_body_reaches_the_browser_while_Feishu_is_still_sending_it()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        byte[] bytes = EmulatorContentBytes.Of(FeishuEmulatorContent.Generated(1024 * 1024, seed: 5));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int FirstPart = 64 * 1024;
        sample.Emulator.AddFile("file_v3_gated", FeishuEmulatorContent.FromStream(() => new GatedStream(bytes, FirstPart, gate), bytes.Length), "video/mp4", "clip.mp4");
        sample.Emulator.Faults.SlowBody(FirstPart, TimeSpan.Zero, "file_v3_gated");
        using HttpClient client = sample.App.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/files/file_v3_gated", HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        byte[] first = new byte[FirstPart];
        await body.ReadExactlyAsync(first);

        // The rest does not exist yet anywhere: the sample cannot have buffered the whole body.
        Assert.False(gate.Task.IsCompleted);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        gate.SetResult();
        using var rest = new MemoryStream();
        await body.CopyToAsync(rest);
        byte[] received = [.. first, .. rest.ToArray()];
        Assert.Equal(bytes, received);
    }

    [Fact]
    public async Task A_type_other_than_image_or_file_is_a_400_problem_before_any_call_to_Feishu()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        using HttpClient client = sample.App.CreateClient();

        using HttpResponseMessage response = await client.GetAsync($"/messages/{EmulatedSample.MessageId}/resources/{EmulatedSample.PhotoKey}?type=video");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(sample.Emulator.Traffic.Requests);
    }

    [Theory]
    [InlineData("/files/%20")]
    [InlineData("/messages/%20/resources/" + EmulatedSample.PhotoKey + "?type=image")]
    [InlineData("/messages/" + EmulatedSample.MessageId + "/resources/%20?type=file")]
    public async Task A_blank_key_or_message_id_is_a_400_problem_naming_it_before_any_call_to_Feishu(string path)
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        using HttpClient client = sample.App.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Matches("fileKey|messageId", problem.RootElement.GetProperty("detail").GetString());
        Assert.Empty(sample.Emulator.Traffic.Requests);
    }
}
