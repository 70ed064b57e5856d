# tests/cli.d/examples.sh -- the answers of the short course in examples/
# (examples/README.md works each of them out by hand).  Sourced by
# tests/cli.sh: uses expect, ok, $tmp and $BIN.

# 1, 2: the textbook optima (also in tests/cli.sh).
expect course-1-engine 0 '"objective": 1280,' solve examples/engine-analyzer.yaml --format json
expect course-2-economic-life 0 '"objective": 18900,' solve examples/economic-life.yaml --format json
expect course-2-six-years 0 '^  2031 +retire 1 machine unit, buy 1 machine unit$' solve examples/economic-life.yaml

# 3: each new unit replaces two old ones and saves 97,600 a year; all ten
# are replaced in 2027: 4,854,000 (keeping them: 5,856,000).  The swap
# pays above 0.0428 per kWh.
expect course-3-answer 0 '^In 2027: retire 10 old units, buy 5 new units; net present cost 4,854,000\.$' solve examples/ten-to-five.yaml
expect course-3-objective 0 '"objective": 4854000,' solve examples/ten-to-five.yaml --format json
expect course-3-cheap-energy 0 '^Keep the fleet as it is through 2030: nothing to buy or retire; net present cost 2,702,400\.$' solve examples/ten-to-five.yaml --set energy.price=0.04
expect course-3-dearer-energy 0 '^In 2027: retire 10 old units, buy 5 new units; net present cost 3,102,000\.$' solve examples/ten-to-five.yaml --set energy.price=0.05

# 4: the 100 kW cap forces a swap in 2026 and one in 2027: 213,400; without
# it, growth is bought (1 unit in 2026 and 2027) and no old unit goes:
# 203,540.
expect course-4-objective 0 '"objective": 213400,' solve examples/power-cap.yaml --format json
expect course-4-2026 0 '^  2026 +retire 2 old units, buy 2 new units$' solve examples/power-cap.yaml
expect course-4-2027 0 '^  2027 +retire 2 old units, buy 2 new units$' solve examples/power-cap.yaml
expect course-4-no-cap 0 '"objective": 203540,' solve examples/power-cap.yaml --set site.power_cap_kw=1000 --format json
expect course-4-no-cap-plan 0 '^  2027 +buy 1 new unit$' solve examples/power-cap.yaml --set site.power_cap_kw=1000
expect course-4-slow-resale 0 '^In 2025: retire 4 old units, buy 2 new units; .* net present cost 211,260\.$' solve examples/power-cap.yaml --set devices.new.resale.3=20000

# 5: the budget buys 2.5 units a year: the MIP buys 2 + 1 (200,000), the
# LP 2.5 + 0.5 (178,000).
expect course-5-mip 0 '"objective": 200000,' solve examples/budget-refresh.yaml --format json
expect course-5-mip-2025 0 '^  2025 +retire 4 old units, buy 2 new units$' solve examples/budget-refresh.yaml
expect course-5-mip-2026 0 '^  2026 +retire 2 old units, buy 1 new unit$' solve examples/budget-refresh.yaml
expect course-5-lp 0 '"objective": 178000,' solve examples/budget-refresh.yaml --relax --format json
expect course-5-lp-2025 0 '^  2025 +retire 5 old units, buy 2\.500 new units$' solve examples/budget-refresh.yaml --relax
expect course-5-lp-2026 0 '^  2026 +retire 1 old unit, buy 0\.500 new units$' solve examples/budget-refresh.yaml --relax

# 6: own the needs of 2 years or more, rent the one-year peak: 112,000;
# with rent at 12,000 the 2-year layer is rented too: 108,000.
expect course-6-objective 0 '"objective": 112000,' solve examples/buy-or-rent.yaml --format json
expect course-6-2025 0 '^  2025 +buy 2 server units$' solve examples/buy-or-rent.yaml
expect course-6-2027 0 '^  2027 +buy 1 server unit, rent 1 cloud unit$' solve examples/buy-or-rent.yaml
expect course-6-cheap-rent 0 '"objective": 108000,' solve examples/buy-or-rent.yaml --set devices.cloud.rent=12000 --format json
expect course-6-cheap-rent-plan 0 '^  2027 +rent 2 cloud units$' solve examples/buy-or-rent.yaml --set devices.cloud.rent=12000

# 7: with 30% tax and 5-year depreciation keeping wins, 6,930 (replacing:
# 7,236); without tax replacing wins, 9,240; written off at once (N = 1)
# replacing wins, 6,468; N = 2: 6,768 (replace); N = 3: keep.
expect course-7-keep 0 '^Keep the fleet as it is through 2026: nothing to buy or retire; net present cost 6,930\.$' solve examples/taxes.yaml
expect course-7-no-tax 0 '^In 2025: retire 1 old unit, buy 1 new unit; net present cost 9,240\.$' solve examples/taxes.yaml --set finance.tax_rate=0
expect course-7-expensed 0 '^In 2025: retire 1 old unit, buy 1 new unit; net present cost 6,468\.$' solve examples/taxes.yaml --set finance.depreciation_years=1
expect course-7-two-years 0 '"objective": 6768,' solve examples/taxes.yaml --set finance.depreciation_years=2 --format json
expect course-7-three-years 0 '^Keep the fleet as it is' solve examples/taxes.yaml --set finance.depreciation_years=3

# 11: the old units move to inference, 3 new units train: 6,000; with a
# box at 300 the old units stay on training: 5,600.
expect course-11-objective 0 '"objective": 6000,' solve examples/workloads.yaml --format json
expect course-11-cheap-box 0 '"objective": 5600,' solve examples/workloads.yaml --set devices.box.price=300 --format json
expect course-11-2027 0 '^  2027 +move 6 old units from training to inference, buy 3 new units for training$' solve examples/workloads.yaml
expect course-11-cascade 0 '^Cascading is worth 400: without it \(each device held to its first workload: old on training, new on training\) the plan costs 6,400\.$' compare examples/workloads.yaml
expect course-11-relaxed 0 '"objective": 6000,' solve examples/workloads.yaml --relax --format json

# The course has at least seven models, each with a walkthrough.
ok course-seven-models test "$(ls examples/*.yaml | wc -l)" -ge 7
for f in examples/*.yaml; do
    ok "course-walkthrough:$f" grep -q "(${f#examples/})" examples/README.md
done
