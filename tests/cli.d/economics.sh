# tests/cli.d/economics.sh -- economic life, defender vs challenger, shadow
# prices and thresholds (docs/breakeven-answers.md).  Sourced by
# tests/cli.sh: uses expect, ok, close, $tmp, $D and $BIN.

# Economic life, the textbook answer: (6100 - 100 + O&M of years 1..n) / n
# is lowest at n = 6: 9450 / 6 = 1575 a year.
expect life-answer 0 '^machine bought in 2025: economic life 6 years, at 1,575\.00 a year' life examples/economic-life.yaml
# n = 7: 6100 - 100 + O&M 100+250+400+600+900+1200+1600 = 11,050; / 7 =
# 1,578.57.  The CSV row of n = 6: npv 9450, EAC 1575 (throughput 1, so
# per throughput too), sold within the horizon, the economic life.
expect life-table 0 '^ +7 +11,050\.00 +1,578\.57 ' life examples/economic-life.yaml
expect life-json 0 '"economic_life_years": 6, "eac": 1575, ' life examples/economic-life.yaml --format json
expect life-csv 0 '^machine,2025,6,9450,1575,1575,1,1$' life examples/economic-life.yaml --format csv
# 10% interest, v = 1/1.1, every cash flow at the start of its year:
# npv(7) = 6100 + sum_{i<7} om[i] v^i - 100 v^7 = 9420.30, times
# (1-v)/(1-v^7): 1759.07, below n = 6 (1776.75) and n = 8 (1780.94).
expect life-discounted 0 'economic life 7 years, at 1,759\.07 a year' life examples/economic-life.yaml --set discount_rate=0.1
expect life-no-device 2 "no device named 'nope'" life examples/economic-life.yaml --device nope
expect life-out 0 '' life examples/economic-life.yaml --format csv -o "$tmp/life.csv"
ok life-out-written grep -q '^machine,2025,6,9450,1575,1575,1,1$' "$tmp/life.csv"

# Defender vs challenger.  ten-to-five: keeping an old unit costs 10,000 of
# O&M + 87,600 of energy + the resale it loses (10,000 a year at ages 2..5),
# 107,600 a year per unit of throughput.  A new unit (throughput 2), on sale
# from 2027, kept 4 years: 300,000 + 4 x (10,000 + 87,600) - 50,000 =
# 640,400, 160,100 a year, 80,050 per unit of throughput (1 to 3 years:
# 98,800, 86,300, 82,133): below 107,600 at once, so it wins from 2027.
expect challenger-answer 0 '^fleet entry 1 \(10 old aged [0-9]+\): new wins from 2027' challenger examples/ten-to-five.yaml
expect challenger-csv 0 '^fleet_entry,defender,challenger,period,defender_age_years,defender_cost,challenger_cost' challenger examples/ten-to-five.yaml --format csv
# The seed (r = 8%, v = 1/1.08; resale S(a) = 2,690,000 x 0.5^(a/2.7);
# energy 100 kW x 1.54 x 8760 h x 0.0806 = 108,732.62 a year; O&M 234,000).
# Keeping an h100-pod through 2027 (age 4): S(4) - S(5) v + 234,000 +
# 108,732.62 = 963,345.15 - 745,228.28 / 1.08 + 342,732.62 = 616,051.59.
# A next-pod kept 6 years: npv = 2,690,000 + 342,732.62 x (1 - v^6) / (1 -
# v) - S(6) v^6 = 4,037,873.98, times (1 - v) / (1 - v^6) = 0.200292:
# 808,753.95 a year, 404,376.98 per unit of throughput (2): it wins in
# 2027, the first year it is on sale.
expect challenger-seed 0 'next-pod wins from 2027: keeping costs 616,051\.59 a year per unit of throughput, buying next-pod 404,376\.98 \(kept 6 years\)' challenger models/seed-1mw.yaml --device next-pod
expect challenger-no-fleet 1 'no initial fleet' challenger examples/economic-life.yaml

# Shadow prices against the hand calculation (tests/cli/econ-lp.yaml) and a
# finite difference: solve again with one more unit of demand in 2026.
expect prices-answer 0 '^One more unit of demand costs most in 2027: 909\.09 of net present cost' prices $D/econ-lp.yaml
expect prices-2026 0 '^2026 +12 +173\.55 ' prices $D/econ-lp.yaml
expect prices-json 0 '"from_fixed_lp": false' prices $D/econ-lp.yaml --format json
p=$(sed -n 's/.*"label": "2026".*"demand_price": \([^,]*\),.*/\1/p' "$tmp/out")
obj=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/out")
expect prices-plus-one 0 '' solve $D/econ-lp.yaml --set demand.2=13 --format json
obj1=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/out")
ok "prices-finite-difference ($obj1 - $obj vs $p)" awk -v a="$obj" -v b="$obj1" -v p="$p" 'BEGIN { d = b - a - p; if (d < 0) d = -d; exit !(p != "" && d <= 1e-6) }'
expect prices-mip 0 'LP with the whole-unit decisions fixed' prices examples/engine-analyzer.yaml
expect prices-csv 0 '^period,discount,demand,demand_price,power_cap_kw,power_price,budget,budget_price,from_fixed_lp$' prices examples/engine-analyzer.yaml --format csv
expect prices-infeasible 1 'no feasible plan: the model is infeasible' prices $D/infeasible.yaml

