# tests/cli.d/economics.sh -- economic life, defender vs challenger, shadow
# prices and thresholds (docs/breakeven-answers.md).  Sourced by
# tests/cli.sh: uses expect, ok, close, $tmp, $D and $BIN.

# Economic life, the textbook answer: (6100 - 100 + O&M of years 1..n) / n
# is lowest at n = 6: 9450 / 6 = 1575 a year.
expect life-answer 0 '^machine bought in 2025: economic life 6 years, at 1,575\.00 a year' life examples/economic-life.yaml
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
# 107,600 a year per unit of throughput; a new unit (throughput 2) from
# 2027 costs less per unit of throughput.
expect challenger-answer 0 '^fleet entry 1 \(10 old aged [0-9]+\): new wins from 2027' challenger examples/ten-to-five.yaml
expect challenger-csv 0 '^fleet_entry,defender,challenger,period,defender_age_years,defender_cost,challenger_cost' challenger examples/ten-to-five.yaml --format csv
expect challenger-seed 0 'next-pod wins from 2027' challenger models/seed-1mw.yaml --device next-pod
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
expect threshold-break 0 '^  energy\.price = 0\.04280[0-9]* and 0\.04280[0-9]*$' threshold examples/ten-to-five.yaml --param energy.price --range 0.02:0.08 --tol 1e-6
# tests/cli/econ-replace.yaml: keep below 50/8760 = 0.0057078, replace in
# 2026 up to 100/8760 = 0.0114155, in 2025 above.
expect threshold-first-year 0 '^The first replacement moves to 2025 \(the first period of the horizon\) at energy\.price >= 0\.01141[56][0-9]*; below that it comes in 2026\.$' threshold $D/econ-replace.yaml --param energy.price --range 0:0.02 --tol 1e-6 --grid 5
expect threshold-json 0 '"breakpoints": \[\{"below": 0\.0057[0-9]*, "above": 0\.0057[0-9]*\}, \{"below": 0\.0114[0-9]*, "above": 0\.0114[0-9]*\}\]' threshold $D/econ-replace.yaml --param energy.price --range 0:0.02 --tol 1e-6 --grid 5 --format json
ok threshold-json-brackets awk -v s="$(sed -n 's/.*"breakpoints": \[\([^]]*\)\].*/\1/p' "$tmp/out" | tr -d '{}" ' | tr ',' ' ')" 'BEGIN { n = split(s, f, " "); for (i = 1; i <= n; i++) { split(f[i], kv, ":"); v[i] = kv[2] } p1 = 50 / 8760; p2 = 100 / 8760; exit !(n == 4 && v[1] <= p1 && v[2] >= p1 && v[2] - v[1] <= 1e-6 && v[3] <= p2 && v[4] >= p2 && v[4] - v[3] <= 1e-6) }'
# economic-life.yaml by price P: 4 cycles of 3 years cost 4(P + 650 + 100)
# ... against 3 of 4 years 3(P + 1250); equal at P = 1150.  3 of 4 against
# 2 of 6 years 2(P + 3350): equal at 2950.
expect threshold-csv 0 '^devices\.machine\.price,1000,1149\.[0-9]*,optimal,6600,' threshold examples/economic-life.yaml --param devices.machine.price --range 1000:20000 --format csv
expect threshold-csv-2 0 '^devices\.machine\.price,1150\.[0-9]*,2949\.[0-9]*,optimal,' threshold examples/economic-life.yaml --param devices.machine.price --range 1000:20000 --format csv
expect threshold-whole-range 0 '^The first replacement is in 2027 \(the first year next-pod can be bought\) over the whole range of energy\.price, 0\.02 to 0\.4\.$' threshold models/seed-1mw.yaml --param energy.price --range 0.02:0.4 --time-limit 30
expect threshold-no-param 2 'threshold needs --param' threshold examples/economic-life.yaml --range 0:1
expect threshold-bad-range 2 '--range needs LO:HI' threshold examples/economic-life.yaml --param energy.price --range 2:1
expect threshold-bad-grid 2 '--grid needs a whole number' threshold examples/economic-life.yaml --param energy.price --range 0:1 --grid 1
expect threshold-rejected 3 'energy\.price=-2: ' threshold examples/economic-life.yaml --param energy.price --range -2:-1
expect threshold-out 0 '' threshold $D/econ-replace.yaml --param energy.price --range 0:0.02 --format json -o "$tmp/thr.json"
ok threshold-out-written grep -q '"warm_start": false' "$tmp/thr.json"
# As LPs the scan starts each solve from the previous basis (and --cold
# turns that off), reaching the same breakpoints.
expect threshold-warm 0 '"warm_start": true, "warm_starts": 16,' threshold models/power-capped-site.yaml --param energy.price --range 0.02:0.4 --format json
warm_answer=$(sed -n 's/.*"answer": \("[^"]*"\).*/\1/p' "$tmp/out")
expect threshold-cold 0 '"warm_start": false, "warm_starts": 0,' threshold models/power-capped-site.yaml --param energy.price --range 0.02:0.4 --format json --cold
ok threshold-warm-same-answer test "$warm_answer" = "$(sed -n 's/.*"answer": \("[^"]*"\).*/\1/p' "$tmp/out")"

# Exact breakpoints: ten-to-five as an LP (--relax); energy.price enters
# only the objective, so the breakpoint is where the keep and replace cost
# lines cross: 37,500 / 876,000 = 0.04280821917808219 (the walkthrough's
# hand value), found with 17 + 2 solves.
expect threshold-exact 0 '"exact": true, "exact_breakpoints": 1,' threshold examples/ten-to-five.yaml --param energy.price --range 0.02:0.08 --relax --format json
ok threshold-exact-value grep -q '"above": 0.04280821917808219[0-9]*}' "$tmp/out"
ok threshold-exact-solves grep -q '"solves": 19,' "$tmp/out"
expect threshold-exact-text 0 'Exact breakpoints \(1\): this is an LP and energy.price enters only its objective' threshold examples/ten-to-five.yaml --param energy.price --range 0.02:0.08 --relax
expect threshold-bisected-text 0 'Breakpoints bisected to' threshold examples/ten-to-five.yaml --param energy.price --range 0.02:0.08
