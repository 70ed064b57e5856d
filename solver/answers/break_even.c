/*
 * break_even.c -- the break-even price of compute (breakeven.h,
 * docs/returns.md): the factor lambda on the whole revenue.price series at
 * which the best plan's net present value is 0.
 *
 * Every plan p has a line NPV_p(lambda) = lambda R_p - C_p: R_p its
 * discounted after-tax revenue at factor 1, (1 - tau) cost.revenue /
 * lambda, and C_p its net present cost (be_eval's net_present_cost),
 * which does not depend on lambda.  NPV*(lambda), the best plan's, is the
 * upper envelope of these lines: convex, piecewise linear and, since
 * R_p >= 0, nondecreasing.  Each solve at lambda gives one line that
 * touches the envelope there; Newton's step to the level it is sought at,
 *     lambda' = (C + level) / R,
 * lands at or right of the point sought (the line is below the envelope),
 * and from the right the steps fall monotonically onto it, in finitely
 * many solves (one per line of the envelope at most).
 *
 * Two searches:
 * - The root (some demand in some period): level 0, from lambda = 1.
 *   Where the best plan earns nothing (R = 0) and loses money, lambda is
 *   doubled.  No root up to 10^6: NEVER.
 * - The kink (demand 0 in every period, BUILD): a plan earning nothing is
 *   always open, so NPV* is flat at NPV*(0) up to a factor and rises
 *   after it.  NPV*(0) is 0 without a fleet in place (building nothing
 *   costs nothing); with one it is solved for at lambda 0.  lambda is
 *   doubled from 1 until NPV* rises above that level, then Newton's steps
 *   go down to the kink: the first factor at which a step finds the level
 *   again is where the last line crosses it, the factor below which the
 *   best plan builds (sells) nothing.
 * A plan whose net present cost is at most 0 (units in place whose
 * salvage pays all their running costs) is worth something at every
 * factor >= 0: NPV* >= -C >= 0 has no root above 0.  That is ALWAYS, at
 * factor 0, without confirming solves.
 *
 * The answer is confirmed by solves at factor (1 -+ 1e-4): NPV* < 0 below
 * and > 0 above (BUILD: NPV* at the level below, above it above).
 */
#include "model/model.h"

#include <math.h>
#include <stdlib.h>

static const be_pos nowhere = {0, 0};

#define MAX_FACTOR 1e6
#define MAX_SOLVES 60
#define CONFIRM 1e-4

/* One solve: the best plan at a factor, as its line. */
typedef struct point {
    double lambda;
    int plan;        /* 1 when the solve found a plan */
    double npv;      /* its net present value at lambda */
    double R, C;     /* its line: R per unit of lambda, C its cost */
    double lcoe;     /* its levelized cost */
} point;

typedef struct search {
    const be_model *m;
    be_settings s;
    be_break_even *b;
    double tau;
    be_error e;
} search;

/* Solve m with its price series times lambda into *at. */
static be_code solve_at(search *q, double lambda, point *at)
{
    const be_model *m = q->m;
    be_model *v = be__model_copy(m);
    if (!v)
        return be__fail(&q->e, BE_ENOMEM, m->file, nowhere, "out of memory");
    for (int i = 0; i < m->W * m->T; i++)     /* every workload's price */
        v->revenue_price[i] = lambda * m->revenue_price[i];
    be_code rc = be__model_finish(v, &q->e);
    be_solution *sol = rc == BE_OK ? be_solve(v, &q->s, &q->e) : NULL;
    if (rc == BE_OK && !sol)
        rc = q->e.code != BE_OK ? q->e.code : BE_ESOLVER;
    if (sol) {
        be_break_even *b = q->b;
        b->solves++;
        if (sol->status > b->status)
            b->status = sol->status;
        if (sol->status != BE_OPTIMAL)
            b->proven = 0;
        at->lambda = lambda;
        at->plan = sol->plan && sol->eval;
        if (at->plan) {
            const be_eval *e = sol->eval;
            at->npv = e->net_present_value;
            at->C = e->net_present_cost;
            at->R = lambda != 0.0
                  ? (1.0 - q->tau) * e->cost.revenue / lambda : NAN;
            at->lcoe = e->levelized_cost;
        }
    }
    be_solution_free(sol);
    be_model_free(v);
    return rc;
}