# Thresholds.  ten-to-five: the swap in 2027 pays above an energy price of
# 37,500 / 876,000 = 0.0428082 per kWh (examples/README.md, section 3).
expect threshold-answer 0 '^The first replacement moves to 2027 \(the first year new can be bought\) at energy\.price >= 0\.04280[89]' threshold examples/ten-to-five.yaml --param energy.price --range 0.02:0.08 --tol 1e-6
# Whole units, but energy.price enters only the objective: the change is
# found exactly where the two plans' cost lines cross, 37,500 / 876,000 =
# 0.04280821917808219, in 17 grid solves and 2 more.
expect threshold-break 0 '^  energy\.price = 0\.04280[0-9]* and 0\.04280[0-9]*  exact: 0\.04280821917808219[0-9]*$' threshold examples/ten-to-five.yaml --param energy.price --range 0.02:0.08 --tol 1e-6
expect threshold-mip-exact 0 '"solves": 19, .*"exact": true, "exact_breakpoints": 1, "bisected_breakpoints": 0, .*"method": "exact", "value": 0\.04280821917808219[0-9]*\}' threshold examples/ten-to-five.yaml --param energy.price --range 0.02:0.08 --format json
# tests/cli/econ-replace.yaml: keep below 50/8760 = 0.0057078, replace in
# 2026 up to 100/8760 = 0.0114155, in 2025 above.
expect threshold-first-year 0 '^The first replacement moves to 2025 \(the first period of the horizon\) at energy\.price >= 0\.01141[56][0-9]*; below that it comes in 2026\.$' threshold $D/econ-replace.yaml --param energy.price --range 0:0.02 --tol 1e-6 --grid 5
expect threshold-json 0 '"breakpoints": \[\{"below": 0\.0057[0-9]*, "above": 0\.0057[0-9]*, "method": "exact", "value": 0\.00570776255707762[0-9]*\}, \{"below": 0\.0114[0-9]*, "above": 0\.0114[0-9]*, "method": "exact", "value": 0\.0114155251141552[0-9]*\}\]' threshold $D/econ-replace.yaml --param energy.price --range 0:0.02 --tol 1e-6 --grid 5 --format json
ok threshold-json-brackets awk -v s="$(sed -n 's/.*"breakpoints": \[\([^]]*\)\].*/\1/p' "$tmp/out" | tr -d '{}" ' | tr ',' ' ')" 'BEGIN { m = split(s, f, " "); n = 0; for (i = 1; i <= m; i++) { split(f[i], kv, ":"); if (kv[1] == "below" || kv[1] == "above") v[++n] = kv[2] } p1 = 50 / 8760; p2 = 100 / 8760; e = 1e-12; exit !(n == 4 && v[1] <= p1 * (1 + e) && v[2] >= p1 * (1 - e) && v[2] - v[1] <= 1e-6 && v[3] <= p2 * (1 + e) && v[4] >= p2 * (1 - e) && v[4] - v[3] <= 1e-6) }'
# economic-life.yaml by price P (O&M of 3, 4, 6 years 750, 1350, 3450, less
# the scrap value 100): 4 cycles of 3 years cost 4(P + 650), 6600 at P =
# 1000, against 3 of 4 years 3(P + 1250); equal at P = 1150.  3 of 4
# against 2 of 6 years 2(P + 3350): equal at 2950.
# The price enters only the objective, so both are found exactly: the
# middle plan runs from 1150 (3 x 2400 = 7200) to 2950 (3 x 4200 = 12600);
# at a crossing both plans are optimal, so the interval ends at it or a
# hair before it, depending on which of the two the solver returns there.
expect threshold-csv 0 '^devices\.machine\.price,1000,1149\.[0-9]*,optimal,6600,' threshold examples/economic-life.yaml --param devices.machine.price --range 1000:20000 --format csv
expect threshold-csv-2 0 '^devices\.machine\.price,(1150|1149\.99[0-9]*),(2950|2949\.99[0-9]*),optimal,(7200|7199\.99[0-9]*),(12600|12599\.99[0-9]*),2029,".*",exact$' threshold examples/economic-life.yaml --param devices.machine.price --range 1000:20000 --format csv
# The seed over energy prices 0.02 .. 0.4: a regression value (from
# breakeven threshold when this was written), checked at both ends against
# solve, whose first replacement (the answer's period) must be 2027 too.
expect threshold-whole-range 0 '^The first replacement is in 2027 \(the first year next-pod can be bought\) over the whole range of energy\.price, 0\.02 to 0\.4\.$' threshold models/seed-1mw.yaml --param energy.price --range 0.02:0.4 --time-limit 30
expect threshold-whole-range-lo 0 '^In 2027: retire ' solve models/seed-1mw.yaml --set energy.price=0.02 --time-limit 30
expect threshold-whole-range-hi 0 '^In 2027: retire ' solve models/seed-1mw.yaml --set energy.price=0.4 --time-limit 30
expect threshold-no-param 2 'threshold needs --param' threshold examples/economic-life.yaml --range 0:1
expect threshold-bad-range 2 '--range needs LO:HI' threshold examples/economic-life.yaml --param energy.price --range 2:1
expect threshold-bad-grid 2 '--grid needs a whole number' threshold examples/economic-life.yaml --param energy.price --range 0:1 --grid 1
expect threshold-rejected 3 'energy\.price=-2: ' threshold examples/economic-life.yaml --param energy.price --range -2:-1
expect threshold-out 0 '' threshold $D/econ-replace.yaml --param energy.price --range 0:0.02 --format json -o "$tmp/thr.json"
ok threshold-out-written grep -q '"warm_start": false' "$tmp/thr.json"
# As LPs the scan starts each solve from the previous basis (and --cold
# turns that off), reaching the same breakpoints: of the 17 grid values
# (the default --grid) the first starts cold, the other 16 warm.
expect threshold-warm 0 '"warm_start": true, "warm_starts": 16,' threshold models/power-capped-site.yaml --param energy.price --range 0.02:0.4 --format json
warm_answer=$(sed -n 's/.*"answer": \("[^"]*"\).*/\1/p' "$tmp/out")
expect threshold-cold 0 '"warm_start": false, "warm_starts": 0,' threshold models/power-capped-site.yaml --param energy.price --range 0.02:0.4 --format json --cold
ok threshold-warm-same-answer test "$warm_answer" = "$(sed -n 's/.*"answer": \("[^"]*"\).*/\1/p' "$tmp/out")"

