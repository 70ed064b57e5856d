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
 * In the stochastic program (stochastic.c: one column per decision per
 * node of the scenario tree) a cohort's flow rows form a tree instead: a
 * unit held at a node goes on into every child node, where it is held or
 * retired again, so its life is a tree of exits, one on every branch it
 * reaches.  The networks are read off the flow rows' entries (each row
 * names the hold that flows in), so one code serves both: a path is a
 * tree that never branches.  With lives as the columns, the flow rows
 * disappear except one per fleet cohort (its lives add up to its count),
 * leaving the demand, power, budget (and risk) rows: a master program of
 * a few hundred rows (a few thousand for 20 monthly scenarios).  Its
 * columns are generated on demand (Dantzig-Wolfe decomposition, delayed
 * column generation): a life's reduced cost under the master's duals is
 * the sum of its parts' reduced costs, so each cohort's cheapest life is
 * found in one pass over its nodes from the leaves: at each node the
 * cheaper of retiring now or holding and going on into every child (the
 * sum of the children's cheapest).  The master is solved, every cohort's
 * cheapest life with a negative reduced cost added, and the master solved
 * again, until none prices out; phase 1 first minimizes artificial
 * columns where zero does not satisfy a row.
 *
 * Crossover.  The flow rows of a cohort with, for each node, one basic
 * column of its own (the hold or the retire) are a triangular block (a
 * node's hold meets only its children's rows), so a basis of the full
 * program is such a column per node of every cohort plus one more basic
 * column for every master row the cohort's basic lives occupy: the buy
 * (bought cohorts) and, for k basic lives, k - 1 further columns.  The
 * node's column is the basic lives' hold where one of them holds, else
 * their retire, and where none goes the cheapest way out (the backward
 * pass with the master's duals); the further columns are the retires at
 * nodes where some basic lives hold and others retire.  On a path the
 * basic lives are nested (each a prefix of the longest), there are exactly
 * k - 1 such nodes, the values follow from the master's (sums of lives),
 * so the basis is primal feasible, and the potentials of the block are the
 * cheapest remaining lives, so no column prices out (Bellman: every part
 * of a cheapest life from a node is a cheapest life from there), and the
 * basis is optimal.  On a tree two basic lives can part on different
 * branches (one retires at node a and holds at b, the other the reverse);
 * then the master's optimum, a sum of lives, is optimal for the full
 * program but not one of its vertices, and there are more such nodes than
 * k - 1.  The k - 1 that retire the most are kept; the basis is still dual
 * feasible (every basic column prices at zero), a little primal
 * infeasible, and GLPK's dual simplex finishes from it
 * (be__lives_basis returns 2).  When the master's basis has a shape this
 * does not map (an artificial left in a fleet row, a fleet cohort with no
 * basic life, too few basic columns), nothing is installed and GLPK starts
 * as it always did; so it does when the program has a kind of row or
 * column this file does not map (fix rows, slacks).
 *
 * Reference: Dantzig and Wolfe (1960), "Decomposition principle for
 * linear programs", Operations Research 8(1); Chvatal, "Linear
 * Programming" (1983), ch. 19 (network simplex, spanning-tree bases).
 */
#include "program/lives.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef enum life_kind { LIFE_UNIT, LIFE_RENT, LIFE_ART } life_kind;

typedef struct life {
    life_kind kind;
    int cohort;              /* LIFE_UNIT */
    int at;                  /* LIFE_UNIT: its exits, L->exits[at ..
                                at + n_exits) (the nodes where it retires);
                                LIFE_RENT: the column; LIFE_ART: the
                                master row */
    int n_exits;             /* LIFE_UNIT */
    int next;                /* LIFE_UNIT: the cohort's previous life, -1 */
    uint64_t hash;           /* LIFE_UNIT: of its exits */
    double sign;             /* LIFE_ART: +1 or -1 */
} life;

/* A node of a cohort's network: one flow row, numbered so that each
 * cohort's nodes are one run, parents before children. */
typedef struct node {
    int row;                 /* program row */
    int hold, retire;        /* its columns, -1 where none */
    int child0, n_child;     /* children: L->child[child0 ..) */
} node;

typedef struct cohort_net {
    int first, n;            /* nodes [first, first + n); first: the root */
    int buy;                 /* column, -1 for a fleet cohort (its root row
                                is a master row: count of units) */
    int last_life;           /* its newest life, -1 */
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
    int n_nodes, n_cohorts;
    node *nodes;
    int *child;              /* children lists */
    cohort_net *net;
    /* per node, scratch: the cheapest remaining life's reduced cost, its
     * scale, its choice (1 hold, 0 retire, -1 none), reached by a life */
    double *value, *scale;
    signed char *choice;
    char *reach, *out;
    life *lives;
    size_t n_lives, cap;
    int *exits;
    size_t n_ex, ex_cap;
};

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
     * first one also a master row); the others are master rows, the
     * stochastic program's risk rows too (each scenario's cost) */
    case BE_ROW_FLOW:
    case BE_ROW_DEMAND:
    case BE_ROW_POWER:
    case BE_ROW_BUDGET:
    case BE_ROW_MARKET:
    case BE_ROW_SHARE:         /* a device's split between workloads */
    case BE_ROW_RISK:
        return 1;
    /* not supported: fixed decisions */
    case BE_ROW_FIX:
        return 0;
    }
    return 0;
}

