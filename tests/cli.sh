#!/bin/sh
# tests/cli.sh BINARY -- the command line's contract: exit codes, error
# format, output formats, atomic -o.  Prints "cli: N passed, N failed".
# BE_CLI_WRAPPER (e.g. a valgrind command) is put in front of every run.
set -u
BIN=${1:?usage: tests/cli.sh BINARY}
W=${BE_CLI_WRAPPER:-}
D=tests/cli
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect NAME STATUS REGEX CMD... : CMD exits with STATUS and its combined
# output matches the extended REGEX ("" matches anything).
expect() {
    name=$1 want=$2 re=$3
    shift 3
    # shellcheck disable=SC2086
    $W "$BIN" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    cat "$tmp/out" "$tmp/err" >"$tmp/all"
    if [ "$got" -ne "$want" ]; then
        echo "FAIL $name: exit $got, expected $want"; sed 's/^/    /' "$tmp/all" | head -n 20
        fail=$((fail + 1))
    elif [ -n "$re" ] && ! grep -Eq -- "$re" "$tmp/all"; then
        echo "FAIL $name: output does not match /$re/"; sed 's/^/    /' "$tmp/all" | head -n 20
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
}

# ok NAME CONDITION... : a shell test on what the last run left behind
ok() {
    name=$1
    shift
    if "$@"; then pass=$((pass + 1)); else echo "FAIL $name"; fail=$((fail + 1)); fi
}

# json_ok NAME FILE [lines] : FILE holds one JSON value (with "lines": one
# per line, JSON lines), as Node.js's JSON.parse reads it (node is a test
# dependency, .ci/deps).
# json_get FILE EXPR : prints the JavaScript expression EXPR over the
# parsed value j of FILE (arrays joined by commas); nothing when FILE is not
# JSON.
json_ok() {
    if ! command -v node >/dev/null 2>&1; then
        echo "FAIL $1: node is not installed (apt-get install nodejs): no JSON check"
        fail=$((fail + 1))
        return
    fi
    ok "$1" node -e 'const t = require("fs").readFileSync(process.argv[1], "utf8");
        if (process.argv[2] === "lines") {
            const l = t.split("\n"); if (l.pop() !== "" || !l.length) throw "no lines";
            l.forEach(x => JSON.parse(x));
        } else JSON.parse(t);' "$2" "${3:-}"
}
# nosec FILE... : solve's JSON without its two phase times (wall clock)
nosec() { sed 's/"build_seconds": [^,]*, "solve_seconds": [^}]*}/T/' "$@"; }
json_get() {
    node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const v = eval(process.argv[2]); console.log(String(v));' "$1" "$2" 2>/dev/null
}

# Cross-solver checks: what breakeven writes, solved by another program
# (glpsol, cbc), must reach breakeven's answer.  They are the suite's only
# evidence from outside GLPK-as-breakeven-drives-it, so they must not
# vanish quietly:
#   solver TOOL N   returns 0 when TOOL is installed; otherwise its N checks
#                   are skipped and counted, and with BE_REQUIRE_SOLVERS=1
#                   (make check, tests/run-all) each one is a failure;
#   xok NAME COND   an ok that counts as a cross-solver check that ran.
xran=0
xskip=0
xfail=0
xmissing=""
solver() {
    command -v "$1" >/dev/null 2>&1 && return 0
    case $1 in glpsol) pkg=glpk-utils ;; cbc) pkg=coinor-cbc ;; *) pkg=$1 ;; esac
    first=1
    case " $xmissing " in *" $pkg "*) first=0 ;; *) xmissing="$xmissing $pkg" ;; esac
    if [ -n "${BE_REQUIRE_SOLVERS:-}" ]; then
        [ $first -eq 1 ] && echo "FAIL $1 is not installed (apt-get install $pkg): each of its cross-solver checks fails"
        fail=$((fail + $2))
        xfail=$((xfail + $2))
    else
        xskip=$((xskip + $2))
    fi
    return 1
}
xok() {
    xran=$((xran + 1))
    ok "$@"
}

