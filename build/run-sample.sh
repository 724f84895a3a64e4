#!/usr/bin/env bash
# The main job on the embedded default that ships in samples/.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/TofuMirror.Cli -c Release -- "$@"
