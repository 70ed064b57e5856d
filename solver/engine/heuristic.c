/*
 * heuristic.c -- a whole-unit plan quickly, before branch and bound
 * (strategy.c starts it, and says what becomes of its plan).  It works
 * on the loaded program through the GLPK wrapper's operations (glpk.h).
 *
 * GLPK's own primal heuristics work on binary columns only (FIELD-NOTES):
 * on the general-integer programs of a fleet nothing finds a plan early,
 * and branch and bound has nothing to prune with.  The structure of the
 * problem gives one: decisions follow time.  be__heuristic, in order:
 *
 * 1. A plan at once (be__baseline_start, rounding.c): the cheapest of the
 *    baselines people follow and a greedy plan, when one meets every
 *    constraint.
 * 2. The LP relaxation (every whole-unit column continuous) by the dual
 *    simplex, from the basis of unit lives when the solve installed one;
 *    its optimum is the bound the heuristic returns.  Its solution,
 *    rounded and repaired (be__rounded_plan), is kept when cheaper.
 * 3. When there is a rounded plan: fix-and-optimize (below) on the best
 *    plan so far, at once, because on large programs relax-and-fix may not
 *    end within the limit, and fix-and-optimize, whose sub-programs are
 *    small, improves a plan from its first window on; within half the
 *    time left (FO_FIRST_SHARE), so that relax-and-fix has time too.
 * 4. Relax-and-fix.  Periods are taken in windows (half a year: 1 year,
 *    2 quarters or 6 months, fewer when a window would hold more than
 *    WINDOW_COLUMNS whole-unit columns).  For window [a, b) the sub-MIP
 *    has the whole-unit columns of periods before a fixed at the values
 *    chosen so far, those of [a, b) whole, and those after b fractional:
 *    the LP of the future prices what the window decides.  After the last
 *    window every column is whole: a plan, kept when cheaper.  Each
 *    sub-MIP is tried the quick way first (warm dual simplex, no
 *    presolve) and, when that finds nothing within its nodes, the
 *    thorough way (GLPK's MIP presolve, ten times the nodes); a window
 *    that still finds nothing is decided again together with the window
 *    before it, whose choices may have left it without a plan.  When that
 *    fails too, relax-and-fix stops: the periods it decided (if any) stay
 *    whole and the rest of its last LP is rounded (be__rounded_plan),
 *    kept when cheaper.
 * 5. No plan from any of these: no plan (branch and bound starts on its
 *    own).  Otherwise fix-and-optimize once more on the best plan, when
 *    step 4 made it cheaper, or step 3 did not run or ran out of its
 *    share of the time (FO_FIRST_SHARE).
 * 6. On a stochastic program, fix-and-optimize again with wider windows
 *    while one scenario's part of a window stays small (widen).
 *
 * Fix-and-optimize: with every whole-unit column fixed at the plan but
 * those of one window (two windows wide, stepping by one, so they
 * overlap), the sub-MIP (the thorough way) re-decides that window; a
 * cheaper plan replaces the current one.  On a stochastic program a
 * window holds one scenario's nodes at a time (the shared ones with it),
 * the other scenarios' columns fixed too.  Passes repeat until one
 * improves nothing, FO_PASSES at most.  With workloads, a window that
 * finds no cheaper plan is searched once more for plans cheaper than the
 * current one only, by a row of the objective (a cutoff): its share
 * columns leave many fractional alternatives, and a window often stopped
 * at its nodes with a dearer plan than it was given.  Measured on the
 * monthly models of bench/workloads.sh at 10 s ($M; no cutoff / the
 * cutoff alone / the retry with it): m3x14 -4.1645 / -4.1785 / -4.1785,
 * m6x36 2.2400 / 2.2024 / 2.1556, m10x60 11.458 / 11.616 / 11.484.  With
 * one workload the row only slows the windows down (m6x36: 1.699
 * without, 1.889 with it on every window), so it is not tried.
 *
 * Every sub-MIP stops after a number of nodes, not seconds, so the plan
 * is the same on any machine (the deadline only cuts the work short).
 * References: relax-and-fix and fix-and-optimize as in Pochet and Wolsey,
 * "Production Planning by Mixed Integer Programming" (2006), ch. 3.6, and
 * Helber and Sahling (2010), Int. J. Production Economics 123(2).
 */
