/*
 * report.c -- turns a solution into text for people, JSON for programs and
 * CSV for spreadsheets.  Every figure comes from the solution's evaluation
 * (be_eval), i.e. from pricing the schedule against the model, and the
 * solver's own objective is printed beside it.
 */
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "output.h"

/* ---- the plan in words ---- */

/* The period the answer leads with: the first replacement, else the first
 * change of any kind; -1 if the plan changes nothing.  *changes counts the
 * periods with any change. */
static int headline_period(const be_model *m, const be_eval *e, int *changes)
{
    char buf[8];
    int first = -1;
    *changes = 0;
    for (int t = 0; t < e->periods; t++)
        if (be_describe_period(m, e, t, buf, sizeof buf) > 0) {
            (*changes)++;
            if (first < 0)
                first = t;
        }
    return e->first_replacement >= 0 ? e->first_replacement : first;
}

/* The whole percent of period t's market that plan e serves, rounded
 * down below 100 (99.6% is not all of it).  With workloads, the market is
 * that of the workloads with revenue (their demand where they have no
 * market), added up. */
static int market_pct(const be_model *m, const be_eval *e, int t)
{
    double mk = 0.0, served = 0.0;
    if (!be_model_has_workloads(m)) {
        mk = be_model_market(m, t);
        served = e->served[t];
    }
    for (int w = 0; be_model_has_workloads(m) && w < e->workloads; w++)
        if (be_model_workload_has_revenue(m, w)) {
            mk += be_model_workload_market(m, w, t);
            served += e->served[t * e->workloads + w];
        }
    double share = mk > 0.0 ? served / mk : 1.0;
    return share >= 1.0 - 1e-9 ? 100 : (int)floor(100.0 * share);
}

/* "the market"; with workloads "the inference market" when one workload
 * has revenue, "the markets" when several have. */
static void market_name(const be_model *m, char *buf, size_t size)
{
    int n = 0, one = 0;
    for (int w = 0; be_model_has_workloads(m) && w < be_model_workloads(m);
         w++)
        if (be_model_workload_has_revenue(m, w)) {
            n++;
            one = w;
        }
    if (n == 1)
        snprintf(buf, size, "the %s market", be_model_workload_name(m, one));
    else
        snprintf(buf, size, "%s", n > 1 ? "the markets" : "the market");
}

/* How much of the market plan e serves, in words: "serves all of the
 * market", "serves 100% of the market through 2027, then 98% in 2028 and
 * 65% in 2029", or "between 40% and 100%" when it changes more often. */
static void market_words(const be_model *m, const be_eval *e, char *buf,
                         size_t size)
{
    int T = e->periods, runs = 0, lo = 100, hi = 0;
    char mk[200], of[220];
    market_name(m, mk, sizeof mk);
    snprintf(of, sizeof of, " of %s", mk);
    for (int t = 0; t < T; t++) {
        int p = market_pct(m, e, t);
        runs += t == 0 || p != market_pct(m, e, t - 1);
        lo = p < lo ? p : lo;
        hi = p > hi ? p : hi;
    }
    if (runs == 1 && lo == 100) {
        snprintf(buf, size, "serves all%s", of);
        return;
    }
    if (runs == 1) {
        snprintf(buf, size, "serves %d%%%s", lo, of);
        return;
    }
    if (runs > 3) {
        snprintf(buf, size, "serves between %d%% and %d%%%s", lo, hi, of);
        return;
    }
    size_t at = 0;
    for (int t = 0, r = 0; t < T && at < size; r++) {
        int p = market_pct(m, e, t), u = t;
        while (u + 1 < T && market_pct(m, e, u + 1) == p)
            u++;
        const char *lead = r == 0 ? "serves " : r == 1 ? ", then "
                                                      : " and ";
        const char *ofs = r == 0 ? of : "";
        if (u > t && r == 0)
            at += (size_t)snprintf(buf + at, size - at, "%s%d%%%s through %s",
                                   lead, p, ofs, be_model_period_label(m, u));
        else if (u > t)
            at += (size_t)snprintf(buf + at, size - at, "%s%d%% from %s to %s",
                                   lead, p, be_model_period_label(m, t),
                                   be_model_period_label(m, u));
        else
            at += (size_t)snprintf(buf + at, size - at, "%s%d%%%s in %s", lead,
                                   p, ofs, be_model_period_label(m, t));
        t = u + 1;
    }
}

void report_value_line(FILE *fp, const be_model *m, const be_eval *e)
{
    char npv[64], rev[64], cost[64], words[400];
    fmt_money(e->net_present_value, 0, npv, sizeof npv);
    fmt_money(e->cost.revenue, 0, rev, sizeof rev);
    fmt_money(e->cost.revenue - e->net_present_value, 0, cost, sizeof cost);
    if (be_model_has_market(m))
        market_words(m, e, words, sizeof words);
    else
        snprintf(words, sizeof words, "serves the demand (no market "
                 "beyond it)");
    fprintf(fp, "Net present value %s: revenue %s, cost %s; %s.\n", npv, rev,
            cost, words);
}

