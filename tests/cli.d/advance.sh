# tests/cli.d/advance.sh -- `advance` (the model as of a later period) and
# its actuals, sourced by tests/cli.sh.  Definitions: docs/replanning.md;
# the continuation property on every repository and random model is
# tests/test_advance.c's.
#
# examples/replan-walk.yaml is worked by hand in examples/README.md,
# section 10: the plan costs 18,500 (sell the spare old server in 2025; in
# 2026 retire 3 old, buy 2 new).  Advanced to 2026 with the spare unsold
# (replan-walk/actuals-1.yaml): 5 old aged 4; the new optimum 15,000
# against the continuation's 20,500.  That optimum advanced to 2027 with a
# failure and a late delivery (replan-walk/actuals-2.yaml): 3 old aged 5
# and 1 new aged 1; the new optimum 7,500 against the continuation's 9,000.
AW=examples/replan-walk.yaml
AA1=examples/replan-walk/actuals-1.yaml
AA2=examples/replan-walk/actuals-2.yaml

expect advance-help 0 "^usage: breakeven advance MODEL.yaml" help advance
ok advance-help-options sh -c "grep -q -- '--to PERIOD' '$tmp/all' && grep -q -- '--actuals FILE' '$tmp/all' && grep -q -- '--periods N' '$tmp/all' && grep -q -- '--plan-out FILE' '$tmp/all' && grep -q 'docs/replanning.md' '$tmp/all'"
expect advance-in-list 0 "^  advance +write the model as of a later period" --help

# fleet_of FILE: the fleet section of a model file, one line per entry
fleet_of() { sed -n '/^fleet:/,$p' "$1"; }

# Step 0: the plan.
expect walk-plan 0 "^In 2026: retire 3 old units, buy 2 new units; 1 other change in the plan below; net present cost 18,500\.$" solve $AW -q --plan-out "$tmp/adv-p0.yaml"
ok walk-plan-spare grep -qx "  - {device: old, period: 2025, units: 1, cohort: fleet 1}" "$tmp/adv-p0.yaml"

# Step 1: to 2026, the spare not sold.
expect walk-1 0 "" advance $AW --to 2026 --plan "$tmp/adv-p0.yaml" --actuals $AA1 -q -o "$tmp/adv-m1.yaml" --plan-out "$tmp/adv-c1.yaml"
ok walk-1-stdout-empty test ! -s "$tmp/out"
ok walk-1-comment grep -qx "# $AW advanced to 2026 by breakeven advance: the decisions before it are those of the plan $tmp/adv-p0.yaml, with what happened as $AA1." "$tmp/adv-m1.yaml"
ok walk-1-name grep -qx 'name: "A two-year walk, as of 2026"' "$tmp/adv-m1.yaml"
ok walk-1-horizon grep -qx "horizon: {start: 2026, periods: 4, period: year}" "$tmp/adv-m1.yaml"
ok walk-1-demand grep -qx "demand: 5" "$tmp/adv-m1.yaml"
ok walk-1-window-gone sh -c "! grep -q 'available' '$tmp/adv-m1.yaml'"
ok walk-1-fleet test "$(fleet_of "$tmp/adv-m1.yaml")" = "fleet:
  - {device: old, count: 5, age: 4 years, purchase_price: 0}"
