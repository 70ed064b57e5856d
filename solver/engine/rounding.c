/*
 * rounding.c -- whole-unit plans made directly, without a sub-MIP, for
 * the heuristic (heuristic.c): a plan at once from the plans people
 * follow and a greedy plan, and an LP solution rounded and repaired.
 *
 * be__baseline_start: the cheapest feasible plan among the baselines
 * (run to end of life, replace on release; baselines.c) and greedy_plan,
 * which respects the power cap and the budget period by period; for the
 * stochastic program, every scenario's greedy plan put together.
 * be__rounded_plan: an LP solution, whole in its first periods, rounded
 * (round_plan) and repaired where the rounding breaks the power cap, the
 * budget or the demand; the stochastic program scenario by scenario.
 * The evaluator is the only judge: a plan it does not find feasible is
 * not returned.
 */
#include "engine/rounding.h"
#include "model/rules.h"
#include "plans/plans.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The program's objective at x. */
static double objective(const be_program *p, const double *x)
{
    double c = 0.0;
    for (int j = 0; j < p->n_cols; j++)
        c += p->cols[j].cost * x[j];
    return c;
}

/* x above the limit beyond a hair: the plans made here stay within
 * every limit by more than the evaluator's tolerance (rules.h). */
static int above(double x, double limit)
{
    return x > limit * (1 + 1e-12);
}

/* The rounded plan being repaired (round_plan): units held per cohort
 * and period, and per period the power drawn and the purchases. */
typedef struct rounding {
    const be_model *m;
    const be_program *p;
    double *held;            /* [J * T] */
    double *kw, *spend;      /* [T] */
    int from;                /* the periods before it are decided: no
                                change reaches back into them */
} rounding;

static double *held_at(const rounding *r, int j, int t)
{
    return &r->held[(size_t)j * (size_t)r->m->T + (size_t)t];
}

static double col_cost(const be_program *p, int col)
{
    return col >= 0 ? p->cols[col].cost : 0.0;
}

static int retire_of(const be_cohort_cols *cc, int t)
{
    return t >= cc->retire_from && t < cc->retire_end
         ? cc->retire0 + (t - cc->retire_from) : -1;
}

/*
 * One more unit of cohort j in service in period t, the way the plan
 * allows: the unit it retired last before t (at u0) kept through t, or,
 * when it retired none, one more bought at the cohort's start (or, for a
 * fleet cohort, one fewer sold at the start), never in a period before
 * r->from (those are decided: by relax-and-fix, or by the scenarios that
 * share them).  Returns 1 with *u0 and the
 * change in cost *v when that fits the power cap in every period from u0
 * to t (with `freed` kW less drawn in t) and the budget.
 */
static int extension(const rounding *r, int j, int t, double freed, int *u0,
                     double *v)
{
    const be_model *m = r->m;
    const be_program *p = r->p;
    const be_cohort *c = &m->cohorts[j];
    const be_cohort_cols *cc = &p->cc[j];
    int k = c->device;
    if (t < c->start || t >= cc->hold_end)
        return 0;
    int u = t;
    while (u > c->start && *held_at(r, j, u - 1) == *held_at(r, j, u))
        u--;
    if (u < r->from)
        return 0;
    int buys = u == c->start && c->fleet_entry < 0;
    if (u == c->start && c->fleet_entry >= 0 && *held_at(r, j, u) >= c->count)
        return 0;
    if (buys && be__has_budget(m) &&
        above(r->spend[u] + be__unit_spend(m, k, u), be__budget(m, u)))
        return 0;
    for (int q = u; be__has_power_cap(m) && q <= t; q++)
        if (above(r->kw[q] - (q == t ? freed : 0.0) + be__unit_kw(m, k, q),
                  be__power_cap(m, q)))
            return 0;
    double cost = col_cost(p, retire_of(cc, t + 1));
    for (int q = u; q <= t; q++)
        cost += col_cost(p, cc->hold0 + (q - c->start));
    cost += buys ? col_cost(p, cc->buy) : -col_cost(p, retire_of(cc, u));
    *u0 = u;
    *v = cost;
    return 1;
}

