/*
 * rounding_check.h -- one check shared by tests/test_mip.c (one workload)
 * and tests/test_workloads.c (several): the cover loop of the rounding
 * (engine/rounding.c) takes a choice again without scanning every choice
 * when that cannot change the pick, so it must make the same plan, to the
 * bit, as when it scans at every step.  From two starts: the LP
 * relaxation's optimum (the heuristic's start) and nothing held at all
 * (every unit of demand covered by the loop, the longest run of steps).
 */
#ifndef BE_ROUNDING_CHECK_H
#define BE_ROUNDING_CHECK_H

#include "check.h"
#include "engine/glpk_solver.h"
#include "engine/rounding.h"

#include <stdlib.h>
#include <string.h>

/* 1 when both ways gave a plan, 0 when neither did (and the checks). */
static int rounding_same_both_ways(const be_model *m, const be_program *p,
                                   const double *x)
{
    size_t n = (size_t)p->n_cols + 1;
    double *a = calloc(n, sizeof *a), *b = calloc(n, sizeof *b);
    double ca = 0.0, cb = 0.0;
    int both = 0;
    CHECK(a && b);
    if (!a || !b) {
        free(a);
        free(b);
        return 0;
    }
    be__rounding_scan_every_step = 1;
    int oa = be__rounded_plan(m, p, x, 0, a, &ca);
    be__rounding_scan_every_step = 0;
    int ob = be__rounded_plan(m, p, x, 0, b, &cb);
    CHECK(oa == ob);
    if (oa && ob) {
        CHECK(memcmp(a, b, (size_t)p->n_cols * sizeof *a) == 0);
        CHECK(ca == cb);
        both = 1;
    }
    free(a);
    free(b);
    return both;
}

/* The check from both starts on the whole-unit program of m; returns how
 * many of the two gave a plan. */
static int rounding_check(const be_model *m)
{
    be_error err = {0};
    be_program *p = be__program_build(m, 1, &err);
    be_program *r = be__program_build(m, 0, &err);
    int plans = 0;
    if (p && r && p->n_cols == r->n_cols) {
        be_glpk_out out;
        memset(&out, 0, sizeof out);
        if (be__glpk_solve(m, r, NULL, &out, &err) == BE_OK &&
            out.status == BE_OPTIMAL)
            plans += rounding_same_both_ways(m, p, out.x);
        free(out.x);
        free(out.dual);
        double *zero = calloc((size_t)p->n_cols + 1, sizeof *zero);
        CHECK(zero != NULL);
        if (zero)
            plans += rounding_same_both_ways(m, p, zero);
        free(zero);
    }
    be__program_free(p);
    be__program_free(r);
    return plans;
}

#endif
