using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.ContractTests;

/// <summary>
/// Compiles the public contract of issue 2 exactly as written: every method is bound to a delegate of its
/// exact signature and every property is read into a variable of its type. A renamed, retyped or moved
/// member breaks this project's build; the runtime checks cover what the compiler allows to vary.
/// </summary>
public sealed class ContractShapeTests
{
    [Fact]
    public void Client_methods_have_the_contract_signatures()
    {
        using ServiceProvider provider = ContractHost.Build(new ContractHandler());
        IFeishuResourceClient client = provider.GetRequiredService<IFeishuResourceClient>();

        Func<string, CancellationToken, Task<FeishuDownload>> downloadFile = client.DownloadFileAsync;
        Func<string, string, FeishuResourceType, CancellationToken, Task<FeishuDownload>> downloadMessageResource = client.DownloadMessageResourceAsync;

        Assert.NotNull(downloadFile);
        Assert.NotNull(downloadMessageResource);
        AssertParameterNames(nameof(IFeishuResourceClient.DownloadFileAsync), ["fileKey", "cancellationToken"]);
        AssertParameterNames(nameof(IFeishuResourceClient.DownloadMessageResourceAsync), ["messageId", "fileKey", "type", "cancellationToken"]);
    }

    [Fact]
    public async Task Contract_calls_compile_with_their_optional_cancellation_token_and_work()
    {
        var handler = new ContractHandler();
        using ServiceProvider provider = ContractHost.Build(handler);
        IFeishuResourceClient client = provider.GetRequiredService<IFeishuResourceClient>();

        await using FeishuDownload file = await client.DownloadFileAsync("file_v3_contract");
        using FeishuDownload image = await client.DownloadMessageResourceAsync("om_contract", "img_v3_contract", FeishuResourceType.Image);
        Stream content = file.Content;
        string? contentType = file.ContentType;
        string? fileName = file.FileName;
        long? contentLength = file.ContentLength;
        string? logId = file.LogId;
        Func<Stream, IProgress<long>?, CancellationToken, Task> copyTo = file.CopyToAsync;
        var sink = new MemoryStream();
        await file.CopyToAsync(sink);

        Assert.NotNull(content);
        Assert.Equal("application/pdf", contentType);
        Assert.Equal("contract.pdf", fileName);
        Assert.Equal(ContractHandler.Body.Length, contentLength);
        Assert.Equal(ContractHandler.LogId, logId);
        Assert.NotNull(copyTo);
        Assert.Equal(ContractHandler.Body, sink.ToArray());
        Assert.Equal(
            ["/open-apis/auth/v3/tenant_access_token/internal", "/open-apis/im/v1/files/file_v3_contract", "/open-apis/im/v1/messages/om_contract/resources/img_v3_contract?type=image"],
            handler.PathsAndQueries);
    }

    [Fact]
    public void Download_properties_have_the_contract_types()
    {
        Assert.Equal(typeof(Stream), PropertyType<FeishuDownload>(nameof(FeishuDownload.Content)));
        Assert.Equal(typeof(string), PropertyType<FeishuDownload>(nameof(FeishuDownload.ContentType)));
        Assert.Equal(typeof(string), PropertyType<FeishuDownload>(nameof(FeishuDownload.FileName)));
        Assert.Equal(typeof(string), PropertyType<FeishuDownload>(nameof(FeishuDownload.SafeFileName)));
        Assert.Equal(typeof(long?), PropertyType<FeishuDownload>(nameof(FeishuDownload.ContentLength)));
        Assert.Equal(typeof(string), PropertyType<FeishuDownload>(nameof(FeishuDownload.LogId)));
        AssertNullable<FeishuDownload>(nameof(FeishuDownload.ContentType), NullabilityState.Nullable);
        AssertNullable<FeishuDownload>(nameof(FeishuDownload.FileName), NullabilityState.Nullable);
        AssertNullable<FeishuDownload>(nameof(FeishuDownload.SafeFileName), NullabilityState.NotNull);
        AssertNullable<FeishuDownload>(nameof(FeishuDownload.LogId), NullabilityState.Nullable);
        AssertNullable<FeishuDownload>(nameof(FeishuDownload.Content), NullabilityState.NotNull);
        Assert.True(typeof(FeishuDownload).IsSealed);
        Assert.True(typeof(IDisposable).IsAssignableFrom(typeof(FeishuDownload)));
        Assert.True(typeof(IAsyncDisposable).IsAssignableFrom(typeof(FeishuDownload)));
        Assert.Null(typeof(FeishuDownload).GetProperty(nameof(FeishuDownload.Content))!.SetMethod);
    }

