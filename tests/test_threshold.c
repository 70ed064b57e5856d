/*
 * test_threshold.c -- be_threshold_search on tiny models whose
 * breakpoints are worked out by hand.
 */
#include <math.h>
#include <string.h>

#include "check.h"
#include "breakeven.h"

void suite_threshold(void);

/* One yearly period, demand 1.  'lean' costs 100 and draws nothing; 'hot'
 * costs 50 and draws 1 kW, i.e. 8760 kWh in the year: hot is cheaper
 * while 50 + 8760 p < 100, i.e. below p* = 50/8760 = 0.00570776...
 * Over energy.price 0 .. 0.02 with tolerance 1e-7: one breakpoint within
 * 1e-7 of p*, the plan 'buy hot' below (cost 50 at p = 0) and 'buy lean'
 * above (100 at p = 0.02).  Whole units, but energy.price enters only the
 * objective: each fixed plan's cost is a line, so the change is found
 * exactly, at the crossing p* (a solve there, one just past it). */
static void test_threshold_energy_price(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 1}\n"
        "demand: 1\n"
        "energy: {price: 0.01}\n"
        "devices:\n"
        "  - {name: lean, throughput: 1, lifetime: 1, price: 100}\n"
        "  - {name: hot, throughput: 1, power_kw: 1, lifetime: 1,"
        " price: 50}\n";
    be_threshold_options o;
    be_threshold_options_init(&o);
    o.param = "energy.price";
    o.lo = 0;
    o.hi = 0.02;
    o.tol = 1e-7;
    be_error err = {0};
    be_threshold *r = be_threshold_search(y, sizeof y - 1, "tiny", &o, &err);
    REQUIRE(r);
    double pstar = 50.0 / 8760.0;
    int changes = 0, at = -1;
    for (int i = 0; i + 1 < r->n; i++)
        if (r->samples[i].outcome != r->samples[i + 1].outcome) {
            changes++;
            at = i;
        }
    CHECK(changes == 1);
    REQUIRE(at >= 0);
    double below = r->samples[at].value, above = r->samples[at + 1].value;
    CHECK(above - below <= 1e-7);
    CHECK(below <= pstar + 1e-12 && above >= pstar - 1e-12);
    const be_threshold_sample *first = &r->samples[0],
                              *last = &r->samples[r->n - 1];
    CHECK_CLOSE(first->value, 0, 1e-15);
    CHECK_CLOSE(first->cost, 50, 1e-9);
    CHECK(first->plan && first->plan->buy[1] == 1 && first->plan->buy[0] == 0);
    CHECK_CLOSE(last->value, 0.02, 1e-15);
    CHECK_CLOSE(last->cost, 100, 1e-9);
    CHECK(last->plan && last->plan->buy[0] == 1);
    /* both sides of the break cost the same at p* (continuity) */
    CHECK_CLOSE(r->samples[at].cost, 50 + 8760 * below, 1e-9);
    CHECK_CLOSE(r->samples[at + 1].cost, 100, 1e-9);
    /* 17 grid values, then 2 solves at the crossing and just past it */
    CHECK(r->solves == 17 + 2);
    CHECK(r->time_limited == 0);
    CHECK(r->exact_mode == 1 && r->exact == 1 && r->bisected == 0);
    CHECK(r->samples[at].next_break == BE_BREAK_EXACT);
    CHECK(r->samples[at].crossing || r->samples[at + 1].crossing);
    be_threshold_free(r);
}

/* When does replacing move earlier?  An 'old' unit in place (age 0,
 * lifetime 3, 1 kW: e = 8760 p of energy a year, nothing else); 'new'
 * draws nothing and costs 200 in 2025, then 100; no resale, no end value,
 * demand 1 over 3 years.  Keep: 3e.  Replace in 2025: 200.  In 2026:
 * e + 100.  In 2027: 2e + 100, never best.  So: keep while e < 50;
 * replace in 2026 for 50 < e < 100; in 2025 for e > 100.  In price:
 * p1 = 50/8760 = 0.0057078, p2 = 100/8760 = 0.0114155. */
