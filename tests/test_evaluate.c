/*
 * test_evaluate.c -- the evaluator (solver/evaluate.c) against hand
 * calculations.
 *
 * Models are built directly in C (not through the loader), so these tests
 * depend only on model.c and evaluate.c.  Each test opens with the model
 * and the arithmetic of its expected numbers; all money is in the model's
 * currency, without discounting unless a test says otherwise.
 */
#include "check.h"
#include "model/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void suite_evaluate(void);

/* ---- building models by hand ---- */

/* A model of T periods of the given kind with a constant demand, no
 * energy cost, no discounting, whole units and salvage at the end.
 * Devices and fleet are added below, then finish() derives the rest. */
static be_model *new_model(int T, be_period_kind period, double demand)
{
    be_model *m = be__model_alloc("test");
    if (!m)
        return NULL;
    m->name = be__strdup("test");
    m->schema = 1;
    m->T = T;
    m->period = period;
    m->start_year = 2024;
    m->demand = be__calloc((size_t)T, sizeof *m->demand);
    m->energy_price = be__calloc((size_t)T, sizeof *m->energy_price);
    if (!m->name || !m->demand || !m->energy_price) {
        be_model_free(m);
        return NULL;
    }
    for (int t = 0; t < T; t++)
        m->demand[t] = demand;
    return m;
}

static int periods_per_year(const be_model *m)
{
    return m->period == BE_MONTH ? 12 : m->period == BE_QUARTER ? 4 : 1;
}

/* Append a device with no price, O&M, resale or power; returns its index.
 * lifetime 0 makes a rented device (see set_rent). */
static int add_device(be_model *m, const char *name, double throughput,
                      double lifetime)
{
    be_device *d = realloc(m->devices, (size_t)(m->n_devices + 1) * sizeof *d);
    if (!d)
        abort();
    m->devices = d;
    d = &m->devices[m->n_devices];
    memset(d, 0, sizeof *d);
    d->name = be__strdup(name);
    d->throughput = throughput;
    d->lifetime = lifetime;
    d->life = (int)lround(lifetime * periods_per_year(m));
    d->n_years = (int)ceil(lifetime);
    d->om = be__calloc((size_t)d->n_years, sizeof *d->om);
    d->avail_from = 0;
    d->avail_to = m->T - 1;
    if (!d->name || !d->om)
        abort();
    return m->n_devices++;
}

static double *series(const be_model *m, double v)
{
    double *a = be__calloc((size_t)m->T, sizeof *a);
    if (!a)
        abort();
    for (int t = 0; t < m->T; t++)
        a[t] = v;
    return a;
}

static void set_price(be_model *m, int k, double price)
{
    m->devices[k].buyable = 1;
    m->devices[k].price = series(m, price);
}

static void set_rent(be_model *m, int k, double rent)
{
    m->devices[k].rented = 1;
    m->devices[k].rent = series(m, rent);
}

/* om[0 .. n_years-1], per unit per year by year of age */
static void set_om(be_model *m, int k, const double *om)
{
    memcpy(m->devices[k].om, om, (size_t)m->devices[k].n_years * sizeof *om);
}

/* values at ages 1 .. n_years years */
static void set_resale_list(be_model *m, int k, const double *v)
{
    be_device *d = &m->devices[k];
    d->resale_kind = BE_RESALE_LIST;
    d->resale = be__calloc((size_t)d->n_years, sizeof *d->resale);
    if (!d->resale)
        abort();
    memcpy(d->resale, v, (size_t)d->n_years * sizeof *v);
}

/* age in periods; purchase_price < 0: none given */
static void add_fleet(be_model *m, int k, double count, int age,
                      double purchase_price)
{
    be_fleet_entry *f = realloc(m->fleet, (size_t)(m->n_fleet + 1) * sizeof *f);
    if (!f)
        abort();
    m->fleet = f;
    f = &m->fleet[m->n_fleet++];
    memset(f, 0, sizeof *f);
    f->device = k;
    f->count = count;
    f->age = age;
    f->has_purchase_price = purchase_price >= 0;
    f->purchase_price = purchase_price >= 0 ? purchase_price : 0;
}

/* Derive cohorts and the rest; NULL (model freed) if the model is refused. */
static be_model *finish(be_model *m)
{
    be_error err;
    memset(&err, 0, sizeof err);
    if (be__model_finish(m, &err) != BE_OK) {
        fprintf(stderr, "be__model_finish: %s\n", err.message);
        be_model_free(m);
        return NULL;
    }
    return m;
}

/* Index of the cohort of fleet entry f (fleet cohorts come first). */
static int fleet_cohort(int f) { return f; }

/* Set retire for the cohort of device k bought in period c. */
static void retire_bought(const be_model *m, be_plan *p, int k, int c, int t,
                          double n)
{
    int j = be__cohort_of(m, k, c);
    if (j < 0)
        abort();
    p->retire[t * m->n_cohorts + j] = n;
}

static be_eval *evaluate(const be_model *m, const be_plan *p)
{
    be_error err;
    memset(&err, 0, sizeof err);
    be_eval *e = be_evaluate(m, p, &err);
    if (!e)
        fprintf(stderr, "be_evaluate: %s\n", err.message);
    return e;
}

/* Each period's costs, category by category, against a table worked out
 * by hand (want[t]; fields left out are 0).  The totals in the table are
 * the hand sums purchases + energy + om + rent + taxes - resale - salvage,
 * not the evaluator's. */
static void check_period_costs(const be_eval *e, const be_costs *want, int n)
{
    CHECK(e->periods == n);
    for (int t = 0; t < n && t < e->periods; t++) {
        const be_costs *c = &e->period_cost[t], *w = &want[t];
        CHECK_CLOSE(c->purchases, w->purchases, 1e-12);
        CHECK_CLOSE(c->energy, w->energy, 1e-12);
        CHECK_CLOSE(c->om, w->om, 1e-12);
        CHECK_CLOSE(c->rent, w->rent, 1e-12);
        CHECK_CLOSE(c->taxes, w->taxes, 1e-12);
        CHECK_CLOSE(c->resale, w->resale, 1e-12);
        CHECK_CLOSE(c->salvage, w->salvage, 1e-12);
        CHECK_CLOSE(c->total, w->total, 1e-12);
        if (check_failures)
            fprintf(stderr, "    in period %d\n", t);
    }
}

