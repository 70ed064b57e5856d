/*
 * test_property.c -- random small models (BE_PROPERTY_MODELS of them,
 * default 300; seed BE_PROPERTY_SEED), written as YAML so the loader is
 * exercised too.  For every model that solves:
 *   1. the solver's objective equals the evaluated cost of its schedule,
 *      and the schedule breaks no constraint;
 *   2. the objective is never above the evaluated cost of two simple
 *      plans, when they are feasible:
 *      - run to end of life: keep every unit until its lifetime, and when
 *        capacity falls short buy (or rent) the capacity that is cheapest
 *        per unit of throughput then;
 *      - replace on release: when a device goes on sale, retire everything
 *        else and buy it to cover demand; top up with the newest device;
 *   3. the LP relaxation's objective is not above the MIP's.
 * A failing model is printed in full, so it can be kept as a regression.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "breakeven.h"

void suite_property(void);

static uint64_t rng_state;

static uint64_t next(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static double uniform(double lo, double hi)
{
    return lo + (hi - lo) * (double)(next() >> 11) / 9007199254740992.0;
}

static int pick(int lo, int hi) /* inclusive */
{
    return lo + (int)(next() % (uint64_t)(hi - lo + 1));
}

/* Append to a fixed buffer. */
typedef struct text {
    char buf[8192];
    size_t n;
} text;

static void put(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(t->buf + t->n, sizeof t->buf - t->n, fmt, ap);
    va_end(ap);
    if (w > 0 && (size_t)w < sizeof t->buf - t->n)
        t->n += (size_t)w;
}

/* A random model.  Numbers are rounded to a few digits so a printed model
 * reads like a hand-written one. */
static void random_model(text *y, int *integer)
{
    int T = pick(2, 7), K = pick(1, 3), quarterly = pick(0, 5) == 0;
    y->n = 0;
    *integer = pick(0, 3) != 0;
    put(y, "breakeven: 1\nname: random\n");
    put(y, "horizon: {start: 2024, periods: %d, period: %s}\n", T,
        quarterly ? "quarter" : "year");
    put(y, "discount_rate: %.2f\n", pick(0, 1) ? uniform(0, 0.12) : 0.0);
    put(y, "integer: %s\n", *integer ? "true" : "false");
    put(y, "end_of_horizon: %s\n", pick(0, 3) ? "salvage" : "none");
    put(y, "demand: {start: %d, growth: %.2f}\n", pick(1, 12),
        uniform(0, 0.3));
    put(y, "energy: {price: %.3f, pue: %.2f, utilization: %.2f}\n",
        uniform(0.03, 0.3), uniform(1, 1.6), uniform(0.3, 1));
    int cap = pick(0, 3) == 0, budget = pick(0, 4) == 0;
    if (cap || budget) {
        put(y, "site: {");
        if (cap)
            put(y, "power_cap_kw: %d%s", pick(20, 80), budget ? ", " : "");
        if (budget)
            put(y, "budget: %d", pick(300, 3000));
        put(y, "}\n");
    }
    if (pick(0, 3) == 0)
        put(y, "finance: {tax_rate: %.2f, depreciation_years: %d}\n",
            uniform(0.1, 0.35), pick(2, 6));
    put(y, "devices:\n");
    int fleet_dev = -1;
    for (int k = 0; k < K; k++) {
        int rented = k > 0 && pick(0, 5) == 0;
        put(y, "  - name: d%d\n    throughput: %d\n", k, pick(1, 4));
        if (rented) {
            put(y, "    rent: %d\n", pick(60, 400));
            continue;
        }
        int life = pick(1, 5);
        double price = pick(50, 400);
        put(y, "    power_kw: %.1f\n    lifetime: %d\n", uniform(0, 2), life);
        if (pick(0, 1))
            put(y, "    om: %d\n", pick(0, 60));
        else {
            put(y, "    om: [");
            for (int a = 0; a < life; a++)
                put(y, "%s%d", a ? ", " : "", 5 * a + pick(0, 30));
            put(y, "]\n");
        }
        double growth = uniform(-0.25, 0.05);
        /* the lowest price over the horizon: a resale list is absolute,
         * so it must stay below every later purchase price */
        double low = growth < 0 ? price * pow(1 + growth, T) : price;
        int r = pick(0, 2);
        if (r == 0) {
            /* strictly below the price and decreasing: no arbitrage */
            put(y, "    resale: [");
            double v = low;
            for (int a = 0; a < life; a++) {
                v *= uniform(0.3, 0.85);
                put(y, "%s%.0f", a ? ", " : "", floor(v));
            }
            put(y, "]\n");
        } else if (r == 1) {
            put(y, "    resale: {fraction: %.2f, half_life: %.1f}\n",
                uniform(0.2, 0.8), uniform(0.5, 3));
        }
        if (k == 0 || pick(0, 3)) {
            put(y, "    price: {start: %.0f, growth: %.2f}\n", price, growth);
            if (k > 0 && pick(0, 1))
                put(y, "    available: {from: %d}\n", 2024 + pick(0, (T - 1) /
                    (quarterly ? 4 : 1)));
        }
        if (fleet_dev < 0 || pick(0, 2) == 0)
            fleet_dev = k;
    }
    if (fleet_dev >= 0 && pick(0, 2)) {
        put(y, "fleet:\n");
        put(y, "  - {device: d%d, count: %d, age: 0, purchase_price: %d}\n",
            fleet_dev, pick(1, 8), pick(50, 300));
    }
}

/* Cheapest capacity per unit of throughput in period t, as price (or a
 * year of rent) per throughput: device index or -1. */
