/*
 * glpk_solver.c -- loads a be_program into GLPK, solves it, and reads the answer
 * back; the one file with setjmp/longjmp and GLPK's hooks.
 *
 * Defaults (see README "Solver settings"): presolve on; for a MIP, hybrid
 * pseudocost branching and best-local-bound backtracking with MIR cuts,
 * chosen by measurement (bench/mip-defaults) on random models.
 */
#include "engine/glpk_solver.h"
#include "program/lives.h"

#include <glpk.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
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
    double first_plan;       /* seconds from started to the first
                                whole-unit plan, or -1 */
    double plan_cost;        /* the heuristic's plan, or NAN */
    double gap;              /* the relative gap asked for */
    int plan_good;           /* the search stopped: plan_cost is within
                                gap of the bound */
    double load_seconds;     /* loading the program into GLPK took */
    double *heur_x;          /* [1 + n_cols] the heuristic's plan for
                                glp_ios_heur_sol, or NULL */
    int heur_given;
    be_lives *lives;         /* lives_start's, freed by guarded() when */
    void *lives_buf;         /* GLPK stops inside it */
} guard;

double be__now(void)
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
    g->started = be__now();
    g->last_report = 0.0;
    g->first_plan = -1.0;
    g->plan_cost = NAN;
    g->gap = 0.0;
    g->plan_good = 0;
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

/* The builder's bounds on column j: [0, upper], or >= 0. */
static void set_bounds(glp_prob *P, int j, double upper)
{
    if (isfinite(upper))
        glp_set_col_bnds(P, j, upper > 0.0 ? GLP_DB : GLP_FX, 0.0,
                         upper > 0.0 ? upper : 0.0);
    else
        glp_set_col_bnds(P, j, GLP_LO, 0.0, 0.0);
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
        set_bounds(P, i + 1, c->upper);
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
    int reason = glp_ios_reason(tree);
    /* the heuristic's plan as GLPK's incumbent, once (run_mip says when) */
    if (reason == GLP_IHEUR && g->heur_x && !g->heur_given) {
        g->heur_given = 1;
        glp_ios_heur_sol(tree, g->heur_x);
    }
    if (reason == GLP_IBINGO && g->first_plan < 0)
        g->first_plan = be__now() - g->started;
    /* The best open node's bound is a lower bound on every plan still in
     * the tree; GLPK gives -DBL_MAX for a node whose LP it has not solved
     * yet: no bound.  Bounds only rise as the search goes on, and every
     * one seen was valid, so the largest is kept (with the relaxation's,
     * known before the search). */
    int node = glp_ios_best_node(tree);
    double nb = node != 0 ? glp_ios_node_bound(tree, node) : -INFINITY;
    if (nb > -DBL_MAX / 2 && (!g->have_bound || nb > g->bound)) {
        g->bound = nb;
        g->have_bound = 1;
    }
    /* GLPK stops at the gap only for its own plans: stop for the
     * heuristic's too */
    if (node != 0 && isfinite(g->plan_cost) && !g->plan_good &&
        g->plan_cost - g->bound <= g->gap * fmax(1.0, fabs(g->plan_cost))) {
        g->plan_good = 1;
        glp_ios_terminate(tree);
    }
    if (!g->progress)
        return;
    double now = be__now();
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
    if (!pr.have_plan && isfinite(g->plan_cost)) {  /* the heuristic's */
        pr.have_plan = 1;
        pr.best = g->plan_cost;
    }
    if (pr.have_plan && isfinite(g->plan_cost) && g->plan_cost < pr.best)
        pr.best = g->plan_cost;
    pr.bound = g->have_bound ? g->bound : -INFINITY;
    pr.gap = pr.have_plan && isfinite(pr.bound)
           ? fabs(pr.best - pr.bound) / fmax(1.0, fabs(pr.best)) : INFINITY;
    pr.seconds = now - g->started;
    pr.open_nodes = active;
    g->progress(g->progress_ctx, &pr);
}

