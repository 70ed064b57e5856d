/*
 * rules.c -- the meaning of each constraint of the model, written once
 * (rules.h; README "Semantics").
 *
 * Every function is one fact about one row family: a coefficient, a
 * limit, what a holding uses of it or leaves.  The evaluator, the LP
 * builder, the plans built without the LP and the diagnosis ask here, so
 * a change to what a row means (a cap per site, a demand per workload) is
 * made in this file and in the callers that need the new dimension.
 */
#include "model/rules.h"

#include <math.h>

/* x passes the upper limit `limit` beyond the evaluator's tolerance:
 * x > limit + BE__LIMIT_TOL max(1, |limit|). */
static int over(double x, double limit)
{
    return x > limit + BE__LIMIT_TOL * fmax(1.0, fabs(limit));
}

/* ---- demand ---- */

double be__demand(const be_model *m, int t)
{
    return m->demand[t];
}

double be__unit_capacity(const be_model *m, int k, int t)
{
    (void)t;
    return m->devices[k].throughput;
}

double be__capacity_of(const be_model *m, int k, int t, double n)
{
    return n * be__unit_capacity(m, k, t);
}

double be__shortfall(const be_model *m, int t, double capacity)
{
    return be__demand(m, t) - capacity;
}

int be__shortfall_negligible(const be_model *m, int t, double shortfall)
{
    return shortfall <= BE__SHORT_TOL * fmax(1.0, be__demand(m, t));
}

int be__demand_covered(const be_model *m, int t, double capacity)
{
    return be__shortfall_negligible(m, t, be__shortfall(m, t, capacity));
}

int be__demand_unmet(const be_model *m, int t, double capacity)
{
    double demand = be__demand(m, t);
    return capacity < demand - BE__LIMIT_TOL * fmax(1.0, demand);
}

/* ---- revenue: work sold beyond the demand ---- */

double be__market(const be_model *m, int t)
{
    return m->has_market ? m->market[t] : be__demand(m, t);
}

double be__price(const be_model *m, int t)
{
    return m->has_revenue ? m->revenue_price[t] : 0.0;
}

double be__sell_most(const be_model *m, int t)
{
    return fmax(0.0, be__market(m, t) - be__demand(m, t));
}

int be__sells(const be_model *m, int t)
{
    return m->has_market && be__price(m, t) > 0.0 && be__sell_most(m, t) > 0.0;
}

double be__sell_value(const be_model *m, int t)
{
    double tau = m->has_tax ? m->tax_rate : 0.0;
    return (1.0 - tau) * be__price(m, t) * m->dt * m->discount[t];
}

double be__best_sell(const be_model *m, int t, double capacity)
{
    if (!be__sells(m, t))
        return 0.0;
    return fmin(be__sell_most(m, t), fmax(0.0, capacity - be__demand(m, t)));
}

/* ---- the site power cap ---- */

int be__has_power_cap(const be_model *m)
{
    return m->has_power_cap;
}

double be__power_cap(const be_model *m, int t)
{
    return m->has_power_cap ? m->power_cap[t] : INFINITY;
}

double be__unit_kw(const be_model *m, int k, int t)
{
    (void)t;
    const be_device *d = &m->devices[k];
    return d->rented ? 0.0 : d->power_kw * m->pue;
}

double be__units_kw(const be_model *m, int k, int t, double n)
{
    (void)t;
    const be_device *d = &m->devices[k];
    return d->rented ? 0.0 : n * d->power_kw * m->pue;
}

double be__fleet_kw(const be_model *m, int t, const double *held,
                    size_t stride)
{
    double kw = 0.0;
    for (int j = 0; j < m->n_cohorts; j++)
        kw += be__units_kw(m, m->cohorts[j].device, t,
                           held[(size_t)j * stride]);
    return kw;
}

double be__capacity_per_kw(const be_model *m, int k, int t)
{
    double kw = m->devices[k].power_kw;
    return kw > 0.0 ? be__unit_capacity(m, k, t) / kw : INFINITY;
}

double be__power_left(const be_model *m, int t, double kw)
{
    return be__power_cap(m, t) - kw;
}

int be__power_over(const be_model *m, int t, double kw)
{
    return m->has_power_cap && over(kw, m->power_cap[t]);
}

/* ---- the budget ---- */

int be__has_budget(const be_model *m)
{
    return m->has_budget;
}

double be__budget(const be_model *m, int t)
{
    return m->has_budget ? m->budget[t] : INFINITY;
}

double be__unit_spend(const be_model *m, int k, int t)
{
    return m->devices[k].price[t];
}

double be__units_spend(const be_model *m, int k, int t, double n)
{
    return n * be__unit_spend(m, k, t);
}

int be__budget_over(const be_model *m, int t, double spend)
{
    return m->has_budget && over(spend, m->budget[t]);
}
