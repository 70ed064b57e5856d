/*
 * fuzz_solve.c -- libFuzzer target: bytes -> model -> (if small) program,
 * GLPK solve with a 0.2 s time limit, evaluation of the plan, and for a
 * model without a plan the elastic diagnosis; everything freed.  Checks,
 * for every plan found (optimal or at the time limit), that it is
 * evaluated, that the evaluator finds it breaks no constraint, and that
 * solver and evaluator agree on its cost to the tolerance of the tests
 * (CHECK_CLOSE in tests/check.h: |a - b| <= 1e-7 max(1, |a|, |b|)).
 * And that the model advanced to its second period under that plan
 * (be_model_advance) is written as a file that reads back
 * (be_model_write).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "breakeven.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Larger models are valid fuzz findings for the loader target, but their
 * solves take too long to be useful here. */
#define MAX_COHORT_PERIODS 400

/* The same relative tolerance as the property test's CHECK_CLOSE. */
static int agree(double a, double b)
{
    double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= 1e-7 * scale;
}

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static int put(void *ctx, const char *s, size_t len)
{
    buf *b = ctx;
    if (b->n + len + 1 > b->cap) {
        size_t cap = 2 * (b->n + len + 1);
        char *q = realloc(b->p, cap);
        if (!q)
            return 1;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, len);
    b->n += len;
    return 0;
}

/* m advanced to period 1 under plan p, written and read back. */
static void advance_round_trip(const be_model *m, const be_plan *p)
{
    be_error err;
    be_model *a = be_model_advance(m, p, 1, 0, &err);
    if (!a)
        __builtin_trap();       /* a plan of m always advances */
    buf b = {NULL, 0, 0};
    be_code rc = be_model_write(a, NULL, put, &b, &err);
    if (rc == BE_OK) {
        be_model *c = be_model_load_string(b.p ? b.p : "", b.n, "advanced",
                                           NULL, &err);
        if (!c)
            __builtin_trap();
        be_model_free(c);
    } else if (rc != BE_EMODEL) {   /* fractional counts, nothing left */
        __builtin_trap();
    }
    free(b.p);
    be_model_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    be_error err;
    be_model *m = be_model_load_string((const char *)data, size, "fuzz.yaml",
                                       NULL, &err);
    if (!m)
        return 0;
    if ((long)be_model_cohorts(m) * be_model_periods(m) > MAX_COHORT_PERIODS) {
        be_model_free(m);
        return 0;
    }
    be_settings s;
    be_settings_init(&s);
    s.time_limit = 0.2;
    s.mip_gap = 1e-4;
    be_solution *sol = be_solve(m, &s, &err);
    if (sol) {
        if (sol->plan && !sol->eval)
            __builtin_trap();
        if (sol->eval && (sol->eval->violation != BE_FEASIBLE_PLAN ||
                          !agree(sol->objective, sol->eval->cost.total)))
            __builtin_trap();
        if (sol->plan && be_model_periods(m) > 1 &&
            be_model_scenarios(m) == 0)
            advance_round_trip(m, sol->plan);
        if (sol->status == BE_INFEASIBLE || sol->status == BE_UNBOUNDED) {
            be_diagnosis *d = be_diagnose(m, &s, &err);
            be_diagnosis_free(d);
        }
    }
    be_solution_free(sol);
    be_model_free(m);
    be_cleanup();
    return 0;
}
