namespace FeishuResources.Testing.Faults;

/// <summary>The kinds of misbehaviour a download request can be given; one of each kind can apply to a request.</summary>
internal enum FaultKind
{
    DelayHeaders,
    RateLimit,
    Error,
    DropConnection,
    SlowBody,
}
