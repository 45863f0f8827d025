using System;
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FeishuResources.Testing.Responses;

/// <summary>Writes the platform's JSON envelopes, <c>{code, msg, …}</c>, with a declared length.</summary>
internal static class PlatformResponseWriter
{
    public const string LogIdHeader = "X-Tt-Logid";

    /// <summary>
    /// An error as the platform sends it: <c>{"code","msg","error":{"log_id","troubleshooter"}}</c>, the log id
    /// matching the <c>X-Tt-Logid</c> header already on the response.
    /// </summary>
    public static Task WriteErrorAsync(HttpContext context, int code, int? status = null, string? message = null)
    {
        string logId = context.Response.Headers[LogIdHeader].ToString();
        context.Response.StatusCode = status ?? PlatformErrors.DefaultStatus(code);
        return WriteJsonAsync(context, writer =>
        {
            writer.WriteNumber("code", code);
            writer.WriteString("msg", message ?? PlatformErrors.DefaultMessage(code));
            writer.WriteStartObject("error");
            writer.WriteString("log_id", logId);
            writer.WriteString("troubleshooter", "https://open.feishu.cn/search?from=openapi&log_id=" + logId + "&code=" + code.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        });
    }

    /// <summary>A success envelope <c>{"code":0,"msg":"ok", …}</c> with the fields <paramref name="writeFields"/> adds.</summary>
    public static Task WriteOkAsync(HttpContext context, Action<Utf8JsonWriter> writeFields)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        return WriteJsonAsync(context, writer =>
        {
            writer.WriteNumber("code", 0);
            writer.WriteString("msg", "ok");
            writeFields(writer);
        });
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> writeFields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteEndObject();
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
