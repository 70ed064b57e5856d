/*
 * chart_data.c -- from a solved model to the figures the report and plot
 * commands draw: the baseline ("run the fleet to end of life"), the
 * cumulative discounted costs, the break-even period, and the charts.
 *
 * The baseline is the library's (be_baseline_plan, BE_BASELINE_END_OF_LIFE:
 * docs/plans.md, "Baselines").
 */
#include "chart_data.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

const char *const report_chart_names[] = {"fleet", "capacity", "power",
                                          "cost", NULL};
const char *const plot_chart_names[] = {"fleet", "capacity", "power",
                                        "cost", "cashflow", "value", NULL};

/* ---- the figures ---- */

int report_data_init(report_data *d, const be_model *m,
                     const be_solution *sol, be_error *err)
{
    memset(d, 0, sizeof *d);
    d->m = m;
    d->sol = sol;
    d->periods = be_model_periods(m);
    d->devices = be_model_devices(m);
    d->breakeven = -1;
    int T = d->periods;
    d->labels = malloc((size_t)T * sizeof *d->labels);
    d->cum_plan = malloc((size_t)T * sizeof *d->cum_plan);
    d->cum_base = malloc((size_t)T * sizeof *d->cum_base);
    if (!d->labels || !d->cum_plan || !d->cum_base) {
        memset(err, 0, sizeof *err);
        err->code = BE_ENOMEM;
        snprintf(err->message, sizeof err->message, "out of memory");
        return -1;
    }
    for (int t = 0; t < T; t++)
        d->labels[t] = be_model_period_label(m, t);
    d->base_plan = be_baseline_plan(m, BE_BASELINE_END_OF_LIFE, 0, err);
    if (!d->base_plan)
        return -1;
    d->base = be_evaluate(m, d->base_plan, err);
    if (!d->base)
        return -1;
    d->breakeven = be_breakeven(sol->eval, d->base, d->cum_plan, d->cum_base,
                                &d->ahead);
    return 0;
}

void report_data_free(report_data *d)
{
    free(d->labels);
    free(d->cum_plan);
    free(d->cum_base);
    be_plan_free(d->base_plan);
    be_eval_free(d->base);
    memset(d, 0, sizeof *d);
}

static const chart_colour device_colours[] = {
    CHART_BLUE, CHART_ORANGE, CHART_GREEN, CHART_PURPLE, CHART_SKY,
    CHART_VERMILLION, CHART_YELLOW};

static chart_colour device_colour(int k)
{
    int n = (int)(sizeof device_colours / sizeof device_colours[0]);
    return k < n ? device_colours[k] : CHART_GREY;
}

static const char *period_word(const be_model *m)
{
    switch (be_model_period_kind(m)) {
    case BE_QUARTER: return "quarter";
    case BE_MONTH: return "month";
    default: return "year";
    }
}

/* The throughput device k gives workload w in period t (w < 0: every
 * workload) by evaluation e: its share times its throughput there. */
static double given(const be_model *m, const be_eval *e, int t, int k, int w)
{
    double v = 0.0;
    int W = e->workloads;
    for (int u = w < 0 ? 0 : w; u < (w < 0 ? W : w + 1); u++)
        v += e->share[((size_t)t * e->devices + k) * W + u] *
             be_model_device_serves(m, k, u);
    return v;
}

/* What fleet_chart draws: units, capacity, or workload w >= 0. */
enum { FLEET = -2, CAPACITY = -1 };

/* Bars by device: units in service (FLEET), the throughput in service
 * against the demand (CAPACITY), or the throughput given to workload w
 * against its demand and, where it is above, its market. */
