/*
 * test_compare.c -- plan files (reader, writer, round trip), the baselines
 * of `compare`, the paybacks of `payback` and the value of cascading, on
 * small models priced by hand (docs/plans.md has the definitions), and
 * the value of cascading on random workload models.
 */
#include "check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "breakeven.h"
#include "random_text.h"

/* Two generations, priced by hand below (tests/cli/compare-two-gen.yaml).
 * No discounting, no energy, no resale, end_of_horizon none: a plan costs
 * its purchases and O&M.  old: throughput 1, O&M 100, lifetime 3, four in
 * place aged 1 (they reach their lifetime at the start of 2027).  new:
 * throughput 2, price 300, O&M 50, on sale from 2026.  cloud: throughput 1,
 * rent 400 a year.  Demand 4 in 2025 .. 2028.
 * Annual cost per unit of throughput q: new (300/10 + 50)/2 = 40, cloud
 * 400/1 = 400: new is the cheapest capacity whenever it is on sale. */
static const char two_gen[] =
    "breakeven: 1\n"
    "name: Two generations, by hand\n"
    "horizon: {start: 2025, periods: 4}\n"
    "discount_rate: 0\n"
    "integer: true\n"
    "end_of_horizon: none\n"
    "demand: 4\n"
    "devices:\n"
    "  - {name: old, throughput: 1, power_kw: 1, lifetime: 3, om: 100}\n"
    "  - {name: new, throughput: 2, power_kw: 1, lifetime: 10, om: 50,\n"
    "     price: 300, available: {from: 2026}}\n"
    "  - {name: cloud, throughput: 1, rent: 400}\n"
    "fleet:\n"
    "  - {device: old, count: 4, age: 1}\n";

static be_model *load(const char *y)
{
    be_error err = {0};
    be_model *m = be_model_load_string(y, strlen(y), "inline", NULL, &err);
    if (!m)
        fprintf(stderr, "model: %d:%d: %s\n", err.line, err.column,
                err.message);
    return m;
}

static double evaluated(const be_model *m, const be_plan *p, int *feasible)
{
    be_error err = {0};
    be_eval *e = be_evaluate(m, p, &err);
    double v = e ? e->cost.total : NAN;
    if (feasible)
        *feasible = e && e->violation == BE_FEASIBLE_PLAN;
    be_eval_free(e);
    return v;
}

/* Cohort index of the fleet entry (0) and of new bought in t. */
#define FLEET 0
#define NEW_IN(t) (1 + (t) - 1)   /* new is on sale from period 1 */

static void test_baselines_by_hand(void)
{
    /* run to end of life: the four old serve 2025 and 2026 (O&M 400 +
     * 400); at the start of 2027 they reach their lifetime and the
     * shortfall of 4 is covered by the cheapest capacity, new: 2 units
     * (600) with O&M 100 in 2027 and 2028.  Total 400+400+600+100+100 =
     * 1600.
     * replace on release: new goes on sale in 2026 and is the cheapest, so
     * the four old retire then and 2 new are bought: 400 + (600+100) + 100
     * + 100 = 1300.
     * fixed age 1 year: the old units are aged 1 at the start of 2025 and
     * retire at once; new is not on sale yet, so 4 cloud are rented (1600).
     * Each later year the 2 new bought the year before reach age 1 and are
     * replaced: 3 x (600 + 100) = 2100.  Total 3700.
     * fixed age 2 years: old retire in 2026 (aged 2), 2 new bought (700);
     * 2027: 100; 2028: the new reach 2 and are replaced (700).  Total 400 +
     * 700 + 100 + 700 = 1900. */
    be_model *m = load(two_gen);
    REQUIRE(m);
    be_error err = {0};
    int ok;
    int J = be_model_cohorts(m);

    be_plan *p = be_baseline_plan(m, BE_BASELINE_END_OF_LIFE, 0, &err);
    REQUIRE(p);
    CHECK_CLOSE(evaluated(m, p, &ok), 1600, 1e-12);
    CHECK(ok);
    CHECK(p->buy[2 * 3 + 1] == 2);               /* 2 new in 2027 */
    CHECK(p->retire[2 * J + FLEET] == 4);        /* end of life, 2027 */
    CHECK(p->buy[1 * 3 + 1] == 0 && p->buy[3 * 3 + 1] == 0);
    be_plan_free(p);

    p = be_baseline_plan(m, BE_BASELINE_ON_RELEASE, 0, &err);
    REQUIRE(p);
    CHECK_CLOSE(evaluated(m, p, &ok), 1300, 1e-12);
    CHECK(ok);
    CHECK(p->retire[1 * J + FLEET] == 4 && p->buy[1 * 3 + 1] == 2);
    be_plan_free(p);

    p = be_baseline_plan(m, BE_BASELINE_FIXED_AGE, 1, &err);
    REQUIRE(p);
    CHECK_CLOSE(evaluated(m, p, &ok), 3700, 1e-12);
    CHECK(ok);
    CHECK(p->retire[0 * J + FLEET] == 4 && p->rent[0 * 3 + 2] == 4);
    CHECK(p->rent[1 * 3 + 2] == 0);
    for (int t = 1; t < 4; t++)
        CHECK(p->buy[t * 3 + 1] == 2);
    CHECK(p->retire[2 * J + NEW_IN(1)] == 2 && p->retire[3 * J + NEW_IN(2)] == 2);
    be_plan_free(p);

    p = be_baseline_plan(m, BE_BASELINE_FIXED_AGE, 2, &err);
    REQUIRE(p);
    CHECK_CLOSE(evaluated(m, p, &ok), 1900, 1e-12);
    CHECK(ok);
    be_plan_free(p);

    CHECK(be_baseline_plan(m, BE_BASELINE_FIXED_AGE, 0, &err) == NULL);
    CHECK(err.code == BE_EARG);
    CHECK_STR(be_baseline_name(BE_BASELINE_ON_RELEASE), "replace on release");
    be_model_free(m);
}

