/*
 * solve_output.h -- the solve command's answer and three formats for any
 * model: a model without scenarios gets report.h's, a model with
 * scenarios scenarios.h's.  The choice is made here, once, so that
 * scenarios.c can build on report.c's pieces without report.c knowing
 * about scenarios.
 */
#ifndef BE_CLI_SOLVE_OUTPUT_H
#define BE_CLI_SOLVE_OUTPUT_H

#include <stdio.h>

#include "breakeven.h"

/* The answer: report_answer's sentence, or with scenarios and a plan
 * sc_answer's lines (the decision now, each branch, the expected cost). */
void solve_answer(FILE *fp, const be_model *m, const be_solution *sol);
void solve_text(FILE *fp, const be_model *m, const be_solution *sol);
/* diag: the diagnosis of a model without scenarios and without a plan;
 * diag_status / scenario_diag: each scenario alone, for a model with
 * scenarios (sc_report_json).  Each may be NULL when not diagnosed. */
void solve_json(FILE *fp, const be_model *m, const be_solution *sol,
                const be_diagnosis *diag, const be_status *diag_status,
                be_diagnosis *const *scenario_diag);
void solve_csv(FILE *fp, const be_model *m, const be_solution *sol);

#endif
