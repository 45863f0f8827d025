using Xunit;

namespace FeishuResources.Tests.Diagnostics;

/// <summary>Runs alone: any test listening to the SDK's source elsewhere in the process would change what these observe.</summary>
[CollectionDefinition(nameof(TelemetryWithoutListenersTests), DisableParallelization = true)]
public sealed class TelemetryWithoutListenersCollection
{
}
