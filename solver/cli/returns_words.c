/*
 * returns_words.c -- the figures of a plan as an investment (be_returns,
 * be_break_even: docs/returns.md) in words, for `returns` (cmd_returns.c)
 * and the report's revenue section (cmd_report.c): one wording of each.
 */
#include "returns_words.h"

#include <math.h>
#include <string.h>

#include "output.h"

/* The model's discount rate a year, from d(1). */
double returns_discount_rate(const be_model *m)
{
    double dy = be_model_period_years(m);
    return pow(be_model_discount(m, 1), -1.0 / dy) - 1.0;
}

/* "12.5%": a rate with up to three significant decimals. */
char *returns_pct(double rate, char *buf, size_t size)
{
    snprintf(buf, size, "%.4g%%", 100.0 * rate);
    return buf;
}

/* Payback index i as a label: a period, the horizon's end (i == periods:
 * only the salvage brings the sum to 0), "" for -1. */
const char *returns_payback_label(const be_model *m, int i)
{
    return i >= 0 ? be_model_period_label(m, i) : "";
}

void returns_payback_words(FILE *fp, const be_model *m, int i)
{
    int T = be_model_periods(m);
    if (i < 0)
        fputs("not within the horizon (the cumulative cash flow ends below "
              "0)", fp);
    else if (i == T)
        fprintf(fp, "at the horizon's end (%s), counting the fleet's "
                "salvage value", be_model_period_label(m, T));
    else if (i == 0)
        fprintf(fp, "%s: the cumulative cash flow is never below 0",
                be_model_period_label(m, 0));
    else
        fprintf(fp, "%s: the cumulative cash flow stays at or above 0 from "
                "then on", be_model_period_label(m, i));
}

/* The sign every non-zero flow has: 1, -1, or 0 for none (all 0). */
static int flow_sign(const be_returns *r)
{
    for (int i = 0; i < r->n_flows; i++)
        if (r->flow[i] != 0.0)
            return r->flow[i] > 0.0 ? 1 : -1;
    return 0;
}

void returns_irr_words(FILE *fp, const be_returns *r)
{
    char a[40];
    switch (r->irr_kind) {
    case BE_IRR_UNIQUE:
        fprintf(fp, "%s a year", returns_pct(r->irr[0], a, sizeof a));
        return;
    case BE_IRR_SAME_SIGN:
        fprintf(fp, "none: every cash flow has one sign (%s)",
                flow_sign(r) > 0 ? "money only comes in: there is nothing "
                                   "to pay back"
                : flow_sign(r) < 0 ? "money only goes out: the plan never "
                                     "pays back"
                                   : "there are no cash flows");
        return;
    case BE_IRR_NONE:
        fputs("none: the cash flows change sign, but no rate from -99.9% "
              "to 100,000% a year makes their present value 0", fp);
        return;
    case BE_IRR_MULTIPLE:
        fputs("not unique: ", fp);
        for (int i = 0; i < r->n_irr; i++)
            fprintf(fp, "%s%s", i == 0 ? "" : i == r->n_irr - 1 ? " and "
                    : ", ", returns_pct(r->irr[i], a, sizeof a));
        fputs(" a year all make the present value 0, as the cash flows "
              "change sign more than once; judge the plan by its net "
              "present value", fp);
        return;
    }
}

const char *returns_irr_kind_name(be_irr_kind k)
{
    switch (k) {
    case BE_IRR_UNIQUE: return "unique";
    case BE_IRR_SAME_SIGN: return "same_sign";
    case BE_IRR_NONE: return "none";
    case BE_IRR_MULTIPLE: return "multiple";
    }
    return "none";
}

const char *returns_break_even_kind_name(const be_break_even *b)
{
    if (!b)
        return "no_revenue";
    switch (b->kind) {
    case BE_BREAK_EVEN_FOUND: return "found";
    case BE_BREAK_EVEN_BUILD: return "build";
    case BE_BREAK_EVEN_NEVER: return "never";
    case BE_BREAK_EVEN_NO_PRICE: return "no_price";
    case BE_BREAK_EVEN_NO_PLAN: return "no_plan";
    case BE_BREAK_EVEN_ALWAYS: return "always";
    }
    return "no_plan";
}

/* 1 when the model's price is the same in every period. */
static int price_is_constant(const be_model *m)
{
    for (int t = 1; t < be_model_periods(m); t++)
        if (be_model_price(m, t) != be_model_price(m, 0))
            return 0;
    return 1;
}

/* A model with workloads: "; a price of 1,335.60 for inference (the
 * model's: 900.00)", each workload with revenue in turn, a price that
 * changes as "X in 2026 to Y in 2029". */
