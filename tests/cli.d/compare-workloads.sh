# tests/cli.d/compare-workloads.sh -- compare on a model with workloads:
# the plan without cascading and what cascading is worth (sourced by
# tests/cli.sh).  The models and their numbers are worked by hand in
# tests/test_compare.c (test_cascade_*).
# tests/cli/workloads-cascade.yaml: optimum 1,090 (new trains, then one
# new serves inference in 2027); held to training, 1,260: cascading is
# worth 170.  pricey is never used and held to its best workload
# (inference); cloud is rented and not held.  The whole answer is kept as
# a golden file (run to end of life, 1,140: the baselines cover what a
# split leaves short where it is cheapest, two inf units here).
WC=$D/workloads-cascade.yaml

expect cascade-text 0 "" compare $WC
ok cascade-golden cmp -s "$tmp/out" tests/golden/compare-workloads.txt
ok cascade-sentence grep -qx "Cascading is worth 170: without it (each device held to its first workload: new on training; unused ones to their best: pricey on inference) the plan costs 1,260\." "$tmp/out"
ok cascade-row grep -Eq "^no cascading +1,260 +\+170 +\+13\.5% +90\.00 +met$" "$tmp/out"
ok cascade-second-solve grep -qx "breakeven: $WC: solving with whole units (time limit 60 s, for the plan without cascading) ..." "$tmp/err"
expect cascade-json 0 '"plan": "no_cascading", "name": "no cascading", "net_present_cost": 1260, "difference": 170,' compare $WC --format json
json_ok cascade-json-parses "$tmp/out"
ok cascade-json-value test "$(json_get "$tmp/out" 'j.cascading.value + " " + j.cascading.proven + " " + j.cascading.status')" = "170 true optimal"
ok cascade-json-homes test "$(json_get "$tmp/out" 'j.cascading.devices.map(d => d.device + ":" + d.workload + ":" + d.held + ":" + d.first_use).join(" ")')" = "new:training:true:true inf:inference:false:true pricey:inference:true:false cloud:null:false:false"
expect cascade-csv 0 "^no_cascading,no cascading,1260,170,13\.492063492063492,true,,,,,90$" compare $WC --format csv
# The LP (--relax) has the same answer.
expect cascade-relax 0 "^Cascading is worth 170: " compare $WC --relax
# With a plan file the row stays among the baselines, before the plan.
expect cascade-plan-out 0 "" solve $WC --plan-out "$tmp/wc-plan.yaml"
expect cascade-with-plan 0 "^Your plan \($tmp/wc-plan.yaml\) is already optimal" compare $WC --plan "$tmp/wc-plan.yaml"
ok cascade-with-plan-sentence grep -q "^Cascading is worth 170: " "$tmp/out"
expect cascade-with-plan-csv 0 "" compare $WC --plan "$tmp/wc-plan.yaml" --format csv
ok cascade-with-plan-rows test "$(cut -d, -f1 "$tmp/out" | tr '\n' ' ')" = "plan optimal end_of_life on_release no_cascading plan "

# No plan without cascading: new trains in 2025 and serves inference in
# 2026, and nothing else serves inference.
WN=$D/workloads-cascade-none.yaml
expect cascade-none 0 "^Without cascading there is no plan \(each device held to its first workload: new on training\): cascading is needed to meet every workload's demand\.$" compare $WN
ok cascade-none-no-row sh -c "! grep -q '^no cascading' '$tmp/out'"
expect cascade-none-json 0 '"cascading": \{"status": "infeasible", "has_plan": false, "net_present_cost": null, "value": null' compare $WN --format json
expect cascade-none-csv 0 "" compare $WN --format csv
ok cascade-none-csv-rows test "$(cut -d, -f1 "$tmp/out" | tr '\n' ' ')" = "plan optimal end_of_life on_release "

# Nothing can cascade (each device serves one workload): no second solve,
# and the row is the optimum.
WO=$D/workloads-cascade-one.yaml
expect cascade-one 0 "^Nothing here can cascade: no owned device serves more than one workload\.$" compare $WO
ok cascade-one-row grep -Eq "^no cascading +80 +0 +0\.0% +8\.00 +met$" "$tmp/out"
ok cascade-one-solves test "$(grep -c 'solving with whole units' "$tmp/err")" = 1

# Scenarios: not computed, and said so.
expect cascade-scenarios 0 "^\(The value of cascading is not computed for a model with scenarios\.\)$" compare $D/workloads-cascade-scenarios.yaml
ok cascade-scenarios-no-row sh -c "! grep -q 'no cascading' '$tmp/out'"

# Without workloads: no row, no sentence (the old models' goldens and
# rows in compare.sh hold the rest of the output).
expect cascade-old-model 0 "" compare $D/compare-two-gen.yaml
ok cascade-old-model-none sh -c "! grep -qi 'cascad' '$tmp/out' '$tmp/err'"

# payback and life on a workload model work per device as before: the
# hand-worked model makes no replacement; life's EAC is per unit.
expect cascade-payback 0 "^The optimal plan makes no replacement: no period both retires units before the end of their life and buys new ones \(net present cost 1,090\)\.$" payback $WC
expect cascade-life 0 "^new bought in 2025: economic life 10 years, at 80\.00 a year \(40\.00 per unit of throughput\); inf bought in 2025: economic life 10 years, at 20\.00 a year" life $WC