void report_answer(FILE *fp, const be_model *m, const be_solution *sol)
{
    char money[64];
    if (!sol->plan && !sol->scenario_eval) {
        if (sol->status == BE_NO_PLAN)
            fprintf(fp, "No plan: the time limit was reached before any "
                    "plan was found.\n");
        else
            fprintf(fp, "No plan: the model is %s%s%s.\n",
                    be_status_name(sol->status), sol->reason[0] ? ": " : "",
                    sol->reason);
        return;
    }
    int changes;
    int t = headline_period(m, sol->eval, &changes);
    int value = be_model_has_revenue(m);
    const char *what = value ? "net present value" : "net present cost";
    if (value && sol->plan)
        report_value_line(fp, m, sol->eval);
    fmt_money(value ? sol->eval->net_present_value : sol->eval->cost.total, 0,
              money, sizeof money);
    if (t < 0) {
        fprintf(fp, "Keep the fleet as it is through %s: nothing to buy or "
                "retire; %s %s.\n",
                be_model_period_label(m, be_model_periods(m) - 1), what,
                money);
        return;
    }
    char words[8192];
    be_describe_period(m, sol->eval, t, words, sizeof words);
    fprintf(fp, "In %s: %s", be_model_period_label(m, t), words);
    if (changes > 1)
        fprintf(fp, "; %d other change%s in the plan below", changes - 1,
                changes > 2 ? "s" : "");
    fprintf(fp, "; %s %s.\n", what, money);
}

/* ---- text ---- */

static void cost_line(FILE *fp, const char *what, double v)
{
    char b[64];
    fprintf(fp, "  %-18s %20s\n", what, fmt_money(v, 2, b, sizeof b));
}

void report_cost_lines(FILE *fp, const be_costs *c)
{
    cost_line(fp, "purchases", c->purchases);
    cost_line(fp, "energy", c->energy);
    cost_line(fp, "O&M", c->om);
    if (c->rent != 0.0)
        cost_line(fp, "rent", c->rent);
    if (c->taxes != 0.0)
        cost_line(fp, "taxes", c->taxes);
    cost_line(fp, "resale", -c->resale);
    cost_line(fp, "salvage at end", -c->salvage);
}

/* A cash flow, money in with +, money out with - (a revenue model). */
static void flow_line(FILE *fp, const char *what, double v)
{
    char b[64];
    fmt_money(v, 2, b, sizeof b);
    fprintf(fp, "  %-18s %20s%s\n", what, b, v > 0.0 ? " +" : "");
}

void report_value(FILE *fp, const be_solution *sol)
{
    const be_eval *e = sol->eval;
    const be_costs *c = &e->cost;
    char b1[64], b2[64];
    fprintf(fp, "Net present value  %20s   (revenue less cost; solver "
            "objective %s)\n", fmt_money(e->net_present_value, 2, b1,
                                          sizeof b1),
            fmt_money(sol->objective, 2, b2, sizeof b2));
    if (sol->integer) {
        if (isfinite(sol->bound))
            fprintf(fp, "Upper bound        %20s   (proven: no whole-unit "
                    "plan is worth more)\n",
                    fmt_money(-sol->bound, 2, b1, sizeof b1));
        else
            fprintf(fp, "Upper bound        %20s   (the search stopped "
                    "before it proved one)\n", "none");
    }
    fprintf(fp, "  (present values; money in +, money out -)\n");
    flow_line(fp, "revenue", c->revenue);
    flow_line(fp, "purchases", -c->purchases);
    flow_line(fp, "energy", -c->energy);
    flow_line(fp, "O&M", -c->om);
    if (c->rent != 0.0)
        flow_line(fp, "rent", -c->rent);
    if (c->taxes != 0.0)
        flow_line(fp, "taxes", -c->taxes);
    flow_line(fp, "resale", c->resale);
    flow_line(fp, "salvage at end", c->salvage);
}

void report_levelized(FILE *fp, const be_eval *e)
{
    char b[64];
    if (!isfinite(e->levelized_cost))
        fprintf(fp, "Levelized cost     %20s   (the plan serves no work)\n",
                "none");
    else
        fprintf(fp, "Levelized cost     %20s   (per throughput-year: the "
                "price of compute at which\n%39s the plan breaks even)\n",
                fmt_money(e->levelized_cost, 2, b, sizeof b), "");
}

