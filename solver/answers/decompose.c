/*
 * decompose.c -- a whole-unit model with scenarios solved through its
 * scenarios' own programs (docs/engine.md, "Scenarios").
 *
 * The stochastic program (program/stochastic.c) is the scenarios' own
 * programs tied together at the shared nodes of the tree.  Branch and
 * bound on it does not see that, and on a monthly fleet with a handful of
 * scenarios it finds no plan in a minute (nor does cbc).
 * be__solve_scenarios uses the structure, in stages, before the search:
 *
 * 0. A plan at once.  The stochastic LP, started from the lives of units
 *    (lives.c: a life is a tree of exits), is rounded scenario by
 *    scenario: each scenario keeps what the scenarios before it decided
 *    in the periods they share (their data agree there) and rounds and
 *    repairs the rest (rounding.c).  Its optimum is a lower bound.
 * 1. A bound from the scenarios.  Each scenario's own program (its model
 *    alone, no tree; p->scen[s]) is solved by the deterministic engine
 *    with a share of the time.  Its proven lower bound LB_s is below
 *    scenario s's cost under every plan, the stochastic plan's included,
 *    so
 *        sum_s p_s LB_s  <=  sum_s p_s C_s(x_s)  =  E[C]
 *    for every plan that obeys the tree: the wait-and-see bound (WS <= RP,
 *    Birge and Louveaux, "Introduction to Stochastic Programming", 4.1).
 *    With risk the objective is (1 - w) E[C] + w CVaR(C), and CVaR(C) >=
 *    E[C] (the mean of the worst 1 - alpha of probability is at least the
 *    mean), so the objective is >= E[C] >= sum_s p_s LB_s: the same sum
 *    bounds it.  A scenario without a plan of its own (infeasible) leaves
 *    the stochastic program none.
 * 2. Fix-and-optimize on the tree (heuristic.c), one scenario's nodes at
 *    a time: a window of periods is re-decided along one scenario's path,
 *    the shared nodes in it included, with every other column fixed.
 * 3. The scenarios' own decisions improved: with the holdings and rents of
 *    every shared node fixed at the plan, the scenarios' programs
 *    separate, and each is solved again; a scenario keeps the cheaper of
 *    the two.  Sales and shares are the best use of the holdings (the
 *    same in every scenario of a node, whose holdings and data are), so
 *    the plans take the same decisions wherever their scenarios share a
 *    node; the evaluator prices each in its scenario, and the plan is
 *    kept only when every scenario's is feasible.
 * 4. The stochastic program's own search starts from that plan and the
 *    scenarios' bound: the heuristic's stage is skipped, the plan is
 *    GLPK's incumbent, and the search stops as soon as a plan is within
 *    the gap of the largest bound.
 *
 * Measured (bench/scenarios.sh, the monthly 6 x 36 fleet, 60 s, beside
 * other work; objective / gap): with 5 scenarios, the rounded plan at
 * 0.1 s was 4.4% above the LP bound; a walk down the tree (each shared
 * segment's holdings chosen among the members' own plans' mean, largest
 * and most probable, every member re-solved with each, as first built
 * here) ended at 3.1% after stages 1, the walk and 3, and failed outright
 * when its first segment's re-solves took the walk's time; stage 2 with
 * every node of a window at once gained 0.06% in a 30 s pass, one
 * scenario's nodes at a time 0.9% in 10 s.  Shares of the time (stage
 * ends) measured: 0.25 / walk 0.45 / stage 3 0.7: 3.7%, 3.6%, 3.2% with
 * 5, 10, 20 scenarios; no walk, 0.15 / 0.55 / 0.85: 2.7%, 2.9%, 3.0%; no
 * walk, 0.1 / 0.7 / 0.9: 3.2%, 2.9%, 2.9%.  The second is kept.
 *
 * When.  Stages 1 and 3 take most of the time before the search has a
 * plan of its own, so they pay only where the search alone finds none:
 * be_solve takes this path for stochastic programs of more than
 * be__decompose_min_columns whole-unit columns.  Below, the search runs
 * alone (its heuristic rounds and improves the same way, stages 0 and 2):
 * the yearly 8 x 10 fleet with 10 scenarios (1,444 rows, 2,229
 * whole-unit columns with 20) ended at 0.342% through an earlier form of
 * these stages against 0.178% by the search alone, and 20 scenarios
 * 0.34% against 0.21%.
 *
 * The solves of stages 1 and 3 do not depend on each other: they run in
 * be_settings.jobs threads, each with its own GLPK environment (GLPK
 * keeps its state per thread), each solve on its own copy of a program;
 * results are collected by scenario, never in the order they end, so the
 * answer does not depend on the number of threads when no solve stops at
 * its time limit.
 */
