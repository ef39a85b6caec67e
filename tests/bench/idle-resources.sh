#!/usr/bin/env bash
# Idle resident memory and CPU of plexd (all node plugins that are built, mesh on a real wireguard-go interface,
# registered with the development control plane) next to an empty .NET generic host, both sampled over the same
# window. Needs root (network namespace) and a built tree (packaging/build.sh). WINDOW=seconds (default 60).
# plexd runs with the unit's Environment= (packaging/systemd/plexd.service), as installed; PLEXD_ENV="K=V ..." replaces
# it to try other runtime settings. The empty host runs with the runtime's defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
window="${WINDOW:-60}"
PLEXD_ENV="${PLEXD_ENV-$(sed -n 's/^Environment=//p' packaging/systemd/plexd.service)}"
warmup="${WARMUP:-15}"
[ -x artifacts/plexd/plexd ] || { echo "run packaging/build.sh first" >&2; exit 1; }
dotnet publish tests/bench/emptyhost -c Release -o artifacts/bench/emptyhost --nologo -v quiet -p:DebugType=none >/dev/null
work="$(mktemp -d)"
ns="plxidle$$"
ip netns add "$ns"
cleanup() { ip netns pids "$ns" 2>/dev/null | xargs -r kill -TERM; sleep 1; ip netns pids "$ns" 2>/dev/null | xargs -r kill -9; ip netns del "$ns"; kill "${empty:-0}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip -n "$ns" link set lo up
cat > "$work/config.yaml" <<YAML
api: http://127.0.0.1:8480
data_dir: $work/data
token:
  value: plx_idle
mesh:
  interface: plxidle0
YAML
ip netns exec "$ns" artifacts/plexd-devcp/plexd-devcp --token plx_idle >"$work/devcp.log" 2>&1 &
sleep 2
ip netns exec "$ns" env ${PLEXD_ENV:-} artifacts/plexd/plexd up --config "$work/config.yaml" >"$work/plexd.log" 2>&1 &
agent=$!
artifacts/bench/emptyhost/emptyhost >"$work/empty.log" 2>&1 &
empty=$!
sleep "$warmup"
grep -q "plexd running as node" "$work/plexd.log" || { echo "plexd did not start:" >&2; tail -5 "$work/plexd.log" >&2; exit 1; }

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hz="$(getconf CLK_TCK)"
a0="$(ticks "$agent")"; e0="$(ticks "$empty")"
peak_a=0; peak_e=0; sum_a=0; sum_e=0; n=0
for _ in $(seq "$window"); do
  sleep 1
  ra="$(rss "$agent")"; re="$(rss "$empty")"
  sum_a=$((sum_a + ra)); sum_e=$((sum_e + re)); n=$((n + 1))
  ((ra > peak_a)) && peak_a=$ra; ((re > peak_e)) && peak_e=$re
done
a1="$(ticks "$agent")"; e1="$(ticks "$empty")"
plugins="$(grep -o 'with [0-9]* plugins' "$work/plexd.log" | head -1)"
awk -v sa="$sum_a" -v se="$sum_e" -v n="$n" -v pa="$peak_a" -v pe="$peak_e" -v da="$((a1 - a0))" -v de="$((e1 - e0))" \
    -v hz="$hz" -v w="$window" -v plugins="$plugins" -v warm="$warmup" -v extra="${PLEXD_ENV:-none}" 'BEGIN {
  printf "window %d s after %d s warm-up; plexd %s; extra plexd environment: %s\n", w, warm, plugins, extra
  printf "%-12s %12s %12s %10s\n", "process", "RSS avg MiB", "RSS peak MiB", "CPU %"
  printf "%-12s %12.1f %12.1f %10.3f\n", "plexd", sa / n / 1024, pa / 1024, da / hz / w * 100
  printf "%-12s %12.1f %12.1f %10.3f\n", "emptyhost", se / n / 1024, pe / 1024, de / hz / w * 100
  printf "RSS ratio plexd/emptyhost: %.2f (target <= 1.5); plexd idle CPU %.3f %% (target < 0.2 %%)\n", sa / se, da / hz / w * 100
}'