static void extend(rounding *r, int j, int u0, int t)
{
    const be_model *m = r->m;
    const be_cohort *c = &m->cohorts[j];
    for (int q = u0; q <= t; q++) {
        *held_at(r, j, q) += 1;
        r->kw[q] += be__unit_kw(m, c->device, q);
    }
    if (u0 == c->start && c->fleet_entry < 0)
        r->spend[u0] += be__unit_spend(m, c->device, u0);
}

/* Throughput per kW of device k for the rules that do not look at one
 * workload (which unit gives way under the cap): with one workload its
 * capacity per kW, with several the largest of its throughputs per kW. */
static double unit_per_kw(const be_model *m, int k, int t)
{
    if (m->W == 1)
        return be__capacity_per_kw(m, k, 0, t);
    double kw = m->devices[k].power_kw;
    return kw > 0.0 ? m->devices[k].throughput / kw : INFINITY;
}

/* What each workload lacks in t with the rounded holdings and the rents
 * of y so far (lack[W]): 1 when nothing, 0 when something, -1 when out
 * of memory (plans/plans.h be__lacking). */
static int lacking_now(const rounding *r, const double *y, int t,
                       double *units, double *lack)
{
    const be_model *m = r->m;
    const be_program *p = r->p;
    int K = m->n_devices;
    for (int k = 0; k < K; k++) {
        int col = p->rent_col[t * K + k];
        units[k] = col >= 0 ? y[col] : 0.0;
    }
    for (int j = 0; j < m->n_cohorts; j++)
        if (t >= m->cohorts[j].start && t < p->cc[j].hold_end)
            units[m->cohorts[j].device] += *held_at(r, j, t);
    return be__lacking(m, t, units, 0.0, lack);
}

/* The workload that lacks most in t relative to its demand (lack[W]; the
 * first of equals): the one the cover loop serves next. */
static int most_lacking(const be_model *m, int t, const double *lack)
{
    int w = 0;
    for (int v = 1; v < m->W; v++)
        if (lack[v] / fmax(1.0, be__demand(m, v, t)) >
            lack[w] / fmax(1.0, be__demand(m, w, t)))
            w = v;
    return w;
}

/*
 * The cover loop of round_plan, sped up without changing its answer: after
 * a step has extended cohort j (rent >= 0: rented one more unit of device
 * `rent`) for workload w, the steps that follow would scan every cohort
 * again, and with many small units short (thousands of steps in a period
 * of a large fleet) that scan is the rounding's time.  The next step picks
 * the same again when it is still best, which holds without a scan when
 * (a) what lacks is still w's (one workload: the demand is not covered
 * yet; several: w still lacks most relative to its demand, the lack from
 * the best split, as the step loop computes it), and (b) the same choice
 * costs less per unit covered than `second`, the runner-up of the last
 * scan: every other cohort's extension and every rent costs the same as
 * then, over a cover min(throughput, lack) that has not grown, and fits
 * the cap and the budget no better, so none is below `second`.  Takes
 * the same choice while both hold; returns how many times (steps saved),
 * -1 when out of memory.  y and *have are kept as the step loop keeps
 * them.
 */
int be__rounding_scan_every_step = 0;

static int again(rounding *r, double *y, int t, int j, int rent, int w,
                 double second, double *have, double *units, double *lack)
{
    if (be__rounding_scan_every_step)
        return 0;
    const be_model *m = r->m;
    const be_program *p = r->p;
    int W = m->W, n = 0, u0 = 0;
    int col = rent >= 0 ? p->rent_col[t * m->n_devices + rent] : -1;
    int k = rent >= 0 ? rent : m->cohorts[j].device;
    double thr = be__unit_capacity(m, k, w, t), v = 0.0, short_;
    for (;;) {
        if (W == 1) {
            if (be__demand_covered(m, 0, t, *have))
                return n;
            short_ = be__shortfall(m, 0, t, *have);
        } else {
            int met = lacking_now(r, y, t, units, lack);
            if (met != 0)
                return met < 0 ? -1 : n;
            if (most_lacking(m, t, lack) != w)
                return n;
            short_ = lack[w];
        }
        if (col >= 0)
            v = p->cols[col].cost;
        else if (!extension(r, j, t, 0.0, &u0, &v))
            return n;
        if (!(v / fmin(thr, short_) < second))
            return n;
        if (col >= 0)
            y[col] += 1;
        else
            extend(r, j, u0, t);
        *have += thr;
        n++;
    }
}

