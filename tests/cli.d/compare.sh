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

# compare --plan says where the optimal plan differs from the plan file.
# tests/cli/compare-replan.yaml, by hand (no discounting; O&M a year: a100
# 80, h100 and b200 50): 3 a100 serve 3 in 2026 (240); demand 9 in 2027
# takes 6 more throughput: 3 b200 (1,500 + 150) beat 6 h100 (1,800 +
# 300); demand 6 from 2028 lets the 3 a100 retire.  Optimum 240 + 1,890 +
# 150 + 150 = 2,430.  The plan file buys 6 h100 in 2027 and keeps
# everything: 240 + 2,340 + 540 + 540 = 3,660.  It differs in 2027 (buy)
# and 2028 (retire); period costs plan minus optimum: 2027 450, 2028 390,
# 2029 390 (the other periods); 1,230 in all.
RP=$D/compare-replan.yaml
cat >"$tmp/h100.yaml" <<'PLAN'
breakeven_plan: 1
buy:
  - {device: h100, period: 2027, units: 6}
PLAN
expect replan-answer 0 "^The optimal plan saves 1,230 \(33\.6%\) against your plan \($tmp/h100.yaml\); it costs 2,430\.$" compare $RP --plan "$tmp/h100.yaml"
expect replan-differs 0 "^The optimal plan differs from yours in 2 periods\. 2027: buy 3 b200 units instead of 6 h100 units; 2028: retire 3 a100 units that your plan keeps\. That saves 1,230 in net present cost: the optimal plan's discounted cost is 450 lower in 2027, 390 lower in 2028 and 390 lower in the other periods\.$" compare $RP --plan "$tmp/h100.yaml"
expect replan-json 0 '"plan": "plan", ' compare $RP --plan "$tmp/h100.yaml" --format json
cp "$tmp/out" "$tmp/replan.json"
ok replan-json-differences test "$(json_get "$tmp/replan.json" 'j.plans.find(p => p.plan === "plan").differences.map(d => [d.period, d.optimal, d.plan, d.cost_difference].join("|")).join(";")')" = "2027|buy 3 b200 units|buy 6 h100 units|450;2028|retire 3 a100 units||390"
# the figures the evaluator gives the two rows: the same saving
ok replan-json-saving test "$(json_get "$tmp/replan.json" 'j.plans.find(p => p.plan === "plan").net_present_cost - j.plans[0].net_present_cost')" = 1230
ok replan-json-baselines test "$(json_get "$tmp/replan.json" 'j.plans.filter(p => p.differences).length')" = 1
# the optimal plan's own file: no paragraph, an empty array
expect replan-opt-out 0 "net present cost 2,430" solve $RP --plan-out "$tmp/replan-opt.yaml"
expect replan-same 0 "^Your plan \($tmp/replan-opt.yaml\) is already optimal: it costs 2,430, like the optimal plan\.$" compare $RP --plan "$tmp/replan-opt.yaml"
ok replan-same-quiet sh -c "! grep -q 'differs from yours' '$tmp/all'"
expect replan-same-json 0 '"differences": \[\]\}' compare $RP --plan "$tmp/replan-opt.yaml" --format json
# The other wordings, on compare-two-gen.yaml: a plan that retires 1 old
# and rents 1 cloud in 2025 (300 + 400 = 700), retires the other 3 and
# rents 4 cloud in 2026 (1,600), buys 2 new in 2027 (700) and pays their
# O&M in 2028 (100): 3,100, against the optimum's 400, 700, 100, 100.
cat >"$tmp/rent.yaml" <<'PLAN'
breakeven_plan: 1
rent:
  - {device: cloud, period: 2025, units: 1}
  - {device: cloud, period: 2026, units: 4}
buy:
  - {device: new, period: 2027, units: 2}
retire:
  - {device: old, period: 2025, units: 1}
  - {device: old, period: 2026, units: 3}
