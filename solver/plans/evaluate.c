/*
 * evaluate.c -- prices any schedule directly from the model, without the
 * LP, and says whether it is feasible.
 *
 * This is a plain simulation of the README's "Semantics", written to be
 * read next to it and checked by hand.  The LP builder (lp.c) prices one
 * variable at a time; here the units of each cohort are followed period by
 * period and every cash flow is booked in its category and period.  The
 * two share only the per-unit definitions of model.c (O&M rate, energy
 * cost, resale value, book value), so that "the LP's objective equals the
 * evaluated cost of the LP's schedule" is a real check, and the rules of
 * rules.c (what a unit counts for in the demand, power and budget rows,
 * and their limits), which every plan is judged by.
 *
 * Cash flows, with d(t) the discount factor and tau the tax rate (0
 * without finance), all counted at the start of their period:
 *   purchase of n units in t       n price(t) d(t)             (no tax)
 *   n units held during t, age a   n (om(a) dt + energy(t)) d(t), of which
 *                                  tau is given back in `taxes`, and
 *                                  -tau n (B(a) - B(a+1)) d(t) depreciation
 *   n units retired at t, age a    -n R(a) d(t) resale, and a tax on the
 *                                  gain  tau n (R(a) - B(a)) d(t)
 *   n units held at the start of T as a retirement at T (with salvage), or
 *                                  worth nothing (end_of_horizon: none)
 *   n units rented in t            n rent(t) dt d(t), tau given back
 *   work served in t               -price(t) dt served(t) d(t) revenue,
 *                                  served = demand + sell, and a tax of
 *                                  tau on it (docs/returns.md)
 *
 * How an infeasible plan is priced (it is still priced, and the first
 * violation by period is reported):
 * - A negative or non-finite buy, rent or retire is a holdings violation
 *   and counts as 0.
 * - Retiring more than is held (nothing is held before a cohort starts,
 *   in a bought cohort's purchase period, or after its lifetime) is a
 *   holdings violation; what is held is retired.
 * - Buying or renting what is not on offer then is an availability
 *   violation; those units are ignored (they have no cohort and no price).
 * - Selling more than the market leaves beyond the demand (anything
 *   without a market) is a market violation; the sale counts as what the
 *   market leaves.
 * Counts are compared with an absolute tolerance of 1e-6 units; demand,
 * power cap and budget with 1e-6 * max(1, limit) (BE__LIMIT_TOL).
 */
#include "model/rules.h"
#include "plans/plans.h"
#include "plans/baselines.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Tolerance on unit counts: below this a negative count or an excess
 * retirement is taken for rounding noise of the solver. */
#define UNIT_TOL BE_UNIT_TOL

/* ---- plans ---- */

be_plan *be_plan_new(const be_model *m)
{
    if (!m)
        return NULL;
    be_plan *p = be__calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->periods = m->T;
    p->devices = m->n_devices;
    p->cohorts = m->n_cohorts;
    p->workloads = m->W;
    size_t T = (size_t)m->T, W = (size_t)m->W;
    p->buy = be__calloc(T * (size_t)m->n_devices, sizeof *p->buy);
    p->rent = be__calloc(T * (size_t)m->n_devices, sizeof *p->rent);
    p->retire = be__calloc(T * (size_t)m->n_cohorts, sizeof *p->retire);
    p->sell = be__calloc(T * W, sizeof *p->sell);
    p->share = be__calloc(T * (size_t)m->n_devices * W, sizeof *p->share);
    if (!p->buy || !p->rent || !p->retire || !p->sell || !p->share) {
        be_plan_free(p);
        return NULL;
    }
    return p;
}

void be_plan_free(be_plan *p)
{
    if (!p)
        return;
    free(p->buy);
    free(p->rent);
    free(p->retire);
    free(p->sell);
    free(p->share);
    free(p);
}