/* Milliseconds from now to deadline (be__now clock), at least 1. */
static int time_limit_ms_left(double deadline)
{
    double ms = (deadline - be__now()) * 1000.0;
    if (!(ms < (double)INT_MAX))
        return INT_MAX;
    return ms < 1.0 ? 1 : (int)ms;
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
            if (glp_get_col_kind(P, i + 1) != GLP_IV) {
                /* the builder's bounds would take duals from the rows */
                glp_set_col_bnds(P, i + 1, GLP_LO, 0.0, 0.0);
                continue;
            }
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

static int lives_start(glp_prob *P, guard *g, const be_model *m,
                       const be_program *p, double deadline);

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
                        int msg, int started, be_glpk_out *out)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = msg;
    sp.tm_lim = time_limit_ms(s);
    int warm = s && basis_fits(s->basis, p);
    if (warm)
        basis_apply(P, s->basis);
    sp.presolve = warm || started ? GLP_OFF : GLP_ON;
    int rc = glp_simplex(P, &sp);
    if ((warm || started) && rc != 0 && rc != GLP_ETMLIM) {
        glp_std_basis(P);
        sp.presolve = GLP_ON;
        rc = glp_simplex(P, &sp);
        warm = started = 0;
    }
    out->warm_started = warm;
    out->lives_started = started;
    if (s && s->basis && rc == 0 && glp_get_status(P) == GLP_OPT)
        basis_store(P, p, s->basis);
    return rc;
}

#define PCH_MAX_COLUMNS 1000
#define GMI_MIN_COLUMNS 500
#define GMI_MAX_COLUMNS 2500
#define GMI_MIN_SECONDS 5.0

static int n_integer(const be_program *p)
{
    int n = 0;
    for (int i = 0; i < p->n_cols; i++)
        n += p->cols[i].integer;
    return n;
}

/* ---- the loaded program, for the heuristic (glpk_solver.h) ---- */

struct be_lp {
    glp_prob *P;
    const be_program *p;
    const be_settings *s;
    int warm;                /* scaled, with a basis: sub-MIPs start from it */
};

void be__lp_free_col(be_lp *lp, int j, int integer)
{
    const be_col *c = &lp->p->cols[j];
    set_bounds(lp->P, j + 1, c->upper);
    glp_set_col_kind(lp->P, j + 1,
                     integer && lp->p->integer && c->integer ? GLP_IV
                                                             : GLP_CV);
}

void be__lp_fix_col(be_lp *lp, int j, double v)
{
    glp_set_col_kind(lp->P, j + 1, GLP_CV);
    glp_set_col_bnds(lp->P, j + 1, GLP_FX, v, v);
}

void be__lp_log(be_lp *lp, const char *fmt, ...)
{
    if (!lp->s || !lp->s->log)
        return;
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    lp->s->log(lp->s->log_ctx, line);
}

typedef struct sub_limits {
    int plan_nodes, no_plan_nodes;
} sub_limits;

/* Sub-MIPs stop after a number of nodes: a count, not a clock, so that the
 * heuristic gives the same plan on a fast machine and a slow one. */
static void sub_callback(glp_tree *tree, void *info)
{
    const sub_limits *l = info;
    if (glp_ios_reason(tree) != GLP_ISELECT)
        return;
    int total = 0;
    glp_ios_tree_size(tree, NULL, NULL, &total);
    int plan = glp_mip_status(glp_ios_get_prob(tree)) == GLP_FEAS;
    if (total > (plan ? l->plan_nodes : l->no_plan_nodes))
        glp_ios_terminate(tree);
}

/* An LP solve of P within the deadline by the dual simplex: from P's
 * basis when warm, else scaled from an advanced basis as glpsol starts;
 * a basis GLPK refuses is rebuilt once.  The heuristic's quick sub-MIPs
 * and the root of a large MIP start this way. */
static int root_lp(glp_prob *P, int msg, int warm, double deadline)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = msg;
    sp.meth = GLP_DUALP;
    sp.tm_lim = time_limit_ms_left(deadline);
    if (!warm) {
        glp_scale_prob(P, GLP_SF_AUTO);
        glp_adv_basis(P, 0);
    }
    int rc = glp_simplex(P, &sp);
    if (rc != 0 && rc != GLP_ETMLIM) {
        glp_adv_basis(P, 0);
        sp.tm_lim = time_limit_ms_left(deadline);
        rc = glp_simplex(P, &sp);
    }
    return rc;
}

/* ---- Starting basis: the cohort program's optimum by unit lives ---- */

#define LIVES_MAX_ROUNDS 1000

int be__lives_off = 0;

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

/*
 * An optimal basis of the LP relaxation of p installed on P, from the
 * master program of unit lives (lives.c) solved by column generation;
 * P is scaled as glpsol scales.  Returns 1 when installed, 0 when p is
 * not a plain cohort program, the master is infeasible or unbounded, the
 * deadline came first, or its basis did not map (P's basis is then
 * GLPK's standard one, and the caller starts as before).
 */
