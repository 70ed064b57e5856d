/*
 * strategy.c -- the strategy of a solve: the order of its stages and the
 * parameters of each (be__glpk_solve), and the heuristic alone
 * (be__glpk_heuristic).  It works on the program through the GLPK
 * wrapper's operations (glpk.h) and never calls GLPK itself.
 *
 * The time limit (be_settings.time_limit; 0: none) counts from the start
 * of the solve, loading the program into GLPK included; only an LP's
 * simplex takes the whole limit again from its own start.
 *
 * An LP (solve_lp):
 * 1. Without a kept basis that fits (be_settings.basis), the optimal basis
 *    of the master program of unit lives (lives.c) is installed, when
 *    there is one.
 * 2. The simplex from the kept basis, else from the installed one, else
 *    (or when GLPK rejects either) cold with GLPK's presolve.
 *
 * A MIP (solve_mip):
 * 1. The basis of unit lives installed, so that the heuristic's first LP,
 *    the relaxation, starts from its optimum.
 * 2. The heuristic (heuristic.c), until HEURISTIC_SHARE of the limit has
 *    passed since it started or HEURISTIC_END of it since the solve
 *    started, whichever comes first.  The optimum of the LP relaxation it
 *    solves is the first bound; its plan, when it finds one, is the first
 *    plan (reported at once).  Then every column is given back its kind
 *    and its bounds.
 * 3. Large programs (more than PCH_MAX_COLUMNS integer columns): the root
 *    LP, timed, warm from the heuristic's last basis; its optimum raises
 *    the bound.  A root that does not end optimal (time, infeasible,
 *    unbounded) ends the solve there; so does having the heuristic's plan
 *    with less than twice the loading time left.
 * 4. GLPK's branch and bound until the limit, to the gap asked for.
 *    Small programs: MIP presolve and hybrid pseudocost branching.  Large
 *    ones: no presolve (the root is solved), the most fractional variable,
 *    and the heuristic's plan, when it found one, as GLPK's incumbent.
 *    All: backtracking by the best local bound and MIR cuts; Gomory cuts
 *    above GMI_MIN_COLUMNS and up to GMI_MAX_COLUMNS integer columns when
 *    GMI_MIN_SECONDS are left.  At each of GLPK's calls (on_tree) the
 *    best bound seen is kept, the search stops once the heuristic's plan
 *    is within the gap of it, and progress is reported (each better plan,
 *    else every 0.25 s).
 * 5. The answer (mip_answer): the cheaper of GLPK's plan and the
 *    heuristic's, the bound (never above the plan, with room for what
 *    GLPK's tolerance pruned), the duals at the plan when asked for, a
 *    last progress report.
 */
#include "engine/glpk.h"
#include "engine/heuristic.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Above this many integer columns a MIP is large (steps 3 and 4). */
#define PCH_MAX_COLUMNS 1000
#define GMI_MIN_COLUMNS 500
#define GMI_MAX_COLUMNS 2500
#define GMI_MIN_SECONDS 5.0
/* The heuristic may use half the time limit from when it starts, and
 * ends by HEURISTIC_END of the limit from the solve's start at the
 * latest, leaving room for what follows (the columns restored, the root
 * LP, branch and bound); without a limit it stops by its own node counts
 * and passes. */
#define HEURISTIC_SHARE 0.5
#define HEURISTIC_END 0.8
#define MIP_TOL_OBJ 1e-7     /* GLPK's default tol_obj, set explicitly */

/* What a MIP solve knows as it goes, for on_tree and the answer. */
typedef struct search {
    double bound;            /* best bound seen (see have_bound) */
    int have_bound;
    be_progress_fn progress;
    void *progress_ctx;
    double started, last_report;
    double first_plan;       /* seconds from started to the first
                                whole-unit plan, or -1 */
    double plan_cost;        /* the heuristic's plan, or NAN */
    double gap;              /* the relative gap asked for */
    int plan_good;           /* the search stopped: the best plan, GLPK's
                                or plan_cost, is within gap of the
                                bound */
    double shift;            /* the program's constant (be_program
                                obj_const): progress reports the cost */
    double clock0;           /* progress reports' seconds count from it */
} search;

