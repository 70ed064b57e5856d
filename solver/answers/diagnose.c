/*
 * diagnose.c -- why a model has no plan, in the planner's words, and a
 * warning for programs whose coefficients span too many orders of
 * magnitude.
 *
 * This is the one place that words why a model has no plan.  Infeasible
 * models are diagnosed in three stages:
 *   0. simple bounds, no solve: for each period t, upper bounds on the
 *      capacity in service from the fleet, the power cap and the budgets
 *      taken one at a time (demand_bound).  When one falls short of D(t)
 *      it words period t's demand line.  be_solve's reason is the first
 *      of these lines (be__infeasible_reason), so the two never differ.
 * Then two elastic versions of the program (be__program_copy with
 * penalised slack columns of their own kind, be__program_add_slack; GLPK
 * is reached only through be__glpk_solve):
 *   1. demand elastic, limits hard: demand[t] gets a shortfall column
 *      (+1 in the row) and the objective is  sum_t shortfall_t / D(t)
 *      (the original costs are dropped).  Retiring everything always
 *      meets the power cap and the budget, so this program always has a
 *      plan; a period with shortfall s that no simple bound explains
 *      (whole units, budgets and caps together) says "demand of D(t)
 *      cannot be met: at most D(t) - s fits ...", naming the limit that
 *      is tight.
 *   2. limits elastic: power[t] and budget[t] get an excess column (-1 in
 *      the row), weighted 1 / limit, and demand keeps a shortfall column
 *      weighted 1e4 / D(t) so that the program still has a plan when no
 *      limit can help (nothing for sale).  A period with excess e says by
 *      how much its cap or budget must grow.
 * Weights are relative (per unit of the limit) so that kW, money and
 * throughput are compared as fractions of what the model asked for.
 *
 * Unbounded models: a bought unit whose path buy -> hold ... -> retire (or
 * held to the end) has a negative total cost can be repeated without
 * limit; the first such path is named.
 */
#include "answers/answers.h"
#include "model/rules.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whole-program solves of the elastic copies: at most this long in all
 * when the caller sets no time limit. */
#define DIAGNOSE_SECONDS 10.0
/* A slack counts when above this, relative to the row's right-hand side. */
#define SLACK_TOL 1e-7

/* Money as planners read it: "3.1 M", "250 k", "950". */
static const char *money(double v, char *buf, size_t size)
{
    double a = fabs(v);
    if (a >= 1e9)
        snprintf(buf, size, "%.3g G", v / 1e9);
    else if (a >= 1e6)
        snprintf(buf, size, "%.3g M", v / 1e6);
    else if (a >= 1e4)
        snprintf(buf, size, "%.3g k", v / 1e3);
    else
        snprintf(buf, size, "%.6g", v);
    return buf;
}

/* An elastic copy of p: the original columns (costs zeroed), then one
 * slack column per row with weight[i] > 0, of cost weight[i] (+1 in a >=
 * row, -1 in a <= row).  slack_row[j] is the row of slack column j
 * (indices from p's column count on).  NULL when out of memory. */
static be_program *elastic_build(const be_model *m, const be_program *p,
                                 const double *weight, int **slack_row)
{
    be_program *e = be__program_copy(m, p);
    int n = 0;
    for (int i = 0; i < p->n_rows; i++)
        n += weight[i] > 0.0;
    *slack_row = be__calloc((size_t)n + 1, sizeof **slack_row);
    if (!e || !*slack_row) {
        be__program_free(e);
        return NULL;
    }
    be__program_zero_costs(e);
    /* No upper bounds: the builder's rest on the power cap and the
     * budget holding, and the elastic program may break them. */
    for (int j = 0; j < e->n_cols; j++)
        e->cols[j].upper = INFINITY;
    for (int i = 0, k = 0; i < p->n_rows; i++) {
        if (!(weight[i] > 0.0))
            continue;
        if (be__program_add_slack(e, i, weight[i]) < 0) {
            be__program_free(e);
            return NULL;
        }
        (*slack_row)[k++] = i;
    }
    return e;
}

