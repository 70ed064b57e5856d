/*
 * lives.c -- the program of a fleet by the lives of its units, to start
 * GLPK's simplex from an optimal basis (engine/glpk_basis.c solves it).
 *
 * GLPK's simplex is slow on the cohort program of a large fleet: 20 device
 * types x 120 months is 42,330 rows, and every iteration works on a basis
 * of that size (16.8 s against 1.8 s for CLP on the same file).  GLPK's own
 * presolve, which removes the retire columns, leaves 41,202 rows and is no
 * faster.  The rows are the problem, and most of them are flow rows.
 *
 * The flow rows of one cohort form a path: a unit enters at the cohort's
 * start (bought, or in the fleet), is held from period to period, and
 * leaves once, retired at the start of some period r or kept to the end
 * of the horizon.  Its life is the column buy + hold[s..r-1] + retire[r]
 * of the cohort program, and every plan of a cohort is a sum of lives.
 * With lives as the columns, the flow rows disappear except one per fleet
 * cohort (its lives add up to its count), leaving the demand, power and
 * budget rows: a master program of a few hundred rows.  Its columns are
 * generated on demand (Dantzig-Wolfe decomposition, delayed column
 * generation): a life's reduced cost under the master's duals is the sum
 * of its parts' reduced costs along the path, so each cohort's cheapest
 * life is found in one pass over its periods.  The master is solved,
 * every cohort's cheapest life with a negative reduced cost added, and
 * the master solved again, until none prices out; phase 1 first
 * minimizes artificial columns where zero does not satisfy a row.
 *
 * Crossover.  The master's optimal basis maps to an optimal basis of the
 * cohort program, so GLPK solves the full program from it in (nearly) no
 * iterations, and everything that reads GLPK's answer (duals, ranging,
 * warm starts, branch and bound) sees the cohort program as before.  The
 * flow rows of a cohort are a network on its periods, with a root for
 * buying, retiring and the horizon's end; a basis of the cohort program is
 * a spanning tree of each cohort's network plus one more basic column for
 * every master row the cohort's basic lives occupy.  For a cohort whose
 * basic lives exit at r1 < ... < rk the tree is the path of its longest
 * basic life (hold[s..rk-1] and its exit), and from every later period
 * the cheapest way out (retire at once, or hold one more period), chosen
 * by a backward pass with the master's duals; the extra basic columns are
 * the buy (bought cohorts) and the exits of the other basic lives.  The
 * values follow from the master's (sums of lives), so the basis is
 * primal feasible; the potentials of the tree are the cheapest remaining
 * lives, so no column prices out (Bellman: every suffix of the cheapest
 * life is a cheapest life), and the basis is optimal.  When the master's
 * basis has a shape this does not map (an artificial left in a fleet row,
 * a fleet cohort with no basic life), nothing is installed and GLPK starts
 * as it always did.
 *
 * Reference: Dantzig and Wolfe (1960), "Decomposition principle for
 * linear programs", Operations Research 8(1); Chvatal, "Linear
 * Programming" (1983), ch. 19 (network simplex, spanning-tree bases).
 */
#include "program/lives.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef enum life_kind { LIFE_UNIT, LIFE_RENT, LIFE_ART } life_kind;

typedef struct life {
    life_kind kind;
    int cohort;              /* LIFE_UNIT */
    int exit;                /* LIFE_UNIT: the period of retirement, or
                                the cohort's flow end for kept to the end;
                                LIFE_RENT: the rent column; LIFE_ART: the
                                master row */
    double sign;             /* LIFE_ART: +1 or -1 */
} life;

typedef struct cohort_net {
    int start;               /* first node (period) */
    int end;                 /* nodes [start, end): the flow rows */
    int buy;                 /* column, -1 for a fleet cohort */
    int hold0, hold_end;     /* hold[t] = hold0 + t - start, t < hold_end */
    int retire0, retire_from, retire_end;
    int first_row;           /* program row of the flow row at start */
} cohort_net;