static int n_integer(const be_program *p)
{
    int n = 0;
    for (int i = 0; i < p->n_cols; i++)
        n += p->cols[i].integer;
    return n;
}

/* Step 4's calls from the search. */
static int on_tree(void *info, const be_tree_event *e)
{
    search *g = info;
    int stop = 0;
    if (e->better && g->first_plan < 0)
        g->first_plan = be__now() - g->started;
    /* The best open node's bound is a lower bound on every plan still in
     * the tree.  Bounds only rise as the search goes on, and every one
     * seen was valid, so the largest is kept (with the relaxation's,
     * known before the search). */
    if (e->node_bound > -INFINITY &&
        (!g->have_bound || e->node_bound > g->bound)) {
        g->bound = e->node_bound;
        g->have_bound = 1;
    }
    /* The search stops here at the gap, for GLPK's plans and the
     * heuristic's alike: GLPK's own test (be__lp_branch_and_bound runs
     * it with a gap of 0) walks every open node at each LP it solves. */
    double best = isfinite(g->plan_cost) ? g->plan_cost : INFINITY;
    if (e->have_plan && e->cost < best)
        best = e->cost;
    if (e->open && isfinite(best) && g->have_bound && !g->plan_good &&
        best - g->bound <= g->gap * fmax(1.0, fabs(best))) {
        g->plan_good = 1;
        stop = 1;
    }
    if (!g->progress)
        return stop;
    double now = be__now();
    if (!e->better && now - g->last_report < 0.25)
        return stop;
    g->last_report = now;
    be_progress pr;
    pr.have_plan = e->have_plan || e->better;
    pr.best = pr.have_plan ? e->cost : 0.0;
    if (!pr.have_plan && isfinite(g->plan_cost)) {  /* the heuristic's */
        pr.have_plan = 1;
        pr.best = g->plan_cost;
    }
    if (pr.have_plan && isfinite(g->plan_cost) && g->plan_cost < pr.best)
        pr.best = g->plan_cost;
    pr.bound = g->have_bound ? g->bound + g->shift : -INFINITY;
    if (pr.have_plan)
        pr.best += g->shift;
    pr.gap = pr.have_plan && isfinite(pr.bound)
           ? fabs(pr.best - pr.bound) / fmax(1.0, fabs(pr.best)) : INFINITY;
    pr.seconds = now - g->clock0;
    pr.open_nodes = e->open_nodes;
    g->progress(g->progress_ctx, &pr);
    return stop;
}

/* Step 5: the cheaper of GLPK's plan (bb; NULL when branch and bound did
 * not run) and the heuristic's (hx, hcost when have), its bound, duals
 * and the last progress report.  Frees hx. */
