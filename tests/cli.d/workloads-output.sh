# tests/cli.d/workloads-output.sh -- the answers of a model with workloads
# (issue 20; sourced by tests/cli.sh): solve's text, JSON and CSV kept as
# golden files for tests/cli/workloads-two.yaml (its comment works the
# optimum out by hand: the A100s train and serve inference with the rest,
# the B200s serve inference, 60 A100s move from training to inference in
# 2028); the figures held to each other and to cbc's solution of the
# written program; the report, the capacity chart, the break-even price
# words and a model with scenarios.
WL=$D/workloads-two.yaml
WS=$D/workloads-two-scenarios.yaml

# The text: the period table, the workloads table, who serves what, the
# plan in words (a move, purchases for a workload).
expect wl-text 0 "" solve $WL
ok wl-text-golden cmp -s "$tmp/out" tests/golden/workloads-two-solve.txt
ok wl-text-move grep -qx "  2028     move 60 a100 units from training to inference" "$tmp/out"
ok wl-text-answer grep -qx "In 2026: buy 0.667 b200 units for inference; 3 other changes in the plan below; net present value -137,277." "$tmp/out"

# JSON: the golden file without the solve's statistics (iterations and
# times); valid JSON.
expect wl-json 0 "" solve $WL --format json
cp "$tmp/out" "$tmp/wl.json"
json_ok wl-json-valid "$tmp/wl.json"
ok wl-json-golden test "$(sed 's/"stats": {[^}]*}/"stats": {}/' "$tmp/wl.json")" = "$(cat tests/golden/workloads-two.json)"
# Per period: every device's shares add up to at most its units in
# service; each workload's capacity is the sum of share x throughput over
# the devices and covers its demand; served is demand + what is sold, at
# most the market; the period's capacity and served are the workloads'
# totals.  Prints the first broken check, "ok" when none.
wl_check='const tp = {a100: {training: 1, inference: 1}, b200: {training: 3, inference: 15}};
    let bad = "ok";
    j.periods.forEach((p, t) => {
        let cap = 0, served = 0;
        for (const d of j.devices) {
            let sum = 0;
            for (const w in p.shares[d]) sum += p.shares[d][w];
            if (sum > p.devices[d].in_service + 1e-9) bad = "shares " + d + " " + p.label;
        }
        j.workloads.forEach(w => {
            let c = 0;
            for (const d of j.devices) c += (p.shares[d][w.name] || 0) * tp[d][w.name];
            if (Math.abs(c - w.capacity[t]) > 1e-6) bad = "capacity " + w.name + " " + p.label;
            if (w.capacity[t] < w.demand[t] - 1e-6) bad = "demand " + w.name + " " + p.label;
            if (w.served[t] < w.demand[t] - 1e-6 || (w.market && w.served[t] > w.market[t] + 1e-6)) bad = "served " + w.name + " " + p.label;
            cap += w.capacity[t]; served += w.served[t];
        });
        if (Math.abs(cap - p.capacity) > 1e-6 || Math.abs(served - p.served) > 1e-6) bad = "totals " + p.label;
    });
    bad'
ok wl-json-consistent test "$(json_get "$tmp/wl.json" "$wl_check")" = ok
ok wl-json-names test "$(json_get "$tmp/wl.json" 'j.workloads.map(w => w.name)')" = "training,inference"
ok wl-json-price-null test "$(json_get "$tmp/wl.json" 'j.periods[0].price')" = null

# The objective is the written program's optimum for glpsol and cbc, and
# the LP's optimum is unique (the model's comment): cbc's share columns
# are the shares of the JSON, one by one.
obj=$(json_get "$tmp/wl.json" 'j.objective')
expect wl-lp 0 "" lp $WL -o "$tmp/wl.lp"
expect wl-mps 0 "" lp $WL --format mps -o "$tmp/wl.mps"
cross workloads-two "$obj" "$tmp/wl.lp" "$tmp/wl.mps"
if solver cbc 1; then
    rm -f "$tmp/wl.sol"
    cbc "$tmp/wl.lp" solve printingOptions all solution "$tmp/wl.sol" quit >"$tmp/cbc.log" 2>&1
    cbc_shares=$(sed -n 's/^ *[0-9]* *share(\([^,]*\),\([^,]*\),\([0-9]*\)) *\([-0-9.e+]*\) .*/\1 \2 \3 \4/p' "$tmp/wl.sol" | sort)
    our_shares=$(json_get "$tmp/wl.json" 'j.periods.flatMap(p => Object.keys(p.shares).flatMap(d => Object.keys(p.shares[d]).map(w => d + " " + w + " " + p.label + " " + p.shares[d][w]))).join("\n")' | sort)
    xok "wl-cbc-shares" awk -v a="$cbc_shares" -v b="$our_shares" 'BEGIN {
        n = split(a, x, "\n"); if (n != split(b, y, "\n") || n != 16) exit 1
        for (i = 1; i <= n; i++) { split(x[i], p, " "); split(y[i], q, " ")
            if (p[1] != q[1] || p[2] != q[2] || p[3] != q[3]) exit 1
            d = p[4] - q[4]; if (d < 0) d = -d; if (d > 1e-6) exit 1 }
        exit 0 }'