/* ---- the textbook cases ---- */

/* Engine analyzer (Winston, dynamic programming): 5 yearly periods, demand
 * 1, one device "engine" (throughput 1, price 1000, lifetime 3, O&M 60, 80,
 * 120 in years 1-3 of age, trade-in 800, 600, 500 at ages 1-3), salvage at
 * the end, no discount. */
static be_model *engine_model(void)
{
    static const double om[] = {60, 80, 120}, resale[] = {800, 600, 500};
    be_model *m = new_model(5, BE_YEAR, 1);
    int k = add_device(m, "engine", 1, 3);
    set_price(m, k, 1000);
    set_om(m, k, om);
    set_resale_list(m, k, resale);
    return finish(m);
}

/* Engine analyzer, an optimal plan: buy at 0, trade in at 1 and buy, keep
 * that one to its lifetime (forced retirement at 4, the plan does not say
 * so) and buy at 4; the last is salvaged at age 1 at the start of 5.
 * A cycle kept n years costs 1000 + O&M - trade-in:
 *   1 year 1000 + 60 - 800 = 260; 2 years 1000 + 140 - 600 = 540;
 *   3 years 1000 + 260 - 500 = 760.
 * Cycles 1 + 3 + 1: 260 + 760 + 260 = 1280 (the published optimum).
 * By category: purchases 3000, O&M 60 + (60+80+120) + 60 = 380,
 * resale 800 + 500 = 1300, salvage 800: 3000 + 380 - 1300 - 800 = 1280. */
static void test_evaluate_engine_optimal(void)
{
    be_model *m = engine_model();
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    CHECK(p->periods == 5 && p->devices == 1 && p->cohorts == 5);
    p->buy[0] = p->buy[1] = p->buy[4] = 1;
    retire_bought(m, p, 0, 0, 1, 1);
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK(e->violation_period == -1 && e->violation_device == -1);
    CHECK_CLOSE(e->cost.total, 1280, 1e-12);
    CHECK_CLOSE(e->cost.purchases, 3000, 1e-12);
    CHECK_CLOSE(e->cost.om, 380, 1e-12);
    CHECK_CLOSE(e->cost.resale, 1300, 1e-12);
    CHECK_CLOSE(e->cost.salvage, 800, 1e-12);
    CHECK(e->cost.energy == 0 && e->cost.rent == 0 && e->cost.taxes == 0);
    /* per period: t0 1000+60, t1 1000+60-800, t2 80, t3 120,
     * t4 1000+60-500 and the salvage 800 */
    CHECK_CLOSE(e->period_cost[0].total, 1060, 1e-12);
    CHECK_CLOSE(e->period_cost[1].total, 260, 1e-12);
    CHECK_CLOSE(e->period_cost[2].total, 80, 1e-12);
    CHECK_CLOSE(e->period_cost[3].total, 120, 1e-12);
    CHECK_CLOSE(e->period_cost[4].total, -240, 1e-12);
    CHECK_CLOSE(e->period_cost[4].salvage, 800, 1e-12);
    for (int t = 0; t < 5; t++) {
        CHECK(e->in_service[t] == 1);
        CHECK(e->capacity[t] == 1);
        CHECK(e->spend[t] == (t == 0 || t == 1 || t == 4 ? 1000 : 0));
        CHECK(e->bought[t] == (t == 0 || t == 1 || t == 4 ? 1 : 0));
        CHECK(e->retired[t] == (t == 1 || t == 4 ? 1 : 0));
        CHECK(e->power_kw[t] == 0);
    }
    CHECK(e->held_at_end[0] == 1);
    /* by period: buy at 0, 1 and 4; trade-in at 1 (age 1) and at 4 (age 3,
     * forced); O&M by age 1, 1, 2, 3, 1; the last unit salvaged at age 1 */
    static const be_costs by_period[] = {
        {.purchases = 1000, .om = 60, .total = 1060},
        {.purchases = 1000, .om = 60, .resale = 800, .total = 260},
        {.om = 80, .total = 80},
        {.om = 120, .total = 120},
        {.purchases = 1000, .om = 60, .resale = 500, .salvage = 800,
         .total = -240},
    };
    check_period_costs(e, by_period, 5);
    be_eval_free(e);

    /* The other optima: cycles 3 + 1 + 1 (buy at 0, 3, 4) and
     * 1 + 1 + 3 (buy at 0, 1, 2): 760 + 260 + 260 = 1280 each. */
    memset(p->buy, 0, 5 * sizeof *p->buy);
    memset(p->retire, 0, 25 * sizeof *p->retire);
    p->buy[0] = p->buy[3] = p->buy[4] = 1;
    retire_bought(m, p, 0, 3, 4, 1);
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.total, 1280, 1e-12);
    be_eval_free(e);

    memset(p->buy, 0, 5 * sizeof *p->buy);
    memset(p->retire, 0, 25 * sizeof *p->retire);
    p->buy[0] = p->buy[1] = p->buy[2] = 1;
    retire_bought(m, p, 0, 0, 1, 1);
    retire_bought(m, p, 0, 1, 2, 1);
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.total, 1280, 1e-12);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Engine analyzer, plans that are not optimal:
 * - buy at 0, 1, 3 (cycles 1 + 2 + 2): 260 + 540 + 540 = 1340; the last
 *   engine is salvaged at age 2 for 600.  Categories: purchases 3000,
 *   O&M 60 + (60+80) + (60+80) = 340, resale 800 + 600 = 1400, salvage 600:
 *   3000 + 340 - 1400 - 600 = 1340.
 * - a new engine every year (cycles 1 x 5): 5 * 260 = 1300.
 * - one engine kept 3 years, then one kept 2 (buy at 0 and 3, the first
 *   retired at its lifetime by the evaluator): 760 + 540 = 1300. */