expect help 0 "exit codes" --help
expect help-solve 0 "--time-limit" solve --help
expect version 0 "^breakeven [0-9]+\.[0-9]+\.[0-9]+" --version
expect no-args 2 "usage: breakeven solve"
# A mistyped command: what it is not, the closest command (the loader's
# did-you-mean rule), where the list is; no usage screen.
expect unknown-command 2 "" slove x.yaml
ok unknown-command-text test "$(cat "$tmp/all")" = "breakeven: 'slove' is not a command; did you mean 'solve'?
See 'breakeven --help' for the commands."
expect unknown-command-swap 2 "^breakeven: 'sovle' is not a command; did you mean 'solve'\?$" sovle x.yaml
expect unknown-command-long 2 "^breakeven: 'uncertainy' is not a command; did you mean 'uncertainty'\?$" uncertainy x.yaml
expect unknown-command-none 2 "" frobnicate x.yaml
ok unknown-command-none-text test "$(cat "$tmp/all")" = "breakeven: 'frobnicate' is not a command
See 'breakeven --help' for the commands."
expect unknown-option 2 "unknown option '--fast'" solve examples/engine-analyzer.yaml --fast
expect bad-format 2 "unknown format 'xml'" solve examples/engine-analyzer.yaml --format xml
expect bad-gap 2 "--mip-gap needs a number" solve examples/engine-analyzer.yaml --mip-gap 1.5
expect bad-time 2 "--time-limit needs a number" solve examples/engine-analyzer.yaml --time-limit abc
expect missing-value 2 "option -o needs a value" solve examples/engine-analyzer.yaml -o
expect no-model 2 "solve needs a model file" solve
expect two-models 2 "unexpected argument" solve a.yaml b.yaml
expect missing-file 3 "^breakeven: $D/nope.yaml: cannot open" solve $D/nope.yaml

# Textbook optimum (Winston): 1280.
expect engine-text 0 "Net present cost +1,280\.00" solve examples/engine-analyzer.yaml
expect engine-answer 0 "^In 20[0-9]{2}: (retire 1 analyzer unit, )?buy 1 analyzer unit; [0-9] other changes in the plan below; net present cost 1,280\.$" solve examples/engine-analyzer.yaml
# The seed model's answer; its figures are checked against cbc's solution
# of the exported program below (seed-cbc).
expect seed-answer 0 "^In 20[0-9]{2}: retire [0-9]+ h100-pod units?, buy [0-9]+ next-pod units?; [0-9]+ other changes in the plan below; net present cost [0-9,]+\.$" solve models/seed-1mw.yaml
seed_answer=$(head -n 1 "$tmp/out")
expect engine-json 0 '"objective": 1280(\.0+)?,' solve examples/engine-analyzer.yaml --format json
expect engine-json-eval 0 '"evaluated_cost": 1280(\.0+)?,' solve examples/engine-analyzer.yaml --format json
expect engine-csv 0 "^period,device,in_service,bought,retired" solve examples/engine-analyzer.yaml --format csv
expect economic-life 0 "Net present cost +18,900\.00" solve examples/economic-life.yaml
expect relax 0 "fractional units \(LP\)" solve examples/engine-analyzer.yaml --relax
expect stats 0 "stats: parse .* build .* solve" solve examples/engine-analyzer.yaml --stats
expect help-command 0 "usage: breakeven lp MODEL.yaml" help lp
expect help-unknown 2 "^breakeven: 'nope' is not a command$" help nope
expect help-mistyped 2 "^breakeven: 'lifee' is not a command; did you mean 'life'\?$" help lifee

# --set PATH=VALUE changes the model before it is read.  With the analyzer
# at 2000 a cycle of 1, 2, 3 years costs 1260, 1540, 1760: keep it 3 years,
# then 2: 3300.
expect set-price 0 '"objective": 3300,' solve examples/engine-analyzer.yaml --set devices.analyzer.price=2000 --format json
expect set-equals 0 '"objective": 3300,' solve examples/engine-analyzer.yaml --set=devices.analyzer.price=2000 --format json
expect set-series 0 "valid model" check models/seed-1mw.yaml --set demand.growth=0.2
expect set-inside-value 2 "'start' is inside a single value" check examples/engine-analyzer.yaml --set devices.analyzer.price.start=2000
expect set-no-device 2 "--set devices.nope.price: no device named like 'nope'" solve examples/engine-analyzer.yaml --set devices.nope.price=1
expect set-bad-value 3 "demand must be a number" solve examples/engine-analyzer.yaml --set demand=lots
expect set-unknown-key 3 "unknown key 'discont_rate' in the top level; did you mean 'discount_rate'" check examples/engine-analyzer.yaml --set discont_rate=0.1
expect set-no-equals 2 "--set needs PATH=VALUE" solve examples/engine-analyzer.yaml --set demand
# 40 units in 2026 do not fit under the 30 kW cap; 30 do.
expect set-list-item 0 "" solve $D/infeasible.yaml --set demand.3=30
expect set-new-section 1 "infeasible" solve examples/engine-analyzer.yaml --set site.power_cap_kw=0 --set devices.analyzer.power_kw=1
expect check 0 "valid model" check examples/engine-analyzer.yaml
expect check-quiet 0 "" check examples/engine-analyzer.yaml --quiet
ok check-quiet-silent test ! -s "$tmp/all"

