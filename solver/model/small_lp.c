/*
 * small_lp.c -- a dense two-phase primal simplex for tiny programs
 * (small_lp.h), without GLPK.
 *
 * The method is the textbook one, on a dense tableau (not the revised
 * method): V. Chvatal, "Linear Programming" (Freeman, 1983), ch. 2 (the
 * simplex method on dictionaries) and ch. 3 (its pitfalls: the auxiliary
 * problem of phase 1, degeneracy, and the smallest-subscript rule of
 * Bland, Theorem 3.3, which cannot cycle).
 *
 * The tableau.  Each row i is first flipped when rhs[i] < 0 (both sides
 * times -1, 'L' and 'G' exchanged), so that every right-hand side is
 * >= 0.  The columns are, in this order (which is Bland's order):
 *   x_j                 j < cols, the structural columns;
 *   s_i                 one slack for each 'L' or 'G' row (after the
 *                       flip): +1 in an 'L' row, -1 (a surplus) in a 'G'
 *                       row;
 *   r_i                 one artificial for each 'G' or 'E' row: +1.
 * The first basis is the slack of each 'L' row and the artificial of each
 * other row, feasible since the right-hand sides are >= 0.  Below the m
 * rows sit two rows of reduced costs, the program's (phase 2) and the sum
 * of the artificials' (phase 1); both are carried through every pivot,
 * so that phase 2 starts from the basis phase 1 ends in with its reduced
 * costs already there.  The last column is the right-hand side.
 *
 * Scaling.  Before it is written into the tableau, each row is scaled by
 * a power of two that brings its largest coefficient into [0.5, 1), then
 * each column likewise, and the cost by one power of two; powers of two
 * change no digit, so the tolerances below (absolute, on the scaled
 * tableau) act relative to each row's and column's magnitude.
 *
 * Pivoting.  Dantzig's rule, with Bland's whenever it stalls: Chvatal's
 * "largest coefficient" rule cycles on degenerate programs (Beale's
 * example, Chvatal's own in ch. 3), and Bland's smallest-subscript rule
 * alone is slow (on a random 150 x 250 program with a phase 1, 11013
 * pivots where this takes 2166).  So:
 *   - the leaving row is always the same: among the rows with a pivot
 *     entry t_ij > TOL_PIV and a ratio b_i / t_ij within
 *     TOL_TIE (1 + theta) of the least ratio theta, the one whose basic
 *     column has the lowest index;
 *   - the entering column is Dantzig's, the most negative reduced cost
 *     in the program's own units (d_j undone of the scaling below, so
 *     the choice is the textbook one on the program as given; the first
 *     of equals), until BLAND_AFTER pivots in a row have been degenerate
 *     (lowered the objective by at most TOL_DEGEN (1 + |z|)); from then
 *     on it is Bland's, the first column with d_j < -TOL_DJ, until a
 *     pivot lowers the objective again.
 * This cannot cycle (in exact arithmetic): a cycle is a run of
 * degenerate pivots at one vertex (a pivot that lowers the objective
 * leaves every basis before it behind for good), every run of more than
 * BLAND_AFTER of them is Bland's from then on, and Bland's rule does not
 * cycle (Theorem 3.3: it applies to the pivots from any basis).  A
 * build with -DBLAND_AFTER=1000000000 (Dantzig alone) cycles on the
 * Beale and Chvatal examples of tests/test_small_lp.c until the cap.
 * An artificial that leaves the basis in phase 1 never enters again
 * (that only removes columns, which keeps the argument), and no
 * artificial enters in phase 2.
 *
 * Phase 1 ends when no column prices out.  The program is infeasible when
 * the artificials still basic sum to more than TOL_FEAS (1 + max_i b_i).
 * Otherwise each artificial still basic is at zero (its tiny value is set
 * to zero) and is driven out by a degenerate pivot on the entry of
 * largest magnitude in its row among the non-artificial columns; when
 * every such entry is within TOL_PIV of zero the row is a combination of
 * the others (a redundant equation): it keeps its artificial basic at
 * zero and takes no part in the ratio tests of phase 2.
 *
 * The answer.  At the optimal basis B the basic values are solved again
 * from the program's own numbers (B x_B = b with B and b as they were in
 * the first tableau, scaled, by Gaussian elimination with partial
 * pivoting), and also read from the tableau; the one of the
 * two that meets the rows better (the fresh solve on a tie) is kept, and
 * its negative values (rounding) are set to zero.  The objective is
 * sum_j cost[j] x_j of that x, summed in index order.
 *
 * The pivot cap (be__small_lp_pivot_cap) is a safety net only: in exact
 * arithmetic the pivots end, and rounding could at worst make them
 * cycle.  It is 100000 + 1000 (m + columns) pivots, where the programs
 * this is for take a few times m (the tests hold every solve to a
 * hundredth of it); reaching it returns BE__SLP_NOMEM ("no answer"),
 * never a status about the program.
 *
 * Every loop runs in a fixed order, there is no state beyond the call and
 * no randomness: the same input gives the same answer, bit for bit.
 */
