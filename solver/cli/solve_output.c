/*
 * solve_output.c -- which writer a solution gets: report.c's for a model
 * without scenarios, scenarios.c's for one with (see solve_output.h).
 */
#include "solve_output.h"

#include "report.h"
#include "scenarios.h"

void solve_answer(FILE *fp, const be_model *m, const be_solution *sol)
{
    if (be_model_scenarios(m) > 0)
        sc_answer(fp, m, sol);
    else
        report_answer(fp, m, sol);
}

void solve_text(FILE *fp, const be_model *m, const be_solution *sol)
{
    if (be_model_scenarios(m) > 0)
        sc_report_text(fp, m, sol);
    else
        report_text(fp, m, sol);
}

void solve_json(FILE *fp, const be_model *m, const be_solution *sol,
                const be_diagnosis *diag, const be_status *diag_status,
                be_diagnosis *const *scenario_diag)
{
    if (be_model_scenarios(m) > 0)
        sc_report_json(fp, m, sol, diag_status, scenario_diag);
    else
        report_json_diagnosis(fp, m, sol, diag);
}

void solve_csv(FILE *fp, const be_model *m, const be_solution *sol)
{
    report_csv(fp, m, sol);   /* one writer for both */
}
