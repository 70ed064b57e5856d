/*
 * test_returns.c -- a plan as an investment (docs/returns.md): the
 * internal rate of return on textbook flows, the cash-flow statement of
 * small models priced by hand, the break-even price of compute on models
 * whose answer is a ratio of two sums, and a property over random revenue
 * models (BE_RETURNS_MODELS of them, default 24; seed BE_RETURNS_SEED).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "random_text.h"
#include "breakeven.h"
#include "model/model.h"

void suite_returns(void);

/* Model text y with the overrides set[0 .. n-1] (--set PATH=VALUE). */
static be_model *load(const char *y, size_t len, const char *const *set,
                      int n)
{
    be_error err = {0};
    be_load_options o;
    be_load_options_init(&o);
    o.overrides = set;
    o.n_overrides = n;
    be_model *m = be_model_load_string(y, len, "returns", &o, &err);
    if (!m)
        fprintf(stderr, "  returns:%d:%d: %s\n", err.line, err.column,
                err.message);
    return m;
}

/* f(r) = sum flow[i] (1+r)^-time[i], and the scale its zero is held to. */
static double npv_at(int n, const double *flow, const double *time, double r)
{
    double f = 0.0;
    for (int i = 0; i < n; i++)
        f += flow[i] * pow(1.0 + r, -time[i]);
    return f;
}

static double abs_sum(int n, const double *flow)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += fabs(flow[i]);
    return s;
}

/* -100 now and 60 at the end of each of two years: with v = 1/(1+r),
 * 60 v^2 + 60 v - 100 = 0, v = (sqrt(60^2 + 4 60 100) - 60) / 120 =
 * 0.884433..., r = 13.066%.  -100, 230, -132: 132 v^2 - 230 v + 100 = 0,
 * v = (230 -+ 10) / 264 = 10/11 or 5/6, so r = 10% and 20% (two sign
 * changes, two rates).  100, -50, 100: 100 v^2 - 50 v + 100 > 0 for
 * every v, so the flows change sign but no rate makes the NPV 0.
 * -100, 100: r = 0. */
static void test_returns_irr_textbook(void)
{
    static const double t3[3] = {0, 1, 2};
    double rates[BE_MAX_IRR];
    int n = -1;
    static const double a[3] = {-100, 60, 60};
    CHECK(be_irr(3, a, t3, rates, &n) == BE_IRR_UNIQUE);
    REQUIRE(n == 1);
    double v = (sqrt(60.0 * 60.0 + 4.0 * 60.0 * 100.0) - 60.0) / 120.0;
    CHECK_CLOSE(rates[0], 1.0 / v - 1.0, 1e-13);
    CHECK(fabs(rates[0] - 0.13066) < 1e-5);
    CHECK(fabs(npv_at(3, a, t3, rates[0])) <= 1e-9 * abs_sum(3, a));

    static const double b[3] = {-100, 230, -132};
    CHECK(be_irr(3, b, t3, rates, &n) == BE_IRR_MULTIPLE);
    REQUIRE(n == 2);
    CHECK_CLOSE(rates[0], 0.1, 1e-13);
    CHECK_CLOSE(rates[1], 0.2, 1e-13);
    for (int i = 0; i < 2; i++)
        CHECK(fabs(npv_at(3, b, t3, rates[i])) <= 1e-9 * abs_sum(3, b));

    static const double c[3] = {100, 50, 100};
    CHECK(be_irr(3, c, t3, rates, &n) == BE_IRR_SAME_SIGN && n == 0);
    static const double z[3] = {0, 0, 0};
    CHECK(be_irr(3, z, t3, rates, &n) == BE_IRR_SAME_SIGN && n == 0);
    static const double neg[3] = {-1, 0, -5};
    CHECK(be_irr(3, neg, t3, rates, &n) == BE_IRR_SAME_SIGN && n == 0);
    static const double none[3] = {100, -50, 100};
    CHECK(be_irr(3, none, t3, rates, &n) == BE_IRR_NONE && n == 0);

    static const double t2[2] = {0, 1};
    static const double even[2] = {-100, 100};
    CHECK(be_irr(2, even, t2, rates, &n) == BE_IRR_UNIQUE && n == 1);
    CHECK(fabs(rates[0]) < 1e-15);
    /* a rate beyond 10^5 %: -1 now, 10^4 in a year (r = 9999) */
    static const double huge[2] = {-1, 1e4};
    CHECK(be_irr(2, huge, t2, rates, &n) == BE_IRR_NONE && n == 0);

    /* quarterly times, zero flows inside: the NPV at the rate is 0 */
    static const double tq[6] = {0, 0.25, 0.5, 0.75, 1.0, 1.25};
    static const double q[6] = {-1000, 0, 300, 300, 0, 600};
    CHECK(be_irr(6, q, tq, rates, &n) == BE_IRR_UNIQUE && n == 1);
    CHECK(fabs(npv_at(6, q, tq, rates[0])) <= 1e-9 * abs_sum(6, q));
    CHECK(rates[0] > 0.1);
    CHECK(be_irr(0, q, tq, rates, &n) == BE_IRR_SAME_SIGN && n == 0);
}

