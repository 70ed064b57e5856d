/*
 * test_diagnose.c -- why a model has no plan (be_diagnose, and each
 * scenario alone with be_diagnose_scenarios) and the
 * coefficient-range warning (be_model_check_scaling), on small models
 * whose answers are worked out by hand in each test's comment.
 */
#include <string.h>

#include "check.h"
#include "breakeven.h"
#include "engine/glpk_solver.h"   /* be__now */

void suite_diagnose(void);

static be_model *load(const char *text)
{
    be_error err = {0};
    be_model *m = be_model_load_string(text, strlen(text), "test.yaml", NULL,
                                       &err);
    if (!m)
        fprintf(stderr, "  test.yaml:%d:%d: %s\n", err.line, err.column,
                err.message);
    return m;
}

static be_diagnosis *diagnose(const be_model *m)
{
    be_settings s;
    be_settings_init(&s);
    s.time_limit = 10;
    be_error err = {0};
    be_diagnosis *d = be_diagnose(m, &s, &err);
    if (!d)
        fprintf(stderr, "  %s\n", err.message);
    return d;
}

/* Demand 20, 30, 40 in 2024..2026; boxes of throughput 1 drawing 1 kW
 * (pue 1) under a 30 kW cap.  2024 and 2025 fit (20, 30 boxes); in 2026 at
 * most 30 boxes = 30 units of throughput fit, 10 short; meeting demand
 * needs 40 boxes = 40 kW, 10 kW over the cap. */
static const char power_cap_model[] =
    "breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
    "demand: [20, 30, 40]\nsite: {power_cap_kw: 30}\n"
    "devices:\n  - {name: box, throughput: 1, power_kw: 1, lifetime: 5,"
    " price: 100}\n";

static void power_cap_gives_way(void)
{
    be_model *m = load(power_cap_model);
    REQUIRE(m);
    be_diagnosis *d = diagnose(m);
    REQUIRE(d);
    CHECK(d->status == BE_INFEASIBLE);
    REQUIRE(d->n == 2);
    CHECK(d->gives[0].kind == BE_GIVE_DEMAND);
    CHECK(d->gives[0].period == 2);
    CHECK_CLOSE(d->gives[0].limit, 40, 1e-9);
    CHECK_CLOSE(d->gives[0].reachable, 30, 1e-6);
    CHECK_CLOSE(d->gives[0].amount, 10, 1e-6);
    CHECK_STR(d->gives[0].text, "2026: demand of 40 cannot be met: at most "
              "30 fits under the 30 kW power cap");
    CHECK(d->gives[1].kind == BE_GIVE_POWER);
    CHECK(d->gives[1].period == 2);
    CHECK_CLOSE(d->gives[1].reachable, 40, 1e-6);
    CHECK_CLOSE(d->gives[1].amount, 10, 1e-6);
    CHECK_STR(d->gives[1].text, "2026: the units needed to meet demand draw "
              "40 kW, the power cap is 30 kW");
    be_diagnosis_free(d);
    be_model_free(m);
}

/* One year, demand 2, units of throughput 1 at 1.55 M each, budget 2.5 M.
 * Even fractional units fall short: the budget buys 2.5 / 1.55 = 1.6129
 * units, so the simple bound words the demand line (reachable 1.6129,
 * 0.3871 short).  Two units cost 3.1 M, 0.6 M over the budget. */
static const char budget_model[] =
    "breakeven: 1\nhorizon: {start: 2026, periods: 1}\ndemand: 2\n"
    "site: {budget: 2500000}\n"
    "devices:\n  - {name: rack, throughput: 1, lifetime: 5,"
    " price: 1550000}\n";

static void budget_gives_way(void)
{
    be_model *m = load(budget_model);
    REQUIRE(m);
    be_diagnosis *d = diagnose(m);
    REQUIRE(d);
    CHECK(d->status == BE_INFEASIBLE);
    REQUIRE(d->n == 2);
    CHECK(d->gives[0].kind == BE_GIVE_DEMAND);
    CHECK_CLOSE(d->gives[0].reachable, 2.5 / 1.55, 1e-9);
    CHECK_CLOSE(d->gives[0].amount, 2 - 2.5 / 1.55, 1e-9);
    CHECK_STR(d->gives[0].text, "2026: demand of 2 cannot be met: the "
              "budgets up to then buy at most 1.6129 of capacity (with the "
              "fleet)");
    CHECK(d->gives[1].kind == BE_GIVE_BUDGET);
    CHECK_CLOSE(d->gives[1].reachable, 3100000, 1e-6);
    CHECK_CLOSE(d->gives[1].amount, 600000, 1e-6);
    CHECK_STR(d->gives[1].text, "2026: buying the capacity needed costs "
              "3.1 M, the budget is 2.5 M");
    be_diagnosis_free(d);
    be_model_free(m);
}

