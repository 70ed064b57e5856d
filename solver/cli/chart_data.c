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
#include <stdlib.h>
#include <string.h>

#include "output.h"

const char *const report_chart_names[] = {"fleet", "capacity", "power",
                                          "cost", NULL};

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

static chart *fleet_chart(const report_data *d, int capacity)
{
    const be_eval *e = d->sol->eval;
    int T = d->periods, K = d->devices;
    chart *c = capacity
        ? chart_new("capacity", "Capacity against demand",
                    "throughput, capacity units", period_word(d->m),
                    T, d->labels)
        : chart_new("fleet", "Units in service by device", "units in service",
                    period_word(d->m), T, d->labels);
    double *y = malloc((size_t)T * sizeof *y);
    if (!c || !y)
        goto fail;
    c->integer = !capacity && be_model_is_integer(d->m);
    for (int k = 0; k < K; k++) {
        double any = 0;
        for (int t = 0; t < T; t++) {
            y[t] = e->in_service[t * K + k];
            if (capacity)
                y[t] *= be_model_device_throughput(d->m, k);
            any += fabs(y[t]);
        }
        if (any == 0 && K > 1)
            continue;   /* a device the plan never uses: no legend entry */
        if (chart_add(c, be_model_device_name(d->m, k), CHART_BAR,
                      device_colour(k), y) != 0)
            goto fail;
    }
    if (capacity) {
        for (int t = 0; t < T; t++)
            y[t] = be_model_demand(d->m, t);
        if (chart_add(c, "demand", CHART_STEP, CHART_BLACK, y) != 0)
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

chart *report_chart(const report_data *d, const char *name)
{
    if (strcmp(name, "fleet") == 0)
        return fleet_chart(d, 0);
    if (strcmp(name, "capacity") == 0)
        return fleet_chart(d, 1);
    if (strcmp(name, "power") == 0)
        return power_chart(d);
    if (strcmp(name, "cost") == 0)
        return cost_chart(d);
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
