#!/bin/sh
# bench/workloads.sh -- the workload benchmarks (issue 20, "Performance").
#
#   sh bench/workloads.sh [BREAKEVEN]        default BREAKEVEN: build/breakeven
#
# Two parts, on the same machine in the same run:
#
#   1. The 3-workload LP: bench/gen-large.sh 20 120 false workloads=3 (20
#      device types, 120 months, training, inference and batch, every
#      device serving all three with its own throughput), and the same
#      with revenue=yes (inference sold in a market: sell columns, market
#      rows and the demand's revenue as the objective's constant).
#      breakeven: `solve --stats`, its total time (parse to report, as in
#      bench/run) and its objective; CLP: cbc on the MPS file `breakeven
#      lp` writes, run twice, `solve` (cbc's default for an LP, dual
#      simplex after presolve) and `primalS` (primal simplex), wall clock
#      including reading the file, and the objective it reports (the file
#      carries the constant as a column `demand_revenue` fixed at 1, so it
#      is in cbc's objective; a "constant term" comment, which GLPK's LP
#      writer leaves for a constant, would be added).  The reference is
#      the faster CLP run; ratio = breakeven / CLP.
#      PASS/FAIL: breakeven no slower than CLP (ratio <= 1), and the
#      objectives agree within 1e-6 (relative).
#
#   2. The monthly whole-unit models of bench/mip.sh (m3x14, g5x36, m6x36,
#      m10x60, m20x120) given two workloads, training and inference (older
#      types worse at both, relatively least at inference, and cheap: see
#      bench/gen-large.sh), once as costs alone and once with inference
#      sold (revenue=yes): bench/mip.sh itself runs them, with
#      GEN_LARGE="workloads=2 [revenue=yes]" passed down to
#      bench/gen-large.sh, so that the times, costs, bounds and the ratio
#      are computed exactly as there (the objective's constant included:
#      with revenue it is the LP file's `demand_revenue` column, already in
#      cbc's objective).  Its table is printed as it is, then one line per
#      model: PASS when breakeven's plan after RATIO_AT s is no dearer than
#      cbc's after CBC_LIMIT s (ratio <= 1 + 2e-6: breakeven stops at a
#      relative gap of 1e-6) or cbc has none, FAIL otherwise, with by how
#      much.
#      bench/mip.sh's own checks (the time limit, the objective constant)
#      count too.
#
# Exit status 1 on any FAIL.  Environment (all optional):
#   LP="DEVICES PERIODS"   the LP's size (default "20 120")
#   LIMITS="10"            breakeven's time limits in part 2 (bench/mip.sh)
#   CBC_LIMIT=60           cbc's time limit in part 2
#   RATIO_AT=10            breakeven's limit for the ratio (one of LIMITS)
#   MODELS="..."           part 2's models (default: the five above)
#   VARIANTS="costs revenue"  part 2's variants (either or both)
#   CBC=cbc                the cbc program ("" or not found: no references)
# With the defaults a run takes about 1 + 10 x (10 + 60) s: 13 minutes.
# To try it quickly: LP="5 36" LIMITS=2 RATIO_AT=2 CBC_LIMIT=4 MODELS=m3x14.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
be=${1:-$root/build/breakeven}
lp=${LP:-20 120}
limits=${LIMITS:-10}
cbc_limit=${CBC_LIMIT:-60}
ratio_at=${RATIO_AT:-10}
models=${MODELS:-m3x14 g5x36 m6x36 m10x60 m20x120}
variants=${VARIANTS:-costs revenue}
cbc=${CBC-cbc}

if [ ! -x "$be" ]; then
    echo "bench/workloads.sh: $be not found; build it first (make)" >&2
    exit 2
fi
if [ -n "$cbc" ] && ! command -v "$cbc" >/dev/null 2>&1; then
    echo "bench/workloads.sh: $cbc not found: no CLP or cbc reference (Debian: coinor-cbc)" >&2
    cbc=
