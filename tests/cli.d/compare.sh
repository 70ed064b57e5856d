# tests/cli.d/compare.sh -- compare, payback and solve --plan-out (sourced
# by tests/cli.sh).  Models and hand-worked numbers: tests/test_compare.c.
# tests/cli/compare-two-gen.yaml: optimum 1300 (retire 4 old, buy 2 new in
# 2026); run to end of life 1600; replace on release 1300; fixed age 1
# year 3700, 2 years 1900.
TG=$D/compare-two-gen.yaml

expect compare-answer 0 "^The optimal plan saves 300 \(18\.8%\) against running the fleet to end of life; it costs 1,300\.$" compare $TG
expect compare-eol-row 0 "^run to end of life +1,600 +\+300 +\+18\.8% +100\.00 +met$" compare $TG
expect compare-release-row 0 "^replace on release +1,300 +0 +0\.0% +81\.25 +met$" compare $TG
expect compare-age 0 "^fixed age 1 year +3,700 +\+2,400 +\+64\.9% +231\.25 +met$" compare $TG --age 1
expect compare-age-2 0 "^fixed age 2 years +1,900 " compare $TG --age 2
expect compare-json 0 '"plan": "end_of_life", "name": "run to end of life", "net_present_cost": 1600, "difference": 300,' compare $TG --format json
expect compare-csv 0 "^end_of_life,run to end of life,1600,300,18\.75,true,,,,,100$" compare $TG --format csv
expect compare-bad-age 2 "--age needs a number of years above 0, found '0'" compare $TG --age 0
expect compare-no-model 2 "compare needs a model file" compare
expect compare-no-plan-file 3 "^breakeven: $D/nope-plan.yaml: cannot open the file" compare $TG --plan $D/nope-plan.yaml

# solve --plan-out writes the optimal plan; compare --plan prices it again
# at the optimum, and leads with it.
expect plan-out 0 "net present cost 1,300" solve $TG --plan-out "$tmp/plan.yaml"
ok plan-out-file grep -q "^  - {device: old, period: 2026, units: 4, cohort: fleet 1}$" "$tmp/plan.yaml"
expect plan-priced 0 "^Your plan \($tmp/plan.yaml\) is already optimal: it costs 1,300, like the optimal plan\.$" compare $TG --plan "$tmp/plan.yaml"
expect plan-out-stdout-json 0 '"objective": 1300' solve $TG --plan-out "$tmp/plan2.yaml" --format json
ok plan-out-same cmp -s "$tmp/plan.yaml" "$tmp/plan2.yaml"

# An edited plan: postpone the replacement to 2027 (the old reach their
# lifetime then): 400 + 400 + 700 + 100 = 1600, 300 above the optimum.
cat >"$tmp/late.yaml" <<'PLAN'
breakeven_plan: 1
buy:
  - {device: new, period: 2027, units: 2}
PLAN
expect plan-late 0 "^The optimal plan saves 300 \(18\.8%\) against your plan \($tmp/late.yaml\); it costs 1,300\.$" compare $TG --plan "$tmp/late.yaml"
# Buying only 1 new leaves 2027 short by 2.
cat >"$tmp/short.yaml" <<'PLAN'
breakeven_plan: 1
buy:
  - {device: new, period: 2027, units: 1}
PLAN
expect plan-short 0 "breaks the demand in 2027 \(short by 2\)\.$" compare $TG --plan "$tmp/short.yaml"
expect plan-short-json 0 '"violation": \{"constraint": "demand", "period": "2027", "device": null, "amount": 2\}' compare $TG --plan "$tmp/short.yaml" --format json
# Plan file errors are located like model errors (exit 3).
printf 'breakeven_plan: 1\nbuy:\n  - {device: newer, period: 2026, units: 2}\n' >"$tmp/bad-plan.yaml"
expect plan-bad-device 3 "^breakeven: $tmp/bad-plan.yaml:3:14: buy entry 1: unknown device 'newer'$" compare $TG --plan "$tmp/bad-plan.yaml"
expect plan-is-model 3 "compare-two-gen.yaml:4:1: this is a model file, not a plan file" compare $TG --plan $TG

# The power-capped replacement: the baselines break the cap.
expect compare-capped 0 "^The optimal plan costs 5,000; running the fleet to end of life would cost 3,000 but breaks the power cap in 2025 \(over by 5\.0 kW\)\.$" compare $D/compare-capped.yaml
expect compare-atomic 0 "" compare $TG --format csv -o "$tmp/cmp.csv"
ok compare-atomic-file grep -q "^optimal,optimal,1300,0,0,true" "$tmp/cmp.csv"

# payback: hand-worked in tests/test_compare.c.
expect payback-answer 0 "^Retiring 4 old units and buying 2 new units in 2026 pays back in 2027, after 1\.5 years\.$" payback $TG
expect payback-table 0 "^  2027 +100 +700 +300$" payback $TG
expect payback-keep 0 "Keep running: keep the 4 old units until the end of their life; instead buy 2 new units in 2027\." payback $TG
expect payback-never 0 "^Retiring 10 old units and buying 1 new unit in 2025 never pays back on its own \(it costs 2,000 more than keeping them over the horizon\): it is made because keeping them would break the power cap in 2025\.$" payback $D/compare-capped.yaml
expect payback-json 0 '"payback_period": "2027", "payback_years": 1\.5, "saving": 300' payback $TG --format json
expect payback-csv 0 "^2026,2027,100,700,300,2027,1\.5$" payback $TG --format csv
# With new at 100,000 the old run to the end of their life and cloud is
# rented: nothing is bought, so nothing is replaced.
expect payback-none 0 "^The optimal plan makes no replacement" payback $TG --set devices.new.price=100000