/* One server bought in 2025 and held to the end of 2026, the only plan
 * (buy[0] = 1): price 1000, O&M 100 a year, resale 600 at 1 year and 400
 * at 2, work sold at 900 a unit-year, demand 1, r = 25% (d = 1, 0.8,
 * 0.64).  As paid:
 *   2025  revenue 900, capex 1000, O&M 100      net -200
 *   2026  revenue 900, O&M 100                  net  800
 *   2027  salvage 400 (at the horizon's end)    net  400
 * NPV = -200 + 800 0.8 + 400 0.64 = 696.  The 2026 row carries the
 * salvage: net 1200, discounted 640 + 256 = 896.  Without finance the
 * book value is straight-line over the 3-year lifetime: 666.67 at the end
 * of 2025 (market 600), 333.33 at the end of 2026 (market 400).  IRR:
 * -200 + 800 v + 400 v^2 = 0, v = sqrt(1.5) - 1, r = 1/v - 1 = 344.9%.
 * Payback: cumulative -200, 600, 1000 (discounted -200, 440, 696): 1.
 * Net present cost 1000 + 100 + 80 - 256 = 924, work 1 + 0.8 = 1.8,
 * levelized cost 924 / 1.8 = 513.33.
 *
 * With finance {tax_rate: 0.2, depreciation_years: 4}: B(1) = 750,
 * B(2) = 500.  Taxes each year: 0.2 (900 - 100 - 250) = 110, so the flows
 * are -310 and 690; the salvage 400 is below the book value 500, a tax
 * saving of 20: flow at the end 420, and the 2026 row's taxes 110 - 20 =
 * 90.  NPV = -310 + 552 + 268.8 = 510.8; net present cost 1000 + 80 +
 * 64 - 50 - 40 - 268.8 = 785.2; levelized 785.2 / (0.8 1.8) = 545.277..;
 * book values 750 and 500 (market 600 and 400). */
static const char server[] =
    "breakeven: 1\n"
    "horizon: {start: 2025, periods: 2}\n"
    "discount_rate: 0.25\n"
    "end_of_horizon: salvage\n"
    "demand: 1\n"
    "revenue: {price: 900}\n"
    "devices:\n"
    "  - {name: server, throughput: 1, lifetime: 3, price: 1000, om: 100,"
    " resale: [600, 400, 200]}\n";

static be_returns *server_returns(const be_model *m, be_eval **e)
{
    be_error err = {0};
    be_plan *p = be_plan_new(m);
    if (!p)
        return NULL;
    p->buy[0] = 1;
    *e = be_evaluate(m, p, &err);
    be_returns *r = be_returns_compute(m, p, &err);
    if (!r)
        fprintf(stderr, "  returns: %s\n", err.message);
    be_plan_free(p);
    return r;
}