fi
for v in $variants; do
    case $v in costs|revenue) ;; *) echo "bench/workloads.sh: VARIANTS are costs and revenue, found '$v'" >&2; exit 2;; esac
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/breakeven-workloads.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# seconds since the epoch with nanoseconds (GNU date)
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# field FILE KEY: the number after KEY in the --stats lines of FILE
field() {
    sed -n 's/^stats: //p' "$1" | tr ',' '\n' |
        awk -v k="$2" '{ sub(/^ +/, "") }
            index($0, k " ") == 1 { v = substr($0, length(k) + 2); sub(/[ s%(].*/, "", v); print v; exit }'
}

# near A B: A and B agree within 1e-6, relative
near() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") exit 1; d = a - b; if (d < 0) d = -d
        s = a < 0 ? -a : a; if (s < 1) s = 1; exit !(d <= 1e-6 * s) }'
}

status=0
cpus=$(nproc 2>/dev/null || echo '?')
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)
echo "breakeven workload benchmarks: $cpus CPU(s)${cpu:+, $cpu}; $("$be" --version 2>/dev/null || true)"
echo

# 1. The 3-workload LP, with and without revenue.
# shellcheck disable=SC2086
set -- $lp
echo "1. 3-workload LP: $1 device types x $2 months, training, inference and batch (bench/gen-large.sh $1 $2 false workloads=3)"
printf '  %-9s %-22s %10s %10s %10s %7s  %s\n' "" "size" "breakeven" "CLP solve" "CLP primal" "ratio" "objective"
for extra in "" revenue=yes; do
    name=costs
    [ -n "$extra" ] && name=revenue
    sh "$here/gen-large.sh" "$1" "$2" false workloads=3 $extra >"$tmp/lp.yaml"
    rc=0
    "$be" solve "$tmp/lp.yaml" --stats --format json -o "$tmp/lp.json" 2>"$tmp/lp.err" || rc=$?
    if [ "$rc" != 0 ]; then
        sed 's/^/  /' "$tmp/lp.err"
        echo "  FAIL: $name: the solve exited with $rc"
        status=1
        continue
    fi
    ours=$(field "$tmp/lp.err" total)
    obj=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/lp.json" | head -n 1)
    size="$(field "$tmp/lp.err" rows) x $(field "$tmp/lp.err" columns)"
    clp_solve=- clp_primal=- clp_obj='' ref=''
    if [ -n "$cbc" ]; then
        "$be" lp "$tmp/lp.yaml" --format mps -o "$tmp/lp.mps"
        "$be" lp "$tmp/lp.yaml" -o "$tmp/lp.lp"
        # a constant GLPK's writer would leave in a comment (none is
        # expected: the writer makes it the demand_revenue column)
        c=$(sed -n 's/^\\\* constant term = \(.*\) \*\\$/\1/p' "$tmp/lp.lp" | head -n 1)
        for how in solve primalS; do
            t0=$(now)
            "$cbc" "$tmp/lp.mps" "$how" quit >"$tmp/clp.log" 2>&1 || true
            t1=$(now)
            t=$(elapsed "$t0" "$t1")
            # "Optimal objective 526044536.6 - 40189 iterations ..."
            o=$(sed -n 's/^Optimal objective \([-0-9.e+]*\) .*/\1/p' "$tmp/clp.log" | head -n 1)
            if [ -z "$o" ]; then
                echo "  FAIL: $name: cbc $how found no optimum: $(tail -n 1 "$tmp/clp.log")"
                status=1
                continue
            fi
            clp_obj=$(awk -v x="$o" -v c="${c:-0}" 'BEGIN { printf "%.15g", x + c }')
            if [ "$how" = solve ]; then clp_solve=$t; else clp_primal=$t; fi
            if [ -z "$ref" ] || awk -v a="$t" -v b="$ref" 'BEGIN { exit !(a < b) }'; then ref=$t; fi
        done
    fi
    ratio=-
    [ -n "$ref" ] && ratio=$(awk -v a="$ours" -v b="$ref" 'BEGIN { printf "%.2f", a / b }')
    printf '  %-9s %-22s %9ss %9ss %9ss %7s  %s\n' "$name" "$size" "$ours" "$clp_solve" "$clp_primal" "$ratio" "$obj"
    sed -n 's/^stats: /            /p' "$tmp/lp.err"
    if [ -z "$ref" ]; then
        echo "  $name: no CLP reference (cbc not installed)"
        continue
    fi
    if awk -v r="$ratio" 'BEGIN { exit !(r <= 1) }'; then
        echo "  PASS: $name: breakeven $ours s, no slower than CLP's $ref s (ratio $ratio)"
    else
        echo "  FAIL: $name: breakeven $ours s, slower than CLP's $ref s (ratio $ratio, $(awk -v a="$ours" -v b="$ref" 'BEGIN { printf "%.0f%%", 100 * (a - b) / b }') slower)"
        status=1
    fi
    if near "$obj" "$clp_obj"; then
        echo "  PASS: $name: objectives agree (breakeven $obj, CLP $clp_obj)"
    else
        echo "  FAIL: $name: objectives differ (breakeven $obj, CLP $clp_obj)"
        status=1
    fi
