using System;
using System.Linq;
#if NET
using System.Diagnostics.CodeAnalysis;
#endif
using FeishuResources;
using FeishuResources.Authentication;
using FeishuResources.DependencyInjection;
using FeishuResources.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OptionsNames = Microsoft.Extensions.Options.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Settings chained on the builder <c>AddFeishuResources</c> returns.
/// </summary>
public static class FeishuResourcesHttpClientBuilderExtensions
{
    /// <summary>
    /// Takes access tokens from your own <typeparamref name="TProvider"/> (a singleton) instead of
    /// fetching tenant access tokens with the app secret, which then is not required.
    /// </summary>
    /// <typeparam name="TProvider">Your token provider.</typeparam>
    /// <param name="builder">The builder <c>AddFeishuResources</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder UseTokenProvider<
#if NET
        // The container calls its public constructor: keep it when the app is trimmed.
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
#endif
        TProvider>(this IHttpClientBuilder builder)
        where TProvider : class, IFeishuTokenProvider
    {
        Guard.NotNull(builder, nameof(builder));

        string name = ClientName(builder);
        return UseTokenProvider(
            builder,
            name,
            name == OptionsNames.DefaultName
                ? ServiceDescriptor.Singleton<IFeishuTokenProvider, TProvider>()
                : ServiceDescriptor.KeyedSingleton<IFeishuTokenProvider, TProvider>(name));
    }

    /// <summary>
    /// Takes access tokens from the provider <paramref name="factory"/> creates (once) instead of
    /// fetching tenant access tokens with the app secret, which then is not required.
    /// </summary>
    /// <param name="builder">The builder <c>AddFeishuResources</c> returned.</param>
    /// <param name="factory">Creates your token provider.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder UseTokenProvider(this IHttpClientBuilder builder, Func<IServiceProvider, IFeishuTokenProvider> factory)
    {
        Guard.NotNull(builder, nameof(builder));
        Guard.NotNull(factory, nameof(factory));

        string name = ClientName(builder);
        return UseTokenProvider(
            builder,
            name,
            name == OptionsNames.DefaultName
                ? ServiceDescriptor.Singleton(factory)
                : ServiceDescriptor.KeyedSingleton<IFeishuTokenProvider>(name, (sp, _) => factory(sp)));
    }

    private static IHttpClientBuilder UseTokenProvider(IHttpClientBuilder builder, string name, ServiceDescriptor provider)
    {
        builder.Services.RemoveAllKeyed(typeof(IFeishuTokenProvider), provider.ServiceKey);
        builder.Services.Add(provider);
        builder.Services.Configure<FeishuResourcesOptions>(name, options => options.UsesExternalTokenProvider = true);
        return builder;
    }

    /// <summary>
    /// The client name (options name) whose <c>AddFeishuResources</c> call returned <paramref name="builder"/>, so a
    /// package extending the builder can configure that name's options; <see cref="OptionsNames.DefaultName"/> for
    /// the default client and for any other builder.
    /// </summary>
    /// <param name="builder">The builder <c>AddFeishuResources</c> returned.</param>
    /// <returns>The client's name.</returns>
    public static string GetFeishuClientName(this IHttpClientBuilder builder)
    {
        Guard.NotNull(builder, nameof(builder));
        return ClientName(builder);
    }

    /// <summary>The client name the builder's <c>AddFeishuResources</c> call registered (the default name for any other builder).</summary>
    private static string ClientName(IHttpClientBuilder builder)
        => builder.Services
            .Select(d => d.IsKeyedService ? null : d.ImplementationInstance as FeishuClientRegistration)
            .LastOrDefault(r => r is not null && r.HttpClientName == builder.Name)?.Name
           ?? OptionsNames.DefaultName;
}