struct be_lives {
    const be_program *p;
    int n_rows;              /* master rows */
    int *prow;               /* [n_rows] the program row of each */
    int *mrow;               /* [p->n_rows] the master row, or -1 */
    int *cstart, *crow;      /* per program column, its entries in the */
    double *cval;            /* master rows (CSR) */
    double *rc;              /* [p->n_cols] reduced costs, scratch */
    double *acc;             /* [n_rows] scratch for a column's entries */
    int *mark;               /* [n_rows] scratch */
    int n_cohorts;
    cohort_net *net;
    life *lives;
    size_t n_lives, cap;
    char *have;              /* [n_cohorts * (T + 2)] life already in */
    int stride;
};

static int hold_col(const cohort_net *c, int t)
{
    return t >= c->start && t < c->hold_end ? c->hold0 + t - c->start : -1;
}

static int retire_col(const cohort_net *c, int t)
{
    return t >= c->retire_from && t < c->retire_end
         ? c->retire0 + t - c->retire_from : -1;
}

/* The exits of a cohort's lives: r with a retire column (r > start for a
 * bought cohort, which holds at least one period), or r == end when the
 * last node's hold leaves the network (kept to the end of the horizon). */
static int exit_ok(const cohort_net *c, int r)
{
    if (r < c->start || r > c->end)
        return 0;
    if (c->buy >= 0 && r == c->start)
        return 0;
    if (r < c->end)
        return retire_col(c, r) >= 0 && (r == c->start ||
                                          hold_col(c, r - 1) >= 0);
    return hold_col(c, r - 1) >= 0;
}

/*
 * The kinds of rows and columns of lp.h, each in one of two lists: those
 * this file maps into the master and its crossover, and those it does not
 * support (a program with one gets no master, and GLPK starts as it
 * always did).  No default: a kind added to lp.h is a -Wswitch warning
 * here (an error in CI) until it joins one list or the other.
 */
static int row_kind_mapped(be_row_kind k)
{
    switch (k) {
    /* mapped: the flow rows are the cohorts' networks (a fleet cohort's
     * first one also a master row); the others are master rows */
    case BE_ROW_FLOW:
    case BE_ROW_DEMAND:
    case BE_ROW_POWER:
    case BE_ROW_BUDGET:
    case BE_ROW_MARKET:
    case BE_ROW_SHARE:         /* a device's split between workloads */
        return 1;
    /* not supported: the stochastic program's risk rows, fixed decisions */
    case BE_ROW_RISK:
    case BE_ROW_FIX:
        return 0;
    }
    return 0;
}

static int col_kind_mapped(be_col_kind k)
{
    switch (k) {
    /* mapped: buy, hold and retire make up lives; a rent is a master
     * column of its own */
    case BE_COL_BUY:
    case BE_COL_HOLD:
    case BE_COL_RETIRE:
    case BE_COL_RENT:
    case BE_COL_SELL:          /* a master column, like a rent */
    case BE_COL_SHARE:         /* and a share of a device's units */
        return 1;
    /* not supported: elastic slacks, the stochastic program's risk
     * columns */
    case BE_COL_SLACK:
    case BE_COL_VAR:
    case BE_COL_EXCESS:
        return 0;
    }
    return 0;
}

static int plain(const be_program *p)
{
    if (p->n_scen || !p->cc || !p->rent_col)
        return 0;
    for (int i = 0; i < p->n_rows; i++)
        if (!row_kind_mapped(p->rows[i].kind))
            return 0;
    for (int j = 0; j < p->n_cols; j++)
        if (!col_kind_mapped(p->cols[j].kind))
            return 0;
    return 1;
}

static int add_life(be_lives *L, life v)
{
    if (!be__grow((void **)&L->lives, &L->cap, L->n_lives + 1,
                  sizeof *L->lives))
        return 0;
    L->lives[L->n_lives++] = v;
    return 1;
}

