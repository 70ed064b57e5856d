/*
 * glpk_solver.h -- the only part of breakeven that talks to GLPK.  Internal.
 *
 * GLPK aborts the process on a bad call and prints to stdout.  Everything
 * reaching it here has been validated, its terminal output is routed to
 * the caller's log function (or dropped), and its error hook turns an
 * abort into a BE_ESOLVER error: the hook frees GLPK's environment and
 * longjmps back to the call that started it (glpk.pdf, section 6.1.13).
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
    double heuristic_seconds;  /* MIP: time spent in heuristic.c */
    double heuristic_cost;     /* MIP: the heuristic's plan, or NAN */
    int lives_started;         /* started from the basis of unit lives
                                  (lives.c) */
} be_glpk_out;

/* Tests only: 1 turns the start from unit lives off, so that a test can
 * compare it with GLPK's own start.  Not for threads. */
extern int be__lives_off;

/*
 * The loaded program, as the primal heuristic (heuristic.c) sees it: it
 * fixes and frees columns and solves sub-MIPs, and never sees GLPK.  Only
 * valid inside be__glpk_solve (under its error guard).
 */
typedef struct be_lp be_lp;

/* Column j (0-based) back to its kind and the builder's bounds; integer 0
 * makes a whole-unit column continuous. */
void be__lp_free_col(be_lp *lp, int j, int integer);
/* Column j fixed at v. */
void be__lp_fix_col(be_lp *lp, int j, double v);
/* Solve the program as it stands now as a MIP, for at most `seconds`,
 * to relative gap `gap`, and for at most plan_nodes branch-and-bound nodes
 * once a plan is found (no_plan_nodes before).  Quick (thorough 0): the
 * root LP by the dual simplex from the last basis, branch and bound on
 * the program as it is.  Thorough: GLPK's MIP presolve first (a cold
 * start, but it finds plans where the quick way does not).  Returns 1
 * with x (n_cols values, integer and fixed columns exactly whole) and
 * *cost when a whole-unit plan was found, else 0. */
int be__lp_solve(be_lp *lp, double seconds, int plan_nodes,
                 int no_plan_nodes, double gap,
                 int thorough, double *x, double *cost);
/* Solve the program as it stands now as an LP (whole-unit columns made
 * continuous by the caller), warm, within `seconds`.  Returns 1 with x
 * (n_cols values) and *objective at an optimum, else 0. */
int be__lp_relax(be_lp *lp, double seconds, double *x, double *objective);
/* Seconds on a monotonic clock. */
double be__now(void);
/* A line for the solver log (be_settings.log), when there is one. */
void be__lp_log(be_lp *lp, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* heuristic.c: a whole-unit plan for the program loaded in lp, by
 * relax-and-fix over windows of periods, improved by fix-and-optimize,
 * before `deadline` (be__now() clock).  Returns 1 with x (n_cols values),
 * *cost and *first (seconds from the call to its first plan) when it
 * found one; leaves the columns in any state (the caller restores
 * them).  *bound: the optimum of the LP relaxation when it solved it (a
 * lower bound on every whole-unit plan), else -INFINITY. */
int be__heuristic(be_lp *lp, const be_model *m, const be_program *p,
                  double deadline, double *x, double *cost, double *first,
                  double *bound);

/* Solve p (as a MIP when p->integer).  Fills out on success (status may be
 * infeasible etc.); returns BE_ESOLVER/BE_ENOMEM/BE_EMODEL with err. */
be_code be__glpk_solve(const be_model *m, const be_program *p,
                       const be_settings *s, be_glpk_out *out, be_error *err);

/* The heuristic alone (for tests and measurements): *found = 1 with x
 * (n_cols values) and *cost when it found a plan within s->time_limit
 * (0: no limit). */
be_code be__glpk_heuristic(const be_model *m, const be_program *p,
                           const be_settings *s, double *x, double *cost,
                           int *found, be_error *err);

/* Write p to path through GLPK's CPLEX LP or free MPS writer. */
be_code be__glpk_write(const be_model *m, const be_program *p,
                       const be_settings *s, be_program_format format,
                       const char *path, be_error *err);

#endif /* BE_GLPK_SOLVER_H */
