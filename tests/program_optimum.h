/*
 * program_optimum.h -- for the white-box tests of the whole-unit bounds
 * (test_mip.c, test_scenario.c): the optimum of a built program with its
 * bounds or with every bound removed.  Static: each test file that
 * includes it has its own copy.
 */
#ifndef BE_PROGRAM_OPTIMUM_H
#define BE_PROGRAM_OPTIMUM_H

#include <math.h>
#include <stdlib.h>

#include "engine/glpk_solver.h"

/* The optimum of p with its bounds as built (bounded 1) or without,
 * within `seconds`. */
static be_status optimum(const be_model *m, be_program *p, int bounded,
                         double seconds, double *objective)
{
    double *keep = malloc((size_t)p->n_cols * sizeof *keep + 1);
    for (int i = 0; keep && i < p->n_cols; i++) {
        keep[i] = p->cols[i].upper;
        if (!bounded)
            p->cols[i].upper = INFINITY;
    }
    be_settings s;
    be_settings_init(&s);
    s.time_limit = seconds;
    be_glpk_out out;
    be_error err = {0};
    be_status st = BE_NO_PLAN;
    if (keep && be__glpk_solve(m, p, &s, &out, &err) == BE_OK) {
        st = out.status;
        *objective = out.objective;
        free(out.x);
        free(out.dual);
    }
    for (int i = 0; keep && i < p->n_cols; i++)
        p->cols[i].upper = keep[i];
    free(keep);
    return st;
}

#endif /* BE_PROGRAM_OPTIMUM_H */
