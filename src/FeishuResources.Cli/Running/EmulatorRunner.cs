using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Cli.Emulation;
using FeishuResources.Cli.Output;
using FeishuResources.Testing;

namespace FeishuResources.Cli.Running;

/// <summary>Runs <c>emulator</c>: starts it, seeds it, announces it, and keeps it up until cancelled.</summary>
internal static class EmulatorRunner
{
    /// <param name="port">The port to listen on; 0 for one the OS picks.</param>
    /// <param name="appId">The app id to accept; <see langword="null"/> for the emulator's own.</param>
    /// <param name="appSecret">The app secret to accept, never printed; <see langword="null"/> for the emulator's own, which is.</param>
    /// <param name="output">Where the emulator is announced.</param>
    /// <param name="cancellationToken">Stops the emulator.</param>
    public static async Task<int> RunAsync(int port, string? appId, string? appSecret, ICliOutput output, CancellationToken cancellationToken)
    {
        var options = new FeishuEmulatorOptions { Port = port };
        options.AppId = appId ?? options.AppId;
        options.AppSecret = appSecret ?? options.AppSecret;
        FeishuEmulator emulator;
        try
        {
            emulator = await FeishuEmulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception) when (IsAddressInUse(exception))
        {
            output.Failure(new CliFailure(ExitCodes.Failure, $"Cannot listen on 127.0.0.1:{port}: port {port} is taken by another program. Choose another --port, or --port 0 to let the OS pick a free one."));
            return ExitCodes.Failure;
        }

        await using (emulator.ConfigureAwait(false))
        {
            string? printableSecret = appSecret is null ? emulator.AppSecret : null;
            output.EmulatorStarted(new EmulatorBanner(emulator.BaseAddress, emulator.AppId, printableSecret, EmulatorSamples.Seed(emulator)));
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

    /// <summary>Kestrel reports a taken port as an I/O error whose cause, somewhere below, is the socket's.</summary>
    private static bool IsAddressInUse(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }
}
