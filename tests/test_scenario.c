/*
 * test_scenario.c -- models with scenarios (docs/uncertainty.md): the
 * loader's checks, the tree the information rule makes, and the
 * stochastic program's answers.
 *
 * Random scenario models here change the demand, the energy price and a
 * device's price from a period of their own on, and move a device's
 * launch.  The test knows from what it wrote where two scenarios' data
 * first differ, so it knows the tree without asking the library.  On
 * every model it checks:
 *  - each scenario's plan is feasible on that scenario's model, and the
 *    probability-weighted sum of their evaluated costs is the objective;
 *  - the plans take the same decisions wherever the tree says they share
 *    them (non-anticipativity);
 *  - WS <= RP <= EEV (so EVPI >= 0 and VSS >= 0), on LPs solved exactly;
 *  - with risk, the objective is (1 - w) E + w CVaR of the evaluated
 *    costs, CVaR computed by sorting them.
 * And on constructed ones: identical scenarios give the model's own
 * optimum; scenarios that differ from period 0 give RP = WS.
 * BE_SCENARIO_MODELS (default 30) and BE_SCENARIO_SEED change how many
 * and which.
 */
#include "check.h"
#include "random_text.h"
#include "program_optimum.h"
#include "engine/glpk_solver.h"
#include "answers/answers.h"
#include "program/lives.h"
#include "engine/glpk_basis.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void suite_scenario(void);

static be_model *load(const char *yaml, be_error *e)
{
    return be_model_load_string(yaml, strlen(yaml), "test.yaml", NULL, e);
}

/* ---- the loader ---- */

/* The issue's example: a 2024 horizon, B200 on time, late, or on time in
 * a power crunch (energy growing 25% a year from 2024's price). */
static const char *const issue_model =
    "breakeven: 1\n"
    "horizon: {start: 2024, periods: 4}\n"
    "integer: false\n"
    "demand: {start: 100, growth: 0.3}\n"
    "energy: {price: 0.09}\n"
    "devices:\n"
    "  - {name: a100, throughput: 1, power_kw: 0.4, lifetime: 6, om: 50,\n"
    "     price: 9000, resale: {fraction: 0.5, half_life: 2}}\n"
    "  - {name: h100, throughput: 3, power_kw: 0.7, lifetime: 6, om: 80,\n"
    "     price: 25000, resale: {fraction: 0.5, half_life: 2}}\n"
    "  - {name: b200, throughput: 7, power_kw: 1.0, lifetime: 6, om: 100,\n"
    "     price: {start: 380000, growth: -0.2},\n"
    "     resale: {fraction: 0.5, half_life: 2}, available: {from: 2025}}\n"
    "fleet:\n"
    "  - {device: a100, count: 100, age: 2}\n"
    "scenarios:\n"
    "  - name: b200-on-time\n"
    "    probability: 0.5\n"
    "    set: {devices.b200.available.from: 2025}\n"
    "  - name: b200-late\n"
    "    probability: 0.3\n"
    "    set: {devices.b200.available.from: 2027,\n"
    "          devices.b200.price.start: 420000}\n"
    "  - name: power-crunch\n"
    "    probability: 0.2\n"
    "    set: {devices.b200.available.from: 2025,\n"
    "          energy.price: {start: 0.09, growth: 0.25}}\n";

static void test_scenario_issue_tree(void)
{
    be_error e;
    be_model *m = load(issue_model, &e);
    if (!m)
        fprintf(stderr, "%d:%d: %s\n", e.line, e.column, e.message);
    REQUIRE(m);
    CHECK(be_model_scenarios(m) == 3);
    CHECK(strcmp(be_model_scenario_name(m, 1), "b200-late") == 0);
    CHECK(be_model_scenario_probability(m, 2) == 0.2);
    /* all agree on 2024; each pair parts in 2025 */
    CHECK(be_model_scenarios_part(m, 0, 1) == 1);
    CHECK(be_model_scenarios_part(m, 0, 2) == 1);
    CHECK(be_model_scenarios_part(m, 1, 2) == 1);
    CHECK(be_model_first_branch(m) == 1);
    /* one root node in 2024, then three nodes in each of 3 periods */
    CHECK(be_model_nodes(m) == 1 + 3 * 3);
    CHECK(be_model_scenario_node(m, 2, 0) == 0);
    int n = be_model_scenario_node(m, 1, 1);
    CHECK(be_model_node_period(m, n) == 1);
    CHECK(be_model_node_parent(m, n) == 0);
    CHECK(be_model_node_first(m, n) == 1);
    /* a scenario's model is the model with its changes */
    const be_model *late = be_model_scenario(m, 1);
    CHECK(!be_model_device_can_buy(late, 2, 2));
    CHECK(be_model_device_can_buy(late, 2, 3));
    CHECK(be_model_scenarios(late) == 0);
    CHECK(!be_model_risk(m, NULL, NULL));
    be_model_free(m);
}

/* The issue's example with one more sentence: `b200-late` parts at
 * 2025 (the B200 is on sale or not); if the crunch only starts in 2026,
 * power-crunch shares 2025 with b200-on-time. */
static void test_scenario_later_branch(void)
{
    char buf[4096];
    const char *from = "energy.price: {start: 0.09, growth: 0.25}";
    const char *at = strstr(issue_model, from);
    REQUIRE(at);
    snprintf(buf, sizeof buf, "%.*senergy.price: [0.09, 0.09, 0.2, 0.3]%s",
             (int)(at - issue_model), issue_model, at + strlen(from));
    be_error e;
    be_model *m = load(buf, &e);
    if (!m)
        fprintf(stderr, "%d:%d: %s\n", e.line, e.column, e.message);
    REQUIRE(m);
    CHECK(be_model_scenarios_part(m, 0, 1) == 1);
    CHECK(be_model_scenarios_part(m, 0, 2) == 2);
    CHECK(be_model_scenarios_part(m, 1, 2) == 1);
    CHECK(be_model_scenario_node(m, 0, 1) == be_model_scenario_node(m, 2, 1));
    be_model_free(m);
}

/* Every bad scenario list is a one-line BE_EMODEL error that names the
 * scenario (where there is one) and points into the file. */
static void bad(const char *scenarios, const char *want, int line)
{
    char buf[8192];
    const char *cut = strstr(issue_model, "scenarios:\n");
    snprintf(buf, sizeof buf, "%.*s%s", (int)(cut - issue_model),
             issue_model, scenarios);
    be_error e;
    be_model *m = load(buf, &e);
    CHECK(m == NULL);
    be_model_free(m);
    if (m)
        return;
    if (!strstr(e.message, want) || e.code != BE_EMODEL ||
        (line && e.line != line) || strchr(e.message, '\n')) {
        fprintf(stderr, "want '%s' at line %d, got %d:%d: %s\n", want, line,
                e.line, e.column, e.message);
        check_failures++;
    }
}

