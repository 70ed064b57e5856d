/*
 * chart_data.h -- what the report and plot commands show: the optimal
 * plan's evaluation beside "running the fleet to end of life", the
 * cumulative discounted costs of both, the break-even period, and the four
 * charts built from them.
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

/* The series a chart plots, one line each: chart,series,period,value
 * (numbers round-trip; an absent value, such as no power cap, is empty). */
void chart_write_csv(FILE *fp, const chart *c, int header);

#endif
