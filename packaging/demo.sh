# The main job on the embedded default: builds the agent, starts the development control plane and three registered
# agents (`plexd up`). As root (CI, or sudo) each agent runs in its own network namespace behind a router namespace with
# a real WireGuard interface (wireguard-go), and the demo shows every node pinging every other node's mesh IP; without
# root the agents run on loopback with the mesh switched off. It then changes a policy and rotates the signing key
# through the admin API so signed events, heartbeats and reconciliations show in the logs, and stops everything cleanly
# (namespaces included). DEMO_SECONDS (default 30) sets how long it runs afterwards; 0 runs until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${DEMO_SECONDS:-30}"
port="${DEMO_PORT:-18480}"
nodes=3

bash packaging/build.sh
root=false
[ "$(id -u)" -eq 0 ] && root=true
if $root; then
  need=()
  command -v wireguard-go >/dev/null || need+=(wireguard-go)
  command -v wg >/dev/null || need+=(wireguard-tools)
  command -v jq >/dev/null || need+=(jq)
  ((${#need[@]})) && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }
fi
work="$(mktemp -d)"
pids=()
lab="plxdemo$$"
cleanup() {
  # Agents first, the control plane (pids[0]) last: stopping agents flush their telemetry to it.
  for pid in "${pids[@]:1}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]:1}"; do wait "$pid" 2>/dev/null || true; done
  if ((${#pids[@]})); then kill -TERM "${pids[0]}" 2>/dev/null || true; wait "${pids[0]}" 2>/dev/null || true; fi
  if $root; then
    for ns in $(ip netns list | awk -v p="$lab" '$1 ~ "^"p {print $1}'); do
      ip netns pids "$ns" 2>/dev/null | xargs -r kill -9; ip netns del "$ns"
    done
    ip link del "$lab" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# As root: host <-> router namespace <-> one namespace per node, on 10.213.0.0/16 (forwarding only inside the router).
host=127.0.0.1
if $root; then
  host=10.213.0.1
  ip netns add "${lab}r"
  ip link add "$lab" type veth peer name up0 netns "${lab}r"
  ip addr add 10.213.0.1/30 dev "$lab" && ip link set "$lab" up
  ip -n "${lab}r" addr add 10.213.0.2/30 dev up0 && ip -n "${lab}r" link set up0 up
  ip netns exec "${lab}r" sysctl -qw net.ipv4.ip_forward=1
  ip route add 10.213.0.0/16 via 10.213.0.2
  for n in $(seq 1 $nodes); do
    ip netns add "${lab}n$n"
    ip -n "${lab}r" link add "n$n" type veth peer name eth0 netns "${lab}n$n"
    ip -n "${lab}r" addr add "10.213.$n.1/24" dev "n$n" && ip -n "${lab}r" link set "n$n" up
    ip -n "${lab}n$n" addr add "10.213.$n.2/24" dev eth0 && ip -n "${lab}n$n" link set eth0 up && ip -n "${lab}n$n" link set lo up
    ip -n "${lab}n$n" route add default via "10.213.$n.1"
  done
fi
api="http://$host:$port"

remote=(); $root && remote=(--allow-remote)  # the lab address is private to this machine
# Output goes through process substitution so that $! is the program itself, which cleanup stops with SIGTERM.
dotnet artifacts/plexd-devcp/plexd-devcp.dll --listen "$api" --token plx_demo "${remote[@]}" > >(sed -u 's/^/[control-plane] /') 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -fs "$api/v1/ping" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$api/v1/ping" >/dev/null || { echo "demo: the development control plane did not start" >&2; exit 1; }
# Every node may talk to every other: the policy plugin configures only peers some allow rule connects.
curl -fs -X PUT "$api/admin/policies/demo-mesh" -d '{"rules":[{"src":"*","dst":"*","port":0,"protocol":"","action":"allow"}]}' >/dev/null

for n in $(seq 1 $nodes); do
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
  enabled: $root
  interface: plexd-demo$n
  endpoint: 10.213.$n.2:51820
nat_traversal:
  enabled: false
node_api:
  socket: $work/node$n/api.sock
heartbeat:
  interval: 5s
reconcile:
  interval: 20s
YAML
  if $root; then
    ip netns exec "${lab}n$n" artifacts/plexd/plexd up --config "$work/node$n/config.yaml" > >(sed -u "s/^/[node$n] /") 2>&1 &
  else
    artifacts/plexd/plexd up --config "$work/node$n/config.yaml" > >(sed -u "s/^/[node$n] /") 2>&1 &
  fi
  pids+=($!)
done

for _ in $(seq 1 150); do
  [ "$(curl -fs "$api/admin/nodes" | jq '.nodes | map(select(.event_streams > 0)) | length')" = "$nodes" ] && break
  sleep 0.2
done
echo "[demo] $nodes nodes registered and connected"
if $root; then
  mapfile -t meships < <(curl -fs "$api/admin/nodes" | jq -r '.nodes[] | "\(.endpoint) \(.mesh_ip)"' | sort | awk '{print $2}')
  for n in $(seq 1 $nodes); do
    for m in $(seq 1 $nodes); do
      [ "$n" = "$m" ] && continue
      target="${meships[$((m - 1))]}"
      ok=false
      for _ in $(seq 1 30); do ip netns exec "${lab}n$n" ping -c 1 -W 1 "$target" >/dev/null 2>&1 && { ok=true; break; }; done
      if $ok; then echo "[demo] node$n -> node$m ($target): ping ok"; else echo "[demo] node$n -> node$m ($target): NO REPLY"; fi
    done
  done
  echo "[demo] node1's WireGuard interface:"
  ip netns exec "${lab}n1" wg show plexd-demo1 | sed 's/^/[demo]   /'
else
  echo "[demo] not root: the agents run on loopback with mesh.enabled: false, so there are no WireGuard interfaces and no pings (run as root, e.g. sudo, for the mesh)"
fi
echo "[demo] adding policy 'demo-ssh' (a signed policy_updated event follows)"
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
