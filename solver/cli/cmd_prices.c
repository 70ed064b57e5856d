/*
 * cmd_prices.c -- `breakeven prices`: shadow prices per period, i.e. what
 * one more unit of demand costs and what one more kW of site power or one
 * more unit of budget saves (docs/breakeven-answers.md).
 */
#include <math.h>
#include <string.h>

#include "cli.h"
#include "output.h"

typedef struct prices_run {
    const be_model *m;
    const be_solution *sol;
} prices_run;

/* With workloads (docs/workloads.md) demand_price is [T*W]: workload w's
 * price in t at t*W + w.  The text and CSV then have a column (a row) per
 * workload and the JSON a "workloads" list per period; a model without
 * workloads prints what it always did. */

/* The period where a[] is largest (first of equals); -1 if all are 0. */
static int largest(const double *a, int T, int *binding)
{
    int best = -1;
    *binding = 0;
    for (int t = 0; t < T; t++) {
        if (a[t] > 1e-9)
            (*binding)++;
        if (a[t] > 1e-9 && (best < 0 || a[t] > a[best]))
            best = t;
    }
    return best;
}

static const char *source(const be_solution *sol)
{
    return sol->duals_fixed ? "the LP with the whole-unit decisions fixed at "
                              "the optimum (a MIP has no duals of its own)"
                            : "the LP optimum";
}

/* The table of a model with workloads: per workload its demand and the
 * price of one more unit of it, then the cap and the budget. */
static void write_text_workloads(FILE *fp, const be_model *m,
                                 const be_solution *sol)
{
    int T = be_model_periods(m), W = be_model_workloads(m);
    char b1[64], b2[64];
    fprintf(fp, "%-8s", "period");
    for (int w = 0; w < W; w++)
        fprintf(fp, " %12.12s %16s", be_model_workload_name(m, w), "price");
    fprintf(fp, " %10s %14s %16s %14s\n", "cap kW", "per kW", "budget",
            "per unit");
    for (int t = 0; t < T; t++) {
        double cap = be_model_power_cap(m, t), bud = be_model_budget(m, t);
        fprintf(fp, "%-8s", be_model_period_label(m, t));
        for (int w = 0; w < W; w++)
            fprintf(fp, " %12.6g %16s", be_model_workload_demand(m, w, t),
                    fmt_money(sol->demand_price[t * W + w], 2, b1,
                              sizeof b1));
        fprintf(fp, " %10s", isfinite(cap) ? fmt_money(cap, 0, b1, sizeof b1)
                                           : "-");
        fprintf(fp, " %14s", isfinite(cap) ? fmt_money(sol->power_price[t], 2,
                                                       b2, sizeof b2) : "-");
        fprintf(fp, " %16s", isfinite(bud) ? fmt_money(bud, 0, b1, sizeof b1)
                                           : "-");
        fprintf(fp, " %14s\n", isfinite(bud) ? fmt_money(sol->budget_price[t],
                                                          4, b2, sizeof b2)
                                              : "-");
    }
}

static void write_text(FILE *fp, const void *ctx)
{
    const prices_run *r = ctx;
    const be_model *m = r->m;
    const be_solution *sol = r->sol;
    int T = be_model_periods(m), W = be_model_workloads(m);
    char b1[64], b2[64], b3[64], b4[64];
    int nd, np, nb;
    int td = largest(sol->demand_price, T * W, &nd);
    int tp = largest(sol->power_price, T, &np);
    int tb = largest(sol->budget_price, T, &nb);
    if (td >= 0 && W > 1)
        fprintf(fp, "One more unit of demand costs most for %s in %s: %s of "
                "net present cost", be_model_workload_name(m, td % W),
                be_model_period_label(m, td / W),
                fmt_money(sol->demand_price[td], 2, b1, sizeof b1));
    else if (td >= 0)
        fprintf(fp, "One more unit of demand costs most in %s: %s of net "
                "present cost", be_model_period_label(m, td),
                fmt_money(sol->demand_price[td], 2, b1, sizeof b1));
    else
        fprintf(fp, "One more unit of demand costs nothing in any period "
                "(spare capacity everywhere)");
    if (tp >= 0)
        fprintf(fp, "; the power cap binds in %d period%s, one more kW is "
                "worth up to %s (%s)", np, np > 1 ? "s" : "",
                fmt_money(sol->power_price[tp], 2, b1, sizeof b1),
                be_model_period_label(m, tp));
    else if (isfinite(be_model_power_cap(m, 0)))
        fprintf(fp, "; the power cap never binds");
    if (tb >= 0)
        fprintf(fp, "; the budget binds in %d period%s, one more unit of "
                "budget is worth up to %s (%s)", nb, nb > 1 ? "s" : "",
                fmt_money(sol->budget_price[tb], 4, b1, sizeof b1),
                be_model_period_label(m, tb));
    else if (isfinite(be_model_budget(m, 0)))
        fprintf(fp, "; the budget never binds");
    fputs(".\n\n", fp);
    if (sol->duals_fixed && td < 0)
        fprintf(fp, "Whole units leave spare capacity, so demand has no "
                "marginal cost in the LP with\nthe units fixed; --relax "
                "gives the prices of the LP relaxation instead.\n");
    fprintf(fp, "Shadow prices from %s.\nEach is the change in the net "
            "present cost (discounted to the start of %s)\nper unit of one "
            "period's limit%s.  They hold for small changes only.\n\n",
            source(sol), be_model_period_label(m, 0),
            W > 1 ? " (for demand, one workload's)"
                  : "; \"at period value\" undoes that period's\n"
                    "discount factor");
    if (W > 1) {
        write_text_workloads(fp, m, sol);
        return;
    }
    fprintf(fp, "%-8s %12s %16s %16s %10s %14s %16s %14s\n", "period",
            "demand", "demand price", "at period value", "cap kW",
            "per kW", "budget", "per unit");
    for (int t = 0; t < T; t++) {
        double cap = be_model_power_cap(m, t), bud = be_model_budget(m, t);
        fprintf(fp, "%-8s %12.6g %16s %16s %10s %14s %16s %14s\n",
                be_model_period_label(m, t), be_model_demand(m, t),
                fmt_money(sol->demand_price[t], 2, b1, sizeof b1),
                fmt_money(sol->demand_price[t] / be_model_discount(m, t), 2,
                          b2, sizeof b2),
                isfinite(cap) ? fmt_money(cap, 0, b3, sizeof b3) : "-",
                isfinite(cap) ? fmt_money(sol->power_price[t], 2, b4,
                                          sizeof b4) : "-",
                isfinite(bud) ? fmt_money(bud, 0, b3, sizeof b3) : "-",
                isfinite(bud) ? fmt_money(sol->budget_price[t], 4, b4,
                                          sizeof b4) : "-");
    }
}

