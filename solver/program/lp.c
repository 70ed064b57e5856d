/*
 * lp.c -- builds the cohort program of a model (see lp.h for the
 * variables and constraints, README "Semantics" for the costs).
 *
 * Each variable's objective coefficient is the discounted, after-tax cash
 * flow that one unit of it causes:
 *   buy[k,c]          price(c) d(c)
 *   hold[j,t], age a  ((1-tau)(om(a) dt + energy(t)) - tau (B(a) - B(a+1))) d(t)
 *                     and, in the last period with salvage, minus the value
 *                     of the unit at the start of T (as for retire below)
 *   retire[j,t], a    -((1-tau) R(a) + tau B(a)) d(t)
 *                     (proceeds R less the tax tau (R - B) on the gain)
 *   rent[k,t]         (1-tau) rent(t) dt d(t)
 *   sell[t]           -(1-tau) price(t) dt d(t)   (revenue of work sold
 *                     beyond the demand; the demand's own revenue is the
 *                     constant p->obj_const)
 * where B is the book value (0 without finance) and R the resale value.
 */
#include "program/lp.h"
#include "model/rules.h"

#include <limits.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct builder {
    const be_model *m;
    be_program *p;
    size_t col_cap, row_cap;
    int failed;
} builder;

static int add_col(builder *b, be_col_kind kind, int device, int cohort,
                   int period, int age, int integer, double cost)
{
    be_program *p = b->p;
    if (b->failed || p->n_cols == INT_MAX - 1 ||
        !be__grow((void **)&p->cols, &b->col_cap, (size_t)p->n_cols + 1,
              sizeof *p->cols)) {
        b->failed = 1;
        return -1;
    }
    be_col *c = &p->cols[p->n_cols];
    c->kind = kind;
    c->device = device;
    c->cohort = cohort;
    c->period = period;
    c->age = age;
    c->integer = integer;
    c->cost = cost;
    c->upper = INFINITY;
    c->workload = -1;
    return p->n_cols++;
}

static int add_row(builder *b, be_row_kind kind, int device, int cohort,
                   int period, int age, char sense, double rhs)
{
    be_program *p = b->p;
    if (b->failed || p->n_rows == INT_MAX - 1 ||
        !be__grow((void **)&p->rows, &b->row_cap, (size_t)p->n_rows + 1,
              sizeof *p->rows)) {
        b->failed = 1;
        return -1;
    }
    be_row *r = &p->rows[p->n_rows];
    r->kind = kind;
    r->device = device;
    r->cohort = cohort;
    r->period = period;
    r->age = age;
    r->sense = sense;
    r->rhs = rhs;
    r->workload = -1;
    return p->n_rows++;
}

static void add_entry(builder *b, int row, int col, double v)
{
    if (!b->failed && !be__program_add_entry(b->p, row, col, v))
        b->failed = 1;
}

/* After-tax value of selling one unit of cohort c at `age` in period t,
 * discounted: (1-tau) R + tau B, times d(t). */
static double sale_value(const be_model *m, const be_cohort *c, int age, int t)
{
    double tau = m->has_tax ? m->tax_rate : 0.0;
    double r = be__resale_value(m, c, age);
    double bv = be__book_value(m, c, age);
    return ((1.0 - tau) * r + tau * bv) * m->discount[t];
}

static double hold_cost(const be_model *m, const be_cohort *c, int age, int t)
{
    const be_device *d = &m->devices[c->device];
    double tau = m->has_tax ? m->tax_rate : 0.0;
    double run = be__om_rate(m, d, age) * m->dt + be__energy_cost(m, d, t);
    double dep = be__book_value(m, c, age) - be__book_value(m, c, age + 1);
    double cost = ((1.0 - tau) * run - tau * dep) * m->discount[t];
    if (t == m->T - 1 && m->salvage)
        cost -= sale_value(m, c, age + 1, m->T);
    return cost;
}

