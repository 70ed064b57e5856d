/*
 * decompose.c -- a whole-unit model with scenarios solved through its
 * scenarios' own programs (docs/engine.md, "Scenarios").
 *
 * The stochastic program (program/stochastic.c) is the scenarios' own
 * programs tied together at the shared nodes of the tree.  Branch and
 * bound on it does not see that; be__solve_scenarios uses it, in three
 * stages, before and around that search:
 *
 * 1. Bound.  Each scenario's own program (its model alone, no tree;
 *    p->scen[s]) is solved by the deterministic engine with a share of
 *    the time.  Its proven lower bound LB_s is below scenario s's cost
 *    under every plan, the stochastic plan's included, so
 *        sum_s p_s LB_s  <=  sum_s p_s C_s(x_s)  =  E[C]
 *    for every plan that obeys the tree: the wait-and-see bound (WS <= RP,
 *    Birge and Louveaux, "Introduction to Stochastic Programming", 4.1).
 *    With risk the objective is (1 - w) E[C] + w CVaR(C), and CVaR(C) >=
 *    E[C] (the mean of the worst 1 - alpha of probability is at least the
 *    mean), so the objective is >= E[C] >= sum_s p_s LB_s: the same sum
 *    bounds it.  A scenario without a plan of its own (infeasible) leaves
 *    the stochastic program none.
 * 2. A plan from the scenarios' plans, down the tree.  A segment is a run
 *    of nodes that the same scenarios (two or more) share, from the node
 *    where they part from the others to the period before they part among
 *    themselves.  Segments are taken in period order, so the decisions
 *    before a segment are fixed when it comes, and its members' plans
 *    agree on them.  The segment's holdings (every cohort's units in
 *    service, and rents, in its periods: with the decisions before it
 *    they fix its purchases and retirements) are chosen among
 *    candidates made from its members' plans:
 *      - the probability-weighted mean, rounded to the nearest unit (a
 *        cohort's mean holdings do not rise along its life and stay within
 *        what came before, and rounding keeps both, so the purchases and
 *        retirements they imply are whole and not negative);
 *      - the largest of the members' holdings (more units: demand is met
 *        in every period where one member meets it, but a power cap or a
 *        budget may break);
 *      - the plan of the most probable member.
 *    Each member is solved again with the segment's candidate holdings
 *    fixed (fix rows on a copy of its program), and the candidate of the
 *    least expected cost over the members is kept with the members' new
 *    plans: once a segment is fixed, the subtrees below it separate.
 *    A member whose plan already has the candidate's holdings is not
 *    solved again.  The plans at the end take the same decisions wherever
 *    their scenarios share a node, by construction; the evaluator prices
 *    each in its scenario (be__stochastic_plans).
 * 3. The stochastic program's own search (strategy.c) starts from that
 *    plan and bound: the heuristic's stage is skipped, the plan is GLPK's
 *    incumbent where it takes one, and the search stops as soon as a plan
 *    is within the gap of the largest bound.
 *
 * When.  The stages take more than half the time limit before the search
 * has a plan, so they pay only where the search alone finds none: be_solve
 * takes this path for stochastic programs of more than
 * be__decompose_min_columns whole-unit columns.  Measured at 60 s
 * (bench/scenarios.sh, beside other work): the yearly 8 x 10 fleet with 10
 * scenarios (1,444 rows, 2,229 whole-unit columns with 20) ended at a gap
 * of 0.342% through the stages (first plan at 33 s) against 0.178% by the
 * search alone (first plan at once), and 20 scenarios 0.34% against 0.21%;
 * models/b200-launch.yaml (193 columns) was proven in 10.5 s either way.
 * The monthly 6 x 36 fleet with 5 scenarios (10,561 columns) gets no plan
 * from the search alone in 60 s, nor from cbc, and one through the stages
 * (at 5 s with a 10 s limit); with 2 scenarios (5,142 columns) the search
 * alone has a plan at 7 s and ends at 2.8%.
 *
 * The solves of stages 1 and 2 do not depend on each other within a stage
 * (or within a segment): they run in be_settings.jobs threads, each with
 * its own GLPK environment (GLPK keeps its state per thread), each solve
 * on its own copy of a program; results are collected by scenario and
 * candidate, never in the order they end, so the answer does not depend
 * on the number of threads when no solve stops at its time limit.
 */
#include "answers/answers.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Stage 1 ends by OWN_END of the time limit, stage 2 by WALK_END; the
 * search has the rest.  Without a limit the stages take the shares of
 * BE_DEFAULT_MIP_SECONDS and the search has no limit. */
