#!/usr/bin/env bash
# Packs FeishuResources and FeishuResources.Testing into a temporary folder and consumes them exactly as a
# customer does: a fresh console app outside the repository (none of its Directory.*.props apply) that
# references both packages by version from that folder, starts the emulator, downloads a file and checks
# its bytes and name. A unique version means a stale package in the NuGet cache can never stand in.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/feishu-smoke.XXXXXX")"
suffix="smoke.$(date +%s).$$"
version="1.0.0-$suffix"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() {
  rm -rf "$work" "$packages/feishuresources/$version" "$packages/feishuresources.testing/$version"
}
trap cleanup EXIT

feed="$work/feed"
for project in FeishuResources FeishuResources.Testing; do
  dotnet pack "$root/src/$project/$project.csproj" -c Release -o "$feed" -p:VersionSuffix="$suffix" --nologo -v quiet
done

for id in FeishuResources FeishuResources.Testing; do
  test -f "$feed/$id.$version.snupkg" || { echo "Missing symbols package $id.$version.snupkg" >&2; exit 1; }
  unzip -l "$feed/$id.$version.nupkg" | grep -q ' README.md$' || { echo "$id.$version.nupkg has no README.md" >&2; exit 1; }
done

app="$work/app"
mkdir -p "$app"
# Stop MSBuild's search for Directory.*.props at the app's folder.
echo '<Project />' > "$app/Directory.Build.props"
echo '<Project />' > "$app/Directory.Build.targets"
echo '<Project />' > "$app/Directory.Packages.props"
cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="feishu-smoke" value="$feed" />
  </packageSources>
</configuration>
XML
cat > "$app/SmokeApp.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="FeishuResources" Version="[$version]" />
    <PackageReference Include="FeishuResources.Testing" Version="[$version]" />
  </ItemGroup>
</Project>
XML
cat > "$app/Program.cs" <<'CS'
using System.Security.Cryptography;
using FeishuResources;
using FeishuResources.Testing;
using Microsoft.Extensions.DependencyInjection;

byte[] bytes = new byte[3 * 1024 * 1024 + 17];
new Random(7).NextBytes(bytes);

await using FeishuEmulator emulator = await FeishuEmulator.StartAsync();
emulator.AddMessageResource("om_smoke", "file_v3_smoke", FeishuResourceType.File, FeishuEmulatorContent.FromBytes(bytes), "application/pdf", "季度报告.pdf");

var services = new ServiceCollection().AddLogging();
services.AddFeishuResources(emulator.ConfigureClient);
await using ServiceProvider provider = services.BuildServiceProvider();
IFeishuResourceClient client = provider.GetRequiredService<IFeishuResourceClient>();

await using FeishuDownload download = await client.DownloadMessageResourceAsync("om_smoke", "file_v3_smoke", FeishuResourceType.File);
byte[] received = await SHA256.HashDataAsync(download.Content);
bool sameBytes = received.AsSpan().SequenceEqual(SHA256.HashData(bytes));
bool sameName = download.FileName == "季度报告.pdf";
Console.WriteLine($"Downloaded {download.ContentLength} bytes as '{download.FileName}': bytes {(sameBytes ? "match" : "DIFFER")}, name {(sameName ? "matches" : "DIFFERS")}.");
return sameBytes && sameName ? 0 : 1;
CS

dotnet run --project "$app/SmokeApp.csproj" -c Release --nologo
echo "Package smoke test passed ($version)."