/* Fleet cohorts that would share a name with another cohort get a suffix. */
static int needs_suffix(const be_model *m, int j)
{
    const be_cohort *c = &m->cohorts[j];
    if (c->age0 == 0 && be__cohort_of(m, c->device, 0) >= 0)
        return 1;
    for (int i = 0; i < m->n_fleet; i++) {
        const be_cohort *o = &m->cohorts[i];
        if (i != j && o->device == c->device && o->age0 == c->age0)
            return 1;
    }
    return 0;
}

/*
 * Bounds.  Every integer column gets a finite upper bound: GLPK's MIR cut
 * generator skips every row that holds an integer column without one
 * (FIELD-NOTES), and the heuristic (rounding.c) rounds within them.
 * Tighter is better, but none may cut off every optimal plan
 * (docs/schema.md, "Bounds on whole units"):
 *
 *  - Implied bounds hold for every feasible plan.  A cohort's units only
 *    leave along its life (flow rows), so hold[t] <= hold[t'] for t' <= t:
 *    a fleet cohort holds at most its count; under a power cap, hold[t] <=
 *    floor(cap(t') / (power_kw pue)) for every t' from its start to t; a
 *    bought cohort holds at most what the budget of its purchase period
 *    buys, floor(budget(s) / price(s)).
 *  - The demand bound holds for some optimal plan.  M = ceil(max over t
 *    of sum_w market(w,t) / serve(k,w), the sum over the workloads w
 *    device k serves and the max over the periods of the horizon the
 *    cohort can live in; the market is the demand without a
 *    `revenue.market`; one workload: ceil(max market(t) / throughput))
 *    units of a cohort bought in s serve, alone, the most work of those
 *    workloads that can be served in any period it is in service
 *    (served(w,t) = demand(w,t) + sell(w,t) <= market(w,t)).  Take an
 *    optimal plan that holds more than M in some period and keep
 *    min(hold[t], M) instead, selling as before: still non-increasing, so
 *    still a plan; in every period where units were dropped, give the M
 *    that remain all the work of the workloads k serves (they need at
 *    most sum_w served(w,t) / serve(k,w) <= M units), and leave every
 *    other workload to the units that served it before (they only lose
 *    work); power and spending only fall; the revenue is unchanged.  The dropped units are whole cycles
 *    (bought in s, held, sold or valued at the horizon's end), and the
 *    loader refuses a model in which any such cycle has a negative net
 *    present cost (resale arbitrage, model.c, to 1e-9 of the price), so
 *    the new plan costs no more.  Rent is bounded the same way, per
 *    period: rent[k,t] <= ceil(sum_w market(w,t) / serve(k,w)), rents
 *    being >= 0.
 *    A fleet cohort gets no demand bound: keeping a unit already owned can
 *    cost less than selling it whatever the demand (a tax shield, a resale
 *    value that does not fall).
 *  - retire[t] <= the bound of hold[t-1] (or the count at the start): a
 *    continuous column, but implied the same way, and cheap.
 * Numbers within 1e-9 (relative) of a whole number are taken as it.
 */
static double floor_whole(double x)
{
    return floor(x + 1e-9 * fmax(1.0, fabs(x)));
}

static double ceil_whole(double x)
{
    return ceil(x - 1e-9 * fmax(1.0, fabs(x)));
}

/* The bound of hold[t] for each t in [c->start, last) into ub. */
static void cohort_bounds(const be_model *m, const be_cohort *c, int last,
                          double *ub)
{
    int k = c->device, s = c->start;
    double start_ub = INFINITY;
    if (c->fleet_entry >= 0) {
        start_ub = c->count;
    } else {
        /* a scenario's model: the largest demand of every scenario
         * (stochastic.c), one bound for the columns the scenarios share */
        double most = 0.0;
        for (int t = c->start; t < last; t++)
            most = fmax(most, be__units_for_market(m, k, t, m->bound_demand));
        start_ub = ceil_whole(most);
        double price = be__unit_spend(m, k, s);
        if (be__has_budget(m) && price > 0.0)
            start_ub = fmin(start_ub, floor_whole(be__budget(m, s) / price));
    }
    double run = start_ub;
    for (int t = c->start; t < last; t++) {
        double w = be__unit_kw(m, k, t);
        if (be__has_power_cap(m) && w > 0.0)
            run = fmin(run, floor_whole(be__power_cap(m, t) / w));
        ub[t - c->start] = fmax(run, 0.0);
    }
}

