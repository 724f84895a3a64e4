#!/usr/bin/env bash
# Packs the tofu-mirror tool into FEED: the package users install, one package per platform (ReadyToRun), and then
# this machine's platform again as a native executable (Native AOT), which replaces its ReadyToRun package.
# Usage: bash build/pack-tool.sh FEED ARTIFACTS [extra dotnet pack arguments, e.g. -p:TofuMirrorRepositoryUrl=...]
# ARTIFACTS holds the intermediate files (--artifacts-path), so that packing never touches the source tree's obj/.
# The native step needs a C toolchain (clang or gcc); TOFU_NATIVE_TOOL=0 skips it (the ReadyToRun package stays).
set -euo pipefail
cd "$(dirname "$0")/.."
feed=$1 artifacts=$2
shift 2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet pack src/TofuMirror.Cli -c Release -nologo -v quiet -o "$feed" --artifacts-path "$artifacts/portable" "$@"
if [[ $(uname -s) == Linux ]] && ldd --version 2>&1 | grep -qi musl; then
  echo "no native tool for musl Linux: its portable package stays"; exit 0
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) rid=linux-x64 ;;
  Linux-aarch64) rid=linux-arm64 ;;
  Darwin-x86_64) rid=osx-x64 ;;
  Darwin-arm64) rid=osx-arm64 ;;
  *) echo "no native tool for $(uname -s) $(uname -m): its ReadyToRun or portable package stays"; exit 0 ;;
esac
[[ ${TOFU_NATIVE_TOOL:-1} == 0 ]] && { echo "TOFU_NATIVE_TOOL=0: the $rid package stays ReadyToRun"; exit 0; }
if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
  echo "the native $rid tool needs a C toolchain to link: install clang (or gcc) and the C library headers, e.g. apt-get install clang libc6-dev," >&2
  echo "or set TOFU_NATIVE_TOOL=0 to keep the ReadyToRun package for $rid" >&2
  exit 1
fi
dotnet pack src/TofuMirror.Cli -c Release -nologo -v quiet -o "$feed" --artifacts-path "$artifacts/native" -r "$rid" -p:TofuNativeTool=true "$@"
