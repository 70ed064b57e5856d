/*
 * test_loader.c -- the model file loader (solver/loader.c, yaml_tree.c).
 *
 * Valid models check that every key lands in the right field of be_model
 * (every series form, defaults, availability labels in the three period
 * kinds, cohorts after be__model_finish).  Invalid models check the exact
 * message, code, line and column of the error: the loader is the border
 * where untrusted files come in, and its messages are the interface an
 * ops planner sees.
 */
#include "check.h"
#include "model/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void suite_loader(void);

static be_model *load(const char *yaml, be_error *e)
{
    memset(e, 0, sizeof *e);
    return be_model_load_string(yaml, strlen(yaml), "test.yaml", NULL, e);
}

/* Load yaml (len bytes, so that NUL can be tested) with opt and expect
 * exactly this error. */
static void expect_error_n(int src_line, const char *yaml, size_t len,
                           const be_load_options *opt, be_code code, int line,
                           int column, const char *message)
{
    be_error e;
    memset(&e, 0, sizeof e);
    be_model *m = be_model_load_string(yaml, len, "test.yaml", opt, &e);
    if (m) {
        fprintf(stderr, "%s:%d: the model loaded, expected \"%s\"\n",
                __FILE__, src_line, message);
        check_failures++;
        be_model_free(m);
        return;
    }
    if (e.code != code || e.line != line || e.column != column ||
        strcmp(e.message, message) != 0 || strcmp(e.file, "test.yaml") != 0) {
        fprintf(stderr,
                "%s:%d: got      %d %d:%d \"%s\"\n"
                "%*s    expected %d %d:%d \"%s\"\n",
                __FILE__, src_line, e.code, e.line, e.column, e.message,
                (int)strlen(__FILE__), "", code, line, column, message);
        check_failures++;
    }
}

#define EXPECT_ERROR(yaml, code, line, col, msg) \
    expect_error_n(__LINE__, (yaml), strlen(yaml), NULL, (code), (line), \
                   (col), (msg))
#define EXPECT_MODEL_ERROR(yaml, line, col, msg) \
    EXPECT_ERROR((yaml), BE_EMODEL, (line), (col), (msg))

/* A small valid model, in pieces, so that errors can be put at known
 * lines: HEAD is lines 1-3, DEVICE lines 4-5. */
#define HEAD "breakeven: 1\nhorizon: {start: 2024, periods: 3}\ndemand: 10\n"
#define DEVICE "devices:\n  - {name: a, throughput: 1, lifetime: 2, price: 100}\n"

/* ------------------------------------------------------------------ */
/* Valid models                                                        */
/* ------------------------------------------------------------------ */

/* The example of the schema section: every top-level key. */
static const char *const full_model =
    "breakeven: 1                  # schema version\n"
    "name: Two generations\n"
    "horizon: {start: 2024, periods: 8, period: year}\n"
    "discount_rate: 0.08\n"
    "integer: true\n"
    "end_of_horizon: salvage\n"
    "demand: {start: 100, growth: 0.15}\n"
    "energy: {price: 0.09, pue: 1.3, utilization: 0.9}\n"
    "site: {power_cap_kw: 160, budget: 2500000}\n"
    "finance: {tax_rate: 0.21, depreciation_years: 5}\n"
    "devices:\n"
    "  - name: old\n"
    "    throughput: 1\n"
    "    power_kw: 0.7\n"
    "    lifetime: 7\n"
    "    om: 900\n"
    "    resale: [20000, 14000, 9000, 6000, 4000, 2500, 1500]\n"
    "  - name: new\n"
    "    throughput: 3\n"
    "    power_kw: 1.0\n"
    "    lifetime: 6\n"
    "    price: {start: 36000, growth: -0.12}\n"
    "    available: {from: 2026}\n"
    "    om: [1200, 1200, 1300, 1400, 1500, 1600]\n"
    "    resale: {fraction: 0.85, half_life: 2.5}\n"
    "  - name: cloud-h100\n"
    "    throughput: 3.2\n"
    "    rent: 19000\n"
    "fleet:\n"
    "  - {device: old, count: 100, age: 2, purchase_price: 25000}\n";

static void test_loader_full_model(void)
{
    be_error e;
    be_model *m = load(full_model, &e);
    if (!m)
        fprintf(stderr, "%d:%d: %s\n", e.line, e.column, e.message);
    REQUIRE(m);
    CHECK_STR(m->file, "test.yaml");
    CHECK_STR(be_model_name(m), "Two generations");
    CHECK(m->schema == 1);
    CHECK(m->T == 8 && be_model_periods(m) == 8);
    CHECK(m->period == BE_YEAR);
    CHECK(m->start_year == 2024);
    CHECK_CLOSE(m->dt, 1.0, 0);
    CHECK_CLOSE(m->discount_rate, 0.08, 0);
    CHECK(m->integer == 1);
    CHECK(m->salvage == 1);
    for (int t = 0; t < 8; t++) {
        CHECK_CLOSE(m->demand[t], 100 * pow(1.15, t), 1e-12);
        CHECK_CLOSE(m->energy_price[t], 0.09, 0);
        CHECK_CLOSE(be_model_power_cap(m, t), 160, 0);
        CHECK_CLOSE(be_model_budget(m, t), 2500000, 0);
        CHECK_CLOSE(be_model_discount(m, t), pow(1.08, -t), 1e-12);
    }
    CHECK_CLOSE(m->pue, 1.3, 0);
    CHECK_CLOSE(m->utilization, 0.9, 0);
    CHECK(m->has_tax);
    CHECK_CLOSE(m->tax_rate, 0.21, 0);
    CHECK_CLOSE(m->depreciation_years, 5, 0);
    REQUIRE(m->n_devices == 3);

    const be_device *old = &m->devices[0];
    CHECK_STR(old->name, "old");
    CHECK(old->pos.line == 12 && old->pos.column == 5);
    CHECK(!old->rented && !old->buyable);
    CHECK_CLOSE(old->throughput, 1, 0);
    CHECK_CLOSE(old->power_kw, 0.7, 0);
    CHECK_CLOSE(old->lifetime, 7, 0);
    CHECK(old->life == 7 && old->n_years == 7);
    for (int i = 0; i < 7; i++)
        CHECK_CLOSE(old->om[i], 900, 0);
    CHECK(old->resale_kind == BE_RESALE_LIST);
    CHECK_CLOSE(old->resale[0], 20000, 0);
    CHECK_CLOSE(old->resale[6], 1500, 0);
    CHECK(old->resale_pos.line == 17 && old->resale_pos.column == 5);
    CHECK(old->price == NULL && old->rent == NULL);
    CHECK(old->avail_from == 0 && old->avail_to == 7);

    const be_device *nw = &m->devices[1];
    CHECK_STR(nw->name, "new");
    CHECK(nw->buyable && !nw->rented);
    CHECK(nw->life == 6 && nw->n_years == 6);
    for (int t = 0; t < 8; t++)
        CHECK_CLOSE(nw->price[t], 36000 * pow(0.88, t), 1e-12);
    CHECK(nw->avail_from == 2 && nw->avail_to == 7);
    CHECK_CLOSE(nw->om[0], 1200, 0);
    CHECK_CLOSE(nw->om[5], 1600, 0);
    CHECK(nw->resale_kind == BE_RESALE_CURVE);
    CHECK_CLOSE(nw->resale_fraction, 0.85, 0);
    CHECK_CLOSE(nw->resale_half_life, 2.5, 0);
    CHECK(nw->resale_pos.line == 25 && nw->resale_pos.column == 5);

    const be_device *cloud = &m->devices[2];
    CHECK_STR(cloud->name, "cloud-h100");
    CHECK(cloud->rented && !cloud->buyable);
    CHECK_CLOSE(cloud->throughput, 3.2, 0);
    CHECK(cloud->power_kw == 0 && cloud->life == 0 && cloud->om == NULL);
    for (int t = 0; t < 8; t++)
        CHECK_CLOSE(cloud->rent[t], 19000, 0);
    CHECK(cloud->avail_from == 0 && cloud->avail_to == 7);
    CHECK(be_model_device_can_buy(m, 2, 0));

    REQUIRE(m->n_fleet == 1);
    CHECK(m->fleet[0].device == 0);
    CHECK(m->fleet[0].pos.line == 30 && m->fleet[0].pos.column == 5);
    CHECK_CLOSE(m->fleet[0].count, 100, 0);
    CHECK(m->fleet[0].age == 2);
    CHECK(m->fleet[0].has_purchase_price);
    CHECK_CLOSE(m->fleet[0].purchase_price, 25000, 0);

    /* cohorts: the fleet entry, then `new` bought in 2026 .. 2031 */
    CHECK(be_model_cohorts(m) == 1 + 6);
    be_cohort_info c;
    be_model_cohort(m, 0, &c);
    CHECK(c.device == 0 && c.start == 0 && c.age0 == 2 && c.end == 5 &&
          c.fleet_entry == 0);
    CHECK_CLOSE(c.count, 100, 0);
    CHECK_CLOSE(c.basis, 25000, 0);
    be_model_cohort(m, 1, &c);
    CHECK(c.device == 1 && c.start == 2 && c.age0 == 0 && c.end == 8 &&
          c.fleet_entry == -1);
    CHECK_CLOSE(c.basis, 36000 * pow(0.88, 2), 1e-12);
    CHECK_STR(be_model_period_label(m, 0), "2024");
    CHECK_STR(be_model_period_label(m, 8), "2032");
    be_model_free(m);
}