expect walk-1-check 0 "^$tmp/adv-m1.yaml: valid model 'A two-year walk, as of 2026': 4 periods, 2 devices" check "$tmp/adv-m1.yaml"
# the continuation: the plan's 2026 decisions, in the new model's words
ok walk-1-cont-buy grep -qx "  - {device: new, period: 2026, units: 2}" "$tmp/adv-c1.yaml"
ok walk-1-cont-retire grep -qx "  - {device: old, period: 2026, units: 3, cohort: fleet 1}" "$tmp/adv-c1.yaml"
ok walk-1-cont-cost grep -q "^# net present cost 20500, written by breakeven advance" "$tmp/adv-c1.yaml"
expect walk-1-compare 0 "^The optimal plan saves 5,500 \(26\.8%\) against your plan \($tmp/adv-c1.yaml\); it costs 15,000\.$" compare "$tmp/adv-m1.yaml" --plan "$tmp/adv-c1.yaml" -q
ok walk-1-differs grep -qx "The optimal plan differs from yours in 1 period\. 2026: retire 4 old units instead of 3\. That saves 5,500 in net present cost: the optimal plan's discounted cost is 2,500 lower in 2026 and 3,000 lower in the other periods\." "$tmp/out"
expect walk-1-compare-json 0 "" compare "$tmp/adv-m1.yaml" --plan "$tmp/adv-c1.yaml" -q --format json
ok walk-1-compare-figures test "$(json_get "$tmp/out" 'j.plans.map(p => p.plan + " " + p.net_present_cost + " " + p.difference).join(", ")')" = "optimal 15000 0, end_of_life 20000 5000, on_release 20000 5000, plan 20500 5500"

# Step 2: the new optimum approved, to 2027 after a failure and a late
# delivery.
expect walk-replan 0 "^In 2026: retire 4 old units, buy 2 new units; net present cost 15,000\.$" solve "$tmp/adv-m1.yaml" -q --plan-out "$tmp/adv-p1.yaml"
expect walk-2 0 "" advance "$tmp/adv-m1.yaml" --to 2027 --plan "$tmp/adv-p1.yaml" --actuals $AA2 -q -o "$tmp/adv-m2.yaml" --plan-out "$tmp/adv-c2.yaml"
ok walk-2-horizon grep -qx "horizon: {start: 2027, periods: 3, period: year}" "$tmp/adv-m2.yaml"
ok walk-2-fleet test "$(fleet_of "$tmp/adv-m2.yaml")" = "fleet:
  - {device: old, count: 3, age: 5 years, purchase_price: 0}
  - {device: new, count: 1, age: 1 year, purchase_price: 8000}"
ok walk-2-description grep -qx "description: \"Advanced from $AW (which starts in 2025) to 2026.\\\\nAdvanced from $tmp/adv-m1.yaml (which starts in 2026) to 2027.\"" "$tmp/adv-m2.yaml"
expect walk-2-check 0 "valid model" check "$tmp/adv-m2.yaml"
ok walk-2-cont-empty test "$(grep -c '^  - ' "$tmp/adv-c2.yaml")" -eq 0
expect walk-2-compare 0 "^The optimal plan saves 1,500 \(16\.7%\) against your plan \($tmp/adv-c2.yaml\); it costs 7,500\.$" compare "$tmp/adv-m2.yaml" --plan "$tmp/adv-c2.yaml" -q
ok walk-2-differs grep -qx "The optimal plan differs from yours in 1 period\. 2027: retire 2 old units that your plan keeps, buy 1 new unit that your plan does not buy\. That saves 1,500 in net present cost: the optimal plan's discounted cost is 4,500 higher in 2027 and 6,000 lower in the other periods\." "$tmp/out"
expect walk-2-compare-json 0 "" compare "$tmp/adv-m2.yaml" --plan "$tmp/adv-c2.yaml" -q --format json
ok walk-2-compare-figures test "$(json_get "$tmp/out" 'j.plans.filter(p => p.plan == "optimal" || p.plan == "plan").map(p => p.net_present_cost + " " + p.difference).join(", ")')" = "7500 0, 9000 1500"
expect walk-2-solve 0 "^In 2027: retire 2 old units, buy 1 new unit; net present cost 7,500\.$" solve "$tmp/adv-m2.yaml" -q

