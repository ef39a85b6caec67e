#!/usr/bin/env bash
# A 5,000-rule policy applied by the policy plugin (libnftables, one batch) vs `nft -f` of the identical batch, and
# single-rule changes applied incrementally, on real nftables inside a throwaway network namespace. Needs root.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/Plexd.Benchmarks -c Release --nologo -v quiet >/dev/null
ns="plxpolbench$$"
ip netns add "$ns"
trap 'ip netns pids "$ns" 2>/dev/null | xargs -r kill -9; ip netns del "$ns"' EXIT
ip -n "$ns" link set lo up
ip netns exec "$ns" dotnet tests/Plexd.Benchmarks/bin/Release/net10.0/Plexd.Benchmarks.dll policy-apply
