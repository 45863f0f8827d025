namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>Registers the archiver: the SDK client, the options, the inbox, the queue and its worker.</summary>
public static class AttachmentArchiverServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything the <c>/feishu/events</c> endpoint and the archiving worker need, reading the SDK's
    /// options from <c>Feishu</c> and the archiver's from <c>Archiver</c> (both validated at start).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The application's configuration.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddAttachmentArchiver(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddFeishuResources(configuration.GetSection("Feishu"));
        services.AddOptions<ArchiverOptions>()
            .Bind(configuration.GetSection(ArchiverOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<MessageDeduplicator>();
        services.AddSingleton<ArchiveQueue>();
        services.AddSingleton<FeishuEventInbox>();
        services.AddHostedService<ArchiveWorker>();
        // The seam between receiving and downloading: tests put a recording archiver here.
        services.AddSingleton<IMessageArchiver, FeishuMessageArchiver>();
        return services;
    }
}
