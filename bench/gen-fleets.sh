#!/bin/sh
# gen-fleets.sh -- write a realistic monthly fleet model, drawn from a seed,
# to standard output (bench/mip.sh adds some to its suite).
#
#   sh bench/gen-fleets.sh SEED [KEY=VALUE]...
#
#   SEED     a whole number: the same seed (and options) always writes the
#            same model, on any machine (the draws come from the
#            Park-Miller generator below, not from awk's rand)
#
# Options:
#   types=N    device types bought or held, 5 to 8 (default: drawn)
#   months=N   monthly periods, 24 to 120 (default: drawn, 48 to 60)
#   budget=yes|no  a purchase budget (default yes)
#   tax=yes|no     income tax and depreciation (default yes)
#   rent=yes|no    rented capacity on offer, at a premium (default yes)
#
# Unlike bench/gen-large.sh (one trend, a steady cadence, long windows),
# each fleet draws its own generations, the way a planner meets them:
#   cadence    a new type every C months, C drawn from 6 to 12 (at most
#              what fits the horizon), each release 0 to 2 months late
#   in service one or two types (never all but one), released before the
#              start, held in two or three cohorts of mixed ages
#   windows    each type is on sale from its release for 2 to 4 cadences
#              (12 to 48 months): short windows that overlap
#   per type   throughput x1.25-1.6 over the type before, work per kW
#              x1.25-1.4 a year and work per $ x1.33-1.67 a year (so per
#              type the power and the price follow from the cadence; the
#              ratios drawn per fleet, then +-8% per type); a type's price
#              falls 10-25% a year while on sale; resale
#              {fraction 0.8-0.95, half-life 1.3-2.5 years}; O&M a
#              colocation rate of $150-220/kW-month; lifetime 5 or 6 years
#   demand     0.92 x the initial fleet's capacity, growing 45-80% a year
#   power cap  1.0-1.1 x the most facility power the demand needs on a
#              fleet as efficient as a type A months older than the most
#              efficient on sale, A drawn from 0 to 12 (a fleet holds types
#              of several ages: the larger A, the looser the cap), at least
#              1.02 x the initial fleet's: the demand grows faster than
#              efficiency, so it binds late
#   budget     about two units a month: U x the price of the newest type
#              on sale, U drawn from 1.8 to 2.6; the demand is scaled so
#              that its growth and the replacement of the fleet in service
#              need U / R units a month of the newest type, R drawn from
#              0.85 to 1.05: with whole units the budget binds in most
#              periods, and a plan must buy ahead of its needs
#   finance    tax 21-30%, straight-line depreciation over 3 to 5 years
#   rent       one cloud unit of the newest type at the start, for 0.7-0.9
#              of its price a year, falling 20% a year: dearer than owning,
#              so that every fleet has a plan (bench/mip.sh's check)
# Energy: $0.06-0.11/kWh growing 0-3% a year, PUE 1.2-1.5, utilization
# 0.6-0.8; the discount rate 6-10%.  Units are 8-GPU servers in spirit
# (the first type: 10 units of work, 6.5 kW, $200,000), but no figure
# here is sourced: the point is the structure, not the numbers.
set -eu

usage() { echo "gen-fleets.sh: $1" >&2; exit 2; }
whole() { case $2 in ''|*[!0-9]*) usage "$1 must be a whole number, found '$2'";; esac; }

[ $# -ge 1 ] || usage "usage: sh bench/gen-fleets.sh SEED [types=N] [months=N] [budget=yes|no] [tax=yes|no] [rent=yes|no]"
seed=$1
whole SEED "$seed"
shift
types=0 months=0 budget=yes tax=yes rent=yes
options=
for o in "$@"; do
    k=${o%%=*} v=${o#*=}
    case $k in
    types|months) whole "$k" "$v";;
    budget|tax|rent) case $v in yes|no) ;; *) usage "$k must be yes or no, found '$v'";; esac;;
    *) usage "unknown option '$k' (types, months, budget, tax, rent)";;
    esac
    eval "$k=\$v"
    options="$options $o"
done
if [ "$types" -ne 0 ] && { [ "$types" -lt 5 ] || [ "$types" -gt 8 ]; }; then
    usage "types must be 5 to 8, found $types"
fi
if [ "$months" -ne 0 ] && { [ "$months" -lt 24 ] || [ "$months" -gt 120 ]; }; then
    usage "months must be 24 to 120, found $months"
fi

awk -v SEED="$seed" -v TYPES="$types" -v MONTHS="$months" -v BUDGET="$budget" \
    -v TAX="$tax" -v RENT="$rent" -v OPTIONS="$options" '
