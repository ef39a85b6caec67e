#!/usr/bin/env bash
# Node API numbers against the real built agent (artifacts/plexd, mesh off) behind the development control plane:
# request latency and throughput over the Unix socket (keep-alive, one client), report PUTs, the CLI's wall time,
# and the agent's resident memory with and without the nodeapi plugin. Needs `bash packaging/build.sh` first.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d /tmp/plexd-bench-nodeapi.XXXXXX)"
port=$((20000 + RANDOM % 20000))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

artifacts/plexd-devcp/plexd-devcp --listen "http://127.0.0.1:$port" --token plx_bench >"$work/devcp.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -s "http://127.0.0.1:$port/admin/nodes" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/admin/nodes" >/dev/null || { echo "control plane did not start"; cat "$work/devcp.log"; exit 1; }

start_agent() { # $1 = name, $2 = node_api.enabled
  mkdir -p "$work/$1"
  cat >"$work/$1/config.yaml" <<YAML
api: http://127.0.0.1:$port
data_dir: $work/$1/data
token:
  value: plx_bench
mesh:
  enabled: false
node_api:
  enabled: $2
  socket: $work/$1/api.sock
YAML
  artifacts/plexd/plexd up --config "$work/$1/config.yaml" >"$work/$1/agent.log" 2>&1 &
  pids+=($!)
  echo $!
}

with_api=$(start_agent with true)
for _ in $(seq 300); do [ -S "$work/with/api.sock" ] && break; sleep 0.1; done
[ -S "$work/with/api.sock" ] || { echo "agent did not start"; cat "$work/with/agent.log"; exit 1; }

python3 - "$work/with/api.sock" <<'PY'
import http.client, socket, sys, time, statistics, json
path = sys.argv[1]
class Unix(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); self.sock.connect(path)
def run(method, url, body=None, n=3000):
    c = Unix("localhost"); lat = []
    for i in range(200):  # warm-up (JIT, connection)
        c.request(method, url(i) if callable(url) else url, body); c.getresponse().read()
    t0 = time.perf_counter()
    for i in range(n):
        s = time.perf_counter()
        c.request(method, url(i) if callable(url) else url, body); r = c.getresponse(); r.read()
        lat.append(time.perf_counter() - s)
    total = time.perf_counter() - t0
    lat.sort()
    return n / total, lat[len(lat)//2] * 1e6, lat[int(len(lat)*.99)] * 1e6
for name, method, url, body in [
    ("GET /v1/state", "GET", "/v1/state", None),
    ("GET /v1/status", "GET", "/v1/status", None),
    ("PUT /v1/state/report/k{i%50}", "PUT", lambda i: f"/v1/state/report/k{i%50}", json.dumps({"content_type": "application/json", "payload": {"free_pct": 41}})),
]:
    rps, p50, p99 = run(method, url, body)
    print(f"{name:32s} {rps:8.0f} req/s  p50 {p50:6.0f} us  p99 {p99:6.0f} us  (3000 sequential requests, one keep-alive connection)")
PY

t0=$(date +%s%N)
for _ in $(seq 10); do artifacts/plexd/plexd status --json --socket "$work/with/api.sock" >/dev/null; done
echo "plexd status --json (process start to exit)  $(( ($(date +%s%N) - t0) / 10000000 )) ms per call (mean of 10)"

without_api=$(start_agent without false)
sleep 8 # both agents idle after startup
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
echo "agent RSS with nodeapi (after 3000x3 requests): $(rss "$with_api") KiB; agent RSS with node_api.enabled=false: $(rss "$without_api") KiB"
