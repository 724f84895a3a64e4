#!/usr/bin/env bash
# The main job on the embedded default: restore the providers locked in samples/infra from the OCI mirror that
# ships in samples/oci-mirror (OCI image-layout folders), into samples/infra/.terraform/providers-mirror.
# Works on a fresh machine with the .NET SDK; no network beyond NuGet for the first build.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/TofuMirror.Cli -c Release -nologo -v quiet
tool=(dotnet "src/TofuMirror.Cli/bin/Release/net10.0/tofu-mirror.dll")

"${tool[@]}" check --chdir samples/infra
"${tool[@]}" restore --chdir samples/infra \
  --repository-template 'oci-layout:samples/oci-mirror/${hostname}/${namespace}/${type}' "$@"

echo
echo "restored into samples/infra/.terraform/providers-mirror:"
(cd samples/infra/.terraform/providers-mirror && find . -path ./.tofumirror -prune -o -type f -print | sort)
