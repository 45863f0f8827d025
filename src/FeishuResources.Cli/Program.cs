using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using FeishuResources.Cli;

// The process entry point: the real console, and Ctrl+C / SIGTERM turned into cancellation so saves
// clean up their temporary files and the emulator stops its server (the command's output says it is
// stopping, above any progress bars). A second signal is not cancelled: it
// ends a command that does not stop (a read from a terminal that never returns, a hung disk).
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => e.Cancel = CancelOnce();
using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = CancelOnce());

return await CliApplication.RunAsync(args, CliConsole.FromProcess(), cancellation.Token);

bool CancelOnce()
{
    if (cancellation.IsCancellationRequested)
    {
        return false;
    }

    cancellation.Cancel();
    return true;
}