static int mip_answer(be_lp *lp, const be_program *p, search *g,
                      be_glpk_out *out, int have, double *hx, double hcost,
                      const be_bb_result *bb)
{
    int glpk_plan = bb && bb->have_plan;
    int from_glpk = glpk_plan && !(have && bb->cost > hcost);
    if (have && !glpk_plan && out->status != BE_OPTIMAL)
        out->status = BE_TIME_LIMIT_PLAN;   /* GLPK found none in time */
    if (out->status == BE_OPTIMAL || out->status == BE_TIME_LIMIT_PLAN) {
        if (from_glpk) {
            out->objective = bb->cost;
            be__lp_mip_x(lp, out->x);
        } else {
            out->objective = hcost;
            memcpy(out->x, hx, (size_t)p->n_cols * sizeof *out->x);
        }
        /* GLPK prunes a node whose bound is within tol_obj (relative)
         * of its incumbent, so a pruned subtree can hold a plan that much
         * cheaper: the bound leaves room for it. */
        double pruned = glpk_plan ? bb->cost - MIP_TOL_OBJ *
                                    (1.0 + fabs(bb->cost))
                                  : INFINITY;
        if (bb && bb->searched)
            out->bound = fmin(pruned, out->objective);  /* tree searched */
        else if (g->have_bound)
            out->bound = fmin(fmin(g->bound, pruned), out->objective);
        else
            out->bound = -INFINITY;
        if (out->dual)
            be__lp_duals(lp, out->x, out->dual);
    }
    if (g->progress) {        /* a last report: where the search ended */
        int plan = out->status == BE_OPTIMAL ||
                   out->status == BE_TIME_LIMIT_PLAN;
        be_progress pr = {plan, plan ? out->objective + g->shift : 0.0,
                          plan ? out->bound + g->shift : -INFINITY, INFINITY,
                          be__now() - g->clock0, 0};
        if (plan && isfinite(out->bound))
            pr.gap = fabs(pr.best - pr.bound) / fmax(1.0, fabs(pr.best));
        g->progress(g->progress_ctx, &pr);
    }
    out->first_plan_seconds = g->first_plan;
    free(hx);
    return 1;
}

/*
 * A MIP, steps 1 to 5 above.  The answer is the cheaper of the
 * heuristic's plan and GLPK's, and the search stops as soon as the
 * heuristic's plan is within the gap of the tree's bound (on_tree).
 *
 * Handing the plan to GLPK: GLPK takes an incumbent (be_bb.incumbent) of
 * the program its calls see, which with MIP presolve is the presolved
 * copy, so it needs presolve off; on small programs branch and bound was
 * then far slower (models/gpu-generations.yaml --set demand.start=290:
 * 0.11% gap after 30 s, against proven optimal in 16 s with presolve), so
 * there the plan stays beside the search.  Large programs run without presolve
 * anyway (step 3), and there the plan is GLPK's incumbent: nodes it beats
 * are pruned and the bound moves (at 10 s: g5x36 gap 1.16% -> 0.96%,
 * m6x36 6.51% -> 6.47%, q8x20 0.91% -> 0.89%).  Measured and dropped: an
 * objective cutoff row (cost <= the plan's cost) made every node's LP
 * harder: the same model proven in 5.9 s against 3.0 s without it, and a
 * 7-quarter random model went from 4 s to the 20 s time limit.
 */
