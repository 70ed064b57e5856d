/*
 * uncertainty.c -- what the uncertainty is worth (docs/uncertainty.md):
 * the stochastic optimum RP, wait-and-see WS, the mean-value model and
 * EEV, and per-scenario regret.
 *
 *   RP   = min over non-anticipative plans of sum_s p_s cost_s(plan_s)
 *   WS   = sum_s p_s min cost_s                  EVPI = RP - WS >= 0
 *   EEV  = RP with the mean-value model's decisions fixed in the periods
 *          before the tree first branches        VSS = EEV - RP >= 0
 * (Birge and Louveaux, Introduction to Stochastic Programming, 2nd ed.,
 * sections 4.1-4.2; with a tree that branches later than period 0 the
 * "first-stage" decisions are those of the periods before the branch).
 */
#include "answers/answers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* The mean-value model                                                */
/* ------------------------------------------------------------------ */

/* mean_ = the probability-weighted mean of expr over the scenarios, x
 * being each scenario's model. */
#define MEAN_OF(expr) do {                                              \
        double sum_ = 0.0;                                              \
        for (int s_ = 0; s_ < S; s_++) {                                \
            const be_model *x = m->scenarios[s_].model;                 \
            (void)x;                                                    \
            sum_ += m->scenarios[s_].probability * (expr);              \
        }                                                               \
        mean_ = sum_;                                                   \
    } while (0)

static int all_same_int(const be_model *m, int (*get)(const be_model *, int),
                        int k)
{
    for (int s = 1; s < m->n_scenarios; s++)
        if (get(m->scenarios[s].model, k) != get(m->scenarios[0].model, k))
            return 0;
    return 1;
}

static int life_of(const be_model *x, int k) { return x->devices[k].life; }
static int resale_kind_of(const be_model *x, int k)
{
    return (int)x->devices[k].resale_kind;
}
static int has_cap(const be_model *x, int k) { (void)k; return x->has_power_cap; }
static int has_budget(const be_model *x, int k) { (void)k; return x->has_budget; }
static int has_tax(const be_model *x, int k) { (void)k; return x->has_tax; }