static void test_scenario_bad_files(void)
{
    /* the fleet entry is on line 15, `scenarios:` on 16, its items from 17 */
    bad("scenarios:\n  - {name: a, probability: 0.5}\n"
        "  - {name: b, probability: 0.4}\n",
        "sum to 0.9", 17);
    bad("scenarios:\n  - {name: a, probability: 1}\n", "at least two", 17);
    bad("scenarios:\n  - {name: a, probability: 0.5}\n"
        "  - {name: a, probability: 0.5}\n", "already scenario 1", 18);
    bad("scenarios:\n  - {name: a, probability: 0}\n"
        "  - {name: b, probability: 1}\n", "probability must be", 17);
    bad("scenarios:\n  - {name: a, probability: 0.5}\n"
        "  - {name: b, probability: 0.5, set: {devices.b300.price: 1}}\n",
        "scenario 'b': set devices.b300.price: no device named like 'b300'",
        18);
    bad("scenarios:\n  - {name: a, probability: 0.5}\n"
        "  - {name: b, probability: 0.5, set: {horizon.periods: 5}}\n",
        "scenario 'b': set horizon.periods: a scenario may not change "
        "horizon", 18);
    bad("scenarios:\n  - {name: a, probability: 0.5}\n"
        "  - {name: b, probability: 0.5, set: {fleet.1.count: 5}}\n",
        "may not change fleet", 18);
    bad("scenarios:\n  - {name: a, probability: 0.5}\n"
        "  - {name: b, probability: 0.5, set: {devices.h100.name: x}}\n",
        "may not change a device's name", 18);
    /* a scenario that makes the model invalid: the error is at the value
     * in the scenario */
    bad("scenarios:\n  - {name: a, probability: 0.5}\n"
        "  - name: b\n    probability: 0.5\n"
        "    set: {devices.h100.price: -5}\n",
        "scenario 'b': device 'h100': price", 20);
    bad("scenarios:\n  - {name: a, probability: 0.5}\n"
        "  - name: b\n    probability: 0.5\n"
        "    set: {devices.h100.available.from: 2031}\n",
        "scenario 'b'", 20);
    /* making a bought device a rented one changes the devices */
    bad("scenarios:\n  - {name: a, probability: 0.5}\n"
        "  - name: b\n    probability: 0.5\n"
        "    set: {devices.h100: {name: h100, throughput: 3, rent: 9}}\n",
        "scenario 'b'", 0);
    bad("scenarios:\n  - {name: a, probability: 0.5, colour: red}\n"
        "  - {name: b, probability: 0.5}\n", "unknown key 'colour'", 17);
    bad("risk: {cvar_alpha: 0.9, weight: 0.5}\n", "has none", 16);
    bad("scenarios:\n  - {name: a, probability: 0.5}\n"
        "  - {name: b, probability: 0.5}\n"
        "risk: {cvar_alpha: 1, weight: 0.5}\n", "cvar_alpha must be", 19);
}

/* --set applies to the file before the scenarios do. */
static void test_scenario_set_first(void)
{
    const char *ov[] = {"scenarios.1.probability=0.6",
                        "scenarios.2.probability=0.2",
                        "scenarios.3.set.energy.price=0.5"};
    be_load_options o;
    be_load_options_init(&o);
    o.overrides = ov;
    o.n_overrides = 3;
    be_error e;
    be_model *m = be_model_load_string(issue_model, strlen(issue_model),
                                       "t", &o, &e);
    if (!m)
        fprintf(stderr, "%s\n", e.message);
    REQUIRE(m);
    CHECK(be_model_scenario_probability(m, 0) == 0.6);
    /* power-crunch's energy is 0.5 from 2024: it parts at once */
    CHECK(be_model_scenarios_part(m, 0, 2) == 0);
    be_model_free(m);
    /* and an override of the base reaches every scenario */
    const char *base[] = {"demand=50"};
    o.overrides = base;
    o.n_overrides = 1;
    m = be_model_load_string(issue_model, strlen(issue_model), "t", &o, &e);
    REQUIRE(m);
    CHECK(be_model_demand(be_model_scenario(m, 1), 3) == 50);
    be_model_free(m);
}

/* ---- random scenario models ---- */

#define MAXT 8
#define MAXS 5

typedef struct gen {
    int T, S, kind;               /* kind 0 yearly, 1 quarterly */
    double p[MAXS];
    double demand[MAXS][MAXT], energy[MAXS][MAXT], price[MAXS][MAXT];
    int launch[MAXS];             /* d1 on sale from this period */
} gen;

static void list(text *y, const double *v, int T)
{
    add(y, "[");
    for (int t = 0; t < T; t++)
        add(y, "%s%.17g", t ? ", " : "", v[t]);
    add(y, "]");
}

/* Where scenarios a and b first differ in what the test wrote. */
static int expected_part(const gen *g, int a, int b)
{
    int part = g->T;
    for (int t = 0; t < g->T; t++)
        if (g->demand[a][t] != g->demand[b][t] ||
            g->energy[a][t] != g->energy[b][t] ||
            g->price[a][t] != g->price[b][t]) {
            part = t;
            break;
        }
    if (g->launch[a] != g->launch[b]) {
        int l = g->launch[a] < g->launch[b] ? g->launch[a] : g->launch[b];
        part = l < part ? l : part;
    }
    return part;
}

static void label(const gen *g, int t, char *buf, size_t n)
{
    if (g->kind == 0)
        snprintf(buf, n, "%d", 2025 + t);
    else
        snprintf(buf, n, "%d-Q%d", 2025 + t / 4, t % 4 + 1);
}

/* A market from a demand: 1.5 D + 2, so that scenarios' markets differ
 * exactly where their demands do (the tree stays the one expected_part
 * computes). */
static void market_list(text *y, const double *demand, int T)
{
    double v[64];
    for (int t = 0; t < T && t < 64; t++)
        v[t] = 1.5 * demand[t] + 2.0;
    list(y, v, T);
}

/* revenue: the work is sold at 400 a year, up to market_list's market
 * (drawing nothing from the generator, so the models are those without
 * it plus the block). */
