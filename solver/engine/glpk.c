/*
 * glpk.c -- the GLPK wrapper (glpk.h says what it offers): the one file
 * with setjmp/longjmp and GLPK's hooks.  With glpk_basis.c below it, the
 * only code that calls GLPK.
 *
 * It checks a be_program's numbers and loads it into GLPK under the error
 * guard (be__lp_run), runs the simplex and branch and bound with the
 * parameters it is given, and reads the answers back; it offers the
 * heuristic its operations on the loaded program (columns fixed and
 * freed, sub-MIPs stopped by node counts), and writes programs in the
 * CPLEX LP and free MPS formats.  Where the simplex starts (kept bases,
 * unit lives) is glpk_basis.c's; the order of a solve's stages and the
 * choice of parameters are the strategy's (strategy.c).
 */
#include "engine/glpk.h"
#include "engine/glpk_basis.h"

#include <glpk.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct guard {
    jmp_buf jb;
    char last[256];          /* last line GLPK printed, for messages */
    char prev[256];          /* the line before it (GLPK's error text
                                comes before the "Error detected in file"
                                line) */
    be_log_fn log;
    void *log_ctx;
    double started;          /* be__lp_run began */
    double load_seconds;     /* loading the program into GLPK took */
    double *heur_x;          /* [1 + n_cols] the incumbent for
                                glp_ios_heur_sol, or NULL */
    int heur_given;
    be_lives_hold lives;     /* be__basis_from_lives's, freed by guarded()
                                when GLPK stops inside it */
} guard;

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
    g->started = be__now();
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
static void duals(glp_prob *P, const be_program *p, int msg,
                  const double *x, double *dual)
{
    if (p->integer) {
        for (int i = 0; i < p->n_cols; i++) {
            if (glp_get_col_kind(P, i + 1) != GLP_IV) {
                /* the builder's bounds would take duals from the rows */
                glp_set_col_bnds(P, i + 1, GLP_LO, 0.0, 0.0);
                continue;
            }
            double v = x[i];
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
        dual[i] = glp_get_row_dual(P, i + 1);
}

/* An LP from the kept basis when it fits, else from the installed basis
 * of unit lives when `started` (presolve off for both: it would discard
 * the basis), else cold with presolve; a basis GLPK rejects (singular,
 * ill-conditioned) falls back to a cold start.  The final basis is kept
 * for the next solve.  Only LPs: warm-starting the root of a MIP
 * means giving up GLPK's MIP presolve, and on the seed model's threshold
 * scan (54 MIP solves) that took 19.5 s against 10.7 s cold. */
static int simplex_warm(glp_prob *P, const be_program *p, const be_settings *s,
                        int msg, int started, be_glpk_out *out)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = msg;
    sp.tm_lim = time_limit_ms(s);
    int warm = s && be__basis_fits(s->basis, p);
    if (warm)
        be__basis_apply(P, s->basis);
    sp.presolve = warm || started ? GLP_OFF : GLP_ON;
    /* the basis of unit lives is optimal, or dual feasible and a little
     * primal infeasible (lives.c, a scenario tree): the dual simplex
     * finishes from either */
    if (started && !warm)
        sp.meth = GLP_DUALP;
    int rc = glp_simplex(P, &sp);
    if ((warm || started) && rc != 0 && rc != GLP_ETMLIM) {
        glp_std_basis(P);
        sp.presolve = GLP_ON;
        sp.meth = GLP_PRIMAL;
        rc = glp_simplex(P, &sp);
        warm = started = 0;
    }
    out->warm_started = warm;
    out->lives_started = started;
    if (s && s->basis && rc == 0 && glp_get_status(P) == GLP_OPT)
        be__basis_store(P, p, s->basis);
    return rc;
}

/* ---- the loaded program (glpk.h) ---- */

struct be_lp {
    glp_prob *P;
    const be_program *p;
    const be_settings *s;
    int warm;                /* scaled, with a basis: sub-MIPs start from it */
    guard *g;
};

static int msg_level(const be_settings *s)
{
    return s && s->log ? GLP_MSG_ON : GLP_MSG_ERR;
}

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
 * a basis GLPK refuses is rebuilt once.  The heuristic's relaxation and
 * quick sub-MIPs, and the root of a large MIP, start this way. */
static int root_lp(glp_prob *P, int msg, int warm, double deadline)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = msg;
    sp.meth = GLP_DUALP;
    sp.tm_lim = be__ms_left(deadline);
    if (!warm) {
        glp_scale_prob(P, GLP_SF_AUTO);
        glp_adv_basis(P, 0);
    }
    int rc = glp_simplex(P, &sp);
    if (rc != 0 && rc != GLP_ETMLIM) {
        glp_adv_basis(P, 0);
        sp.tm_lim = be__ms_left(deadline);
        rc = glp_simplex(P, &sp);
    }
    return rc;
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

/* The objective as a row, at most `cutoff` less the constant: row i of
 * P, added last; 0 when out of memory. */
static int add_cutoff(glp_prob *P, int n, double cutoff)
{
    int *ind = be__calloc((size_t)n + 1, sizeof *ind);
    double *val = be__calloc((size_t)n + 1, sizeof *val);
    int len = 0;
    for (int j = 1; ind && val && j <= n; j++) {
        double c = glp_get_obj_coef(P, j);
        if (c != 0.0) {
            ind[++len] = j;
            val[len] = c;
        }
    }
    int ok = ind && val;
    if (ok) {
        int i = glp_add_rows(P, 1);
        glp_set_mat_row(P, i, len, ind, val);
        glp_set_row_bnds(P, i, GLP_UP, 0.0, cutoff - glp_get_obj_coef(P, 0));
    }
    free(ind);
    free(val);
    return ok;
}

int be__lp_solve(be_lp *lp, double seconds, int plan_nodes,
                 int no_plan_nodes, double gap, int thorough, double cutoff,
                 double *x, double *cost)
{
    if (!(seconds > 0.0))
        return 0;
    double deadline = be__now() + seconds;
    sub_limits l = {plan_nodes, no_plan_nodes};
    int cut_row = 0;
    if (isfinite(cutoff)) {
        if (!add_cutoff(lp->P, lp->p->n_cols, cutoff))
            return 0;
        cut_row = glp_get_num_rows(lp->P);
    }
    int found = 0;
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_ON;
    ip.br_tech = GLP_BR_DTH;
    ip.bt_tech = GLP_BT_BLB;
    ip.mir_cuts = GLP_ON;
    ip.mip_gap = gap;
    ip.tm_lim = be__ms_left(deadline);
    ip.cb_func = sub_callback;
    ip.cb_info = &l;
    if (!thorough) {
        int r = root_lp(lp->P, GLP_MSG_OFF, lp->warm, deadline);
        lp->warm = 1;
        if (r != 0 || glp_get_status(lp->P) != GLP_OPT ||
            be__now() >= deadline)
            goto done;
        ip.presolve = GLP_OFF;
        ip.tm_lim = be__ms_left(deadline);
    }
    glp_intopt(lp->P, &ip);
    int st = glp_mip_status(lp->P);
    if (st != GLP_OPT && st != GLP_FEAS)
        goto done;
    const be_program *p = lp->p;
    for (int j = 0; j < p->n_cols; j++) {
        double v = glp_mip_col_val(lp->P, j + 1);
        x[j] = glp_get_col_kind(lp->P, j + 1) == GLP_IV ||
               glp_get_col_type(lp->P, j + 1) == GLP_FX ? round(v) : v;
    }
    *cost = glp_mip_obj_val(lp->P);
    found = 1;
done:
    if (cut_row) {
        int rows[2] = {0, cut_row};
        glp_del_rows(lp->P, 1, rows);
    }
    return found;
}

int be__lp_start_from_lives(be_lp *lp, const be_model *m, double deadline)
{
    lp->warm = be__basis_from_lives(lp->P, m, lp->p, deadline,
                                    &lp->g->lives);
    return lp->warm;
}

int be__lp_kept_basis_fits(const be_lp *lp)
{
    return lp->s && be__basis_fits(lp->s->basis, lp->p);
}

int be__lp_simplex(be_lp *lp, int started, be_glpk_out *out)
{
    glp_prob *P = lp->P;
    const be_program *p = lp->p;
    int msg = msg_level(lp->s);
    int rc = simplex_warm(P, p, lp->s, msg, started, out);
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
            duals(P, p, msg, out->x, out->dual);
    }
    return 1;
}