double be__time_share(double end, int parts)
{
    if (!isfinite(end))
        return INFINITY;
    double left = (end - be__now()) / parts;
    return left > 1e-3 ? left : 1e-3;
}

/* Solve an elastic copy within `seconds`: slack[i] gets the slack of row
 * i (0 if none).  Returns BE_OK with *solved = 1 when a plan was found. */
static be_code elastic_solve(const be_model *m, const be_program *p,
                             const double *weight, const be_settings *s,
                             double seconds, double *slack,
                             double *activity, int *solved, be_error *err)
{
    int *slack_row = NULL;
    be_code rc = BE_OK;
    be_pos nowhere = {0, 0};
    *solved = 0;
    be_program *e = elastic_build(m, p, weight, &slack_row);
    if (!e) {
        free(slack_row);
        return be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    }
    be_settings es;
    be_settings_init(&es);
    es.mip_gap = s ? s->mip_gap : es.mip_gap;
    es.time_limit = seconds;
    es.log = s ? s->log : NULL;
    es.log_ctx = s ? s->log_ctx : NULL;
    be_glpk_out out;
    memset(&out, 0, sizeof out);
    rc = be__glpk_solve(m, e, &es, &out, err);
    if (rc == BE_OK && out.x &&
        (out.status == BE_OPTIMAL || out.status == BE_TIME_LIMIT_PLAN)) {
        *solved = 1;
        for (int i = 0; i < p->n_rows; i++)
            slack[i] = 0.0;
        for (int j = be__program_cols(p); j < be__program_cols(e); j++)
            slack[slack_row[j - be__program_cols(p)]] =
                out.x[j] > 0.0 ? out.x[j] : 0.0;
        for (int i = 0; i < p->n_rows; i++)
            activity[i] = 0.0;
        for (size_t k = 0; k < p->nnz; k++)
            activity[p->mi[k]] += p->mv[k] * out.x[p->mj[k]];
    }
    free(out.x);
    free(out.dual);
    be__program_free(e);
    free(slack_row);
    return rc;
}

static int significant(double slack, double rhs)
{
    return slack > SLACK_TOL * (fabs(rhs) > 1.0 ? fabs(rhs) : 1.0);
}

static int add_give(be_diagnosis *d, int cap, be_give_kind kind, int period,
                    double limit, double reachable, double amount)
{
    if (d->n >= cap)
        return 0;
    be_give *g = &d->gives[d->n++];
    g->kind = kind;
    g->period = period;
    g->device = -1;
    g->workload = -1;
    g->limit = limit;
    g->reachable = reachable;
    g->amount = amount;
    g->text[0] = '\0';
    return 1;
}

/* The row of kind in period t, or -1. */
static int row_of(const int *rows_by_period, int t)
{
    return rows_by_period[t];
}

/* Row i is tight when what is left under its limit cannot take one more
 * unit of any of its columns (whole units) or is within rounding (LP). */
static int tight(const be_program *p, const double *act, const double *step,
                 int i)
{
    double cap = p->rows[i].rhs;
    double left = cap - act[i];
    double tol = 1e-6 * (cap > 1.0 ? cap : 1.0);
    return left <= tol || (p->integer && left < step[i] - tol);
}

/* A demand line naming period t's power cap (cap_kw): from a bound or
 * from the demand-elastic plan alike. */
static void power_text(const be_model *m, double cap_kw, be_give *g)
{
    snprintf(g->text, sizeof g->text, "%s: demand of %.6g cannot be met: at "
             "most %.6g fits under the %.6g kW power cap",
             m->labels[g->period], g->limit, g->reachable, cap_kw);
}

/* ---- stage 0: simple bounds ---- */

/* The most throughput that fits under period t's power cap, into *fit: a
 * fractional knapsack over throughput per kW.  Units that draw nothing
 * count in full; then fleet units, most throughput per kW first, each up
 * to its count; the best buyable device fills what is left.  Returns 0
 * when out of memory. */