/* Only the required keys: every default. */
static void test_loader_defaults(void)
{
    be_error e;
    be_model *m = load(HEAD DEVICE, &e);
    REQUIRE(m);
    CHECK_STR(be_model_name(m), "");
    CHECK(m->period == BE_YEAR && m->T == 3);
    CHECK(m->discount_rate == 0);
    CHECK(m->integer == 1 && m->salvage == 1);
    CHECK(m->pue == 1 && m->utilization == 1);
    CHECK(!m->has_power_cap && !m->has_budget && !m->has_tax);
    CHECK(isinf(be_model_power_cap(m, 0)) && isinf(be_model_budget(m, 2)));
    for (int t = 0; t < 3; t++) {
        CHECK(m->demand[t] == 10);
        CHECK(m->energy_price[t] == 0);
        CHECK(m->devices[0].price[t] == 100);
    }
    const be_device *d = &m->devices[0];
    CHECK(d->power_kw == 0);
    CHECK(d->resale_kind == BE_RESALE_NONE && d->resale == NULL);
    CHECK(d->resale_pos.line == 5 && d->resale_pos.column == 5);
    CHECK(d->n_years == 2 && d->om[0] == 0 && d->om[1] == 0);
    CHECK(d->avail_from == 0 && d->avail_to == 2);
    CHECK(m->n_fleet == 0);
    CHECK(be_model_cohorts(m) == 3);
    be_model_free(m);
}

/* The other values of the enumerations and booleans. */
static void test_loader_switches(void)
{
    be_error e;
    be_model *m = load(HEAD "integer: false\nend_of_horizon: none\n"
                       "name: 'Zürich: \"A\"'\n" DEVICE
                       "fleet:\n  - {device: a, count: 2.5, age: 1}\n", &e);
    REQUIRE(m);
    CHECK(m->integer == 0 && m->salvage == 0);
    CHECK_STR(be_model_name(m), "Zürich: \"A\"");
    CHECK_CLOSE(m->fleet[0].count, 2.5, 0);
    be_model_free(m);

    /* quoted and block strings are strings; -0 and exponents are numbers */
    m = load("breakeven: 1.0\nname: |-\n  text block\n"
             "horizon: {start: 2.024e3, periods: 3, period: \"year\"}\n"
             "demand: -0\ndiscount_rate: 1E-1\n" DEVICE, &e);
    REQUIRE(m);
    CHECK_STR(be_model_name(m), "text block");
    CHECK(m->start_year == 2024);
    CHECK(m->demand[1] == 0);
    CHECK_CLOSE(m->discount_rate, 0.1, 0);
    be_model_free(m);
}

/* Series: a number, one value per period, and {start, growth} whose
 * exponent is t * dt (dt = 1/4 for quarters, 1/12 for months). */
static void test_loader_series_forms(void)
{
    be_error e;
    be_model *m = load("breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                       "demand: [1, 2.5, 0]\n"
                       "energy: {price: [0.1, 0.2, 0.3]}\n"
                       "site: {power_cap_kw: {start: 100, growth: 0.5}, "
                       "budget: [5, 6, 7]}\n" DEVICE, &e);
    REQUIRE(m);
    CHECK(m->demand[0] == 1 && m->demand[1] == 2.5 && m->demand[2] == 0);
    CHECK(m->energy_price[2] == 0.3);
    CHECK(m->has_power_cap && m->has_budget);
    CHECK_CLOSE(m->power_cap[0], 100, 1e-15);
    CHECK_CLOSE(m->power_cap[1], 150, 1e-15);
    CHECK_CLOSE(m->power_cap[2], 225, 1e-15);
    CHECK(m->budget[1] == 6);
    be_model_free(m);

    /* quarters: 1.21^(t/4), so t = 2 is 1.1 and t = 4 is 1.21 */
    m = load("breakeven: 1\nhorizon: {start: 2024, periods: 5, period: "
             "quarter}\ndemand: {start: 100, growth: 0.21}\n"
             "devices:\n  - {name: a, throughput: 1, lifetime: 1, "
             "price: {start: 10, growth: 0}}\n", &e);
    REQUIRE(m);
    CHECK_CLOSE(m->dt, 0.25, 0);
    CHECK_CLOSE(m->demand[0], 100, 1e-15);
    CHECK_CLOSE(m->demand[2], 110, 1e-14);
    CHECK_CLOSE(m->demand[4], 121, 1e-14);
    CHECK_CLOSE(m->devices[0].price[4], 10, 0);
    CHECK(m->devices[0].life == 4 && m->devices[0].n_years == 1);
    be_model_free(m);

    /* months: 1.44^(t/12), so t = 6 is 1.2 and t = 12 is 1.44 */
    m = load("breakeven: 1\nhorizon: {start: 2024, periods: 13, period: "
             "month}\ndemand: {start: 100, growth: 0.44}\n"
             "devices:\n  - {name: a, throughput: 1, "
             "rent: {start: 1200, growth: -0.5}}\n", &e);
    REQUIRE(m);
    CHECK_CLOSE(m->dt, 1.0 / 12, 1e-15);
    CHECK_CLOSE(m->demand[6], 120, 1e-14);
    CHECK_CLOSE(m->demand[12], 144, 1e-14);
    CHECK_CLOSE(m->devices[0].rent[12], 600, 1e-14);
    be_model_free(m);
}

/* Availability labels: years; "2024-Q3" or a year for quarters (a year is
 * its first quarter as `from`, its last quarter within the horizon as
 * `to`); "2024-07" or a year for months. */
