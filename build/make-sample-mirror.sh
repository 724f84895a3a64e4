#!/usr/bin/env bash
# Regenerates samples/oci-mirror: the embedded OCI mirror (image-layout folders) the README's first command restores
# from. Two tiny stand-in providers, five platforms each, pushed with tofu-mirror itself. Deterministic: running it
# again gives the same bytes and digests.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

platforms=(darwin_amd64 darwin_arm64 linux_amd64 linux_arm64 windows_amd64)
add_provider() { # host namespace type version
  local host=$1 ns=$2 type=$3 version=$4
  for platform in "${platforms[@]}"; do
    local dir="$work/src/$host/$ns/$type/$version/$platform"
    mkdir -p "$dir"
    printf '#!/bin/sh\n# Stand-in for a real provider binary (TofuMirror sample).\necho "%s %s %s"\n' "$ns/$type" "$version" "$platform" \
      > "$dir/terraform-provider-${type}_v${version}"
    chmod 755 "$dir/terraform-provider-${type}_v${version}"
    printf 'Sample provider %s/%s %s, made by build/make-sample-mirror.sh.\n' "$ns" "$type" "$version" > "$dir/README.md"
    chmod 644 "$dir/README.md"
  done
}
add_provider registry.opentofu.org tofumirror demo 1.0.0
add_provider registry.opentofu.org tofumirror demo 1.1.0
add_provider example.com tofumirror echo 0.2.0

rm -rf samples/oci-mirror
dotnet run --project src/TofuMirror.Cli -c Release -- push \
  --repository-template 'oci-layout:samples/oci-mirror/${hostname}/${namespace}/${type}' "$work/src"
echo "wrote samples/oci-mirror"