#include "engine/heuristic.h"
#include "engine/rounding.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW_COLUMNS 150     /* whole-unit columns in a relax-and-fix
                                  window, at most (unless one period has
                                  more) */
/* Nodes per sub-MIP once it has a plan, and before; the gap it stops at.
 * Chosen on bench/gen-large.sh 5 36 true (docs/engine.md "Whole units"):
 * smaller windows or node counts found worse plans, larger ones found
 * them later. */
#define RF_NODES 50
#define RF_NO_PLAN_NODES 200
#define RF_GAP 1e-3
#define FO_NODES 500
#define FO_NO_PLAN_NODES 5000
#define FO_GAP 1e-6
#define FO_BETTER 1e-7        /* a window looks for plans this much cheaper */
#define FO_PASSES 4            /* fix-and-optimize passes at most */
/* The first fix-and-optimize (step 3) ends by this share of the time
 * left, so that relax-and-fix has the rest; cut short, it goes on in step
 * 5.  Measured at 10 s: bench/gen-large.sh 6 36 true period=month (a cap
 * binding at the end) 2.86% with all the time, 1.50% with half, 21,535,507
 * (1.38%) with a quarter but m10x60 0.43% dearer; every other model of
 * bench/mip.sh the same with half, m10x60 0.04% dearer. */
#define FO_FIRST_SHARE 0.5
/* Wider fix-and-optimize windows (step 6) while a window holds at most
 * this many whole-unit columns (of one scenario's nodes). */
#define FO_WIDE_COLUMNS 400

typedef struct heur {
    be_lp *lp;
    const be_model *m;
    const be_program *p;
    int T;
    double deadline;
    int *per_period;           /* [T] whole-unit columns in each period */
    int cutoff;                /* fix-and-optimize windows look only for
                                  cheaper plans (below) */
    int path;                  /* a stochastic program's window holds the
                                  nodes of this scenario only; -1: all */
} heur;

static int whole(const be_program *p, int j)
{
    return p->integer && p->cols[j].integer;
}

static double left(const heur *h)
{
    return h->deadline - be__now();
}

/* Column j is in the window's nodes: every node, or those of scenario
 * h->path. */
static int on_path(const heur *h, int j)
{
    int n = h->p->n_scen ? h->p->col_node[j] : -1;
    return h->path < 0 || n < 0 ||
           n == h->m->node_of[h->path * h->T + h->p->cols[j].period];
}

/* Columns of periods before a fixed at x, [a, b) whole, the rest
 * fractional (relax-and-fix); or, with fix_outside, everything outside
 * [a, b) (and outside h->path's nodes) fixed at x (fix-and-optimize). */
static void set_window(heur *h, int a, int b, const double *x,
                       int fix_outside)
{
    const be_program *p = h->p;
    for (int j = 0; j < p->n_cols; j++) {
        int t = p->cols[j].period;
        if (!whole(p, j))
            be__lp_free_col(h->lp, j, 0);
        else if (t >= a && t < b && on_path(h, j))
            be__lp_free_col(h->lp, j, 1);
        else if (t < a || fix_outside)
            be__lp_fix_col(h->lp, j, x[j]);
        else
            be__lp_free_col(h->lp, j, 0);
    }
}

/* The end of the relax-and-fix window that starts at a. */
static int window_end(const heur *h, int a, int periods)
{
    int b = a + 1, n = h->per_period[a];
    while (b < h->T && b - a < periods &&
           n + h->per_period[b] <= WINDOW_COLUMNS)
        n += h->per_period[b++];
    return b;
}

