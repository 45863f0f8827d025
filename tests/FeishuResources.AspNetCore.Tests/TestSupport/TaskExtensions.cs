namespace FeishuResources.AspNetCore.Tests.TestSupport;

internal static class TaskExtensions
{
    /// <summary>Lets a background drain run without awaiting it; it ends with its process.</summary>
    public static void Forget(this Task task) => _ = task;
}
