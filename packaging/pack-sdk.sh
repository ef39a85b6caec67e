#!/usr/bin/env bash
# Packs the plugin SDK as NuGet packages into artifacts/nuget/: Plexd.Sdk, and Plexd.Sdk.Testing (with the development
# control plane inside), so third-party plugins and their tests build against packages, not against this repository
# (see docs/plugins.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out="artifacts/nuget"
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for project in sdk/Plexd.Sdk sdk/Plexd.Sdk.Testing; do
  dotnet pack "$project" -c Release -o "$out" --nologo -v quiet
done
echo "packed $(ls "$out"/Plexd.Sdk*.nupkg | xargs -n1 basename | tr '\n' ' ')into $out"