#include "model/small_lp.h"

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Tolerances on the scaled tableau (whose first entries lie in (-1, 1),
 * the largest of each row and column in [0.5, 1)). */
#define TOL_PIV 1e-9  /* a pivot entry must be larger than this */
#define TOL_DJ 1e-9   /* a column prices out when d_j < -TOL_DJ */
#define TOL_TIE 1e-12 /* ratios this close (relative) are ties */
#define TOL_FEAS 1e-9 /* phase 1 ends feasible at or below this */
#define TOL_DEGEN 1e-12 /* a pivot lowering z by less is degenerate */
/* Row and column scales stay within 2^-SCALE_EXP .. 2^SCALE_EXP, and
 * numbers beyond BIG are refused: every scaled number is then finite
 * (BIG 2^SCALE_EXP < 1e228). */
#define SCALE_EXP 256
#define BIG 1e150
#ifndef BLAND_AFTER
#define BLAND_AFTER 3 /* degenerate pivots in a row before Bland's rule */
#endif

typedef struct tableau {
    int m;            /* rows */
    int n;            /* structural columns */
    int ns;           /* slack columns: n .. n+ns-1 */
    int na;           /* artificial columns: n+ns .. n+ns+na-1 */
    int N;            /* all columns: n + ns + na */
    size_t w;         /* width of a tableau row: N + 1 (the rhs last) */
    double *t;        /* (m + 2) rows of w: the m rows, then phase 2's
                         reduced costs, then phase 1's */
    int *head;        /* [m] basic column of each row */
    int *row_of;      /* [N] the row a column is basic in, or -1 */
    unsigned char *out; /* [N] 1: the column may not enter */
    unsigned char *active; /* [m] 1: the row is in the ratio tests */
    int *nz;          /* [w] the pivot row's nonzero positions */
    double *unit;     /* [N] d_j times it is column j's reduced cost in
                         the program's own units (Dantzig's rule) */
    long pivots, cap;
} tableau;

static double *trow(const tableau *T, int i)
{
    return T->t + (size_t)i * T->w;
}

/* 2^-e where |v| = f 2^e, f in [0.5, 1): v times it lies in [0.5, 1);
 * e kept within [-lim, lim] (so that the scale stays finite), and 1 for
 * v == 0. */
static double pow2_scale(double v, int lim)
{
    int e = 0;
    if (v == 0.0)
        return 1.0;
    (void)frexp(v, &e);
    e = e < -lim ? -lim : e > lim ? lim : e;
    return ldexp(1.0, -e);
}

/* Sizes in one place: the number of columns of the tableau (n + ns + na
 * <= cols + 2 rows, counted as cols + 2 rows + 2 to leave room for the
 * rhs and the loops' bounds) must fit an int, and the tableau's and the
 * basis matrix's bytes a size_t.  0 when refused. */
static int sizes_ok(int rows, int cols)
{
    if (rows < 0 || cols < 0)
        return 0;
    long long width = (long long)cols + 2LL * rows + 2;
    if (width > INT_MAX)
        return 0;
    size_t h = (size_t)rows + 2, wd = (size_t)width;
    if (h > SIZE_MAX / wd || h * wd > SIZE_MAX / sizeof(double))
        return 0;
    size_t r = (size_t)rows;
    if (r != 0 && (r > SIZE_MAX / r || r * r > SIZE_MAX / sizeof(double)))
        return 0;
    return 1;
}

long be__small_lp_pivot_cap(int rows, int cols)
{
    if (!sizes_ok(rows, cols))
        return -1;
    long long cap = 100000LL + 1000LL * ((long long)rows + cols + rows);
    return cap > LONG_MAX ? LONG_MAX : (long)cap;
}

/* Pivot on (r, j): row r divided by its entry in j, then j eliminated
 * from every other row, the reduced-cost rows included (both in phase 1,
 * phase 2's alone after it: n_obj rows below the m).  Right-hand sides
 * that rounding leaves below zero are set to zero. */
