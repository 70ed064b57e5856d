/*
 * cmd_report.c -- `breakeven report`: one self-contained HTML page for a
 * meeting: the answer in two sentences, four charts (inline SVG drawn by
 * chart.c), the schedule, the cost breakdown against running the fleet to
 * end of life, and the model's inputs (html.c, with the style sheet and
 * the cell writers every section uses).  No script, no external resource:
 * the file reads the same offline, in any browser, printed or mailed.
 *
 * A model with scenarios gets the decision to take now and each branch,
 * the tree of shared decisions with what each branch does, the costs per
 * scenario against running the fleet to end of life on that scenario's
 * own model, and each scenario's charts and schedule.
 *
 * A model with workloads gets, besides, a chart per workload (the
 * throughput each device gives it against its demand) and the capacity
 * by workload and device, period by period, beside the schedule.
 *
 * A model with revenue (without scenarios) gets a section more, revenue
 * and cash flow: the plan as an investment (be_returns_compute: NPV, IRR,
 * payback, levelized cost, capex over revenue; the break-even price,
 * be_break_even_price, which solves the model several times), worded as
 * `returns` words them (returns_words.h), two charts (cumulative cash
 * flow; book against market value) and the statement by year.
 *
 * Every string that comes from the model file or the command line goes
 * through html_esc() (chart_xml_escape); numbers and period labels are ours.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_data.h"
#include "cli.h"
#include "html.h"
#include "output.h"
#include "report.h"
#include "returns_words.h"
#include "scenarios.h"
#include "solve_output.h"

#define CHART_W 600
#define CHART_H 380

/* ---- the answer ---- */

/* solve_answer's text, malloc'd (NULL when out of memory). */
static char *answer_text(const be_model *m, const be_solution *sol,
                         size_t *len)
{
    char *text = NULL;
    FILE *mem = open_memstream(&text, len);
    if (!mem)
        return NULL;
    solve_answer(mem, m, sol);
    fclose(mem);
    return text;
}

static void answer(FILE *fp, const be_model *m, const be_solution *sol,
                   const report_data *d)
{
    size_t len = 0;
    char *text = answer_text(m, sol, &len);
    int warn = !sol->plan || (d && d->base->violation != BE_FEASIBLE_PLAN);
    fprintf(fp, "<section class=\"answer%s\" id=\"answer\"><p><strong>",
            warn ? " warn" : "");
    if (text) {
        /* solve_answer's text ends with a newline */
        if (len && text[len - 1] == '\n')
            text[len - 1] = '\0';
        html_esc(fp, text);
    }
    free(text);
    fputs("</strong></p>", fp);
    if (!d) {
        fputs("</section>\n", fp);
        return;
    }
    const be_eval *b = d->base;
    be_cost_delta save = be_cost_compare(b, sol->eval);
    fputs("<p>", fp);
    if (b->violation != BE_FEASIBLE_PLAN) {
        fprintf(fp, "Running the fleet to end of life (keeping every unit "
                "until its lifetime and buying the capacity that is cheapest "
                "per unit of throughput when short) is not an option here: "
                "it breaks the %s constraint in %s. ",
                be_violation_name(b->violation),
                be_model_period_label(m, b->violation_period));
        fputs("Its costs are shown for comparison only.", fp);
    } else if (save.same) {
        fputs("Running the fleet to end of life (keeping every unit until "
              "its lifetime and buying the capacity that is cheapest per "
              "unit of throughput when short) costs the same: here it is "
              "an optimal plan.", fp);
    } else {
        int value = be_model_has_revenue(m);
        fprintf(fp, "Against running the fleet to end of life (keeping every "
                "unit until its lifetime and buying the capacity that is "
                "cheapest per unit of throughput when short; net present "
                "%s ", value ? "value" : "cost");
        html_money(fp, value ? b->net_present_value : b->cost.total);
        fputs(value ? "), the plan is worth <strong>"
                    : "), the plan saves <strong>", fp);
        html_money(fp, save.difference);
        fputs(value ? "</strong> more" : "</strong>", fp);
        if (isfinite(save.percent))
            fprintf(fp, " (%.1f%%)", save.percent);
        if (d->breakeven >= 0)
            fprintf(fp, " and pays for itself in <strong>%s</strong>: from "
                    "then on its cumulative discounted cost stays below.",
                    d->labels[d->breakeven]);
        else if (d->ahead)
            fputs(", and its cumulative discounted cost is never above the "
                  "baseline's.", fp);
        else
            fputs(".", fp);
    }
    fputs("</p></section>\n", fp);
}

static void card(FILE *fp, const char *key, double v, const char *text,
                 const char *detail)
{
    fputs("<div class=\"card\"><div class=\"k\">", fp);
    fputs(key, fp);
    fputs("</div><div class=\"v\">", fp);
    if (text)
        fputs(text, fp);
    else
        html_money(fp, v);
    fputs("</div><div class=\"d\">", fp);
    fputs(detail, fp);
    fputs("</div></div>", fp);
}