static void build_cohort(builder *b, int j, int integer, double *ub)
{
    const be_model *m = b->m;
    be_program *p = b->p;
    const be_cohort *c = &m->cohorts[j];
    be_cohort_cols *cc = &p->cc[j];
    int T = m->T, k = c->device;
    int last = c->end < T ? c->end : T;         /* first period not held */

    cc->name_suffix = c->fleet_entry >= 0 && needs_suffix(m, j)
                    ? c->fleet_entry + 1 : 0;
    cc->buy = -1;
    cohort_bounds(m, c, last, ub);
    if (c->fleet_entry < 0) {
        double price = m->devices[k].price[c->start];
        cc->buy = add_col(b, BE_COL_BUY, k, j, c->start, -1, integer,
                          price * m->discount[c->start]);
        if (cc->buy >= 0)
            p->cols[cc->buy].upper = last > c->start ? ub[0] : 0.0;
    }
    cc->hold0 = p->n_cols;
    for (int t = c->start; t < last; t++) {
        int col = add_col(b, BE_COL_HOLD, k, j, t, c->age0 + t - c->start,
                          integer, hold_cost(m, c, c->age0 + t - c->start, t));
        if (col >= 0)
            p->cols[col].upper = ub[t - c->start];
    }
    cc->hold_end = last > c->start ? last : c->start;

    cc->retire_from = c->fleet_entry >= 0 ? c->start : c->start + 1;
    cc->retire_end = c->end < T ? c->end + 1 : T;
    if (cc->retire_end < cc->retire_from)
        cc->retire_end = cc->retire_from;
    cc->retire0 = p->n_cols;
    for (int t = cc->retire_from; t < cc->retire_end; t++) {
        int age = c->age0 + t - c->start;
        int col = add_col(b, BE_COL_RETIRE, k, j, t, age, 0,
                          -sale_value(m, c, age, t));
        if (col >= 0)
            p->cols[col].upper = t > c->start ? ub[t - 1 - c->start]
                                              : c->count;
    }

    /* flow[t]: hold[t] + retire[t] - hold[t-1] - buy = count */
    int flow_end = c->end < T ? c->end + 1 : T;
    for (int t = c->start; t < flow_end; t++) {
        int age = c->age0 + t - c->start;
        double rhs = (t == c->start) ? c->count : 0.0;
        int r = add_row(b, BE_ROW_FLOW, k, j, t, age, 'E', rhs);
        if (t < cc->hold_end)
            add_entry(b, r, cc->hold0 + (t - c->start), 1.0);
        if (t >= cc->retire_from && t < cc->retire_end)
            add_entry(b, r, cc->retire0 + (t - cc->retire_from), 1.0);
        if (t > c->start)
            add_entry(b, r, cc->hold0 + (t - 1 - c->start), -1.0);
        else if (cc->buy >= 0)
            add_entry(b, r, cc->buy, -1.0);
    }
}

/* The rows of each period, as rules.h defines them:
 *   demand[w,t] sum serve(k,w) (hold + rent) over the devices that serve
 *               only w + sum serve(k,w) share[k,w,t] - sell >= D(w,t)
 *   power[t]    sum power_kw pue hold <= cap(t)      (with a cap)
 *   budget[t]   sum price(t) buy <= budget(t)        (with a budget) */
