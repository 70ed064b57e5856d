# tests/cli.d/workloads-files.sh -- the files of a workload model (issue
# 20, docs/workloads.md): plan files with workload sales and shares
# (docs/plans.md), the model written by advance, the MathProg export
# solved by glpsol, explain's words, and init's commented workloads block.
# Sourced by tests/cli.sh: uses expect, ok, close, solver, xok, solved,
# cross, $tmp, $D and $BIN.
#
# The models: $D/workloads-files.yaml (two workloads, fractional units:
# an a100 that only serves inference, a b200 that serves both, revenue on
# inference) and $D/workloads-files-three.yaml (three workloads, whole
# units: an old device that cannot train, a rented one, a power cap).
WF=$D/workloads-files.yaml
WF3=$D/workloads-files-three.yaml

# ---- plan files: write, read back, split ----

# The optimal plan written: sales by workload, shares of the b200 only
# (the a100 serves one workload and gets all its units).
expect wf-plan-out 0 "" solve $WF -q --plan-out "$tmp/wf-p.yaml"
ok wf-plan-out-sell grep -q '^  - {period: 2027, workload: inference, units: 40}$' "$tmp/wf-p.yaml"
ok wf-plan-out-share grep -q '^  - {period: 2027, device: b200, workload: inference, units: 10}$' "$tmp/wf-p.yaml"
ok wf-plan-out-no-sole-share test "$(grep -c 'device: a100, workload' "$tmp/wf-p.yaml")" -eq 0
expect wf-plan-read 0 "already optimal" compare $WF --plan "$tmp/wf-p.yaml" -q
# Read back, the file is the plan written: advanced by it, the model and
# the plan of what follows are those of the optimal plan (but for the
# comment naming where the decisions came from).
for to in 2029 2027; do
    expect "wf-adv-opt-$to" 0 "" advance $WF --to $to -q -o "$tmp/wf-a0.yaml" --plan-out "$tmp/wf-c0.yaml"
    expect "wf-adv-file-$to" 0 "" advance $WF --to $to -q --plan "$tmp/wf-p.yaml" -o "$tmp/wf-a1.yaml" --plan-out "$tmp/wf-c1.yaml"
    for f in a0 a1 c0 c1; do sed '/^# /d' "$tmp/wf-$f.yaml" >"$tmp/wf-$f.body"; done
    ok "wf-round-trip-model-$to" cmp -s "$tmp/wf-a0.body" "$tmp/wf-a1.body"
    ok "wf-round-trip-plan-$to" cmp -s "$tmp/wf-c0.body" "$tmp/wf-c1.body"
done
# The advanced workload model reads back as a model: workloads with their
# demand and revenue, the throughput mapping; its optimum from 2027 on.
ok wf-adv-workloads grep -q '^workloads:$' "$tmp/wf-a0.yaml"
ok wf-adv-mapping grep -q '^    throughput: {training: 3, inference: 6}$' "$tmp/wf-a0.yaml"
ok wf-adv-no-demand test "$(grep -c '^demand:' "$tmp/wf-a0.yaml")" -eq 0
expect wf-adv-check 0 "^$tmp/wf-a0.yaml: valid model 'two workloads, as of 2027': 3 periods, 2 devices, 8 cohorts$" check "$tmp/wf-a0.yaml"
expect wf-adv-compare 0 "" compare "$tmp/wf-a0.yaml" --plan "$tmp/wf-c0.yaml" -q

# Neither share nor sell: the best split of the units (be_plan_split),
# which for the optimal plan's purchases and retirements is the optimum.
sed -n '/^sell:/q;p' "$tmp/wf-p.yaml" >"$tmp/wf-nosplit.yaml"
ok wf-nosplit-made test "$(grep -c 'share\|sell' "$tmp/wf-nosplit.yaml")" -eq 0
expect wf-nosplit 0 "already optimal" compare $WF --plan "$tmp/wf-nosplit.yaml" -q
# share: [] says the b200 serves nothing: its shares as written, judged.
{ cat "$tmp/wf-nosplit.yaml"; echo 'share: []'; } >"$tmp/wf-noshare.yaml"
expect wf-share-as-written 0 "breaks the [a-z]* demand in 2026" compare $WF --plan "$tmp/wf-noshare.yaml" -q
# Whole units: the three-workload plan written and read back is optimal.
expect wf3-plan-out 0 "" solve $WF3 -q --plan-out "$tmp/wf3-p.yaml"
ok wf3-plan-out-old-shares grep -q 'device: old, workload: batch' "$tmp/wf3-p.yaml"
expect wf3-plan-read 0 "already optimal" compare $WF3 --plan "$tmp/wf3-p.yaml" -q

