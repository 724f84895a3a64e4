#!/usr/bin/env bash
# Restore benchmark against a real registry on loopback, with its baselines in the same run, for two kinds of zip:
#   go:     release zips written to a pipe, as Go's archive/zip writes provider releases (deflated, data descriptors),
#           pushed as-is; the payload is compressible like a real provider binary (deflates to ~45 %);
#   stored: folders that `tofu-mirror push` zips itself (stored, sizes in the local headers).
# For each: cold restore (empty output and cache) vs 4 parallel `curl | tee x.zip | sha256sum && unzip` of the same
# blobs, and the raw transfer of those bytes (4 parallel `curl > /dev/null`: the floor). Then the no-op restore time
# and the peak memory (max RSS) of a cold restore. Times are medians of $TOFU_BENCH_RUNS runs (default 5), interleaved;
# on a shared VM some runs of every contender take ~40% more CPU time, so the ratio of the fastest runs is printed too.
# Usage: bash build/bench/restore.sh [MB per package, default 40] [platforms, default 6] [zips: both|go|stored, default both]
# The tool is built into $TOFU_BENCH_ARTIFACTS (default /tmp/art-bench), never into the source tree.
# TOFU_BENCH_COMPARE=/path/to/other/tofu-mirror.dll also measures that build in the same runs (an A/B comparison);
# TOFU_BENCH_COMPARE=readytorun or portable measures the ReadyToRun or the portable build beside the native one.
# TOFU_BENCH_PAYLOAD=/path/to/binary: what the go payload is cut from (default: the registry's own Go binary).
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mb=${1:-40}
count=${2:-6}
kinds=${3:-both}
runs_per_kind=${TOFU_BENCH_RUNS:-5}
case $kinds in both) kinds="go stored" ;; go|stored) ;; *) echo "zips must be both, go or stored, not $kinds"; exit 1 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v docker-registry >/dev/null || { echo "docker-registry is needed (apt-get install docker-registry)"; exit 1; }
payload_source=${TOFU_BENCH_PAYLOAD:-$(command -v docker-registry)}

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
# Measured as users get it: on the platforms build/pack-tool.sh compiles natively, the tool package for this platform is
# a native executable (Native AOT); elsewhere, ReadyToRun code. TOFU_BENCH_COMPARE=readytorun adds the ReadyToRun build
# (the other platforms' packages) to the same runs, TOFU_BENCH_COMPARE=portable the portable (JIT-compiled) one.
case $(uname -m) in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) rid=any ;; esac
publish_readytorun() {
  dotnet publish src/TofuMirror.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -nologo -v quiet \
    --artifacts-path "$artifacts/readytorun" -o "$artifacts/tool-$rid-readytorun"
}
tools=(this)
declare -A run_tool
if [[ $rid != any ]]; then
  dotnet publish src/TofuMirror.Cli -c Release -r "$rid" -p:TofuNativeTool=true -nologo -v quiet \
    --artifacts-path "$artifacts/native" -o "$artifacts/tool-$rid-native"
  run_tool[this]="$artifacts/tool-$rid-native/tofu-mirror"
else
  publish_readytorun
  run_tool[this]="dotnet $artifacts/tool-$rid-readytorun/tofu-mirror.dll"
fi
case ${TOFU_BENCH_COMPARE:-} in
  readytorun) publish_readytorun; TOFU_BENCH_COMPARE="$artifacts/tool-$rid-readytorun/tofu-mirror.dll" ;;
  portable)
    dotnet build src/TofuMirror.Cli -c Release -nologo -v quiet --artifacts-path "$artifacts"
    TOFU_BENCH_COMPARE="$artifacts/bin/TofuMirror.Cli/release/tofu-mirror.dll" ;;
esac
if [[ -n ${TOFU_BENCH_COMPARE:-} ]]; then tools+=(compared); run_tool[compared]="dotnet $TOFU_BENCH_COMPARE"; fi
template="127.0.0.1:$port/providers/\${hostname}/\${namespace}/\${type}"
platforms=(linux_amd64 linux_arm64 darwin_amd64 darwin_arm64 windows_amd64 freebsd_amd64 openbsd_amd64 solaris_amd64)
args=()
for platform in "${platforms[@]:0:$count}"; do args+=(--platform "$platform"); done