/* 1 while the search may spend another solve, leaving two to confirm. */
static int may_solve(const search *q)
{
    return q->b->solves < MAX_SOLVES - 2;
}

static double tolerance(const point *at)
{
    return 1e-9 * fmax(1.0, fabs(at->C));
}

/* The root of NPV* (some demand): the kind, and in *ans the line of the
 * plan at the factor with ans->lambda the factor. */
static be_code find_root(search *q, point *ans, be_break_even_kind *kind)
{
    double lambda = 1.0;
    point at = {0};
    *kind = BE_BREAK_EVEN_NEVER;
    int always = 0;   /* worth something at every factor */
    while (!always && may_solve(q)) {
        be_code rc = solve_at(q, lambda, &at);
        if (rc != BE_OK)
            return rc;
        if (!at.plan) {
            *kind = BE_BREAK_EVEN_NO_PLAN;
            return BE_OK;
        }
        if (fabs(at.npv) <= tolerance(&at)) {
            *ans = at;
            *kind = BE_BREAK_EVEN_FOUND;
            return BE_OK;
        }
        if (!(at.R > 0.0)) {
            always = at.npv > 0.0;
            if (!always && lambda >= MAX_FACTOR)
                return BE_OK;       /* NEVER */
            lambda = fmin(2.0 * lambda, MAX_FACTOR);
            continue;
        }
        double next = at.C / at.R;
        always = next <= 0.0;
        if (next > MAX_FACTOR) {
            if (lambda >= MAX_FACTOR)
                return BE_OK;       /* NEVER: the root is above 10^6 */
            next = MAX_FACTOR;
        }
        if (!always && fabs(next - lambda) <= 1e-12 * lambda) {
            *ans = at;              /* the factor stops moving */
            ans->lambda = next;
            *kind = BE_BREAK_EVEN_FOUND;
            return BE_OK;
        }
        lambda = next;
    }
    if (always) {
        *ans = at;
        ans->lambda = 0.0;
        *kind = BE_BREAK_EVEN_ALWAYS;
    } else if (at.plan && at.R > 0.0 && at.C / at.R <= MAX_FACTOR) {
        /* out of solves: where the last plan breaks even */
        *ans = at;
        ans->lambda = fmax(0.0, at.C / at.R);
        *kind = BE_BREAK_EVEN_FOUND;
    }
    return BE_OK;
}

/* The kink of NPV* (demand 0 everywhere): the factor below which NPV*
 * stays at its value at factor 0. */
static be_code find_kink(search *q, point *ans, be_break_even_kind *kind)
{
    const be_model *m = q->m;
    double level = 0.0;
    point at = {0};
    *kind = BE_BREAK_EVEN_NEVER;
    int fleet = 0;
    for (int f = 0; f < m->n_fleet; f++)
        fleet |= m->fleet[f].count > 0.0;
    if (fleet) {
        be_code rc = solve_at(q, 0.0, &at);
        if (rc != BE_OK)
            return rc;
        if (!at.plan) {
            *kind = BE_BREAK_EVEN_NO_PLAN;
            return BE_OK;
        }
        level = at.npv;
    }
    /* up: until the best plan earns more than the level */
    double lambda = 1.0;
    for (;;) {
        if (!may_solve(q))
            return BE_OK;
        be_code rc = solve_at(q, lambda, &at);
        if (rc != BE_OK)
            return rc;
        if (!at.plan) {
            *kind = BE_BREAK_EVEN_NO_PLAN;
            return BE_OK;
        }
        if (at.R > 0.0 && at.npv > level + tolerance(&at))
            break;
        if (lambda >= MAX_FACTOR)
            return BE_OK;           /* NEVER: selling never pays */
        lambda = fmin(2.0 * lambda, MAX_FACTOR);
    }
    /* down: where the line of the plan above the kink meets the level */
    *kind = BE_BREAK_EVEN_BUILD;
    for (;;) {
        double next = fmax(0.0, (at.C + level) / at.R);
        *ans = at;
        ans->lambda = next;
        if (next <= 0.0 || fabs(next - lambda) <= 1e-12 * lambda ||
            !may_solve(q))
            return BE_OK;
        point nt = {0};
        be_code rc = solve_at(q, next, &nt);
        if (rc != BE_OK)
            return rc;
        if (!nt.plan) {
            *kind = BE_BREAK_EVEN_NO_PLAN;
            return BE_OK;
        }
        if (!(nt.R > 0.0) || nt.npv <= level + tolerance(&nt))
            return BE_OK;
        at = nt;
        lambda = next;
    }
}