static void test_returns_by_hand(void)
{
    be_model *m = load(server, sizeof server - 1, NULL, 0);
    REQUIRE(m);
    be_eval *e = NULL;
    be_returns *r = server_returns(m, &e);
    REQUIRE(r && e);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    CHECK(r->n == 2 && r->n_flows == 3);
    CHECK_CLOSE(r->flow[0], -200, 1e-12);
    CHECK_CLOSE(r->flow[1], 800, 1e-12);
    CHECK_CLOSE(r->flow[2], 400, 1e-12);
    CHECK(r->flow_time[0] == 0 && r->flow_time[1] == 1 &&
          r->flow_time[2] == 2);
    CHECK_CLOSE(r->net_present_value, 696, 1e-12);
    CHECK_CLOSE(r->net_present_value, -e->cost.total, 1e-12);
    const be_returns_row *a = &r->rows[0], *b = &r->rows[1];
    CHECK_STR(a->label, "2025");
    CHECK_STR(b->label, "2026");
    CHECK(a->first == 0 && a->last == 0 && b->first == 1 && b->last == 1);
    CHECK_CLOSE(a->revenue, 900, 1e-12);
    CHECK_CLOSE(a->capex, 1000, 1e-12);
    CHECK_CLOSE(a->om, 100, 1e-12);
    CHECK(a->energy == 0 && a->rent == 0 && a->resale == 0 &&
          a->salvage == 0 && a->taxes == 0);
    CHECK_CLOSE(a->net, -200, 1e-12);
    CHECK_CLOSE(a->discounted, -200, 1e-12);
    CHECK_CLOSE(a->book_value, 2000.0 / 3.0, 1e-12);
    CHECK_CLOSE(a->market_value, 600, 1e-12);
    CHECK_CLOSE(a->write_down, 200.0 / 3.0, 1e-12);
    CHECK_CLOSE(a->capex_over_revenue, 1000.0 / 900.0, 1e-12);
    CHECK_CLOSE(b->salvage, 400, 1e-12);
    CHECK_CLOSE(b->net, 1200, 1e-12);
    CHECK_CLOSE(b->discounted, 896, 1e-12);
    CHECK_CLOSE(b->cumulative, 1000, 1e-12);
    CHECK_CLOSE(b->cumulative_discounted, 696, 1e-12);
    CHECK_CLOSE(b->cumulative_discounted, e->net_present_value, 1e-9);
    CHECK_CLOSE(b->book_value, 1000.0 / 3.0, 1e-12);
    CHECK_CLOSE(b->market_value, 400, 1e-12);
    CHECK(b->capex_over_revenue == 0);
    CHECK_CLOSE(r->revenue, 1800, 1e-12);
    CHECK_CLOSE(r->capex, 1000, 1e-12);
    CHECK_CLOSE(r->capex_over_revenue, 1000.0 / 1800.0, 1e-12);
    CHECK(r->irr_kind == BE_IRR_UNIQUE && r->n_irr == 1);
    CHECK_CLOSE(r->irr[0], 1.0 / (sqrt(1.5) - 1.0) - 1.0, 1e-12);
    CHECK(r->payback == 1 && r->payback_discounted == 1);
    CHECK_CLOSE(r->levelized_cost, 924.0 / 1.8, 1e-12);
    CHECK_CLOSE(e->net_present_cost, 924, 1e-12);
    be_returns_free(r);
    be_eval_free(e);
    be_model_free(m);

    /* with taxes: the salvage's tax saving sits in the last row */
    static const char *const taxed[2] = {"finance.tax_rate=0.2",
                                         "finance.depreciation_years=4"};
    m = load(server, sizeof server - 1, taxed, 2);
    REQUIRE(m);
    r = server_returns(m, &e);
    REQUIRE(r && e);
    CHECK_CLOSE(r->flow[0], -310, 1e-12);
    CHECK_CLOSE(r->flow[1], 690, 1e-12);
    CHECK_CLOSE(r->flow[2], 420, 1e-12);
    CHECK_CLOSE(r->rows[0].taxes, 110, 1e-12);
    CHECK_CLOSE(r->rows[1].taxes, 90, 1e-12);
    CHECK_CLOSE(r->rows[1].salvage, 400, 1e-12);
    CHECK_CLOSE(r->rows[1].net, 1110, 1e-12);
    CHECK_CLOSE(r->net_present_value, 510.8, 1e-12);
    CHECK_CLOSE(r->rows[1].cumulative_discounted, -e->cost.total, 1e-9);
    CHECK_CLOSE(r->rows[0].book_value, 750, 1e-12);
    CHECK_CLOSE(r->rows[0].write_down, 150, 1e-12);
    CHECK_CLOSE(r->rows[1].book_value, 500, 1e-12);
    CHECK_CLOSE(r->rows[1].write_down, 100, 1e-12);
    CHECK_CLOSE(e->net_present_cost, 785.2, 1e-12);
    CHECK_CLOSE(r->levelized_cost, 785.2 / (0.8 * 1.8), 1e-12);
    CHECK(r->payback == 1 && r->payback_discounted == 1);
    be_returns_free(r);
    be_eval_free(e);
    be_model_free(m);
}

