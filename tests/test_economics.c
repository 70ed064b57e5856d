/*
 * test_economics.c -- economic life (equivalent annual cost) and defender
 * vs challenger, on models small enough to price by hand; and shadow
 * prices against finite differences (solve again with one more unit).
 */
#include <math.h>
#include <string.h>

#include "check.h"
#include "breakeven.h"

void suite_economics(void);

static be_model *load(const char *y, size_t len, const char *set)
{
    be_error err = {0};
    be_load_options o;
    be_load_options_init(&o);
    const char *ov[1] = {set};
    o.overrides = ov;
    o.n_overrides = set ? 1 : 0;
    be_model *m = be_model_load_string(y, len, "econ", &o, &err);
    if (!m)
        fprintf(stderr, "  econ:%d:%d: %s\n", err.line, err.column,
                err.message);
    return m;
}

/* The textbook economic life (examples/economic-life.yaml): price 6100,
 * scrap 100 at any age, O&M in years 1..8 of 100, 250, 400, 600, 900,
 * 1200, 1600, 2000, no interest.  EAC(n) = (6100 - 100 + O&M 1..n) / n:
 * 6100, 3175, 2250, 1837.5, 1650, 1575, 11050/7 = 1578.571.., 1631.25.
 * The economic life is 6 years at 1575 a year. */
static void test_economics_life_textbook(void)
{
    be_error err = {0};
    be_model *m = be_model_load_file("examples/economic-life.yaml", NULL,
                                     &err);
    REQUIRE(m);
    be_life *l = be_economic_life(m, 0, 0, &err);
    REQUIRE(l);
    static const double eac[8] = {6100, 3175, 2250, 1837.5, 1650, 1575,
                                  11050.0 / 7, 1631.25};
    CHECK(l->ages == 8);
    CHECK(l->horizon_ages == 8);
    for (int a = 0; a < 8; a++)
        CHECK_CLOSE(l->eac[a], eac[a], 1e-12);
    CHECK_CLOSE(l->npv[5], 9450, 1e-12);
    CHECK(l->best == 6);
    CHECK_CLOSE(l->best_eac, 1575, 1e-12);
    be_life_free(l);
    /* bought in 2031 (period 6): 6 periods fall in the horizon, the rest
     * is priced past it; no energy, so the same costs */
    l = be_economic_life(m, 0, 6, &err);
    REQUIRE(l);
    CHECK(l->horizon_ages == 6);
    CHECK(l->best == 6);
    CHECK_CLOSE(l->best_eac, 1575, 1e-12);
    be_life_free(l);
    CHECK(be_economic_life(m, 0, 12, &err) == NULL && err.code == BE_EARG);
    CHECK(be_economic_life(m, 1, 0, &err) == NULL && err.code == BE_EARG);
    be_model_free(m);
    /* At 10% (v = 1/1.1), O&M paid at the start of each year as the model
     * pays it: npv(n) = 6100 + sum_{i<n} om[i] v^i - 100 v^n and
     * EAC(n) = npv(n) (1-v)/(1-v^n): n = 6: 8512.0104 -> 1776.7458;
     * n = 7: 9420.3003 -> 1759.0741; n = 8: 10451.2816 -> 1780.9366.
     * The economic life becomes 7 years. */
    static const char *const ten[1] = {"discount_rate=0.1"};
    be_load_options o;
    be_load_options_init(&o);
    o.overrides = ten;
    o.n_overrides = 1;
    m = be_model_load_file("examples/economic-life.yaml", &o, &err);
    REQUIRE(m);
    l = be_economic_life(m, 0, 0, &err);
    REQUIRE(l);
    CHECK(l->best == 7);
    CHECK_CLOSE(l->npv[6], 9420.30029397289, 1e-12);
    CHECK_CLOSE(l->eac[5], 1776.7458320328412, 1e-12);
    CHECK_CLOSE(l->best_eac, 1759.074081102882, 1e-12);
    CHECK_CLOSE(l->eac[7], 1780.9365570034659, 1e-12);
    be_life_free(l);
    be_model_free(m);
}