static void test_evaluate_engine_other_plans(void)
{
    be_model *m = engine_model();
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = p->buy[1] = p->buy[3] = 1;
    retire_bought(m, p, 0, 0, 1, 1);
    retire_bought(m, p, 0, 1, 3, 1);
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.total, 1340, 1e-12);
    CHECK_CLOSE(e->cost.om, 340, 1e-12);
    CHECK_CLOSE(e->cost.resale, 1400, 1e-12);
    CHECK_CLOSE(e->cost.salvage, 600, 1e-12);
    be_eval_free(e);

    memset(p->retire, 0, 25 * sizeof *p->retire);
    for (int t = 0; t < 5; t++) {
        p->buy[t] = 1;
        if (t > 0)
            retire_bought(m, p, 0, t - 1, t, 1);
    }
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.total, 1300, 1e-12);
    be_eval_free(e);

    memset(p->buy, 0, 5 * sizeof *p->buy);
    memset(p->retire, 0, 25 * sizeof *p->retire);
    p->buy[0] = p->buy[3] = 1;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.total, 1300, 1e-12);
    CHECK(e->retired[3] == 1);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Economic life: 12 yearly periods, demand 1, price 6100, scrap value 100
 * at every age, O&M 100, 250, 400, 600, 900, 1200, 1600, 2000 in years
 * 1-8, lifetime 8, no discount, salvage at the end.
 * O&M of the first n years: 4y 1350, 6y 3450, 8y 7050.
 * - every 6 years (buy 0, 6; retire at 6; salvage at 12, age 6):
 *   2 * (6100 + 3450 - 100) = 18900 (the published optimum, 1575 a year)
 * - every 8 years (buy 0 and 8; the first retired at its lifetime by the
 *   evaluator; the second salvaged at age 4):
 *   (6100 + 7050 - 100) + (6100 + 1350 - 100) = 13050 + 7350 = 20400
 * - every 4 years (buy 0, 4, 8): 3 * (6100 + 1350 - 100) = 22050 */
static void test_evaluate_economic_life(void)
{
    static const double om[] = {100, 250, 400, 600, 900, 1200, 1600, 2000};
    static const double scrap[] = {100, 100, 100, 100, 100, 100, 100, 100};
    be_model *m = new_model(12, BE_YEAR, 1);
    REQUIRE(m);
    int k = add_device(m, "machine", 1, 8);
    set_price(m, k, 6100);
    set_om(m, k, om);
    set_resale_list(m, k, scrap);
    m = finish(m);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);

    p->buy[0] = p->buy[6] = 1;
    retire_bought(m, p, k, 0, 6, 1);
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.total, 18900, 1e-12);
    CHECK_CLOSE(e->cost.total / 12, 1575, 1e-12);
    CHECK_CLOSE(e->cost.om, 6900, 1e-12);
    CHECK_CLOSE(e->cost.resale, 100, 1e-12);
    CHECK_CLOSE(e->cost.salvage, 100, 1e-12);
    /* by period: buy at 0 and 6, O&M by age 1..6 twice, the first unit
     * scrapped at 6 for 100, the second salvaged at 12 (booked in 11) */
    static const be_costs by_period[] = {
        {.purchases = 6100, .om = 100, .total = 6200},
        {.om = 250, .total = 250},
        {.om = 400, .total = 400},
        {.om = 600, .total = 600},
        {.om = 900, .total = 900},
        {.om = 1200, .total = 1200},
        {.purchases = 6100, .om = 100, .resale = 100, .total = 6100},
        {.om = 250, .total = 250},
        {.om = 400, .total = 400},
        {.om = 600, .total = 600},
        {.om = 900, .total = 900},
        {.om = 1200, .salvage = 100, .total = 1100},
    };
    check_period_costs(e, by_period, 12);
    be_eval_free(e);

    memset(p->buy, 0, 12 * sizeof *p->buy);
    memset(p->retire, 0, (size_t)(12 * m->n_cohorts) * sizeof *p->retire);
    p->buy[0] = p->buy[8] = 1;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.total, 20400, 1e-12);
    CHECK(e->retired[8] == 1);
    be_eval_free(e);

    memset(p->buy, 0, 12 * sizeof *p->buy);
    p->buy[0] = p->buy[4] = p->buy[8] = 1;
    retire_bought(m, p, k, 0, 4, 1);
    retire_bought(m, p, k, 4, 8, 1);
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.total, 22050, 1e-12);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* ---- one feature at a time ---- */

/* Discounting: 3 yearly periods, r = 10%, demand 1; device price 1000,
 * lifetime 2, O&M 100 a year, resale 500, 200 at ages 1, 2.
 * d(t) = 1.1^-t: d1 = 1/1.1, d2 = 1/1.21, d3 = 1/1.331.
 * Plan: buy at 0 (retired at its lifetime at 2, for 200), buy at 2
 * (salvaged at 3, age 1, for 500).
 *   purchases 1000 + 1000 d2 = 1826.446281
 *   O&M       100 + 100 d1 + 100 d2 = 273.553719
 *   resale    200 d2 = 165.289256
 *   salvage   500 d3 = 375.657400
 *   total     1826.446281 + 273.553719 - 165.289256 - 375.657400
 *             = 1559.053344 */
static void test_evaluate_discounting(void)
{
    static const double om[] = {100, 100}, resale[] = {500, 200};
    be_model *m = new_model(3, BE_YEAR, 1);
    REQUIRE(m);
    m->discount_rate = 0.1;
    int k = add_device(m, "box", 1, 2);
    set_price(m, k, 1000);
    set_om(m, k, om);
    set_resale_list(m, k, resale);
    m = finish(m);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = p->buy[2] = 1;
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    double d1 = 1 / 1.1, d2 = 1 / 1.21, d3 = 1 / 1.331;
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.purchases, 1000 + 1000 * d2, 1e-12);
    CHECK_CLOSE(e->cost.om, 100 + 100 * d1 + 100 * d2, 1e-12);
    CHECK_CLOSE(e->cost.resale, 200 * d2, 1e-12);
    CHECK_CLOSE(e->cost.salvage, 500 * d3, 1e-12);
    CHECK_CLOSE(e->cost.total, 1559.053344, 1e-9);
    CHECK_CLOSE(e->period_cost[2].total, (1000 + 100 - 200) * d2 - 500 * d3,
                1e-12);
    CHECK(e->spend[2] == 1000);   /* nominal */
    /* by period, discounted: the second purchase, its O&M and the first
     * unit's resale at 2 (d2); the salvage, booked in the last period, at
     * the start of 3 (d3) */
    const be_costs by_period[] = {
        {.purchases = 1000, .om = 100, .total = 1100},
        {.om = 100 * d1, .total = 100 * d1},
        {.purchases = 1000 * d2, .om = 100 * d2, .resale = 200 * d2,
         .salvage = 500 * d3, .total = (1000 + 100 - 200) * d2 - 500 * d3},
    };
    check_period_costs(e, by_period, 3);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Energy: 2 yearly periods, demand 1, energy price 0.10 then 0.20 per kWh,
 * pue 1.5, utilization 0.5.  Fleet of 3 units of "gpu" (power 2 kW,
 * lifetime 5, no price, no resale, no O&M) aged 1 year.
 * One unit-year: 2 kW * 0.5 * 1.5 * 8760 h = 13140 kWh.
 *   t0: 3 * 13140 * 0.10 = 3942;  t1: 3 * 13140 * 0.20 = 7884
 *   energy 11826 = total.  Facility draw 3 * 2 * 1.5 = 9 kW (the cap
 *   counts pue, not utilization). */
