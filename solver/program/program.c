/*
 * program.c -- the program as a container (lp.h), below both builders:
 * freeing it, matrix entries as the builders add them, and what the
 * analyses need: copying a program, adding elastic (slack) columns and fix
 * rows of their own kind, and comparing two programs' shapes, so that
 * diagnose.c and threshold.c do not reach into the arrays themselves.
 */
#include "program/lp.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void be__program_free(be_program *p)
{
    if (!p)
        return;
    free(p->cols);
    free(p->rows);
    free(p->mi);
    free(p->mj);
    free(p->mv);
    free(p->cc);
    free(p->rent_col);
    free(p->sell_col);
    free(p->share_col);
    for (int s = 0; s < p->n_scen; s++) {
        be__program_free(p->scen ? p->scen[s] : NULL);
        free(p->scen_map ? p->scen_map[s] : NULL);
    }
    free(p->scen);
    free(p->scen_map);
    free(p->col_node);
    free(p->col_src);
    free(p->row_node);
    free(p->row_src);
    free(p);
}

be_program *be__program_copy(const be_model *m, const be_program *p)
{
    be_program *q = be__calloc(1, sizeof *q);
    if (!q)
        return NULL;
    *q = *p;
    size_t tk = (size_t)m->T * (size_t)m->n_devices;
    q->cols = be__dup(p->cols, (size_t)p->n_cols, sizeof *p->cols);
    q->rows = be__dup(p->rows, (size_t)p->n_rows, sizeof *p->rows);
    q->mi = be__dup(p->mi, p->nnz, sizeof *p->mi);
    q->mj = be__dup(p->mj, p->nnz, sizeof *p->mj);
    q->mv = be__dup(p->mv, p->nnz, sizeof *p->mv);
    q->nnz_cap = p->nnz;
    q->cc = be__dup(p->cc, (size_t)m->n_cohorts, sizeof *p->cc);
    q->rent_col = be__dup(p->rent_col, tk, sizeof *p->rent_col);
    size_t tw = (size_t)m->T * (size_t)m->W;
    q->sell_col = be__dup(p->sell_col, tw, sizeof *p->sell_col);
    q->share_col = be__dup(p->share_col, tk * (size_t)m->W,
                           sizeof *p->share_col);
    if (!q->cols || !q->rows || !q->mi || !q->mj || !q->mv || !q->cc ||
        !q->rent_col || !q->sell_col || !q->share_col) {
        be__program_free(q);
        return NULL;
    }
    return q;
}

/* Room for n matrix entries (at least one more when n is 0). */
static int reserve_entries(be_program *p, size_t n)
{
    if (p->nnz < p->nnz_cap && n <= p->nnz_cap)
        return 1;
    size_t cap = p->nnz_cap ? 2 * p->nnz_cap : 64;
    if (cap < n)
        cap = n;
    int *mi = realloc(p->mi, cap * sizeof *mi);
    if (mi)
        p->mi = mi;
    int *mj = mi ? realloc(p->mj, cap * sizeof *mj) : NULL;
    if (mj)
        p->mj = mj;
    double *mv = mj ? realloc(p->mv, cap * sizeof *mv) : NULL;
    if (!mv)
        return 0;
    p->mv = mv;
    p->nnz_cap = cap;
    return 1;
}

static int grow_entries(be_program *p)
{
    return reserve_entries(p, 0);
}

int be__program_reserve(be_program *p, size_t nnz)
{
    return nnz > (size_t)INT_MAX ? 0 : reserve_entries(p, nnz);
}

int be__program_add_entry(be_program *p, int row, int col, double v)
{
    if (v == 0.0)
        return 1;
    if (p->nnz >= (size_t)INT_MAX - 1 || !grow_entries(p))
        return 0;
    p->mi[p->nnz] = row;
    p->mj[p->nnz] = col;
    p->mv[p->nnz] = v;
    p->nnz++;
    return 1;
}

int be__program_add_slack(be_program *p, int i, double cost)
{
    if (p->n_cols == INT_MAX)
        return -1;
    be_col *cols = realloc(p->cols, ((size_t)p->n_cols + 1) * sizeof *cols);
    if (!cols)
        return -1;
    p->cols = cols;
    if (!grow_entries(p))
        return -1;
    int j = p->n_cols++;
    be_col *c = &p->cols[j];
    memset(c, 0, sizeof *c);
    c->kind = BE_COL_SLACK;
    c->device = -1;
    c->cohort = -1;
    c->period = p->rows[i].period;
    c->age = -1;
    c->cost = cost;
    c->upper = INFINITY;
    p->mi[p->nnz] = i;
    p->mj[p->nnz] = j;
    p->mv[p->nnz] = p->rows[i].sense == 'G' ? 1.0 : -1.0;
    p->nnz++;
    return j;
}

int be__program_fix(be_program *p, int j, double v)
{
    if (p->n_rows == INT_MAX)
        return -1;
    size_t n = (size_t)p->n_rows + 1;
    be_row *rows = realloc(p->rows, n * sizeof *rows);
    if (!rows)
        return -1;
    p->rows = rows;
    if (p->row_node) {
        int *a = realloc(p->row_node, n * sizeof *a);
        if (!a)
            return -1;
        p->row_node = a;
        int *b = realloc(p->row_src, n * sizeof *b);
        if (!b)
            return -1;
        p->row_src = b;
        p->row_node[n - 1] = -1;
        p->row_src[n - 1] = -1;
    }
    if (!grow_entries(p))
        return -1;
    int i = p->n_rows++;
    be_row *r = &p->rows[i];
    memset(r, 0, sizeof *r);
    r->kind = BE_ROW_FIX;
    r->device = p->cols[j].device;
    r->cohort = j;
    r->period = p->cols[j].period;
    r->age = -1;
    r->sense = 'E';
    r->rhs = v;
    p->mi[p->nnz] = i;
    p->mj[p->nnz] = j;
    p->mv[p->nnz] = 1.0;
    p->nnz++;
    return i;
}

int be__program_fixes_hold(const be_program *p, const double *x)
{
    for (int i = 0; i < p->n_rows; i++) {
        const be_row *r = &p->rows[i];
        if (r->kind == BE_ROW_FIX &&
            fabs(x[r->cohort] - r->rhs) > 1e-9 * fmax(1.0, fabs(r->rhs)))
            return 0;
    }
    return 1;
}

void be__program_zero_costs(be_program *p)
{
    for (int j = 0; j < p->n_cols; j++)
        p->cols[j].cost = 0.0;
}

int be__program_same_shape(const be_program *a, const be_program *b)
{
    if (a->n_rows != b->n_rows || a->n_cols != b->n_cols || a->nnz != b->nnz)
        return 0;
    for (int i = 0; i < a->n_rows; i++)
        if (a->rows[i].sense != b->rows[i].sense ||
            a->rows[i].rhs != b->rows[i].rhs)
            return 0;
    for (int j = 0; j < a->n_cols; j++)
        if (a->cols[j].kind != b->cols[j].kind ||
            a->cols[j].integer != b->cols[j].integer ||
            a->cols[j].upper != b->cols[j].upper)
            return 0;
    for (size_t e = 0; e < a->nnz; e++)
        if (a->mi[e] != b->mi[e] || a->mj[e] != b->mj[e] ||
            a->mv[e] != b->mv[e])
            return 0;
    return 1;
}

int be__program_cols(const be_program *p)
{
    return p->n_cols;
}

double be__program_cost(const be_program *p, int j)
{
    return p->cols[j].cost;
}