static int power_fit(const be_model *m, int t, double *fit)
{
    double kw = be__power_cap(m, t), best_buy = 0.0, cap = 0.0;
    for (int j = m->n_fleet; j < m->n_cohorts; j++) {
        const be_cohort *c = &m->cohorts[j];
        if (c->start <= t && t < c->end) {
            double e = be__unit_capacity(m, c->device, 0, t) /
                       be__unit_kw(m, c->device, t);
            best_buy = e > best_buy ? e : best_buy;
        }
    }
    int *used = be__calloc((size_t)m->n_fleet + 1, sizeof *used);
    if (!used)
        return 0;
    for (;;) {
        int pick = -1;
        double pick_e = best_buy;
        for (int j = 0; j < m->n_fleet; j++) {
            const be_cohort *c = &m->cohorts[j];
            if (used[j] || t >= c->end)
                continue;
            double w = be__unit_kw(m, c->device, t);
            double thr = be__unit_capacity(m, c->device, 0, t);
            if (w == 0.0) {
                cap += be__capacity_of(m, c->device, 0, t, c->count);
                used[j] = 1;
                continue;
            }
            if (thr / w > pick_e) {
                pick = j;
                pick_e = thr / w;
            }
        }
        if (pick < 0)
            break;
        const be_cohort *c = &m->cohorts[pick];
        double w = be__unit_kw(m, c->device, t);
        double units = kw / w < c->count ? kw / w : c->count;
        cap += be__capacity_of(m, c->device, 0, t, units);
        kw -= units * w;
        used[pick] = 1;
    }
    free(used);
    *fit = cap + kw * best_buy;
    return 1;
}

/* Upper bounds on the capacity that can be in service in period t, from
 * the fleet, the power cap and the budgets taken one at a time.  When one
 * falls short of demand, fills g with period t's demand line (reachable:
 * that bound) and returns 1; 0 when none does (or something rentable is
 * available in t); -1 when out of memory. */
static int demand_bound(const be_model *m, int t, be_give *g)
{
    /* with workloads, the elastic programs find the period (a bound per
     * workload would have to split the units first) */
    if (m->W > 1)
        return 0;
    double need = be__demand(m, 0, t), fleet = 0.0, cap = 0.0;
    int can_rent = 0, can_buy = 0, free_power = 0, free_price = 0;
    for (int k = 0; k < m->n_devices; k++) {
        const be_device *d = &m->devices[k];
        if (d->rented && t >= d->avail_from && t <= d->avail_to)
            can_rent = 1;
    }
    for (int j = 0; j < m->n_cohorts; j++) {
        const be_cohort *c = &m->cohorts[j];
        if (c->fleet_entry >= 0 && t < c->end)
            fleet += be__capacity_of(m, c->device, 0, t, c->count);
        if (c->fleet_entry < 0 && c->start <= t && t < c->end) {
            can_buy = 1;
            free_power |= be__unit_kw(m, c->device, t) == 0.0;
            free_price |= be__unit_spend(m, c->device, c->start) == 0.0;
        }
    }
    if (can_rent)
        return 0;
    enum { NONE, FLEET, POWER, BUDGET } by = NONE;
    if (!can_buy && need > fleet * (1 + 1e-9)) {
        by = FLEET;
        cap = fleet;
    }
    if (by == NONE && be__has_power_cap(m) && !free_power) {
        if (!power_fit(m, t, &cap))
            return -1;
        if (need > cap * (1 + 1e-9))
            by = POWER;
    }
    if (by == NONE && be__has_budget(m) && !free_price &&
        need > fleet * (1 + 1e-9)) {
        cap = fleet;
        for (int j = m->n_fleet; j < m->n_cohorts; j++) {
            const be_cohort *c = &m->cohorts[j];
            int k = c->device, s = c->start;
            if (s <= t && t < c->end)
                cap += be__budget(m, s) / be__unit_spend(m, k, s) *
                       be__unit_capacity(m, k, 0, t);
        }
        if (need > cap * (1 + 1e-9))
            by = BUDGET;
    }
    if (by == NONE)
        return 0;
    g->kind = BE_GIVE_DEMAND;
    g->period = t;
    g->device = -1;
    g->workload = -1;
    g->limit = need;
    g->reachable = cap;
    g->amount = need - cap;
    if (by == POWER)
        power_text(m, be__power_cap(m, t), g);
    else if (by == FLEET)
        snprintf(g->text, sizeof g->text, "%s: demand of %.6g cannot be "
                 "met: the fleet in place delivers at most %.6g and nothing "
                 "can be bought or rented then", m->labels[t], need, cap);
    else
        snprintf(g->text, sizeof g->text, "%s: demand of %.6g cannot be "
                 "met: the budgets up to then buy at most %.6g of capacity "
                 "(with the fleet)", m->labels[t], need, cap);
    return 1;
}

