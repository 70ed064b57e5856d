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
#include "model/small_lp.h"

#include <stdlib.h>
#include <string.h>

#include <math.h>

/* x passes the upper limit `limit` beyond the evaluator's tolerance:
 * x > limit + BE__LIMIT_TOL max(1, |limit|). */
static int over(double x, double limit)
{
    return x > limit + BE__LIMIT_TOL * fmax(1.0, fabs(limit));
}

/* ---- demand ---- */

double be__demand(const be_model *m, int w, int t)
{
    return m->demand[(size_t)w * m->T + t];
}

double be__total_demand(const be_model *m, int t)
{
    double d = 0.0;
    for (int w = 0; w < m->W; w++)
        d += be__demand(m, w, t);
    return d;
}

double be__unit_capacity(const be_model *m, int k, int w, int t)
{
    (void)t;
    return m->devices[k].serve[w];
}

double be__capacity_of(const be_model *m, int k, int w, int t, double n)
{
    return n * be__unit_capacity(m, k, w, t);
}

int be__sole_workload(const be_model *m, int k)
{
    const be_device *d = &m->devices[k];
    if (d->n_serve != 1)
        return -1;
    for (int w = 0; w < m->W; w++)
        if (d->serve[w] > 0.0)
            return w;
    return -1;
}

double be__shortfall(const be_model *m, int w, int t, double capacity)
{
    return be__demand(m, w, t) - capacity;
}

int be__shortfall_negligible(const be_model *m, int w, int t,
                             double shortfall)
{
    return shortfall <= BE__SHORT_TOL * fmax(1.0, be__demand(m, w, t));
}

int be__demand_covered(const be_model *m, int w, int t, double capacity)
{
    return be__shortfall_negligible(m, w, t, be__shortfall(m, w, t, capacity));
}

int be__demand_unmet(const be_model *m, int w, int t, double capacity)
{
    double demand = be__demand(m, w, t);
    return capacity < demand - BE__LIMIT_TOL * fmax(1.0, demand);
}

/* ---- revenue: work sold beyond the demand ---- */

double be__market(const be_model *m, int w, int t)
{
    return m->has_market ? m->market[(size_t)w * m->T + t]
                         : be__demand(m, w, t);
}

double be__price(const be_model *m, int w, int t)
{
    return m->has_revenue ? m->revenue_price[(size_t)w * m->T + t] : 0.0;
}

double be__sell_most(const be_model *m, int w, int t)
{
    return fmax(0.0, be__market(m, w, t) - be__demand(m, w, t));
}

int be__sells(const be_model *m, int w, int t)
{
    return m->has_market && be__price(m, w, t) > 0.0 &&
           be__sell_most(m, w, t) > 0.0;
}

double be__sell_value(const be_model *m, int w, int t)
{
    double tau = m->has_tax ? m->tax_rate : 0.0;
    return (1.0 - tau) * be__price(m, w, t) * m->dt * m->discount[t];
}

double be__best_sell(const be_model *m, int w, int t, double capacity)
{
    if (!be__sells(m, w, t))
        return 0.0;
    return fmin(be__sell_most(m, w, t),
                fmax(0.0, capacity - be__demand(m, w, t)));
}

double be__units_for_market(const be_model *m, int k, int t,
                            const double *market)
{
    double units = 0.0;
    for (int w = 0; w < m->W; w++) {
        double c = be__unit_capacity(m, k, w, t);
        if (c > 0.0)
            units += (market ? market[(size_t)w * m->T + t]
                             : be__market(m, w, t)) / c;
    }
    return units;
}

/* ---- the split of units between workloads ---- */

/*
 * Two small LPs over the devices that serve several workloads (the
 * others give their workload all their units), with r(w) = D(w,t) less
 * what those others give w:
 *   1. least shortfall: min sum_w u_w / max(1, D(w,t)) (or, weighted,
 *      sum_w weight(w) u_w)
 *        sum_k serve(k,w) a_kw + u_w >= r(w),  sum_w a_kw <= n_k;
 *      when it is above rounding noise the demand cannot be met;
 *   2. best sale: max sum_w value(w) s_w
 *        sum_k serve(k,w) a_kw - s_w >= r(w),  s_w <= market - D,
 *        sum_w a_kw <= n_k.
 * Both are the period-t part of the cohort program with the holdings
 * fixed, so a plan priced with this split is what the LP would do with
 * the same units.
 */
