using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using FeishuResources.Cli;

// The process entry point: the real console, and Ctrl+C / SIGTERM turned into cancellation so saves
// clean up their temporary files and the emulator stops its server.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

return await CliApplication.RunAsync(args, CliConsole.FromProcess(), cancellation.Token);
