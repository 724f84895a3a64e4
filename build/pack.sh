#!/usr/bin/env bash
# Packs every NuGet package into artifacts/packages (a local feed): the CLI tool (build/pack-tool.sh) and the MSBuild package.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash build/pack-tool.sh artifacts/packages artifacts/pack
dotnet pack src/TofuMirror.Build.Tasks -c Release -nologo -v quiet -o artifacts/packages
ls artifacts/packages
