/*
 * glpk_solver.c -- loads a be_program into GLPK, solves it, and reads the answer
 * back; the one file with setjmp/longjmp and GLPK's hooks.
 *
 * Defaults (see README "Solver settings"): presolve on; for a MIP, hybrid
 * pseudocost branching and best-local-bound backtracking with MIR cuts,
 * chosen by measurement (bench/mip-defaults) on random models.
 */
#include "glpk_solver.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct guard {
    jmp_buf jb;
    char last[256];          /* last line GLPK printed, for messages */
    char prev[256];          /* the line before it (GLPK's error text
                                comes before the "Error detected in file"
                                line) */
    be_log_fn log;
    void *log_ctx;
    double bound;            /* best bound seen by the MIP callback */
    int have_bound;
    be_progress_fn progress;
    void *progress_ctx;
    double started, last_report;
} guard;

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int on_term(void *info, const char *text)
{
    guard *g = info;
    size_t n = strlen(text);
    if (n > 1 || (n == 1 && text[0] != '\n')) {
        memcpy(g->prev, g->last, sizeof g->prev);
        snprintf(g->last, sizeof g->last, "%s", text);
        size_t l = strlen(g->last);
        while (l > 0 && (g->last[l - 1] == '\n' || g->last[l - 1] == ' '))
            g->last[--l] = '\0';
    }
    if (g->log)
        g->log(g->log_ctx, text);
    return 1; /* never let GLPK print */
}

static void on_error(void *info)
{
    guard *g = info;
    glp_free_env();   /* every problem object of this thread is gone */
    longjmp(g->jb, 1);
}

static void install(guard *g, const be_settings *s)
{
    g->last[0] = g->prev[0] = '\0';
    g->log = s ? s->log : NULL;
    g->log_ctx = s ? s->log_ctx : NULL;
    g->have_bound = 0;
    g->progress = s ? s->progress : NULL;
    g->progress_ctx = s ? s->progress_ctx : NULL;
    g->started = seconds_now();
    g->last_report = 0.0;
    glp_term_hook(on_term, g);
    glp_error_hook(on_error, g);
}

static void uninstall(void)
{
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
}

void be_cleanup(void)
{
    glp_free_env();
}

/* Every number must be finite before GLPK sees it (NaN has been seen to
 * crash its simplex). */
static be_code check_finite(const be_model *m, const be_program *p,
                            be_error *err)
{
    be_pos nowhere = {0, 0};
    char name[320];
    for (int i = 0; i < p->n_cols; i++)
        if (!isfinite(p->cols[i].cost))
            return be__fail(err, BE_EMODEL, m->file, nowhere,
                "the cost of %s is not a finite number; check the "
                "magnitudes of prices, rates and growth",
                be__col_name(m, p, i, name, sizeof name));
    for (int i = 0; i < p->n_rows; i++)
        if (!isfinite(p->rows[i].rhs))
            return be__fail(err, BE_EMODEL, m->file, nowhere,
                "the right-hand side of %s is not a finite number",
                be__row_name(m, p, i, name, sizeof name));
    for (size_t e = 0; e < p->nnz; e++)
        if (!isfinite(p->mv[e]))
            return be__fail(err, BE_EMODEL, m->file, nowhere,
                "a coefficient of %s is not a finite number",
                be__row_name(m, p, p->mi[e], name, sizeof name));
    return BE_OK;
}