static void random_scenarios(text *y, gen *g, int integer, int risk,
                             int revenue)
{
    g->kind = pick(0, 1);
    g->T = g->kind == 0 ? pick(3, 6) : pick(4, 8);
    g->S = pick(2, MAXS);
    double dt = g->kind == 0 ? 1.0 : 0.25;
    double d0 = pick(6, 30), growth = 0.05 + 0.3 * uniform() * dt;
    double e0 = 0.05 + 0.2 * uniform(), price0 = 900 + 400 * uniform();
    double w = 0.0;
    for (int s = 0; s < g->S; s++) {
        g->p[s] = 0.2 + uniform();
        w += g->p[s];
        /* each scenario parts from the first at a period of its own */
        int from = pick(0, g->T - 1);
        double fd = 0.6 + 0.8 * uniform(), fe = 0.5 + 2.0 * uniform();
        double fp = 0.5 + 1.0 * uniform();
        int which = pick(0, 7);
        for (int t = 0; t < g->T; t++) {
            double base = round(d0 * pow(1 + growth, t));
            int changed = s > 0 && t >= from;
            g->demand[s][t] = changed && (which & 1) ? round(base * fd) : base;
            g->energy[s][t] = changed && (which & 2) ? e0 * fe : e0;
            g->price[s][t] = changed && (which & 4) ? round(price0 * fp)
                                                    : price0;
        }
        g->launch[s] = s > 0 && uniform() < 0.4 ? pick(1, g->T - 1)
                                                : (g->T > 2 ? 2 : 1);
    }
    for (int s = 0; s < g->S; s++)
        g->p[s] /= w;
    /* probabilities that sum to 1 exactly as written: the last takes
     * the rest of the rounded others */
    double sum = 0.0;
    for (int s = 0; s + 1 < g->S; s++) {
        g->p[s] = round(g->p[s] * 1000) / 1000;
        sum += g->p[s];
    }
    g->p[g->S - 1] = round((1.0 - sum) * 1000) / 1000;

    y->n = 0;
    add(y, "breakeven: 1\nname: random scenarios\n");
    add(y, "horizon: {start: 2025, periods: %d, period: %s}\n", g->T,
        g->kind ? "quarter" : "year");
    add(y, "discount_rate: %.2f\n", 0.02 + 0.08 * uniform());
    add(y, "integer: %s\n", integer ? "true" : "false");
    add(y, "end_of_horizon: %s\n", uniform() < 0.7 ? "salvage" : "none");
    add(y, "demand: ");
    list(y, g->demand[0], g->T);
    add(y, "\nenergy: {price: ");
    list(y, g->energy[0], g->T);
    add(y, ", pue: 1.2}\n");
    if (revenue) {
        add(y, "revenue:\n  price: 400\n  market: ");
        market_list(y, g->demand[0], g->T);
        add(y, "\n");
    }
    if (uniform() < 0.4)
        add(y, "site: {power_cap_kw: %g}\n", d0 * 8);
    if (uniform() < 0.3)
        add(y, "finance: {tax_rate: 0.2, depreciation_years: 3}\n");
    add(y, "devices:\n");
    add(y, "  - name: d0\n    throughput: 1\n    power_kw: 0.9\n"
        "    lifetime: 4\n    om: 30\n"
        "    resale: {fraction: 0.5, half_life: 1.5}\n    price: ");
    list(y, g->price[0], g->T);
    add(y, "\n  - name: d1\n    throughput: 3\n    power_kw: 1.1\n"
        "    lifetime: 4\n    om: 60\n"
        "    resale: {fraction: 0.5, half_life: 1.5}\n"
        "    price: {start: %g, growth: -0.1}\n", round(price0 * 2.2));
    char lab[16];
    label(g, g->launch[0], lab, sizeof lab);
    add(y, "    available: {from: %s}\n", lab);
    if (uniform() < 0.3)
        add(y, "  - name: cloud\n    throughput: 1\n    rent: %g\n",
            500.0 + 300.0 * uniform());
    add(y, "fleet:\n  - {device: d0, count: %d, age: 1, "
        "purchase_price: 1000}\n", (int)d0);
    add(y, "scenarios:\n");
    for (int s = 0; s < g->S; s++) {
        add(y, "  - name: s%d\n    probability: %.3f\n    set:\n", s, g->p[s]);
        add(y, "      demand: ");
        list(y, g->demand[s], g->T);
        add(y, "\n      energy.price: ");
        list(y, g->energy[s], g->T);
        if (revenue) {
            add(y, "\n      revenue.market: ");
            market_list(y, g->demand[s], g->T);
        }
        add(y, "\n      devices.d0.price: ");
        list(y, g->price[s], g->T);
        label(g, g->launch[s], lab, sizeof lab);
        add(y, "\n      devices.d1.available: {from: %s}\n", lab);
    }
    if (risk)
        add(y, "risk: {cvar_alpha: %.2f, weight: %.2f}\n",
            0.5 + 0.4 * uniform(), 0.2 + 0.8 * uniform());
}

/* The cohort of scenario model b that is cohort j of scenario model a. */
static int same_cohort(const be_model *a, int j, const be_model *b)
{
    be_cohort_info x, y;
    be_model_cohort(a, j, &x);
    for (int i = 0; i < be_model_cohorts(b); i++) {
        be_model_cohort(b, i, &y);
        if (y.device == x.device && y.start == x.start &&
            y.fleet_entry == x.fleet_entry)
            return i;
    }
    return -1;
}

/* Scenarios a and b take the same decisions in every period before t. */
static int shared_plans(const be_model *m, be_plan *const *plan, int a,
                        int b, int until)
{
    const be_model *ma = be_model_scenario(m, a), *mb = be_model_scenario(m, b);
    const be_plan *pa = plan[a], *pb = plan[b];
    int K = be_model_devices(m), Ja = pa->cohorts, Jb = pb->cohorts;
    for (int t = 0; t < until; t++) {
        for (int k = 0; k < K; k++)
            if (fabs(pa->buy[t * K + k] - pb->buy[t * K + k]) > 1e-7 ||
                fabs(pa->rent[t * K + k] - pb->rent[t * K + k]) > 1e-7)
                return 0;
        for (int j = 0; j < Ja; j++) {
            be_cohort_info c;
            be_model_cohort(ma, j, &c);
            if (c.start > t)
                continue;
            int i = same_cohort(ma, j, mb);
            if (i < 0 || fabs(pa->retire[t * Ja + j] -
                              pb->retire[t * Jb + i]) > 1e-7)
                return 0;
        }
    }
    return 1;
}

static int shared_until(const be_model *m, const be_solution *sol, int a,
                        int b, int until)
{
    return shared_plans(m, sol->scenario_plan, a, b, until);
}

static void check_answer(const be_model *m, const be_solution *sol)
{
    int S = be_model_scenarios(m);
    double e = 0.0, cost[MAXS], p[MAXS];
    CHECK(sol->scenarios == S && sol->plan == NULL);
    for (int s = 0; s < S; s++) {
        CHECK(sol->scenario_eval[s]->violation == BE_FEASIBLE_PLAN);
        cost[s] = sol->scenario_eval[s]->cost.total;
        p[s] = be_model_scenario_probability(m, s);
        e += p[s] * cost[s];
    }
    CHECK_CLOSE(sol->expected_cost, e, 1e-9);
    double alpha, w;
    if (be_model_risk(m, &alpha, &w)) {
        double cvar = be_cvar(S, cost, p, alpha);
        CHECK_CLOSE(sol->cvar, cvar, 1e-9);
        CHECK(cvar >= e - 1e-6 * fabs(e));
        CHECK_CLOSE(sol->objective, (1 - w) * e + w * cvar, 1e-6);
    } else {
        CHECK_CLOSE(sol->objective, e, 1e-6);
    }
    CHECK(sol->bound <= sol->objective + 1e-6 * fmax(1, fabs(sol->objective)));
}

static int n_models(void)
{
    const char *v = getenv("BE_SCENARIO_MODELS");
    int n = v ? atoi(v) : 30;
    return n > 0 ? n : 30;
}