static void test_baseline_cover_rule(void)
{
    /* The shortfall goes to the cheapest capacity that fits under the power
     * cap.  a: throughput 1, 10 kW, price 100, lifetime 10: q = 100/10 = 10
     * a year per unit of throughput; cloud: rent 50, q = 50.  Demand 2
     * needs 2 a (20 kW), above the 15 kW cap, so 2 cloud are rented
     * (100 in the single year).  Without the cap, 2 a are bought (200).
     * Fractional model (integer: false), demand 3, a of throughput 2:
     * exactly 1.5 units are bought, not 2. */
    static const char capped[] =
        "breakeven: 1\nhorizon: {start: 2025, periods: 1}\n"
        "end_of_horizon: none\ndemand: 2\nsite: {power_cap_kw: 15}\n"
        "devices:\n"
        "  - {name: a, throughput: 1, power_kw: 10, lifetime: 10, price: 100}\n"
        "  - {name: cloud, throughput: 1, rent: 50}\n";
    be_model *m = load(capped);
    REQUIRE(m);
    be_error err = {0};
    int ok;
    be_plan *p = be_baseline_plan(m, BE_BASELINE_END_OF_LIFE, 0, &err);
    REQUIRE(p);
    CHECK(p->rent[1] == 2 && p->buy[0] == 0);
    CHECK_CLOSE(evaluated(m, p, &ok), 100, 1e-12);
    CHECK(ok);
    be_plan_free(p);
    be_model_free(m);

    static const char free_site[] =
        "breakeven: 1\nhorizon: {start: 2025, periods: 1}\n"
        "end_of_horizon: none\ndemand: 2\n"
        "devices:\n"
        "  - {name: a, throughput: 1, power_kw: 10, lifetime: 10, price: 100}\n"
        "  - {name: cloud, throughput: 1, rent: 50}\n";
    m = load(free_site);
    REQUIRE(m);
    p = be_baseline_plan(m, BE_BASELINE_END_OF_LIFE, 0, &err);
    REQUIRE(p);
    CHECK(p->buy[0] == 2 && p->rent[1] == 0);
    CHECK_CLOSE(evaluated(m, p, &ok), 200, 1e-12);
    be_plan_free(p);
    be_model_free(m);

    static const char fractional[] =
        "breakeven: 1\nhorizon: {start: 2025, periods: 1}\ninteger: false\n"
        "end_of_horizon: none\ndemand: 3\n"
        "devices:\n"
        "  - {name: a, throughput: 2, lifetime: 10, price: 100}\n";
    m = load(fractional);
    REQUIRE(m);
    p = be_baseline_plan(m, BE_BASELINE_END_OF_LIFE, 0, &err);
    REQUIRE(p);
    CHECK(p->buy[0] == 1.5);
    CHECK_CLOSE(evaluated(m, p, &ok), 150, 1e-12);
    be_plan_free(p);
    be_model_free(m);
}

/* ---- plan files ---- */

typedef struct buffer {
    char text[8192];
    size_t n;
} buffer;

static int to_buffer(void *ctx, const char *s, size_t len)
{
    buffer *b = ctx;
    if (b->n + len >= sizeof b->text)
        return -1;
    memcpy(b->text + b->n, s, len);
    b->n += len;
    b->text[b->n] = '\0';
    return 0;
}

static void test_plan_write_exact(void)
{
    /* The replace-on-release plan of the two-generation model, written:
     * every retirement names its cohort, the forced one is marked. */
    be_model *m = load(two_gen);
    REQUIRE(m);
    be_error err = {0};
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    int J = be_model_cohorts(m);
    p->buy[1 * 3 + 1] = 2;
    p->buy[3 * 3 + 1] = 0.25;
    p->retire[1 * J + FLEET] = 4;
    buffer b = {{0}, 0};
    CHECK(be_plan_write(m, p, "hand-made", to_buffer, &b, &err) == BE_OK);
    CHECK_STR(b.text,
        "# A plan for the model 'Two generations, by hand' (plan file format: "
        "docs/plans.md).\n"
        "# hand-made\n"
        "breakeven_plan: 1\n"
        "buy:\n"
        "  - {device: new, period: 2026, units: 2}\n"
        "  - {device: new, period: 2028, units: 0.25}\n"
        "rent: []\n"
        "retire:\n"
        "  - {device: old, period: 2026, units: 4, cohort: fleet 1}\n");
    CHECK(be_plan_write(m, p, "two\nlines", to_buffer, &b, &err) == BE_EARG);
    be_plan_free(p);
    be_model_free(m);
}

/* Solve, write the plan, read it back: the evaluation of what was read
 * equals the solver's objective. */
static void round_trip(const char *path)
{
    be_error err = {0};
    be_model *m = be_model_load_file(path, NULL, &err);
    REQUIRE(m);
    be_settings s;
    be_settings_init(&s);
    s.time_limit = 20;
    be_solution *sol = be_solve(m, &s, &err);
    REQUIRE(sol && sol->plan);
    buffer *b = calloc(1, sizeof *b);
    REQUIRE(b);
    CHECK(be_plan_write(m, sol->plan, NULL, to_buffer, b, &err) == BE_OK);
    be_plan *q = be_plan_load_string(m, b->text, b->n, "written", &err);
    if (!q)
        fprintf(stderr, "%s: %d:%d: %s\n%s", path, err.line, err.column,
                err.message, b->text);
    CHECK(q != NULL);
    if (q) {
        int ok;
        CHECK_CLOSE(evaluated(m, q, &ok), sol->objective, 1e-7);
        CHECK(ok);
    }
    be_plan_free(q);
    free(b);
    be_solution_free(sol);
    be_model_free(m);
}

