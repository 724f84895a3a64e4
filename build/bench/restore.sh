#!/usr/bin/env bash
# Restore benchmark against a real registry on loopback, with its baseline in the same run:
#   cold restore (empty output and cache) vs 4 parallel `curl` + `sha256sum` + `unzip` of the same blobs,
#   no-op restore time, and peak memory (max RSS) of the restore process.
# Usage: bash build/bench/restore.sh [MB per package, default 100] [platforms, default 4] [zips: tool|dd, default tool]
#   tool: the packages are folders that `tofu-mirror push` zips itself (sizes in the local headers);
#   dd:   release zips written to a pipe, as Go's archive/zip writes provider releases (data descriptors), pushed as-is.
# The tool is built into $TOFU_BENCH_ARTIFACTS (default /tmp/art-bench), never into the source tree.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
size_mb=${1:-100}
count=${2:-4}
zips=${3:-tool}
[[ $zips == tool || $zips == dd ]] || { echo "zips must be tool or dd, not $zips"; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v docker-registry >/dev/null || { echo "docker-registry is needed (apt-get install docker-registry)"; exit 1; }

work=$(mktemp -d)
cleanup() { [ -n "${registry_pid:-}" ] && kill "$registry_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/registry.yml" <<YML
version: 0.1
log: { level: error }
storage: { filesystem: { rootdirectory: $work/storage }, delete: { enabled: true } }
http: { addr: 127.0.0.1:$port }
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done

artifacts=${TOFU_BENCH_ARTIFACTS:-/tmp/art-bench}
dotnet build src/TofuMirror.Cli -c Release -nologo -v quiet --artifacts-path "$artifacts"
tool=(dotnet "$artifacts/bin/TofuMirror.Cli/release/tofu-mirror.dll")

# Provider packages: one incompressible binary of SIZE MB per platform, in a filesystem mirror.
platforms=(linux_amd64 linux_arm64 darwin_amd64 darwin_arm64 windows_amd64 freebsd_amd64)
src="$work/src/registry.opentofu.org/bench/big/1.0.0"
args=()
for platform in "${platforms[@]:0:$count}"; do
  mkdir -p "$src/$platform"
  head -c "$((size_mb * 1024 * 1024))" /dev/urandom > "$src/$platform/terraform-provider-big_v1.0.0"
  if [[ $zips == dd ]]; then
    chmod +x "$src/$platform/terraform-provider-big_v1.0.0"
    # zipfile cannot seek back into a pipe, so it sets flag bit 3 and writes each entry's sizes after its data.
    (cd "$src/$platform" && python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.stdout.buffer, "w", zipfile.ZIP_DEFLATED) as z: z.write("terraform-provider-big_v1.0.0")') \
      | cat > "$src/../terraform-provider-big_1.0.0_$platform.zip"
    python3 -c 'import sys; sys.exit(0 if open(sys.argv[1], "rb").read(8)[6] & 8 else "no data descriptor in " + sys.argv[1])' \
      "$src/../terraform-provider-big_1.0.0_$platform.zip"
    rm -r "${src:?}/$platform"
  fi
  args+=(--platform "$platform")
done
[[ $zips == dd ]] && rmdir "$src"
template="127.0.0.1:$port/providers/\${hostname}/\${namespace}/\${type}"
"${tool[@]}" push --repository-template "$template" "$work/src" >/dev/null 2>&1

mkdir -p "$work/module"
printf 'terraform {\n  required_providers {\n    big = { source = "bench/big" }\n  }\n}\n' > "$work/module/main.tf"
"${tool[@]}" lock --chdir "$work/module" --repository-template "$template" "${args[@]}" >/dev/null 2>&1

now() { date +%s.%N; }
load=$(cut -d' ' -f1-3 /proc/loadavg)
restore() { "${tool[@]}" restore --chdir "$work/module" --repository-template "$template" "${args[@]}" \
  --output "$work/out" --cache "$work/cache" >/dev/null 2>&1; }

# Cold restore (best of 3), with peak memory (the largest of the 3) and CPU seconds (of the best).
best_cold=999 rss_kb=0 cold_runs=() cold_cpu=
for _ in 1 2 3; do
  rm -rf "$work/out" "$work/cache"
  sync
  start=$(now)
  /usr/bin/time -f '%M %U %S' -o "$work/rss" bash -c "$(declare -f restore); $(declare -p tool work template args); restore"
  elapsed=$(echo "$(now) - $start" | bc)
  read -r kb user sys < "$work/rss"
  (( kb > rss_kb )) && rss_kb=$kb
  cold_runs+=("$(printf '%.2f' "$elapsed")")
  if (( $(echo "$elapsed < $best_cold" | bc) )); then best_cold=$elapsed cold_cpu="user $user s, sys $sys s"; fi
done
rss_mb=$(( rss_kb / 1024 ))

# Baseline: the same blobs with 4 parallel curl + sha256sum + unzip (best of 3).
digests=$(curl -s "http://127.0.0.1:$port/v2/providers/registry.opentofu.org/bench/big/manifests/1.0.0" -H 'Accept: application/vnd.oci.image.index.v1+json' \
  | python3 -c 'import json,sys; print("\n".join(m["digest"] for m in json.load(sys.stdin)["manifests"]))' \
  | while read -r manifest; do
      curl -s "http://127.0.0.1:$port/v2/providers/registry.opentofu.org/bench/big/manifests/$manifest" -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["layers"][0]["digest"])'
    done)
fetch_one() { # digest
  local d=$1 f="$work/base/${1#sha256:}.zip"
  curl -s -o "$f" "http://127.0.0.1:$port/v2/providers/registry.opentofu.org/bench/big/blobs/$d"
  echo "${d#sha256:}  $f" | sha256sum -c --quiet - && unzip -q -o "$f" -d "$work/base/${d#sha256:}"
}
best_base=999 base_runs=()
for _ in 1 2 3; do
  rm -rf "$work/base"; mkdir -p "$work/base"; sync
  start=$(now)
  export -f fetch_one; export work port
  echo "$digests" | xargs -P 4 -I{} bash -c 'fetch_one {}'
  elapsed=$(echo "$(now) - $start" | bc)
  base_runs+=("$(printf '%.2f' "$elapsed")")
  best_base=$(echo "if ($elapsed < $best_base) $elapsed else $best_base" | bc)
done

# No-op restore (everything up to date): median of 9.
noops=()
for _ in $(seq 9); do start=$(now); restore; noops+=("$(echo "($(now) - $start) * 1000" | bc)"); done
noop_ms=$(printf '%s\n' "${noops[@]}" | sort -n | sed -n 5p)

echo "packages: $count x ${size_mb} MB ($zips zips); load average before the runs: $load"
printf 'cold restore (tofu-mirror):          %6.2f s  (runs: %s; best used %s)\n' "$best_cold" "${cold_runs[*]}" "$cold_cpu"
printf 'baseline (4x curl+sha256sum+unzip):  %6.2f s  (runs: %s)\n' "$best_base" "${base_runs[*]}"
printf 'speed-up vs baseline:                %6.2fx (target >= 1.5x)\n' "$(echo "$best_base / $best_cold" | bc -l)"
printf 'no-op restore:                       %6.0f ms (target < 300 ms)\n' "$noop_ms"
printf 'peak memory of cold restore:         %6d MB (target < 150 MB)\n' "$rss_mb"
