/*
 * test_mip.c -- the whole-unit engine: the builder's bounds, the primal
 * heuristic, and the honesty of the answer (README "Whole units").
 *
 * Random models here are of the kind planners write: yearly, quarterly
 * and monthly periods, fleets of mixed ages, power caps, budgets, taxes,
 * rent and availability windows.  BE_MIP_MODELS (default 40) and
 * BE_MIP_SEED change how many and which.
 *
 * What is checked, on every model that loads:
 *  - bounds: solved to optimality with the builder's upper bounds and with
 *    every bound removed, the two optima agree (the bounds keep an optimal
 *    plan; lp.c says why);
 *  - the heuristic: its plan is feasible, whole, and the evaluator prices
 *    it at the cost the heuristic reports; the same model gives the same
 *    plan twice;
 *  - the answer: the objective is the evaluated cost of its own plan, and
 *    the reported bound is never above the cost of any plan we know (the
 *    heuristic's, the optimum, the feasible baselines);
 *  - the start from unit lives (lives.c): the LP relaxation solved from it
 *    and from GLPK's own start end in the same status and optimum, and
 *    the basis it installs is optimal (no simplex iteration left).
 */
#include "check.h"
#include "random_text.h"
#include "program_optimum.h"
#include "engine/glpk_solver.h"
#include "program/lives.h"
#include "rounding_check.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A small model, valid by construction: resale values stay well below
 * prices (no arbitrage), rent costs more than owning, and the initial
 * fleet serves the first period. */
static void random_model(text *y)
{
    static const char *const kinds[] = {"year", "quarter", "month"};
    int kind = pick(0, 2);
    int periods = kind == 0 ? pick(3, 6) : kind == 1 ? pick(4, 8)
                                                     : pick(6, 10);
    int devices = pick(2, 3);
    double dt = kind == 0 ? 1.0 : kind == 1 ? 0.25 : 1.0 / 12;
    y->n = 0;
    add(y, "breakeven: 1\nname: random\n");
    add(y, "horizon: {start: 2025, periods: %d, period: %s}\n", periods,
        kinds[kind]);
    add(y, "discount_rate: %.2f\n", 0.02 + 0.1 * uniform());
    add(y, "integer: true\n");
    add(y, "end_of_horizon: %s\n", uniform() < 0.7 ? "salvage" : "none");
    double demand = pick(4, 30);
    add(y, "demand: {start: %g, growth: %.2f}\n", demand,
        0.05 + 0.4 * uniform());
    add(y, "energy: {price: %.3f, pue: %.2f, utilization: %.2f}\n",
        0.05 + 0.2 * uniform(), 1.1 + 0.4 * uniform(),
        0.4 + 0.5 * uniform());
    int cap = uniform() < 0.5, budget = uniform() < 0.3;
    if (cap || budget) {
        add(y, "site: {");
        if (cap)
            add(y, "power_cap_kw: %g", demand * (3.0 + 4.0 * uniform()));
        if (budget)
            add(y, "%sbudget: %g", cap ? ", " : "",
                (2000.0 + 6000.0 * uniform()) * (dt < 1 ? dt * 4 : 1));
        add(y, "}\n");
    }
    if (uniform() < 0.4)
        add(y, "finance: {tax_rate: %.2f, depreciation_years: %d}\n",
            0.1 + 0.2 * uniform(), pick(2, 5));
    add(y, "devices:\n");
    for (int k = 0; k < devices; k++) {
        double tp = k + 1 + pick(0, 2), price = 200.0 * tp * (1.2 - 0.2 * k);
        int life = pick(2, 5);
        add(y, "  - name: d%d\n    throughput: %g\n", k, tp);
        add(y, "    power_kw: %.2f\n", (0.4 + 0.4 * uniform()) * tp / (k + 1));
        add(y, "    lifetime: %d\n    om: %g\n", life, 5.0 + 20.0 * uniform());
        add(y, "    resale: {fraction: %.2f, half_life: %.1f}\n",
            0.3 + 0.5 * uniform(), 0.8 + 2.0 * uniform());
        add(y, "    price: {start: %g, growth: %.2f}\n", price,
            -0.15 + 0.2 * uniform());
        if (k > 0 && periods > 3 && uniform() < 0.6) {
            int from = pick(1, periods / 2);
            if (kind == 0)
                add(y, "    available: {from: %d}\n", 2025 + from);
            else if (kind == 1)
                add(y, "    available: {from: %d-Q%d}\n", 2025 + from / 4,
                    from % 4 + 1);
            else
                add(y, "    available: {from: %d-%02d}\n", 2025 + from / 12,
                    from % 12 + 1);
        }
    }
    if (uniform() < 0.4)
        add(y, "  - name: cloud\n    throughput: 1\n    rent: %g\n",
            400.0 + 400.0 * uniform());
    /* the fleet: the first device, two cohorts of mixed ages */
    int n0 = (int)(demand / 1.0) / 2 + 1;
    add(y, "fleet:\n");
    add(y, "  - {device: d0, count: %d, age: %g, purchase_price: 200}\n",
        n0, pick(0, 1) + 0.0);
    add(y, "  - {device: d0, count: %d, age: 1, purchase_price: 220}\n",
        n0);
}

