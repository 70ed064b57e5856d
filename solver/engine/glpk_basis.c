/*
 * glpk_basis.c -- where GLPK's simplex starts: bases kept between solves
 * (be_basis, the public API) and the optimal basis of the cohort program
 * from the master program of unit lives (lives.c), which this solves by
 * column generation.  Part of the GLPK wrapper, below glpk.c, which alone
 * calls it (glpk_basis.h).
 */
#include "engine/glpk_basis.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- warm starts: the statuses of every row and column ---- */

struct be_basis {
    int rows, cols;          /* the shape it was taken from; 0: empty */
    int *row_stat, *col_stat;
};

be_basis *be_basis_new(void)
{
    return be__calloc(1, sizeof(be_basis));
}

void be_basis_free(be_basis *b)
{
    if (!b)
        return;
    free(b->row_stat);
    free(b->col_stat);
    free(b);
}

/* Bytes: "BEB1", rows and cols as 4-byte little-endian, then one byte of
 * GLPK status (GLP_BS .. GLP_NS, 1 .. 5) per row and per column. */
static void put32(unsigned char *q, int v)
{
    for (int i = 0; i < 4; i++)
        q[i] = (unsigned char)(((unsigned)v >> (8 * i)) & 0xff);
}

static int get32(const unsigned char *q)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++)
        v |= (unsigned)q[i] << (8 * i);
    return v > (unsigned)INT_MAX ? -1 : (int)v;
}

size_t be_basis_encode(const be_basis *b, unsigned char *buf, size_t size)
{
    if (!b || b->rows <= 0)
        return 0;
    size_t need = 12 + (size_t)b->rows + (size_t)b->cols;
    if (!buf || size < need)
        return need;
    memcpy(buf, "BEB1", 4);
    put32(buf + 4, b->rows);
    put32(buf + 8, b->cols);
    for (int i = 0; i < b->rows; i++)
        buf[12 + i] = (unsigned char)b->row_stat[i];
    for (int j = 0; j < b->cols; j++)
        buf[12 + (size_t)b->rows + j] = (unsigned char)b->col_stat[j];
    return need;
}

be_code be_basis_decode(be_basis *b, const unsigned char *buf, size_t n)
{
    if (!b || !buf || n < 12 || memcmp(buf, "BEB1", 4) != 0)
        return BE_EARG;
    int rows = get32(buf + 4), cols = get32(buf + 8);
    if (rows <= 0 || cols < 0 || n != 12 + (size_t)rows + (size_t)cols)
        return BE_EARG;
    for (size_t i = 12; i < n; i++)
        if (buf[i] < GLP_BS || buf[i] > GLP_NS)
            return BE_EARG;
    int *rs = be__calloc((size_t)rows, sizeof *rs);
    int *cs = be__calloc((size_t)cols, sizeof *cs);
    if (!rs || !cs) {
        free(rs);
        free(cs);
        return BE_ENOMEM;
    }
    for (int i = 0; i < rows; i++)
        rs[i] = buf[12 + i];
    for (int j = 0; j < cols; j++)
        cs[j] = buf[12 + (size_t)rows + j];
    free(b->row_stat);
    free(b->col_stat);
    b->row_stat = rs;
    b->col_stat = cs;
    b->rows = rows;
    b->cols = cols;
    return BE_OK;
}

int be__basis_fits(const be_basis *b, const be_program *p)
{
    return b && b->rows == p->n_rows && b->cols == p->n_cols && b->rows > 0;
}

void be__basis_apply(glp_prob *P, const be_basis *b)
{
    for (int i = 0; i < b->rows; i++)
        glp_set_row_stat(P, i + 1, b->row_stat[i]);
    for (int j = 0; j < b->cols; j++)
        glp_set_col_stat(P, j + 1, b->col_stat[j]);
}

/* Keep P's basis in b (on failure to allocate, b is left empty). */
void be__basis_store(glp_prob *P, const be_program *p, be_basis *b)
{
    if (b->rows != p->n_rows || b->cols != p->n_cols) {
        free(b->row_stat);
        free(b->col_stat);
        b->row_stat = be__calloc((size_t)p->n_rows, sizeof(int));
        b->col_stat = be__calloc((size_t)p->n_cols, sizeof(int));
        b->rows = b->cols = 0;
        if (!b->row_stat || !b->col_stat)
            return;
    }
    for (int i = 0; i < p->n_rows; i++)
        b->row_stat[i] = glp_get_row_stat(P, i + 1);
    for (int j = 0; j < p->n_cols; j++)
        b->col_stat[j] = glp_get_col_stat(P, j + 1);
    b->rows = p->n_rows;
    b->cols = p->n_cols;
}

/* ---- Starting basis: the cohort program's optimum by unit lives ---- */

#define LIVES_MAX_ROUNDS 1000

int be__lives_off = 0;
int be__lives_dual_starts = 0;

