# tests/cli.d/batch.sh -- batch and sweep (sourced by tests/cli.sh; uses
# expect, ok, $tmp, $D and $BIN).  docs/batch.md describes both commands.
#
# Models and their hand-checked answers (examples/README.md):
#   ten-to-five: 4,854,000, retire 10 old and buy 5 new in 2027 (course 3);
#     at energy.price 0.04 nothing changes (2,702,400), at 0.05 the
#     replacement is in 2027 (3,102,000): the break-even price is 0.0428.
#   economic-life: 18,900, the machine is replaced in 2031 (course 2).
#   engine-analyzer: 1280 at price 1000; at price 2000, 3300 (tests/cli.sh).
#   tests/cli/infeasible.yaml: no plan (40 units under a 30 kW cap).
#   tests/cli/syntax.yaml: invalid YAML at 3:7.
BD=$tmp/batch
mkdir -p "$BD"
cp examples/ten-to-five.yaml "$BD/a-ten.yaml"
cp examples/economic-life.yaml "$BD/b-life.yaml"
cp examples/engine-analyzer.yaml "$BD/c-engine.yaml"
cp tests/cli/infeasible.yaml "$BD/d-infeasible.yaml"
cp tests/cli/syntax.yaml "$BD/e-syntax.yaml"
cp examples/power-cap.yaml "$BD/f-cap.yaml"
GOOD="$BD/a-ten.yaml $BD/b-life.yaml $BD/c-engine.yaml $BD/f-cap.yaml"
# the rows without their last column (seconds: wall-clock time)
notime() { sed 's/,[^,]*$//' "$@"; }

expect batch-help 0 "--output-dir DIR" batch --help
expect batch-no-files 2 "batch needs at least one model file" batch
expect batch-bad-jobs 2 "-j needs a whole number" batch "$BD/a-ten.yaml" -j 0
expect batch-bad-format 2 "unknown format 'json' \(csv or jsonl\)" batch "$BD/a-ten.yaml" --format json
expect batch-resume-no-dir 2 "--resume needs --output-dir" batch "$BD/a-ten.yaml" --resume
expect batch-same-name 2 "would both write" batch "$BD/a-ten.yaml" "$BD/a-ten.yaml" --output-dir "$tmp/same"

# Every model has a plan: exit 0, one row each with the known answers.
# shellcheck disable=SC2086
expect batch-good 0 "" batch $GOOD -j 2
ok batch-good-header sh -c "head -n 1 '$tmp/out' | grep -qx 'file,model,status,exit,net_present_cost,net_present_value,levelized_cost,first_replacement,first_buy,first_early_retire,bought,scenarios,first_decision,message,resumed,seconds'"
ok batch-good-rows test "$(wc -l <"$tmp/out")" -eq 5
ok batch-ten-row grep -Eq "^$BD/a-ten.yaml,Ten units at 1 MW against five at 0.5 MW,optimal,0,4854000,,[0-9.e+-]+,2027,new=2027,old=2027,old=0;new=5,0,,,false,[0-9.]+$" "$tmp/out"
ok batch-life-row grep -Eq "^$BD/b-life.yaml,Economic life of a machine,optimal,0,18900,,[0-9.e+-]+,2031,machine=2025,machine=2031,machine=2,0,buy 1 machine unit,,false," "$tmp/out"
ok batch-engine-row grep -Eq "^$BD/c-engine.yaml,\"Engine analyzer \(Winston, equipment replacement\)\",optimal,0,1280," "$tmp/out"

