/*
 * test_advance.c -- the model as of a later period (be_model_advance,
 * docs/replanning.md): its cost of a plan's decisions from that period on
 * is the old model's cost of them, discounted to that period, less the
 * sale of the units whose life ends then (they leave at its start and are
 * not in the new fleet).  Held for every model in examples/ and models/
 * without scenarios, with the optimal plan (whole units within a short
 * limit, and the relaxation) and the run-to-end-of-life baseline, at every
 * period; the random models without workloads are test_property.c's,
 * random workload models are here.  Every advanced model is also written
 * as a file and read back, and every plan written as a plan file and read
 * back (advance_check.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "advance_check.h"
#include "random_text.h"

void suite_advance(void);

static const char *const files[] = {
    "examples/budget-refresh.yaml", "examples/buy-or-rent.yaml",
    "examples/economic-life.yaml",  "examples/energy-crunch.yaml",
    "examples/engine-analyzer.yaml", "examples/power-cap.yaml",
    "examples/taxes.yaml",          "examples/ten-to-five.yaml",
    "examples/revenue.yaml",        "examples/replan-walk.yaml",
    "models/b200-launch.yaml",
    "models/gpu-generations.yaml",  "models/power-capped-site.yaml",
    "models/seed-1mw.yaml",         "models/ai-capex-17x.yaml",
    "tests/golden/monthly.yaml"};

/* check_advance_all on the optimal plan (whole units within s's limit,
 * and the relaxation) and on the run-to-end-of-life baseline of m;
 * returns the number of advanced models checked. */
static int check_plans_of(const be_model *m, be_settings *s, const char *name)
{
    be_error err = {0};
    int steps = 0;
    for (int relax = 0; relax <= 1; relax++) {
        s->relax = relax;
        be_solution *sol = be_solve(m, s, &err);
        if (sol && sol->plan)
            steps += check_advance_all(m, sol->plan, name);
        be_solution_free(sol);
    }
    be_plan *eol = be_baseline_plan(m, BE_BASELINE_END_OF_LIFE, 0, &err);
    if (eol)
        steps += check_advance_all(m, eol, name);
    be_plan_free(eol);
    return steps;
}

static void test_advance_repository(void)
{
    int models = 0, steps = 0;
    be_settings s;
    be_settings_init(&s);
    s.time_limit = 5;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        be_error err = {0};
        be_model *m = be_model_load_file(files[i], NULL, &err);
        if (!m) {
            /* a file not written yet is not this test's failure */
            if (err.code != BE_EIO)
                fprintf(stderr, "%s: %s\n", files[i], err.message);
            CHECK(err.code == BE_EIO);
            continue;
        }
        if (be_model_scenarios(m) > 0) {
            be_model_free(m);
            continue;
        }
        models++;
        steps += check_plans_of(m, &s, files[i]);
        be_model_free(m);
    }
    fprintf(stderr, "advance: %d repository models, %d advanced models "
            "priced against their continuation\n", models, steps);
    CHECK(models >= 10);
    be_cleanup();
}

/* A random workload model (docs/workloads.md) in y: two or three
 * workloads, some with revenue and a market; devices that serve one
 * workload, some of them, or all alike (a number); one of them rented
 * sometimes; yearly or quarterly; whole units or not. */