static int same_plan(const be_plan *a, const be_plan *b)
{
    size_t tk = (size_t)a->periods * (size_t)a->devices;
    size_t tj = (size_t)a->periods * (size_t)a->cohorts;
    return memcmp(a->buy, b->buy, tk * sizeof *a->buy) == 0 &&
           memcmp(a->rent, b->rent, tk * sizeof *a->rent) == 0 &&
           memcmp(a->retire, b->retire, tj * sizeof *a->retire) == 0;
}

/* The heuristic's plan, priced; NULL when it found none. */
static be_plan *heuristic_plan(const be_model *m, const be_program *p,
                               double *cost)
{
    be_error err = {0};
    be_settings s;
    be_settings_init(&s);
    double *x = calloc((size_t)p->n_cols + 1, sizeof *x);
    int found = 0;
    be_plan *plan = NULL;
    if (x && be__glpk_heuristic(m, p, &s, x, cost, &found, &err) == BE_OK &&
        found)
        plan = be__program_plan(m, p, x, 1);
    free(x);
    return plan;
}


/* Solve p (an LP) with or without the start from unit lives. */
static be_status lp_optimum(const be_model *m, const be_program *p, int lives,
                            double *objective, int *iterations, int *started)
{
    be_glpk_out out;
    be_error err = {0};
    be__lives_off = !lives;
    be_code rc = be__glpk_solve(m, p, NULL, &out, &err);
    be__lives_off = 0;
    if (rc != BE_OK)
        return BE_NO_PLAN;
    *objective = out.objective;
    *iterations = out.iterations;
    *started = out.lives_started;
    free(out.x);
    free(out.dual);
    return out.status;
}


