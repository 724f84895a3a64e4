#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds once, runs every test project,
# and ends with the line `tests: N passed, N failed[, N skipped]`.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash build/install-test-tools.sh

results=$(mktemp -d "${TMPDIR:-/tmp}/tofumirror-tests.XXXXXX")
trap 'rm -rf "$results"' EXIT

echo "==> build"
if ! dotnet build TofuMirror.Build.sln -c Release -nologo -v quiet; then
  echo "build failed"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "==> $name"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted) + $(value inconclusive)))
done
# A project that crashed before writing its results is a failure too.
expected=$(ls tests/*/*.Tests.csproj | wc -l)
found=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$found" -lt "$expected" ]; then failed=$((failed + expected - found)); fi
[ "$failed" -gt 0 ] && status=1

line="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit $status