static int col_kind_mapped(be_col_kind k)
{
    switch (k) {
    /* mapped: buy, hold and retire make up lives; a rent is a master
     * column of its own, and so are a sale, a share and the stochastic
     * program's risk columns */
    case BE_COL_BUY:
    case BE_COL_HOLD:
    case BE_COL_RETIRE:
    case BE_COL_RENT:
    case BE_COL_SELL:
    case BE_COL_SHARE:
    case BE_COL_VAR:
    case BE_COL_EXCESS:
        return 1;
    /* not supported: elastic slacks */
    case BE_COL_SLACK:
        return 0;
    }
    return 0;
}

static int plain(const be_program *p)
{
    for (int i = 0; i < p->n_rows; i++)
        if (!row_kind_mapped(p->rows[i].kind))
            return 0;
    for (int j = 0; j < p->n_cols; j++)
        if (!col_kind_mapped(p->cols[j].kind))
            return 0;
    return 1;
}

static int is_life_part(be_col_kind k)
{
    return k == BE_COL_BUY || k == BE_COL_HOLD || k == BE_COL_RETIRE;
}

static int add_life(be_lives *L, life v)
{
    if (!be__grow((void **)&L->lives, &L->cap, L->n_lives + 1,
                  sizeof *L->lives))
        return 0;
    L->lives[L->n_lives++] = v;
    return 1;
}

/*
 * The cohorts' networks, read off the flow rows' entries: a flow row
 * holds its own hold and retire columns at +1 and what flows in at -1,
 * the hold column of the row before (its parent) or the cohort's buy; a
 * row with nothing flowing in is a fleet cohort's first.  Every row has
 * one parent at most, so the rows form trees: paths in a cohort program,
 * trees that branch where the scenarios part in a stochastic one.
 * Returns 0 when the rows do not have this shape.
 */
