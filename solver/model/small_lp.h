/*
 * small_lp.h -- a small, exact, dense linear-program solver for tiny
 * programs (a few hundred rows and columns at most), without GLPK: a
 * two-phase primal simplex on a dense tableau that cannot cycle
 * (small_lp.c says how).  Internal.
 *
 * It is for the plans that are built without the program's LP (the
 * baselines, plan files): the split of a period's units of each device
 * between the workloads is a tiny LP of this shape, solved here.  GLPK
 * stays in the engine's wrapper (docs/architecture.md).
 *
 * The program, in the arrays the caller owns (row-major, nothing kept):
 *   minimize   sum_j cost[j] x_j
 *   subject to sum_j a[i*cols + j] x_j  (sense[i])  rhs[i],  i < rows,
 *              x_j >= 0,                                     j < cols,
 * where sense[i] is 'L' (<=), 'G' (>=) or 'E' (=).
 *
 * The answer, when BE__SLP_OPTIMAL: x[0..cols-1] is an optimal vertex,
 * every x_j >= 0 exactly (no -0.0 either), every row met to
 * 1e-9 max(1, |rhs[i]|) on programs of ordinary scale, and *obj (when
 * obj is not NULL) is sum_j cost[j] x_j of that x.  Otherwise x and *obj
 * are untouched.  The same input gives the same x, bit for bit.
 *
 * The statuses:
 *   BE__SLP_OPTIMAL     an optimum was found;
 *   BE__SLP_INFEASIBLE  no x >= 0 meets every row (phase 1 ends above
 *                       zero);
 *   BE__SLP_UNBOUNDED   feasible, and the cost falls without bound;
 *   BE__SLP_NOMEM       no answer: memory could not be had, or the call
 *                       was refused -- rows or cols < 0, sizes whose
 *                       tableau does not fit an int index or a size_t,
 *                       a NULL array that the sizes need (a when
 *                       rows and cols > 0; sense and rhs when rows > 0;
 *                       cost and x when cols > 0), a sense other than
 *                       'L', 'G', 'E', a number that is not finite or is
 *                       beyond 1e150 in magnitude -- or
 *                       the pivot cap was reached (be__small_lp_pivot_cap:
 *                       a guard against rounding making the pivots
 *                       cycle, never reached by the programs this is
 *                       for; tests/test_small_lp.c holds the counts far
 *                       below it).  NOMEM never claims anything about
 *                       the program.
 * rows == 0 or cols == 0 is a program like any other (no rows: optimal
 * at x = 0 unless some cost is negative, then unbounded; no columns:
 * feasible when 0 meets every row).
 *
 * No printing, no exit, no global state: the calls are independent.
 */
#ifndef BE_SMALL_LP_H
#define BE_SMALL_LP_H

typedef enum be__slp_status {
    BE__SLP_OPTIMAL,
    BE__SLP_INFEASIBLE,
    BE__SLP_UNBOUNDED,
    BE__SLP_NOMEM
} be__slp_status;

/* Minimize cost . x subject to, for each row i,
 * sum_j a[i*cols + j] x_j (sense[i]: 'L' <=, 'G' >=, 'E' =) rhs[i], and
 * x >= 0.  x (cols values) gets an optimal solution when OPTIMAL
 * (untouched otherwise); *obj (may be NULL) its objective. */
be__slp_status be__small_lp(int rows, int cols, const double *a,
                            const char *sense, const double *rhs,
                            const double *cost, double *x, double *obj);

/* be__small_lp, and *pivots (may be NULL) set to the simplex pivots it
 * made (both phases and the artificials driven out), whatever the status;
 * 0 when it was refused before solving. */
be__slp_status be__small_lp_counted(int rows, int cols, const double *a,
                                    const char *sense, const double *rhs,
                                    const double *cost, double *x,
                                    double *obj, long *pivots);

/* The pivot cap of a program with these sizes:
 * 100000 + 1000 (rows + cols + rows) pivots (-1 when refused).  Reaching
 * it returns BE__SLP_NOMEM. */
long be__small_lp_pivot_cap(int rows, int cols);

#endif /* BE_SMALL_LP_H */