# Bad plan files: one line, FILE:LINE:COL: message, exit 3.
# wf_bad NAME MODEL MESSAGE TEXT : TEXT (printf) as a plan of MODEL fails
# with exactly "breakeven: FILE:MESSAGE".
wf_bad() {
    printf "$4" >"$tmp/wf-$1.yaml"
    expect "wf-bad-$1" 3 "" compare "$2" --plan "$tmp/wf-$1.yaml" -q
    ok "wf-bad-$1-message" test "$(cat "$tmp/all")" = "breakeven: $tmp/wf-$1.yaml:$3"
}
wf_bad sell-no-workload $WF "3:5: sell entry 1: missing key 'workload'" \
    'breakeven_plan: 1\nsell:\n  - {period: 2027, units: 5}\n'
wf_bad sell-unknown $WF "3:30: sell entry 1: unknown workload 'inferense'; did you mean 'inference'?" \
    'breakeven_plan: 1\nsell:\n  - {period: 2027, workload: inferense, units: 5}\n'
wf_bad sell-no-market $WF "3:5: sell entry 1: workload 'training' has no revenue.market, so nothing of it is sold beyond its demand" \
    'breakeven_plan: 1\nsell:\n  - {period: 2027, workload: training, units: 5}\n'
wf_bad sell-beyond $WF "3:48: sell entry 1: 2027 sells 50 of 'inference' beyond its demand, more than its market leaves (40)" \
    'breakeven_plan: 1\nsell:\n  - {period: 2027, workload: inference, units: 50}\nshare: []\n'
wf_bad sell-without-share $WF "2:1: sell without share: 'b200' serves several workloads, and its shares decide what is left to sell; give a share list too (or neither, for the best split of the units)" \
    'breakeven_plan: 1\nsell:\n  - {period: 2027, workload: inference, units: 5}\n'
wf_bad share-sole $WF "3:28: share entry 1: 'a100' serves only 'inference', which gets all its units: shares are for the devices that serve several workloads" \
    'breakeven_plan: 1\nshare:\n  - {period: 2027, device: a100, workload: inference, units: 5}\n'
wf_bad share-unknown $WF "3:44: share entry 1: unknown workload 'batch'" \
    'breakeven_plan: 1\nshare:\n  - {period: 2027, device: b200, workload: batch, units: 5}\n'
wf_bad share-missing $WF "3:5: share entry 1: missing key 'workload'" \
    'breakeven_plan: 1\nshare:\n  - {period: 2027, device: b200, units: 5}\n'
wf_bad share-key $WF "3:64: share entry 1: unknown key 'cohort'; expected period, device, workload or units" \
    'breakeven_plan: 1\nshare:\n  - {period: 2027, device: b200, workload: training, units: 5, cohort: 2026}\n'
wf_bad share-not-list $WF "2:8: share must be a list of entries, found '3'" \
    'breakeven_plan: 1\nshare: 3\n'
wf_bad share-cannot $WF3 "3:43: share entry 1: 'old' cannot serve 'training' (its throughput does not list it)" \
    'breakeven_plan: 1\nshare:\n  - {period: 2026, device: old, workload: training, units: 1}\n'
wf_bad unknown-key $WF "2:1: unknown key 'shares' in the plan; expected breakeven_plan, relaxed, buy, rent, retire, sell or share" \
    'breakeven_plan: 1\nshares: []\n'
# ...and in a model without workloads, neither shares nor named sales
wf_bad share-no-workloads examples/engine-analyzer.yaml "2:1: share: the model has no workloads, so its units have no shares" \
    'breakeven_plan: 1\nshare: []\n'
wf_bad sell-named-no-workloads examples/revenue.yaml "3:20: sell entry 1: the model has no workloads, so a sale names none (give period and units)" \
    'breakeven_plan: 1\nsell:\n  - {period: 2025, workload: work, units: 1}\n'