# The same as an LP (--relax); energy.price enters
# only the objective, so the breakpoint is where the keep and replace cost
# lines cross: 37,500 / 876,000 = 0.04280821917808219 (the walkthrough's
# hand value), found with 17 + 2 solves.
expect threshold-exact 0 '"exact": true, "exact_breakpoints": 1,' threshold examples/ten-to-five.yaml --param energy.price --range 0.02:0.08 --relax --format json
ok threshold-exact-value grep -q '"above": 0.04280821917808219[0-9]*, "method": "exact", "value": 0.04280821917808219[0-9]*}' "$tmp/out"
ok threshold-exact-solves grep -q '"solves": 19,' "$tmp/out"
expect threshold-exact-text 0 '^1 breakpoint exact, where two plans. lines cross' threshold examples/ten-to-five.yaml --param energy.price --range 0.02:0.08 --relax
# A discount rate enters the objective, but not linearly: bisection.
expect threshold-bisected-text 0 'Breakpoints bisected to 2e-05 \(discount_rate is not only in the objective' threshold examples/ten-to-five.yaml --param discount_rate --range 0:0.2

# The cap on solves.  ten-to-five as an LP over demand: the plan changes
# with every value (fractional units follow the demand), so bisection
# would split each grid interval down to the tolerance (8,211 solves at
# the default 1e-3; tol 1e-9 ran past two minutes).  The default cap is
# 1000; with --max-solves 60 the search stops at exactly 60 solves, says
# so, and marks every change it could not narrow as open.
expect threshold-cap 0 '"solves": 60, .*"max_solves": 60, "capped": true' threshold examples/ten-to-five.yaml --relax --param demand --range 5:15 --max-solves 60 --format json
ok threshold-cap-open grep -q '"method": "open"' "$tmp/out"
ok threshold-cap-note grep -q '^breakeven: examples/ten-to-five.yaml: stopped at 60 solves (--max-solves raises it): [0-9]* changes not narrowed to 0.001$' "$tmp/err"
expect threshold-cap-text 0 '^Stopped at 60 solves \(--max-solves\): [0-9]+ changes not narrowed to 0\.001' threshold examples/ten-to-five.yaml --relax --param demand --range 5:15 --max-solves 60 -q
ok threshold-cap-text-mark grep -q '  not narrowed (solve cap)$' "$tmp/out"
ok threshold-cap-quiet test ! -s "$tmp/err"
expect threshold-cap-csv 0 ',open$' threshold examples/ten-to-five.yaml --relax --param demand --range 5:15 --max-solves 60 --format csv
expect threshold-cap-default 0 '"max_solves": 1000, "capped": false' threshold $D/econ-replace.yaml --param energy.price --range 0:0.02 --format json
expect threshold-bad-cap 2 '--max-solves needs a whole number from 1' threshold examples/economic-life.yaml --param energy.price --range 0:1 --max-solves 0
