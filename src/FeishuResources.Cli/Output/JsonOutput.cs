using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using FeishuResources.Cli.Backup;
using FeishuResources.Cli.Emulation;
using FeishuResources.Cli.Json;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Output;

/// <summary>One JSON object per line on stdout — each item, then a summary — for scripts.</summary>
internal sealed class JsonOutput : ICliOutput
{
    private readonly object _gate = new();
    private readonly CliConsole _console;

    public JsonOutput(CliConsole console)
    {
        _console = console;
    }

    public Task<T> RunAsync<T>(Func<Task<T>> work) => work();

    public IItemProgress BeginItem(string name, long? length) => NoItemProgress.Instance;

    public void ItemFinished(ItemResult result) => Write(JsonItemRecord.From(result), CliJsonContext.Readable.JsonItemRecord);

    public void BackupProgress(BackupProgress progress)
    {
    }

    public void ResourceListed(FeishuMessageResource resource) => Write(JsonResourceRecord.From(resource), CliJsonContext.Readable.JsonResourceRecord);

    public void Summary(RunSummary summary) => Write(JsonSummaryRecord.From(summary), CliJsonContext.Readable.JsonSummaryRecord);

    public void Failure(CliFailure failure)
    {
        Write(new JsonErrorRecord("error", JsonFailure.From(failure)!), CliJsonContext.Readable.JsonErrorRecord);
        lock (_gate)
        {
            _console.Error.WriteLine("error: " + failure.Message);
        }
    }

    public void Stopping()
    {
        lock (_gate)
        {
            _console.Error.WriteLine(PlainText.Stopping);
        }
    }

    public void EmulatorStarted(EmulatorBanner banner) => Write(JsonEmulatorRecord.From(banner), CliJsonContext.Readable.JsonEmulatorRecord);

    private void Write<T>(T record, JsonTypeInfo<T> typeInfo)
    {
        string line = JsonSerializer.Serialize(record, typeInfo);
        lock (_gate)
        {
            _console.Out.WriteLine(line);
        }
    }
}