# Actuals: 10 a100 fail in 2026; the continuation from 2028 splits the
# units the new fleet has (2028's b200 shares give inference what the
# a100 no longer can) and cuts the a100's end of life in 2029 to the 50
# left; it reads back as a plan of the advanced model.
printf 'breakeven_actuals: 1\nfailed:\n  - {device: a100, period: 2026, units: 10}\n' >"$tmp/wf-act.yaml"
expect wf-actuals 0 "" advance $WF --to 2028 -q --actuals "$tmp/wf-act.yaml" -o "$tmp/wf-a2.yaml" --plan-out "$tmp/wf-c2.yaml"
ok wf-actuals-fleet grep -q '^  - {device: a100, count: 50, age: 4 years, purchase_price: 10000}$' "$tmp/wf-a2.yaml"
ok wf-actuals-end-of-life grep -q '^  - {device: a100, period: 2029, units: 50, cohort: fleet 1}   # end of life$' "$tmp/wf-c2.yaml"
ok wf-actuals-resplit sh -c "grep '^  - {period: 2028, workload: inference' '$tmp/wf-c2.yaml' | grep -qv 'units: 80}'"
expect wf-actuals-read 0 "" compare "$tmp/wf-a2.yaml" --plan "$tmp/wf-c2.yaml" -q
ok wf-actuals-read-met test "$(grep -c 'breaks' "$tmp/out")" -eq 0

# ---- export --gmpl: glpsol reaches solve's optimum ----

expect wf-export-sets 0 "^set WORKLOAD; " export $WF --gmpl
ok wf-export-demand grep -q '^s\.t\. demand{w in WORKLOAD, t in PERIOD}:$' "$tmp/out"
ok wf-export-split grep -q '^s\.t\. split{(k,t) in SPLIT}:$' "$tmp/out"
ok wf-export-need grep -q "^  'inference' 2027 80$" "$tmp/out"
ok wf-export-serve grep -q "^  'b200' 'training' 3$" "$tmp/out"
ok wf-export-shared grep -q "^set SHARED := 'b200';$" "$tmp/out"
# the whole file, without the line naming breakeven's version
sed '/^# GNU MathProg model written by breakeven /d' "$tmp/out" >"$tmp/wf.mod"
ok wf-export-golden cmp -s "$tmp/wf.mod" tests/golden/workloads-files-export.mod
# one workload: the file it has always been (the golden file was written
# by breakeven before workloads)
expect wf-export-one 0 "" export $D/workloads-files-one.yaml --gmpl
sed '/^# GNU MathProg model written by breakeven /d' "$tmp/out" >"$tmp/wf1.mod"
ok wf-export-one-golden cmp -s "$tmp/wf1.mod" tests/golden/workloads-files-export-one.mod
ok wf-export-one-no-workload test "$(grep -c 'WORKLOAD\|share\|split' "$tmp/wf1.mod")" -eq 0
for f in $WF $WF3; do
    for r in "" --relax; do
        expect "wf-objective:$f$r" 0 "" solve "$f" $r --format json -q
        obj=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/out")
        expect "wf-gmpl:$f$r" 0 "" export "$f" --gmpl $r -o "$tmp/wf-m.mod"
        if solver glpsol 1; then
            rm -f "$tmp/g.sol"
            glpsol --tmlim 60 -m "$tmp/wf-m.mod" -o "$tmp/g.sol" >"$tmp/g.log" 2>&1
            rc=$?
            g=$(sed -n 's/^Objective: *[^ ]* = \([-0-9.e+]*\).*/\1/p' "$tmp/g.sol" 2>/dev/null)
            xok "glpsol-gmpl:$f$r (exit $rc, $g vs $obj)" solved "$rc" "$g" "$obj"
        fi
        # the LP and MPS files of the same program, by glpsol and cbc
        expect "wf-lp:$f$r" 0 "" lp "$f" $r -o "$tmp/wf-p.lp"
        expect "wf-mps:$f$r" 0 "" lp "$f" $r --format mps -o "$tmp/wf-p.mps"
        cross "$f$r" "$obj" "$tmp/wf-p.lp" "$tmp/wf-p.mps"
    done
done
# glpsol's own report of the plan: shares and sales by workload
expect wf-gmpl-plan 0 "" export $WF --gmpl -o "$tmp/wf-m.mod"
if solver glpsol 2; then
    glpsol --tmlim 60 -m "$tmp/wf-m.mod" >"$tmp/g.log" 2>&1
    xok wf-gmpl-plan-share grep -q "^2027: 10 b200 serve inference$" "$tmp/g.log"
    xok wf-gmpl-plan-sell grep -q "^2027: sell 40 of inference beyond its demand$" "$tmp/g.log"
fi

# ---- explain ----

