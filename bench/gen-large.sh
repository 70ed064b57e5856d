#!/bin/sh
# gen-large.sh -- write one of the benchmarks' generated fleet models to standard output.
#
#   sh bench/gen-large.sh [DEVICES [PERIODS [INTEGER [WINDOW]]]] [KEY=VALUE]...
#
#   DEVICES  device types (default 20, at least 2)
#   PERIODS  periods (default 120 = 10 years of months)
#   INTEGER  true (default: whole units, a MIP) or false (an LP)
#   WINDOW   months each type is on sale after its release (default 48;
#            0: until the horizon ends)
#
# Options (bench/mip.sh uses them; without them the output is the large
# model of bench/run, byte for byte):
#   period=month|quarter|year  the period length (default month); release
#            months, the window and the cohorts' ages are rounded to it
#   fleet=N  the initial fleet holds about N units in all (default: 180
#            or more, see below), in the same proportions
#   legacy=L device types already in service (default: one per 4 types,
#            at most 3; L at most DEVICES - 1 and 5, so ages stay within
#            the 6-year life)
#   cohorts=C  cohorts of each type in service, 6 months apart (12 with
#            yearly periods; default 2, so ages are mixed); a cohort that
#            would be younger than one period is left out
#   growth=G demand growth per year (default 0.6)
#   cap=F    site power cap F x the larger of the initial fleet's facility
#            power and the most the demand needs on the most efficient
#            type on sale (0: no cap).  Without this option the cap is
#            1.05 x the latter alone, which can leave the initial fleet
#            above the cap (then units must go at once)
#   budget=F purchase budget per period: F x the price of buying one
#            period's demand growth on the type with the best work per $
#            on sale in period 0, moving as that price and the demand do
#            (default: no budget)
#   rent=yes rented capacity on offer in every period (default no)
#   tax=no   no income tax or depreciation (default yes)
#   workloads=N  N workloads (1, the default: the model's one demand; 2:
#            training and inference; 3: training, inference and batch),
#            every device serving each with its own throughput (below)
#   revenue=yes  the work sold: a price and a market on the demand, or on
#            inference with workloads (default no)
#   Options may also come from the environment: GEN_LARGE="workloads=2
#   revenue=yes" is read after the command line's, so that a script that
#   calls this one (bench/workloads.sh through bench/mip.sh) can give every
#   model it generates the same options.
#
# The model: a fleet of 8-GPU-server-class units serving a load that grows
# 60% a year, from 2025-01.  The first few device types (one per 4 types,
# at most 3) are already in service; the others are released at a steady
# cadence over the horizon (every 6 months with the defaults).  Each type
# is sold for 4 years (WINDOW) after its release and lives 6 years.
#
# The generations are synthetic, on trends anchored at the DGX H100
# (January 2023: 7.912 dense BF16 PFLOPS, 10.2 kW, $269,000).  The figures
# and their sources are in the shared data notes, gpu-economics.md:
#   throughput per unit  x1.3 every 6 months (assumption: between Epoch's
#                        +29%/year per chip and NVIDIA's "2-3x per year"
#                        per platform, s1 and s4; units grow with time)
#   work per kW          x1.5 a year ("50% more energy-efficient each
#                        year", Epoch, s4)
#   price per work       x0.7 a year ("30% cheaper per year", Epoch, s4)
#   a type's own price   -10% a year while it is sold (assumption)
#   resale               0.9 x price x 0.5^(age/1.94): 30% less a year, as
#                        fixed performance gets cheaper (Epoch, s4), less a 10%
#                        dealer margin (assumption)
#   O&M                  colocation $194.95/kW-month (CBRE 2025, s3)
#   energy               $0.0806/kWh (EIA 2023, s3) rising 2% a year
#                        (assumption); pue 1.3 (assumption, between AWS
#                        1.15 and the industry's 1.54, s3); utilization
#                        0.75 (typical DGX H100 draw, s1)
#   lifetime             6 years (Microsoft, Alphabet, CoreWeave, s2)
#   site power cap       5% above the facility power the demand needs on
#                        the most efficient type on sale (assumption);
#                        it binds in the last months
#   finance              21% tax (assumption: US federal rate), 5-year
#                        straight-line depreciation (Amazon 2025, s2)
#   rent (rent=yes)      eight H100 GPUs at $2.35/GPU-hour (SemiAnalysis
#                        index, 1-year contracts, Mar 2026, s2) x 8,760 h =
#                        $164,688 a year for 7.912 PFLOPS, falling 22% a
#                        year (RBC: H100 rates -22% in 2025, s2); rented
#                        units use no site power and no budget
#   budget (budget=F)    the best price per work in period 0, falling 30% a
#                        year (Epoch, s4), times the demand's growth
#   workloads (workloads=N)  training gains x1.3 every 6 months (the
#                        throughput above); inference x1.2 and batch x1.25
#                        (assumption: a new generation gains less for token
#                        generation than for training, Splitwise: A100 to
#                        H100 3.43x compute, 1.6x memory bandwidth, s8), all
#                        anchored at the DGX H100: older types are worse at
#                        everything, relatively least at inference, and
#                        cheap.  Demand: 0.6 training, 0.4 inference (0.5,
#                        0.3, 0.2 batch with 3) of 0.95 x the fleet's
#                        capacity in each, all growing as above; a rented
#                        unit does 7.912 of each.  The power cap and the
#                        budget sum the same rules over the workloads.
#   revenue (revenue=yes)  $2.35/GPU-hour (SemiAnalysis index, Mar 2026,
#                        s8) x 8 x 8,760 h / 7.912 = $20,815 per unit of
#                        work a year, falling 22% a year (RBC, s2); the
#                        market 1.5x the demand (assumption)
set -eu