/* Give back n units of cohort j from period t on. */
static void give_back(rounding *r, int j, int t, double n)
{
    const be_model *m = r->m;
    const be_cohort *c = &m->cohorts[j];
    double keep = *held_at(r, j, t) - n;
    for (int q = t; q < r->p->cc[j].hold_end; q++) {
        double *h = held_at(r, j, q);
        if (*h > keep) {
            r->kw[q] -= be__units_kw(m, c->device, q, *h - keep);
            *h = keep;
        }
    }
    if (c->fleet_entry < 0 && c->start == t)
        r->spend[t] -= be__units_spend(m, c->device, t, n);
}

/* The cohort of the least throughput per kW held in period t, below
 * `than` (units that draw nothing, +inf per kW, never are); -1: none. */
static int least_efficient(const rounding *r, int w, int t, double than)
{
    const be_model *m = r->m;
    int worst = -1;
    double worst_e = than;
    for (int j = 0; j < m->n_cohorts; j++) {
        double e = be__capacity_per_kw(m, m->cohorts[j].device, w, t);
        if (t >= m->cohorts[j].start && t < r->p->cc[j].hold_end &&
            *held_at(r, j, t) > 0.0 && e < worst_e) {
            worst_e = e;
            worst = j;
        }
    }
    return worst;
}

/* Under the power cap, units of the least throughput per kW held in
 * period t give way to units of the most throughput per kW that can take
 * their place: the least efficient one at a time, each followed by as
 * many of the other as now fit (extensions), until the trade serves more
 * than before, and no further.  A unit that draws more than the one it
 * replaces needs several to go; a trade that never serves more is
 * undone.  The units given back go from t on.  save: room for a copy of
 * r's holdings, power and spending (J * T + 2 * T).  Returns 0 when there
 * is no such trade. */
static int swap_unit(rounding *r, int w, int t, double *have, double *save)
{
    const be_model *m = r->m;
    int J = m->n_cohorts, T = m->T, best = -1, u0;
    double best_e = 0.0, v;
    int worst = least_efficient(r, w, t, INFINITY);
    if (worst < 0)
        return 0;
    double worst_e = be__capacity_per_kw(m, m->cohorts[worst].device, w, t);
    /* the most efficient that fits once every less efficient unit is gone */
    for (int j = 0; j < J; j++) {
        double e = be__capacity_per_kw(m, m->cohorts[j].device, w, t);
        if (!(e > worst_e * (1 + 1e-9) && e > best_e))
            continue;
        double freed = 0.0;
        for (int i = 0; i < J; i++) {
            int k = m->cohorts[i].device;
            if (t >= m->cohorts[i].start && t < r->p->cc[i].hold_end &&
                be__capacity_per_kw(m, k, w, t) < e)
                freed += be__units_kw(m, k, t, *held_at(r, i, t));
        }
        if (extension(r, j, t, freed, &u0, &v)) {
            best_e = e;
            best = j;
        }
    }
    if (best < 0)
        return 0;
    size_t JT = (size_t)J * (size_t)T;
    memcpy(save, r->held, JT * sizeof *save);
    memcpy(save + JT, r->kw, (size_t)T * sizeof *save);
    memcpy(save + JT + T, r->spend, (size_t)T * sizeof *save);
    double thr_b = be__unit_capacity(m, m->cohorts[best].device, w, t);
    double gain = 0.0;
    while ((worst = least_efficient(r, w, t, best_e)) >= 0) {
        give_back(r, worst, t, 1.0);
        gain -= be__unit_capacity(m, m->cohorts[worst].device, w, t);
        while (!(gain > 0.0) && extension(r, best, t, 0.0, &u0, &v)) {
            extend(r, best, u0, t);
            gain += thr_b;
        }
        if (gain > 0.0) {
            *have += gain;
            return 1;
        }
    }
    memcpy(r->held, save, JT * sizeof *save);
    memcpy(r->kw, save + JT, (size_t)T * sizeof *save);
    memcpy(r->spend, save + JT + T, (size_t)T * sizeof *save);
    return 0;
}

