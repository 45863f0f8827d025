using FeishuResources.Authentication;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.DependencyInjection;

public sealed class AddFeishuResourcesTests
{
    [Theory]
    [InlineData("", "secret", "AppId")]
    [InlineData("cli_x", "", "AppSecret")]
    [InlineData("  ", " ", "AppSecret")]
    public void Startup_validation_names_the_missing_field(string appId, string appSecret, string field)
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o =>
        {
            o.AppId = appId;
            o.AppSecret = appSecret;
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("FeishuResourcesOptions." + field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void First_resolution_of_the_client_fails_naming_the_missing_field()
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o => o.AppId = "cli_x");
        using ServiceProvider provider = services.BuildServiceProvider();

        Exception ex = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IFeishuResourceClient>());

        Assert.Contains("FeishuResourcesOptions.AppSecret", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_options_pass_startup_validation()
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_x";
            o.AppSecret = "secret";
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(provider.GetRequiredService<IFeishuResourceClient>());
    }

    [Fact]
    public void A_token_provider_removes_the_app_secret_requirement()
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o => o.AppId = "cli_x").UseTokenProvider(_ => new FixedTokenProvider());
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<FixedTokenProvider>(provider.GetRequiredService<IFeishuTokenProvider>());
    }

    [Fact]
    public async Task Binds_the_feishu_section_from_the_root_configuration()
    {
        IConfiguration root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Feishu:AppId"] = "cli_from_root",
            ["Feishu:AppSecret"] = "root-secret",
            ["Feishu:BaseAddress"] = "https://open.larksuite.com",
        }).Build();

        await AssertBoundAndWorkingAsync(root, "cli_from_root", "https://open.larksuite.com/");
    }

    [Fact]
    public async Task Binds_the_section_itself()
    {
        IConfiguration root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chat:Feishu:AppId"] = "cli_from_section",
            ["Chat:Feishu:AppSecret"] = "section-secret",
            ["Chat:Feishu:TokenRefreshMargin"] = "00:10:00",
        }).Build();

        FeishuResourcesOptions options = await AssertBoundAndWorkingAsync(root.GetSection("Chat:Feishu"), "cli_from_section", "https://open.feishu.cn/");

        Assert.Equal(TimeSpan.FromMinutes(10), options.TokenRefreshMargin);
    }

    [Fact]
    public void Bound_configuration_is_validated_too()
    {
        IConfiguration root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Feishu:AppSecret"] = "s" }).Build();
        var services = new ServiceCollection();
        services.AddFeishuResources(root);
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AppId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_added_to_the_returned_builder_runs_on_downloads()
    {
        var seen = new List<string>();
        using var feishu = new MockFeishu(client: builder => builder.AddHttpMessageHandler(() => new ObservingHandler(seen)));
        feishu.Http.When(HttpMethod.Get, "*").Respond(_ => MockFeishu.File([1]));

        (await feishu.Client.DownloadFileAsync("file_k")).Dispose();

        Assert.Equal(["https://open.feishu.cn/open-apis/im/v1/files/file_k"], seen);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => services.AddFeishuResources((Action<FeishuResourcesOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddFeishuResources((IConfiguration)null!));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddFeishuResources(_ => { }));
    }

    private static async Task<FeishuResourcesOptions> AssertBoundAndWorkingAsync(IConfiguration configuration, string appId, string root)
    {
        var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Post, root + "open-apis/auth/v3/tenant_access_token/internal").Respond(_ => MockFeishu.Json(System.Net.HttpStatusCode.OK, MockFeishu.TokenBody("t-x", 7200)));
        http.When(HttpMethod.Get, root + "open-apis/im/v1/files/file_k").Respond(_ => MockFeishu.File([9]));
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => http));
        services.AddFeishuResources(configuration);
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        FeishuResourcesOptions options = provider.GetRequiredService<IOptions<FeishuResourcesOptions>>().Value;
        (await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_k")).Dispose();

        Assert.Equal(appId, options.AppId);
        return options;
    }

    private sealed class FixedTokenProvider : IFeishuTokenProvider
    {
        public ValueTask<string> GetTokenAsync(FeishuTokenRequest request, CancellationToken cancellationToken) => new("u-fixed");
    }

    private sealed class ObservingHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.RequestUri!.AbsoluteUri);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
