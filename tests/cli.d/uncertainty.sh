# tests/cli.d/uncertainty.sh -- models with scenarios on the command line
# (sourced by tests/cli.sh): solve, uncertainty, check, compare, report,
# batch and lp on them, and every other command's refusal.  The figures
# are worked out by hand in the models' comments:
#   tests/cli/scenarios-two.yaml: buy 5 new now; cheap 23,070, dear 40,590;
#     RP 31,830, WS 30,365, EVPI 1,465, MV 31,830, EEV 31,830, VSS 0;
#     own optima 20,140 and 40,590; regret 2,930 and 0.  Running the fleet
#     to end of life: cheap 3 * 9,760 = 29,280, dear 9,760 + 2 * 44,800 =
#     99,360, expected 64,320.  Waiting (buy in 2025): 33,900 expected.
#   tests/cli/scenarios-hedge.yaml: RP 20, WS 15, EVPI 5, MV 15, EEV 22.5,
#     VSS 2.5.
#   tests/cli/scenarios-no-eev.yaml: RP 20, WS 15, EEV infinite ('high').
TWO=$D/scenarios-two.yaml
HEDGE=$D/scenarios-hedge.yaml
NOEEV=$D/scenarios-no-eev.yaml
# near A B: A and B agree to 1e-9 relative (both numbers)
near() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") exit 1; d = a - b; if (d < 0) d = -d; s = (b < 0 ? -b : b); if (s < 1) s = 1; exit !(d <= 1e-9 * s) }'; }

# ---- solve: the decision now, each branch, the expected cost ----
expect sc-solve 0 "" solve $TWO
ok sc-solve-now test "$(sed -n 1p "$tmp/out")" = "Decide now, in 2024: retire 10 old units, buy 5 new units."
ok sc-solve-cheap test "$(sed -n 2p "$tmp/out")" = "From 2025, if cheap: keep everything in service."
ok sc-solve-dear test "$(sed -n 3p "$tmp/out")" = "From 2025, if dear: keep everything in service."
ok sc-solve-expected test "$(sed -n 4p "$tmp/out")" = "Expected net present cost 31,830 over 2 scenarios."
ok sc-solve-cheap-cost grep -Eq "^cheap +0\.5 .* 23,070\.00$" "$tmp/out"
ok sc-solve-dear-cost grep -Eq "^dear +0\.5 .* 40,590\.00$" "$tmp/out"
ok sc-solve-tree grep -Eq "^    2025 to 2026 +cheap$" "$tmp/out"
# The hedge: 20 units now, nothing after (demand 10 or 20).
expect sc-solve-hedge 0 "^Decide now, in 2024: buy 20 unit units\.$" solve $HEDGE
# A branch that several scenarios share names them all (the issue's
# example: b200-late parts from the others in 2025, power-crunch from
# b200-on-time in 2026, when its energy price first differs).
cat >"$tmp/three.yaml" <<'EOF'
breakeven: 1
name: three futures
horizon: {start: 2024, periods: 3}
integer: false
demand: 10
energy: {price: 0.1}
devices:
  - {name: old, throughput: 1, power_kw: 1, lifetime: 10, om: 100}
  - {name: new, throughput: 2, power_kw: 0.5, lifetime: 10, om: 100, price: 3000, available: {from: 2025}}
fleet:
  - {device: old, count: 10, age: 2}
scenarios:
  - {name: on-time, probability: 0.5}
  - {name: late, probability: 0.3, set: {devices.new.available.from: 2026}}
  - {name: crunch, probability: 0.2, set: {energy.price: [0.1, 0.1, 0.5]}}
EOF
expect sc-solve-three 0 "^From 2025, if on-time or crunch: " solve "$tmp/three.yaml"
ok sc-solve-three-late grep -q "^From 2025, if late: " "$tmp/out"
ok sc-solve-three-nested grep -q "^  From 2026, if crunch: " "$tmp/out"
expect sc-check-three 0 "^  on-time and late part in 2025 \(they share the decisions through 2024\)$" check "$tmp/three.yaml" --verbose
ok sc-check-three-crunch grep -q "^  on-time and crunch part in 2026 (they share the decisions through 2025)$" "$tmp/out"
ok sc-check-three-tree grep -Eq "^    2025 +on-time, crunch$" "$tmp/out"