static void test_loader_available_labels(void)
{
    be_error e;
    be_model *m = load("breakeven: 1\nhorizon: {start: 2024, periods: 5}\n"
                       "demand: 1\ndevices:\n"
                       "  - {name: a, throughput: 1, lifetime: 2, price: 1, "
                       "available: {from: 2025, to: 2026}}\n"
                       "  - {name: b, throughput: 1, lifetime: 2, price: 1, "
                       "available: {to: 2024}}\n"
                       "  - {name: c, throughput: 1, rent: 5, "
                       "available: {from: 2028}}\n", &e);
    REQUIRE(m);
    CHECK(m->devices[0].avail_from == 1 && m->devices[0].avail_to == 2);
    CHECK(m->devices[1].avail_from == 0 && m->devices[1].avail_to == 0);
    CHECK(m->devices[2].avail_from == 4 && m->devices[2].avail_to == 4);
    CHECK(!be_model_device_can_buy(m, 2, 3) && be_model_device_can_buy(m, 2, 4));
    /* cohorts: a in 2025, 2026; b in 2024; c is rented */
    CHECK(be_model_cohorts(m) == 3);
    CHECK(be__cohort_of(m, 0, 2) == 1 && be__cohort_of(m, 0, 3) == -1);
    be_model_free(m);

    /* quarters 2024-Q1 .. 2025-Q2 */
    m = load("breakeven: 1\nhorizon: {start: 2024, periods: 6, period: "
             "quarter}\ndemand: 1\ndevices:\n"
             "  - {name: a, throughput: 1, lifetime: 1, price: 1, "
             "available: {from: 2024-Q3, to: '2025-Q1'}}\n"
             "  - {name: b, throughput: 1, lifetime: 1, price: 1, "
             "available: {from: 2025, to: 2025}}\n"
             "  - {name: c, throughput: 1, lifetime: 1, price: 1, "
             "available: {to: 2024}}\n", &e);
    REQUIRE(m);
    CHECK(m->devices[0].avail_from == 2 && m->devices[0].avail_to == 4);
    CHECK(m->devices[1].avail_from == 4 && m->devices[1].avail_to == 5);
    CHECK(m->devices[2].avail_from == 0 && m->devices[2].avail_to == 3);
    CHECK_STR(be_model_period_label(m, 2), "2024-Q3");
    CHECK_STR(be_model_period_label(m, 6), "2025-Q3");
    CHECK(be_model_cohorts(m) == 3 + 2 + 4);
    be_model_free(m);

    /* months 2024-01 .. 2025-03 */
    m = load("breakeven: 1\nhorizon: {start: 2024, periods: 15, period: "
             "month}\ndemand: 1\ndevices:\n"
             "  - {name: a, throughput: 1, lifetime: 1, price: 1, "
             "available: {from: 2024-07, to: \"2024-12\"}}\n"
             "  - {name: b, throughput: 1, lifetime: 1, price: 1, "
             "available: {from: 2025}}\n"
             "  - {name: c, throughput: 1, lifetime: 1, price: 1, "
             "available: {to: 2024}}\n", &e);
    REQUIRE(m);
    CHECK(m->devices[0].avail_from == 6 && m->devices[0].avail_to == 11);
    CHECK(m->devices[1].avail_from == 12 && m->devices[1].avail_to == 14);
    CHECK(m->devices[2].avail_from == 0 && m->devices[2].avail_to == 11);
    CHECK_STR(be_model_period_label(m, 6), "2024-07");
    CHECK_STR(be_model_period_label(m, 14), "2025-03");
    be_model_free(m);
}

/* Lifetimes and ages in a quarterly model: whole numbers of quarters;
 * om and resale lists have one entry per started year of life. */
static void test_loader_quarterly_lifetime(void)
{
    be_error e;
    be_model *m = load("breakeven: 1\nhorizon: {start: 2030, periods: 8, "
                       "period: quarter}\ndemand: 1\nfinance: {tax_rate: 0, "
                       "depreciation_years: 2.5}\ndevices:\n"
                       "  - name: a\n    throughput: 1\n    lifetime: 2.25\n"
                       "    om: [1, 2, 3]\n    resale: [90, 80, 70]\n"
                       "    price: 100\n"
                       "fleet:\n  - {device: a, count: 4, age: 0.5}\n"
                       "  - {device: a, count: 1, age: 2.25}\n", &e);
    if (!m)
        fprintf(stderr, "%d:%d: %s\n", e.line, e.column, e.message);
    REQUIRE(m);
    const be_device *d = &m->devices[0];
    CHECK(d->life == 9 && d->n_years == 3);
    CHECK_CLOSE(d->lifetime, 2.25, 0);
    CHECK(d->om[2] == 3 && d->resale[2] == 70);
    CHECK(m->fleet[0].age == 2 && m->fleet[1].age == 9);
    CHECK(!m->fleet[0].has_purchase_price);
    /* two fleet cohorts (the second must retire at once) + 8 bought */
    CHECK(be_model_cohorts(m) == 10);
    be_cohort_info c;
    be_model_cohort(m, 0, &c);
    CHECK(c.age0 == 2 && c.end == 7);
    CHECK_CLOSE(c.basis, 100, 0);
    be_model_cohort(m, 1, &c);
    CHECK(c.age0 == 9 && c.end == 0);
    be_model_cohort(m, 9, &c);
    CHECK(c.start == 7 && c.end == 16 && c.fleet_entry == -1);
    be_model_free(m);
}

/* A device that can only be held (no price, no rent) and a fleet whose
 * resale needs no basis; comments, flow and block styles mixed; a UTF-8
 * byte order mark and CRLF line ends. */
static void test_loader_fleet_only_device(void)
{
    be_error e;
    be_model *m = load("\xEF\xBB\xBF# a comment\r\n---\r\nbreakeven: 1\r\n"
                       "horizon:\r\n  start: 2024\r\n  periods: 2\r\n"
                       "demand: 1\r\ndevices:\r\n"
                       "- name: legacy\r\n  throughput: 2\r\n  lifetime: 5\r\n"
                       "  resale: [5, 4, 3, 2, 1]\r\n"
                       "fleet:\r\n- device: legacy\r\n  count: 0\r\n"
                       "  age: 5\r\n...\r\n", &e);
    if (!m)
        fprintf(stderr, "%d:%d: %s\n", e.line, e.column, e.message);
    REQUIRE(m);
    CHECK(m->devices[0].pos.line == 9 && m->devices[0].pos.column == 3);
    CHECK(!be_model_device_can_buy(m, 0, 0));
    CHECK(be_model_cohorts(m) == 1);
    CHECK(m->fleet[0].count == 0 && m->fleet[0].age == 5);
    be_model_free(m);
}

/* The textbook engine analyzer (issue 2): loads as intended. */
static void test_loader_engine_analyzer(void)
{
    be_error e;
    be_model *m;
    m = load("breakeven: 1\nname: Engine analyzer (Winston)\n"
             "horizon: {start: 2000, periods: 5}\ndemand: 1\n"
             "end_of_horizon: salvage\ndevices:\n"
             "  - {name: analyzer, throughput: 1, lifetime: 3, price: 1000,\n"
             "     om: [60, 80, 120], resale: [800, 600, 500]}\n", &e);
    REQUIRE(m);
    CHECK(be_model_cohorts(m) == 5);
    CHECK(m->devices[0].om[1] == 80 && m->devices[0].resale[2] == 500);
    be_model_free(m);
}

/* Issue 14, items 1-4: what textbooks and YAML allow. */
static void test_loader_textbook_years(void)
{
    be_error e;
    /* year 0, quarters: labels print the year as a plain number */
    be_model *m = load("breakeven: 1\nhorizon: {start: 0, periods: 6, "
                       "period: quarter}\ndemand: 1\ndevices:\n"
                       "  - {name: a, throughput: 1, lifetime: 1, price: 1,\n"
                       "     available: {from: 0-Q3, to: 1}}\n", &e);
    REQUIRE(m);
    CHECK(m->start_year == 0);
    CHECK(strcmp(be_model_period_label(m, 0), "0-Q1") == 0);
    CHECK(strcmp(be_model_period_label(m, 5), "1-Q2") == 0);
    /* from 0-Q3 is period 2; to 1 is the year's last period in the horizon */
    CHECK(m->devices[0].avail_from == 2 && m->devices[0].avail_to == 5);
    be_model_free(m);
    m = load("breakeven: 1\nhorizon: {start: 1, periods: 14, period: month}\n"
             "demand: 1\ndevices:\n  - {name: a, throughput: 1, lifetime: 1,"
             " price: 1, available: {from: 1-12}}\n", &e);
    REQUIRE(m);
    CHECK(strcmp(be_model_period_label(m, 13), "2-02") == 0);
    CHECK(m->devices[0].avail_from == 11);
    be_model_free(m);
    /* a leading zero is not how labels print */
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 1, periods: 8, "
                       "period: quarter}\ndemand: 1\ndevices:\n  - {name: a, "
                       "throughput: 1, lifetime: 1, price: 1, available: "
                       "{from: 01-Q3}}\n", 5, 71,
                       "device 'a': available from must be a quarter like "
                       "2026-Q3 or a year, found '01-Q3'");
}