#include "answers/answers.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Stage 0 ends by QUICK_END of the time limit at the latest, stage 1 by
 * OWN_END, stage 2 by FO_END and stage 3 by IMPROVE_END; the search has
 * the rest.  Without a limit the stages take the shares of
 * BE_DEFAULT_MIP_SECONDS and the search has no limit. */
#define QUICK_END 0.1
#define OWN_END 0.15
#define FO_END 0.55
#define IMPROVE_END 0.85
#define MIN_SOLVE_SECONDS 0.05  /* no sub-solve gets less */

int be__decompose_min_columns = 8000;

/* ------------------------------------------------------------------ */
/* Threads                                                             */
/* ------------------------------------------------------------------ */

typedef struct pool {
    pthread_mutex_t mu;
    int next, n;
    be_work_fn work;
    void *ctx;
} pool;

static int take(pool *q)
{
    pthread_mutex_lock(&q->mu);
    int i = q->next < q->n ? q->next++ : -1;
    pthread_mutex_unlock(&q->mu);
    return i;
}

static void *worker(void *arg)
{
    pool *q = arg;
    for (int i; (i = take(q)) >= 0;)
        q->work(q->ctx, i);
    be_cleanup();            /* this thread's GLPK environment */
    return NULL;
}

void be__parallel(int n, int jobs, be_work_fn work, void *ctx)
{
    if (jobs > n)
        jobs = n;
    if (jobs <= 1) {
        for (int i = 0; i < n; i++)
            work(ctx, i);
        return;
    }
    pool q = {.next = 0, .n = n, .work = work, .ctx = ctx};
    pthread_t *t = be__calloc((size_t)jobs, sizeof *t);
    if (!t || pthread_mutex_init(&q.mu, NULL) != 0) {
        free(t);
        for (int i = 0; i < n; i++)
            work(ctx, i);
        return;
    }
    int started = 0;
    while (started < jobs && pthread_create(&t[started], NULL, worker, &q) == 0)
        started++;
    /* the calling thread works too when a thread could not start; the
     * indices are taken one at a time either way */
    if (started == 0)
        for (int i; (i = take(&q)) >= 0;)
            work(ctx, i);
    for (int k = 0; k < started; k++)
        pthread_join(t[k], NULL);
    pthread_mutex_destroy(&q.mu);
    free(t);
}

/* A log function called from several threads, one call at a time. */
typedef struct locked_log {
    pthread_mutex_t mu;
    be_log_fn log;
    void *ctx;
} locked_log;

static void log_locked(void *ctx, const char *text)
{
    locked_log *l = ctx;
    pthread_mutex_lock(&l->mu);
    l->log(l->ctx, text);
    pthread_mutex_unlock(&l->mu);
}

/* ------------------------------------------------------------------ */
/* One scenario's program solved                                       */
/* ------------------------------------------------------------------ */

/* The columns stage 3 fixes in the shared nodes: holdings and rents (with
 * the decisions before a period they fix its purchases and retirements). */
static int fixed_kind(be_col_kind k)
{
    return k == BE_COL_HOLD || k == BE_COL_RENT;
}

typedef struct job {
    int s;                   /* the scenario */
    double limit;            /* seconds */
    /* the answer */
    be_code rc;
    be_error err;
    be_status status;
    double bound;            /* scenario s's cost >= bound (its constant
                                included), -INFINITY when none */
    double cost;             /* the plan's cost, constant included */
    double *x;               /* [p->scen[s]->n_cols] the plan, or NULL */
} job;

typedef struct dec {
    const be_model *m;
    const be_program *p;     /* the stochastic program */
    be_settings set;         /* what every sub-solve starts from */
    double *fixed;           /* [p->n_cols] values fixed (NAN: free): the
                                program's own fix rows, and in stage 3
                                the shared nodes' */
    job *jobs;
} dec;