# JSON: the tree with the shared decisions once per node, the scenarios
# with their periods and costs; the expected cost is the
# probability-weighted sum of the scenarios' own evaluations.
expect sc-json 0 "" solve $TWO --format json
cp "$tmp/out" "$tmp/two.json"
json_ok sc-json-valid "$tmp/two.json"
ok sc-json-expected near "$(json_get "$tmp/two.json" j.expected_cost)" 31830
ok sc-json-objective near "$(json_get "$tmp/two.json" j.objective)" 31830
ok sc-json-evaluated near "$(json_get "$tmp/two.json" j.evaluated_cost)" 31830
ok sc-json-weighted near "$(json_get "$tmp/two.json" 'j.scenarios.reduce((a, s) => a + s.probability * s.evaluated_cost, 0)')" "$(json_get "$tmp/two.json" j.expected_cost)"
ok sc-json-cheap near "$(json_get "$tmp/two.json" 'j.scenarios[0].evaluated_cost')" 23070
ok sc-json-nodes test "$(json_get "$tmp/two.json" 'j.tree.length')" = 5
ok sc-json-root test "$(json_get "$tmp/two.json" 'j.tree[0].scenarios')" = "cheap,dear"
ok sc-json-root-buy test "$(json_get "$tmp/two.json" 'j.tree[0].devices.new.bought + "/" + j.tree[0].devices.old.retired')" = "5/10"
ok sc-json-parents test "$(json_get "$tmp/two.json" 'j.tree.map(n => String(n.parent))')" = "null,0,0,1,2"
ok sc-json-first-branch test "$(json_get "$tmp/two.json" j.first_branch)" = 2025
ok sc-json-period-node test "$(json_get "$tmp/two.json" 'j.scenarios[1].periods.map(p => p.node)')" = "0,2,4"
ok sc-json-feasible test "$(json_get "$tmp/two.json" j.feasible)" = true
# CSV: one row per scenario, period and device; the node's decisions are
# the same in every scenario of the node.
expect sc-csv 0 "^scenario,probability,node,period,device,in_service,bought,retired,capacity,demand,power_kw,spend,period_cost,plan_cost,expected_cost,bound,gap,levelized_cost$" solve $TWO --format csv
ok sc-csv-rows test "$(wc -l <"$tmp/out")" -eq 13
ok sc-csv-shared test "$(grep -c '^[a-z]*,0\.5,0,2024,new,5,5,0,' "$tmp/out")" -eq 2
ok sc-csv-cost grep -q '^dear,0\.5,4,2026,old,0,0,0,10,10,2\.5,0,11450,40590,31830,31830,0,1353$' "$tmp/out"

# --plan-out writes one plan: refused before solving (exit 2).
expect sc-plan-out 2 "--plan-out writes one plan, and a model with scenarios has one per scenario" solve $TWO --plan-out "$tmp/sc-plan.yaml"
ok sc-plan-out-none test ! -e "$tmp/sc-plan.yaml"

# Risk: minimise 0.5 E + 0.5 CVaR_0.5.  CVaR_0.5 of two equally likely
# costs is the larger, dear's in both plans, so buying now stays best:
# CVaR 40,590, objective 0.5 * 31,830 + 0.5 * 40,590 = 36,210.
RISK="--set risk.cvar_alpha=0.5 --set risk.weight=0.5"
# shellcheck disable=SC2086
expect sc-risk 0 "^Expected net present cost 31,830 over 2 scenarios; CVaR at 0\.5 40,590; risk objective 36,210 \(weight 0\.5 on CVaR\)\.$" solve $TWO $RISK
# shellcheck disable=SC2086
expect sc-risk-json 0 "" solve $TWO $RISK --format json
ok sc-risk-cvar near "$(json_get "$tmp/out" j.cvar)" 40590
ok sc-risk-objective near "$(json_get "$tmp/out" j.objective)" 36210
ok sc-risk-evaluated near "$(json_get "$tmp/out" j.evaluated_cost)" 36210
ok sc-risk-alpha test "$(json_get "$tmp/out" 'j.risk.cvar_alpha + "/" + j.risk.weight')" = "0.5/0.5"

