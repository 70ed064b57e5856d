/*
 * baselines.c -- the plans people follow, priced next to the optimum by
 * `breakeven compare`.  Definitions (docs/plans.md, "Baselines"):
 *
 * All three walk the periods in order.  At the start of period t, units
 * reaching their lifetime retire, then the baseline's own rule retires
 * more; then, if the throughput of the units still held is below demand,
 * the shortfall is covered (be__cover): with the device on offer in t whose
 * annual cost per unit of throughput
 *     q(k, t) = (price(t) / lifetime + om(first year) + energy(t) per year)
 *               / throughput            (owned)
 *     q(k, t) = rent(t) / throughput    (rented)
 * is lowest among those whose units fit under the power cap, or the lowest
 * of all if none fits (the evaluation then shows the violation).  Bought
 * units join the fleet; rented units serve that period only (the rule is
 * applied again next period).  In a whole-unit model the units are
 * ceil(shortfall / throughput); otherwise exactly shortfall / throughput.
 * Budgets are not looked at: the evaluation reports a breach.
 *
 * - run to end of life: no other retirement.
 * - replace on release: in a period t >= 1 in which an owned device goes on
 *   sale (the first period of its `available` window) and it has the lowest
 *   q of all devices on offer in t, every owned unit of every other device
 *   is retired at the start of t.
 * - fixed age N: every owned unit is retired at the start of the first
 *   period in which its age is at least N years (at once for an initial
 *   fleet already that old).
 */
#include "plans/baselines.h"
#include "model/rules.h"
#include "plans/plans.h"

#include <math.h>
#include <stdlib.h>

double be__capacity_cost(const be_model *m, int k, int w, int t)
{
    const be_device *d = &m->devices[k];
    double c = be__unit_capacity(m, k, w, t);
    if (!be_model_device_can_buy(m, k, t) || !(c > 0.0))
        return INFINITY;
    if (d->rented)
        return d->rent[t] / c;
    return (d->price[t] / d->lifetime + be__om_rate(m, d, 0) +
            be__energy_cost(m, d, t) / m->dt) / c;
}

int be__cover(const be_model *m, int w, int t, double need, double power_kw,
              double *units)
{
    int best = -1, best_fit = -1;
    double q_best = INFINITY, q_fit = INFINITY;
    double u_best = 0, u_fit = 0;
    for (int k = 0; k < m->n_devices; k++) {
        double q = be__capacity_cost(m, k, w, t);
        if (!isfinite(q))
            continue;
        double u = need / be__unit_capacity(m, k, w, t);
        if (m->integer)
            u = ceil(u - 1e-9);
        if (q < q_best) {
            best = k;
            q_best = q;
            u_best = u;
        }
        int fits = !be__power_over(m, t, power_kw + be__units_kw(m, k, t, u));
        if (fits && q < q_fit) {
            best_fit = k;
            q_fit = q;
            u_fit = u;
        }
    }
    if (best_fit >= 0) {
        *units = u_fit;
        return best_fit;
    }
    *units = u_best;
    return best;
}

double be__held(const be_model *m, const be_plan *p, int j, int t)
{
    const be_cohort *c = &m->cohorts[j];
    if (t < c->start || t >= c->end)
        return 0.0;
    double n = c->fleet_entry >= 0 ? c->count
             : p->buy[c->start * m->n_devices + c->device];
    for (int s = c->start; s <= t; s++)
        n -= p->retire[s * m->n_cohorts + j];
    return n > 0 ? n : 0.0;
}

const char *be_baseline_name(be_baseline kind)
{
    switch (kind) {
    case BE_BASELINE_END_OF_LIFE: return "run to end of life";
    case BE_BASELINE_ON_RELEASE: return "replace on release";
    case BE_BASELINE_FIXED_AGE: return "fixed age";
    }
    return "unknown baseline";
}

/* The owned device released in t (first period of its window, t >= 1) with
 * the lowest q of all devices on offer in t, or -1.  With workloads, q is
 * that of the workload with the most demand in t. */
static int released_in(const be_model *m, int t)
{
    if (t < 1)
        return -1;
    /* with workloads, devices are ranked on the one with the most demand
     * in t (the first of equals): the work the fleet is mostly for */
    int w = 0;
    for (int v = 1; v < m->W; v++)
        if (be__demand(m, v, t) > be__demand(m, w, t))
            w = v;
    int best = -1;
    double q_best = INFINITY;
    for (int k = 0; k < m->n_devices; k++) {
        double q = be__capacity_cost(m, k, w, t);
        if (q < q_best) {
            best = k;
            q_best = q;
        }
    }
    if (best < 0)
        return -1;
    const be_device *d = &m->devices[best];
    return !d->rented && d->buyable && d->avail_from == t ? best : -1;
}

be_plan *be_baseline_plan(const be_model *m, be_baseline kind,
                          double age_years, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!m) {
        be__fail(err, BE_EARG, "", nowhere, "no model");
        return NULL;
    }
    if (kind == BE_BASELINE_FIXED_AGE && !(age_years > 0 && age_years < 1e6)) {
        be__fail(err, BE_EARG, m->file, nowhere, "the replacement age must be "
                 "a number of years above 0, found %g", age_years);
        return NULL;
    }
    be_plan *p = be_plan_new(m);
    if (!p) {
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    int T = m->T, K = m->n_devices, J = m->n_cohorts, W = m->W;
    double *units = be__calloc((size_t)K, sizeof *units);
    double *lack = be__calloc((size_t)W, sizeof *lack);
    if (!units || !lack)
        goto nomem;
    for (int t = 0; t < T; t++) {
        int released = kind == BE_BASELINE_ON_RELEASE ? released_in(m, t) : -1;
        double capacity = 0.0, power = 0.0;
        for (int k = 0; k < K; k++)
            units[k] = 0.0;
        for (int j = 0; j < J; j++) {
            const be_cohort *c = &m->cohorts[j];
            if (t < c->start || t > c->end)
                continue;
            /* held before the retirements at the start of t */
            double h = c->fleet_entry >= 0 ? c->count
                     : p->buy[c->start * K + c->device];
            for (int s = c->start; s < t; s++)
                h -= p->retire[s * J + j];
            if (h <= 0)
                continue;
            int age = c->age0 + (t - c->start);
            int bought_now = c->fleet_entry < 0 && t == c->start;
            int out = t == c->end ||
                      (!bought_now && released >= 0 && c->device != released) ||
                      (!bought_now && kind == BE_BASELINE_FIXED_AGE &&
                       age * m->dt >= age_years - 1e-9);
            if (out) {
                p->retire[t * J + j] = h;
                continue;
            }
            if (W == 1)
                capacity += be__capacity_of(m, c->device, 0, t, h);
            units[c->device] += h;
            power += be__units_kw(m, c->device, t, h);
        }
        if (be__lacking(m, t, units, capacity, lack) < 0)
            goto nomem;
        for (int w = 0; w < W; w++) {
            if (!(lack[w] > 0.0))
                continue;
            double n;
            int k = be__cover(m, w, t, lack[w], power, &n);
            if (k >= 0) {
                if (m->devices[k].rented)
                    p->rent[t * K + k] += n;
                else
                    p->buy[t * K + k] += n;
                power += be__units_kw(m, k, t, n);
            }
        }
    }
    free(units);
    free(lack);
    /* people sell what their units serve beyond the demand (and, with
     * workloads, split them as well as they can) */
    if (!be__plan_sell_spare(m, p)) {
        be_plan_free(p);
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    return p;
nomem:
    free(units);
    free(lack);
    be_plan_free(p);
    be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    return NULL;
}
