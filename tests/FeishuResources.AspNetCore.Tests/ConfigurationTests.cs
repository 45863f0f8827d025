using System.Text.Json;
using FeishuResources.AspNetCore.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeishuResources.AspNetCore.Tests;

/// <summary>The sample runs as the README says: as Development under <c>dotnet run</c>, reading <c>dotnet user-secrets</c>.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task In_Development_the_sample_reads_its_user_secrets()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        IServiceProvider services = sample.App.Services;

        Assert.True(services.GetRequiredService<IHostEnvironment>().IsDevelopment());
        var configuration = (IConfigurationRoot)services.GetRequiredService<IConfiguration>();
        Assert.Contains(configuration.Providers.OfType<JsonConfigurationProvider>(), p => p.Source.Path == "secrets.json");
    }

    [Fact]
    public async Task Dotnet_run_starts_the_sample_as_Development_on_the_URL_the_README_gives()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        string contentRoot = sample.App.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;

        // dotnet run takes the first profile that runs the project.
        using JsonDocument launch = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(contentRoot, "Properties", "launchSettings.json")));
        JsonElement profile = launch.RootElement.GetProperty("profiles").EnumerateObject()
            .Select(p => p.Value)
            .First(p => p.GetProperty("commandName").GetString() == "Project");
        string url = profile.GetProperty("applicationUrl").GetString()!;
        Assert.Equal("Development", profile.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.Equal("http://localhost:5000", url);
        string readme = await File.ReadAllTextAsync(Path.Combine(contentRoot, "..", "..", "README.md"));
        Assert.Contains(url, readme, StringComparison.Ordinal);
    }
}