/* The same rack under a 3 M budget, demand 1.9: fractional units would
 * fit (3 / 1.55 = 1.935 >= 1.9), so no simple bound shows it; whole units
 * buy one rack (two cost 3.1 M) and the elastic plan words the line: 1
 * delivered, 0.9 short, 0.1 M over the budget. */
static const char budget_whole_model[] =
    "breakeven: 1\nhorizon: {start: 2026, periods: 1}\ndemand: 1.9\n"
    "site: {budget: 3000000}\n"
    "devices:\n  - {name: rack, throughput: 1, lifetime: 5,"
    " price: 1550000}\n";

static void budget_whole_units(void)
{
    be_model *m = load(budget_whole_model);
    REQUIRE(m);
    be_diagnosis *d = diagnose(m);
    REQUIRE(d);
    REQUIRE(d->n == 2);
    CHECK(d->gives[0].kind == BE_GIVE_DEMAND);
    CHECK_CLOSE(d->gives[0].reachable, 1, 1e-6);
    CHECK_CLOSE(d->gives[0].amount, 0.9, 1e-6);
    CHECK_STR(d->gives[0].text, "2026: demand of 1.9 cannot be met: with a "
              "budget of 3 M in 2026, the closest plan delivers 1");
    CHECK(d->gives[1].kind == BE_GIVE_BUDGET);
    CHECK_CLOSE(d->gives[1].amount, 100000, 1e-6);
    CHECK_STR(d->gives[1].text, "2026: buying the capacity needed costs "
              "3.1 M, the budget is 3 M");
    be_diagnosis_free(d);
    be_model_free(m);
}

/* Nothing for sale: 5 old units (throughput 1, lifetime 4, age 1) and
 * demand 8 in both periods.  3 short in 2025 and 2026, by the simple
 * bound in each; no limit can help, so only the demand lines. */
static const char nothing_for_sale_model[] =
    "breakeven: 1\nhorizon: {start: 2025, periods: 2}\ndemand: 8\n"
    "devices:\n  - {name: old, throughput: 1, lifetime: 4}\n"
    "fleet:\n  - {device: old, count: 5, age: 1}\n";

static void nothing_for_sale(void)
{
    be_model *m = load(nothing_for_sale_model);
    REQUIRE(m);
    be_diagnosis *d = diagnose(m);
    REQUIRE(d);
    REQUIRE(d->n == 2);
    CHECK(d->gives[0].kind == BE_GIVE_DEMAND && d->gives[0].period == 0);
    CHECK(d->gives[1].kind == BE_GIVE_DEMAND && d->gives[1].period == 1);
    CHECK_CLOSE(d->gives[1].amount, 3, 1e-6);
    CHECK_STR(d->gives[0].text, "2025: demand of 8 cannot be met: the fleet "
              "in place delivers at most 5 and nothing can be bought or "
              "rented then");
    CHECK_STR(d->gives[1].text, "2026: demand of 8 cannot be met: the fleet "
              "in place delivers at most 5 and nothing can be bought or "
              "rented then");
    be_diagnosis_free(d);
    be_model_free(m);
}

/* Fuzzing regression (fuzz_solve, a copy of the memcpy of no columns):
 * a device that can neither be bought nor rented and no fleet gives a
 * program without columns.  Demand 1 in 2025: nothing can be in service,
 * 1 short. */
static const char no_columns_model[] =
    "breakeven: 1\nhorizon: {start: 2025, periods: 1}\ndemand: 1\n"
    "devices:\n  - {name: old, throughput: 1, lifetime: 4}\n";

static void no_columns(void)
{
    be_model *m = load(no_columns_model);
    REQUIRE(m);
    be_diagnosis *d = diagnose(m);
    REQUIRE(d);
    REQUIRE(d->n == 1);
    CHECK(d->gives[0].kind == BE_GIVE_DEMAND);
    CHECK_CLOSE(d->gives[0].reachable, 0, 1e-9);
    CHECK_STR(d->gives[0].text, "2025: demand of 1 cannot be met: the fleet "
              "in place delivers at most 0 and nothing can be bought or "
              "rented then");
    be_diagnosis_free(d);
    be_model_free(m);
}