static void test_plan_round_trip(void)
{
    /* A whole-unit model with retirements by cohort, Winston's engine
     * analyzer (objective 1280), the quarterly fractional power-capped
     * site (LP: fractional units written with 17 digits), and the seed. */
    round_trip("tests/cli/compare-two-gen.yaml");
    round_trip("examples/engine-analyzer.yaml");
    round_trip("models/power-capped-site.yaml");
    round_trip("models/seed-1mw.yaml");
    be_cleanup();
}

static void test_plan_oldest_first(void)
{
    /* Two fleet entries of old: 3 aged 2 (entry 1) and 3 aged 0 (entry 2),
     * lifetime 3.  "retire 4 old in 2025" takes the 3 of entry 1 (oldest)
     * and 1 of entry 2.  In 2026, an entry naming cohort "fleet 2" (1 unit)
     * is placed first; then "retire 1 old" finds entry 1 empty and takes
     * the 1 remaining unit of entry 2.  A third, of 1 unit in 2026, finds
     * nothing left: an error at its entry. */
    static const char y[] =
        "breakeven: 1\nhorizon: {start: 2025, periods: 3}\ndemand: 0\n"
        "devices:\n  - {name: old, throughput: 1, lifetime: 3}\n"
        "fleet:\n  - {device: old, count: 3, age: 2}\n"
        "  - {device: old, count: 3, age: 0}\n";
    be_model *m = load(y);
    REQUIRE(m);
    be_error err = {0};
    static const char plan[] =
        "breakeven_plan: 1\n"
        "retire:\n"
        "  - {device: old, period: 2026, units: 1}\n"
        "  - {device: old, period: 2025, units: 4}\n"
        "  - {device: old, period: 2026, units: 1, cohort: fleet 2}\n";
    be_plan *p = be_plan_load_string(m, plan, strlen(plan), "p", &err);
    REQUIRE(p);
    CHECK(p->retire[0 * 2 + 0] == 3 && p->retire[0 * 2 + 1] == 1);
    CHECK(p->retire[1 * 2 + 0] == 0 && p->retire[1 * 2 + 1] == 2);
    be_plan_free(p);
    static const char too_many[] =
        "breakeven_plan: 1\n"
        "retire:\n"
        "  - {device: old, period: 2025, units: 4}\n"
        "  - {device: old, period: 2026, units: 2}\n"
        "  - {device: old, period: 2026, units: 1}\n";
    p = be_plan_load_string(m, too_many, strlen(too_many), "p", &err);
    CHECK(p == NULL);
    CHECK(err.line == 5 && err.column == 5);
    CHECK_STR(err.message, "retire entry 3: 1 units of 'old' are retired in "
              "2026, but only 0 are held then");
    be_model_free(m);
}

