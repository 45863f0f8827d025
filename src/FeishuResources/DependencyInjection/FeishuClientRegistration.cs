namespace FeishuResources.DependencyInjection;

/// <summary>
/// One <c>AddFeishuResources</c> call, kept in the container: which client name it registered and the
/// HttpClient carrying that name's handlers. The factory learns the names from these; the builder
/// extensions learn a builder's name from them.
/// </summary>
internal sealed class FeishuClientRegistration
{
    public FeishuClientRegistration(string name, string httpClientName)
    {
        Name = name;
        HttpClientName = httpClientName;
    }

    public string Name { get; }

    public string HttpClientName { get; }
}