static void test_mip_random(void)
{
    const char *n_env = getenv("BE_MIP_MODELS");
    const char *seed = getenv("BE_MIP_SEED");
    int n = n_env ? (int)strtol(n_env, NULL, 10) : 40;
    rng = seed ? strtoull(seed, NULL, 10) : 20261201u;
    if (rng == 0)
        rng = 1;
    int loaded = 0, optimal = 0, heuristic = 0, baselines = 0;
    int only_bounded = 0, relaxations = 0;
    text y;
    for (int i = 0; i < n; i++) {
        random_model(&y);
        be_error err = {0};
        be_model *m = be_model_load_string(y.buf, y.n, "random", NULL, &err);
        if (!m)         /* e.g. a resale curve the arbitrage check refuses */
            continue;
        loaded++;
        int bad = check_failures;
        be_program *p = be__program_build(m, 1, &err);
        CHECK(p != NULL);
        if (!p) {
            be_model_free(m);
            continue;
        }
        /* every whole-unit column has a finite bound */
        for (int j = 0; j < p->n_cols; j++)
            CHECK(!p->cols[j].integer || isfinite(p->cols[j].upper));

        double with = NAN, without = NAN;
        /* without bounds GLPK often cannot prove the optimum in seconds
         * (the reason for them): such models are only counted */
        be_status sw = optimum(m, p, 1, 10, &with);
        be_status so = optimum(m, p, 0, 3, &without);
        if (sw == BE_OPTIMAL && so == BE_OPTIMAL) {
            optimal++;
            CHECK_CLOSE(with, without, 2e-6);
        }
        only_bounded += sw == BE_OPTIMAL && so != BE_OPTIMAL;
        CHECK(sw == so || sw == BE_TIME_LIMIT_PLAN || so == BE_TIME_LIMIT_PLAN);

        double hc = NAN, hc2 = NAN;
        be_plan *hp = heuristic_plan(m, p, &hc);
        be_plan *hp2 = heuristic_plan(m, p, &hc2);
        CHECK((hp == NULL) == (hp2 == NULL));
        if (hp && hp2)
            CHECK(same_plan(hp, hp2) && hc == hc2);      /* deterministic */
        be_eval *he = hp ? be_evaluate(m, hp, &err) : NULL;
        if (he) {
            heuristic++;
            CHECK(he->violation == BE_FEASIBLE_PLAN);
            CHECK_CLOSE(he->cost.total, hc, 1e-7);
            if (sw == BE_OPTIMAL)
                CHECK(hc >= with - 1e-6 * fmax(1.0, fabs(with)));
        }
        /* a plan exists (optimum found) => the heuristic found one too on
         * models this small */
        if (sw == BE_OPTIMAL)
            CHECK(hp != NULL);

        be_settings s;
        be_settings_init(&s);
        s.time_limit = 10;
        be_solution *sol = be_solve(m, &s, &err);
        CHECK(sol != NULL);
        if (sol && sol->plan) {
            double tol = 1e-6 * fmax(1.0, fabs(sol->objective));
            CHECK_CLOSE(sol->objective, sol->eval->cost.total, 1e-7);
            CHECK(sol->bound <= sol->objective + tol);
            /* the bound is at least the LP relaxation's (the heuristic
             * solves it first), and never GLPK's -DBL_MAX */
            be_program *r = be__program_build(m, 0, &err);
            double relaxed = NAN;
            int it, st;
            if (r && lp_optimum(m, r, 1, &relaxed, &it, &st) == BE_OPTIMAL) {
                relaxations++;
                CHECK(isfinite(sol->bound));
                CHECK(sol->bound >= relaxed - tol);
            }
            be__program_free(r);
            if (he)
                CHECK(sol->bound <= he->cost.total + tol);
            if (sw == BE_OPTIMAL)
                CHECK(sol->bound <= with + tol);
            for (int b = 0; b < 2; b++) {
                be_plan *bp = be_baseline_plan(m, (be_baseline)b, 0, &err);
                be_eval *be = bp ? be_evaluate(m, bp, &err) : NULL;
                if (be && be->violation == BE_FEASIBLE_PLAN) {
                    baselines++;
                    CHECK(sol->bound <= be->cost.total + tol);
                    CHECK(sol->objective <= be->cost.total + tol);
                }
                be_eval_free(be);
                be_plan_free(bp);
            }
        }
        if (check_failures > bad)
            fprintf(stderr, "mip check failed on model %d:\n%s\n", i, y.buf);
        be_solution_free(sol);
        be_eval_free(he);
        be_plan_free(hp);
        be_plan_free(hp2);
        be__program_free(p);
        be_model_free(m);
    }
    fprintf(stderr, "mip: %d models, %d loaded, %d optimal both ways, %d "
            "proven only with the bounds, %d heuristic plans, %d feasible "
            "baselines, %d bounds at least the relaxation's\n", n, loaded,
            optimal, only_bounded, heuristic, baselines, relaxations);
    /* coverage: the generator must exercise what it claims */
    CHECK(n < 20 || loaded >= n * 3 / 4);
    CHECK(n < 20 || optimal >= loaded / 2);
    CHECK(n < 20 || heuristic >= optimal);
    CHECK(n < 20 || relaxations >= optimal);
}