static void write_json(FILE *fp, const void *ctx)
{
    const prices_run *r = ctx;
    const be_model *m = r->m;
    const be_solution *sol = r->sol;
    char b[6][40];
    fputs("{\"status\": ", fp);
    json_str(fp, be_status_name(sol->status));
    fprintf(fp, ", \"objective\": %s, \"from_fixed_lp\": %s, \"periods\": [",
            fmt_num(sol->objective, b[0], sizeof b[0]),
            sol->duals_fixed ? "true" : "false");
    int W = be_model_workloads(m);
    for (int t = 0; t < be_model_periods(m); t++) {
        fprintf(fp, "%s\n  {\"label\": ", t ? "," : "");
        json_str(fp, be_model_period_label(m, t));
        fprintf(fp, ", \"discount\": %s, \"demand\": %s, ",
                fmt_num(be_model_discount(m, t), b[0], sizeof b[0]),
                fmt_num(be_model_demand(m, t), b[1], sizeof b[1]));
        if (W == 1) {
            fprintf(fp, "\"demand_price\": %s, ",
                    fmt_num(sol->demand_price[t], b[2], sizeof b[2]));
        } else {
            fputs("\"workloads\": [", fp);
            for (int w = 0; w < W; w++) {
                fprintf(fp, "%s{\"name\": ", w ? ", " : "");
                json_str(fp, be_model_workload_name(m, w));
                fprintf(fp, ", \"demand\": %s, \"demand_price\": %s}",
                        fmt_num(be_model_workload_demand(m, w, t), b[1],
                                sizeof b[1]),
                        fmt_num(sol->demand_price[t * W + w], b[2],
                                sizeof b[2]));
            }
            fputs("], ", fp);
        }
        fprintf(fp, "\"power_cap_kw\": %s, \"power_price\": %s, "
                "\"budget\": %s, \"budget_price\": ",
                fmt_num(be_model_power_cap(m, t), b[3], sizeof b[3]),
                fmt_num(sol->power_price[t], b[4], sizeof b[4]),
                fmt_num(be_model_budget(m, t), b[5], sizeof b[5]));
        fprintf(fp, "%s}", fmt_num(sol->budget_price[t], b[0], sizeof b[0]));
    }
    fputs("\n]}\n", fp);
}

static void write_csv(FILE *fp, const void *ctx)
{
    const prices_run *r = ctx;
    const be_model *m = r->m;
    const be_solution *sol = r->sol;
    char b[7][40];
    int W = be_model_workloads(m), named = be_model_has_workloads(m);
    /* with workloads, a row per period and workload, its name second */
    fprintf(fp, "period,%sdiscount,demand,demand_price,power_cap_kw,"
            "power_price,budget,budget_price,from_fixed_lp\n",
            named ? "workload," : "");
    for (int i = 0; i < be_model_periods(m) * W; i++) {
        int t = i / W, w = i % W;
        double cap = be_model_power_cap(m, t), bud = be_model_budget(m, t);
        fprintf(fp, "%s,", be_model_period_label(m, t));
        if (named)
            fprintf(fp, "%s,", be_model_workload_name(m, w));
        fprintf(fp, "%s,%s,%s,%s,%s,%s,%s,%d\n",
                fmt_num(be_model_discount(m, t), b[0], sizeof b[0]),
                fmt_num(named ? be_model_workload_demand(m, w, t)
                              : be_model_demand(m, t), b[1], sizeof b[1]),
                fmt_num(sol->demand_price[i], b[2], sizeof b[2]),
                isfinite(cap) ? fmt_num(cap, b[3], sizeof b[3]) : "",
                fmt_num(sol->power_price[t], b[4], sizeof b[4]),
                isfinite(bud) ? fmt_num(bud, b[5], sizeof b[5]) : "",
                fmt_num(sol->budget_price[t], b[6], sizeof b[6]),
                sol->duals_fixed);
    }
}

static const cli_format formats[] = {
    CLI_TEXT_JSON_CSV(write_text, write_json, write_csv)};

static int run(cli_ctx *x)
{
    if (!x->sol->demand_price) {
        fprintf(stderr, "breakeven: %s: no shadow prices from the solve\n",
                x->path);
        return EXIT_SOLVER;
    }
    prices_run r = {x->m, x->sol};
    return cli_emit(x, &r);
}

const cli_command cli_prices = {
    .name = "prices",
    .summary = "shadow prices: the cost of one more unit of demand, power or "
               "budget",
    .flags = CMD_SOLVE | CMD_PLAN | CMD_DUALS | CMD_LOAD | CMD_FILE,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SOLVER,
    .formats = formats, .run = run,
};
