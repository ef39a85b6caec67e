#!/usr/bin/env bash
# Packs the plugin SDK as NuGet packages into artifacts/nuget/ (Plexd.Sdk; Plexd.Sdk.Testing when it packs), so
# third-party plugins build against a package, not against this repository (see docs/plugins.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out="artifacts/nuget"
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet pack sdk/Plexd.Sdk -c Release -o "$out" --nologo -v quiet
echo "packed $(ls "$out"/Plexd.Sdk.*.nupkg | xargs -n1 basename | tr '\n' ' ')into $out"
