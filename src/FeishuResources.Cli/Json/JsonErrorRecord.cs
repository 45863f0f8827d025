namespace FeishuResources.Cli.Json;

/// <summary>A failure of the whole command in <c>--json</c> output: <c>{"kind":"error",…}</c>.</summary>
internal sealed record JsonErrorRecord(string Kind, JsonFailure Error);