static int lives_start(glp_prob *P, guard *g, const be_model *m,
                       const be_program *p, double deadline)
{
    be_lives *L = be__lives_off ? NULL : be__lives_new(m, p);
    if (!L)
        return 0;
    g->lives = L;
    int rows = be__lives_rows(L);
    size_t n1 = (size_t)rows + 1;
    /* one block: a column (ind, val), the duals y, the master's basic
     * rows */
    char *buf = be__calloc(n1, 2 * sizeof(double) + 2 * sizeof(int));
    g->lives_buf = buf;
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
        sp.tm_lim = time_limit_ms_left(deadline);
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
    if (!col_basic)
        goto done;
    for (int k = 0; k < n; k++)
        col_basic[k] = glp_get_col_stat(M, k + 1) == GLP_BS;
    for (int i = 0; i < rows; i++)
        mrow[i] = glp_get_row_stat(M, i + 1) == GLP_BS;
    int *bc = be__calloc((size_t)p->n_cols + 1, sizeof *bc);
    int *br = be__calloc((size_t)p->n_rows + 1, sizeof *br);
    if (bc && br && be__lives_basis(L, col_basic, mrow, y, bc, br)) {
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
        ok = 1;
    }
    free(col_basic);
    free(bc);
    free(br);
done:
    if (M)
        glp_delete_prob(M);
    be__lives_free(L);
    free(buf);
    g->lives = NULL;
    g->lives_buf = NULL;
    return ok;
}

int be__lp_relax(be_lp *lp, double seconds, double *x, double *objective)
{
    if (!(seconds > 0.0))
        return 0;
    int r = root_lp(lp->P, GLP_MSG_OFF, lp->warm, be__now() + seconds);
    lp->warm = 1;
    if (r != 0 || glp_get_status(lp->P) != GLP_OPT)
        return 0;
    for (int j = 0; j < lp->p->n_cols; j++)
        x[j] = glp_get_col_prim(lp->P, j + 1);
    *objective = glp_get_obj_val(lp->P);
    return 1;
}

int be__lp_solve(be_lp *lp, double seconds, int plan_nodes,
                 int no_plan_nodes, double gap,
                 int thorough, double *x, double *cost)
{
    if (!(seconds > 0.0))
        return 0;
    double deadline = be__now() + seconds;
    sub_limits l = {plan_nodes, no_plan_nodes};
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_ON;
    ip.br_tech = GLP_BR_DTH;
    ip.bt_tech = GLP_BT_BLB;
    ip.mir_cuts = GLP_ON;
    ip.mip_gap = gap;
    ip.tm_lim = time_limit_ms_left(deadline);
    ip.cb_func = sub_callback;
    ip.cb_info = &l;
    if (!thorough) {
        int r = root_lp(lp->P, GLP_MSG_OFF, lp->warm, deadline);
        lp->warm = 1;
        if (r != 0 || glp_get_status(lp->P) != GLP_OPT ||
            be__now() >= deadline)
            return 0;
        ip.presolve = GLP_OFF;
        ip.tm_lim = time_limit_ms_left(deadline);
    }
    glp_intopt(lp->P, &ip);
    int st = glp_mip_status(lp->P);
    if (st != GLP_OPT && st != GLP_FEAS)
        return 0;
    const be_program *p = lp->p;
    for (int j = 0; j < p->n_cols; j++) {
        double v = glp_mip_col_val(lp->P, j + 1);
        x[j] = glp_get_col_kind(lp->P, j + 1) == GLP_IV ||
               glp_get_col_type(lp->P, j + 1) == GLP_FX ? round(v) : v;
    }
    *cost = glp_mip_obj_val(lp->P);
    return 1;
}

/* Fill out->status etc. from a finished glp_intopt. */
static int mip_status(glp_prob *P, int rc, be_glpk_out *out)
{
    int st = glp_mip_status(P);
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
        return 1;
    case GLP_ENOPFS:
        out->status = BE_INFEASIBLE;
        return 1;
    case GLP_ENODFS:
        out->status = BE_UNBOUNDED;
        return 1;
    default:
        return 0;
    }
}

/* The share of the time limit the heuristic may use before branch and
 * bound starts; without a limit it stops by its own node counts. */