fi

# CSV: the golden file; one header and 8 rows (4 periods x 2 devices) of
# as many cells as the header.
expect wl-csv 0 "" solve $WL --format csv
ok wl-csv-golden cmp -s "$tmp/out" tests/golden/workloads-two.csv
ok wl-csv-shape awk -F, 'NR == 1 { n = NF } NF != n { exit 1 } END { exit !(NR == 9 && n == 28) }' "$tmp/out"

# The report: a chart per workload (the B200s give inference 80 in 2029),
# the capacity by workload and device, the inputs by workload.
expect wl-report 0 "" report $WL -o "$tmp/wl.html"
ok wl-report-charts grep -q 'id="chart-workload-1"' "$tmp/wl.html"
ok wl-report-chart-value grep -q 'data-chart="workload-2" data-series="b200" data-period="2029" data-value="80"' "$tmp/wl.html"
ok wl-report-table grep -q '<table id="workloads">' "$tmp/wl.html"
ok wl-report-inputs grep -q '<th>demand inference</th>' "$tmp/wl.html"
# plot's capacity chart: a unit's throughput is that of what it serves
# (the A100s 100 + 20, the B200s 0.667 x 15 in 2026).
expect wl-plot-capacity 0 "" plot $WL --chart capacity --format csv
# near FILE CHART SERIES PERIOD VALUE: plot's CSV has that value, to 1e-9
near() { awk -F, -v c="$2" -v s="$3" -v p="$4" -v v="$5" '$1 == c && $2 == s && $3 == p { d = $4 - v; if (d < 0) d = -d; found = d <= 1e-9 } END { exit !found }' "$1"; }
ok wl-plot-capacity-a100 near "$tmp/out" capacity a100 2026 120
ok wl-plot-capacity-b200 near "$tmp/out" capacity b200 2026 10