static void test_evaluate_energy(void)
{
    be_model *m = new_model(2, BE_YEAR, 1);
    REQUIRE(m);
    m->energy_price[0] = 0.10;
    m->energy_price[1] = 0.20;
    m->pue = 1.5;
    m->utilization = 0.5;
    int k = add_device(m, "gpu", 1, 5);
    m->devices[k].power_kw = 2;
    add_fleet(m, k, 3, 1, -1);
    m = finish(m);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    CHECK(p->cohorts == 1);
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->period_cost[0].energy, 3942, 1e-12);
    CHECK_CLOSE(e->period_cost[1].energy, 7884, 1e-12);
    CHECK_CLOSE(e->cost.energy, 11826, 1e-12);
    CHECK_CLOSE(e->cost.total, 11826, 1e-12);
    CHECK_CLOSE(e->power_kw[0], 9, 1e-12);
    CHECK_CLOSE(e->power_kw[1], 9, 1e-12);
    CHECK(e->in_service[0] == 3 && e->in_service[1] == 3);
    CHECK(e->held_at_end[0] == 3);
    CHECK(e->cost.salvage == 0);
    static const be_costs by_period[] = {
        {.energy = 3942, .total = 3942},
        {.energy = 7884, .total = 7884},
    };
    check_period_costs(e, by_period, 2);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Quarterly periods and resale interpolation: 8 quarters (2024-Q1 ..
 * 2025-Q4), dt = 1/4, demand 1; device price 1000, lifetime 2 years
 * (8 quarters), O&M 400 a year in the first year of age and 800 in the
 * second, resale 600, 300 at ages 1, 2 years (the price, 1000, at age 0).
 * Plan: buy at Q0, retire at Q3 (age 3 quarters), buy at Q3; the second is
 * salvaged at the start of quarter 8, aged 5 quarters.
 *   resale at 0.75 y  = 1000 + (600 - 1000) * 3/4 = 700
 *   salvage at 1.25 y = 600 + (300 - 600) * 1/4 = 525
 *   O&M: first unit 3 quarters * 400/4 = 300; second unit ages 0-3
 *        4 * 100 = 400 and age 4 (second year) 800/4 = 200: 900 in all
 *   total 2000 + 900 - 700 - 525 = 1675 */
static void test_evaluate_quarterly(void)
{
    static const double om[] = {400, 800}, resale[] = {600, 300};
    be_model *m = new_model(8, BE_QUARTER, 1);
    REQUIRE(m);
    int k = add_device(m, "q", 1, 2);
    set_price(m, k, 1000);
    set_om(m, k, om);
    set_resale_list(m, k, resale);
    m = finish(m);
    REQUIRE(m);
    CHECK(m->devices[k].life == 8);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = p->buy[3] = 1;
    retire_bought(m, p, k, 0, 3, 1);
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.resale, 700, 1e-12);
    CHECK_CLOSE(e->cost.salvage, 525, 1e-12);
    CHECK_CLOSE(e->cost.om, 900, 1e-12);
    CHECK_CLOSE(e->period_cost[7].om, 200, 1e-12);
    CHECK_CLOSE(e->cost.total, 1675, 1e-12);
    /* by quarter: O&M 100 a quarter (400 a year) at ages 0-3 quarters,
     * 200 at age 4; the trade-in at Q3, the salvage in the last quarter */
    static const be_costs by_period[] = {
        {.purchases = 1000, .om = 100, .total = 1100},
        {.om = 100, .total = 100},
        {.om = 100, .total = 100},
        {.purchases = 1000, .om = 100, .resale = 700, .total = 400},
        {.om = 100, .total = 100},
        {.om = 100, .total = 100},
        {.om = 100, .total = 100},
        {.om = 200, .salvage = 525, .total = -325},
    };
    check_period_costs(e, by_period, 8);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Resale curve: 3 yearly periods, demand 1; device price 1000, lifetime 4,
 * resale {fraction 0.8, half_life 2}: value = 0.8 * basis * 0.5^(age/2).
 * Fleet: 1 unit aged 1 year, purchase_price 500 (its own basis); it
 * reaches its lifetime at the start of period 3 == T and is salvaged then.
 * Plan: buy 2 at 0, retire 1 of them at 2 (age 2), keep the other.
 *   retired at age 2:    0.8 * 1000 * 0.5^1   = 400
 *   salvaged at age 3:   0.8 * 1000 * 0.5^1.5 = 282.842712
 *   fleet unit, age 4:   0.8 * 500 * 0.5^2    = 100
 *   total 2000 - 400 - 282.842712 - 100 = 1217.157288 */