static void workload_prices(FILE *fp, const be_model *m, double factor)
{
    int T = be_model_periods(m), n = 0, said = 0;
    for (int w = 0; w < be_model_workloads(m); w++)
        n += be_model_workload_has_revenue(m, w);
    for (int w = 0; w < be_model_workloads(m); w++) {
        if (!be_model_workload_has_revenue(m, w))
            continue;
        char p[2][64], q[2][64];
        double a = be_model_workload_price(m, w, 0);
        double z = be_model_workload_price(m, w, T - 1);
        int constant = 1;
        for (int t = 1; t < T; t++)
            constant &= be_model_workload_price(m, w, t) == a;
        fmt_money(factor * a, 2, p[0], sizeof p[0]);
        fmt_money(factor * z, 2, p[1], sizeof p[1]);
        fmt_money(a, 2, q[0], sizeof q[0]);
        fmt_money(z, 2, q[1], sizeof q[1]);
        fputs(said++ == 0 ? (n > 1 ? "; prices of " : "; a price of ")
              : said == n ? " and " : ", ", fp);
        if (constant)
            fprintf(fp, "%s for %s (the model's: %s)", p[0],
                    be_model_workload_name(m, w), q[0]);
        else
            fprintf(fp, "%s in %s to %s in %s for %s (the model's: %s to "
                    "%s)", p[0], be_model_period_label(m, 0), p[1],
                    be_model_period_label(m, T - 1),
                    be_model_workload_name(m, w), q[0], q[1]);
    }
}

/* "the price of compute can fall to 63% of the model's before the best
 * plan stops paying", and the price series it means. */
void returns_break_even_words(FILE *fp, const be_model *m,
                             const be_break_even *b)
{
    char f[40], p0[64], p1[64], q0[64], q1[64], lc[64];
    int T = be_model_periods(m);
    if (!b) {
        fputs("none: the model has no revenue, so there is no price of "
              "compute to break even on (add a revenue block: "
              "docs/returns.md)", fp);
        return;
    }
    switch (b->kind) {
    case BE_BREAK_EVEN_NEVER:
        fputs("none: no factor on the price up to a million times the "
              "model's makes the best plan pay; every plan loses money", fp);
        return;
    case BE_BREAK_EVEN_NO_PRICE:
        fputs("none: the price of compute is 0 in every period, so no "
              "factor on it changes anything", fp);
        return;
    case BE_BREAK_EVEN_NO_PLAN:
        fprintf(fp, "not found: a solve of the search found no plan (%s)",
                be_status_name(b->status));
        return;
    case BE_BREAK_EVEN_ALWAYS:
        fputs("none needed: the best plan pays at every price, even 0 (its "
              "net present cost is at most 0: the units in place are worth "
              "more at the end than they cost to run)", fp);
        return;
    case BE_BREAK_EVEN_FOUND:
    case BE_BREAK_EVEN_BUILD:
        break;
    }
    snprintf(f, sizeof f, "%.4g", b->factor);
    fmt_money(b->price[0], 2, p0, sizeof p0);
    fmt_money(b->price[T - 1], 2, p1, sizeof p1);
    fmt_money(be_model_price(m, 0), 2, q0, sizeof q0);
    fmt_money(be_model_price(m, T - 1), 2, q1, sizeof q1);
    fprintf(fp, "a factor of %s on the model's price", f);
    /* "63% of the model's", or "12.5 times the model's" from 2 on */
    char of[64];
    if (b->factor >= 2.0)
        snprintf(of, sizeof of, "%.4g times the model's", b->factor);
    else
        snprintf(of, sizeof of, "%.4g%% of the model's", 100.0 * b->factor);
    if (b->kind == BE_BREAK_EVEN_BUILD && b->factor < 1.0)
        fprintf(fp, ": there is no demand to serve, so below it the best "
                "plan builds nothing; the price of compute can fall to %s "
                "before the fleet is not worth building", of);
    else if (b->kind == BE_BREAK_EVEN_BUILD)
        fprintf(fp, ": there is no demand to serve, so below it the best "
                "plan builds nothing; the price of compute must rise to %s "
                "before a fleet is worth building", of);
    else if (fabs(b->factor - 1.0) <= 1e-9)
        fputs(": the best plan is worth exactly 0 at the model's price", fp);
    else if (b->factor < 1.0)
        fprintf(fp, ": the price of compute can fall to %s before the best "
                "plan stops paying", of);
    else
        fprintf(fp, ": the price of compute must rise to %s before the best "
                "plan pays", of);
    if (be_model_has_workloads(m))
        workload_prices(fp, m, b->factor);
    else if (T == 1 || price_is_constant(m))
        fprintf(fp, "; a price of %s (the model's: %s)", p0, q0);
    else
        fprintf(fp, "; a price of %s in %s to %s in %s (the model's: %s to "
                "%s)", p0, be_model_period_label(m, 0), p1,
                be_model_period_label(m, T - 1), q0, q1);
    /* without a market the plan is the same at every price: the factor
     * is then the levelized cost over a constant price (of the one
     * workload) */
    if (!be_model_has_market(m) && price_is_constant(m) &&
        be_model_workloads(m) == 1 &&
        isfinite(b->levelized_cost) &&
        fabs(b->price[0] - b->levelized_cost) <=
            1e-6 * fmax(1.0, b->levelized_cost))
        fprintf(fp, ", which is the levelized cost of compute, %s: without "
                "a market the plan serves the demand whatever the price",
                fmt_money(b->levelized_cost, 2, lc, sizeof lc));
    fmt_money(b->npv_below, 2, p0, sizeof p0);
    fmt_money(b->npv_above, 2, p1, sizeof p1);
    if (b->kind == BE_BREAK_EVEN_FOUND)
        fprintf(fp, "; the best plan is worth %s just below it and %s just "
                "above", p0, p1);
    fprintf(fp, "; %s, %d solve%s", b->proven ? "proven" : "not proven (a "
            "solve stopped at the time limit)", b->solves,
            b->solves == 1 ? "" : "s");
}

