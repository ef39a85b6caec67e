#!/usr/bin/env bash
# Produces the installable tree artifacts/plexd/: the plexd executable, plugins.yaml, and plugins/<name>/ with each
# plugin's assembly and private dependencies; plus artifacts/plexd-devcp/ (the development control plane).
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${CONFIGURATION:-Release}"
out="artifacts/plexd"
rm -rf "$out" artifacts/plexd-devcp
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet publish core/Plexd.Cli -c "$configuration" -o "$out" -p:DebugType=none -r linux-x64 --no-self-contained -p:PublishReadyToRun=true --nologo -v quiet
cp plugins.yaml "$out/plugins.yaml"
mkdir -p "$out/plugins"
# Every plugin project publishes into its own folder, named as in plugins.yaml (the folder of its assembly path).
for project in plugins/*/*.csproj; do
  [ -e "$project" ] || continue
  assembly="$(basename "$project" .csproj).dll"
  folder="$(grep -E "assembly: [^/]+/$assembly" plugins.yaml | sed -E 's/.*assembly: ([^/]+)\/.*/\1/' | head -1)"
  [ -n "$folder" ] || { echo "build.sh: $project is not listed in plugins.yaml" >&2; exit 1; }
  dotnet publish "$project" -c "$configuration" -o "$out/plugins/$folder" -p:DebugType=none -r linux-x64 --no-self-contained -p:PublishReadyToRun=true --nologo -v quiet
done
dotnet publish core/Plexd.ControlPlane.Dev -c "$configuration" -o artifacts/plexd-devcp -p:DebugType=none -r linux-x64 --no-self-contained -p:PublishReadyToRun=true --nologo -v quiet
echo "built $out (plexd $(dotnet "$out/plexd.dll" --version | head -1 | awk '{print $3}')) and artifacts/plexd-devcp"