    [Fact]
    public void Exception_hierarchy_matches_the_contract()
    {
        var error = new FeishuApiError(99991400, HttpStatusCode.TooManyRequests, "limit", "LOG", "https://open.feishu.cn/search?q=99991400");
        FeishuApiException ex = new FeishuRateLimitedException("limited", error, TimeSpan.FromSeconds(1));

        int code = ex.Code;
        HttpStatusCode statusCode = ex.StatusCode;
        string? logId = ex.LogId;
        string? troubleshooter = ex.Troubleshooter;
        TimeSpan? retryAfter = ((FeishuRateLimitedException)ex).RetryAfter;
        Exception asException = ex;

        Assert.Equal((99991400, HttpStatusCode.TooManyRequests, "LOG", "https://open.feishu.cn/search?q=99991400", TimeSpan.FromSeconds(1)), (code, statusCode, logId, troubleshooter, retryAfter!.Value));
        Assert.Same(ex, asException);
        Assert.Equal(typeof(TimeSpan?), PropertyType<FeishuRateLimitedException>(nameof(FeishuRateLimitedException.RetryAfter)));
        Assert.Equal(typeof(int), PropertyType<FeishuApiException>(nameof(FeishuApiException.Code)));
        Assert.Equal(typeof(HttpStatusCode), PropertyType<FeishuApiException>(nameof(FeishuApiException.StatusCode)));
        AssertNullable<FeishuApiException>(nameof(FeishuApiException.LogId), NullabilityState.Nullable);
        AssertNullable<FeishuApiException>(nameof(FeishuApiException.Troubleshooter), NullabilityState.Nullable);
        Assert.Equal(typeof(Exception), typeof(FeishuApiException).BaseType);
        Assert.False(typeof(FeishuApiException).IsSealed);
        Type[] subclasses =
        [
            typeof(FeishuAuthenticationException),
            typeof(FeishuPermissionDeniedException),
            typeof(FeishuResourceNotFoundException),
            typeof(FeishuInvalidRequestException),
            typeof(FeishuResourceTooLargeException),
            typeof(FeishuRateLimitedException),
            typeof(FeishuTenantStorageException),
        ];
        Assert.All(subclasses, t =>
        {
            Assert.Equal(typeof(FeishuApiException), t.BaseType);
            Assert.Equal("FeishuResources", t.Namespace);
            Assert.True(t.IsPublic);
        });
    }

    [Fact]
    public void Options_and_domains_match_the_contract()
    {
        var options = new FeishuResourcesOptions { AppId = "cli_x", AppSecret = "s", BaseAddress = FeishuDomains.Lark };
        string appId = options.AppId;
        string appSecret = options.AppSecret;
        Uri baseAddress = options.BaseAddress;
        Uri feishu = FeishuDomains.Feishu;
        Uri lark = FeishuDomains.Lark;

        Assert.Equal(("cli_x", "s"), (appId, appSecret));
        Assert.Same(lark, baseAddress);
        Assert.Equal("https://open.feishu.cn/", feishu.AbsoluteUri);
        Assert.Equal("https://open.larksuite.com/", lark.AbsoluteUri);
        Assert.Equal(FeishuDomains.Feishu, new FeishuResourcesOptions().BaseAddress);
        Assert.True(typeof(FeishuResourcesOptions).IsSealed);
        Assert.True(typeof(FeishuDomains).IsAbstract && typeof(FeishuDomains).IsSealed);
        AssertNullable<FeishuResourcesOptions>(nameof(FeishuResourcesOptions.AppId), NullabilityState.NotNull);
        AssertNullable<FeishuResourcesOptions>(nameof(FeishuResourcesOptions.AppSecret), NullabilityState.NotNull);
    }