static void test_evaluate_resale_curve(void)
{
    be_model *m = new_model(3, BE_YEAR, 1);
    REQUIRE(m);
    int k = add_device(m, "c", 1, 4);
    set_price(m, k, 1000);
    m->devices[k].resale_kind = BE_RESALE_CURVE;
    m->devices[k].resale_fraction = 0.8;
    m->devices[k].resale_half_life = 2;
    add_fleet(m, k, 1, 1, 500);
    m = finish(m);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = 2;
    retire_bought(m, p, k, 0, 2, 1);
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.resale, 400, 1e-12);
    CHECK_CLOSE(e->cost.salvage, 800 * pow(0.5, 1.5) + 100, 1e-12);
    CHECK_CLOSE(e->cost.total, 1217.157288, 1e-9);
    CHECK(e->in_service[0] == 3 && e->in_service[2] == 2);
    CHECK(e->held_at_end[0] == 2);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Taxes: 3 yearly periods, demand 1, finance tau = 0.25, depreciation over
 * 2 years: book value B(a) = basis * max(0, 1 - a/2).  Device price 1000,
 * lifetime 4, O&M 100 a year, power 1 kW at 0.01 per kWh (87.6 per
 * unit-year), resale 400, 300, 200, 100 at ages 1-4.  Fleet: 1 unit aged
 * 1 year, purchase_price 1000 (reaches its lifetime at T and is salvaged).
 * Plan: buy A at 0, retire it at 1 (age 1); buy B at 1, keep it (salvaged
 * at 3, age 2).
 *   depreciation: A t0 500; B t1 500, t2 500; fleet t0 B(1)-B(2) = 500,
 *     t1 and t2 0 (fully depreciated): 2000 in all
 *   sale of A at age 1: R 400, B 500, a loss: tax 0.25 * -100 = -25
 *   salvage of B at age 2: R 300, B 0: tax 0.25 * 300 = 75
 *   salvage of the fleet unit at age 4: R 100, B 0: tax 25
 *   6 unit-periods: O&M 600, energy 525.6
 *   taxes = -0.25 * (600 + 525.6) - 0.25 * 2000 - 25 + 75 + 25
 *         = -281.4 - 500 + 75 = -706.4
 *   total = 2000 + 525.6 + 600 - 706.4 - 400 - 400 = 1619.2
 *   period 1: 1000 + 200 + 175.2 - 400 + taxes (-0.25 * 375.2 - 0.25 *
 *     500 - 25 = -243.8) = 731.4
 * With end_of_horizon: none the two salvages (400) and their taxes (100)
 * go: taxes -806.4, total 1619.2 + 400 - 100 = 1919.2. */
static be_model *tax_model(int salvage)
{
    static const double om[] = {100, 100, 100, 100};
    static const double resale[] = {400, 300, 200, 100};
    be_model *m = new_model(3, BE_YEAR, 1);
    if (!m)
        return NULL;
    m->salvage = salvage;
    m->has_tax = 1;
    m->tax_rate = 0.25;
    m->depreciation_years = 2;
    for (int t = 0; t < 3; t++)
        m->energy_price[t] = 0.01;
    int k = add_device(m, "taxed", 1, 4);
    m->devices[k].power_kw = 1;
    set_price(m, k, 1000);
    set_om(m, k, om);
    set_resale_list(m, k, resale);
    add_fleet(m, k, 1, 1, 1000);
    return finish(m);
}

static void test_evaluate_taxes(void)
{
    be_model *m = tax_model(1);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = p->buy[1] = 1;
    retire_bought(m, p, 0, 0, 1, 1);
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.purchases, 2000, 1e-12);
    CHECK_CLOSE(e->cost.om, 600, 1e-12);
    CHECK_CLOSE(e->cost.energy, 525.6, 1e-12);
    CHECK_CLOSE(e->cost.resale, 400, 1e-12);
    CHECK_CLOSE(e->cost.salvage, 400, 1e-12);
    CHECK_CLOSE(e->cost.taxes, -706.4, 1e-12);
    CHECK_CLOSE(e->cost.total, 1619.2, 1e-12);
    CHECK_CLOSE(e->period_cost[1].taxes, -243.8, 1e-12);
    CHECK_CLOSE(e->period_cost[1].total, 731.4, 1e-12);
    /* by period (two units in service in each: O&M 200, energy 175.2):
     *   t0: depreciation 500 (A) + 500 (fleet): taxes -0.25 * 375.2 -
     *       0.25 * 1000 = -343.8; total 1000 + 375.2 - 343.8 = 1031.4
     *   t1: as above, 731.4
     *   t2: depreciation 500 (B); salvages 300 + 100 taxed 75 + 25: taxes
     *       -93.8 - 125 + 100 = -118.8; total 375.2 - 118.8 - 400 = -143.6
     * (-343.8 - 243.8 - 118.8 = -706.4; 1031.4 + 731.4 - 143.6 = 1619.2) */
    static const be_costs by_period[] = {
        {.purchases = 1000, .energy = 175.2, .om = 200, .taxes = -343.8,
         .total = 1031.4},
        {.purchases = 1000, .energy = 175.2, .om = 200, .taxes = -243.8,
         .resale = 400, .total = 731.4},
        {.energy = 175.2, .om = 200, .taxes = -118.8, .salvage = 400,
         .total = -143.6},
    };
    check_period_costs(e, by_period, 3);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);

    m = tax_model(0);
    REQUIRE(m);
    p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = p->buy[1] = 1;
    retire_bought(m, p, 0, 0, 1, 1);
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->cost.salvage == 0);
    CHECK_CLOSE(e->cost.taxes, -806.4, 1e-12);
    CHECK_CLOSE(e->cost.total, 1919.2, 1e-12);
    CHECK(e->held_at_end[0] == 2);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* end_of_horizon: none on the engine analyzer's optimal plan (buy 0, 1,
 * 4): the last engine, worth 800, is now worth nothing: 1280 + 800 = 2080,
 * and it is still counted as held at the end. */