static void test_plan_errors(void)
{
    /* Each plan text against the two-generation model; the expected
     * message and the line and column of the value at fault. */
    static const struct {
        const char *text;
        int line, column;
        const char *message;
    } cases[] = {
        {"breakeven_plan: 1\nbyu: []\n", 2, 1,
         "unknown key 'byu' in the plan; expected breakeven_plan, relaxed, "
         "buy, rent, retire or sell"},
        {"buy: []\n", 1, 1,
         "missing required key 'breakeven_plan' (the plan format version: "
         "write 'breakeven_plan: 1')"},
        {"breakeven_plan: 2\n", 1, 17,
         "breakeven_plan must be 1 (the only plan format version), found '2'"},
        {"breakeven: 1\n", 1, 1,
         "this is a model file, not a plan file (a plan starts with "
         "'breakeven_plan: 1')"},
        {"breakeven_plan: 1\nrelaxed: yes\n", 2, 10,
         "relaxed must be true or false, found 'yes'"},
        {"breakeven_plan: 1\nbuy: {device: new}\n", 2, 6,
         "buy must be a list of entries, found a mapping"},
        {"breakeven_plan: 1\nbuy:\n  - new\n", 3, 5,
         "buy entry 1 must be a mapping like {device: NAME, period: LABEL, "
         "units: N}, found 'new'"},
        {"breakeven_plan: 1\nbuy:\n  - {device: newer, period: 2026, units: 2}\n",
         3, 14, "buy entry 1: unknown device 'newer'"},
        {"breakeven_plan: 1\nbuy:\n  - {device: new, period: 2024, units: 2}\n",
         3, 27, "buy entry 1: period must be a period label of the model, "
         "2025 to 2028, found '2024'"},
        {"breakeven_plan: 1\nbuy:\n  - {device: new, period: 2025, units: 2}\n",
         3, 27, "buy entry 1: 'new' cannot be bought in 2025 (on sale from "
         "2026 to 2028)"},
        {"breakeven_plan: 1\nbuy:\n  - {device: new, period: 2026, units: -1}\n",
         3, 40, "buy entry 1: units must be at least 0, found '-1'"},
        {"breakeven_plan: 1\nbuy:\n  - {device: new, period: 2026, units: two}\n",
         3, 40, "buy entry 1: units must be a number, found 'two'"},
        {"breakeven_plan: 1\nbuy:\n  - {device: new, period: 2026}\n", 3, 5,
         "buy entry 1: missing key 'units'"},
        {"breakeven_plan: 1\nbuy:\n"
         "  - {device: new, period: 2026, units: 1, cohrt: 2026}\n", 3, 43,
         "buy entry 1: unknown key 'cohrt'; expected device, period, units"},
        {"breakeven_plan: 1\nbuy:\n  - {device: old, period: 2026, units: 1}\n",
         3, 14, "buy entry 1: 'old' has no price: it cannot be bought"},
        {"breakeven_plan: 1\nbuy:\n  - {device: cloud, period: 2026, units: 1}\n",
         3, 14, "buy entry 1: 'cloud' is rented: list it under rent"},
        {"breakeven_plan: 1\nrent:\n  - {device: new, period: 2026, units: 1}\n",
         3, 14, "rent entry 1: 'new' is owned, not rented: list it under buy"},
        {"breakeven_plan: 1\nretire:\n"
         "  - {device: old, period: 2026, units: 5}\n", 3, 5,
         "retire entry 1: 5 units of 'old' are retired in 2026, but only 4 "
         "are held then"},
        {"breakeven_plan: 1\nretire:\n"
         "  - {device: old, period: 2026, units: 1, cohort: fleet 2}\n", 3, 51,
         "retire entry 1: there is no fleet entry 2 (the model has 1)"},
        {"breakeven_plan: 1\nretire:\n"
         "  - {device: old, period: 2026, units: 1, cohort: 2025}\n", 3, 51,
         "retire entry 1: 'old' has no price: no units of it are bought in "
         "2025"},
        {"breakeven_plan: 1\nretire:\n"
         "  - {device: old, period: 2026, units: 1, cohort: first}\n", 3, 51,
         "retire entry 1: cohort must be 'fleet N' (the N-th entry of the "
         "model's fleet) or the period the units were bought, found 'first'"},
        {"breakeven_plan: 1\nbuy:\n  - {device: new, period: 2026, units: 1}\n"
         "retire:\n"
         "  - {device: new, period: 2026, units: 1, cohort: 2026}\n", 5, 5,
         "retire entry 1: 1 units of 'new' (cohort 2026) are retired in 2026, "
         "but only 0 are held then"},
        {"breakeven_plan: 1\nretire:\n"
         "  - {device: cloud, period: 2026, units: 1}\n", 3, 14,
         "retire entry 1: 'cloud' is rented: rented units are not retired "
         "(rent fewer)"},
    };
    be_model *m = load(two_gen);
    REQUIRE(m);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        be_error err = {0};
        be_plan *p = be_plan_load_string(m, cases[i].text,
                                         strlen(cases[i].text), "plan.yaml",
                                         &err);
        CHECK(p == NULL);
        be_plan_free(p);
        if (err.line != cases[i].line || err.column != cases[i].column ||
            strcmp(err.message, cases[i].message) != 0 ||
            err.code != BE_EMODEL || strcmp(err.file, "plan.yaml") != 0) {
            fprintf(stderr, "case %zu: got %d:%d: %s (code %d)\n", i,
                    err.line, err.column, err.message, err.code);
            check_failures++;
        }
    }
    /* malformed YAML, and a file that is not there */
    be_error err = {0};
    CHECK(be_plan_load_string(m, "buy: [\n", 7, "bad", &err) == NULL);
    CHECK(err.code == BE_ESYNTAX && err.line > 0);
    CHECK(be_plan_load_file(m, "tests/cli/no-such-plan.yaml", &err) == NULL);
    CHECK(err.code == BE_EIO);
    be_model_free(m);
}

/* ---- payback ---- */

static void test_payback_by_hand(void)
{
    /* Ten old units (throughput 1, O&M 100 a year each: 1000 a year) and a
     * new device doing all their work alone (throughput 10, price 2400, no
     * O&M); no discounting, nothing resold, 3 years.  Keeping the old costs
     * 3000, replacing in 2025 costs 2400, replacing in 2026 1000 + 2400:
     * the optimum replaces in 2025.
     * Keep running = keep the ten old, buy nothing (demand is met).
     * Per year, replace now: 2400, 0, 0; keep running: 1000, 1000, 1000.
     * Cumulative saving of replacing: -1400, -400, +600.  It turns
     * positive during 2027: f = 400 / (600 - (-400)) = 0.4 of the year,
     * so it pays back in 2027 after 2 + 0.4 = 2.4 years, and saves 600. */
    static const char y[] =
        "breakeven: 1\nhorizon: {start: 2025, periods: 3}\n"
        "end_of_horizon: none\ndemand: 10\n"
        "devices:\n"
        "  - {name: old, throughput: 1, lifetime: 10, om: 100}\n"
        "  - {name: new, throughput: 10, lifetime: 10, price: 2400}\n"
        "fleet:\n  - {device: old, count: 10, age: 0}\n";
    be_model *m = load(y);
    REQUIRE(m);
    be_error err = {0};
    be_solution *sol = be_solve(m, NULL, &err);
    REQUIRE(sol && sol->plan);
    CHECK_CLOSE(sol->objective, 2400, 1e-9);
    be_paybacks *pb = be_paybacks_compute(m, sol->plan, &err);
    REQUIRE(pb);
    REQUIRE(pb->n == 1);
    const be_payback *b = &pb->items[0];
    CHECK(b->period == 0);
    CHECK(b->retired[0] == 10 && b->bought[1] == 1);
    CHECK_CLOSE(b->cumulative[0], -1400, 1e-12);
    CHECK_CLOSE(b->cumulative[1], -400, 1e-12);
    CHECK_CLOSE(b->cumulative[2], 600, 1e-12);
    CHECK(b->payback_period == 2);
    CHECK_CLOSE(b->payback_years, 2.4, 1e-12);
    CHECK_CLOSE(b->saving, 600, 1e-12);
    CHECK(b->keep_violation == BE_FEASIBLE_PLAN);
    CHECK(b->keep->buy[1] == 0 && b->keep->retire[0] == 0);
    be_paybacks_free(pb);
    be_solution_free(sol);
    be_model_free(m);
}