/*
 * Rounding, for when there is no time for relax-and-fix to end: the
 * periods before `from` are whole in x (relax-and-fix's windows so far,
 * or none), the rest an LP solution.  Every cohort's holdings are
 * rounded to the nearest whole number (still non-increasing along its
 * life, so still its flows); where that draws more than the power cap, or
 * buys more than the budget, the least throughput per kW (per price)
 * gives a unit back, from that period on; the demand left short is
 * covered a unit at a time, the cheapest way first (below).  `fixed`:
 * the repairs leave the periods before `from` as they are (a scenario's
 * periods shared with those rounded before it); otherwise a unit may be
 * kept longer from before `from` (relax-and-fix's windows are only a
 * start).  Returns 1 with the column values in y and *cost when the
 * evaluator finds the plan feasible (the only judge).
 */
static int round_plan(const be_model *m, const be_program *p,
                      const double *x, int from, int fixed, double *y,
                      double *cost)
{
    int T = m->T, K = m->n_devices, J = m->n_cohorts, W = m->W, ok = 0;
    double *units = NULL, *lack = NULL, *save = NULL;
    if (p->n_scen)
        return 0;
    double *held = be__calloc((size_t)J * (size_t)T + 1, sizeof *held);
    if (!held)
        return 0;
#define HELD(j, t) held[(size_t)(j) * (size_t)T + (size_t)(t)]
    for (int j = 0; j < J; j++) {
        const be_cohort *c = &m->cohorts[j];
        const be_cohort_cols *cc = &p->cc[j];
        double prev = c->fleet_entry >= 0 ? c->count : INFINITY;
        for (int t = c->start; t < cc->hold_end; t++) {
            double v = x[cc->hold0 + (t - c->start)];
            v = round(v);
            HELD(j, t) = fmax(0.0, fmin(v, prev));
            prev = HELD(j, t);
        }
    }
    /* give units back, cohort j from period t on */
#define GIVE_BACK(j, t) \
    for (int u = (t), n_ = (int)HELD(j, t) - 1; u < p->cc[j].hold_end; u++) \
        HELD(j, u) = fmin(HELD(j, u), n_)
    for (int t = from; t < T; t++) {
        for (;;) {
            double kw = be__fleet_kw(m, t, &HELD(0, t), (size_t)T);
            double spend = 0.0, worst_e = INFINITY, worst_p = -INFINITY;
            int worst = -1, dear = -1;
            for (int j = 0; j < J; j++) {
                const be_cohort *c = &m->cohorts[j];
                int k = c->device;
                if (t < c->start || t >= p->cc[j].hold_end ||
                    HELD(j, t) <= 0.0)
                    continue;
                double e = unit_per_kw(m, k, t);
                if (e < worst_e) {       /* +inf: draws nothing */
                    worst_e = e;
                    worst = j;
                }
                if (c->fleet_entry < 0 && c->start == t) {
                    double per = be__unit_spend(m, k, t) /
                                 m->devices[k].throughput;
                    spend += be__units_spend(m, k, t, HELD(j, t));
                    if (per > worst_p) {
                        worst_p = per;
                        dear = j;
                    }
                }
            }
            if (above(kw, be__power_cap(m, t)) && worst >= 0) {
                GIVE_BACK(worst, t);
            } else if (above(spend, be__budget(m, t)) && dear >= 0) {
                GIVE_BACK(dear, t);
            } else {
                break;
            }
        }
    }
#undef GIVE_BACK
    memset(y, 0, (size_t)p->n_cols * sizeof *y);
    /* rent before `from` as in x; from it on, what demand lacks is
     * covered a unit at a time by the cheapest way per capacity unit
     * used: a unit kept longer (back to its last retirement, or one more
     * bought), or one rented, within the power cap and the budget; where
     * the cap leaves no room, a unit of the least efficient device gives
     * way to a more efficient one */
    rounding r = {m, p, held, be__calloc((size_t)T + 1, sizeof(double)),
                  be__calloc((size_t)T + 1, sizeof(double)),
                  fixed ? from : 0};
    if (!r.kw || !r.spend)
        goto out;
    for (int t = 0; t < T; t++)
        r.kw[t] = be__fleet_kw(m, t, &HELD(0, t), (size_t)T);
    for (int j = 0; j < J; j++) {
        const be_cohort *c = &m->cohorts[j];
        if (c->fleet_entry < 0 && c->start < p->cc[j].hold_end)
            r.spend[c->start] += be__units_spend(m, c->device, c->start,
                                                 HELD(j, c->start));
    }
    units = be__calloc((size_t)K + 1, sizeof *units);
    lack = be__calloc((size_t)W, sizeof *lack);
    save = be__calloc((size_t)J * (size_t)T + 2 * (size_t)T + 1,
                      sizeof *save);
    if (!units || !lack || !save)
        goto out;
    for (int t = 0; t < T; t++) {
        double have = 0.0;
        for (int j = 0; W == 1 && j < J; j++)
            if (t >= m->cohorts[j].start && t < p->cc[j].hold_end)
                have += be__capacity_of(m, m->cohorts[j].device, 0, t,
                                        HELD(j, t));
        for (int k = 0; k < K; k++) {
            int col = p->rent_col[t * K + k];
            if (col >= 0 && t < from) {
                y[col] = round(x[col]);
                if (W == 1)
                    have += be__capacity_of(m, k, 0, t, y[col]);
            }
        }
        /* each step adds a unit or trades one for a more efficient one;
         * the count keeps a cycle of trades from running on.  With
         * workloads, each step serves the workload that lacks most
         * (relative to its demand), its lack from the best split of the
         * units so far */
        for (int step = 0; t >= from; step++) {
            int w = 0;
            double short_;
            if (W == 1) {
                if (be__demand_covered(m, 0, t, have))
                    break;
                short_ = be__shortfall(m, 0, t, have);
            } else {
                int met = lacking_now(&r, y, t, units, lack);
                if (met < 0)
                    goto out;
                if (met)
                    break;
                w = most_lacking(m, t, lack);
                short_ = lack[w];
            }
            double best = INFINITY, second = INFINITY, v;
            int pick_j = -1, pick_u0 = 0, pick_rent = -1, u0;
            if (step > 100 * (J + K) + 1000)
                break;
            for (int j = 0; j < J; j++) {
                double thr = be__unit_capacity(m, m->cohorts[j].device, w, t);
                if (!(thr > 0.0 && extension(&r, j, t, 0.0, &u0, &v)))
                    continue;
                double per = v / fmin(thr, short_);
                if (per < best) {
                    second = best;
                    best = per;
                    pick_j = j;
                    pick_u0 = u0;
                } else if (per < second) {
                    second = per;
                }
            }
            for (int k = 0; k < K; k++) {
                int col = p->rent_col[t * K + k];
                double thr = be__unit_capacity(m, k, w, t);
                double per = col >= 0 && thr > 0.0
                           ? p->cols[col].cost / fmin(thr, short_)
                           : INFINITY;
                if (per < best) {
                    second = best;
                    best = per;
                    pick_j = -1;
                    pick_rent = k;
                } else if (per < second) {
                    second = per;
                }
            }
            if (pick_j >= 0) {
                extend(&r, pick_j, pick_u0, t);
                have += be__unit_capacity(m, m->cohorts[pick_j].device, w, t);
                int more = again(&r, y, t, pick_j, -1, w, second, &have,
                                 units, lack);
                if (more < 0)
                    goto out;
                step += more;
            } else if (pick_rent >= 0) {
                y[p->rent_col[t * K + pick_rent]] += 1;
                have += be__unit_capacity(m, pick_rent, w, t);
                int more = again(&r, y, t, -1, pick_rent, w, second, &have,
                                 units, lack);
                if (more < 0)
                    goto out;
                step += more;
            } else if (!swap_unit(&r, w, t, &have, save)) {
                break;               /* nothing fits: not a plan */
            }
        }
    }
    for (int j = 0; j < J; j++) {
        const be_cohort *c = &m->cohorts[j];
        const be_cohort_cols *cc = &p->cc[j];
        double prev = c->fleet_entry >= 0 ? c->count
                    : cc->hold_end > c->start ? HELD(j, c->start) : 0.0;
        if (cc->buy >= 0)
            y[cc->buy] = prev;
        int last = cc->retire_end > cc->hold_end ? cc->retire_end
                                                 : cc->hold_end;
        for (int t = c->start; t < last; t++) {
            double now = t < cc->hold_end ? HELD(j, t) : 0.0;
            if (t >= cc->retire_from && t < cc->retire_end)
                y[cc->retire0 + (t - cc->retire_from)] = prev - now;
            if (t < cc->hold_end)
                y[cc->hold0 + (t - c->start)] = now;
            prev = now;
        }
    }
#undef HELD
    if (!be__program_sell_spare(m, p, y))  /* split, sell what is spare */
        goto out;
    be_plan *plan = be__program_plan(m, p, y, 1);
    be_eval *e = plan ? be_evaluate(m, plan, NULL) : NULL;
    if (e && e->violation == BE_FEASIBLE_PLAN && be__program_fixes_hold(p, y)) {
        *cost = objective(p, y);
        ok = 1;
    }
    be_eval_free(e);
    be_plan_free(plan);
out:
    free(units);
    free(lack);
    free(save);
    free(r.kw);
    free(r.spend);
    free(held);
    return ok;
}

