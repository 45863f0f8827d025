using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Internal;

/// <summary>Lets one caller stop waiting for a shared task without cancelling it for the others.</summary>
internal static class TaskExtensions
{
    public static Task<T> WaitForAsync<T>(this Task<T> task, CancellationToken cancellationToken)
    {
#if NET6_0_OR_GREATER
        return task.WaitAsync(cancellationToken);
#else
        return !cancellationToken.CanBeCanceled || task.IsCompleted ? task : WaitSlowAsync(task, cancellationToken);
#endif
    }

#if !NET6_0_OR_GREATER
    private static async Task<T> WaitSlowAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return await task.ConfigureAwait(false);
    }
#endif
}