static void test_scenario_random(void)
{
    const char *seed = getenv("BE_SCENARIO_SEED");
    rng = seed ? strtoull(seed, NULL, 10) | 1 : 7;
    int n = n_models(), loaded = 0, shared = 0, eev_fixed = 0, rolled = 0;
    int parallel = 0;
    be_settings st;
    be_settings_init(&st);
    st.time_limit = 20;
    st.jobs = 2;
    for (int i = 0; i < n; i++) {
        text y;
        gen g;
        int integer = i % 4 == 3, risk = i % 5 == 4, revenue = i % 3 == 1;
        random_scenarios(&y, &g, integer, risk, revenue);
        be_error e;
        be_model *m = be_model_load_string(y.buf, y.n, "random", NULL, &e);
        if (!m) {
            fprintf(stderr, "model %d: %d:%d: %s\n%s\n", i, e.line,
                    e.column, e.message, y.buf);
            check_failures++;
            continue;
        }
        loaded++;
        for (int a = 0; a < g.S; a++)
            for (int b = a + 1; b < g.S; b++)
                if (be_model_scenarios_part(m, a, b) !=
                    expected_part(&g, a, b)) {
                    fprintf(stderr, "model %d: s%d, s%d part at %d, "
                            "expected %d\n", i, a, b,
                            be_model_scenarios_part(m, a, b),
                            expected_part(&g, a, b));
                    check_failures++;
                }
        be_uncertainty *u = be_uncertainty_analyze(m, &st, &e);
        if (!u) {
            fprintf(stderr, "model %d: %s\n", i, e.message);
            check_failures++;
            be_model_free(m);
            continue;
        }
        /* the scenarios' own solves run in threads: the same figures in
         * one, when every solve is proven */
        if (i % 3 == 0 && u->proven) {
            be_settings one = st;
            one.jobs = 1;
            be_uncertainty *v = be_uncertainty_analyze(m, &one, &e);
            CHECK(v != NULL);
            for (int s = 0; v && s < g.S; s++)
                CHECK(v->own[s] == u->own[s] &&
                      v->own_bound[s] == u->own_bound[s] &&
                      v->own_status[s] == u->own_status[s]);
            if (v)
                CHECK(v->ws == u->ws && v->evpi == u->evpi);
            be_uncertainty_free(v);
            parallel++;
        }
        if (u->rp->status == BE_OPTIMAL ||
            u->rp->status == BE_TIME_LIMIT_PLAN) {
            check_answer(m, u->rp);
            for (int a = 0; a < g.S; a++)
                for (int b = a + 1; b < g.S; b++) {
                    int until = be_model_scenarios_part(m, a, b);
                    shared += until > 0;
                    if (!shared_until(m, u->rp, a, b, until)) {
                        fprintf(stderr, "model %d: s%d and s%d differ "
                                "before %d\n", i, a, b, until);
                        check_failures++;
                    }
                }
        }
        /* the inequalities hold for exact optima, without risk (with it
         * the plans minimise another objective) */
        if (u->proven && !risk && u->rp->status == BE_OPTIMAL) {
            double tol = 1e-6 * fmax(1.0, fabs(u->rp_cost));
            CHECK(u->ws <= u->rp_cost + tol);
            CHECK(u->evpi >= -tol);
            if (isfinite(u->eev)) {
                CHECK(u->rp_cost <= u->eev + tol);
                CHECK(u->vss >= -tol);
                eev_fixed += be_model_first_branch(m) > 0;
            }
            for (int s = 0; s < g.S; s++)
                CHECK(u->regret[s] >= -tol);
            /* the rolling policy decides each node from what is known
             * there: one of the plans RP is the best of */
            be_rolling *rh = be_rolling_policy(m, &st, &e);
            CHECK(rh != NULL);
            if (rh && isfinite(rh->cost) && rh->proven) {
                rolled++;
                CHECK(rh->cost >= u->rp_cost - tol);
                CHECK(rh->solves == be_model_nodes(m));
                for (int s = 0; s < g.S; s++) {
                    be_eval *pe = be_evaluate(be_model_scenario(m, s),
                                              rh->plan[s], &e);
                    CHECK(pe && pe->violation == BE_FEASIBLE_PLAN);
                    if (pe)
                        CHECK_CLOSE(pe->cost.total, rh->scenario_cost[s],
                                    1e-12);
                    be_eval_free(pe);
                }
                for (int a = 0; a < g.S; a++)
                    for (int b = a + 1; b < g.S; b++)
                        CHECK(shared_plans(m, rh->plan, a, b,
                                           be_model_scenarios_part(m, a, b)));
            }
            be_rolling_free(rh);
        }
        be_uncertainty_free(u);
        be_model_free(m);
    }
    CHECK(loaded == n);
    /* the generator makes trees that share decisions, and EEVs that fix
     * some */
    CHECK(shared > 0);
    CHECK(eev_fixed > 0);
    CHECK(rolled >= n / 4);
    CHECK(parallel >= n / 6);
    fprintf(stderr, "scenario: %d random models, %d rolling policies priced "
            "against RP, %d analyses the same in one thread and two\n", n,
            rolled, parallel);
}

/* ---- the start from unit lives (lives.c) on scenario trees ---- */

/* Solve p (an LP) with or without the start from unit lives; the row
 * duals into dual when not NULL. */
static be_status lives_lp(const be_model *m, const be_program *p, int lives,
                          double *objective, int *iterations, int *started,
                          double *dual)
{
    be_glpk_out out;
    be_error err = {0};
    be_settings s;
    be_settings_init(&s);
    s.duals = dual != NULL;
    be__lives_off = !lives;
    be_code rc = be__glpk_solve(m, p, &s, &out, &err);
    be__lives_off = 0;
    if (rc != BE_OK)
        return BE_NO_PLAN;
    *objective = out.objective;
    *iterations = out.iterations;
    *started = out.lives_started;
    if (dual && out.dual)
        memcpy(dual, out.dual, (size_t)p->n_rows * sizeof *dual);
    free(out.x);
    free(out.dual);
    return out.status;
}

/*
 * The stochastic LP started from unit lives, whose lives are trees of
 * exits (one on every branch a unit reaches), against GLPK's own start,
 * on random scenario trees (with revenue, a power cap, taxes, rent, and
 * CVaR on every fifth):
 *  - the same status, and the same optimum to 1e-7 (the start only
 *    changes where the simplex begins);
 *  - the start is taken on every tree with an optimum (all of them are
 *    programs lives.c maps);
 *  - under the optimal duals of the program (GLPK's, from its own start)
 *    no life of any cohort prices out: the backward pass over the tree
 *    finds the cheapest life, and no life is cheaper than the program's
 *    optimum allows.
 * The master is the demand, power, budget, market and risk rows of every
 * node and each fleet cohort's first row (checked by count).  Mutations
 * this catches: the backward pass summing one child instead of all (a
 * unit held at a node then serves one branch only, a life cheaper than
 * any real one: it prices out under the optimal duals); the crossover
 * keeping every retire where basic lives both hold and retire, or the
 * node's column skipped where no life goes (a basis of the wrong size:
 * no start); a flow row's parent read from the wrong hold (the optimum
 * or the start changes).  And a fixed decision (EEV's fix rows) gets no
 * master.
 */