static void test_threshold_first_replacement(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 3}\n"
        "end_of_horizon: none\n"
        "demand: 1\n"
        "energy: {price: 0.01}\n"
        "devices:\n"
        "  - {name: old, throughput: 1, power_kw: 1, lifetime: 3}\n"
        "  - {name: new, throughput: 1, lifetime: 3, price: [200, 100, 100]}\n"
        "fleet:\n"
        "  - {device: old, count: 1, age: 0}\n";
    be_threshold_options o;
    be_threshold_options_init(&o);
    o.param = "energy.price";
    o.lo = 0;
    o.hi = 0.02;
    o.tol = 1e-6;
    o.grid = 5;
    be_error err = {0};
    be_threshold *r = be_threshold_search(y, sizeof y - 1, "tiny", &o, &err);
    REQUIRE(r);
    double p[2] = {50.0 / 8760, 100.0 / 8760};
    int fr[3] = {-1, 1, 0}, k = 0;
    CHECK(r->samples[0].first_replacement == -1);
    for (int i = 0; i + 1 < r->n; i++) {
        if (r->samples[i].outcome == r->samples[i + 1].outcome)
            continue;
        REQUIRE(k < 2);
        CHECK(r->samples[i + 1].value - r->samples[i].value <= 1e-6);
        CHECK(r->samples[i].value <= p[k] + 1e-12);
        CHECK(r->samples[i + 1].value >= p[k] - 1e-12);
        CHECK(r->samples[i].first_replacement == fr[k]);
        CHECK(r->samples[i + 1].first_replacement == fr[k + 1]);
        k++;
    }
    CHECK(k == 2);
    CHECK_CLOSE(r->samples[r->n - 1].cost, 200, 1e-9);
    be_threshold_free(r);
}

/* Values at which the model is rejected are an outcome of their own:
 * a negative energy price is invalid, so over -0.01 .. 0.01 the first
 * change is at 0 (rejected below, a plan from 0 on). */
static void test_threshold_rejected_values(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 1}\n"
        "demand: 1\n"
        "devices:\n"
        "  - {name: lean, throughput: 1, lifetime: 1, price: 100}\n";
    be_threshold_options o;
    be_threshold_options_init(&o);
    o.param = "energy.price";
    o.lo = -0.01;
    o.hi = 0.01;
    o.tol = 1e-5;
    be_error err = {0};
    be_threshold *r = be_threshold_search(y, sizeof y - 1, "tiny", &o, &err);
    REQUIRE(r);
    CHECK(!r->samples[0].loaded && r->samples[0].message[0]);
    CHECK(r->samples[r->n - 1].loaded && r->samples[r->n - 1].plan);
    int changes = 0;
    for (int i = 0; i + 1 < r->n; i++)
        if (r->samples[i].outcome != r->samples[i + 1].outcome) {
            changes++;
            CHECK(r->samples[i].value < 0 && r->samples[i + 1].value >= 0);
        }
    CHECK(changes == 1);
    be_threshold_free(r);
    /* rejected everywhere: an error, with the loader's message */
    o.lo = -0.02;
    o.hi = -0.01;
    CHECK(be_threshold_search(y, sizeof y - 1, "tiny", &o, &err) == NULL);
    CHECK(err.code == BE_EMODEL && strstr(err.message, "energy.price"));
    /* bad options */
    o.lo = 1;
    o.hi = 0;
    CHECK(be_threshold_search(y, sizeof y - 1, "tiny", &o, &err) == NULL &&
          err.code == BE_EARG);
}

/* Exact breakpoints.  The models of the two tests above as LPs
 * (integer: false): energy.price enters only the objective, linearly, so
 * each breakpoint is where two plans' cost lines cross.  One period:
 * lean 100, hot 50 + 8760 p cross at p* = 50/8760, found by one solve at
 * the crossing and one just past it (17 + 2 solves).  Three years: keep
 * 3e, replace in 2026 e + 100, in 2025 200 (e = 8760 p): crossings at
 * 50/8760 and 100/8760; with grid 3 both lie in one grid interval, and
 * the first crossing tried (keep against replace-2025, at e = 100) meets
 * the better middle plan and splits the interval. */