/* Cover what workload w lacks in t (short_) in greedy_plan: buy the
 * least price per throughput for w first, as much as the budget and the
 * cap allow (*budget and *kw: what is left and what is drawn), then the
 * next; rent what is left (least rent per throughput).  Returns 0 when
 * the shortfall fits neither, -1 when out of memory. */
static int greedy_cover(const be_model *m, be_plan *plan, double *held,
                        int w, int t, double short_, double *budget,
                        double *kw)
{
    int K = m->n_devices;
    int *used = be__calloc((size_t)K + 1, sizeof *used);
    if (!used)
        return -1;
    for (;;) {
        int best = -1;
        double best_rate = INFINITY;
        for (int k = 0; k < K; k++) {
            if (used[k] || be__cohort_of(m, k, t) < 0 ||
                be__unit_capacity(m, k, w, t) <= 0.0)
                continue;
            double rate = be__unit_spend(m, k, t) /
                          be__unit_capacity(m, k, w, t);
            if (rate < best_rate) {
                best_rate = rate;
                best = k;
            }
        }
        if (best < 0 || be__shortfall_negligible(m, w, t, short_))
            break;
        used[best] = 1;
        double thr = be__unit_capacity(m, best, w, t);
        double price = be__unit_spend(m, best, t);
        double n = short_ / thr, u = be__unit_kw(m, best, t);
        if (price > 0.0)
            n = fmin(n, *budget / price);
        if (u > 0.0)
            n = fmin(n, be__power_left(m, t, *kw) / u);
        if (m->integer)
            n = fmin(ceil(short_ / thr - 1e-9), floor(n + 1e-9));
        if (n <= 0.0)
            continue;
        plan->buy[t * K + best] += n;
        held[be__cohort_of(m, best, t)] += n;
        *budget -= be__units_spend(m, best, t, n);   /* what is left */
        *kw += n * u;
        short_ -= be__capacity_of(m, best, w, t, n);
    }
    free(used);
    if (be__shortfall_negligible(m, w, t, short_))
        return 1;
    int best = -1;
    double best_rate = INFINITY;
    for (int k = 0; k < K; k++) {
        const be_device *d = &m->devices[k];
        if (!d->rented || t < d->avail_from || t > d->avail_to ||
            be__unit_capacity(m, k, w, t) <= 0.0)
            continue;
        double rate = d->rent[t] / be__unit_capacity(m, k, w, t);
        if (rate < best_rate) {
            best_rate = rate;
            best = k;
        }
    }
    if (best < 0)
        return 0;
    double thr = be__unit_capacity(m, best, w, t);
    plan->rent[t * K + best] += m->integer ? ceil(short_ / thr - 1e-9)
                                           : short_ / thr;
    return 1;
}