done
echo
echo "size: rows x columns; times: breakeven's --stats total (parse to report), CLP's wall"
echo "clock including reading the MPS file; ratio: breakeven / the faster CLP run."
echo

# 2. The whole-unit models with two workloads, through bench/mip.sh.
part=2
for v in $variants; do
    opts="workloads=2"
    [ "$v" = revenue ] && opts="workloads=2 revenue=yes"
    echo "$part. whole-unit models with two workloads ($opts): breakeven @${ratio_at}s against cbc @${cbc_limit}s"
    part=$((part + 1))
    rm -f "$tmp/mip.csv"
    rc=0
    GEN_LARGE=$opts LIMITS=$limits CBC_LIMIT=$cbc_limit RATIO_AT=$ratio_at MODELS=$models \
        CBC=$cbc MIP_CSV="$tmp/mip.csv" sh "$here/mip.sh" "$be" >"$tmp/mip.out" 2>"$tmp/mip.err" || rc=$?
    sed '/^CSV: /d' "$tmp/mip.out"         # the CSV is read below
    if [ "$rc" != 0 ]; then
        sed -n '/^bench\/mip.sh:/p' "$tmp/mip.err"
        echo "FAIL: $v: bench/mip.sh exited with $rc"
        status=1
    fi
    [ -s "$tmp/mip.csv" ] || continue
    echo
    # the ratio (the last column): breakeven @RATIO_AT over cbc's final
    # cost; a plan from one solver only passes or fails without one
    awk -F, -v v="$v" -v R="$ratio_at" -v C="$cbc_limit" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    {
        b = $(col["be_cost_" R "s"]); c = $(col["cbc_cost_end"]); r = $NF
        what = sprintf("%s %s: breakeven @%ss", v, $1, R)
        if (b == "" && c == "") printf "  %s: no plan from either solver\n", what
        else if (c == "") printf "  PASS: %s has a plan (%.4f M), cbc none @%ss\n", what, b / 1e6, C
        else if (b == "") { printf "  FAIL: %s has no plan, cbc has one @%ss (%.4f M)\n", what, C, c / 1e6; bad = 1 }
        else if (r <= 1 + 2e-6) printf "  PASS: %s / cbc @%ss = %.4f\n", what, C, r
        else { printf "  FAIL: %s / cbc @%ss = %.4f, %.2f%% dearer\n", what, C, r, 100 * (r - 1); bad = 1 }
    }
    END { exit bad }' "$tmp/mip.csv" || status=1
    echo
done

exit "$status"
