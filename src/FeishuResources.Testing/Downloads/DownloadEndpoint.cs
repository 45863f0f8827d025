using System;
using System.Globalization;
using System.Threading.Tasks;
using FeishuResources.Testing.Faults;
using FeishuResources.Testing.Hosting;
using FeishuResources.Testing.Messages;
using FeishuResources.Testing.Responses;
using Microsoft.AspNetCore.Http;

namespace FeishuResources.Testing.Downloads;

/// <summary>
/// Serves the two download APIs once the gate has let a request through: finds the resource (or answers
/// 234003, 234005, 234008, 234001, 230110 for a deleted message), resolves <c>Range</c> (206, 416), refuses whole downloads over the size limit
/// (234037), then streams the body with the raw UTF-8 <c>Content-Disposition</c> the platform sends.
/// </summary>
internal sealed class DownloadEndpoint
{
    private readonly ResourceStore _store;
    private readonly FeishuEmulatorFaults _faults;
    private readonly long _maxWholeDownloadBytes;
    private readonly long? _responseBytesPerSecond;
    private readonly MessageStore _messages;

    public DownloadEndpoint(ResourceStore store, MessageStore messages, FeishuEmulatorFaults faults, long maxWholeDownloadBytes, long? responseBytesPerSecond)
    {
        _store = store;
        _messages = messages;
        _faults = faults;
        _maxWholeDownloadBytes = maxWholeDownloadBytes;
        _responseBytesPerSecond = responseBytesPerSecond;
    }

    public async Task ServeAsync(HttpContext context, RequestTarget target)
    {
        (SeededResource? resource, int refusal) = target.Api == FeishuEmulatorApi.Files
            ? FindBotFile(target.ResourceKey!)
            : FindMessageResource(target.MessageId!, target.ResourceKey!, context.Request.Query["type"].ToString());
        if (resource is null)
        {
            await PlatformResponseWriter.WriteErrorAsync(context, refusal).ConfigureAwait(false);
            return;
        }

        long length = resource.Content.Length;
        ByteRange range = ByteRange.Resolve(context.Request.Headers.Range.Count == 1 ? context.Request.Headers.Range.ToString() : null, length);
        HttpResponse response = context.Response;
        if (!range.IsSatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = "bytes */" + length.ToString(CultureInfo.InvariantCulture);
            return;
        }

        if (!range.IsPartial && length > _maxWholeDownloadBytes)
        {
            await PlatformResponseWriter.WriteErrorAsync(context, PlatformErrors.ResourceTooLarge).ConfigureAwait(false);
            return;
        }

        response.StatusCode = range.IsPartial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        response.ContentType = resource.ContentType;
        response.ContentLength = range.Length;
        if (range.IsPartial)
        {
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.Start}-{range.End}/{length}");
        }

        if (resource.FileName is not null && SendsFileName(context.Request, target))
        {
            // Raw UTF-8 between the quotes, no RFC 5987 encoding: the server's header encoding selector puts these bytes on the wire.
            response.Headers.ContentDisposition = "attachment; filename=\"" + resource.FileName + "\"";
        }

        await BodySender.SendAsync(
            context,
            resource.Content,
            range,
            _responseBytesPerSecond,
            _faults.Take(FaultKind.SlowBody, target.ResourceKey),
            _faults.Take(FaultKind.DropConnection, target.ResourceKey)).ConfigureAwait(false);
    }

    private (SeededResource? Resource, int Refusal) FindBotFile(string fileKey)
    {
        if (_store.FindBotFile(fileKey) is { } resource)
        {
            return (resource, 0);
        }

        // A key known from a message belongs to its sender, not to the bot. Any other key names nothing: the
        // files endpoint's error table gives 234005 for a resource that does not exist ("资源不存在").
        return (null, _store.IsInAnyMessage(fileKey) ? PlatformErrors.AppNotResourceSender : PlatformErrors.ResourceDeleted);
    }

    private (SeededResource? Resource, int Refusal) FindMessageResource(string messageId, string fileKey, string type)
    {
        FeishuResourceType? requested = type switch
        {
            "image" => FeishuResourceType.Image,
            "file" => FeishuResourceType.File,
            _ => null,
        };
        if (requested is null)
        {
            return (null, PlatformErrors.InvalidRequestParameter);
        }

        if (_messages.IsDeleted(messageId))
        {
            return (null, PlatformErrors.MessageDeleted);
        }

        SeededResource? resource = _store.FindMessageResource(messageId, fileKey);
        if (resource is null)
        {
            return (null, PlatformErrors.ResourceNotInMessage);
        }

        return resource.Type == requested ? (resource, 0) : (null, PlatformErrors.InvalidRequestParameter);
    }

    /// <summary>The files endpoint's doc says it sends Content-Disposition only to requests that declare a JSON body.</summary>
    private static bool SendsFileName(HttpRequest request, RequestTarget target)
        => target.Api != FeishuEmulatorApi.Files
            || (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false);
}