/* x of scenario s's program as a whole-unit plan: the solver's values
 * through the plan (holdings from the flows, whole), sales and shares the
 * best use of the holdings (the same in every scenario of a node, since
 * their holdings and data are), and the values the stochastic program
 * fixes kept.  NULL when out of memory or the plan does not fit. */
static double *clean_plan(const dec *d, int s, const double *raw)
{
    const be_model *ms = d->m->scenarios[s].model;
    const be_program *q = d->p->scen[s];
    be_plan *plan = be__program_plan(ms, q, raw, 1);
    double *x = be__calloc((size_t)q->n_cols + 1, sizeof *x);
    int ok = plan && x && be__program_x(ms, q, plan, x) &&
             be__program_sell_spare(ms, q, x);
    be_plan_free(plan);
    if (!ok) {
        free(x);
        return NULL;
    }
    for (int c = 0; c < q->n_cols; c++) {
        double v = d->fixed[d->p->scen_map[s][c]];
        if (!isnan(v))
            x[c] = v;
    }
    return x;
}

static double cost_of(const be_program *q, const double *x)
{
    double c = q->obj_const;
    for (int j = 0; j < q->n_cols; j++)
        c += q->cols[j].cost * x[j];
    return c;
}

/* Scenario s's program with every value fixed as fix rows; NULL when
 * nothing is fixed (*copied 0: the program itself is solved) or out of
 * memory (*copied 1). */
static be_program *fixed_program(const dec *d, const job *b, int *copied)
{
    const be_model *ms = d->m->scenarios[b->s].model;
    const be_program *q = d->p->scen[b->s];
    const int *map = d->p->scen_map[b->s];
    int any = 0;
    for (int c = 0; c < q->n_cols && !any; c++)
        any = !isnan(d->fixed[map[c]]);
    *copied = any;
    if (!any)
        return NULL;
    be_program *f = be__program_copy(ms, q);
    for (int c = 0; f && c < q->n_cols; c++) {
        double v = d->fixed[map[c]];
        if (!isnan(v) && be__program_fix(f, c, v) < 0) {
            be__program_free(f);
            f = NULL;
        }
    }
    return f;
}

static void run_job(void *ctx, int i)
{
    dec *d = ctx;
    job *b = &d->jobs[i];
    const be_model *ms = d->m->scenarios[b->s].model;
    be_pos nowhere = {0, 0};
    b->status = BE_NO_PLAN;
    b->bound = -INFINITY;
    b->cost = INFINITY;
    b->x = NULL;
    int copied;
    be_program *f = fixed_program(d, b, &copied);
    if (copied && !f) {
        b->rc = be__fail(&b->err, BE_ENOMEM, ms->file, nowhere,
                         "out of memory");
        return;
    }
    be_settings set = d->set;
    set.time_limit = b->limit;
    be_glpk_out out;
    b->rc = be__glpk_solve(ms, f ? f : d->p->scen[b->s], &set, &out,
                           &b->err);
    be__program_free(f);
    if (b->rc != BE_OK)
        return;
    double c0 = d->p->scen[b->s]->obj_const;
    b->status = out.status;
    if (out.status == BE_OPTIMAL || out.status == BE_TIME_LIMIT_PLAN) {
        b->bound = out.bound + c0;
        b->x = clean_plan(d, b->s, out.x);
        if (!b->x)
            b->rc = be__fail(&b->err, BE_ENOMEM, ms->file, nowhere,
                             "out of memory");
        else
            b->cost = cost_of(d->p->scen[b->s], b->x);
    }
    free(out.x);
    free(out.dual);
}

/* Run the n jobs set up in d->jobs, each within `seconds` (INFINITY: no
 * limit), in the settings' threads.  Returns the first error by job. */
static be_code run_jobs(dec *d, int n, double seconds, be_error *err)
{
    for (int i = 0; i < n; i++) {
        d->jobs[i].limit = fmax(seconds, MIN_SOLVE_SECONDS);
        d->jobs[i].rc = BE_OK;
    }
    be__parallel(n, d->set.jobs, run_job, d);
    for (int i = 0; i < n; i++)
        if (d->jobs[i].rc != BE_OK) {
            if (err)
                *err = d->jobs[i].err;
            return d->jobs[i].rc;
        }
    return BE_OK;
}

