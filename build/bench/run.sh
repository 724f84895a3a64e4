#!/usr/bin/env bash
# Runs the BenchmarkDotNet suites (Release). Extra arguments go to BenchmarkDotNet, e.g. --filter '*Hashing*'.
set -euo pipefail
cd "$(dirname "$0")/../.."
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--filter '*')
dotnet run -c Release --project build/bench/TofuMirror.Benchmarks -- "${args[@]}"