expect wf-explain 0 "" explain $WF
ok wf-explain-golden cmp -s "$tmp/out" tests/golden/workloads-files-explain.txt
ok wf-explain-heading grep -q '^4 periods (2026 to 2029), 2 workloads, 2 devices, 9 cohorts; fractional units: a linear program\.$' "$tmp/out"
expect wf-explain-split 0 "^  split\[b200,2026\]: 1·share\[b200,training,2026\] \+ 1·share\[b200,inference,2026\] - 1·hold\[b200,a0,2026\] <= 0$" explain $WF
expect wf-explain-demand 0 "^  demand\[inference,2026\]: 1·share\[old,inference,2026\] \+ 2·share\[mid,inference,2026\] \+ 3·share\[new,inference,2026\] - 1·sell\[inference,2026\] >= 10$" explain $WF3 --limit 0
expect wf-explain-integer 0 "whole through flow\.  Shares and sales are continuous\.$" explain $WF3
expect wf-explain-rent 0 "^  split\[cloud,2026\]: 1·share\[cloud,training,2026\] \+ 1·share\[cloud,batch,2026\] - 1·rent\[cloud,2026\] <= 0$" explain $WF3 --limit 0

# ---- init: the workloads block, uncommented, is a valid model ----

expect wf-init 0 "" init -o "$tmp/wf-init.yaml"
# uncomment the block, delete the top-level demand, and give the B200
# the throughput mapping its comment shows
sed -e '/^# workloads:$/,/^#     # revenue/s/^# //' -e '/^demand: /d' \
    -e 's/^    throughput: 18 .*/    throughput: {training: 18, inference: 31.6}/' \
    "$tmp/wf-init.yaml" >"$tmp/wf-init-w.yaml"
ok wf-init-uncommented sh -c "grep -q '^workloads:\$' '$tmp/wf-init-w.yaml' && grep -q '^  - name: inference\$' '$tmp/wf-init-w.yaml' && ! grep -q '^demand:' '$tmp/wf-init-w.yaml' && grep -q 'throughput: {training: 18, inference: 31.6}\$' '$tmp/wf-init-w.yaml'"
ok wf-init-mapping-shown grep -q '^    # with workloads: throughput: {training: 18, inference: 31.6}: inference$' "$tmp/wf-init.yaml"
expect wf-init-check 0 "valid model 'H100 servers facing the B200 generation': 6 periods, 2 devices, 7 cohorts$" check "$tmp/wf-init-w.yaml"
expect wf-init-solve 0 '"feasible": true' solve "$tmp/wf-init-w.yaml" --format json -q --time-limit 60
obj=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/out")
ev=$(sed -n 's/.*"evaluated_cost": \([^,]*\),.*/\1/p' "$tmp/out")
ok "wf-init-agree ($obj vs $ev)" close "$obj" "$ev"
# ...and with its workload's revenue uncommented too
sed -e 's/^    # revenue: \({price: [0-9]*}\) .*/    revenue: \1/' "$tmp/wf-init-w.yaml" >"$tmp/wf-init-r.yaml"
ok wf-init-revenue-uncommented grep -q '^    revenue: {price: 20815}$' "$tmp/wf-init-r.yaml"
expect wf-init-revenue 0 "^Net present value " solve "$tmp/wf-init-r.yaml" -q --time-limit 60
# the JSON Schema takes both (tests/cli.d/schema.sh's validator)
if command -v node >/dev/null 2>&1 && [ -f /usr/share/nodejs/ajv/package.json ] &&
   [ -f /usr/share/nodejs/js-yaml/package.json ]; then
    node tests/schema/validate.js validate docs/breakeven.schema.json \
        "$tmp/wf-init-w.yaml" "$tmp/wf-init-r.yaml" >"$tmp/wf-ajv.out" 2>&1
    ok wf-init-schema test "$(grep -c ' valid$' "$tmp/wf-ajv.out")" -eq 2
fi

# Without a market nothing is sold, so `sell: []` is as no list: the best
# split of the optimal plan's units, which is the optimum.
EX=examples/workloads.yaml
expect wf-nomarket-plan 0 "" solve $EX -q --plan-out "$tmp/wf-ex.yaml"
ok wf-nomarket-no-sell test "$(grep -c '^sell:\|^share:' "$tmp/wf-ex.yaml")" -eq 1
{ sed -n '/^share:/q;p' "$tmp/wf-ex.yaml"; echo 'sell: []'; } >"$tmp/wf-ex-sell.yaml"
expect wf-nomarket-empty-sell 0 "already optimal" compare $EX --plan "$tmp/wf-ex-sell.yaml" -q