# Park-Miller: x = 16807 x mod (2^31 - 1); every product is below 2^53,
# so the arithmetic is exact in doubles and the same under any awk.
function draw(    q) {
    q = 16807 * X
    X = q - int(q / 2147483647) * 2147483647
    if (X < 0) X += 2147483647
    return X / 2147483647
}
function uniform(a, b) { return a + (b - a) * draw() }
function between(a, b) { return a + int((b - a + 1) * draw()) }   # whole a..b
function r6(x) { return sprintf("%.6g", x) }
function label(t,    y) { y = 2026 + int(t / 12); return sprintf("%d-%02d", y, t - (y - 2026) * 12 + 1) }
function on_sale(i, t) { return rel[i] <= t && t < rel[i] + win[i] }
# the price of type i in month t (its launch price falling while on sale)
function price_at(i, t) { return launch[i] * (1 - fall) ^ ((t - rel[i]) / 12) }
# the newest type on sale in month t
function newest(t,    i, n) { n = -1; for (i = 0; i < D; i++) if (on_sale(i, t)) n = i; return n }
BEGIN {
    X = (SEED * 7919 + 12345) % 2147483647
    if (X == 0) X = 1
    for (i = 0; i < 5; i++) draw()

    # every draw is made whatever the options, so that an option changes
    # only what it sets
    D = between(5, 8); if (TYPES > 0) D = TYPES
    P = between(48, 60); if (MONTHS > 0) P = MONTHS
    L = between(1, 2)                  # types in service at the start
    N = D - L                          # types released over the horizon
    cmax = int((P - 6) / N); if (cmax > 12) cmax = 12; if (cmax < 3) cmax = 3
    cmin = cmax < 6 ? cmax : 6
    C = between(cmin, cmax)            # months between releases
    gtp = uniform(1.25, 1.6)           # per type
    ew = uniform(1.25, 1.4)            # work per kW, per year
    gkw = gtp / ew ^ (C / 12)
    gp = gtp * uniform(0.6, 0.75) ^ (C / 12)
    fall = uniform(0.10, 0.25)
    life = between(5, 6)
    colo = uniform(150, 220)
    growth = uniform(0.45, 0.8)
    U = uniform(1.8, 2.6); R = uniform(0.85, 1.05)
    capf = uniform(1.0, 1.1); lag = uniform(0, 12)
    taxr = uniform(0.21, 0.30); dep = between(3, 5)
    eprice = uniform(0.06, 0.11); egrowth = uniform(0, 0.03)
    pue = uniform(1.2, 1.5); util = uniform(0.6, 0.8)
    rate = uniform(0.06, 0.10)
    rentf = uniform(0.7, 0.9)

    # the types: legacy ones released C months apart before the start, the
    # last of them 3 to C months before; the others from month 1 to C on
    last = -between(3, C)
    for (i = 0; i < D; i++) {
        if (i < L) rel[i] = last - (L - 1 - i) * C
        else rel[i] = (i == L ? between(1, C) : rel[i - 1] + C + between(0, 2))
        win[i] = C * between(2, 4); if (win[i] < 12) win[i] = 12
        tp[i] = i == 0 ? 10 : tp[i - 1] * gtp * uniform(0.92, 1.08)
        kw[i] = i == 0 ? 6.5 : kw[i - 1] * gkw * uniform(0.92, 1.08)
        launch[i] = i == 0 ? 200000 : launch[i - 1] * gp * uniform(0.92, 1.08)
        frac[i] = uniform(0.8, 0.95); half[i] = uniform(1.3, 2.5)
    }
    # every month has a type on sale: a gap after a window is closed by
    # the window of the type before it
    for (t = 0; t < P; t++)
        if (newest(t) < 0)
            for (i = D - 1; i >= 0; i--)
                if (rel[i] <= t) { win[i] = t - rel[i] + 1; break }

    # the fleet in service: type i in 2 or 3 cohorts, the oldest bought at
    # its release, the others 2 to 6 months apart after it (ages within
    # the life); counts in proportion, scaled below
    k = 0
    for (i = 0; i < L; i++) {
        age = -rel[i]; n = between(2, 3)
        for (j = 0; j < n && age >= 1; j++) {
            if (age < life * 12 - 6) {
                cd[k] = i; ca[k] = age; cw[k] = uniform(0.5, 1.5); k++
            }
            age -= between(2, 6)
        }
    }
    if (k == 0) { cd[0] = L - 1; ca[0] = -rel[L - 1]; cw[0] = 1; k = 1 }
    wsum = 0; cap1 = 0                 # capacity per unit of fleet size
    for (c = 0; c < k; c++) { wsum += cw[c] }
    for (c = 0; c < k; c++) { cw[c] /= wsum; cap1 += cw[c] * tp[cd[c]] }

    # the fleet size: its growth and replacement need U / R units a month
    # of the newest type, on average over the horizon (per unit of fleet
    # size: demand cap1 * 0.92 (1+g)^(t/12), replaced over its life)
    need = 0
    for (t = 0; t < P; t++) {
        dd = 0.92 * cap1 * ((1 + growth) ^ ((t + 1) / 12) - (1 + growth) ^ (t / 12))
        need += (dd + cap1 / (life * 12)) / tp[newest(t)]
    }
    need /= P
    size = int(U / R / need + 0.5); if (size < 12) size = 12
    units = 0; fleetcap = 0; fleetkw = 0
    for (c = 0; c < k; c++) {
        cn[c] = int(size * cw[c] + 0.5); if (cn[c] < 1) cn[c] = 1
        units += cn[c]; fleetcap += cn[c] * tp[cd[c]]; fleetkw += cn[c] * kw[cd[c]] * pue
    }
    d0 = 0.92 * fleetcap

    printf "# Generated by bench/gen-fleets.sh %d%s (see that script).\n", SEED, OPTIONS
    printf "# %d types (%d in service), a new one every %d months, %d months;\n", D, L, C, P
    printf "# %d units in service; demand +%.0f%% a year", units, 100 * growth
    if (BUDGET == "yes") printf "; budget %.2f units a month", U
    printf ".\n"
    printf "breakeven: 1\n"
    printf "name: Fleet %d - %d types over %d months\n", SEED, D, P
    printf "horizon: {start: 2026, periods: %d, period: month}\n", P
    printf "discount_rate: %s\n", r6(rate)
    printf "integer: true\n"
    printf "end_of_horizon: salvage\n"
    printf "energy: {price: {start: %s, growth: %s}, pue: %s, utilization: %s}\n", \
        r6(eprice), r6(egrowth), r6(pue), r6(util)
    if (TAX == "yes")
        printf "finance: {tax_rate: %s, depreciation_years: %d}\n", r6(taxr), dep
    printf "demand: {start: %s, growth: %s}\n", r6(d0), r6(growth)
    printf "devices:\n"
    for (i = 0; i < D; i++) {
        printf "  - name: gen%d\n", i + 1
        printf "    throughput: %s\n", r6(tp[i])
        printf "    power_kw: %s\n", r6(kw[i])
        printf "    lifetime: %d\n", life
        printf "    om: %s\n", r6(colo * kw[i] * 12)
        printf "    resale: {fraction: %s, half_life: %s}\n", r6(frac[i]), r6(half[i])
        if (rel[i] + win[i] > 0 && rel[i] < P) {
            printf "    price: {start: %s, growth: %s}\n", r6(price_at(i, 0)), r6(-fall)
            printf "    available: {from: %s", label(rel[i] > 0 ? rel[i] : 0)
            if (rel[i] + win[i] < P) printf ", to: %s", label(rel[i] + win[i] - 1)
            printf "}\n"
        }
    }
    if (RENT == "yes") {
        printf "  - name: cloud\n"
        printf "    throughput: %s\n", r6(tp[newest(0)])
        printf "    rent: {start: %s, growth: -0.2}\n", r6(rentf * price_at(newest(0), 0))
    }
    printf "fleet:\n"
    for (c = 0; c < k; c++)
        printf "  - {device: gen%d, count: %d, age: %d months, purchase_price: %s}\n", \
            cd[c] + 1, cn[c], ca[c], r6(launch[cd[c]])

    # the power cap, and the budget of each month
    most = 0
    for (t = 0; t < P; t++) {
        best = -1
        for (i = 0; i < D; i++)
            if (on_sale(i, t) && (best < 0 || kw[i] / tp[i] < best)) best = kw[i] / tp[i]
        f = d0 * (1 + growth) ^ (t / 12) * best * ew ^ (lag / 12) * pue
        if (f > most) most = f
    }
    most *= capf
    if (fleetkw * 1.02 > most) most = fleetkw * 1.02
    printf "site:\n"
    printf "  power_cap_kw: %s\n", r6(most)
    if (BUDGET == "yes") {
        printf "  budget: ["
        for (t = 0; t < P; t++)
            printf "%s%s", t ? ", " : "", r6(U * price_at(newest(t), t))
        printf "]\n"
    }
}'