/* The heuristic may use half the time limit from when it starts, and
 * ends by HEURISTIC_END of the limit from the solve's start at the
 * latest, leaving room for what follows (the columns restored, the root
 * LP, branch and bound). */
#define HEURISTIC_SHARE 0.5
#define HEURISTIC_END 0.8
#define MIP_TOL_OBJ 1e-7     /* GLPK's default tol_obj, set explicitly */

/* The end of run_mip: the cheaper of GLPK's plan and the heuristic's
 * (hx, hcost when have), its bound, duals and the last progress report;
 * rc is glp_intopt's return code, -1 when it did not run.  Frees hx. */
static int mip_answer(glp_prob *P, const be_program *p, const be_settings *s,
                      guard *g, be_glpk_out *out, int have, double *hx,
                      double hcost, int rc)
{
    int msg = s && s->log ? GLP_MSG_ON : GLP_MSG_ERR;
    int ran = rc != -1;
    int glpk_plan = ran && (glp_mip_status(P) == GLP_OPT ||
                            glp_mip_status(P) == GLP_FEAS);
    int from_glpk = glpk_plan && !(have && glp_mip_obj_val(P) > hcost);
    if (have && !glpk_plan && out->status != BE_OPTIMAL)
        out->status = BE_TIME_LIMIT_PLAN;   /* GLPK found none in time */
    if (out->status == BE_OPTIMAL || out->status == BE_TIME_LIMIT_PLAN) {
        if (from_glpk) {
            out->objective = glp_mip_obj_val(P);
            for (int i = 0; i < p->n_cols; i++)
                out->x[i] = glp_mip_col_val(P, i + 1);
        } else {
            out->objective = hcost;
            memcpy(out->x, hx, (size_t)p->n_cols * sizeof *out->x);
        }
        /* GLPK prunes a node whose bound is within tol_obj (relative)
         * of its incumbent, so a pruned subtree can hold a plan that much
         * cheaper: the bound leaves room for it. */
        double pruned = glpk_plan ? glp_mip_obj_val(P) - MIP_TOL_OBJ *
                                    (1.0 + fabs(glp_mip_obj_val(P)))
                                  : INFINITY;
        if (rc == 0 && glp_mip_status(P) == GLP_OPT)
            out->bound = fmin(pruned, out->objective);  /* tree searched */
        else if (g->have_bound)
            out->bound = fmin(fmin(g->bound, pruned), out->objective);
        else
            out->bound = -INFINITY;
        if (out->dual)
            duals(P, p, msg, out);
    }
    if (g->progress) {        /* a last report: where the search ended */
        int plan = out->status == BE_OPTIMAL ||
                   out->status == BE_TIME_LIMIT_PLAN;
        be_progress pr = {plan, plan ? out->objective : 0.0,
                          plan ? out->bound : -INFINITY, INFINITY,
                          be__now() - g->started, 0};
        if (plan && isfinite(out->bound))
            pr.gap = fabs(pr.best - pr.bound) / fmax(1.0, fabs(pr.best));
        g->progress(g->progress_ctx, &pr);
    }
    out->first_plan_seconds = g->first_plan;
    free(hx);
    return 1;
}

/*
 * A MIP: the heuristic's plan first (heuristic.c), then GLPK's branch and
 * bound (with MIP presolve, so that GLPK's branch and bound runs on its
 * presolved copy).  The answer is the cheaper of the two plans, and the
 * search stops as soon as the heuristic's plan is within the gap of the
 * tree's bound (mip_callback).
 *
 * Ways of handing the plan to GLPK that were measured and dropped:
 * glp_ios_heur_sol takes a plan of the program the callback sees, which
 * is the presolved copy, so it needs MIP presolve off, and branch and
 * bound was then far slower (models/gpu-generations.yaml --set
 * demand.start=290: 0.11% gap after 30 s, against proven optimal in 16 s
 * with presolve).  An objective cutoff row (cost <= the plan's cost) made
 * every node's LP harder: the same model proven in 5.9 s against 3.0 s
 * without it, and a 7-quarter random model went from 4 s to the 20 s time
 * limit.
 */
