using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.ContractTests;

/// <summary>The SDK registered the way the README tells a customer to, over an in-memory network.</summary>
internal static class ContractHost
{
    public static ServiceProvider Build(ContractHandler handler)
    {
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => handler));
        services.AddFeishuResources(options =>
        {
            options.AppId = "cli_contract";
            options.AppSecret = "contract-secret";
            options.BaseAddress = FeishuDomains.Feishu;
        });
        return services.BuildServiceProvider();
    }
}

/// <summary>Answers the token endpoint and every download with a small PDF.</summary>
internal sealed class ContractHandler : HttpMessageHandler
{
    public const string LogId = "20260207205010CONTRACT0000000000";

    public static readonly byte[] Body = Encoding.ASCII.GetBytes("%PDF-1.7 contract");

    public List<string> PathsAndQueries { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (PathsAndQueries)
        {
            PathsAndQueries.Add(request.RequestUri!.PathAndQuery);
        }

        HttpContent content;
        if (request.Method == HttpMethod.Post)
        {
            content = new StringContent("""{"code":0,"msg":"ok","tenant_access_token":"t-contract","expire":7200}""", Encoding.UTF8, "application/json");
        }
        else
        {
            content = new ByteArrayContent(Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename=\"contract.pdf\"");
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        response.Headers.TryAddWithoutValidation("X-Tt-Logid", LogId);
        return Task.FromResult(response);
    }
}