static void test_loader_plus_and_blocks(void)
{
    be_error e;
    be_model *m = load("breakeven: +1\nname: >\n  A long\n  title\n"
                       "description: |\n  First line.\n  Second line.\n\n"
                       "horizon: {start: 2024, periods: +3}\n"
                       "demand: +10\ndiscount_rate: +0.05\n"
                       "devices:\n  - name: |\n      a\n    throughput: +1e+0\n"
                       "    lifetime: 2\n"
                       "fleet:\n  - {device: a, count: 10, age: +1}\n", &e);
    if (!m)
        fprintf(stderr, "%d:%d: %s\n", e.line, e.column, e.message);
    REQUIRE(m);
    CHECK(strcmp(be_model_name(m), "A long title") == 0);
    CHECK(strcmp(be_model_description(m), "First line.\nSecond line.") == 0);
    CHECK(m->T == 3 && m->demand[2] == 10 && m->discount_rate == 0.05);
    CHECK(strcmp(m->devices[0].name, "a") == 0 && m->fleet[0].age == 1);
    be_model_free(m);
    m = load(HEAD DEVICE, &e);
    REQUIRE(m);
    CHECK(strcmp(be_model_description(m), "") == 0);
    be_model_free(m);
    /* a line break inside one-line text: a > block with an empty line */
    EXPECT_MODEL_ERROR("breakeven: 1\nname: >\n  A\n\n  B\n", 2, 7,
                       "name must be one line, found a line break inside "
                       "'A\\x0aB' (a > block joins its lines unless one is "
                       "empty or indented more; | keeps every break)");
    EXPECT_MODEL_ERROR(HEAD "description: \"a\\x07b\"\n" DEVICE, 4, 14,
                       "description must not contain control characters, "
                       "found 'a\\x07b'");
}

/* Ages and lifetimes near a whole number of periods (tolerance 0.005
 * years), and counts written with their unit. */
static void test_loader_period_tolerance(void)
{
    be_error e;
#define MONTHLY "breakeven: 1\nhorizon: {start: 2024, periods: 24, " \
                "period: month}\ndemand: 1\n"
    /* 0.0833333 and 0.08 are 1 month (off by 3.3e-8 and 0.0033 years);
     * 0.33 is 4 months (off by 0.0033); 1.5 years = 18 months exactly */
    be_model *m = load(MONTHLY "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2.33}\nfleet:\n"
                       "  - {device: a, count: 1, age: 0.0833333}\n"
                       "  - {device: a, count: 1, age: 0.08}\n"
                       "  - {device: a, count: 1, age: 1.5}\n"
                       "  - {device: a, count: 1, age: 18 months}\n"
                       "  - {device: a, count: 1, age: 1 year}\n", &e);
    if (!m)
        fprintf(stderr, "%d:%d: %s\n", e.line, e.column, e.message);
    REQUIRE(m);
    CHECK(m->devices[0].life == 28);
    CHECK(m->fleet[0].age == 1 && m->fleet[1].age == 1);
    CHECK(m->fleet[2].age == 18 && m->fleet[3].age == 18);
    CHECK(m->fleet[4].age == 12);
    int left = -1;
    /* 2.33 -> 28 months, 0.0833333 and 0.08 -> 1 month; 1.5 is exact */
    REQUIRE(be_model_notes(m, &left) == 3 && left == 0);
    const be_error *n = be_model_note(m, 0);
    CHECK(n->code == BE_OK && n->line == 5 && n->column == 40);
    CHECK(strcmp(n->message, "device 'a': lifetime 2.33 years read as 28 "
                 "months (2.3333 years)") == 0);
    n = be_model_note(m, 2);
    CHECK(n->line == 8 && strcmp(n->message, "fleet entry 2: age 0.08 years "
                                 "read as 1 month (0.0833 years)") == 0);
    CHECK(be_model_note(m, 3) == NULL && be_model_note(m, -1) == NULL);
    be_model_free(m);
    /* 0.09 years is 1.08 months: 0.0067 years from 1 month */
    EXPECT_MODEL_ERROR(MONTHLY "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2}\nfleet:\n"
                       "  - {device: a, count: 1, age: 0.09}\n", 7, 32,
                       "fleet entry 1: age 0.09 years is not a whole number "
                       "of months; did you mean 0.0833 (1 month)?");
    EXPECT_MODEL_ERROR(MONTHLY "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 0.03}\n", 5, 40,
                       "device 'a': lifetime 0.03 years is not a whole "
                       "number of months; did you mean 0.0833 (1 month)?");
    EXPECT_MODEL_ERROR(MONTHLY "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 0.001}\n", 5, 40,
                       "device 'a': lifetime must be at least one month, "
                       "found 0.001");
    /* a count must convert exactly */
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 8, "
                       "period: quarter}\ndemand: 1\ndevices:\n  - {name: a, "
                       "throughput: 1, lifetime: 5 months}\n", 5, 40,
                       "device 'a': lifetime '5 months' is not a whole number "
                       "of quarters (a quarter is 3 months)");
    EXPECT_MODEL_ERROR(MONTHLY "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 3 weeks}\n", 5, 40,
                       "device 'a': lifetime must be a number of years or a "
                       "count with its unit (years, quarters or months), "
                       "found '3 weeks'");
    EXPECT_MODEL_ERROR(MONTHLY "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 0 months}\n", 5, 40,
                       "device 'a': lifetime must be at least one month, "
                       "found '0 months'");
    EXPECT_MODEL_ERROR(MONTHLY "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2}\nfleet:\n"
                       "  - {device: a, count: 1, age: 25 months}\n", 7, 32,
                       "fleet entry 1: 'a' units aged 25 months are older "
                       "than its lifetime of 2 years");
    /* far beyond any lifetime: refused as too old, not rounded */
    EXPECT_MODEL_ERROR(MONTHLY "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2}\nfleet:\n"
                       "  - {device: a, count: 1, age: 1e308}\n", 7, 32,
                       "fleet entry 1: 'a' units aged 1e308 years are older "
                       "than its lifetime of 2 years");
    /* yearly models: the old message, and the same tolerance */
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2.01}\n", 5, 40,
                       "device 'a': lifetime must be a whole number of "
                       "years, found 2.01");
#undef MONTHLY
}

static void test_loader_from_file(void)
{
    char path[] = "/tmp/be_loader_XXXXXX";
    int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    REQUIRE(f);
    fputs(full_model, f);
    fclose(f);

    be_error e;
    memset(&e, 0, sizeof e);
    be_model *m = be_model_load_file(path, NULL, &e);
    CHECK(m != NULL);
    if (m) {
        CHECK_STR(m->file, path);
        CHECK(m->n_devices == 3 && m->T == 8);
    }
    be_model_free(m);

    /* the size limit, checked while reading */
    be_load_options opt;
    be_load_options_init(&opt);
    CHECK(opt.max_bytes == (size_t)16 << 20 && opt.max_depth == 64);
    opt.max_bytes = 100;
    m = be_model_load_file(path, &opt, &e);
    CHECK(!m && e.code == BE_ELIMIT && e.line == 0);
    CHECK_STR(e.message, "the file is larger than the limit of 100 bytes");
    CHECK_STR(e.file, path);
    opt.max_bytes = strlen(full_model);
    m = be_model_load_file(path, &opt, &e);
    CHECK(m != NULL);
    be_model_free(m);

    /* an error in a file names the file */
    f = fopen(path, "wb");
    REQUIRE(f);
    fputs("breakeven: 1\nhorizon: 3\n", f);
    fclose(f);
    m = be_model_load_file(path, NULL, &e);
    CHECK(!m && e.code == BE_EMODEL && e.line == 2 && e.column == 10);
    CHECK_STR(e.file, path);
    CHECK_STR(e.message, "horizon must be a mapping, found '3'");
    remove(path);

    m = be_model_load_file(path, NULL, &e);
    CHECK(!m && e.code == BE_EIO && e.line == 0 && e.column == 0);
    CHECK_STR(e.file, path);
    CHECK_STR(e.message, "cannot open the file: No such file or directory");

    /* a directory opens but cannot be read */
    m = be_model_load_file("/", NULL, &e);
    CHECK(!m && e.code == BE_EIO);
    CHECK_STR(e.message, "cannot read the file: Is a directory");
}