static int run_mip(glp_prob *P, const be_model *m, const be_program *p,
                   const be_settings *s, guard *g, be_glpk_out *out)
{
    int msg = s && s->log ? GLP_MSG_ON : GLP_MSG_ERR;
    double limit = s && s->time_limit > 0.0 ? s->time_limit : INFINITY;
    double deadline = g->started + limit, gap = s ? s->mip_gap : 1e-6;
    /* The heuristic's first LP, the relaxation with its first window
     * whole, starts from the relaxation's optimal basis (lives.c). */
    be_lp lp = {P, p, s, lives_start(P, g, m, p, deadline)};
    out->lives_started = lp.warm;
    double *hx = be__calloc((size_t)p->n_cols, sizeof *hx);
    double hcost = NAN, first = -1.0, h0 = be__now(), relaxed = -INFINITY;
    double h_end = fmin(h0 + HEURISTIC_SHARE * limit,
                        g->started + HEURISTIC_END * limit);
    int have = hx && be__heuristic(&lp, m, p, h_end, hx, &hcost, &first,
                                   &relaxed);
    if (isfinite(relaxed)) {          /* the LP relaxation's optimum */
        g->bound = relaxed;
        g->have_bound = 1;
    }
    out->heuristic_seconds = be__now() - h0;
    out->heuristic_cost = have ? hcost : NAN;
    for (int j = 0; j < p->n_cols; j++)
        be__lp_free_col(&lp, j, 1);
    if (have) {
        g->first_plan = h0 + first - g->started;
        g->plan_cost = hcost;
        g->gap = gap;
        if (g->progress) {
            be_progress pr = {1, hcost, -INFINITY, INFINITY,
                              be__now() - g->started, 0};
            g->progress(g->progress_ctx, &pr);
        }
    }

    /* GLPK's MIP presolve solves the root LP without a time limit
     * (FIELD-NOTES): on a large program that alone overran short limits
     * (20 device types x 120 months, 2 s limit: 3.6 s).  Above
     * PCH_MAX_COLUMNS the root LP is solved here, timed, warm from the
     * heuristic's basis, and branch and bound runs without presolve. */
    int big = n_integer(p) > PCH_MAX_COLUMNS;
    if (big) {
        int lp_rc = root_lp(P, msg, lp.warm, deadline);
        int st = glp_get_status(P);
        if (lp_rc != 0 || st != GLP_OPT) {
            if (lp_rc == GLP_ETMLIM)
                out->status = have ? BE_TIME_LIMIT_PLAN : BE_NO_PLAN;
            else if (lp_rc == 0 && st == GLP_NOFEAS)
                out->status = BE_INFEASIBLE;
            else if (lp_rc == 0 && st == GLP_UNBND)
                out->status = BE_UNBOUNDED;
            else {
                free(hx);
                return 0;
            }
            return mip_answer(P, p, s, g, out, have, hx, hcost, -1);
        }
        double root = glp_get_obj_val(P);     /* the LP relaxation's */
        if (!g->have_bound || root > g->bound)
            g->bound = root;
        g->have_bound = 1;
        /* glp_intopt copies the program into its tree before it looks at
         * the clock: on 20 x 120 months 0.11-0.17 s, twice the time the
         * program took to load.  With less time than that left, the
         * heuristic's plan and the root's bound are the answer (a 1 s
         * limit ran to 1.06-1.08 s otherwise). */
        if (have && deadline - be__now() < 2.0 * g->load_seconds) {
            out->status = BE_TIME_LIMIT_PLAN;
            return mip_answer(P, p, s, g, out, have, hx, hcost, -1);
        }
    }
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = msg;
    ip.presolve = big ? GLP_OFF : GLP_ON;
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
    ip.br_tech = n_integer(p) <= PCH_MAX_COLUMNS ? GLP_BR_PCH : GLP_BR_MFV;
    ip.bt_tech = GLP_BT_BLB;
    ip.mir_cuts = GLP_ON;
    /* Settings measured on 15 whole-unit models of 38 to 42,852 integer
     * columns at 20-30 s (README "Whole units", "Settings"): Gomory's
     * mixed-integer cuts raised the bound on every model above 500
     * integer columns (q4x20 gap 2.8% -> 1.6%, q8x20 1.4% -> 0.9%, m6x36
     * 6.3% -> 5.7% at 10 s) and proved a 372-column yearly model in 6.5 s
     * instead of not in 20 s, but slowed the proof of y6x10 (271
     * columns) from 3.1 s to 10.4 s; cover and clique cuts changed
     * nothing; best-projection and depth-first backtracking, and
     * Driebeck-Tomlin branching, gave weaker bounds or dearer plans on
     * most; MIR cuts off weakened every bound.  But GLPK generates
     * Gomory cuts at the root without looking at the clock: in the
     * benchmark a 1 s limit took 1.30 s on m6x36 (3,106 integer columns,
     * 1.03 s without), a 10 s limit 10.7 s on m10x60 and 12.2 s on
     * m20x120 (10.1 s without); up to 2,350 columns (g5x36) they stayed
     * within 8% at 10 s, but with a second or less left they took 0.15-
     * 0.35 s too many on q6x20 (942 columns): only with GMI_MIN_SECONDS
     * left. */
    ip.gmi_cuts = n_integer(p) > GMI_MIN_COLUMNS &&
                  n_integer(p) <= GMI_MAX_COLUMNS &&
                  deadline - be__now() >= GMI_MIN_SECONDS ? GLP_ON : GLP_OFF;
    ip.mip_gap = gap;
    ip.tol_obj = MIP_TOL_OBJ;
    ip.tm_lim = time_limit_ms_left(deadline);
    ip.cb_func = mip_callback;
    ip.cb_info = g;
    /* Without MIP presolve (large programs) the callback sees the program
     * itself, so the heuristic's plan can be GLPK's incumbent: nodes it
     * beats are pruned and the bound moves (at 10 s: g5x36 gap 1.16% ->
     * 0.96%, m6x36 6.51% -> 6.47%, q8x20 0.91% -> 0.89%).  With presolve
     * (small programs) it cannot (README "Whole units"). */
    if (big && have) {
        g->heur_x = be__calloc((size_t)p->n_cols + 1, sizeof *g->heur_x);
        if (g->heur_x)
            memcpy(g->heur_x + 1, hx, (size_t)p->n_cols * sizeof *hx);
    }
    int rc = glp_intopt(P, &ip);
    free(g->heur_x);
    g->heur_x = NULL;
    out->iterations = glp_get_it_cnt(P);
    if (rc == GLP_ESTOP && g->plan_good) {
        out->status = BE_OPTIMAL;               /* within the gap */
    } else if (!mip_status(P, rc, out)) {
        free(hx);
        return 0;
    }
    return mip_answer(P, p, s, g, out, have, hx, hcost, rc);
}