/* A plan built period by period from the model alone, for models where
 * the baselines break a limit: keep every unit to the end of its life,
 * retiring the least throughput per kW first while the fleet draws more
 * than the power cap; cover what demand is left by buying, least price
 * per throughput first, as much as the budget and the cap leave room for,
 * and rent the rest (least rent per throughput).  With workloads, what
 * each workload lacks after the best split of the units held is covered
 * so, workload by workload, by units that serve it.  NULL when a
 * period's shortfall fits neither (or out of memory): then it is not a
 * plan, and the sub-MIPs find one. */
static be_plan *greedy_plan(const be_model *m)
{
    int T = m->T, K = m->n_devices, J = m->n_cohorts, W = m->W;
    be_plan *plan = be_plan_new(m);
    double *held = be__calloc((size_t)J + 1, sizeof *held);
    double *units = be__calloc((size_t)K + 1, sizeof *units);
    double *lack = be__calloc((size_t)W, sizeof *lack);
    if (!plan || !held || !units || !lack)
        goto fail;
    for (int j = 0; j < J; j++)
        held[j] = m->cohorts[j].count;
    for (int t = 0; t < T; t++) {
        double cap = be__power_cap(m, t), kw = 0.0, have = 0.0;
        for (int j = 0; j < J; j++) {
            const be_cohort *c = &m->cohorts[j];
            if (c->start > t || held[j] <= 0.0)
                continue;
            if (t >= c->end) {
                held[j] = 0.0;          /* end of life: the evaluator's */
                continue;
            }
            kw += be__units_kw(m, c->device, t, held[j]);
            if (W == 1)
                have += be__capacity_of(m, c->device, 0, t, held[j]);
        }
        while (above(kw, cap)) {           /* the least efficient goes */
            int worst = -1;
            double we = INFINITY;
            for (int j = 0; j < J; j++) {
                const be_cohort *c = &m->cohorts[j];
                if (c->start > t || t >= c->end || held[j] <= 0.0)
                    continue;
                /* +inf for units that draw nothing: never picked */
                double e = unit_per_kw(m, c->device, t);
                if (e < we) {
                    we = e;
                    worst = j;
                }
            }
            if (worst < 0)
                goto fail;
            int k = m->cohorts[worst].device;
            double u = be__unit_kw(m, k, t);
            double n = m->integer ? ceil((kw - cap) / u - 1e-9)
                                  : (kw - cap) / u;
            n = fmin(n, held[worst]);
            held[worst] -= n;
            plan->retire[t * J + worst] += n;
            kw -= n * u;
            if (W == 1)
                have -= be__capacity_of(m, k, 0, t, n);
        }
        if (W == 1) {
            lack[0] = be__shortfall(m, 0, t, have);
        } else {
            for (int k = 0; k < K; k++)
                units[k] = 0.0;
            for (int j = 0; j < J; j++)
                if (m->cohorts[j].start <= t && t < m->cohorts[j].end)
                    units[m->cohorts[j].device] += held[j];
            if (be__split(m, t, units, plan->share + (size_t)t * K * W, NULL,
                          lack) < 0)
                goto fail;
        }
        double budget = be__budget(m, t);
        for (int w = 0; w < W; w++) {
            if (be__shortfall_negligible(m, w, t, lack[w]))
                continue;
            if (greedy_cover(m, plan, held, w, t, lack[w], &budget, &kw) <= 0)
                goto fail;
        }
    }
    free(held);
    free(units);
    free(lack);
    if (!be__plan_sell_spare(m, plan))    /* sell what is spare */
        goto fail_plan;
    return plan;
fail:
    free(held);
    free(units);
    free(lack);
fail_plan:
    be_plan_free(plan);
    return NULL;
}

