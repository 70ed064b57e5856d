/*
 * lp.h -- the program room (solver/program/): a be_model becomes a linear
 * program held in plain arrays (columns, rows, a coordinate-form matrix),
 * independent of GLPK.  The engine loads it into GLPK in one call;
 * exporters and tests read it directly.  Internal: not installed.
 *
 * Files, bottom to top: program.c (the container: free, copy, entries,
 * slack and fix rows, shapes), lp.c (the cohort program of a model
 * without scenarios), lives.c (its master over unit lives, lives.h),
 * stochastic.c (the program of a model with scenarios, from its
 * scenarios' cohort programs), build.c (either, by the model), and the
 * writers gmpl.c and explain.c (textout.h).  The room may call the model
 * and plans rooms; it never calls GLPK.
 *
 * Variables (columns), all >= 0, named as in the documentation:
 *   buy[k,t]        units of device k bought at the start of period t
 *   hold[k,aA,t]    units of one cohort of k, aged A periods at the start
 *                   of t, in service during t
 *   retire[k,aA,t]  units of that cohort retired at the start of t, at age A
 *   rent[k,t]       units of rented device k in service during t
 *   sell[w,t]       work of workload w sold in t beyond its demand
 *                   (continuous; only where model/rules.h be__sells: a
 *                   market above the demand and a price above 0)
 *   share[k,w,t]    units of device k serving workload w in t
 *                   (continuous; only for a device that serves several
 *                   workloads: one that serves one puts its holdings in
 *                   that workload's demand row directly)
 * A model without `workloads` has one workload, and its names leave it
 * out: demand[2027], sell[2027]; with workloads, demand[training,2027].
 * A fleet cohort whose name would clash with another cohort's gets the
 * fleet entry number appended: hold[old,a0,2024,f2].
 *
 * Constraints (rows):
 *   flow[k,aA,t]    hold[t] + retire[t] - hold[t-1] - buy = count
 *                   (count is the initial fleet in period 0, else 0)
 *   demand[w,t]     sum serve(k,w) * (hold + rent) over the devices that
 *                   serve only w, + sum serve(k,w) * share[k,w,t]
 *                   - sell[w,t] >= demand(w,t)
 *   power[t]        sum power_kw * pue * hold           <= power_cap(t)
 *   budget[t]       sum price(t) * buy                  <= budget(t)
 *   market[w,t]     sell[w,t]           <= market(w,t) - demand(w,t)
 *                   (a row, not a bound: the start from unit lives,
 *                   lives.c, takes rows but not bounded columns, and its
 *                   dual is what one more unit of market is worth)
 *   split[k,t]      sum_w share[k,w,t] - sum hold - rent <= 0 (a device
 *                   that serves several workloads: its units in service
 *                   split between them)
 */
#ifndef BE_LP_H
#define BE_LP_H

#include "model/model.h"

typedef enum be_col_kind { BE_COL_BUY, BE_COL_HOLD, BE_COL_RETIRE, BE_COL_RENT,
                           BE_COL_SELL /* work sold beyond demand */,
                           BE_COL_SHARE /* units serving a workload */,
                           BE_COL_SLACK /* be__program_add_slack */,
                           /* the stochastic program's risk columns
                            * (stochastic.c): eta = var_plus - var_minus
                            * (age 0 and 1), the value at risk; excess[s]
                            * (cohort s) = max(0, cost of s - eta) */
                           BE_COL_VAR, BE_COL_EXCESS }
    be_col_kind;

typedef enum be_row_kind { BE_ROW_FLOW, BE_ROW_DEMAND, BE_ROW_POWER,
                           BE_ROW_BUDGET,
                           /* stochastic.c: risk[s] (cohort s): cost of s -
                            * eta - excess[s] <= -obj_const of s (the cost
                            * with its constant); fix (cohort: the
                            * column): a decision fixed (EEV) */
                           BE_ROW_RISK, BE_ROW_FIX,
                           /* market[w,t]: sell <= market(w,t) - D(w,t) */
                           BE_ROW_MARKET,
                           /* split[k,t]: shares <= units in service */
                           BE_ROW_SHARE } be_row_kind;

typedef struct be_col {
    be_col_kind kind;
    int device, cohort, period, age;  /* cohort and age: -1 for buy, rent */
    int integer;
    double cost;                      /* objective coefficient */
    double upper;                     /* upper bound; INFINITY for none
                                         (lp.c "Bounds" says why each
                                         finite one is valid) */
    int workload;                     /* sell, share: the workload; -1 */
} be_col;

typedef struct be_row {
    be_row_kind kind;
    int device, cohort, period, age;  /* cohort, age: flow rows only */
    char sense;                       /* 'E' (=), 'G' (>=), 'L' (<=) */
    double rhs;
    int workload;                     /* demand, market: the workload; -1 */
} be_row;

/* Where a cohort's columns are: hold[t] is column hold0 + (t - start) for
 * t in [start, hold_end); retire[t] is retire0 + (t - retire_from) for t
 * in [retire_from, retire_end).  Column indices are 0-based. */
typedef struct be_cohort_cols {
    int hold0, hold_end;
    int retire0, retire_from, retire_end;
    int buy;                          /* -1 for fleet cohorts */
    int name_suffix;                  /* fleet entry number + 1, or 0 */
} be_cohort_cols;