/* Seconds for each of n solves in `jobs` threads ending by `end`. */
static double each(int n, int jobs, double end)
{
    int waves = (n + jobs - 1) / (jobs > 0 ? jobs : 1);
    return (end - be__now()) / (waves > 0 ? waves : 1);
}

/* ------------------------------------------------------------------ */
/* The scenarios' plans put together                                   */
/* ------------------------------------------------------------------ */

typedef struct parts {
    dec *d;
    double **x;              /* [S] each scenario's plan (its program's
                                columns); NULL: none */
    double *cost;            /* [S] their costs (INFINITY: none) */
} parts;

static void parts_free(parts *w, int S)
{
    for (int s = 0; s < S; s++)
        free(w->x ? w->x[s] : NULL);
    free(w->x);
    free(w->cost);
}

static int parts_init(parts *w, dec *d)
{
    int S = d->m->n_scenarios;
    memset(w, 0, sizeof *w);
    w->d = d;
    w->x = be__calloc((size_t)S + 1, sizeof *w->x);
    w->cost = be__calloc((size_t)S + 1, sizeof *w->cost);
    return w->x && w->cost;
}

/* The stochastic program's column values of the scenarios' plans (each
 * column from every scenario in its node, which must agree), with the
 * risk columns at their best for those costs; NULL when the plans do not
 * agree or exceed a bound (which the construction rules out) or out of
 * memory.  *cost: the program's objective at them (without its
 * constant). */
static double *assemble(const parts *w, double *cost)
{
    const be_model *m = w->d->m;
    const be_program *p = w->d->p;
    int S = m->n_scenarios, N = p->n_cols;
    double *x = be__calloc((size_t)N + 1, sizeof *x);
    char *set = be__calloc((size_t)N + 1, 1);
    int ok = x && set;
    for (int s = 0; ok && s < S; s++) {
        const be_program *q = p->scen[s];
        for (int c = 0; ok && c < q->n_cols; c++) {
            int j = p->scen_map[s][c];
            double v = w->x[s][c];
            if (set[j])
                ok = fabs(x[j] - v) <= 1e-9 * fmax(1.0, fabs(v));
            x[j] = v;
            set[j] = 1;
            ok = ok && v <= p->cols[j].upper + 1e-9;
        }
    }
    if (ok && m->has_risk && m->risk_weight > 0.0) {
        /* eta at the alpha-quantile of the costs: the CVaR formula's
         * minimum is at one of them (Rockafellar and Uryasev 2000) */
        double a = m->cvar_alpha, eta = 0.0, best = INFINITY;
        for (int r = 0; r < S; r++) {
            double v = w->cost[r];
            for (int s = 0; s < S; s++)
                v += m->scenarios[s].probability *
                     fmax(0.0, w->cost[s] - w->cost[r]) / (1.0 - a);
            if (v < best) {
                best = v;
                eta = w->cost[r];
            }
        }
        for (int j = 0; j < N; j++) {
            const be_col *c = &p->cols[j];
            if (c->kind == BE_COL_VAR)
                x[j] = c->age ? fmax(0.0, -eta) : fmax(0.0, eta);
            else if (c->kind == BE_COL_EXCESS)
                x[j] = fmax(0.0, w->cost[c->cohort] - eta);
        }
    }
    free(set);
    if (!ok) {
        free(x);
        return NULL;
    }
    *cost = 0.0;
    for (int j = 0; j < N; j++)
        *cost += p->cols[j].cost * x[j];
    return x;
}

/* Every scenario's plan is one the evaluator finds feasible. */
static int all_feasible(const parts *w)
{
    const be_model *m = w->d->m;
    int ok = 1;
    for (int s = 0; ok && s < m->n_scenarios; s++) {
        const be_model *ms = m->scenarios[s].model;
        be_plan *plan = be__program_plan(ms, w->d->p->scen[s], w->x[s], 1);
        be_eval *e = plan ? be_evaluate(ms, plan, NULL) : NULL;
        ok = e && e->violation == BE_FEASIBLE_PLAN;
        be_eval_free(e);
        be_plan_free(plan);
    }
    return ok;
}

