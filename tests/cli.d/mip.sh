# tests/cli.d/mip.sh -- whole-unit answers state their proven bound, the
# default time limit, and the bounds the builder writes.
# Sourced by tests/cli.sh: uses expect, ok, close, $tmp and $BIN.

# The engine analyzer (Winston): optimum 1280, proven, so the bound is
# within the default gap (1e-6) of it.
expect mip-bound-text 0 "^Lower bound +1,280\.00 +\(proven: no whole-unit plan costs less\)" solve examples/engine-analyzer.yaml
expect mip-bound-json 0 '"bound": 12(80|79\.9[0-9]*),' solve examples/engine-analyzer.yaml --format json
expect mip-stats-json 0 '"time_limit": 60, "first_plan_seconds": [0-9.e-]+, "heuristic_seconds": [0-9.e-]+, "heuristic_cost": 1280' solve examples/engine-analyzer.yaml --format json
expect mip-csv-header 0 "^period,device,in_service,bought,retired,capacity,demand,power_kw,spend,period_cost,plan_cost,bound,gap,levelized_cost$" solve examples/engine-analyzer.yaml --format csv
ok mip-csv-row grep -Eq "^[0-9]{4},analyzer,.*,1280,12(80|79\.9[0-9]*),[0-9.e-]+,256$" "$tmp/out"
# The gap in words: within the solver's default relative gap (BE_COST_TOL,
# 1e-6) it is rounding and reads 0% (the seed model's proven optimum had
# printed 'gap 2.79e-14%'); a larger one reads as JSON's gap, to three
# digits (--mip-gap 0.2 lets branch and bound stop early, at whatever gap
# it then has).
gap_text() { awk -v g="$1" 'BEGIN { if (g == "") exit 1; if (g <= 1e-6 && g >= -1e-6) print "0%"; else printf "%.3g%%\n", 100 * g }'; }
expect gap-seed-zero 0 "^Status +optimal, whole units \(MIP\), gap 0%$" solve models/seed-1mw.yaml
for g in 1e-6 0.2; do
    expect "gap-json:$g" 0 "" solve models/seed-1mw.yaml --mip-gap $g --format json
    gap_want=$(gap_text "$(json_get "$tmp/out" j.gap)")
    expect "gap-text:$g" 0 "" solve models/seed-1mw.yaml --mip-gap $g
    ok "gap-text-agrees:$g ($gap_want)" grep -Eq "^Status +optimal, whole units \(MIP\), gap $gap_want$" "$tmp/out"
done

# Before a whole-unit solve, one line on stderr says so and with what
# limit, whether or not stderr is a terminal (here a file); none with
# --quiet, for an LP, or for a model in fractional units.
E=examples/engine-analyzer.yaml
expect say-solving 0 "" solve $E
ok say-solving-line test "$(cat "$tmp/err")" = "breakeven: $E: solving with whole units (time limit 60 s) ..."
expect say-solving-limit 0 "" solve $E --time-limit 2.5
ok say-solving-limit-line test "$(cat "$tmp/err")" = "breakeven: $E: solving with whole units (time limit 2.5 s) ..."
expect say-solving-none 0 "" solve $E --time-limit none
ok say-solving-none-line test "$(cat "$tmp/err")" = "breakeven: $E: solving with whole units (no time limit) ..."
expect say-solving-report 0 "" report $E -o "$tmp/say.html"
ok say-solving-report-line test "$(cat "$tmp/err")" = "breakeven: $E: solving with whole units (time limit 60 s) ..."
expect say-solving-quiet 0 "" solve $E --quiet
ok say-solving-quiet-silent test ! -s "$tmp/err"
expect say-solving-relax 0 "" solve $E --relax
ok say-solving-relax-silent test ! -s "$tmp/err"
expect say-solving-lp-model 0 "" solve $E --set integer=false
ok say-solving-lp-model-silent test ! -s "$tmp/err"
# uncertainty solves several programs, each within the limit
expect say-solving-each 0 "" uncertainty models/b200-launch.yaml --time-limit 1
ok say-solving-each-line test "$(head -n 1 "$tmp/err")" = "breakeven: models/b200-launch.yaml: solving with whole units (time limit 1 s per solve) ..."

# An LP has no lower-bound line and no MIP stats.
expect lp-no-bound 0 "" solve examples/engine-analyzer.yaml --relax
ok lp-no-bound-line test "$(grep -c '^Lower bound' "$tmp/out")" -eq 0
expect time-limit-none 0 "Net present cost +1,280\.00" solve examples/engine-analyzer.yaml --time-limit none
expect time-limit-none-json 0 '"time_limit": null' solve examples/engine-analyzer.yaml --time-limit none --format json
expect time-limit-bad 2 "--time-limit needs a number of seconds > 0 or 'none', found 'never'" solve examples/engine-analyzer.yaml --time-limit never
expect help-time-limit 0 "60 for whole units, none for an LP" solve --help

# Every whole-unit column of the written program has a finite upper bound
# (MIR cuts need them): each name in the LP file's Generals section has a
# "0 <= name <= N" line in its Bounds section.  GLPK's writer spells
# hold[dgx-b200,a0,2025] as hold(dgx~b200,a0,2025).
expect lp-bounds 0 "" lp models/gpu-generations.yaml -o "$tmp/b.lp"
ok lp-bounds-present grep -Eq '^ 0 <= hold\(dgx~b200,a0,2025\) <= [0-9]+$' "$tmp/b.lp"
ok lp-bounds-every-integer awk '
    /^Bounds/ { s = "b"; next } /^Generals/ { s = "g"; next } /^End/ { s = "" }
    s == "b" && $1 == "0" && $2 == "<=" && $4 == "<=" { ub[$3] = 1 }
    s == "g" { for (i = 1; i <= NF; i++) { n++; if (!($i in ub)) bad++ } }
    END { exit !(n > 0 && bad == 0) }' "$tmp/b.lp"

# A device never held nor for sale: a cohort of no periods, whose life has
# no exits (tests/cli/lives-no-exits.yaml: fuzz_solve's clang UBSan found
# pointer arithmetic on a null exit list there in the start from unit
# lives; gcc's UBSan, of the sanitizer pass, does not report that kind).
# The LP's optimum is the written program's for glpsol and cbc: keep 5 of
# the 10 old units, retire 5 at once.
expect lives-no-exits 0 "In 2025: retire 5 old units" solve $D/lives-no-exits.yaml --relax --format text
expect lives-no-exits-json 0 "" solve $D/lives-no-exits.yaml --relax --format json -q
obj=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/out")
expect lives-no-exits-lp 0 "" lp $D/lives-no-exits.yaml --relax -o "$tmp/ne.lp"
expect lives-no-exits-mps 0 "" lp $D/lives-no-exits.yaml --relax --format mps -o "$tmp/ne.mps"
cross lives-no-exits "$obj" "$tmp/ne.lp" "$tmp/ne.mps"