be_model *be_model_mean_value(const be_model *m, be_error *err)
{
    be_pos nowhere = {0, 0};
    int S = m->n_scenarios, T = m->T, K = m->n_devices;
    double mean_;
    if (!S) {
        be__fail(err, BE_EARG, m->file, nowhere,
                 "the model has no scenarios to take the mean of");
        return NULL;
    }
    const char *why = NULL;
    char buf[200];
    if (!all_same_int(m, has_cap, 0))
        why = "some scenarios have a power cap and some none";
    else if (!all_same_int(m, has_budget, 0))
        why = "some scenarios have a budget and some none";
    else if (!all_same_int(m, has_tax, 0))
        why = "some scenarios have finance (taxes) and some none";
    for (int k = 0; !why && k < K; k++) {
        if (!all_same_int(m, life_of, k) ||
            !all_same_int(m, resale_kind_of, k)) {
            snprintf(buf, sizeof buf, "the lifetime or the kind of resale "
                     "of device '%s' differs between scenarios (a mean of "
                     "them is not a model)", m->devices[k].name);
            why = buf;
        }
    }
    if (why) {
        be__fail(err, BE_EMODEL, m->file, nowhere,
                 "no mean-value model: %s", why);
        return NULL;
    }
    be_model *v = be__model_copy(m->scenarios[0].model);
    if (!v) {
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    MEAN_OF(x->discount_rate);
    v->discount_rate = mean_;
    MEAN_OF(x->pue);
    v->pue = mean_;
    MEAN_OF(x->utilization);
    v->utilization = mean_;
    if (v->has_tax) {
        MEAN_OF(x->tax_rate);
        v->tax_rate = mean_;
        MEAN_OF(x->depreciation_years);
        v->depreciation_years = mean_;
    }
    for (int i = 0; i < m->W * T; i++) {     /* every workload's series */
        MEAN_OF(x->demand[i]);
        v->demand[i] = mean_;
        if (v->has_revenue) {
            MEAN_OF(x->revenue_price[i]);
            v->revenue_price[i] = mean_;
        }
        if (v->has_market) {
            MEAN_OF(x->market[i]);
            v->market[i] = mean_;
        }
    }
    for (int t = 0; t < T; t++) {
        MEAN_OF(x->energy_price[t]);
        v->energy_price[t] = mean_;
        if (v->has_power_cap) {
            MEAN_OF(x->power_cap[t]);
            v->power_cap[t] = mean_;
        }
        if (v->has_budget) {
            MEAN_OF(x->budget[t]);
            v->budget[t] = mean_;
        }
    }
    for (int k = 0; k < K; k++) {
        be_device *d = &v->devices[k];
        MEAN_OF(x->devices[k].throughput);
        d->throughput = mean_;
        for (int w = 0; w < m->W; w++) {
            MEAN_OF(x->devices[k].serve[w]);
            d->serve[w] = mean_;
        }
        MEAN_OF(x->devices[k].power_kw);
        d->power_kw = mean_;
        for (int i = 0; i < d->n_years; i++) {
            MEAN_OF(x->devices[k].om[i]);
            d->om[i] = mean_;
            if (d->resale_kind == BE_RESALE_LIST) {
                MEAN_OF(x->devices[k].resale[i]);
                d->resale[i] = mean_;
            }
        }
        if (d->resale_kind == BE_RESALE_CURVE) {
            MEAN_OF(x->devices[k].resale_fraction);
            d->resale_fraction = mean_;
            MEAN_OF(x->devices[k].resale_half_life);
            d->resale_half_life = mean_;
        }
        if (!d->buyable && !d->rented)
            continue;
        /* on sale where the probability is at least 1/2, at the mean
         * price (and rent) of the scenarios where it is */
        int from = -1, to = -1, gap = 0;
        for (int t = 0; t < T; t++) {
            double pr = 0.0, price = 0.0, rent = 0.0;
            for (int s = 0; s < S; s++) {
                const be_device *x = &m->scenarios[s].model->devices[k];
                if (t < x->avail_from || t > x->avail_to)
                    continue;
                double p = m->scenarios[s].probability;
                pr += p;
                if (x->price)
                    price += p * x->price[t];
                if (x->rent)
                    rent += p * x->rent[t];
            }
            if (pr >= 0.5 - 1e-12) {
                if (to >= 0 && to < t - 1)
                    gap = 1;
                if (from < 0)
                    from = t;
                to = t;
                if (d->price)
                    d->price[t] = price / pr;
                if (d->rent)
                    d->rent[t] = rent / pr;
            }
        }
        if (gap) {
            snprintf(buf, sizeof buf, "device '%s' would be on sale in "
                     "periods that are not one window (a model has one)",
                     d->name);
            be__fail(err, BE_EMODEL, m->file, nowhere,
                     "no mean-value model: %s", buf);
            be_model_free(v);
            return NULL;
        }
        if (from < 0) {
            d->avail_from = T;      /* never on sale: no cohorts */
            d->avail_to = T - 1;
        } else {
            d->avail_from = from;
            d->avail_to = to;
        }
    }
    be_code rc = be__model_finish(v, err);
    if (rc != BE_OK) {
        if (err && rc != BE_ENOMEM) {
            char msg[sizeof err->message + 32];
            snprintf(msg, sizeof msg, "no mean-value model: %s",
                     err->message);
            snprintf(err->message, sizeof err->message, "%.*s",
                     (int)sizeof err->message - 1, msg);
        }
        be_model_free(v);
        return NULL;
    }
    return v;
}

/* ------------------------------------------------------------------ */
/* EEV                                                                 */
/* ------------------------------------------------------------------ */

/* The value plan `mean` (of the mean-value model v) gives the decision
 * column c of program q (of model ms), or NAN when c is not a decision
 * (hold) or v has no such cohort. */
double be__plan_decision(const be_model *v, const be_plan *mean,
                         const be_model *ms, const be_col *c)
{
    int K = v->n_devices;
    switch (c->kind) {
    case BE_COL_BUY:
        return mean->buy[c->period * K + c->device];
    case BE_COL_RENT:
        return mean->rent[c->period * K + c->device];
    case BE_COL_SELL:
        return mean->sell[c->period];
    case BE_COL_RETIRE: {
        const be_cohort *h = &ms->cohorts[c->cohort];
        int j = h->fleet_entry >= 0 ? h->fleet_entry
                                    : be__cohort_of(v, h->device, h->start);
        return j >= 0 ? mean->retire[c->period * v->n_cohorts + j] : NAN;
    }
    default:
        return NAN;
    }
}

/* Fix, in program p of model pm (the stochastic program, or a scenario's
 * own program when scenario >= 0), every decision of the periods before
 * `until` at the mean-value plan's value.  Returns 0 when out of memory,
 * -1 when a decision has no counterpart in the mean-value model. */
static int fix_mean(const be_model *m, be_program *p, int scenario,
                    const be_model *v, const be_plan *mean, int until)
{
    int n = p->n_cols;
    for (int i = 0; i < n; i++) {
        const be_col *c = &p->cols[i];
        if (c->period >= until || c->kind == BE_COL_HOLD ||
            c->kind == BE_COL_VAR || c->kind == BE_COL_EXCESS)
            continue;
        const be_model *ms;
        const be_col *src;
        if (scenario >= 0) {
            ms = m->scenarios[scenario].model;
            src = c;
        } else {
            int r = m->node_first[p->col_node[i]];
            ms = m->scenarios[r].model;
            src = &p->scen[r]->cols[p->col_src[i]];
        }
        double x = be__plan_decision(v, mean, ms, src);
        if (isnan(x))
            return -1;
        if (be__program_fix(p, i, x) < 0)
            return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* The analysis                                                        */
/* ------------------------------------------------------------------ */

void be_uncertainty_free(be_uncertainty *u)
{
    if (!u)
        return;
    be_solution_free(u->rp);
    free(u->own);
    free(u->own_bound);
    free(u->own_status);
    free(u->plan_cost);
    free(u->regret);
    free(u);
}

static int proven(const be_solution *sol)
{
    return sol && sol->status == BE_OPTIMAL;
}

static int has_plan(const be_solution *sol)
{
    return sol && (sol->status == BE_OPTIMAL ||
                   sol->status == BE_TIME_LIMIT_PLAN);
}

/* EEV into u (the mean-value model's solve included). */
static be_code eev(const be_model *m, const be_settings *s,
                   be_uncertainty *u, be_error *err)
{
    be_error e;
    int fb = be_model_first_branch(m);
    be_model *v = be_model_mean_value(m, &e);
    u->eev = NAN;
    u->vss = NAN;
    u->mean_cost = NAN;
    u->mean_status = BE_INFEASIBLE;
    u->eev_status = BE_INFEASIBLE;
    if (!v) {
        if (e.code == BE_ENOMEM) {
            if (err)
                *err = e;
            return BE_ENOMEM;
        }
        snprintf(u->eev_reason, sizeof u->eev_reason, "%.*s",
                 (int)sizeof u->eev_reason - 1, e.message);
        return BE_OK;
    }
    be_solution *mv = be_solve(v, s, err);
    if (!mv) {
        be_model_free(v);
        return err ? err->code : BE_ESOLVER;
    }
    u->mean_status = mv->status;
    if (!has_plan(mv)) {
        snprintf(u->eev_reason, sizeof u->eev_reason,
                 "the mean-value model has no plan (%s)%s%.200s",
                 be_status_name(mv->status), *mv->reason ? ": " : "",
                 mv->reason);
        be_solution_free(mv);
        be_model_free(v);
        return BE_OK;
    }
    u->mean_cost = mv->eval->cost.total;
    u->proven &= proven(mv);
    be_code rc = BE_OK;
    double t0 = be__now();
    be_program *p = be__program_build(m, m->integer && !s->relax, err);
    int fixed = p ? fix_mean(m, p, -1, v, mv->plan, fb) : 0;
    if (!p || fixed == 0) {
        be__program_free(p);
        rc = p ? BE_ENOMEM : (err ? err->code : BE_ENOMEM);
        goto done;
    }
    if (fixed < 0) {
        be__program_free(p);
        snprintf(u->eev_reason, sizeof u->eev_reason, "the mean-value "
                 "model's decisions have no counterpart in the scenarios");
        goto done;
    }
    be_solution *ev = be__solve_program(m, p, s, t0, err);
    if (!ev) {
        rc = err ? err->code : BE_ESOLVER;
        goto done;
    }
    u->eev_status = ev->status;
    if (has_plan(ev)) {
        u->eev = ev->expected_cost;
        u->vss = u->eev - u->rp_cost;
        u->proven &= proven(ev);
    } else if (ev->status == BE_INFEASIBLE) {
        u->eev = INFINITY;
        u->vss = INFINITY;
        char shared[40];          /* "2024" or "2024 to 2025" */
        if (fb <= 1)
            snprintf(shared, sizeof shared, "%s", m->labels[0]);
        else
            snprintf(shared, sizeof shared, "%s to %s", m->labels[0],
                     m->labels[fb - 1]);
        /* which scenario cannot continue the mean-value decisions */
        for (int sc = 0; sc < m->n_scenarios; sc++) {
            const be_model *ms = m->scenarios[sc].model;
            be_program *q = be__program_build(ms, ev->integer, err);
            if (!q || fix_mean(m, q, sc, v, mv->plan, fb) <= 0) {
                be__program_free(q);
                break;
            }
            be_solution *one = be__solve_program(ms, q, s, be__now(), err);
            int none = one && one->status == BE_INFEASIBLE;
            be_solution_free(one);
            if (none) {
                snprintf(u->eev_reason, sizeof u->eev_reason,
                         "scenario '%s' has no plan that continues the "
                         "mean-value model's decisions of %s",
                         m->scenarios[sc].name, shared);
                break;
            }
        }
        if (!*u->eev_reason)
            snprintf(u->eev_reason, sizeof u->eev_reason,
                     "no plan of the scenarios continues the mean-value "
                     "model's decisions of %s", shared);
    } else {
        snprintf(u->eev_reason, sizeof u->eev_reason,
                 "the program with the mean-value decisions fixed stopped "
                 "without a plan (%s)", be_status_name(ev->status));
    }
    be_solution_free(ev);
done:
    be_solution_free(mv);
    be_model_free(v);
    return rc;
}

/* The scenarios' own solves (be__parallel): solution i, or NULL with
 * err[i]. */
typedef struct own_work {
    const be_model *m;
    be_settings set;
    be_solution **sol;
    be_error *err;
} own_work;

static void own_solve(void *ctx, int i)
{
    own_work *w = ctx;
    w->sol[i] = be_solve(w->m->scenarios[i].model, &w->set, &w->err[i]);
}

be_uncertainty *be_uncertainty_analyze(const be_model *m, const be_settings *s,
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
    be_uncertainty *u = be__calloc(1, sizeof *u);
    if (!u) {
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    u->scenarios = S;
    u->own = be__calloc((size_t)S, sizeof *u->own);
    u->own_bound = be__calloc((size_t)S, sizeof *u->own_bound);
    u->own_status = be__calloc((size_t)S, sizeof *u->own_status);
    u->plan_cost = be__calloc((size_t)S, sizeof *u->plan_cost);
    u->regret = be__calloc((size_t)S, sizeof *u->regret);
    if (!u->own || !u->own_bound || !u->own_status || !u->plan_cost ||
        !u->regret) {
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        goto fail;
    }
    u->proven = 1;
    u->rp = be_solve(m, s, err);
    if (!u->rp)
        goto fail;
    u->proven &= proven(u->rp);
    int rp_plan = has_plan(u->rp);
    u->rp_cost = rp_plan ? u->rp->expected_cost : NAN;
    u->ws = 0.0;
    u->ws_bound = 0.0;
    u->worst = -1;
    double *prob = be__calloc((size_t)S, sizeof *prob);
    if (!prob) {
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        goto fail;
    }
    /* every scenario on its own: independent solves, in threads */
    own_work ow = {m, *s, NULL, NULL};
    ow.sol = be__calloc((size_t)S, sizeof *ow.sol);
    ow.err = be__calloc((size_t)S, sizeof *ow.err);
    if (!ow.sol || !ow.err) {
        free(ow.sol);
        free(ow.err);
        free(prob);
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        goto fail;
    }
    int jobs = ow.set.jobs < 1 ? 1 : ow.set.jobs;
    if (ow.set.log)
        jobs = 1;                /* the log in the order of the solves */
    ow.set.progress = NULL;      /* reports come from the calling thread */
    be__parallel(S, jobs, own_solve, &ow);
    int failed = -1;
    for (int i = 0; i < S; i++) {
        double p = m->scenarios[i].probability;
        prob[i] = p;
        be_solution *own = ow.sol[i];
        if (!own) {
            if (failed < 0)
                failed = i;
            continue;
        }
        u->own_status[i] = own->status;
        u->own[i] = has_plan(own) ? own->eval->cost.total : NAN;
        u->own_bound[i] = has_plan(own) ? own->bound : NAN;
        u->proven &= proven(own);
        be_solution_free(own);
        u->ws += p * u->own[i];
        u->ws_bound += p * u->own_bound[i];
        u->plan_cost[i] = rp_plan ? u->rp->scenario_eval[i]->cost.total : NAN;
        u->regret[i] = u->plan_cost[i] - u->own[i];
        if (rp_plan && (u->worst < 0 ||
                        u->plan_cost[i] > u->plan_cost[u->worst]))
            u->worst = i;
    }
    if (failed >= 0 && err)
        *err = ow.err[failed];
    free(ow.sol);
    free(ow.err);
    if (failed >= 0) {
        free(prob);
        goto fail;
    }
    u->evpi = u->rp_cost - u->ws;
    u->cvar = m->has_risk && rp_plan
            ? be_cvar(S, u->plan_cost, prob, m->cvar_alpha) : NAN;
    free(prob);
    if (rp_plan) {
        if (eev(m, s, u, err) != BE_OK)
            goto fail;
    } else {
        u->eev = u->vss = u->mean_cost = NAN;
        snprintf(u->eev_reason, sizeof u->eev_reason,
                 "the stochastic program has no plan");
    }
    return u;
fail:
    be_uncertainty_free(u);
    return NULL;
}