PLAN
expect replan-wordings 0 "^The optimal plan differs from yours in 3 periods\. 2025: keep 1 old unit that your plan retires, rent nothing instead of 1 cloud unit; 2026: retire 4 old units instead of 3, buy 2 new units that your plan does not buy, rent nothing instead of 4 cloud units; 2027: buy nothing instead of 2 new units\. That saves 1,800 in net present cost: the optimal plan's discounted cost is 300 lower in 2025, 900 lower in 2026 and 600 lower in 2027\.$" compare $TG --plan "$tmp/rent.yaml"
# Eight years of compare-two-gen.yaml (--set): a plan that retires the 4
# old at once and rents 4 cloud every year costs 8 x 1,600 = 12,800; the
# optimum 400 + 700 + 6 x 100 = 1,700.  All 8 years differ: five are
# named (1,200, 900, then 1,500 a year) and the other three are 4,500.
printf 'breakeven_plan: 1\nretire:\n  - {device: old, period: 2025, units: 4}\nrent:\n' >"$tmp/rent8.yaml"
for y in 2025 2026 2027 2028 2029 2030 2031 2032; do
    echo "  - {device: cloud, period: $y, units: 4}" >>"$tmp/rent8.yaml"
done
expect replan-more 0 "^The optimal plan differs from yours in 8 periods\. 2025: keep 4 old units that your plan retires, rent nothing instead of 4 cloud units; 2026: retire 4 old units that your plan does not retire, buy 2 new units that your plan does not buy, rent nothing instead of 4 cloud units; 2027: rent nothing instead of 4 cloud units; 2028: rent nothing instead of 4 cloud units; 2029: rent nothing instead of 4 cloud units; and 3 more periods differ\. That saves 11,100 in net present cost: the optimal plan's discounted cost is 1,200 lower in 2025, 900 lower in 2026, 1,500 lower in 2027, 1,500 lower in 2028, 1,500 lower in 2029 and 4,500 lower in the other periods\.$" compare $TG --set horizon.periods=8 --plan "$tmp/rent8.yaml"
# Buying the optimum's 3 b200 and 6 h100 besides: only the h100 differ
# (2027: 1,800 + 300 more; then 300 of h100 O&M and the a100's 240 a year).
cat >"$tmp/both.yaml" <<'PLAN'
breakeven_plan: 1
buy:
  - {device: h100, period: 2027, units: 6}
  - {device: b200, period: 2027, units: 3}
PLAN
expect replan-none-of 0 "^The optimal plan differs from yours in 2 periods\. 2027: buy none of the 6 h100 units your plan buys; 2028: retire 3 a100 units that your plan keeps\. That saves 3,180 in net present cost: the optimal plan's discounted cost is 2,100 lower in 2027, 540 lower in 2028 and 540 lower in the other periods\.$" compare $RP --plan "$tmp/both.yaml"
# Through advance: the model as of 2027 under the h100 plan, and that
# plan's continuation (buy 6 h100 in 2027).  2026 is behind both, so the
# differences and the saving are the same; the optimum costs 2,430 - 240.
expect replan-advance 0 "" advance $RP --to 2027 --plan "$tmp/h100.yaml" --plan-out "$tmp/cont.yaml" -o "$tmp/new.yaml"
expect replan-advance-answer 0 "^The optimal plan saves 1,230 \(36\.0%\) against your plan \($tmp/cont.yaml\); it costs 2,190\.$" compare "$tmp/new.yaml" --plan "$tmp/cont.yaml"
expect replan-advance-differs 0 "^The optimal plan differs from yours in 2 periods\. 2027: buy 3 b200 units instead of 6 h100 units; 2028: retire 3 a100 units that your plan keeps\. That saves 1,230 in net present cost: the optimal plan's discounted cost is 450 lower in 2027, 390 lower in 2028 and 390 lower in the other periods\.$" compare "$tmp/new.yaml" --plan "$tmp/cont.yaml"
# advanced under the optimal plan, its continuation is the new optimum
expect replan-advance-opt 0 "" advance $RP --to 2027 --plan-out "$tmp/cont2.yaml" -o "$tmp/new2.yaml"
expect replan-advance-opt-same 0 "^Your plan \($tmp/cont2.yaml\) is already optimal: it costs 2,190, like the optimal plan\.$" compare "$tmp/new2.yaml" --plan "$tmp/cont2.yaml"
ok replan-advance-opt-quiet sh -c "! grep -q 'differs from yours' '$tmp/all'"