/* Columns k0.. of the lives master L into M, priced for phase 1 or 2. */
static void lives_add_cols(glp_prob *M, const be_lives *L, int k0,
                           int phase1, int *ind, double *val)
{
    int n = be__lives_cols(L);
    if (n > k0)
        glp_add_cols(M, n - k0);
    for (int k = k0; k < n; k++) {
        double cost;
        int art, q = be__lives_col(L, k, ind + 1, val + 1, &cost, &art);
        for (int e = 1; e <= q; e++)
            ind[e]++;
        glp_set_mat_col(M, k + 1, q, ind, val);
        glp_set_col_bnds(M, k + 1, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(M, k + 1, phase1 ? (double)art : art ? 0.0 : cost);
    }
}

/* The optimal basis from unit lives onto P (glpk_basis.h). */
int be__basis_from_lives(glp_prob *P, const be_model *m, const be_program *p,
                         double deadline, be_lives_hold *hold)
{
    be_lives *L = be__lives_off ? NULL : be__lives_new(m, p);
    if (!L)
        return 0;
    hold->lives = L;
    int rows = be__lives_rows(L);
    size_t n1 = (size_t)rows + 1;
    /* one block: a column (ind, val), the duals y, the master's basic
     * rows */
    char *buf = be__calloc(n1, 2 * sizeof(double) + 2 * sizeof(int));
    hold->buf = buf;
    int ok = 0;
    glp_prob *M = NULL;
    if (!buf || rows == 0)
        goto done;
    double *val = (double *)buf, *y = val + n1;
    int *ind = (int *)(y + n1), *mrow = ind + n1;

    M = glp_create_prob();
    glp_set_obj_dir(M, GLP_MIN);
    glp_add_rows(M, rows);
    for (int i = 0; i < rows; i++) {
        char sense;
        double rhs;
        be__lives_row(L, i, &sense, &rhs);
        glp_set_row_bnds(M, i + 1, sense == 'E' ? GLP_FX
                                   : sense == 'G' ? GLP_LO : GLP_UP,
                         rhs, rhs);
    }
    int n_art = 0;
    for (int k = 0; k < be__lives_cols(L); k++) {
        double cost;
        int art;
        be__lives_col(L, k, ind, val, &cost, &art);
        n_art += art;   /* the first columns: one entry each at most */
    }
    int phase1 = n_art > 0;
    lives_add_cols(M, L, 0, phase1, ind, val);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_OFF;
    for (int round = 0; round < LIVES_MAX_ROUNDS; round++) {
        sp.tm_lim = be__ms_left(deadline);
        if (sp.tm_lim <= 0 || glp_simplex(M, &sp) != 0 ||
            glp_get_status(M) != GLP_OPT)
            goto done;
        for (int i = 0; i < rows; i++)
            y[i] = glp_get_row_dual(M, i + 1);
        int k0 = be__lives_cols(L);
        int added = be__lives_price(L, y, phase1);
        if (added < 0)
            goto done;
        if (added > 0) {
            lives_add_cols(M, L, k0, phase1, ind, val);
            continue;
        }
        if (!phase1)
            break;
        /* phase 1 done: the artificials must be out, at 0 */
        double scale = 1.0;
        for (int i = 0; i < rows; i++)
            scale = fmax(scale, fabs(glp_get_row_ub(M, i + 1)) +
                                fabs(glp_get_row_lb(M, i + 1)));
        if (glp_get_obj_val(M) > 1e-9 * scale)
            goto done;           /* infeasible: GLPK will say so */
        phase1 = 0;
        for (int k = 0; k < be__lives_cols(L); k++) {
            double cost;
            int art;
            be__lives_col(L, k, ind, val, &cost, &art);
            if (art)
                glp_set_col_bnds(M, k + 1, GLP_FX, 0.0, 0.0);
            glp_set_obj_coef(M, k + 1, art ? 0.0 : cost);
        }
    }
    if (phase1 || glp_get_status(M) != GLP_OPT)
        goto done;

    int n = be__lives_cols(L);
    int *col_basic = be__calloc((size_t)n + 1, sizeof *col_basic);
    double *lambda = be__calloc((size_t)n + 1, sizeof *lambda);
    if (!col_basic || !lambda) {
        free(col_basic);
        free(lambda);
        goto done;
    }
    for (int k = 0; k < n; k++) {
        col_basic[k] = glp_get_col_stat(M, k + 1) == GLP_BS;
        lambda[k] = glp_get_col_prim(M, k + 1);
    }
    for (int i = 0; i < rows; i++)
        mrow[i] = glp_get_row_stat(M, i + 1) == GLP_BS;
    int *bc = be__calloc((size_t)p->n_cols + 1, sizeof *bc);
    int *br = be__calloc((size_t)p->n_rows + 1, sizeof *br);
    int mapped = bc && br ? be__lives_basis(L, col_basic, mrow, y, lambda,
                                            bc, br) : 0;
    if (mapped) {
        glp_scale_prob(P, GLP_SF_AUTO);
        for (int i = 0; i < p->n_rows; i++) {
            int type = glp_get_row_type(P, i + 1);
            glp_set_row_stat(P, i + 1, br[i] ? GLP_BS
                             : type == GLP_FX ? GLP_NS
                             : type == GLP_UP ? GLP_NU : GLP_NL);
        }
        for (int j = 0; j < p->n_cols; j++)
            glp_set_col_stat(P, j + 1, bc[j] ? GLP_BS
                             : glp_get_col_type(P, j + 1) == GLP_FX ? GLP_NS
                                                                   : GLP_NL);
        ok = mapped;
        be__lives_dual_starts += mapped == 2;
    }
    free(col_basic);
    free(lambda);
    free(bc);
    free(br);
done:
    if (M)
        glp_delete_prob(M);
    be__lives_free(L);
    free(buf);
    hold->lives = NULL;
    hold->buf = NULL;
    return ok;
}
