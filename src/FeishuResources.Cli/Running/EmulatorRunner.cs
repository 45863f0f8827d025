using System;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Cli.Emulation;
using FeishuResources.Cli.Output;
using FeishuResources.Testing;

namespace FeishuResources.Cli.Running;

/// <summary>Runs <c>emulator</c>: starts it, seeds it, announces it, and keeps it up until cancelled.</summary>
internal static class EmulatorRunner
{
    public static async Task<int> RunAsync(int port, ICliOutput output, CancellationToken cancellationToken)
    {
        FeishuEmulator emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { Port = port }, cancellationToken).ConfigureAwait(false);
        await using (emulator.ConfigureAwait(false))
        {
            output.EmulatorStarted(new EmulatorBanner(emulator.BaseAddress, emulator.AppId, emulator.AppSecret, EmulatorSamples.Seed(emulator)));
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C is how this command is meant to end.
            }
        }

        return ExitCodes.Success;
    }
}