/* Create and fill the GLPK problem.  Called under the error guard. */
static glp_prob *load(const be_model *m, const be_program *p, int *ia,
                      int *ja, double *ar)
{
    char name[320];
    glp_prob *P = glp_create_prob();
    glp_set_prob_name(P, "breakeven");
    glp_set_obj_name(P, "cost");
    glp_set_obj_dir(P, GLP_MIN);
    if (p->n_rows > 0)
        glp_add_rows(P, p->n_rows);
    if (p->n_cols > 0)
        glp_add_cols(P, p->n_cols);
    for (int i = 0; i < p->n_rows; i++) {
        const be_row *r = &p->rows[i];
        int type = r->sense == 'E' ? GLP_FX : r->sense == 'G' ? GLP_LO : GLP_UP;
        glp_set_row_name(P, i + 1, be__row_name(m, p, i, name, sizeof name));
        glp_set_row_bnds(P, i + 1, type, r->rhs, r->rhs);
    }
    for (int i = 0; i < p->n_cols; i++) {
        const be_col *c = &p->cols[i];
        glp_set_col_name(P, i + 1, be__col_name(m, p, i, name, sizeof name));
        glp_set_col_bnds(P, i + 1, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(P, i + 1, c->cost);
        if (p->integer && c->integer)
            glp_set_col_kind(P, i + 1, GLP_IV);
    }
    for (size_t e = 0; e < p->nnz; e++) {
        ia[e + 1] = p->mi[e] + 1;
        ja[e + 1] = p->mj[e] + 1;
        ar[e + 1] = p->mv[e];
    }
    glp_load_matrix(P, (int)p->nnz, ia, ja, ar);
    return P;
}

static void mip_callback(glp_tree *tree, void *info)
{
    guard *g = info;
    int node = glp_ios_best_node(tree);
    if (node != 0) {
        g->bound = glp_ios_node_bound(tree, node);
        g->have_bound = 1;
    }
    if (!g->progress)
        return;
    double now = seconds_now();
    int better = glp_ios_reason(tree) == GLP_IBINGO;
    if (!better && now - g->last_report < 0.25)
        return;
    g->last_report = now;
    be_progress pr;
    glp_prob *P = glp_ios_get_prob(tree);
    int active = 0;
    glp_ios_tree_size(tree, &active, NULL, NULL);
    pr.have_plan = glp_mip_status(P) == GLP_FEAS || better;
    pr.best = pr.have_plan ? glp_mip_obj_val(P) : 0.0;
    pr.bound = g->have_bound ? g->bound : -INFINITY;
    pr.gap = pr.have_plan ? glp_ios_mip_gap(tree) : INFINITY;
    pr.seconds = now - g->started;
    pr.open_nodes = active;
    g->progress(g->progress_ctx, &pr);
}

static int time_limit_ms(const be_settings *s)
{
    if (!s || s->time_limit <= 0.0)
        return INT_MAX;
    double ms = s->time_limit * 1000.0;
    return ms >= (double)INT_MAX ? INT_MAX : (int)ms + (ms < 1.0);
}

/* Row duals of the LP at the solution: for a MIP, of the LP with every
 * integer column fixed at its value (the usual way to price the
 * constraints of a mixed-integer optimum).  0 if that LP fails. */
static void duals(glp_prob *P, const be_program *p, int msg, be_glpk_out *out)
{
    if (p->integer) {
        for (int i = 0; i < p->n_cols; i++) {
            if (glp_get_col_kind(P, i + 1) != GLP_IV)
                continue;
            double v = out->x[i];
            glp_set_col_kind(P, i + 1, GLP_CV);
            glp_set_col_bnds(P, i + 1, GLP_FX, v, v);
        }
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = msg;
        sp.presolve = GLP_OFF;
        if (glp_simplex(P, &sp) != 0 || glp_get_status(P) != GLP_OPT)
            return;
    }
    for (int i = 0; i < p->n_rows; i++)
        out->dual[i] = glp_get_row_dual(P, i + 1);
}

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

static int basis_fits(const be_basis *b, const be_program *p)
{
    return b && b->rows == p->n_rows && b->cols == p->n_cols && b->rows > 0;
}

static void basis_apply(glp_prob *P, const be_basis *b)
{
    for (int i = 0; i < b->rows; i++)
        glp_set_row_stat(P, i + 1, b->row_stat[i]);
    for (int j = 0; j < b->cols; j++)
        glp_set_col_stat(P, j + 1, b->col_stat[j]);
}

/* Keep P's basis in b (on failure to allocate, b is left empty). */
static void basis_store(glp_prob *P, const be_program *p, be_basis *b)
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

/* An LP from the kept basis when it fits (presolve off: it would discard
 * the basis), else cold with presolve; a kept basis GLPK rejects
 * (singular, ill-conditioned) falls back to a cold start.  The final basis
 * is kept for the next solve.  Only LPs: warm-starting the root of a MIP
 * means giving up GLPK's MIP presolve, and on the seed model's threshold
 * scan (54 MIP solves) that took 19.5 s against 10.7 s cold. */
static int simplex_warm(glp_prob *P, const be_program *p, const be_settings *s,
                        int msg, be_glpk_out *out)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = msg;
    sp.tm_lim = time_limit_ms(s);
    int warm = basis_fits(s->basis, p);
    if (warm)
        basis_apply(P, s->basis);
    sp.presolve = warm ? GLP_OFF : GLP_ON;
    int rc = glp_simplex(P, &sp);
    if (warm && rc != 0 && rc != GLP_ETMLIM) {
        glp_std_basis(P);
        sp.presolve = GLP_ON;
        rc = glp_simplex(P, &sp);
        warm = 0;
    }
    out->warm_started = warm;
    if (rc == 0 && glp_get_status(P) == GLP_OPT)
        basis_store(P, p, s->basis);
    return rc;
}