static void build_period_rows(builder *b)
{
    const be_model *m = b->m;
    be_program *p = b->p;
    int T = m->T, K = m->n_devices, W = m->W;
    for (int t = 0; t < T; t++) {
        for (int w = 0; w < W; w++) {
            int r = add_row(b, BE_ROW_DEMAND, -1, -1, t, -1, 'G',
                            be__demand(m, w, t));
            if (r >= 0)
                p->rows[r].workload = w;
            for (int j = 0; j < m->n_cohorts; j++) {
                const be_cohort_cols *cc = &p->cc[j];
                const be_cohort *c = &m->cohorts[j];
                if (t >= c->start && t < cc->hold_end &&
                    be__sole_workload(m, c->device) == w)
                    add_entry(b, r, cc->hold0 + (t - c->start),
                              be__unit_capacity(m, c->device, w, t));
            }
            for (int k = 0; k < K; k++) {
                if (p->rent_col[t * K + k] >= 0 &&
                    be__sole_workload(m, k) == w)
                    add_entry(b, r, p->rent_col[t * K + k],
                              be__unit_capacity(m, k, w, t));
                int sc = p->share_col[((size_t)t * K + k) * W + w];
                if (sc >= 0)
                    add_entry(b, r, sc, be__unit_capacity(m, k, w, t));
            }
            if (p->sell_col[t * W + w] >= 0)
                add_entry(b, r, p->sell_col[t * W + w], -1.0);
        }
    }
    if (be__has_power_cap(m)) {
        for (int t = 0; t < T; t++) {
            int r = add_row(b, BE_ROW_POWER, -1, -1, t, -1, 'L',
                            be__power_cap(m, t));
            for (int j = 0; j < m->n_cohorts; j++) {
                const be_cohort_cols *cc = &p->cc[j];
                const be_cohort *c = &m->cohorts[j];
                if (t >= c->start && t < cc->hold_end)
                    add_entry(b, r, cc->hold0 + (t - c->start),
                              be__unit_kw(m, c->device, t));
            }
        }
    }
    if (be__has_budget(m)) {
        for (int t = 0; t < T; t++) {
            int r = add_row(b, BE_ROW_BUDGET, -1, -1, t, -1, 'L',
                            be__budget(m, t));
            for (int k = 0; k < K; k++) {
                int j = be__cohort_of(m, k, t);
                if (j >= 0)
                    add_entry(b, r, p->cc[j].buy, be__unit_spend(m, k, t));
            }
        }
    }
}

/* split[k,t] for each device that serves several workloads and can be in
 * service in t: sum_w share[k,w,t] - sum_j hold[j,t] - rent[k,t] <= 0. */
static void build_split_rows(builder *b)
{
    const be_model *m = b->m;
    be_program *p = b->p;
    int T = m->T, K = m->n_devices, W = m->W;
    for (int t = 0; t < T; t++)
        for (int k = 0; k < K; k++) {
            int any = 0;
            for (int w = 0; w < W; w++)
                any |= p->share_col[((size_t)t * K + k) * W + w] >= 0;
            if (!any)
                continue;
            int r = add_row(b, BE_ROW_SHARE, k, -1, t, -1, 'L', 0.0);
            for (int w = 0; w < W; w++) {
                int sc = p->share_col[((size_t)t * K + k) * W + w];
                if (sc >= 0)
                    add_entry(b, r, sc, 1.0);
            }
            for (int j = 0; j < m->n_cohorts; j++) {
                const be_cohort_cols *cc = &p->cc[j];
                const be_cohort *c = &m->cohorts[j];
                if (c->device == k && t >= c->start && t < cc->hold_end)
                    add_entry(b, r, cc->hold0 + (t - c->start), -1.0);
            }
            if (p->rent_col[t * K + k] >= 0)
                add_entry(b, r, p->rent_col[t * K + k], -1.0);
        }
}

/* 1 when device k can have units in service in t (a cohort or a rent). */
static int in_service_possible(const be_model *m, const be_program *p, int k,
                               int t)
{
    if (p->rent_col[t * m->n_devices + k] >= 0)
        return 1;
    for (int j = 0; j < m->n_cohorts; j++) {
        const be_cohort *c = &m->cohorts[j];
        if (c->device == k && t >= c->start && t < p->cc[j].hold_end)
            return 1;
    }
    return 0;
}