/* NULL error record, NULL options, bad options and arguments. */
static void test_loader_arguments(void)
{
    be_model *m = be_model_load_string(HEAD DEVICE, strlen(HEAD DEVICE), NULL,
                                       NULL, NULL);
    CHECK(m != NULL);
    CHECK(m && strcmp(m->file, "") == 0);
    be_model_free(m);
    CHECK(be_model_load_string("x: [", 4, "n", NULL, NULL) == NULL);

    be_error e;
    be_load_options opt;
    be_load_options_init(&opt);
    opt.max_depth = 0;
    m = be_model_load_string(HEAD DEVICE, strlen(HEAD DEVICE), "n", &opt, &e);
    CHECK(!m && e.code == BE_EARG);
    CHECK_STR(e.message, "max_depth must be at least 1, found 0");
    m = be_model_load_string(NULL, 5, "n", NULL, &e);
    CHECK(!m && e.code == BE_EARG);
    m = be_model_load_file(NULL, NULL, &e);
    CHECK(!m && e.code == BE_EARG);
}

/* ------------------------------------------------------------------ */
/* Errors: exact code, position and message                            */
/* ------------------------------------------------------------------ */

static void test_loader_error_yaml_syntax(void)
{
    EXPECT_ERROR("breakeven: 1\nhorizon: [1, 2\ndemand: 3\n", BE_ESYNTAX,
                 3, 7, "did not find expected ',' or ']' (while parsing a "
                 "flow sequence at line 2, column 10)");
    EXPECT_ERROR("breakeven: 1\n  demand: 2\n", BE_ESYNTAX, 2, 9,
                 "mapping values are not allowed in this context");
    EXPECT_ERROR("breakeven: 1\nname: \"open\n", BE_ESYNTAX, 3, 1,
                 "found unexpected end of stream (while scanning a quoted "
                 "scalar at line 2, column 7)");
    EXPECT_ERROR("breakeven: 1\n\tdemand: 2\n", BE_ESYNTAX, 2, 1,
                 "found a tab character that violates indentation (while "
                 "scanning a plain scalar at line 1, column 12)");
    /* invalid UTF-8 and raw control characters: libyaml gives a byte
     * offset, turned into line and column (in characters) */
    EXPECT_ERROR("breakeven: 1\nname: \xc3\xa9t\xff\n", BE_ESYNTAX, 2, 9,
                 "invalid leading UTF-8 octet (byte 0xff); the file must be "
                 "UTF-8 text");
    EXPECT_ERROR("breakeven: 1\nname: caf\xc3", BE_ESYNTAX, 2, 10,
                 "incomplete UTF-8 octet sequence; the file must be UTF-8 "
                 "text");
    EXPECT_ERROR("breakeven: 1\nname: a\x01z\n", BE_ESYNTAX, 2, 8,
                 "control characters are not allowed (byte 0x01); the file "
                 "must be UTF-8 text");
    expect_error_n(__LINE__, "name: a\0b\n", 10, NULL, BE_ESYNTAX, 1, 8,
                   "control characters are not allowed (byte 0x00); the file "
                   "must be UTF-8 text");
    EXPECT_ERROR("\xff\xfe" "b\0", BE_ESYNTAX, 1, 1,
                 "the file is UTF-16; save it as UTF-8");
}

static void test_loader_error_document(void)
{
    EXPECT_MODEL_ERROR("", 1, 1, "the file is empty");
    EXPECT_MODEL_ERROR("# only a comment\n\n", 1, 1, "the file is empty");
    EXPECT_MODEL_ERROR("---\n", 1, 1, "the file is empty");
    EXPECT_MODEL_ERROR(HEAD DEVICE "---\nbreakeven: 1\n", 6, 1,
                       "the file holds more than one document; a model is a "
                       "single document");
    EXPECT_MODEL_ERROR("- breakeven: 1\n", 1, 1,
                       "the top level must be a mapping of keys such as "
                       "breakeven, horizon and devices, found a list");
    EXPECT_MODEL_ERROR("breakeven\n", 1, 1,
                       "the top level must be a mapping of keys such as "
                       "breakeven, horizon and devices, found 'breakeven'");
    EXPECT_MODEL_ERROR(HEAD "base: &b {throughput: 1}\n" DEVICE, 4, 7,
                       "anchors and aliases are not supported");
    EXPECT_MODEL_ERROR(HEAD DEVICE "fleet: *f\n", 6, 8,
                       "anchors and aliases are not supported");
    EXPECT_MODEL_ERROR("breakeven: !!int 1\n", 1, 12,
                       "tags are not supported (found "
                       "'tag:yaml.org,2002:int')");
    EXPECT_MODEL_ERROR("breakeven: 1\n? [a, b]\n: 1\n", 2, 3,
                       "a key must be a name, found a list");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                       "demand: 10\nname: x\ndemand: 11\n", 5, 1,
                       "duplicate key 'demand' (first at line 3)");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2,\n     throughput: 2}\n", 6, 6,
                       "duplicate key 'throughput' (first at line 5)");
}

static void test_loader_error_limits(void)
{
    /* 65 nested lists under the top-level mapping: the 64th level is the
     * first too deep */
    char deep[400];
    size_t o = (size_t)snprintf(deep, sizeof deep, "breakeven: 1\nx: ");
    for (int i = 0; i < 70; i++)
        deep[o++] = '[';
    deep[o] = '\0';
    EXPECT_ERROR(deep, BE_ELIMIT, 2, 67, "the file nests deeper than 64 "
                 "levels");

    be_load_options opt;
    be_load_options_init(&opt);
    opt.max_depth = 2;
    const char *y = HEAD DEVICE;
    expect_error_n(__LINE__, y, strlen(y), &opt, BE_ELIMIT, 5, 5,
                   "the file nests deeper than 2 levels");
    opt.max_depth = 3;
    be_error e;
    be_model *m = be_model_load_string(y, strlen(y), "t", &opt, &e);
    CHECK(m != NULL);
    be_model_free(m);

    be_load_options_init(&opt);
    /* devices x periods is capped: 2 devices over 100000 months is fine,
     * 101 are not */
    char big[8000];
    o = (size_t)snprintf(big, sizeof big, "breakeven: 1\nhorizon: {start: "
                         "2024, periods: 100000, period: month}\ndemand: 1\n"
                         "devices:\n");
    for (int k = 0; k < 101; k++)
        o += (size_t)snprintf(big + o, sizeof big - o, "- {name: d%d, "
                              "throughput: 1, lifetime: 1}\n", k);
    EXPECT_ERROR(big, BE_ELIMIT, 5, 1, "the model is too large: 101 devices "
                 "over 100000 periods exceed the limit of 10000000 "
                 "device-periods");
    /* the first two devices alone load */
    const char *third = strstr(big, "- {name: d2,");
    REQUIRE(third);
    m = be_model_load_string(big, (size_t)(third - big), "t", NULL, &e);
    CHECK(m != NULL && m->n_devices == 2 && m->T == 100000);
    be_model_free(m);

    /* cohort-periods are capped: 100000 monthly cohorts held up to 250
     * months each are 24968875 > 20000000 */
    EXPECT_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 100000, "
                 "period: month}\ndemand: 1\ndevices:\n"
                 "  - {name: a, throughput: 1, lifetime: 20.8333333333333333, "
                 "price: 1}\n", BE_ELIMIT, 5, 3, "the model is too large: its "
                 "units can be held in 24968875 cohort-periods (purchase "
                 "period x periods in service), more than the limit of "
                 "20000000");

    be_load_options_init(&opt);
    opt.max_bytes = strlen(y) - 1;
    expect_error_n(__LINE__, y, strlen(y), &opt, BE_ELIMIT, 0, 0,
                   "the file is larger than the limit of 121 bytes");
}