# Mixed good and bad files: rows in input order, failures in their rows
# and on stderr, and the exit code of the most severe (3: invalid file).
expect batch-mixed 3 "^breakeven: $BD/e-syntax.yaml:3:7: " batch "$BD/a-ten.yaml" "$BD/d-infeasible.yaml" "$BD/e-syntax.yaml" "$BD/nope.yaml" "$BD/b-life.yaml" -j 2
ok batch-mixed-order sh -c "cut -d, -f1 '$tmp/out' | tr '\n' ' ' | grep -qx 'file $BD/a-ten.yaml $BD/d-infeasible.yaml $BD/e-syntax.yaml $BD/nope.yaml $BD/b-life.yaml '"
ok batch-mixed-infeasible grep -q "^$BD/d-infeasible.yaml,over the cap,infeasible,1,,,,,,,,0,,no feasible plan: the model is infeasible: 2026: demand of 40 cannot be met" "$tmp/out"
ok batch-mixed-syntax grep -q "^$BD/e-syntax.yaml,,invalid model,3,,,,,,,,,,\"3:7: " "$tmp/out"
ok batch-mixed-missing grep -q "^$BD/nope.yaml,,invalid model,3,,,,,,,,,,cannot open the file" "$tmp/out"
ok batch-mixed-stderr grep -q "^breakeven: $BD/d-infeasible.yaml: infeasible: no feasible plan" "$tmp/err"
ok batch-mixed-last grep -q "^$BD/b-life.yaml,Economic life of a machine,optimal,0,18900," "$tmp/out"
expect batch-infeasible 1 "" batch "$BD/a-ten.yaml" "$BD/d-infeasible.yaml"

# -j 1 and -j 2 give the same rows (apart from the time column), CSV and
# JSON lines; -o writes the same file.
ALL="$GOOD $BD/d-infeasible.yaml $BD/e-syntax.yaml"
# shellcheck disable=SC2086
expect batch-j1 3 "" batch $ALL -j 1
notime "$tmp/out" >"$tmp/j1.csv"
# shellcheck disable=SC2086
expect batch-j2 3 "" batch $ALL -j 2 -o "$tmp/j2-file.csv"
notime "$tmp/j2-file.csv" >"$tmp/j2.csv"
ok batch-j1-j2 cmp -s "$tmp/j1.csv" "$tmp/j2.csv"
# shellcheck disable=SC2086
expect batch-jsonl-j1 3 "" batch $ALL -j 1 --format jsonl
sed 's/, "seconds": [0-9.]*}$/}/' "$tmp/out" >"$tmp/j1.jsonl"
# shellcheck disable=SC2086
expect batch-jsonl-j2 3 "" batch $ALL -j 2 --format jsonl
sed 's/, "seconds": [0-9.]*}$/}/' "$tmp/out" >"$tmp/j2.jsonl"
ok batch-jsonl-j1-j2 cmp -s "$tmp/j1.jsonl" "$tmp/j2.jsonl"
ok batch-jsonl-rows test "$(wc -l <"$tmp/j1.jsonl")" -eq 6
# its levelized cost is solve's (the batch's row is filled from the same
# evaluation)
expect batch-ten-solve 0 "" solve "$BD/a-ten.yaml" --format json -q
LCOC_TEN=$(sed -n 's/.*"levelized_cost": \([^,]*\),.*/\1/p' "$tmp/out" | head -n 1)
ok batch-ten-lcoc-found test -n "$LCOC_TEN"
ok batch-jsonl-ten grep -q '^{"file": "'"$BD"'/a-ten.yaml", "model": "Ten units at 1 MW against five at 0.5 MW", "status": "optimal", "exit": 0, "net_present_cost": 4854000, "net_present_value": null, "levelized_cost": '"$LCOC_TEN"', "first_replacement": "2027", "devices": {"old": {"first_buy": null, "first_early_retire": "2027", "bought": 0}, "new": {"first_buy": "2027", "first_early_retire": null, "bought": 5}}, "scenarios": 0, "first_decision": "", "message": "", "resumed": false}$' "$tmp/j1.jsonl"
# A model with revenue: net present value 506.40 and levelized cost 484.74,
# both worked by hand in examples/README.md section 9; a model without
# revenue (workloads) has no value, and its levelized cost is its 6,000
# (examples/README.md section 11) over the work it serves undiscounted
# (discount rate 0): 6 in 2026, 12 + 8 in 2027 and 2028, 46 in all, 130.43.
expect batch-money 0 "" batch examples/revenue.yaml examples/workloads.yaml
ok batch-money-revenue grep -Eq '^examples/revenue.yaml,"Revenue, a market and the break-even price",optimal,0,-506.40*[0-9]*,506.40*[0-9]*,484.742[0-9]*,' "$tmp/out"
ok batch-money-no-revenue grep -Eq '^examples/workloads.yaml,[^,]*,optimal,0,6000,,130.43[0-9]*,' "$tmp/out"
expect batch-no-header 0 "" batch "$BD/a-ten.yaml" --no-header
ok batch-no-header-row grep -q "^$BD/a-ten.yaml,Ten units" "$tmp/out"
ok batch-no-header-one test "$(wc -l <"$tmp/out")" -eq 1
# --set applies to every model of the batch
expect batch-set 0 "" batch "$BD/a-ten.yaml" --set energy.price=0.04
ok batch-set-row grep -Eq "^$BD/a-ten.yaml,Ten units at 1 MW against five at 0.5 MW,optimal,0,2702400,,[0-9.e+-]+,,,,old=0;new=0," "$tmp/out"

