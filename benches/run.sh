#!/usr/bin/env bash
# Benchmark of check, merge, status and template --roster against the floor (calamine opening and
# reading every cell) and the peer (a pandas/openpyxl script doing the same merge), in one run on one machine.
#
# usage: benches/run.sh [N...]        default: 1000 10000   (PEER_MAX=N: run the peer up to N returns, default 1000;
#                                     REPEAT=R: rounds of floor/check/merge/status, median reported, default 3)
# Needs: cargo, /usr/bin/time (apt-get install time); python3 for the peer (a venv gets openpyxl and pandas).
# Output: a markdown table on stdout; record it in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=${BENCH_DIR:-target/bench}
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { apt-get install -y time >/dev/null 2>&1 || true; }
cargo build --release --quiet --bin soket --example floor --example gen_returns
bin=target/release/soket
peer=""
if command -v python3 >/dev/null; then
  if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv" && "$work/venv/bin/pip" install --quiet openpyxl pandas || true
  fi
  "$work/venv/bin/python" -c "import openpyxl, pandas" 2>/dev/null && peer="$work/venv/bin/python"
fi
$bin outline --format json > "$work/outline.json"

source benches/measure.sh

echo "| returns | step | seconds | returns/s | peak MB | × floor | peer ÷ sokết |"
echo "|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  d="$work/n$n"
  if [ ! -f "$d/.done" ]; then
    rm -rf "$d"; mkdir -p "$d"
    target/release/examples/gen_returns "$d" "$n" 1 >/dev/null
    touch "$d/.done"
  fi
  rm -rf "$d/out"; mkdir -p "$d/out"
  # One untimed pass so that every step finds the returns in the page cache, then REPEAT rounds of
  # floor, check, merge and status in turn; each step's median round is reported.
  target/release/examples/floor "$d/returns" >/dev/null
  declare -A runs=()
  for r in $(seq "${REPEAT:-3}"); do
    runs[floor]+="$(measure floor-$n target/release/examples/floor "$d/returns");"
    runs[check]+="$(measure check-$n $bin check --quiet --format json "$d/returns");"
    runs[merge]+="$(measure merge-$n $bin merge --quiet --force -o "$d/out/tong-hop.xlsx" "$d/returns");"
    runs[status]+="$(measure status-$n $bin status --quiet --roster "$d/roster.csv" --as-of 2026-05-01 "$d/returns");"
  done
  median() { tr ';' '\n' <<<"${runs[$1]}" | grep . | sort -n | awk '{ a[NR]=$0 } END { print a[int((NR+1)/2)] }'; }
  read -r fw fr <<<"$(median floor)"
  read -r cw cr <<<"$(median check)"
  read -r mw mr <<<"$(median merge)"
  read -r sw sr <<<"$(median status)"
  unset runs
  read -r tw tr <<<"$(measure template-$n $bin template --quiet --roster "$d/roster.csv" -o "$d/out/forms")"
  pw=""; pr=""
  # The peer takes about a minute per 1,000 returns: by default it runs up to PEER_MAX returns.
  if [ -n "$peer" ] && [ "$n" -le "${PEER_MAX:-1000}" ]; then
    read -r pw pr <<<"$(measure peer-$n "$peer" benches/peer_openpyxl.py "$work/outline.json" "$d/out/peer.xlsx" "$d/returns")"
  fi
  row() { # step wall rss
    local rate ratio vs
    rate=$(awk -v n="$n" -v w="$2" 'BEGIN{ if (w>0) printf "%.0f", n/w; else print "-" }')
    ratio=$(awk -v w="$2" -v f="$fw" 'BEGIN{ if (f>0) printf "%.2f", w/f; else print "-" }')
    vs=$(awk -v w="$2" -v p="$pw" 'BEGIN{ if (p!="" && w>0) printf "%.0f×", p/w; else print "" }')
    echo "| $n | $1 | $2 | $rate | $3 | $ratio | $4${vs:+$vs} |"
  }
  row floor "$fw" "$fr" ""
  row check "$cw" "$cr" ""
  row merge "$mw" "$mr" ""
  row status "$sw" "$sr" ""
  row "template --roster" "$tw" "$tr" ""
  if [ -n "$pw" ]; then # (a bare `[ ] &&` as the loop's last command made the script exit 1)
    echo "| $n | peer (openpyxl+pandas) | $pw | $(awk -v n="$n" -v w="$pw" 'BEGIN{printf "%.0f", n/w}') | $pr | $(awk -v w="$pw" -v f="$fw" 'BEGIN{printf "%.2f", w/f}') | |"
  fi
done