static void test_loader_error_keys(void)
{
    /* revenue (docs/returns.md): each bad input one line with its place */
    EXPECT_MODEL_ERROR(HEAD "revenue: {price: -1}\n" DEVICE, 4, 18,
                       "revenue: price must be at least 0, found -1");
    EXPECT_MODEL_ERROR(HEAD "revenue: {market: 20}\n" DEVICE, 4, 10,
                       "missing required key 'price' in revenue");
    EXPECT_MODEL_ERROR(HEAD "revenue: {price: 1, market: [20, 9.5, 20]}\n"
                       DEVICE, 4, 34,
                       "revenue.market for 2025 is 9.5, below that period's "
                       "demand of 10: the market must hold the demand (the "
                       "work that must be served is sold too)");
    EXPECT_MODEL_ERROR(HEAD "revenue: {price: 1, markt: 20}\n" DEVICE, 4, 21,
                       "unknown key 'markt' in revenue; did you mean "
                       "'market'?");
    EXPECT_MODEL_ERROR(HEAD DEVICE "revenue: {price: 1, market: 20}\n"
                       "scenarios:\n  - {name: a, probability: 0.5, set: "
                       "{revenue: {price: 2}}}\n  - {name: b, probability: "
                       "0.5}\n", 8, 38,
                       "scenario 'a': a scenario may not change whether the "
                       "model has a market (revenue.market: change its "
                       "values instead)");
    EXPECT_MODEL_ERROR("horizon: {start: 2024, periods: 3}\n", 1, 1,
                       "missing required key 'breakeven' in the top level "
                       "(the schema version: write breakeven: 1)");
    EXPECT_MODEL_ERROR("breakeven: 2\n", 1, 12,
                       "breakeven must be 1 (the schema version this program "
                       "reads), found 2");
    EXPECT_MODEL_ERROR(HEAD "discont_rate: 0.1\n" DEVICE, 4, 1,
                       "unknown key 'discont_rate' in the top level; did you "
                       "mean 'discount_rate'?");
    EXPECT_MODEL_ERROR(HEAD "Demand: 1\n" DEVICE, 4, 1,
                       "unknown key 'Demand' in the top level; did you mean "
                       "'demand'?");
    EXPECT_MODEL_ERROR(HEAD "colour: red\n" DEVICE, 4, 1,
                       "unknown key 'colour' in the top level (expected one "
                       "of: breakeven, name, description, horizon, "
                       "discount_rate, integer, end_of_horizon, demand, "
                       "workloads, energy, site, finance, revenue, devices, "
                       "fleet, scenarios, risk)");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetme: 2, price: 100}\n", 5, 30,
                       "unknown key 'lifetme' in device 'a'; did you mean "
                       "'lifetime'?");
    EXPECT_MODEL_ERROR(HEAD "energy: {price: 1, pue: 1, utilisation: 1}\n"
                       DEVICE, 4, 28,
                       "unknown key 'utilisation' in energy; did you mean "
                       "'utilization'?");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                       "demand: {start: 1, grwth: 0.1}\n" DEVICE, 3, 20,
                       "unknown key 'grwth' in demand; did you mean "
                       "'growth'?");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, price: {start: 1, growth: 0, x: 1}}\n",
                       5, 72, "unknown key 'x' in device 'a' price (expected "
                       "one of: start, growth)");
    EXPECT_MODEL_ERROR(HEAD DEVICE "fleet:\n  - {device: a, count: 1, "
                       "age: 1, purchase: 5}\n", 7, 35,
                       "unknown key 'purchase' in fleet entry 1; did you "
                       "mean 'purchase_price'?");
    EXPECT_MODEL_ERROR("breakeven: 1\ndemand: 1\n" DEVICE, 1, 1,
                       "missing required key 'horizon' in the top level");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                       DEVICE, 1, 1,
                       "missing required key 'demand' in the top level");
    EXPECT_MODEL_ERROR(HEAD, 1, 1,
                       "missing required key 'devices' in the top level");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {periods: 3}\n", 2, 10,
                       "missing required key 'start' in horizon");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, lifetime: 2}\n", 5, 5,
                       "missing required key 'throughput' in device 'a'");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1}\n", 5, 5,
                       "missing required key 'lifetime' in device 'a'");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - name: a\n    throughput: 1\n"
                       "    lifetime: 1\n  - throughput: 1\n", 8, 5,
                       "missing required key 'name' in device 2");
    EXPECT_MODEL_ERROR(HEAD "finance: {tax_rate: 0.2}\n" DEVICE, 4, 10,
                       "missing required key 'depreciation_years' in "
                       "finance");
    EXPECT_MODEL_ERROR(HEAD "energy: {pue: 1.2}\n" DEVICE, 4, 9,
                       "missing required key 'price' in energy");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, resale: {fraction: 0.5}}\n", 5, 51,
                       "missing required key 'half_life' in device 'a' "
                       "resale");
    EXPECT_MODEL_ERROR(HEAD DEVICE "fleet:\n  - {device: a, age: 1}\n", 7, 5,
                       "missing required key 'count' in fleet entry 1");
}

static void test_loader_error_scalar_types(void)
{
    EXPECT_MODEL_ERROR(HEAD "integer: yes\n" DEVICE, 4, 10,
                       "integer must be true or false, found 'yes'");
    EXPECT_MODEL_ERROR(HEAD "integer: \"true\"\n" DEVICE, 4, 10,
                       "integer must be true or false, found the quoted "
                       "string 'true'");
    EXPECT_MODEL_ERROR(HEAD "integer: 1\n" DEVICE, 4, 10,
                       "integer must be true or false, found '1'");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: no\n" DEVICE, 4, 16,
                       "discount_rate must be a number, found 'no'");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: 010\n" DEVICE, 4, 16,
                       "discount_rate must be a number, found '010' (a "
                       "number cannot start with 0 unless it is 0 or 0.x)");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                       "demand: 1_000\n" DEVICE, 3, 9,
                       "demand must be a number, a list of 3 numbers or "
                       "{start, growth}, found '1_000' (write the number "
                       "without '_')");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: .5\n" DEVICE, 4, 16,
                       "discount_rate must be a number, found '.5' (write a "
                       "digit before the decimal point)");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: 5.\n" DEVICE, 4, 16,
                       "discount_rate must be a number, found '5.' (write a "
                       "digit after the decimal point)");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: +.1\n" DEVICE, 4, 16,
                       "discount_rate must be a number, found '+.1' (write a "
                       "digit before the decimal point)");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: +-1\n" DEVICE, 4, 16,
                       "discount_rate must be a number, found '+-1'");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: +010\n" DEVICE, 4, 16,
                       "discount_rate must be a number, found '+010' (a "
                       "number cannot start with 0 unless it is 0 or 0.x)");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: 0x10\n" DEVICE, 4, 16,
                       "discount_rate must be a number, found '0x10' (only "
                       "decimal numbers are accepted)");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: '0.1'\n" DEVICE, 4, 16,
                       "discount_rate must be a number, found the quoted "
                       "string '0.1' (quoted values are text; remove the "
                       "quotes)");
    EXPECT_MODEL_ERROR(HEAD "discount_rate:\n" DEVICE, 4, 15,
                       "discount_rate must be a number, found an empty "
                       "value");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: ~\n" DEVICE, 4, 16,
                       "discount_rate must be a number, found '~'");
    EXPECT_MODEL_ERROR(HEAD "energy: {price: .nan}\n" DEVICE, 4, 17,
                       "energy: price must be a number, a list of 3 numbers "
                       "or {start, growth}, found '.nan' (numbers must be "
                       "finite)");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: -.inf\n" DEVICE, 4, 16,
                       "discount_rate must be a number, found '-.inf' "
                       "(numbers must be finite)");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: 1e999\n" DEVICE, 4, 16,
                       "discount_rate must be a finite number, found 1e999 "
                       "(out of range)");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: [0.1]\n" DEVICE, 4, 16,
                       "discount_rate must be a number, found a list");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024.5, periods: 3}\n",
                       2, 18, "horizon: start must be a whole number, found "
                       "2024.5");
    EXPECT_MODEL_ERROR("breakeven: 1\nname: ~\n", 2, 7,
                       "name must be text, found '~' (a null)");
    EXPECT_MODEL_ERROR("breakeven: 1\nname: [a]\n", 2, 7,
                       "name must be text, found a list");
    EXPECT_MODEL_ERROR("breakeven: 1\nname: \"tab\\there\"\n", 2, 7,
                       "name must not contain control characters, found "
                       "'tab\\x09here'");
    /* NUL inside a scalar: reported, not truncated at */
    EXPECT_MODEL_ERROR("breakeven: 1\nname: \"a\\0b\"\n", 2, 7,
                       "name must not contain control characters, found "
                       "'a\\x00b'");
    EXPECT_MODEL_ERROR("breakeven: 1\nname: \"next\\Nline\"\n", 2, 7,
                       "name must not contain control characters, found "
                       "'next\\xc2\\x85line'");
    EXPECT_MODEL_ERROR(HEAD "end_of_horizon: sell\n" DEVICE, 4, 17,
                       "end_of_horizon must be salvage or none, found "
                       "'sell'");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3, "
                       "period: week}\n", 2, 44,
                       "horizon: period must be year, quarter or month, "
                       "found 'week'");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                       "demand: \"100\"\n" DEVICE, 3, 9,
                       "demand must be a number, a list of 3 numbers or "
                       "{start, growth}, found the quoted string '100' "
                       "(quoted values are text; remove the quotes)");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, resale: 5}\n", 5, 51,
                       "device 'a': resale must be a list of 2 numbers or "
                       "{fraction, half_life}, found '5'");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, om: {x: 1}}\n", 5, 47,
                       "device 'a': om must be a number or a list of 2 "
                       "numbers, found a mapping");
}