static void pivot(tableau *T, int r, int j, int n_obj)
{
    double *pr = trow(T, r);
    double p = pr[j];
    int nnz = 0;
    for (size_t k = 0; k < T->w; k++) {
        if (pr[k] != 0.0) {
            pr[k] /= p;
            T->nz[nnz++] = (int)k;
        }
    }
    pr[j] = 1.0;
    for (int i = 0; i < T->m + n_obj; i++) {
        if (i == r)
            continue;
        double *pi = trow(T, i);
        double f = pi[j];
        if (f == 0.0)
            continue;
        for (int q = 0; q < nnz; q++)
            pi[T->nz[q]] -= f * pr[T->nz[q]];
        pi[j] = 0.0;
        if (i < T->m && pi[T->N] < 0.0)
            pi[T->N] = 0.0;
    }
    int left = T->head[r];
    T->row_of[left] = -1;
    T->head[r] = j;
    T->row_of[j] = r;
    T->pivots++;
}

/* The entering column among columns 0 .. limit-1 that are nonbasic and
 * may enter, with d_j < -TOL_DJ: under Bland's rule the first, else
 * Dantzig's, the most negative d_j unit_j (in the program's own units;
 * the first of equals); -1 when none. */
static int entering(const tableau *T, const double *d, int limit, int bland)
{
    int best = -1;
    for (int j = 0; j < limit; j++) {
        if (T->row_of[j] >= 0 || T->out[j] || !(d[j] < -TOL_DJ))
            continue;
        if (bland)
            return j;
        if (best < 0 || d[j] * T->unit[j] < d[best] * T->unit[best])
            best = j;
    }
    return best;
}

/* The leaving row for column j (the same under both rules): the least
 * ratio theta = b_i / t_ij over the active rows with t_ij > TOL_PIV, then
 * among the rows within TOL_TIE (1 + theta) of it the one whose basic
 * column is lowest; *ratio its ratio.  -1 when no entry of the column is
 * positive (an unbounded ray). */
static int leaving(const tableau *T, int j, double *ratio)
{
    double theta = HUGE_VAL;
    for (int i = 0; i < T->m; i++) {
        const double *pi = trow(T, i);
        if (T->active[i] && pi[j] > TOL_PIV && pi[T->N] / pi[j] < theta)
            theta = pi[T->N] / pi[j];
    }
    if (theta == HUGE_VAL)
        return -1;
    double limit = theta + TOL_TIE * (1.0 + theta);
    int best = -1;
    for (int i = 0; i < T->m; i++) {
        const double *pi = trow(T, i);
        if (T->active[i] && pi[j] > TOL_PIV && pi[T->N] / pi[j] <= limit &&
            (best < 0 || T->head[i] < T->head[best]))
            best = i;
    }
    *ratio = trow(T, best)[T->N] / trow(T, best)[j];
    return best;
}

enum { RUN_OPTIMAL, RUN_UNBOUNDED, RUN_CAP };

/* The simplex of one phase, on its row of reduced costs: phase 1 prices
 * every column (an artificial that leaves is out for good), phase 2 the
 * structural and slack columns.  Dantzig's rule while the pivots make
 * progress; Bland's from the BLAND_AFTER-th degenerate pivot in a row
 * (one that lowers the objective by no more than TOL_DEGEN (1 + |z|))
 * until one makes progress again. */
static int run(tableau *T, int phase)
{
    const double *d = trow(T, phase == 1 ? T->m + 1 : T->m);
    int limit = phase == 1 ? T->N : T->n + T->ns;
    int n_obj = phase == 1 ? 2 : 1;
    int degenerate = 0;
    for (;;) {
        int bland = degenerate >= BLAND_AFTER;
        int j = entering(T, d, limit, bland);
        if (j < 0)
            return RUN_OPTIMAL;
        double theta = 0.0;
        int r = leaving(T, j, &theta);
        if (r < 0)
            return RUN_UNBOUNDED;
        if (T->pivots >= T->cap)
            return RUN_CAP;
        if (-d[j] * theta > TOL_DEGEN * (1.0 + fabs(d[T->N])))
            degenerate = 0;
        else if (degenerate < BLAND_AFTER)
            degenerate++;
        int left = T->head[r];
        if (left >= T->n + T->ns)
            T->out[left] = 1;
        pivot(T, r, j, n_obj);
    }
}