static int solve_mip(be_lp *lp, const be_model *m, const be_program *p,
                     const be_settings *s, const be_glpk_start *start,
                     be_glpk_out *out)
{
    search g0 = {0}, *g = &g0;
    g->progress = s ? s->progress : NULL;
    g->progress_ctx = s ? s->progress_ctx : NULL;
    g->shift = p->obj_const;
    g->started = be__lp_started(lp);
    g->clock0 = start && start->started > 0.0 ? start->started : g->started;
    g->first_plan = -1.0;
    g->plan_cost = NAN;
    double limit = s && s->time_limit > 0.0 ? s->time_limit : INFINITY;
    double deadline = g->started + limit, gap = s ? s->mip_gap : 1e-6;
    g->gap = gap;
    /* 1. The heuristic's first LP, the relaxation, starts from its
     * optimal basis (lives.c). */
    out->lives_started = be__lp_start_from_lives(lp, m, deadline);
    /* 2. The heuristic, unless the caller's plan replaces it. */
    double *hx = be__calloc((size_t)p->n_cols, sizeof *hx);
    double hcost = NAN, first = -1.0, h0 = be__now(), relaxed = -INFINITY;
    double h_end = fmin(h0 + HEURISTIC_SHARE * limit,
                        g->started + HEURISTIC_END * limit);
    int given = start && start->x && hx;
    int have = hx && (!given || start->heuristic) &&
               be__heuristic(lp, m, p, h_end, hx, &hcost, &first, &relaxed);
    if (given && (!have || start->cost < hcost)) {
        memcpy(hx, start->x, (size_t)p->n_cols * sizeof *hx);
        hcost = start->cost;
        first = 0.0;
        have = 1;
    }
    if (isfinite(relaxed)) {          /* the LP relaxation's optimum */
        g->bound = relaxed;
        g->have_bound = 1;
    }
    /* a bound proven outside the program (the scenarios' own programs) */
    if (start && start->bound > -INFINITY &&
        (!g->have_bound || start->bound > g->bound)) {
        g->bound = start->bound;
        g->have_bound = 1;
    }
    out->heuristic_seconds = be__now() - h0;
    out->heuristic_cost = have ? hcost : NAN;
    for (int j = 0; j < p->n_cols; j++)
        be__lp_free_col(lp, j, 1);
    if (have) {
        g->first_plan = h0 + first - g->started;
        g->plan_cost = hcost;
        if (g->progress) {
            be_progress pr = {1, hcost + g->shift,
                              g->have_bound ? g->bound + g->shift
                                            : -INFINITY, INFINITY,
                              be__now() - g->clock0, 0};
            if (g->have_bound)
                pr.gap = fabs(hcost - g->bound) / fmax(1.0, fabs(pr.best));
            g->progress(g->progress_ctx, &pr);
        }
        /* the caller's plan may be within the gap of its bound already */
        if (given && g->have_bound &&
            hcost - g->bound <= gap * fmax(1.0, fabs(hcost + g->shift))) {
            out->status = BE_OPTIMAL;
            return mip_answer(lp, p, g, out, have, hx, hcost, NULL);
        }
    }

    /* 3. GLPK's MIP presolve solves the root LP without a time limit
     * (FIELD-NOTES): on a large program that alone overran short limits
     * (20 device types x 120 months, 2 s limit: 3.6 s).  Above
     * PCH_MAX_COLUMNS the root LP is solved here, timed, warm from the
     * heuristic's basis, and branch and bound runs without presolve. */
    int big = n_integer(p) > PCH_MAX_COLUMNS;
    if (big) {
        be_status st;
        double root;
        if (!be__lp_root(lp, deadline, &st, &root)) {
            free(hx);
            return 0;
        }
        if (st != BE_OPTIMAL) {
            out->status = st == BE_NO_PLAN && have ? BE_TIME_LIMIT_PLAN : st;
            return mip_answer(lp, p, g, out, have, hx, hcost, NULL);
        }
        /* the LP relaxation's optimum */
        if (!g->have_bound || root > g->bound)
            g->bound = root;
        g->have_bound = 1;
        /* GLPK's branch and bound copies the program into its tree
         * before it looks at the clock: on 20 x 120 months 0.11-0.17 s,
         * twice the time the program took to load.  With less time than
         * that left, the heuristic's plan and the root's bound are the
         * answer (a 1 s limit ran to 1.06-1.08 s otherwise). */
        if (have && deadline - be__now() < 2.0 * be__lp_load_seconds(lp)) {
            out->status = BE_TIME_LIMIT_PLAN;
            return mip_answer(lp, p, g, out, have, hx, hcost, NULL);
        }
    }
    /* 4. Branch and bound. */
    be_bb o;
    o.presolve = !big;
    /* Hybrid pseudocost branching solves small fleet models far faster
     * than GLPK's default (FIELD-NOTES), but its start-up strong-branches
     * every integer column without looking at the clock: on thousands of
     * columns it overruns any time limit by minutes (bench/run).  Above
     * PCH_MAX_COLUMNS: most fractional variable.  Driebeck-Tomlin, used
     * there before, computes penalties for every fractional column at a
     * node without looking at the clock either: on 20 x 120 months a 60 s
     * limit ended after 71-74 s with it, 40 s after 40.1 s without; on
     * 5 x 36 months both found the same plan in 20 s (gap 1.14% with the
     * most fractional variable, 1.16% with Driebeck-Tomlin). */
    o.branching = n_integer(p) <= PCH_MAX_COLUMNS ? BE_BRANCH_PSEUDOCOST
                                                  : BE_BRANCH_MOST_FRACTIONAL;
    o.mir_cuts = 1;
    /* Settings measured on 15 whole-unit models of 38 to 42,852 integer
     * columns at 20-30 s (docs/engine.md "Whole units", "Solver
     * settings"): Gomory's mixed-integer cuts raised the bound on every
     * model above 500 integer columns (q4x20 gap 2.8% -> 1.6%, q8x20
     * 1.4% -> 0.9%, m6x36 6.3% -> 5.7% at 10 s) and proved a 372-column
     * yearly model in 6.5 s instead of not in 20 s, but slowed the proof
     * of y6x10 (271 columns) from 3.1 s to 10.4 s; cover and clique cuts
     * changed nothing; best-projection and depth-first backtracking, and
     * Driebeck-Tomlin branching, gave weaker bounds or dearer plans on
     * most; MIR cuts off weakened every bound.  But GLPK generates
     * Gomory cuts at the root without looking at the clock: in the
     * benchmark a 1 s limit took 1.30 s on m6x36 (3,106 integer columns,
     * 1.03 s without), a 10 s limit 10.7 s on m10x60 and 12.2 s on
     * m20x120 (10.1 s without); up to 2,350 columns (g5x36) they stayed
     * within 8% at 10 s, but with a second or less left they took 0.15-
     * 0.35 s too many on q6x20 (942 columns): only with GMI_MIN_SECONDS
     * left.  A program with scenarios takes them below GMI_MIN_COLUMNS
     * too: the stochastic program of models/b200-launch.yaml (193
     * integer columns) was proven in 16.6 s with them and 41.7 s without
     * (one run beside other work; glpsol on the written program: 6.5 s
     * with --pcost --mir --gomory, 10.7 s without --gomory). */
    o.gomory_cuts = (n_integer(p) > GMI_MIN_COLUMNS || p->n_scen > 0) &&
                    n_integer(p) <= GMI_MAX_COLUMNS &&
                    deadline - be__now() >= GMI_MIN_SECONDS;
    o.gap = gap;
    o.tol_obj = MIP_TOL_OBJ;
    o.deadline = deadline;
    /* the heuristic's plan as GLPK's incumbent (see above the function) */
    o.incumbent = big && have ? hx : NULL;
    o.on_tree = on_tree;
    o.ctx = g;
    be_bb_result r;
    be__lp_branch_and_bound(lp, &o, &r);
    out->iterations = r.iterations;
    if (r.stopped && g->plan_good) {
        out->status = BE_OPTIMAL;               /* within the gap */
    } else if (r.answered) {
        out->status = r.status;
    } else {
        free(hx);
        return 0;
    }
    /* 5. The answer. */
    return mip_answer(lp, p, g, out, have, hx, hcost, &r);
}