/* One window: the quick way, then the thorough one. */
static int solve_window(heur *h, int a, int b, double *x, double *cost)
{
    set_window(h, a, b, x, 0);
    double t0 = be__now();
    int ok = be__lp_solve(h->lp, left(h), RF_NODES, RF_NO_PLAN_NODES, RF_GAP,
                          0, INFINITY, x, cost);
    if (!ok)
        ok = be__lp_solve(h->lp, left(h), RF_NODES, 10 * RF_NO_PLAN_NODES,
                          RF_GAP, 1, INFINITY, x, cost);
    be__lp_log(h->lp, "heuristic: periods %d-%d: %s %.10g (%.2f s)\n", a,
               b - 1, ok ? "plan" : "no plan", ok ? *cost : 0.0,
               be__now() - t0);
    return ok;
}

/* Relax-and-fix; *reached: the periods before it are whole in x (the
 * rest fractional, the LP of the last window that found a plan). */
static int relax_and_fix(heur *h, int periods, double *x, double *cost,
                         int *reached)
{
    *reached = 0;
    for (int a = 0, prev = 0; a < h->T;) {
        int b = window_end(h, a, periods);
        /* a window that finds nothing is decided again together with the
         * one before it, whose choices may have left it no plan */
        if (!solve_window(h, a, b, x, cost) &&
            (a == 0 || !solve_window(h, prev, b, x, cost)))
            return 0;
        prev = a;
        a = *reached = b;
    }
    return 1;
}

/* Scenario s's nodes over [a, b) are those of a scenario before it (the
 * same window of a stochastic program's fix-and-optimize). */
static int same_path(const heur *h, int s, int b)
{
    const int *node_of = h->m->node_of;
    for (int r = 0; r < s; r++)
        if (node_of[r * h->T + b - 1] == node_of[s * h->T + b - 1])
            return 1;
    return 0;
}

/* One fix-and-optimize window: 1 when it found a cheaper plan (in x). */
static int fo_window(heur *h, int a, int b, double *x, double *cost,
                     double *y)
{
    double c, scale = fmax(1.0, fabs(*cost));
    set_window(h, a, b, x, 1);
    int ok = be__lp_solve(h->lp, left(h), FO_NODES, FO_NO_PLAN_NODES,
                          FO_GAP, 1, INFINITY, y, &c) &&
             c < *cost - 1e-9 * scale;
    if (!ok && h->cutoff)
        ok = be__lp_solve(h->lp, left(h), FO_NODES, FO_NO_PLAN_NODES,
                          FO_GAP, 1, *cost - FO_BETTER * scale, y, &c) &&
             c < *cost - 1e-9 * scale;
    if (ok) {
        memcpy(x, y, (size_t)h->p->n_cols * sizeof *x);
        *cost = c;
    }
    return ok;
}

static int fix_and_optimize(heur *h, int periods, double *x, double *cost,
                            double *y)
{
    int improved = 0, S = h->p->n_scen;
    for (int pass = 0; pass < FO_PASSES && left(h) > 0.0; pass++) {
        int better = 0;
        for (int a = 0; a < h->T && left(h) > 0.0; a += periods) {
            int b = a + 2 * periods < h->T ? a + 2 * periods : h->T;
            /* a stochastic program's window one scenario's nodes at a
             * time (the others' fixed): each as small as a window of one
             * scenario's program, where all the nodes at once made a
             * window many times that (bench/scenarios.sh, 6 x 36 months,
             * 5 scenarios: a pass took 30 s and gained 0.06%) */
            for (int sc = 0; sc < (S ? S : 1) && left(h) > 0.0; sc++) {
                if (S && same_path(h, sc, b))
                    continue;
                h->path = S ? sc : -1;
                better |= fo_window(h, a, b, x, cost, y);
            }
            h->path = -1;
            if (b == h->T)
                break;
        }
        be__lp_log(h->lp, "heuristic: fix-and-optimize pass %d: %.10g "
                   "(%.2f s left)\n", pass + 1, *cost, left(h));
        improved |= better;
        if (!better)
            break;
    }
    return improved;
}

