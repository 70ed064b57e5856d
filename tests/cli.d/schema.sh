# tests/cli.d/schema.sh -- docs/breakeven.schema.json, the JSON Schema that
# editors use (yaml-language-server), judged by a real validator: Ajv, from
# Debian's node-ajv, driven by tests/schema/validate.js, which reads the
# YAML files itself (node-js-yaml, YAML 1.2) and holds the schema to Ajv
# 8's strict rules.  Every shipped model and example must validate; every
# file of the bad catalogue must be rejected, except those whose fault no
# schema can see (listed below with why).  That the schema names exactly
# the loader's keys is a unit test (tests/test_schema.c).  Sourced by
# tests/cli.sh.

VALIDATE=tests/schema/validate.js
SCHEMA=docs/breakeven.schema.json

# ajv_all FILE... : "FILE valid" / "FILE invalid" lines in $tmp/ajv.lines
ajv_all() {
    node "$VALIDATE" validate "$SCHEMA" "$@" >"$tmp/ajv.out" 2>&1
    grep -E ' (valid|invalid)$' "$tmp/ajv.out" >"$tmp/ajv.lines"
}

# Faults the schema cannot see, by kind:
# - how a YAML reader types a scalar (True, 0x10, 010, .5, 5., 1_000,
#   tags) and YAML syntax: the editor's YAML reader has its say (12:30 is
#   text to a YAML 1.2 reader, so the schema refuses it where a number is
#   expected);
# - what depends on the horizon: list lengths, whole numbers of periods,
#   quarter labels in a yearly model;
# - cross references and whole-model checks: fleet devices and bases,
#   duplicate names, labels inside the horizon, resale arbitrage, sizes;
# - a market below the demand (a comparison of two series, period by
#   period);
# - scenarios: probabilities that sum to 1, unique names, whether a set
#   path names something and what the model becomes with its value (the
#   paths a scenario may not change at all the schema does reject).
schema_blind=" True-boolean hex-number octal-number leading-dot trailing-dot
 underscore-number tag syntax-bad-indent syntax-invalid-utf8
 syntax-nul-byte syntax-tab-indent syntax-two-documents syntax-unclosed-flow
 syntax-unclosed-quote duplicate-key duplicate-key-flow
 demand-list-short om-list-length resale-list-length fleet-age-fraction
 lifetime-fraction monthly-age-between-periods quarterly-lifetime-fraction
 available-quarter-label-yearly
 available-outside available-reversed duplicate-device fleet-basis-not-on-sale
 fleet-curve-no-basis fleet-needs-purchase-price fleet-older-than-lifetime
 fleet-rented-device fleet-unknown-device resale-arbitrage-falling-price
 resale-arbitrage-list fuzz-oom-many-periods model-too-large
 too-many-period-cohorts
 scenario-duplicate-name scenario-invalid scenario-list-short
 scenario-probability-sum scenario-unknown-path
 revenue-market-below-demand revenue-scenario-removes-market
 workloads-duplicate workloads-market-below-demand workloads-scenario-renames
 workloads-unknown-in-throughput workloads-unserved "

if ! command -v node >/dev/null 2>&1 || [ ! -f /usr/share/nodejs/ajv/package.json ] ||
   [ ! -f /usr/share/nodejs/js-yaml/package.json ]; then
    echo "FAIL schema: node, node-ajv or node-js-yaml is missing (sh .ci/deps build test installs them)"
    fail=$((fail + 1))
else
    # The schema itself is a valid draft-07 schema (compile, strict).
    node "$VALIDATE" compile "$SCHEMA" >"$tmp/ajv.out" 2>&1
    ok schema-compiles grep -qx "schema $SCHEMA is valid" "$tmp/ajv.out"
    ok schema-strict-clean test "$(grep -c 'strict mode' "$tmp/ajv.out")" -eq 0

    # the starting models of `breakeven init` too
    for k in year quarter month; do
        expect "schema-init-$k" 0 '' init --period "$k" -o "$tmp/schema-init-$k.yaml"
    done
    good="models/*.yaml examples/*.yaml $D/textbook-forms.yaml $tmp/schema-init-*.yaml"
    # shellcheck disable=SC2086
    ajv_all $good
    for f in $good; do
        ok "schema-valid:$f" grep -qx "$f valid" "$tmp/ajv.lines"
    done
    # ...and each names the schema the way yaml-language-server reads it
    for f in models/*.yaml examples/*.yaml; do
        ok "schema-modeline:$f" grep -qx '# yaml-language-server: $schema=../docs/breakeven.schema.json' "$f"
    done

    schema_blind=" $(echo $schema_blind) "
    judged=""
    for f in tests/bad/*.yaml; do
        n=$(basename "$f" .yaml)
        case "$schema_blind" in *" $n "*) ;; *) judged="$judged $f" ;; esac
    done
    # shellcheck disable=SC2086
    ajv_all $judged
    for f in $judged; do
        ok "schema-rejects:$f" grep -qx "$f invalid" "$tmp/ajv.lines"
    done
    # at least the classic schema errors are among them
    for n in unknown-key-typo unknown-key-device missing-horizon missing-lifetime \
             quoted-number periods-zero pue-below-one rented-with-om \
             control-char-name block-name-line-break fleet-count-fraction \
             available-no-price age-unknown-unit lifetime-zero; do
        case "$judged" in *"tests/bad/$n.yaml"*) pass=$((pass + 1)) ;;
        *) echo "FAIL schema-sample: $n is not judged"; fail=$((fail + 1)) ;; esac
    done
    # a blind file still fails `check`: the list above only excuses the schema
    for n in $schema_blind; do
        [ -f "tests/bad/$n.yaml" ] || { echo "FAIL schema-blind: no tests/bad/$n.yaml"; fail=$((fail + 1)); }
    done
fi