# No plan: the one scenario that has none alone is named, with what must
# give way (100 units cannot fit under a 1 kW cap), exit 1.
cat >"$tmp/sc-infeasible.yaml" <<'EOF'
breakeven: 1
horizon: {start: 2024, periods: 2}
integer: false
demand: 10
devices:
  - {name: unit, throughput: 1, power_kw: 1, lifetime: 5, price: 1}
scenarios:
  - {name: roomy, probability: 0.5}
  - {name: cramped, probability: 0.5, set: {site.power_cap_kw: 1}}
EOF
expect sc-infeasible 1 "no feasible plan: the model is infeasible \(no plan serves every scenario\)" solve "$tmp/sc-infeasible.yaml"
ok sc-infeasible-which grep -q "scenario 'cramped' alone has no plan (infeasible)" "$tmp/err"
ok sc-infeasible-not-roomy sh -c "! grep -q \"'roomy' alone\" '$tmp/err'"
ok sc-infeasible-why grep -q "scenario 'cramped': 2024: demand of 10 cannot be met" "$tmp/err"
expect sc-infeasible-json 1 '"status": "infeasible"' solve "$tmp/sc-infeasible.yaml" --format json
json_ok sc-infeasible-json-valid "$tmp/out"
ok sc-infeasible-json-alone test "$(json_get "$tmp/out" 'j.scenarios.map(s => s.alone)')" = "optimal,infeasible"
ok sc-infeasible-json-diag test "$(json_get "$tmp/out" 'j.diagnosis[0].scenario')" = cramped

# ---- uncertainty ----
expect unc-text 0 "^RP +the stochastic plan's expected cost +31,830\.00$" uncertainty $TWO
ok unc-ws grep -Eq "^WS +wait and see.* 30,365\.00$" "$tmp/out"
ok unc-evpi grep -Eq "^EVPI +RP - WS.* 1,465\.00$" "$tmp/out"
ok unc-mv grep -Eq "^MV +the mean-value model's own optimum +31,830\.00$" "$tmp/out"
ok unc-eev grep -Eq "^EEV +expected cost of the mean-value decisions of 2024 +31,830\.00$" "$tmp/out"
ok unc-vss grep -Eq "^VSS +EEV - RP.* 0\.00$" "$tmp/out"
ok unc-cheap grep -Eq "^cheap +0\.5 +23,070\.00 +20,140\.00 +2,930\.00$" "$tmp/out"
ok unc-dear grep -Eq "^dear +0\.5 +40,590\.00 +40,590\.00 +0\.00$" "$tmp/out"
ok unc-worst grep -q "^Worst case: dear, where the stochastic plan costs 40,590\.00\.$" "$tmp/out"
ok unc-tree grep -Eq "^  2024 +cheap, dear$" "$tmp/out"
ok unc-proven sh -c "! grep -q 'Not proven' '$tmp/out'"
expect unc-json 0 "" uncertainty $HEDGE --format json
json_ok unc-json-valid "$tmp/out"
for f in rp:20 ws:15 evpi:5 mean_value_cost:15 eev:22.5 vss:2.5; do
    ok "unc-json-${f%%:*}" near "$(json_get "$tmp/out" "j.${f%%:*}")" "${f#*:}"