/* Quarters group into years: 6 quarters are the rows 2025 (Q1..Q4) and
 * 2026 (Q1, Q2).  The server, bought in 2025-Q1 at 1000 with O&M 100 a
 * year (25 a quarter), sells 1 unit for a quarter at 600 a year (150);
 * r = 0, so the flows add up to the NPV: -875, then 125 in five
 * quarters, and the salvage at 1.5 years, halfway between 600 and 400:
 * 500.  NPV -875 + 625 + 500 = 250; the cumulative flow (-875 .. -250)
 * reaches 0 only with the salvage (index 6).  Without salvage
 * (end_of_horizon: none) the NPV is -250 and it never does. */
static void test_returns_quarters(void)
{
    static const char *const quarters[5] = {
        "horizon.periods=6", "horizon.period=quarter", "discount_rate=0",
        "revenue.price=600", "end_of_horizon=none"};
    be_model *m = load(server, sizeof server - 1, quarters, 4);
    REQUIRE(m);
    be_eval *e = NULL;
    be_returns *r = server_returns(m, &e);
    REQUIRE(r && e);
    CHECK(r->n == 2 && r->n_flows == 7);
    CHECK(r->rows[0].first == 0 && r->rows[0].last == 3);
    CHECK(r->rows[1].first == 4 && r->rows[1].last == 5);
    CHECK_STR(r->rows[1].label, "2026");
    CHECK_CLOSE(r->rows[0].revenue, 600, 1e-12);
    CHECK_CLOSE(r->rows[1].revenue, 300, 1e-12);
    CHECK_CLOSE(r->flow[0], -875, 1e-12);
    CHECK_CLOSE(r->flow[5], 125, 1e-12);
    CHECK_CLOSE(r->rows[1].salvage, 500, 1e-12);
    CHECK_CLOSE(r->flow_time[6], 1.5, 1e-15);
    CHECK_CLOSE(r->net_present_value, 250, 1e-12);
    CHECK_CLOSE(r->rows[1].cumulative, 250, 1e-12);
    /* end of 2025: 4 quarters old, book 1000 (1 - 1/3), market 600 */
    CHECK_CLOSE(r->rows[0].book_value, 2000.0 / 3.0, 1e-12);
    CHECK_CLOSE(r->rows[0].market_value, 600, 1e-12);
    CHECK(r->payback == 6 && r->payback_discounted == 6);
    be_returns_free(r);
    be_eval_free(e);
    be_model_free(m);

    m = load(server, sizeof server - 1, quarters, 5);
    REQUIRE(m);
    r = server_returns(m, &e);
    REQUIRE(r && e);
    CHECK(r->n_flows == 6);
    CHECK(r->rows[1].salvage == 0);
    CHECK_CLOSE(r->net_present_value, -e->cost.total, 1e-12);
    CHECK_CLOSE(r->net_present_value, -250, 1e-12);
    CHECK(r->payback == -1 && r->irr_kind == BE_IRR_UNIQUE);
    be_returns_free(r);
    be_eval_free(e);
    be_model_free(m);
}

/* Arguments: a plan of another shape, a model with scenarios. */
static void test_returns_arguments(void)
{
    be_error err = {0};
    be_model *m = load(server, sizeof server - 1, NULL, 0);
    REQUIRE(m);
    be_plan *p = be_plan_new(m);
    REQUIRE(p);
    p->periods = 3;
    CHECK(be_returns_compute(m, p, &err) == NULL && err.code == BE_EARG);
    p->periods = 2;
    CHECK(be_returns_compute(m, NULL, &err) == NULL && err.code == BE_EARG);
    CHECK(be_returns_compute(NULL, p, &err) == NULL && err.code == BE_EARG);
    be_plan_free(p);
    be_model_free(m);
    be_returns_free(NULL);
    be_break_even_free(NULL);

    static const char sc[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 2}\n"
        "demand: 1\n"
        "revenue: {price: 900}\n"
        "devices:\n"
        "  - {name: server, throughput: 1, lifetime: 3, price: 1000}\n"
        "scenarios:\n"
        "  - {name: low, probability: 0.5, set: {demand: 1}}\n"
        "  - {name: high, probability: 0.5, set: {demand: 2}}\n";
    m = load(sc, sizeof sc - 1, NULL, 0);
    REQUIRE(m);
    p = be_plan_new(m);
    REQUIRE(p);
    memset(&err, 0, sizeof err);
    CHECK(be_returns_compute(m, p, &err) == NULL && err.code == BE_EARG);
    CHECK(strstr(err.message, "scenarios") != NULL);
    memset(&err, 0, sizeof err);
    CHECK(be_break_even_price(m, NULL, &err) == NULL &&
          err.code == BE_EARG);
    be_plan_free(p);
    be_model_free(m);

    static const char plain[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 2}\n"
        "demand: 1\n"
        "devices:\n"
        "  - {name: server, throughput: 1, lifetime: 3, price: 1000}\n";
    m = load(plain, sizeof plain - 1, NULL, 0);
    REQUIRE(m);
    memset(&err, 0, sizeof err);
    CHECK(be_break_even_price(m, NULL, &err) == NULL &&
          err.code == BE_EARG);
    CHECK(strstr(err.message, "no revenue") != NULL);
    be_model_free(m);
}

