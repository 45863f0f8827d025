#!/usr/bin/env bash
# Mutation testing of one folder of src/FeishuResources against tests/FeishuResources.Tests (net10.0, coverage
# per test), with Stryker.NET from the local tool manifest. One folder at a time: a whole run takes tens of
# minutes on two cores. The report lands in artifacts/mutation/<Folder>/ (reports/mutation-report.html, .json).
#   eng/mutation.sh RateLimiting            # one folder
#   eng/mutation.sh Root                    # the files directly in src/FeishuResources (client, download types)
#   eng/mutation.sh Errors --since:main     # extra arguments go to dotnet stryker
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ]; then
  echo "usage: eng/mutation.sh <Folder of src/FeishuResources | Root> [dotnet stryker options]" >&2
  exit 2
fi
folder="$1"
shift

# Stryker matches a pattern against each file's full path (and its path in the project): hence the leading **/.
if [ "$folder" = "Root" ]; then
  pattern="**/src/FeishuResources/*.cs"
elif [ -d "src/FeishuResources/$folder" ]; then
  pattern="**/src/FeishuResources/$folder/*.cs"
else
  echo "no folder src/FeishuResources/$folder" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
output="$PWD/artifacts/mutation/$folder"
# From the test project's folder: at the root Stryker would take the solution and mutate every project.
cd tests/FeishuResources.Tests
dotnet stryker --config-file ../../stryker-config.json --mutate "$pattern" --output "$output" --skip-version-check "$@"