static chart *fleet_chart(const report_data *d, int what)
{
    const be_model *m = d->m;
    const be_eval *e = d->sol->eval;
    int T = d->periods, K = d->devices, capacity = what != FLEET;
    char id[32], title[200];
    if (what >= 0) {
        snprintf(id, sizeof id, "workload-%d", what + 1);
        snprintf(title, sizeof title, "Capacity given to %s against its "
                 "demand", be_model_workload_name(m, what));
    }
    chart *c = what >= 0
        ? chart_new(id, title, "throughput, capacity units", period_word(m),
                    T, d->labels)
        : capacity
        ? chart_new("capacity", "Capacity against demand",
                    "throughput, capacity units", period_word(m),
                    T, d->labels)
        : chart_new("fleet", "Units in service by device", "units in service",
                    period_word(m), T, d->labels);
    double *y = malloc((size_t)T * sizeof *y);
    if (!c || !y)
        goto fail;
    c->integer = !capacity && be_model_is_integer(m);
    for (int k = 0; k < K; k++) {
        double any = 0;
        if (what >= 0 && be_model_device_serves(m, k, what) <= 0.0)
            continue;   /* cannot serve it: no legend entry */
        for (int t = 0; t < T; t++) {
            y[t] = e->in_service[t * K + k];
            /* with workloads a unit's throughput depends on what it
             * serves */
            if (capacity && be_model_has_workloads(m))
                y[t] = given(m, e, t, k, what);
            else if (capacity)
                y[t] *= be_model_device_throughput(m, k);
            any += fabs(y[t]);
        }
        if (any == 0 && K > 1)
            continue;   /* a device the plan never uses: no legend entry */
        if (chart_add(c, be_model_device_name(m, k), CHART_BAR,
                      device_colour(k), y) != 0)
            goto fail;
    }
    if (capacity) {
        for (int t = 0; t < T; t++)
            y[t] = what >= 0 ? be_model_workload_demand(m, what, t)
                             : be_model_demand(m, t);
        if (chart_add(c, "demand", CHART_STEP, CHART_BLACK, y) != 0)
            goto fail;
    }
    if (what >= 0 && be_model_workload_has_revenue(m, what)) {
        int above = 0;
        for (int t = 0; t < T; t++) {
            y[t] = be_model_workload_market(m, what, t);
            above |= y[t] > be_model_workload_demand(m, what, t);
        }
        if (above && chart_add(c, "market", CHART_STEP, CHART_GREY, y) != 0)
            goto fail;
    }
    free(y);
    return c;
fail:
    free(y);
    chart_free(c);
    return NULL;
}

static chart *power_chart(const report_data *d)
{
    int T = d->periods;
    chart *c = chart_new("power", "Facility power against the cap",
                         "facility power, kW",
                         period_word(d->m), T, d->labels);
    double *y = malloc((size_t)T * sizeof *y);
    if (!c || !y)
        goto fail;
    int capped = 0;
    for (int t = 0; t < T; t++) {
        y[t] = be_model_power_cap(d->m, t);
        capped |= isfinite(y[t]);
    }
    if (chart_add(c, "facility power", CHART_BAR, CHART_SKY,
                  d->sol->eval->power_kw) != 0 ||
        (capped && chart_add(c, "power cap", CHART_STEP, CHART_VERMILLION,
                             y) != 0) ||
        (!capped && chart_set_note(c, "The model sets no power cap.") != 0))
        goto fail;
    free(y);
    return c;
fail:
    free(y);
    chart_free(c);
    return NULL;
}

static chart *cost_chart(const report_data *d)
{
    chart *c = chart_new("cost", "Cumulative discounted cost",
                         "cumulative cost",
                         period_word(d->m), d->periods, d->labels);
    if (!c)
        return NULL;
    char label[96], note[200];
    snprintf(note, sizeof note, "In the model's currency, discounted to "
             "the start of %s; the last %s includes the value of the units "
             "still held.",
             d->labels[0], period_word(d->m));
    if (chart_add(c, "optimal plan", CHART_LINE, CHART_BLUE,
                  d->cum_plan) != 0 ||
        chart_add(c, "run the fleet to end of life", CHART_LINE,
                  CHART_ORANGE, d->cum_base) != 0 ||
        chart_set_note(c, note) != 0)
        goto fail;
    if (d->breakeven >= 0) {
        snprintf(label, sizeof label, "break-even %s",
                 d->labels[d->breakeven]);
        if (chart_set_marker(c, d->breakeven, label) != 0)
            goto fail;
    }
    return c;
fail:
    chart_free(c);
    return NULL;
}

chart *workload_chart(const report_data *d, int w)
{
    return fleet_chart(d, w);
}

chart *report_chart(const report_data *d, const char *name)
{
    if (strcmp(name, "fleet") == 0)
        return fleet_chart(d, FLEET);
    if (strcmp(name, "capacity") == 0)
        return fleet_chart(d, CAPACITY);
    if (strcmp(name, "power") == 0)
        return power_chart(d);
    if (strcmp(name, "cost") == 0)
        return cost_chart(d);
    return NULL;
}

/* ---- revenue and cash flow ---- */

const char *const returns_chart_names[] = {"cashflow", "value", NULL};

int returns_data_init(returns_data *d, const be_model *m, const be_plan *p,
                      const be_settings *s, be_error *err)
{
    memset(d, 0, sizeof *d);
    d->m = m;
    if (!(d->r = be_returns_compute(m, p, err)) ||
        !(d->b = be_break_even_price(m, s, err)))
        return -1;
    d->years = malloc((size_t)(d->r->n > 0 ? d->r->n : 1) *
                      sizeof *d->years);
    if (!d->years) {
        memset(err, 0, sizeof *err);
        err->code = BE_ENOMEM;
        snprintf(err->message, sizeof err->message, "out of memory");
        return -1;
    }
    for (int i = 0; i < d->r->n; i++)
        d->years[i] = d->r->rows[i].label;
    return 0;
}

