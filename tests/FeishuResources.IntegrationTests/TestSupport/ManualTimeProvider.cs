namespace FeishuResources.IntegrationTests.TestSupport;

/// <summary>A clock that stands still until a test moves it, so rate-limit windows are exact whatever the machine's speed.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _utcTicks = new DateTimeOffset(2026, 2, 7, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
