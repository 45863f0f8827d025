using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using FeishuResources;
using FeishuResources.Testing;
using QuickStart;

// With FEISHU_APP_ID and FEISHU_APP_SECRET set, download the keys given as arguments from the real
// platform; otherwise start the emulator in this process and download what it was seeded with.
string? appId = Environment.GetEnvironmentVariable("FEISHU_APP_ID");
string? appSecret = Environment.GetEnvironmentVariable("FEISHU_APP_SECRET");
bool useRealPlatform = !string.IsNullOrWhiteSpace(appId) && !string.IsNullOrWhiteSpace(appSecret);

FeishuEmulator? emulator = null;
IReadOnlyList<DownloadTarget> targets;
Action<FeishuResourcesOptions> configure;
if (useRealPlatform)
{
    if (!RealPlatformTargets.TryParse(args, out targets, out string? problem))
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine(RealPlatformTargets.Usage);
        return 2;
    }

    string? baseAddress = Environment.GetEnvironmentVariable("FEISHU_BASE_ADDRESS");
    configure = options =>
    {
        options.AppId = appId!;
        options.AppSecret = appSecret!;
        options.BaseAddress = string.IsNullOrWhiteSpace(baseAddress) ? FeishuDomains.Feishu : new Uri(baseAddress);
    };
    Console.WriteLine($"Talking to {(string.IsNullOrWhiteSpace(baseAddress) ? FeishuDomains.Feishu : baseAddress)} as {appId}.");
}
else
{
    emulator = await FeishuEmulator.StartAsync();
    targets = EmulatorSeed.Seed(emulator);
    configure = emulator.ConfigureClient;
    Console.WriteLine($"No FEISHU_APP_ID/FEISHU_APP_SECRET set: using the in-process Feishu emulator at {emulator.BaseAddress}");
}

var options = new FeishuResourcesOptions();
configure(options);
try
{
    // Without dependency injection; in an app with a container, services.AddFeishuResources(configure) does the same.
    await using FeishuResourceClient client = FeishuResourceClient.Create(options);
    int failures = 0;
    foreach (DownloadTarget target in targets)
    {
        failures += await DownloadReporter.DownloadAndReportAsync(client, target) ? 0 : 1;
    }

    return failures == 0 ? 0 : 1;
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
