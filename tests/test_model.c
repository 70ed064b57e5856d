/*
 * test_model.c -- the model's own definitions: labels, discount factors,
 * cohorts, the per-unit cost primitives, and the resale-arbitrage check.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "model/model.h"
#include "program/lp.h"

void suite_model(void);

static be_model *load(const char *y, be_error *err)
{
    return be_model_load_string(y, strlen(y), "m.yaml", NULL, err);
}

/* Quarterly, 6 periods from 2024, 8% a year:
 * d(t) = 1.08^(-t/4); d(4) = 1/1.08; labels 2024-Q1 .. 2025-Q2 and, after
 * the horizon, 2025-Q3. */
static void test_model_labels_and_discount(void)
{
    be_error err;
    be_model *m = load(
        "breakeven: 1\n"
        "horizon: {start: 2024, periods: 6, period: quarter}\n"
        "discount_rate: 0.08\n"
        "demand: 1\n"
        "devices: [{name: a, throughput: 1, lifetime: 1, price: 4}]\n", &err);
    REQUIRE(m);
    CHECK_STR(be_model_period_label(m, 0), "2024-Q1");
    CHECK_STR(be_model_period_label(m, 5), "2025-Q2");
    CHECK_STR(be_model_period_label(m, 6), "2025-Q3");
    CHECK_CLOSE(be_model_discount(m, 4), 1 / 1.08, 1e-15);
    CHECK_CLOSE(be_model_discount(m, 1), pow(1.08, -0.25), 1e-15);
    CHECK_CLOSE(be_model_period_years(m), 0.25, 0);
    /* one cohort per purchase period, life 4 quarters */
    CHECK(be_model_cohorts(m) == 6);
    be_cohort_info c;
    be_model_cohort(m, 2, &c);
    CHECK(c.start == 2 && c.age0 == 0 && c.end == 6 && c.fleet_entry == -1);
    CHECK_CLOSE(c.basis, 4, 0);
    be_model_free(m);

    m = load("breakeven: 1\n"
             "horizon: {start: 2030, periods: 14, period: month}\n"
             "demand: 1\n"
             "devices: [{name: a, throughput: 1, lifetime: 1, price: 4}]\n",
             &err);
    REQUIRE(m);
    CHECK_STR(be_model_period_label(m, 0), "2030-01");
    CHECK_STR(be_model_period_label(m, 13), "2031-02");
    be_model_free(m);
}

/* Monthly periods, price 1200, resale [600, 300] at 1 and 2 years:
 * at 3 months the value is 1200 - (1200-600) * 3/12 = 1050; at 18 months
 * 600 - 300 * 6/12 = 450; at 24 months 300.  O&M [10, 20] per year: the
 * 12th month (age 11) is still year 1 (10), age 12 is year 2 (20).
 * The curve 0.5 * 1000 * 0.5^(age/2 years): at 12 months 353.55.
 * Book value with N = 4 years: at 18 months 1200 * (1 - 1.5/4) = 750,
 * and 0 from 4 years on. */
static void test_model_cost_primitives(void)
{
    be_error err;
    be_model *m = load(
        "breakeven: 1\n"
        "horizon: {start: 2024, periods: 3, period: month}\n"
        "demand: 1\n"
        "energy: {price: 0.12, pue: 1.25, utilization: 0.8}\n"
        "finance: {tax_rate: 0.2, depreciation_years: 4}\n"
        "devices:\n"
        "  - {name: a, throughput: 1, power_kw: 2, lifetime: 2, om: [10, 20],\n"
        "     resale: [600, 300], price: 1200}\n"
        "  - {name: b, throughput: 1, lifetime: 5,\n"
        "     resale: {fraction: 0.5, half_life: 2}, price: 1000}\n", &err);
    REQUIRE(m);
    const be_cohort *a = &m->cohorts[0], *b = &m->cohorts[3];
    REQUIRE(a->device == 0 && b->device == 1);
    CHECK_CLOSE(be__resale_value(m, a, 0), 1200, 1e-12);
    CHECK_CLOSE(be__resale_value(m, a, 3), 1050, 1e-12);
    CHECK_CLOSE(be__resale_value(m, a, 12), 600, 1e-12);
    CHECK_CLOSE(be__resale_value(m, a, 18), 450, 1e-12);
    CHECK_CLOSE(be__resale_value(m, a, 24), 300, 1e-12);
    CHECK_CLOSE(be__resale_value(m, b, 12), 500 * pow(0.5, 0.5), 1e-12);
    CHECK_CLOSE(be__om_rate(m, &m->devices[0], 11), 10, 0);
    CHECK_CLOSE(be__om_rate(m, &m->devices[0], 12), 20, 0);
    CHECK_CLOSE(be__book_value(m, a, 18), 750, 1e-12);
    CHECK_CLOSE(be__book_value(m, b, 48), 0, 0);
    CHECK_CLOSE(be__book_value(m, b, 60), 0, 0);
    /* energy of one unit for one month: 2 kW * 0.8 * 1.25 * 8760/12 h
     * * 0.12 = 175.2 */
    CHECK_CLOSE(be__energy_cost(m, &m->devices[0], 1), 175.2, 1e-12);
    be_model_free(m);
}