be_program *be__cohort_build(const be_model *m, int integer, be_error *err)
{
    be_pos nowhere = {0, 0};
    int T = m->T, K = m->n_devices;
    be_program *p = be__calloc(1, sizeof *p);
    builder b = {m, p, 0, 0, 0};
    if (!p)
        goto nomem;
    p->integer = integer;
    p->cc = be__calloc((size_t)m->n_cohorts, sizeof *p->cc);
    p->rent_col = be__calloc((size_t)T * (size_t)K, sizeof *p->rent_col);
    int W = m->W;
    p->sell_col = be__calloc((size_t)T * W + 1, sizeof *p->sell_col);
    p->share_col = be__calloc((size_t)T * K * W + 1, sizeof *p->share_col);
    if (!p->cc || !p->rent_col || !p->sell_col || !p->share_col)
        goto nomem;

    /* Room for what follows: per cohort a buy, a hold and a retire column
     * and a flow row per period of its life, each hold in the flow rows
     * and up to two period rows; a rent column per device and period. */
    size_t n_cols = (size_t)T * (size_t)(K + 1), n_rows = 4 * (size_t)T;
    for (int j = 0; j < m->n_cohorts; j++) {
        const be_cohort *c = &m->cohorts[j];
        int life = (c->end < T ? c->end + 1 : T) - c->start;
        n_cols += 1 + 2 * (size_t)(life > 0 ? life : 0);
        n_rows += (size_t)(life > 0 ? life : 0);
    }
    if (!be__grow((void **)&p->cols, &b.col_cap, n_cols, sizeof *p->cols) ||
        !be__grow((void **)&p->rows, &b.row_cap, n_rows, sizeof *p->rows) ||
        !be__program_reserve(p, 3 * n_cols))
        goto nomem;
    double *ub = be__calloc((size_t)T + 1, sizeof *ub);
    if (!ub)
        goto nomem;
    for (int j = 0; j < m->n_cohorts; j++)
        build_cohort(&b, j, integer, ub);
    free(ub);
    for (int t = 0; t < T; t++) {
        for (int k = 0; k < K; k++) {
            const be_device *d = &m->devices[k];
            double tau = m->has_tax ? m->tax_rate : 0.0;
            p->rent_col[t * K + k] = -1;
            if (d->rented && t >= d->avail_from && t <= d->avail_to)
                p->rent_col[t * K + k] = add_col(&b, BE_COL_RENT, k, -1, t,
                    -1, integer,
                    (1.0 - tau) * d->rent[t] * m->dt * m->discount[t]);
            if (p->rent_col[t * K + k] >= 0)
                p->cols[p->rent_col[t * K + k]].upper =
                    ceil_whole(be__units_for_market(m, k, t, NULL));
        }
    }
    /* An LP keeps no bounds: they would take shadow prices away from the
     * power and budget rows (an LP's dual on a column bound), and an LP
     * solves as fast without them (bench/run). */
    if (!integer)
        for (int i = 0; i < p->n_cols; i++)
            p->cols[i].upper = INFINITY;
    for (int t = 0; t < T; t++)
        for (int w = 0; w < W; w++) {
            int *sc = &p->sell_col[t * W + w];
            *sc = -1;
            if (be__sells(m, w, t))
                *sc = add_col(&b, BE_COL_SELL, -1, -1, t, -1, 0,
                              -be__sell_value(m, w, t));
            if (*sc >= 0)
                p->cols[*sc].workload = w;
            p->obj_const -= be__sell_value(m, w, t) * be__demand(m, w, t);
        }
    for (size_t i = 0; i < (size_t)T * K * W; i++)
        p->share_col[i] = -1;
    for (int t = 0; t < T; t++)
        for (int k = 0; k < K; k++) {
            if (be__sole_workload(m, k) >= 0 || !in_service_possible(m, p, k, t))
                continue;
            for (int w = 0; w < W; w++) {
                if (be__unit_capacity(m, k, w, t) <= 0.0)
                    continue;
                int c = add_col(&b, BE_COL_SHARE, k, -1, t, -1, 0, 0.0);
                p->share_col[((size_t)t * K + k) * W + w] = c;
                if (c >= 0)
                    p->cols[c].workload = w;
            }
        }
    build_period_rows(&b);
    for (int t = 0; t < T; t++)
        for (int w = 0; w < W; w++)
            if (p->sell_col[t * W + w] >= 0) {
                int r = add_row(&b, BE_ROW_MARKET, -1, -1, t, -1, 'L',
                                be__sell_most(m, w, t));
                if (r >= 0)
                    p->rows[r].workload = w;
                add_entry(&b, r, p->sell_col[t * W + w], 1.0);
            }
    build_split_rows(&b);
    if (b.failed) {
        if (p->n_cols >= INT_MAX - 1 || p->n_rows >= INT_MAX - 1 ||
            p->nnz >= (size_t)INT_MAX - 1) {
            be__program_free(p);
            be__fail(err, BE_ELIMIT, m->file, nowhere,
                     "the program is too large for the solver");
            return NULL;
        }
        goto nomem;
    }
    return p;
nomem:
    be__program_free(p);
    be__fail(err, BE_ENOMEM, m->file, nowhere,
             "out of memory while building the program");
    return NULL;
}