/* The server model's best plan is fixed by the demand (buy one in 2025,
 * keep it: net present cost 924, against 1116 for replacing it after a
 * year), so R = 900 (1 + 0.8) = 1620 at factor 1 and the break-even
 * factor is C / R = 924 / 1620 = 0.57037..: factor x price = 513.33, the
 * levelized cost.  With demand 0 and a market of 1 the plan that sells
 * both years is the cheapest per unit of work sold (924 / 1.8 against
 * (1100 - 480) / 1 and (880 - 384) / 0.8 for one year), so the kink below
 * which building nothing is best is the same factor.  A price of 10^-6
 * would need a factor of 5 10^8: never; a price of 0: no price. */
static void test_returns_break_even(void)
{
    be_error err = {0};
    be_model *m = load(server, sizeof server - 1, NULL, 0);
    REQUIRE(m);
    be_break_even *b = be_break_even_price(m, NULL, &err);
    REQUIRE(b);
    CHECK(b->kind == BE_BREAK_EVEN_FOUND);
    CHECK(b->status == BE_OPTIMAL && b->proven);
    CHECK_CLOSE(b->factor, 924.0 / 1620.0, 1e-9);
    CHECK(b->periods == 2);
    CHECK_CLOSE(b->price[0], 900 * 924.0 / 1620.0, 1e-9);
    CHECK_CLOSE(b->price[1], b->price[0], 1e-15);
    CHECK_CLOSE(b->levelized_cost, 924.0 / 1.8, 1e-9);
    CHECK(b->npv_below < 0 && b->npv_above > 0);
    CHECK(b->solves >= 3 && b->solves <= 60);
    be_break_even_free(b);
    be_model_free(m);

    static const char *const build[2] = {"demand=0", "revenue.market=1"};
    m = load(server, sizeof server - 1, build, 2);
    REQUIRE(m);
    b = be_break_even_price(m, NULL, &err);
    REQUIRE(b);
    CHECK(b->kind == BE_BREAK_EVEN_BUILD);
    CHECK_CLOSE(b->factor, 924.0 / 1620.0, 1e-9);
    CHECK(fabs(b->npv_below) <= 1e-9 && b->npv_above > 1e-9);
    CHECK_CLOSE(b->levelized_cost, 924.0 / 1.8, 1e-9);
    be_break_even_free(b);
    be_model_free(m);

    static const char *const tiny[1] = {"revenue.price=1e-6"};
    m = load(server, sizeof server - 1, tiny, 1);
    REQUIRE(m);
    b = be_break_even_price(m, NULL, &err);
    REQUIRE(b);
    CHECK(b->kind == BE_BREAK_EVEN_NEVER);
    CHECK(isnan(b->factor) && isnan(b->price[0]));
    CHECK(b->solves <= 60);
    be_break_even_free(b);
    be_model_free(m);

    static const char *const zero[1] = {"revenue.price=0"};
    m = load(server, sizeof server - 1, zero, 1);
    REQUIRE(m);
    b = be_break_even_price(m, NULL, &err);
    REQUIRE(b);
    CHECK(b->kind == BE_BREAK_EVEN_NO_PRICE && b->solves == 0);
    be_break_even_free(b);
    be_model_free(m);

    /* no plan: the power cap holds no server */
    static const char *const cap[2] = {"site.power_cap_kw=1",
                                       "devices.server.power_kw=2"};
    m = load(server, sizeof server - 1, cap, 2);
    REQUIRE(m);
    b = be_break_even_price(m, NULL, &err);
    REQUIRE(b);
    CHECK(b->kind == BE_BREAK_EVEN_NO_PLAN && b->status == BE_INFEASIBLE);
    CHECK(isnan(b->factor));
    be_break_even_free(b);
    be_model_free(m);
}