void be_break_even_free(be_break_even *b)
{
    if (!b)
        return;
    free(b->price);
    free(b);
}

be_break_even *be_break_even_price(const be_model *m, const be_settings *s,
                                   be_error *err)
{
    if (!m) {
        be__fail(err, BE_EARG, "", nowhere, "break-even price: no model");
        return NULL;
    }
    if (!m->has_revenue || !m->revenue_price) {
        be__fail(err, BE_EARG, m->file, nowhere, "break-even price: the "
                 "model has no revenue (add revenue: {price: ...})");
        return NULL;
    }
    if (m->n_scenarios > 0) {
        be__fail(err, BE_EARG, m->file, nowhere,
                 "break-even price: the model has %d scenarios; ask one "
                 "scenario's model (be_model_scenario)", m->n_scenarios);
        return NULL;
    }
    be_break_even *b = be__calloc(1, sizeof *b);
    if (!b || !(b->price = be__calloc((size_t)m->T, sizeof *b->price))) {
        be_break_even_free(b);
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    b->periods = m->T;
    b->status = BE_OPTIMAL;
    b->proven = 1;
    b->factor = b->npv_below = b->npv_above = b->levelized_cost = NAN;

    search q = {0};
    q.m = m;
    q.b = b;
    q.tau = m->has_tax ? m->tax_rate : 0.0;
    if (s)
        q.s = *s;
    else
        be_settings_init(&q.s);
    /* LP solves of one program shape start from the previous one's basis */
    be_basis *own = NULL;
    if (!q.s.basis)
        q.s.basis = own = be_basis_new();

    int priced = 0, demand = 0;
    for (int i = 0; i < m->W * m->T; i++) {
        priced |= m->revenue_price[i] > 0.0;
        demand |= m->demand[i] > 0.0;
    }
    be_code rc = BE_OK;
    point ans = {0};
    if (!priced)
        b->kind = BE_BREAK_EVEN_NO_PRICE;
    else
        rc = demand ? find_root(&q, &ans, &b->kind)
                    : find_kink(&q, &ans, &b->kind);
    int factor = rc == BE_OK && (b->kind == BE_BREAK_EVEN_FOUND ||
                                 b->kind == BE_BREAK_EVEN_BUILD ||
                                 b->kind == BE_BREAK_EVEN_ALWAYS);
    if (factor) {
        b->factor = ans.lambda;
        b->levelized_cost = ans.lcoe;
    }
    if (factor && b->factor > 0.0) {
        point below = {0}, above = {0};
        rc = solve_at(&q, b->factor * (1.0 - CONFIRM), &below);
        if (rc == BE_OK)
            rc = solve_at(&q, b->factor * (1.0 + CONFIRM), &above);
        if (rc == BE_OK && (!below.plan || !above.plan)) {
            b->kind = BE_BREAK_EVEN_NO_PLAN;
            b->factor = b->levelized_cost = NAN;
        }
        b->npv_below = below.plan ? below.npv : NAN;
        b->npv_above = above.plan ? above.npv : NAN;
    }
    for (int t = 0; t < m->T; t++)
        b->price[t] = b->factor * m->revenue_price[t];
    be_basis_free(own);
    if (rc != BE_OK) {
        if (err)
            *err = q.e;
        be_break_even_free(b);
        return NULL;
    }
    return b;
}
