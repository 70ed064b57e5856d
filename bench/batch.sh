#!/bin/sh
# bench/batch.sh -- batch and sweep throughput (docs/batch.md).
#
#   sh bench/batch.sh [BINARY [MODELS [JOBS]]]
#
# BINARY  the breakeven program (default build/breakeven)
# MODELS  how many model files to write and solve (default 1000)
# JOBS    processes for `batch -j` (default 2)
#
# The models are textbook size: examples/ten-to-five.yaml (6 yearly
# periods, two devices, a MIP) with its energy price varied from model to
# model, written into a temporary folder.  Three timings:
#   1. a shell loop of `breakeven solve MODEL --format json` over them;
#   2. `breakeven batch -j 1` and `-j JOBS` over them (rows to /dev/null);
#   3. a 100-point sweep of the energy price, `sweep -j JOBS`, and a
#      9-point sweep of a larger LP with and without warm starts.
set -eu
BIN=${1:-build/breakeven}
N=${2:-1000}
JOBS=${3:-2}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# seconds since the epoch with nanoseconds (GNU date)
now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" -v u="${4:-models}" 'BEGIN { s = b - a; printf "%.2f s, %.1f %s/s", s, n / s, u }'; }

i=0
while [ "$i" -lt "$N" ]; do
    price=$(awk -v i="$i" 'BEGIN { printf "%.5f", 0.02 + i * 0.00008 }')
    sed "s/^energy: {price: 0.10}/energy: {price: $price}/" \
        examples/ten-to-five.yaml >"$dir/m$i.yaml"
    i=$((i + 1))
done
grep -q "price: 0.02000" "$dir/m0.yaml" || { echo "bench/batch.sh: model generation failed" >&2; exit 1; }

echo "batch: $N models like examples/ten-to-five.yaml (energy price varied), $(nproc) cores"
t0=$(now)
for f in "$dir"/m*.yaml; do
    "$BIN" solve "$f" --format json >/dev/null
done
t1=$(now)
echo "  shell loop of 'breakeven solve':  $(rate "$N" "$t0" "$t1")"
t0=$(now)
"$BIN" batch "$dir"/m*.yaml -j 1 --quiet >/dev/null
t1=$(now)
echo "  breakeven batch -j 1:             $(rate "$N" "$t0" "$t1")"
t0=$(now)
"$BIN" batch "$dir"/m*.yaml -j "$JOBS" --quiet >/dev/null
t1=$(now)
echo "  breakeven batch -j $JOBS:             $(rate "$N" "$t0" "$t1")"

t0=$(now)
"$BIN" sweep examples/ten-to-five.yaml --vary energy.price=0.001:0.1:0.001 \
    -j "$JOBS" --quiet >"$dir/sweep.csv"
t1=$(now)
points=$(($(wc -l <"$dir/sweep.csv") - 1))
echo "sweep: $points points of examples/ten-to-five.yaml (energy.price=0.001:0.1:0.001), -j $JOBS"
echo "  (whole units: every point starts cold) $(rate "$points" "$t0" "$t1" points)"

# Warm starts pay on LPs of some size: a generated 10-type x 60-month
# model with integer: false, 9 energy prices, one process at a time so
# each point starts from the previous point's basis.
sh "$(dirname "$0")/gen-large.sh" 10 60 false >"$dir/lp.yaml"
iters() { awk -F, 'NR==1{for(i=1;i<=NF;i++) if($i=="iterations") c=i} NR>1{s+=$c} END{print s+0}' "$1"; }
echo "sweep: 9 points of a 10-type x 60-month LP (energy.price=0.06:0.1:0.005), -j 1"
for mode in warm cold; do
    flag=""; [ "$mode" = cold ] && flag="--cold"
    t0=$(now)
    "$BIN" sweep "$dir/lp.yaml" --vary energy.price=0.06:0.1:0.005 -j 1 $flag \
        --quiet >"$dir/lp-$mode.csv"
    t1=$(now)
    printf '  %-34s %s s, %s simplex iterations\n' "$mode starts:" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')" \
        "$(iters "$dir/lp-$mode.csv")"
done