be_lives *be__lives_new(const be_model *m, const be_program *p)
{
    if (!plain(p) || m->n_cohorts <= 0)
        return NULL;
    be_lives *L = be__calloc(1, sizeof *L);
    if (!L)
        return NULL;
    int J = m->n_cohorts, R = p->n_rows, N = p->n_cols;
    L->p = p;
    L->n_cohorts = J;
    L->stride = m->T + 2;
    L->net = be__calloc((size_t)J, sizeof *L->net);
    L->mrow = be__calloc((size_t)R + 1, sizeof *L->mrow);
    L->prow = be__calloc((size_t)R + 1, sizeof *L->prow);
    L->cstart = be__calloc((size_t)N + 1, sizeof *L->cstart);
    L->rc = be__calloc((size_t)N + 1, sizeof *L->rc);
    L->have = be__calloc((size_t)J * (size_t)L->stride, 1);
    if (!L->net || !L->mrow || !L->prow || !L->cstart || !L->rc || !L->have)
        goto fail;

    /* Each cohort's network: the flow rows, which must be one run of
     * periods from its start. */
    for (int j = 0; j < J; j++) {
        const be_cohort_cols *cc = &p->cc[j];
        cohort_net *c = &L->net[j];
        c->start = m->cohorts[j].start;
        c->end = c->start;
        c->buy = cc->buy;
        c->hold0 = cc->hold0;
        c->hold_end = cc->hold_end;
        c->retire0 = cc->retire0;
        c->retire_from = cc->retire_from;
        c->retire_end = cc->retire_end;
    }
    for (int i = 0; i < R; i++) {
        const be_row *r = &p->rows[i];
        if (r->kind != BE_ROW_FLOW)
            continue;
        if (r->cohort < 0 || r->cohort >= J)
            goto fail;
        cohort_net *c = &L->net[r->cohort];
        if (r->period != c->end)
            goto fail;           /* not in order: not lp.c's program */
        if (c->end == c->start)
            c->first_row = i;
        c->end++;
    }
    for (int j = 0; j < J; j++) {
        const cohort_net *c = &L->net[j];
        if (c->end <= c->start || c->hold_end > c->end ||
            c->retire_end > c->end)
            goto fail;
    }

    /* Master rows: the linking rows, and each fleet cohort's first flow
     * row (its units, count of them). */
    for (int i = 0; i < R; i++) {
        const be_row *r = &p->rows[i];
        L->mrow[i] = -1;
        if (r->kind != BE_ROW_FLOW ||
            (r->period == L->net[r->cohort].start &&
             L->net[r->cohort].buy < 0)) {
            L->prow[L->n_rows] = i;
            L->mrow[i] = L->n_rows++;
        }
    }
    L->acc = be__calloc((size_t)L->n_rows + 1, sizeof *L->acc);
    L->mark = be__calloc((size_t)L->n_rows + 1, sizeof *L->mark);
    if (!L->acc || !L->mark)
        goto fail;

    /* The program's entries in the master rows, by column. */
    for (size_t e = 0; e < p->nnz; e++)
        if (L->mrow[p->mi[e]] >= 0)
            L->cstart[p->mj[e] + 1]++;
    for (int j = 0; j < N; j++)
        L->cstart[j + 1] += L->cstart[j];
    size_t n_ent = (size_t)L->cstart[N];
    L->crow = be__calloc(n_ent + 1, sizeof *L->crow);
    L->cval = be__calloc(n_ent + 1, sizeof *L->cval);
    int *fill = be__dup(L->cstart, (size_t)N + 1, sizeof *fill);
    if (!L->crow || !L->cval || !fill) {
        free(fill);
        goto fail;
    }
    for (size_t e = 0; e < p->nnz; e++) {
        int i = L->mrow[p->mi[e]];
        if (i < 0)
            continue;
        int at = fill[p->mj[e]]++;
        L->crow[at] = i;
        L->cval[at] = p->mv[e];
    }
    free(fill);

    /* First columns: every rent, and the artificials. */
    for (int j = 0; j < N; j++)
        if ((p->cols[j].kind == BE_COL_RENT ||
             p->cols[j].kind == BE_COL_SELL ||
             p->cols[j].kind == BE_COL_SHARE) &&
            !add_life(L, (life){LIFE_RENT, -1, j, 0.0}))
            goto fail;
    for (int i = 0; i < L->n_rows; i++) {
        const be_row *r = &p->rows[L->prow[i]];
        double sign = 0.0;
        if (r->rhs > 0.0 && r->sense != 'L')
            sign = 1.0;
        else if (r->rhs < 0.0 && r->sense != 'G')
            sign = -1.0;
        if (sign != 0.0 && !add_life(L, (life){LIFE_ART, -1, i, sign}))
            goto fail;
    }
    return L;
fail:
    be__lives_free(L);
    return NULL;
}

