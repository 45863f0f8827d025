using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FeishuResources.AspNetCore.Tests.TestSupport;

/// <summary>
/// Headless chromium with a fresh profile and nothing talking to the internet, driven over the DevTools
/// protocol on an OS-assigned port.
/// </summary>
public sealed partial class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _profile;

    private Chromium(Process process, string profile, DevTools devTools)
    {
        _process = process;
        _profile = profile;
        DevTools = devTools;
    }

    public DevTools DevTools { get; }

    public static async Task<Chromium> StartAsync()
    {
        string profile = Directory.CreateTempSubdirectory("feishu-chromium-profile-").FullName;
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank",
        })
        {
            start.ArgumentList.Add(arg);
        }

        // Chromium announces the browser's websocket on stderr: "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID".
        // Both streams are drained to the end so chromium never blocks on a full pipe.
        var endpoint = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<string>();
        Process process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                lock (seen)
                {
                    endpoint.TrySetException(new InvalidOperationException("chromium exited without a DevTools endpoint:\n" + string.Join('\n', seen)));
                }
            }
            else if (DevToolsLine().Match(e.Data) is { Success: true } match)
            {
                endpoint.TrySetResult(new Uri(match.Groups[1].Value));
            }
            else
            {
                lock (seen)
                {
                    seen.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            Uri devTools = await endpoint.Task.WaitAsync(StartTimeout);
            return new Chromium(process, profile, await DevTools.ConnectAsync(devTools));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DevTools.DisposeAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_profile, recursive: true);
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