# -o writes the file whole, and nothing at all on failure.
expect out-file 0 "" solve examples/engine-analyzer.yaml --format json -o "$tmp/r.json"
ok out-file-written grep -q '"status": "optimal"' "$tmp/r.json"
ok out-file-no-stdout test ! -s "$tmp/out"
ok out-no-temp-left test "$(ls "$tmp" | grep -c 'tmp-')" -eq 0
expect out-bad-dir 4 "cannot write" solve examples/engine-analyzer.yaml -o "$tmp/no/such/dir/r.json"
# -o onto a directory: the whole result goes to a temporary file beside
# it, the final rename fails, and the temporary file must be removed.
mkdir "$tmp/odir"
expect out-onto-dir 4 "odir: cannot write" solve examples/engine-analyzer.yaml --format json -o "$tmp/odir"
ok out-onto-dir-no-temp test "$(ls "$tmp" | grep -c 'odir\.tmp-')" -eq 0
ok out-onto-dir-untouched test -d "$tmp/odir" -a -z "$(ls -A "$tmp/odir")"

# Errors: one line, FILE:LINE:COL: message, exit 3.
expect syntax-error 3 "^breakeven: $D/syntax.yaml:[0-9]+:[0-9]+: " solve $D/syntax.yaml
expect unknown-key 3 "^breakeven: $D/unknown-key.yaml:4:1: unknown key 'discont_rate'.*did you mean 'discount_rate'" check $D/unknown-key.yaml
expect one-line 3 "" check $D/unknown-key.yaml
ok one-line-only test "$(wc -l <"$tmp/all")" -eq 1

# No plan: exit 1 and the reason.
expect infeasible 1 "no feasible plan: the model is infeasible: 2026: demand of 40 cannot be met: at most 30 fits under the 30 kW power cap" solve $D/infeasible.yaml
expect infeasible-json 1 '"status": "infeasible"' solve $D/infeasible.yaml --format json

# Every shipped model and example solves to a plan whose solver objective
# and evaluated cost agree (the JSON carries both).
for f in models/*.yaml examples/*.yaml; do
    # any plan's objective agrees, not only a proven one: the B200 model's
    # whole-unit stochastic program (not proven in a minute) stops early
    lim=60
    case $f in models/b200-launch.yaml) lim=5 ;; esac
    expect "solve:$f" 0 '"feasible": true' solve "$f" --format json --time-limit $lim
    obj=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/out")
    ev=$(sed -n 's/.*"evaluated_cost": \([^,]*\),.*/\1/p' "$tmp/out")
    ok "agree:$f" awk -v a="$obj" -v b="$ev" 'BEGIN { d = a - b; if (d < 0) d = -d; s = (a < 0 ? -a : a); if (s < 1) s = 1; exit !(d <= 1e-6 * s) }'
done

