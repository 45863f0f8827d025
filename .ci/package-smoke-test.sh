#!/usr/bin/env bash
# Packs FeishuResources, FeishuResources.Redis, FeishuResources.Testing and the feishu-resources tool into a temporary
# folder and consumes them exactly as a customer does: a fresh console app outside the repository (none of its
# Directory.*.props apply) that references the libraries by version from that folder, starts the emulator,
# downloads a file through a quota shared in a redis-server started here on a Unix socket, and checks its bytes and
# name and that the quota's keys are in Redis; then the tool installed from that folder downloads a file
# from its own emulator command; and the README's `dotnet pack` of the whole solution runs without a warning.
# A unique version means a stale package in the NuGet cache can never stand in.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/feishu-smoke.XXXXXX")"
suffix="smoke.$(date +%s).$$"
version="1.0.0-$suffix"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
emulator_pid=""
redis_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; fi
  if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; fi
  rm -rf "$work" "$packages/feishuresources/$version" "$packages/feishuresources.redis/$version" "$packages/feishuresources.testing/$version" "$packages/feishu-resources/$version"
}
trap cleanup EXIT
# shellcheck source=outside-repo-app.sh
. "$root/.ci/outside-repo-app.sh"

feed="$work/feed"
for project in FeishuResources FeishuResources.Redis FeishuResources.Testing FeishuResources.Cli; do
  dotnet pack "$root/src/$project/$project.csproj" -c Release -o "$feed" -p:VersionSuffix="$suffix" --nologo -v quiet
done

# The README's pack command, from the root as documented: it packs what ships and passes over the samples and
# tests without a warning.
pack_log="$(cd "$root" && dotnet pack -c Release -o "$work/artifacts" --nologo 2>&1)" || { echo "$pack_log" >&2; exit 1; }
if grep -i ': warning ' <<<"$pack_log" >&2; then
  echo "dotnet pack -c Release -o artifacts printed the warnings above" >&2
  exit 1
fi

for id in FeishuResources FeishuResources.Redis FeishuResources.Testing; do
  test -f "$feed/$id.$version.snupkg" || { echo "Missing symbols package $id.$version.snupkg" >&2; exit 1; }
  # Listed first, then searched: grep -q quits at its first match, and under pipefail unzip's SIGPIPE would fail a good package.
  listing="$(unzip -Z1 "$feed/$id.$version.nupkg")"
  grep -qx 'README.md' <<<"$listing" || { echo "$id.$version.nupkg has no README.md" >&2; exit 1; }
  # The public API analyzer is a build-time tool of ours, not a dependency of our users.
  nuspec="$(unzip -p "$feed/$id.$version.nupkg" "$id.nuspec")"
  if grep -qi 'PublicApiAnalyzers' <<<"$nuspec"; then
    echo "$id.$version.nupkg depends on Microsoft.CodeAnalysis.PublicApiAnalyzers" >&2; exit 1
  fi
done

app="$work/app"
new_outside_app "$app" SmokeApp '' "    <PackageReference Include=\"FeishuResources\" Version=\"[$version]\" />
    <PackageReference Include=\"FeishuResources.Redis\" Version=\"[$version]\" />
    <PackageReference Include=\"FeishuResources.Testing\" Version=\"[$version]\" />"
cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="feishu-smoke" value="$feed" />
  </packageSources>
</configuration>
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
services.AddFeishuResources(emulator.ConfigureClient).UseRedisQuota(args[0], quota => quota.KeyPrefix = "smoke-quota");
await using ServiceProvider provider = services.BuildServiceProvider();
IFeishuResourceClient client = provider.GetRequiredService<IFeishuResourceClient>();

await using FeishuDownload download = await client.DownloadMessageResourceAsync("om_smoke", "file_v3_smoke", FeishuResourceType.File);
byte[] received = await SHA256.HashDataAsync(download.Content);
bool sameBytes = received.AsSpan().SequenceEqual(SHA256.HashData(bytes));
bool sameName = download.FileName == "季度报告.pdf";
Console.WriteLine($"Downloaded {download.ContentLength} bytes as '{download.FileName}': bytes {(sameBytes ? "match" : "DIFFER")}, name {(sameName ? "matches" : "DIFFERS")}.");
return sameBytes && sameName ? 0 : 1;
CS

# The Redis package's quota, on a redis-server of our own (Unix socket only, nothing saved).
redis_socket="$work/redis.sock"
redis-server --port 0 --unixsocket "$redis_socket" --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 100); do [ -S "$redis_socket" ] && break; sleep 0.1; done
[ -S "$redis_socket" ] || { echo "redis-server did not open $redis_socket:" >&2; cat "$work/redis.log" >&2; exit 1; }

# No --nologo here: `dotnet run` hands it to the app as its first argument, which then took it for the Redis address.
dotnet run --project "$app/SmokeApp.csproj" -c Release -- "$redis_socket"
quota_keys="$(redis-cli -s "$redis_socket" --scan --pattern 'smoke-quota:*')"
grep -q ':places$' <<<"$quota_keys" || { echo "The smoke app's download paid no place in the Redis quota (keys: '$quota_keys')" >&2; exit 1; }
kill "$redis_pid"
redis_pid=""

# The tool, as the README installs it: from the folder, by its package id.
tools="$work/tools"
dotnet tool install --tool-path "$tools" --add-source "$feed" --version "$version" feishu-resources >/dev/null
"$tools/feishu-resources" emulator --port 0 --json >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 600); do
  grep -q '"kind":"emulator"' "$work/emulator.out" && break
  kill -0 "$emulator_pid" 2>/dev/null || { echo "feishu-resources emulator exited early:" >&2; cat "$work/emulator.err" >&2; exit 1; }
  sleep 0.1
done
banner="$(grep -m1 '"kind":"emulator"' "$work/emulator.out")" || { echo "feishu-resources emulator printed no banner" >&2; exit 1; }
# The first value of a field in the banner: the first resource is the bot's file, with a Chinese name.
# (sed reads to the end rather than quitting early, so grep can never die of SIGPIPE under pipefail)
field() { grep -o "\"$1\":\"\?[^\",]*" <<<"$banner" | sed -n -E '1s/^"[^"]*":"?//p'; }
name="$(field path)"
mkdir -p "$work/downloads"
FEISHU_APP_ID="$(field appId)" FEISHU_APP_SECRET="$(field appSecret)" \
  timeout 120 "$tools/feishu-resources" file "$(field fileKey)" --base-url "$(field baseUrl)" -o "$work/downloads"
saved="$work/downloads/$name"
test -s "$saved" || { echo "feishu-resources file did not save '$name'" >&2; ls -la "$work/downloads" >&2; exit 1; }
test "$(stat -c %s "$saved")" = "$(field bytes)" || { echo "'$name' has $(stat -c %s "$saved") bytes, expected $(field bytes)" >&2; exit 1; }
kill -TERM "$emulator_pid"
for _ in $(seq 100); do kill -0 "$emulator_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$emulator_pid" 2>/dev/null && { echo "feishu-resources emulator ignored SIGTERM for 10 s" >&2; exit 1; }
wait "$emulator_pid" || { echo "feishu-resources emulator did not exit 0 on SIGTERM" >&2; exit 1; }
emulator_pid=""
echo "Tool feishu-resources $version saved '$name' ($(field bytes) bytes) from its emulator."

echo "Package smoke test passed ($version)."
