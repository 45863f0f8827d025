using System.Diagnostics;

namespace FeishuResources.Benchmarks;

/// <summary>
/// Runs <see cref="BareFeishuServer"/> in a child process (this program with <c>--serve</c>), so that the
/// MemoryDiagnoser counts only the client's allocations: Kestrel's own, in the same process, would grow
/// with the body and hide whether the SDK's stay flat. The child exits when its standard input closes.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    public const string ServeArgument = "--serve";

    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static ServerProcess Start()
    {
        string dll = typeof(ServerProcess).Assembly.Location;
        string appHost = Path.Combine(AppContext.BaseDirectory, Path.GetFileNameWithoutExtension(dll) + (OperatingSystem.IsWindows() ? ".exe" : ""));
        var start = File.Exists(appHost)
            ? new ProcessStartInfo(appHost) { ArgumentList = { ServeArgument } }
            : new ProcessStartInfo("dotnet") { ArgumentList = { dll, ServeArgument } };
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;

        Process process = Process.Start(start) ?? throw new InvalidOperationException("The server process did not start.");
        string? address = process.StandardOutput.ReadLine();
        if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out Uri? baseAddress))
        {
            process.Kill();
            throw new InvalidOperationException($"The server process printed '{address}' instead of its address.");
        }

        return new ServerProcess(process, baseAddress);
    }

    /// <summary>The child's side: serve until the parent closes our standard input.</summary>
    public static async Task<int> ServeAsync()
    {
        await using BareFeishuServer server = await BareFeishuServer.StartAsync();
        Console.WriteLine(server.BaseAddress);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