static int cheapest_capacity(const be_model *m, int t, int newest_only)
{
    int best = -1;
    double best_cost = INFINITY;
    for (int k = 0; k < be_model_devices(m); k++) {
        if (!be_model_device_can_buy(m, k, t))
            continue;
        double c = be_model_device_price(m, k, t) /
                   be_model_device_throughput(m, k);
        if (be_model_device_is_rented(m, k))
            c = 1e300; /* rent only when nothing can be bought */
        if (newest_only ? (best < 0 || k > best) : c < best_cost) {
            best = k;
            best_cost = c;
        }
    }
    return best;
}

/* Units of cohort j held at the start of t under plan p (after
 * retirements), computed step by step from the plan. */
static double held(const be_model *m, const be_plan *p, int j, int t)
{
    be_cohort_info c;
    be_model_cohort(m, j, &c);
    if (t < c.start || t >= c.end)
        return 0.0;
    double n = c.fleet_entry >= 0 ? c.count
             : p->buy[c.start * p->devices + c.device];
    for (int s = c.start; s <= t; s++)
        n -= p->retire[s * p->cohorts + j];
    return n;
}

/* Build a baseline plan period by period.  replace_on_release: when a
 * device first goes on sale after period 0, retire all other owned units. */
static be_plan *baseline(const be_model *m, int replace_on_release)
{
    be_plan *p = be_plan_new(m);
    if (!p)
        return NULL;
    int T = be_model_periods(m), K = be_model_devices(m), J = p->cohorts;
    for (int t = 0; t < T; t++) {
        int released = -1;
        if (replace_on_release && t > 0)
            for (int k = 0; k < K; k++)
                if (!be_model_device_is_rented(m, k) &&
                    be_model_device_can_buy(m, k, t) &&
                    !be_model_device_can_buy(m, k, t - 1))
                    released = k;
        double cap = 0.0;
        for (int j = 0; j < J; j++) {
            be_cohort_info c;
            be_model_cohort(m, j, &c);
            double h = held(m, p, j, t);
            if (h > 0 && released >= 0 && c.device != released) {
                p->retire[t * J + j] += h;
                h = 0;
            }
            cap += h * be_model_device_throughput(m, c.device);
        }
        double need = be_model_demand(m, t) - cap;
        if (need > 1e-9) {
            int k = released >= 0 ? released
                  : cheapest_capacity(m, t, replace_on_release);
            if (k < 0) {
                be_plan_free(p);
                return NULL;
            }
            double units = ceil(need / be_model_device_throughput(m, k) - 1e-9);
            if (be_model_device_is_rented(m, k))
                p->rent[t * K + k] = units;
            else
                p->buy[t * K + k] = units;
        }
    }
    return p;
}

static void test_property_random_models(void)
{
    const char *env = getenv("BE_PROPERTY_MODELS");
    const char *seed = getenv("BE_PROPERTY_SEED");
    int n = env ? (int)strtol(env, NULL, 10) : 300;
    rng_state = seed ? strtoull(seed, NULL, 10) : 20261129u;
    if (rng_state == 0)
        rng_state = 1;
    int solved = 0, infeasible = 0, compared = 0;
    text y;
    for (int i = 0; i < n; i++) {
        int integer;
        random_model(&y, &integer);
        be_error err = {0};
        be_model *m = be_model_load_string(y.buf, y.n, "random", NULL, &err);
        if (!m) {
            /* the generator only writes valid models */
            fprintf(stderr, "model %d does not load: %d:%d: %s\n%s\n", i,
                    err.line, err.column, err.message, y.buf);
            CHECK(m != NULL);
            continue;
        }
        be_settings s;
        be_settings_init(&s);
        s.time_limit = 20;
        be_solution *sol = be_solve(m, &s, &err);
        int bad = check_failures;
        CHECK(sol != NULL);
        if (sol && sol->status == BE_OPTIMAL) {
            solved++;
            CHECK_CLOSE(sol->objective, sol->eval->cost.total, 1e-7);
            CHECK(sol->eval->violation == BE_FEASIBLE_PLAN);
            double tol = 1e-6 * fmax(1.0, fabs(sol->objective));
            for (int r = 0; r < 2; r++) {
                be_plan *p = baseline(m, r);
                be_eval *e = p ? be_evaluate(m, p, &err) : NULL;
                if (e && e->violation == BE_FEASIBLE_PLAN) {
                    compared++;
                    CHECK(sol->objective <= e->cost.total + tol);
                }
                be_eval_free(e);
                be_plan_free(p);
            }
            if (integer) {
                s.relax = 1;
                be_solution *lp = be_solve(m, &s, &err);
                CHECK(lp && lp->status == BE_OPTIMAL);
                if (lp && lp->status == BE_OPTIMAL) {
                    CHECK(lp->objective <= sol->objective + tol);
                    CHECK_CLOSE(lp->objective, lp->eval->cost.total, 1e-7);
                }
                be_solution_free(lp);
            }
        } else if (sol) {
            infeasible += sol->status == BE_INFEASIBLE;
            /* a model the baselines can serve is not infeasible */
            be_plan *p = baseline(m, 0);
            be_eval *e = p ? be_evaluate(m, p, &err) : NULL;
            CHECK(!(e && e->violation == BE_FEASIBLE_PLAN) ||
                  sol->status == BE_TIME_LIMIT_PLAN);
            be_eval_free(e);
            be_plan_free(p);
        }
        if (check_failures > bad)
            fprintf(stderr, "property failed on model %d:\n%s\n", i, y.buf);
        be_solution_free(sol);
        be_model_free(m);
    }
    fprintf(stderr, "property: %d models, %d solved, %d infeasible, %d "
            "baseline comparisons\n", n, solved, infeasible, compared);
    CHECK(n < 50 || solved > n / 2);
    CHECK(n < 50 || compared > n / 2);
    be_cleanup();
}

void suite_property(void)
{
    RUN(test_property_random_models);
}