/* The most whole-unit columns a fix-and-optimize window of len periods
 * frees (one scenario's nodes at a time on a stochastic program); -1
 * when out of memory. */
static int window_columns(heur *h, int len)
{
    const be_program *p = h->p;
    int T = h->T, S = p->n_scen ? p->n_scen : 1, most = 0;
    int *n = be__calloc((size_t)T, sizeof *n);
    if (!n)
        return -1;
    for (int s = 0; s < S; s++) {
        h->path = p->n_scen ? s : -1;
        memset(n, 0, (size_t)T * sizeof *n);
        for (int j = 0; j < p->n_cols; j++)
            if (whole(p, j) && on_path(h, j))
                n[p->cols[j].period]++;
        for (int a = 0; a < T; a++) {
            int sum = 0;
            for (int t = a; t < a + len && t < T; t++)
                sum += n[t];
            if (sum > most)
                most = sum;
        }
    }
    h->path = -1;
    free(n);
    return most;
}

/* Step 6, on a stochastic program: fix-and-optimize with windows twice
 * as wide, then twice again, up to the whole horizon, while a window (one
 * scenario's nodes) stays within FO_WIDE_COLUMNS.  On a yearly tree of 3
 * types and 4 scenarios (204 integer columns) the two-year windows end
 * 0.15% above the optimum, where windows of the whole horizon (each
 * scenario's path at once) find it in 0.1 s; at 10 s the answers of
 * five small trees were cheaper or the same.  Not on a deterministic
 * program, where the widest window is the program itself: bench/mip.sh
 * at 10 s gave the same plans but q4x20's (0.32% cheaper), and the six
 * models it proves took up to twice as long. */
static void widen(heur *h, int periods, double *x, double *cost, double *y)
{
    for (int w = 2 * periods; left(h) > 0.0; w *= 2) {
        int n = window_columns(h, 2 * w);
        if (n < 0 || n > FO_WIDE_COLUMNS)
            break;
        fix_and_optimize(h, w, x, cost, y);
        if (2 * w >= h->T)
            break;
    }
}

/* Half a year of periods. */
static int half_year(const be_model *m)
{
    int n = (int)floor(0.5 / m->dt + 0.5);
    return n < 1 ? 1 : n;
}

/* Keep plan y of cost c in x when it is the first or the cheapest. */
static void keep(double *x, double *cost, int *found, double *first,
                 const double *y, double c, int n, double when)
{
    if (*found && !(c < *cost))
        return;
    memcpy(x, y, (size_t)n * sizeof *x);
    *cost = c;
    if (!*found)
        *first = when;
    *found = 1;
}

