# Sourced by benches/run.sh and benches/national.sh.
# measure NAME CMD...: run CMD under /usr/bin/time -v (output in $work/out-NAME.log, timing in
# $work/time-NAME.log) and print its wall seconds and peak RSS in MB.
measure() {
  local name=$1; shift
  local log="$work/time-$name.log"
  /usr/bin/time -v "$@" >"$work/out-$name.log" 2>"$log" || true
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep "Maximum resident set size" "$log" | awk '{print int($NF/1024)}')
  echo "$wall $rss"
}