done
ok unc-json-regret test "$(json_get "$tmp/out" 'j.scenarios.map(s => s.regret)')" = "10,0"
ok unc-json-own test "$(json_get "$tmp/out" 'j.scenarios.map(s => s.own)')" = "10,20"
ok unc-json-proven test "$(json_get "$tmp/out" j.proven)" = true
ok unc-json-eev-finite test "$(json_get "$tmp/out" j.eev_infinite)" = false
expect unc-csv 0 "^figure,scenario,value,bound,status,note$" uncertainty $HEDGE --format csv
ok unc-csv-eev grep -q "^eev,,22\.5,,optimal,$" "$tmp/out"
ok unc-csv-vss grep -q "^vss,,2\.5,,,$" "$tmp/out"
ok unc-csv-own grep -q "^own,low,10,10,optimal,$" "$tmp/out"
ok unc-csv-regret grep -q "^regret,low,10,,,$" "$tmp/out"
# EEV infinite: the mean-value decisions leave 'high' without a plan.
expect unc-no-eev 0 "^EEV +expected cost of the mean-value decisions of 2024 +infinite$" uncertainty $NOEEV
ok unc-no-eev-why grep -q "scenario 'high' has no plan that continues the mean-value model's decisions" "$tmp/out"
ok unc-no-eev-vss grep -Eq "^VSS .* infinite$" "$tmp/out"
expect unc-no-eev-json 0 "" uncertainty $NOEEV --format json
json_ok unc-no-eev-json-valid "$tmp/out"
ok unc-no-eev-json test "$(json_get "$tmp/out" '[j.eev, j.eev_infinite, j.vss, j.eev_status].map(String)')" = "null,true,null,infeasible"
ok unc-no-eev-json-rp near "$(json_get "$tmp/out" j.rp)" 20
expect unc-no-eev-csv 0 "^eev,,inf,,infeasible,scenario 'high' has no plan" uncertainty $NOEEV --format csv
# Risk: the CVaR of the stochastic plan's costs (40,590, as above).
# shellcheck disable=SC2086
expect unc-risk 0 "^CVaR at 0\.5: 40,590\.00 \(the mean cost of the worst 0\.5 of probability\)\.$" uncertainty $TWO $RISK
# Exit codes: no scenarios is a usage error (2), one line; no plan is 1.
expect unc-none 2 "^breakeven: examples/engine-analyzer\.yaml: the model has no scenarios: uncertainty needs a list of them" uncertainty examples/engine-analyzer.yaml
ok unc-none-one-line test "$(wc -l <"$tmp/all")" -eq 1
expect unc-infeasible 1 "scenario 'cramped' alone has no plan" uncertainty "$tmp/sc-infeasible.yaml"
ok unc-infeasible-text grep -q "^The stochastic program has no plan (infeasible)" "$tmp/out"
expect unc-bad-format 2 "unknown format 'html'" uncertainty $TWO --format html
expect unc-out 0 "" uncertainty $TWO --format json -o "$tmp/unc.json"
json_ok unc-out-written "$tmp/unc.json"
# Whole units stopped by the time limit: the figures are not proven, and
# the bounds are shown (a three-scenario version of the A100 model, whose
# stochastic program does not finish in 0.2 s but has a plan by then; under
# valgrind or a sanitizer, $W, every run is many times slower: 4 s).
sc_limit=0.2
[ -n "$W" ] && sc_limit=4
{ sed -n '/^breakeven:/,$p' models/gpu-generations.yaml; cat <<'EOF'
scenarios:
  - name: b200-on-time
    probability: 0.5
  - name: b200-late
    probability: 0.3
    set: {devices.dgx-b200.available.from: 2027, devices.dgx-b200.price: 420000}
  - name: power-crunch
    probability: 0.2
    set: {energy.price: {start: 0.0806, growth: 0.25}}
EOF
} >"$tmp/gpu3.yaml"
expect unc-time-limit 0 "some solves stopped at the time limit" uncertainty "$tmp/gpu3.yaml" --time-limit $sc_limit
ok unc-time-limit-text grep -q "^Not proven optimal: some solves stopped at the time limit" "$tmp/out"
ok unc-time-limit-bounds grep -q "own lower bound$" "$tmp/out"
expect unc-time-limit-json 0 "" uncertainty "$tmp/gpu3.yaml" --time-limit $sc_limit --format json
ok unc-time-limit-proven test "$(json_get "$tmp/out" j.proven)" = false
ok unc-time-limit-ws-bound test "$(json_get "$tmp/out" 'j.ws_bound <= j.ws')" = true
ok unc-time-limit-rp-bound test "$(json_get "$tmp/out" 'j.rp_bound <= j.rp_objective')" = true
ok unc-time-limit-own-bounds test "$(json_get "$tmp/out" 'j.scenarios.every(s => s.own_bound <= s.own)')" = true
expect sc-check-gpu3 0 "^  b200-on-time and power-crunch part in 2025 \(they share the decisions through 2024\)$" check "$tmp/gpu3.yaml" --verbose

