using System.Text.Json;
using AttachmentArchiver.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AttachmentArchiver.Tests;

/// <summary>The sample runs as its README says.</summary>
public sealed class LaunchSettingsTests
{
    [Fact]
    public async Task Dotnet_run_starts_the_sample_as_Development_on_the_URL_its_README_gives()
    {
        await using var app = new ArchiverApp();
        string contentRoot = app.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;

        // dotnet run takes the first profile that runs the project; Development is where user secrets are read.
        using JsonDocument launch = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(contentRoot, "Properties", "launchSettings.json")));
        JsonElement profile = launch.RootElement.GetProperty("profiles").EnumerateObject().Select(p => p.Value).First(p => p.GetProperty("commandName").GetString() == "Project");
        Assert.Equal("Development", profile.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        string readme = await File.ReadAllTextAsync(Path.Combine(contentRoot, "README.md"));
        Assert.Contains("listens on " + profile.GetProperty("applicationUrl").GetString(), readme, StringComparison.Ordinal);
    }
}
