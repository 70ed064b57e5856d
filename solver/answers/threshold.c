/*
 * threshold.c -- the values of one parameter at which the optimal plan
 * changes: a grid scan, then bisection of every change to the tolerance
 * (breakeven.h, docs/breakeven-answers.md).  Each value is a fresh load
 * of the model text with one more override; its solve starts from the
 * previous solve's simplex basis (be_basis) unless the options say cold.
 * Breakpoints come from bisection, or exactly from crossing cost lines
 * when the parameter enters only the objective, linearly, of an LP or a
 * MIP (step_exact).  The changes are narrowed breadth first, one step for
 * each pending interval in turn, so that when the cap on solves stops the
 * search every change has been narrowed about as far as the others.
 */
#include "program/lp.h"
#include "plans/plans.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const be_pos nowhere = {0, 0};

void be_threshold_options_init(be_threshold_options *o)
{
    memset(o, 0, sizeof *o);
    be_settings_init(&o->solve);
}

typedef struct search {
    const char *text, *name;
    size_t len;
    const be_threshold_options *o;
    be_settings solve;
    be_threshold *r;
    size_t cap;
    be_error *err;
    int failed;
    be_model *m_lo, *m_hi;   /* exact mode: the model at lo and at hi */
    int max_solves;
} search;

/* An interval between two samples with different outcomes, still to be
 * narrowed: by crossing cost lines (exact) or by bisection. */
typedef struct pending {
    int a, b;                /* sample indexes, value a < value b */
    int exact, depth;
} pending;

typedef struct queue {
    pending *v;
    size_t head, n, cap;
} queue;

static int same_numbers(const double *a, const double *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fabs(a[i] - b[i]) > 1e-6 * fmax(1.0, fmax(fabs(a[i]),
                                                      fabs(b[i]))))
            return 0;
    return 1;
}

static int same_outcome(const be_threshold_sample *a,
                        const be_threshold_sample *b)
{
    if (a->loaded != b->loaded)
        return 0;
    if (!a->loaded)
        return 1;
    if (!a->plan || !b->plan)
        return !a->plan && !b->plan && a->status == b->status;
    const be_plan *p = a->plan, *q = b->plan;
    if (p->periods != q->periods || p->devices != q->devices ||
        p->cohorts != q->cohorts)
        return 0;
    size_t pk = (size_t)p->periods * (size_t)p->devices;
    return same_numbers(p->buy, q->buy, pk) &&
           same_numbers(p->rent, q->rent, pk) &&
           same_numbers(p->sell, q->sell, (size_t)p->periods) &&
           same_numbers(p->retire, q->retire,
                        (size_t)p->periods * (size_t)p->cohorts);
}

/* The model with the parameter at x (and the caller's overrides); NULL
 * with *e filled when it is rejected or memory runs out. */
static be_model *load_at(search *s, double x, be_error *e)
{
    const be_load_options *base = s->o->load;
    int nb = base ? base->n_overrides : 0;
    const char **ov = calloc((size_t)nb + 1, sizeof *ov);
    size_t plen = strlen(s->o->param);
    char *set = malloc(plen + 48);
    if (!ov || !set) {
        free(ov);
        free(set);
        e->code = BE_ENOMEM;
        e->message[0] = '\0';
        return NULL;
    }
    for (int i = 0; i < nb; i++)
        ov[i] = base->overrides[i];
    memcpy(set, s->o->param, plen);
    set[plen] = '=';
    be_format_number(x, set + plen + 1, 47);
    ov[nb] = set;
    be_load_options lo;
    if (base)
        lo = *base;
    else
        be_load_options_init(&lo);
    lo.overrides = ov;
    lo.n_overrides = nb + 1;
    be_model *m = be_model_load_string(s->text, s->len, s->name, &lo, e);
    free(ov);
    free(set);
    if (m && be_model_scenarios(m)) {
        be_pos nowhere = {0, 0};
        be__fail(e, BE_EARG, s->name, nowhere, "thresholds of a model with "
                 "scenarios are not computed (solve it, or search one "
                 "scenario written as a model of its own)");
        be_model_free(m);
        return NULL;
    }
    return m;
}

