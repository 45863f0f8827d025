using FeishuResources.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace FeishuResources.Tests.DependencyInjection;

/// <summary>
/// What start-up validation says about each wrong setting, what the registration overloads do with the default
/// name and with null arguments, and what the builder extensions report of a builder's client name.
/// </summary>
public sealed class RegistrationDetailTests
{
    public static TheoryData<Uri?> WrongBaseAddresses => new()
    {
        null,
        new Uri("/open-apis", UriKind.Relative),
        new Uri("ftp://open.feishu.cn"),
    };

    [Theory]
    [MemberData(nameof(WrongBaseAddresses))]
    public void A_base_address_that_is_not_absolute_http_fails_at_start_saying_what_it_must_be(Uri? baseAddress)
    {
        string failure = SingleFailure(o => o.BaseAddress = baseAddress!, "BaseAddress");

        Assert.Equal("BaseAddress: FeishuResourcesOptions.BaseAddress must be an absolute http(s) address such as https://open.feishu.cn.", failure);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("https://open.larksuite.com")]
    public void An_absolute_http_or_https_base_address_passes(string baseAddress)
    {
        using ServiceProvider provider = Build(o => o.BaseAddress = new Uri(baseAddress));

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void An_app_type_outside_the_enum_fails_at_start_saying_which_are_allowed()
    {
        string failure = SingleFailure(o => o.AppType = (FeishuAppType)42, "AppType");

        Assert.Equal("AppType: FeishuResourcesOptions.AppType must be SelfBuilt or Store.", failure);
    }

    [Fact]
    public void A_missing_app_secret_fails_at_start_saying_where_to_get_one_or_what_to_do_instead()
    {
        string failure = SingleFailure(o => o.AppSecret = null!, "AppSecret");

        Assert.Equal("AppSecret: FeishuResourcesOptions.AppSecret is required: set Feishu:AppSecret from the developer console, or register your own token provider with UseTokenProvider.", failure);
    }

    [Fact]
    public void A_zero_max_delay_below_the_base_delay_fails_at_start_naming_the_max_delay()
    {
        string failure = SingleFailure(o => { o.Retry.BaseDelay = TimeSpan.FromSeconds(1); o.Retry.MaxDelay = TimeSpan.Zero; }, "Retry.MaxDelay");

        Assert.Equal("MaxDelay: FeishuResourcesOptions.Retry.MaxDelay must be between Retry.BaseDelay and 1 day.", failure);
    }

    [Fact]
    public void A_named_client_failure_starts_with_the_client_name()
    {
        var services = new ServiceCollection();
        services.AddFeishuResources("sales", o => o.AppId = "cli_sales");
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.StartsWith("AppSecret: sales.AppSecret is required", StringComparison.Ordinal));
    }

    [Fact]
    public void The_factory_lists_every_registered_name_when_refusing_an_unknown_one()
    {
        var services = new ServiceCollection();
        services.AddFeishuResources("sales", o => { o.AppId = "cli_sales"; o.AppSecret = "s"; });
        services.AddFeishuResources("support", o => { o.AppId = "cli_support"; o.AppSecret = "s"; });
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IFeishuResourceClientFactory>().CreateClient("hr"));