# A process that crashes (test hook BE_BATCH_TEST_HOOK, runner.c) costs
# its own row only: exit 4, the other models solved.
BE_BATCH_TEST_HOOK=crash:b-life
export BE_BATCH_TEST_HOOK
# shellcheck disable=SC2086
expect batch-crash 4 "^breakeven: $BD/b-life.yaml: crashed: the solving process died of signal" batch $GOOD -j 2
ok batch-crash-row grep -q "^$BD/b-life.yaml,,crashed,4,,,,,,,,,,the solving process died of signal" "$tmp/out"
ok batch-crash-others test "$(grep -c ',optimal,0,' "$tmp/out")" -eq 3

# A process that hangs is killed at 3 x the time limit + 5 s (here 5.3 s),
# and the batch goes on.
BE_BATCH_TEST_HOOK=hang:c-engine
start=$(date +%s)
expect batch-hang 4 "^breakeven: $BD/c-engine.yaml: killed: still running after 5.3 s" batch "$BD/c-engine.yaml" "$BD/a-ten.yaml" -j 2 --time-limit 0.1
ok batch-hang-time test $(($(date +%s) - start)) -lt 30
ok batch-hang-row grep -q "^$BD/c-engine.yaml,,killed,4," "$tmp/out"
ok batch-hang-other grep -q "^$BD/a-ten.yaml,Ten units" "$tmp/out"
unset BE_BATCH_TEST_HOOK

# --output-dir: every model with a status leaves its result; an invalid
# file leaves none.
R=$tmp/results
# shellcheck disable=SC2086
expect batch-results 3 "" batch $GOOD "$BD/d-infeasible.yaml" "$BD/e-syntax.yaml" -j 2 --output-dir "$R"
ok batch-result-files test -s "$R/a-ten.json" -a -s "$R/b-life.summary" -a -s "$R/d-infeasible.json"
ok batch-result-invalid test ! -e "$R/e-syntax.json"
# the result is what solve --format json prints (diagnosis too), apart
# from the phase times in "stats"
expect batch-result-solve 0 "" solve "$BD/a-ten.yaml" --format json
nosec "$tmp/out" >"$tmp/solve.json"
nosec "$R/a-ten.json" >"$tmp/result.json"
ok batch-result-same cmp -s "$tmp/result.json" "$tmp/solve.json"
expect batch-result-solve-infeasible 1 "" solve "$BD/d-infeasible.yaml" --format json
ok batch-result-infeasible cmp -s "$tmp/out" "$R/d-infeasible.json"
# An interrupted batch: the run stopped before c-engine's result was
# written; --resume solves only that one and takes the other rows from
# --output-dir.
rm -f "$R/c-engine.json" "$R/c-engine.summary"
# shellcheck disable=SC2086
expect batch-resume 1 "" batch $GOOD "$BD/d-infeasible.yaml" -j 2 --output-dir "$R" --resume
ok batch-resume-solved grep -q "^$BD/c-engine.yaml,\"Engine.*,optimal,0,1280,.*,false,[0-9.]*$" "$tmp/out"
ok batch-resume-kept test "$(grep -c ',true,[0-9.]*$' "$tmp/out")" -eq 4
ok batch-resume-ten grep -Eq "^$BD/a-ten.yaml,Ten units at 1 MW against five at 0.5 MW,optimal,0,4854000,,[0-9.e+-]+,2027,new=2027,old=2027,old=0;new=5,0,,,true,[0-9.]+$" "$tmp/out"
ok batch-resume-infeasible grep -q "^$BD/d-infeasible.yaml,over the cap,infeasible,1,.*,true," "$tmp/out"
# a result deleted, and a model edited after its result: both solved again
rm -f "$R/b-life.json"
touch -t 200001010000 "$R/f-cap.json" "$R/f-cap.summary"
# shellcheck disable=SC2086
expect batch-resume-again 1 "" batch $GOOD "$BD/d-infeasible.yaml" -j 2 --output-dir "$R" --resume
ok batch-resume-again-rows sh -c "cut -d, -f1,15 '$tmp/out' | grep -c ',false$' | grep -qx 2"
ok batch-resume-again-life grep -q "^$BD/b-life.yaml,Economic life of a machine,optimal,0,18900,.*,false," "$tmp/out"
ok batch-resume-again-cap grep -q "^$BD/f-cap.yaml,.*,false,[0-9.]*$" "$tmp/out"