/* ---- random revenue models ---- */

/* A number in [lo, hi). */
static double between(double lo, double hi)
{
    return lo + (hi - lo) * uniform();
}

/* A series of T values: one number, or a list. */
static void series(text *y, const char *key, const double *v, int T, int one)
{
    if (one) {
        add(y, "%s: %.6g", key, v[0]);
        return;
    }
    add(y, "%s: [", key);
    for (int t = 0; t < T; t++)
        add(y, "%s%.6g", t ? ", " : "", v[t]);
    add(y, "]");
}

/* A random revenue model: yearly or quarterly, with or without finance,
 * with or without a market; *constant_price says the price is one
 * number. */
static void random_model(text *y, int *market, int *constant_price)
{
    int ppy = pick(0, 1) ? 1 : 4;
    int T = ppy == 1 ? pick(2, 5) : pick(4, 10);
    y->n = 0;
    y->full = 0;
    add(y, "breakeven: 1\nname: random revenue\n");
    add(y, "horizon: {start: 2026, periods: %d%s}\n", T,
        ppy == 4 ? ", period: quarter" : "");
    add(y, "discount_rate: %.3f\n", between(0.0, 0.2));
    add(y, "integer: %s\n", pick(0, 3) == 0 ? "true" : "false");
    if (pick(0, 3) == 0)
        add(y, "end_of_horizon: none\n");
    double demand[16], extra[16], price[16];
    int flat_demand = pick(0, 1);
    for (int t = 0; t < T; t++) {
        demand[t] = flat_demand && t ? demand[0] : (double)pick(1, 4);
        extra[t] = demand[t] + (double)pick(0, 3);
    }
    series(y, "demand", demand, T, flat_demand);
    add(y, "\n");
    *constant_price = pick(0, 2) != 0;
    price[0] = between(200, 1500);
    for (int t = 1; t < T; t++)
        price[t] = *constant_price ? price[0] : between(200, 1500);
    *market = pick(0, 1);
    add(y, "revenue: {");
    series(y, "price", price, T, *constant_price);
    if (*market) {
        add(y, ", ");
        series(y, "market", extra, T, 0);
    }
    add(y, "}\n");
    if (pick(0, 1))
        add(y, "energy: {price: %.3f}\n", between(0.05, 0.2));
    if (pick(0, 1)) {
        double tau = between(0.1, 0.35);
        add(y, "finance: {tax_rate: %.2f, depreciation_years: %d}\n", tau,
            pick(2, 5));
    }
    /* one value per call: the order of a call's arguments is unspecified */
    double a[5];
    static const double lo[5] = {800, 50, 500, 300, 100};
    static const double hi[5] = {1200, 200, 600, 400, 200};
    for (int i = 0; i < 5; i++)
        a[i] = between(lo[i], hi[i]);
    add(y, "devices:\n");
    add(y, "  - {name: a, throughput: 1, power_kw: 0.5, lifetime: 3, "
        "price: %.0f, om: %.0f, resale: [%.0f, %.0f, %.0f]}\n",
        a[0], a[1], a[2], a[3], a[4]);
    if (pick(0, 1)) {
        double price_b = between(1500, 2500);
        add(y, "  - {name: b, throughput: 2, power_kw: 0.8, lifetime: 2, "
            "price: {start: %.0f, growth: -0.1}, om: %.0f, "
            "resale: {fraction: 0.8, half_life: 1}}\n",
            price_b, between(100, 300));
    }
}

/* The best plan's NPV with m's price series times lambda (white-box: the
 * model's copy, as break_even.c scales it). */
static int npv_at_factor(const be_model *m, double lambda, double *npv,
                         double *cost)
{
    be_model *v = be__model_copy(m);
    if (!v)
        return 0;
    for (int t = 0; t < m->T; t++)
        v->revenue_price[t] *= lambda;
    be_error err = {0};
    int ok = be__model_finish(v, &err) == BE_OK;
    be_solution *sol = ok ? be_solve(v, NULL, &err) : NULL;
    ok = sol && sol->eval;
    if (ok) {
        *npv = sol->eval->net_present_value;
        *cost = sol->eval->net_present_cost;
    }
    be_solution_free(sol);
    be_model_free(v);
    return ok;
}

