# tests/cli.d/workloads.sh -- workloads beyond solve's own output (sourced
# by tests/cli.sh): shadow prices per workload, defender against
# challenger on one workload, thresholds on workload paths.  The model is
# examples/workloads.yaml (examples/README.md, section 11).
WX=examples/workloads.yaml

# prices: one column per workload; the LP's duals of 2028 are 275 for
# either workload: one more unit of training in 2028 is a quarter of a new
# unit bought for that year alone, (1,000 + 100) / 4; one more unit of
# inference moves an old unit off training, and a quarter of a new unit
# takes its place.
expect wl-prices-text 0 '^One more unit of demand costs most for training in 2028: 275\.00 of net present cost\.$' prices $WX --relax
expect wl-prices-json 0 '"workloads": \[\{"name": "training", "demand": 12, "demand_price": 275\}, \{"name": "inference", "demand": 8, "demand_price": 275\}\]' prices $WX --relax --format json
expect wl-prices-csv 0 '^2027,inference,1,8,25,' prices $WX --relax --format csv

# challenger: an old unit (1 of either work) against a new one (4 training,
# 2 inference) is compared on inference, where the old unit is best
# against it (1/2 > 1/4): keeping costs 100 a year (O&M, no resale), a new
# unit's EAC (1,000 + 3 x 100) / 3 = 433.33 per 2 = 216.67.
expect wl-challenger-table 0 '^fleet entry 1 \(old\) against new, per unit of inference throughput$' challenger $WX
expect wl-challenger-cost 0 '^2027 +2 +100\.00 +216\.67 +3  keep$' challenger $WX
expect wl-challenger-json 0 '"challenger": "new", "workload": "inference"' challenger $WX --format json

# threshold and sweep take workload and per-workload throughput paths: the
# box at 400 costs as much a unit of inference (300) as a new unit a unit
# of training, and there the plan turns.
expect wl-threshold-box 0 'devices\.box\.price = 399\.96[0-9]* and 400 ' threshold $WX --param devices.box.price --range 100:600
expect wl-threshold-demand 0 '2 plans, 1 change' threshold $WX --param workloads.inference.demand.1 --range 4:12
expect wl-set-throughput 0 '"objective": ' solve $WX --set devices.new.throughput.inference=4 --format json
expect wl-set-unknown 2 "no workload named like 'inferenc'" solve $WX --set workloads.inferenc.demand=1

# a plan file that falls short names the workload: 2 new units train 8 of
# 2027's 12 (the split leaves the shortfall where it is cheapest to cover:
# training, 300 a unit of work, against inference, 350)
printf 'breakeven_plan: 1\nbuy:\n  - {device: new, period: 2027, units: 2}\nretire:\n  - {device: old, period: 2026, units: 2, cohort: fleet 1}\n' >"$tmp/wl-short.yaml"
expect wl-plan-short 0 'but breaks the training demand in 2027 \(short by 4\)\.$' compare $WX --plan "$tmp/wl-short.yaml"
expect wl-plan-short-json 0 '"violation": \{"constraint": "demand", "period": "2027", "device": null, "workload": "training", "amount": 4\}' compare $WX --plan "$tmp/wl-short.yaml" --format json
