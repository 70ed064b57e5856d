# tests/cli.d/bad.sh -- the catalogue of bad inputs (sourced by tests/cli.sh).
# Every tests/bad/NAME.yaml is broken in exactly one way; NAME.expect holds
# the exit code on its first line and the exact line `check` and `solve`
# print on stderr on its second.  Nothing may appear on stdout.  Under the
# valgrind and sanitizer passes ($W, BE_CLI_WRAPPER) the same runs prove
# that every error path frees what it allocated.
# Files too large or too silly to commit are generated here: a 100,000-deep
# nesting, a file over the 16 MiB limit, and a billion-laughs expansion.

# bad_run NAME FILE EXPECT_FILE COMMAND: exact exit code and stderr line.
bad_run() {
    bname=$1 bfile=$2 bexp=$3 bcmd=$4
    want_rc=$(sed -n 1p "$bexp")
    want_err=$(sed -n 2p "$bexp")
    # shellcheck disable=SC2086
    $W "$BIN" "$bcmd" "$bfile" >"$tmp/bad.out" 2>"$tmp/bad.err"
    got_rc=$?
    got_err=$(cat "$tmp/bad.err")
    if [ "$got_rc" -ne "$want_rc" ]; then
        echo "FAIL bad:$bcmd:$bname: exit $got_rc, expected $want_rc"
        sed 's/^/    /' "$tmp/bad.err" | head -n 20
        fail=$((fail + 1))
    elif [ "$got_err" != "$want_err" ]; then
        echo "FAIL bad:$bcmd:$bname: stderr differs"
        echo "    expected: $want_err"
        sed 's/^/    got:      /' "$tmp/bad.err" | head -n 20
        fail=$((fail + 1))
    elif [ -s "$tmp/bad.out" ]; then
        echo "FAIL bad:$bcmd:$bname: wrote to stdout"
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
}

bad_n=0
for bexp in tests/bad/*.expect; do
    bname=$(basename "$bexp" .expect)
    bad_run "$bname" "tests/bad/$bname.yaml" "$bexp" check
    bad_run "$bname" "tests/bad/$bname.yaml" "$bexp" solve
    bad_n=$((bad_n + 1))
done
ok "bad:catalogue-has-60" test "$bad_n" -ge 60
# every model file has its expectation (and the other way round)
ok "bad:every-yaml-has-expect" test "$(ls tests/bad/*.yaml | wc -l)" -eq "$bad_n"

# 100,000 nested lists in 200 kB: refused at the 64th level (the top-level mapping is the first), in little memory.
awk 'BEGIN { printf "breakeven: 1\ndemand: "; for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "" }' >"$tmp/deep.yaml"
printf '3\nbreakeven: %s:2:72: the file nests deeper than 64 levels\n' "$tmp/deep.yaml" >"$tmp/deep.expect"
bad_run deep-100k "$tmp/deep.yaml" "$tmp/deep.expect" check
# 100,000 nested mappings, block style
awk 'BEGIN { printf "breakeven: 1\nx: "; for (i = 0; i < 100000; i++) printf "{a: "; for (i = 0; i < 100000; i++) printf "}"; print "" }' >"$tmp/deepmap.yaml"
printf '3\nbreakeven: %s:2:256: the file nests deeper than 64 levels\n' "$tmp/deepmap.yaml" >"$tmp/deepmap.expect"
bad_run deep-map-100k "$tmp/deepmap.yaml" "$tmp/deepmap.expect" check

# One byte over 16 MiB (comments are valid YAML): refused before parsing.
{ cat tests/bad/tag.yaml; awk 'BEGIN { s = "# padding padding padding padding padding padding padding padding"; for (i = 0; i < 262144; i++) print s }'; } >"$tmp/big.yaml"
printf '3\nbreakeven: %s: the file is larger than the limit of 16777216 bytes\n' "$tmp/big.yaml" >"$tmp/big.expect"
bad_run over-size "$tmp/big.yaml" "$tmp/big.expect" check

# A billion laughs with a billion-node expansion in 30 levels: refused at
# the first anchor, whatever the expansion would be.
awk 'BEGIN { print "breakeven: 1"; print "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"; for (i = 1; i < 30; i++) { printf "l%d: &l%d [", i, i; for (j = 0; j < 10; j++) printf "%s*l%d", j ? ", " : "", i - 1; print "]" } }' >"$tmp/laughs.yaml"
printf '3\nbreakeven: %s:2:5: anchors and aliases are not supported\n' "$tmp/laughs.yaml" >"$tmp/laughs.expect"
bad_run billion-laughs-30 "$tmp/laughs.yaml" "$tmp/laughs.expect" check
