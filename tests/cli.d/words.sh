# tests/cli.d/words.sh -- the plan in words (sourced by tests/cli.sh):
# the one wording of a period (be_describe_period) and the plan's lines,
# where a run of periods that change nothing is one line.

# A monthly model, its whole answer kept as a golden file: see the
# model's comment for what the plan's words show.
expect words-monthly 0 "" solve tests/golden/monthly.yaml
ok words-monthly-golden cmp -s "$tmp/out" tests/golden/monthly-solve.txt

# A model with scenarios: each branch's plan collapses the same way
# (tests/cli/scenarios-two.yaml: buy now, nothing after in either future).
expect words-branches 0 "" solve $D/scenarios-two.yaml
ok words-branches-text test "$(sed -n '/^The plan, branch by branch:$/,$p' "$tmp/out")" = "The plan, branch by branch:
  every scenario:
    2024     retire 10 old units, buy 5 new units
    if cheap:
      2025 to 2026  keep everything in service
    if dear:
      2025 to 2026  keep everything in service"