/* The default time limit of a whole-unit solve, and the stats of one. */
static void test_mip_default_limit(void)
{
    static const char y[] =
        "breakeven: 1\nhorizon: {start: 2025, periods: 3}\n"
        "discount_rate: 0\ninteger: true\nend_of_horizon: none\n"
        "demand: 2.5\nenergy: {price: 0}\n"
        "devices:\n  - {name: a, throughput: 1, lifetime: 5, price: 100, "
        "om: 0}\n";
    be_error err = {0};
    be_model *m = be_model_load_string(y, sizeof y - 1, "t", NULL, &err);
    REQUIRE(m != NULL);
    be_solution *sol = be_solve(m, NULL, &err);
    REQUIRE(sol != NULL && sol->plan != NULL);
    CHECK(sol->stats.time_limit == BE_DEFAULT_MIP_SECONDS);
    /* 3 whole units in 2025 (2.5 rounded up), kept: 300 */
    CHECK_CLOSE(sol->objective, 300.0, 1e-12);
    CHECK_CLOSE(sol->stats.heuristic_cost, 300.0, 1e-9);
    CHECK(sol->stats.first_plan_seconds >= 0.0);
    CHECK(sol->bound <= 300.0 && sol->bound >= 300.0 * (1 - 1e-6) - 1e-6);
    be_solution_free(sol);
    be_settings s;
    be_settings_init(&s);
    s.relax = 1;
    sol = be_solve(m, &s, &err);
    REQUIRE(sol != NULL);
    CHECK(isinf(sol->stats.time_limit));   /* an LP: no limit */
    CHECK_CLOSE(sol->objective, 250.0, 1e-12);
    be_solution_free(sol);
    s.relax = 0;
    s.time_limit = INFINITY;
    sol = be_solve(m, &s, &err);
    CHECK(sol && isinf(sol->stats.time_limit));
    be_solution_free(sol);
    s.time_limit = -1;
    sol = be_solve(m, &s, &err);
    CHECK(sol == NULL && err.code == BE_EARG);
    be_model_free(m);
}


/* The rounding's shortcut (tests/rounding_check.h) on random models with
 * one workload. */
static void test_mip_rounding_shortcut(void)
{
    const char *n_env = getenv("BE_MIP_MODELS");
    int n = n_env ? (int)strtol(n_env, NULL, 10) : 40;
    rng = 20261207u;
    int models = 0, plans = 0;
    text y;
    for (int i = 0; i < n; i++) {
        random_model(&y);
        be_error err = {0};
        be_model *m = be_model_load_string(y.buf, y.n, "random", NULL, &err);
        if (!m)
            continue;
        models++;
        plans += rounding_check(m);
        be_model_free(m);
    }
    CHECK(models > n / 2);
    CHECK(plans > models);       /* most models give plans both ways */
    printf("mip: rounding with and without its shortcut, %d models, "
           "%d plans the same\n", models, plans);
}