void be__lives_free(be_lives *L)
{
    if (!L)
        return;
    free(L->net);
    free(L->mrow);
    free(L->prow);
    free(L->cstart);
    free(L->crow);
    free(L->cval);
    free(L->rc);
    free(L->acc);
    free(L->mark);
    free(L->lives);
    free(L->have);
    free(L);
}

int be__lives_rows(const be_lives *L)
{
    return L->n_rows;
}

void be__lives_row(const be_lives *L, int i, char *sense, double *rhs)
{
    const be_row *r = &L->p->rows[L->prow[i]];
    *sense = r->sense;
    *rhs = r->rhs;
}

int be__lives_cols(const be_lives *L)
{
    return (int)L->n_lives;
}

/* Add program column j's master entries to the column being built. */
static void gather(be_lives *L, int j, int *ind, int *n, double *cost)
{
    *cost += L->p->cols[j].cost;
    for (int e = L->cstart[j]; e < L->cstart[j + 1]; e++) {
        int i = L->crow[e];
        if (!L->mark[i]) {
            L->mark[i] = 1;
            L->acc[i] = 0.0;
            ind[(*n)++] = i;
        }
        L->acc[i] += L->cval[e];
    }
}

int be__lives_col(const be_lives *L, int k, int *ind, double *val,
                  double *cost, int *artificial)
{
    be_lives *W = (be_lives *)L;      /* scratch only */
    const life *v = &L->lives[k];
    int n = 0;
    *cost = 0.0;
    *artificial = v->kind == LIFE_ART;
    if (v->kind == LIFE_ART) {
        ind[0] = v->exit;
        val[0] = v->sign;
        return 1;
    }
    if (v->kind == LIFE_RENT) {
        gather(W, v->exit, ind, &n, cost);
    } else {
        const cohort_net *c = &L->net[v->cohort];
        if (c->buy >= 0)
            gather(W, c->buy, ind, &n, cost);
        for (int t = c->start; t < v->exit; t++)
            gather(W, hold_col(c, t), ind, &n, cost);
        if (v->exit < c->end)
            gather(W, retire_col(c, v->exit), ind, &n, cost);
    }
    for (int q = 0; q < n; q++) {
        val[q] = L->acc[ind[q]];
        W->mark[ind[q]] = 0;
    }
    return n;
}

/* Reduced costs of every program column under y, over the master rows
 * (in phase 1 the columns cost nothing). */
static void reduced_costs(be_lives *L, const double *y, int phase1)
{
    const be_program *p = L->p;
    for (int j = 0; j < p->n_cols; j++) {
        double d = phase1 ? 0.0 : p->cols[j].cost;
        for (int e = L->cstart[j]; e < L->cstart[j + 1]; e++)
            d -= L->cval[e] * y[L->crow[e]];
        L->rc[j] = d;
    }
}

static double rc_of(const be_lives *L, int col)
{
    return col >= 0 ? L->rc[col] : 0.0;
}

int be__lives_price(be_lives *L, const double *y, int phase1)
{
    const be_program *p = L->p;
    reduced_costs(L, y, phase1);
    int added = 0;
    for (int j = 0; j < L->n_cohorts; j++) {
        const cohort_net *c = &L->net[j];
        double run = rc_of(L, c->buy), scale = fabs(run);
        double best = INFINITY, best_scale = 1.0;
        int best_r = -1;
        for (int r = c->start; r <= c->end; r++) {
            if (r > c->start) {
                int h = hold_col(c, r - 1);
                if (h < 0)
                    break;
                run += L->rc[h];
                scale += fabs(p->cols[h].cost) + fabs(L->rc[h]);
            }
            if (!exit_ok(c, r))
                continue;
            double v = run + (r < c->end ? rc_of(L, retire_col(c, r)) : 0.0);
            if (v < best) {
                best = v;
                best_r = r;
                best_scale = scale;
            }
        }
        if (best_r < 0 || !(best < -1e-9 * fmax(1.0, best_scale)))
            continue;
        char *have = &L->have[(size_t)j * (size_t)L->stride + (size_t)best_r];
        if (*have)
            continue;            /* priced out within tolerance only */
        if (!add_life(L, (life){LIFE_UNIT, j, best_r, 0.0}))
            return -1;
        *have = 1;
        added++;
    }
    return added;
}

