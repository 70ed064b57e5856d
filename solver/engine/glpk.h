/*
 * glpk.h -- the GLPK wrapper (glpk.c), for the engine's own files: the
 * strategy of a solve (strategy.c) and the heuristic (heuristic.c) work on
 * a loaded program through these operations and never see GLPK.
 * Internal to the engine.
 *
 * Every operation below runs inside be__lp_run, under its error guard:
 * GLPK aborts the process on a bad call and prints to stdout, so its
 * terminal output goes to the settings' log function (or nowhere) and its
 * error hook turns an abort into a BE_ESOLVER error of be__lp_run (the hook
 * frees GLPK's environment and longjmps back; glpk.pdf, section 6.1.13).
 * Columns are 0-based here; times are on the be__now() clock.
 */
#ifndef BE_GLPK_H
#define BE_GLPK_H

#include "engine/glpk_solver.h"

/* A program loaded into GLPK; valid only inside be__lp_run. */
typedef struct be_lp be_lp;

/* The work done on a loaded program: returns 1, or 0 when GLPK gave an
 * answer it should not (be__lp_run then fails with GLPK's last line). */
typedef int (*be_lp_task)(be_lp *lp, const be_model *m, const be_program *p,
                          const be_settings *s, void *ctx);

/* Check p's numbers (finite, or BE_EMODEL), load p into GLPK (as a MIP when
 * p->integer) and run task on it with GLPK's hooks installed (s: the log;
 * may be NULL).  Returns BE_OK when the task returned 1, else BE_ESOLVER
 * (or BE_ENOMEM) with err. */
be_code be__lp_run(const be_model *m, const be_program *p,
                   const be_settings *s, be_lp_task task, void *ctx,
                   be_error *err);

/* When be__lp_run started (before loading), and how long loading took. */
double be__lp_started(const be_lp *lp);
double be__lp_load_seconds(const be_lp *lp);

/* ---- starting points ---- */

/* Install an optimal basis of the LP relaxation, from the master program
 * of unit lives (lives.c) solved by column generation, before deadline.
 * Returns 1 when installed (later LPs start from it), 0 when p is not a
 * plain cohort program, the master is infeasible or unbounded, the
 * deadline came first, its basis did not map, or be__lives_off. */
int be__lp_start_from_lives(be_lp *lp, const be_model *m, double deadline);
/* 1 when the settings carry a kept basis (be_settings.basis) of p's
 * shape. */
int be__lp_kept_basis_fits(const be_lp *lp);

/* ---- the program as an LP ---- */

/* Solve the program as an LP and fill out (status, objective = bound, x,
 * duals when out->dual, iterations, warm_started, lives_started): from the
 * kept basis when it fits, else from the installed one when `started`,
 * both without presolve; cold with presolve otherwise, or when GLPK
 * rejects either (singular, ill-conditioned).  Within the settings' time
 * limit.  The final basis is kept in be_settings.basis when there is one.
 * Returns 0 when GLPK failed. */
int be__lp_simplex(be_lp *lp, int started, be_glpk_out *out);

/* The root LP of branch and bound by the dual simplex within the deadline,
 * from the current basis when one is installed, else scaled from an
 * advanced basis (as glpsol starts).  Returns 1 with *status BE_OPTIMAL
 * (and *objective), BE_NO_PLAN (the deadline came first), BE_INFEASIBLE
 * or BE_UNBOUNDED; 0 when GLPK failed. */
int be__lp_root(be_lp *lp, double deadline, be_status *status,
                double *objective);

/* Row duals (n_rows values) at x: for a MIP, of the LP with every integer
 * column fixed at its value in x (the usual way to price the constraints
 * of a mixed-integer optimum); left alone if that LP fails. */
void be__lp_duals(be_lp *lp, const double *x, double *dual);

/* ---- what the heuristic does to the program ---- */

/* Column j back to its kind and the builder's bounds; integer 0 makes a
 * whole-unit column continuous. */