/* Column c's entry in row i of the first tableau, from the program's
 * own numbers: f_i r_i a_ic s_c for a structural column (the flip and
 * the scales, all powers of two), +-1 or 0 for a slack or an
 * artificial. */
static double first_entry(int cols, const double *a, const double *f,
                          const double *cscale, const int *col_row,
                          const double *col_coef, int c, int i)
{
    if (c < cols)
        return f[i] * a[(size_t)i * (size_t)cols + (size_t)c] * cscale[c];
    return col_row[c - cols] == i ? col_coef[c - cols] : 0.0;
}

/* Solve B y = b by Gaussian elimination with partial pivoting (the
 * largest entry, the first on a tie); B (m x m, column k the basic
 * column of row k) and b are overwritten.  0 when B is singular to
 * working precision. */
static int dense_solve(int m, double *B, double *b)
{
    double big = 0.0;
    for (size_t q = 0; q < (size_t)m * (size_t)m; q++)
        if (fabs(B[q]) > big)
            big = fabs(B[q]);
    double tiny = 1e-14 * big;
    for (int k = 0; k < m; k++) {
        int p = k;
        for (int i = k + 1; i < m; i++)
            if (fabs(B[(size_t)i * m + k]) > fabs(B[(size_t)p * m + k]))
                p = i;
        if (!(fabs(B[(size_t)p * m + k]) > tiny))
            return 0;
        if (p != k) {
            for (int c = 0; c < m; c++) {
                double s = B[(size_t)k * m + c];
                B[(size_t)k * m + c] = B[(size_t)p * m + c];
                B[(size_t)p * m + c] = s;
            }
            double s = b[k];
            b[k] = b[p];
            b[p] = s;
        }
        double piv = B[(size_t)k * m + k];
        for (int i = k + 1; i < m; i++) {
            double f = B[(size_t)i * m + k] / piv;
            if (f == 0.0)
                continue;
            for (int c = k; c < m; c++)
                B[(size_t)i * m + c] -= f * B[(size_t)k * m + c];
            b[i] -= f * b[k];
        }
    }
    for (int k = m - 1; k >= 0; k--) {
        double s = b[k];
        for (int c = k + 1; c < m; c++)
            s -= B[(size_t)k * m + c] * b[c];
        b[k] = s / B[(size_t)k * m + k];
    }
    return 1;
}

/* The largest violation of a row by x, relative to max(1, |rhs|). */
static double worst_violation(int rows, int cols, const double *a,
                              const char *sense, const double *rhs,
                              const double *x)
{
    double worst = 0.0;
    for (int i = 0; i < rows; i++) {
        double lhs = 0.0;
        for (int j = 0; j < cols; j++)
            lhs += a[(size_t)i * (size_t)cols + (size_t)j] * x[j];
        double v = lhs - rhs[i];
        double viol = sense[i] == 'L' ? v : sense[i] == 'G' ? -v : fabs(v);
        viol /= fmax(1.0, fabs(rhs[i]));
        if (viol > worst)
            worst = viol;
    }
    return worst;
}

/* Every number finite and within BIG in magnitude. */
static int finite_all(const double *v, size_t n)
{
    for (size_t q = 0; q < n; q++)
        if (!(fabs(v[q]) <= BIG))
            return 0;
    return 1;
}