be_plan *be__plan_copy(const be_model *m, const be_plan *p)
{
    be_plan *q = be_plan_new(m);
    if (!q)
        return NULL;
    size_t tk = (size_t)m->T * (size_t)m->n_devices;
    size_t tj = (size_t)m->T * (size_t)m->n_cohorts;
    memcpy(q->buy, p->buy, tk * sizeof *q->buy);
    memcpy(q->rent, p->rent, tk * sizeof *q->rent);
    memcpy(q->retire, p->retire, tj * sizeof *q->retire);
    size_t tw = (size_t)m->T * (size_t)m->W;
    memcpy(q->sell, p->sell, tw * sizeof *q->sell);
    memcpy(q->share, p->share, tk * (size_t)m->W * sizeof *q->share);
    q->relaxed = p->relaxed;
    return q;
}

int be__plan_sell_spare(const be_model *m, be_plan *p)
{
    if (m->W > 1)
        return be_plan_split(m, p, NULL) == BE_OK;
    if (!m->has_market)
        return 1;
    memset(p->sell, 0, (size_t)m->T * sizeof *p->sell);
    be_eval *e = be_evaluate(m, p, NULL);
    if (!e)
        return 0;
    for (int t = 0; t < m->T; t++)
        p->sell[t] = be__best_sell(m, 0, t, e->capacity[t]);
    be_eval_free(e);
    return 1;
}

int be__lacking(const be_model *m, int t, const double *units,
                double capacity, double *lack)
{
    int W = m->W;
    if (W == 1) {
        lack[0] = be__demand_covered(m, 0, t, capacity)
                ? 0.0 : be__shortfall(m, 0, t, capacity);
        return lack[0] == 0.0;
    }
    /* what is left short goes where it is cheapest to cover: weighted by
     * the lowest annual cost of a unit of its throughput on offer in t
     * (plans/baselines.h be__capacity_cost), 1 where nothing is */
    double *share = be__calloc((size_t)m->n_devices * W, sizeof *share);
    double *weight = be__calloc((size_t)W, sizeof *weight);
    int met = -1;
    if (share && weight) {
        for (int w = 0; w < W; w++) {
            double q = INFINITY;
            for (int k = 0; k < m->n_devices; k++)
                q = fmin(q, be__capacity_cost(m, k, w, t));
            weight[w] = isfinite(q) && q > 0.0 ? q : 1.0;
        }
        met = be__split_weighted(m, t, units, share, NULL, lack, weight);
    }
    free(share);
    free(weight);
    return met;
}

be_code be_plan_split(const be_model *m, be_plan *p, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!m || !p || p->periods != m->T || p->devices != m->n_devices ||
        p->cohorts != m->n_cohorts || p->workloads != m->W)
        return be__fail(err, BE_EARG, m ? m->file : "", nowhere,
                        "be_plan_split: the plan is not of this model");
    int T = m->T, K = m->n_devices, W = m->W;
    be_eval *e = be_evaluate(m, p, err);
    if (!e)
        return err ? err->code : BE_ENOMEM;
    double *sell = be__calloc((size_t)W, sizeof *sell);
    be_code rc = sell ? BE_OK : BE_ENOMEM;
    for (int t = 0; !rc && t < T; t++) {
        double *share = p->share + (size_t)t * K * W;
        if (be__split(m, t, e->in_service + (size_t)t * K, share, sell,
                      NULL) < 0)
            rc = BE_ENOMEM;
        for (int w = 0; w < W; w++)
            p->sell[t * W + w] = m->has_market ? sell[w] : 0.0;
    }
    free(sell);
    be_eval_free(e);
    if (rc)
        be__fail(err, rc, m->file, nowhere, "out of memory");
    return rc;
}

/* ---- evaluations ---- */

const char *be_violation_name(be_violation v)
{
    switch (v) {
    case BE_FEASIBLE_PLAN: return "feasible";
    case BE_VIOLATES_DEMAND: return "demand";
    case BE_VIOLATES_POWER: return "power cap";
    case BE_VIOLATES_BUDGET: return "budget";
    case BE_VIOLATES_HOLDINGS: return "holdings";
    case BE_VIOLATES_AVAILABILITY: return "availability";
    case BE_VIOLATES_INTEGRALITY: return "integrality";
    case BE_VIOLATES_MARKET: return "market";
    case BE_VIOLATES_SHARES: return "shares";
    }
    return "unknown violation";
}

void be_eval_free(be_eval *e)
{
    if (!e)
        return;
    free(e->period_cost);
    free(e->in_service);
    free(e->bought);
    free(e->retired);
    free(e->capacity);
    free(e->power_kw);
    free(e->spend);
    free(e->held_at_end);
    free(e->retired_early);
    free(e->end_of_life);
    free(e->served);
    free(e->workload_capacity);
    free(e->share);
    free(e);
}

