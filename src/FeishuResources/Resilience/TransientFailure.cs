using System;
using System.IO;
using System.Net.Http;
using FeishuResources.Errors;

namespace FeishuResources.Resilience;

/// <summary>Which failures before the body is handed out are worth another attempt.</summary>
internal static class TransientFailure
{
    public static bool IsTransient(Exception? exception) => exception switch
    {
        null or OperationCanceledException => false,
        FeishuRateLimitedException => false,
        FeishuApiException api => ErrorCodeTable.Describe(api.Code, api.StatusCode).IsTransient,
        HttpRequestException or TimeoutException or IOException => true,
        _ => false,
    };

    /// <summary>A short description for logs: the type and, for platform errors, the code — never a message that could carry data.</summary>
    public static string Describe(Exception? exception) => exception switch
    {
        FeishuApiException api => $"{api.GetType().Name} code {api.Code}, HTTP {(int)api.StatusCode}, log id {api.LogId ?? "none"}",
        null => "none",
        _ => exception.GetType().Name,
    };
}