    [Fact]
    public void Resource_type_has_exactly_image_and_file()
    {
        FeishuResourceType image = FeishuResourceType.Image;
        FeishuResourceType file = FeishuResourceType.File;

        Assert.Equal(["Image", "File"], Enum.GetNames<FeishuResourceType>());
        Assert.NotEqual(image, file);
    }

    [Fact]
    public void Dependency_injection_methods_return_the_http_client_builder_from_the_di_namespace()
    {
        Func<IServiceCollection, Action<FeishuResourcesOptions>, IHttpClientBuilder> fromCode = Microsoft.Extensions.DependencyInjection.FeishuResourcesServiceCollectionExtensions.AddFeishuResources;
        Func<IServiceCollection, IConfiguration, IHttpClientBuilder> fromConfiguration = Microsoft.Extensions.DependencyInjection.FeishuResourcesServiceCollectionExtensions.AddFeishuResources;

        Assert.NotNull(fromCode);
        Assert.NotNull(fromConfiguration);
        Type extensions = typeof(FeishuResourcesServiceCollectionExtensions);
        Assert.Equal("Microsoft.Extensions.DependencyInjection", extensions.Namespace);
        Assert.True(extensions.IsAbstract && extensions.IsSealed);
        Assert.All(extensions.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == "AddFeishuResources"), m =>
        {
            Assert.True(m.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute)));
            Assert.Equal(typeof(IHttpClientBuilder), m.ReturnType);
        });
    }

    [Fact]
    public void Named_clients_their_factory_a_client_without_DI_and_the_quota_service_keep_their_shape()
    {
        Func<IServiceCollection, string, Action<FeishuResourcesOptions>, IHttpClientBuilder> namedFromCode = FeishuResourcesServiceCollectionExtensions.AddFeishuResources;
        Func<IServiceCollection, string, IConfiguration, IHttpClientBuilder> namedFromSection = FeishuResourcesServiceCollectionExtensions.AddFeishuResources;
        Func<IFeishuResourceClientFactory, string, IFeishuResourceClient> createClient = (factory, name) => factory.CreateClient(name);
        Func<FeishuResourcesOptions, FeishuResourceClient> withoutDi = FeishuResourceClient.Create;

        Assert.All(new Delegate[] { namedFromCode, namedFromSection, createClient, withoutDi }, Assert.NotNull);
        Assert.True(typeof(IFeishuResourceClient).IsAssignableFrom(typeof(FeishuResourceClient)));
        Assert.True(typeof(IDisposable).IsAssignableFrom(typeof(FeishuResourceClient)) && typeof(IAsyncDisposable).IsAssignableFrom(typeof(FeishuResourceClient)));
        Assert.True(typeof(IFeishuQuota).IsAssignableFrom(typeof(FeishuQuota)));
        Assert.All(new[] { typeof(IFeishuResourceClientFactory), typeof(FeishuResourceClient), typeof(IFeishuQuota), typeof(FeishuQuota) }, t => Assert.Equal("FeishuResources", t.Namespace));
    }

    [Fact]
    public void Public_contract_types_live_in_the_feishu_resources_namespace()
    {
        Type[] contract =
        [
            typeof(IFeishuResourceClient), typeof(FeishuResourceType), typeof(FeishuDownload), typeof(FeishuApiException),
            typeof(FeishuResourcesOptions), typeof(FeishuDomains),
        ];

        Assert.All(contract, t => Assert.Equal("FeishuResources", t.Namespace));
        Assert.True(typeof(IFeishuResourceClient).IsInterface);
        Assert.True(typeof(FeishuResourceType).IsEnum);
    }

    private static Type PropertyType<T>(string name) => typeof(T).GetProperty(name)!.PropertyType;

    private static void AssertNullable<T>(string property, NullabilityState expected)
        => Assert.Equal(expected, new NullabilityInfoContext().Create(typeof(T).GetProperty(property)!).ReadState);

    private static void AssertParameterNames(string method, string[] names)
        => Assert.Contains(
            typeof(IFeishuResourceClient).GetMethods().Where(m => m.Name == method),
            m => m.GetParameters().Select(p => p.Name).SequenceEqual(names)
                 && m.GetParameters()[^1].HasDefaultValue);
}