/* docs/schema.md's worked unit, r = 10%: price 1000, O&M 100 then 200,
 * resale 700 at 1 year, 400 at 2.  npv(1) = 1000 + 100 - 700/1.1 =
 * 463.636..; npv(2) = 1000 + 100 + 200/1.1 - 400/1.21 = 951.239..
 * crf(2) = (1-v)/(1-v^2) = 1/(1+v) = 1.1/2.1, so EAC(2) = 951.239 * 1.1 /
 * 2.1 = 498.268..; EAC(1) = 463.636 is lower: economic life 1 year. */
static void test_economics_life_discounted(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 3}\n"
        "discount_rate: 0.1\n"
        "demand: 1\n"
        "devices:\n"
        "  - {name: m, throughput: 2, lifetime: 2, price: 1000,"
        " om: [100, 200], resale: [700, 400]}\n";
    be_model *m = load(y, sizeof y - 1, NULL);
    REQUIRE(m);
    be_error err = {0};
    be_life *l = be_economic_life(m, 0, 0, &err);
    REQUIRE(l);
    CHECK_CLOSE(l->npv[0], 1100 - 700 / 1.1, 1e-12);
    CHECK_CLOSE(l->npv[1], 1100 + 200 / 1.1 - 400 / 1.21, 1e-12);
    CHECK_CLOSE(l->eac[1], (1100 + 200 / 1.1 - 400 / 1.21) * 1.1 / 2.1,
                1e-12);
    CHECK(l->best == 1);
    CHECK_CLOSE(l->best_eac, 1100 - 700 / 1.1, 1e-12);
    CHECK(l->throughput == 2);
    be_life_free(l);
    /* bought in period 1: valued at the start of period 1, the same */
    l = be_economic_life(m, 0, 1, &err);
    REQUIRE(l);
    CHECK_CLOSE(l->eac[1], (1100 + 200 / 1.1 - 400 / 1.21) * 1.1 / 2.1,
                1e-12);
    be_life_free(l);
    be_model_free(m);
}

/* The same unit quarterly, r = 0: O&M 25 a quarter in the first year, 50
 * in the second; resale interpolated from 1000 (age 0) to 700 (1 year) to
 * 400.  Held q quarters in the first year: npv = 1000 + 25q - (1000 -
 * 75q) = 100q, i.e. 400 a year for q = 1..4 (tie: the shortest wins).
 * 6 quarters: 1000 + 100 + 100 - 550 = 650 over 1.5 years = 433.33;
 * 8 quarters: 1000 + 100 + 200 - 400 = 900 over 2 years = 450. */
static void test_economics_life_quarterly(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 8, period: quarter}\n"
        "demand: 1\n"
        "devices:\n"
        "  - {name: m, throughput: 1, lifetime: 2, price: 1000,"
        " om: [100, 200], resale: [700, 400]}\n";
    be_model *m = load(y, sizeof y - 1, NULL);
    REQUIRE(m);
    be_error err = {0};
    be_life *l = be_economic_life(m, 0, 0, &err);
    REQUIRE(l);
    CHECK(l->ages == 8);
    for (int q = 1; q <= 4; q++)
        CHECK_CLOSE(l->eac[q - 1], 400, 1e-12);
    CHECK_CLOSE(l->eac[5], 650 / 1.5, 1e-12);
    CHECK_CLOSE(l->eac[7], 450, 1e-12);
    CHECK(l->best == 1);
    be_life_free(l);
    be_model_free(m);
}

/* Taxes, r = 0: price 1000, O&M 100 a year, resale 600 then 300, tax 20%,
 * straight line over 2 years (book value 500 at 1 year, 0 at 2).
 * Year 1: (1-0.2)*100 - 0.2*500 = -20; sold at 1: 600 - 0.2*(600-500) =
 * 580; npv(1) = 1000 - 20 - 580 = 400.  Year 2: -20 again; sold at 2:
 * 300 - 0.2*300 = 240; npv(2) = 1000 - 40 - 240 = 720, EAC 360: the
 * economic life is 2 years. */
