/*
 * test_solve.c -- whole solves: the textbook optima in examples/, every
 * model in models/, statuses, settings, and the rule that the solver's
 * objective equals the evaluated cost of its own schedule.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "breakeven.h"

void suite_solve(void);

/* Solve a file; NULL (and a failed check) if it does not load or solve. */
static be_solution *solve_file(const char *path, be_model **mp, int relax)
{
    be_error err = {0};
    be_model *m = be_model_load_file(path, NULL, &err);
    if (!m) {
        fprintf(stderr, "  %s:%d:%d: %s\n", err.file, err.line, err.column,
                err.message);
        CHECK(m != NULL);
        return NULL;
    }
    be_settings s;
    be_settings_init(&s);
    s.relax = relax;
    /* 60 s of wall clock; under valgrind (tests/run-all sets
     * BE_TEST_TIME_LIMIT) the same solve needs many times that */
    const char *limit = getenv("BE_TEST_TIME_LIMIT");
    s.time_limit = limit ? strtod(limit, NULL) : 60;
    be_solution *sol = be_solve(m, &s, &err);
    if (!sol) {
        fprintf(stderr, "  %s: %s\n", path, err.message);
        CHECK(sol != NULL);
        be_model_free(m);
        return NULL;
    }
    *mp = m;
    return sol;
}

/* The objective GLPK reports equals the evaluator's price of the plan. */
static void check_agrees(const be_solution *sol)
{
    REQUIRE(sol->plan && sol->eval);
    CHECK_CLOSE(sol->objective, sol->eval->cost.total, 1e-7);
    CHECK(sol->eval->violation == BE_FEASIBLE_PLAN);
}

/* Winston, Operations Research, the engine-analyzer equipment-replacement
 * problem: g(t) = min_x { c(t,x) + g(x) } with c = 1000 + O&M - trade-in;
 * c(t,t+1) = 260, c(t,t+2) = 540, c(t,t+3) = 760; g(0) = 1280. */
static void test_solve_engine_analyzer(void)
{
    be_model *m;
    be_solution *sol = solve_file("examples/engine-analyzer.yaml", &m, 0);
    REQUIRE(sol);
    CHECK(sol->status == BE_OPTIMAL);
    CHECK_CLOSE(sol->objective, 1280, 1e-9);
    check_agrees(sol);
    be_solution_free(sol);
    be_model_free(m);
}

/* Economic life: price 6100, scrap 100, O&M 100 .. 2000; over 12 years two
 * 6-year cycles, each 6100 + 3450 - 100 = 9450: 18900. */
static void test_solve_economic_life(void)
{
    be_model *m;
    be_solution *sol = solve_file("examples/economic-life.yaml", &m, 0);
    REQUIRE(sol);
    CHECK(sol->status == BE_OPTIMAL);
    CHECK_CLOSE(sol->objective, 18900, 1e-9);
    check_agrees(sol);
    /* the LP relaxation cannot do better here: one machine is always
     * needed and the DP's network matrix is totally unimodular */
    be_model *m2;
    be_solution *lp = solve_file("examples/economic-life.yaml", &m2, 1);
    be_model_free(m);
    REQUIRE(lp);
    be_model_free(m2);
    CHECK_CLOSE(lp->objective, 18900, 1e-9);
    check_agrees(lp);
    be_solution_free(lp);
    be_solution_free(sol);
}

static void test_solve_models(void)
{
    static const char *const files[] = {
        "models/seed-1mw.yaml", "models/gpu-generations.yaml",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        be_model *m;
        be_solution *sol = solve_file(files[i], &m, 0);
        if (!sol)
            continue;
        CHECK(sol->status == BE_OPTIMAL);
        check_agrees(sol);
        be_model *m2 = NULL;
        be_solution *lp = solve_file(files[i], &m2, 1);
        be_model_free(m);
        be_model_free(m2);
        if (lp) {
            /* the relaxation is a lower bound on the whole-unit optimum */
            CHECK(lp->objective <= sol->objective + 1e-7 * fabs(sol->objective));
            check_agrees(lp);
        }
        be_solution_free(lp);
        be_solution_free(sol);
    }
}