int be__heuristic(be_lp *lp, const be_model *m, const be_program *p,
                  double deadline, double *x, double *cost, double *first,
                  double *bound)
{
    *bound = -INFINITY;
    double t0 = be__now();
    heur h = {lp, m, p, m->T, deadline, NULL, m->W > 1, -1};
    int found = 0;
    double *y = NULL, *z = NULL, zcost = 0.0;
    if (!p->integer || p->n_cols == 0 || m->T == 0)
        return 0;
    h.per_period = be__calloc((size_t)m->T, sizeof *h.per_period);
    y = be__calloc((size_t)p->n_cols, sizeof *y);
    z = be__calloc((size_t)p->n_cols, sizeof *z);
    if (!h.per_period || !y || !z)
        goto done;
    for (int j = 0; j < p->n_cols; j++)
        if (whole(p, j))
            h.per_period[p->cols[j].period]++;
    if (be__baseline_start(m, p, x, cost, y)) {
        found = 1;
        *first = be__now() - t0;
        be__lp_log(lp, "heuristic: baseline plan %.10g after %.2f s\n",
                   *cost, *first);
    }
    /* the LP relaxation, rounded: a plan at once on large programs,
     * where relax-and-fix may not end within the limit */
    set_window(&h, 0, 0, z, 0);
    int rounded = be__lp_relax(lp, left(&h), z, bound) &&
                  be__rounded_plan(m, p, z, 0, y, &zcost);
    if (rounded) {
        be__lp_log(lp, "heuristic: rounded LP plan %.10g after %.2f s\n",
                   zcost, be__now() - t0);
        keep(x, cost, &found, first, y, zcost, p->n_cols, be__now() - t0);
    }
    int periods = half_year(m), reached = 0, improved = 0;
    /* the best plan so far improved first: on large programs relax-and-fix
     * may not end within the limit, and fix-and-optimize, whose
     * sub-programs are small, improves a plan from the first window on;
     * within FO_FIRST_SHARE of the time */
    int cut = 0;
    if (rounded) {
        double end = h.deadline;
        h.deadline = be__now() + FO_FIRST_SHARE * (end - be__now());
        fix_and_optimize(&h, periods, x, cost, y);
        cut = left(&h) <= 0.0;
        h.deadline = end;
    }
    if (relax_and_fix(&h, periods, z, &zcost, &reached)) {
        be__lp_log(lp, "heuristic: relax-and-fix plan %.10g after %.2f s\n",
                   zcost, be__now() - t0);
        improved |= !found || zcost < *cost;
        keep(x, cost, &found, first, z, zcost, p->n_cols, be__now() - t0);
    } else {
        be__lp_log(lp, "heuristic: relax-and-fix found no plan (%.2f s)\n",
                   be__now() - t0);
        /* stopped part way: the whole periods so far, the rest rounded */
        if (reached > 0 && be__rounded_plan(m, p, z, reached, y, &zcost)) {
            be__lp_log(lp, "heuristic: relax-and-fix to period %d, then "
                       "rounded: %.10g after %.2f s\n", reached, zcost,
                       be__now() - t0);
            improved |= !found || zcost < *cost;
            keep(x, cost, &found, first, y, zcost, p->n_cols,
                 be__now() - t0);
        }
    }
    if (!found)
        goto done;
    if (improved || !rounded || cut)
        fix_and_optimize(&h, periods, x, cost, y);
    if (p->n_scen > 0)
        widen(&h, periods, x, cost, y);
    be__lp_log(lp, "heuristic: plan %.10g after %.2f s\n", *cost,
               be__now() - t0);
done:
    free(h.per_period);
    free(y);
    free(z);
    return found;
}

int be__quick_plan(be_lp *lp, const be_model *m, const be_program *p,
                   double deadline, double *x, double *cost, double *bound)
{
    *bound = -INFINITY;
    heur h = {lp, m, p, m->T, deadline, NULL, m->W > 1, -1};
    double *y = be__calloc((size_t)p->n_cols + 1, sizeof *y);
    double *z = be__calloc((size_t)p->n_cols + 1, sizeof *z), zcost, f = 0.0;
    int found = 0;
    if (!y || !z || !p->integer || p->n_cols == 0 || m->T == 0)
        goto done;
    if (be__baseline_start(m, p, x, cost, y))
        found = 1;
    set_window(&h, 0, 0, z, 0);
    if (be__lp_relax(lp, left(&h), z, bound) &&
        be__rounded_plan(m, p, z, 0, y, &zcost)) {
        be__lp_log(lp, "heuristic: rounded LP plan %.10g\n", zcost);
        keep(x, cost, &found, &f, y, zcost, p->n_cols, 0.0);
    }
done:
    free(y);
    free(z);
    return found;
}

int be__improve_plan(be_lp *lp, const be_model *m, const be_program *p,
                     double deadline, double *x, double *cost)
{
    heur h = {lp, m, p, m->T, deadline, NULL, m->W > 1, -1};
    double *y = be__calloc((size_t)p->n_cols + 1, sizeof *y);
    int better = y && p->integer && m->T > 0 &&
                 fix_and_optimize(&h, half_year(m), x, cost, y);
    free(y);
    return better;
}