typedef struct split_lp {
    int rows, cols;
    double *a, *rhs, *cost, *x;
    char *sense;
} split_lp;

static void split_free(split_lp *q)
{
    free(q->a);
    free(q->rhs);
    free(q->cost);
    free(q->x);
    free(q->sense);
}

static int split_alloc(split_lp *q, int rows, int cols)
{
    q->rows = rows;
    q->cols = cols;
    q->a = be__calloc((size_t)rows * (size_t)cols + 1, sizeof *q->a);
    q->rhs = be__calloc((size_t)rows + 1, sizeof *q->rhs);
    q->cost = be__calloc((size_t)cols + 1, sizeof *q->cost);
    q->x = be__calloc((size_t)cols + 1, sizeof *q->x);
    q->sense = be__calloc((size_t)rows + 1, 1);
    return q->a && q->rhs && q->cost && q->x && q->sense;
}

int be__split(const be_model *m, int t, const double *units, double *share,
              double *sell, double *short_)
{
    return be__split_weighted(m, t, units, share, sell, short_, NULL);
}

int be__split_weighted(const be_model *m, int t, const double *units,
                       double *share, double *sell, double *short_,
                       const double *weight)
{
    int K = m->n_devices, W = m->W;
    double *r = be__calloc((size_t)W, sizeof *r);
    int *col = be__calloc((size_t)K * (size_t)W, sizeof *col);
    int *multi = be__calloc((size_t)K + 1, sizeof *multi);
    split_lp q = {0, 0, NULL, NULL, NULL, NULL, NULL};
    int met = -1, n_multi = 0, n_a = 0;
    if (!r || !col || !multi)
        goto done;
    for (int w = 0; w < W; w++)
        r[w] = be__demand(m, w, t);
    for (int k = 0; k < K; k++) {
        int only = be__sole_workload(m, k);
        for (int w = 0; w < W; w++) {
            share[k * W + w] = 0.0;
            col[k * W + w] = -1;
        }
        if (units[k] <= 0.0)
            continue;
        if (only >= 0 || W == 1) {
            int w = only >= 0 ? only : 0;
            share[k * W + w] = units[k];
            r[w] -= be__capacity_of(m, k, w, t, units[k]);
            continue;
        }
        multi[n_multi++] = k;
        for (int w = 0; w < W; w++)
            if (be__unit_capacity(m, k, w, t) > 0.0)
                col[k * W + w] = n_a++;
    }
    /* 1. least shortfall (no LP when nothing is split) */
    met = 1;
    int rows = W + n_multi;
    if (n_a > 0) {
        if (!split_alloc(&q, rows, n_a + W)) {
            met = -1;
            goto done;
        }
        for (int w = 0; w < W; w++) {
            q.sense[w] = 'G';
            q.rhs[w] = r[w];
            q.a[(size_t)w * q.cols + n_a + w] = 1.0;
            q.cost[n_a + w] = weight ? weight[w]
                                     : 1.0 / fmax(1.0, be__demand(m, w, t));
        }
        for (int i = 0; i < n_multi; i++) {
            int k = multi[i];
            q.sense[W + i] = 'L';
            q.rhs[W + i] = units[k];
            for (int w = 0; w < W; w++)
                if (col[k * W + w] >= 0) {
                    q.a[(size_t)w * q.cols + col[k * W + w]] =
                        be__unit_capacity(m, k, w, t);
                    q.a[(size_t)(W + i) * q.cols + col[k * W + w]] = 1.0;
                }
        }
        be__slp_status st = be__small_lp(q.rows, q.cols, q.a, q.sense, q.rhs,
                                         q.cost, q.x, NULL);
        if (st != BE__SLP_OPTIMAL) {
            met = st == BE__SLP_NOMEM ? -1 : 0;
            goto done;
        }
        for (int w = 0; w < W; w++) {
            double u = q.x[n_a + w];
            if (!be__shortfall_negligible(m, w, t, u))
                met = 0;
            if (short_)
                short_[w] = be__shortfall_negligible(m, w, t, u) ? 0.0 : u;
        }
    } else {
        for (int w = 0; w < W; w++) {
            if (!be__shortfall_negligible(m, w, t, r[w]))
                met = 0;
            if (short_)
                short_[w] = be__shortfall_negligible(m, w, t, r[w]) ? 0.0
                                                                    : r[w];
        }
    }
    if (!met) {
        for (int i = 0; i < n_multi; i++)
            for (int w = 0; w < W; w++)
                if (col[multi[i] * W + w] >= 0)
                    share[multi[i] * W + w] = q.x[col[multi[i] * W + w]];
        if (sell)
            for (int w = 0; w < W; w++)
                sell[w] = 0.0;
        goto done;
    }
    /* 2. the best sale, over the same rows: u_w becomes -s_w, bounded by
     * the market (a row each) */
    if (n_a > 0) {
        int any = 0;
        for (int w = 0; w < W; w++)
            any |= be__sells(m, w, t);
        split_lp b = {0, 0, NULL, NULL, NULL, NULL, NULL};
        if (!any) {
            for (int i = 0; i < n_multi; i++)
                for (int w = 0; w < W; w++)
                    if (col[multi[i] * W + w] >= 0)
                        share[multi[i] * W + w] = q.x[col[multi[i] * W + w]];
        } else {
            if (!split_alloc(&b, rows + W, n_a + W)) {
                met = -1;
                goto done;
            }
            memcpy(b.a, q.a, (size_t)rows * (size_t)q.cols * sizeof *b.a);
            memcpy(b.rhs, q.rhs, (size_t)rows * sizeof *b.rhs);
            memcpy(b.sense, q.sense, (size_t)rows);
            for (int w = 0; w < W; w++) {
                b.a[(size_t)w * b.cols + n_a + w] = -1.0;
                b.a[(size_t)(rows + w) * b.cols + n_a + w] = 1.0;
                b.sense[rows + w] = 'L';
                b.rhs[rows + w] = be__sells(m, w, t) ? be__sell_most(m, w, t)
                                                     : 0.0;
                b.cost[n_a + w] = -be__sell_value(m, w, t);
            }
            /* the demand exactly; when step 1 met it only to rounding
             * noise, within that noise (never more, or the sale would
             * take work from the demand) */
            be__slp_status st = be__small_lp(b.rows, b.cols, b.a, b.sense,
                                             b.rhs, b.cost, b.x, NULL);
            if (st == BE__SLP_INFEASIBLE) {
                for (int w = 0; w < W; w++)
                    b.rhs[w] -= BE__SHORT_TOL *
                                fmax(1.0, be__demand(m, w, t));
                st = be__small_lp(b.rows, b.cols, b.a, b.sense, b.rhs, b.cost,
                                  b.x, NULL);
            }
            if (st != BE__SLP_OPTIMAL) {
                split_free(&b);
                met = st == BE__SLP_NOMEM ? -1 : 0;
                goto done;
            }
            for (int i = 0; i < n_multi; i++)
                for (int w = 0; w < W; w++)
                    if (col[multi[i] * W + w] >= 0)
                        share[multi[i] * W + w] = b.x[col[multi[i] * W + w]];
            if (sell)
                for (int w = 0; w < W; w++)
                    sell[w] = b.x[n_a + w];
            split_free(&b);
            goto done;
        }
    }
    if (sell)
        for (int w = 0; w < W; w++) {
            double cap = be__demand(m, w, t) - r[w];
            for (int i = 0; i < n_multi; i++) {
                int k = multi[i];
                cap += be__capacity_of(m, k, w, t, share[k * W + w]);
            }
            sell[w] = be__best_sell(m, w, t, cap);
        }
done:
    split_free(&q);
    free(r);
    free(col);
    free(multi);
    return met;
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

double be__capacity_per_kw(const be_model *m, int k, int w, int t)
{
    double kw = m->devices[k].power_kw;
    return kw > 0.0 ? be__unit_capacity(m, k, w, t) / kw : INFINITY;
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