/* Load and solve at value x; appends a sample and returns its index, or
 * -1 on a failure that ends the search (err filled). */
static int sample(search *s, double x)
{
    be_threshold *r = s->r;
    if ((size_t)r->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 32;
        be_threshold_sample *ns = realloc(r->samples, cap * sizeof *ns);
        if (!ns) {
            be__fail(s->err, BE_ENOMEM, s->name, nowhere, "out of memory");
            return -1;
        }
        r->samples = ns;
        s->cap = cap;
    }
    be_threshold_sample *smp = &r->samples[r->n];
    memset(smp, 0, sizeof *smp);
    smp->value = x;
    smp->cost = NAN;
    smp->first_replacement = -1;
    smp->outcome = -1;

    be_error e = {0};
    be_model *m = load_at(s, x, &e);
    if (!m && e.code == BE_ENOMEM && !e.message[0]) {
        be__fail(s->err, BE_ENOMEM, s->name, nowhere, "out of memory");
        return -1;
    }
    int idx = r->n++;
    if (!m) {
        if (e.code == BE_ENOMEM || e.code == BE_EARG) {
            *s->err = e;
            return -1;
        }
        snprintf(smp->message, sizeof smp->message, "%s", e.message);
        return idx;
    }
    be_solution *sol = be_solve(m, &s->solve, &e);
    r->solves++;
    if (sol) {
        r->warm_starts += sol->stats.warm_started;
        r->iterations += sol->stats.simplex_iterations;
    }
    if (!sol) {
        be_model_free(m);
        if (s->err)
            *s->err = e;
        return -1;
    }
    smp->loaded = 1;
    smp->status = sol->status;
    if (sol->status == BE_TIME_LIMIT_PLAN || sol->status == BE_NO_PLAN)
        r->time_limited++;
    if (sol->plan) {
        smp->plan = sol->plan;
        sol->plan = NULL;
        smp->cost = sol->eval ? sol->eval->cost.total : sol->objective;
        smp->first_replacement = sol->eval ? sol->eval->first_replacement
                                           : -1;
    }
    be_solution_free(sol);
    be_model_free(m);
    return idx;
}

/* ---- exact breakpoints for objective-only LP parameters ---- */

/* Does the parameter enter only the objective, linearly?  Build the
 * program at lo, mid and hi: the same matrix, right-hand sides and
 * integer columns, and every cost at mid halfway between its costs at lo
 * and hi.  Then, LP or MIP, a fixed plan's cost is a line in the
 * parameter.  Keeps the models at lo and hi for pricing plans. */
static int exact_mode(search *s)
{
    const be_threshold_options *o = s->o;
    be_error e = {0};
    double mid = o->lo + (o->hi - o->lo) / 2;
    be_model *ml = load_at(s, o->lo, &e), *mh = load_at(s, o->hi, &e),
             *mm = load_at(s, mid, &e);
    be_program *pl = NULL, *ph = NULL, *pm = NULL;
    int ok = ml && mh && mm;
    if (ok) {
        int integer = ml->integer && !s->solve.relax;
        pl = be__program_build(ml, integer, &e);
        ph = be__program_build(mh, integer, &e);
        pm = be__program_build(mm, integer, &e);
        ok = pl && ph && pm && be__program_same_shape(pl, ph) &&
             be__program_same_shape(pl, pm);
    }
    for (int i = 0; ok && i < be__program_cols(pl); i++) {
        double cl = be__program_cost(pl, i), ch = be__program_cost(ph, i);
        double scale = 1.0 + fabs(cl) + fabs(ch);
        ok = fabs(be__program_cost(pm, i) - (cl + ch) / 2) <= 1e-12 * scale;
    }
    be__program_free(pl);
    be__program_free(ph);
    be__program_free(pm);
    be_model_free(mm);
    if (!ok) {
        be_model_free(ml);
        be_model_free(mh);
        return 0;
    }
    s->m_lo = ml;
    s->m_hi = mh;
    return 1;
}