# The continuation property by hand (examples/README.md, "The check"):
# without actuals the plan's continuation from 2026 costs 18,500 - 2,000
# (2025: O&M 4,000, the spare sold for 2,000); discounted at 25% a year,
# 14,940.16 = 2,000 + 0.8 x 16,175.20.
expect walk-0-advance 0 "" advance $AW --to 2026 --plan "$tmp/adv-p0.yaml" -q -o "$tmp/adv-m0.yaml" --plan-out "$tmp/adv-c0.yaml"
expect walk-0-compare 0 "" compare "$tmp/adv-m0.yaml" --plan "$tmp/adv-c0.yaml" -q --format json
ok walk-0-continuation test "$(json_get "$tmp/out" 'j.plans.find(p => p.plan == "plan").net_present_cost')" = 16500
expect walk-0-discounted 0 "" solve $AW -q --set discount_rate=0.25 --format json
adv_obj=$(sed -n 's/.*"evaluated_cost": \([^,]*\),.*/\1/p' "$tmp/out")
expect walk-0-discounted-advance 0 "" advance $AW --to 2026 -q --set discount_rate=0.25 -o "$tmp/adv-m0d.yaml" --plan-out "$tmp/adv-c0d.yaml"
expect walk-0-discounted-compare 0 "" compare "$tmp/adv-m0d.yaml" --plan "$tmp/adv-c0d.yaml" -q --format json
adv_cont=$(json_get "$tmp/out" 'j.plans.find(p => p.plan == "plan").net_present_cost')
ok "walk-0-discounted-optimum ($adv_obj)" close "$adv_obj" 14940.16
ok "walk-0-discounted-continuation ($adv_cont)" close "$adv_cont" 16175.2
ok walk-0-discounted-rate grep -qx "discount_rate: 0.25" "$tmp/adv-m0d.yaml"

# Without --plan the optimal plan decides the past; to stdout.
expect advance-optimal 0 "^# $AW advanced to 2027 by breakeven advance: the decisions before it are the optimal plan's\.$" advance $AW --to 2027 -q
ok advance-optimal-fleet test "$(sed -n '/^fleet:/,$p' "$tmp/out")" = "fleet:
  - {device: old, count: 1, age: 5 years, purchase_price: 0}
  - {device: new, count: 2, age: 1 year, purchase_price: 8000}"
expect advance-periods 0 "^horizon: \{start: 2027, periods: 2, period: year\}$" advance $AW --to 2027 --periods 2 -q
ok advance-periods-demand grep -qx "demand: 5" "$tmp/out"

# --to and --periods: one line naming the file, exit 3; no --to, exit 2.
expect advance-to-unknown 3 "^breakeven: $AW: --to 2026-Q3 is not a period of the model \(2025 to 2029\)$" advance $AW --to 2026-Q3
ok advance-to-unknown-one-line test "$(wc -l <"$tmp/all")" -eq 1
expect advance-to-past 3 "^breakeven: $AW: --to 2030 is not a period of the model \(2025 to 2029\)$" advance $AW --to 2030
ok advance-to-past-one-line test "$(wc -l <"$tmp/all")" -eq 1
expect advance-to-first 3 "^breakeven: $AW: --to 2025 is the model's first period: it starts there already$" advance $AW --to 2025
ok advance-to-first-one-line test "$(wc -l <"$tmp/all")" -eq 1
expect advance-periods-too-many 3 "^breakeven: $AW: --periods asks for more than the 4 periods left from 2026$" advance $AW --to 2026 --periods 5
ok advance-periods-one-line test "$(wc -l <"$tmp/all")" -eq 1
expect advance-periods-zero 2 "^breakeven: --periods needs a whole number of at least 1, found '0'$" advance $AW --to 2026 --periods 0
expect advance-no-to 2 "^breakeven: advance needs --to PERIOD$" advance $AW
expect advance-no-model 2 "advance needs a model file" advance
expect advance-scenarios 2 "^breakeven: examples/energy-crunch.yaml: the model has 2 scenarios, which advance does not handle" advance examples/energy-crunch.yaml --to 2026
ok advance-scenarios-one-line test "$(wc -l <"$tmp/all")" -eq 1

