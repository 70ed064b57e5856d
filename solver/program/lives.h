/*
 * lives.h -- the program of a fleet by the lives of its units: a master
 * program of a few hundred rows, solved by column generation, whose
 * optimal basis becomes an optimal basis of the cohort program (lives.c
 * says how and why).  GLPK-free: engine/glpk_basis.c solves the master.
 * Internal: not installed.
 */
#ifndef BE_LIVES_H
#define BE_LIVES_H

#include "program/lp.h"

typedef struct be_lives be_lives;

/* The master of p, the cohort program of m or its stochastic program,
 * with its first columns (the rents, sales, shares and risk columns, and
 * an artificial column on every row that zero does not satisfy).  NULL
 * when p has a kind of row or column lives.c does not map (slack, fix;
 * row_kind_mapped and col_kind_mapped list them), flow rows of another
 * shape than lp.c's, or when out of memory. */
be_lives *be__lives_new(const be_model *m, const be_program *p);
void be__lives_free(be_lives *L);

/* Master rows: sense ('E', 'G', 'L') and right-hand side of row i. */
int be__lives_rows(const be_lives *L);
void be__lives_row(const be_lives *L, int i, char *sense, double *rhs);
/* The program row that master row i is. */
int be__lives_prow(const be_lives *L, int i);

/* Master columns so far (they are only ever appended), and column k:
 * its entries (0-based master rows into ind, values into val, at most
 * be__lives_rows of them; returns their number), its cost in phase 2 and
 * whether it is artificial (phase 1 minimizes the artificials' sum; in
 * phase 2 they are fixed at 0). */
int be__lives_cols(const be_lives *L);
int be__lives_col(const be_lives *L, int k, int *ind, double *val,
                  double *cost, int *artificial);

/* Pricing: with y the master's row duals (GLPK's sign convention for a
 * minimum), append for every cohort its cheapest life when its reduced
 * cost is negative (in phase 1 the lives cost nothing: only feasibility
 * counts).  Returns the number of columns appended, -1 when out of
 * memory. */
int be__lives_price(be_lives *L, const double *y, int phase1);

/* Crossover: from the master's optimal basis (col_basic[k] for its
 * columns, row_basic[i] for its rows' auxiliary variables), duals y and
 * column values lambda, a basis of the program: basic_col[n_cols],
 * basic_row[n_rows] set to 1 for the basic columns and rows.  Returns 1
 * for an optimal basis, 2 for a dual feasible one that may be a little
 * primal infeasible (basic lives that part on different branches of a
 * scenario tree: the dual simplex finishes), 0 when the master's basis has
 * a shape this does not map (see lives.c). */
int be__lives_basis(const be_lives *L, const int *col_basic,
                    const int *row_basic, const double *y,
                    const double *lambda, int *basic_col, int *basic_row);

#endif /* BE_LIVES_H */