static void test_payback_shortfall(void)
{
    /* The two-generation model: the optimum (1300, like replace on
     * release) retires the 4 old and buys 2 new in 2026.  Keep running:
     * the 4 old stay through 2026 and reach their lifetime in 2027; the
     * shortfall of 4 is then bought of the replacement's device: 2 new in
     * 2027.  Per year from 2026, replace now: 700, 100, 100; keep running:
     * 400, 600 + 100, 100.  Cumulative saving: -300, +300, +300: pays back
     * in 2027, half-way (300 / 600), after 1.5 years. */
    be_model *m = load(two_gen);
    REQUIRE(m);
    be_error err = {0};
    be_solution *sol = be_solve(m, NULL, &err);
    REQUIRE(sol && sol->plan);
    CHECK_CLOSE(sol->objective, 1300, 1e-9);
    be_paybacks *pb = be_paybacks_compute(m, sol->plan, &err);
    REQUIRE(pb);
    REQUIRE(pb->n == 1);
    const be_payback *b = &pb->items[0];
    CHECK(b->period == 1);
    CHECK(b->keep->buy[2 * 3 + 1] == 2 && b->keep->buy[1 * 3 + 1] == 0);
    CHECK_CLOSE(b->keep_cost[1], 400, 1e-12);
    CHECK_CLOSE(b->keep_cost[2], 700, 1e-12);
    CHECK_CLOSE(b->cumulative[0], 0, 1e-12);
    CHECK_CLOSE(b->cumulative[1], -300, 1e-12);
    CHECK_CLOSE(b->cumulative[2], 300, 1e-12);
    CHECK(b->payback_period == 2);
    CHECK_CLOSE(b->payback_years, 1.5, 1e-12);
    CHECK_CLOSE(b->saving, 300, 1e-12);
    be_paybacks_free(pb);
    be_solution_free(sol);
    be_model_free(m);
}

static void test_payback_power_cap(void)
{
    /* tests/cli/compare-capped.yaml: ten old (1 kW, O&M 100) under a 5 kW
     * cap; one new (throughput 10, 2 kW, price 5000, no O&M) does their
     * work.  The old alone draw 10 kW: the optimum must replace them in
     * 2025 (5000).  Keeping them costs 1000 a year, 3000 in all: replacing
     * never pays back on its own (saving -4000, -3000, -2000) and keep
     * running breaks the power cap in 2025. */
    be_error err = {0};
    be_model *m = be_model_load_file("tests/cli/compare-capped.yaml", NULL,
                                     &err);
    REQUIRE(m);
    be_solution *sol = be_solve(m, NULL, &err);
    REQUIRE(sol && sol->plan);
    be_paybacks *pb = be_paybacks_compute(m, sol->plan, &err);
    REQUIRE(pb && pb->n == 1);
    const be_payback *b = &pb->items[0];
    CHECK(b->payback_period == -1);
    CHECK(isnan(b->payback_years));
    CHECK_CLOSE(b->saving, -2000, 1e-12);
    CHECK_CLOSE(b->cumulative[0], -4000, 1e-12);
    CHECK(b->keep_violation == BE_VIOLATES_POWER);
    CHECK(b->keep_violation_period == 0);
    be_paybacks_free(pb);

    /* A plan without replacements has no paybacks. */
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    pb = be_paybacks_compute(m, p, &err);
    CHECK(pb && pb->n == 0);
    be_paybacks_free(pb);
    be_plan_free(p);
    be_solution_free(sol);
    be_model_free(m);
}

/* The facts of a plan, once (be_eval, be_describe_period): on two_gen the
 * four old (aged 1, lifetime 3) reach their lifetime at the start of 2027.
 * Plan: 2026 retire 2 old and buy 1 new (a replacement: early retirement
 * and a purchase in one period); 2027 the other 2 old leave at their end
 * of life and 1 more new is bought; 2028 rent 1 cloud.  Counted by hand
 * from the plan, no solver involved. */
