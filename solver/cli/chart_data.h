/*
 * chart_data.h -- what the report and plot commands show: the optimal
 * plan's evaluation beside "running the fleet to end of life", the
 * cumulative discounted costs of both, the break-even period, and the four
 * charts built from them; for a model with revenue, the plan's cash flows
 * and the two charts of the report's revenue section.
 */
#ifndef BE_CLI_CHART_DATA_H
#define BE_CLI_CHART_DATA_H

#include <stdio.h>

#include "breakeven.h"
#include "chart.h"

typedef struct report_data {
    const be_model *m;       /* borrowed */
    const be_solution *sol;  /* borrowed; has a plan */
    int periods, devices;
    const char **labels;     /* [periods] borrowed from the model */
    be_plan *base_plan;      /* running the fleet to end of life
                                (be_baseline_plan) */
    be_eval *base;           /* its evaluation */
    double *cum_plan;        /* [periods] cumulative discounted cost */
    double *cum_base;        /* [periods] */
    int breakeven;           /* be_breakeven of the plan against the
                                baseline; -1: none (see ahead) */
    int ahead;               /* 1: the plan is never behind the baseline */
} report_data;

/* Fill d for a solution with a plan.  Returns 0, or -1 with err filled. */
int report_data_init(report_data *d, const be_model *m,
                     const be_solution *sol, be_error *err);
void report_data_free(report_data *d);

/* The chart called name ("fleet", "capacity", "power", "cost"); NULL for
 * an unknown name or when out of memory. */
chart *report_chart(const report_data *d, const char *name);
extern const char *const report_chart_names[];   /* NULL-terminated */
/* A model with `workloads`: the throughput given to workload w, stacked
 * by the devices that can serve it, against its demand (and its market,
 * where that is above the demand), id "workload-N" (N = w + 1); NULL
 * when out of memory.  The "capacity" chart of such a model stacks what
 * each device gives every workload. */
chart *workload_chart(const report_data *d, int w);
/* What `plot --chart` draws: report_chart_names, then returns_chart_names
 * (a model with revenue). */
extern const char *const plot_chart_names[];

/* The report's revenue and cash-flow section (a model with revenue and
 * without scenarios): the plan's cash-flow statement and the break-even
 * price of compute, and the two charts drawn from them. */
typedef struct returns_data {
    const be_model *m;       /* borrowed */
    be_returns *r;           /* be_returns_compute of the plan */
    be_break_even *b;        /* be_break_even_price of the model */
    const char **years;      /* [r->n] the rows' labels, borrowed from r */
} returns_data;

/* Fill d for plan p of m, the break-even price solved with settings s
 * (several solves).  Returns 0, or -1 with err filled. */
int returns_data_init(returns_data *d, const be_model *m, const be_plan *p,
                      const be_settings *s, be_error *err);
void returns_data_free(returns_data *d);

/* "cashflow": the net cash flow by year as bars, its cumulative sums
 * nominal and discounted as lines, the discounted payback marked;
 * "value": the fleet's book value against its market value, the
 * write-down between them as bars.  NULL for an unknown name or when out
 * of memory. */
chart *returns_chart(const returns_data *d, const char *name);
extern const char *const returns_chart_names[];  /* NULL-terminated */

/* The series a chart plots, one line each: chart,series,period,value
 * (numbers round-trip; an absent value, such as no power cap, is empty). */
void chart_write_csv(FILE *fp, const chart *c, int header);

#endif