int be__infeasible_reason(const be_model *m, char *buf, size_t size)
{
    be_give g;
    int found = 0;
    for (int t = 0; t < m->T && !found; t++)
        found = demand_bound(m, t, &g);
    if (size)
        snprintf(buf, size, "%s", found == 1 ? g.text : "");
    return found;
}

/* ---- stages 1 and 2: elastic programs ---- */

/* The reason a period's demand falls short in the demand-elastic plan:
 * the tight power cap of t, else the latest tight budget up to t. */
static void demand_text(const be_model *m, const be_program *p,
                        const int *power_row, const int *budget_row,
                        const double *act, const double *step, be_give *g)
{
    int t = g->period;
    char a[32];
    int pr = row_of(power_row, t);
    if (pr >= 0 && tight(p, act, step, pr)) {
        power_text(m, p->rows[pr].rhs, g);
        return;
    }
    for (int u = t; u >= 0; u--) {
        int br = row_of(budget_row, u);
        if (br < 0)
            continue;
        double cap = p->rows[br].rhs;
        if (tight(p, act, step, br)) {
            /* budgets trade off between periods: this is the plan with
             * the least total shortfall, not a bound for t alone */
            snprintf(g->text, sizeof g->text, "%s: demand of %.6g cannot be "
                     "met: with a budget of %s in %s, the closest plan "
                     "delivers %.6g", m->labels[t], g->limit,
                     money(cap, a, sizeof a), m->labels[u], g->reachable);
            return;
        }
    }
    if (g->workload >= 0 && m->W > 1)
        snprintf(g->text, sizeof g->text, "%s: %s demand of %.6g cannot be "
                 "met: at most %.6g can serve it (the fleet in place and "
                 "what is for sale or rent by then, split between the "
                 "workloads)", m->labels[t], m->workloads[g->workload].name,
                 g->limit, g->reachable);
    else
        snprintf(g->text, sizeof g->text, "%s: demand of %.6g cannot be met: "
                 "at most %.6g can be in service (the fleet in place and "
                 "what is for sale or rent by then)", m->labels[t], g->limit,
                 g->reachable);
}

/* Unbounded: a bought unit whose buy-hold-retire path costs less than
 * nothing.  Fills one give and returns 1 when found. */