# The break-even price names the workload that has a price.
expect wl-returns 0 "" returns $WL
words=$(tr -s ' \n' '  ' <"$tmp/out")
ok wl-returns-price test -n "$(printf '%s' "$words" | grep -F "a price of 1,335.18 for inference (the model's: 900.00);")"

# With scenarios: who serves each workload, branch by branch; JSON with
# each scenario's workloads and every node's shares (to 6 decimals: the
# stochastic program's answer carries rounding noise).
expect wl-scenarios 0 "" solve $WS
ok wl-scenarios-split test "$(sed -n '/^Who serves each workload, branch by branch/,$p' "$tmp/out")" = "Who serves each workload, branch by branch (units of each device):
  every scenario:
    2026     training: 100 a100; inference: 20 a100, 0.667 b200
    2027     training: 100 a100; inference: 20 a100, 2.667 b200
    if slow:
      2028     training: 40 a100; inference: 80 a100, 2.667 b200
      2029     training: 40 a100; inference: 80 a100, 2.667 b200
    if fast:
      2028     training: 40 a100; inference: 80 a100, 2.667 b200
      2029     training: 40 a100; inference: 80 a100, 5.333 b200"
ok wl-scenarios-words grep -qx "      2028     move 60 a100 units from training to inference" "$tmp/out"
expect wl-scenarios-json 0 "" solve $WS --format json
json_ok wl-scenarios-json-valid "$tmp/out"
ok wl-scenarios-json-shares test "$(json_get "$tmp/out" 'j.tree.map(n => +n.shares.a100.inference.toFixed(6)).join(" ")')" = "20 20 80 80 80 80"
ok wl-scenarios-json-served test "$(json_get "$tmp/out" 'j.scenarios.map(s => s.workloads[1].served.map(v => +v.toFixed(6)).join(" ")).join("; ")')" = "30 60 120 120; 30 60 120 160"
expect wl-scenarios-report 0 "" report $WS -o "$tmp/ws.html"
ok wl-scenarios-report-table grep -q '<table id="workloads-2">' "$tmp/ws.html"
ok wl-scenarios-report-chart grep -q 'id="chart-s2-workload-2"' "$tmp/ws.html"

# The rules of the words (solver/plans/facts.c), derived again here from
# the JSON's shares of a three-workload model, whatever optimum the solver
# finds: per device and period, the units leaving (retired; a rented
# device's drop) and the growth of its idle units absorb the decreases of
# its shares in workload order, the units joining (bought, rented more)
# and its idle units fill the increases; the rest pairs, decreases to
# increases in workload order, into moves; a purchase is "for W" when W is
# the only workload whose share grows (when none grows: the only one
# served).  Each period's line must hold the move and buy phrases so
# derived, whole ("move ..." and "buy ..." up to the next phrase).
W3=$D/workloads-three.yaml
expect wl-three-text 0 "" solve $W3
cp "$tmp/out" "$tmp/w3.txt"
expect wl-three-json 0 "" solve $W3 --format json
wl_rules='const rented = {cloud: 1}, tol = 1e-6, fs = require("fs");
    const all = fs.readFileSync("'"$tmp/w3.txt"'", "utf8").split("\n");
    const text = all.slice(all.indexOf("The plan:"));
    const units = v => Math.abs(v - Math.round(v)) < 1e-9 ? Math.round(v).toFixed(0) : v.toFixed(3);
    const name = (v, d) => units(v) + " " + d + " unit" + (Math.abs(v - 1) < 1e-9 ? "" : "s");
    const join = a => a.length < 2 ? a.join("") : a.slice(0, -1).join(", ") + " and " + a[a.length - 1];
    const take = (a, x) => { for (let i = 0; i < a.length && x > 0; i++) { const y = Math.min(a[i], x); a[i] -= y; x -= y; } };
    const P = j.periods, names = j.workloads.map(w => w.name);
    const share = (t, d) => names.map(w => P[t].shares[d][w] || 0);
    let bad = "ok";
    P.forEach((p, t) => {
        const moves = [], buys = [];
        for (const d of j.devices) {
            const now = share(t, d), before = t ? share(t - 1, d) : names.map(() => 0);
            const sum = a => a.reduce((x, y) => x + y, 0);
            const inNow = p.devices[d].in_service, inBefore = t ? P[t - 1].devices[d].in_service : 0;
            const leave = rented[d] ? Math.max(0, inBefore - inNow) : p.devices[d].retired;
            const arrive = rented[d] ? Math.max(0, inNow - inBefore) : p.devices[d].bought;
            const dec = now.map((v, w) => Math.max(0, before[w] - v)), inc = now.map((v, w) => Math.max(0, v - before[w]));
            const idleB = Math.max(0, inBefore - sum(before)), idleN = Math.max(0, inNow - sum(now));
            if (t > 0 && Object.keys(p.shares[d]).length > 1) {
                take(dec, leave + Math.max(0, idleN - idleB));
                take(inc, arrive + Math.max(0, idleB - idleN));
                for (let a = 0, b = 0; a < names.length && b < names.length;) {
                    if (dec[a] <= tol) a++;
                    else if (inc[b] <= tol) b++;
                    else { const x = Math.min(dec[a], inc[b]);
                        moves.push(name(x, d) + " from " + names[a] + " to " + names[b]);
                        dec[a] -= x; inc[b] -= x; }
                }
            }
            if (!rented[d] && p.devices[d].bought > tol) {
                const grow = names.filter((w, i) => now[i] - before[i] > tol);
                const served = names.filter((w, i) => now[i] > tol);
                const f = grow.length ? (grow.length == 1 ? grow[0] : "") : (served.length == 1 ? served[0] : "");
                buys.push(name(p.devices[d].bought, d) + (f ? " for " + f : ""));
            }
        }
        const line = text.find(l => l.startsWith("  " + p.label + " ")) || "";
        const has = (verb, items) => { const s = verb + join(items), i = line.indexOf(s), e = line.substr(i + s.length, 2);
            return items.length ? i >= 0 && (e === "" || e === ", ") : line.indexOf(" " + verb) < 0 && line.indexOf("  " + verb) < 0; };
        if (!has("move ", moves) || !has("buy ", buys)) bad = p.label + ": " + line.trim() + " | move " + join(moves) + " | buy " + join(buys);
    });
    bad'
ok wl-three-rules test "$(json_get "$tmp/out" "$wl_rules")" = ok
ok wl-three-words grep -qx "  2029     move 20 a100 units from training to tuning and 5 b200 units from tuning to inference, stop renting cloud" "$tmp/w3.txt"
