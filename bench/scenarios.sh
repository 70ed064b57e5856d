#!/bin/sh
# scenarios.sh -- how the stochastic program grows with the scenarios: the
# solve time of a model with 2, 5, 10 and 20 scenarios, yearly and
# monthly, as an LP and as whole units, against cbc on the program
# `breakeven lp` writes (the same run, the same machine).
#
#   sh bench/scenarios.sh [BREAKEVEN]
#
# Environment: COUNTS (default "2 5 10 20"), KINDS (default "small3x6
# small4x7 year month"), SMALL_COUNTS (the scenarios of the small kinds,
# default "2 4"), UNITS (default "lp whole"), LIMIT (breakeven
# --time-limit for whole units, default 60), CBC_LIMIT (default 60), CSV
# (a file for the rows, optional).
#
# The models are bench/gen-large.sh's fleets: 8 types over 10 years
# (year), under a power cap of twice what the demand needs, and 6 types
# over 36 months (month); and small trees a student might write
# (small3x6, small4x7: 3 types over 6 years, 4 over 7, the same cap),
# whose whole-unit programs of 110 to 320 integer columns should be
# proven.  Every other scenario differs in demand growth (0.3 to 0.6 a
# year against 0.6, from the second period on) and in the energy price's
# growth; and the newest type is launched on time or one to three years
# (two to six months; in the small trees one or two years) late, so
# those scenarios part from the others at its launch.  Probabilities are
# equal.  Columns: the program's rows and columns; be_s, breakeven's
# wall-clock seconds (whole units stop at LIMIT unless proven); first,
# seconds to the first whole-unit plan; status and gap at the end;
# cbc_s, cbc's seconds on the written program and its result (optimal,
# stopped with a plan, no plan); vs_cbc, breakeven's objective against
# cbc's.  The machine may be shared: compare within a row.
set -eu
here=$(dirname "$0")
be=${1:-$here/../build/breakeven}
counts=${COUNTS:-"2 5 10 20"}
small_counts=${SMALL_COUNTS:-"2 4"}
kinds=${KINDS:-"small3x6 small4x7 year month"}
units_list=${UNITS:-"lp whole"}
limit=${LIMIT:-60}
cbc_limit=${CBC_LIMIT:-60}
cbc=$(command -v cbc || true)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
field() {  # the first "key": value of a JSON file
    awk -v k="\"$2\": " '{ i = index($0, k); if (i) { v = substr($0, i + length(k));
        sub(/[,}].*/, "", v); print v; exit } }' "$1"
}

# model KIND S INTEGER > file
model() {
    final=0   # a small tree's last year
    if [ "$1" = year ]; then
        sh "$here/gen-large.sh" 8 10 "$3" period=year cap=2
        newest=gen07
    elif [ "$1" = small3x6 ] || [ "$1" = small4x7 ]; then
        d=${1#small}; p=${d#*x}; d=${d%x*}
        sh "$here/gen-large.sh" "$d" "$p" "$3" period=year cap=2
        newest=gen0$((d - 1))
        final=$((2025 + p - 1))
    else
        sh "$here/gen-large.sh" 6 36 "$3" period=month
        newest=gen05
    fi
    echo "scenarios:"
    awk -v n="$2" -v newest="$newest" -v kind="$1" -v final="$final" 'BEGIN {
        p = sprintf("%.6f", 1 / n); last = 1 - (n - 1) * p
        for (i = 0; i < n; i++) {
            g = 0.3 + 0.3 * (i % 7) / 6
            e = 0.02 + 0.08 * ((i * 3) % 5) / 4
            late = int(i / 2) % (final ? 3 : 4)
            printf "  - name: s%d\n    probability: %s\n", i, i < n - 1 ? p : sprintf("%.6f", last)
            set = ""
            if (i % 2)
                set = set sprintf("      demand.growth: %g\n      energy.price.growth: %g\n", g, e)
            if (late > 0 && final)   # a small tree: launched 1 or 2 years late
                set = set sprintf("      devices.%s.available.from: %d\n", newest, final - 3 + late)
            if (late > 0 && kind == "year")
                set = set sprintf("      devices.%s.available.from: %d\n", newest, 2030 + late)
            if (late > 0 && kind == "month")
                set = set sprintf("      devices.%s.available.from: %d-%02d\n", newest, 2027, 1 + 2 * late)
            printf "%s", set == "" ? "    set: {}\n" : "    set:\n" set
        }
    }'
}