static void test_scenario_lives(void)
{
    const char *seed = getenv("BE_SCENARIO_SEED");
    rng = seed ? (strtoull(seed, NULL, 10) | 1) + 2 : 9;
    int n = 2 * n_models(), optimal = 0, started = 0, no_iterations = 0;
    int with_risk = 0;
    for (int i = 0; i < n; i++) {
        text y;
        gen g;
        int risk = i % 5 == 4, revenue = i % 3 == 1;
        random_scenarios(&y, &g, 0, risk, revenue);
        be_error e;
        be_model *m = be_model_load_string(y.buf, y.n, "random", NULL, &e);
        REQUIRE(m);
        be_program *p = be__program_build(m, 0, &e);
        REQUIRE(p);
        int bad = check_failures;
        double *dual = calloc((size_t)p->n_rows + 1, sizeof *dual);
        REQUIRE(dual);
        double with = NAN, without = NAN;
        int it_with = -1, it_without = -1, st_with = 0, st_without = 0;
        be_status a = lives_lp(m, p, 1, &with, &it_with, &st_with, NULL);
        be_status b = lives_lp(m, p, 0, &without, &it_without, &st_without,
                               dual);
        CHECK(a == b);
        CHECK(st_without == 0);
        if (a == BE_OPTIMAL && b == BE_OPTIMAL) {
            optimal++;
            CHECK_CLOSE(with, without, 1e-7);
            CHECK(st_with);
            started += st_with;
            no_iterations += st_with && it_with == 0;
            with_risk += risk && st_with;

            be_lives *L = be__lives_new(m, p);
            REQUIRE(L);
            int flow = 0, fleet_rows = 0;
            for (int r = 0; r < p->n_rows; r++)
                flow += p->rows[r].kind == BE_ROW_FLOW;
            for (int r = 0; r < p->n_rows; r++)
                fleet_rows += p->rows[r].kind == BE_ROW_FLOW &&
                              p->rows[r].rhs > 0.0;
            CHECK(be__lives_rows(L) == p->n_rows - flow + fleet_rows);
            double *yv = calloc((size_t)be__lives_rows(L) + 1, sizeof *yv);
            REQUIRE(yv);
            for (int r = 0; r < be__lives_rows(L); r++)
                yv[r] = dual[be__lives_prow(L, r)];
            int k0 = be__lives_cols(L);
            CHECK(be__lives_price(L, yv, 0) == 0);
            if (be__lives_cols(L) > k0) {
                /* what priced out, and by how much */
                int *ind = calloc((size_t)be__lives_rows(L) + 1,
                                  sizeof *ind);
                double *val = calloc((size_t)be__lives_rows(L) + 1,
                                     sizeof *val);
                for (int k = k0; ind && val && k < be__lives_cols(L); k++) {
                    double cost, d;
                    int art, q = be__lives_col(L, k, ind, val, &cost, &art);
                    d = cost;
                    for (int e2 = 0; e2 < q; e2++)
                        d -= val[e2] * yv[ind[e2]];
                    fprintf(stderr, "life %d prices at %g (cost %g)\n", k,
                            d, cost);
                }
                free(ind);
                free(val);
            }
            free(yv);
            be__lives_free(L);
        }
        if (check_failures > bad)
            fprintf(stderr, "lives check failed on model %d (%d, %d "
                    "iterations, %.17g, %.17g):\n%s\n", i, it_with,
                    it_without, with, without, y.buf);
        free(dual);
        /* a fixed decision: no master */
        if (p->n_cols > 0) {
            CHECK(be__program_fix(p, 0, 0.0) >= 0);
            CHECK(be__lives_new(m, p) == NULL);
        }
        be__program_free(p);
        be_model_free(m);
    }
    /* A tree whose master optimum has basic lives of the fleet cohort
     * that part on different branches (found by the generator, seed 23,
     * tree 54): the crossover keeps k - 1 of the retires, the basis is
     * dual feasible, and the optimum is the one GLPK finds alone. */
    static const char parting[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 5, period: quarter}\n"
        "discount_rate: 0.09\ninteger: false\nend_of_horizon: salvage\n"
        "demand: [22, 25, 27, 30, 34]\n"
        "energy: {price: 0.1868504743735272, pue: 1.2}\n"
        "devices:\n"
        "  - {name: d0, throughput: 1, power_kw: 0.9, lifetime: 4, om: 30,\n"
        "     resale: {fraction: 0.5, half_life: 1.5},\n"
        "     price: 1012.4186025158129}\n"
        "  - {name: d1, throughput: 3, power_kw: 1.1, lifetime: 4, om: 60,\n"
        "     resale: {fraction: 0.5, half_life: 1.5},\n"
        "     price: {start: 2227, growth: -0.1},\n"
        "     available: {from: 2025-Q3}}\n"
        "fleet:\n  - {device: d0, count: 22, age: 1, purchase_price: 1000}\n"
        "scenarios:\n"
        "  - {name: s0, probability: 0.304}\n"
        "  - {name: s1, probability: 0.173, set: {demand: "
        "[22, 23, 25, 28, 31]}}\n"
        "  - {name: s2, probability: 0.523, set: {demand: "
        "[22, 29, 32, 35, 40]}}\n"
        "risk: {cvar_alpha: 0.68, weight: 1.00}\n";
    be_error e;
    be_model *m = load(parting, &e);
    REQUIRE(m);
    be_program *p = be__program_build(m, 0, &e);
    REQUIRE(p);
    double with = NAN, without = NAN;
    int it_with, it_without, st_with = 0, st_without = 0;
    int before = be__lives_dual_starts;
    CHECK(lives_lp(m, p, 1, &with, &it_with, &st_with, NULL) == BE_OPTIMAL);
    CHECK(be__lives_dual_starts == before + 1 && st_with);
    CHECK(lives_lp(m, p, 0, &without, &it_without, &st_without, NULL) ==
          BE_OPTIMAL);
    CHECK_CLOSE(with, without, 1e-7);
    be__program_free(p);
    be_model_free(m);

    fprintf(stderr, "scenario lives: %d trees with an optimum, %d started "
            "from unit lives (%d with risk), %d of them with no simplex "
            "iteration left\n", optimal, started, with_risk, no_iterations);
    CHECK(optimal >= n / 2);
}

/* Identical scenarios: the model's own optimum.  Scenarios that differ
 * from period 0: each decides alone, RP = WS. */
static void test_scenario_limits(void)
{
    const char *cut = strstr(issue_model, "scenarios:\n");
    char buf[8192];
    for (int integer = 0; integer <= 1; integer++) {
        snprintf(buf, sizeof buf, "%.*sscenarios:\n"
                 "  - {name: a, probability: 0.25}\n"
                 "  - {name: b, probability: 0.75, set: {demand: "
                 "{start: 100, growth: 0.3}}}\n",
                 (int)(cut - issue_model), issue_model);
        if (integer)
            memcpy(strstr(buf, "integer: false"), "integer: true ", 14);
        be_error e;
        be_model *m = load(buf, &e);
        REQUIRE(m);
        CHECK(be_model_scenarios_part(m, 0, 1) == be_model_periods(m));
        be_solution *rp = be_solve(m, NULL, &e);
        be_solution *own = be_solve(be_model_scenario(m, 0), NULL, &e);
        REQUIRE(rp && own);
        CHECK(rp->status == BE_OPTIMAL && own->status == BE_OPTIMAL);
        CHECK_CLOSE(rp->objective, own->objective, 1e-7);
        check_answer(m, rp);
        be_solution_free(rp);
        be_solution_free(own);
        be_model_free(m);
    }
    snprintf(buf, sizeof buf, "%.*sscenarios:\n"
             "  - {name: low, probability: 0.4, set: {demand: 80}}\n"
             "  - {name: high, probability: 0.6, set: {demand: "
             "{start: 120, growth: 0.4}}}\n",
             (int)(cut - issue_model), issue_model);
    be_error e;
    be_model *m = load(buf, &e);
    REQUIRE(m);
    CHECK(be_model_scenarios_part(m, 0, 1) == 0);
    CHECK(be_model_first_branch(m) == 0);
    be_uncertainty *u = be_uncertainty_analyze(m, NULL, &e);
    REQUIRE(u);
    CHECK(u->proven);
    CHECK_CLOSE(u->rp_cost, u->ws, 1e-9);
    /* nothing is decided before the branch: EEV is RP */
    CHECK_CLOSE(u->eev, u->rp_cost, 1e-9);
    be_uncertainty_free(u);
    be_model_free(m);
}

/* CVaR by sorting: the worst 1 - alpha of probability mass. */
static void test_scenario_cvar(void)
{
    double c[] = {10, 40, 20, 30}, p[] = {0.1, 0.2, 0.3, 0.4};
    /* alpha 0: the mean */
    CHECK_CLOSE(be_cvar(4, c, p, 0.0), 1 + 8 + 6 + 12, 1e-12);
    /* worst 0.2: all of 40 */
    CHECK_CLOSE(be_cvar(4, c, p, 0.8), 40, 1e-12);
    /* worst 0.5: 0.2 of 40 and 0.3 of 30 */
    CHECK_CLOSE(be_cvar(4, c, p, 0.5), (0.2 * 40 + 0.3 * 30) / 0.5, 1e-12);
    CHECK(isnan(be_cvar(4, c, p, 1.0)));
}