# ---- check ----
expect sc-check 0 "^2 scenarios; the tree first branches in 2025$" check $TWO
ok sc-check-probability grep -Eq "^  cheap +probability 0\.5$" "$tmp/out"
# the tree, and the pairs only with --verbose (one line says so)
ok sc-check-tree test "$(sed -n '/^The tree/,$p' "$tmp/out")" = "The tree (which scenarios share decisions until when):
  2024                    cheap, dear
    2025 to 2026          cheap
    2025 to 2026          dear
(--verbose: where each pair of scenarios parts)"
expect sc-check-verbose 0 "" check $TWO --verbose
ok sc-check-verbose-parts test "$(sed -n '/^Where they part:$/,$p' "$tmp/out")" = "Where they part:
  cheap and dear part in 2025 (they share the decisions through 2024)"
ok sc-check-verbose-tree grep -Eq "^    2025 to 2026 +cheap$" "$tmp/out"
expect sc-check-v 0 "^  cheap and dear part in 2025 " check $TWO -v
expect sc-check-verbose-plain 0 "" check examples/taxes.yaml --verbose
ok sc-check-verbose-plain-one-line test "$(wc -l <"$tmp/all")" -eq 1
expect sc-check-quiet 0 "" check $TWO --quiet
ok sc-check-quiet-silent test ! -s "$tmp/all"
expect sc-check-apart 0 "they differ from 2024 on" check "$tmp/sc-infeasible.yaml" --verbose
ok sc-check-apart-pair grep -q "^  roomy and cramped differ from 2024: they share no decision$" "$tmp/out"

# ---- compare: expected costs, baselines per scenario ----
expect sc-compare 0 "^The optimal plan saves 32,490 \(50\.5%\) in expected cost over 2 scenarios against running the fleet to end of life; it costs 31,830\.$" compare $TWO
ok sc-compare-eol grep -Eq "^run to end of life +64,320 +\+32,490 +\+50\.5% +2,144\.00 +met$" "$tmp/out"
ok sc-compare-scenario grep -q "^Scenario dear (probability 0\.5):$" "$tmp/out"
ok sc-compare-dear-eol sh -c "sed -n '/^Scenario dear/,/^\$/p' '$tmp/out' | grep -Eq '^run to end of life +99,360 +\+58,770 '"
expect sc-compare-json 0 "" compare $TWO --format json
json_ok sc-compare-json-valid "$tmp/out"
ok sc-compare-json-eol near "$(json_get "$tmp/out" 'j.plans[1].net_present_cost')" 64320
ok sc-compare-json-weighted near "$(json_get "$tmp/out" 'j.plans[1].scenarios.reduce((a, s) => a + s.probability * s.net_present_cost, 0)')" 64320
ok sc-compare-json-cheap near "$(json_get "$tmp/out" 'j.plans[1].scenarios[0].net_present_cost')" 29280
expect sc-compare-csv 0 "^plan,name,scenario,probability,net_present_cost," compare $TWO --format csv
ok sc-compare-csv-expected grep -q "^end_of_life,run to end of life,expected,1,64320,32490," "$tmp/out"
ok sc-compare-csv-dear grep -q "^end_of_life,run to end of life,dear,0\.5,99360,58770," "$tmp/out"
# A plan file is one plan, priced in every scenario: buying now is the
# stochastic optimum; waiting costs 33,900 (2,070 more, 6.1%).
cat >"$tmp/sc-now.yaml" <<'PLAN'
breakeven_plan: 1
buy:
  - {device: new, period: 2024, units: 5}
