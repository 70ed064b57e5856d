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
ok scaling-none-silent test ! -s "$tmp/err"