/* Without scenarios the analysis refuses, and the accessors say none. */
static void test_scenario_none(void)
{
    const char *cut = strstr(issue_model, "scenarios:\n");
    char buf[4096];
    snprintf(buf, sizeof buf, "%.*s", (int)(cut - issue_model), issue_model);
    be_error e;
    be_model *m = load(buf, &e);
    REQUIRE(m);
    CHECK(be_model_scenarios(m) == 0);
    CHECK(be_model_scenario(m, 0) == NULL);
    CHECK(be_model_scenario_name(m, 0) == NULL);
    CHECK(be_model_first_branch(m) == -1);
    CHECK(be_uncertainty_analyze(m, NULL, &e) == NULL && e.code == BE_EARG);
    be_model *v = be_model_mean_value(m, &e);
    CHECK(v == NULL && e.code == BE_EARG);
    be_model_free(m);
}


static int discard(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    (void)text;
    (void)len;
    return 0;
}

/* What has no meaning for a stochastic program refuses it; the
 * diagnosis of one without a plan names the scenario. */
static void test_scenario_refusals(void)
{
    const char *cut = strstr(issue_model, "scenarios:\n");
    char buf[8192];
    snprintf(buf, sizeof buf, "%.*sscenarios:\n"
             "  - {name: calm, probability: 0.5}\n"
             "  - name: capped\n    probability: 0.5\n"
             "    set: {demand: [100, 130, 169, 500], site.power_cap_kw: "
             "60}\n", (int)(cut - issue_model), issue_model);
    be_error e;
    be_model *m = load(buf, &e);
    if (!m)
        fprintf(stderr, "%s\n", e.message);
    REQUIRE(m);
    CHECK(be_explain(m, NULL, 0, discard, NULL, &e) == BE_EARG);
    CHECK(be_write_gmpl(m, NULL, discard, NULL, &e) == BE_EARG);
    be_solution *sol = be_solve(m, NULL, &e);
    REQUIRE(sol);
    CHECK(sol->status == BE_INFEASIBLE);
    CHECK(strncmp(sol->reason, "scenario 'capped': ", 19) == 0);
    CHECK(sol->scenario_plan == NULL);
    be_solution_free(sol);
    be_diagnosis *d = be_diagnose(m, NULL, &e);
    REQUIRE(d);
    CHECK(d->status == BE_INFEASIBLE && d->n > 0);
    for (int i = 0; i < d->n; i++)
        CHECK(strncmp(d->gives[i].text, "scenario 'capped': ", 19) == 0);
    be_diagnosis_free(d);
    be_threshold_options o;
    be_threshold_options_init(&o);
    o.param = "energy.price";
    o.lo = 0.05;
    o.hi = 0.2;
    be_threshold *r = be_threshold_search(buf, strlen(buf), "t", &o, &e);
    CHECK(r == NULL);
    CHECK(strstr(e.message, "scenarios") != NULL);
    be_threshold_free(r);
    be_model_free(m);
}

/* The worked example (examples/README.md, section 8) and the realistic
 * model: figures derived by hand and by programs written outside
 * breakeven (tests/uncertainty-expected.md: glpsol on a hand-written
 * MathProg model, cbc on a deterministic equivalent of copies tied by
 * equalities), not by this code. */
static be_model *load_path(const char *path, const char *const *ov, int n)
{
    be_load_options o;
    be_load_options_init(&o);
    o.overrides = ov;
    o.n_overrides = n;
    be_error e;
    be_model *m = be_model_load_file(path, &o, &e);
    if (!m)
        fprintf(stderr, "%s:%d:%d: %s\n", path, e.line, e.column, e.message);
    return m;
}

static void test_scenario_worked_example(void)
{
    for (int relax = 0; relax <= 1; relax++) {
        be_model *m = load_path("examples/energy-crunch.yaml", NULL, 0);
        REQUIRE(m);
        CHECK(be_model_first_branch(m) == 1);
        CHECK(be_model_nodes(m) == 5);
        CHECK(be_model_node_parent(m, 4) == 2);
        be_settings s;
        be_settings_init(&s);
        s.relax = relax;
        be_error e;
        be_uncertainty *u = be_uncertainty_analyze(m, &s, &e);
        REQUIRE(u);
        CHECK(u->proven);
        CHECK_CLOSE(u->own[0], 39420, 1e-9);
        CHECK_CLOSE(u->own[1], 68660, 1e-9);
        CHECK_CLOSE(u->ws, 54040, 1e-9);
        CHECK_CLOSE(u->rp_cost, 57420, 1e-9);
        CHECK_CLOSE(u->evpi, 3380, 1e-9);
        CHECK_CLOSE(u->mean_cost, 59900, 1e-9);
        CHECK_CLOSE(u->eev, 59900, 1e-9);
        CHECK_CLOSE(u->vss, 2480, 1e-9);
        CHECK_CLOSE(u->plan_cost[1], 75420, 1e-9);
        CHECK_CLOSE(u->regret[0], 0, 1e-9);
        CHECK_CLOSE(u->regret[1], 6760, 1e-9);
        CHECK(u->worst == 1);
        /* the rolling policy (docs/uncertainty.md, "Re-planning"): in
         * 2025 the mean-value model of both scenarios replaces at once
         * (its optimum, 59,900); from 2026 each node holds one scenario,
         * so each re-plan is that scenario's own model from the state
         * reached, and nothing is left to adapt after a replacement:
         * calm 50,000 + 3 x 4,380 - 12,000 = 51,140, crunch 50,000 +
         * 4,380 + 2 x 13,140 - 12,000 = 68,660 (examples/README.md), RH =
         * 0.5 x 51,140 + 0.5 x 68,660 = 59,900 = EEV, 2,480 above RP */
        be_rolling *rh = be_rolling_policy(m, &s, &e);
        REQUIRE(rh);
        CHECK(rh->proven && rh->solves == 5 && rh->reason[0] == '\0');
        CHECK_CLOSE(rh->scenario_cost[0], 51140, 1e-9);
        CHECK_CLOSE(rh->scenario_cost[1], 68660, 1e-9);
        CHECK_CLOSE(rh->cost, 59900, 1e-9);
        CHECK_CLOSE(rh->cost - u->rp_cost, 2480, 1e-9);
        be_rolling_free(rh);
        /* the stochastic plan waits in 2025 and replaces in 2026 only
         * in the crunch */
        const be_plan *crunch = u->rp->scenario_plan[1];
        int K = be_model_devices(m), knew = be_model_find_device(m, "new");
        CHECK(crunch->buy[0 * K + knew] == 0 && crunch->buy[1 * K + knew] == 1);
        CHECK(u->rp->scenario_plan[0]->buy[1 * K + knew] == 0);
        be_uncertainty_free(u);
        be_model_free(m);
    }
    /* with risk: replace in 2025 in both scenarios */
    const char *ov[] = {"risk.cvar_alpha=0.9", "risk.weight=0.5"};
    be_model *m = load_path("examples/energy-crunch.yaml", ov, 2);
    REQUIRE(m);
    be_error e;
    be_solution *sol = be_solve(m, NULL, &e);
    REQUIRE(sol);
    CHECK(sol->status == BE_OPTIMAL);
    CHECK_CLOSE(sol->objective, 64280, 1e-9);
    CHECK_CLOSE(sol->expected_cost, 59900, 1e-9);
    CHECK_CLOSE(sol->cvar, 68660, 1e-9);
    check_answer(m, sol);
    be_solution_free(sol);
    be_model_free(m);
}