be__slp_status be__small_lp_counted(int rows, int cols, const double *a,
                                    const char *sense, const double *rhs,
                                    const double *cost, double *x,
                                    double *obj, long *pivots)
{
    if (pivots)
        *pivots = 0;
    if (!sizes_ok(rows, cols))
        return BE__SLP_NOMEM;
    if ((rows > 0 && cols > 0 && !a) || (rows > 0 && (!sense || !rhs)) ||
        (cols > 0 && (!cost || !x)))
        return BE__SLP_NOMEM;
    for (int i = 0; i < rows; i++)
        if (sense[i] != 'L' && sense[i] != 'G' && sense[i] != 'E')
            return BE__SLP_NOMEM;
    if ((rows > 0 && cols > 0 &&
         !finite_all(a, (size_t)rows * (size_t)cols)) ||
        (rows > 0 && !finite_all(rhs, (size_t)rows)) ||
        (cols > 0 && !finite_all(cost, (size_t)cols)))
        return BE__SLP_NOMEM;

    be__slp_status status = BE__SLP_NOMEM;
    int m = rows, n = cols;
    tableau T = {0};
    double *flip = NULL, *rscale = NULL, *cscale = NULL, *col_coef = NULL;
    double *B = NULL, *y = NULL, *x_fresh = NULL, *x_tab = NULL;
    int *col_row = NULL;
    char *fsense = NULL;

    /* the flipped senses, and how many slacks and artificials */
    int ns = 0, na = 0;
    fsense = malloc((size_t)m + 1);
    flip = malloc(((size_t)m + 1) * sizeof *flip);
    rscale = malloc(((size_t)m + 1) * sizeof *rscale);
    cscale = malloc(((size_t)n + 1) * sizeof *cscale);
    if (!fsense || !flip || !rscale || !cscale)
        goto done;
    for (int i = 0; i < m; i++) {
        char s = sense[i];
        flip[i] = 1.0;
        if (rhs[i] < 0.0) {
            flip[i] = -1.0;
            s = s == 'L' ? 'G' : s == 'G' ? 'L' : 'E';
        }
        fsense[i] = s;
        ns += s != 'E';
        na += s != 'L';
    }

    T.m = m;
    T.n = n;
    T.ns = ns;
    T.na = na;
    T.N = n + ns + na;
    T.w = (size_t)T.N + 1;
    T.cap = be__small_lp_pivot_cap(rows, cols);
    T.t = calloc(((size_t)m + 2) * T.w, sizeof *T.t);
    T.head = malloc(((size_t)m + 1) * sizeof *T.head);
    T.row_of = malloc(((size_t)T.N + 1) * sizeof *T.row_of);
    T.out = calloc((size_t)T.N + 1, 1);
    T.active = malloc((size_t)m + 1);
    T.nz = malloc(T.w * sizeof *T.nz);
    T.unit = malloc(((size_t)T.N + 1) * sizeof *T.unit);
    /* the row and the original coefficient of each slack and artificial */
    col_row = malloc(((size_t)ns + na + 1) * sizeof *col_row);
    col_coef = malloc(((size_t)ns + na + 1) * sizeof *col_coef);
    if (!T.t || !T.head || !T.row_of || !T.out || !T.active || !T.nz ||
        !T.unit || !col_row || !col_coef)
        goto done;

    /* powers of two: each row, then each column, then the cost */
    for (int i = 0; i < m; i++) {
        double big = 0.0;
        for (int j = 0; j < n; j++)
            big = fmax(big, fabs(a[(size_t)i * n + j]));
        rscale[i] = pow2_scale(big, SCALE_EXP);
    }
    for (int j = 0; j < n; j++) {
        double big = 0.0;
        for (int i = 0; i < m; i++)
            big = fmax(big, fabs(a[(size_t)i * n + j] * rscale[i]));
        cscale[j] = pow2_scale(big, SCALE_EXP);
        T.unit[j] = 1.0 / cscale[j];
    }
    double cbig = 0.0;
    for (int j = 0; j < n; j++)
        cbig = fmax(cbig, fabs(cost[j] * cscale[j]));
    double costscale = pow2_scale(cbig, 1000);

    /* the m rows and the first basis */
    int next_s = n, next_a = n + ns;
    double bmax = 0.0;
    for (int j = 0; j < T.N; j++)
        T.row_of[j] = -1;
    for (int i = 0; i < m; i++) {
        double *pi = trow(&T, i);
        double f = flip[i] * rscale[i];
        for (int j = 0; j < n; j++)
            pi[j] = f * a[(size_t)i * n + j] * cscale[j];
        pi[T.N] = f * rhs[i];
        bmax = fmax(bmax, pi[T.N]);
        if (fsense[i] != 'E') {
            double c = fsense[i] == 'L' ? 1.0 : -1.0;
            pi[next_s] = c;
            col_row[next_s - n] = i;
            col_coef[next_s - n] = c;
            T.unit[next_s] = rscale[i];
            if (fsense[i] == 'L') {
                T.head[i] = next_s;
                T.row_of[next_s] = i;
            }
            next_s++;
        }
        if (fsense[i] != 'L') {
            pi[next_a] = 1.0;
            col_row[next_a - n] = i;
            col_coef[next_a - n] = 1.0;
            T.unit[next_a] = rscale[i];
            T.head[i] = next_a;
            T.row_of[next_a] = i;
            next_a++;
        }
        T.active[i] = 1;
    }
    /* phase 2's reduced costs: the scaled cost (the first basis costs 0);
     * phase 1's: minus the sum of the artificials' rows */
    double *d2 = trow(&T, m), *d1 = trow(&T, m + 1);
    for (int j = 0; j < n; j++)
        d2[j] = cost[j] * cscale[j] * costscale;
    for (int i = 0; i < m; i++) {
        if (T.head[i] < n + ns)
            continue;
        const double *pi = trow(&T, i);
        for (int j = 0; j < n + ns; j++)
            d1[j] -= pi[j];
        d1[T.N] -= pi[T.N];
    }

    /* phase 1 */
    if (na > 0) {
        int rc = run(&T, 1);
        if (rc == RUN_CAP)
            goto done; /* NOMEM: no answer */
        /* RUN_UNBOUNDED cannot be (the sum of the artificials is >= 0);
         * rounding could only make a column with tiny entries look so,
         * and the sum then says what it says. */
        double wsum = 0.0;
        for (int i = 0; i < m; i++)
            if (T.head[i] >= n + ns)
                wsum += trow(&T, i)[T.N];
        if (wsum > TOL_FEAS * (1.0 + bmax)) {
            status = BE__SLP_INFEASIBLE;
            goto done;
        }
        /* drive out the artificials still basic, at zero */
        for (int i = 0; i < m; i++) {
            if (T.head[i] < n + ns)
                continue;
            double *pi = trow(&T, i);
            pi[T.N] = 0.0;
            int best = -1;
            for (int j = 0; j < n + ns; j++)
                if (T.row_of[j] < 0 &&
                    (best < 0 || fabs(pi[j]) > fabs(pi[best])))
                    best = j;
            if (best >= 0 && fabs(pi[best]) > TOL_PIV) {
                T.out[T.head[i]] = 1;
                pivot(&T, i, best, 2);
            } else {
                T.active[i] = 0; /* a redundant row */
            }
        }
    }
    for (int j = n + ns; j < T.N; j++)
        T.out[j] = 1;

    /* phase 2 */
    {
        int rc = run(&T, 2);
        if (rc == RUN_CAP)
            goto done;
        if (rc == RUN_UNBOUNDED) {
            status = BE__SLP_UNBOUNDED;
            goto done;
        }
    }

    /* the answer: the basic values solved again from the original rows,
     * or read from the tableau, whichever meets the rows better */
    x_tab = calloc((size_t)n + 1, sizeof *x_tab);
    x_fresh = calloc((size_t)n + 1, sizeof *x_fresh);
    B = malloc(((size_t)m * m + 1) * sizeof *B);
    y = malloc(((size_t)m + 1) * sizeof *y);
    if (!x_tab || !x_fresh || !B || !y)
        goto done;
    for (int i = 0; i < m; i++) {
        int c = T.head[i];
        if (c < n) {
            double v = trow(&T, i)[T.N] * cscale[c];
            x_tab[c] = v > 0.0 ? v : 0.0;
        }
    }
    for (int i = 0; i < m; i++)
        flip[i] *= rscale[i]; /* f_i r_i from here on */
    for (int i = 0; i < m; i++) {
        y[i] = flip[i] * rhs[i];
        for (int k = 0; k < m; k++)
            B[(size_t)i * m + k] = first_entry(n, a, flip, cscale, col_row,
                                               col_coef, T.head[k], i);
    }
    int fresh = dense_solve(m, B, y);
    if (fresh) {
        for (int k = 0; k < m; k++) {
            int c = T.head[k];
            if (c < n) {
                double v = y[k] * cscale[c];
                x_fresh[c] = v > 0.0 ? v : 0.0;
            }
        }
    }
    const double *best = x_tab;
    if (fresh && worst_violation(m, n, a, sense, rhs, x_fresh) <=
                     worst_violation(m, n, a, sense, rhs, x_tab))
        best = x_fresh;
    double z = 0.0;
    for (int j = 0; j < n; j++) {
        x[j] = best[j];
        z += cost[j] * best[j];
    }
    if (obj)
        *obj = z;
    status = BE__SLP_OPTIMAL;

done:
    if (pivots)
        *pivots = T.pivots;
    free(T.t);
    free(T.head);
    free(T.row_of);
    free(T.out);
    free(T.active);
    free(T.nz);
    free(T.unit);
    free(col_row);
    free(col_coef);
    free(fsense);
    free(flip);
    free(rscale);
    free(cscale);
    free(B);
    free(y);
    free(x_fresh);
    free(x_tab);
    return status;
}

be__slp_status be__small_lp(int rows, int cols, const double *a,
                            const char *sense, const double *rhs,
                            const double *cost, double *x, double *obj)
{
    return be__small_lp_counted(rows, cols, a, sense, rhs, cost, x, obj,
                                NULL);
}
