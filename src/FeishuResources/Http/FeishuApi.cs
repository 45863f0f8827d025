namespace FeishuResources.Http;

/// <summary>The platform APIs the SDK calls; each download API has its own rate-limit quota.</summary>
internal enum FeishuApi
{
    Files,
    MessageResources,
}