/* Scenario s's column values own (of its program) into the stochastic
 * program's x, marking them in set; its risk column excess[s] = max(0,
 * its cost).  Returns 0 when a column already set by another scenario
 * differs: the scenarios do not share that decision after all. */
static int put_scenario(const be_program *p, int s, const double *own,
                        double *x, unsigned char *set)
{
    const be_program *q = p->scen[s];
    for (int j = 0; j < q->n_cols; j++) {
        int at = p->scen_map[s][j];
        if (set[at] && fabs(x[at] - own[j]) > 1e-9 * fmax(1.0, own[j]))
            return 0;
        x[at] = own[j];
        set[at] = 1;
    }
    double c = objective(q, own);
    for (int j = 0; j < p->n_cols; j++)
        if (p->cols[j].kind == BE_COL_EXCESS && p->cols[j].cohort == s)
            x[j] = fmax(0.0, c + q->obj_const);
    return 1;
}

/* The stochastic program's start: greedy_plan decides period t from the
 * data of t and the units held, never from later data, so the scenarios'
 * greedy plans take the same decisions wherever the scenarios share
 * them: together they are a plan of the stochastic program.  (The
 * baselines look ahead, at lifetimes' worth of prices: not here.)  Risk
 * columns: eta = 0, excess[s] = max(0, cost of s). */
