/*
 * rolling.c -- the rolling policy a planner follows (docs/uncertainty.md,
 * "Re-planning"): at each node of the scenario tree, solve the mean-value
 * model of the scenarios still possible there, from the state the
 * decisions so far have reached, and take its decisions of that period;
 * then move on along each scenario.  Its expected cost beside RP says what
 * planning for uncertainty is worth to a planner who re-plans anyway:
 *
 *   RH  = sum_s p_s cost_s(plan of the rolling policy in s)  >= RP
 *
 * (RP is the best of all plans that decide each node from what is known
 * there; the rolling policy is one of them.)
 *
 * The nodes are numbered by period, parents first, so when node n of
 * period t is reached every decision before t of its scenarios is known,
 * and the same for all of them (they share the nodes before n).  The state
 * is those decisions, fixed in the program of node n's mean-value model
 * (be__program_fix), which is the model advanced to t without writing it
 * down: the fixed periods cost the same in every plan of that program.
 * One solve per node.
 */
#include "answers/answers.h"
#include "model/rules.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void be_rolling_free(be_rolling *r)
{
    if (!r)
        return;
    for (int s = 0; r->plan && s < r->scenarios; s++)
        be_plan_free(r->plan[s]);
    free(r->plan);
    free(r->scenario_cost);
    free(r);
}

/* The mean-value model of the scenarios of node n (their probabilities
 * made to sum to 1); NULL with err filled. */
static be_model *node_mean(const be_model *m, int n, be_error *err)
{
    int S = m->n_scenarios, T = m->T, t = m->node_period[n], k = 0;
    double total = 0.0;
    be_scenario *sc = be__calloc((size_t)S, sizeof *sc);
    if (!sc) {
        be__fail(err, BE_ENOMEM, m->file, (be_pos){0, 0}, "out of memory");
        return NULL;
    }
    for (int s = 0; s < S; s++)
        if (m->node_of[s * T + t] == n) {
            sc[k++] = m->scenarios[s];
            total += m->scenarios[s].probability;
        }
    for (int i = 0; i < k; i++)
        sc[i].probability /= total;
    be_model sub = *m;           /* read only: the scenarios of n */
    sub.n_scenarios = k;
    sub.scenarios = sc;
    be_model *v = be_model_mean_value(&sub, err);
    free(sc);
    return v;
}

/* Write node n's decisions of its period t (plan q of its mean-value
 * model v) into the policy's plan of every scenario of n. */
static void take(const be_model *m, int n, const be_model *v,
                 const be_plan *q, be_plan **plan)
{
    int S = m->n_scenarios, T = m->T, t = m->node_period[n];
    int K = m->n_devices, Jv = v->n_cohorts;
    for (int s = 0; s < S; s++) {
        if (m->node_of[s * T + t] != n)
            continue;
        const be_model *ms = m->scenarios[s].model;
        be_plan *p = plan[s];
        int J = ms->n_cohorts;
        for (int k = 0; k < K; k++) {
            p->buy[t * K + k] = q->buy[t * K + k];
            p->rent[t * K + k] = q->rent[t * K + k];
        }
        p->sell[t] = q->sell[t];
        for (int j = 0; j < J; j++) {
            const be_cohort *c = &ms->cohorts[j];
            int jv = c->fleet_entry >= 0 ? c->fleet_entry
                   : be__cohort_of(v, c->device, c->start);
            p->retire[t * J + j] = jv >= 0 && jv < Jv
                                 ? q->retire[t * Jv + jv] : 0.0;
        }
    }
}

be_rolling *be_rolling_policy(const be_model *m, const be_settings *s,
                              be_error *err)
{
    be_pos nowhere = {0, 0};
    be_settings defaults;
    if (!s) {
        be_settings_init(&defaults);
        s = &defaults;
    }
    int S = m->n_scenarios;
    if (!S) {
        be__fail(err, BE_EARG, m->file, nowhere,
                 "the model has no scenarios (docs/uncertainty.md)");
        return NULL;
    }
    be_rolling *r = be__calloc(1, sizeof *r);
    if (!r)
        goto nomem;
    r->scenarios = S;
    r->proven = 1;
    r->plan = be__calloc((size_t)S, sizeof *r->plan);
    r->scenario_cost = be__calloc((size_t)S, sizeof *r->scenario_cost);
    if (!r->plan || !r->scenario_cost)
        goto nomem;
    for (int i = 0; i < S; i++)
        if (!(r->plan[i] = be_plan_new(m->scenarios[i].model)))
            goto nomem;
    int integer = m->integer && !s->relax;
    for (int n = 0; n < m->n_nodes; n++) {
        int t = m->node_period[n], first = m->node_first[n];
        const be_model *mf = m->scenarios[first].model;
        be_error e = {0};
        be_model *v = node_mean(m, n, &e);
        if (!v) {
            if (e.code == BE_ENOMEM)
                goto nomem;
            snprintf(r->reason, sizeof r->reason, "%s, node of scenario "
                     "'%s': %.250s", m->labels[t], m->scenarios[first].name,
                     e.message);
            r->cost = NAN;
            return r;
        }
        be_program *p = be__program_build(v, integer, err);
        if (!p) {
            be_model_free(v);
            be_rolling_free(r);
            return NULL;
        }
        int ok = 1;
        for (int i = 0; ok && i < p->n_cols; i++) {
            const be_col *c = &p->cols[i];
            if (c->period >= t || c->kind == BE_COL_HOLD)
                continue;
            double x = be__plan_decision(mf, r->plan[first], v, c);
            ok = !isnan(x) && be__program_fix(p, i, x) >= 0;
        }
        if (!ok) {
            be__program_free(p);
            be_model_free(v);
            snprintf(r->reason, sizeof r->reason, "%s: the decisions made "
                     "before it have no counterpart in the mean-value model "
                     "of the scenarios from there", m->labels[t]);
            r->cost = NAN;
            return r;
        }
        be_solution *sol = be__solve_program(v, p, s, be__now(), err);
        r->solves++;
        if (!sol) {
            be_model_free(v);
            be_rolling_free(r);
            return NULL;
        }
        r->proven &= sol->status == BE_OPTIMAL;
        if (!sol->plan) {
            snprintf(r->reason, sizeof r->reason, "%s, on the way of "
                     "scenario '%s': the mean-value model from the state "
                     "reached has no plan (%s)", m->labels[t],
                     m->scenarios[first].name, be_status_name(sol->status));
            r->cost = sol->status == BE_INFEASIBLE ? INFINITY : NAN;
            be_solution_free(sol);
            be_model_free(v);
            return r;
        }
        take(m, n, v, sol->plan, r->plan);
        be_solution_free(sol);
        be_model_free(v);
    }
    r->cost = 0.0;
    for (int i = 0; i < S; i++) {
        const be_model *ms = m->scenarios[i].model;
        be_eval *e = be_evaluate(ms, r->plan[i], err);
        if (!e) {
            be_rolling_free(r);
            return NULL;
        }
        r->scenario_cost[i] = e->cost.total;
        if (e->violation != BE_FEASIBLE_PLAN && !*r->reason) {
            snprintf(r->reason, sizeof r->reason, "scenario '%s': the "
                     "policy's plan breaks the %s constraint in %s",
                     m->scenarios[i].name, be_violation_name(e->violation),
                     ms->labels[e->violation_period]);
            r->scenario_cost[i] = INFINITY;
        }
        r->cost += m->scenarios[i].probability * r->scenario_cost[i];
        be_eval_free(e);
    }
    return r;
nomem:
    be_rolling_free(r);
    be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    return NULL;
}