/* Power and budget both short in the same period.  Boxes: throughput 1,
 * 1 kW, price 100; cap 10 kW; budget 300 a year; demand 2, 12, 5.  The
 * power cap alone bounds 2025 at 10 boxes, 2 short: the simple bound
 * words the demand line (the budgets together allow only 6, but the
 * budget line says what it must grow by).  Meeting demand needs 12
 * boxes: 6 more at 100 = 600 over a budget (the latest, 2025, by the
 * tie-break), and 12 kW, 2 over the cap. */
static const char budget_and_cap_model[] =
    "breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
    "demand: [2, 12, 5]\nsite: {power_cap_kw: 10, budget: 300}\n"
    "devices:\n  - {name: box, throughput: 1, power_kw: 1, lifetime: 5,"
    " price: 100}\n";

static void budget_and_cap(void)
{
    be_model *m = load(budget_and_cap_model);
    REQUIRE(m);
    be_diagnosis *d = diagnose(m);
    REQUIRE(d);
    REQUIRE(d->n == 3);
    CHECK(d->gives[0].kind == BE_GIVE_DEMAND && d->gives[0].period == 1);
    CHECK_CLOSE(d->gives[0].reachable, 10, 1e-9);
    CHECK_STR(d->gives[0].text, "2025: demand of 12 cannot be met: at most "
              "10 fits under the 10 kW power cap");
    CHECK(d->gives[1].kind == BE_GIVE_BUDGET && d->gives[1].period == 1);
    CHECK_CLOSE(d->gives[1].amount, 600, 1e-6);
    CHECK_STR(d->gives[1].text, "2025: buying the capacity needed costs "
              "900, the budget is 300");
    CHECK(d->gives[2].kind == BE_GIVE_POWER && d->gives[2].period == 1);
    CHECK_CLOSE(d->gives[2].amount, 2, 1e-6);
    be_diagnosis_free(d);
    be_model_free(m);
}

/* Boxes of throughput 1.5 drawing 1.4 kW under a 30 kW cap, whole units;
 * demand 32 in 2024 and 50 in 2025.  The power cap alone bounds what fits
 * at 30 / 1.4 * 1.5 = 32.142857: enough for 2024, not for 2025.  So 2024's
 * shortfall comes from whole units only (21 boxes = 31.5, 0.5 short; 22
 * boxes = 30.8 kW are needed) and the elastic plan words it; 2025's line
 * is the bound's (17.857 short; 34 boxes = 47.6 kW needed), and that is
 * be_solve's reason: the earliest period a bound explains. */
static const char whole_units_then_bound_model[] =
    "breakeven: 1\nhorizon: {start: 2024, periods: 2}\n"
    "demand: [32, 50]\nsite: {power_cap_kw: 30}\n"
    "devices:\n  - {name: box, throughput: 1.5, power_kw: 1.4, lifetime: 5,"
    " price: 100}\n";

static void whole_units_then_bound(void)
{
    be_model *m = load(whole_units_then_bound_model);
    REQUIRE(m);
    be_diagnosis *d = diagnose(m);
    REQUIRE(d);
    REQUIRE(d->n == 4);
    CHECK(d->gives[0].kind == BE_GIVE_DEMAND && d->gives[0].period == 0);
    CHECK_CLOSE(d->gives[0].reachable, 31.5, 1e-6);
    CHECK_STR(d->gives[0].text, "2024: demand of 32 cannot be met: at most "
              "31.5 fits under the 30 kW power cap");
    CHECK(d->gives[1].kind == BE_GIVE_DEMAND && d->gives[1].period == 1);
    CHECK_CLOSE(d->gives[1].reachable, 30 / 1.4 * 1.5, 1e-9);
    CHECK_STR(d->gives[1].text, "2025: demand of 50 cannot be met: at most "
              "32.1429 fits under the 30 kW power cap");
    CHECK(d->gives[2].kind == BE_GIVE_POWER && d->gives[2].period == 0);
    CHECK_CLOSE(d->gives[2].reachable, 22 * 1.4, 1e-6);
    CHECK(d->gives[3].kind == BE_GIVE_POWER && d->gives[3].period == 1);
    CHECK_CLOSE(d->gives[3].reachable, 34 * 1.4, 1e-6);
    be_error err = {0};
    be_solution *sol = be_solve(m, NULL, &err);
    REQUIRE(sol);
    CHECK(sol->status == BE_INFEASIBLE);
    CHECK_STR(sol->reason, d->gives[1].text);
    be_solution_free(sol);
    be_diagnosis_free(d);
    be_model_free(m);
}

/* One explainer: on every infeasible model above, be_solve's reason is
 * the text of exactly one of be_diagnose's lines, a demand line, and no
 * constraint of a period is named twice (the simple bound and the
 * elastic plan never both word the same shortfall). */