# A provider binary's bytes: 64 KiB blocks of a real binary, one in five replaced by random bytes (deflates to ~45 %),
# different for each platform so that no two blobs are the same.
binary_payload() { # size seed
  python3 - "$1" "$2" "$payload_source" <<'PY'
import random, sys
size, seed, source = int(sys.argv[1]), sys.argv[2], sys.argv[3]
binary = open(source, "rb").read()
rng, out, block = random.Random(seed), sys.stdout.buffer, 1 << 16
at = rng.randrange(len(binary))
while size > 0:
    n = min(block, size)
    if rng.random() < 0.2:
        out.write(rng.randbytes(n))
    else:
        at = 0 if at + n > len(binary) else at
        out.write(binary[at:at + n])
        at += n
    size -= n
PY
}

# Publishes one provider (bench/KIND) and locks a module for it.
publish() { # kind
  local kind=$1 src="$work/src-$1/registry.opentofu.org/bench/$1/1.0.0"
  for platform in "${platforms[@]:0:$count}"; do
    mkdir -p "$src/$platform"
    if [[ $kind == stored ]]; then
      head -c "$((size_mb * 1024 * 1024))" /dev/urandom > "$src/$platform/terraform-provider-${kind}_v1.0.0"
      continue
    fi
    binary_payload "$((size_mb * 1024 * 1024))" "$platform" > "$src/$platform/terraform-provider-${kind}_v1.0.0"
    chmod +x "$src/$platform/terraform-provider-${kind}_v1.0.0"
    # zipfile cannot seek back into a pipe, so it sets flag bit 3 and writes each entry's sizes after its data.
    (cd "$src/$platform" && python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.stdout.buffer, "w", zipfile.ZIP_DEFLATED) as z: z.write(sys.argv[1])' "terraform-provider-${kind}_v1.0.0") \
      | cat > "$src/../terraform-provider-${kind}_1.0.0_$platform.zip"
    python3 -c 'import sys; sys.exit(0 if open(sys.argv[1], "rb").read(8)[6] & 8 else "no data descriptor in " + sys.argv[1])' \
      "$src/../terraform-provider-${kind}_1.0.0_$platform.zip"
    rm -r "${src:?}/$platform"
  done
  [[ $kind == go ]] && rmdir "$src"
  "$dotnet_tool" push --repository-template "$template" "$work/src-$kind" >/dev/null 2>&1
  rm -rf "$work/src-$kind"
  mkdir -p "$work/module-$kind"
  printf 'terraform {\n  required_providers {\n    %s = { source = "bench/%s" }\n  }\n}\n' "$kind" "$kind" > "$work/module-$kind/main.tf"
  "$dotnet_tool" lock --chdir "$work/module-$kind" --repository-template "$template" "${args[@]}" >/dev/null 2>&1
}
dotnet_tool="$work/tofu-mirror"
printf '#!/bin/sh\nexec %s "$@"\n' "${run_tool[this]}" > "$dotnet_tool" && chmod +x "$dotnet_tool"

blob_digests() { # kind
  local repo="http://127.0.0.1:$port/v2/providers/registry.opentofu.org/bench/$1"
  curl -s "$repo/manifests/1.0.0" -H 'Accept: application/vnd.oci.image.index.v1+json' \
    | python3 -c 'import json,sys; print("\n".join(m["digest"] for m in json.load(sys.stdin)["manifests"]))' \
    | while read -r manifest; do
        curl -s "$repo/manifests/$manifest" -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
          | python3 -c 'import json,sys; print(json.load(sys.stdin)["layers"][0]["digest"])'
      done
}

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