# A plan file of another model, and a model given as a plan: exit 3 with
# the place.
expect advance-other-plan-out 0 "" solve examples/engine-analyzer.yaml -q --plan-out "$tmp/adv-other.yaml"
expect advance-other-plan 3 "^breakeven: $tmp/adv-other.yaml:5:14: buy entry 1: unknown device 'analyzer'$" advance $AW --to 2026 --plan "$tmp/adv-other.yaml"
ok advance-other-plan-one-line test "$(wc -l <"$tmp/all")" -eq 1
expect advance-model-as-plan 3 "^breakeven: $AW:$(grep -n '^breakeven: 1' $AW | cut -d: -f1):1: this is a model file, not a plan file" advance $AW --to 2026 --plan $AW

# Actuals that contradict the model, the plan or the fleet: exit 3 with
# file:line:column, one line.
# adv_actuals NAME LINES... : the actuals file $tmp/adv-NAME.yaml
adv_actuals() { n=$1; shift; printf '%s\n' "$@" >"$tmp/adv-$n.yaml"; }
adv_actuals at-period 'breakeven_actuals: 1' 'buy:' '  - {device: new, period: 2027, units: 1}'
expect actuals-at-period 3 "^breakeven: $tmp/adv-at-period.yaml:3:27: buy entry 1: 2027 is not before 2027, the period the model is advanced to: actuals are what happened before it$" advance $AW --to 2027 --plan "$tmp/adv-p0.yaml" --actuals "$tmp/adv-at-period.yaml"
ok actuals-at-period-one-line test "$(wc -l <"$tmp/all")" -eq 1
adv_actuals after-period 'breakeven_actuals: 1' 'failed:' '  - {device: old, period: 2028, units: 1}'
expect actuals-after-period 3 "^breakeven: $tmp/adv-after-period.yaml:3:27: failed entry 1: 2028 is not before 2027, the period" advance $AW --to 2027 --plan "$tmp/adv-p0.yaml" --actuals "$tmp/adv-after-period.yaml"
adv_actuals device 'breakeven_actuals: 1' 'buy:' '  - {device: newer, period: 2026, units: 1}'
expect actuals-unknown-device 3 "^breakeven: $tmp/adv-device.yaml:3:14: buy entry 1: unknown device 'newer'$" advance $AW --to 2027 --plan "$tmp/adv-p0.yaml" --actuals "$tmp/adv-device.yaml"
adv_actuals retire 'breakeven_actuals: 1' 'retire:' '  - {device: old, period: 2025, units: 6}'
expect actuals-retire-more 3 "^breakeven: $tmp/adv-retire.yaml:3:5: retire entry 1: 6 units of 'old' are retired in 2025, but only 5 are held then$" advance $AW --to 2027 --plan "$tmp/adv-p0.yaml" --actuals "$tmp/adv-retire.yaml"
# failures come out of what the period's retirements leave: the plan sells
# 3 of the 4 old servers in 2026
adv_actuals fail 'breakeven_actuals: 1' 'failed:' '  - {device: old, period: 2026, units: 2}'
expect actuals-fail-more 3 "^breakeven: $tmp/adv-fail.yaml:3:5: failed entry 1: 2 units of 'old' fail in 2026, but only 1 are held then$" advance $AW --to 2027 --plan "$tmp/adv-p0.yaml" --actuals "$tmp/adv-fail.yaml"
ok actuals-fail-more-one-line test "$(wc -l <"$tmp/all")" -eq 1
# 2025 sold 4 instead of 1: the plan's own 3 sales of 2026 are no longer
# possible
adv_actuals later 'breakeven_actuals: 1' 'retire:' '  - {device: old, period: 2025, units: 4}'
expect actuals-plan-later 3 "^breakeven: $tmp/adv-later.yaml:1:1: with these actuals the plan's own retirements of 2026 take 2 more units of 'old' than are held then: list what happened in 2026 in the actuals too$" advance $AW --to 2027 --plan "$tmp/adv-p0.yaml" --actuals "$tmp/adv-later.yaml"
adv_actuals version 'buy: []'
expect actuals-no-version 3 "^breakeven: $tmp/adv-version.yaml:1:1: missing required key 'breakeven_actuals'" advance $AW --to 2026 --actuals "$tmp/adv-version.yaml"
adv_actuals key 'breakeven_actuals: 1' 'bought: []'
expect actuals-unknown-key 3 "^breakeven: $tmp/adv-key.yaml:2:1: unknown key 'bought' in the actuals; expected breakeven_actuals, buy, rent, retire, failed or fleet$" advance $AW --to 2026 --actuals "$tmp/adv-key.yaml"
adv_actuals window 'breakeven_actuals: 1' 'buy:' '  - {device: new, period: 2025, units: 1}'
expect actuals-not-on-sale 3 "^breakeven: $tmp/adv-window.yaml:3:27: buy entry 1: 'new' cannot be bought in 2025 \(on sale from 2026 to 2029\)$" advance $AW --to 2026 --actuals "$tmp/adv-window.yaml"
expect actuals-missing 3 "^breakeven: $tmp/adv-nope.yaml: cannot open the file" advance $AW --to 2026 --actuals "$tmp/adv-nope.yaml"