#define OWN_END 0.25
#define WALK_END 0.6
#define MIN_SOLVE_SECONDS 0.05  /* no sub-solve gets less */
#define N_CAND 3                /* mean, largest, most probable member */

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

/* The columns a segment's candidate fixes: holdings and rents (with the
 * decisions before the segment they fix its purchases and retirements). */
static int fixed_kind(be_col_kind k)
{
    return k == BE_COL_HOLD || k == BE_COL_RENT;
}

typedef struct job {
    int s;                   /* the scenario */
    const double *cand;      /* stochastic-program values fixed beside the
                                walk's (NAN: free), or NULL */
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
    double *fixed;           /* [p->n_cols] values fixed so far (NAN: free):
                                the program's own fix rows, then the
                                walk's segments */
    job *jobs;
    int n_jobs;
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

/* Scenario s's program with every value fixed so far (and the job's
 * candidate) as fix rows; NULL when nothing is fixed (*copied 0: the
 * program itself is solved) or out of memory (*copied 1). */
static be_program *fixed_program(const dec *d, const job *b, int *copied)
{
    const be_model *ms = d->m->scenarios[b->s].model;
    const be_program *q = d->p->scen[b->s];
    const int *map = d->p->scen_map[b->s];
    int any = 0;
    for (int c = 0; c < q->n_cols && !any; c++)
        any = !isnan(d->fixed[map[c]]) || (b->cand && !isnan(b->cand[map[c]]));
    *copied = any;
    if (!any)
        return NULL;
    be_program *f = be__program_copy(ms, q);
    for (int c = 0; f && c < q->n_cols; c++) {
        double v = d->fixed[map[c]];
        if (isnan(v) && b->cand)
            v = b->cand[map[c]];
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
/* Stage 2: the walk down the tree                                     */
/* ------------------------------------------------------------------ */

typedef struct walk {
    dec *d;
    int **inv;               /* [S][p->n_cols]: the column of scenario s's
                                program that stochastic column j is, -1 */
    double **x;              /* [S] each scenario's plan (its program's
                                columns), agreeing with d->fixed; NULL:
                                none */
    double *cost;            /* [S] their costs (INFINITY: none) */
    double *cand;            /* [N_CAND * p->n_cols] the candidates */
    int *member;             /* [S] the segment's scenarios */
    int *slot;               /* [N_CAND * S] the job of candidate c on
                                member i, -1: none */
} walk;

/* The segment that starts at node n: its members into w->member and the
 * end of its periods [a, *b).  Returns the number of members. */
static int segment(const walk *w, int n, int *b)
{
    const be_model *m = w->d->m;
    int S = m->n_scenarios, T = m->T, a = m->node_period[n], k = 0;
    for (int s = 0; s < S; s++)
        if (m->node_of[s * T + a] == n)
            w->member[k++] = s;
    int t = a + 1;
    for (int same = 1; t < T; t++) {
        int n0 = m->node_of[w->member[0] * T + t];
        for (int i = 1; i < k && same; i++)
            same = m->node_of[w->member[i] * T + t] == n0;
        if (!same)
            break;
    }
    *b = t;
    return k;
}

/* Whether stochastic column j is one the segment [a, b) of scenario s0's
 * nodes fixes. */
static int in_segment(const be_model *m, const be_program *p, int j, int s0,
                      int a, int b)
{
    int t = p->cols[j].period;
    return p->col_node[j] >= 0 && t >= a && t < b &&
           fixed_kind(p->cols[j].kind) &&
           m->node_of[s0 * m->T + t] == p->col_node[j];
}

/* The value of stochastic column j in scenario s's plan. */
static double value_in(const walk *w, int s, int j)
{
    return w->x[s][w->inv[s][j]];
}

/* The segment's candidates into w->cand, NAN outside the segment: the
 * probability-weighted mean of the members' plans rounded, the largest,
 * and the most probable member's (members without a plan take no part).
 * Returns 0 when no member has a plan. */
static int candidates(walk *w, int k, int a, int b)
{
    const be_model *m = w->d->m;
    const be_program *p = w->d->p;
    int N = p->n_cols, lead = -1;
    double pm = 0.0;
    for (int i = 0; i < k; i++) {
        int s = w->member[i];
        double ps = m->scenarios[s].probability;
        if (!w->x[s])
            continue;
        pm += ps;
        if (lead < 0 || ps > m->scenarios[lead].probability)
            lead = s;
    }
    if (lead < 0)
        return 0;
    for (int j = 0; j < N; j++) {
        double *c = &w->cand[j];
        c[0] = c[N] = c[2 * (size_t)N] = NAN;
        if (!in_segment(m, p, j, w->member[0], a, b))
            continue;
        double mean = 0.0, most = -INFINITY;
        for (int i = 0; i < k; i++) {
            int s = w->member[i];
            if (!w->x[s])
                continue;
            double v = value_in(w, s, j);
            mean += m->scenarios[s].probability * v;
            most = fmax(most, v);
        }
        c[0] = floor(mean / pm + 0.5);
        c[N] = most;
        c[2 * (size_t)N] = value_in(w, lead, j);
    }
    return 1;
}

/* Candidate c is the same as candidate e (e >= 0), or as scenario s's
 * plan (e < 0), on the segment's columns. */
static int same_as(const walk *w, int c, int e, int s)
{
    int N = w->d->p->n_cols;
    if (e < 0 && !w->x[s])
        return 0;
    for (int j = 0; j < N; j++) {
        double v = w->cand[(size_t)c * N + j];
        if (isnan(v))
            continue;
        if (v != (e >= 0 ? w->cand[(size_t)e * N + j] : value_in(w, s, j)))
            return 0;
    }
    return 1;
}

/* Decide the segment of k members w->member over periods [a, b) by
 * `end`: 1 when decided (d->fixed and the members' plans follow), 0 when
 * no candidate leaves every member a plan, -1 on an error (err). */
static int decide(walk *w, int k, int a, int b, double end, be_error *err)
{
    dec *d = w->d;
    const be_model *m = d->m;
    int N = d->p->n_cols, n = 0, live[N_CAND];
    if (!candidates(w, k, a, b))
        return 0;
    for (int c = 0; c < N_CAND; c++) {
        live[c] = 1;
        for (int e = 0; e < c && live[c]; e++)
            live[c] = !(live[e] && same_as(w, c, e, -1));
    }
    /* each candidate solved on every member whose plan differs from it */
    for (int c = 0; c < N_CAND; c++)
        for (int i = 0; i < k; i++) {
            int s = w->member[i], *at = &w->slot[c * k + i];
            *at = -1;
            if (!live[c] || same_as(w, c, -1, s))
                continue;
            d->jobs[n] = (job){.s = s, .cand = &w->cand[(size_t)c * N]};
            *at = n++;
        }
    if (run_jobs(d, n, each(n, d->set.jobs, end), err) != BE_OK)
        return -1;
    double best = INFINITY;
    int pick = -1;
    for (int c = 0; c < N_CAND; c++) {
        double e = 0.0;
        for (int i = 0; live[c] && i < k; i++) {
            int s = w->member[i], at = w->slot[c * k + i];
            e += m->scenarios[s].probability *
                 (at < 0 ? w->cost[s] : d->jobs[at].cost);
        }
        if (live[c] && e < best) {
            best = e;
            pick = c;
        }
    }
    for (int i = 0; pick >= 0 && i < k; i++) {
        int s = w->member[i], at = w->slot[pick * k + i];
        if (at < 0)
            continue;
        free(w->x[s]);
        w->x[s] = d->jobs[at].x;
        w->cost[s] = d->jobs[at].cost;
        d->jobs[at].x = NULL;
    }
    for (int j = 0; pick >= 0 && j < N; j++)
        if (!isnan(w->cand[(size_t)pick * N + j]))
            d->fixed[j] = w->cand[(size_t)pick * N + j];
    for (int i = 0; i < n; i++) {
        free(d->jobs[i].x);
        d->jobs[i].x = NULL;
    }
    return pick >= 0;
}

/* Every segment, parents first (nodes are numbered by period).  Returns
 * 1 when every scenario has a plan at the end, 0 when not, -1 on an
 * error. */
static int walk_tree(walk *w, double end, be_error *err)
{
    const be_model *m = w->d->m;
    for (int n = 0; n < m->n_nodes; n++) {
        int up = m->node_parent[n];
        if (m->node_size[n] < 2 ||
            (up >= 0 && m->node_size[up] == m->node_size[n]))
            continue;             /* one scenario, or not a segment's start */
        int b, k = segment(w, n, &b);
        int r = decide(w, k, m->node_period[n], b, end, err);
        if (r <= 0)
            return r;
    }
    for (int s = 0; s < m->n_scenarios; s++)
        if (!w->x[s])
            return 0;
    return 1;
}

/* The stochastic program's column values of the scenarios' plans (each
 * column from every scenario in its node, which must agree), with the
 * risk columns at their best for those costs; NULL when the plans do not
 * agree or exceed a bound (which the construction rules out) or out of
 * memory.  *cost: the program's objective at them (without its
 * constant). */
static double *assemble(const walk *w, double *cost)
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
static int all_feasible(const walk *w)
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

/* ------------------------------------------------------------------ */
/* The three stages                                                    */
/* ------------------------------------------------------------------ */

static void walk_free(walk *w, int S)
{
    for (int s = 0; s < S; s++) {
        free(w->inv ? w->inv[s] : NULL);
        free(w->x ? w->x[s] : NULL);
    }
    free(w->inv);
    free(w->x);
    free(w->cost);
    free(w->cand);
    free(w->member);
    free(w->slot);
}

static int walk_init(walk *w, dec *d)
{
    const be_program *p = d->p;
    int S = d->m->n_scenarios, N = p->n_cols;
    memset(w, 0, sizeof *w);
    w->d = d;
    w->inv = be__calloc((size_t)S, sizeof *w->inv);
    w->x = be__calloc((size_t)S, sizeof *w->x);
    w->cost = be__calloc((size_t)S, sizeof *w->cost);
    w->cand = be__calloc((size_t)N_CAND * N + 1, sizeof *w->cand);
    w->member = be__calloc((size_t)S, sizeof *w->member);
    w->slot = be__calloc((size_t)N_CAND * S, sizeof *w->slot);
    if (!w->inv || !w->x || !w->cost || !w->cand || !w->member || !w->slot)
        return 0;
    for (int s = 0; s < S; s++) {
        w->inv[s] = be__calloc((size_t)N + 1, sizeof **w->inv);
        if (!w->inv[s])
            return 0;
        for (int j = 0; j < N; j++)
            w->inv[s][j] = -1;
        for (int c = 0; c < p->scen[s]->n_cols; c++)
            w->inv[s][p->scen_map[s][c]] = c;
    }
    return 1;
}

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
    dec d = {m, p, *s, NULL, NULL, 0};
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
    d.jobs = be__calloc((size_t)N_CAND * S + 1, sizeof *d.jobs);
    walk w;
    int walked = walk_init(&w, &d);
    double *x = NULL, cost = 0.0;
    be_code rc = BE_OK;
    if (!d.fixed || !d.jobs || !walked) {
        rc = be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        goto done;
    }
    for (int j = 0; j < N; j++)
        d.fixed[j] = NAN;
    for (int i = 0; i < p->n_rows; i++)      /* fixed by the caller (EEV) */
        if (p->rows[i].kind == BE_ROW_FIX)
            d.fixed[p->rows[i].cohort] = p->rows[i].rhs;

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
        w.x[i] = b->x;
        w.cost[i] = b->cost;
        b->x = NULL;
    }
    info->bound = ws;
    if (s->progress && ws > -INFINITY) {
        be_progress pr = {0, 0.0, ws, INFINITY, be__now() - t1, 0};
        s->progress(s->progress_ctx, &pr);
    }

    /* 2. A plan down the tree. */
    int r = unbounded ? 0 : walk_tree(&w, t1 + WALK_END * budget, err);
    if (r < 0) {
        rc = err ? err->code : BE_ESOLVER;
        goto done;
    }
    if (r > 0 && all_feasible(&w))
        x = assemble(&w, &cost);
    if (x) {
        info->plan_cost = cost + p->obj_const;
        info->first_plan = be__now() - t1;
    }
    info->seconds = be__now() - t1;

    /* 3. The stochastic program's own search, from them. */
    be_settings rest = *s;
    rest.time_limit = isfinite(limit)
                    ? fmax(t1 + limit - be__now(), MIN_SOLVE_SECONDS)
                    : INFINITY;
    be_glpk_start start = {x, cost, ws - p->obj_const, t1, 0};
    rc = be__glpk_solve_from(m, p, &rest, &start, out, err);
    if (rc == BE_OK && !x && out->first_plan_seconds >= 0.0)
        info->first_plan = out->first_plan_seconds + info->seconds;
done:
    free(x);
    walk_free(&w, S);
    for (int i = 0; d.jobs && i < N_CAND * S; i++)
        free(d.jobs[i].x);
    free(d.jobs);
    free(d.fixed);
    if (have_lock)
        pthread_mutex_destroy(&lg.mu);
    return rc;
}