static void test_threshold_exact_lp(void)
{
    static const char one[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 1}\n"
        "integer: false\n"
        "demand: 1\n"
        "energy: {price: 0.01}\n"
        "devices:\n"
        "  - {name: lean, throughput: 1, lifetime: 1, price: 100}\n"
        "  - {name: hot, throughput: 1, power_kw: 1, lifetime: 1,"
        " price: 50}\n";
    be_threshold_options o;
    be_threshold_options_init(&o);
    o.param = "energy.price";
    o.lo = 0;
    o.hi = 0.02;
    o.tol = 1e-7;
    be_error err = {0};
    be_threshold *r = be_threshold_search(one, sizeof one - 1, "one", &o, &err);
    REQUIRE(r);
    CHECK(r->exact_mode == 1 && r->exact == 1);
    double x = NAN;
    for (int i = 0; i + 1 < r->n; i++)
        if (r->samples[i].outcome != r->samples[i + 1].outcome) {
            double a = r->samples[i].value, b = r->samples[i + 1].value;
            CHECK(b - a <= 1e-10);
            x = fabs(a - 50.0 / 8760) < fabs(b - 50.0 / 8760) ? a : b;
        }
    CHECK_CLOSE(x, 50.0 / 8760, 1e-15);
    CHECK(r->solves == 17 + 2);
    be_threshold_free(r);

    static const char three[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 3}\n"
        "integer: false\n"
        "end_of_horizon: none\n"
        "demand: 1\n"
        "energy: {price: 0.01}\n"
        "devices:\n"
        "  - {name: old, throughput: 1, power_kw: 1, lifetime: 3}\n"
        "  - {name: new, throughput: 1, lifetime: 3, price: [200, 100, 100]}\n"
        "fleet:\n"
        "  - {device: old, count: 1, age: 0}\n";
    for (int grid = 3; grid <= 17; grid += 14) {
        o.grid = grid;
        o.tol = 1e-6;
        r = be_threshold_search(three, sizeof three - 1, "three", &o, &err);
        REQUIRE(r);
        CHECK(r->exact_mode == 1 && r->exact == 2);
        double want[2] = {50.0 / 8760, 100.0 / 8760};
        int k = 0;
        for (int i = 0; i + 1 < r->n; i++)
            if (r->samples[i].outcome != r->samples[i + 1].outcome) {
                double a = r->samples[i].value, b = r->samples[i + 1].value;
                REQUIRE(k < 2);
                double near = fabs(a - want[k]) < fabs(b - want[k]) ? a : b;
                CHECK_CLOSE(near, want[k], 1e-15);
                k++;
            }
        CHECK(k == 2);
        be_threshold_free(r);
    }
}

/* Exact breakpoints of a whole-unit model, where rounding matters.  One
 * yearly period, demand 2.  'lean': throughput 1, price 100, no power;
 * 'hot': throughput 3, price 150, 1 kW (8760 kWh a year at price p).
 * Whole units: two lean cost 200, one hot 150 + 8760 p (any other mix
 * costs more), so the plan changes at p = 50/8760 = 0.00570776...  As an
 * LP (--relax) 2/3 of a hot unit costs 100 + 5840 p against 200: the
 * change is at p = 100/5840 = 0.01712328...  Over 0 .. 0.03 each search
 * finds its own value exactly, in 17 grid solves and 2 more. */
