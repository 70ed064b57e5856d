# tests/cli.d/returns.sh -- `returns` (the plan as an investment) and the
# report's revenue section (sourced by tests/cli.sh).  Definitions:
# docs/returns.md; the library's figures are tested in tests/test_returns.c.
#
# examples/revenue.yaml is worked by hand in examples/README.md, section 9:
# NPV 506.40, IRR 45.6%, payback 2027 (discounted: only with the salvage at
# the horizon's end, 2028), levelized cost 484.74, break-even factor 0.8507
# (a price of 467.87).  tests/cli/returns.yaml (a fleet in place, a device
# to buy, a market, taxes) is not worked by hand: its figures are held to
# solve's and to their own definitions.
RX=examples/revenue.yaml
RT=$D/returns.yaml

expect returns-help 0 "usage: breakeven returns MODEL.yaml" help returns
ok returns-help-plan grep -q -- "--plan FILE" "$tmp/all"
expect returns-in-list 0 "^  returns +the plan as an investment" --help

# The hand-worked example, in words.
expect returns-text 0 "^Net present value +506 at 25% a year" returns $RX -q
ok returns-irr grep -Eq "^Internal rate of return +45\.63% a year$" "$tmp/out"
ok returns-payback grep -Eq "^Payback +2027: the cumulative cash flow stays at or above 0" "$tmp/out"
ok returns-payback-discounted grep -Eq "^Payback, discounted +at the horizon's end \(2028\), counting the fleet's" "$tmp/out"
ok returns-lcoc grep -Eq "^Levelized cost of compute +484\.74 per unit of throughput for a year" "$tmp/out"
ok returns-break-even grep -Eq "^Break-even price +a factor of 0\.8507 on the model's price: the price" "$tmp/out"
ok returns-break-even-price grep -q "a price of 467\.87 (the" "$tmp/out"
# the statement: 2025 -1,100, 2026 -200, 2027 1,800 + 1,200 of salvage
# (no energy, rent or taxes: no such columns)
ok returns-head grep -Eq "^  year +revenue +capex +O&M +resale +net +cumulative +discounted$" "$tmp/out"
ok returns-row-2025 grep -Eq "^  2025 +1,100 +-2,000 +-200 +0 +-1,100 +-1,100 +-1,100$" "$tmp/out"
ok returns-row-2027 grep -Eq "^  2027 +2,200 +0 +-400 +1,200 +3,000 +1,700 +506$" "$tmp/out"
ok returns-salvage-note grep -q "2027's resale includes 1,200 of salvage" "$tmp/out"