static be_solution *solve_text(const char *y, be_model **mp)
{
    be_error err = {0};
    *mp = be_model_load_string(y, strlen(y), "inline", NULL, &err);
    if (!*mp) {
        fprintf(stderr, "  inline:%d:%d: %s\n", err.line, err.column,
                err.message);
        return NULL;
    }
    return be_solve(*mp, NULL, &err);
}

/* 40 units of demand, 30 kW of site power, 1 kW per unit: infeasible, and
 * the simple power bound names 2026 and the cap. */
static void test_solve_infeasible(void)
{
    be_model *m;
    be_solution *sol = solve_text(
        "breakeven: 1\n"
        "horizon: {start: 2024, periods: 3}\n"
        "demand: [20, 30, 40]\n"
        "site: {power_cap_kw: 30}\n"
        "devices:\n"
        "  - {name: box, throughput: 1, power_kw: 1, lifetime: 5, price: 100}\n",
        &m);
    REQUIRE(sol);
    CHECK(sol->status == BE_INFEASIBLE);
    CHECK(sol->plan == NULL && sol->eval == NULL);
    CHECK_STR(sol->reason, "2026: demand of 40 cannot be met: at most 30 fits "
                           "under the 30 kW power cap");
    be_solution_free(sol);
    be_model_free(m);

    /* The fleet alone could serve 120 but only 100 fits under 10 kW: ten
     * units of 10 per kW first (10 kW), none of the 2-per-kW ones. */
    sol = solve_text(
        "breakeven: 1\n"
        "horizon: {start: 2024, periods: 1}\n"
        "demand: 101\n"
        "site: {power_cap_kw: 10}\n"
        "devices:\n"
        "  - {name: a, throughput: 10, power_kw: 1, lifetime: 5}\n"
        "  - {name: b, throughput: 2, power_kw: 1, lifetime: 5}\n"
        "fleet:\n"
        "  - {device: b, count: 10, age: 1}\n"
        "  - {device: a, count: 10, age: 1}\n",
        &m);
    REQUIRE(sol);
    CHECK(sol->status == BE_INFEASIBLE);
    CHECK_STR(sol->reason, "2024: demand of 101 cannot be met: at most 100 "
                           "fits under the 10 kW power cap");
    be_solution_free(sol);
    be_model_free(m);

    /* nothing for sale and the fleet is too small */
    sol = solve_text(
        "breakeven: 1\n"
        "horizon: {start: 2024, periods: 2}\n"
        "demand: 5\n"
        "devices:\n"
        "  - {name: box, throughput: 1, lifetime: 5}\n"
        "fleet:\n"
        "  - {device: box, count: 3, age: 1}\n",
        &m);
    REQUIRE(sol);
    CHECK(sol->status == BE_INFEASIBLE);
    CHECK_STR(sol->reason, "2024: demand of 5 cannot be met: the fleet in "
                           "place delivers at most 3 and nothing can be "
                           "bought or rented then");
    be_solution_free(sol);
    be_model_free(m);
}

/* Whole units against fractional ones: demand 2.5 with throughput 1 costs
 * 3 units as a MIP and 2.5 as an LP.  Price 100, no running costs, no
 * resale, one period: MIP 300, LP 250. */
static void test_solve_integer_vs_relaxed(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2024, periods: 1}\n"
        "demand: 2.5\n"
        "devices:\n"
        "  - {name: box, throughput: 1, lifetime: 5, price: 100}\n";
    be_error err = {0};
    be_model *m = be_model_load_string(y, sizeof y - 1, "int", NULL, &err);
    REQUIRE(m);
    be_settings s;
    be_settings_init(&s);
    be_solution *a = be_solve(m, &s, &err);
    s.relax = 1;
    be_solution *b = be_solve(m, &s, &err);
    REQUIRE(a && b);
    CHECK_CLOSE(a->objective, 300, 1e-9);
    CHECK(a->integer == 1 && a->stats.integer_cols > 0);
    CHECK_CLOSE(b->objective, 250, 1e-9);
    CHECK(b->integer == 0 && b->stats.integer_cols == 0);
    check_agrees(a);
    check_agrees(b);
    be_solution_free(a);
    be_solution_free(b);

    s.mip_gap = 2;
    CHECK(be_solve(m, &s, &err) == NULL && err.code == BE_EARG);
    be_settings_init(&s);
    s.time_limit = -1;
    CHECK(be_solve(m, &s, &err) == NULL && err.code == BE_EARG);
    be_model_free(m);
}

