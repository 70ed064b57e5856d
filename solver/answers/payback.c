/*
 * payback.c -- the payback of each replacement in a plan (docs/plans.md,
 * "Payback").
 *
 * A replacement is a period t in which the plan retires units before the
 * end of their life and buys units.  "Keep running" is the same plan
 * with that one replacement undone:
 *   - the units retired early at t stay in service and retire at the end
 *     of their life (the plan's later retirements of those cohorts stay);
 *   - nothing is bought at t, and the plan's retirements of the units
 *     bought at t are dropped;
 *   - from t on, whenever the units held (and rented by the plan) fall
 *     short of demand, the shortfall is bought in that period: of the device
 *     the replacement bought most throughput of, if it is on sale then,
 *     else as the baselines cover a shortfall (be__cover); whole units in a
 *     whole-unit model.
 * Both plans are priced by be_evaluate.  Their costs are equal before t;
 * the cumulative discounted saving of replacing is
 *     C(s) = sum over u = t..s of keep_cost(u) - replace_cost(u).
 * For the payback time each period's difference is spread evenly over the
 * period (C rises or falls linearly from C(s-1) at the start of s to C(s)
 * at its end, with C(t-1) = 0): the payback period is the first s >= t
 * with C(s) >= 0, and the payback time, from the start of t, is
 *     (s - t + f) * dt years,  f = -C(s-1) / (C(s) - C(s-1)),
 * or 0 when C(t) >= 0 (the replacement is cheaper from its first period).
 */
#include "plans/baselines.h"
#include "plans/plans.h"
#include "model/rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TOL 1e-9

void be_paybacks_free(be_paybacks *pb)
{
    if (!pb)
        return;
    for (int i = 0; i < pb->n; i++) {
        be_payback *b = &pb->items[i];
        free(b->retired);
        free(b->bought);
        free(b->replace_cost);
        free(b->keep_cost);
        free(b->cumulative);
        be_plan_free(b->keep);
    }
    free(pb->items);
    free(pb);
}

/* The "keep running" plan of the replacement at t in p. */
static be_plan *keep_running(const be_model *m, const be_plan *p, int t,
                             const double *bought)
{
    int T = m->T, K = m->n_devices, J = m->n_cohorts, W = m->W;
    be_plan *q = be__plan_copy(m, p);
    double *units = be__calloc((size_t)K, sizeof *units);
    double *lack = be__calloc((size_t)W, sizeof *lack);
    if (!q || !units || !lack)
        goto nomem;
    for (int j = 0; j < J; j++) {
        const be_cohort *c = &m->cohorts[j];
        if (t < c->end)
            q->retire[t * J + j] = 0.0;   /* early retirements undone */
        if (c->fleet_entry < 0 && c->start == t)
            for (int s = 0; s < T; s++)
                q->retire[s * J + j] = 0.0;
    }
    int challenger = -1;
    double most = 0.0;
    for (int k = 0; k < K; k++) {
        double thr = bought[k] * m->devices[k].throughput;
        if (thr > most) {
            most = thr;
            challenger = k;
        }
        q->buy[t * K + k] = 0.0;
    }
    for (int s = t; s < T; s++) {
        double capacity = 0.0, power = 0.0;
        for (int k = 0; k < K; k++) {
            units[k] = q->rent[s * K + k];
            if (W == 1)
                capacity += be__capacity_of(m, k, 0, s, units[k]);
        }
        for (int j = 0; j < J; j++) {
            double h = be__held(m, q, j, s);
            int k = m->cohorts[j].device;
            units[k] += h;
            if (W == 1)
                capacity += be__capacity_of(m, k, 0, s, h);
            power += be__units_kw(m, k, s, h);
        }
        int met = be__lacking(m, s, units, capacity, lack);
        if (met < 0)
            goto nomem;
        for (int w = 0; !met && w < W; w++) {
            if (!(lack[w] > 0.0))
                continue;
            double need = lack[w], n;
            int k = challenger;
            if (k >= 0 && be_model_device_can_buy(m, k, s) &&
                be__unit_capacity(m, k, w, s) > 0.0) {
                n = need / be__unit_capacity(m, k, w, s);
                if (m->integer)
                    n = ceil(n - 1e-9);
            } else {
                k = be__cover(m, w, s, need, power, &n);
            }
            if (k < 0)
                continue;   /* nothing on offer: the evaluation shows it */
            if (m->devices[k].rented)
                q->rent[s * K + k] += n;
            else
                q->buy[s * K + k] += n;
            power += be__units_kw(m, k, s, n);
        }
    }
    free(units);
    free(lack);
    /* it sells what its own units serve beyond the demand */
    if (!be__plan_sell_spare(m, q)) {
        be_plan_free(q);
        return NULL;
    }
    return q;
nomem:
    free(units);
    free(lack);
    be_plan_free(q);
    return NULL;
}