# A fleet as counted wins; --plan-out is refused with it.
adv_actuals counted 'breakeven_actuals: 1' 'fleet:' '  - {device: old, count: 3, age: 4}' '  - {device: new, count: 1, age: 0, purchase_price: 7000}'
expect actuals-counted 0 "" advance $AW --to 2026 --plan "$tmp/adv-p0.yaml" --actuals "$tmp/adv-counted.yaml" -q -o "$tmp/adv-mc.yaml"
ok actuals-counted-fleet test "$(fleet_of "$tmp/adv-mc.yaml")" = "fleet:
  - {device: old, count: 3, age: 4 years}
  - {device: new, count: 1, age: 0, purchase_price: 7000}"
ok actuals-counted-comment grep -q "The fleet is as $tmp/adv-counted.yaml counts it\.$" "$tmp/adv-mc.yaml"
expect actuals-counted-check 0 "valid model" check "$tmp/adv-mc.yaml"
rm -f "$tmp/adv-mc2.yaml"
expect actuals-counted-plan-out 2 "^breakeven: --plan-out: the actuals count the fleet, so the plan's decisions no longer name its units$" advance $AW --to 2026 --actuals "$tmp/adv-counted.yaml" -o "$tmp/adv-mc2.yaml" --plan-out "$tmp/adv-cc.yaml"
ok actuals-counted-plan-out-nothing test ! -e "$tmp/adv-mc2.yaml" -a ! -e "$tmp/adv-cc.yaml"
adv_actuals counted-bad 'breakeven_actuals: 1' 'fleet:' '  - {device: older, count: 3, age: 4}'
expect actuals-counted-device 3 "^breakeven: $tmp/adv-counted-bad.yaml:3:14: fleet entry 1: unknown device 'older'; did you mean 'old'\?$" advance $AW --to 2026 --actuals "$tmp/adv-counted-bad.yaml"

# -o is atomic: a failing advance leaves the file as it was, and no
# temporary file; a failed write writes no --plan-out either.
echo keep >"$tmp/adv-keep.yaml"
expect advance-o-kept 3 "" advance $AW --to 2027 --plan "$tmp/adv-p0.yaml" --actuals "$tmp/adv-fail.yaml" -o "$tmp/adv-keep.yaml" --plan-out "$tmp/adv-keep-c.yaml"
ok advance-o-kept-content test "$(cat "$tmp/adv-keep.yaml")" = keep
ok advance-o-kept-no-plan-out test ! -e "$tmp/adv-keep-c.yaml"
expect advance-o-kept-to 3 "" advance $AW --to 2030 -o "$tmp/adv-keep.yaml"
ok advance-o-kept-to-content test "$(cat "$tmp/adv-keep.yaml")" = keep
ok advance-o-no-temp test "$(ls "$tmp" | grep -c 'adv-keep\.yaml\.tmp')" -eq 0
expect advance-o-bad-dir 4 "cannot write" advance $AW --to 2026 -q -o "$tmp/no/such/dir/m.yaml" --plan-out "$tmp/adv-bad-c.yaml"
ok advance-o-bad-dir-no-plan-out test ! -e "$tmp/adv-bad-c.yaml"