/* Shadow prices.  One period, demand 2.5, price 100, a 3 kW cap, 1 kW per
 * unit.  As an LP, one more unit of demand costs one more unit of
 * capacity: 100; the cap is slack (2.5 kW used): 0.  As a MIP, the LP with
 * the 3 bought units fixed has 0.5 of spare capacity: demand's price 0. */
static void test_solve_shadow_prices(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2024, periods: 1}\n"
        "demand: 2.5\n"
        "site: {power_cap_kw: 3}\n"
        "devices:\n"
        "  - {name: box, throughput: 1, power_kw: 1, lifetime: 5, price: 100}\n";
    be_error err = {0};
    be_model *m = be_model_load_string(y, sizeof y - 1, "dual", NULL, &err);
    REQUIRE(m);
    be_settings s;
    be_settings_init(&s);
    be_solution *a = be_solve(m, &s, &err);
    REQUIRE(a);
    CHECK(a->demand_price == NULL);          /* not asked for */
    be_solution_free(a);
    s.duals = 1;
    s.relax = 1;
    a = be_solve(m, &s, &err);
    REQUIRE(a && a->demand_price);
    CHECK_CLOSE(a->demand_price[0], 100, 1e-9);
    CHECK_CLOSE(a->power_price[0], 0, 1e-9);
    CHECK(a->duals_fixed == 0);
    be_solution_free(a);
    s.relax = 0;
    a = be_solve(m, &s, &err);
    REQUIRE(a && a->demand_price);
    CHECK_CLOSE(a->demand_price[0], 0, 1e-9);  /* 3 units cover 2.5 */
    CHECK(a->duals_fixed == 1);
    be_solution_free(a);
    be_model_free(m);
}

/* GLPK's output goes to the log function, never to stdout. */
static int log_calls;
static void count_log(void *ctx, const char *text)
{
    (void)ctx;
    (void)text;
    log_calls++;
}

static void test_solve_log_routed(void)
{
    be_model *m = NULL;
    be_error err = {0};
    m = be_model_load_file("examples/engine-analyzer.yaml", NULL, &err);
    REQUIRE(m);
    be_settings s;
    be_settings_init(&s);
    s.log = count_log;
    log_calls = 0;
    be_solution *sol = be_solve(m, &s, &err);
    REQUIRE(sol);
    CHECK(log_calls > 0);
    be_solution_free(sol);
    be_model_free(m);
}

/* Progress reports arrive during a MIP search, and the last one has the
 * plan that is returned (seed model: several incumbents). */
static int progress_calls;
static be_progress last_progress;
static void count_progress(void *ctx, const be_progress *p)
{
    (void)ctx;
    progress_calls++;
    last_progress = *p;
}

static void test_solve_progress(void)
{
    be_error err = {0};
    be_model *m = be_model_load_file("models/seed-1mw.yaml", NULL, &err);
    REQUIRE(m);
    be_settings s;
    be_settings_init(&s);
    s.progress = count_progress;
    progress_calls = 0;
    be_solution *sol = be_solve(m, &s, &err);
    REQUIRE(sol);
    CHECK(progress_calls > 0);
    CHECK(last_progress.have_plan);
    CHECK(last_progress.best >= sol->objective - 1e-6 * sol->objective);
    CHECK(last_progress.bound <= sol->objective + 1e-6 * sol->objective);
    be_solution_free(sol);
    be_model_free(m);
}

/* Warm starts.  The seed model solved cold, then again from its own
 * basis, then at another energy price from that basis: the same optima as
 * cold solves; as LPs the kept basis is used (and the repeat needs fewer
 * simplex iterations), as MIPs it is not.  A basis of another shape (the
 * engine analyzer) is ignored. */