static void test_mip_lives(void)
{
    const char *n_env = getenv("BE_MIP_MODELS");
    int n = n_env ? 3 * (int)strtol(n_env, NULL, 10) : 120;
    rng = 20261202u;
    int feasible = 0, started = 0, no_iterations = 0, infeasible = 0;
    text y;
    for (int i = 0; i < n; i++) {
        random_model(&y);
        /* now and then a demand no site can serve (infeasible under a
         * power cap or budget) */
        static const char *const huge[] = {"demand.start=1e7"};
        be_load_options o;
        be_load_options_init(&o);
        o.overrides = huge;
        o.n_overrides = uniform() < 0.25;
        be_error err = {0};
        be_model *m = be_model_load_string(y.buf, y.n, "random", &o, &err);
        if (!m)
            continue;
        be_program *p = be__program_build(m, 0, &err);
        REQUIRE(p != NULL);
        int bad = check_failures;
        double with = NAN, without = NAN;
        int it_with = -1, it_without = -1, st_with = 0, st_without = 0;
        be_status a = lp_optimum(m, p, 1, &with, &it_with, &st_with);
        be_status b = lp_optimum(m, p, 0, &without, &it_without, &st_without);
        CHECK(a == b);
        CHECK(st_without == 0);
        if (a == BE_OPTIMAL && b == BE_OPTIMAL) {
            feasible++;
            CHECK_CLOSE(with, without, 1e-9);
            started += st_with;
            no_iterations += st_with && it_with == 0;
            CHECK(st_with);          /* every random program is plain */
        }
        infeasible += a == BE_INFEASIBLE;
        if (check_failures > bad)
            fprintf(stderr, "lives check failed on model %d (%d, %d "
                    "iterations):\n%s\n", i, it_with, it_without, y.buf);
        be__program_free(p);
        be_model_free(m);
    }
    fprintf(stderr, "lives: %d programs with an optimum, %d started from "
            "unit lives, %d of them with no simplex iteration left; %d "
            "infeasible\n", feasible, started, no_iterations, infeasible);
    CHECK(n < 20 || feasible >= n / 2);
    /* the crossover basis is optimal, not just a good start */
    CHECK(no_iterations == started);

    /* programs that are not plain cohort programs get no lives master */
    static const char tiny[] =
        "breakeven: 1\nhorizon: {start: 2025, periods: 3}\n"
        "discount_rate: 0\ninteger: false\nend_of_horizon: none\n"
        "demand: 2.5\nenergy: {price: 0}\n"
        "devices:\n  - {name: a, throughput: 1, lifetime: 5, price: 100, "
        "om: 0}\n";
    be_error err = {0};
    be_model *m = be_model_load_string(tiny, sizeof tiny - 1, "t", NULL, &err);
    REQUIRE(m != NULL);
    be_program *p = be__program_build(m, 0, &err);
    REQUIRE(p != NULL);
    be_lives *L = be__lives_new(m, p);
    CHECK(L != NULL);
    /* 3 demand rows, no fleet: the master has the 3, and an artificial on
     * each (zero does not meet a demand of 2.5) */
    CHECK(L && be__lives_rows(L) == 3 && be__lives_cols(L) == 3);
    be__lives_free(L);
    CHECK(be__program_add_slack(p, p->n_rows - 1, 1.0) >= 0);
    CHECK(be__lives_new(m, p) == NULL);
    be__program_free(p);
    be_model_free(m);
}

/* The LP rounded under a power cap that binds at the end of the horizon,
 * where the newest unit draws more power than the one it replaces: the
 * repairs trade several old units for fewer new ones (rounding.c,
 * swap_unit).  Before they did, one for one, the rounding found no plan
 * on this model and the first plan was the baseline's, 28% above the LP
 * bound; the rounded plan is within 4% of it. */
static void test_mip_capped_rounding(void)
{
    be_error e;
    be_model *m = be_model_load_file("tests/cli/capped-monthly.yaml", NULL,
                                     &e);
    REQUIRE(m);
    be_program *p = be__program_build(m, 1, &e);
    REQUIRE(p);
    double *x = calloc((size_t)p->n_cols + 1, sizeof *x), cost, bound;
    int found;
    REQUIRE(x);
    be_settings st;
    be_settings_init(&st);
    st.time_limit = 20;
    CHECK(be__glpk_quick_plan(m, p, &st, x, &cost, &bound, &found, &e) ==
          BE_OK);
    CHECK(found && isfinite(bound));
    if (found && isfinite(bound))
        CHECK(cost + p->obj_const <= 1.04 * (bound + p->obj_const));
    free(x);
    be__program_free(p);
    be_model_free(m);
}

void suite_mip(void)
{
    RUN(test_mip_lives);
    RUN(test_mip_rounding_shortcut);
    RUN(test_mip_capped_rounding);
    RUN(test_mip_default_limit);
    RUN(test_mip_random);
}