static void one_explainer(void)
{
    const char *const models[] = {
        power_cap_model, budget_model, budget_whole_model,
        nothing_for_sale_model, no_columns_model, budget_and_cap_model,
        whole_units_then_bound_model};
    for (size_t k = 0; k < sizeof models / sizeof *models; k++) {
        be_model *m = load(models[k]);
        REQUIRE(m);
        be_error err = {0};
        be_solution *sol = be_solve(m, NULL, &err);
        be_diagnosis *d = diagnose(m);
        if (!sol || !d) {
            CHECK(sol && d);
            be_solution_free(sol);
            be_diagnosis_free(d);
            be_model_free(m);
            continue;
        }
        CHECK(sol->status == BE_INFEASIBLE && d->status == BE_INFEASIBLE);
        CHECK(d->n > 0);
        int same = 0;
        for (int i = 0; i < d->n; i++) {
            if (strcmp(d->gives[i].text, sol->reason) == 0) {
                same++;
                CHECK(d->gives[i].kind == BE_GIVE_DEMAND);
            }
            for (int j = 0; j < i; j++)
                CHECK(d->gives[j].kind != d->gives[i].kind ||
                      d->gives[j].period != d->gives[i].period);
        }
        /* budget_whole_units has no bound, so no reason */
        if (models[k] == budget_whole_model)
            CHECK_STR(sol->reason, "");
        else
            CHECK(same == 1);
        be_solution_free(sol);
        be_diagnosis_free(d);
        be_model_free(m);
    }
}

/* A model with a plan: nothing must give way. */
static void feasible_has_nothing(void)
{
    be_model *m = load(
        "breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
        "demand: [20, 30, 30]\nsite: {power_cap_kw: 30}\n"
        "devices:\n  - {name: box, throughput: 1, power_kw: 1, lifetime: 5,"
        " price: 100}\n");
    REQUIRE(m);
    be_diagnosis *d = diagnose(m);
    REQUIRE(d);
    CHECK(d->status == BE_OPTIMAL);
    CHECK(d->n == 0);
    be_diagnosis_free(d);
    be_model_free(m);
}

/* Scaling: the seed model's coefficients (flow 1 .. prices ~ 1e6) span far
 * less than 1e9; a price of 5e12 beside a throughput of 0.001 spans
 * 5e15 (the objective's buy coefficient over the demand row's throughput)
 * and the advice is to express money in millions. */
static void scaling_warning(void)
{
    char buf[512];
    be_error err = {0};
    be_model *seed = be_model_load_file("models/seed-1mw.yaml", NULL, &err);
    REQUIRE(seed);
    CHECK(be_model_check_scaling(seed, buf, sizeof buf) == 0);
    CHECK_STR(buf, "");
    be_model_free(seed);
    be_model *m = load(
        "breakeven: 1\nhorizon: {start: 2024, periods: 2}\ndemand: 1\n"
        "devices:\n  - {name: chip, throughput: 0.001, lifetime: 5,"
        " price: 5000000000000}\n");
    REQUIRE(m);
    CHECK(be_model_check_scaling(m, buf, sizeof buf) == 1);
    CHECK_STR(buf, "the program's coefficients span 5.0e+15 (from 0.001 in "
              "the demand rows (throughput) to 5e+12 in the objective "
              "(money)), too wide for reliable floating point: express "
              "money in millions");
    CHECK(be_model_check_scaling(m, NULL, 0) == 1);
    be_model_free(m);
}

/* power_cap_model with two scenarios: "tight" keeps the 30 kW cap and so
 * has no plan alone (2026 needs 40 kW, as in power_cap_gives_way: the
 * same two lines), "roomy" raises it to 50 kW, where 40 boxes fit, and so
 * has a plan alone and no diagnosis. */
static const char scenario_cap_model[] =
    "breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
    "demand: [20, 30, 40]\nsite: {power_cap_kw: 30}\n"
    "devices:\n  - {name: box, throughput: 1, power_kw: 1, lifetime: 5,"
    " price: 100}\n"
    "scenarios:\n"
    "  - {name: tight, probability: 0.5}\n"
    "  - {name: roomy, probability: 0.5, set: {site.power_cap_kw: 50}}\n";