/* Resale above the purchase price is refused, naming device and periods.
 * Price 100 in 2024 falling 50% a year: 50 in 2025; resale 60 at age 1:
 * buy in 2025 for 50, sell in 2026 for 60, a profit of 10. */
static void test_model_arbitrage(void)
{
    be_error err;
    be_model *m = load(
        "breakeven: 1\n"
        "horizon: {start: 2024, periods: 3}\n"
        "demand: 1\n"
        "devices:\n"
        "  - name: a\n"
        "    throughput: 1\n"
        "    lifetime: 2\n"
        "    resale: [60, 10]\n"
        "    price: {start: 100, growth: -0.5}\n", &err);
    CHECK(m == NULL);
    CHECK(err.code == BE_EMODEL);
    CHECK(err.line == 8 && err.column == 5);
    CHECK_STR(err.message, "device 'a': a unit bought in 2025 and sold in "
              "2026 returns 10.00 more than it costs (purchase, running costs, "
              "resale and taxes together), so buying more is always better; "
              "such a model has no meaningful optimum: check its resale "
              "values against its purchase prices");
    be_model_free(m);
}

static void test_model_accessors(void)
{
    be_error err;
    be_model *m = load(
        "breakeven: 1\n"
        "name: acc\n"
        "horizon: {start: 2024, periods: 2}\n"
        "demand: [3, 4]\n"
        "site: {power_cap_kw: 9}\n"
        "devices:\n"
        "  - {name: own, throughput: 2, power_kw: 1.5, lifetime: 3, price: 7,\n"
        "     available: {from: 2025}}\n"
        "  - {name: cloud, throughput: 3, rent: 50}\n", &err);
    REQUIRE(m);
    CHECK_STR(be_model_name(m), "acc");
    CHECK(be_model_find_device(m, "cloud") == 1);
    CHECK(be_model_find_device(m, "nope") == -1);
    CHECK(be_model_device_is_rented(m, 1) && !be_model_device_is_rented(m, 0));
    CHECK(!be_model_device_can_buy(m, 0, 0) && be_model_device_can_buy(m, 0, 1));
    CHECK(be_model_device_can_buy(m, 1, 0));
    CHECK_CLOSE(be_model_device_price(m, 0, 1), 7, 0);
    CHECK_CLOSE(be_model_device_price(m, 1, 1), 0, 0);
    CHECK_CLOSE(be_model_demand(m, 1), 4, 0);
    CHECK_CLOSE(be_model_power_cap(m, 0), 9, 0);
    CHECK(isinf(be_model_budget(m, 0)));
    CHECK(be_model_is_integer(m));
    CHECK_STR(be_strerror(BE_EMODEL), "invalid model");
    be_model_free(m);
    be_model_free(NULL);
}

/* be__model_copy then be__model_finish gives the model back: for every
 * shipped model and example (each scenario's own model for those with
 * scenarios), the copy, made from one load of the file that is then freed,
 * has the program of a second load, with the same shape and the same
 * costs to the bit.  So no read field was lost, every derived one was
 * derived again, and nothing is shared with the original (under ASan and
 * valgrind a shared array is a use after free). */
static int same_program(const be_model *a, const be_model *b)
{
    be_error err;
    be_program *p = be__program_build(a, a->integer, &err);
    be_program *q = be__program_build(b, b->integer, &err);
    int same = p && q && be__program_same_shape(p, q);
    for (int j = 0; same && j < be__program_cols(p); j++)
        same = be__program_cost(p, j) == be__program_cost(q, j);
    be__program_free(p);
    be__program_free(q);
    return same;
}

static void test_model_copy(void)
{
    static const char *const files[] = {
        "models/b200-launch.yaml", "models/gpu-generations.yaml",
        "models/power-capped-site.yaml", "models/seed-1mw.yaml",
        "examples/budget-refresh.yaml", "examples/buy-or-rent.yaml",
        "examples/economic-life.yaml", "examples/energy-crunch.yaml",
        "examples/engine-analyzer.yaml", "examples/power-cap.yaml",
        "examples/taxes.yaml", "examples/ten-to-five.yaml"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        be_error err;
        be_model *m = be_model_load_file(files[i], NULL, &err);
        REQUIRE(m);
        int S = m->n_scenarios ? m->n_scenarios : 1;
        for (int s = 0; s < S; s++) {
            be_model *first = be_model_load_file(files[i], NULL, &err);
            REQUIRE(first);
            be_model *c = be__model_copy(
                first->n_scenarios ? first->scenarios[s].model : first);
            be_model_free(first);
            REQUIRE(c);
            CHECK(c->n_scenarios == 0 && c->cohorts == NULL &&
                  c->n_notes == 0);
            CHECK(be__model_finish(c, &err) == BE_OK);
            const be_model *a = m->n_scenarios ? m->scenarios[s].model : m;
            CHECK(c->n_cohorts == a->n_cohorts);
            if (!same_program(a, c))
                fprintf(stderr, "  %s, scenario %d: the copy's program "
                        "differs\n", files[i], s);
            CHECK(same_program(a, c));
            be_model_free(c);
        }
        be_model_free(m);
    }
}

void suite_model(void)
{
    RUN(test_model_copy);
    RUN(test_model_labels_and_discount);
    RUN(test_model_cost_primitives);
    RUN(test_model_arbitrage);
    RUN(test_model_accessors);
}
