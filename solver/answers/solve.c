/*
 * solve.c -- be_solve: build the program, solve it with GLPK, turn the
 * answer into a plan and price that plan with the evaluator.
 */
#include "answers/answers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Shadow prices per period from the row duals (see breakeven.h). */
static int shadow_prices(const be_model *m, const be_program *p,
                         const double *dual, be_solution *sol)
{
    int T = m->T, W = m->W;
    sol->demand_price = be__calloc((size_t)T * W, sizeof(double));
    sol->power_price = be__calloc((size_t)T, sizeof(double));
    sol->budget_price = be__calloc((size_t)T, sizeof(double));
    if (!sol->demand_price || !sol->power_price || !sol->budget_price)
        return 0;
    for (int i = 0; i < p->n_rows; i++) {
        const be_row *r = &p->rows[i];
        double d = dual[i] == 0.0 ? 0.0 : dual[i];
        if (r->kind == BE_ROW_DEMAND)
            sol->demand_price[r->period * W + r->workload] = d;
        else if (r->kind == BE_ROW_POWER)
            sol->power_price[r->period] = d == 0.0 ? 0.0 : -d;
        else if (r->kind == BE_ROW_BUDGET)
            sol->budget_price[r->period] = d == 0.0 ? 0.0 : -d;
    }
    sol->duals_fixed = sol->integer;
    return 1;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static be_code check_settings(const be_model *m, const be_settings *s,
                              be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!(s->mip_gap >= 0.0 && s->mip_gap < 1.0))
        return be__fail(err, BE_EARG, m->file, nowhere,
                        "mip_gap must be in [0, 1), found %g", s->mip_gap);
    if (!(s->time_limit >= 0.0))
        return be__fail(err, BE_EARG, m->file, nowhere,
                        "time_limit must be a number >= 0 or INFINITY, "
                        "found %g", s->time_limit);
    return BE_OK;
}

void be_solution_free(be_solution *sol)
{
    if (!sol)
        return;
    be_plan_free(sol->plan);
    be_eval_free(sol->eval);
    for (int i = 0; i < sol->scenarios; i++) {
        be_plan_free(sol->scenario_plan ? sol->scenario_plan[i] : NULL);
        be_eval_free(sol->scenario_eval ? sol->scenario_eval[i] : NULL);
    }
    free(sol->scenario_plan);
    free(sol->scenario_eval);
    free(sol->demand_price);
    free(sol->power_price);
    free(sol->budget_price);
    free(sol);
}

/* The plan of the column values out->x, its shadow prices and its
 * evaluation; for a model with scenarios, a plan per scenario. */
static be_code answer_plans(const be_model *m, const be_program *p,
                            const be_glpk_out *out, be_solution *sol,
                            be_error *err)
{
    be_pos nowhere = {0, 0};
    if (p->n_scen)
        return be__stochastic_plans(m, p, out->x, sol, err);
    sol->plan = be__program_plan(m, p, out->x, sol->integer);
    if (!sol->plan || (out->dual && !shadow_prices(m, p, out->dual, sol)))
        return be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    sol->plan->relaxed = !sol->integer;
    sol->eval = be_evaluate(m, sol->plan, err);
    return sol->eval ? BE_OK : err ? err->code : BE_ENOMEM;
}

/* Why there is no plan, when a simple bound shows it (diagnose.c); for a
 * model with scenarios, the first scenario without a plan of its own. */
static void infeasible_reason(const be_model *m, be_solution *sol)
{
    if (!m->n_scenarios) {
        be__infeasible_reason(m, sol->reason, sizeof sol->reason);
        return;
    }
    for (int i = 0; i < m->n_scenarios; i++) {
        char why[sizeof sol->reason - 80];
        if (be__infeasible_reason(m->scenarios[i].model, why, sizeof why) > 0) {
            snprintf(sol->reason, sizeof sol->reason, "scenario '%s': %s",
                     m->scenarios[i].name, why);
            return;
        }
    }
}

be_solution *be_solve(const be_model *m, const be_settings *s, be_error *err)
{
    be_settings defaults;
    if (!s) {
        be_settings_init(&defaults);
        s = &defaults;
    }
    if (check_settings(m, s, err) != BE_OK)
        return NULL;
    double t0 = now();
    be_program *p = be__program_build(m, m->integer && !s->relax, err);
    if (!p)
        return NULL;
    return be__solve_program(m, p, s, t0, err);
}