static int scenario_start(const be_model *m, const be_program *p, double *x,
                          double *cost)
{
    int ok = 1;
    unsigned char *set = be__calloc((size_t)p->n_cols + 1, 1);
    double *own = NULL;
    if (!set)
        return 0;
    memset(x, 0, (size_t)p->n_cols * sizeof *x);
    for (int s = 0; ok && s < p->n_scen; s++) {
        const be_model *ms = m->scenarios[s].model;
        const be_program *q = p->scen[s];
        be_plan *plan = greedy_plan(ms);
        be_eval *e = plan ? be_evaluate(ms, plan, NULL) : NULL;
        free(own);
        own = be__calloc((size_t)q->n_cols + 1, sizeof *own);
        ok = e && own && e->violation == BE_FEASIBLE_PLAN &&
             be__program_x(ms, q, plan, own) &&
             put_scenario(p, s, own, x, set);
        be_eval_free(e);
        be_plan_free(plan);
    }
    free(own);
    free(set);
    if (!ok || !be__program_fixes_hold(p, x))
        return 0;
    *cost = objective(p, x);
    return 1;
}

/* The cheapest feasible whole-unit plan among the baselines people
 * follow (baselines.c) and the greedy plan above (rounding.h). */
int be__baseline_start(const be_model *m, const be_program *p, double *x,
                       double *cost, double *y)
{
    static const be_baseline kinds[] = {BE_BASELINE_END_OF_LIFE,
                                        BE_BASELINE_ON_RELEASE};
    int found = 0;
    if (p->n_scen)
        return scenario_start(m, p, x, cost);
    size_t n = sizeof kinds / sizeof kinds[0];
    for (size_t i = 0; i <= n; i++) {
        be_plan *plan = i < n ? be_baseline_plan(m, kinds[i], 0.0, NULL)
                              : greedy_plan(m);
        be_eval *e = plan ? be_evaluate(m, plan, NULL) : NULL;
        if (e && e->violation == BE_FEASIBLE_PLAN &&
            be__program_x(m, p, plan, y) && be__program_fixes_hold(p, y)) {
            double c = objective(p, y);
            if (!found || c < *cost) {
                memcpy(x, y, (size_t)p->n_cols * sizeof *x);
                *cost = c;
                found = 1;
            }
        }
        be_eval_free(e);
        be_plan_free(plan);
    }
    return found;
}

/*
 * The stochastic program's LP solution x rounded scenario by scenario, by
 * round_plan on each scenario's own program: scenario s keeps what the
 * scenarios before it decided in the periods it shares with them (their
 * data agree there, so those decisions fit it too) and rounds its own from
 * there on, or from `from` if later.  The risk columns as in
 * scenario_start.  Returns 1 with out (n_cols values) and *cost when
 * every scenario's plan is feasible.
 */
static int scenario_round(const be_model *m, const be_program *p,
                          const double *x, int from, double *out,
                          double *cost)
{
    int ok = 1;
    unsigned char *set = be__calloc((size_t)p->n_cols + 1, 1);
    double *xs = NULL, *own = NULL;
    if (!set)
        return 0;
    memset(out, 0, (size_t)p->n_cols * sizeof *out);
    for (int s = 0; ok && s < p->n_scen; s++) {
        const be_program *q = p->scen[s];
        free(xs);
        free(own);
        xs = be__calloc((size_t)q->n_cols + 1, sizeof *xs);
        own = be__calloc((size_t)q->n_cols + 1, sizeof *own);
        if (!xs || !own) {
            ok = 0;
            break;
        }
        int own_from = from;
        for (int r = 0; r < s; r++) {
            int part = be_model_scenarios_part(m, r, s);
            own_from = part > own_from ? part : own_from;
        }
        for (int j = 0; j < q->n_cols; j++) {
            int at = p->scen_map[s][j];
            xs[j] = set[at] ? out[at] : x[at];
        }
        double c;
        ok = round_plan(m->scenarios[s].model, q, xs, own_from, 1, own,
                        &c) &&
             put_scenario(p, s, own, out, set);
    }
    free(set);
    free(xs);
    free(own);
    if (!ok)
        return 0;
    *cost = objective(p, out);
    return 1;
}

/* A plan from x, whole before `from` and an LP solution after
 * (rounding.h). */
int be__rounded_plan(const be_model *m, const be_program *p,
                     const double *x, int from, double *y, double *cost)
{
    return p->n_scen ? scenario_round(m, p, x, from, y, cost)
                     : round_plan(m, p, x, from, 0, y, cost);
}