static void cohort_name(const be_model *m, const be_program *p,
                        const char *what, int j, int age, int t, char *buf,
                        size_t size)
{
    const char *dev = m->devices[m->cohorts[j].device].name;
    int sfx = p->cc[j].name_suffix;
    if (sfx)
        snprintf(buf, size, "%s[%s,a%d,%s,f%d]", what, dev, age, m->labels[t],
                 sfx);
    else
        snprintf(buf, size, "%s[%s,a%d,%s]", what, dev, age, m->labels[t]);
}

char *be__cohort_col_name(const be_model *m, const be_program *p, int i,
                          char *buf, size_t size)
{
    const be_col *c = &p->cols[i];
    switch (c->kind) {
    case BE_COL_BUY:
        snprintf(buf, size, "buy[%s,%s]", m->devices[c->device].name,
                 m->labels[c->period]);
        break;
    case BE_COL_RENT:
        snprintf(buf, size, "rent[%s,%s]", m->devices[c->device].name,
                 m->labels[c->period]);
        break;
    case BE_COL_SELL:
        if (m->W > 1)
            snprintf(buf, size, "sell[%s,%s]", m->workloads[c->workload].name,
                     m->labels[c->period]);
        else
            snprintf(buf, size, "sell[%s]", m->labels[c->period]);
        break;
    case BE_COL_SHARE:
        snprintf(buf, size, "share[%s,%s,%s]", m->devices[c->device].name,
                 m->workloads[c->workload].name, m->labels[c->period]);
        break;
    case BE_COL_HOLD:
        cohort_name(m, p, "hold", c->cohort, c->age, c->period, buf, size);
        break;
    case BE_COL_RETIRE:
        cohort_name(m, p, "retire", c->cohort, c->age, c->period, buf, size);
        break;
    case BE_COL_SLACK:
        snprintf(buf, size, "slack[%s]", m->labels[c->period]);
        break;
    case BE_COL_VAR:
    case BE_COL_EXCESS:   /* only in the stochastic program */
        snprintf(buf, size, "x%d", i);
        break;
    }
    return buf;
}

char *be__cohort_row_name(const be_model *m, const be_program *p, int i,
                          char *buf, size_t size)
{
    const be_row *r = &p->rows[i];
    static const char *const what[] = {"flow", "demand", "power", "budget",
                                       "risk", "fix", "market", "split"};
    if (r->kind == BE_ROW_SHARE)
        snprintf(buf, size, "split[%s,%s]", m->devices[r->device].name,
                 m->labels[r->period]);
    else if (r->workload >= 0 && m->W > 1)
        snprintf(buf, size, "%s[%s,%s]", what[r->kind],
                 m->workloads[r->workload].name, m->labels[r->period]);
    else if (r->kind == BE_ROW_FLOW)
        cohort_name(m, p, "flow", r->cohort, r->age, r->period, buf, size);
    else if (r->kind == BE_ROW_FIX) {
        char col[300];
        snprintf(buf, size, "fix[%s]",
                 be__cohort_col_name(m, p, r->cohort, col, sizeof col));
    } else
        snprintf(buf, size, "%s[%s]", what[r->kind], m->labels[r->period]);
    return buf;
}

