#!/usr/bin/env bash
# The dev server under load (issue 8): `lape serve` on a copy of the real bank, wrk on loopback
# for 30 s with 2 threads and 16 connections, while a document is edited every second.
# Prints wrk's figures; fails if any request failed or answered other than 200.
#   bash tests/load/serve_under_load.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-30}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
cargo build --release --quiet
tmp="$(mktemp -d)"
trap 'kill "$server" "$editor" 2>/dev/null || true; rm -rf "$tmp"' EXIT
cp -r content themes book.toml "$tmp"/
port=$((20000 + RANDOM % 20000))
target/release/lape serve --root "$tmp" --port "$port" >"$tmp/serve.out" 2>"$tmp/serve.err" &
server=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
  sleep 0.1
done
doc="$tmp/content/pilots/vatu.md"
cp "$doc" "$tmp/vatu.orig"
(
  n=0
  while true; do
    n=$((n + 1))
    { cat "$tmp/vatu.orig"; printf '\nKuormitusmuokkaus %d.\n' "$n"; } >"$doc"
    sleep 1
  done
) &
editor=$!
out="$(wrk -t2 -c16 -d"${secs}s" --latency -s tests/load/paths.lua "http://127.0.0.1:$port/")"
kill "$editor" 2>/dev/null || true
echo "$out"
rebuilds="$(grep -c 'updated\|rebuilt' "$tmp/serve.err" || true)"
echo "rebuilds during the run: $rebuilds"
if grep -q "panicked" "$tmp/serve.err"; then
  echo "the server panicked" >&2
  exit 1
fi
errors="$(echo "$out" | sed -n 's/.*errors: connect \([0-9]*\) read \([0-9]*\) write \([0-9]*\) timeout \([0-9]*\) status \([0-9]*\).*/\1 \2 \3 \4 \5/p')"
total=0
for e in $errors; do total=$((total + e)); done
if echo "$out" | grep -q "Non-2xx"; then total=$((total + 1)); fi
echo "errors: $total"
[ "$total" -eq 0 ]
