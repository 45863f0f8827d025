using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using FeishuResources.Testing.Downloads;
using FeishuResources.Testing.Faults;
using FeishuResources.Testing.Messages;
using FeishuResources.Testing.Responses;
using FeishuResources.Testing.Tokens;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace FeishuResources.Testing.Hosting;

/// <summary>
/// The emulator's single request handler: records the request, stamps the log id every platform
/// response carries, and hands the request to the token endpoints, or through the gate to the download or message endpoint.
/// </summary>
internal sealed class RequestDispatcher
{
    private readonly TimeProvider _timeProvider;
    private readonly FeishuEmulatorTraffic _traffic;
    private readonly FeishuEmulatorFaults _faults;
    private readonly TokenEndpoints _tokenEndpoints;
    private readonly DownloadGate _gate;
    private readonly DownloadEndpoint _downloads;
    private readonly MessageEndpoint _messages;
    private readonly MessageListEndpoint _messageList;

    public RequestDispatcher(TimeProvider timeProvider, FeishuEmulatorTraffic traffic, FeishuEmulatorFaults faults, TokenEndpoints tokenEndpoints, DownloadGate gate, DownloadEndpoint downloads, MessageEndpoint messages, MessageListEndpoint messageList)
    {
        _timeProvider = timeProvider;
        _traffic = traffic;
        _faults = faults;
        _tokenEndpoints = tokenEndpoints;
        _gate = gate;
        _downloads = downloads;
        _messages = messages;
        _messageList = messageList;
    }

    public async Task HandleAsync(HttpContext context)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        string rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        RequestTarget target = RequestTarget.Parse(rawTarget);
        string logId = LogIdGenerator.Next(now);
        FeishuEmulatorRequest record = new(target.Api, context.Request.Method, rawTarget, CopyHeaders(context.Request.Headers), now, target.ResourceKey, logId);
        _traffic.Record(record);
        context.Response.OnStarting(static state =>
        {
            var (entry, response) = ((FeishuEmulatorRequest, HttpResponse))state;
            entry.SetStatusCode(response.StatusCode);
            return Task.CompletedTask;
        }, (record, context.Response));
        context.Response.Headers[PlatformResponseWriter.LogIdHeader] = logId;

        try
        {
            await RouteAsync(context, target, now).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ConnectionResetException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-response; there is nobody left to answer.
        }
    }

    private async Task RouteAsync(HttpContext context, RequestTarget target, DateTimeOffset now)
    {
        bool isPost = HttpMethods.IsPost(context.Request.Method);
        bool isGet = HttpMethods.IsGet(context.Request.Method);
        if (target.Api == FeishuEmulatorApi.Unknown || (target.IsGet ? !isGet : !isPost))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!target.IsGet)
        {
            await _tokenEndpoints.HandleAsync(context, target.Api).ConfigureAwait(false);
            return;
        }

        if (_faults.Take(FaultKind.DelayHeaders, target.ResourceKey) is { } delay)
        {
            await Task.Delay(delay.Delay, context.RequestAborted).ConfigureAwait(false);
        }

        if (!await _gate.PassAsync(context, target, now).ConfigureAwait(false))
        {
            return;
        }

        Task serve = target.Api switch
        {
            FeishuEmulatorApi.Messages => _messages.ServeAsync(context, target),
            FeishuEmulatorApi.MessageList => _messageList.ServeAsync(context),
            _ => _downloads.ServeAsync(context, target),
        };
        await serve.ConfigureAwait(false);
    }

    private static List<KeyValuePair<string, string>> CopyHeaders(IHeaderDictionary headers)
    {
        var copy = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in headers)
        {
            bool secret = string.Equals(header.Key, HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase);
            copy.Add(new(header.Key, secret ? FeishuEmulatorRequest.RedactedValue : header.Value.ToString()));
        }

        return copy;
    }
}