static int unbounded_cause(const be_model *m, const be_program *p,
                           be_diagnosis *d, int cap)
{
    for (int j = m->n_fleet; j < m->n_cohorts; j++) {
        const be_cohort_cols *cc = &p->cc[j];
        if (cc->buy < 0)
            continue;
        double cost = p->cols[cc->buy].cost;
        int c = m->cohorts[j].start;
        for (int t = c; t < cc->hold_end; t++) {
            cost += p->cols[cc->hold0 + (t - c)].cost;
            int r = t + 1;
            double total;
            if (r >= cc->retire_from && r < cc->retire_end)
                total = cost +
                        p->cols[cc->retire0 + (r - cc->retire_from)].cost;
            else if (r == m->T)
                total = cost;       /* held to the end: salvage is in hold */
            else
                continue;
            if (total < -1e-9 * (fabs(p->cols[cc->buy].cost) + 1.0)) {
                if (!add_give(d, cap, BE_GIVE_UNBOUNDED, c, 0.0, 0.0, -total))
                    return 0;
                be_give *g = &d->gives[d->n - 1];
                char a[32];
                g->device = m->cohorts[j].device;
                snprintf(g->text, sizeof g->text, "device '%s': a unit bought "
                         "in %s and %s in %s returns %s more than it costs "
                         "(present value): buying more of them lowers the "
                         "cost without limit", m->devices[g->device].name,
                         m->labels[c], r == m->T ? "held to the end" : "sold",
                         m->labels[r], money(-total, a, sizeof a));
                return 1;
            }
        }
    }
    return 0;
}

void be_diagnosis_free(be_diagnosis *d)
{
    if (!d)
        return;
    free(d->gives);
    free(d);
}

/* A model with scenarios: each scenario diagnosed as a model of its
 * own, its lines prefixed with its name.  (A stochastic program can also
 * have no plan while every scenario has one, when no shared decision
 * suits them all; then there is nothing here to list.) */