# The GNU parallel recipe of docs/batch.md: one `batch --no-header` per
# file, sorted, gives the rows of one batch run.
if command -v parallel >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    parallel --will-cite -j 2 "$BIN" batch --no-header -j 1 {} ::: $ALL >"$tmp/par.csv" 2>/dev/null
    notime "$tmp/par.csv" | sort >"$tmp/par-sorted.csv"
    tail -n +2 "$tmp/j1.csv" | sort >"$tmp/one-sorted.csv"
    ok batch-parallel-rows test "$(wc -l <"$tmp/par-sorted.csv")" -eq 6
    ok batch-parallel-same cmp -s "$tmp/par-sorted.csv" "$tmp/one-sorted.csv"
else
    echo "note: GNU parallel not installed; skipping the parallel recipe (apt-get install parallel)"
fi

# ---- sweep ----
TEN=examples/ten-to-five.yaml
expect sweep-help 0 "--vary PATH=LO:HI:STEP" sweep --help
expect sweep-no-vary 2 "sweep needs at least one --vary" sweep $TEN
expect sweep-bad-vary 2 "--vary needs PATH=LO:HI:STEP, found 'energy.price=0.1:0.2'" sweep $TEN --vary energy.price=0.1:0.2
expect sweep-bad-step 2 "needs LO <= HI and STEP > 0" sweep $TEN --vary energy.price=0.1:0.2:0
expect sweep-bad-number 2 "LO, HI and STEP must be numbers" sweep $TEN --vary energy.price=a:0.2:0.1
expect sweep-bad-path 2 "no device named like 'nope'" sweep $TEN --vary devices.nope.price=1:2:1
expect sweep-bad-model 3 "^breakeven: $D/syntax.yaml:3:7: " sweep $D/syntax.yaml --vary demand=1:2:1

# Either side of the break-even energy price 0.0428 (course 3).
expect sweep-break-even 0 "" sweep $TEN --vary energy.price=0.04:0.05:0.01
ok sweep-header sh -c "head -n 1 '$tmp/out' | grep -qx 'energy.price,status,exit,net_present_cost,net_present_value,levelized_cost,first_replacement,bought.old,first_buy.old,first_early_retire.old,bought.new,first_buy.new,first_early_retire.new,iterations,message,seconds'"
ok sweep-keep grep -Eq "^0.04,optimal,0,2702400,,[0-9.e+-]+,,0,,,0,,,[0-9]*,,[0-9.]+$" "$tmp/out"
ok sweep-replace grep -Eq "^0.05,optimal,0,3102000,,[0-9.e+-]+,2027,0,,2027,5,2027,,[0-9]*,,[0-9.]+$" "$tmp/out"
ok sweep-two-rows test "$(wc -l <"$tmp/out")" -eq 3

