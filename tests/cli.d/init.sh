# tests/cli.d/init.sh -- `breakeven init` (README "Using it", and the man
# page): the model it writes is a valid model that solves, for each period
# kind, explains every key in a comment, and cites its numbers.  Sourced
# by tests/cli.sh: uses expect, ok, close, $tmp and $BIN.

expect init-stdout 0 '^breakeven: 1 ' init
ok init-stdout-only-model test ! -s "$tmp/err"
cp "$tmp/out" "$tmp/init-stdout.yaml"
# Every line that sets a key carries a comment, or follows one.
ok init-every-key-commented awk '
    /^[ ]*#/ || /^[ ]*$/ { prev = /^[ ]*#/; next }
    /^[ ]*(- )?[a-z_]+:/ && !/#/ && !prev { print "uncommented: " $0; bad = 1 }
    { prev = 0 }
    END { exit bad }' "$tmp/init-stdout.yaml"
# The sourced figures cite their section of the data notes (s1 .. s7) and
# the rest say "assumption": the devices' throughput, power and price, the
# energy price and pue, lifetimes, the fleet's purchase price.
for key in ' throughput:' ' power_kw:' ' price: 515000' ' price: 0.0806' ' pue:' \
           ' lifetime:' ' purchase_price:' ' om:' ' depreciation_years:'; do
    ok "init-cites:$key" awk -v k="$key" '
        $0 !~ /^[ ]*#/ && index($0, k) == index($0, substr(k, 2)) - 1 && index($0, k) {
            found = 1
            line = $0; want = 1; next }
        want && /^[ ]+#/ { line = line " " $0; next }
        want { check(); want = 0 }
        function check() { if (line !~ /s[1-7]\)|, s[1-7]|as above/) { print "no source: " line; bad = 1 } }
        END { if (want) check()
            exit bad || !found }' "$tmp/init-stdout.yaml"
done
ok init-assumptions-marked test "$(grep -c 'assumption' "$tmp/init-stdout.yaml")" -ge 4

# year, quarter, month: check, solve (solver and evaluator agree), and the
# labels of each kind.  Six years: 6, 24, 72 periods; cohorts: the fleet
# entry + one per purchase period of dgx-b200 (on sale from the start).
for kp in year:6:2026 quarter:24:2026-Q1 month:72:2026-01; do
    kind=${kp%%:*}; rest=${kp#*:}; n=${rest%%:*}; first=${rest#*:}
    f="$tmp/init-$kind.yaml"
    expect "init-$kind" 0 '' init --period "$kind" -o "$f"
    ok "init-$kind-written" grep -q "^horizon: {start: 2026, periods: $n, period: $kind}$" "$f"
    expect "init-$kind-check" 0 "valid model 'H100 servers facing the B200 generation': $n periods, 2 devices, $((n + 1)) cohorts$" check "$f"
    # (the monthly program is the slowest under valgrind: solved once)
    [ "$kind" = month ] ||
        expect "init-$kind-solve" 0 "^In $first: .*net present cost [0-9,]+\.$" solve "$f" --time-limit 60
    expect "init-$kind-json" 0 '"feasible": true' solve "$f" --format json --time-limit 60
    obj=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/out")
    ev=$(sed -n 's/.*"evaluated_cost": \([^,]*\),.*/\1/p' "$tmp/out")
    ok "init-$kind-agree ($obj vs $ev)" close "$obj" "$ev"
    ok "init-$kind-first-label" grep -q "\"label\": \"$first\"" "$tmp/out"
done
ok init-default-is-yearly cmp -s "$tmp/init-year.yaml" "$tmp/init-stdout.yaml"

# A starting point never replaces an edited model by accident.
expect init-exists 2 "init-year\.yaml already exists; choose another name or add --force to replace it$" init -o "$tmp/init-year.yaml"
echo "# edited" >>"$tmp/init-year.yaml"
expect init-force 0 '' init -o "$tmp/init-year.yaml" --force
ok init-force-replaced test "$(grep -c '# edited' "$tmp/init-year.yaml")" -eq 0
expect init-bad-period 2 "unknown period 'week' \(year, quarter or month\)" init --period week
expect init-extra-arg 2 "unexpected argument 'model.yaml'" init model.yaml
expect init-help 0 'usage: breakeven init' init --help
