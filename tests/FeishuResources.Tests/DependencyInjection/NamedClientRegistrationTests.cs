using System.Net;
using FeishuResources.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.DependencyInjection;

public sealed class NamedClientRegistrationTests
{
    [Fact]
    public void The_factory_refuses_an_unknown_name_naming_it()
    {
        var services = new ServiceCollection();
        services.AddFeishuResources("sales", o => { o.AppId = "cli_sales"; o.AppSecret = "s"; });
        using ServiceProvider provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IFeishuResourceClientFactory>();

        var ex = Assert.Throws<InvalidOperationException>(() => factory.CreateClient("support"));

        Assert.Contains("'support'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'sales'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>("name", () => factory.CreateClient(null!));
    }

    [Fact]
    public void Startup_validation_checks_every_name_and_names_the_field()
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o => { o.AppId = "cli_default"; o.AppSecret = "s"; });
        services.AddFeishuResources("broken", o => o.AppId = "cli_broken");
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("broken", ex.OptionsName);
        Assert.Contains("AppSecret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_client_binds_its_own_configuration_section()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bots:Lark:AppId"] = "cli_lark",
            ["Bots:Lark:AppSecret"] = "secret",
            ["Bots:Lark:BaseAddress"] = "https://open.larksuite.com",
        }).Build();
        var services = new ServiceCollection();
        services.AddFeishuResources("lark", configuration.GetSection("Bots:Lark"));
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        FeishuResourcesOptions options = provider.GetRequiredService<IOptionsMonitor<FeishuResourcesOptions>>().Get("lark");
        Assert.Equal(("cli_lark", new Uri("https://open.larksuite.com")), (options.AppId, options.BaseAddress));
        Assert.NotNull(provider.GetRequiredService<IFeishuResourceClientFactory>().CreateClient("lark"));
    }

    [Fact]
    public void Each_named_store_app_has_its_own_ticket_store_and_the_default_keeps_the_plain_one()
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o => { o.AppId = "cli_default"; o.AppSecret = "s"; });
        services.AddFeishuResources("a", o => { o.AppId = "cli_a"; o.AppSecret = "s"; o.AppType = FeishuAppType.Store; });
        services.AddFeishuResources("b", o => { o.AppId = "cli_b"; o.AppSecret = "s"; o.AppType = FeishuAppType.Store; });
        using ServiceProvider provider = services.BuildServiceProvider();

        var a = provider.GetRequiredKeyedService<FeishuAppTicketStore>("a");
        var b = provider.GetRequiredKeyedService<FeishuAppTicketStore>("b");

        Assert.NotSame(a, b);
        Assert.NotSame(a, provider.GetRequiredService<FeishuAppTicketStore>());
        Assert.Same(a, provider.GetRequiredKeyedService<FeishuAppTicketStore>("a"));
    }

    [Fact]
    public async Task A_token_provider_chained_on_a_named_client_serves_only_that_name()
    {
        var seen = new List<string?>();
        var network = new MockHttpMessageHandler();
        network.When("*").Respond(request =>
        {
            lock (seen)
            {
                seen.Add(request.Headers.Authorization?.Parameter);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[1]) };
        });
        var services = new ServiceCollection();
        services.AddFeishuResources("own", o => o.AppId = "cli_own")
            .UseTokenProvider(_ => new FixedTokenProvider("u-own"))
            .ConfigurePrimaryHttpMessageHandler(() => network);
        services.AddFeishuResources("other", o => o.AppId = "cli_other")
            .UseTokenProvider(_ => new FixedTokenProvider("u-other"))
            .ConfigurePrimaryHttpMessageHandler(() => network);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var factory = provider.GetRequiredService<IFeishuResourceClientFactory>();

        (await factory.CreateClient("own").DownloadFileAsync("file_k")).Dispose();
        (await factory.CreateClient("other").DownloadFileAsync("file_k")).Dispose();

        Assert.Equal(new[] { "u-own", "u-other" }, seen);
    }

    private sealed class FixedTokenProvider(string token) : IFeishuTokenProvider
    {
        public ValueTask<string> GetTokenAsync(FeishuTokenRequest request, CancellationToken cancellationToken) => new(token);
    }
}
