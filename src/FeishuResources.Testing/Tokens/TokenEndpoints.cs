using System;
using System.Text.Json;
using System.Threading.Tasks;
using FeishuResources.Testing.Responses;
using Microsoft.AspNetCore.Http;

namespace FeishuResources.Testing.Tokens;

/// <summary>
/// The four auth endpoints: the self-built app's tenant token, and the store app's app token, tenant
/// token and ticket resend. Refusals of credentials come with HTTP 200 and a non-zero code, as on the platform.
/// </summary>
internal sealed class TokenEndpoints
{
    private const int MalformedRequest = 9499;

    private readonly FeishuEmulatorOptions _options;
    private readonly TokenIssuer _issuer;
    private readonly Action<string> _onTicketResend;

    public TokenEndpoints(FeishuEmulatorOptions options, TokenIssuer issuer, Action<string> onTicketResend)
    {
        _options = options;
        _issuer = issuer;
        _onTicketResend = onTicketResend;
    }

    public async Task HandleAsync(HttpContext context, FeishuEmulatorApi api)
    {
        using JsonDocument? body = await TryReadJsonAsync(context.Request).ConfigureAwait(false);
        if (body is null || body.RootElement.ValueKind != JsonValueKind.Object)
        {
            await PlatformResponseWriter.WriteErrorAsync(context, MalformedRequest, StatusCodes.Status400BadRequest, "The body must be a JSON object.").ConfigureAwait(false);
            return;
        }

        JsonElement root = body.RootElement;
        Task answer = api switch
        {
            FeishuEmulatorApi.TenantAccessTokenInternal => IssueOwnTenantTokenAsync(context, root),
            FeishuEmulatorApi.AppAccessToken => IssueAppTokenAsync(context, root),
            FeishuEmulatorApi.TenantAccessToken => IssueStoreTenantTokenAsync(context, root),
            _ => ResendTicketAsync(context, root),
        };
        await answer.ConfigureAwait(false);
    }

    private Task IssueOwnTenantTokenAsync(HttpContext context, JsonElement body)
    {
        int refusal = CheckCredentials(body);
        if (refusal != 0)
        {
            return PlatformResponseWriter.WriteErrorAsync(context, refusal);
        }

        (string token, long expiresIn) = _issuer.IssueTenantToken(TokenIssuer.OwnTenant);
        return WriteTokenAsync(context, "tenant_access_token", token, expiresIn);
    }

    private Task IssueAppTokenAsync(HttpContext context, JsonElement body)
    {
        int refusal = CheckCredentials(body);
        if (refusal == 0 && !string.Equals(GetString(body, "app_ticket"), _options.AppTicket, StringComparison.Ordinal))
        {
            refusal = PlatformErrors.AppTicketInvalid;
        }

        if (refusal != 0)
        {
            return PlatformResponseWriter.WriteErrorAsync(context, refusal);
        }

        (string token, long expiresIn) = _issuer.IssueAppToken();
        return WriteTokenAsync(context, "app_access_token", token, expiresIn);
    }

    private Task IssueStoreTenantTokenAsync(HttpContext context, JsonElement body)
    {
        string? appToken = GetString(body, "app_access_token");
        if (appToken is null || !_issuer.IsValidAppToken(appToken))
        {
            return PlatformResponseWriter.WriteErrorAsync(context, PlatformErrors.AppAccessTokenInvalid);
        }

        string? tenantKey = GetString(body, "tenant_key");
        if (string.IsNullOrWhiteSpace(tenantKey))
        {
            return PlatformResponseWriter.WriteErrorAsync(context, MalformedRequest, StatusCodes.Status400BadRequest, "tenant_key is required.");
        }

        (string token, long expiresIn) = _issuer.IssueTenantToken(tenantKey);
        return WriteTokenAsync(context, "tenant_access_token", token, expiresIn);
    }

    private Task ResendTicketAsync(HttpContext context, JsonElement body)
    {
        int refusal = CheckCredentials(body);
        if (refusal != 0)
        {
            return PlatformResponseWriter.WriteErrorAsync(context, refusal);
        }

        // The platform pushes the ticket as an event after answering; the emulator raises it on the thread pool likewise.
        string ticket = _options.AppTicket;
        _ = Task.Run(() => _onTicketResend(ticket));
        return PlatformResponseWriter.WriteOkAsync(context, static _ => { });
    }

    private int CheckCredentials(JsonElement body)
    {
        if (!string.Equals(GetString(body, "app_id"), _options.AppId, StringComparison.Ordinal))
        {
            return PlatformErrors.AppIdInvalid;
        }

        return string.Equals(GetString(body, "app_secret"), _options.AppSecret, StringComparison.Ordinal) ? 0 : PlatformErrors.AppSecretInvalid;
    }

    private static Task WriteTokenAsync(HttpContext context, string field, string token, long expiresIn)
        => PlatformResponseWriter.WriteOkAsync(context, writer =>
        {
            writer.WriteString(field, token);
            writer.WriteNumber("expire", expiresIn);
        });

    private static string? GetString(JsonElement body, string name)
        => body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<JsonDocument?> TryReadJsonAsync(HttpRequest request)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
