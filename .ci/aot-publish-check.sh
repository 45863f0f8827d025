#!/usr/bin/env bash
# Publishes a console app that uses the SDK (DI registration bound from configuration, the standalone client, the
# message parser) with Native AOT, and fails on any warning: the library promises to be trimmable and AOT-safe.
# The app lives outside the repository so none of its Directory.*.props apply; it runs once to prove the binary works.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/feishu-aot.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# shellcheck source=outside-repo-app.sh
. "$root/.ci/outside-repo-app.sh"

new_outside_app "$work" AotProbe '    <PublishAot>true</PublishAot>' \
  "    <ProjectReference Include=\"$root/src/FeishuResources/FeishuResources.csproj\" />"
cat > "$work/Program.cs" <<'CS'
using FeishuResources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

IConfiguration configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["Feishu:AppId"] = "cli_aot", ["Feishu:AppSecret"] = "aot-secret", ["Feishu:Retry:MaxRetryAttempts"] = "2" })
    .Build();
var services = new ServiceCollection().AddLogging();
services.AddFeishuResources(configuration.GetSection("Feishu"));
await using ServiceProvider provider = services.BuildServiceProvider();
IFeishuResourceClient registered = provider.GetRequiredService<IFeishuResourceClient>();
IFeishuResourceClient standalone = FeishuResourceClient.Create(new FeishuResourcesOptions { AppId = "cli_aot2", AppSecret = "aot-secret" });
// Bound by the configuration binding source generator: reflection binding would have warned above, or bound nothing here.
int retries = provider.GetRequiredService<IOptions<FeishuResourcesOptions>>().Value.Retry.MaxRetryAttempts;
int resources = FeishuMessageContent.Parse("post", "{\"title\":\"t\",\"content\":[[{\"tag\":\"img\",\"image_key\":\"img_v3_k\"}]]}", "om_aot").Count;
Console.WriteLine($"AOT probe: {registered.GetType().Name}, {standalone.GetType().Name}, {retries} retries bound, {resources} resource(s) parsed");
return retries == 2 && resources == 1 ? 0 : 1;
CS

log="$(dotnet publish "$work/AotProbe.csproj" -c Release -r linux-x64 -o "$work/out" --nologo 2>&1)" || { echo "$log" >&2; exit 1; }
if grep -i ': warning ' <<<"$log" >&2; then
  echo "Native AOT publish of an app using FeishuResources printed the warnings above" >&2
  exit 1
fi
"$work/out/AotProbe"