usage() { echo "gen-large.sh: $1" >&2; exit 2; }
whole() { case $2 in ''|*[!0-9]*) usage "$1 must be a whole number, found '$2'";; esac; }
number() {
    case $2 in ''|.|*[!0-9.]*|*.*.*) usage "$1 must be a number, found '$2'";; esac
}

# Positional arguments first (those without '='), then KEY=VALUE options.
devices=20 periods=120 integer=true window=48
n=0
while [ $# -gt 0 ]; do
    case $1 in *=*) break;; esac
    n=$((n + 1))
    case $n in
    1) devices=$1;; 2) periods=$1;; 3) integer=$1;; 4) window=$1;;
    *) usage "too many arguments (options are KEY=VALUE)";;
    esac
    shift
done
period=month fleet=0 legacy=-1 cohorts=2 growth=0.6 cap=-1 budget=0 rent=no tax=yes
workloads=1 revenue=no
options=
# shellcheck disable=SC2086
set -- "$@" ${GEN_LARGE:-}
for o in "$@"; do
    k=${o%%=*} v=${o#*=}
    case $k in
    period) case $v in month|quarter|year) ;; *) usage "period must be month, quarter or year, found '$v'";; esac;;
    fleet|cohorts) whole "$k" "$v";;
    workloads) case $v in 1|2|3) ;; *) usage "workloads must be 1, 2 or 3, found '$v'";; esac;;
    legacy) whole "$k" "$v";;
    growth|cap|budget) number "$k" "$v";;
    rent|tax|revenue) case $v in yes|no) ;; *) usage "$k must be yes or no, found '$v'";; esac;;
    *) usage "unknown option '$k' (period, fleet, legacy, cohorts, growth, cap, budget, rent, tax, workloads, revenue)";;
    esac
    eval "$k=\$v"
    options="$options $o"
done

whole DEVICES "$devices"
whole PERIODS "$periods"
case $integer in true|false) ;; *) usage "INTEGER must be true or false, found '$integer'";; esac
whole WINDOW "$window"
if [ "$devices" -lt 2 ] || [ "$periods" -lt 1 ]; then
    usage "need at least 2 devices and 1 period"
fi
if [ "$cohorts" -lt 1 ]; then usage "cohorts must be at least 1"; fi
if [ "$legacy" -ge "$devices" ] || [ "$legacy" -gt 5 ]; then usage "legacy must be below DEVICES and at most 5 (ages stay within the 6-year life)"; fi

awk -v D="$devices" -v P="$periods" -v INTEGER="$integer" -v W="$window" \
    -v PERIOD="$period" -v FLEET="$fleet" -v LEGACY="$legacy" -v COHORTS="$cohorts" \
    -v G="$growth" -v CAP="$cap" -v BUDGET="$budget" -v RENT="$rent" -v TAX="$tax" \
    -v NW="$workloads" -v REVENUE="$revenue" -v OPTIONS="$options" '