# JSON: the figures by name; the NPV is solve's evaluated value (-total),
# and the flows are worth 0 at the IRR.
expect returns-json 0 "" returns $RT -q --format json -o "$tmp/ret.json"
json_ok returns-json-parses "$tmp/ret.json"
ok returns-json-stdout-empty test ! -s "$tmp/out"
ok returns-json-no-temp test "$(ls "$tmp" | grep -c 'ret\.json\.tmp')" -eq 0
expect returns-solve-json 0 "" solve $RT -q --format json
ev=$(sed -n 's/.*"evaluated_cost": \([^,]*\),.*/\1/p' "$tmp/out")
npv=$(json_get "$tmp/ret.json" 'j.net_present_value')
ok "returns-npv-is-solve's ($npv vs -($ev))" close "$npv" "$(awk -v e="$ev" 'BEGIN { printf "%.17g", -e }')"
ok returns-json-irr test "$(json_get "$tmp/ret.json" 'j.irr.kind + " " + j.irr.rates.length')" = "unique 1"
at_irr=$(json_get "$tmp/ret.json" 'const r = j.irr.rates[0]; let s = 0, a = 0;
    for (const f of j.flows) { s += f.flow * Math.pow(1 + r, -f.years); a += Math.abs(f.flow); }
    Math.abs(s) <= 1e-9 * a')
ok returns-json-npv-at-irr-0 test "$at_irr" = true
ok returns-json-payback test "$(json_get "$tmp/ret.json" 'j.payback.nominal + " " + j.payback.discounted + " " + j.payback.horizon_end')" = "2026 2026 2030"
ok returns-json-break-even test "$(json_get "$tmp/ret.json" 'const b = j.break_even; b.kind + " " + (b.factor > 0 && b.factor < 1) + " " + b.price.length + " " + b.proven + " " + (b.npv_below < 0 && b.npv_above > 0)')" = "found true 5 true true"
ok returns-json-years test "$(json_get "$tmp/ret.json" 'j.years.map(y => y.label).join(" ")')" = "2025 2026 2027 2028 2029"
ok returns-json-capex test "$(json_get "$tmp/ret.json" 'j.capex_over_revenue.by_year.length + " " + (Math.abs(j.capex_over_revenue.total - j.capex / j.revenue) < 1e-12)')" = "5 true"
# each year's net is its categories' sum, and the discounted running sum
# ends on the NPV
ok returns-json-rows-add-up test "$(json_get "$tmp/ret.json" 'j.years.every(y => Math.abs(y.revenue + y.resale + y.salvage - y.capex - y.energy - y.om - y.rent - y.taxes - y.net) <= 1e-6 * (1 + Math.abs(y.net))) && Math.abs(j.years[4].cumulative_discounted - j.net_present_value) <= 1e-6 * Math.abs(j.net_present_value)')" = true

# CSV: a header and one row per year, with the same figures as JSON.
expect returns-csv 0 "^year,first,last,revenue,capex,energy,om,rent,taxes,resale,salvage,net,discounted,cumulative,cumulative_discounted,book_value,market_value,write_down,capex_over_revenue$" returns $RT -q --format csv
ok returns-csv-rows test "$(wc -l <"$tmp/out")" -eq 6
ok returns-csv-2025 grep -q "^2025,2025,2025,$(json_get "$tmp/ret.json" 'j.years[0].revenue')," "$tmp/out"
# A quarterly horizon of 10 quarters: three years, the last of two quarters.
expect returns-quarters 0 "" returns $RT -q --format csv --set horizon.period=quarter --set horizon.periods=10
ok returns-quarters-rows test "$(cut -d, -f1-3 "$tmp/out" | tr '\n' ' ')" = "year,first,last 2025,2025-Q1,2025-Q4 2026,2026-Q1,2026-Q4 2027,2027-Q1,2027-Q2 "

# --plan: the optimal plan's file gives the same statement; a plan that
# sells nothing beyond the demand is worth less, and says whose it is.
expect returns-plan-out 0 "" solve $RT -q --plan-out "$tmp/ret-plan.yaml"
expect returns-plan 0 "" returns $RT -q --format json --plan "$tmp/ret-plan.yaml"
ok returns-plan-same close "$(json_get "$tmp/out" 'j.net_present_value')" "$npv"
ok returns-plan-named test "$(json_get "$tmp/out" 'j.plan')" = "$tmp/ret-plan.yaml"
sed '/^sell:/,$d' "$tmp/ret-plan.yaml" >"$tmp/ret-nosell.yaml"
expect returns-plan-nosell 0 "^Returns of the plan $tmp/ret-nosell.yaml, 2025 to 2029" returns $RT -q --plan "$tmp/ret-nosell.yaml"
ok returns-plan-note sh -c "tr '\n' ' ' <'$tmp/out' | tr -s ' ' | grep -q \"It is the best plan's, whatever the plan priced above\.\""
expect returns-plan-nosell-json 0 "" returns $RT -q --format json --plan "$tmp/ret-nosell.yaml"
ok returns-plan-worth-less test "$(json_get "$tmp/out" "j.net_present_value < $npv && j.feasible")" = true
expect returns-plan-missing 3 "^breakeven: $D/nope-plan.yaml: cannot open the file" returns $RT --plan $D/nope-plan.yaml

# A model without revenue: the statement of its costs, the levelized cost,
# and no break-even price (not an error).
expect returns-no-revenue 0 "^The model has no revenue: the statement shows its costs alone\.$" returns examples/engine-analyzer.yaml -q
ok returns-no-revenue-lcoc grep -Eq "^Levelized cost of compute +256\.00 per unit" "$tmp/out"
ok returns-no-revenue-break-even grep -Eq "^Break-even price +none: the model has no revenue" "$tmp/out"
expect returns-no-revenue-json 0 "" returns examples/engine-analyzer.yaml -q --format json
json_ok returns-no-revenue-json-parses "$tmp/out"
ok returns-no-revenue-json-figures test "$(json_get "$tmp/out" 'j.break_even.kind + " " + j.break_even.factor + " " + j.levelized_cost + " " + j.capex_over_revenue.total + " " + j.revenue_in_model')" = "no_revenue null 256 null false"

# A model with scenarios: one line, exit 2, before any solve.
expect returns-scenarios 2 "^breakeven: $D/scenarios-two.yaml: the model has 2 scenarios, which returns does not handle: run it on a model without scenarios" returns $D/scenarios-two.yaml
ok returns-scenarios-one-line test "$(wc -l <"$tmp/all")" -eq 1
expect returns-no-model 2 "returns needs a model file" returns
expect returns-out-bad-dir 4 "cannot write" returns $RX -q -o "$tmp/no/such/dir/r.txt"

# The report of a model with revenue has the revenue section: its figures,
# two more charts with their data, the statement; a model without revenue
# has none of it.
expect report-returns 0 "" report $RT -q -o "$tmp/ret.html"
ok report-returns-section grep -q '<section id="returns"><h2>Revenue and cash flow</h2>' "$tmp/ret.html"
ok report-returns-figures grep -q '<tr id="returns-irr"><th class="l">Internal rate of return</th><td class="l w">[0-9.]*% a year</td>' "$tmp/ret.html"
ok report-returns-break-even grep -q '<tr id="returns-break-even">.*a factor of 0\.[0-9]* on the model' "$tmp/ret.html"
ok report-returns-charts test "$(grep -o '<svg ' "$tmp/ret.html" | wc -l)" -eq 6
ok report-returns-chart-ids test "$(grep -o '<figure id="chart-[a-z]*">' "$tmp/ret.html" | tr '\n' ' ')" = '<figure id="chart-fleet"> <figure id="chart-capacity"> <figure id="chart-power"> <figure id="chart-cost"> <figure id="chart-cashflow"> <figure id="chart-value"> '
ok report-returns-data grep -q "data-chart=\"cashflow\" data-series=\"cumulative discounted\" data-period=\"2029\" data-value=\"$(json_get "$tmp/ret.json" 'j.years[4].cumulative_discounted')\"" "$tmp/ret.html"
ok report-returns-statement grep -q '<table id="cashflow">' "$tmp/ret.html"
ok report-returns-unique-ids sh -c "test -z \"\$(grep -o ' id=\"[^\"]*\"' '$tmp/ret.html' | sort | uniq -d)\""
ok report-returns-value-card grep -q '<div class="k">Net present value of the plan</div>' "$tmp/ret.html"
expect report-no-returns 0 "" report examples/engine-analyzer.yaml -q -o "$tmp/noret.html"
ok report-no-returns-section sh -c "! grep -q 'id=\"returns\"' '$tmp/noret.html'"

# plot draws the two charts of the plan as an investment (a model with
# revenue): the cumulative cash flow of the hand-worked example, -1,100 in
# 2025, -1,300 in 2026 and 1,700 in 2027 (examples/README.md section 9)
expect plot-cashflow-csv 0 "^cashflow,cumulative,2027,1700$" plot examples/revenue.yaml --chart cashflow --format csv
ok plot-cashflow-2025 grep -q "^cashflow,cumulative,2025,-1100$" "$tmp/out"
expect plot-value-svg 0 "<svg" plot examples/revenue.yaml --chart value --format svg
expect plot-value-no-revenue 2 "--chart value needs a model with revenue" plot examples/taxes.yaml --chart value
