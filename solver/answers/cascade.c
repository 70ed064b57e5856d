/*
 * cascade.c -- the value of cascading (breakeven.h, be_cascade_value;
 * issue 20): what it is worth that a unit moves from one workload to
 * another over its life.
 *
 * The plan without cascading is the optimum of the model restricted so
 * that each owned device that serves several workloads serves only one,
 * its home (breakeven.h says how the home is chosen).  The restricted
 * model R is a copy of M whose held devices keep one entry of serve[]; R
 * has the same devices, cohorts and series, so a plan of R is a plan of M
 * once the held devices' shares say what R's evaluator gave them (all
 * their units in service, to the home).  Every plan of R is then a plan
 * of M with the same cost, since costs do not depend on the workload a
 * unit serves (docs/workloads.md): P(R) is a subset of P(M), and
 *     value = min over P(R) - min over P(M) >= 0.
 * With bounds B and costs C of the two solves (C*: the true optima),
 *     C*(R) in [B(R), C(R)],  C*(M) in [B(M), min(C(M), C(R))]
 * (the plan of R is one of M), so
 *     value in [max(0, B(R) - min(C(M), C(R))),  C(R) - B(M)].
 */
#include "model/model.h"
#include "plans/plans.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const be_pos nowhere = {0, 0};

/* Two throughput ratios are the same within this relative tolerance (a
 * tie, which goes to the first workload). */
#define RATIO_TOL 1e-12

void be_cascade_free(be_cascade *c)
{
    if (!c)
        return;
    free(c->home);
    free(c->held);
    free(c->first_use);
    be_plan_free(c->plan);
    be_eval_free(c->eval);
    free(c);
}

/* The workload device k serves first in the evaluated plan e: in the
 * first period in which its units serve any work (more than BE_UNIT_TOL),
 * the workload given most of them (by more than BE_UNIT_TOL; else the
 * first).  -1 when its units never serve anything. */
static int first_served(const be_model *m, const be_eval *e, int k)
{
    int K = m->n_devices, W = m->W;
    for (int t = 0; t < m->T; t++) {
        int best = -1;
        double most = 0.0;
        for (int w = 0; w < W; w++) {
            double u = e->share[((size_t)t * K + k) * W + w];
            if (m->devices[k].serve[w] > 0.0 && u > BE_UNIT_TOL &&
                (best < 0 || u > most + BE_UNIT_TOL)) {
                best = w;
                most = u;
            }
        }
        if (best >= 0)
            return best;
    }
    return -1;
}

/* Device k's best workload: where its throughput over the best device's
 * for that workload is highest (the first on a tie). */
static int best_workload(const be_model *m, int k)
{
    int best = -1;
    double ratio = 0.0;
    for (int w = 0; w < m->W; w++) {
        double own = m->devices[k].serve[w], top = 0.0;
        if (!(own > 0.0))
            continue;
        for (int j = 0; j < m->n_devices; j++)
            top = fmax(top, m->devices[j].serve[w]);
        double r = own / top;
        if (best < 0 || r > ratio * (1.0 + RATIO_TOL)) {
            best = w;
            ratio = r;
        }
    }
    return best;
}

/* Every device's home, and which are held, into c. */
static void choose_homes(const be_model *m, const be_eval *opt,
                         be_cascade *c)
{
    for (int k = 0; k < m->n_devices; k++) {
        const be_device *d = &m->devices[k];
        c->home[k] = -1;
        if (d->rented)
            continue;         /* rentals are never held */
        int w = first_served(m, opt, k);
        c->first_use[k] = w >= 0;
        c->home[k] = w >= 0 ? w : best_workload(m, k);
        c->held[k] = d->n_serve > 1 && c->home[k] >= 0;
        c->n_held += c->held[k];
    }
}