        Assert.Equal("No Feishu client named 'hr' is registered (registered: 'sales', 'support'); register it with services.AddFeishuResources(\"hr\", …).", ex.Message);
    }

    [Fact]
    public void The_empty_name_registers_the_default_client_in_code_and_from_a_section()
    {
        foreach (Action<IServiceCollection> register in new Action<IServiceCollection>[]
        {
            s => s.AddFeishuResources(string.Empty, o => { o.AppId = "cli_x"; o.AppSecret = "s"; }),
            s => s.AddFeishuResources(string.Empty, Configuration(("AppId", "cli_x"), ("AppSecret", "s"))),
        })
        {
            var services = new ServiceCollection();
            register(services);
            using ServiceProvider provider = services.BuildServiceProvider();

            provider.GetRequiredService<IStartupValidator>().Validate();
            Assert.NotNull(provider.GetRequiredService<IFeishuResourceClient>());
            Assert.Equal("cli_x", provider.GetRequiredService<IOptions<FeishuResourcesOptions>>().Value.AppId);
        }
    }

    [Fact]
    public void A_configuration_without_a_feishu_section_is_bound_as_it_is()
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(Configuration(("AppSecret", "s"), ("BaseAddress", "https://open.larksuite.com")));
        using ServiceProvider provider = services.BuildServiceProvider();

        // Only the missing app id fails: the secret and the address were read from the configuration itself.
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(" FeishuResourcesOptions.AppId ", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_name_of_a_builder_is_the_name_it_was_registered_under_and_empty_for_any_other()
    {
        var services = new ServiceCollection();
        IHttpClientBuilder defaultBuilder = services.AddFeishuResources(o => o.AppId = "cli_x");
        IHttpClientBuilder sales = services.AddFeishuResources("sales", o => o.AppId = "cli_sales");
        IHttpClientBuilder support = services.AddFeishuResources("support", o => o.AppId = "cli_support");
        IHttpClientBuilder foreign = services.AddHttpClient("foreign");

        Assert.Equal(string.Empty, defaultBuilder.GetFeishuClientName());
        Assert.Equal("sales", sales.GetFeishuClientName());
        Assert.Equal("support", support.GetFeishuClientName());
        Assert.Equal(string.Empty, foreign.GetFeishuClientName());
    }

    [Fact]
    public void A_token_provider_type_chained_on_the_default_client_is_the_one_resolved()
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o => o.AppId = "cli_x").UseTokenProvider<NullTokenProvider>();
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<NullTokenProvider>(Assert.Single(provider.GetServices<IFeishuTokenProvider>()));
    }

    [Fact]
    public void Null_arguments_of_the_named_overloads_and_builder_extensions_are_refused_naming_them()
    {
        var services = new ServiceCollection();
        IConfiguration section = Configuration();
        IHttpClientBuilder builder = services.AddFeishuResources("sales", o => o.AppId = "cli_sales");

        Assert.Throws<ArgumentNullException>("services", () => ((IServiceCollection)null!).AddFeishuResources("n", _ => { }));
        Assert.Throws<ArgumentNullException>("name", () => services.AddFeishuResources(null!, _ => { }));
        Assert.Throws<ArgumentNullException>("configure", () => services.AddFeishuResources("n", (Action<FeishuResourcesOptions>)null!));
        Assert.Throws<ArgumentNullException>("services", () => ((IServiceCollection)null!).AddFeishuResources("n", section));
        Assert.Throws<ArgumentNullException>("name", () => services.AddFeishuResources(null!, section));
        Assert.Throws<ArgumentNullException>("section", () => services.AddFeishuResources("n", (IConfiguration)null!));
        Assert.Throws<ArgumentNullException>("configure", () => services.AddFeishuResources((Action<FeishuResourcesOptions>)null!));
        Assert.Throws<ArgumentNullException>("configuration", () => services.AddFeishuResources((IConfiguration)null!));
        Assert.Throws<ArgumentNullException>("builder", () => ((IHttpClientBuilder)null!).UseTokenProvider<NullTokenProvider>());
        Assert.Throws<ArgumentNullException>("builder", () => ((IHttpClientBuilder)null!).UseTokenProvider(_ => new NullTokenProvider()));
        Assert.Throws<ArgumentNullException>("factory", () => builder.UseTokenProvider((Func<IServiceProvider, IFeishuTokenProvider>)null!));
        Assert.Throws<ArgumentNullException>("builder", () => ((IHttpClientBuilder)null!).GetFeishuClientName());
    }

    [Theory]
    [InlineData("configuration")]
    [InlineData("name and configure")]
    [InlineData("name and section")]
    public void With_every_argument_null_an_overload_names_the_services_first(string overload)
    {
        IServiceCollection services = null!;
        Action call = overload switch
        {
            "configuration" => () => services.AddFeishuResources((IConfiguration)null!),
            "name and configure" => () => services.AddFeishuResources(null!, (Action<FeishuResourcesOptions>)null!),
            _ => () => services.AddFeishuResources(null!, (IConfiguration)null!),
        };

        Assert.Throws<ArgumentNullException>("services", call);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static ServiceProvider Build(Action<FeishuResourcesOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_x";
            o.AppSecret = "secret";
            configure(o);
        });
        return services.BuildServiceProvider();
    }

    private static string SingleFailure(Action<FeishuResourcesOptions> configure, string option)
    {
        using ServiceProvider provider = Build(configure);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        return Assert.Single(ex.Failures, f => f.Contains(" FeishuResourcesOptions." + option + " ", StringComparison.Ordinal));
    }

    private sealed class NullTokenProvider : IFeishuTokenProvider
    {
        public ValueTask<string> GetTokenAsync(FeishuTokenRequest request, CancellationToken cancellationToken) => new("u-token");
    }
}