#define PCH_MAX_COLUMNS 1000

static int n_integer(const be_program *p)
{
    int n = 0;
    for (int i = 0; i < p->n_cols; i++)
        n += p->cols[i].integer;
    return n;
}

/* Solve the loaded problem; fills out->status and the objective. */
static int run(glp_prob *P, const be_program *p, const be_settings *s,
               guard *g, be_glpk_out *out)
{
    int msg = s && s->log ? GLP_MSG_ON : GLP_MSG_ERR;
    if (p->integer) {
        glp_iocp ip;
        glp_init_iocp(&ip);
        ip.msg_lev = msg;
        ip.presolve = GLP_ON;
        /* Hybrid pseudocost branching solves small fleet models far
         * faster than GLPK's default (FIELD-NOTES), but its start-up
         * strong-branches every integer column without looking at the
         * clock: on thousands of columns it overruns any time limit by
         * minutes (bench/run).  Above PCH_MAX_COLUMNS: Driebeck-Tomlin. */
        ip.br_tech = n_integer(p) <= PCH_MAX_COLUMNS ? GLP_BR_PCH : GLP_BR_DTH;
        ip.bt_tech = GLP_BT_BLB;
        ip.mir_cuts = GLP_ON;
        ip.mip_gap = s ? s->mip_gap : 1e-6;
        ip.tm_lim = time_limit_ms(s);
        ip.cb_func = mip_callback;
        ip.cb_info = g;
        int rc = glp_intopt(P, &ip);
        int st = glp_mip_status(P);
        out->iterations = glp_get_it_cnt(P);
        switch (rc) {
        case 0:
        case GLP_EMIPGAP:
        case GLP_ETMLIM:
            if (st == GLP_OPT || (st == GLP_FEAS && rc != GLP_ETMLIM))
                out->status = BE_OPTIMAL;
            else if (st == GLP_FEAS)
                out->status = BE_TIME_LIMIT_PLAN;
            else if (st == GLP_NOFEAS)
                out->status = BE_INFEASIBLE;
            else if (rc == GLP_ETMLIM)
                out->status = BE_NO_PLAN;
            else
                return 0;
            break;
        case GLP_ENOPFS:
            out->status = BE_INFEASIBLE;
            break;
        case GLP_ENODFS:
            out->status = BE_UNBOUNDED;
            break;
        default:
            return 0;
        }
        if (g->progress) {        /* a last report: where the search ended */
            be_progress pr = {st == GLP_OPT || st == GLP_FEAS, 0, 0, 0, 0, 0};
            pr.best = pr.have_plan ? glp_mip_obj_val(P) : 0.0;
            pr.bound = st == GLP_OPT ? pr.best
                     : g->have_bound ? g->bound : -INFINITY;
            pr.gap = !pr.have_plan ? INFINITY : st == GLP_OPT ? 0.0
                   : fabs(pr.best - pr.bound) / fmax(1.0, fabs(pr.best));
            pr.seconds = seconds_now() - g->started;
            g->progress(g->progress_ctx, &pr);
        }
        if (out->status == BE_OPTIMAL || out->status == BE_TIME_LIMIT_PLAN) {
            out->objective = glp_mip_obj_val(P);
            out->bound = out->status == BE_OPTIMAL && rc == 0 ? out->objective
                       : g->have_bound ? g->bound : -INFINITY;
            for (int i = 0; i < p->n_cols; i++)
                out->x[i] = glp_mip_col_val(P, i + 1);
            if (out->dual)
                duals(P, p, msg, out);
        }
        return 1;
    }

    int rc;
    if (s && s->basis) {
        rc = simplex_warm(P, p, s, msg, out);
    } else {
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = msg;
        sp.presolve = GLP_ON;
        sp.tm_lim = time_limit_ms(s);
        rc = glp_simplex(P, &sp);
    }
    out->iterations = glp_get_it_cnt(P);
    switch (rc) {
    case 0: {
        int st = glp_get_status(P);
        if (st == GLP_OPT)
            out->status = BE_OPTIMAL;
        else if (st == GLP_NOFEAS)
            out->status = BE_INFEASIBLE;
        else if (st == GLP_UNBND)
            out->status = BE_UNBOUNDED;
        else
            return 0;
        break;
    }
    case GLP_ENOPFS:
        out->status = BE_INFEASIBLE;
        break;
    case GLP_ENODFS:
        out->status = BE_UNBOUNDED;
        break;
    case GLP_ETMLIM:
        out->status = BE_NO_PLAN;
        break;
    default:
        return 0;
    }
    if (out->status == BE_OPTIMAL) {
        out->objective = out->bound = glp_get_obj_val(P);
        for (int i = 0; i < p->n_cols; i++)
            out->x[i] = glp_get_col_prim(P, i + 1);
        if (out->dual)
            duals(P, p, msg, out);
    }
    return 1;
}