/* Scenario s's part of the stochastic program's plan X into w->x[s]
 * (and its cost); 0 when out of memory. */
static int take_part(parts *w, int s, const double *X)
{
    const be_program *q = w->d->p->scen[s];
    double *x = be__calloc((size_t)q->n_cols + 1, sizeof *x);
    if (!x)
        return 0;
    for (int c = 0; c < q->n_cols; c++)
        x[c] = X[w->d->p->scen_map[s][c]];
    free(w->x[s]);
    w->x[s] = x;
    w->cost[s] = cost_of(q, x);
    return 1;
}

/* Each scenario's own decisions improved, the shared ones kept: with the
 * holdings and rents of every node that two or more scenarios share fixed
 * at the plan X (n_cols values), the scenarios' programs separate, and
 * each is solved again (in the settings' threads) by `end`; a scenario
 * keeps the cheaper of its part of X and that solve's plan.  w->x and
 * w->cost are every scenario's plan at the end.  Returns 1, or -1 on an
 * error (err). */
static int improve_parts(parts *w, const double *X, const double *base,
                         double end, be_error *err)
{
    dec *d = w->d;
    const be_model *m = d->m;
    const be_program *p = d->p;
    int S = m->n_scenarios, N = p->n_cols;
    for (int j = 0; j < N; j++) {
        int n = p->col_node[j];
        d->fixed[j] = base[j];
        if (n >= 0 && m->node_size[n] >= 2 && fixed_kind(p->cols[j].kind))
            d->fixed[j] = X[j];
    }
    for (int s = 0; s < S; s++) {
        if (!take_part(w, s, X)) {
            be__fail(err, BE_ENOMEM, m->file, (be_pos){0, 0},
                     "out of memory");
            return -1;
        }
        d->jobs[s] = (job){.s = s};
    }
    if (run_jobs(d, S, each(S, d->set.jobs, end), err) != BE_OK)
        return -1;
    for (int s = 0; s < S; s++) {
        job *b = &d->jobs[s];
        if (b->x && b->cost < w->cost[s]) {
            free(w->x[s]);
            w->x[s] = b->x;
            w->cost[s] = b->cost;
            b->x = NULL;
        }
        free(b->x);
        b->x = NULL;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* The stages                                                          */
/* ------------------------------------------------------------------ */

be_code be__solve_scenarios(const be_model *m, const be_program *p,
                            const be_settings *s, be_glpk_out *out,
                            be_scenario_stage *info, be_error *err)
{
    be_pos nowhere = {0, 0};
    int S = m->n_scenarios, N = p->n_cols;
    double t1 = be__now();
    double limit = s->time_limit > 0.0 ? s->time_limit : INFINITY;
    double budget = isfinite(limit) ? limit : BE_DEFAULT_MIP_SECONDS;
    info->bound = NAN;
    info->seconds = 0.0;
    info->plan_cost = NAN;
    info->first_plan = -1.0;
    dec d = {m, p, *s, NULL, NULL};
    locked_log lg = {.log = s->log, .ctx = s->log_ctx};
    int have_lock = s->log && pthread_mutex_init(&lg.mu, NULL) == 0;
    d.set.progress = NULL;
    d.set.basis = NULL;
    d.set.duals = 0;
    d.set.jobs = s->jobs < 1 ? 1 : s->jobs;
    if (s->log && have_lock) {
        d.set.log = log_locked;
        d.set.log_ctx = &lg;
    } else if (s->log) {
        d.set.jobs = 1;        /* one thread: the log as it is */
    }
    d.fixed = be__calloc((size_t)N + 1, sizeof *d.fixed);
    d.jobs = be__calloc((size_t)S + 1, sizeof *d.jobs);
    double *base = be__calloc((size_t)N + 1, sizeof *base);
    double *plan = be__calloc((size_t)N + 1, sizeof *plan);
    parts w;
    int ready = parts_init(&w, &d);
    double *x = NULL, cost = INFINITY, lp_bound = -INFINITY, c;
    int found = 0, better;
    be_code rc = BE_OK;
    if (!d.fixed || !d.jobs || !base || !plan || !ready) {
        rc = be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        goto done;
    }
    for (int j = 0; j < N; j++)
        base[j] = NAN;
    for (int i = 0; i < p->n_rows; i++)      /* fixed by the caller (EEV) */
        if (p->rows[i].kind == BE_ROW_FIX)
            base[p->rows[i].cohort] = p->rows[i].rhs;
    memcpy(d.fixed, base, (size_t)N * sizeof *d.fixed);

    /* 0. A plan at once: the stochastic LP (from the lives), rounded. */
    be_settings stage = d.set;
    stage.time_limit = fmax(QUICK_END * budget, MIN_SOLVE_SECONDS);
    rc = be__glpk_quick_plan(m, p, &stage, plan, &cost, &lp_bound, &found,
                             err);
    if (rc != BE_OK)
        goto done;
    if (found) {
        info->first_plan = be__now() - t1;
        if (s->progress) {
            be_progress pr = {1, cost + p->obj_const, -INFINITY, INFINITY,
                              be__now() - t1, 0};
            if (lp_bound > -INFINITY) {
                pr.bound = lp_bound + p->obj_const;
                pr.gap = fabs(cost - lp_bound) /
                         fmax(1.0, fabs(pr.best));
            }
            s->progress(s->progress_ctx, &pr);
        }
    }

    /* 1. Each scenario alone: the bound. */
    for (int i = 0; i < S; i++)
        d.jobs[i] = (job){.s = i};
    rc = run_jobs(&d, S, each(S, d.set.jobs, t1 + OWN_END * budget), err);
    if (rc != BE_OK)
        goto done;
    double ws = 0.0;
    int unbounded = 0;
    for (int i = 0; i < S; i++) {
        job *b = &d.jobs[i];
        if (b->status == BE_INFEASIBLE) {
            /* no plan alone: none in the tree either */
            memset(out, 0, sizeof *out);
            out->status = BE_INFEASIBLE;
            out->first_plan_seconds = -1.0;
            out->heuristic_cost = NAN;
            info->seconds = be__now() - t1;
            goto done;
        }
        unbounded |= b->status == BE_UNBOUNDED;
        ws += m->scenarios[i].probability * b->bound;
        free(b->x);
        b->x = NULL;
    }
    info->bound = ws;
    found = found && !unbounded;

    /* 2. Fix-and-optimize on the tree, a scenario's nodes at a time. */
    if (found && t1 + FO_END * budget > be__now()) {
        stage.time_limit = t1 + FO_END * budget - be__now();
        rc = be__glpk_improve(m, p, &stage, plan, &cost, &better, err);
        if (rc != BE_OK)
            goto done;
    }

    /* 3. The scenarios' own decisions improved, the shared ones kept. */
    if (found) {
        int r = improve_parts(&w, plan, base, t1 + IMPROVE_END * budget,
                              err);
        if (r < 0) {
            rc = err ? err->code : BE_ESOLVER;
            goto done;
        }
        if (all_feasible(&w))
            x = assemble(&w, &c);
        if (x && c < cost) {
            memcpy(plan, x, (size_t)N * sizeof *plan);
            cost = c;
        }
        info->plan_cost = cost + p->obj_const;
    }
    info->seconds = be__now() - t1;

    /* 4. The stochastic program's own search, from them. */
    be_settings rest = *s;
    rest.time_limit = isfinite(limit)
                    ? fmax(t1 + limit - be__now(), MIN_SOLVE_SECONDS)
                    : INFINITY;
    be_glpk_start start = {found ? plan : NULL, cost, ws - p->obj_const,
                           t1, 0};
    rc = be__glpk_solve_from(m, p, &rest, &start, out, err);
    if (rc == BE_OK && !found && out->first_plan_seconds >= 0.0)
        info->first_plan = out->first_plan_seconds + info->seconds;
done:
    free(x);
    free(plan);
    free(base);
    parts_free(&w, S);
    for (int i = 0; d.jobs && i < S; i++)
        free(d.jobs[i].x);
    free(d.jobs);
    free(d.fixed);
    if (have_lock)
        pthread_mutex_destroy(&lg.mu);
    return rc;
}