static void random_workload_model(text *y)
{
    static const char *const names[] = {"training", "inference", "batch"};
    int W = pick(2, 3), K = pick(2, 4), quarterly = uniform() < 0.3;
    y->n = 0;
    y->full = 0;
    add(y, "breakeven: 1\nname: random workloads\n");
    add(y, "horizon: {start: 2026, periods: %d, period: %s}\n",
        quarterly ? pick(4, 8) : pick(3, 5), quarterly ? "quarter" : "year");
    add(y, "discount_rate: %.2f\ninteger: %s\n", 0.03 + 0.1 * uniform(),
        uniform() < 0.4 ? "true" : "false");
    add(y, "energy: {price: 0.1, pue: 1.25}\nworkloads:\n");
    for (int w = 0; w < W; w++) {
        add(y, "  - name: %s\n    demand: {start: %d, growth: %.2f}\n",
            names[w], pick(3, 15), 0.4 * uniform());
        if (uniform() < 0.5)
            add(y, "    revenue: {price: %d, market: {start: %d, growth: "
                "0.3}}\n", pick(800, 6000), pick(16, 30));
    }
    add(y, "devices:\n");
    for (int k = 0; k < K; k++) {
        add(y, "  - name: d%d\n    throughput: ", k);
        int kind = k == 0 ? 2 : pick(0, 2);   /* d0 serves everything */
        if (kind == 2) {
            add(y, "%.1f\n", 1.0 + 2.0 * uniform());
        } else {
            int first = pick(0, W - 1);
            add(y, "{%s: %.1f", names[first], 0.5 + 2.0 * uniform());
            for (int w = 0; kind == 1 && w < W; w++)
                if (w != first && uniform() < 0.7)
                    add(y, ", %s: %.1f", names[w], 0.5 + 3.0 * uniform());
            add(y, "}\n");
        }
        if (k > 0 && uniform() < 0.2) {
            add(y, "    rent: %d\n", pick(3000, 9000));
            continue;
        }
        add(y, "    power_kw: %.1f\n    lifetime: %d\n    om: %d\n",
            0.5 + uniform(), pick(2, 5), pick(50, 500));
        add(y, "    price: {start: %d, growth: %.2f}\n", pick(4000, 20000),
            -0.15 * uniform());
        add(y, "    resale: {fraction: 0.5, half_life: 2}\n");
    }
    add(y, "fleet:\n  - {device: d0, count: %d, age: 1, purchase_price: "
        "9000}\n", pick(2, 10));
}

/* Random workload models: the continuation of the optimal plan (whole
 * units within a short limit, and the relaxation) and of the run-to-end-
 * of-life baseline costs in the advanced model what it costs in the old,
 * and the advanced models and the plans round-trip through their files. */
static void test_advance_workloads(void)
{
    int models = 0, steps = 0, shared = 0;
    be_settings s;
    be_settings_init(&s);
    s.time_limit = 5;
    rng = 20;
    for (int i = 0; i < 12; i++) {
        text y;
        random_workload_model(&y);
        REQUIRE(!y.full);
        be_error err = {0};
        be_model *m = be_model_load_string(y.buf, y.n, "random", NULL, &err);
        if (!m)
            fprintf(stderr, "random workload model: %d:%d: %s\n%s\n",
                    err.line, err.column, err.message, y.buf);
        CHECK(m != NULL);
        if (!m)
            continue;
        models++;
        for (int k = 0; k < be_model_devices(m); k++)
            shared += be__sole_workload(m, k) < 0;
        steps += check_plans_of(m, &s, "random workloads");
        be_model_free(m);
    }
    fprintf(stderr, "advance: %d random workload models (%d devices that "
            "serve several workloads), %d advanced models priced against "
            "their continuation\n", models, shared, steps);
    CHECK(models == 12 && shared >= 12 && steps >= 50);
    be_cleanup();
}