/* Solve the loaded problem; fills out->status and the objective. */
static int run(glp_prob *P, const be_model *m, const be_program *p,
               const be_settings *s, guard *g, be_glpk_out *out)
{
    int msg = s && s->log ? GLP_MSG_ON : GLP_MSG_ERR;
    if (p->integer)
        return run_mip(P, m, p, s, g, out);

    /* Without a kept basis that fits, start from the optimal basis of
     * the master of unit lives (lives.c), when there is one. */
    double limit = s && s->time_limit > 0.0 ? s->time_limit : INFINITY;
    int started = !(s && basis_fits(s->basis, p)) &&
                  lives_start(P, g, m, p, g->started + limit);
    int rc = simplex_warm(P, p, s, msg, started, out);
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
            c->g.load_seconds = be__now() - c->g.started;
            rc = task(c, m, p, s, ctx, err);
            glp_delete_prob(c->P);
            uninstall();
        } else {
            /* GLPK failed inside a call; its environment is already freed */
            be__lives_free(c->g.lives);
            free(c->g.lives_buf);
            free(c->g.heur_x);
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
    if (run(c->P, m, p, s, &c->g, ctx))
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
    out->first_plan_seconds = -1.0;
    out->heuristic_cost = NAN;
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

typedef struct heuristic_args {
    double *x, cost;
    int found;
} heuristic_args;

static be_code heuristic_task(call *c, const be_model *m, const be_program *p,
                              const be_settings *s, void *ctx, be_error *err)
{
    (void)err;
    heuristic_args *h = ctx;
    double limit = s && s->time_limit > 0.0 ? s->time_limit : INFINITY;
    double deadline = be__now() + limit, first, bound;
    /* as run_mip starts it */
    be_lp lp = {c->P, p, s, lives_start(c->P, &c->g, m, p, deadline)};
    h->found = be__heuristic(&lp, m, p, deadline, h->x, &h->cost, &first,
                             &bound);
    return BE_OK;
}

be_code be__glpk_heuristic(const be_model *m, const be_program *p,
                           const be_settings *s, double *x, double *cost,
                           int *found, be_error *err)
{
    heuristic_args h = {x, NAN, 0};
    be_code rc = guarded(m, p, s, heuristic_task, &h, err);
    *cost = h.cost;
    *found = rc == BE_OK && h.found;
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