# A quarterly model advanced to a mid-year quarter starts at its label, and
# again to a new year; a monthly one at its month.  Each passes check, and
# under the optimal plan its continuation is the new optimum.
cat >"$tmp/adv-q.yaml" <<'MODEL'
breakeven: 1
name: Quarterly
horizon: {start: 2027, periods: 8, period: quarter}
discount_rate: 0.1
integer: true
demand: {start: 4, growth: 0.2}
devices:
  - name: a
    throughput: 1
    lifetime: 3
    price: 1000
    om: 100
    resale: {fraction: 0.8, half_life: 1}
fleet:
  - {device: a, count: 4, age: 6 quarters, purchase_price: 1200}
MODEL
expect advance-quarter 0 "" advance "$tmp/adv-q.yaml" --to 2027-Q3 -q -o "$tmp/adv-q1.yaml" --plan-out "$tmp/adv-qc.yaml"
ok advance-quarter-horizon grep -qx "horizon: {start: 2027-Q3, periods: 6, period: quarter}" "$tmp/adv-q1.yaml"
ok advance-quarter-fleet test "$(fleet_of "$tmp/adv-q1.yaml")" = "fleet:
  - {device: a, count: 4, age: 2 years, purchase_price: 1200}
  - {device: a, count: 1, age: 1 quarter, purchase_price: 1000}"
expect advance-quarter-check 0 "^$tmp/adv-q1.yaml: valid model 'Quarterly, as of 2027-Q3': 6 periods" check "$tmp/adv-q1.yaml"
expect advance-quarter-compare 0 "^Your plan \($tmp/adv-qc.yaml\) is already optimal" compare "$tmp/adv-q1.yaml" --plan "$tmp/adv-qc.yaml" -q
expect advance-quarter-again 0 "" advance "$tmp/adv-q1.yaml" --to 2028-Q1 -q -o "$tmp/adv-q2.yaml"
ok advance-quarter-again-horizon grep -qx "horizon: {start: 2028, periods: 4, period: quarter}" "$tmp/adv-q2.yaml"
expect advance-quarter-again-check 0 "valid model" check "$tmp/adv-q2.yaml"
expect advance-quarter-year 3 "^breakeven: $tmp/adv-q.yaml: --to 2027 is not a period of the model \(2027-Q1 to 2028-Q4\)$" advance "$tmp/adv-q.yaml" --to 2027
expect advance-month 0 "" advance "$tmp/adv-q.yaml" --set horizon.period=month --set horizon.periods=12 --to 2027-07 -q -o "$tmp/adv-mo.yaml"
ok advance-month-horizon grep -qx "horizon: {start: 2027-07, periods: 6, period: month}" "$tmp/adv-mo.yaml"
expect advance-month-check 0 "valid model" check "$tmp/adv-mo.yaml"

# --plan-out after actuals that leave fewer units than the plan retires
# later: the continuation is no plan of the new model, so nothing is
# written (the old plan retires 3 in 2026; after retiring 4 of the 5 in
# 2025 only 1 is left)
printf 'breakeven_actuals: 1\nretire:\n  - {device: old, period: 2025, units: 4}\n' >"$tmp/adv-few.yaml"
rm -f "$tmp/adv-few-m.yaml" "$tmp/adv-few-c.yaml"
expect advance-plan-out-impossible 3 "--plan-out: after what happened, the plan's decisions of 2026 take more units of 'old' than the new fleet holds; nothing written" advance $AW --to 2026 --plan "$tmp/adv-p0.yaml" --actuals "$tmp/adv-few.yaml" -o "$tmp/adv-few-m.yaml" --plan-out "$tmp/adv-few-c.yaml"
ok advance-plan-out-impossible-nothing test ! -e "$tmp/adv-few-m.yaml" -a ! -e "$tmp/adv-few-c.yaml"