static void test_evaluate_salvage_none(void)
{
    be_model *m = engine_model();
    REQUIRE(m);
    m->salvage = 0;
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = p->buy[1] = p->buy[4] = 1;
    retire_bought(m, p, 0, 0, 1, 1);
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK(e->cost.salvage == 0);
    CHECK_CLOSE(e->cost.total, 2080, 1e-12);
    CHECK(e->held_at_end[0] == 1);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Rented capacity: 2 yearly periods, demand 6 then 4; device "cloud"
 * (throughput 2, rent 100 a year), nothing owned.  Plan: rent 3, then 2.
 *   rent 3 * 100 + 2 * 100 = 500; no power drawn.
 * Quarterly (4 quarters, demand 6, rent 3 each quarter, rent 100 a year):
 *   4 * 3 * 100/4 = 300.
 * With finance (tau 0.2) the rent is reported before tax and taxes are
 * -0.2 * 300 = -60: total 240. */
static void test_evaluate_rented(void)
{
    be_model *m = new_model(2, BE_YEAR, 0);
    REQUIRE(m);
    m->demand[0] = 6;
    m->demand[1] = 4;
    int k = add_device(m, "cloud", 2, 0);
    set_rent(m, k, 100);
    m = finish(m);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    CHECK(p->cohorts == 0);
    p->rent[0] = 3;
    p->rent[1] = 2;
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.rent, 500, 1e-12);
    CHECK_CLOSE(e->cost.total, 500, 1e-12);
    CHECK(e->in_service[0] == 3 && e->in_service[1] == 2);
    CHECK(e->capacity[0] == 6 && e->capacity[1] == 4);
    CHECK(e->power_kw[0] == 0);
    CHECK(e->held_at_end[0] == 0);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);

    m = new_model(4, BE_QUARTER, 6);
    REQUIRE(m);
    m->has_tax = 1;
    m->tax_rate = 0.2;
    m->depreciation_years = 1;
    k = add_device(m, "cloud", 2, 0);
    set_rent(m, k, 100);
    m = finish(m);
    REQUIRE(m);
    p = be_plan_new(m);
    REQUIRE(p);
    for (int t = 0; t < 4; t++)
        p->rent[t] = 3;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.rent, 300, 1e-12);
    CHECK_CLOSE(e->cost.taxes, -60, 1e-12);
    CHECK_CLOSE(e->cost.total, 240, 1e-12);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Initial fleet retired at period 0: 1 yearly period, demand 4.  Device
 * "old" (lifetime 5, no price, resale 500, 300, 200, 100, 50): 4 units
 * aged 2 years.  Device "new" (price 1000, lifetime 5, O&M 50 a year,
 * resale 600, 500, 400, 300, 200).  Plan: retire the 4 old at once (at
 * age 2: 4 * 300 = 1200) and buy 4 new (4000), salvaged at age 1
 * (4 * 600 = 2400); O&M 4 * 50 = 200.
 *   total 4000 + 200 - 1200 - 2400 = 600 */
static void test_evaluate_fleet_retired_at_start(void)
{
    static const double old_resale[] = {500, 300, 200, 100, 50};
    static const double new_resale[] = {600, 500, 400, 300, 200};
    static const double new_om[] = {50, 50, 50, 50, 50};
    be_model *m = new_model(1, BE_YEAR, 4);
    REQUIRE(m);
    int old = add_device(m, "old", 1, 5);
    set_resale_list(m, old, old_resale);
    int nu = add_device(m, "new", 1, 5);
    set_price(m, nu, 1000);
    set_om(m, nu, new_om);
    set_resale_list(m, nu, new_resale);
    add_fleet(m, old, 4, 2, -1);
    m = finish(m);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->retire[fleet_cohort(0)] = 4;
    p->buy[nu] = 4;
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.resale, 1200, 1e-12);
    CHECK_CLOSE(e->cost.salvage, 2400, 1e-12);
    CHECK_CLOSE(e->cost.total, 600, 1e-12);
    CHECK(e->in_service[old] == 0 && e->in_service[nu] == 4);
    CHECK(e->retired[old] == 4 && e->bought[nu] == 4);
    CHECK(e->held_at_end[old] == 0 && e->held_at_end[nu] == 4);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Forced retirement at lifetime: 3 yearly periods, demand 0; device "old"
 * (lifetime 3, no price, O&M 10 a year, resale 300, 200, 100): 2 units
 * aged 2 years.  They serve period 0 and reach age 3 at the start of 1,
 * where the evaluator retires them (100 each).
 *   O&M 2 * 10 = 20, resale 200: total -180.
 * The plan may say so (retire 2 at 1): same result.  Retiring 3 at 1 is a
 * holdings violation by 1 unit in period 1, priced as retiring the 2;
 * retiring 1 at 2, after the lifetime, is one by 1 unit in period 2. */
static be_model *old_fleet_model(void)
{
    static const double om[] = {10, 10, 10}, resale[] = {300, 200, 100};
    be_model *m = new_model(3, BE_YEAR, 0);
    if (!m)
        return NULL;
    int k = add_device(m, "old", 1, 3);
    set_om(m, k, om);
    set_resale_list(m, k, resale);
    add_fleet(m, k, 2, 2, -1);
    return finish(m);
}

static void test_evaluate_forced_retirement(void)
{
    be_model *m = old_fleet_model();
    REQUIRE(m);
    CHECK(m->cohorts[0].end == 1);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.total, -180, 1e-12);
    CHECK(e->in_service[0] == 2 && e->in_service[1] == 0);
    CHECK(e->retired[1] == 2);
    CHECK(e->held_at_end[0] == 0);
    be_eval_free(e);

    p->retire[1] = 2;   /* cohort 0, period 1 */
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK_CLOSE(e->cost.total, -180, 1e-12);
    be_eval_free(e);

    p->retire[1] = 3;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_HOLDINGS);
    CHECK(e->violation_period == 1 && e->violation_device == 0);
    CHECK_CLOSE(e->violation_amount, 1, 1e-12);
    CHECK_CLOSE(e->cost.total, -180, 1e-12);
    be_eval_free(e);

    p->retire[1] = 0;
    p->retire[2] = 1;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_HOLDINGS);
    CHECK(e->violation_period == 2 && e->violation_device == 0);
    CHECK_CLOSE(e->violation_amount, 1, 1e-12);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* ---- violations ---- */

/* A small model for the limit checks: 3 yearly periods, demand 1, 2, 2;
 * device "d" (throughput 1, power 2 kW, price 100, lifetime 3, no O&M or
 * resale); pue 1.5, so one unit draws 3 kW. */
static be_model *limits_model(double cap, double budget)
{
    be_model *m = new_model(3, BE_YEAR, 2);
    if (!m)
        return NULL;
    m->demand[0] = 1;
    m->pue = 1.5;
    if (cap >= 0) {
        m->has_power_cap = 1;
        m->power_cap = series(m, cap);
    }
    if (budget >= 0) {
        m->has_budget = 1;
        m->budget = series(m, budget);
    }
    int k = add_device(m, "d", 1, 3);
    m->devices[k].power_kw = 2;
    set_price(m, k, 100);
    return finish(m);
}