retire:
  - {device: old, period: 2024, units: 10}
PLAN
expect sc-compare-plan 0 "^Your plan \($tmp/sc-now.yaml\) is already optimal: it costs 31,830 in expected cost over 2 scenarios, like the optimal plan\.$" compare $TWO --plan "$tmp/sc-now.yaml"
sed 's/2024/2025/' "$tmp/sc-now.yaml" >"$tmp/sc-wait.yaml"
expect sc-compare-wait 0 "^The optimal plan saves 2,070 \(6\.1%\) in expected cost over 2 scenarios against your plan \($tmp/sc-wait.yaml\); it costs 31,830\.$" compare $TWO --plan "$tmp/sc-wait.yaml"

# ---- report ----
expect sc-report 0 "" report $TWO -o "$tmp/two.html"
ok sc-report-answer grep -q "<p><strong>Decide now, in 2024: retire 10 old units, buy 5 new units.</strong></p>" "$tmp/two.html"
ok sc-report-tree grep -q '<table id="tree">' "$tmp/two.html"
ok sc-report-costs grep -q '<td class="l">dear</td><td>0.5</td>.*<td>40,590</td><td>99,360</td><td>58,770</td>' "$tmp/two.html"
ok sc-report-expected grep -q '<td>31,830</td><td>64,320</td><td>32,490</td>' "$tmp/two.html"
ok sc-report-charts test "$(grep -o '<svg ' "$tmp/two.html" | wc -l)" -eq 8
ok sc-report-unique-ids sh -c "test -z \"\$(grep -o ' id=\"[^\"]*\"' '$tmp/two.html' | sort | uniq -d)\""
ok sc-report-no-script sh -c "! grep -qi '<script' '$tmp/two.html'"
expect sc-report-infeasible 1 "no feasible plan" report "$tmp/sc-infeasible.yaml" -o "$tmp/inf-sc.html"
ok sc-report-infeasible-page grep -q "No plan: the model is infeasible" "$tmp/inf-sc.html"

# ---- batch: the expected cost and the first decision ----
expect sc-batch 0 "" batch $TWO examples/ten-to-five.yaml
ok sc-batch-row grep -Eq "^$TWO,two futures,optimal,0,31830,,,2024,new=2024,old=2024,old=0;new=5,2,\"retire 10 old units, buy 5 new units\",,false,[0-9.]+$" "$tmp/out"
ok sc-batch-plain grep -q "^examples/ten-to-five.yaml,.*,old=0;new=5,0,,,false," "$tmp/out"
expect sc-batch-jsonl 0 "" batch $TWO $HEDGE --format jsonl
json_ok sc-batch-jsonl-valid "$tmp/out" lines
expect sc-batch-dir 0 "" batch $TWO --output-dir "$tmp/sc-results"
expect sc-batch-dir-solve 0 "" solve $TWO --format json
nosec "$tmp/out" >"$tmp/sc-solve.json"
nosec "$tmp/sc-results/scenarios-two.json" >"$tmp/sc-result.json"
ok sc-batch-dir-same cmp -s "$tmp/sc-solve.json" "$tmp/sc-result.json"

# ---- every other command refuses a model with scenarios: one line, exit 2 ----
for c in "threshold --param energy.price --range 0:1" "sweep --vary energy.price=0:1:0.5" \
         payback explain "export --gmpl" life challenger prices "plot --chart fleet"; do
    name=${c%% *}
    # shellcheck disable=SC2086
    expect "sc-refuse:$name" 2 "^breakeven: $TWO: the model has 2 scenarios, which $name does not handle \(solve, uncertainty, compare, report, batch, check and lp do\)$" $c $TWO
    ok "sc-refuse-one-line:$name" test "$(wc -l <"$tmp/err")" -eq 1 -a ! -s "$tmp/out"
