/*
 * fuzz_solve.c -- libFuzzer target: bytes -> model -> (if small) program,
 * GLPK solve with a 0.2 s time limit, evaluation of the plan, and for a
 * model without a plan the elastic diagnosis; everything freed.  Checks,
 * for every plan found (optimal or at the time limit), that it is
 * evaluated, that the evaluator finds it breaks no constraint, and that
 * solver and evaluator agree on its cost to the tolerance of the tests
 * (CHECK_CLOSE in tests/check.h: |a - b| <= 1e-7 max(1, |a|, |b|)).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

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