static double solve_with(const char *path, const char *set, be_basis *b,
                         int relax, be_stats *stats)
{
    be_error err = {0};
    be_load_options lo;
    be_load_options_init(&lo);
    const char *ov[1] = {set};
    lo.overrides = ov;
    lo.n_overrides = set ? 1 : 0;
    be_model *m = be_model_load_file(path, &lo, &err);
    if (!m)
        return NAN;
    be_settings s;
    be_settings_init(&s);
    s.basis = b;
    s.relax = relax;
    be_solution *sol = be_solve(m, &s, &err);
    double obj = sol && sol->plan ? sol->objective : NAN;
    if (sol && sol->plan)
        CHECK_CLOSE(sol->objective, sol->eval->cost.total, 1e-7);
    if (sol)
        *stats = sol->stats;
    be_solution_free(sol);
    be_model_free(m);
    return obj;
}

static void test_solve_warm_start(void)
{
    for (int relax = 0; relax <= 1; relax++) {
        be_basis *b = be_basis_new();
        REQUIRE(b);
        be_stats cold, first, again, moved, other;
        const char *seed = "models/seed-1mw.yaml";
        double c0 = solve_with(seed, NULL, NULL, relax, &cold);
        double c1 = solve_with(seed, NULL, b, relax, &first);
        double c2 = solve_with(seed, NULL, b, relax, &again);
        double c3 = solve_with(seed, "energy.price=0.12", b, relax, &moved);
        double c4 = solve_with(seed, "energy.price=0.12", NULL, relax, &cold);
        CHECK_CLOSE(c1, c0, 1e-9);
        CHECK_CLOSE(c2, c0, 1e-9);
        CHECK_CLOSE(c3, c4, 1e-9);
        CHECK(first.warm_started == 0);
        /* only LPs start warm (see be_basis) */
        CHECK(again.warm_started == relax && moved.warm_started == relax);
        /* from its own optimal basis an LP has nothing left to do */
        if (relax)
            CHECK(again.simplex_iterations == 0);
        /* a basis survives a trip through bytes (another process); MIP
         * solves keep none */
        CHECK((be_basis_encode(b, NULL, 0) > 0) == relax);
        if (relax) {
            size_t n = be_basis_encode(b, NULL, 0);
            unsigned char *bytes = malloc(n);
            REQUIRE(n > 12 && bytes && be_basis_encode(b, bytes, n) == n);
            be_basis *copy = be_basis_new();
            REQUIRE(copy);
            CHECK(be_basis_decode(copy, bytes, n) == BE_OK);
            be_stats decoded;
            CHECK_CLOSE(solve_with(seed, "energy.price=0.12", copy, relax,
                                   &decoded), c4, 1e-9);
            CHECK(decoded.warm_started == relax);
            bytes[12] = 9;                    /* not a GLPK status */
            CHECK(be_basis_decode(copy, bytes, n) == BE_EARG);
            CHECK(be_basis_decode(copy, bytes, 5) == BE_EARG);
            be_basis_free(copy);
            free(bytes);
        }
        double e = solve_with("examples/engine-analyzer.yaml", NULL, b, relax,
                              &other);
        CHECK(other.warm_started == 0);
        /* 1280 relaxed too: with demand 1 a plan is a set of holding
         * intervals covering the 5 years, and the LP of covering a line by
         * intervals has a totally unimodular (consecutive-ones) matrix, so
         * its optimum is a whole-unit one (Winston's shortest path). */
        CHECK_CLOSE(e, 1280, 1e-9);
        be_basis_free(b);
    }
    be_basis_free(NULL);
}

void suite_solve(void)
{
    RUN(test_solve_warm_start);
    RUN(test_solve_progress);
    RUN(test_solve_engine_analyzer);
    RUN(test_solve_economic_life);
    RUN(test_solve_models);
    RUN(test_solve_infeasible);
    RUN(test_solve_integer_vs_relaxed);
    RUN(test_solve_log_routed);
    RUN(test_solve_shadow_prices);
    be_cleanup();
}
