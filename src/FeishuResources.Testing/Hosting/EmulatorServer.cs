using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace FeishuResources.Testing.Hosting;

/// <summary>
/// Kestrel on 127.0.0.1 with an OS-assigned port (or the one asked for), nothing else: no configuration files, no environment
/// variables, no logging, so an emulator inside someone's test run stays silent and independent.
/// </summary>
internal static class EmulatorServer
{
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(RequestDispatcher dispatcher, int port, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;

            // Kestrel refuses non-ASCII header values unless an encoding is chosen; the platform sends file names as raw UTF-8.
            kestrel.ResponseHeaderEncodingSelector = name =>
                string.Equals(name, HeaderNames.ContentDisposition, StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8 : null;
        });

        WebApplication app = builder.Build();
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new Uri(address + "/"));
    }
}
