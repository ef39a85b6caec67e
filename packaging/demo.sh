#!/usr/bin/env bash
# The main job on the embedded default: builds the agent, starts the development control plane on loopback and
# two registered agents (`plexd up`) against it, changes a policy and rotates the signing key through the admin API
# so the signed events, heartbeats and reconciliations show in the logs, then stops everything cleanly.
# DEMO_SECONDS (default 30) sets how long it runs; 0 runs until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${DEMO_SECONDS:-30}"
port="${DEMO_PORT:-18480}"
api="http://127.0.0.1:$port"

bash packaging/build.sh
# The wireguard plugin brings up a real interface per agent (wireguard-go); without root it is switched off.
mesh_enabled=false
if [ "$(id -u)" -eq 0 ]; then
  command -v wireguard-go >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wireguard-go wireguard-tools >/dev/null; }
  mesh_enabled=true
fi
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

dotnet artifacts/plexd-devcp/plexd-devcp.dll --listen "$api" --token plx_demo 2>&1 | sed -u 's/^/[control-plane] /' &
pids+=($!)
for _ in $(seq 1 100); do curl -fs "$api/v1/ping" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$api/v1/ping" >/dev/null || { echo "demo: the development control plane did not start" >&2; exit 1; }

for n in 1 2; do
  mkdir -p "$work/node$n"
  cat >"$work/node$n/config.yaml" <<YAML
api: $api
data_dir: $work/node$n/data
log_level: info
token:
  value: plx_demo
registration:
  hostname: demo-node$n
mesh:
  enabled: $mesh_enabled
  interface: plexd-demo$n
  listen_port: $((51900 + n))
nat_traversal:
  enabled: false
heartbeat:
  interval: 5s
reconcile:
  interval: 20s
YAML
  artifacts/plexd/plexd up --config "$work/node$n/config.yaml" 2>&1 | sed -u "s/^/[node$n] /" &
  pids+=($!)
done

for _ in $(seq 1 100); do
  [ "$(curl -fs "$api/admin/nodes" | jq '.nodes | map(select(.event_streams > 0)) | length')" = "2" ] && break
  sleep 0.2
done
echo "[demo] two nodes registered and connected; adding policy 'demo-ssh' (a signed policy_updated event follows)"
curl -fs -X PUT "$api/admin/policies/demo-ssh" -d '{"rules":[{"src":"*","dst":"*","port":22,"protocol":"tcp","action":"allow"}]}' >/dev/null
sleep 3
echo "[demo] rotating the control plane's signing key (announced with the old key)"
curl -fs -X POST "$api/admin/signing-key/rotate" >/dev/null
curl -fs -X PUT "$api/admin/policies/demo-web" -d '{"rules":[{"src":"*","dst":"*","port":443,"protocol":"tcp","action":"allow"}]}' >/dev/null

if [ "$seconds" = "0" ]; then
  echo "[demo] running until Ctrl+C"
  wait
else
  sleep "$seconds"
fi
echo "[demo] nodes as the control plane sees them:"
curl -fs "$api/admin/nodes" | jq -c '.nodes[] | {node_id, mesh_ip, hostname, heartbeats, drift_reports, event_streams}'
