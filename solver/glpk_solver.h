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

#include "lp.h"

typedef struct be_glpk_out {
    be_status status;
    double objective;
    double bound;
    double *x;               /* [n_cols] column values; caller frees */
    double *dual;            /* [n_rows] row duals when s->duals and a plan
                                was found, else NULL; caller frees */
    int iterations;
    int warm_started;        /* started from s->basis */
} be_glpk_out;

/* Solve p (as a MIP when p->integer).  Fills out on success (status may be
 * infeasible etc.); returns BE_ESOLVER/BE_ENOMEM/BE_EMODEL with err. */
be_code be__glpk_solve(const be_model *m, const be_program *p,
                       const be_settings *s, be_glpk_out *out, be_error *err);

/* Write p to path through GLPK's CPLEX LP or free MPS writer. */
be_code be__glpk_write(const be_model *m, const be_program *p,
                       const be_settings *s, be_program_format format,
                       const char *path, be_error *err);

#endif /* BE_GLPK_SOLVER_H */