int be__lp_root(be_lp *lp, double deadline, be_status *status,
                double *objective)
{
    int rc = root_lp(lp->P, msg_level(lp->s), lp->warm, deadline);
    int st = glp_get_status(lp->P);
    if (rc == 0 && st == GLP_OPT) {
        *status = BE_OPTIMAL;
        *objective = glp_get_obj_val(lp->P);
    } else if (rc == GLP_ETMLIM) {
        *status = BE_NO_PLAN;
    } else if (rc == 0 && st == GLP_NOFEAS) {
        *status = BE_INFEASIBLE;
    } else if (rc == 0 && st == GLP_UNBND) {
        *status = BE_UNBOUNDED;
    } else {
        return 0;
    }
    return 1;
}

void be__lp_duals(be_lp *lp, const double *x, double *dual)
{
    duals(lp->P, lp->p, msg_level(lp->s), x, dual);
}

/* ---- branch and bound on the whole program ---- */

/* *status from a finished glp_intopt's return code rc and GLPK's MIP
 * status st; 0 when they say nothing this knows. */
static int mip_status(int rc, int st, be_status *status)
{
    switch (rc) {
    case 0:
    case GLP_EMIPGAP:
    case GLP_ETMLIM:
        if (st == GLP_OPT || (st == GLP_FEAS && rc != GLP_ETMLIM))
            *status = BE_OPTIMAL;
        else if (st == GLP_FEAS)
            *status = BE_TIME_LIMIT_PLAN;
        else if (st == GLP_NOFEAS)
            *status = BE_INFEASIBLE;
        else if (rc == GLP_ETMLIM)
            *status = BE_NO_PLAN;
        else
            return 0;
        return 1;
    case GLP_ENOPFS:
        *status = BE_INFEASIBLE;
        return 1;
    case GLP_ENODFS:
        *status = BE_UNBOUNDED;
        return 1;
    default:
        return 0;
    }
}