static be_code fill(const be_model *m, const be_plan *p, const be_eval *opt,
                    int t, be_payback *b, be_error *err)
{
    be_pos nowhere = {0, 0};
    int T = m->T, K = m->n_devices;
    b->period = t;
    b->retired = be__calloc((size_t)K, sizeof *b->retired);
    b->bought = be__calloc((size_t)K, sizeof *b->bought);
    b->replace_cost = be__calloc((size_t)T, sizeof(double));
    b->keep_cost = be__calloc((size_t)T, sizeof(double));
    b->cumulative = be__calloc((size_t)T, sizeof(double));
    if (!b->retired || !b->bought || !b->replace_cost || !b->keep_cost ||
        !b->cumulative)
        return be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    for (int k = 0; k < K; k++) {
        b->retired[k] = opt->retired_early[t * K + k];
        b->bought[k] = opt->bought[t * K + k];
    }
    b->keep = keep_running(m, p, t, b->bought);
    if (!b->keep)
        return be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    be_eval *e = be_evaluate(m, b->keep, err);
    if (!e)
        return err ? err->code : BE_ENOMEM;
    double c = 0.0;
    b->payback_period = -1;
    b->payback_years = NAN;
    for (int s = 0; s < T; s++) {
        b->replace_cost[s] = opt->period_cost[s].total;
        b->keep_cost[s] = e->period_cost[s].total;
        if (s < t)
            continue;
        double prev = c;
        c += b->keep_cost[s] - b->replace_cost[s];
        b->cumulative[s] = c;
        double tol = TOL * fmax(1.0, fabs(b->replace_cost[s]));
        if (b->payback_period < 0 && c >= -tol) {
            b->payback_period = s;
            double f = s == t || c - prev <= 0 ? 0.0 : -prev / (c - prev);
            if (s == t)
                f = 0.0;
            b->payback_years = (s - t + f) * m->dt;
        }
    }
    b->saving = c;
    b->keep_violation = e->violation;
    b->keep_violation_period = e->violation_period;
    b->keep_violation_device = e->violation_device;
    be_eval_free(e);
    return BE_OK;
}

be_paybacks *be_paybacks_compute(const be_model *m, const be_plan *p,
                                 be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!m || !p) {
        be__fail(err, BE_EARG, m ? m->file : "", nowhere, "no %s",
                 m ? "plan" : "model");
        return NULL;
    }
    be_eval *opt = be_evaluate(m, p, err);
    if (!opt)
        return NULL;
    int T = m->T, K = m->n_devices;
    be_paybacks *pb = be__calloc(1, sizeof *pb);
    if (pb)
        pb->items = be__calloc((size_t)T, sizeof *pb->items);
    if (!pb || !pb->items) {
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        free(pb);
        be_eval_free(opt);
        return NULL;
    }
    pb->periods = T;
    pb->devices = K;
    for (int t = 0; t < T; t++) {
        if (!be__replacement_at(opt, t))
            continue;
        be_payback *b = &pb->items[pb->n++];
        if (fill(m, p, opt, t, b, err) != BE_OK) {
            be_paybacks_free(pb);
            be_eval_free(opt);
            return NULL;
        }
    }
    be_eval_free(opt);
    return pb;
}

/* ---- break-even and differences ---- */

int be_breakeven(const be_eval *plan, const be_eval *ref, double *cum_plan,
                 double *cum_ref, int *ahead)
{
    int T = plan->periods, behind = 0, at = -1;
    double a = 0.0, b = 0.0, total_ref = ref->cost.total;
    double tol = BE_COST_TOL * fmax(1.0, fabs(total_ref));
    /* the plan is behind at some point, and from period t on never again */
    for (int t = 0; t < T; t++) {
        a += plan->period_cost[t].total;
        b += ref->period_cost[t].total;
        if (cum_plan)
            cum_plan[t] = a;
        if (cum_ref)
            cum_ref[t] = b;
        if (a > b + tol) {
            behind = 1;
            at = -1;
        } else if (at < 0) {
            at = t;
        }
    }
    if (ahead)
        *ahead = !behind;
    return behind ? at : -1;
}

be_cost_delta be_cost_compare(const be_eval *plan, const be_eval *optimal)
{
    be_cost_delta d;
    double total = plan->cost.total;
    d.difference = total - optimal->cost.total;
    d.percent = total > 0 ? 100.0 * d.difference / total : NAN;
    d.same = fabs(d.difference) <=
             BE_COST_TOL * fmax(1.0, fabs(optimal->cost.total));
    return d;
}
