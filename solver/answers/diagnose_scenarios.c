/*
 * diagnose_scenarios.c -- why a model with scenarios has no plan: each
 * scenario solved on its own, and diagnosed (be_diagnose) when it has no
 * plan even alone.  A stochastic program can also have no plan while every
 * scenario has one, when no shared decision suits them all; the statuses
 * say which of the two it is.
 *
 * One time limit bounds it all: the scenarios still to come share the
 * time left, and a scenario with no plan alone has what its own solve
 * left of its share for its diagnosis.
 *
 * Kept apart from diagnose.c because it calls be_solve, and be_solve
 * (solve.c) calls diagnose.c for its reason: in one file the two would
 * call each other.
 */
#include "answers/answers.h"

#include <math.h>


be_code be_diagnose_scenarios(const be_model *m, const be_settings *s,
                              be_status *status, be_diagnosis **diag,
                              be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!m || !status || !diag)
        return be__fail(err, BE_EARG, m ? m->file : "", nowhere,
                        "be_diagnose_scenarios: NULL argument");
    int n = be_model_scenarios(m);
    if (n == 0)
        return be__fail(err, BE_EARG, m->file, nowhere,
                        "be_diagnose_scenarios: the model has no scenarios");
    be_settings quiet;
    if (s)
        quiet = *s;
    else
        be_settings_init(&quiet);
    quiet.progress = NULL;   /* one progress display is the caller's */
    double limit = quiet.time_limit > 0.0 ? quiet.time_limit
                 : m->integer && !quiet.relax ? BE_DEFAULT_MIP_SECONDS
                 : INFINITY;
    double end = be__now() + limit;
    for (int i = 0; i < n; i++) {
        const be_model *ms = be_model_scenario(m, i);
        quiet.time_limit = be__time_share(end, n - i);
        double mine = be__now() + quiet.time_limit;   /* its share ends */
        be_solution *one = be_solve(ms, &quiet, NULL);
        status[i] = one ? one->status : BE_NO_PLAN;
        diag[i] = NULL;
        quiet.time_limit = be__time_share(mine, 1);
        if (one && (one->status == BE_INFEASIBLE ||
                    one->status == BE_UNBOUNDED))
            diag[i] = be_diagnose(ms, &quiet, NULL);
        be_solution_free(one);
    }
    return BE_OK;
}