typedef struct tree_call {
    guard *g;
    const be_bb *o;
    double last;        /* be__now() when on_tree was last called */
} tree_call;

/* How often the search is reported to on_tree, but for new incumbents.
 * Each report finds the best open node, a walk over all of them
 * (glp_ios_best_node): made at each of the half-dozen calls GLPK makes
 * per node, it took 40% of a search with 5,000 open nodes (a 3-type
 * yearly tree of 4 scenarios, 204 integer columns: perf). */
#define TREE_REPORT_SECONDS 0.005

/* GLPK's calls during branch and bound: the incumbent handed over once,
 * then the search as it stands to o->on_tree, which may stop it. */
static void tree_callback(glp_tree *tree, void *info)
{
    tree_call *t = info;
    guard *g = t->g;
    int reason = glp_ios_reason(tree);
    if (reason == GLP_IHEUR && g->heur_x && !g->heur_given) {
        g->heur_given = 1;
        glp_ios_heur_sol(tree, g->heur_x);
    }
    if (!t->o->on_tree)
        return;
    if (reason != GLP_IBINGO) {
        double now = be__now();
        if (now - t->last < TREE_REPORT_SECONDS)
            return;
        t->last = now;
    }
    /* GLPK gives -DBL_MAX for a node whose LP it has not solved yet: no
     * bound */
    int node = glp_ios_best_node(tree);
    double nb = node != 0 ? glp_ios_node_bound(tree, node) : -INFINITY;
    glp_prob *P = glp_ios_get_prob(tree);
    be_tree_event e;
    e.better = reason == GLP_IBINGO;
    e.open = node != 0;
    e.node_bound = nb > -DBL_MAX / 2 ? nb : -INFINITY;
    e.open_nodes = 0;
    glp_ios_tree_size(tree, &e.open_nodes, NULL, NULL);
    e.have_plan = glp_mip_status(P) == GLP_FEAS;
    e.cost = glp_mip_obj_val(P);
    if (t->o->on_tree(t->o->ctx, &e))
        glp_ios_terminate(tree);
}