/* What the random models came to, for the closing line. */
typedef struct tally {
    int plans, irr[4], found, solves;
} tally;

static void one_model(int i, tally *n)
{
    text y;
    int market, constant_price;
    random_model(&y, &market, &constant_price);
    REQUIRE(!y.full);
    be_model *m = load(y.buf, y.n, NULL, 0);
    if (!m)
        fprintf(stderr, "returns: model %d:\n%s\n", i, y.buf);
    REQUIRE(m);
    int before = check_failures;
    be_error err = {0};
    be_solution *sol = be_solve(m, NULL, &err);
    REQUIRE(sol);
    if (sol->plan) {
        be_returns *r = be_returns_compute(m, sol->plan, &err);
        CHECK(r);
        n->plans++;
        if (r) {
            n->irr[r->irr_kind]++;
            double scale = abs_sum(r->n_flows, r->flow);
            CHECK_CLOSE(r->rows[r->n - 1].cumulative_discounted,
                        -sol->eval->cost.total, 1e-9);
            CHECK_CLOSE(r->net_present_value, sol->eval->net_present_value,
                        1e-9);
            double net = 0.0;
            for (int k = 0; k < r->n_flows; k++)
                net += r->flow[k];
            CHECK_CLOSE(r->rows[r->n - 1].cumulative, net, 1e-9);
            if (r->irr_kind == BE_IRR_UNIQUE)
                CHECK(fabs(npv_at(r->n_flows, r->flow, r->flow_time,
                                  r->irr[0])) <= 1e-9 * fmax(1.0, scale));
            for (int k = 0; k < r->n_irr; k++)
                CHECK(fabs(npv_at(r->n_flows, r->flow, r->flow_time,
                                  r->irr[k])) <= 1e-9 * fmax(1.0, scale));
            be_returns_free(r);
        }
    }
    be_break_even *b = be_break_even_price(m, NULL, &err);
    CHECK(b);
    if (b && sol->plan) {
        CHECK(b->kind == BE_BREAK_EVEN_FOUND);
        n->solves += b->solves;
        if (b->kind == BE_BREAK_EVEN_FOUND) {
            n->found++;
            double npv = NAN, cost = NAN;
            CHECK(npv_at_factor(m, b->factor, &npv, &cost));
            CHECK(fabs(npv) <= 1e-6 * fmax(1.0, fabs(cost)));
            CHECK(b->npv_below < 0 && b->npv_above > 0);
            CHECK_CLOSE(b->price[0], b->factor * m->revenue_price[0],
                        1e-15);
            if (!market && constant_price)
                CHECK_CLOSE(b->price[0], b->levelized_cost, 1e-6);
        }
    }
    if (check_failures != before)
        fprintf(stderr, "returns: model %d failed:\n%s\n", i, y.buf);
    be_break_even_free(b);
    be_solution_free(sol);
    be_model_free(m);
}

static void test_returns_random_models(void)
{
    const char *env = getenv("BE_RETURNS_MODELS");
    const char *seed = getenv("BE_RETURNS_SEED");
    int models = env ? (int)strtol(env, NULL, 10) : 24;
    rng = seed ? strtoull(seed, NULL, 10) : 20260719u;
    if (rng == 0)
        rng = 1;
    tally n;
    memset(&n, 0, sizeof n);
    for (int i = 0; i < models; i++)
        one_model(i, &n);
    fprintf(stderr, "returns: %d models: %d plans; IRR unique %d, same sign "
            "%d, none %d, multiple %d; break-even found %d (%d solves)\n",
            models, n.plans, n.irr[BE_IRR_UNIQUE], n.irr[BE_IRR_SAME_SIGN],
            n.irr[BE_IRR_NONE], n.irr[BE_IRR_MULTIPLE], n.found, n.solves);
    /* coverage: the models have plans, and most a rate of return */
    CHECK(n.plans == models);
    CHECK(n.irr[BE_IRR_UNIQUE] >= models / 2);
}

void suite_returns(void)
{
    RUN(test_returns_irr_textbook);
    RUN(test_returns_by_hand);
    RUN(test_returns_quarters);
    RUN(test_returns_arguments);
    RUN(test_returns_break_even);
    RUN(test_returns_random_models);
}
