/*
 * test_small_lp.c -- the dense simplex of model/small_lp.c: hand-worked
 * programs with their arithmetic, the refusals, and random programs
 * compared with GLPK's simplex (called directly here: the tests may, the
 * library's model room may not).
 *
 * What every solve here is held to (solve, below):
 *  - OPTIMAL: each x_j >= 0 exactly (and not -0.0), each row met to
 *    1e-9 max(1, |rhs|), *obj equal to sum_j cost[j] x_j;
 *  - any other status: x and *obj untouched;
 *  - the same call again gives the same status, x and *obj bit for bit;
 *  - the pivots stay below a hundredth of the cap.
 * Random programs (BE_SLP_CASES, default 300, of each kind; BE_SLP_SEED):
 * the general ones (rows 1-12, columns 1-20, mixed senses, integer data
 * for degeneracy or real data, some infeasible, some unbounded) and the
 * split of a period's units between workloads; both against GLPK: the
 * same status, the objective to 1e-7 relative.
 */
#include "check.h"
#include "model/small_lp.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SENTINEL 12345.678

static uint64_t slp_rng = 1;

static double unif(void) /* [0, 1), xorshift64* */
{
    slp_rng ^= slp_rng >> 12;
    slp_rng ^= slp_rng << 25;
    slp_rng ^= slp_rng >> 27;
    return (double)((slp_rng * 2685821657736338717ull) >> 11) /
           9007199254740992.0;
}

static int rnd(int lo, int hi) /* lo .. hi */
{
    return lo + (int)(unif() * (hi - lo + 1));
}

static long env_long(const char *name, long dflt)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return dflt;
    char *end;
    long v = strtol(s, &end, 10);
    return *end == '\0' && v > 0 ? v : dflt;
}

/* Solve, and hold the answer to what small_lp.h promises (above);
 * returns the status, x and *obj filled as the solver left them. */
static be__slp_status solve(int rows, int cols, const double *a,
                            const char *sense, const double *rhs,
                            const double *cost, double *x, double *obj)
{
    double *x2 = malloc(((size_t)cols + 1) * sizeof *x2);
    if (!x2) {
        CHECK(x2 != NULL);
        return BE__SLP_NOMEM;
    }
    for (int j = 0; j < cols; j++)
        x[j] = x2[j] = SENTINEL;
    double z = SENTINEL, z2 = SENTINEL;
    long pivots = -1, pivots2 = -1;
    be__slp_status st = be__small_lp_counted(rows, cols, a, sense, rhs,
                                             cost, x, &z, &pivots);
    be__slp_status st2 = be__small_lp_counted(rows, cols, a, sense, rhs,
                                              cost, x2, &z2, &pivots2);
    /* deterministic: the same call, the same bits */
    CHECK(st == st2 && pivots == pivots2);
    CHECK(cols == 0 || memcmp(x, x2, (size_t)cols * sizeof *x) == 0);
    CHECK(memcmp(&z, &z2, sizeof z) == 0);
    long cap = be__small_lp_pivot_cap(rows, cols);
    CHECK(cap > 0 && pivots >= 0 && pivots <= cap / 100);
    if (st == BE__SLP_OPTIMAL) {
        double sum = 0.0;
        for (int j = 0; j < cols; j++) {
            CHECK(x[j] >= 0.0 && !signbit(x[j]));
            sum += cost[j] * x[j];
        }
        CHECK(z == sum);
        for (int i = 0; i < rows; i++) {
            double lhs = 0.0;
            for (int j = 0; j < cols; j++)
                lhs += a[(size_t)i * cols + j] * x[j];
            double tol = 1e-9 * fmax(1.0, fabs(rhs[i]));
            if (sense[i] == 'L')
                CHECK(lhs <= rhs[i] + tol);
            else if (sense[i] == 'G')
                CHECK(lhs >= rhs[i] - tol);
            else
                CHECK(fabs(lhs - rhs[i]) <= tol);
        }
        /* obj may be NULL */
        CHECK(be__small_lp(rows, cols, a, sense, rhs, cost, x2, NULL) ==
              BE__SLP_OPTIMAL);
        CHECK(cols == 0 || memcmp(x, x2, (size_t)cols * sizeof *x) == 0);
    } else {
        for (int j = 0; j < cols; j++)
            CHECK(x[j] == SENTINEL);
        CHECK(z == SENTINEL);
    }
    free(x2);
    if (obj)
        *obj = z;
    return st;
}

/* The same program by GLPK's primal simplex (no presolve, no output):
 * its status in our words, -1 when GLPK fails; *obj its optimum. */