void be__lp_branch_and_bound(be_lp *lp, const be_bb *o, be_bb_result *r)
{
    glp_prob *P = lp->P;
    guard *g = lp->g;
    const be_program *p = lp->p;
    tree_call t = {g, o, -INFINITY};
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = msg_level(lp->s);
    ip.presolve = o->presolve ? GLP_ON : GLP_OFF;
    ip.br_tech = o->branching == BE_BRANCH_PSEUDOCOST ? GLP_BR_PCH
                                                      : GLP_BR_MFV;
    ip.bt_tech = GLP_BT_BLB;
    ip.mir_cuts = o->mir_cuts ? GLP_ON : GLP_OFF;
    ip.gmi_cuts = o->gomory_cuts ? GLP_ON : GLP_OFF;
    /* GLPK tests the gap before each LP it solves, by a walk over every
     * open node (ios_relative_gap): with thousands open, a third of the
     * search.  With on_tree the caller tests it instead, and as often as
     * on_tree is called (TREE_REPORT_SECONDS). */
    ip.mip_gap = o->on_tree ? 0.0 : o->gap;
    ip.tol_obj = o->tol_obj;
    ip.tm_lim = be__ms_left(o->deadline);
    ip.cb_func = tree_callback;
    ip.cb_info = &t;
    if (o->incumbent) {
        g->heur_x = be__calloc((size_t)p->n_cols + 1, sizeof *g->heur_x);
        g->heur_given = 0;
        if (g->heur_x)
            memcpy(g->heur_x + 1, o->incumbent,
                   (size_t)p->n_cols * sizeof *o->incumbent);
    }
    int rc = glp_intopt(P, &ip);
    free(g->heur_x);
    g->heur_x = NULL;
    int st = glp_mip_status(P);
    r->iterations = glp_get_it_cnt(P);
    r->stopped = rc == GLP_ESTOP;
    r->answered = mip_status(rc, st, &r->status);
    r->searched = rc == 0 && st == GLP_OPT;
    r->have_plan = st == GLP_OPT || st == GLP_FEAS;
    r->cost = r->have_plan ? glp_mip_obj_val(P) : NAN;
}

void be__lp_mip_x(const be_lp *lp, double *x)
{
    for (int i = 0; i < lp->p->n_cols; i++)
        x[i] = glp_mip_col_val(lp->P, i + 1);
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
    be_lp lp;
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
            c->lp = (be_lp){load(m, p, c->ia, c->ja, c->ar), p, s, 0, &c->g};
            c->g.load_seconds = be__now() - c->g.started;
            rc = task(c, m, p, s, ctx, err);
            glp_delete_prob(c->lp.P);
            uninstall();
        } else {
            /* GLPK failed inside a call; its environment is already freed */
            be__lives_free(c->g.lives.lives);
            free(c->g.lives.buf);
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

typedef struct run_args {
    be_lp_task task;
    void *ctx;
} run_args;

static be_code run_task(call *c, const be_model *m, const be_program *p,
                        const be_settings *s, void *ctx, be_error *err)
{
    be_pos nowhere = {0, 0};
    const run_args *r = ctx;
    if (r->task(&c->lp, m, p, s, r->ctx))
        return BE_OK;
    return be__fail(err, BE_ESOLVER, m->file, nowhere,
                    "GLPK could not solve the program%s%s",
                    c->g.last[0] ? ": " : "", c->g.last);
}

be_code be__lp_run(const be_model *m, const be_program *p,
                   const be_settings *s, be_lp_task task, void *ctx,
                   be_error *err)
{
    run_args r = {task, ctx};
    return guarded(m, p, s, run_task, &r, err);
}

double be__lp_started(const be_lp *lp)
{
    return lp->g->started;
}

double be__lp_load_seconds(const be_lp *lp)
{
    return lp->g->load_seconds;
}

typedef struct write_args {
    be_program_format format;
    const char *path;
} write_args;

static be_code write_task(call *c, const be_model *m, const be_program *p,
                          const be_settings *s, void *ctx, be_error *err)
{
    (void)m;
    (void)s;
    be_pos nowhere = {0, 0};
    const write_args *w = ctx;
    /* GLPK's writers drop the objective's constant (FIELD-NOTES): the
     * demand's revenue goes in as a column fixed at 1 instead, so that a
     * solver reading the file reaches be_solve's objective */
    if (p->obj_const != 0.0) {
        int j = glp_add_cols(c->lp.P, 1);
        glp_set_col_name(c->lp.P, j, "demand_revenue");
        glp_set_col_bnds(c->lp.P, j, GLP_FX, 1.0, 1.0);
        glp_set_obj_coef(c->lp.P, j, p->obj_const);
    }
    int rc = w->format == BE_FORMAT_MPS
           ? glp_write_mps(c->lp.P, GLP_MPS_FILE, NULL, w->path)
           : glp_write_lp(c->lp.P, NULL, w->path);
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