/* A plan's net present cost as a line in the parameter: a + b * value. */
static int cost_line(search *s, const be_plan *p, double *a, double *b)
{
    be_eval *el = be_evaluate(s->m_lo, p, NULL);
    be_eval *eh = be_evaluate(s->m_hi, p, NULL);
    int ok = el && eh;
    if (ok) {
        *b = (eh->cost.total - el->cost.total) / (s->o->hi - s->o->lo);
        *a = el->cost.total - *b * s->o->lo;
    }
    be_eval_free(el);
    be_eval_free(eh);
    return ok;
}

/* A copy of plan p (which has the shape of the models searched); NULL
 * when memory runs out. */
static be_plan *plan_copy(const search *s, const be_plan *p)
{
    const be_model *m = s->m_lo;
    if (p->periods != m->T || p->devices != m->n_devices ||
        p->cohorts != m->n_cohorts)
        return NULL;
    return be__plan_copy(m, p);
}

static int push(queue *q, search *s, int a, int b, int exact, int depth)
{
    if (q->n == q->cap) {
        size_t cap = q->cap ? 2 * q->cap : 64;
        pending *nv = realloc(q->v, cap * sizeof *nv);
        if (!nv) {
            be__fail(s->err, BE_ENOMEM, s->name, nowhere, "out of memory");
            return -1;
        }
        q->v = nv;
        q->cap = cap;
    }
    q->v[q->n++] = (pending){a, b, exact, depth};
    return 0;
}

/* Queue [a, m] and [m, b] where their ends differ. */
static int push_sides(queue *q, search *s, int a, int m, int b, int exact,
                      int depth)
{
    const be_threshold_sample *v = s->r->samples;
    if (!same_outcome(&v[a], &v[m]) && push(q, s, a, m, exact, depth) < 0)
        return -1;
    if (!same_outcome(&v[m], &v[b]) && push(q, s, m, b, exact, depth) < 0)
        return -1;
    return 0;
}

/* One bisection step: solve at the middle, queue the halves that still
 * hold a change.  Done when the ends are at most tol apart. */
static int step_bisect(search *s, queue *q, pending p)
{
    double a = s->r->samples[p.a].value, b = s->r->samples[p.b].value;
    if (b - a <= s->r->tol || p.depth > 200)
        return 0;
    double mid = a + (b - a) / 2;
    if (mid <= a || mid >= b)   /* no double in between */
        return 0;
    int im = sample(s, mid);
    if (im < 0)
        return -1;
    return push_sides(q, s, p.a, im, p.b, 0, p.depth + 1);
}

static int proven(const be_threshold_sample *v)
{
    return v->plan && v->status == BE_OPTIMAL;
}

/* One exact step.  Samples a and b hold different plans, A and B; their
 * cost lines cross at x: solve there.  If a third plan is cheaper at x,
 * it splits the interval and each side is done again.  Otherwise x is
 * the breakpoint and the solver returned A or B there; a solve a hair
 * past x, on the other's side, must return the other: then the change
 * lies between x and that value, and x is exact.  Bisection takes over
 * when a plan is missing or not proven optimal (a time limit), when the
 * lines are parallel or cross outside the interval. */