int be__program_x(const be_model *m, const be_program *p, const be_plan *plan,
                  double *x)
{
    int T = m->T, K = m->n_devices, J = m->n_cohorts;
    if (p->n_scen || plan->periods != T || plan->devices != K ||
        plan->cohorts != J)
        return 0;
    memset(x, 0, (size_t)p->n_cols * sizeof *x);
    for (int j = 0; j < J; j++) {
        const be_cohort *c = &m->cohorts[j];
        const be_cohort_cols *cc = &p->cc[j];
        double held = c->count;
        if (cc->buy >= 0) {
            held = plan->buy[c->start * K + c->device];
            x[cc->buy] = held;
        }
        int last = cc->retire_end > cc->hold_end ? cc->retire_end
                                                 : cc->hold_end;
        for (int t = c->start; t < last; t++) {
            if (t >= cc->retire_from && t < cc->retire_end) {
                double r = t >= c->end ? held : plan->retire[t * J + j];
                if (r < 0.0 || r > held + 1e-9 * fmax(1.0, held))
                    return 0;
                r = fmin(r, held);
                x[cc->retire0 + (t - cc->retire_from)] = r;
                held -= r;
            }
            if (t < cc->hold_end)
                x[cc->hold0 + (t - c->start)] = held;
        }
    }
    for (int t = 0; t < T; t++)
        for (int k = 0; k < K; k++) {
            int col = p->rent_col[t * K + k];
            double v = plan->rent[t * K + k];
            if (col >= 0)
                x[col] = v;
            else if (v != 0.0)
                return 0;
            if (plan->buy[t * K + k] != 0.0 && be__cohort_of(m, k, t) < 0)
                return 0;
        }
    int W = m->W;
    if (plan->workloads != W)
        return 0;
    for (int t = 0; t < T; t++)
        for (int w = 0; w < W; w++) {
            int col = p->sell_col[t * W + w];
            double v = plan->sell[t * W + w];
            if (col >= 0)
                x[col] = v;
            else if (v != 0.0)
                return 0;
        }
    for (int t = 0; t < T; t++)
        for (int k = 0; k < K; k++) {
            if (be__sole_workload(m, k) >= 0)
                continue;        /* all its units serve its one workload */
            for (int w = 0; w < W; w++) {
                size_t i = ((size_t)t * K + k) * W + w;
                if (p->share_col[i] >= 0)
                    x[p->share_col[i]] = plan->share[i];
                else if (plan->share[i] != 0.0)
                    return 0;
            }
        }
    return 1;
}

/* GLPK returns whole-unit columns as exact integers, and continuous
 * columns (retire) within its feasibility tolerance of them.  Rounding
 * makes the schedule exactly whole for the evaluator. */
static double clean(double v, int round_whole)
{
    if (round_whole)
        v = round(v);
    if (v < 1e-9 && v > -1e-9)
        v = 0.0;
    return v;
}

/*
 * An LP leaves shares beyond what a workload serves wherever any value
 * within its room is optimal (a period with idle units): in 2026 of
 * examples/workloads.yaml, 6 to 8 old units on training.  The plan keeps
 * the least: the shares of the devices that serve several workloads are
 * cut, from the last device back, until each workload's capacity is what
 * it serves, and what is cut is idle.  Costs do not depend on shares, so
 * nothing else changes; the plan's words then do not depend on which
 * optimal split the simplex ended at.
 */
static void tidy_shares(const be_model *m, be_plan *plan)
{
    int T = m->T, K = m->n_devices, W = m->W;
    if (W == 1)
        return;
    for (int t = 0; t < T; t++)
        for (int w = 0; w < W; w++) {
            double cap = 0.0;
            for (int k = 0; k < K; k++)
                cap += be__capacity_of(m, k, w, t,
                                       plan->share[((size_t)t * K + k) * W + w]);
            double excess = cap - be__demand(m, w, t) - plan->sell[t * W + w];
            for (int k = K - 1; k >= 0 && excess > 1e-9 * fmax(1.0, cap); k--) {
                double c = be__unit_capacity(m, k, w, t);
                double *a = &plan->share[((size_t)t * K + k) * W + w];
                if (be__sole_workload(m, k) >= 0 || c <= 0.0 || *a <= 0.0)
                    continue;
                double cut = fmin(*a, excess / c);
                *a -= cut;
                if (*a < 1e-9)
                    *a = 0.0;
                excess -= cut * c;
            }
        }
}

