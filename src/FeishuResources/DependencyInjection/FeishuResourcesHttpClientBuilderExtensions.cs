using System;
#if NET
using System.Diagnostics.CodeAnalysis;
#endif
using FeishuResources;
using FeishuResources.Authentication;
using FeishuResources.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        => UseTokenProvider(builder, ServiceDescriptor.Singleton<IFeishuTokenProvider, TProvider>());

    /// <summary>
    /// Takes access tokens from the provider <paramref name="factory"/> creates (once) instead of
    /// fetching tenant access tokens with the app secret, which then is not required.
    /// </summary>
    /// <param name="builder">The builder <c>AddFeishuResources</c> returned.</param>
    /// <param name="factory">Creates your token provider.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder UseTokenProvider(this IHttpClientBuilder builder, Func<IServiceProvider, IFeishuTokenProvider> factory)
    {
        Guard.NotNull(factory, nameof(factory));

        return UseTokenProvider(builder, ServiceDescriptor.Singleton(factory));
    }

    private static IHttpClientBuilder UseTokenProvider(IHttpClientBuilder builder, ServiceDescriptor provider)
    {
        Guard.NotNull(builder, nameof(builder));

        builder.Services.Replace(provider);
        builder.Services.Configure<FeishuResourcesOptions>(options => options.UsesExternalTokenProvider = true);
        return builder;
    }
}
