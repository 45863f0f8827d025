using System.Runtime.CompilerServices;

namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A <see cref="SynchronizationContext"/> that counts what is posted to it and runs it on the thread pool, so code
/// that resumes on a captured context shows as a count instead of a deadlock. Its siblings are other contexts (as
/// another UI thread's would be) that add to the same count.
/// </summary>
public sealed class CountingSynchronizationContext : SynchronizationContext
{
    private readonly StrongBox<int> _posts;

    public CountingSynchronizationContext()
        : this(new StrongBox<int>())
    {
    }

    private CountingSynchronizationContext(StrongBox<int> posts) => _posts = posts;

    /// <summary>What was posted or sent to this context and its siblings.</summary>
    public int Posts => Volatile.Read(ref _posts.Value);

    /// <summary>A different context that counts into the same total.</summary>
    public CountingSynchronizationContext Sibling() => new(_posts);

    /// <summary>Starts <paramref name="start"/> with this context current; the caller's own awaits stay outside it.</summary>
    public T Start<T>(Func<T> start)
    {
        SynchronizationContext? previous = Current;
        SetSynchronizationContext(this);
        try
        {
            return start();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref _posts.Value);
        ThreadPool.QueueUserWorkItem(_ => d(state));
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref _posts.Value);
        d(state);
    }
}