be_plan *be__program_plan(const be_model *m, const be_program *p,
                          const double *x, int round_whole)
{
    be_plan *plan = be_plan_new(m);
    if (!plan)
        return NULL;
    int K = m->n_devices, J = m->n_cohorts, W = m->W;
    for (int i = 0; i < p->n_cols; i++) {
        const be_col *c = &p->cols[i];
        double v = clean(x[i], round_whole);
        int sole = c->device >= 0 ? be__sole_workload(m, c->device) : -1;
        size_t at = c->device >= 0
                  ? ((size_t)c->period * K + c->device) * W : 0;
        switch (c->kind) {
        case BE_COL_BUY:
            plan->buy[c->period * K + c->device] = v;
            break;
        case BE_COL_RENT:
            plan->rent[c->period * K + c->device] = v;
            if (sole >= 0)
                plan->share[at + sole] += v;
            break;
        case BE_COL_RETIRE:
            plan->retire[c->period * J + c->cohort] = v;
            break;
        case BE_COL_SELL:       /* continuous: cleaned, never rounded */
            plan->sell[c->period * W + c->workload] = clean(x[i], 0);
            break;
        case BE_COL_SHARE:      /* continuous too */
            plan->share[at + c->workload] = clean(x[i], 0);
            break;
        case BE_COL_HOLD:       /* the units a sole workload gets */
            if (sole >= 0)
                plan->share[at + sole] += v;
            break;
        case BE_COL_SLACK:
        case BE_COL_VAR:
        case BE_COL_EXCESS:
            break;
        }
    }
    tidy_shares(m, plan);
    return plan;
}

int be__program_sell_spare(const be_model *m, const be_program *p,
                           double *x)
{
    int T = m->T, K = m->n_devices, W = m->W;
    if (p->n_scen || !p->sell_col)
        return 1;
    if (W == 1) {
        for (int t = 0; t < T; t++) {
            int col = p->sell_col[t];
            if (col < 0)
                continue;
            double have = 0.0;
            for (int j = 0; j < m->n_cohorts; j++) {
                const be_cohort *c = &m->cohorts[j];
                const be_cohort_cols *cc = &p->cc[j];
                if (t >= c->start && t < cc->hold_end)
                    have += be__capacity_of(m, c->device, 0, t,
                                            x[cc->hold0 + (t - c->start)]);
            }
            for (int k = 0; k < K; k++)
                if (p->rent_col[t * K + k] >= 0)
                    have += be__capacity_of(m, k, 0, t,
                                            x[p->rent_col[t * K + k]]);
            x[col] = be__best_sell(m, 0, t, have);
        }
        return 1;
    }
    double *units = be__calloc((size_t)K, sizeof *units);
    double *share = be__calloc((size_t)K * W, sizeof *share);
    double *sell = be__calloc((size_t)W, sizeof *sell);
    int ok = units && share && sell;
    for (int t = 0; ok && t < T; t++) {
        for (int k = 0; k < K; k++)
            units[k] = p->rent_col[t * K + k] >= 0 ? x[p->rent_col[t * K + k]]
                                                   : 0.0;
        for (int j = 0; j < m->n_cohorts; j++) {
            const be_cohort *c = &m->cohorts[j];
            const be_cohort_cols *cc = &p->cc[j];
            if (t >= c->start && t < cc->hold_end)
                units[c->device] += x[cc->hold0 + (t - c->start)];
        }
        if (be__split(m, t, units, share, sell, NULL) < 0) {
            ok = 0;
            break;
        }
        for (int w = 0; w < W; w++) {
            if (p->sell_col[t * W + w] >= 0)
                x[p->sell_col[t * W + w]] = sell[w];
            for (int k = 0; k < K; k++) {
                int sc = p->share_col[((size_t)t * K + k) * W + w];
                if (sc >= 0)
                    x[sc] = share[k * W + w];
            }
        }
    }
    free(units);
    free(share);
    free(sell);
    return ok;
}