static void text_table(FILE *fp, const be_model *m, const be_solution *sol)
{
    const be_eval *e = sol->eval;
    int T = e->periods, K = e->devices;
    int has_cap = isfinite(be_model_power_cap(m, 0));
    int has_budget = isfinite(be_model_budget(m, 0));
    /* a model with workloads has its served and market by workload, in
     * workload_table */
    int has_market = be_model_has_market(m) && !be_model_has_workloads(m);
    char b1[48], b2[48], b3[48];

    fprintf(fp, "%-8s", "");
    for (int k = 0; k < K; k++)
        fprintf(fp, "  %-20.20s", be_model_device_name(m, k));
    fprintf(fp, "\n%-8s", "period");
    for (int k = 0; k < K; k++)
        fprintf(fp, "  %6s %6s %6s", "units",
                be_model_device_is_rented(m, k) ? "" : "+buy",
                be_model_device_is_rented(m, k) ? "" : "-ret");
    fprintf(fp, "  %12s %12s %10s", "capacity", "demand", "power kW");
    if (has_market)
        fprintf(fp, " %12s %12s", "served", "market");
    if (has_cap)
        fprintf(fp, " %10s", "cap kW");
    fprintf(fp, " %16s", "spend");
    if (has_budget)
        fprintf(fp, " %16s", "budget");
    fputc('\n', fp);
    for (int t = 0; t < T; t++) {
        fprintf(fp, "%-8s", be_model_period_label(m, t));
        for (int k = 0; k < K; k++) {
            if (be_model_device_is_rented(m, k)) {
                fprintf(fp, "  %6s %6s %6s",
                        fmt_units(e->in_service[t * K + k], b1, sizeof b1),
                        "", "");
                continue;
            }
            fprintf(fp, "  %6s %6s %6s",
                    fmt_units(e->in_service[t * K + k], b1, sizeof b1),
                    fmt_units(e->bought[t * K + k], b2, sizeof b2),
                    fmt_units(e->retired[t * K + k], b3, sizeof b3));
        }
        fprintf(fp, "  %12.6g %12.6g %10.6g", e->capacity[t],
                be_model_demand(m, t), e->power_kw[t]);
        if (has_market)
            fprintf(fp, " %12.6g %12.6g", e->served[t],
                    be_model_market(m, t));
        if (has_cap)
            fprintf(fp, " %10.6g", be_model_power_cap(m, t));
        fprintf(fp, " %16s", fmt_money(e->spend[t], 0, b1, sizeof b1));
        if (has_budget)
            fprintf(fp, " %16s",
                    fmt_money(be_model_budget(m, t), 0, b2, sizeof b2));
        fputc('\n', fp);
    }
}

/* ---- workloads ---- */

double report_total_served(const be_eval *e, int t)
{
    double v = 0.0;
    for (int w = 0; w < e->workloads; w++)
        v += e->served[t * e->workloads + w];
    return v;
}

double report_total_market(const be_model *m, int t)
{
    double v = 0.0;
    for (int w = 0; w < be_model_workloads(m); w++)
        v += be_model_workload_market(m, w, t);
    return v;
}

/* Units of device k serving workload w in t, by evaluation e. */
static double share_of(const be_eval *e, int t, int k, int w)
{
    return e->share[((size_t)t * e->devices + k) * e->workloads + w];
}

double report_idle(const be_eval *e, int t, int k)
{
    double v = e->in_service[t * e->devices + k];
    for (int w = 0; w < e->workloads; w++)
        v -= share_of(e, t, k, w);
    return v > BE_UNIT_TOL ? v : 0.0;
}