/* Demand: buy 1 at 0 and nothing more: capacity 1 against demand 2 in
 * period 1, a shortfall of 1.  The plan is still priced: 100.
 * Capacity within 1e-6 * demand of the demand is enough: with demand
 * 2 + 1e-6 in period 1 and 2 units, still feasible. */
static void test_evaluate_violation_demand(void)
{
    be_model *m = limits_model(-1, -1);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = 1;
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_DEMAND);
    CHECK(e->violation_period == 1 && e->violation_device == -1);
    CHECK_CLOSE(e->violation_amount, 1, 1e-12);
    CHECK_CLOSE(e->cost.total, 100, 1e-12);
    be_eval_free(e);

    p->buy[1] = 1;
    m->demand[1] = 2 + 1e-6;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Power cap 5 kW: buy 1 at 0 (3 kW), 1 at 1 (6 kW in periods 1 and 2):
 * 1 kW over the cap in period 1. */
static void test_evaluate_violation_power(void)
{
    be_model *m = limits_model(5, -1);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = p->buy[1] = 1;
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_POWER);
    CHECK(e->violation_period == 1 && e->violation_device == -1);
    CHECK_CLOSE(e->violation_amount, 1, 1e-12);
    CHECK_CLOSE(e->power_kw[1], 6, 1e-12);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Budget 150 a period: buy 1 at 0 (100), 2 at 1 (200): 50 over the budget
 * in period 1; demand is met (3 units).  Spending exactly the budget is
 * allowed: with budget 200 the plan is feasible. */
static void test_evaluate_violation_budget(void)
{
    be_model *m = limits_model(-1, 150);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = 1;
    p->buy[1] = 2;
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_BUDGET);
    CHECK(e->violation_period == 1 && e->violation_device == -1);
    CHECK_CLOSE(e->violation_amount, 50, 1e-12);
    CHECK(e->spend[1] == 200);
    be_eval_free(e);

    for (int t = 0; t < 3; t++)
        m->budget[t] = 200;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Holdings, on limits_model (no caps):
 * - buy 2 at 0, retire 3 of them at 1: 1 more than held, period 1, device
 *   0; priced as retiring the 2 (then demand fails too, later in the
 *   period order, and is not the one reported).
 * - a bought cohort cannot retire in its purchase period: buy 2 at 0 and
 *   retire 1 at 0: excess 1 in period 0.
 * - retiring from a cohort before it is bought: retire 1 of the cohort of
 *   period 2 at period 1: excess 1 in period 1.
 * - a negative buy in period 2 (-1): amount 1, counted as 0.
 * - a tiny negative (-1e-9, solver noise) is not a violation. */
static void test_evaluate_violation_holdings(void)
{
    be_model *m = limits_model(-1, -1);
    REQUIRE(m);
    int J = m->n_cohorts;
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = 2;
    retire_bought(m, p, 0, 0, 1, 3);
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_HOLDINGS);
    CHECK(e->violation_period == 1 && e->violation_device == 0);
    CHECK_CLOSE(e->violation_amount, 1, 1e-12);
    CHECK(e->retired[1] == 2 && e->in_service[1] == 0);
    CHECK_CLOSE(e->cost.total, 200, 1e-12);
    be_eval_free(e);

    memset(p->retire, 0, (size_t)(3 * J) * sizeof *p->retire);
    retire_bought(m, p, 0, 0, 0, 1);
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_HOLDINGS);
    CHECK(e->violation_period == 0 && e->violation_device == 0);
    CHECK_CLOSE(e->violation_amount, 1, 1e-12);
    CHECK(e->in_service[0] == 2);
    be_eval_free(e);

    memset(p->retire, 0, (size_t)(3 * J) * sizeof *p->retire);
    retire_bought(m, p, 0, 2, 1, 1);
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_HOLDINGS);
    CHECK(e->violation_period == 1);
    CHECK_CLOSE(e->violation_amount, 1, 1e-12);
    be_eval_free(e);

    memset(p->retire, 0, (size_t)(3 * J) * sizeof *p->retire);
    p->buy[2] = -1;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_HOLDINGS);
    CHECK(e->violation_period == 2 && e->violation_device == 0);
    CHECK_CLOSE(e->violation_amount, 1, 1e-12);
    CHECK(e->bought[2] == 0);
    CHECK_CLOSE(e->cost.purchases, 200, 1e-12);
    be_eval_free(e);

    p->buy[2] = -1e-9;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Availability: 3 yearly periods, demand 0.  Device "late" (price 100,
 * lifetime 3) for sale from period 1 only; device "cloud" (rented, rent
 * 10) rentable in periods 0-1 only; device "kept" (no price, only held
 * through a fleet of 1).
 * - buy 2 "late" at 0: not for sale: period 0, device 0, amount 2; the
 *   units are ignored (no purchase cost, nothing in service).
 * - rent 1 "cloud" at 2: outside its window: period 2, device 1.
 * - rent 1 "late" at 1 (not a rented device): period 1, device 0.
 * - buy 1 "kept" at 1 (cannot be bought): period 1, device 2.
 * - buy 1 "cloud" at 0 (rented, cannot be bought): period 0, device 1. */
