#!/usr/bin/env bash
# Push and pull throughput of one large provider package on loopback, against skopeo copying the same content in the
# same run, with the peak memory (max RSS) of our process. Usage: bash build/bench/push-pull.sh [MB, default 200]
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
size_mb=${1:-200}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for tool in docker-registry skopeo python3; do command -v $tool >/dev/null || { echo "$tool is needed"; exit 1; }; done

work=$(mktemp -d)
cleanup() { [ -n "${registry_pid:-}" ] && kill "$registry_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'version: 0.1\nlog: { level: error }\nstorage: { filesystem: { rootdirectory: %s/storage } }\nhttp: { addr: 127.0.0.1:%s }\n' "$work" "$port" > "$work/registry.yml"
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done

dotnet build src/TofuMirror.Cli -c Release -nologo -v quiet
tool=(dotnet "$repo/src/TofuMirror.Cli/bin/Release/net8.0/tofu-mirror.dll")

zip="$work/terraform-provider-big_1.0.0_linux_amd64.zip"
python3 - "$zip" "$size_mb" <<'PY'
import os, sys, zipfile
path, mb = sys.argv[1], int(sys.argv[2])
with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
    info = zipfile.ZipInfo("terraform-provider-big_v1.0.0", (2020, 1, 1, 0, 0, 0)); info.external_attr = 0o100755 << 16
    with z.open(info, "w", force_zip64=True) as f:
        for _ in range(mb): f.write(os.urandom(1 << 20))
PY
bytes=$(stat -c %s "$zip")
now() { date +%s.%N; }
rate() { echo "scale=1; $bytes / 1048576 / $1" | bc; }

# Ours: push to the registry.
start=$(now)
/usr/bin/time -f '%M' -o "$work/push.rss" "${tool[@]}" push --provider bench/big \
  --repository-template "127.0.0.1:$port/ours/\${hostname}/\${namespace}/\${type}" "$zip" >/dev/null 2>&1
push_s=$(echo "$(now) - $start" | bc)

# Ours: pull (restore, packed layout: download, verify, place the zip).
mkdir -p "$work/module"
printf 'terraform {\n  required_providers {\n    big = { source = "bench/big" }\n  }\n}\n' > "$work/module/main.tf"
"${tool[@]}" lock --chdir "$work/module" --platform linux_amd64 \
  --repository-template "127.0.0.1:$port/ours/\${hostname}/\${namespace}/\${type}" >/dev/null 2>&1
start=$(now)
/usr/bin/time -f '%M' -o "$work/pull.rss" "${tool[@]}" restore --chdir "$work/module" --platform linux_amd64 --layout packed \
  --repository-template "127.0.0.1:$port/ours/\${hostname}/\${namespace}/\${type}" --output "$work/out" --cache "$work/cache" >/dev/null 2>&1
pull_s=$(echo "$(now) - $start" | bc)

# skopeo: the same artifacts (an OCI layout written by our push) to the registry, and back to a layout.
"${tool[@]}" push --provider bench/big --repository-template "oci-layout:$work/layout/\${namespace}/\${type}" "$zip" >/dev/null 2>&1
start=$(now)
skopeo copy --all --quiet --dest-tls-verify=false "oci:$work/layout/bench/big:1.0.0" "docker://127.0.0.1:$port/skopeo/big:1.0.0"
skopeo_push_s=$(echo "$(now) - $start" | bc)
start=$(now)
skopeo copy --all --quiet --src-tls-verify=false "docker://127.0.0.1:$port/skopeo/big:1.0.0" "oci:$work/skopeo-pull:1.0.0"
skopeo_pull_s=$(echo "$(now) - $start" | bc)

echo "package: $((bytes / 1048576)) MB"
printf 'push  tofu-mirror: %6.2f s  %6s MB/s   skopeo: %6.2f s  %6s MB/s\n' "$push_s" "$(rate "$push_s")" "$skopeo_push_s" "$(rate "$skopeo_push_s")"
printf 'pull  tofu-mirror: %6.2f s  %6s MB/s   skopeo: %6.2f s  %6s MB/s\n' "$pull_s" "$(rate "$pull_s")" "$skopeo_pull_s" "$(rate "$skopeo_pull_s")"
printf 'peak memory (max RSS): push %d MB, pull %d MB\n' "$(( $(cat "$work/push.rss") / 1024 ))" "$(( $(cat "$work/pull.rss") / 1024 ))"