be_solution *be__solve_program(const be_model *m, be_program *p,
                               const be_settings *s, double t0,
                               be_error *err)
{
    be_pos nowhere = {0, 0};
    be_solution *sol = be__calloc(1, sizeof *sol);
    if (!sol) {
        be__program_free(p);
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    sol->integer = p->integer;
    sol->stats.rows = p->n_rows;
    sol->stats.cols = p->n_cols;
    sol->stats.nonzeros = (int)p->nnz;
    for (int i = 0; i < p->n_cols; i++)
        sol->stats.integer_cols += sol->integer && p->cols[i].integer;
    double t1 = now();
    sol->stats.build_seconds = t1 - t0;

    /* a whole-unit solve never runs unbounded by default */
    be_settings limited = *s;
    if (sol->integer && limited.time_limit == 0.0)
        limited.time_limit = BE_DEFAULT_MIP_SECONDS;
    be_glpk_out out;
    be_scenario_stage sc = {NAN, 0.0, NAN, -1.0};
    int whole = 0;
    for (int j = 0; sol->integer && j < p->n_cols; j++)
        whole += p->cols[j].integer;
    be_code rc = sol->integer && p->n_scen &&
                 whole > be__decompose_min_columns
               ? be__solve_scenarios(m, p, &limited, &out, &sc, err)
               : be__glpk_solve(m, p, &limited, &out, err);
    if (rc != BE_OK)
        goto fail;
    sol->stats.scenario_bound = sc.bound;
    sol->stats.scenario_seconds = sc.seconds;
    sol->stats.scenario_plan_cost = sc.plan_cost;
    double t2 = now();
    sol->stats.solve_seconds = t2 - t1;
    sol->stats.simplex_iterations = out.iterations;
    sol->stats.warm_started = out.warm_started;
    sol->stats.time_limit = limited.time_limit > 0.0 ? limited.time_limit
                                                     : INFINITY;
    sol->stats.first_plan_seconds = sc.first_plan >= 0.0
                                  ? sc.first_plan : out.first_plan_seconds;
    sol->stats.heuristic_seconds = out.heuristic_seconds;
    /* the program leaves out its constant (the demand's revenue): the
     * solution's figures are the cost, as the evaluator prices it */
    sol->stats.heuristic_cost = out.heuristic_cost + p->obj_const;
    sol->status = out.status;
    if (out.status == BE_OPTIMAL || out.status == BE_TIME_LIMIT_PLAN) {
        sol->objective = out.objective + p->obj_const;
        sol->bound = out.bound + p->obj_const;
        double scale = fabs(sol->objective) > 1.0 ? fabs(sol->objective) : 1.0;
        sol->gap = isfinite(sol->bound)
                 ? fabs(sol->objective - sol->bound) / scale : INFINITY;
        /* the scenarios' bound when the search ended on it (it starts
         * from it and only raises its own above it) */
        sol->bound_source = !isfinite(sol->bound) ? BE_BOUND_NONE
                          : isfinite(sc.bound) &&
                            sc.bound >= sol->bound - 1e-9 * scale
                          ? BE_BOUND_SCENARIOS : BE_BOUND_SEARCH;
        if (answer_plans(m, p, &out, sol, err) != BE_OK) {
            free(out.x);
            free(out.dual);
            goto fail;
        }
    }
    if (out.status == BE_INFEASIBLE)
        infeasible_reason(m, sol);
    free(out.x);
    free(out.dual);
    sol->stats.evaluate_seconds = now() - t2;
    be__program_free(p);
    return sol;
fail:
    be__program_free(p);
    be_solution_free(sol);
    return NULL;
}

be_code be_write_program(const be_model *m, const be_settings *s,
                         be_program_format format, const char *path,
                         be_error *err)
{
    int integer = m->integer && !(s && s->relax);
    be_program *p = be__program_build(m, integer, err);
    if (!p)
        return err ? err->code : BE_ENOMEM;
    be_code rc = be__glpk_write(m, p, s, format, path, err);
    be__program_free(p);
    return rc;
}
