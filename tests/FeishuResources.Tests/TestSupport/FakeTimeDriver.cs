using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FeishuResources.Tests.TestSupport;

/// <summary>Moves a fake clock forward while real continuations catch up, for code that waits on timers.</summary>
public static class FakeTimeDriver
{
    /// <summary>Advances <paramref name="time"/> in <paramref name="step"/>s until <paramref name="task"/> completes or <paramref name="limit"/> of fake time passed.</summary>
    public static async Task<T> RunAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step, TimeSpan limit)
    {
        for (TimeSpan passed = TimeSpan.Zero; !task.IsCompleted && passed < limit; passed += step)
        {
            await SettleAsync();
            time.Advance(step);
        }

        await SettleAsync();
        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits (in real time, bounded) until <paramref name="condition"/> holds; continuations run on the thread pool.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), what);
    }

    /// <summary>Gives thread-pool continuations a moment to run.</summary>
    public static Task SettleAsync() => Task.Delay(15);
}
