/*
 * glpk_solver.h -- what the engine offers the rooms above it: solve a
 * program with GLPK (strategy.c), the heuristic alone, and write a
 * program through GLPK's writers (glpk.c).  Internal.
 *
 * Inside the engine, bottom to top: settings.c (the defaults, the
 * clock), rounding.c (plans without a sub-MIP), glpk_basis.c and glpk.c
 * (the GLPK wrapper, the only code that calls GLPK; glpk.h), heuristic.c
 * (the whole-unit plan a MIP solve starts from), strategy.c (the order of
 * a solve's stages).  Everything reaching GLPK has been validated; its output
 * goes to the settings' log function (or nowhere), and an abort inside
 * GLPK becomes a BE_ESOLVER error.
 */
#ifndef BE_GLPK_SOLVER_H
#define BE_GLPK_SOLVER_H

#include "program/lp.h"

typedef struct be_glpk_out {
    be_status status;
    double objective;
    double bound;
    double *x;               /* [n_cols] column values; caller frees */
    double *dual;            /* [n_rows] row duals when s->duals and a plan
                                was found, else NULL; caller frees */
    int iterations;
    int warm_started;        /* started from s->basis */
    double first_plan_seconds; /* MIP: when the first whole-unit plan was
                                  known, from the start of the solve; -1
                                  when none */
    double heuristic_seconds;  /* MIP: time spent in the heuristic */
    double heuristic_cost;     /* MIP: the heuristic's plan, or NAN */
    int lives_started;         /* started from the basis of unit lives
                                  (lives.c) */
} be_glpk_out;

/* Tests only: 1 turns the start from unit lives off, so that a test can
 * compare it with GLPK's own start.  Not for threads. */
extern int be__lives_off;

/* Seconds on a monotonic clock: the clock of every time limit and
 * deadline (settings.c). */
double be__now(void);
/* Milliseconds from now to deadline, at least 1 and at most INT_MAX: a
 * time limit as GLPK takes it. */
int be__ms_left(double deadline);

/* Solve p (as a MIP when p->integer).  Fills out on success (status may be
 * infeasible etc.); returns BE_ESOLVER/BE_ENOMEM/BE_EMODEL with err. */
be_code be__glpk_solve(const be_model *m, const be_program *p,
                       const be_settings *s, be_glpk_out *out, be_error *err);

/* What a MIP solve may start from, found outside the program's own search
 * (answers/decompose.c, from the scenarios' own programs). */
typedef struct be_glpk_start {
    const double *x;         /* [n_cols] a whole-unit plan of p that meets
                                every row and bound, or NULL */
    double cost;             /* p's objective at x (without obj_const) */
    double bound;            /* a proven lower bound on every plan of p
                                (without obj_const), or -INFINITY */
    double started;          /* be__now() when the caller's solve started:
                                progress reports count from it (0: from
                                this call) */
    int heuristic;           /* 1: the engine's heuristic runs too (its
                                plan is kept when cheaper); 0: x is the
                                plan branch and bound starts from */
} be_glpk_start;

/* be__glpk_solve from start (NULL: as be__glpk_solve).  A MIP takes x as
 * the heuristic's plan (the answer when nothing cheaper is found; GLPK's
 * incumbent where it takes one) and start->bound as a bound it has
 * before the search: the bound in out is the largest valid one, and the
 * search stops once the plan is within the gap of it.  An LP ignores
 * start. */
be_code be__glpk_solve_from(const be_model *m, const be_program *p,
                            const be_settings *s, const be_glpk_start *start,
                            be_glpk_out *out, be_error *err);

/* The heuristic alone (for tests and measurements): *found = 1 with x
 * (n_cols values) and *cost when it found a plan within s->time_limit
 * (0: no limit). */
be_code be__glpk_heuristic(const be_model *m, const be_program *p,
                           const be_settings *s, double *x, double *cost,
                           int *found, be_error *err);

/* A plan at once (heuristic.h be__quick_plan): the baselines' start or
 * the LP relaxation, from the lives' basis, rounded.  *bound: the LP
 * relaxation's optimum (without obj_const), a lower bound on every plan,
 * or -INFINITY; *found = 1 with x (n_cols values) and *cost when there is
 * a plan. */
be_code be__glpk_quick_plan(const be_model *m, const be_program *p,
                            const be_settings *s, double *x, double *cost,
                            double *bound, int *found, be_error *err);

/* Fix-and-optimize (heuristic.c) on the whole-unit plan x of p, of cost
 * *cost (without obj_const), within s->time_limit: *better = 1 when x and
 * *cost are a cheaper plan. */
be_code be__glpk_improve(const be_model *m, const be_program *p,
                         const be_settings *s, double *x, double *cost,
                         int *better, be_error *err);

/* Write p to path through GLPK's CPLEX LP or free MPS writer. */
be_code be__glpk_write(const be_model *m, const be_program *p,
                       const be_settings *s, be_program_format format,
                       const char *path, be_error *err);

#endif /* BE_GLPK_SOLVER_H */