void be__lp_free_col(be_lp *lp, int j, int integer);
/* Column j fixed at v. */
void be__lp_fix_col(be_lp *lp, int j, double v);
/* Solve the program as it stands now as a MIP, for at most `seconds`,
 * to relative gap `gap`, and for at most plan_nodes branch-and-bound nodes
 * once a plan is found (no_plan_nodes before).  Quick (thorough 0): the
 * root LP by the dual simplex from the last basis, branch and bound on
 * the program as it is.  Thorough: GLPK's MIP presolve first (a cold
 * start, but it finds plans where the quick way does not).  `cutoff`:
 * +inf, or the search looks only at plans that cost at most that (the
 * objective with its constant, as a row of the program while it runs).
 * Returns 1 with x (n_cols values, integer and fixed columns exactly
 * whole) and *cost when a whole-unit plan was found, else 0. */
int be__lp_solve(be_lp *lp, double seconds, int plan_nodes,
                 int no_plan_nodes, double gap, int thorough, double cutoff,
                 double *x, double *cost);
/* Solve the program as it stands now as an LP (whole-unit columns made
 * continuous by the caller), warm, within `seconds`.  Returns 1 with x
 * (n_cols values) and *objective at an optimum, else 0. */
int be__lp_relax(be_lp *lp, double seconds, double *x, double *objective);
/* A line for the solver log (be_settings.log), when there is one. */
void be__lp_log(be_lp *lp, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- branch and bound on the whole program ---- */

/* What the search looks like at one of GLPK's calls. */
typedef struct be_tree_event {
    int better;              /* GLPK has just found a better plan */
    int open;                /* the tree has an open node */
    double node_bound;       /* the best open node's bound; -INFINITY when
                                there is none or its LP is not solved yet */
    int open_nodes;          /* active nodes */
    int have_plan;           /* GLPK's MIP status says it holds a plan */
    double cost;             /* GLPK's objective value of its plan
                                (meaningless without one or `better`) */
} be_tree_event;

/* Called during the search at each new plan of GLPK's, and at GLPK's
 * other calls at most once every few milliseconds (TREE_REPORT_SECONDS
 * in glpk.c); nonzero stops it. */
typedef int (*be_tree_fn)(void *ctx, const be_tree_event *e);

typedef enum be_branching {
    BE_BRANCH_PSEUDOCOST,        /* hybrid pseudocost */
    BE_BRANCH_MOST_FRACTIONAL
} be_branching;

/* How to search.  Backtracking is always by the best local bound. */
typedef struct be_bb {
    int presolve;            /* GLPK's MIP presolve first; without it the
                                root LP must be solved (be__lp_root) */
    be_branching branching;
    int mir_cuts, gomory_cuts;
    double gap;              /* relative gap to stop at; with on_tree,
                                on_tree must stop the search there
                                (GLPK's own test is then off) */
    double tol_obj;          /* GLPK's tol_obj */
    double deadline;
    const double *incumbent; /* n_cols values: a whole-unit plan GLPK takes
                                as its incumbent at its first call for a
                                heuristic; NULL for none.  Only without
                                presolve (with it GLPK's calls see the
                                presolved program) */
    be_tree_fn on_tree;      /* may be NULL */
    void *ctx;
} be_bb;

/* How the search ended. */
typedef struct be_bb_result {
    int answered;            /* status below says how it ended; 0 when
                                GLPK failed or on_tree stopped it */
    be_status status;
    int stopped;             /* on_tree stopped it */
    int searched;            /* the tree was searched to the end: GLPK's
                                plan is optimal */
    int have_plan;           /* GLPK found a plan, of cost `cost` (read it
                                with be__lp_mip_x) */
    double cost;
    int iterations;          /* simplex iterations since loading */
} be_bb_result;

void be__lp_branch_and_bound(be_lp *lp, const be_bb *o, be_bb_result *r);
/* GLPK's plan after be__lp_branch_and_bound: n_cols values. */
void be__lp_mip_x(const be_lp *lp, double *x);

#endif /* BE_GLPK_H */