static void test_advance_refusals(void)
{
    const char *y = "breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                    "demand: 1\ndevices:\n  - {name: a, throughput: 1, "
                    "lifetime: 4, price: 100}\n";
    be_error err = {0};
    be_model *m = be_model_load_string(y, strlen(y), "t", NULL, &err);
    REQUIRE(m != NULL);
    be_plan *p = be_plan_new(m);
    CHECK(be_model_advance(m, p, 0, 0, &err) == NULL && err.code == BE_EARG);
    CHECK(be_model_advance(m, p, 3, 0, &err) == NULL && err.code == BE_EARG);
    CHECK(be_model_advance(m, p, 1, 3, &err) == NULL && err.code == BE_EARG);
    be_model *a = be_model_advance(m, p, 2, 0, &err);
    CHECK(a && be_model_periods(a) == 1 &&
          strcmp(be_model_period_label(a, 0), "2026") == 0);
    be_model_free(a);
    be_plan_free(p);
    be_model_free(m);

    /* a quarterly model advanced within a year starts at a quarter */
    y = "breakeven: 1\nhorizon: {start: 2024, periods: 6, period: quarter}\n"
        "demand: 1\ndevices:\n  - {name: a, throughput: 1, lifetime: 4, "
        "price: 100, available: {from: 2024-Q3}}\nfleet:\n  - {device: a, "
        "count: 1, age: 0.5}\n";
    m = be_model_load_string(y, strlen(y), "t", NULL, &err);
    REQUIRE(m != NULL);
    p = be_plan_new(m);
    a = be_model_advance(m, p, 1, 0, &err);
    REQUIRE(a != NULL);
    CHECK(strcmp(be_model_period_label(a, 0), "2024-Q2") == 0);
    CHECK(be_model_device_can_buy(a, 0, 1) && !be_model_device_can_buy(a, 0, 0));
    be_cohort_info c;
    be_model_cohort(a, 0, &c);
    CHECK(c.fleet_entry == 0 && c.age0 == 3 && c.count == 1);
    be_model_free(a);
    be_plan_free(p);
    be_model_free(m);
}

/* Actuals (be_plan_actuals, be_model_actuals_fleet): what happened
 * replaces the plan's decisions of the periods it names, failures take
 * units oldest first, a counted fleet wins; bad actuals are located. */
static void test_advance_actuals(void)
{
    const char *y = "breakeven: 1\nhorizon: {start: 2024, periods: 4}\n"
                    "demand: 4\ninteger: true\ndevices:\n"
                    "  - {name: a, throughput: 1, lifetime: 6, om: 10, "
                    "price: 100}\nfleet:\n  - {device: a, count: 4, age: 2, "
                    "purchase_price: 90}\n  - {device: a, count: 2, age: 1, "
                    "purchase_price: 95}\n";
    be_error err = {0};
    be_model *m = be_model_load_string(y, strlen(y), "t", NULL, &err);
    REQUIRE(m != NULL);
    be_plan *p = be_plan_new(m);
    REQUIRE(p != NULL);
    int J = be_model_cohorts(m);
    p->retire[1 * J + 1] = 2;       /* the plan retires the younger two in 2025 */
    /* 2025 named by the actuals: its own retirements (none) instead; one
     * unit fails in 2024, the oldest (fleet entry 1) */
    const char *act = "breakeven_actuals: 1\nbuy:\n  - {device: a, period: "
                      "2025, units: 1}\nfailed:\n  - {device: a, period: "
                      "2024, units: 1}\n";
    be_plan *h = be_plan_actuals(m, p, 2, act, strlen(act), "act", &err);
    REQUIRE(h != NULL);
    CHECK(h->retire[0 * J + 0] == 1 && h->retire[1 * J + 1] == 0);
    CHECK(h->buy[1 * 1 + 0] == 1);
    be_model *a = be_model_advance(m, h, 2, 0, &err);
    REQUIRE(a != NULL);
    be_cohort_info c;
    double units = 0;
    for (int j = 0; j < be_model_cohorts(a); j++) {
        be_model_cohort(a, j, &c);
        units += c.count;
    }
    CHECK(units == 3 + 2 + 1);
    /* a counted fleet wins */
    const char *cnt = "breakeven_actuals: 1\nfleet:\n  - {device: a, count: "
                      "5, age: 3, purchase_price: 90}\n";
    int counted = 0;
    be_model *b = be_model_actuals_fleet(a, cnt, strlen(cnt), "cnt", &counted,
                                         &err);
    REQUIRE(b != NULL);
    be_model_cohort(b, 0, &c);
    CHECK(counted && c.fleet_entry == 0 && c.count == 5 && c.age0 == 3);
    be_model_free(b);
    static const struct {
        const char *text;
        int line, column;
        const char *message;
    } bad[] = {
        {"breakeven_actuals: 1\nbuy:\n  - {device: a, period: 2026, units: "
         "1}\n", 3, 25, "buy entry 1: 2026 is not before 2026, the period the "
         "model is advanced to: actuals are what happened before it"},
        {"breakeven_actuals: 1\nfailed:\n  - {device: b, period: 2024, units: "
         "1}\n", 3, 14, "failed entry 1: unknown device 'b'"},
        {"breakeven_actuals: 1\nfailed:\n  - {device: a, period: 2024, units: "
         "7}\n", 3, 5, "failed entry 1: 7 units of 'a' fail in 2024, but "
         "only 6 are held then"},
        {"breakeven_actuals: 1\nretire:\n  - {device: a, period: 2024, units: "
         "5}\n", 1, 1, "with these actuals the plan's own retirements of "
         "2025 take 1 more unit of 'a' than are held then: list what "
         "happened in 2025 in the actuals too"},
        {"breakeven_actual: 1\n", 1, 1, "unknown key 'breakeven_actual' in "
         "the actuals; expected breakeven_actuals, buy, rent, retire, failed "
         "or fleet"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        be_error e = {0};
        be_plan *q = be_plan_actuals(m, p, 2, bad[i].text,
                                     strlen(bad[i].text), "act", &e);
        CHECK(q == NULL && e.code == BE_EMODEL);
        if (q || e.line != bad[i].line || e.column != bad[i].column ||
            strcmp(e.message, bad[i].message) != 0) {
            fprintf(stderr, "case %zu: got %d:%d: %s\n", i, e.line, e.column,
                    e.message);
            check_failures++;
        }
        be_plan_free(q);
    }
    be_model_free(a);
    be_plan_free(h);
    be_plan_free(p);
    be_model_free(m);
}

/* Actuals of a workload model: the periods they touch, and those whose
 * units in service they change (before the period advanced to or after),
 * get the best split of the units left (be_plan_split); the others keep
 * the plan's shares.  Here the plan gives 5 units of 'both' to training
 * and 3 to inference in every period; 2 fail in 2025. */
static void test_advance_actuals_split(void)
{
    const char *y = "breakeven: 1\nhorizon: {start: 2024, periods: 4}\n"
                    "workloads:\n  - {name: training, demand: 4}\n"
                    "  - {name: inference, demand: 2}\ndevices:\n"
                    "  - {name: both, throughput: {training: 1, inference: "
                    "1}, lifetime: 8, om: 10, price: 100}\n"
                    "  - {name: small, throughput: {inference: 1}, lifetime: "
                    "8, om: 10, price: 50}\nfleet:\n  - {device: both, "
                    "count: 8, age: 1, purchase_price: 100}\n";
    be_error err = {0};
    be_model *m = be_model_load_string(y, strlen(y), "t", NULL, &err);
    REQUIRE(m != NULL);
    be_plan *p = be_plan_new(m);
    REQUIRE(p != NULL);
    int W = 2, K = 2;
    for (int t = 0; t < 4; t++) {
        p->share[(t * K + 0) * W + 0] = 5;
        p->share[(t * K + 0) * W + 1] = 3;
    }
    const char *act = "breakeven_actuals: 1\nfailed:\n  - {device: both, "
                      "period: 2025, units: 2}\n";
    be_plan *h = be_plan_actuals(m, p, 3, act, strlen(act), "act", &err);
    REQUIRE(h != NULL);
    CHECK(h->share[0] == 5 && h->share[1] == 3);      /* 2024: as planned */
    for (int t = 1; t < 4; t++) {                     /* 6 units left */
        const double *a = h->share + (size_t)(t * K + 0) * W;
        CHECK(a[0] + a[1] <= 6 + 1e-9);
        CHECK(a[0] >= 4 - 1e-9 && a[1] >= 2 - 1e-9);
    }
    be_eval *e = be_evaluate(m, h, &err);
    REQUIRE(e != NULL);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    be_eval_free(e);
    /* the continuation from 2027 splits the 6 units too */
    be_model *a = be_model_advance(m, h, 3, 0, &err);
    be_plan *q = a ? be_plan_advance(m, h, a, 3, &err) : NULL;
    e = q ? be_evaluate(a, q, &err) : NULL;
    CHECK(e && e->violation == BE_FEASIBLE_PLAN);
    be_eval_free(e);
    be_plan_free(q);
    be_model_free(a);
    /* a plan file with neither shares nor sales: the best split */
    const char *none = "breakeven_plan: 1\n";
    be_plan *r = be_plan_load_string(m, none, strlen(none), "none", &err);
    REQUIRE(r != NULL);
    be_plan *split = be_plan_new(m);
    REQUIRE(split != NULL);
    CHECK(be_plan_split(m, split, &err) == BE_OK);
    CHECK(memcmp(r->share, split->share, 4 * K * W * sizeof *r->share) == 0);
    e = be_evaluate(m, r, &err);
    CHECK(e && e->violation == BE_FEASIBLE_PLAN);
    be_eval_free(e);
    be_plan_free(split);
    be_plan_free(r);
    be_plan_free(h);
    be_plan_free(p);
    be_model_free(m);
}

void suite_advance(void)
{
    RUN(test_advance_actuals);
    RUN(test_advance_actuals_split);
    RUN(test_advance_repository);
    RUN(test_advance_workloads);
    RUN(test_advance_refusals);
}
