# tests/cli.d/mip.sh -- whole-unit answers state their proven bound, the
# default time limit, and the bounds the builder writes.
# Sourced by tests/cli.sh: uses expect, ok, close, $tmp and $BIN.

# The engine analyzer (Winston): optimum 1280, proven, so the bound is
# within the default gap (1e-6) of it.
expect mip-bound-text 0 "^Lower bound +1,280\.00 +\(proven: no whole-unit plan costs less\)" solve examples/engine-analyzer.yaml
expect mip-bound-json 0 '"bound": 12(80|79\.9[0-9]*),' solve examples/engine-analyzer.yaml --format json
expect mip-stats-json 0 '"time_limit": 60, "first_plan_seconds": [0-9.e-]+, "heuristic_seconds": [0-9.e-]+, "heuristic_cost": 1280' solve examples/engine-analyzer.yaml --format json
expect mip-csv-header 0 "^period,device,in_service,bought,retired,capacity,demand,power_kw,spend,period_cost,plan_cost,bound,gap$" solve examples/engine-analyzer.yaml --format csv
ok mip-csv-row grep -Eq "^[0-9]{4},analyzer,.*,1280,12(80|79\.9[0-9]*),[0-9.e-]+$" "$tmp/out"
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