static int read_networks(be_lives *L)
{
    const be_program *p = L->p;
    int R = p->n_rows, N = p->n_cols, ok = 0;
    int *tmp = be__calloc((size_t)R + 1, sizeof *tmp);   /* row -> flow # */
    int *own = be__calloc((size_t)N + 1, sizeof *own);   /* col -> flow # */
    int *in = NULL, *hold = NULL, *ret = NULL, *par = NULL, *kids = NULL,
        *num = NULL, *queue = NULL;
    int F = 0;
    if (!tmp || !own)
        goto done;
    for (int i = 0; i < R; i++)
        tmp[i] = p->rows[i].kind == BE_ROW_FLOW ? F++ : -1;
    if (F == 0)
        goto done;
    in = be__calloc((size_t)F, sizeof *in);
    hold = be__calloc((size_t)F, sizeof *hold);
    ret = be__calloc((size_t)F, sizeof *ret);
    par = be__calloc((size_t)F, sizeof *par);
    kids = be__calloc((size_t)F + 1, sizeof *kids);
    num = be__calloc((size_t)F, sizeof *num);
    queue = be__calloc((size_t)F, sizeof *queue);
    if (!in || !hold || !ret || !par || !kids || !num || !queue)
        goto done;
    for (int f = 0; f < F; f++)
        in[f] = hold[f] = ret[f] = par[f] = num[f] = -1;
    for (int j = 0; j < N; j++)
        own[j] = -1;
    /* own columns first, then the inflows, which refer to them */
    for (size_t e = 0; e < p->nnz; e++) {
        int f = tmp[p->mi[e]], j = p->mj[e];
        be_col_kind k = p->cols[j].kind;
        if (f < 0)
            continue;
        if (!is_life_part(k))
            goto done;
        if (p->mv[e] == 1.0 && k != BE_COL_BUY) {
            int *slot = k == BE_COL_HOLD ? &hold[f] : &ret[f];
            if (*slot >= 0 || own[j] >= 0)
                goto done;
            *slot = j;
            own[j] = f;
        } else if (p->mv[e] != -1.0 || k == BE_COL_RETIRE) {
            goto done;
        }
    }
    for (size_t e = 0; e < p->nnz; e++) {
        int f = tmp[p->mi[e]], j = p->mj[e];
        if (f < 0 || p->mv[e] != -1.0)
            continue;
        if (in[f] >= 0)
            goto done;
        in[f] = j;
        if (p->cols[j].kind == BE_COL_HOLD) {
            if (own[j] < 0 || own[j] == f)
                goto done;
            par[f] = own[j];
            kids[own[j] + 1]++;
        } else if (own[j] >= 0) {
            goto done;           /* a buy flowing into two rows */
        } else {
            own[j] = F;          /* seen */
        }
    }
    /* every part of a life in its cohort's network (a buy: seen) */
    for (int j = 0; j < N; j++)
        if (is_life_part(p->cols[j].kind) &&
            (own[j] < 0 || (own[j] == F) != (p->cols[j].kind == BE_COL_BUY)))
            goto done;
    for (int f = 0; f < F; f++)
        kids[f + 1] += kids[f];
    int *fill = be__dup(kids, (size_t)F + 1, sizeof *fill);
    if (!fill)
        goto done;
    int *kid = queue;            /* children of f: kid[kids[f] ..) */
    for (int f = 0; f < F; f++)
        if (par[f] >= 0)
            kid[fill[par[f]]++] = f;
    free(fill);

    L->nodes = be__calloc((size_t)F, sizeof *L->nodes);
    L->child = be__calloc((size_t)F + 1, sizeof *L->child);
    int roots = 0;
    for (int f = 0; f < F; f++)
        roots += par[f] < 0;
    L->net = be__calloc((size_t)roots + 1, sizeof *L->net);
    int *order = be__calloc((size_t)F + 1, sizeof *order);
    int *rowof = be__calloc((size_t)F + 1, sizeof *rowof);
    if (!L->nodes || !L->child || !L->net || !order || !rowof) {
        free(order);
        free(rowof);
        goto done;
    }
    for (int i = 0; i < R; i++)
        if (tmp[i] >= 0)
            rowof[tmp[i]] = i;
    /* breadth first from every root: each cohort one run of nodes */
    int n = 0, c = 0;
    for (int f0 = 0; f0 < F; f0++) {
        if (par[f0] >= 0)
            continue;
        cohort_net *net = &L->net[c++];
        net->first = n;
        net->buy = in[f0];
        net->last_life = -1;
        order[n] = f0;
        num[f0] = n++;
        for (int q = net->first; q < n; q++) {
            int f = order[q];
            for (int e = kids[f]; e < kids[f + 1]; e++) {
                order[n] = kid[e];
                num[kid[e]] = n++;
            }
        }
        net->n = n - net->first;
    }
    if (n != F) {                /* a cycle: not a program of lp.c's */
        free(order);
        free(rowof);
        goto done;
    }
    int nc = 0;
    for (int q = 0; q < F; q++) {
        int f = order[q];
        node *v = &L->nodes[q];
        v->row = rowof[f];
        v->hold = hold[f];
        v->retire = ret[f];
        v->child0 = nc;
        v->n_child = kids[f + 1] - kids[f];
        for (int e = kids[f]; e < kids[f + 1]; e++)
            L->child[nc++] = num[kid[e]];
    }
    free(order);
    free(rowof);
    L->n_nodes = F;
    L->n_cohorts = c;
    ok = 1;
done:
    free(tmp);
    free(own);
    free(in);
    free(hold);
    free(ret);
    free(par);
    free(kids);
    free(num);
    free(queue);
    return ok;
}

