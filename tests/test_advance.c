/*
 * test_advance.c -- the model as of a later period (be_model_advance,
 * docs/replanning.md): its cost of a plan's decisions from that period on
 * is the old model's cost of them, discounted to that period, less the
 * sale of the units whose life ends then (they leave at its start and are
 * not in the new fleet).  Held for every model in examples/ and models/
 * without scenarios, with the optimal plan (whole units within a short
 * limit, and the relaxation) and the run-to-end-of-life baseline, at every
 * period; the random models are test_property.c's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "advance_check.h"

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
        for (int relax = 0; relax <= 1; relax++) {
            s.relax = relax;
            be_solution *sol = be_solve(m, &s, &err);
            if (sol && sol->plan)
                steps += check_advance_all(m, sol->plan, files[i]);
            be_solution_free(sol);
        }
        be_plan *eol = be_baseline_plan(m, BE_BASELINE_END_OF_LIFE, 0, &err);
        if (eol)
            steps += check_advance_all(m, eol, files[i]);
        be_plan_free(eol);
        be_model_free(m);
    }
    fprintf(stderr, "advance: %d repository models, %d advanced models "
            "priced against their continuation\n", models, steps);
    CHECK(models >= 10);
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

void suite_advance(void)
{
    RUN(test_advance_actuals);
    RUN(test_advance_repository);
    RUN(test_advance_refusals);
}