static void test_economics_life_taxes(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 2}\n"
        "demand: 1\n"
        "finance: {tax_rate: 0.2, depreciation_years: 2}\n"
        "devices:\n"
        "  - {name: m, throughput: 1, lifetime: 2, price: 1000, om: 100,"
        " resale: [600, 300]}\n";
    be_model *m = load(y, sizeof y - 1, NULL);
    REQUIRE(m);
    be_error err = {0};
    be_life *l = be_economic_life(m, 0, 0, &err);
    REQUIRE(l);
    CHECK_CLOSE(l->npv[0], 400, 1e-12);
    CHECK_CLOSE(l->npv[1], 720, 1e-12);
    CHECK_CLOSE(l->eac[1], 360, 1e-12);
    CHECK(l->best == 2);
    be_life_free(l);
    be_model_free(m);
}

/* "Counted as the model counts": on a model with discounting, energy,
 * taxes and a resale curve, the plan "buy one unit in period c, retire it
 * at c + a" priced by the evaluator costs npv[a-1] * d(c) -- for every
 * purchase period and every holding that ends inside the horizon (at T
 * through the salvage rule). */
static void test_economics_life_matches_evaluator(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 6}\n"
        "discount_rate: 0.08\n"
        "demand: 0\n"
        "energy: {price: [0.1, 0.12, 0.09, 0.15, 0.11, 0.13], pue: 1.3,"
        " utilization: 0.8}\n"
        "finance: {tax_rate: 0.25, depreciation_years: 3}\n"
        "devices:\n"
        "  - {name: m, throughput: 1, power_kw: 2, lifetime: 4,"
        " price: {start: 9000, growth: -0.1}, om: [300, 400, 600, 900],"
        " resale: {fraction: 0.8, half_life: 1.5}}\n";
    be_model *m = load(y, sizeof y - 1, NULL);
    REQUIRE(m);
    be_error err = {0};
    int J = be_model_cohorts(m), checked = 0;
    for (int c = 0; c < 6; c++) {
        be_life *l = be_economic_life(m, 0, c, &err);
        REQUIRE(l);
        for (int a = 1; a <= l->horizon_ages; a++) {
            be_plan *p = be_plan_new(m);
            REQUIRE(p);
            p->buy[c] = 1;
            if (c + a < 6)
                p->retire[(c + a) * J + c] = 1;   /* cohort c: bought in c */
            be_eval *e = be_evaluate(m, p, &err);
            REQUIRE(e);
            CHECK_CLOSE(e->cost.total, l->npv[a - 1] * be_model_discount(m, c),
                        1e-10);
            checked++;
            be_eval_free(e);
            be_plan_free(p);
        }
        be_life_free(l);
    }
    CHECK(checked == 4 + 4 + 4 + 3 + 2 + 1);
    be_model_free(m);
}

/* Defender vs challenger, r = 0, no energy.  The defender: one 'old' unit
 * aged 1, lifetime 4, O&M 100, 200, 300, 400 by year of age, resale 500,
 * 400, 300, 200 at ages 1..4.  Keeping it through period t (age a = 1+t)
 * costs R(a) - R(a+1) + om(a): 500-400+200 = 300, 400-300+300 = 400,
 * 300-200+400 = 500, per unit of throughput 1.  The challenger 'new'
 * (throughput 2, price 1000, O&M 100, resale 600 then 300, lifetime 2)
 * has EAC 1000+100-600 = 500 for 1 year and (1000+200-300)/2 = 450 for 2:
 * 225 per unit of throughput; on sale from 2026 (t = 1).  It is cheaper
 * at t = 0 already but not for sale: it wins from t = 1. */