static be_eval *eval_new(int T, int K, int W)
{
    be_eval *e = be__calloc(1, sizeof *e);
    if (!e)
        return NULL;
    size_t nt = (size_t)T, ntk = (size_t)T * (size_t)K;
    e->periods = T;
    e->devices = K;
    e->period_cost = be__calloc(nt, sizeof *e->period_cost);
    e->in_service = be__calloc(ntk, sizeof *e->in_service);
    e->bought = be__calloc(ntk, sizeof *e->bought);
    e->retired = be__calloc(ntk, sizeof *e->retired);
    e->capacity = be__calloc(nt, sizeof *e->capacity);
    e->power_kw = be__calloc(nt, sizeof *e->power_kw);
    e->spend = be__calloc(nt, sizeof *e->spend);
    e->held_at_end = be__calloc((size_t)K, sizeof *e->held_at_end);
    e->retired_early = be__calloc(ntk, sizeof *e->retired_early);
    e->end_of_life = be__calloc(ntk, sizeof *e->end_of_life);
    e->workloads = W;
    e->served = be__calloc(nt * (size_t)W, sizeof *e->served);
    e->workload_capacity = be__calloc(nt * (size_t)W,
                                      sizeof *e->workload_capacity);
    e->share = be__calloc(ntk * (size_t)W, sizeof *e->share);
    if (!e->served || !e->workload_capacity || !e->share || !e->period_cost || !e->in_service || !e->bought || !e->retired ||
        !e->capacity || !e->power_kw || !e->spend || !e->held_at_end ||
        !e->retired_early || !e->end_of_life) {
        be_eval_free(e);
        return NULL;
    }
    e->violation = BE_FEASIBLE_PLAN;
    e->violation_period = -1;
    e->violation_device = -1;
    e->violation_workload = -1;
    e->first_replacement = -1;
    return e;
}

/* A replacement: units retired before the end of their life and units
 * bought in one period (docs/plans.md, "Payback"). */
int be__replacement_at(const be_eval *e, int t)
{
    int early = 0, buys = 0, K = e->devices;
    for (int k = 0; k < K; k++) {
        early |= e->retired_early[t * K + k] > UNIT_TOL;
        buys |= e->bought[t * K + k] > UNIT_TOL;
    }
    return early && buys;
}

/* ---- violations ---- */

/* Within one period, violations are reported in this order. */
static int violation_rank(be_violation v)
{
    switch (v) {
    case BE_VIOLATES_HOLDINGS: return 0;
    case BE_VIOLATES_AVAILABILITY: return 1;
    case BE_VIOLATES_INTEGRALITY: return 2;
    case BE_VIOLATES_MARKET: return 3;
    case BE_VIOLATES_SHARES: return 4;
    case BE_VIOLATES_DEMAND: return 5;
    case BE_VIOLATES_POWER: return 6;
    case BE_VIOLATES_BUDGET: return 7;
    case BE_FEASIBLE_PLAN: break;
    }
    return 8;
}

/* Keep v if it comes before the one recorded: earlier period, or the same
 * period and an earlier kind.  Ties keep the first one noted. */
static void note_workload(be_eval *e, be_violation v, int t, int device,
                          int workload, double amount)
{
    if (e->violation != BE_FEASIBLE_PLAN &&
        (t > e->violation_period ||
         (t == e->violation_period &&
          violation_rank(v) >= violation_rank(e->violation))))
        return;
    e->violation = v;
    e->violation_period = t;
    e->violation_device = device;
    e->violation_workload = workload;
    e->violation_amount = amount;
}

static void note(be_eval *e, be_violation v, int t, int device, double amount)
{
    note_workload(e, v, t, device, -1, amount);
}

/* A count from the plan as used for costs: negative or non-finite counts
 * are a holdings violation and count as 0; noise below UNIT_TOL is 0. */
static double count_of(be_eval *e, double v, int t, int device)
{
    if (!isfinite(v) || v < -UNIT_TOL) {
        note(e, BE_VIOLATES_HOLDINGS, t, device, isfinite(v) ? -v : v);
        return 0.0;
    }
    return v > 0.0 ? v : 0.0;
}