# The written program, solved by other solvers, reaches the same optimum:
# glpsol reading the LP and the free MPS file, and cbc (COIN-OR) reading
# the MPS file.  Each solver's result file is removed first and its exit
# status checked, so that a run that fails cannot leave an earlier answer
# to be read again.  Solver objectives printed with ~10 digits: 1e-6
# relative.
close() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") exit 1; d = a - b; if (d < 0) d = -d; s = (a < 0 ? -a : a); if (s < 1) s = 1; exit !(d <= 1e-6 * s) }'; }
# solved RC A B: the solver exited 0 and its objective A is close to B
solved() { [ "$1" -eq 0 ] && close "$2" "$3"; }
# cross NAME OBJ LP MPS: glpsol solves the LP file and the free MPS file,
# cbc the MPS file, each to the objective OBJ (three cross-solver checks).
cross() {
    cname=$1 cobj=$2
    if solver glpsol 2; then
        for cform in "lp $3" "freemps $4"; do
            rm -f "$tmp/g.sol"
            glpsol --${cform%% *} "${cform#* }" -o "$tmp/g.sol" >"$tmp/g.log" 2>&1
            rc=$?
            g=$(sed -n 's/^Objective: *[^ ]* = \([-0-9.e+]*\).*/\1/p' "$tmp/g.sol" 2>/dev/null)
            case $cform in lp*) cw=lp ;; *) cw=mps ;; esac
            xok "glpsol-$cw:$cname (exit $rc, $g vs $cobj)" solved "$rc" "$g" "$cobj"
        done
    fi
    if solver cbc 1; then
        c=$(cbc "$4" solve quit 2>&1 | sed -n -e 's/^Objective value: *\([-0-9.e+]*\).*/\1/p' -e 's/^Optimal objective \([-0-9.e+]*\) .*/\1/p' | head -n 1)
        xok "cbc:$cname ($c vs $cobj)" close "$c" "$cobj"
    fi
}
expect lp-bad-format 2 "unknown format 'json' \(lp or mps\)" lp examples/engine-analyzer.yaml --format json
for f in models/*.yaml examples/*.yaml; do
    # The B200 model's whole-unit stochastic program is not proven within
    # the default minute (0.004% gap left), and glpsol does not prove it
    # in ten; its LP is exact, and tests/test_scenario.c holds the
    # whole-unit figures to cbc's proven optimum.
    rel=
    case $f in models/b200-launch.yaml) rel=--relax ;; esac
    expect "objective:$f" 0 "" solve "$f" --format json $rel
    obj=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/out")
    expect "lp:$f" 0 "" lp "$f" -o "$tmp/p.lp" $rel
    expect "mps:$f" 0 "" lp "$f" --format mps -o "$tmp/p.mps" $rel
    cross "$f" "$obj" "$tmp/p.lp" "$tmp/p.mps"
done
# The seed model's answer, worked out by cbc from the exported program
# alone: the first period with an early retirement (a retire column; the
# program has none for units at their lifetime), the h100-pod units
# retired and next-pod units bought then, the number of other periods that
# buy or retire, and the objective rounded to whole dollars.  (When this
# was written: in 2027 retire 11 h100-pod units, buy 6 next-pod units, 5
# other changes, 26,724,543.)
expect seed-lp 0 "" lp models/seed-1mw.yaml -o "$tmp/seed.lp"
if solver cbc 1; then
    rm -f "$tmp/seed.sol"
    cbc "$tmp/seed.lp" solve printingOptions all solution "$tmp/seed.sol" quit >"$tmp/cbc.log" 2>&1
    want=$(awk 'NR == 1 { obj = $NF; next }
        { name = $2; v = $3 + 0; if (v < 0.5) next
          y = name; sub(/.*,/, "", y); sub(/\).*/, "", y)
          if (name ~ /^(buy|retire)\(/) busy[y] = 1
          if (name ~ /^retire\(h100~pod,/ && (first == "" || y < first)) first = y
          if (name ~ /^retire\(h100~pod,/) ret[y] += v
          if (name ~ /^buy\(next~pod,/) buy[y] += v }
        END { if (first == "") exit 1
              n = 0; for (y in busy) n++
              c = sprintf("%.0f", obj); m = ""
              while (length(c) > 3) { m = "," substr(c, length(c) - 2) m; c = substr(c, 1, length(c) - 3) }
              printf "In %s: retire %d h100-pod unit%s, buy %d next-pod unit%s; %d other changes in the plan below; net present cost %s%s.\n", first, ret[first], ret[first] == 1 ? "" : "s", buy[first], buy[first] == 1 ? "" : "s", n - 1, c, m }' \
        "$tmp/seed.sol" 2>/dev/null)
    xok "seed-cbc: '$seed_answer' vs cbc's '$want'" test -n "$want" -a "$seed_answer" = "$want"
fi

# Each feature keeps its own command-line tests in tests/cli.d/*.sh, run
# here in this shell (they use expect, ok, close, $tmp, $D and $BIN).
for part in tests/cli.d/*.sh; do
    [ -f "$part" ] || continue
    # shellcheck disable=SC1090
    . "$part"
done

if [ "$xskip" -gt 0 ]; then
    echo "cli: skipped $xskip cross-solver checks: not installed:$xmissing (make check counts them as failures)"
fi
echo "cli: cross-solver checks: $xran ran, $xskip skipped, $xfail failed for want of a solver"
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