static void test_loader_error_ranges(void)
{
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: -1, periods: 3}\n",
                       2, 18, "horizon: start must be from 0 to 9999, "
                       "found -1");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 10000, periods: 3}\n",
                       2, 18, "horizon: start must be from 0 to 9999, "
                       "found 10000");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 0}\n",
                       2, 33, "horizon: periods must be from 1 to 100000, "
                       "found 0");
    EXPECT_MODEL_ERROR(HEAD "discount_rate: -1\n" DEVICE, 4, 16,
                       "discount_rate must be greater than -1 and at most "
                       "10, found -1");
    EXPECT_MODEL_ERROR(HEAD "energy: {price: 0.1, pue: 0.9}\n" DEVICE, 4, 27,
                       "energy: pue must be at least 1, found 0.9");
    EXPECT_MODEL_ERROR(HEAD "energy: {price: 0.1, utilization: 1.5}\n" DEVICE,
                       4, 35, "energy: utilization must be from 0 to 1, "
                       "found 1.5");
    EXPECT_MODEL_ERROR(HEAD "finance: {tax_rate: 1, depreciation_years: 5}\n"
                       DEVICE, 4, 21,
                       "finance: tax_rate must be at least 0 and less than 1, "
                       "found 1");
    EXPECT_MODEL_ERROR(HEAD "finance: {tax_rate: 0, depreciation_years: 0}\n"
                       DEVICE, 4, 44,
                       "finance: depreciation_years must be greater than 0, "
                       "found 0");
    EXPECT_MODEL_ERROR(HEAD "site: {budget: -1}\n" DEVICE, 4, 16,
                       "site: budget must be at least 0, found -1");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 0, "
                       "lifetime: 2}\n", 5, 27,
                       "device 'a': throughput must be greater than 0, "
                       "found 0");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: new, throughput: 1, "
                       "lifetime: -1}\n", 5, 42,
                       "device 'new': lifetime must be greater than 0, "
                       "found -1");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 1e-10}\n", 5, 40,
                       "device 'a': lifetime must be at least one year, found "
                       "1e-10");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 1001}\n", 5, 40,
                       "device 'a': lifetime must be at most 1000, found "
                       "1001");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "power_kw: -0.5, lifetime: 2}\n", 5, 40,
                       "device 'a': power_kw must be at least 0, found -0.5");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, price: -5}\n", 5, 50,
                       "device 'a': price must be at least 0, found -5");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, resale: {fraction: 1.5, half_life: 2}}\n",
                       5, 62, "device 'a': resale fraction must be from 0 to "
                       "1, found 1.5");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, om: [1, -2]}\n", 5, 51,
                       "device 'a': om for year 2 of age must be at least 0, "
                       "found -2");
}

static void test_loader_error_series(void)
{
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 8}\n"
                       "demand: [1, 2, 3, 4, 5, 6, 7]\n" DEVICE, 3, 9,
                       "demand has 7 values, the horizon has 8 periods");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                       "demand: [1, -2, 3]\n" DEVICE, 3, 13,
                       "demand for 2025 must be at least 0, found -2");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3, "
                       "period: quarter}\ndemand: [1, 2, x]\n" DEVICE, 3, 16,
                       "demand for 2024-Q3 must be a number, found 'x'");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                       "demand: []\n" DEVICE, 3, 9,
                       "demand has 0 values, the horizon has 3 periods");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                       "demand: {start: 1, growth: -1}\n" DEVICE, 3, 28,
                       "demand growth must be greater than -1, found -1");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                       "demand: {start: -1, growth: 0}\n" DEVICE, 3, 17,
                       "demand start must be at least 0, found -1");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3}\n"
                       "demand: {start: 1e300, growth: 1e200}\n" DEVICE, 3,
                       32, "demand growth makes the value too large to "
                       "represent by 2025");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, price: [1, 2]}\n", 5, 50,
                       "device 'a': price has 2 values, the horizon has 3 "
                       "periods");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "rent: {start: 1, growth: -2}}\n", 5, 55,
                       "device 'a': rent growth must be greater than -1, "
                       "found -2");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 3, om: [1, 2]}\n", 5, 47,
                       "device 'a': om has 2 values, its lifetime of 3 years "
                       "needs 3 (one per year of age)");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3, "
                       "period: quarter}\ndemand: 1\ndevices:\n"
                       "  - {name: a, throughput: 1, lifetime: 1.5, "
                       "resale: [3]}\n", 5, 53,
                       "device 'a': resale has 1 value, its lifetime of 1.5 "
                       "years needs 2 (the value at age 1, 2, ... years)");
}

