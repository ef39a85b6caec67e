#!/usr/bin/env bash
# Log lines per second through the logfwd plugin (tail → filter → JSON → gzip → POST to a local sink) next to
# `gzip -1` over the same 200,000 lines, the whole process (and gzip) pinned to one core with taskset; plexd's code
# runs with the unit's runtime settings.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/Plexd.Benchmarks -c Release --nologo -v quiet >/dev/null
# The runtime settings the agent runs with (packaging/systemd/plexd.service), e.g. no tiered JIT.
export $(sed -n 's/^Environment=//p' packaging/systemd/plexd.service)
taskset -c 0 dotnet tests/Plexd.Benchmarks/bin/Release/net10.0/Plexd.Benchmarks.dll logfwd
