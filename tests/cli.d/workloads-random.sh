# tests/cli.d/workloads-random.sh -- random models with workloads (issue
# 20), each solved by breakeven and its written program by glpsol (LP and
# free MPS files) and cbc (MPS), all to the same optimum.  Sourced by
# tests/cli.sh: uses expect, ok, cross, $tmp, $BIN and $W.
#
# The models come from a seeded generator (awk, a Park-Miller sequence,
# so the same on every machine): yearly, 3 to 5 periods, 2 or 3
# workloads with their own demand (and on some a market), 2 to 4 devices
# that serve one workload or several at their own throughputs, one of
# them rented now and then, half with whole units, some with a power cap.
# The first device serves every workload, so every model has a plan.
wl_random() {
    awk -v seed="$1" '
    function rnd() { s = (s * 16807) % 2147483647; return s / 2147483647 }
    function pick(a, b) { return a + int(rnd() * (b - a + 1)) }
    BEGIN {
        s = seed * 7919 + 17
        split("training inference batch", name, " ")
        T = pick(3, 5); W = pick(2, 3); K = pick(2, 4)
        printf "breakeven: 1\nname: random workloads %d\n", seed
        printf "horizon: {start: 2026, periods: %d}\n", T
        printf "discount_rate: 0.08\ninteger: %s\n", rnd() < 0.5 ? "true" : "false"
        printf "energy: {price: 0.1, pue: 1.2}\n"
        if (rnd() < 0.3)
            printf "site: {power_cap_kw: %d}\n", 40 + 10 * T
        printf "workloads:\n"
        for (w = 1; w <= W; w++) {
            printf "  - name: %s\n    demand: {start: %d, growth: %.2f}\n",
                name[w], pick(2, 20), 0.1 + 0.4 * rnd()
            if (rnd() < 0.3)
                printf "    revenue: {price: %d, market: {start: %d, growth: %.2f}}\n",
                    pick(500, 6000), pick(22, 40), 0.2 + 0.4 * rnd()
        }
        printf "devices:\n"
        for (k = 0; k < K; k++) {
            printf "  - name: d%d\n    throughput: {", k
            any = 0
            for (w = 1; w <= W; w++)
                if (k == 0 || rnd() < 0.6) {
                    printf "%s%s: %.2f", any ? ", " : "", name[w], 0.5 + 3 * rnd()
                    any = 1
                }
            if (!any)
                printf "%s: 1", name[pick(1, W)]
            printf "}\n"
            if (k > 0 && rnd() < 0.25) {
                printf "    rent: %d\n", pick(9000, 30000)
                continue
            }
            printf "    power_kw: %.2f\n    lifetime: %d\n", 0.3 + rnd(), pick(2, 5)
            printf "    price: {start: %d, growth: %.2f}\n", pick(3000, 30000), -0.2 * rnd()
            printf "    om: %d\n    resale: {fraction: 0.6, half_life: %.1f}\n",
                pick(100, 1500), 1 + 2 * rnd()
            if (k > 0 && rnd() < 0.3)
                printf "    available: {from: 2027}\n"
        }
        printf "fleet:\n  - {device: d0, count: %d, age: %d}\n", pick(0, 10), pick(0, 1)
    }'
}
# Under a wrapper (valgrind, the sanitizers: $W) the first 3 models only:
# they run the same code paths, and 12 under valgrind take two minutes.
n_random=12
[ -n "$W" ] && n_random=3
i=1
while [ $i -le $n_random ]; do
    wl_random $i >"$tmp/rw.yaml"
    expect "wl-random-$i" 0 "" solve "$tmp/rw.yaml" --format json -q
    obj=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/out")
    ok "wl-random-$i-proven" grep -q '"status": "optimal"' "$tmp/out"
    expect "wl-random-$i-lp" 0 "" lp "$tmp/rw.yaml" -o "$tmp/rw.lp"
    expect "wl-random-$i-mps" 0 "" lp "$tmp/rw.yaml" --format mps -o "$tmp/rw.mps"
    cross "wl-random-$i" "$obj" "$tmp/rw.lp" "$tmp/rw.mps"
    i=$((i + 1))
done