printf '%-8s %3s %-5s %6s %6s %8s %6s %-18s %9s %8s %-9s %9s\n' kind S units rows cols be_s first status gap cbc_s cbc vs_cbc
[ -n "${CSV:-}" ] && echo "kind,scenarios,units,rows,cols,breakeven_seconds,first_plan_seconds,status,gap,cbc_seconds,cbc_result,objective,cbc_objective" > "$CSV"
for kind in $kinds; do
    for units in $units_list; do
        integer=$([ "$units" = whole ] && echo true || echo false)
        case $kind in small*) ns=$small_counts ;; *) ns=$counts ;; esac
        for n in $ns; do
            f="$tmp/m.yaml"
            model "$kind" "$n" "$integer" > "$f"
            t0=$(now)
            "$be" solve "$f" --format json --time-limit "$limit" > "$tmp/out.json" 2>/dev/null || true
            t1=$(now)
            bs=$(elapsed "$t0" "$t1")
            status=$(field "$tmp/out.json" status | tr -d '"')
            obj=$(field "$tmp/out.json" objective)
            gap=$(field "$tmp/out.json" gap)
            rows=$(field "$tmp/out.json" rows)
            cols=$(field "$tmp/out.json" columns)
            first=$(field "$tmp/out.json" first_plan_seconds)
            first=$(awk -v f="$first" 'BEGIN { if (f == "" || f == "null") print "-"; else printf "%.2f", f }')
            case $status in "time limit (plan found)") st=stopped ;; "time limit (no plan)") st=no-plan ;; *) st=$status ;; esac
            gap=$(awk -v g="$gap" 'BEGIN { if (g == "" || g == "null") print "-"; else printf "%.3g%%", 100 * g }')
            cs=-; cres=-; cobj=; diff=-
            if [ -n "$cbc" ]; then
                "$be" lp "$f" -o "$tmp/m.lp" 2>/dev/null
                t0=$(now)
                "$cbc" "$tmp/m.lp" timeMode elapsed sec "$cbc_limit" solve quit > "$tmp/cbc.out" 2>&1 || true
                t1=$(now)
                cs=$(elapsed "$t0" "$t1")
                cobj=$(sed -n 's/^Objective value: *//p' "$tmp/cbc.out" | head -n 1)
                if grep -q '^Result - Optimal' "$tmp/cbc.out" || grep -q '^Optimal - objective' "$tmp/cbc.out"; then
                    cres=optimal
                elif [ -n "$cobj" ]; then
                    cres=stopped
                else
                    cres=no-plan
                fi
                [ -n "$cobj" ] || cobj=$(sed -n 's/^Optimal - objective value \([-0-9.e+]*\).*/\1/p' "$tmp/cbc.out" | head -n 1)
                diff=$(awk -v a="$obj" -v b="$cobj" 'BEGIN { if (a == "" || b == "") print "-"; else printf "%+.2g%%", 100 * (a - b) / (b < 0 ? -b : b) }')
            fi
            printf '%-8s %3s %-5s %6s %6s %8s %6s %-18s %9s %8s %-9s %9s\n' "$kind" "$n" "$units" "$rows" "$cols" "$bs" "$first" "$st" "$gap" "$cs" "$cres" "$diff"
            [ -n "${CSV:-}" ] && echo "$kind,$n,$units,$rows,$cols,$bs,$first,$status,$gap,$cs,$cres,$obj,$cobj" >> "$CSV"
        done
    done
done