static void test_loader_error_devices(void)
{
    EXPECT_MODEL_ERROR(HEAD "devices: []\n", 4, 10,
                       "devices must be a list of at least one device, found "
                       "an empty list");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - a\n", 5, 5,
                       "device 1 must be a mapping, found 'a'");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a b, throughput: 1, "
                       "lifetime: 2}\n", 5, 12,
                       "device 1: name may only contain letters, digits, '-', "
                       "'_' and '.', found 'a b'");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: \"a\\tb\", throughput: 1, "
                       "lifetime: 2}\n", 5, 12,
                       "device 1: name must not contain control characters, "
                       "found 'a\\x09b'");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: '', throughput: 1, "
                       "lifetime: 2}\n", 5, 12,
                       "device 1: name must be 1 to 64 characters long, "
                       "found an empty string");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2}\n  - {name: b, throughput: 1, "
                       "lifetime: 2}\n  - {name: a, throughput: 1, "
                       "lifetime: 2}\n", 7, 12,
                       "duplicate device name 'a' (first at line 5)");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2.5, price: 1}\n", 5, 40,
                       "device 'a': lifetime must be a whole number of years, "
                       "found 2.5");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3, "
                       "period: quarter}\ndemand: 1\ndevices:\n"
                       "  - {name: a, throughput: 1, lifetime: 2.3}\n", 5, 40,
                       "device 'a': lifetime 2.3 years is not a whole "
                       "number of quarters; did you mean 2.25 (9 quarters)?");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: c, throughput: 1, "
                       "rent: 5, om: 3}\n", 5, 39,
                       "device 'c' is rented: remove 'om' (rented capacity "
                       "has no price, lifetime, O&M, resale or power draw)");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: c, throughput: 1, "
                       "lifetime: 3, rent: 5}\n", 5, 30,
                       "device 'c' is rented: remove 'lifetime' (rented "
                       "capacity has no price, lifetime, O&M, resale or "
                       "power draw)");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, available: {from: 2025}}\n", 5, 43,
                       "device 'a': 'available' needs a price or a rent (the "
                       "device can neither be bought nor rented)");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, price: 1, available: {from: 2030}}\n",
                       5, 71, "device 'a': available from 2030 is outside the "
                       "horizon (2024 to 2026)");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, price: 1, available: {to: 2023}}\n",
                       5, 69, "device 'a': available to 2023 is outside the "
                       "horizon (2024 to 2026)");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, price: 1, available: {from: 2026, "
                       "to: 2025}}\n", 5, 71,
                       "device 'a': available from 2026 is after available "
                       "to 2025");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, price: 1, available: {from: '2025'}}\n",
                       5, 71, "device 'a': available from must be a year like "
                       "2026, found the quoted string '2025'");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 8, "
                       "period: quarter}\ndemand: 1\ndevices:\n"
                       "  - {name: a, throughput: 1, lifetime: 2, price: 1, "
                       "available: {from: 2024-Q5}}\n", 5, 71,
                       "device 'a': available from must be a quarter like "
                       "2026-Q3 or a year, found '2024-Q5'");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 8, "
                       "period: quarter}\ndemand: 1\ndevices:\n"
                       "  - {name: a, throughput: 1, lifetime: 2, price: 1, "
                       "available: {to: 2026-Q1}}\n", 5, 69,
                       "device 'a': available to 2026-Q1 is outside the "
                       "horizon (2024-Q1 to 2025-Q4)");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 8, "
                       "period: month}\ndemand: 1\ndevices:\n"
                       "  - {name: a, throughput: 1, lifetime: 2, price: 1, "
                       "available: {from: 2024-13}}\n", 5, 71,
                       "device 'a': available from must be a month like "
                       "2026-07 or a year, found '2024-13'");
    /* resale above the purchase price: found by be__model_finish, at the
     * resale key */
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - name: a\n    throughput: 1\n"
                       "    lifetime: 2\n    price: 100\n"
                       "    resale: [150, 50]\n", 9, 5,
                       "device 'a': a unit bought in 2024 and sold in 2025 "
                       "returns 50.00 more than it costs (purchase, "
                       "running costs, resale and taxes together), so buying "
                       "more is always better; such a model has no "
                       "meaningful optimum: check its resale values against "
                       "its purchase prices");
}

static void test_loader_error_fleet(void)
{
    EXPECT_MODEL_ERROR(HEAD DEVICE "fleet: {device: a}\n", 6, 8,
                       "fleet must be a list, found a mapping");
    EXPECT_MODEL_ERROR(HEAD DEVICE "fleet:\n  - {device: b, count: 1, "
                       "age: 1}\n", 7, 14,
                       "fleet entry 1: unknown device 'b'");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: old, throughput: 1, "
                       "lifetime: 7}\nfleet:\n  - {device: old, count: 1, "
                       "age: 1}\n  - {device: olf, count: 1, age: 1}\n", 8,
                       14, "fleet entry 2: unknown device 'olf'; did you mean "
                       "'old'?");
    EXPECT_MODEL_ERROR(HEAD DEVICE "fleet:\n  - {device: zzz, count: 1, "
                       "age: 1}\n", 7, 14, "fleet entry 1: unknown device "
                       "'zzz'");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: old, throughput: 1, "
                       "lifetime: 7}\nfleet:\n  - {device: old, count: 100, "
                       "age: 8}\n", 7, 36,
                       "fleet entry 1: 'old' units aged 8 years are older "
                       "than its lifetime of 7 years");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: c, throughput: 1, "
                       "rent: 5}\nfleet:\n  - {device: c, count: 1, age: 0}\n",
                       7, 14, "fleet entry 1: device 'c' is rented and cannot "
                       "be in the fleet");
    EXPECT_MODEL_ERROR(HEAD DEVICE "fleet:\n  - {device: a, count: 2.5, "
                       "age: 1}\n", 7, 24,
                       "fleet entry 1: count must be a whole number (integer "
                       "is true), found 2.5");
    EXPECT_MODEL_ERROR(HEAD DEVICE "fleet:\n  - {device: a, count: -1, "
                       "age: 1}\n", 7, 24,
                       "fleet entry 1: count must be at least 0, found -1");
    EXPECT_MODEL_ERROR(HEAD DEVICE "fleet:\n  - {device: a, count: 1, "
                       "age: 0.5}\n", 7, 32,
                       "fleet entry 1: age must be a whole number of years, "
                       "found 0.5");
    EXPECT_MODEL_ERROR(HEAD DEVICE "fleet:\n  - {device: a, count: 1, "
                       "age: 1, purchase_price: -3}\n", 7, 51,
                       "fleet entry 1: purchase_price must be at least 0, "
                       "found -3");
    EXPECT_MODEL_ERROR(HEAD "devices:\n  - {name: a, throughput: 1, "
                       "lifetime: 2, resale: {fraction: 0.5, half_life: 1}}\n"
                       "fleet:\n  - {device: a, count: 1, age: 1}\n", 7, 5,
                       "fleet entry 1: 'a' needs a purchase_price: its resale "
                       "is a fraction of the purchase price, and the device "
                       "has no price");
    EXPECT_MODEL_ERROR(HEAD "finance: {tax_rate: 0.2, depreciation_years: 3}\n"
                       "devices:\n  - {name: a, throughput: 1, lifetime: 2}\n"
                       "fleet:\n  - {device: a, count: 1, age: 1}\n", 8, 5,
                       "fleet entry 1: 'a' needs a purchase_price: finance "
                       "depreciates the purchase price, and the device has no "
                       "price");
    EXPECT_MODEL_ERROR("breakeven: 1\nhorizon: {start: 2024, periods: 3, "
                       "period: month}\ndemand: 1\ndevices:\n"
                       "  - {name: a, throughput: 1, lifetime: 2, "
                       "resale: [2, 1]}\nfleet:\n  - {device: a, count: 1, "
                       "age: 1}\n", 7, 5,
                       "fleet entry 1: 'a' needs a purchase_price: resale "
                       "between whole years is interpolated from the purchase "
                       "price, and the device has no price");
}

/* be_suggest, the loader's did-you-mean for everyone: within distance 2
 * (or a third of the longer name), not a complete rewrite, or a candidate
 * that a word of four or more characters begins. */
static void test_loader_suggest(void)
{
    static const char *const c[] = {"solve", "threshold", "life", "lp"};
    CHECK_STR(be_suggest("slove", c, 4), "solve");
    CHECK_STR(be_suggest("thresh", c, 4), "threshold"); /* its start */
    CHECK_STR(be_suggest("lifee", c, 4), "life");
    CHECK(be_suggest("xyz", c, 4) == NULL);
    CHECK(be_suggest("ab", c, 4) == NULL);   /* "lp": a complete rewrite */
    CHECK(be_suggest("solve", c, 0) == NULL);
}

void suite_loader(void)
{
    RUN(test_loader_suggest);
    RUN(test_loader_full_model);
    RUN(test_loader_defaults);
    RUN(test_loader_switches);
    RUN(test_loader_series_forms);
    RUN(test_loader_available_labels);
    RUN(test_loader_quarterly_lifetime);
    RUN(test_loader_fleet_only_device);
    RUN(test_loader_engine_analyzer);
    RUN(test_loader_textbook_years);
    RUN(test_loader_plus_and_blocks);
    RUN(test_loader_period_tolerance);
    RUN(test_loader_from_file);
    RUN(test_loader_arguments);
    RUN(test_loader_error_yaml_syntax);
    RUN(test_loader_error_document);
    RUN(test_loader_error_limits);
    RUN(test_loader_error_keys);
    RUN(test_loader_error_scalar_types);
    RUN(test_loader_error_ranges);
    RUN(test_loader_error_series);
    RUN(test_loader_error_devices);
    RUN(test_loader_error_fleet);
}