static void test_plan_facts(void)
{
    be_model *m = load(two_gen);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    int K = 3, J = p->cohorts;
    p->retire[1 * J + FLEET] = 2;
    p->buy[1 * K + 1] = 1;
    p->buy[2 * K + 1] = 1;
    p->rent[3 * K + 2] = 1;
    be_error err = {0};
    be_eval *e = be_evaluate(m, p, &err);
    REQUIRE(e);
    CHECK(e->retired_early[1 * K + 0] == 2 && e->end_of_life[1 * K + 0] == 0);
    CHECK(e->end_of_life[2 * K + 0] == 2 && e->retired_early[2 * K + 0] == 0);
    CHECK(e->retired[2 * K + 0] == 2);
    CHECK(e->first_replacement == 1);
    char w[200];
    CHECK(be_describe_period(m, e, 0, w, sizeof w) == 0 && !strcmp(w, ""));
    CHECK(be_describe_period(m, e, 1, w, sizeof w) == 2);
    CHECK(!strcmp(w, "retire 2 old units, buy 1 new unit"));
    CHECK(be_describe_period(m, e, 2, w, sizeof w) == 2);
    CHECK(!strcmp(w, "2 old units reach end of life, buy 1 new unit"));
    CHECK(be_describe_period(m, e, 3, w, sizeof w) == 1);
    CHECK(!strcmp(w, "rent 1 cloud unit"));
    /* cut short, still a string */
    CHECK(be_describe_period(m, e, 2, w, 8) == 2 && strlen(w) == 7);
    be_eval_free(e);

    /* Retiring without buying is not a replacement; one unit "reaches". */
    p->buy[1 * K + 1] = 0;
    p->retire[1 * J + FLEET] = 3;
    e = be_evaluate(m, p, &err);
    REQUIRE(e);
    CHECK(e->first_replacement == -1);
    CHECK(be_describe_period(m, e, 2, w, sizeof w) == 2);
    CHECK(!strcmp(w, "1 old unit reaches end of life, buy 1 new unit"));
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Break-even and cost differences on made-up per-period costs: plan 5, 5,
 * 1, 1 against reference 3, 3, 3, 3.  Cumulative 5 10 11 12 against 3 6 9
 * 12: behind until 2027, level (within BE_COST_TOL) in 2028, so break-even
 * is period 3.  Totals 12 and 12: the same cost, difference 0. */
static void test_breakeven_and_delta(void)
{
    be_costs pc[4] = {{.total = 5}, {.total = 5}, {.total = 1}, {.total = 1}};
    be_costs rc[4] = {{.total = 3}, {.total = 3}, {.total = 3}, {.total = 3}};
    be_eval plan = {.periods = 4, .period_cost = pc, .cost = {.total = 12}};
    be_eval ref = {.periods = 4, .period_cost = rc, .cost = {.total = 12}};
    double a[4], b[4];
    int ahead = -1;
    CHECK(be_breakeven(&plan, &ref, a, b, &ahead) == 3 && ahead == 0);
    CHECK(a[1] == 10 && b[1] == 6 && a[3] == 12 && b[3] == 12);
    /* never behind: no break-even needed */
    CHECK(be_breakeven(&ref, &plan, NULL, NULL, &ahead) == -1 && ahead == 1);
    pc[3].total = 2;   /* 13 against 12: behind at the end, no crossing */
    CHECK(be_breakeven(&plan, &ref, NULL, NULL, &ahead) == -1 && ahead == 0);
    be_cost_delta d = be_cost_compare(&plan, &ref);
    CHECK(d.difference == 0 && d.same && d.percent == 0);
    plan.cost.total = 16;   /* 4 more than 12: 25% of the plan's own 16 */
    d = be_cost_compare(&plan, &ref);
    CHECK(d.difference == 4 && !d.same && d.percent == 25);
    plan.cost.total = 0;    /* no positive cost: no percentage */
    d = be_cost_compare(&plan, &ref);
    CHECK(isnan(d.percent));
}

/* be_format_number: shortest round trip; be_read_file: the size limit. */
static void test_numbers_and_files(void)
{
    char b[40];
    CHECK(!strcmp(be_format_number(0.1, b, sizeof b), "0.1"));
    CHECK(!strcmp(be_format_number(-0.0, b, sizeof b), "0"));
    CHECK(!strcmp(be_format_number(1.0 / 3, b, sizeof b),
                  "0.3333333333333333"));
    CHECK(!strcmp(be_format_number(1e300 * 1e300, b, sizeof b), "inf"));
    CHECK(!strcmp(be_format_units(2, b, sizeof b), "2"));
    CHECK(!strcmp(be_format_units(0.5, b, sizeof b), "0.500"));
    be_error err = {0};
    size_t n = 0;
    char *t = be_read_file("tests/cli/compare-two-gen.yaml", 1 << 20, &n,
                           &err);
    CHECK(t && n > 0 && t[n] == '\0' && strstr(t, "horizon"));
    free(t);
    t = be_read_file("tests/cli/compare-two-gen.yaml", 10, &n, &err);
    CHECK(!t && err.code == BE_ELIMIT);
    t = be_read_file("tests/cli/no-such-file.yaml", 10, &n, &err);
    CHECK(!t && err.code == BE_EIO && strstr(err.message, "cannot open"));
}

/* ---- the value of cascading (be_cascade_value) ---- */

static be_model *load_file(const char *path)
{
    be_error err = {0};
    be_model *m = be_model_load_file(path, NULL, &err);
    if (!m)
        fprintf(stderr, "%s: %d:%d: %s\n", path, err.line, err.column,
                err.message);
    return m;
}

/* The solution of m (a plan required) and its value of cascading. */
static be_cascade *cascade_of(const be_model *m, be_solution **sol)
{
    be_error err = {0};
    *sol = be_solve(m, NULL, &err);
    if (!*sol || !(*sol)->plan)
        return NULL;
    be_cascade *c = be_cascade_value(m, *sol, NULL, &err);
    if (!c)
        fprintf(stderr, "cascade: %s\n", err.message);
    return c;
}

/* What every plan without cascading must be: a feasible plan of m, priced
 * by the evaluator at c->cost, whose held devices serve their home only,
 * and (proven) no cheaper than the optimum up to the gaps. */
static void check_cascade(const be_model *m, const be_solution *sol,
                          const be_cascade *c)
{
    be_error err = {0};
    int K = be_model_devices(m), W = be_model_workloads(m);
    int T = be_model_periods(m);
    double opt = sol->eval->cost.total, scale = fmax(1.0, fabs(opt));
    CHECK(c->devices == K && c->workloads == W);
    CHECK_CLOSE(c->optimal_cost, opt, 1e-12);
    CHECK(c->value_low <= c->value_high);
    if (!c->plan) {
        CHECK(c->status == BE_INFEASIBLE || c->status == BE_NO_PLAN);
        CHECK(!c->eval && isnan(c->cost));
        return;
    }
    REQUIRE(c->eval);
    be_eval *e = be_evaluate(m, c->plan, &err);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK(c->eval->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(c->cost, e->cost.total, 1e-12);
    CHECK_CLOSE(c->value, c->cost - opt, 1e-12);
    for (int k = 0; k < K; k++) {
        /* held: owned and serving several workloads, held to one of them */
        int serves = 0;
        for (int w = 0; w < W; w++)
            serves += be_model_device_serves(m, k, w) > 0.0;
        int rented = be_model_device_is_rented(m, k);
        CHECK(c->held[k] == (!rented && serves > 1));
        CHECK(rented ? c->home[k] == -1
                     : be_model_device_serves(m, k, c->home[k]) > 0.0);
        if (c->held[k])
            for (int t = 0; t < T; t++)
                for (int w = 0; w < W; w++)
                    if (w != c->home[k])
                        CHECK(e->share[((size_t)t * K + k) * W + w] <= 1e-9);
    }
    if (c->proven) {
        /* both optimal within the mip gap (1e-6) */
        CHECK(c->value >= -1e-6 * scale);
        CHECK(c->value_low <= fmax(0.0, c->value) + 1e-6 * scale);
        CHECK(c->value_high >= c->value - 1e-6 * scale);
        if (!be_model_is_integer(m))   /* LP: the bounds are the costs */
            CHECK_CLOSE(c->value_low, fmax(0.0, c->value), 1e-7);
    }
    be_eval_free(e);
}

static void test_cascade_by_hand(void)
{
    /* tests/cli/workloads-cascade.yaml.  No discounting, no energy, no
     * resale, end_of_horizon none: a plan costs its purchases and O&M.
     * training demand 4, 4, 0 and inference 0, 2, 4 in 2025 .. 2027.
     * new: training 2 and inference 2, price 300, O&M 50; inf: inference
     * 1, price 100, O&M 10; pricey (training 1, inference 2, price 5000)
     * and cloud (rent 10000) cost more than any plan below, so no
     * optimum uses them.
     *
     * With cascading.  Only new trains: 2 new are held in 2025 and 2026
     * (600, O&M 100 + 100); 2026 also needs inference 2, cheapest from 2
     * inf (200 + 20; a third new would cost 300 + 50).  In 2027 inference
     * 4 comes from what is held, cheapest per unit of throughput first:
     * keeping an inf costs 10 per unit, keeping a new 50 / 2 = 25, so
     * both inf (20) and one new (50) are kept and one new retires (no
     * resale).  600 + 100 + 100 + 220 + 20 + 50 = 1,090.
     *
     * Without cascading.  new's first workload is training (all its units
     * in 2025): held to it, it cannot serve inference in 2027, which
     * then takes 4 inf: the 2 bought in 2026 kept (20) and 2 more (200 +
     * 20); both new retire in 2027.  600 + 100 + 100 + 220 + 20 + 220 =
     * 1,260.  pricey, never used, is held to its best workload:
     * inference (2 / 2 = 1 of the best inference throughput, against
     * 1 / 2 for training); cloud is rented and not held.
     *
     * The value of cascading: 1,260 - 1,090 = 170. */
    be_error err = {0};
    be_model *m = load_file("tests/cli/workloads-cascade.yaml");
    REQUIRE(m);
    for (int relax = 0; relax <= 1; relax++) {
        be_settings s;
        be_settings_init(&s);
        s.relax = relax;       /* the LP has the same answer */
        be_solution *sol = be_solve(m, &s, &err);
        REQUIRE(sol && sol->plan);
        CHECK_CLOSE(sol->eval->cost.total, 1090, 1e-9);
        be_cascade *c = be_cascade_value(m, sol, &s, &err);
        REQUIRE(c);
        CHECK(c->status == BE_OPTIMAL && c->proven);
        CHECK(c->n_held == 2);
        CHECK(c->held[0] && c->home[0] == 0 && c->first_use[0]);
        CHECK(!c->held[1] && c->home[1] == 1);
        CHECK(c->held[2] && c->home[2] == 1 && !c->first_use[2]);
        CHECK(!c->held[3] && c->home[3] == -1);
        CHECK_CLOSE(c->cost, 1260, 1e-9);
        CHECK_CLOSE(c->value, 170, 1e-9);
        CHECK(c->value >= -sol->gap * 1090);
        /* 2027: 4 inf in service, no new */
        CHECK_CLOSE(c->eval->in_service[2 * 4 + 1], 4, 1e-9);
        CHECK(c->eval->in_service[2 * 4 + 0] <= 1e-9);
        check_cascade(m, sol, c);
        be_cascade_free(c);
        /* an optimum not proven, its bound 100 below: the value is
         * between 170 (the plan without cascading is proven, and the
         * optimum is no dearer than 1,090) and 170 + 100 */
        sol->status = BE_TIME_LIMIT_PLAN;
        sol->bound = 990;
        c = be_cascade_value(m, sol, &s, &err);
        REQUIRE(c);
        CHECK(!c->proven);
        CHECK_CLOSE(c->value_low, 170, 1e-9);
        CHECK_CLOSE(c->value_high, 270, 1e-9);
        be_cascade_free(c);
        be_solution_free(sol);
    }
    be_model_free(m);
}

/* One device that trains and then serves inference, and nothing else
 * that serves inference (tests/cli/workloads-cascade-none.yaml): held to
 * training, inference loses its only server, and there is no plan
 * without cascading. */
static void test_cascade_no_plan(void)
{
    be_model *m = load_file("tests/cli/workloads-cascade-none.yaml");
    REQUIRE(m);
    be_solution *sol;
    be_cascade *c = cascade_of(m, &sol);
    REQUIRE(c);
    CHECK_CLOSE(sol->eval->cost.total, 300, 1e-9);  /* one new, both jobs */
    CHECK(c->held[0] && c->home[0] == 0);
    CHECK(c->status == BE_INFEASIBLE && !c->plan && !c->eval);
    CHECK(isinf(c->value) && c->value > 0 && c->proven);
    check_cascade(m, sol, c);
    be_cascade_free(c);
    be_solution_free(sol);
    be_model_free(m);
}

/* Nothing to hold (tests/cli/workloads-cascade-one.yaml: every device
 * serves one workload): the value is 0, and there is no second solve;
 * and the refusals. */
static void test_cascade_nothing_and_refusals(void)
{
    be_model *m = load_file("tests/cli/workloads-cascade-one.yaml");
    REQUIRE(m);
    be_solution *sol;
    be_cascade *c = cascade_of(m, &sol);
    REQUIRE(c);
    CHECK(c->n_held == 0 && c->proven && c->value == 0.0);
    CHECK(c->home[0] == 0 && c->home[1] == 1);
    CHECK_CLOSE(c->cost, sol->eval->cost.total, 1e-12);
    check_cascade(m, sol, c);
    be_cascade_free(c);
    be_cascade_free(NULL);
    be_error err = {0};
    CHECK(!be_cascade_value(m, NULL, NULL, &err) && err.code == BE_EARG);
    be_solution_free(sol);
    be_model_free(m);

    /* a model without workloads */
    m = load(two_gen);
    REQUIRE(m);
    sol = be_solve(m, NULL, &err);
    REQUIRE(sol && sol->plan);
    CHECK(!be_cascade_value(m, sol, NULL, &err));
    CHECK(err.code == BE_EARG &&
          strstr(err.message, "needs a model with workloads"));
    be_solution_free(sol);
    be_model_free(m);

    /* a model with scenarios */
    m = load_file("tests/cli/workloads-cascade-scenarios.yaml");
    REQUIRE(m);
    sol = be_solve(m, NULL, &err);
    REQUIRE(sol);
    CHECK(!be_cascade_value(m, sol, NULL, &err));
    CHECK(err.code == BE_EARG && strstr(err.message, "with scenarios"));
    be_solution_free(sol);
    be_model_free(m);
}

/* A random small workload model in y: two or three workloads; d0 serves
 * them all (a plan exists), the others one or several; some rented. */
static void random_cascade_model(text *y)
{
    static const char *const names[] = {"training", "inference", "batch"};
    int W = pick(2, 3), K = pick(2, 4);
    y->n = 0;
    y->full = 0;
    add(y, "breakeven: 1\nhorizon: {start: 2026, periods: %d}\n",
        pick(2, 5));
    add(y, "discount_rate: %.2f\ninteger: %s\n", 0.1 * uniform(),
        uniform() < 0.4 ? "true" : "false");
    add(y, "energy: {price: 0.1}\nworkloads:\n");
    for (int w = 0; w < W; w++)
        add(y, "  - {name: %s, demand: {start: %d, growth: %.2f}}\n",
            names[w], pick(0, 12), uniform() - 0.3);
    add(y, "devices:\n");
    for (int k = 0; k < K; k++) {
        add(y, "  - name: d%d\n    throughput: {", k);
        int n = 0, only = pick(0, W - 1);
        for (int w = 0; w < W; w++)
            if (k == 0 || w == only || uniform() < 0.4)
                add(y, "%s%s: %.1f", n++ ? ", " : "", names[w],
                    0.5 + 3.0 * uniform());
        add(y, "}\n");
        if (k > 0 && uniform() < 0.25)
            add(y, "    rent: %d\n", pick(2000, 9000));
        else
            add(y, "    power_kw: %.1f\n    lifetime: %d\n    price: %d\n"
                "    om: %d\n", 0.2 + uniform(), pick(2, 5),
                pick(1000, 8000), pick(0, 900));
    }
    add(y, "fleet:\n  - {device: d0, count: %d, age: %d}\n", pick(0, 8),
        pick(0, 1));
}

static void test_cascade_random(void)
{
    int n = 0, solved = 0, held = 0, worth = 0;
    rng = 20;
    for (int i = 0; i < 60; i++) {
        text y;
        random_cascade_model(&y);
        REQUIRE(!y.full);
        be_model *m = load(y.buf);
        if (!m) {
            fprintf(stderr, "%s", y.buf);
            CHECK(m != NULL);
            continue;
        }
        n++;
        be_solution *sol;
        be_cascade *c = cascade_of(m, &sol);
        if (sol && sol->plan) {
            CHECK(c != NULL);
            solved++;
        }
        if (c) {
            check_cascade(m, sol, c);
            held += c->n_held > 0;
            worth += c->plan && c->value > 1e-6 * fmax(1.0, c->cost);
        }
        be_cascade_free(c);
        be_solution_free(sol);
        be_model_free(m);
    }
    printf("cascade: %d random workload models, %d solved, %d with a device "
           "held, %d where cascading is worth something\n", n, solved, held,
           worth);
}

void suite_compare(void)
{
    RUN(test_baselines_by_hand);
    RUN(test_baseline_cover_rule);
    RUN(test_plan_write_exact);
    RUN(test_plan_round_trip);
    RUN(test_plan_oldest_first);
    RUN(test_plan_errors);
    RUN(test_payback_by_hand);
    RUN(test_payback_shortfall);
    RUN(test_payback_power_cap);
    RUN(test_plan_facts);
    RUN(test_breakeven_and_delta);
    RUN(test_numbers_and_files);
    RUN(test_cascade_by_hand);
    RUN(test_cascade_no_plan);
    RUN(test_cascade_nothing_and_refusals);
    RUN(test_cascade_random);
}
