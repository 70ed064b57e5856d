# tests/cli.d/diagnose.sh -- why a model has no plan, and the coefficient
# range warning (sourced by tests/cli.sh).

# 40 boxes of 1 kW under a 30 kW cap in 2026 (tests/cli/infeasible.yaml):
# the reason, then what else must give way; JSON carries every line.
expect diagnose-power 1 "infeasible.yaml: 2026: the units needed to meet demand draw 40 kW, the power cap is 30 kW" solve $D/infeasible.yaml
ok diagnose-no-repeat test "$(grep -c 'at most 30 fits' "$tmp/err")" -eq 1
expect diagnose-json 1 '\{"constraint": "power cap", "period": "2026", "limit": 30, "reachable": 40, "amount": 10, ' solve $D/infeasible.yaml --format json
ok diagnose-json-demand grep -q '"constraint": "demand", "period": "2026", "limit": 40, "reachable": 30, "amount": 10' "$tmp/out"
# 2 racks at 1.55 M each against a 2.5 M budget (issue 5's example).
cat >"$tmp/budget.yaml" <<'YAML'
breakeven: 1
horizon: {start: 2026, periods: 1}
demand: 2
site: {budget: 2500000}
devices:
  - {name: rack, throughput: 1, lifetime: 5, price: 1550000}
YAML
expect diagnose-budget 1 "budget.yaml: 2026: buying the capacity needed costs 3.1 M, the budget is 2.5 M" solve "$tmp/budget.yaml"

# notes: the lines of stderr but the one that says a whole-unit solve
# has started
notes() { grep -vc ': solving with whole units (.*) \.\.\.$'; }

# One explainer: each period's shortfall is worded once, by the simple
# bound when one shows it (2.5 / 1.55 = 1.6129 racks), else by the elastic
# plan.  once FILE: no period has two demand lines in FILE.
once() {
    ! sed -n 's/.*: \([0-9][0-9]*\): demand of .*/\1/p' "$1" | sort | uniq -d | grep -q .
}
ok diagnose-budget-headline grep -q "budget.yaml: no feasible plan: the model is infeasible: 2026: demand of 2 cannot be met: the budgets up to then buy at most 1.6129 of capacity (with the fleet)$" "$tmp/err"
ok diagnose-budget-once once "$tmp/err"
ok diagnose-budget-lines test "$(notes <"$tmp/err")" -eq 2
# 5 old units, nothing for sale, demand 8 in 2025 and 2026: a line each.
cat >"$tmp/old.yaml" <<'YAML'
breakeven: 1
horizon: {start: 2025, periods: 2}
demand: 8
devices:
  - {name: old, throughput: 1, lifetime: 4}
fleet:
  - {device: old, count: 5, age: 1}
YAML
expect diagnose-fleet 1 "old.yaml: 2026: demand of 8 cannot be met: the fleet in place delivers at most 5 and nothing can be bought or rented then" solve "$tmp/old.yaml"
ok diagnose-fleet-once once "$tmp/err"
ok diagnose-fleet-lines test "$(notes <"$tmp/err")" -eq 2
# Whole boxes of 1.5 at 1.4 kW under 30 kW: 2024's 32 fails only for whole
# units (21 boxes, 31.5: the elastic plan's line, the first, on the
# headline); 2025's 50 is over the cap's bound 30 / 1.4 * 1.5 = 32.1429
# (the bound's line, which is also the reason `prices` and JSON give).
cat >"$tmp/whole.yaml" <<'YAML'
breakeven: 1
horizon: {start: 2024, periods: 2}
demand: [32, 50]
site: {power_cap_kw: 30}
devices:
  - {name: box, throughput: 1.5, power_kw: 1.4, lifetime: 5, price: 100}
YAML
expect diagnose-whole 1 "whole.yaml: no feasible plan: the model is infeasible: 2024: demand of 32 cannot be met: at most 31.5 fits under the 30 kW power cap$" solve "$tmp/whole.yaml"
ok diagnose-whole-bound test "$(grep -c "whole.yaml: 2025: demand of 50 cannot be met: at most 32.1429 fits under the 30 kW power cap$" "$tmp/err")" -eq 1
ok diagnose-whole-once once "$tmp/err"
ok diagnose-whole-lines test "$(notes <"$tmp/err")" -eq 4
expect diagnose-whole-json 1 '"reason": "2025: demand of 50 cannot be met: at most 32.1429 fits under the 30 kW power cap"' solve "$tmp/whole.yaml" --format json
ok diagnose-whole-json-once test "$(grep -c '"text": "2025: demand of 50 cannot be met: at most 32.1429 fits' "$tmp/out")" -eq 1
expect diagnose-whole-prices 1 "whole.yaml: no feasible plan: the model is infeasible: 2025: demand of 50 cannot be met: at most 32.1429 fits under the 30 kW power cap$" prices "$tmp/whole.yaml"

# Prices of 5e12 beside a throughput of 0.001: a warning with the advice,
# on stderr, and none with --quiet.
cat >"$tmp/scale.yaml" <<'YAML'
breakeven: 1
horizon: {start: 2024, periods: 2}
demand: 1
devices:
  - {name: chip, throughput: 0.001, lifetime: 5, price: 5000000000000}
YAML
expect scaling-warning 0 "scale.yaml: warning: the program's coefficients span 5\.0e\+15 .*express money in millions" solve "$tmp/scale.yaml"
ok scaling-on-stderr grep -q "warning" "$tmp/err"
expect scaling-quiet 0 "" solve "$tmp/scale.yaml" --quiet
ok scaling-quiet-silent test ! -s "$tmp/err"
expect scaling-none 0 "" solve examples/engine-analyzer.yaml
ok scaling-none-silent test "$(cat "$tmp/err")" = "breakeven: examples/engine-analyzer.yaml: solving with whole units (time limit 60 s) ..."

# A model with scenarios and no plan: the diagnosis (each scenario alone,
# and why the infeasible ones are) shares the solve's time limit
# (test_diagnose.c times it); with 1 s it still names both scenarios
# with no plan, by the simple bound, and the two with plans, in JSON too.
slow=tests/cli/scenarios-infeasible-slow.yaml
expect diag-shared-limit 1 "scenario 's0' alone has no plan \(infeasible\)" solve "$slow" --time-limit 1
ok diag-shared-limit-s2 grep -q "scenario 's2': 2032: demand of 40918.4 cannot be met: at most 26852.7 fits under the 5926.36 kW power cap" "$tmp/err"
ok diag-shared-limit-s1 sh -c "! grep -q \"scenario 's1' alone\" \"$tmp/err\""
expect diag-shared-limit-json 1 "" solve "$slow" --time-limit 1 --format json
grep -o '"alone": "[a-z ()]*"' "$tmp/out" | sed 's/"alone": //' | tr '\n' , >"$tmp/alone"
ok diag-shared-limit-json-alone grep -Eq '^"infeasible","(optimal|time limit \(plan found\))","infeasible","(optimal|time limit \(plan found\))",$' "$tmp/alone"
