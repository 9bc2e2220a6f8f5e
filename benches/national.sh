#!/usr/bin/env bash
# National roll-up benchmark: P distinct provinces (default 13) of N returns each (default 10,000)
# are generated (unit codes "PP-AG-0001…" and names "… (PP)", so no unit repeats across provinces),
# each province's returns are merged into a province summary, then the P summaries are rolled up
# into one. Wall time and peak RSS of every step come from /usr/bin/time -v, as in benches/run.sh.
#
# usage: benches/national.sh [PROVINCES] [N]     (BENCH_DIR: work folder, default target/bench)
# Generated provinces and their summaries are kept (a .done file each), so a rerun measures the
# roll-up again without rebuilding them; delete the folder to start over.
set -euo pipefail
cd "$(dirname "$0")/.."
p=${1:-13}; n=${2:-10000}
work=${BENCH_DIR:-target/bench}/national-$p-$n
mkdir -p "$work/summaries"
command -v /usr/bin/time >/dev/null || { apt-get install -y time >/dev/null 2>&1 || true; }
cargo build --release --quiet --bin soket --example gen_returns
bin=target/release/soket

source benches/measure.sh

echo "| step | units | seconds | peak MB |"
echo "|---|---|---|---|"
for i in $(seq -w 1 "$p"); do
  d="$work/p$i"
  if [ ! -f "$d/.done" ]; then
    rm -rf "$d"; mkdir -p "$d"
    target/release/examples/gen_returns "$d" "$n" "$((10#$i))" "$((10#$i))" >/dev/null
    read -r w r <<<"$(measure merge-p$i $bin merge --quiet --force -o "$work/summaries/p$i.xlsx" "$d/returns")"
    echo "$w $r" > "$d/.done"
    rm -rf "$d/returns"   # the summary is what the roll-up reads; 10,000 returns take 300 MB of disk
  fi
  read -r w r < "$d/.done"
  echo "| merge province $i | $n | $w | $r |"
done
# One summary alone, then all of them (median of REPEAT rounds each, default 3).
median() { sort -n | awk '{ a[NR]=$0 } END { print a[int((NR+1)/2)] }'; }
one=$(for _ in $(seq "${REPEAT:-3}"); do measure rollup-1 $bin merge --quiet --force -o "$work/one.xlsx" "$work/summaries/p01.xlsx"; done | median)
all=$(for _ in $(seq "${REPEAT:-3}"); do measure rollup-$p $bin merge --quiet --force -o "$work/national.xlsx" "$work/summaries"; done | median)
read -r w r <<<"$one"; echo "| roll up 1 summary | $n | $w | $r |"
read -r w r <<<"$all"; echo "| roll up $p summaries | $((p * n)) | $w | $r |"