/* An LP, steps 1 and 2 above. */
static int solve_lp(be_lp *lp, const be_model *m, const be_settings *s,
                    be_glpk_out *out)
{
    double limit = s && s->time_limit > 0.0 ? s->time_limit : INFINITY;
    int started = !be__lp_kept_basis_fits(lp) &&
                  be__lp_start_from_lives(lp, m, be__lp_started(lp) + limit);
    return be__lp_simplex(lp, started, out);
}

typedef struct solve_args {
    be_glpk_out *out;
    const be_glpk_start *start;
} solve_args;

static int solve_task(be_lp *lp, const be_model *m, const be_program *p,
                      const be_settings *s, void *ctx)
{
    solve_args *a = ctx;
    return p->integer ? solve_mip(lp, m, p, s, a->start, a->out)
                      : solve_lp(lp, m, s, a->out);
}

be_code be__glpk_solve(const be_model *m, const be_program *p,
                       const be_settings *s, be_glpk_out *out, be_error *err)
{
    return be__glpk_solve_from(m, p, s, NULL, out, err);
}

be_code be__glpk_solve_from(const be_model *m, const be_program *p,
                            const be_settings *s, const be_glpk_start *start,
                            be_glpk_out *out, be_error *err)
{
    be_pos nowhere = {0, 0};
    be_code rc = BE_OK;
    memset(out, 0, sizeof *out);
    out->first_plan_seconds = -1.0;
    out->heuristic_cost = NAN;
    out->x = be__calloc((size_t)p->n_cols, sizeof *out->x);
    if (s && s->duals)
        out->dual = be__calloc((size_t)p->n_rows, sizeof *out->dual);
    if (!out->x || (s && s->duals && !out->dual))
        rc = be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    solve_args a = {out, start};
    if (rc == BE_OK)
        rc = be__lp_run(m, p, s, solve_task, &a, err);
    if (rc != BE_OK) {
        free(out->x);
        free(out->dual);
        out->x = out->dual = NULL;
    }
    return rc;
}