fetch_and_unzip() { # kind digest
  local d=${2#sha256:} f="$work/base/${2#sha256:}.zip" sum
  sum=$(curl -s "http://127.0.0.1:$port/v2/providers/registry.opentofu.org/bench/$1/blobs/$2" | tee "$f" | sha256sum)
  [[ ${sum%% *} == "$d" ]] && unzip -q -o "$f" -d "$work/base/$d"
}
fetch_only() { curl -s -o /dev/null "http://127.0.0.1:$port/v2/providers/registry.opentofu.org/bench/$1/blobs/$2"; }
export -f fetch_and_unzip fetch_only
export work port

# One timed run of each contender; prints the seconds (and leaves /usr/bin/time's "RSS user sys" in $work/rss).
time_restore() { # kind tool
  rm -rf "$work/out" "$work/cache"; sync
  local start; start=$(now)
  # shellcheck disable=SC2086
  /usr/bin/time -f '%M %U %S' -o "$work/rss" ${run_tool[$2]} restore --chdir "$work/module-$1" --repository-template "$template" \
    "${args[@]}" --output "$work/out" --cache "$work/cache" >"$work/restore.log" 2>&1 || { cat "$work/restore.log"; exit 1; }
  echo "$(now) - $start" | bc
}
time_shell() { # kind function (leaves "user sys" CPU seconds in $work/shell-cpu)
  rm -rf "$work/base"; mkdir -p "$work/base"; sync
  local start; start=$(now)
  echo "$digests" | /usr/bin/time -f '%U %S' -o "$work/shell-cpu" xargs -P 4 -I{} bash -c "$2 $1 {}"
  echo "$(now) - $start" | bc
}

load=$(cut -d' ' -f1-3 /proc/loadavg)
for kind in $kinds; do publish "$kind"; done
report=()
for kind in $kinds; do
  digests=$(blob_digests "$kind")
  declare -A runs=() rss=() cpu=()
  for run in $(seq "$runs_per_kind"); do
    # Alternate the order: a run that follows another's deletions gets memory pages already mapped, which is faster here.
    order=("${tools[@]}")
    (( run % 2 == 0 )) && order=($(printf '%s\n' "${tools[@]}" | tac))
    for tool in "${order[@]}"; do
      runs[$tool]+=" $(time_restore "$kind" "$tool")"
      read -r kb user sys < "$work/rss"
      (( kb > ${rss[$tool]:-0} )) && rss[$tool]=$kb
      cpu[$tool]+=" $(echo "$user + $sys" | bc)"
      # A raw transfer after each restore: more samples of the floor, and every restore follows the same kind of job.
      runs[raw]+=" $(time_shell "$kind" fetch_only)"
    done
    runs[shell]+=" $(time_shell "$kind" fetch_and_unzip)"
    cpu[shell]+=" $(awk '{ print $1 + $2 }' "$work/shell-cpu")"
  done
  # shellcheck disable=SC2086
  base=$(median ${runs[shell]})
  # shellcheck disable=SC2086
  base_fastest=$(printf '%s\n' ${runs[shell]} | sort -n | head -1)
  report+=("packages: $count x ${size_mb} MB, $kind zips ($(echo "$digests" | wc -l) blobs)")
  for tool in "${tools[@]}"; do
    # shellcheck disable=SC2086
    cold=$(median ${runs[$tool]})
    # shellcheck disable=SC2086
    fastest=$(printf '%s\n' ${runs[$tool]} | sort -n | head -1)
    # shellcheck disable=SC2086
    report+=("$(printf '  cold restore (%-8s)              %6.2f s  (runs:%s; CPU s:%s; peak RSS %d MB)' "$tool" "$cold" "${runs[$tool]}" "${cpu[$tool]}" "$(( ${rss[$tool]} / 1024 ))")")
    report+=("$(printf '  speed-up vs baseline (%-8s)      %6.2fx (target >= %s; fastest runs: %.2fx)' "$tool" "$(echo "$base / $cold" | bc -l)" \
      "$([[ $kind == go ]] && echo 1.5x || echo 2x)" "$(echo "$base_fastest / $fastest" | bc -l)")")
  done
  # shellcheck disable=SC2086
  report+=("$(printf '  baseline (4x curl|tee|sha256sum, unzip) %6.2f s  (runs:%s; CPU s:%s)' "$base" "${runs[shell]}" "${cpu[shell]}")")
  # shellcheck disable=SC2086
  report+=("$(printf '  raw transfer (4x curl > /dev/null)    %6.2f s  (runs:%s)' "$(median ${runs[raw]})" "${runs[raw]}")")
  unset runs rss cpu
done

# No-op restore (everything up to date) of the last kind: median of 15, timed in one process (no shell per sample).
# shellcheck disable=SC2086
noop_ms=$(python3 - ${run_tool[this]} restore --chdir "$work/module-$kind" --repository-template "$template" "${args[@]}" \
  --output "$work/out" --cache "$work/cache" <<'PY'
import statistics, subprocess, sys, time
samples = []
for _ in range(15):
    start = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    samples.append((time.perf_counter() - start) * 1000)
print(statistics.median(samples))
PY
)

echo "load average before the runs: $load (after: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%s\n' "${report[@]}"
printf 'no-op restore:                       %6.0f ms (target < 150 ms)\n' "$noop_ms"