/* The restricted model: m with each held device serving its home only. */
static be_model *restricted(const be_model *m, const be_cascade *c,
                            be_error *err)
{
    be_model *v = be__model_copy(m);
    if (!v) {
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    for (int k = 0; k < m->n_devices; k++) {
        if (!c->held[k])
            continue;
        be_device *d = &v->devices[k];
        for (int w = 0; w < v->W; w++)
            if (w != c->home[k])
                d->serve[w] = 0.0;
        d->n_serve = 1;
        d->throughput = d->serve[c->home[k]];
    }
    if (be__model_finish(v, err) != BE_OK) {
        be_model_free(v);
        return NULL;
    }
    return v;
}

/* Plan p (of a model shaped as m) as a plan of m whose every device's
 * shares are those of its evaluation e: a device held to one workload
 * gives it all its units, as e did.  (A solve's plan says so already,
 * lp.c giving a device that serves one workload's units to it; the
 * evaluation's shares make it hold whatever built p.)  NULL when out of
 * memory. */
static be_plan *with_shares(const be_model *m, const be_plan *p,
                            const be_eval *e)
{
    be_plan *q = be__plan_copy(m, p);
    if (q)
        memcpy(q->share, e->share, (size_t)m->T * (size_t)m->n_devices *
               (size_t)m->W * sizeof *q->share);
    return q;
}

/* Price the plan without cascading (a plan of the restricted model and
 * its evaluation there) on m, and the value against opt. */
static be_code price(const be_model *m, const be_solution *opt,
                     const be_plan *p, const be_eval *e, double bound,
                     be_cascade *c, be_error *err)
{
    if (!(c->plan = with_shares(m, p, e)))
        return be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    if (!(c->eval = be_evaluate(m, c->plan, err)))
        return err && err->code != BE_OK ? err->code : BE_ENOMEM;
    double C = c->eval->cost.total, O = c->optimal_cost;
    c->cost = C;
    c->value = C - O;
    c->value_low = fmax(0.0, bound - fmin(O, C));
    c->value_high = fmax(c->value_low, C - opt->bound);
    if (c->n_held == 0)        /* the same model: nothing to bound */
        c->value = c->value_low = c->value_high = 0.0;
    return BE_OK;
}

be_cascade *be_cascade_value(const be_model *m, const be_solution *opt,
                             const be_settings *s, be_error *err)
{
    if (!m || !opt) {
        be__fail(err, BE_EARG, m ? m->file : "", nowhere, "the value of "
                 "cascading needs a model and its optimal solution");
        return NULL;
    }
    if (!m->has_workloads) {
        be__fail(err, BE_EARG, m->file, nowhere, "the value of cascading "
                 "needs a model with workloads: without them no unit can "
                 "move from one workload to another");
        return NULL;
    }
    if (m->n_scenarios > 0) {
        be__fail(err, BE_EARG, m->file, nowhere, "the value of cascading "
                 "is not computed for a model with scenarios (solve one "
                 "scenario's model)");
        return NULL;
    }
    if (!opt->plan || !opt->eval || opt->eval->devices != m->n_devices ||
        opt->eval->workloads != m->W || opt->eval->periods != m->T) {
        be__fail(err, BE_EARG, m->file, nowhere, "the value of cascading "
                 "needs the model's optimal plan");
        return NULL;
    }
    int K = m->n_devices;
    be_cascade *c = be__calloc(1, sizeof *c);
    if (c) {
        c->home = be__calloc((size_t)K + 1, sizeof *c->home);
        c->held = be__calloc((size_t)K + 1, sizeof *c->held);
        c->first_use = be__calloc((size_t)K + 1, sizeof *c->first_use);
    }
    if (!c || !c->home || !c->held || !c->first_use) {
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        be_cascade_free(c);
        return NULL;
    }
    c->devices = K;
    c->workloads = m->W;
    c->optimal_cost = opt->eval->cost.total;
    c->cost = c->value = NAN;
    choose_homes(m, opt->eval, c);

    if (c->n_held == 0) {
        /* nothing can cascade: the restricted model is m itself */
        c->status = opt->status;
        c->gap = opt->gap;
        c->proven = 1;
        if (price(m, opt, opt->plan, opt->eval, opt->bound, c, err) != BE_OK)
            goto fail;
        return c;
    }
    be_settings set;
    if (s)
        set = *s;
    else
        be_settings_init(&set);
    set.basis = NULL;      /* another program shape: no warm start */
    set.duals = 0;
    be_model *v = restricted(m, c, err);
    if (!v)
        goto fail;
    be_solution *sol = be_solve(v, &set, err);
    if (!sol) {
        be_model_free(v);
        goto fail;
    }
    c->status = sol->status;
    c->gap = sol->gap;
    be_code rc = BE_OK;
    if (sol->plan && sol->eval) {
        c->proven = opt->status == BE_OPTIMAL && sol->status == BE_OPTIMAL;
        rc = price(m, opt, sol->plan, sol->eval, sol->bound, c, err);
    } else if (sol->status == BE_INFEASIBLE) {
        /* proven: no plan of the restricted model exists */
        c->proven = opt->status == BE_OPTIMAL;
        c->value = c->value_low = c->value_high = INFINITY;
    } else {
        /* none found (time limit), or unbounded: unknown */
        c->value_low = isfinite(sol->bound)
                     ? fmax(0.0, sol->bound - c->optimal_cost) : 0.0;
        c->value_high = INFINITY;
    }
    be_solution_free(sol);
    be_model_free(v);
    if (rc != BE_OK)
        goto fail;
    return c;
fail:
    be_cascade_free(c);
    return NULL;
}