static void test_threshold_exact_mip(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 1}\n"
        "demand: 2\n"
        "energy: {price: 0.01}\n"
        "devices:\n"
        "  - {name: lean, throughput: 1, lifetime: 1, price: 100}\n"
        "  - {name: hot, throughput: 3, power_kw: 1, lifetime: 1,"
        " price: 150}\n";
    for (int relax = 0; relax <= 1; relax++) {
        be_threshold_options o;
        be_threshold_options_init(&o);
        o.param = "energy.price";
        o.lo = 0;
        o.hi = 0.03;
        o.tol = 1e-7;
        o.solve.relax = relax;
        be_error err = {0};
        be_threshold *r = be_threshold_search(y, sizeof y - 1, "mip", &o,
                                              &err);
        REQUIRE(r);
        double want = relax ? 100.0 / 5840 : 50.0 / 8760;
        CHECK(r->exact_mode == 1 && r->exact == 1);
        CHECK(r->bisected == 0 && r->open == 0 && !r->capped);
        CHECK(r->solves == 17 + 2);
        int changes = 0;
        for (int i = 0; i + 1 < r->n; i++) {
            const be_threshold_sample *a = &r->samples[i], *b = a + 1;
            if (a->outcome == b->outcome) {
                CHECK(a->next_break == BE_BREAK_NONE);
                continue;
            }
            changes++;
            CHECK(a->next_break == BE_BREAK_EXACT);
            CHECK(a->crossing || b->crossing);
            double x = a->crossing ? a->value : b->value;
            CHECK_CLOSE(x, want, 1e-15);
            CHECK(b->value - a->value <= 1.000001e-10);   /* tol / 1000 */
            /* hot below the change, lean above */
            REQUIRE(a->plan && b->plan);
            CHECK(a->plan->buy[1] > 0.5 && b->plan->buy[1] < 1e-9);
            CHECK_CLOSE(b->plan->buy[0], 2, 1e-9);
            if (!relax)
                CHECK(a->plan->buy[1] == 1 && a->plan->buy[0] == 0);
        }
        CHECK(changes == 1);
        be_threshold_free(r);
    }
}

/* The cap on solves.  One period, integer: false, 'lean' (throughput 1,
 * price 100): the plan buys exactly the demand, so over demand 1 .. 2
 * every value has a plan of its own and bisection would split all 16
 * grid intervals down to the tolerance (1/16 / 1e-6: some 2^16 pieces
 * each, a million solves).
 * With max_solves 40: 17 grid solves, then breadth first one round of 16
 * middles (widths 1/32) and 7 of the next round (widths 1/64): 40 solves,
 * every change left open, none wider than 1/32. */
static void test_threshold_cap(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2025, periods: 1}\n"
        "integer: false\n"
        "demand: 1\n"
        "devices:\n"
        "  - {name: lean, throughput: 1, lifetime: 1, price: 100}\n";
    be_threshold_options o;
    be_threshold_options_init(&o);
    o.param = "demand";
    o.lo = 1;
    o.hi = 2;
    o.tol = 1e-6;
    o.max_solves = 40;
    be_error err = {0};
    be_threshold *r = be_threshold_search(y, sizeof y - 1, "cap", &o, &err);
    REQUIRE(r);
    CHECK(r->exact_mode == 0);   /* demand is a right-hand side */
    CHECK(r->capped == 1 && r->max_solves == 40 && r->solves == 40);
    CHECK(r->n == 40);
    CHECK(r->open == 39 && r->bisected == 0 && r->exact == 0);
    double widest = 0, narrowest = 1;
    for (int i = 0; i + 1 < r->n; i++) {
        double w = r->samples[i + 1].value - r->samples[i].value;
        widest = fmax(widest, w);
        narrowest = fmin(narrowest, w);
        CHECK(r->samples[i].next_break == BE_BREAK_OPEN);
    }
    CHECK_CLOSE(widest, 1.0 / 32, 1e-12);
    CHECK_CLOSE(narrowest, 1.0 / 64, 1e-12);
    be_threshold_free(r);
    /* 0 means the default, 1000 */
    o.max_solves = 0;
    o.tol = 0.01;
    r = be_threshold_search(y, sizeof y - 1, "cap", &o, &err);
    REQUIRE(r);
    CHECK(r->max_solves == 1000);
    /* each grid interval (1/16) halved three times, to 1/128 <= 0.01:
     * 1 + 2 + 4 = 7 solves each, far below the cap */
    CHECK(!r->capped && r->open == 0 && r->solves == 17 + 16 * 7);
    be_threshold_free(r);
    /* a negative cap is refused */
    o.max_solves = -1;
    CHECK(be_threshold_search(y, sizeof y - 1, "cap", &o, &err) == NULL &&
          err.code == BE_EARG);
}

void suite_threshold(void)
{
    RUN(test_threshold_exact_mip);
    RUN(test_threshold_cap);
    RUN(test_threshold_exact_lp);
    RUN(test_threshold_energy_price);
    RUN(test_threshold_first_replacement);
    RUN(test_threshold_rejected_values);
}