typedef enum heuristic_kind {
    HEURISTIC_FULL,            /* be__heuristic */
    HEURISTIC_QUICK,           /* be__quick_plan */
    HEURISTIC_IMPROVE          /* be__improve_plan on x */
} heuristic_kind;

typedef struct heuristic_args {
    double *x, cost, bound;
    int found;
    heuristic_kind kind;
} heuristic_args;

static int heuristic_task(be_lp *lp, const be_model *m, const be_program *p,
                          const be_settings *s, void *ctx)
{
    heuristic_args *h = ctx;
    double limit = s && s->time_limit > 0.0 ? s->time_limit : INFINITY;
    double deadline = be__now() + limit, first;
    be__lp_start_from_lives(lp, m, deadline);      /* as solve_mip starts */
    switch (h->kind) {
    case HEURISTIC_FULL:
        h->found = be__heuristic(lp, m, p, deadline, h->x, &h->cost, &first,
                                 &h->bound);
        break;
    case HEURISTIC_QUICK:
        h->found = be__quick_plan(lp, m, p, deadline, h->x, &h->cost,
                                  &h->bound);
        break;
    case HEURISTIC_IMPROVE:
        h->found = be__improve_plan(lp, m, p, deadline, h->x, &h->cost);
        break;
    }
    return 1;
}

be_code be__glpk_heuristic(const be_model *m, const be_program *p,
                           const be_settings *s, double *x, double *cost,
                           int *found, be_error *err)
{
    heuristic_args h = {x, NAN, -INFINITY, 0, HEURISTIC_FULL};
    be_code rc = be__lp_run(m, p, s, heuristic_task, &h, err);
    *cost = h.cost;
    *found = rc == BE_OK && h.found;
    return rc;
}

be_code be__glpk_quick_plan(const be_model *m, const be_program *p,
                            const be_settings *s, double *x, double *cost,
                            double *bound, int *found, be_error *err)
{
    heuristic_args h = {x, NAN, -INFINITY, 0, HEURISTIC_QUICK};
    be_code rc = be__lp_run(m, p, s, heuristic_task, &h, err);
    *cost = h.cost;
    *bound = rc == BE_OK ? h.bound : -INFINITY;
    *found = rc == BE_OK && h.found;
    return rc;
}

be_code be__glpk_improve(const be_model *m, const be_program *p,
                         const be_settings *s, double *x, double *cost,
                         int *better, be_error *err)
{
    heuristic_args h = {x, *cost, -INFINITY, 0, HEURISTIC_IMPROVE};
    be_code rc = be__lp_run(m, p, s, heuristic_task, &h, err);
    *better = rc == BE_OK && h.found;
    if (*better)
        *cost = h.cost;
    return rc;
}