static int fractional(double v)
{
    return fabs(v - nearbyint(v)) > 1e-6;
}

/* ---- the simulation ---- */

/* n units of cohort c leave the fleet at the start of period t (t may be
 * T: the horizon's end), at `age` periods: proceeds R(age) d(t) and the
 * tax tau (R - B) d(t) on the gain over the book value B, added to
 * *proceeds and *taxes (the caller picks the period they are booked in). */
static void sell(const be_model *m, const be_cohort *c, int t, int age,
                 double n, double tau, double *proceeds, double *taxes)
{
    double R = be__resale_value(m, c, age);
    double B = be__book_value(m, c, age);
    *proceeds += n * R * m->discount[t];
    *taxes += tau * n * (R - B) * m->discount[t];
}

/* Purchases and rentals, per device and period. */
static void price_purchases(const be_model *m, const be_plan *p, double tau,
                            be_eval *e)
{
    int K = m->n_devices;
    for (int t = 0; t < m->T; t++) {
        be_costs *pc = &e->period_cost[t];
        double d = m->discount[t];
        for (int k = 0; k < K; k++) {
            const be_device *dev = &m->devices[k];
            double buy = count_of(e, p->buy[t * K + k], t, k);
            double rent = count_of(e, p->rent[t * K + k], t, k);
            if (buy > UNIT_TOL && be__cohort_of(m, k, t) < 0)
                note(e, BE_VIOLATES_AVAILABILITY, t, k, buy);
            else if (buy > 0.0 && be__cohort_of(m, k, t) >= 0) {
                e->bought[t * K + k] = buy;
                e->spend[t] += be__units_spend(m, k, t, buy);
                pc->purchases += buy * dev->price[t] * d;
            }
            int rentable = dev->rented && t >= dev->avail_from &&
                           t <= dev->avail_to;
            if (rent > UNIT_TOL && !rentable)
                note(e, BE_VIOLATES_AVAILABILITY, t, k, rent);
            else if (rent > 0.0 && rentable) {
                double cost = rent * dev->rent[t] * m->dt * d;
                pc->rent += cost;
                pc->taxes -= tau * cost;
                e->in_service[t * K + k] += rent;
                if (m->W == 1)
                    e->capacity[t] += be__capacity_of(m, k, 0, t, rent);
            }
        }
    }
}

/* Follow the units of cohort j from its start to the horizon's end. */
static void simulate_cohort(const be_model *m, const be_plan *p, int j,
                            double tau, be_eval *e)
{
    const be_cohort *c = &m->cohorts[j];
    const be_device *dev = &m->devices[c->device];
    int k = c->device, K = m->n_devices, J = m->n_cohorts, T = m->T;
    int bought = c->fleet_entry < 0;

    /* Nothing is held before a bought cohort starts. */
    for (int t = 0; t < c->start && t < T; t++) {
        double r = count_of(e, p->retire[t * J + j], t, k);
        if (r > UNIT_TOL)
            note(e, BE_VIOLATES_HOLDINGS, t, k, r);
    }

    double held = bought ? e->bought[c->start * K + k] : c->count;
    for (int t = c->start; t < T; t++) {
        be_costs *pc = &e->period_cost[t];
        double d = m->discount[t];
        int age = c->age0 + (t - c->start);

        /* Retirements at the start of t: what the plan says, at most what
         * may be retired (nothing in a bought cohort's purchase period);
         * everything at the end of its lifetime. */
        double r = count_of(e, p->retire[t * J + j], t, k);
        double retirable = bought && t == c->start ? 0.0 : held;
        if (r > retirable + UNIT_TOL * fmax(1.0, retirable))
            note(e, BE_VIOLATES_HOLDINGS, t, k, r - retirable);
        double out = t >= c->end ? held : fmin(r, retirable);
        if (out > 0.0) {
            sell(m, c, t, age, out, tau, &pc->resale, &pc->taxes);
            e->retired[t * K + k] += out;
            if (t >= c->end)
                e->end_of_life[t * K + k] += out;
            else
                e->retired_early[t * K + k] += out;
            held -= out;
        }

        /* The units held run through period t. */
        if (held > 0.0) {
            double om = held * be__om_rate(m, dev, age) * m->dt * d;
            double energy = held * be__energy_cost(m, dev, t) * d;
            double depreciation = held * (be__book_value(m, c, age) -
                                          be__book_value(m, c, age + 1)) * d;
            pc->om += om;
            pc->energy += energy;
            pc->taxes -= tau * (om + energy) + tau * depreciation;
            e->in_service[t * K + k] += held;
            if (m->W == 1)
                e->capacity[t] += be__capacity_of(m, k, 0, t, held);
            e->power_kw[t] += be__units_kw(m, k, t, held);
        }
    }

    /* Units still held at the start of T: salvage, booked in T-1. */
    if (held > 0.0 && T > 0) {
        e->held_at_end[k] += held;
        if (m->salvage) {
            be_costs *pc = &e->period_cost[T - 1];
            sell(m, c, T, c->age0 + (T - c->start), held, tau, &pc->salvage,
                 &pc->taxes);
        }
    }
}