static void each_scenario_alone(void)
{
    be_model *m = load(scenario_cap_model);
    REQUIRE(m);
    REQUIRE(be_model_scenarios(m) == 2);
    be_settings s;
    be_settings_init(&s);
    s.time_limit = 10;
    be_status status[2] = {BE_OPTIMAL, BE_INFEASIBLE};
    be_diagnosis *diag[2] = {NULL, NULL};
    be_error err = {0};
    CHECK(be_diagnose_scenarios(m, &s, status, diag, &err) == BE_OK);
    CHECK(status[0] == BE_INFEASIBLE);
    REQUIRE(diag[0]);
    CHECK(diag[0]->status == BE_INFEASIBLE);
    REQUIRE(diag[0]->n == 2);
    CHECK_STR(diag[0]->gives[0].text, "2026: demand of 40 cannot be met: "
              "at most 30 fits under the 30 kW power cap");
    CHECK(diag[0]->gives[1].kind == BE_GIVE_POWER);
    CHECK(status[1] == BE_OPTIMAL);
    CHECK(diag[1] == NULL);
    be_diagnosis_free(diag[0]);
    be_diagnosis_free(diag[1]);
    /* s may be NULL: the default settings */
    CHECK(be_diagnose_scenarios(m, NULL, status, diag, &err) == BE_OK);
    CHECK(status[0] == BE_INFEASIBLE && status[1] == BE_OPTIMAL);
    be_diagnosis_free(diag[0]);
    be_diagnosis_free(diag[1]);
    be_model_free(m);

    /* a model without scenarios is an argument error; the arrays stay */
    m = load(power_cap_model);
    REQUIRE(m);
    status[0] = BE_UNBOUNDED;
    diag[0] = NULL;
    CHECK(be_diagnose_scenarios(m, &s, status, diag, &err) == BE_EARG);
    CHECK_STR(err.message,
              "be_diagnose_scenarios: the model has no scenarios");
    CHECK(status[0] == BE_UNBOUNDED);
    CHECK(be_diagnose_scenarios(m, &s, NULL, diag, NULL) == BE_EARG);
    be_model_free(m);
}

/* One time limit bounds a whole diagnosis.  In
 * tests/cli/scenarios-infeasible-slow.yaml s0 and s2 outgrow the power
 * cap by 2032 (no plan even alone) while s1 and s3 have plans that take
 * longer than these limits to prove.  Before the limit was shared, each
 * scenario's solve and each elastic solve had all of it: at 1 s,
 * be_diagnose_scenarios took 6 solves' worth (about 4-6 s).  The margins
 * are wide (a loaded machine): 1 s asked, under 3 s allowed. */
static void one_time_limit(void)
{
    be_error err = {0};
    be_model *m = be_model_load_file("tests/cli/scenarios-infeasible-slow.yaml",
                                     NULL, &err);
    REQUIRE(m);
    REQUIRE(be_model_scenarios(m) == 4);
    be_settings s;
    be_settings_init(&s);
    s.time_limit = 1;
    be_status status[4];
    be_diagnosis *diag[4];
    double t0 = be__now();
    CHECK(be_diagnose_scenarios(m, &s, status, diag, &err) == BE_OK);
    double took = be__now() - t0;
    CHECK(took < 3.0);
    CHECK(status[0] == BE_INFEASIBLE && status[2] == BE_INFEASIBLE);
    CHECK(status[1] == BE_OPTIMAL || status[1] == BE_TIME_LIMIT_PLAN);
    CHECK(status[3] == BE_OPTIMAL || status[3] == BE_TIME_LIMIT_PLAN);
    CHECK(diag[1] == NULL && diag[3] == NULL);
    for (int i = 0; i < 4; i += 2) {
        REQUIRE(diag[i]);
        /* the simple bound's line, whatever the elastic solves had */
        CHECK(diag[i]->status == BE_INFEASIBLE);
        REQUIRE(diag[i]->n >= 1);
        CHECK_STR(diag[i]->gives[0].text, "2032: demand of 40918.4 cannot be "
                  "met: at most 26852.7 fits under the 5926.36 kW power cap");
        be_diagnosis_free(diag[i]);
    }
    /* be_diagnose of the model with scenarios: the same limit for all */
    t0 = be__now();
    be_diagnosis *d = be_diagnose(m, &s, &err);
    took = be__now() - t0;
    REQUIRE(d);
    CHECK(took < 3.0);
    CHECK(d->status == BE_INFEASIBLE);
    be_diagnosis_free(d);
    be_model_free(m);
}

void suite_diagnose(void)
{
    RUN(power_cap_gives_way);
    RUN(budget_gives_way);
    RUN(budget_whole_units);
    RUN(nothing_for_sale);
    RUN(budget_and_cap);
    RUN(feasible_has_nothing);
    RUN(no_columns);
    RUN(whole_units_then_bound);
    RUN(one_explainer);
    RUN(scaling_warning);
    RUN(each_scenario_alone);
    RUN(one_time_limit);
}
