#!/usr/bin/env bash
# 1,000 peers applied by the wireguard plugin vs `wg setconf` of the same config, unchanged re-apply, and single
# peer_added latency, on a real wireguard-go interface inside a throwaway network namespace. Needs root.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/Plexd.Benchmarks -c Release --nologo -v quiet >/dev/null
ns="plxbench$$"
ip netns add "$ns"
trap 'ip netns pids "$ns" 2>/dev/null | xargs -r kill -9; ip netns del "$ns"' EXIT
ip -n "$ns" link set lo up
ip netns exec "$ns" dotnet tests/Plexd.Benchmarks/bin/Release/net10.0/Plexd.Benchmarks.dll mesh-apply