function floor(x,    i) { i = int(x); return i > x ? i - 1 : i }
function label(t,    m, y) {           # the label of period t
    m = t * pm                         # its first month (0 = January 2025)
    y = 2025 + floor(m / 12)
    if (PERIOD == "year") return sprintf("%d", y)
    if (PERIOD == "quarter") return sprintf("%d-Q%d", y, (m - (y - 2025) * 12) / 3 + 1)
    return sprintf("%d-%02d", y, m - (y - 2025) * 12 + 1)
}
function r6(x) { return sprintf("%.6g", x) }
BEGIN {
    pm = PERIOD == "year" ? 12 : PERIOD == "quarter" ? 3 : 1   # months per period
    M = P * pm                         # the horizon in months
    start = 2025
    anchor = -24                       # DGX H100, January 2023
    tp0 = 7.912; kw0 = 10.2; price0 = 269000
    life = 6                           # years
    window = W > 0 ? W : M + 48        # months on sale
    pdecline = -0.10                   # a type'"'"'s own price, per year
    colo = 194.95                      # $/kW-month
    gap = pm > 6 ? pm : 6              # months between the fleet'"'"'s cohorts

    # the workloads: name, gain per 6 months, share of the demand
    split("training inference batch", wname, " ")
    wgain[1] = 1.3; wgain[2] = 1.2; wgain[3] = 1.25
    if (NW == 2) { wshare[1] = 0.6; wshare[2] = 0.4 }
    else { wshare[1] = 0.5; wshare[2] = 0.3; wshare[3] = 0.2 }
    if (NW == 1) wshare[1] = 1

    L = int(D / 4); if (L < 1) L = 1; if (L > 3) L = 3
    if (LEGACY >= 1) L = LEGACY
    s = pm * int(P / (D - L + 1)); if (s < pm) s = pm

    printf "# Generated by bench/gen-large.sh %d %d %s%s (see that script for the sources).\n", D, P, INTEGER, OPTIONS
    printf "breakeven: 1\n"
    printf "name: Benchmark - %d device types over %d %ss\n", D, P, PERIOD
    printf "horizon: {start: %d, periods: %d, period: %s}\n", start, P, PERIOD
    printf "discount_rate: 0.08\n"
    printf "integer: %s\n", INTEGER
    printf "end_of_horizon: salvage\n"
    printf "energy: {price: {start: 0.0806, growth: 0.02}, pue: 1.3, utilization: 0.75}\n"
    if (TAX == "yes")
        printf "finance: {tax_rate: 0.21, depreciation_years: 5}\n"
    printf "devices:\n"

    for (w = 1; w <= NW; w++)
        best0[w] = -1                  # the best price per work on sale in period 0
    for (i = 0; i < D; i++) {
        # release month: legacy types 12 months apart before the start,
        # the others every s months from the start
        rel[i] = i < L ? -(L - i) * 12 : (i - L) * s
        dm = rel[i] - anchor
        tp[i] = tp0 * 1.3 ^ (dm / 6)
        for (w = 1; w <= NW; w++)
            tw[i, w] = tp0 * wgain[w] ^ (dm / 6)
        kw[i] = kw0 * (tp[i] / tp0) / 1.5 ^ (dm / 12)
        launch[i] = price0 * (tp[i] / tp0) * 0.7 ^ (dm / 12)
        name = sprintf("gen%02d", i)
        printf "  - name: %s\n", name
        if (NW == 1)
            printf "    throughput: %s\n", r6(tp[i])
        else {
            printf "    throughput: {"
            for (w = 1; w <= NW; w++)
                printf "%s%s: %s", (w > 1 ? ", " : ""), wname[w], r6(tw[i, w])
            printf "}\n"
        }
        printf "    power_kw: %s\n", r6(kw[i])
        printf "    lifetime: %d\n", life
        printf "    om: %s\n", r6(colo * kw[i] * 12)
        printf "    resale: {fraction: 0.9, half_life: 1.94}\n"
        last = rel[i] + window - 1
        if (last >= 0 && rel[i] <= M - 1) {
            # the price series is anchored at period 0
            p0 = launch[i] * (1 + pdecline) ^ (-rel[i] / 12)
            printf "    price: {start: %s, growth: %s}\n", r6(p0), pdecline
            printf "    available: {from: %s", label(rel[i] > 0 ? rel[i] / pm : 0)
            if (floor(last / pm) < P - 1)
                printf ", to: %s", label(floor(last / pm))
            printf "}\n"
            for (w = 1; w <= NW; w++)
                if (rel[i] <= 0 && (best0[w] < 0 || p0 / tw[i, w] < best0[w]))
                    best0[w] = p0 / tw[i, w]
        }
    }
    if (RENT == "yes") {
        printf "  - name: cloud\n"
        printf "    throughput: 7.912\n"
        printf "    rent: {start: 164688, growth: -0.22}\n"
    }

    # the initial fleet: legacy types, COHORTS cohorts each, 6 months
    # (a period, if longer) apart; cohorts that would be younger than a
    # period are left out
    fleetkw = 0; k = 0; units = 0
    for (w = 1; w <= NW; w++) tput[w] = 0
    for (i = 0; i < L; i++)
        for (j = 0; j < COHORTS; j++) {
            age = -rel[i] - gap * j    # months
            if (age < pm) continue
            n = (j == 0 ? 120 : 60) - 20 * (L - 1 - i)
            if (n < 10) n = 10
            cd[k] = i; ca[k] = age; cn[k] = n; units += n; k++
        }
    printf "fleet:\n"
    for (c = 0; c < k; c++) {
        n = cn[c]
        if (FLEET > 0) { n = int(FLEET * n / units + 0.5); if (n < 1) n = 1 }
        printf "  - {device: gen%02d, count: %d, age: %s, purchase_price: %s}\n", \
            cd[c], n, r6(ca[c] / 12), r6(launch[cd[c]])
        for (w = 1; w <= NW; w++) tput[w] += n * tw[cd[c], w]
        fleetkw += n * kw[cd[c]] * 1.3
    }
    # revenue: $164,688 a year for 7.912 units of work (the rent), per unit
    price = sprintf("{start: %s, growth: -0.22}", r6(164688 / tp0))
    for (w = 1; w <= NW; w++) d0[w] = 0.95 * wshare[w] * tput[w]
    if (NW == 1) {
        printf "demand: {start: %s, growth: %s}\n", r6(d0[1]), G
        if (REVENUE == "yes")
            printf "revenue: {price: %s, market: {start: %s, growth: %s}}\n", price, r6(1.5 * d0[1]), G
    } else {
        printf "workloads:\n"
        for (w = 1; w <= NW; w++) {
            printf "  - name: %s\n", wname[w]
            printf "    demand: {start: %s, growth: %s}\n", r6(d0[w]), G
            if (REVENUE == "yes" && w == 2)
                printf "    revenue: {price: %s, market: {start: %s, growth: %s}}\n", price, r6(1.5 * d0[w]), G
        }
    }

    # the power cap: 1.05 (or CAP) x the most facility power the demand needs
    # when served by the most efficient type on sale at the time (each
    # workload by its own)
    need = 0
    for (t = 0; t < P; t++) {
        m = t * pm
        kwt = 0
        for (w = 1; w <= NW; w++) {
            best = -1
            for (i = 0; i < D; i++)
                if (rel[i] <= m && m < rel[i] + window && \
                    (best < 0 || kw[i] / tw[i, w] < best))
                    best = kw[i] / tw[i, w]
            kwt += d0[w] * (1 + G) ^ (m / 12) * best * 1.3
        }
        if (kwt > need) need = kwt
    }
    site = ""
    if (CAP < 0)                       # the rule of the large model
        site = sprintf("power_cap_kw: %s", r6(1.05 * need))
    else if (CAP > 0)
        site = sprintf("power_cap_kw: %s", r6(CAP * (fleetkw > need ? fleetkw : need)))
    growth0 = 0                        # the price of a period'"'"'s growth
    for (w = 1; w <= NW; w++)
        if (best0[w] > 0) growth0 += best0[w] * d0[w] * G * pm / 12
    if (BUDGET > 0 && growth0 > 0)
        site = sprintf("%s%sbudget: {start: %s, growth: %s}", site, site != "" ? ", " : "", \
            r6(BUDGET * growth0), r6((1 + G) * 0.7 - 1))
    if (site != "")
        printf "site: {%s}\n", site
}'
