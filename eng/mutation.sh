#!/usr/bin/env bash
# Mutation testing of folders of src/FeishuResources against tests/FeishuResources.Tests (net10.0, coverage per
# test), with Stryker.NET from the local tool manifest, then the score of each folder. A run takes tens of minutes
# on two cores (most of it the first, instrumented test run): mutate one or two folders at a time, never run two
# at once. The report lands in artifacts/mutation/<Folders>/reports/ (mutation-report.html, mutation-report.json).
#   eng/mutation.sh RateLimiting                 # one folder
#   eng/mutation.sh RateLimiting Errors          # several in one run
#   eng/mutation.sh Root                         # the files directly in src/FeishuResources (client, download types)
#   eng/mutation.sh Errors -- --since:main       # after --, arguments for dotnet stryker
set -euo pipefail
cd "$(dirname "$0")/.."

folders=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  folders+=("$1")
  shift
done
[ "${1:-}" = "--" ] && shift
if [ ${#folders[@]} -eq 0 ]; then
  echo "usage: eng/mutation.sh <Folder of src/FeishuResources | Root>... [-- dotnet stryker options]" >&2
  exit 2
fi

# Stryker matches a pattern against each file's full path (and its path in the project): hence the leading **/.
mutate=()
for folder in "${folders[@]}"; do
  if [ "$folder" = "Root" ]; then
    mutate+=(--mutate "**/src/FeishuResources/*.cs")
  elif [ -d "src/FeishuResources/$folder" ]; then
    mutate+=(--mutate "**/src/FeishuResources/$folder/*.cs")
  else
    echo "no folder src/FeishuResources/$folder" >&2
    exit 2
  fi
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
output="$PWD/artifacts/mutation/$(IFS=-; echo "${folders[*]}")"
rm -rf "$output"
# From the test project's folder: at the root Stryker would take the solution and mutate every project.
(cd tests/FeishuResources.Tests && dotnet stryker --config-file ../../stryker-config.json "${mutate[@]}" --output "$output" --skip-version-check "$@")
python3 eng/mutation-scores.py "$output/reports/mutation-report.json"