static void test_economics_challenger(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 4}\n"
        "demand: 1\n"
        "devices:\n"
        "  - {name: old, throughput: 1, lifetime: 4, om: [100, 200, 300, 400],"
        " resale: [500, 400, 300, 200]}\n"
        "  - {name: new, throughput: 2, lifetime: 2, price: 1000, om: 100,"
        " resale: [600, 300], available: {from: 2026}}\n"
        "fleet:\n"
        "  - {device: old, count: 3, age: 1}\n";
    be_model *m = load(y, sizeof y - 1, NULL);
    REQUIRE(m);
    be_error err = {0};
    be_challenge *c = be_defender_challenger(m, 0, 1, &err);
    REQUIRE(c);
    CHECK(c->periods == 3);             /* ages 1, 2, 3; retired at 4 */
    CHECK_CLOSE(c->defender_cost[0], 300, 1e-12);
    CHECK_CLOSE(c->defender_cost[1], 400, 1e-12);
    CHECK_CLOSE(c->defender_cost[2], 500, 1e-12);
    CHECK(isnan(c->challenger_cost[0]));
    CHECK_CLOSE(c->challenger_cost[1], 225, 1e-12);
    CHECK(c->challenger_life[1] == 2);
    CHECK(c->first_win == 1);
    be_challenge_free(c);
    /* a rented or unbuyable challenger is an argument error */
    CHECK(be_defender_challenger(m, 0, 0, &err) == NULL &&
          err.code == BE_EARG);
    /* the challenger twice as dear: EAC (2000+200-300)/2 = 950, 475 per
     * unit of throughput, beats keeping only at age 3 (500): t = 2 */
    be_model_free(m);
    m = load(y, sizeof y - 1, "devices.new.price=2000");
    REQUIRE(m);
    c = be_defender_challenger(m, 0, 1, &err);
    REQUIRE(c);
    CHECK_CLOSE(c->challenger_cost[1], 475, 1e-12);
    CHECK(c->first_win == 2);
    be_challenge_free(c);
    be_model_free(m);
}

/* Solve and return the objective (NaN on failure). */
static double objective(const char *y, size_t len, const char *set)
{
    be_model *m = load(y, len, set);
    if (!m)
        return NAN;
    be_settings s;
    be_settings_init(&s);
    s.time_limit = 30;
    be_error err = {0};
    be_solution *sol = be_solve(m, &s, &err);
    double v = sol && sol->plan ? sol->objective : NAN;
    be_solution_free(sol);
    be_model_free(m);
    return v;
}

/* Shadow prices of demand, by hand and by finite difference.  An LP:
 * r = 10%, demand 10, 12, 14, one device at 1000 with O&M 100 a year,
 * lifetime 5, no resale.  Optimal: buy 10, 2, 2.
 *   one more unit in 2027 (t = 2): buy it then: 1100/1.21 = 909.09;
 *   in 2026: buy it then and keep it, buying one fewer in 2027:
 *     (1000 + 100)/1.1 + 100/1.21 - 1100/1.21 = 173.55;
 *   in 2025: 1100 + 100/1.1 + 100/1.21 - (1100/1.1 + 100/1.21) = 190.91.
 * Solving again with demand + 1 in that period changes the cost by
 * exactly that (the basis does not change). */
static void test_economics_prices_demand(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 3}\n"
        "discount_rate: 0.1\n"
        "integer: false\n"
        "demand: [10, 12, 14]\n"
        "devices:\n"
        "  - {name: box, throughput: 1, lifetime: 5, price: 1000, om: 100}\n";
    be_model *m = load(y, sizeof y - 1, NULL);
    REQUIRE(m);
    be_settings s;
    be_settings_init(&s);
    s.duals = 1;
    be_error err = {0};
    be_solution *sol = be_solve(m, &s, &err);
    REQUIRE(sol && sol->demand_price);
    CHECK(sol->duals_fixed == 0);
    CHECK_CLOSE(sol->demand_price[2], 1100 / 1.21, 1e-9);
    CHECK_CLOSE(sol->demand_price[1], 1000 - 1000 / 1.21, 1e-9);
    CHECK_CLOSE(sol->demand_price[0], 1100 - 1000 / 1.1, 1e-9);
    static const char *const plus[3] = {"demand.1=11", "demand.2=13",
                                        "demand.3=15"};
    for (int t = 0; t < 3; t++)
        CHECK_CLOSE(objective(y, sizeof y - 1, plus[t]) - sol->objective,
                    sol->demand_price[t], 1e-9);
    be_solution_free(sol);
    be_model_free(m);
}