static void cards(FILE *fp, const report_data *d)
{
    const be_eval *e = d->sol->eval, *b = d->base;
    /* with revenue the plans are compared on their value, -total */
    int value = be_model_has_revenue(d->m);
    fputs("<div class=\"cards\">", fp);
    card(fp, value ? "Net present value of the plan"
                   : "Net present cost of the plan",
         value ? e->net_present_value : e->cost.total, NULL,
         d->sol->status == BE_OPTIMAL ? "optimal" : "best found in time");
    card(fp, "Run the fleet to end of life",
         value ? b->net_present_value : b->cost.total, NULL,
         b->violation != BE_FEASIBLE_PLAN ? "breaks a constraint"
         : value ? "its net present value" : "keep every unit to its "
                                             "lifetime");
    card(fp, value ? "Value over the baseline" : "Saving",
         b->cost.total - e->cost.total, NULL, "net present value");
    if (d->breakeven >= 0)
        card(fp, "Break-even", 0, d->labels[d->breakeven],
             "cumulative cost drops below for good");
    else
        card(fp, "Break-even", 0, d->ahead ? "not needed" : "none",
             d->ahead ? "never behind the baseline"
                      : "the plan does not catch up");
    fputs("</div>\n", fp);
}

/* ---- charts ---- */

static const char *const captions[] = {
    "Units in service in each period, stacked by device.",
    "Throughput in service, stacked by device, against the demand to serve "
    "(dashed).",
    "Facility power drawn (rated IT power \xC3\x97 PUE of the owned units) "
    "against the site's power cap (dashed).",
    "Net present cost accumulated period by period: the optimal plan "
    "against running the fleet to end of life. Where the blue line falls "
    "below the orange one for good, the new hardware has paid for itself.",
};

static void data_table(FILE *fp, const chart *c)
{
    char b[40];
    fputs("<details><summary>Data</summary><div class=\"scroll\">"
          "<table class=\"series\"><thead><tr><th class=\"l\">", fp);
    html_esc(fp, c->x_label);
    fputs("</th>", fp);
    for (int i = 0; i < c->n_series; i++) {
        fputs("<th>", fp);
        html_esc(fp, c->series[i].name);
        fputs("</th>", fp);
    }
    fputs("</tr></thead><tbody>", fp);
    for (int t = 0; t < c->n; t++) {
        fputs("<tr><th class=\"l\">", fp);
        html_esc(fp, c->x[t]);
        fputs("</th>", fp);
        for (int i = 0; i < c->n_series; i++) {
            double v = c->series[i].y[t];
            const char *s = isfinite(v) ? fmt_num(v, b, sizeof b) : "";
            fputs("<td data-chart=\"", fp);
            html_esc(fp, c->id);
            fputs("\" data-series=\"", fp);
            html_esc(fp, c->series[i].name);
            fputs("\" data-period=\"", fp);
            html_esc(fp, c->x[t]);
            fprintf(fp, "\" data-value=\"%s\">", s);
            html_num(fp, isfinite(v) ? v : NAN);
            fputs("</td>", fp);
        }
        fputs("</tr>", fp);
    }
    fputs("</tbody></table></div></details>", fp);
}

/* Chart c (NULL: out of memory) as a figure with its caption and data
 * table, figure id "chart-ID", the SVG's ids prefixed "ID-"; frees c.
 * Returns 0, or -1 with why. */
static int chart_figure(FILE *fp, chart *c, const char *id,
                        const char *caption, char *why, size_t size)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s-", id);
    char *svg = c ? chart_svg_inline(c, CHART_W, CHART_H, prefix, why, size)
                  : NULL;
    if (!svg) {
        if (!c)
            snprintf(why, size, "out of memory");
        chart_free(c);
        return -1;
    }
    fprintf(fp, "<figure id=\"chart-%s\">", id);
    fputs(svg, fp);
    fprintf(fp, "<figcaption>%s</figcaption>", caption);
    data_table(fp, c);
    fputs("</figure>\n", fp);
    free(svg);
    chart_free(c);
    return 0;
}

/* The four charts; tag ("" or "s2-") keeps the ids of several sets apart. */
static int charts(FILE *fp, const report_data *d, const char *tag, char *why,
                  size_t size)
{
    fputs(tag[0] ? "<div class=\"charts\">\n"
                 : "<h2>Charts</h2>\n<div class=\"charts\">\n", fp);
    for (int i = 0; report_chart_names[i]; i++) {
        chart *c = report_chart(d, report_chart_names[i]);
        char id[48];
        snprintf(id, sizeof id, "%s%s", tag, report_chart_names[i]);
        const char *caption = captions[i];
        if (i == 2 && c && c->n_series == 1)
            caption = "Facility power drawn (rated IT power \xC3\x97 PUE of "
                      "the owned units); the model sets no power cap.";
        else if (i == 1 && be_model_has_workloads(d->m))
            caption = "Throughput given to the workloads (a unit's share of "
                      "its time on each times its throughput there), "
                      "stacked by device, against the demand of all of them "
                      "(dashed).";
        if (chart_figure(fp, c, id, caption, why, size) != 0)
            return -1;
    }
    /* a model with workloads: what each workload is given, device by
     * device */
    for (int w = 0; be_model_has_workloads(d->m) &&
                    w < be_model_workloads(d->m); w++) {
        char id[48], *caption = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&caption, &len);
        if (!mem) {
            snprintf(why, size, "out of memory");
            return -1;
        }
        fputs("Throughput given to ", mem);
        html_esc(mem, be_model_workload_name(d->m, w));
        fputs(", stacked by the devices that serve it (a unit's share of "
              "its time times its throughput there), against its demand "
              "(dashed)", mem);
        fputs(be_model_workload_has_revenue(d->m, w)
              ? " and, above it, its market (grey)." : ".", mem);
        fclose(mem);
        snprintf(id, sizeof id, "%sworkload-%d", tag, w + 1);
        int rc = caption ? chart_figure(fp, workload_chart(d, w), id,
                                        caption, why, size) : -1;
        if (!caption)
            snprintf(why, size, "out of memory");
        free(caption);
        if (rc != 0)
            return -1;
    }
    fputs("</div>\n", fp);
    return 0;
}

