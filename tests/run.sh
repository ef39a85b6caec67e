#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs the Debian packages the tests use, restores,
# builds, tests, and ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libsodium23 wireguard-go wireguard-tools iproute2 iputils-ping nftables libnftables1 coturn socat curl passwd util-linux systemd systemd-journal-remote iputils-tracepath auditd)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet restore Plexd.sln
dotnet build Plexd.sln -c Release --no-restore -nologo
# The installable tree the integration tests run (built once here, never by the tests themselves).
bash packaging/build.sh
status=0
dotnet test Plexd.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" || status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