static int step_exact(search *s, queue *q, pending p)
{
    const be_threshold_sample *sa = &s->r->samples[p.a];
    const be_threshold_sample *sb = &s->r->samples[p.b];
    double lo = sa->value, hi = sb->value, a1, b1, a2, b2;
    if (p.depth > 60 || !proven(sa) || !proven(sb) ||
        !cost_line(s, sa->plan, &a1, &b1) || !cost_line(s, sb->plan, &a2, &b2) ||
        fabs(b1 - b2) <= 1e-12 * (1.0 + fabs(b1) + fabs(b2)))
        return push(q, s, p.a, p.b, 0, p.depth + 1);
    double x = (a2 - a1) / (b1 - b2);
    if (!(x > lo && x < hi))
        return push(q, s, p.a, p.b, 0, p.depth + 1);
    int im = sample(s, x);
    if (im < 0)
        return -1;
    const be_threshold_sample *sm = &s->r->samples[im];
    double line = a1 + b1 * x;
    if (!proven(sm))
        return push_sides(q, s, p.a, im, p.b, 0, p.depth + 1);
    int with_a = same_outcome(sm, &s->r->samples[p.a]);
    int with_b = !with_a && same_outcome(sm, &s->r->samples[p.b]);
    if (sm->cost < line - 1e-9 * fmax(1.0, fabs(line)) ||
        (!with_a && !with_b))
        /* a third plan, cheaper at x (or tying there): each side again */
        return push_sides(q, s, p.a, im, p.b, 1, p.depth + 1);
    double eps = fmin(s->r->tol * 1e-3, (hi - lo) * 1e-6);
    double y = with_a ? fmin(x + eps, hi) : fmax(x - eps, lo);
    if (y == x || y == lo || y == hi) {
        /* no room for a value past x: the change is within eps of it */
        s->r->samples[im].crossing = 1;
        s->r->exact++;
        return 0;
    }
    if (s->r->solves >= s->max_solves)
        return push(q, s, with_a ? im : p.a, with_a ? p.b : im, 1,
                    p.depth + 1);
    int iy = sample(s, y);
    if (iy < 0)
        return -1;
    int other = with_a ? p.b : p.a;
    be_threshold_sample *sy = &s->r->samples[iy];
    const be_threshold_sample *so = &s->r->samples[other];
    if (proven(sy) && same_outcome(sy, &s->r->samples[im])) {
        /* The solver kept x's plan a hair past x.  A whole-unit solve
         * stops within its MIP gap of the optimum, wider than the hair:
         * there the other plan's line is below the plan returned, so the
         * other plan is the better answer (and within the gap too). */
        double co = with_a ? a2 + b2 * y : a1 + b1 * y;
        be_plan *copy = co < sy->cost ? plan_copy(s, so->plan) : NULL;
        if (copy) {
            be_plan_free(sy->plan);
            sy->plan = copy;
            sy->cost = co;
            sy->first_replacement = so->first_replacement;
        }
    }
    if (same_outcome(sy, so)) {
        s->r->samples[im].crossing = 1;
        s->r->exact++;
        return 0;
    }
    /* something else just past x: narrow both gaps again */
    return with_a ? push_sides(q, s, im, iy, p.b, 1, p.depth + 1)
                  : push_sides(q, s, p.a, iy, im, 1, p.depth + 1);
}

/* Narrow every pending change, breadth first, until none is left or the
 * solves reach the cap. */
static int narrow(search *s, queue *q)
{
    while (q->head < q->n) {
        if (s->r->solves >= s->max_solves) {
            s->r->capped = 1;
            return 0;
        }
        pending p = q->v[q->head++];
        if ((p.exact ? step_exact(s, q, p) : step_bisect(s, q, p)) < 0)
            return -1;
    }
    return 0;
}

static int by_value(const void *x, const void *y)
{
    double a = ((const be_threshold_sample *)x)->value;
    double b = ((const be_threshold_sample *)y)->value;
    return (a > b) - (a < b);
}

