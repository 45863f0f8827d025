using System;

namespace FeishuResources.Cli.Output;

/// <summary>The bytes of one download so far; disposing it ends the display of that download, complete or not.</summary>
internal interface IItemProgress : IProgress<long>, IDisposable
{
    void Complete(long totalBytes);
}