be_lives *be__lives_new(const be_model *m, const be_program *p)
{
    (void)m;
    if (!plain(p))
        return NULL;
    be_lives *L = be__calloc(1, sizeof *L);
    if (!L)
        return NULL;
    int R = p->n_rows, N = p->n_cols;
    L->p = p;
    L->mrow = be__calloc((size_t)R + 1, sizeof *L->mrow);
    L->prow = be__calloc((size_t)R + 1, sizeof *L->prow);
    L->cstart = be__calloc((size_t)N + 1, sizeof *L->cstart);
    L->rc = be__calloc((size_t)N + 1, sizeof *L->rc);
    if (!L->mrow || !L->prow || !L->cstart || !L->rc || !read_networks(L))
        goto fail;
    size_t F = (size_t)L->n_nodes;
    L->value = be__calloc(F, sizeof *L->value);
    L->scale = be__calloc(F, sizeof *L->scale);
    L->choice = be__calloc(F, sizeof *L->choice);
    L->reach = be__calloc(F, 1);
    L->out = be__calloc(F, 1);
    if (!L->value || !L->scale || !L->choice || !L->reach || !L->out)
        goto fail;

    /* Master rows: the linking rows, and each fleet cohort's first flow
     * row (its units, count of them). */
    for (int i = 0; i < R; i++)
        L->mrow[i] = p->rows[i].kind == BE_ROW_FLOW ? -1 : 0;
    for (int c = 0; c < L->n_cohorts; c++)
        if (L->net[c].buy < 0)
            L->mrow[L->nodes[L->net[c].first].row] = 0;
    for (int i = 0; i < R; i++)
        if (L->mrow[i] == 0) {
            L->prow[L->n_rows] = i;
            L->mrow[i] = L->n_rows++;
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

    /* First columns: every rent (and sale, share, risk column), and the
     * artificials. */
    for (int j = 0; j < N; j++)
        if (!is_life_part(p->cols[j].kind) &&
            !add_life(L, (life){LIFE_RENT, -1, j, 0, -1, 0, 0.0}))
            goto fail;
    for (int i = 0; i < L->n_rows; i++) {
        const be_row *r = &p->rows[L->prow[i]];
        double sign = 0.0;
        if (r->rhs > 0.0 && r->sense != 'L')
            sign = 1.0;
        else if (r->rhs < 0.0 && r->sense != 'G')
            sign = -1.0;
        if (sign != 0.0 &&
            !add_life(L, (life){LIFE_ART, -1, i, 0, -1, 0, sign}))
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
    free(L->mrow);
    free(L->prow);
    free(L->cstart);
    free(L->crow);
    free(L->cval);
    free(L->rc);
    free(L->acc);
    free(L->mark);
    free(L->nodes);
    free(L->child);
    free(L->net);
    free(L->value);
    free(L->scale);
    free(L->choice);
    free(L->reach);
    free(L->out);
    free(L->lives);
    free(L->exits);
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

int be__lives_prow(const be_lives *L, int i)
{
    return L->prow[i];
}

int be__lives_cols(const be_lives *L)
{
    return (int)L->n_lives;
}

/* Mark the nodes life v reaches (reach) and those it leaves at (out):
 * from the root, a node it does not leave at holds, and so continues
 * into every child.  Calls f on each column of the life with the node
 * (-1 for the buy).  The marks stay until unmark. */
static void walk(be_lives *L, const life *v,
                 void (*f)(be_lives *, int col, int node, void *), void *ctx)
{
    const cohort_net *c = &L->net[v->cohort];
    for (int e = 0; e < v->n_exits; e++)
        L->out[L->exits[v->at + e]] = 1;
    if (c->buy >= 0)
        f(L, c->buy, -1, ctx);
    L->reach[c->first] = 1;
    for (int q = c->first; q < c->first + c->n; q++) {
        const node *u = &L->nodes[q];
        if (!L->reach[q])
            continue;
        if (L->out[q]) {
            f(L, u->retire, q, ctx);
            continue;
        }
        f(L, u->hold, q, ctx);
        for (int e = 0; e < u->n_child; e++)
            L->reach[L->child[u->child0 + e]] = 1;
    }
}

static void unmark(be_lives *L, const life *v)
{
    const cohort_net *c = &L->net[v->cohort];
    memset(L->reach + c->first, 0, (size_t)c->n);
    memset(L->out + c->first, 0, (size_t)c->n);
}

typedef struct gathering {
    int *ind, n;
    double cost;
} gathering;

/* Add program column j's master entries to the column being built. */
static void gather(be_lives *L, int j, int node, void *ctx)
{
    gathering *g = ctx;
    (void)node;
    g->cost += L->p->cols[j].cost;
    for (int e = L->cstart[j]; e < L->cstart[j + 1]; e++) {
        int i = L->crow[e];
        if (!L->mark[i]) {
            L->mark[i] = 1;
            L->acc[i] = 0.0;
            g->ind[g->n++] = i;
        }
        L->acc[i] += L->cval[e];
    }
}

int be__lives_col(const be_lives *L, int k, int *ind, double *val,
                  double *cost, int *artificial)
{
    be_lives *W = (be_lives *)L;      /* scratch only */
    const life *v = &L->lives[k];
    gathering g = {ind, 0, 0.0};
    *artificial = v->kind == LIFE_ART;
    if (v->kind == LIFE_ART) {
        *cost = 0.0;
        ind[0] = v->at;
        val[0] = v->sign;
        return 1;
    }
    if (v->kind == LIFE_RENT) {
        gather(W, v->at, -1, &g);
    } else {
        walk(W, v, gather, &g);
        unmark(W, v);
    }
    for (int q = 0; q < g.n; q++) {
        val[q] = L->acc[ind[q]];
        W->mark[ind[q]] = 0;
    }
    *cost = g.cost;
    return g.n;
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

/* The cheapest remaining life from every node of cohort c, by a pass
 * from its leaves: leave at once (retire), or hold and go on into every
 * child (the sum of theirs); ties retire.  A hold with no child keeps
 * the unit to the end of the horizon. */
static void cheapest(be_lives *L, const cohort_net *c)
{
    const be_program *p = L->p;
    for (int q = c->first + c->n - 1; q >= c->first; q--) {
        const node *u = &L->nodes[q];
        double via_hold = INFINITY, via_retire = INFINITY, s = 0.0;
        if (u->hold >= 0) {
            via_hold = L->rc[u->hold];
            s = fabs(p->cols[u->hold].cost) + fabs(L->rc[u->hold]);
            for (int e = 0; e < u->n_child; e++) {
                int ch = L->child[u->child0 + e];
                via_hold += L->value[ch];
                s += L->scale[ch];
            }
        }
        if (u->retire >= 0)
            via_retire = L->rc[u->retire];
        if (u->retire >= 0 && via_retire <= via_hold) {
            L->choice[q] = 0;
            L->value[q] = via_retire;
            L->scale[q] = 0.0;
        } else if (u->hold >= 0 && via_hold < INFINITY) {
            L->choice[q] = 1;
            L->value[q] = via_hold;
            L->scale[q] = s;
        } else {
            L->choice[q] = -1;
            L->value[q] = INFINITY;
            L->scale[q] = 0.0;
        }
    }
}

static uint64_t hash_exits(const int *x, int n)
{
    uint64_t h = 1469598103934665603u;
    for (int i = 0; i < n; i++) {
        h ^= (uint64_t)(unsigned)x[i];
        h *= 1099511628211u;
    }
    return h;
}

int be__lives_price(be_lives *L, const double *y, int phase1)
{
    reduced_costs(L, y, phase1);
    int added = 0;
    for (int j = 0; j < L->n_cohorts; j++) {
        cohort_net *c = &L->net[j];
        cheapest(L, c);
        double buy = c->buy >= 0 ? L->rc[c->buy] : 0.0;
        double best = buy + L->value[c->first];
        double scale = fabs(buy) + L->scale[c->first];
        if (L->choice[c->first] < 0 || !(best < -1e-9 * fmax(1.0, scale)))
            continue;
        /* its exits, in node order */
        size_t at = L->n_ex;
        L->reach[c->first] = 1;
        for (int q = c->first; q < c->first + c->n; q++) {
            const node *u = &L->nodes[q];
            if (!L->reach[q])
                continue;
            L->reach[q] = 0;
            if (L->choice[q] == 0) {
                if (!be__grow((void **)&L->exits, &L->ex_cap, L->n_ex + 1,
                              sizeof *L->exits))
                    return -1;
                L->exits[L->n_ex++] = q;
                continue;
            }
            for (int e = 0; e < u->n_child; e++)
                L->reach[L->child[u->child0 + e]] = 1;
        }
        int n = (int)(L->n_ex - at);
        /* no exits (a cohort of no periods): L->exits may be NULL, and
         * NULL + 0 is undefined */
        uint64_t h = hash_exits(n ? L->exits + at : NULL, n);
        int dup = 0;
        for (int k = c->last_life; k >= 0 && !dup; k = L->lives[k].next) {
            const life *v = &L->lives[k];
            dup = v->hash == h && v->n_exits == n &&
                  (n == 0 || memcmp(L->exits + v->at, L->exits + at,
                                    (size_t)n * sizeof *L->exits) == 0);
        }
        if (dup) {               /* priced out within tolerance only */
            L->n_ex = at;
            continue;
        }
        if (!add_life(L, (life){LIFE_UNIT, j, (int)at, n, c->last_life, h,
                                0.0}))
            return -1;
        c->last_life = (int)L->n_lives - 1;
        added++;
    }
    return added;
}

/* The crossover's tally of the basic lives: what each node holds and
 * retires of them. */
typedef struct tally {
    double *x_hold, *x_retire;
    char *held, *left;
    double lambda;
} tally;

static void count_part(be_lives *L, int col, int q, void *ctx)
{
    tally *t = ctx;
    (void)col;
    if (q < 0)
        return;
    if (L->out[q]) {
        t->left[q] = 1;
        t->x_retire[q] += t->lambda;
    } else {
        t->held[q] = 1;
        t->x_hold[q] += t->lambda;
    }
}

/* Extra basic columns of a cohort: its retires where basic lives both
 * hold and retire, most retired first. */
typedef struct extra {
    int col;
    double x;
} extra;

static int extra_cmp(const void *a, const void *b)
{
    double x = ((const extra *)a)->x, y = ((const extra *)b)->x;
    int i = ((const extra *)a)->col, j = ((const extra *)b)->col;
    return x > y ? -1 : x < y ? 1 : (i > j) - (i < j);
}

int be__lives_basis(const be_lives *L, const int *col_basic,
                    const int *row_basic, const double *y,
                    const double *lambda, int *basic_col, int *basic_row)
{
    const be_program *p = L->p;
    be_lives *W = (be_lives *)L;      /* the reduced-cost scratch */
    memset(basic_col, 0, (size_t)p->n_cols * sizeof *basic_col);
    memset(basic_row, 0, (size_t)p->n_rows * sizeof *basic_row);
    reduced_costs(W, y, 0);
    for (int i = 0; i < L->n_rows; i++)
        if (row_basic[i])
            basic_row[L->prow[i]] = 1;

    int J = L->n_cohorts, F = L->n_nodes, ok = 1, dropped = 0;
    int *count = be__calloc((size_t)J + 1, sizeof *count);
    tally t = {be__calloc((size_t)F, sizeof(double)),
               be__calloc((size_t)F, sizeof(double)),
               be__calloc((size_t)F, 1), be__calloc((size_t)F, 1), 0.0};
    extra *ex = be__calloc((size_t)F + 1, sizeof *ex);
    if (!count || !t.x_hold || !t.x_retire || !t.held || !t.left || !ex) {
        ok = 0;
        goto done;
    }
    for (size_t k = 0; k < L->n_lives; k++) {
        const life *v = &L->lives[k];
        if (!col_basic[k])
            continue;
        if (v->kind == LIFE_RENT) {
            basic_col[v->at] = 1;
        } else if (v->kind == LIFE_ART) {
            /* at 0, a unit column on its row: the row's own slack */
            if (basic_row[L->prow[v->at]])
                ok = 0;
            basic_row[L->prow[v->at]] = 1;
        } else {
            count[v->cohort]++;
            t.lambda = fmax(lambda[k], 0.0);
            walk(W, v, count_part, &t);
            unmark(W, v);
        }
    }

    for (int j = 0; ok && j < J; j++) {
        const cohort_net *c = &L->net[j];
        /* a fleet cohort's first row is a master row, and the tree below
         * covers it: the master must hold it by a basic life, not by its
         * slack (or an artificial) */
        if (c->buy < 0 && (count[j] == 0 ||
                           basic_row[L->nodes[c->first].row])) {
            ok = 0;
            break;
        }
        if (c->buy >= 0 && count[j] > 0)
            basic_col[c->buy] = 1;
        /* a column per node: the basic lives' hold where one holds, else
         * their retire; where none goes, the cheapest way out */
        cheapest(W, c);
        int n_ex = 0;
        for (int q = c->first; q < c->first + c->n; q++) {
            const node *u = &L->nodes[q];
            if (t.held[q]) {
                basic_col[u->hold] = 1;
                if (t.left[q])
                    ex[n_ex++] = (extra){u->retire, t.x_retire[q]};
            } else if (t.left[q]) {
                basic_col[u->retire] = 1;
            } else if (L->choice[q] < 0) {
                ok = 0;
                break;
            } else {
                basic_col[L->choice[q] ? u->hold : u->retire] = 1;
            }
        }
        /* k basic lives take k - 1 of them (and the buy); more when the
         * lives part on different branches (see the header): the most
         * retired are kept */
        int keep = count[j] > 0 ? count[j] - 1 : 0;
        if (n_ex > keep) {
            qsort(ex, (size_t)n_ex, sizeof *ex, extra_cmp);
            dropped = 1;
        }
        for (int e = 0; e < n_ex && e < keep; e++)
            basic_col[ex[e].col] = 1;
    }

    int n_basic = 0;
    for (int j = 0; j < p->n_cols; j++)
        n_basic += basic_col[j];
    for (int i = 0; i < p->n_rows; i++)
        n_basic += basic_row[i];
    ok = ok && n_basic == p->n_rows ? 1 + dropped : 0;
done:
    free(count);
    free(t.x_hold);
    free(t.x_retire);
    free(t.held);
    free(t.left);
    free(ex);
    return ok;
}