static void test_evaluate_violation_availability(void)
{
    be_model *m = new_model(3, BE_YEAR, 0);
    REQUIRE(m);
    int late = add_device(m, "late", 1, 3);
    set_price(m, late, 100);
    m->devices[late].avail_from = 1;
    int cloud = add_device(m, "cloud", 1, 0);
    set_rent(m, cloud, 10);
    m->devices[cloud].avail_to = 1;
    int kept = add_device(m, "kept", 1, 3);
    add_fleet(m, kept, 1, 0, -1);
    m = finish(m);
    REQUIRE(m);
    int K = m->n_devices;
    be_plan *p = be_plan_new(m);
    REQUIRE(p);

    p->buy[0 * K + late] = 2;
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_AVAILABILITY);
    CHECK(e->violation_period == 0 && e->violation_device == late);
    CHECK_CLOSE(e->violation_amount, 2, 1e-12);
    CHECK(e->cost.purchases == 0 && e->in_service[0 * K + late] == 0);
    be_eval_free(e);

    p->buy[0 * K + late] = 0;
    p->rent[2 * K + cloud] = 1;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_AVAILABILITY);
    CHECK(e->violation_period == 2 && e->violation_device == cloud);
    CHECK(e->cost.rent == 0);
    be_eval_free(e);

    p->rent[2 * K + cloud] = 0;
    p->rent[1 * K + late] = 1;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_AVAILABILITY);
    CHECK(e->violation_period == 1 && e->violation_device == late);
    be_eval_free(e);

    p->rent[1 * K + late] = 0;
    p->buy[1 * K + kept] = 1;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_AVAILABILITY);
    CHECK(e->violation_period == 1 && e->violation_device == kept);
    be_eval_free(e);

    p->buy[1 * K + kept] = 0;
    p->buy[0 * K + cloud] = 1;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_AVAILABILITY);
    CHECK(e->violation_period == 0 && e->violation_device == cloud);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Integrality, on limits_model: buying 1.5 at 0 and 0.5 at 1 in a
 * whole-unit model is an integrality violation in period 0, amount 0.5
 * (demand, later in the order, is met: 1.5 >= 1, 2 >= 2).  Costs are
 * those of the fractional plan: 200.  1 + 1e-9 counts as whole.  In a
 * fractional model the same plan is feasible. */
static void test_evaluate_violation_integrality(void)
{
    be_model *m = limits_model(-1, -1);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = 1.5;
    p->buy[1] = 0.5;
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_INTEGRALITY);
    CHECK(e->violation_period == 0 && e->violation_device == 0);
    CHECK_CLOSE(e->violation_amount, 0.5, 1e-12);
    CHECK_CLOSE(e->cost.total, 200, 1e-12);
    be_eval_free(e);

    p->buy[0] = 1 + 1e-9;
    p->buy[1] = 1;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    be_eval_free(e);

    m->integer = 0;
    p->buy[0] = 1.5;
    p->buy[1] = 0.5;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* Which violation is reported: the earliest period first, then within a
 * period holdings, availability, integrality, demand, power cap, budget.
 * limits_model with cap 5 kW and budget 150:
 * - buy 0.5 at 0: integrality and demand (0.5 < 1) in period 0:
 *   integrality;
 * - buy 1 at 0, 3 at 1: period 1 is over the power cap (12 kW) and the
 *   budget (300); power cap is reported;
 * - add a negative retire in period 2: still the power cap of period 1. */
static void test_evaluate_violation_order(void)
{
    be_model *m = limits_model(5, 150);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->buy[0] = 0.5;
    be_eval *e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_INTEGRALITY);
    CHECK(e->violation_period == 0);
    be_eval_free(e);

    p->buy[0] = 1;
    p->buy[1] = 3;
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_POWER);
    CHECK(e->violation_period == 1);
    CHECK_CLOSE(e->violation_amount, 7, 1e-12);
    be_eval_free(e);

    retire_bought(m, p, 0, 0, 2, -1);
    e = evaluate(m, p);
    REQUIRE(e);
    CHECK(e->violation == BE_VIOLATES_POWER);
    CHECK(e->violation_period == 1);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

/* A plan of another shape is refused with BE_EARG; names of violations. */
static void test_evaluate_shape_and_names(void)
{
    be_model *m = engine_model();
    REQUIRE(m);
    be_model *other = limits_model(-1, -1);
    REQUIRE(other);
    be_plan *p = be_plan_new(other);
    REQUIRE(p);
    be_error err;
    memset(&err, 0, sizeof err);
    CHECK(be_evaluate(m, p, &err) == NULL);
    CHECK(err.code == BE_EARG);
    CHECK_STR(err.message, "the plan has 3 periods, 1 devices and 3 cohorts; "
                           "the model has 5, 1 and 5");
    memset(&err, 0, sizeof err);
    CHECK(be_evaluate(m, NULL, &err) == NULL);
    CHECK(err.code == BE_EARG);
    CHECK(be_evaluate(m, p, NULL) == NULL);   /* err may be NULL */
    be_plan_free(p);

    p = be_plan_new(m);
    REQUIRE(p);
    p->cohorts = 4;
    memset(&err, 0, sizeof err);
    CHECK(be_evaluate(m, p, &err) == NULL);
    CHECK(err.code == BE_EARG);
    p->cohorts = 5;
    be_plan_free(p);

    be_eval_free(NULL);
    be_plan_free(NULL);
    CHECK_STR(be_violation_name(BE_FEASIBLE_PLAN), "feasible");
    CHECK_STR(be_violation_name(BE_VIOLATES_DEMAND), "demand");
    CHECK_STR(be_violation_name(BE_VIOLATES_POWER), "power cap");
    CHECK_STR(be_violation_name(BE_VIOLATES_BUDGET), "budget");
    CHECK_STR(be_violation_name(BE_VIOLATES_HOLDINGS), "holdings");
    CHECK_STR(be_violation_name(BE_VIOLATES_AVAILABILITY), "availability");
    CHECK_STR(be_violation_name(BE_VIOLATES_INTEGRALITY), "integrality");
    be_model_free(other);
    be_model_free(m);
}

void suite_evaluate(void)
{
    RUN(test_evaluate_engine_optimal);
    RUN(test_evaluate_engine_other_plans);
    RUN(test_evaluate_economic_life);
    RUN(test_evaluate_discounting);
    RUN(test_evaluate_energy);
    RUN(test_evaluate_quarterly);
    RUN(test_evaluate_resale_curve);
    RUN(test_evaluate_taxes);
    RUN(test_evaluate_salvage_none);
    RUN(test_evaluate_rented);
    RUN(test_evaluate_fleet_retired_at_start);
    RUN(test_evaluate_forced_retirement);
    RUN(test_evaluate_violation_demand);
    RUN(test_evaluate_violation_power);
    RUN(test_evaluate_violation_budget);
    RUN(test_evaluate_violation_holdings);
    RUN(test_evaluate_violation_availability);
    RUN(test_evaluate_violation_integrality);
    RUN(test_evaluate_violation_order);
    RUN(test_evaluate_shape_and_names);
}