void returns_data_free(returns_data *d)
{
    be_returns_free(d->r);
    be_break_even_free(d->b);
    free(d->years);
    memset(d, 0, sizeof *d);
}

/* The row of the statement that holds flow index i (a period, or the
 * horizon's end: the last row). */
static int row_of(const be_returns *r, int i)
{
    for (int k = 0; k < r->n; k++)
        if (i >= r->rows[k].first && i <= r->rows[k].last)
            return k;
    return r->n - 1;
}

/* One series of a chart by year: a field of be_returns_row. */
typedef struct row_series {
    const char *name;
    chart_kind kind;
    chart_colour colour;
    size_t field;        /* offsetof(be_returns_row, ...) */
} row_series;

/* A chart over the statement's years of n series of its rows' fields;
 * NULL when out of memory. */
static chart *rows_chart(const returns_data *d, const char *id,
                         const char *title, const char *y_label,
                         const char *note, const row_series *series, int n)
{
    const be_returns *r = d->r;
    chart *c = chart_new(id, title, y_label, "year", r->n, d->years);
    double *y = malloc((size_t)(r->n > 0 ? r->n : 1) * sizeof *y);
    int bad = !c || !y || chart_set_note(c, note) != 0;
    for (int k = 0; k < n && !bad; k++) {
        for (int i = 0; i < r->n; i++)
            memcpy(&y[i], (const char *)&r->rows[i] + series[k].field,
                   sizeof y[i]);
        bad = chart_add(c, series[k].name, series[k].kind, series[k].colour,
                        y) != 0;
    }
    free(y);
    if (bad) {
        chart_free(c);
        return NULL;
    }
    return c;
}

static chart *cashflow_chart(const returns_data *d)
{
    static const row_series series[] = {
        {"cumulative", CHART_LINE, CHART_BLUE,
         offsetof(be_returns_row, cumulative)},
        {"cumulative discounted", CHART_LINE, CHART_ORANGE,
         offsetof(be_returns_row, cumulative_discounted)},
        {"net cash flow of the year", CHART_BAR, CHART_SKY,
         offsetof(be_returns_row, net)}};
    const be_returns *r = d->r;
    char note[240], label[96];
    snprintf(note, sizeof note, "In the model's currency as paid, by "
             "year; discounted to the start of %s. The last year includes "
             "the value of the units still held.",
             be_model_period_label(d->m, 0));
    chart *c = rows_chart(d, "cashflow", "Cumulative cash flow", "cash",
                          note, series, 3);
    if (c && r->payback_discounted >= 0) {
        if (r->payback_discounted >= be_model_periods(d->m))
            snprintf(label, sizeof label, "discounted payback: the end");
        else
            snprintf(label, sizeof label, "discounted payback %s",
                     be_model_period_label(d->m, r->payback_discounted));
        if (chart_set_marker(c, row_of(r, r->payback_discounted),
                             label) != 0) {
            chart_free(c);
            return NULL;
        }
    }
    return c;
}

static chart *value_chart(const returns_data *d)
{
    static const row_series series[] = {
        {"book value", CHART_LINE, CHART_BLUE,
         offsetof(be_returns_row, book_value)},
        {"market value", CHART_LINE, CHART_ORANGE,
         offsetof(be_returns_row, market_value)},
        {"write-down (book - market)", CHART_BAR, CHART_PURPLE,
         offsetof(be_returns_row, write_down)}};
    return rows_chart(d, "value", "Book value against market value",
                      "value of the fleet", "The fleet owned at the end of "
                      "each year: book value straight-line, market value "
                      "from the resale values.", series, 3);
}

chart *returns_chart(const returns_data *d, const char *name)
{
    if (strcmp(name, "cashflow") == 0)
        return cashflow_chart(d);
    if (strcmp(name, "value") == 0)
        return value_chart(d);
    return NULL;
}

void chart_write_csv(FILE *fp, const chart *c, int header)
{
    char b[40];
    if (header)
        fputs("chart,series,period,value\n", fp);
    for (int i = 0; i < c->n_series; i++)
        for (int t = 0; t < c->n; t++) {
            double v = c->series[i].y[t];
            /* series names are device names ([A-Za-z0-9._-]) or our own
             * words: nothing to quote */
            fprintf(fp, "%s,%s,%s,%s\n", c->id, c->series[i].name, c->x[t],
                    isfinite(v) ? fmt_num(v, b, sizeof b) : "");
        }
}