/* Which workload each unit serves (docs/workloads.md): a device that
 * serves one workload gives it all its units in service; the others
 * follow the plan's shares, which must be >= 0, go only to workloads the
 * device serves, and add up to at most its units in service.  The
 * capacity of each workload follows.  One workload: all of it. */
static void split_units(const be_model *m, const be_plan *p, be_eval *e)
{
    int T = m->T, K = m->n_devices, W = m->W;
    for (int t = 0; t < T; t++) {
        if (W == 1) {
            e->workload_capacity[t] = e->capacity[t];
            for (int k = 0; k < K; k++)
                e->share[t * K + k] = e->in_service[t * K + k];
            continue;
        }
        double *cap = e->workload_capacity + (size_t)t * W;
        for (int k = 0; k < K; k++) {
            double n = e->in_service[t * K + k];
            double *share = e->share + ((size_t)t * K + k) * W;
            const double *given = p->share + ((size_t)t * K + k) * W;
            int sole = be__sole_workload(m, k);
            if (sole >= 0) {
                share[sole] = n;
                cap[sole] += be__capacity_of(m, k, sole, t, n);
                continue;
            }
            double used = 0.0;
            for (int w = 0; w < W; w++) {
                double a = given[w];
                if (!isfinite(a) || a < -UNIT_TOL) {
                    note_workload(e, BE_VIOLATES_SHARES, t, k, w,
                                  isfinite(a) ? -a : a);
                    continue;
                }
                a = a > 0.0 ? a : 0.0;
                if (a > UNIT_TOL && be__unit_capacity(m, k, w, t) <= 0.0) {
                    note_workload(e, BE_VIOLATES_SHARES, t, k, w, a);
                    continue;
                }
                share[w] = a;
                used += a;
                cap[w] += be__capacity_of(m, k, w, t, a);
            }
            if (used > n + UNIT_TOL * fmax(1.0, n))
                note(e, BE_VIOLATES_SHARES, t, k, used - n);
        }
        for (int w = 0; w < W; w++)
            e->capacity[t] += cap[w];
    }
}

/* The work served and its revenue: demand(w,t) + sell(w,t), the sale
 * within what the market leaves beyond the demand. */
static void price_revenue(const be_model *m, const be_plan *p, double tau,
                          be_eval *e)
{
    int W = m->W;
    for (int t = 0; t < m->T; t++) {
        be_costs *pc = &e->period_cost[t];
        for (int w = 0; w < W; w++) {
            double most = m->has_market ? be__sell_most(m, w, t) : 0.0;
            double sell = count_of(e, p->sell[t * W + w], t, -1);
            if (sell > most + UNIT_TOL * fmax(1.0, most))
                note_workload(e, BE_VIOLATES_MARKET, t, -1, w, sell - most);
            sell = fmin(sell, most);
            double *served = &e->served[t * W + w];
            *served = be__demand(m, w, t) + sell;
            double revenue = be__price(m, w, t) * m->dt * *served *
                             m->discount[t];
            pc->revenue += revenue;
            pc->taxes += tau * revenue;
            e->work += m->dt * *served * m->discount[t];
        }
    }
}

