/*
 * rounding.h -- whole-unit plans made directly, without a sub-MIP
 * (rounding.c), for the heuristic.  Internal to the engine.
 */
#ifndef BE_ROUNDING_H
#define BE_ROUNDING_H

#include "program/lp.h"

/* A plan at once: the cheapest of the baselines people follow (run to end
 * of life, replace on release) and the greedy plan that respects the
 * power cap and the budget, among those the evaluator finds feasible, as
 * column values of p (for a stochastic program: every scenario's greedy
 * plan together).  Returns 1 with x (n_cols values) and *cost (p's
 * objective at x) when one is feasible, else 0.  y: n_cols values of
 * scratch. */
int be__baseline_start(const be_model *m, const be_program *p, double *x,
                       double *cost, double *y);

/* A plan from x, whole in the periods before `from` and an LP solution
 * after: holdings rounded to whole units, then repaired where that breaks
 * the power cap or the budget (the least throughput per kW or per price
 * gives a unit back) and where demand is left short (a unit at a time,
 * the cheapest way first).  Returns 1 with y (n_cols values) and *cost
 * when the evaluator finds the plan feasible, else 0. */
int be__rounded_plan(const be_model *m, const be_program *p,
                     const double *x, int from, double *y, double *cost);

/* For tests: 1 makes be__rounded_plan scan every choice at every step of
 * its cover loop, without the shortcut that takes the same choice again
 * (rounding.c again()); the plans must be the same either way. */
extern int be__rounding_scan_every_step;

#endif /* BE_ROUNDING_H */
