#!/usr/bin/env bash
# Load benchmark of `qujat serve` (issue 16): 50 concurrent connections POST a 10-page
# draft to /api/check over loopback, for 20 s, with wrk (Debian's `wrk`). Prints wrk's
# latency distribution (p50/p75/p90/p99) and the server's peak memory.
#
# wrk runs on the same cores as the server: one wrk thread by default (it keeps all 50
# connections busy); WRK_THREADS=2 gives wrk a second thread, which takes about a core
# from the server on a 2-core machine.
#
# The draft: the test drafts (tests/drafts/*) one after another until 18,000 characters,
# about 10 A4 pages at 14 pt; every paragraph holds references, so it is a dense case.
#
# Usage: scripts/bench-serve.sh [QUJAT_BINARY] [SECONDS] [CONNECTIONS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${CARGO_TARGET_DIR:-$root/target}/release/qujat}
secs=${2:-20}
conns=${3:-50}
command -v wrk >/dev/null || { echo "bench-serve: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -x "$bin" ] || { echo "bench-serve: no binary $bin (cargo build --release)" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 - "$root" "$work" <<'PY'
import json, pathlib, sys
root, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
parts = [p.read_text(encoding="utf-8") for p in sorted((root / "tests/drafts").iterdir())]
text, i = "", 0
while len(text) < 18000:
    text += parts[i % len(parts)] + "\n\n"
    i += 1
(work / "body.json").write_text(json.dumps({"text": text, "name": "ten-pages.md"}, ensure_ascii=False), encoding="utf-8")
(work / "post.lua").write_text(
    'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
    f'local f = io.open("{work}/body.json", "rb")\nwrk.body = f:read("*a")\nf:close()\n')
print(f"draft: {len(text)} characters, {len(text.encode())} bytes, {text.count(chr(10))} lines")
PY
port=$((20000 + $$ % 20000))
"$bin" serve --bind "127.0.0.1:$port" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 100); do grep -q http:// "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/api/check"
n=$(curl -s -X POST -H 'Content-Type: application/json' --data-binary @"$work/body.json" "$url" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["citations"]), "references,", len(d["diagnostics"]), "diagnostics")')
echo "one check: $n"
wrk -t"${WRK_THREADS:-1}" -c"$conns" -d"${secs}s" --latency -s "$work/post.lua" "$url"
echo "server peak memory: $(grep VmHWM /proc/$pid/status | awk '{print $2/1024 " MB"}')"