# The grid: 4 discount rates x 3 prices, the last --vary fastest; the
# values are lo + i*step without drift (0.1 + 2*0.1 reads 0.3) and hi is
# included.  Price 1000, rate 0: 1280; price 2000, rate 0: 3300.
EN=examples/engine-analyzer.yaml
expect sweep-grid 0 "" sweep $EN --vary discount_rate=0:0.3:0.1 --vary devices.analyzer.price=1000:2000:500 -j 2
ok sweep-grid-size test "$(wc -l <"$tmp/out")" -eq 13
ok sweep-grid-values sh -c "tail -n +2 '$tmp/out' | cut -d, -f1,2 | tr '\n' ' ' | grep -qx '0,1000 0,1500 0,2000 0.1,1000 0.1,1500 0.1,2000 0.2,1000 0.2,1500 0.2,2000 0.3,1000 0.3,1500 0.3,2000 '"
ok sweep-grid-1280 grep -q "^0,1000,optimal,0,1280," "$tmp/out"
ok sweep-grid-3300 grep -q "^0,2000,optimal,0,3300," "$tmp/out"
notime "$tmp/out" >"$tmp/s2.csv"
expect sweep-grid-j1 0 "" sweep $EN --vary discount_rate=0:0.3:0.1 --vary devices.analyzer.price=1000:2000:500 -j 1
notime "$tmp/out" >"$tmp/s1.csv"
ok sweep-j1-j2 cmp -s "$tmp/s1.csv" "$tmp/s2.csv"
# hi off the grid is left out: 0, 0.3, 0.6, 0.9
expect sweep-hi-off-grid 0 "" sweep $EN --vary discount_rate=0:1:0.3 --no-header
ok sweep-hi-values sh -c "cut -d, -f1 '$tmp/out' | tr '\n' ' ' | grep -qx '0 0.3 0.6 0.9 '"
expect sweep-jsonl 0 "" sweep $TEN --vary energy.price=0.05:0.05:0.01 --format jsonl
ok sweep-jsonl-row grep -Eq '^\{"energy.price": 0.05, "status": "optimal", "exit": 0, "net_present_cost": 3102000, "net_present_value": null, "levelized_cost": [0-9.e+-]+, "first_replacement": "2027", "devices": \{"old": \{"bought": 0, "first_buy": null, "first_early_retire": "2027"\}, "new": \{"bought": 5, "first_buy": "2027", "first_early_retire": null\}\}, "iterations": [0-9]+, "message": "", "seconds": [0-9.]+\}$' "$tmp/out"
# a value the model rejects is that point's row; the others are solved
expect sweep-invalid-point 3 "at demand=-1: invalid model" sweep $TEN --vary demand=-1:0:1 --no-header
ok sweep-invalid-row grep -q "^-1,invalid model,3,," "$tmp/out"

# ---- sweep warm starts: LP points start from a neighbour's basis ----
# power-capped-site is an LP (integer: false).  Warm and cold sweeps reach
# the same costs (1e-9 relative; degenerate optima may differ in the last
# digits of a plan), the warm one with no more simplex iterations: a cold
# LP starts from the optimal basis of unit lives (solver/lives.c), so both
# may need none.
sweep_iters() { awk -F, 'NR==1{for(i=1;i<=NF;i++) if($i=="iterations") c=i} NR>1{s+=$c} END{print s+0}' "$1"; }
expect sweep-warm 0 "" sweep models/power-capped-site.yaml --vary energy.price=0.02:0.2:0.02 -j 1 -o "$tmp/warm.csv"
expect sweep-cold 0 "" sweep models/power-capped-site.yaml --vary energy.price=0.02:0.2:0.02 -j 1 --cold -o "$tmp/cold.csv"
ok "sweep-warm-no-more-iterations ($(sweep_iters "$tmp/warm.csv") vs $(sweep_iters "$tmp/cold.csv"))" test "$(sweep_iters "$tmp/warm.csv")" -le "$(sweep_iters "$tmp/cold.csv")"
ok sweep-warm-same-costs sh -c "paste -d, '$tmp/warm.csv' '$tmp/cold.csv' | awk -F, -v n=\$(head -n 1 '$tmp/warm.csv' | awk -F, '{print NF}') 'NR > 1 { a = \$4; b = \$(n + 4); d = a - b; if (d < 0) d = -d; if (d > 1e-9 * (b < 0 ? -b : b)) bad = 1; rows++ } END { exit bad || rows != 10 }'"
expect sweep-warm-j2 0 "" sweep models/power-capped-site.yaml --vary energy.price=0.02:0.2:0.02 -j 2 -o "$tmp/warm2.csv"
ok sweep-warm-j2-rows test "$(wc -l <"$tmp/warm2.csv")" -eq 11