static void test_scenario_b200_model(void)
{
    be_model *m = load_path("models/b200-launch.yaml", NULL, 0);
    REQUIRE(m);
    CHECK(be_model_scenarios_part(m, 0, 3) == 2);
    CHECK(be_model_scenarios_part(m, 1, 2) == 1);
    CHECK(be_model_nodes(m) == 28);
    be_settings s;
    be_settings_init(&s);
    s.relax = 1;
    be_error e;
    be_uncertainty *u = be_uncertainty_analyze(m, &s, &e);
    REQUIRE(u);
    CHECK(u->proven);
    CHECK_CLOSE(u->ws, 30241095.6690, 1e-10);
    CHECK_CLOSE(u->rp_cost, 31019705.9527, 1e-10);
    CHECK_CLOSE(u->mean_cost, 29120582.4908, 1e-10);
    CHECK_CLOSE(u->eev, 31050555.6035, 1e-10);
    check_answer(m, u->rp);
    be_uncertainty_free(u);
    /* whole servers: WS and EEV proven; RP within its proven bound of
     * cbc's optimum 31269216.4516 */
    s.relax = 0;
    s.time_limit = 5;
    u = be_uncertainty_analyze(m, &s, &e);
    REQUIRE(u);
    CHECK_CLOSE(u->ws, 30495775.1869, 1e-10);
    CHECK_CLOSE(u->mean_cost, 29414512.8089, 1e-10);
    if (u->eev_status == BE_OPTIMAL)
        CHECK_CLOSE(u->eev, 31304791.7608, 1e-10);
    CHECK(u->rp->bound <= 31269216.4516 * (1 + 1e-9));
    CHECK(u->rp_cost >= 31269216.4516 * (1 - 1e-9));
    if (u->rp->status == BE_OPTIMAL)
        CHECK_CLOSE(u->rp_cost, 31269216.4516, 1e-6);
    check_answer(m, u->rp);
    be_uncertainty_free(u);
    be_model_free(m);
}

/* A random whole-unit scenario model (g its draw), NULL (a failure
 * counted) when it does not load. */
static be_model *random_whole(gen *g, int risk, int revenue)
{
    text y;
    random_scenarios(&y, g, 1, risk, revenue);
    be_error e;
    be_model *m = be_model_load_string(y.buf, y.n, "random", NULL, &e);
    if (!m)
        check_failures++;
    return m;
}

/* The whole-unit stochastic program's bounds keep an optimum (stochastic.c,
 * "Bounds"): solved with them and with every bound removed, the two
 * optima agree on random scenario models, every integer column bounded. */

static void test_scenario_bounds(void)
{
    rng = 99;
    int n = n_models() / 3, both = 0;
    for (int i = 0; i < n; i++) {
        gen g;
        be_error e;
        be_model *m = random_whole(&g, 0, 0);
        if (!m)
            continue;
        be_program *p = be__program_build(m, 1, &e);
        REQUIRE(p);
        for (int j = 0; j < p->n_cols; j++)
            if (p->cols[j].integer && !isfinite(p->cols[j].upper)) {
                fprintf(stderr, "model %d: column %d unbounded\n", i, j);
                check_failures++;
                break;
            }
        double a = NAN, b = NAN;
        be_status sa = optimum(m, p, 1, 10, &a);
        be_status sb = optimum(m, p, 0, 10, &b);
        if (sa == BE_OPTIMAL && sb == BE_OPTIMAL) {
            both++;
            CHECK_CLOSE(a, b, 1e-6);
        }
        be__program_free(p);
        be_model_free(m);
    }
    printf("scenario: %d whole-unit stochastic programs, %d proven "
           "optimal with and without bounds\n", n, both);
    CHECK(both >= n / 2);
}

/* A whole-unit program with a decision fixed that the plans built
 * without a solve (the end-of-life baseline keeps the units) do not take:
 * the answer takes it (two old units retired in 2025, two new bought). */
static void test_scenario_fixed_decision(void)
{
    const char *y = "breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                    "integer: true\ndemand: 2\nenergy: {price: 0.1}\n"
                    "devices:\n  - {name: old, throughput: 1, power_kw: 1, "
                    "lifetime: 6, om: 10}\n  - {name: new, throughput: 1, "
                    "power_kw: 1, lifetime: 6, om: 10, price: 100}\n"
                    "fleet:\n  - {device: old, count: 2, age: 1, "
                    "purchase_price: 100}\n";
    be_error e = {0};
    be_model *m = be_model_load_string(y, strlen(y), "fixed", NULL, &e);
    REQUIRE(m);
    be_program *p = be__program_build(m, 1, &e);
    REQUIRE(p);
    int fixed = -1;
    for (int i = 0; i < p->n_cols; i++)
        if (p->cols[i].kind == BE_COL_RETIRE && p->cols[i].period == 1 &&
            p->cols[i].device == 0)
            fixed = i;
    REQUIRE(fixed >= 0 && be__program_fix(p, fixed, 2.0) >= 0);
    be_settings s;
    be_settings_init(&s);
    be_solution *sol = be__solve_program(m, p, &s, be__now(), &e);
    REQUIRE(sol && sol->plan);
    int J = be_model_cohorts(m);
    CHECK(sol->plan->retire[1 * J + 0] == 2.0);
    CHECK(sol->plan->buy[1 * 2 + 1] == 2.0);
    CHECK_CLOSE(sol->objective, sol->eval->cost.total, 1e-9);
    be_solution_free(sol);
    be_model_free(m);
}

/* The scenarios' path (answers/decompose.c) on random whole-unit
 * scenario models: its optimum is the plain stochastic program's, solved
 * directly by the engine (both proven), to 1e-6; the scenarios' bound is
 * below it; the plans obey the tree and are priced by the evaluator; and
 * one thread or two give the same answer. */
static int same_solution(const be_solution *a, const be_solution *b)
{
    if (a->status != b->status || a->objective != b->objective ||
        a->scenarios != b->scenarios)
        return 0;
    for (int s = 0; s < a->scenarios; s++) {
        const be_plan *x = a->scenario_plan[s], *y = b->scenario_plan[s];
        size_t TK = (size_t)x->periods * (size_t)x->devices;
        size_t TJ = (size_t)x->periods * (size_t)x->cohorts;
        if (x->cohorts != y->cohorts ||
            memcmp(x->buy, y->buy, TK * sizeof *x->buy) != 0 ||
            memcmp(x->rent, y->rent, TK * sizeof *x->rent) != 0 ||
            memcmp(x->retire, y->retire, TJ * sizeof *x->retire) != 0)
            return 0;
    }
    return 1;
}

