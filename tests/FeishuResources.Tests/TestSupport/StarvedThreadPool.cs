using Xunit;

namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// Runs work on threads of its own while the thread pool is capped and every pool thread it may run is blocked, so
/// only what the work itself needs can be missing. The pool's limits are process-wide: tests that use this run in
/// the <c>SynchronousReadTests</c> collection (alone, after the parallel ones).
/// </summary>
public static class StarvedThreadPool
{
    /// <summary>Runs <paramref name="work"/>(0 … <paramref name="threads"/> − 1) on as many threads; true when all ended within 20 s.</summary>
    /// <param name="threads">The pool's cap, and how many threads run the work.</param>
    /// <param name="work">Runs on a thread of its own; it must not throw (an exception there ends the test process).</param>
    /// <param name="started">Runs once every thread has started, before the wait.</param>
    public static bool Run(int threads, Action<int> work, Action? started = null)
    {
        ThreadPool.GetMaxThreads(out int maxWorkers, out int maxIo);
        // Not disposed: blockers still queued when the test ends wait on it after it returns.
        var release = new ManualResetEventSlim();
        try
        {
            Assert.True(ThreadPool.SetMaxThreads(threads, maxIo), "The thread pool could not be capped.");
            for (int i = 0; i < 4 * threads; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => release.Wait(TimeSpan.FromSeconds(60)), null);
            }

            Thread[] workers = Enumerable.Range(0, threads).Select(i => new Thread(() => work(i)) { IsBackground = true }).ToArray();
            Array.ForEach(workers, worker => worker.Start());
            started?.Invoke();
            DateTime deadline = DateTime.UtcNow.AddSeconds(20);
            return workers.All(worker => worker.Join(deadline - DateTime.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero));
        }
        finally
        {
            ThreadPool.SetMaxThreads(maxWorkers, maxIo);
            release.Set();
        }
    }
}