static int glpk_solve(int rows, int cols, const double *a, const char *sense,
                      const double *rhs, const double *cost, double *obj)
{
    int old = glp_term_out(GLP_OFF);
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    if (rows > 0)
        glp_add_rows(lp, rows);
    if (cols > 0)
        glp_add_cols(lp, cols);
    for (int j = 0; j < cols; j++) {
        glp_set_col_bnds(lp, j + 1, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(lp, j + 1, cost[j]);
    }
    int *ind = malloc(((size_t)cols + 1) * sizeof *ind);
    double *val = malloc(((size_t)cols + 1) * sizeof *val);
    int result = -1;
    if (ind && val) {
        for (int i = 0; i < rows; i++) {
            int type = sense[i] == 'L' ? GLP_UP
                       : sense[i] == 'G' ? GLP_LO : GLP_FX;
            glp_set_row_bnds(lp, i + 1, type, rhs[i], rhs[i]);
            int len = 0;
            for (int j = 0; j < cols; j++) {
                if (a[(size_t)i * cols + j] != 0.0) {
                    len++;
                    ind[len] = j + 1;
                    val[len] = a[(size_t)i * cols + j];
                }
            }
            glp_set_mat_row(lp, i + 1, len, ind, val);
        }
        glp_smcp parm;
        glp_init_smcp(&parm);
        parm.msg_lev = GLP_MSG_OFF;
        if (glp_simplex(lp, &parm) == 0) {
            int s = glp_get_status(lp);
            result = s == GLP_OPT     ? BE__SLP_OPTIMAL
                     : s == GLP_NOFEAS ? BE__SLP_INFEASIBLE
                     : s == GLP_UNBND  ? BE__SLP_UNBOUNDED
                                       : -1;
            *obj = glp_get_obj_val(lp);
        }
    }
    free(ind);
    free(val);
    glp_delete_prob(lp);
    glp_term_out(old);
    return result;
}

/* ---- hand-worked programs ---- */

/* Chvatal, "Linear Programming" (1983), ch. 2, the first example:
 *   maximize 5x1 + 4x2 + 3x3
 *   s.t. 2x1 + 3x2 +  x3 <= 5
 *        4x1 +  x2 + 2x3 <= 11
 *        3x1 + 4x2 + 2x3 <= 8,   x >= 0,
 * optimum z = 13 at x = (2, 0, 1): the rows are 5 <= 5, 10 <= 11,
 * 8 <= 8, and z = 10 + 3.  (Dual y = (1, 0, 1): 2+3 = 5 >= 5,
 * 3+4 = 7 >= 4, 1+2 = 3 >= 3, and 5y1 + 11y2 + 8y3 = 13.)  Minimized
 * here as -5x1 - 4x2 - 3x3, so the objective is -13. */
static void test_small_lp_chvatal(void)
{
    const double a[] = {2, 3, 1, 4, 1, 2, 3, 4, 2};
    const double rhs[] = {5, 11, 8}, cost[] = {-5, -4, -3};
    double x[3], z;
    REQUIRE(solve(3, 3, a, "LLL", rhs, cost, x, &z) == BE__SLP_OPTIMAL);
    CHECK_CLOSE(z, -13.0, 1e-12);
    CHECK_CLOSE(x[0], 2.0, 1e-12);
    CHECK(x[1] == 0.0);
    CHECK_CLOSE(x[2], 1.0, 1e-12);
}

/* x1 + x2 <= 1 and x1 + x2 >= 2: no x meets both (1 < 2). */
static void test_small_lp_infeasible(void)
{
    const double a[] = {1, 1, 1, 1}, rhs[] = {1, 2}, cost[] = {1, 1};
    double x[2];
    CHECK(solve(2, 2, a, "LG", rhs, cost, x, NULL) == BE__SLP_INFEASIBLE);
    /* the equation x1 - x2 = 1 with x1 + x2 <= -1 (no x >= 0 has a
     * negative sum): flipped to -x1 - x2 >= 1, still infeasible */
    const double b[] = {1, -1, 1, 1}, rb[] = {1, -1};
    CHECK(solve(2, 2, b, "EL", rb, cost, x, NULL) == BE__SLP_INFEASIBLE);
}

/* minimize -x1 s.t. x1 - x2 <= 1: x = (1 + t, t) is feasible for every
 * t >= 0 and costs -1 - t, without bound. */
static void test_small_lp_unbounded(void)
{
    const double a[] = {1, -1}, rhs[] = {1}, cost[] = {-1, 0};
    double x[2];
    CHECK(solve(1, 2, a, "L", rhs, cost, x, NULL) == BE__SLP_UNBOUNDED);
    /* feasible only through phase 1: x1 + x2 >= 2, minimize -x2 */
    const double b[] = {1, 1}, rb[] = {2}, cb[] = {0, -1};
    CHECK(solve(1, 2, b, "G", rb, cb, x, NULL) == BE__SLP_UNBOUNDED);
}

/* Beale (1955), which cycles under Dantzig's rule (largest coefficient,
 * lowest index on ties) from the all-slack basis, every pivot degenerate
 * (and does so in small_lp.c built with -DBLAND_AFTER=1000000000, until
 * the cap):
 *   minimize -3/4 x1 + 150 x2 - 1/50 x3 + 6 x4
 *   s.t. 1/4 x1 -  60 x2 - 1/25 x3 + 9 x4 <= 0
 *        1/2 x1 -  90 x2 - 1/50 x3 + 3 x4 <= 0
 *                              x3        <= 1,   x >= 0.
 * Optimum -1/20 at x = (1/25, 0, 1, 0): the rows are 1/100 - 1/25 < 0,
 * 1/50 - 1/50 = 0, 1 = 1, and -3/4 1/25 - 1/50 = -3/100 - 2/100.  Dual
 * y = (0, -3/2, -1/20) <= 0: x1's column 1/2 (-3/2) = -3/4, x3's
 * (-1/50)(-3/2) - 1/20 = -1/50 (both tight), x2's -90 (-3/2) = 135
 * <= 150, x4's 3 (-3/2) = -9/2 <= 6; b.y = -1/20. */
static void test_small_lp_beale(void)
{
    const double a[] = {0.25, -60, -1.0 / 25, 9, 0.5, -90, -1.0 / 50, 3,
                        0,    0,   1,         0};
    const double rhs[] = {0, 0, 1}, cost[] = {-0.75, 150, -1.0 / 50, 6};
    double x[4], z;
    REQUIRE(solve(3, 4, a, "LLL", rhs, cost, x, &z) == BE__SLP_OPTIMAL);
    CHECK_CLOSE(z, -0.05, 1e-12);
    CHECK_CLOSE(x[0], 0.04, 1e-12);
    CHECK(x[1] == 0.0 && x[3] == 0.0);
    CHECK_CLOSE(x[2], 1.0, 1e-12);
}

/* Chvatal (1983), ch. 3, the example that cycles under the largest-
 * coefficient rule (six degenerate pivots back to the first dictionary;
 * small_lp.c with Dantzig's rule alone cycles on it too):
 *   maximize 10x1 - 57x2 - 9x3 - 24x4
 *   s.t. 1/2 x1 - 11/2 x2 - 5/2 x3 + 9x4 <= 0
 *        1/2 x1 -  3/2 x2 - 1/2 x3 +  x4 <= 0
 *            x1                          <= 1,   x >= 0.
 * Optimum 1 at x = (1, 0, 1, 0): rows 1/2 - 5/2 < 0, 1/2 - 1/2 = 0,
 * 1 = 1; z = 10 - 9.  Dual y = (0, 18, 1) >= 0: x1's 9 + 1 = 10, x3's
 * -9 (tight), x2's -27 >= -57, x4's 18 >= -24; b.y = 1. */
static void test_small_lp_chvatal_cycling(void)
{
    const double a[] = {0.5, -5.5, -2.5, 9, 0.5, -1.5, -0.5, 1,
                        1,   0,    0,    0};
    const double rhs[] = {0, 0, 1}, cost[] = {-10, 57, 9, 24};
    double x[4], z;
    REQUIRE(solve(3, 4, a, "LLL", rhs, cost, x, &z) == BE__SLP_OPTIMAL);
    CHECK_CLOSE(z, -1.0, 1e-12);
    CHECK_CLOSE(x[0], 1.0, 1e-12);
    CHECK_CLOSE(x[2], 1.0, 1e-12);
    CHECK(x[1] == 0.0 && x[3] == 0.0);
}

/* Equations:
 *   minimize 2x1 + 3x2 + x3
 *   s.t. x1 + x2 + x3 = 10,  x1 - x3 = 2,  x2 >= 1.
 * x1 = x3 + 2 and x2 = 8 - 2x3 (>= 1: x3 <= 7/2); the cost is
 * 2x3 + 4 + 24 - 6x3 + x3 = 28 - 3x3, least at x3 = 7/2:
 * x = (11/2, 1, 7/2), cost 11 + 3 + 7/2 = 35/2. */
static void test_small_lp_equations(void)
{
    const double a[] = {1, 1, 1, 1, 0, -1, 0, 1, 0};
    const double rhs[] = {10, 2, 1}, cost[] = {2, 3, 1};
    double x[3], z;
    REQUIRE(solve(3, 3, a, "EEG", rhs, cost, x, &z) == BE__SLP_OPTIMAL);
    CHECK_CLOSE(z, 17.5, 1e-12);
    CHECK_CLOSE(x[0], 5.5, 1e-12);
    CHECK_CLOSE(x[1], 1.0, 1e-12);
    CHECK_CLOSE(x[2], 3.5, 1e-12);
}

/* The program of test_small_lp_equations with redundant equations added:
 * 2x1 + 2x2 + 2x3 = 20 (twice the first), 2x1 + x2 = 12 (the first plus
 * the second), and 0 = 0 (a row of zeros).  Their artificials stay basic
 * at zero after phase 1 and cannot all be driven out; the answer is
 * unchanged, x = (11/2, 1, 7/2), cost 35/2.  Then x1 + x2 = 0 (rhs 0, not
 * redundant: its artificial is driven out, forcing x1 = x2 = 0), with
 * x3 >= 0 and x1 + x2 + x3 = 4: x = (0, 0, 4). */
static void test_small_lp_redundant(void)
{
    const double a[] = {1, 1, 1, 2, 2, 2, 1, 0, -1, 2, 1, 0, 0, 0, 0, 0, 1, 0};
    const double rhs[] = {10, 20, 2, 12, 0, 1}, cost[] = {2, 3, 1};
    double x[3], z;
    REQUIRE(solve(6, 3, a, "EEEEEG", rhs, cost, x, &z) == BE__SLP_OPTIMAL);
    CHECK_CLOSE(z, 17.5, 1e-12);
    CHECK_CLOSE(x[0], 5.5, 1e-12);
    CHECK_CLOSE(x[1], 1.0, 1e-12);
    CHECK_CLOSE(x[2], 3.5, 1e-12);

    const double b[] = {1, 1, 0, 1, 1, 1}, rb[] = {0, 4}, cb[] = {-1, -1, 1};
    REQUIRE(solve(2, 3, b, "EE", rb, cb, x, &z) == BE__SLP_OPTIMAL);
    CHECK(x[0] == 0.0 && x[1] == 0.0);
    CHECK_CLOSE(x[2], 4.0, 1e-12);
    CHECK_CLOSE(z, 4.0, 1e-12);

    /* a row of zeros >= 1 cannot be met; <= -1 neither (flipped: >= 1) */
    const double c0[] = {0, 0}, r1[] = {1}, rm1[] = {-1};
    CHECK(solve(1, 2, c0, "G", r1, cb, x, NULL) == BE__SLP_INFEASIBLE);
    CHECK(solve(1, 2, c0, "L", rm1, cb, x, NULL) == BE__SLP_INFEASIBLE);
    CHECK(solve(1, 2, c0, "E", r1, cb, x, NULL) == BE__SLP_INFEASIBLE);
}

/* Negative right-hand sides, each row flipped before phase 1:
 *   minimize x1 + 2x2  s.t. -x1 - x2 <= -3,  -x1 + x2 >= -1,
 * i.e. x1 + x2 >= 3 and x1 <= 1 + x2: then 3 - x2 <= x1 <= 1 + x2, so
 * x2 >= 1 and the cost (x1 + x2) + x2 >= 3 + 1; x = (2, 1), cost 4.
 * And an equation: minimize x1 s.t. -x1 - x2 = -4, x2 <= 3: x1 = 4 - x2
 * >= 1, at x = (1, 3). */
static void test_small_lp_negative_rhs(void)
{
    const double a[] = {-1, -1, -1, 1}, rhs[] = {-3, -1}, cost[] = {1, 2};
    double x[2], z;
    REQUIRE(solve(2, 2, a, "LG", rhs, cost, x, &z) == BE__SLP_OPTIMAL);
    CHECK_CLOSE(z, 4.0, 1e-12);
    CHECK_CLOSE(x[0], 2.0, 1e-12);
    CHECK_CLOSE(x[1], 1.0, 1e-12);

    const double b[] = {-1, -1, 0, 1}, rb[] = {-4, 3}, cb[] = {1, 0};
    REQUIRE(solve(2, 2, b, "EL", rb, cb, x, &z) == BE__SLP_OPTIMAL);
    CHECK_CLOSE(z, 1.0, 1e-12);
    CHECK_CLOSE(x[0], 1.0, 1e-12);
    CHECK_CLOSE(x[1], 3.0, 1e-12);
}

/* Rows and columns of very different magnitudes (the scaling's
 * business), each the program
 *   minimize -x1 - x2  s.t. x1 + 2x2 <= 4,  3x1 + x2 <= 3
 * in other units: its rows cross at x = (2/5, 9/5) (2/5 + 18/5 = 4,
 * 6/5 + 9/5 = 3), cost -11/5, optimal since (1, 1) = 2/5 (1, 2) +
 * 1/5 (3, 1) with both weights >= 0.
 *  - rows times 1e6 and 1e-6, then times 1e-60 and 1e60: the same x;
 *  - x2 counted in units of 1e-50 (its column and cost times 1e-50):
 *    x2 = 1.8e50, the same cost. */
static void test_small_lp_scaling(void)
{
    const double cost[] = {-1, -1};
    double x[2], z;
    const double a[] = {1e6, 2e6, 3e-6, 1e-6}, rhs[] = {4e6, 3e-6};
    REQUIRE(solve(2, 2, a, "LL", rhs, cost, x, &z) == BE__SLP_OPTIMAL);
    CHECK_CLOSE(z, -2.2, 1e-12);
    CHECK_CLOSE(x[0], 0.4, 1e-12);
    CHECK_CLOSE(x[1], 1.8, 1e-12);

    const double b[] = {1e-60, 2e-60, 3e60, 1e60}, rb[] = {4e-60, 3e60};
    REQUIRE(solve(2, 2, b, "LL", rb, cost, x, &z) == BE__SLP_OPTIMAL);
    CHECK_CLOSE(z, -2.2, 1e-12);
    CHECK_CLOSE(x[0], 0.4, 1e-12);
    CHECK_CLOSE(x[1], 1.8, 1e-12);

    const double c[] = {1, 2e-50, 3, 1e-50}, rc[] = {4, 3};
    const double cc[] = {-1, -1e-50};
    REQUIRE(solve(2, 2, c, "LL", rc, cc, x, &z) == BE__SLP_OPTIMAL);
    CHECK_CLOSE(z, -2.2, 1e-12);
    CHECK_CLOSE(x[0], 0.4, 1e-12);
    CHECK(fabs(x[1] / 1.8e50 - 1.0) <= 1e-12);
}

/* No rows, no columns. */
static void test_small_lp_empty(void)
{
    double x[2] = {SENTINEL, SENTINEL}, z = SENTINEL;
    /* no rows: x = 0 when no cost is negative, unbounded when one is */
    const double c1[] = {1, 0}, c2[] = {1, -1};
    CHECK(solve(0, 2, NULL, NULL, NULL, c1, x, &z) == BE__SLP_OPTIMAL);
    CHECK(x[0] == 0.0 && x[1] == 0.0 && z == 0.0);
    CHECK(solve(0, 2, NULL, NULL, NULL, c2, x, &z) == BE__SLP_UNBOUNDED);
    /* no columns: feasible when 0 meets every row */
    const double r_ok[] = {1, 0, -1}, r_bad[] = {1, 0, 1};
    CHECK(solve(3, 0, NULL, "LEG", r_ok, NULL, NULL, &z) == BE__SLP_OPTIMAL);
    CHECK(z == 0.0);
    CHECK(solve(3, 0, NULL, "LEG", r_bad, NULL, NULL, &z) ==
          BE__SLP_INFEASIBLE);
    /* neither */
    z = SENTINEL;
    CHECK(be__small_lp(0, 0, NULL, NULL, NULL, NULL, NULL, &z) ==
          BE__SLP_OPTIMAL);
    CHECK(z == 0.0);
}

/* What is refused, as NOMEM, with x untouched and no pivot made. */
static void test_small_lp_refused(void)
{
    const double a[] = {1, 1}, rhs[] = {1}, cost[] = {1, 1};
    double x[2] = {SENTINEL, SENTINEL}, z = SENTINEL;
    long piv = -1;
    CHECK(be__small_lp(-1, 2, a, "L", rhs, cost, x, &z) == BE__SLP_NOMEM);
    CHECK(be__small_lp(1, -1, a, "L", rhs, cost, x, &z) == BE__SLP_NOMEM);
    /* the tableau's columns (cols + 2 rows + 2) must fit an int */
    CHECK(be__small_lp(INT_MAX, INT_MAX, a, "L", rhs, cost, x, &z) ==
          BE__SLP_NOMEM);
    CHECK(be__small_lp(INT_MAX / 2, 1, a, "L", rhs, cost, x, &z) ==
          BE__SLP_NOMEM);
    CHECK(be__small_lp(1, INT_MAX - 3, a, "L", rhs, cost, x, &z) ==
          BE__SLP_NOMEM);
    CHECK(be__small_lp_pivot_cap(INT_MAX, 1) == -1);
    CHECK(be__small_lp_pivot_cap(-1, 1) == -1);
    /* what the sizes need */
    CHECK(be__small_lp(1, 2, NULL, "L", rhs, cost, x, &z) == BE__SLP_NOMEM);
    CHECK(be__small_lp(1, 2, a, NULL, rhs, cost, x, &z) == BE__SLP_NOMEM);
    CHECK(be__small_lp(1, 2, a, "L", NULL, cost, x, &z) == BE__SLP_NOMEM);
    CHECK(be__small_lp(1, 2, a, "L", rhs, NULL, x, &z) == BE__SLP_NOMEM);
    CHECK(be__small_lp(1, 2, a, "L", rhs, cost, NULL, &z) == BE__SLP_NOMEM);
    /* a sense other than L, G, E; a number that is not finite or beyond
     * 1e150 */
    CHECK(be__small_lp(1, 2, a, "l", rhs, cost, x, &z) == BE__SLP_NOMEM);
    const double a_nan[] = {1, NAN}, r_inf[] = {INFINITY};
    const double c_inf[] = {1, -INFINITY};
    CHECK(be__small_lp(1, 2, a_nan, "L", rhs, cost, x, &z) == BE__SLP_NOMEM);
    CHECK(be__small_lp(1, 2, a, "L", r_inf, cost, x, &z) == BE__SLP_NOMEM);
    CHECK(be__small_lp_counted(1, 2, a, "L", rhs, c_inf, x, &z, &piv) ==
          BE__SLP_NOMEM);
    CHECK(piv == 0);
    const double r_big[] = {2e150};
    CHECK(be__small_lp(1, 2, a, "L", r_big, cost, x, &z) == BE__SLP_NOMEM);
    CHECK(x[0] == SENTINEL && x[1] == SENTINEL && z == SENTINEL);
    /* the cap's formula */
    CHECK(be__small_lp_pivot_cap(0, 0) == 100000);
    CHECK(be__small_lp_pivot_cap(3, 4) == 100000 + 1000 * (3 + 4 + 3));
}

/* Klee and Minty's cube in dimension d = 8 (Chvatal, ch. 4):
 *   maximize sum_j 2^(d-j) x_j
 *   s.t. 2 sum_{j<i} 2^(i-j) x_j + x_i <= 5^i,   i = 1 .. d,
 * optimum 5^d at x = (0, ..., 0, 5^d): the last row alone gives
 * sum_j 2^(d-j) x_j <= 5^d (its coefficients are twice the cost's, and
 * x_d's the same).  Dantzig's rule visits all 2^d - 1 vertices; here it
 * is a check of the answer and of how far the pivots stay from the cap
 * on a program built to be long. */
static void test_small_lp_klee_minty(void)
{
    enum { D = 8 };
    double a[D * D] = {0}, rhs[D], cost[D], x[D], z;
    char sense[D + 1];
    for (int i = 0; i < D; i++) {
        for (int j = 0; j < i; j++)
            a[i * D + j] = 2.0 * ldexp(1.0, i - j);
        a[i * D + i] = 1.0;
        rhs[i] = pow(5.0, i + 1);
        cost[i] = -ldexp(1.0, D - 1 - i);
        sense[i] = 'L';
    }
    sense[D] = '\0';
    long piv = 0;
    REQUIRE(be__small_lp_counted(D, D, a, sense, rhs, cost, x, &z, &piv) ==
            BE__SLP_OPTIMAL);
    CHECK_CLOSE(z, -390625.0, 1e-12);
    for (int j = 0; j < D - 1; j++)
        CHECK(x[j] == 0.0);
    CHECK_CLOSE(x[D - 1], 390625.0, 1e-12);
    CHECK(piv > 0 && piv <= be__small_lp_pivot_cap(D, D) / 100);
    REQUIRE(solve(D, D, a, sense, rhs, cost, x, &z) == BE__SLP_OPTIMAL);
}

/* ---- random programs against GLPK ---- */

/* One program against GLPK; counts[status] += 1. */
static void against_glpk(int rows, int cols, const double *a,
                         const char *sense, const double *rhs,
                         const double *cost, int counts[4])
{
    double *x = malloc(((size_t)cols + 1) * sizeof *x);
    if (!x) {
        CHECK(x != NULL);
        return;
    }
    double z = 0.0, gz = 0.0;
    be__slp_status st = solve(rows, cols, a, sense, rhs, cost, x, &z);
    int gst = glpk_solve(rows, cols, a, sense, rhs, cost, &gz);
    CHECK(gst >= 0);
    CHECK((int)st == gst);
    if (st == BE__SLP_OPTIMAL && gst == BE__SLP_OPTIMAL)
        CHECK_CLOSE(z, gz, 1e-7);
    if ((int)st != gst || check_failures)
        fprintf(stderr, "  small_lp: %dx%d, status %d, GLPK %d, seed "
                "state %llu\n", rows, cols, (int)st, gst,
                (unsigned long long)slp_rng);
    counts[st]++;
    free(x);
}

/* Rows 1-12, columns 1-20; half with small integers (many ties and
 * degenerate vertices), half with reals; a third of the entries zero;
 * senses L, G, E about 5:3:2; costs from -5 to 10.  Half the programs
 * have right-hand sides drawn from -10 to 30 (a quarter of them 0), and
 * are mostly infeasible (through their equations) or unbounded (a
 * negative cost on a column the rows do not hold); the other half are
 * built around a point x0 >= 0 that meets every row, tight on about
 * two rows in five (a degenerate vertex), and half of all programs have
 * a last row sum_j x_j <= U that bounds them. */
static void test_small_lp_random(void)
{
    slp_rng = (uint64_t)env_long("BE_SLP_SEED", 20250611);
    long cases = env_long("BE_SLP_CASES", 300);
    int counts[4] = {0};
    enum { MR = 12, MC = 20 };
    double a[MR * MC], rhs[MR], cost[MC], x0[MC];
    char sense[MR + 1];
    for (long c = 0; c < cases && check_failures < 20; c++) {
        int rows = rnd(1, MR), cols = rnd(1, MC), ints = unif() < 0.5;
        int around = unif() < 0.5, bounded = rows > 1 && unif() < 0.5;
        double sum0 = 0.0;
        for (int j = 0; j < cols; j++) {
            x0[j] = unif() < 0.3 ? 0.0 : ints ? rnd(0, 3) : 3.0 * unif();
            sum0 += x0[j];
        }
        for (int i = 0; i < rows; i++) {
            double u = unif();
            sense[i] = u < 0.5 ? 'L' : u < 0.8 ? 'G' : 'E';
            double ax0 = 0.0;
            for (int j = 0; j < cols; j++) {
                a[i * cols + j] = unif() < 1.0 / 3 ? 0.0
                                  : ints ? rnd(-4, 9)
                                         : -4.0 + 13.0 * unif();
                ax0 += a[i * cols + j] * x0[j];
            }
            double slack = unif() < 0.4 ? 0.0 : ints ? rnd(1, 5)
                                                     : 5.0 * unif();
            if (around)
                rhs[i] = sense[i] == 'L'   ? ax0 + slack
                         : sense[i] == 'G' ? ax0 - slack : ax0;
            else
                rhs[i] = unif() < 0.25 ? 0.0
                         : ints ? rnd(-10, 30) : -10.0 + 40.0 * unif();
        }
        if (bounded) {
            int i = rows - 1;
            sense[i] = 'L';
            for (int j = 0; j < cols; j++)
                a[i * cols + j] = 1.0;
            rhs[i] = around ? sum0 + rnd(0, 5) : rnd(5, 40);
        }
        sense[rows] = '\0';
        for (int j = 0; j < cols; j++)
            cost[j] = ints ? rnd(-5, 10) : -5.0 + 15.0 * unif();
        against_glpk(rows, cols, a, sense, rhs, cost, counts);
    }
    /* each answer is met often enough to mean something */
    if (cases >= 300) {
        CHECK(counts[BE__SLP_OPTIMAL] >= 100);
        CHECK(counts[BE__SLP_INFEASIBLE] >= 30);
        CHECK(counts[BE__SLP_UNBOUNDED] >= 30);
    }
    CHECK(counts[BE__SLP_NOMEM] == 0);
}

/* The split of a period's units between workloads, the shape the plans
 * room solves: devices k (n_k units), workloads w (demand D_w, a market
 * M_w beyond it worth v_w a unit of work), a[k,w] the units of k on w
 * (throughput thr[k,w], 0 when k cannot run w), s_w the work sold:
 *   minimize  -sum_w v_w s_w  (+ sum_k e_k sum_w a[k,w], half the time)
 *   s.t.  sum_w a[k,w]                   <= n_k   (supply, k)
 *         sum_k thr[k,w] a[k,w] - s_w    >= D_w   (demand, w)
 *         s_w                            <= M_w   (market, w).
 * Columns a[k,w] at k W + w, then s_w.  Infeasible when the units cannot
 * cover the demand; never unbounded.  `big` draws the largest instances
 * (20 devices and 12 workloads: 44 rows, 252 columns). */
static void split_instance(int big, int counts[4])
{
    enum { MK = 20, MW = 12, MR = MK + 2 * MW, MC = MK * MW + MW };
    static double a[MR * MC];
    double rhs[MR], cost[MC];
    char sense[MR + 1];
    int K = big ? MK : rnd(1, 6), W = big ? MW : rnd(1, 5);
    int rows = K + 2 * W, cols = K * W + W, energy = unif() < 0.5;
    memset(a, 0, sizeof a);
    for (int k = 0; k < K; k++) {
        int i = k;
        sense[i] = 'L';
        rhs[i] = rnd(0, 20);
        for (int w = 0; w < W; w++)
            a[i * cols + k * W + w] = 1.0;
    }
    double demand_scale = big ? 30.0 : 40.0;
    for (int w = 0; w < W; w++) {
        int i = K + w;
        sense[i] = 'G';
        rhs[i] = unif() < 0.2 ? 0.0 : demand_scale * unif();
        for (int k = 0; k < K; k++)
            a[i * cols + k * W + w] = unif() < 0.25 ? 0.0
                                                     : 0.5 + 7.5 * unif();
        a[i * cols + K * W + w] = -1.0;
        i = K + W + w;
        sense[i] = 'L';
        rhs[i] = 30.0 * unif();
        a[i * cols + K * W + w] = 1.0;
    }
    sense[rows] = '\0';
    for (int k = 0; k < K; k++) {
        double e = energy ? 0.05 * unif() : 0.0;
        for (int w = 0; w < W; w++)
            cost[k * W + w] = e;
    }
    for (int w = 0; w < W; w++)
        cost[K * W + w] = -(0.1 + 4.9 * unif());
    against_glpk(rows, cols, a, sense, rhs, cost, counts);
}

static void test_small_lp_split(void)
{
    slp_rng = (uint64_t)env_long("BE_SLP_SEED", 20250611) * 3 + 1;
    long cases = env_long("BE_SLP_CASES", 300);
    int counts[4] = {0};
    for (long c = 0; c < cases && check_failures < 20; c++)
        split_instance(0, counts);
    for (int c = 0; c < 10 && check_failures < 20; c++)
        split_instance(1, counts);
    if (cases >= 300) {
        CHECK(counts[BE__SLP_OPTIMAL] >= 50);
        CHECK(counts[BE__SLP_INFEASIBLE] >= 30);
    }
    CHECK(counts[BE__SLP_UNBOUNDED] == 0 && counts[BE__SLP_NOMEM] == 0);
}

/* Programs of the largest size this is for: 150 rows of <= with
 * nonnegative data, 250 columns, maximizing a positive profit (feasible
 * at 0, bounded by the rows, every column in some row), and the same
 * with a third of the rows turned into >= rows whose right-hand side x = 1
 * meets, so that phase 1 has work to do. */
static void test_small_lp_large(void)
{
    enum { R = 150, C = 250 };
    static double a[R * C];
    double rhs[R], cost[C];
    char sense[R + 1];
    slp_rng = (uint64_t)env_long("BE_SLP_SEED", 20250611) * 7 + 3;
    int counts[4] = {0};
    for (int rep = 0; rep < 2; rep++) {
        for (int i = 0; i < R; i++) {
            double sum = 0.0;
            for (int j = 0; j < C; j++) {
                a[i * C + j] = unif() < 0.7 ? 0.0 : 1.0 + 9.0 * unif();
                if (i == j % R)
                    a[i * C + j] = 1.0 + 9.0 * unif();
                sum += a[i * C + j];
            }
            sense[i] = 'L';
            rhs[i] = 10.0 + 90.0 * unif();
            if (rep == 1 && i % 3 == 0) {
                sense[i] = 'G';
                rhs[i] = 0.5 * sum;
            } else if (rep == 1) {
                rhs[i] += sum;
            }
        }
        sense[R] = '\0';
        for (int j = 0; j < C; j++)
            cost[j] = -(1.0 + 9.0 * unif());
        against_glpk(R, C, a, sense, rhs, cost, counts);
    }
    CHECK(counts[BE__SLP_OPTIMAL] == 2);
}

void suite_small_lp(void)
{
    RUN(test_small_lp_chvatal);
    RUN(test_small_lp_infeasible);
    RUN(test_small_lp_unbounded);
    RUN(test_small_lp_beale);
    RUN(test_small_lp_chvatal_cycling);
    RUN(test_small_lp_equations);
    RUN(test_small_lp_redundant);
    RUN(test_small_lp_negative_rhs);
    RUN(test_small_lp_scaling);
    RUN(test_small_lp_empty);
    RUN(test_small_lp_refused);
    RUN(test_small_lp_klee_minty);
    RUN(test_small_lp_random);
    RUN(test_small_lp_split);
    RUN(test_small_lp_large);
}