/* Power cap and budget.  One yearly period, demand 10, 'cheap' (100, 1 kW)
 * and 'lean' (300, 0.5 kW), both throughput 1, cap 8 kW.  The LP buys
 * x cheap + y lean with x + y = 10, x + 0.5y = 8: y = 4, x = 6, cost 1800.
 * With 9 kW: y = 2, x = 8, 1400: one more kW is worth 400.  One more unit
 * of demand: x + y = 11 -> y = 6, x = 5: 2300, +500.  Budget 5000 is
 * slack: 0. */
static void test_economics_prices_power(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 1}\n"
        "integer: false\n"
        "demand: 10\n"
        "site: {power_cap_kw: 8, budget: 5000}\n"
        "devices:\n"
        "  - {name: cheap, throughput: 1, power_kw: 1, lifetime: 1,"
        " price: 100}\n"
        "  - {name: lean, throughput: 1, power_kw: 0.5, lifetime: 1,"
        " price: 300}\n";
    be_model *m = load(y, sizeof y - 1, NULL);
    REQUIRE(m);
    be_settings s;
    be_settings_init(&s);
    s.duals = 1;
    be_error err = {0};
    be_solution *sol = be_solve(m, &s, &err);
    REQUIRE(sol && sol->power_price);
    CHECK_CLOSE(sol->objective, 1800, 1e-9);
    CHECK_CLOSE(sol->power_price[0], 400, 1e-9);
    CHECK_CLOSE(sol->demand_price[0], 500, 1e-9);
    CHECK_CLOSE(sol->budget_price[0], 0, 1e-9);
    CHECK_CLOSE(sol->objective - objective(y, sizeof y - 1,
                                           "site.power_cap_kw=9"),
                sol->power_price[0], 1e-9);
    CHECK_CLOSE(objective(y, sizeof y - 1, "demand=11") - sol->objective,
                sol->demand_price[0], 1e-9);
    be_solution_free(sol);
    be_model_free(m);
}

/* A binding budget.  r = 0, demand 0 then 10, price 100 in 2025 and 150
 * in 2026, lifetime 2, nothing left at the end, budget 500 then 2000.  The
 * LP buys 5 in 2025 (all the budget allows) and 5 in 2026: 1250.  One
 * more unit of money in 2025 buys 1/100 unit more then and 1/100 fewer at
 * 150: it saves 0.5.  The 2026 budget is slack. */
static void test_economics_prices_budget(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 2}\n"
        "integer: false\n"
        "end_of_horizon: none\n"
        "demand: [0, 10]\n"
        "site: {budget: [500, 2000]}\n"
        "devices:\n"
        "  - {name: box, throughput: 1, lifetime: 2, price: [100, 150]}\n";
    be_model *m = load(y, sizeof y - 1, NULL);
    REQUIRE(m);
    be_settings s;
    be_settings_init(&s);
    s.duals = 1;
    be_error err = {0};
    be_solution *sol = be_solve(m, &s, &err);
    REQUIRE(sol && sol->budget_price);
    CHECK_CLOSE(sol->objective, 1250, 1e-9);
    CHECK_CLOSE(sol->budget_price[0], 0.5, 1e-9);
    CHECK_CLOSE(sol->budget_price[1], 0, 1e-9);
    /* finite difference with 100 more: 6 units in 2025, 4 in 2026 */
    CHECK_CLOSE((sol->objective - objective(y, sizeof y - 1,
                                            "site.budget.1=600")) / 100,
                sol->budget_price[0], 1e-9);
    be_solution_free(sol);
    be_model_free(m);
}

void suite_economics(void)
{
    RUN(test_economics_life_textbook);
    RUN(test_economics_life_discounted);
    RUN(test_economics_life_quarterly);
    RUN(test_economics_life_taxes);
    RUN(test_economics_life_matches_evaluator);
    RUN(test_economics_challenger);
    RUN(test_economics_prices_demand);
    RUN(test_economics_prices_power);
    RUN(test_economics_prices_budget);
}
