/*
 * heuristic.h -- the whole-unit heuristic (heuristic.c), for the strategy
 * of a solve.  Internal to the engine.
 */
#ifndef BE_HEURISTIC_H
#define BE_HEURISTIC_H

#include "engine/glpk.h"

/* A whole-unit plan for the program loaded in lp (heuristic.c lists its
 * stages) before `deadline` (be__now() clock).  Returns 1 with x (n_cols
 * values), *cost and *first (seconds from the call to its first plan)
 * when it found one; leaves the columns in any state (the caller restores
 * them).  *bound: the optimum of the LP relaxation when it solved it (a
 * lower bound on every whole-unit plan), else -INFINITY. */
int be__heuristic(be_lp *lp, const be_model *m, const be_program *p,
                  double deadline, double *x, double *cost, double *first,
                  double *bound);

/* Stages 1 and 2 of be__heuristic alone: the cheapest of the baselines'
 * start and the LP relaxation rounded, with *bound as there.  Returns 1
 * with x and *cost when either is a plan. */
int be__quick_plan(be_lp *lp, const be_model *m, const be_program *p,
                   double deadline, double *x, double *cost, double *bound);

/* Fix-and-optimize (heuristic.c) on the plan x of cost *cost before
 * deadline: 1 when it made x cheaper. */
int be__improve_plan(be_lp *lp, const be_model *m, const be_program *p,
                     double deadline, double *x, double *cost);

#endif /* BE_HEURISTIC_H */
