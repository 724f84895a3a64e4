#!/usr/bin/env bash
# No-op incremental `dotnet build` of samples/app with the TofuMirror.Build package, against the same project
# without it (no PackageReference, no TofuModule), in one run. Each project is built once, then RUNS no-op builds
# are timed alternately (so machine load hits both alike); prints medians and the ratio.
# Usage: bash build/bench/msbuild-noop.sh [runs, default 9] [extra dotnet build args, e.g. -p:TofuRestoreOutOfProcess=true]
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
runs=${1:-9}
shift || true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 TF_CLI_CONFIG_FILE=

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet pack src/TofuMirror.Build.Tasks -c Release -nologo -v quiet -o "$work/feed" >/dev/null
version=$(basename "$(ls "$work"/feed/TofuMirror.Build.*.nupkg)" .nupkg | sed 's/^TofuMirror\.Build\.//')

for variant in with without; do
  cp -r samples/app "$work/$variant"
  rm -rf "$work/$variant/bin" "$work/$variant/obj"
  cat > "$work/$variant/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="feed" value="$work/feed" /></packageSources></configuration>
XML
done
# Without the package: no reference, no module, and a Program.cs that does not use the generated types.
sed -i -e '/TofuMirror.Build/d' -e '/TofuModule/d' "$work/without/TofuSample.App.csproj"
printf 'System.Console.WriteLine("no providers");\n' > "$work/without/Program.cs"

build() { dotnet build "$work/$1" -nologo -v quiet --no-restore -p:TofuMirrorBuildVersion="$version" \
  -p:SampleMirrorRoot="$repo/samples/oci-mirror" -p:TofuCachePath="$work/cache" "${@:2}" >/dev/null; }
for variant in with without; do
  NUGET_PACKAGES="$work/packages" dotnet restore "$work/$variant" -nologo -v quiet -p:TofuMirrorBuildVersion="$version" >/dev/null
  NUGET_PACKAGES="$work/packages" build "$variant" "$@"
done

time_ms() { local start end; start=$(date +%s%N); NUGET_PACKAGES="$work/packages" build "$@"; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
with=(); without=()
for _ in $(seq "$runs"); do
  with+=("$(time_ms with "$@")")
  without+=("$(time_ms without "$@")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_with=$(median "${with[@]}"); m_without=$(median "${without[@]}")
echo "no-op dotnet build, $runs runs each (ms): with TofuMirror.Build ${with[*]}"
echo "                                         without             ${without[*]}"
echo "median with $m_with ms, without $m_without ms, ratio $(awk -v a="$m_with" -v b="$m_without" 'BEGIN {printf "%.3f", a / b}') (target < 1.05)"