be_threshold *be_threshold_search(const char *text, size_t len,
                                  const char *name,
                                  const be_threshold_options *o,
                                  be_error *err)
{
    be_error local;
    if (!err)
        err = &local;
    if (!name)
        name = "";
    if (!o || !o->param || !o->param[0] || strchr(o->param, '=') ||
        !isfinite(o->lo) || !isfinite(o->hi) || !(o->lo < o->hi) ||
        !(o->tol >= 0) || !isfinite(o->tol) || o->grid < 0 ||
        o->grid == 1 || o->grid > 100000 || o->max_solves < 0 ||
        (!text && len)) {
        be__fail(err, BE_EARG, name, nowhere, "threshold: needs a parameter "
                 "path, a range lo < hi, a tolerance >= 0 and a grid of at "
                 "least 2 values");
        return NULL;
    }
    search s = {0};
    s.text = text;
    s.len = len;
    s.name = name;
    s.o = o;
    s.solve = o->solve;
    if (s.solve.time_limit == 0)
        s.solve.time_limit = 30;
    s.err = err;
    s.r = calloc(1, sizeof *s.r);
    if (!s.r) {
        be__fail(err, BE_ENOMEM, name, nowhere, "out of memory");
        return NULL;
    }
    be_threshold *r = s.r;
    queue q = {0};
    s.max_solves = o->max_solves > 0 ? o->max_solves : 1000;
    r->max_solves = s.max_solves;
    /* neighbouring values share the program's shape: warm start each
     * solve from the last (without memory for it, solve cold) */
    be_basis *basis = o->cold ? NULL : be_basis_new();
    s.solve.basis = basis;
    r->tol = o->tol > 0 ? o->tol : (o->hi - o->lo) * 1e-4;
    int grid = o->grid ? o->grid : 17;
    for (int i = 0; i < grid; i++) {
        double x = i == grid - 1 ? o->hi
                 : o->lo + (o->hi - o->lo) * (double)i / (grid - 1);
        if (sample(&s, x) < 0)
            goto fail;
    }
    int any = 0;
    for (int i = 0; i < grid; i++)
        any |= r->samples[i].loaded;
    if (!any) {
        be__fail(err, BE_EMODEL, name, nowhere, "%s=%g: %s", o->param,
                 o->lo, r->samples[0].message);
        goto fail;
    }
    r->exact_mode = exact_mode(&s);
    for (int i = 0; i + 1 < grid; i++)
        if (!same_outcome(&r->samples[i], &r->samples[i + 1]) &&
            push(&q, &s, i, i + 1, r->exact_mode, 0) < 0)
            goto fail;
    if (narrow(&s, &q) < 0)
        goto fail;
    qsort(r->samples, (size_t)r->n, sizeof *r->samples, by_value);
    /* how each change was found: a crossing at either end, else as narrow
     * as the tolerance (bisected), else left open by the cap */
    for (int i = 0; i + 1 < r->n; i++) {
        be_threshold_sample *v = &r->samples[i], *w = &r->samples[i + 1];
        if (same_outcome(v, w))
            continue;
        if (v->crossing || w->crossing) {
            v->next_break = BE_BREAK_EXACT;
        } else if (w->value - v->value <= r->tol) {
            v->next_break = BE_BREAK_BISECTED;
            r->bisected++;
        } else {
            v->next_break = BE_BREAK_OPEN;
            r->open++;
        }
    }
    /* number the outcomes: equal outcomes share a number */
    int next = 0;
    for (int i = 0; i < r->n; i++) {
        for (int j = 0; j < i && r->samples[i].outcome < 0; j++)
            if (same_outcome(&r->samples[i], &r->samples[j]))
                r->samples[i].outcome = r->samples[j].outcome;
        if (r->samples[i].outcome < 0)
            r->samples[i].outcome = next++;
    }
    free(q.v);
    be_basis_free(basis);
    be_model_free(s.m_lo);
    be_model_free(s.m_hi);
    return r;
fail:
    free(q.v);
    be_basis_free(basis);
    be_model_free(s.m_lo);
    be_model_free(s.m_hi);
    be_threshold_free(r);
    return NULL;
}

void be_threshold_free(be_threshold *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n; i++)
        be_plan_free(r->samples[i].plan);
    free(r->samples);
    free(r);
}