typedef struct be_program {
    int n_cols, n_rows;
    be_col *cols;
    be_row *rows;
    size_t nnz, nnz_cap;
    int *mi, *mj;                     /* 0-based row and column */
    double *mv;
    be_cohort_cols *cc;               /* [n_cohorts] */
    int *rent_col;                    /* [T*K], -1 where none */
    int *sell_col;                    /* [T*W] sell[w,t] at t*W + w, -1
                                         where none */
    int *share_col;                   /* [T*K*W] share[k,w,t] at
                                         (t*K + k)*W + w, -1 where none */
    /* The objective's constant: the discounted after-tax revenue of the
     * demand, -sum (1-tau) price(t) dt D(t) d(t), which no decision
     * changes; the program's optimum plus it is the evaluated total
     * (be_costs.total).  0 without revenue.  Not written to LP files. */
    double obj_const;
    int integer;                      /* integer columns are marked */
    /* The stochastic program of a model with scenarios (stochastic.c), 0
     * and NULL otherwise.  scen[s] is scenario s's own program, and
     * scen_map[s][c] the column of this program that its column c is.
     * col_node and row_node give the node of each column and row (-1 for
     * the risk columns and rows), col_src and row_src the column or row
     * of the node's first scenario's program it is (for names).  cc and
     * rent_col are NULL. */
    int n_scen;
    struct be_program **scen;
    int **scen_map;
    int *col_node, *col_src, *row_node, *row_src;
} be_program;

/* ---- any model (build.c): what the rooms above call ---- */

/* Build the program of m.  integer: mark whole-unit columns (m->integer
 * and not relaxed).  A model without scenarios gets its cohort program
 * (lp.c), a model with scenarios its stochastic program (stochastic.c).
 * Returns NULL with err filled (BE_ENOMEM, BE_ELIMIT). */
be_program *be__program_build(const be_model *m, int integer, be_error *err);
/* Frees a program of either kind; NULL is fine (program.c). */
void be__program_free(be_program *p);

/* Readable names ("hold[new,a1,2027]", "buy[b200,2026,late]") into buf;
 * returns buf. */
char *be__col_name(const be_model *m, const be_program *p, int i, char *buf,
                   size_t size);
char *be__row_name(const be_model *m, const be_program *p, int i, char *buf,
                   size_t size);

/* ---- the cohort program of a model without scenarios (lp.c) ---- */

/* be__program_build and the names for a model without scenarios (each
 * scenario's own program, for stochastic.c). */
be_program *be__cohort_build(const be_model *m, int integer, be_error *err);
char *be__cohort_col_name(const be_model *m, const be_program *p, int i,
                          char *buf, size_t size);
char *be__cohort_row_name(const be_model *m, const be_program *p, int i,
                          char *buf, size_t size);

/* The plan a column vector x (n_cols values) describes. */
be_plan *be__program_plan(const be_model *m, const be_program *p,
                          const double *x, int round_whole);

/* The column values x (n_cols) of a model's plan: the inverse of
 * be__program_plan, holdings following from the flows.  Returns 0 when
 * the plan does not fit the program (it retires more than is held, rents
 * or buys what is not on offer) or p is a stochastic program. */
int be__program_x(const be_model *m, const be_program *p, const be_plan *plan,
                  double *x);

/* Set every sell and share column of x (a model's cohort program) to the
 * best use of the holdings and rents of x: the split between workloads
 * that meets the demand (be__split) and the sale of what is left, up to
 * the market (be__best_sell), as plans built without the LP choose them.
 * Returns 0 when out of memory. */
int be__program_sell_spare(const be_model *m, const be_program *p,
                           double *x);

/* ---- what the analyses need (program.c) ---- */

/* A deep copy of p, the program of m (NULL when out of memory). */
be_program *be__program_copy(const be_model *m, const be_program *p);
/* Add an elastic column of kind BE_COL_SLACK to row i, of cost `cost`,
 * with coefficient +1 in a >= row (a shortfall) and -1 in a <= row (an
 * excess).  Returns its column index, or -1 when out of memory. */
int be__program_add_slack(be_program *p, int i, double cost);
/* Append the matrix entry (row, col) = v, growing the arrays by
 * doubling; nothing for v == 0.  Returns 0 when out of memory or the
 * program has INT_MAX entries. */
int be__program_add_entry(be_program *p, int row, int col, double v);
/* Room for nnz matrix entries in all (the builder's estimate, to spare
 * the copies of doubling).  Returns 0 when out of memory. */
int be__program_reserve(be_program *p, size_t nnz);
/* Add the row column j == v (kind BE_ROW_FIX, cohort j).  Returns its
 * row index, or -1 when out of memory. */
int be__program_fix(be_program *p, int j, double v);
/* 1 when column values x keep every decision fixed by be__program_fix
 * (to 1e-9): the plans built without a solve (baselines, greedy, rounded)
 * know nothing of those rows, and the evaluator cannot see them. */
int be__program_fixes_hold(const be_program *p, const double *x);
/* Set every column's objective coefficient to 0. */
void be__program_zero_costs(be_program *p);
/* 1 when a and b have the same columns, rows, right-hand sides and matrix
 * (their objectives may differ). */
int be__program_same_shape(const be_program *a, const be_program *b);
/* Columns, and the objective coefficient of column j. */
int be__program_cols(const be_program *p);
double be__program_cost(const be_program *p, int j);

/* ---- the stochastic program (stochastic.c) ---- */

/* The deterministic equivalent of a model with scenarios: one column per
 * decision per node of the scenario tree (docs/uncertainty.md). */
be_program *be__stochastic_build(const be_model *m, int integer,
                                 be_error *err);
/* The names of its columns and rows ("buy[b200,2026,late]"). */
char *be__stochastic_col_name(const be_model *m, const be_program *p, int i,
                              char *buf, size_t size);
char *be__stochastic_row_name(const be_model *m, const be_program *p, int i,
                              char *buf, size_t size);
/* The stochastic program's column values x into sol's scenario plans and
 * their evaluations. */
be_code be__stochastic_plans(const be_model *m, const be_program *p,
                             const double *x, be_solution *sol,
                             be_error *err);

#endif /* BE_LP_H */