int be__lives_basis(const be_lives *L, const int *col_basic,
                    const int *row_basic, const double *y, int *basic_col,
                    int *basic_row)
{
    const be_program *p = L->p;
    be_lives *W = (be_lives *)L;      /* the reduced-cost scratch */
    memset(basic_col, 0, (size_t)p->n_cols * sizeof *basic_col);
    memset(basic_row, 0, (size_t)p->n_rows * sizeof *basic_row);
    reduced_costs(W, y, 0);
    for (int i = 0; i < L->n_rows; i++)
        if (row_basic[i])
            basic_row[L->prow[i]] = 1;

    /* The longest basic life of each cohort, and the others' exits. */
    int J = L->n_cohorts;
    int *longest = be__calloc((size_t)J + 1, sizeof *longest);
    int *count = be__calloc((size_t)J + 1, sizeof *count);
    if (!longest || !count) {
        free(longest);
        free(count);
        return 0;
    }
    int ok = 1;
    for (size_t k = 0; k < L->n_lives; k++) {
        const life *v = &L->lives[k];
        if (!col_basic[k])
            continue;
        if (v->kind == LIFE_RENT) {
            basic_col[v->exit] = 1;
        } else if (v->kind == LIFE_ART) {
            /* at 0, a unit column on its row: the row's own slack */
            if (basic_row[L->prow[v->exit]])
                ok = 0;
            basic_row[L->prow[v->exit]] = 1;
        } else {
            count[v->cohort]++;
            if (count[v->cohort] == 1 || v->exit > longest[v->cohort])
                longest[v->cohort] = v->exit;
        }
    }
    for (size_t k = 0; ok && k < L->n_lives; k++) {
        const life *v = &L->lives[k];
        if (col_basic[k] && v->kind == LIFE_UNIT &&
            v->exit != longest[v->cohort])
            basic_col[retire_col(&L->net[v->cohort], v->exit)] = 1;
    }

    for (int j = 0; ok && j < J; j++) {
        const cohort_net *c = &L->net[j];
        int from = c->start;
        /* a fleet cohort's first row is a master row, and the tree below
         * covers it: the master must hold it by a basic life, not by its
         * slack (or an artificial) */
        if (c->buy < 0 && (count[j] == 0 || basic_row[c->first_row])) {
            ok = 0;
            break;
        }
        if (count[j] > 0) {
            int r = longest[j];
            for (int t = c->start; t < r; t++)
                basic_col[hold_col(c, t)] = 1;
            if (r < c->end)
                basic_col[retire_col(c, r)] = 1;
            if (c->buy >= 0)
                basic_col[c->buy] = 1;
            from = r + 1;
        }
        /* after the longest life: each node's cheapest way out */
        double next = 0.0;       /* cost from node t + 1 on */
        for (int t = c->end - 1; t >= from; t--) {
            int h = hold_col(c, t), q = retire_col(c, t);
            double via_hold = h >= 0 ? L->rc[h] + (t + 1 < c->end ? next
                                                                  : 0.0)
                                     : INFINITY;
            double via_retire = q >= 0 ? L->rc[q] : INFINITY;
            if (h < 0 && q < 0) {
                ok = 0;
                break;
            }
            if (via_retire <= via_hold) {
                basic_col[q] = 1;
                next = via_retire;
            } else {
                basic_col[h] = 1;
                next = via_hold;
            }
        }
    }
    free(longest);
    free(count);

    int n_basic = 0;
    for (int j = 0; j < p->n_cols; j++)
        n_basic += basic_col[j];
    for (int i = 0; i < p->n_rows; i++)
        n_basic += basic_row[i];
    return ok && n_basic == p->n_rows;
}