static void test_scenario_decompose(void)
{
    int keep = be__decompose_min_columns;
    be__decompose_min_columns = 0;      /* the path on every tree */
    rng = 2027;
    int n = n_models() / 2, proven = 0, bounded = 0;
    for (int i = 0; i < n; i++) {
        gen g;
        be_error e;
        be_model *m = random_whole(&g, i % 4 == 3, i % 3 == 1);
        if (!m)
            continue;
        be_program *p = be__program_build(m, 1, &e);
        REQUIRE(p);
        double direct = NAN;
        be_status sd = optimum(m, p, 1, 20, &direct);
        direct += p->obj_const;
        be__program_free(p);
        be_settings st;
        be_settings_init(&st);
        st.time_limit = 20;
        st.jobs = 1;
        be_solution *one = be_solve(m, &st, &e);
        st.jobs = 2;
        be_solution *two = be_solve(m, &st, &e);
        REQUIRE(one && two);
        if (one->status == BE_OPTIMAL || one->status == BE_TIME_LIMIT_PLAN) {
            CHECK((one->bound_source != BE_BOUND_NONE) ==
                  (isfinite(one->bound) != 0));
            check_answer(m, one);
            for (int a = 0; a < g.S; a++)
                for (int b = a + 1; b < g.S; b++)
                    CHECK(shared_until(m, one, a, b,
                                       be_model_scenarios_part(m, a, b)));
        }
        if (sd == BE_OPTIMAL && one->status == BE_OPTIMAL) {
            proven++;
            CHECK_CLOSE(one->objective, direct, 1e-6);
            double tol = 1e-6 * fmax(1.0, fabs(direct));
            if (isfinite(one->stats.scenario_bound)) {
                bounded++;
                CHECK(one->stats.scenario_bound <= direct + tol);
            }
            if (isfinite(one->stats.scenario_plan_cost))
                CHECK(one->stats.scenario_plan_cost >= direct - tol);
            CHECK(one->bound <= direct + tol);
        }
        /* the same answer whatever the threads, when nothing stopped */
        if (one->status == BE_OPTIMAL && two->status == BE_OPTIMAL)
            CHECK(same_solution(one, two));
        if (sd == BE_INFEASIBLE)
            CHECK(one->status == BE_INFEASIBLE);
        be_solution_free(one);
        be_solution_free(two);
        be_model_free(m);
    }
    be__decompose_min_columns = keep;
    printf("scenario: %d whole-unit models through the scenarios' path, %d "
           "proven both ways, %d with a scenarios' bound\n", n, proven,
           bounded);
    CHECK(proven >= n / 2 && bounded >= proven / 2);
}

/* A stochastic program's column values x (a whole-unit plan, of
 * objective `cost` without the program's constant) as the evaluator sees
 * it: every scenario's plan feasible, the scenarios' decisions equal
 * until they part, and the objective what the evaluator prices (with
 * risk, at least that: the risk columns of a plan made without a solve
 * need not be at their best); never below the optimum `best` (with the
 * constant) when it is known. */
static void check_stochastic_x(const be_model *m, const be_program *p,
                               const double *x, double cost, double best)
{
    be_solution *sol = calloc(1, sizeof *sol);
    be_error e;
    REQUIRE(sol);
    sol->integer = 1;
    CHECK(be__stochastic_plans(m, p, x, sol, &e) == BE_OK);
    int S = be_model_scenarios(m);
    for (int s = 0; s < S && sol->scenario_eval; s++)
        CHECK(sol->scenario_eval[s] &&
              sol->scenario_eval[s]->violation == BE_FEASIBLE_PLAN);
    for (int a = 0; a < S && sol->scenario_plan; a++)
        for (int b = a + 1; b < S; b++)
            CHECK(shared_plans(m, sol->scenario_plan, a, b,
                               be_model_scenarios_part(m, a, b)));
    double obj = cost + p->obj_const, alpha, w, tol = 1e-6 * fmax(1, fabs(obj));
    if (be_model_risk(m, &alpha, &w))
        CHECK(obj >= (1 - w) * sol->expected_cost + w * sol->cvar - tol);
    else
        CHECK_CLOSE(obj, sol->expected_cost, 1e-6);
    if (isfinite(best))
        CHECK(obj >= best - tol);
    be_solution_free(sol);
}

/* The plans made without the search (decompose.c, stages 0 and 3): the
 * stochastic LP rounded scenario by scenario, and fix-and-optimize a
 * scenario's nodes at a time, on random whole-unit trees.  Each plan is
 * a plan of the tree (check_stochastic_x), the LP's bound is below the
 * optimum, and fix-and-optimize never makes a plan dearer. */
static void test_scenario_quick_plans(void)
{
    rng = 4242;
    int n = n_models() / 2, rounded = 0, improved = 0;
    for (int i = 0; i < n; i++) {
        gen g;
        be_error e;
        be_model *m = random_whole(&g, i % 4 == 3, i % 3 == 1);
        if (!m)
            continue;
        be_program *p = be__program_build(m, 1, &e);
        REQUIRE(p);
        double best = NAN;
        if (optimum(m, p, 1, 20, &best) == BE_OPTIMAL)
            best += p->obj_const;
        else
            best = NAN;
        be_settings st;
        be_settings_init(&st);
        st.time_limit = 10;
        double *x = calloc((size_t)p->n_cols + 1, sizeof *x), cost, bound;
        int found, better;
        REQUIRE(x);
        CHECK(be__glpk_quick_plan(m, p, &st, x, &cost, &bound, &found, &e) ==
              BE_OK);
        if (isfinite(best) && isfinite(bound))
            CHECK(bound + p->obj_const <=
                  best + 1e-6 * fmax(1, fabs(best)));
        if (found) {
            rounded++;
            check_stochastic_x(m, p, x, cost, best);
            double before = cost;
            CHECK(be__glpk_improve(m, p, &st, x, &cost, &better, &e) ==
                  BE_OK);
            CHECK(better ? cost < before : cost == before);
            improved += better;
            check_stochastic_x(m, p, x, cost, best);
        }
        free(x);
        be__program_free(p);
        be_model_free(m);
    }
    printf("scenario: %d whole-unit trees, %d plans made without the "
           "search, %d improved by fix-and-optimize\n", n, rounded,
           improved);
    CHECK(rounded >= n / 2);
}

/* tests/cli/small-tree.yaml: the heuristic alone, with no time limit
 * (its sub-MIPs stop by node counts, so the plan is the same on any
 * machine), reaches cbc's proven optimum of the written program,
 * 49,545,162.2228 (the program has no constant), by its wide windows of
 * each scenario's whole path; two-year windows stopped at
 * 49,619,465.48.  The plan is one of the tree, priced by the
 * evaluator. */
static void test_scenario_small_tree_heuristic(void)
{
    be_error e = {0};
    be_model *m = be_model_load_file("tests/cli/small-tree.yaml", NULL, &e);
    REQUIRE(m);
    be_program *p = be__program_build(m, 1, &e);
    REQUIRE(p);
    CHECK(p->obj_const == 0.0);
    be_settings st;
    be_settings_init(&st);      /* time_limit 0: no limit here */
    double *x = calloc((size_t)p->n_cols + 1, sizeof *x), cost = NAN;
    int found = 0;
    REQUIRE(x);
    CHECK(be__glpk_heuristic(m, p, &st, x, &cost, &found, &e) == BE_OK);
    CHECK(found);
    if (found) {
        CHECK_CLOSE(cost, 49545162.22278965, 1e-9);
        check_stochastic_x(m, p, x, cost, 49545162.22278965);
    }
    free(x);
    be__program_free(p);
    be_model_free(m);
}

void suite_scenario(void)
{
    RUN(test_scenario_fixed_decision);
    RUN(test_scenario_small_tree_heuristic);
    RUN(test_scenario_issue_tree);
    RUN(test_scenario_later_branch);
    RUN(test_scenario_bad_files);
    RUN(test_scenario_set_first);
    RUN(test_scenario_cvar);
    RUN(test_scenario_none);
    RUN(test_scenario_limits);
    RUN(test_scenario_refusals);
    RUN(test_scenario_worked_example);
    RUN(test_scenario_b200_model);
    RUN(test_scenario_random);
    RUN(test_scenario_lives);
    RUN(test_scenario_bounds);
    RUN(test_scenario_decompose);
    RUN(test_scenario_quick_plans);
}
