# tests/cli.d/export.sh -- teaching and transparency: the MathProg export
# solved by glpsol reaches solve's optimum for every model and example;
# explain's output for the engine analyzer is kept as a golden file.
# Sourced by tests/cli.sh: uses expect, ok, close, solver, xok, solved,
# $tmp and $BIN.

expect export-help 0 "usage: breakeven export MODEL.yaml" help export
expect export-no-model 2 "export needs a model file" export --gmpl
expect export-bad-format 2 "unknown format 'lp'" export examples/engine-analyzer.yaml --format lp
expect export-stdout 0 "^s\.t\. flow\{\(k,g,t\) in HOLD union RETIRE\}:" export examples/engine-analyzer.yaml --gmpl
expect export-demand 0 "^s\.t\. demand\{t in PERIOD\}:" export examples/engine-analyzer.yaml --gmpl
expect export-power 0 "^s\.t\. power\{t in PERIOD\}:" export examples/power-cap.yaml --gmpl
expect export-budget 0 "^s\.t\. budget\{t in PERIOD\}:" export examples/budget-refresh.yaml --gmpl
expect export-integer 0 "^var hold\{HOLD\} >= 0, integer;" export examples/engine-analyzer.yaml --gmpl
expect export-relax 0 "" export examples/engine-analyzer.yaml --gmpl --relax
ok export-relax-no-integer test "$(grep -c integer\; "$tmp/out")" -eq 0
expect export-bad-dir 4 "cannot write" export examples/engine-analyzer.yaml --gmpl -o "$tmp/no/such/dir/m.mod"
# onto a directory: the temporary file beside it is removed
mkdir -p "$tmp/xdir"
expect export-onto-dir 4 "xdir: cannot write" export examples/engine-analyzer.yaml --gmpl -o "$tmp/xdir"
ok export-onto-dir-no-temp test "$(ls "$tmp" | grep -c 'xdir\.tmp-')" -eq 0

# glpsol -m solves the export to solve's optimum (1e-6 relative).  The
# examples are solved as they are (MIP); the models in models/ as their LP
# relaxations (export --relax against solve --relax), because GLPK's
# default branch and bound in glpsol takes seconds to minutes on them.
for f in models/*.yaml examples/*.yaml; do
    if grep -q '^scenarios:' "$f"; then
        # one MathProg model per program: a stochastic one is refused
        expect "gmpl-refused:$f" 2 "scenarios, which export does not handle" export "$f" --gmpl -o "$tmp/m.mod"
        continue
    fi
    r=
    case $f in models/*) r=--relax ;; esac
    # shellcheck disable=SC2086
    expect "gmpl-objective:$f" 0 "" solve "$f" $r --format json --time-limit 60
    obj=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/out")
    # shellcheck disable=SC2086
    expect "gmpl:$f" 0 "" export "$f" --gmpl $r -o "$tmp/m.mod"
    if solver glpsol 1; then
        rm -f "$tmp/g.sol"
        glpsol --tmlim 60 -m "$tmp/m.mod" -o "$tmp/g.sol" >"$tmp/g.log" 2>&1
        rc=$?
        g=$(sed -n 's/^Objective: *[^ ]* = \([-0-9.e+]*\).*/\1/p' "$tmp/g.sol" 2>/dev/null)
        xok "glpsol-gmpl:$f (exit $rc, $g vs $obj)" solved "$rc" "$g" "$obj"
    fi
done
# After solve; the file prints the plan in its own terms.
expect gmpl-plan-export 0 "" export examples/economic-life.yaml -o "$tmp/m.mod"
if solver glpsol 1; then
    glpsol --tmlim 60 -m "$tmp/m.mod" >"$tmp/g.log" 2>&1
    xok gmpl-plan grep -q "^2031: retire 1 machine (origin 2025)$" "$tmp/g.log"
fi

# explain: the golden file, and truncation of large models with a note.
expect explain-engine 0 "" explain examples/engine-analyzer.yaml
ok explain-engine-golden cmp -s "$tmp/out" tests/golden/explain-engine.txt
expect explain-words 0 "^demand\[t\]: the throughput of the units in service" explain examples/power-cap.yaml
expect explain-power 0 "^  power\[2025\]: 10·hold\[old,a4,2025\] \+ 10·hold\[new,a0,2025\] <= 100$" explain examples/power-cap.yaml
expect explain-budget 0 "^  budget\[2025\]: 40000·buy\[new,2025\] <= 100000$" explain examples/budget-refresh.yaml
expect explain-rent 0 "^  demand\[2027\]: 1·hold\[server,a2,2027\] .*1·rent\[cloud,2027\] >= 4$" explain examples/buy-or-rent.yaml
expect explain-limit 0 "and 61 more variables \(breakeven explain --limit 0 shows all\)" explain models/seed-1mw.yaml --limit 3
expect explain-terms 0 "\+ \.\.\. \(1 more term\) >= 12\.544$" explain models/seed-1mw.yaml --limit 3
expect explain-bad-limit 2 "--limit needs a whole number" explain examples/engine-analyzer.yaml --limit -1
expect explain-help 0 "usage: breakeven explain MODEL.yaml" explain --help