static be_diagnosis *diagnose_scenarios(const be_model *m,
                                        const be_settings *s, double end,
                                        be_error *err)
{
    be_pos nowhere = {0, 0};
    be_diagnosis *all = be__calloc(1, sizeof *all);
    if (!all) {
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    all->status = BE_OPTIMAL;
    be_settings one;
    if (s)
        one = *s;
    else
        be_settings_init(&one);
    for (int i = 0; i < m->n_scenarios; i++) {
        /* the scenarios still to come share the time left */
        one.time_limit = be__time_share(end, m->n_scenarios - i);
        be_diagnosis *d = be_diagnose(m->scenarios[i].model, &one, err);
        if (!d) {
            be_diagnosis_free(all);
            return NULL;
        }
        be_give *g = d->n ? realloc(all->gives, ((size_t)all->n +
                                                 (size_t)d->n) * sizeof *g)
                          : all->gives;
        if (d->n && !g) {
            be_diagnosis_free(d);
            be_diagnosis_free(all);
            be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
            return NULL;
        }
        all->gives = g;
        for (int k = 0; k < d->n; k++) {
            be_give *to = &all->gives[all->n++];
            *to = d->gives[k];
            snprintf(to->text, sizeof to->text, "scenario '%s': %.*s",
                     m->scenarios[i].name,
                     (int)(sizeof to->text - 80), d->gives[k].text);
        }
        if (d->status != BE_OPTIMAL && all->status == BE_OPTIMAL)
            all->status = d->status;
        be_diagnosis_free(d);
    }
    return all;
}

be_diagnosis *be_diagnose(const be_model *m, const be_settings *s,
                          be_error *err)
{
    be_pos nowhere = {0, 0};
    /* one time limit for the whole diagnosis */
    double end = be__now() + (s && s->time_limit > 0 ? s->time_limit
                                                      : DIAGNOSE_SECONDS);
    if (m->n_scenarios)
        return diagnose_scenarios(m, s, end, err);
    be_diagnosis *d = be__calloc(1, sizeof *d);
    be_program *p = NULL;
    double *w = NULL, *slack = NULL, *act = NULL, *step = NULL;
    int *power_row = NULL, *budget_row = NULL, *demand_row = NULL;
    if (!d) {
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    p = be__program_build(m, m->integer && !(s && s->relax), err);
    if (!p)
        goto fail;
    int T = m->T;
    int W = m->W;
    int cap = (2 + W) * T + 1;
    d->gives = be__calloc((size_t)cap, sizeof *d->gives);
    size_t nr = (size_t)(p->n_rows ? p->n_rows : 1);
    w = be__calloc(nr, sizeof *w);
    slack = be__calloc(nr, sizeof *slack);
    act = be__calloc(nr, sizeof *act);
    step = be__calloc(nr, sizeof *step);
    power_row = be__calloc((size_t)T, sizeof *power_row);
    budget_row = be__calloc((size_t)T, sizeof *budget_row);
    demand_row = be__calloc((size_t)T * W, sizeof *demand_row);
    if (!d->gives || !w || !slack || !act || !step || !power_row ||
        !budget_row || !demand_row) {
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        goto fail;
    }
    for (int t = 0; t < T; t++)
        power_row[t] = budget_row[t] = -1;
    for (int t = 0; t < T * W; t++)
        demand_row[t] = -1;
    for (int i = 0; i < p->n_rows; i++) {
        const be_row *r = &p->rows[i];
        if (r->kind == BE_ROW_DEMAND)
            demand_row[r->period * W + (r->workload > 0 ? r->workload : 0)] =
                i;
        else if (r->kind == BE_ROW_POWER)
            power_row[r->period] = i;
        else if (r->kind == BE_ROW_BUDGET)
            budget_row[r->period] = i;
    }

    /* the smallest positive coefficient of each row: one more unit */
    for (size_t k = 0; k < p->nnz; k++) {
        int i = p->mi[k];
        double a = fabs(p->mv[k]);
        if (a > 0.0 && (step[i] == 0.0 || a < step[i]))
            step[i] = a;
    }

    if (unbounded_cause(m, p, d, cap)) {
        d->status = BE_UNBOUNDED;
        goto done;
    }

    /* 1. demand elastic, limits hard */
    int solved;
    for (int i = 0; i < p->n_rows; i++) {
        const be_row *r = &p->rows[i];
        w[i] = r->kind == BE_ROW_DEMAND && r->rhs > 0.0
             ? 1.0 / (r->rhs > 1.0 ? r->rhs : 1.0) : 0.0;
    }
    if (elastic_solve(m, p, w, s, be__time_share(end, 2), slack, act,
                      &solved, err) != BE_OK)
        goto fail;
    /* a demand line per period: stage 0's bound when one shows the
     * shortfall (what be_solve's reason says), else the elastic plan's */
    for (int t = 0; t < T; t++) {
        int b = demand_bound(m, t, &d->gives[d->n]);
        if (b < 0) {
            be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
            goto fail;
        }
        d->n += b;
        for (int wl = 0; !b && solved && wl < W; wl++) {
            int i = demand_row[t * W + wl];
            if (i < 0 || !significant(slack[i], p->rows[i].rhs))
                continue;
            double need = p->rows[i].rhs;
            if (!add_give(d, cap, BE_GIVE_DEMAND, t, need, need - slack[i],
                          slack[i]))
                continue;
            d->gives[d->n - 1].workload = W > 1 ? wl : -1;
            demand_text(m, p, power_row, budget_row, act, step,
                        &d->gives[d->n - 1]);
        }
    }

    /* 2. limits elastic, demand nearly hard */
    for (int i = 0; i < p->n_rows; i++) {
        const be_row *r = &p->rows[i];
        double scale = fabs(r->rhs) > 1.0 ? fabs(r->rhs) : 1.0;
        /* ties between periods go to the latest one (spend when the
         * capacity is needed), by a weight 0.1% higher per period earlier */
        double later = 1.0 + 1e-3 * (double)(T - 1 - r->period) / T;
        w[i] = r->kind == BE_ROW_DEMAND && r->rhs > 0.0 ? 1e4 / scale
             : r->kind == BE_ROW_POWER || r->kind == BE_ROW_BUDGET
             ? later / scale : 0.0;
    }
    if (elastic_solve(m, p, w, s, be__time_share(end, 1), slack, act,
                      &solved, err) != BE_OK)
        goto fail;
    if (solved) {
        for (int t = 0; t < T; t++) {
            char a[32], b[32];
            int i = budget_row[t];
            if (i >= 0 && significant(slack[i], p->rows[i].rhs)) {
                double lim = p->rows[i].rhs;
                add_give(d, cap, BE_GIVE_BUDGET, t, lim, lim + slack[i],
                         slack[i]);
                snprintf(d->gives[d->n - 1].text, sizeof d->gives->text,
                         "%s: buying the capacity needed costs %s, the "
                         "budget is %s", m->labels[t],
                         money(lim + slack[i], a, sizeof a),
                         money(lim, b, sizeof b));
            }
            i = power_row[t];
            if (i >= 0 && significant(slack[i], p->rows[i].rhs)) {
                double lim = p->rows[i].rhs;
                add_give(d, cap, BE_GIVE_POWER, t, lim, lim + slack[i],
                         slack[i]);
                snprintf(d->gives[d->n - 1].text, sizeof d->gives->text,
                         "%s: the units needed to meet demand draw %.6g kW, "
                         "the power cap is %.6g kW", m->labels[t],
                         lim + slack[i], lim);
            }
        }
    }
    d->status = d->n ? BE_INFEASIBLE : BE_OPTIMAL;
    goto done;
fail:
    be_diagnosis_free(d);
    d = NULL;
done:
    free(w);
    free(slack);
    free(act);
    free(step);
    free(power_row);
    free(budget_row);
    free(demand_row);
    be__program_free(p);
    return d;
}

/* ---- coefficient range ---- */

int be_model_check_scaling(const be_model *m, char *buf, size_t size)
{
    be_program *p = be__program_build(m, 0, NULL);
    if (buf && size)
        buf[0] = '\0';
    if (!p)
        return 0;
    /* smallest and largest nonzero |coefficient|, and where */
    enum { OBJ, DEMAND, POWER, BUDGET, FLOW, N_WHERE };
    static const char *const what[N_WHERE] = {
        "the objective (money)", "the demand rows (throughput)",
        "the power rows (kW)", "the budget rows (prices)", "the flow rows"};
    double lo = INFINITY, hi = 0.0;
    int lo_at = FLOW, hi_at = FLOW;
    for (int j = 0; j < p->n_cols; j++) {
        double a = fabs(p->cols[j].cost);
        if (a == 0.0 || !isfinite(a))
            continue;
        if (a < lo) { lo = a; lo_at = OBJ; }
        if (a > hi) { hi = a; hi_at = OBJ; }
    }
    for (size_t k = 0; k < p->nnz; k++) {
        double a = fabs(p->mv[k]);
        if (a == 0.0 || !isfinite(a))
            continue;
        be_row_kind rk = p->rows[p->mi[k]].kind;
        int at = rk == BE_ROW_DEMAND ? DEMAND : rk == BE_ROW_POWER ? POWER
               : rk == BE_ROW_BUDGET ? BUDGET : FLOW;
        if (a < lo) { lo = a; lo_at = at; }
        if (a > hi) { hi = a; hi_at = at; }
    }
    be__program_free(p);
    if (!(hi > 0.0) || !isfinite(lo) || hi / lo <= BE_SCALING_RATIO)
        return 0;
    const char *advice;
    if ((hi_at == OBJ || hi_at == BUDGET) && hi >= 1e6)
        advice = hi >= 1e12 ? "express money in millions"
                            : "express money in thousands";
    else if (lo_at == DEMAND)
        advice = "express throughput (and demand) in a smaller unit so that "
                 "throughputs are not tiny";
    else if (lo_at == POWER)
        advice = "a tiny power_kw changes nothing: set it to 0 or give the "
                 "real draw";
    else if (lo_at == OBJ)
        advice = "costs this small next to the others do not matter: round "
                 "them to 0 or express money in a smaller unit";
    else
        advice = "bring the model's numbers to similar magnitudes";
    if (buf && size)
        snprintf(buf, size, "the program's coefficients span %.1e (from %.3g "
                 "in %s to %.3g in %s), too wide for reliable floating "
                 "point: %s", hi / lo, lo, what[lo_at], hi, what[hi_at],
                 advice);
    return 1;
}