/* Integrality, demand, power cap and budget, period by period. */
static void check_limits(const be_model *m, const be_plan *p, be_eval *e)
{
    int K = m->n_devices, J = m->n_cohorts;
    for (int t = 0; t < m->T; t++) {
        if (m->integer && !p->relaxed) {
            for (int k = 0; k < K; k++) {
                double b = p->buy[t * K + k], r = p->rent[t * K + k];
                if (fractional(b))
                    note(e, BE_VIOLATES_INTEGRALITY, t, k,
                         fabs(b - nearbyint(b)));
                if (fractional(r))
                    note(e, BE_VIOLATES_INTEGRALITY, t, k,
                         fabs(r - nearbyint(r)));
            }
            for (int j = 0; j < J; j++) {
                double r = p->retire[t * J + j];
                if (fractional(r))
                    note(e, BE_VIOLATES_INTEGRALITY, t,
                         m->cohorts[j].device, fabs(r - nearbyint(r)));
            }
        }
        for (int w = 0; w < m->W; w++) {
            double served = e->served[t * m->W + w];
            double cap = e->workload_capacity[t * m->W + w];
            if (be__demand_unmet(m, w, t, cap))
                note_workload(e, BE_VIOLATES_DEMAND, t, -1, w,
                              be__shortfall(m, w, t, cap));
            else if (cap < served - BE__LIMIT_TOL * fmax(1.0, served))
                note_workload(e, BE_VIOLATES_DEMAND, t, -1, w, served - cap);
        }
        if (be__power_over(m, t, e->power_kw[t]))
            note(e, BE_VIOLATES_POWER, t, -1,
                 e->power_kw[t] - be__power_cap(m, t));
        if (be__budget_over(m, t, e->spend[t]))
            note(e, BE_VIOLATES_BUDGET, t, -1,
                 e->spend[t] - be__budget(m, t));
    }
}

static void add_costs(be_costs *sum, const be_costs *c)
{
    sum->purchases += c->purchases;
    sum->energy += c->energy;
    sum->om += c->om;
    sum->rent += c->rent;
    sum->taxes += c->taxes;
    sum->resale += c->resale;
    sum->salvage += c->salvage;
    sum->revenue += c->revenue;
    sum->total += c->total;
}

be_eval *be_evaluate(const be_model *m, const be_plan *p, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!m || !p) {
        be__fail(err, BE_EARG, m ? m->file : "", nowhere,
                 "no %s to evaluate", m ? "plan" : "model");
        return NULL;
    }
    if (p->periods != m->T || p->devices != m->n_devices ||
        p->cohorts != m->n_cohorts || p->workloads != m->W || !p->buy ||
        !p->rent || !p->retire || !p->sell || !p->share) {
        if (p->workloads == m->W)
            be__fail(err, BE_EARG, m->file, nowhere,
                     "the plan has %d periods, %d devices and %d cohorts; "
                     "the model has %d, %d and %d",
                     p->periods, p->devices, p->cohorts, m->T, m->n_devices,
                     m->n_cohorts);
        else
            be__fail(err, BE_EARG, m->file, nowhere,
                     "the plan has %d workloads, the model %d",
                     p->workloads, m->W);
        return NULL;
    }
    be_eval *e = eval_new(m->T, m->n_devices, m->W);
    if (!e) {
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    double tau = m->has_tax ? m->tax_rate : 0.0;

    price_purchases(m, p, tau, e);
    for (int j = 0; j < m->n_cohorts; j++)
        simulate_cohort(m, p, j, tau, e);
    split_units(m, p, e);
    price_revenue(m, p, tau, e);
    check_limits(m, p, e);

    for (int t = 0; t < m->T; t++) {
        be_costs *pc = &e->period_cost[t];
        pc->total = pc->purchases + pc->energy + pc->om + pc->rent +
                    pc->taxes - pc->resale - pc->salvage - pc->revenue;
        add_costs(&e->cost, pc);
    }
    e->net_present_value = -e->cost.total;
    e->net_present_cost = e->cost.total + (1.0 - tau) * e->cost.revenue;
    e->levelized_cost = e->work > 0.0
                      ? e->net_present_cost / ((1.0 - tau) * e->work) : NAN;
    for (int t = m->T - 1; t >= 0; t--)
        if (be__replacement_at(e, t))
            e->first_replacement = t;
    return e;
}