done

# ---- lp: the stochastic program, solved by glpsol and cbc, reaches the
# expected cost solve reports (LP and whole units; with risk the
# objective; the three-scenario A100 model's relaxation, 22 nodes) ----
for run in "$TWO" "$HEDGE" "$NOEEV" "$tmp/three.yaml" "$TWO --set integer=true" "$TWO $RISK" "$tmp/gpu3.yaml --relax"; do
    # shellcheck disable=SC2086
    expect "sc-lp-solve:$run" 0 "" solve $run --format json
    sc_obj=$(json_get "$tmp/out" 'j.risk ? j.objective : j.expected_cost')
    # shellcheck disable=SC2086
    expect "sc-lp:$run" 0 "" lp $run -o "$tmp/sc.lp"
    # shellcheck disable=SC2086
    expect "sc-mps:$run" 0 "" lp $run --format mps -o "$tmp/sc.mps"
    cross "sc:$run" "$sc_obj" "$tmp/sc.lp" "$tmp/sc.mps"
done
# and without risk that objective is the expected cost of the hand-worked
# figures
expect sc-lp-two-expected 0 "" solve $TWO --format json
ok sc-lp-two-is-31830 near "$(json_get "$tmp/out" j.objective)" 31830

# --rolling: the rolling policy of docs/uncertainty.md, "Re-planning", on
# the worked example: the mean-value model replaces in 2025, then each
# branch is its scenario alone: calm 51,140, crunch 68,660, RH 59,900,
# 2,480 above RP (examples/README.md section 8)
expect sc-rolling-text 0 "^RH +rolling: the mean-value model re-solved per node +59,900\.00$" uncertainty examples/energy-crunch.yaml --rolling
ok sc-rolling-vrp grep -Eq "^VRP +RH - RP: its worth when one re-plans anyway +2,480\.00$" "$tmp/out"
expect sc-rolling-json 0 "" uncertainty examples/energy-crunch.yaml --rolling --format json
json_ok sc-rolling-json-parses "$tmp/out"
ok sc-rolling-json-cost test "$(json_get "$tmp/out" 'j.rolling.cost + "," + j.rolling.value_over_rp + "," + j.rolling.scenario_cost + "," + j.rolling.solves')" = "59900,2480,51140,68660,5"
expect sc-rolling-csv 0 "^rolling,,59900,,,$" uncertainty examples/energy-crunch.yaml --rolling --format csv
expect sc-no-rolling 0 "" uncertainty examples/energy-crunch.yaml
ok sc-no-rolling-line sh -c "! grep -q '^RH ' '$tmp/out'"

# --jobs N: the threads of the scenarios' own solves; the answer is the
# same for one and two; a bad N is a usage error.  The JSON says which
# bound it states.
expect sc-jobs-zero 2 "--jobs needs a whole number from 1 to 1024, found '0'" solve $TWO --jobs 0
expect sc-jobs-word 2 "--jobs needs a whole number" uncertainty $TWO --jobs two
expect sc-jobs-1 0 "" solve $TWO --set integer=true --jobs 1 --format json
cp "$tmp/out" "$tmp/jobs1.json"
expect sc-jobs-2 0 "" solve $TWO --set integer=true --jobs 2 --format json
ok sc-jobs-same test "$(json_get "$tmp/out" 'j.objective + "," + j.bound')" = "$(json_get "$tmp/jobs1.json" 'j.objective + "," + j.bound')"
ok sc-jobs-bound-source grep -Eq '"bound_source": "(search|scenarios)"' "$tmp/out"
expect sc-jobs-uncertainty 0 "" uncertainty $TWO --set integer=true --jobs 2
