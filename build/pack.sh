#!/usr/bin/env bash
# Packs every NuGet package into artifacts/packages (a local feed): the CLI tool and the MSBuild package.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet pack src/TofuMirror.Cli -c Release -nologo -v quiet -o artifacts/packages
dotnet pack src/TofuMirror.Build.Tasks -c Release -nologo -v quiet -o artifacts/packages
ls artifacts/packages