/* Append to buf (used so far *at, of size): cut short, still a string. */
static void append(char *buf, size_t size, size_t *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void append(char *buf, size_t size, size_t *at, const char *fmt, ...)
{
    if (*at >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *at, size - *at, fmt, ap);
    va_end(ap);
    *at = n < 0 ? *at : *at + (size_t)n < size ? *at + (size_t)n : size;
}

void report_split_words(const be_model *m, const be_eval *e, int t,
                        char *buf, size_t size)
{
    int K = e->devices, W = e->workloads;
    size_t at = 0;
    char u[48];
    if (size)
        buf[0] = '\0';
    /* w == W: the idle units, when there are any */
    for (int w = 0; w <= W; w++) {
        int said = 0, idle = w == W;
        for (int k = 0; k < K; k++) {
            double v = idle ? report_idle(e, t, k) : share_of(e, t, k, w);
            if (!(v > BE_UNIT_TOL))
                continue;
            if (!said)
                append(buf, size, &at, "%s%s: ", w ? "; " : "",
                       idle ? "idle" : be_model_workload_name(m, w));
            append(buf, size, &at, "%s%s %s", said ? ", " : "",
                   fmt_units(v, u, sizeof u), be_model_device_name(m, k));
            said = 1;
        }
        if (!said && !idle)
            append(buf, size, &at, "%s%s: none", w ? "; " : "",
                   be_model_workload_name(m, w));
    }
}

/* One row per period: each workload's demand, the capacity given to it
 * and what is served of it (its market where it has one); then which
 * devices serve it, one line a period. */
static void workload_table(FILE *fp, const be_model *m, const be_eval *e)
{
    int T = e->periods, W = e->workloads;
    fputs("\nWorkloads: demand, the capacity given to it, served (and the "
          "market where it has one)\n", fp);
    fprintf(fp, "%-8s", "");
    for (int w = 0; w < W; w++) {
        /* over its columns, cut to fit; the last one not padded */
        int cols = 3 + be_model_workload_has_revenue(m, w);
        fprintf(fp, "  %-*.*s", w + 1 < W ? 12 * cols - 1 : 0,
                12 * cols - 1, be_model_workload_name(m, w));
    }
    fprintf(fp, "\n%-8s", "period");
    for (int w = 0; w < W; w++) {
        fprintf(fp, "  %11s %11s %11s", "demand", "capacity", "served");
        if (be_model_workload_has_revenue(m, w))
            fprintf(fp, " %11s", "market");
    }
    fputc('\n', fp);
    for (int t = 0; t < T; t++) {
        fprintf(fp, "%-8s", be_model_period_label(m, t));
        for (int w = 0; w < W; w++) {
            fprintf(fp, "  %11.6g %11.6g %11.6g",
                    be_model_workload_demand(m, w, t),
                    e->workload_capacity[t * W + w], e->served[t * W + w]);
            if (be_model_workload_has_revenue(m, w))
                fprintf(fp, " %11.6g", be_model_workload_market(m, w, t));
        }
        fputc('\n', fp);
    }
    fputs("\nWho serves each workload (units of each device):\n", fp);
    report_split_lines(fp, m, e, 0, T - 1, 2);
}

void report_split_lines(FILE *fp, const be_model *m, const be_eval *e,
                        int from, int to, int indent)
{
    char words[8192];
    for (int t = from; t <= to; t++) {
        report_split_words(m, e, t, words, sizeof words);
        fprintf(fp, "%*s%-8s %s\n", indent, "", be_model_period_label(m, t),
                words);
    }
}

void report_head(FILE *fp, const be_model *m, const be_solution *sol)
{
    const char *name = be_model_name(m);
    fputc('\n', fp);
    if (name[0])
        fprintf(fp, "Model              %s\n", name);
    fprintf(fp, "Status             %s, %s", be_status_name(sol->status),
            sol->integer ? "whole units (MIP)" : "fractional units (LP)");
    if (sol->integer && (sol->plan || sol->scenario_eval)) {
        char pct[32];
        if (isfinite(sol->gap))
            fprintf(fp, ", gap %s", fmt_gap(sol->gap, pct, sizeof pct));
        else
            fprintf(fp, ", no lower bound proven yet");
    }
    fputc('\n', fp);
}

void report_bound(FILE *fp, const be_solution *sol, const char *proven)
{
    char b[64];
    if (!sol->integer)
        return;
    if (isfinite(sol->bound) && sol->bound_source == BE_BOUND_SCENARIOS)
        fprintf(fp, "Lower bound        %20s   (proven: %s; from the "
                "scenarios' own programs, each solved alone)\n",
                fmt_money(sol->bound, 2, b, sizeof b), proven);
    else if (isfinite(sol->bound))
        fprintf(fp, "Lower bound        %20s   (proven: %s)\n",
                fmt_money(sol->bound, 2, b, sizeof b), proven);
    else
        fprintf(fp, "Lower bound        %20s   (the search stopped "
                "before it proved one)\n", "none");
}

void report_text(FILE *fp, const be_model *m, const be_solution *sol)
{
    char b1[64], b2[64];
    report_answer(fp, m, sol);
    report_head(fp, m, sol);
    if (!sol->plan) {
        if (sol->reason[0])
            fprintf(fp, "Why                %s\n", sol->reason);
        return;
    }
    const be_eval *e = sol->eval;
    if (be_model_has_revenue(m)) {
        report_value(fp, sol);
    } else {
        fprintf(fp, "Net present cost   %20s   (solver objective %s)\n",
                fmt_money(e->cost.total, 2, b1, sizeof b1),
                fmt_money(sol->objective, 2, b2, sizeof b2));
        report_bound(fp, sol, "no whole-unit plan costs less");
        report_cost_lines(fp, &e->cost);
    }
    report_levelized(fp, e);
    report_warning(fp, m, e, NULL);
    fputc('\n', fp);
    text_table(fp, m, sol);
    if (be_model_has_workloads(m))
        workload_table(fp, m, e);
    fprintf(fp, "\nThe plan:\n");
    if (report_plan_lines(fp, m, e, 0, e->periods - 1, 2) == 0)
        fprintf(fp, "  (no purchases or retirements)\n");
}

void report_span(const be_model *m, int from, int to, char *buf,
                 size_t size)
{
    if (from == to)
        snprintf(buf, size, "%s", be_model_period_label(m, from));
    else
        snprintf(buf, size, "%s to %s", be_model_period_label(m, from),
                 be_model_period_label(m, to));
}

void report_warning(FILE *fp, const be_model *m, const be_eval *e,
                    const char *scenario)
{
    if (e->violation == BE_FEASIBLE_PLAN)
        return;
    fputs("Warning            ", fp);
    if (scenario)
        fprintf(fp, "in scenario %s ", scenario);
    const char *wl = be_model_has_workloads(m) && e->violation_workload >= 0
                   ? be_model_workload_name(m, e->violation_workload) : NULL;
    fprintf(fp, "the plan breaks the %s%s%s constraint in %s (by %g)\n",
            wl ? wl : "", wl ? " " : "", be_violation_name(e->violation),
            be_model_period_label(m, e->violation_period),
            e->violation_amount);
}

int report_plan_lines(FILE *fp, const be_model *m, const be_eval *e,
                      int from, int to, int indent)
{
    char words[8192], span[80];
    int width = 8, said = 0;
    /* the label column: 8 wide, or the widest period or run of periods
     * and a space */
    for (int pass = 0; pass < 2; pass++)
        for (int t = from; t <= to; t++) {
            int n = be_describe_period(m, e, t, words, sizeof words), u = t;
            while (!n && u < to &&
                   !be_describe_period(m, e, u + 1, words, sizeof words))
                u++;
            report_span(m, t, u, span, sizeof span);
            if (pass == 0 && (int)strlen(span) >= width)
                width = (int)strlen(span) + 1;
            if (pass == 1) {
                fprintf(fp, "%*s%-*s %s\n", indent, "", width, span,
                        n ? words : "keep everything in service");
                said += n > 0;
            }
            t = u;
        }
    return said;
}

/* ---- JSON ---- */

void report_jnum(FILE *fp, const char *key, double v, int comma)
{
    char b[40];
    fprintf(fp, "\"%s\": %s%s", key, fmt_num(v, b, sizeof b),
            comma ? ", " : "");
}

void report_json_costs(FILE *fp, const be_costs *c)
{
    fputc('{', fp);
    report_jnum(fp, "purchases", c->purchases, 1);
    report_jnum(fp, "energy", c->energy, 1);
    report_jnum(fp, "om", c->om, 1);
    report_jnum(fp, "rent", c->rent, 1);
    report_jnum(fp, "taxes", c->taxes, 1);
    report_jnum(fp, "resale", c->resale, 1);
    report_jnum(fp, "salvage", c->salvage, 1);
    report_jnum(fp, "revenue", c->revenue, 1);
    report_jnum(fp, "total", c->total, 0);
    fputc('}', fp);
}

void report_json_diagnosis(FILE *fp, const be_model *m,
                           const be_solution *sol, const be_diagnosis *d)
{
    report_json_head(fp, m, sol);
    if (d) {
        /* one line per constraint that must give way (be_diagnose) */
        int k = 0;
        fputs(", \"diagnosis\": [", fp);
        report_json_gives(fp, m, d, NULL, &k);
        fputs("]", fp);
    }
    if (!sol->plan) {
        fputs(", \"objective\": null, \"periods\": []}\n", fp);
        return;
    }
    const be_eval *e = sol->eval;
    int T = e->periods;
    fputs(", ", fp);
    report_json_bound(fp, sol);
    report_json_evaluation(fp, m, e);
    fputs(",\n ", fp);
    report_json_device_names(fp, m);
    if (be_model_has_workloads(m)) {
        fputs(",\n ", fp);
        report_json_workloads(fp, m, e);
    }
    fputs(",\n \"periods\": [", fp);
    for (int t = 0; t < T; t++) {
        fputs(t ? ",\n  {" : "\n  {", fp);
        report_json_period(fp, m, e, t);
        fputs(", ", fp);
        report_json_devices(fp, m, e, t);
        fputc('}', fp);
    }
    fputs("],\n ", fp);
    report_json_stats(fp, sol);
    fputs("}\n", fp);
}

void report_json_bound(FILE *fp, const be_solution *sol)
{
    report_jnum(fp, "objective", sol->objective, 1);
    report_jnum(fp, "bound", sol->bound, 1);
    report_jnum(fp, "gap", sol->gap, 1);
    fputs("\"bound_source\": ", fp);
    json_str(fp, be_bound_source_name(sol->bound_source));
    fputs(", ", fp);
}

void report_json_head(FILE *fp, const be_model *m, const be_solution *sol)
{
    fputs("{\"model\": ", fp);
    json_str(fp, be_model_name(m));
    fputs(", \"status\": ", fp);
    json_str(fp, be_status_name(sol->status));
    fprintf(fp, ", \"integer\": %s", sol->integer ? "true" : "false");
    if (sol->reason[0]) {
        fputs(", \"reason\": ", fp);
        json_str(fp, sol->reason);
    }
}

void report_json_device_names(FILE *fp, const be_model *m)
{
    fputs("\"devices\": [", fp);
    for (int k = 0; k < be_model_devices(m); k++) {
        fputs(k ? ", " : "", fp);
        json_str(fp, be_model_device_name(m, k));
    }
    fputc(']', fp);
}

void report_json_evaluation(FILE *fp, const be_model *m, const be_eval *e)
{
    report_jnum(fp, "evaluated_cost", e->cost.total, 1);
    if (be_model_has_revenue(m)) {
        report_jnum(fp, "net_present_value", e->net_present_value, 1);
        report_jnum(fp, "revenue", e->cost.revenue, 1);
        report_jnum(fp, "net_present_cost", e->net_present_cost, 1);
    }
    report_jnum(fp, "work", e->work, 1);
    report_jnum(fp, "levelized_cost", e->levelized_cost, 0);
    fputs(", \"costs\": ", fp);
    report_json_costs(fp, &e->cost);
    fputs(", \"feasible\": ", fp);
    fputs(e->violation == BE_FEASIBLE_PLAN ? "true" : "false", fp);
    if (e->violation != BE_FEASIBLE_PLAN) {
        fputs(", \"violation\": {\"constraint\": ", fp);
        json_str(fp, be_violation_name(e->violation));
        fputs(", \"period\": ", fp);
        json_str(fp, be_model_period_label(m, e->violation_period));
        if (be_model_has_workloads(m)) {
            fputs(", \"workload\": ", fp);
            if (e->violation_workload >= 0)
                json_str(fp, be_model_workload_name(m, e->violation_workload));
            else
                fputs("null", fp);
        }
        fputs(", ", fp);
        report_jnum(fp, "amount", e->violation_amount, 0);
        fputc('}', fp);
    }
}

void report_json_period(FILE *fp, const be_model *m, const be_eval *e, int t)
{
    fputs("\"label\": ", fp);
    json_str(fp, be_model_period_label(m, t));
    fputs(", ", fp);
    report_jnum(fp, "demand", be_model_demand(m, t), 1);
    if (be_model_has_revenue(m) && !be_model_has_workloads(m)) {
        report_jnum(fp, "served", e->served[t], 1);
        report_jnum(fp, "market", be_model_market(m, t), 1);
        report_jnum(fp, "price", be_model_price(m, t), 1);
    } else if (be_model_has_revenue(m)) {
        report_jnum(fp, "served", report_total_served(e, t), 1);
        report_jnum(fp, "market", report_total_market(m, t), 1);
        report_jnum(fp, "price", e->workloads == 1 ? be_model_price(m, t)
                                                   : NAN, 1);
    }
    report_jnum(fp, "capacity", e->capacity[t], 1);
    report_jnum(fp, "power_kw", e->power_kw[t], 1);
    report_jnum(fp, "power_cap_kw", be_model_power_cap(m, t), 1);
    report_jnum(fp, "spend", e->spend[t], 1);
    report_jnum(fp, "budget", be_model_budget(m, t), 0);
    fputs(", \"cost\": ", fp);
    report_json_costs(fp, &e->period_cost[t]);
}

void report_json_devices(FILE *fp, const be_model *m, const be_eval *e,
                         int t)
{
    int K = e->devices;
    fputs("\"devices\": {", fp);
    for (int k = 0; k < K; k++) {
        fputs(k ? ", " : "", fp);
        json_str(fp, be_model_device_name(m, k));
        fputs(": {", fp);
        report_jnum(fp, "in_service", e->in_service[t * K + k], 1);
        report_jnum(fp, "bought", e->bought[t * K + k], 1);
        report_jnum(fp, "retired", e->retired[t * K + k], 0);
        fputc('}', fp);
    }
    fputc('}', fp);
    if (!be_model_has_workloads(m))
        return;
    fputs(", \"shares\": {", fp);
    for (int k = 0; k < K; k++) {
        fputs(k ? ", " : "", fp);
        json_str(fp, be_model_device_name(m, k));
        fputs(": {", fp);
        for (int w = 0, said = 0; w < e->workloads; w++) {
            if (be_model_device_serves(m, k, w) <= 0.0)
                continue;
            fputs(said++ ? ", " : "", fp);
            report_jnum(fp, be_model_workload_name(m, w),
                        share_of(e, t, k, w), 0);
        }
        fputc('}', fp);
    }
    fputc('}', fp);
}

/* ", "key": [f(w, 0), ..., f(w, T - 1)]" */
static void json_series(FILE *fp, const char *key, const be_model *m,
                        const be_eval *e, int w,
                        double (*f)(const be_model *, const be_eval *, int,
                                    int))
{
    char b[40];
    fprintf(fp, ", \"%s\": [", key);
    for (int t = 0; t < e->periods; t++)
        fprintf(fp, "%s%s", t ? ", " : "",
                fmt_num(f(m, e, w, t), b, sizeof b));
    fputc(']', fp);
}

static double wl_demand(const be_model *m, const be_eval *e, int w, int t)
{
    (void)e;
    return be_model_workload_demand(m, w, t);
}

static double wl_capacity(const be_model *m, const be_eval *e, int w, int t)
{
    (void)m;
    return e->workload_capacity[t * e->workloads + w];
}

static double wl_served(const be_model *m, const be_eval *e, int w, int t)
{
    (void)m;
    return e->served[t * e->workloads + w];
}

static double wl_price(const be_model *m, const be_eval *e, int w, int t)
{
    (void)e;
    return be_model_workload_price(m, w, t);
}

static double wl_market(const be_model *m, const be_eval *e, int w, int t)
{
    (void)e;
    return be_model_workload_market(m, w, t);
}

void report_json_workloads(FILE *fp, const be_model *m, const be_eval *e)
{
    if (!be_model_has_workloads(m))
        return;
    fputs("\"workloads\": [", fp);
    for (int w = 0; w < e->workloads; w++) {
        fputs(w ? ",\n  {\"name\": " : "\n  {\"name\": ", fp);
        json_str(fp, be_model_workload_name(m, w));
        json_series(fp, "demand", m, e, w, wl_demand);
        json_series(fp, "capacity", m, e, w, wl_capacity);
        json_series(fp, "served", m, e, w, wl_served);
        if (be_model_workload_has_revenue(m, w)) {
            json_series(fp, "price", m, e, w, wl_price);
            json_series(fp, "market", m, e, w, wl_market);
        }
        fputc('}', fp);
    }
    fputc(']', fp);
}

void report_json_give(FILE *fp, const be_model *m, const be_give *g)
{
    static const char *const kinds[] = {"demand", "power cap", "budget",
                                        "unbounded"};
    fputs("\"constraint\": ", fp);
    json_str(fp, kinds[g->kind]);
    fputs(", \"period\": ", fp);
    json_str(fp, be_model_period_label(m, g->period));
    fputs(", ", fp);
    report_jnum(fp, "limit", g->limit, 1);
    report_jnum(fp, "reachable", g->reachable, 1);
    report_jnum(fp, "amount", g->amount, 1);
    fputs("\"text\": ", fp);
    json_str(fp, g->text);
}

void report_json_gives(FILE *fp, const be_model *m, const be_diagnosis *d,
                       const char *scenario, int *k)
{
    for (int i = 0; d && i < d->n; i++) {
        fputs((*k)++ ? ",\n  {" : "\n  {", fp);
        if (scenario) {
            fputs("\"scenario\": ", fp);
            json_str(fp, scenario);
            fputs(", ", fp);
        }
        report_json_give(fp, m, &d->gives[i]);
        fputc('}', fp);
    }
}

void report_json_stats(FILE *fp, const be_solution *sol)
{
    fputs("\"stats\": {", fp);
    fprintf(fp, "\"rows\": %d, \"columns\": %d, \"nonzeros\": %d, "
            "\"integer_columns\": %d, \"iterations\": %d, ",
            sol->stats.rows, sol->stats.cols, sol->stats.nonzeros,
            sol->stats.integer_cols, sol->stats.simplex_iterations);
    report_jnum(fp, "build_seconds", sol->stats.build_seconds, 1);
    report_jnum(fp, "solve_seconds", sol->stats.solve_seconds, sol->integer);
    if (sol->integer) {
        const be_stats *st = &sol->stats;
        report_jnum(fp, "time_limit", st->time_limit, 1);
        report_jnum(fp, "first_plan_seconds", st->first_plan_seconds >= 0.0
                    ? st->first_plan_seconds : NAN, 1);
        report_jnum(fp, "heuristic_seconds", st->heuristic_seconds, 1);
        report_jnum(fp, "heuristic_cost", st->heuristic_cost,
                    sol->scenarios > 0);
        if (sol->scenarios > 0) {    /* docs/engine.md, "Scenarios" */
            report_jnum(fp, "scenario_bound", st->scenario_bound, 1);
            report_jnum(fp, "scenario_seconds", st->scenario_seconds, 1);
            report_jnum(fp, "scenario_plan_cost", st->scenario_plan_cost, 0);
        }
    }
    fputc('}', fp);
}

/* ---- CSV ---- */

/* The cells of one row for period t and device k of evaluation e of
 * model m, joined by commas: in_service, bought, retired, capacity,
 * demand, power_kw, spend, period_cost. */
static void csv_cells(FILE *fp, const be_model *m, const be_eval *e, int t,
                      int k)
{
    char b[8][40];
    int K = e->devices;
    fprintf(fp, "%s,%s,%s,%s,%s,%s,%s,%s",
            fmt_num(e->in_service[t * K + k], b[0], 40),
            fmt_num(e->bought[t * K + k], b[1], 40),
            fmt_num(e->retired[t * K + k], b[2], 40),
            fmt_num(e->capacity[t], b[3], 40),
            fmt_num(be_model_demand(m, t), b[4], 40),
            fmt_num(e->power_kw[t], b[5], 40),
            fmt_num(e->spend[t], b[6], 40),
            fmt_num(e->period_cost[t].total, b[7], 40));
}

/* The workload cells of the row for period t and device k (see the
 * header in report_csv), each after a comma. */
static void csv_workload_cells(FILE *fp, const be_model *m, const be_eval *e,
                               int t, int k)
{
    char b[6][40];
    int W = e->workloads;
    for (int w = 0; w < W; w++) {
        fprintf(fp, ",%s,%s,%s,%s", fmt_num(share_of(e, t, k, w), b[0], 40),
                fmt_num(be_model_workload_demand(m, w, t), b[1], 40),
                fmt_num(e->workload_capacity[t * W + w], b[2], 40),
                fmt_num(e->served[t * W + w], b[3], 40));
        if (be_model_workload_has_revenue(m, w))
            fprintf(fp, ",%s,%s",
                    fmt_num(be_model_workload_price(m, w, t), b[4], 40),
                    fmt_num(be_model_workload_market(m, w, t), b[5], 40));
    }
}

void report_csv(FILE *fp, const be_model *m, const be_solution *sol)
{
    /* A model without scenarios is written as one scenario without the
     * scenario's columns (scenario, probability, node; expected_cost).
     * The plan's cost, the expected cost, the proven bound and the gap
     * repeat on every row (tidy data); the bound and the gap are empty
     * while none is known.  Device names need no quoting (the loader
     * allows letters, digits, '-', '_' and '.'). */
    int S = be_model_scenarios(m), T = be_model_periods(m);
    int K = be_model_devices(m), revenue = be_model_has_revenue(m);
    int W = be_model_workloads(m), wl = be_model_has_workloads(m);
    /* with revenue, four columns more at the end: served, market and
     * price of the period, the plan's net present value (with workloads
     * served and market over every workload, price empty when there are
     * several) */
    fprintf(fp, "%speriod,device,in_service,bought,retired,capacity,demand,"
            "power_kw,spend,period_cost,plan_cost,%sbound,gap,"
            "levelized_cost%s",
            S ? "scenario,probability,node," : "", S ? "expected_cost," : "",
            revenue ? ",served,market,price,net_present_value" : "");
    /* with workloads, per workload: the units of the row's device serving
     * it, its demand, the capacity given to it and what is served of it
     * in the period; price and market with its revenue */
    for (int w = 0; wl && w < W; w++) {
        const char *n = be_model_workload_name(m, w);
        fprintf(fp, ",share_%s,demand_%s,capacity_%s,served_%s", n, n, n, n);
        if (be_model_workload_has_revenue(m, w))
            fprintf(fp, ",price_%s,market_%s", n, n);
    }
    fputc('\n', fp);
    if (S ? !(sol->scenarios > 0 && sol->scenario_eval) : !sol->plan)
        return;
    char p[40], cost[40], expected[40], bound[40], gap[40];
    fmt_num(sol->expected_cost, expected, sizeof expected);
    if (!isfinite(sol->bound))
        bound[0] = '\0';
    else
        fmt_num(sol->bound, bound, sizeof bound);
    if (!isfinite(sol->gap))
        gap[0] = '\0';
    else
        fmt_num(sol->gap, gap, sizeof gap);
    for (int s = 0; s < (S ? S : 1); s++) {
        const be_model *ms = S ? be_model_scenario(m, s) : m;
        const be_eval *e = S ? sol->scenario_eval[s] : sol->eval;
        if (S)
            fmt_num(be_model_scenario_probability(m, s), p, sizeof p);
        fmt_num(e->cost.total, cost, sizeof cost);
        char lcoc[40] = "", r[4][40];
        if (isfinite(e->levelized_cost))
            fmt_num(e->levelized_cost, lcoc, sizeof lcoc);
        for (int t = 0; t < T; t++)
            for (int k = 0; k < K; k++) {
                if (S) {
                    csv_field(fp, be_model_scenario_name(m, s));
                    fprintf(fp, ",%s,%d,", p, be_model_scenario_node(m, s, t));
                }
                fprintf(fp, "%s,%s,", be_model_period_label(ms, t),
                        be_model_device_name(ms, k));
                csv_cells(fp, ms, e, t, k);
                fprintf(fp, ",%s,%s%s%s,%s,%s", cost, S ? expected : "",
                        S ? "," : "", bound, gap, lcoc);
                if (revenue && !wl)
                    fprintf(fp, ",%s,%s,%s,%s",
                            fmt_num(e->served[t], r[0], 40),
                            fmt_num(be_model_market(ms, t), r[1], 40),
                            fmt_num(be_model_price(ms, t), r[2], 40),
                            fmt_num(e->net_present_value, r[3], 40));
                else if (revenue)
                    fprintf(fp, ",%s,%s,%s,%s",
                            fmt_num(report_total_served(e, t), r[0], 40),
                            fmt_num(report_total_market(ms, t), r[1], 40),
                            W == 1 ? fmt_num(be_model_price(ms, t), r[2], 40)
                                   : "",
                            fmt_num(e->net_present_value, r[3], 40));
                if (wl)
                    csv_workload_cells(fp, ms, e, t, k);
                fputc('\n', fp);
            }
    }
}
