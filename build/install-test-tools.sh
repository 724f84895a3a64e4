#!/usr/bin/env bash
# Installs the real peers the tests talk to, when missing: the CNCF distribution registry and skopeo (and a C
# toolchain for the native tool package).
# Without root (or apt) the tests that need them report themselves as skipped.
set -uo pipefail
missing=()
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
# build/pack-tool.sh links the native tool with the machine's C toolchain.
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || missing+=(clang)
[ -e /usr/include/stdio.h ] || missing+=(libc6-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing ${missing[*]}"
    apt-get update -qq >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
      || echo "warning: could not install ${missing[*]}; tests that need them will be skipped"
  else
    echo "warning: ${missing[*]} missing and not root; tests that need them will be skipped"
  fi
fi