/* ---- the schedule ---- */

static void period_words(FILE *fp, const be_model *m, const be_eval *e,
                         int t)
{
    char words[8192];
    if (be_describe_period(m, e, t, words, sizeof words))
        html_esc(fp, words);
    else
        fputs("<span style=\"color:#888\">keep everything</span>", fp);
}

/* The schedule table of evaluation e of model m; id "schedule" (or
 * "schedule-N" for several). */
static void schedule(FILE *fp, const be_model *m, const be_eval *e,
                     const char *id)
{
    int T = e->periods, K = e->devices;
    int capped = 0, budget = 0;
    for (int t = 0; t < T; t++) {
        capped |= isfinite(be_model_power_cap(m, t));
        budget |= isfinite(be_model_budget(m, t));
    }
    if (strcmp(id, "schedule") == 0)
        fputs("<h2>The schedule</h2>\n", fp);
    fprintf(fp, "<div class=\"scroll\"><table id=\"%s\">", id);
    fputs("<thead><tr><th class=\"l\" rowspan=\"2\">period</th>"
          "<th class=\"l\" rowspan=\"2\">what happens</th>", fp);
    for (int k = 0; k < K; k++) {
        int rented = be_model_device_is_rented(m, k);
        fprintf(fp, "<th colspan=\"%d\" style=\"text-align:center\">",
                rented ? 1 : 3);
        html_swatch(fp, k);
        html_esc(fp, be_model_device_name(m, k));
        fputs(rented ? " (rented)</th>" : "</th>", fp);
    }
    fputs("<th rowspan=\"2\">capacity</th><th rowspan=\"2\">demand</th>"
          "<th rowspan=\"2\">power kW</th>", fp);
    if (capped)
        fputs("<th rowspan=\"2\">cap kW</th>", fp);
    fputs("<th rowspan=\"2\">spend</th>", fp);
    if (budget)
        fputs("<th rowspan=\"2\">budget</th>", fp);
    fputs("</tr><tr>", fp);
    for (int k = 0; k < K; k++)
        fputs(be_model_device_is_rented(m, k) ? "<th>units</th>"
              : "<th>in service</th><th>+ bought</th><th>&minus; retired</th>",
              fp);
    fputs("</tr></thead><tbody>\n", fp);
    for (int t = 0; t < T; t++) {
        fputs("<tr><th class=\"l\">", fp);
        html_esc(fp, be_model_period_label(m, t));
        fputs("</th><td class=\"l w\">", fp);
        period_words(fp, m, e, t);
        fputs("</td>", fp);
        for (int k = 0; k < K; k++) {
            fputs("<td>", fp);
            html_num(fp, e->in_service[t * K + k]);
            fputs("</td>", fp);
            if (be_model_device_is_rented(m, k))
                continue;
            html_num_td(fp, e->bought[t * K + k]);
            html_num_td(fp, e->retired[t * K + k]);
        }
        fputs("<td>", fp);
        html_num(fp, e->capacity[t]);
        fputs("</td><td>", fp);
        html_num(fp, be_model_demand(m, t));
        fputs("</td><td>", fp);
        html_num(fp, e->power_kw[t]);
        fputs("</td>", fp);
        if (capped) {
            fputs("<td>", fp);
            html_num(fp, be_model_power_cap(m, t));
            fputs("</td>", fp);
        }
        fputs(e->spend[t] == 0 ? "<td class=\"z\">" : "<td>", fp);
        html_money(fp, e->spend[t]);
        fputs("</td>", fp);
        if (budget) {
            fputs("<td>", fp);
            html_num(fp, be_model_budget(m, t));
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table></div>\n", fp);
}

/* the line before each workload's columns (inline: the style sheet of
 * every page stays as it is) */
#define SEAM "border-left:2px solid #d0d0d0"

/* A model with workloads: per period and workload its demand, the
 * throughput each device that can serve it gives it (units serving it x
 * throughput, the units in brackets), the total, and what is served (the
 * market with revenue); id "workloads" (or "workloads-N"). */
static void workload_schedule(FILE *fp, const be_model *m, const be_eval *e,
                              const char *id)
{
    int T = e->periods, K = e->devices, W = e->workloads;
    if (strcmp(id, "workloads") == 0)
        fputs("<h2>Capacity by workload</h2>\n<p class=\"sub\">Each "
              "workload's demand, the throughput each device gives it (its "
              "units serving the workload, in brackets), the total, and "
              "what is served. A unit may split its time between "
              "workloads.</p>\n", fp);
    fprintf(fp, "<div class=\"scroll\"><table id=\"%s\"><thead><tr>"
            "<th class=\"l\" rowspan=\"2\">period</th>", id);
    for (int w = 0; w < W; w++) {
        int n = 3 + be_model_workload_has_revenue(m, w);
        for (int k = 0; k < K; k++)
            n += be_model_device_serves(m, k, w) > 0.0;
        fprintf(fp, "<th colspan=\"%d\" style=\"text-align:center;%s\">", n,
                SEAM);
        html_esc(fp, be_model_workload_name(m, w));
        fputs("</th>", fp);
    }
    fputs("</tr><tr>", fp);
    for (int w = 0; w < W; w++) {
        fprintf(fp, "<th style=\"%s\">demand</th>", SEAM);
        for (int k = 0; k < K; k++) {
            if (be_model_device_serves(m, k, w) <= 0.0)
                continue;
            fputs("<th>", fp);
            html_swatch(fp, k);
            html_esc(fp, be_model_device_name(m, k));
            fputs("</th>", fp);
        }
        fputs("<th>capacity</th><th>served</th>", fp);
        if (be_model_workload_has_revenue(m, w))
            fputs("<th>market</th>", fp);
    }
    fputs("</tr></thead><tbody>\n", fp);
    for (int t = 0; t < T; t++) {
        fputs("<tr><th class=\"l\">", fp);
        html_esc(fp, be_model_period_label(m, t));
        fputs("</th>", fp);
        for (int w = 0; w < W; w++) {
            fprintf(fp, "<td style=\"%s\">", SEAM);
            html_num(fp, be_model_workload_demand(m, w, t));
            fputs("</td>", fp);
            for (int k = 0; k < K; k++) {
                double tp = be_model_device_serves(m, k, w);
                if (tp <= 0.0)
                    continue;
                double units = e->share[((size_t)t * K + k) * W + w];
                fputs(units == 0 ? "<td class=\"z\">" : "<td>", fp);
                html_num(fp, units * tp);
                if (units != 0) {
                    fputs(" (", fp);
                    html_num(fp, units);
                    fputs(")", fp);
                }
                fputs("</td>", fp);
            }
            fputs("<td>", fp);
            html_num(fp, e->workload_capacity[t * W + w]);
            fputs("</td><td>", fp);
            html_num(fp, e->served[t * W + w]);
            fputs("</td>", fp);
            if (be_model_workload_has_revenue(m, w)) {
                fputs("<td>", fp);
                html_num(fp, be_model_workload_market(m, w, t));
                fputs("</td>", fp);
            }
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table></div>\n", fp);
}

/* ---- the cost breakdown ---- */

static void cost_row(FILE *fp, const char *what, double plan, double base,
                     int total)
{
    fprintf(fp, "<tr%s><td class=\"l\">%s</td><td>", total ?
            " class=\"total\"" : "", what);
    html_money(fp, plan);
    fputs("</td><td>", fp);
    html_money(fp, base);
    fputs("</td><td>", fp);
    html_money(fp, plan - base);
    fputs("</td></tr>\n", fp);
}

static void costs(FILE *fp, const report_data *d)
{
    const be_costs *a = &d->sol->eval->cost, *b = &d->base->cost;
    char obj[64];
    fputs("<h2>Cost breakdown</h2>\n<p class=\"sub\">Net present cost, "
          "discounted to the start of ", fp);
    html_esc(fp, d->labels[0]);
    fputs(", as priced by the independent evaluator (the solver's own "
          "objective: ", fp);
    fputs(fmt_money(d->sol->objective, 2, obj, sizeof obj), fp);
    fputs("). Resale, salvage and revenue are income, shown negative.</p>\n"
          "<div class=\"scroll\"><table id=\"costs\" style=\"width:auto;"
          "min-width:560px\"><thead><tr><th class=\"l\">category</th>"
          "<th>optimal plan</th><th>run to end of life</th>"
          "<th>difference</th></tr></thead><tbody>\n", fp);
    cost_row(fp, "purchases", a->purchases, b->purchases, 0);
    cost_row(fp, "energy", a->energy, b->energy, 0);
    cost_row(fp, "O&amp;M", a->om, b->om, 0);
    if (a->rent != 0 || b->rent != 0)
        cost_row(fp, "rent", a->rent, b->rent, 0);
    if (a->taxes != 0 || b->taxes != 0)
        cost_row(fp, "taxes", a->taxes, b->taxes, 0);
    cost_row(fp, "resale", -a->resale, -b->resale, 0);
    cost_row(fp, "salvage at the end", -a->salvage, -b->salvage, 0);
    if (a->revenue != 0 || b->revenue != 0)
        cost_row(fp, "revenue", -a->revenue, -b->revenue, 0);
    cost_row(fp, a->revenue != 0 || b->revenue != 0
             ? "net present cost (&minus; the net present value)"
             : "net present cost", a->total, b->total, 1);
    fputs("</tbody></table></div>\n", fp);
}

/* ---- revenue and cash flow ---- */

/* A words function of returns_words.h into an HTML cell, escaped. */
static void words_cell(FILE *fp, void (*words)(FILE *, const void *),
                       const void *arg)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (mem) {
        words(mem, arg);
        if (fclose(mem) == 0 && text)
            html_esc(fp, text);
    }
    free(text);
}

typedef struct words_arg {
    const returns_data *d;
    int which;
} words_arg;

static void irr_cell(FILE *fp, const void *arg)
{
    returns_irr_words(fp, ((const words_arg *)arg)->d->r);
}

static void payback_cell(FILE *fp, const void *arg)
{
    const words_arg *a = arg;
    returns_payback_words(fp, a->d->m, a->which ? a->d->r->payback_discounted
                                                : a->d->r->payback);
}

static void break_even_cell(FILE *fp, const void *arg)
{
    const returns_data *d = ((const words_arg *)arg)->d;
    returns_break_even_words(fp, d->m, d->b);
}

static void figure_row(FILE *fp, const char *id, const char *name)
{
    fprintf(fp, "<tr id=\"returns-%s\"><th class=\"l\">%s</th>"
            "<td class=\"l w\">", id, name);
}

/* The figures of the plan as an investment, one row each. */
static void returns_figures(FILE *fp, const returns_data *d)
{
    const be_returns *r = d->r;
    char a[64];
    words_arg w = {d, 0};
    fputs("<div class=\"scroll\"><table id=\"returns-figures\" "
          "style=\"width:auto;min-width:560px\"><tbody>\n", fp);
    figure_row(fp, "npv", "Net present value");
    html_money(fp, r->net_present_value);
    fprintf(fp, " at %s a year</td></tr>\n",
            returns_pct(returns_discount_rate(d->m), a, sizeof a));
    figure_row(fp, "irr", "Internal rate of return");
    words_cell(fp, irr_cell, &w);
    fputs("</td></tr>\n", fp);
    figure_row(fp, "payback", "Payback");
    words_cell(fp, payback_cell, &w);
    fputs("</td></tr>\n", fp);
    w.which = 1;
    figure_row(fp, "payback-discounted", "Payback, discounted");
    words_cell(fp, payback_cell, &w);
    fputs("</td></tr>\n", fp);
    figure_row(fp, "lcoc", "Levelized cost of compute");
    if (isfinite(r->levelized_cost))
        fprintf(fp, "%s per unit of throughput for a year: the constant "
                "price of compute at which the plan breaks even",
                fmt_money(r->levelized_cost, 2, a, sizeof a));
    else
        fputs("none: the plan serves no work", fp);
    fputs("</td></tr>\n", fp);
    figure_row(fp, "capex", "Capex over revenue");
    if (isfinite(r->capex_over_revenue)) {
        fprintf(fp, "%.3f (capex ", r->capex_over_revenue);
        html_money(fp, r->capex);
        fputs(" against revenue ", fp);
        html_money(fp, r->revenue);
        fputs(", as paid)", fp);
    } else {
        fputs("none: there is no revenue", fp);
    }
    fputs("</td></tr>\n", fp);
    figure_row(fp, "break-even", "Break-even price");
    words_cell(fp, break_even_cell, &w);
    fputs(".</td></tr>\n</tbody></table></div>\n", fp);
}

static const char *const returns_captions[] = {
    "The net cash flow of each year as paid (bars) and its running sum, "
    "as paid and discounted (lines). Where a line crosses 0 for good, the "
    "plan has paid for itself; the discounted payback is marked.",
    "What the books carry for the fleet owned at the end of each year "
    "against what its units would fetch, and the write-down between them: "
    "above 0 the books run ahead of the fleet's worth.",
};

/* The section: the figures, the two charts with their data, the
 * statement by year. */
static int returns_section(FILE *fp, const returns_data *d, char *why,
                           size_t size)
{
    fputs("<section id=\"returns\"><h2>Revenue and cash flow</h2>\n"
          "<p class=\"sub\">The plan as an investment: its cash flows as "
          "paid, year by year, and the figures a finance reader asks for "
          "(docs/returns.md). The break-even price is the factor on the "
          "whole price series at which the best plan is worth 0.</p>\n",
          fp);
    returns_figures(fp, d);
    fputs("<div class=\"charts\" style=\"margin-top:16px\">\n", fp);
    for (int i = 0; returns_chart_names[i]; i++)
        if (chart_figure(fp, returns_chart(d, returns_chart_names[i]),
                         returns_chart_names[i], returns_captions[i], why,
                         size) != 0)
            return -1;
    fputs("</div>\n", fp);

    const be_returns *r = d->r;
    enum { COLS = 14 };
    static const char *const head[COLS] = {
        "revenue", "capex", "energy", "O&amp;M", "rent", "taxes", "resale",
        "salvage", "net", "cumulative", "discounted", "book value",
        "market value", "write-down"};
    int skip[COLS] = {0};
    skip[4] = skip[5] = 1;   /* rent and taxes, where there are any */
    for (int i = 0; i < r->n; i++) {
        skip[4] &= r->rows[i].rent == 0;
        skip[5] &= r->rows[i].taxes == 0;
    }
    fputs("<h3>Cash flow by year</h3><p class=\"sub\">As paid, money in "
          "positive and out negative; discounted: the running sum of the "
          "net cash flow discounted to the start of the first year. The "
          "last year's salvage is the value of the units still held at the "
          "horizon's end.</p><div class=\"scroll\"><table id=\"cashflow\">"
          "<thead><tr><th class=\"l\">year</th>", fp);
    for (int k = 0; k < COLS; k++)
        if (!skip[k])
            fprintf(fp, "<th>%s</th>", head[k]);
    fputs("<th>capex / revenue</th></tr></thead><tbody>\n", fp);
    for (int i = 0; i < r->n; i++) {
        const be_returns_row *w = &r->rows[i];
        const double v[COLS] = {
            w->revenue, -w->capex, -w->energy, -w->om, -w->rent, -w->taxes,
            w->resale, w->salvage, w->net, w->cumulative,
            w->cumulative_discounted, w->book_value, w->market_value,
            w->write_down};
        fputs("<tr><th class=\"l\">", fp);
        html_esc(fp, w->label);
        fputs("</th>", fp);
        for (int k = 0; k < COLS; k++) {
            if (skip[k])
                continue;
            fputs(v[k] == 0 ? "<td class=\"z\">" : "<td>", fp);
            html_money(fp, v[k]);
            fputs("</td>", fp);
        }
        if (isfinite(w->capex_over_revenue))
            fprintf(fp, "<td>%.3f</td></tr>\n", w->capex_over_revenue);
        else
            fputs("<td>&mdash;</td></tr>\n", fp);
    }
    fputs("</tbody></table></div></section>\n", fp);
    return 0;
}

/* ---- a model with scenarios ---- */

/* The answer (sc_answer), a paragraph a line, the first one strong. */
static void scenario_answer(FILE *fp, const be_model *m,
                            const be_solution *sol)
{
    size_t len = 0;
    char *text = answer_text(m, sol, &len);
    fprintf(fp, "<section class=\"answer%s\" id=\"answer\">",
            cli_has_plan(sol) ? "" : " warn");
    int first = 1;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        fputs(first ? "<p><strong>" : "<p>", fp);
        html_esc(fp, line);
        fputs(first ? "</strong></p>" : "</p>", fp);
        first = 0;
        line = nl ? nl + 1 : line + strlen(line);
    }
    free(text);
    fputs("</section>\n", fp);
}

/* The tree of shared decisions: one row per branch, with what it does. */
static void scenario_tree(FILE *fp, const be_model *m, const be_solution *sol)
{
    sc_branch *b;
    int n = sc_branches(m, &b);
    char span[80], names[4096], words[8192];
    fputs("<h2>The tree of decisions</h2>\n<p class=\"sub\">Scenarios "
          "share the decisions of a period while every figure known by then "
          "is the same in all of them; a branch is a run of periods whose "
          "decisions its scenarios share.</p>\n<div class=\"scroll\">"
          "<table id=\"tree\"><thead><tr><th class=\"l\">periods</th>"
          "<th class=\"l\">scenarios</th><th class=\"l\">what happens"
          "</th></tr></thead><tbody>\n", fp);
    for (int i = 0; i < n; i++) {
        report_span(m, b[i].from, b[i].to, span, sizeof span);
        sc_branch_names(m, &b[i], ", ", names, sizeof names);
        fprintf(fp, "<tr><td class=\"l\" style=\"padding-left:%dem\">%s"
                "</td><td class=\"l w\">", 1 + 2 * b[i].depth, span);
        html_esc(fp, names);
        fputs("</td><td class=\"l w\">", fp);
        int s = be_model_node_first(m, b[i].node), said = 0;
        for (int t = b[i].from; t <= b[i].to; t++) {
            if (!sc_describe(m, sol, s, t, words, sizeof words))
                continue;
            fprintf(fp, "%s<strong>%s</strong>: ", said ? "<br>" : "",
                    be_model_period_label(m, t));
            html_esc(fp, words);
            said = 1;
        }
        if (!said)
            fputs("<span style=\"color:#888\">keep everything</span>", fp);
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody></table></div>\n", fp);
    free(b);
}

/* The costs of each scenario, against running its fleet to end of life. */
static void scenario_costs(FILE *fp, const be_model *m,
                           const be_solution *sol, const report_data *sd)
{
    int S = be_model_scenarios(m);
    double e_plan = 0.0, e_base = 0.0;
    fputs("<h2>Scenarios</h2>\n<p class=\"sub\">Net present cost of the "
          "plan in each scenario, priced on the scenario's own model, and of "
          "running the fleet to end of life there. Resale and salvage are "
          "income, shown negative.</p>\n<div class=\"scroll\">"
          "<table id=\"scenarios\"><thead><tr><th class=\"l\">scenario"
          "</th><th>probability</th><th>purchases</th><th>energy</th>"
          "<th>O&amp;M</th><th>rent</th><th>taxes</th><th>resale</th>"
          "<th>salvage</th><th>net present cost</th><th>run to end of life"
          "</th><th>saving</th></tr></thead><tbody>\n", fp);
    for (int s = 0; s < S; s++) {
        const be_costs *a = &sol->scenario_eval[s]->cost;
        double p = be_model_scenario_probability(m, s);
        double base = sd[s].base->cost.total;
        e_plan += p * a->total;
        e_base += p * base;
        fputs("<tr><td class=\"l\">", fp);
        html_esc(fp, be_model_scenario_name(m, s));
        fputs("</td><td>", fp);
        html_num(fp, p);
        const double v[] = {a->purchases, a->energy, a->om, a->rent,
                            a->taxes, -a->resale, -a->salvage, a->total,
                            base, base - a->total};
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
            fputs("</td><td>", fp);
            html_money(fp, v[i]);
        }
        fputs(sd[s].base->violation != BE_FEASIBLE_PLAN
              ? " (breaks a constraint)</td></tr>\n" : "</td></tr>\n", fp);
    }
    fputs("<tr class=\"total\"><td class=\"l\">expected</td><td></td>"
          "<td></td><td></td><td></td><td></td><td></td><td></td><td></td>"
          "<td>", fp);
    html_money(fp, e_plan);
    fputs("</td><td>", fp);
    html_money(fp, e_base);
    fputs("</td><td>", fp);
    html_money(fp, e_base - e_plan);
    fputs("</td></tr>\n</tbody></table></div>\n", fp);
}

static void scenario_cards(FILE *fp, const be_model *m,
                           const be_solution *sol, const report_data *sd)
{
    int S = be_model_scenarios(m), T = be_model_periods(m);
    int fb = be_model_first_branch(m);
    double e_base = 0.0, alpha;
    char text[64], detail[160];
    for (int s = 0; s < S; s++)
        e_base += be_model_scenario_probability(m, s) * sd[s].base->cost.total;
    fputs("<div class=\"cards\">", fp);
    card(fp, "Expected net present cost", sol->expected_cost, NULL,
         sol->status == BE_OPTIMAL ? "optimal" : "best found in time");
    card(fp, "Run the fleet to end of life", e_base, NULL,
         "expected, each scenario's own baseline");
    card(fp, "Expected saving", e_base - sol->expected_cost, NULL,
         "net present value");
    if (be_model_risk(m, &alpha, NULL)) {
        snprintf(detail, sizeof detail, "mean of the worst %g of "
                 "probability", 1.0 - alpha);
        card(fp, "CVaR", sol->cvar, NULL, detail);
    }
    snprintf(text, sizeof text, "%d", S);
    if (fb >= T)
        snprintf(detail, sizeof detail, "they never part");
    else if (fb == 0)
        snprintf(detail, sizeof detail, "they differ from %s on",
                 be_model_period_label(m, 0));
    else
        snprintf(detail, sizeof detail, "the tree first branches in %s",
                 be_model_period_label(m, fb));
    card(fp, "Scenarios", 0, text, detail);
    fputs("</div>\n", fp);
}

/* Each scenario's charts and schedule, folded. */
static int scenario_details(FILE *fp, const be_model *m,
                            const report_data *sd, char *why, size_t size)
{
    for (int s = 0; s < be_model_scenarios(m); s++) {
        char tag[32], id[48];
        snprintf(tag, sizeof tag, "s%d-", s + 1);
        snprintf(id, sizeof id, "schedule-%d", s + 1);
        fprintf(fp, "<details id=\"scenario-%d\"><summary>Scenario ", s + 1);
        html_esc(fp, be_model_scenario_name(m, s));
        fputs(": charts and schedule</summary>\n", fp);
        if (charts(fp, &sd[s], tag, why, size) != 0)
            return -1;
        schedule(fp, be_model_scenario(m, s), sd[s].sol->eval, id);
        if (be_model_has_workloads(m)) {
            snprintf(id, sizeof id, "workloads-%d", s + 1);
            workload_schedule(fp, be_model_scenario(m, s), sd[s].sol->eval,
                              id);
        }
        fputs("</details>\n", fp);
    }
    return 0;
}

/* ---- the page ---- */

static int page(FILE *fp, const be_model *m, const be_solution *sol,
                const report_data *d, const returns_data *rd,
                const char *path, const cli_common *c, char *why,
                size_t size)
{
    const char *name = be_model_name(m);
    int T = be_model_periods(m);
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width,"
          "initial-scale=1\">"
          "<meta http-equiv=\"Content-Security-Policy\" content=\""
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
          "<meta name=\"generator\" content=\"breakeven " BE_VERSION "\">"
          "<title>", fp);
    html_esc(fp, name[0] ? name : "breakeven report");
    fprintf(fp, " &ndash; breakeven report</title><style>%s</style></head>"
            "<body><main>\n<h1>", html_css);
    html_esc(fp, name[0] ? name : path);
    fprintf(fp, "</h1>\n<p class=\"sub\">The %s buy / keep / retire "
            "plan, %s &ndash; %s (%d period%s)",
            be_model_has_revenue(m) ? "most valuable" : "cheapest", be_model_period_label(m, 0),
            be_model_period_label(m, T - 1), T, T == 1 ? "" : "s");
    if (be_model_scenarios(m) > 0)
        fprintf(fp, ", over %d scenarios", be_model_scenarios(m));
    if (cli_has_plan(sol))
        fprintf(fp, " &middot; %s &middot; %s",
                sol->integer ? "whole units (MIP)" : "fractional units (LP)",
                be_status_name(sol->status));
    fputs("</p>\n", fp);
    if (be_model_description(m)[0]) {
        /* the model's own words, its line breaks kept */
        fputs("<p class=\"description\" style=\"white-space:pre-line\">", fp);
        html_esc(fp, be_model_description(m));
        fputs("</p>\n", fp);
    }
    if (be_model_scenarios(m) > 0) {
        scenario_answer(fp, m, sol);
        if (cli_has_plan(sol)) {
            scenario_cards(fp, m, sol, d);
            scenario_tree(fp, m, sol);
            scenario_costs(fp, m, sol, d);
            fputs("<h2>Each scenario</h2>\n", fp);
            if (scenario_details(fp, m, d, why, size) != 0)
                return -1;
        }
        fputs("<p class=\"sub\">The inputs below are those of the file as "
              "it stands; each scenario changes some of them (its "
              "<code>set</code> in the model file).</p>\n", fp);
    } else {
        answer(fp, m, sol, d);
    }
    if (d && be_model_scenarios(m) == 0) {
        cards(fp, d);
        if (charts(fp, d, "", why, size) != 0)
            return -1;
        schedule(fp, m, sol->eval, "schedule");
        if (be_model_has_workloads(m))
            workload_schedule(fp, m, sol->eval, "workloads");
        costs(fp, d);
        if (rd && returns_section(fp, rd, why, size) != 0)
            return -1;
    }
    html_inputs(fp, m, path, c);
    fputs("<footer>Made by breakeven " BE_VERSION " from <code>", fp);
    html_esc(fp, path);
    fputs("</code>. Charts drawn with Cairo; colours from the Okabe-Ito "
          "palette, safe for colour-blind readers. Every figure is the "
          "independent evaluator's pricing of the plan.</footer>\n"
          "</main></body></html>\n", fp);
    return 0;
}

typedef struct report_run {
    const cli_ctx *x;
    const report_data *d;     /* NULL when there is no plan; with
                                 scenarios, one per scenario */
    const returns_data *rd;   /* the revenue section, or NULL */
} report_run;

static int write_html(FILE *fp, const void *data, be_error *err)
{
    const report_run *r = data;
    const cli_ctx *x = r->x;
    if (page(fp, x->m, x->sol, r->d, r->rd, x->path, x->c, err->message,
             sizeof err->message) == 0)
        return 0;
    err->code = BE_EIO;
    return -1;
}

static const cli_format formats[] = {{"html", NULL, write_html, NULL}, {0}};

static int run(cli_ctx *x)
{
    be_error err = {0};
    int S = be_model_scenarios(x->m), n = S > 0 ? S : 1, rc = EXIT_PLAN;
    int plan = cli_has_plan(x->sol);
    returns_data rd = {0};
    report_data *d = calloc((size_t)n, sizeof *d);
    /* a scenario's plan as a solution of its own model, for its charts */
    be_solution *one = calloc((size_t)n, sizeof *one);
    if (!d || !one) {
        rc = cli_out_of_memory();
        goto done;
    }
    for (int s = 0; plan && s < n; s++) {
        const be_model *m = S > 0 ? be_model_scenario(x->m, s) : x->m;
        one[s] = *x->sol;
        if (S > 0) {
            one[s].plan = x->sol->scenario_plan[s];
            one[s].eval = x->sol->scenario_eval[s];
        }
        if (report_data_init(&d[s], m, &one[s], &err) != 0) {
            cli_print_error(&err);
            rc = EXIT_SOLVER;
            goto done;
        }
    }
    /* a model with revenue: the plan as an investment (several solves
     * for the break-even price) */
    int returns = plan && S == 0 && be_model_has_revenue(x->m);
    if (returns) {
        cli_say_solving(x, &x->s, " per solve, for the break-even price");
        if (returns_data_init(&rd, x->m, x->sol->plan, &x->s, &err) != 0) {
            cli_print_error(&err);
            rc = cli_exit_for(err.code);
            goto done;
        }
    }
    report_run r = {x, plan ? d : NULL, returns ? &rd : NULL};
    rc = cli_emit(x, &r);
done:
    returns_data_free(&rd);
    for (int s = 0; d && s < n; s++)
        report_data_free(&d[s]);
    free(d);
    free(one);
    chart_cleanup();
    return rc;
}

const cli_command cli_report = {
    .name = "report",
    .summary = "write a self-contained HTML report: answer, charts, "
               "schedule, costs",
    .flags = CMD_SOLVE | CMD_LOAD | CMD_FILE | CMD_SCENARIOS,
    .shared = CLI_OUTPUT | CLI_SOLVER, .formats = formats, .run = run,
    .notes = "The page needs no network and no script: charts are inline "
             "SVG.",
};