/*
 * Every use of GLPK goes through guarded(): the problem is loaded and
 * `task` runs with the hooks installed; if GLPK aborts, its error hook
 * longjmps back here and the call fails with GLPK's own message.
 * Everything that changes between setjmp and longjmp is in a heap object
 * reached through a pointer that does not change (C11 7.13.2.1).
 */
typedef struct call call;
typedef be_code (*glpk_task)(call *c, const be_model *m, const be_program *p,
                             const be_settings *s, void *ctx, be_error *err);

struct call {
    guard g;
    glp_prob *P;
    int *ia, *ja;
    double *ar;
};

static be_code guarded(const be_model *m, const be_program *p,
                       const be_settings *s, glpk_task task, void *ctx,
                       be_error *err)
{
    be_pos nowhere = {0, 0};
    be_code rc = check_finite(m, p, err);
    if (rc != BE_OK)
        return rc;
    call *const c = be__calloc(1, sizeof *c);
    if (c) {
        c->ia = be__calloc(p->nnz + 1, sizeof *c->ia);
        c->ja = be__calloc(p->nnz + 1, sizeof *c->ja);
        c->ar = be__calloc(p->nnz + 1, sizeof *c->ar);
    }
    if (!c || !c->ia || !c->ja || !c->ar) {
        rc = be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    } else {
        install(&c->g, s);
        if (setjmp(c->g.jb) == 0) {
            c->P = load(m, p, c->ia, c->ja, c->ar);
            rc = task(c, m, p, s, ctx, err);
            glp_delete_prob(c->P);
            uninstall();
        } else {
            /* GLPK failed inside a call; its environment is already freed */
            rc = be__fail(err, BE_ESOLVER, m->file, nowhere,
                          "GLPK stopped with an internal error: %s (%s)",
                          c->g.prev, c->g.last);
        }
    }
    if (c) {
        free(c->ia);
        free(c->ja);
        free(c->ar);
        free(c);
    }
    return rc;
}

static be_code solve_task(call *c, const be_model *m, const be_program *p,
                          const be_settings *s, void *ctx, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (run(c->P, p, s, &c->g, ctx))
        return BE_OK;
    return be__fail(err, BE_ESOLVER, m->file, nowhere,
                    "GLPK could not solve the program%s%s",
                    c->g.last[0] ? ": " : "", c->g.last);
}

be_code be__glpk_solve(const be_model *m, const be_program *p,
                       const be_settings *s, be_glpk_out *out, be_error *err)
{
    be_pos nowhere = {0, 0};
    be_code rc = BE_OK;
    memset(out, 0, sizeof *out);
    out->x = be__calloc((size_t)p->n_cols, sizeof *out->x);
    if (s && s->duals)
        out->dual = be__calloc((size_t)p->n_rows, sizeof *out->dual);
    if (!out->x || (s && s->duals && !out->dual))
        rc = be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    if (rc == BE_OK)
        rc = guarded(m, p, s, solve_task, out, err);
    if (rc != BE_OK) {
        free(out->x);
        free(out->dual);
        out->x = out->dual = NULL;
    }
    return rc;
}

typedef struct write_args {
    be_program_format format;
    const char *path;
} write_args;

static be_code write_task(call *c, const be_model *m, const be_program *p,
                          const be_settings *s, void *ctx, be_error *err)
{
    (void)m;
    (void)p;
    (void)s;
    be_pos nowhere = {0, 0};
    const write_args *w = ctx;
    int rc = w->format == BE_FORMAT_MPS
           ? glp_write_mps(c->P, GLP_MPS_FILE, NULL, w->path)
           : glp_write_lp(c->P, NULL, w->path);
    if (rc == 0)
        return BE_OK;
    return be__fail(err, BE_EIO, w->path, nowhere, "cannot write %s%s%s",
                    w->path, c->g.last[0] ? ": " : "", c->g.last);
}

be_code be__glpk_write(const be_model *m, const be_program *p,
                       const be_settings *s, be_program_format format,
                       const char *path, be_error *err)
{
    write_args w = {format, path};
    return guarded(m, p, s, write_task, &w, err);
}
