/*
 * test_lp.c -- the program of a tiny model, checked column by column and
 * row by row against a hand derivation, then solved.
 *
 * The model (no discounting, no taxes, yearly, 2024-2026):
 *   demand 1, 2, 2; energy 0.1 per kWh; power cap 5 kW; budget 1000
 *   old: throughput 1, 1 kW, lifetime 3, O&M 10, resale 50/30/10 at 1/2/3
 *        2 units in place, aged 2 years
 *   new: throughput 2, 1 kW, lifetime 2, O&M 5 then 6, resale 300/200,
 *        price 400, for sale from 2025
 * One unit in service for a year burns 1 kW * 8760 h * 0.1 = 876.
 */
#include <string.h>

#include "check.h"
#include "engine/glpk_solver.h"
#include "program/lp.h"

void suite_lp(void);

static const char tiny[] =
    "breakeven: 1\n"
    "name: tiny\n"
    "horizon: {start: 2024, periods: 3}\n"
    "demand: [1, 2, 2]\n"
    "energy: {price: 0.1}\n"
    "site: {power_cap_kw: 5, budget: 1000}\n"
    "devices:\n"
    "  - {name: old, throughput: 1, power_kw: 1, lifetime: 3, om: 10,\n"
    "     resale: [50, 30, 10]}\n"
    "  - {name: new, throughput: 2, power_kw: 1, lifetime: 2, om: [5, 6],\n"
    "     resale: [300, 200], price: 400, available: {from: 2025}}\n"
    "fleet:\n"
    "  - {device: old, count: 2, age: 2}\n";

static int find_col(const be_model *m, const be_program *p, const char *name)
{
    char buf[320];
    for (int i = 0; i < p->n_cols; i++)
        if (strcmp(be__col_name(m, p, i, buf, sizeof buf), name) == 0)
            return i;
    return -1;
}

static int find_row(const be_model *m, const be_program *p, const char *name)
{
    char buf[320];
    for (int i = 0; i < p->n_rows; i++)
        if (strcmp(be__row_name(m, p, i, buf, sizeof buf), name) == 0)
            return i;
    return -1;
}

/* Coefficient of column c in row r (0 if absent). */
static double coef(const be_program *p, int r, int c)
{
    double v = 0.0;
    for (size_t e = 0; e < p->nnz; e++)
        if (p->mi[e] == r && p->mj[e] == c)
            v += p->mv[e];
    return v;
}

static int row_len(const be_program *p, int r)
{
    int n = 0;
    for (size_t e = 0; e < p->nnz; e++)
        n += p->mi[e] == r;
    return n;
}

/* Columns and their costs:
 *   hold[old,a2,2024]    O&M 10 + energy 876                       =  886
 *   retire[old,a2,2024]  resale at 2 years                         =  -30
 *   retire[old,a3,2025]  resale at 3 years (end of life)           =  -10
 *   buy[new,2025]        price                                     =  400
 *   hold[new,a0,2025]    5 + 876                                   =  881
 *   hold[new,a1,2026]    6 + 876, less salvage at 2 years (200)    =  682
 *   retire[new,a1,2026]  resale at 1 year                          = -300
 *   buy[new,2026]        price                                     =  400
 *   hold[new,a0,2026]    5 + 876, less salvage at 1 year (300)     =  581 */
static void test_lp_columns(void)
{
    be_error err;
    be_model *m = be_model_load_string(tiny, sizeof tiny - 1, "tiny", NULL,
                                       &err);
    REQUIRE(m);
    be_program *p = be__program_build(m, 1, &err);
    REQUIRE(p);
    CHECK(p->n_cols == 9);
    static const struct { const char *name; double cost; int integer; } want[] = {
        {"hold[old,a2,2024]", 886, 1},   {"retire[old,a2,2024]", -30, 0},
        {"retire[old,a3,2025]", -10, 0}, {"buy[new,2025]", 400, 1},
        {"hold[new,a0,2025]", 881, 1},   {"hold[new,a1,2026]", 682, 1},
        {"retire[new,a1,2026]", -300, 0}, {"buy[new,2026]", 400, 1},
        {"hold[new,a0,2026]", 581, 1},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int c = find_col(m, p, want[i].name);
        CHECK(c >= 0);
        if (c < 0) {
            fprintf(stderr, "  missing column %s\n", want[i].name);
            continue;
        }
        CHECK_CLOSE(p->cols[c].cost, want[i].cost, 1e-12);
        CHECK(p->cols[c].integer == want[i].integer);
    }
    be__program_free(p);
    be_model_free(m);
}

/* Rows:
 *   flow[old,a2,2024]   hold[old,a2,2024] + retire[old,a2,2024]   = 2
 *   flow[old,a3,2025]   retire[old,a3,2025] - hold[old,a2,2024]   = 0
 *   flow[new,a0,2025]   hold[new,a0,2025] - buy[new,2025]         = 0
 *   flow[new,a1,2026]   hold[new,a1,2026] + retire[new,a1,2026]
 *                        - hold[new,a0,2025]                      = 0
 *   flow[new,a0,2026]   hold[new,a0,2026] - buy[new,2026]         = 0
 *   demand[2025]        2 hold[new,a0,2025]                       >= 2
 *   demand[2026]        2 hold[new,a1,2026] + 2 hold[new,a0,2026] >= 2
 *   power[2024]         hold[old,a2,2024]                         <= 5
 *   budget[2025]        400 buy[new,2025]                         <= 1000
 *   budget[2024]        (empty: nothing for sale)                 <= 1000 */
static void test_lp_rows(void)
{
    be_error err;
    be_model *m = be_model_load_string(tiny, sizeof tiny - 1, "tiny", NULL,
                                       &err);
    REQUIRE(m);
    be_program *p = be__program_build(m, 1, &err);
    REQUIRE(p);
    CHECK(p->n_rows == 5 + 3 + 3 + 3);
    int hold_old = find_col(m, p, "hold[old,a2,2024]");
    int ret_old0 = find_col(m, p, "retire[old,a2,2024]");
    int ret_old1 = find_col(m, p, "retire[old,a3,2025]");
    int buy25 = find_col(m, p, "buy[new,2025]");
    int h25 = find_col(m, p, "hold[new,a0,2025]");
    int h26a1 = find_col(m, p, "hold[new,a1,2026]");
    int r26 = find_col(m, p, "retire[new,a1,2026]");
    int buy26 = find_col(m, p, "buy[new,2026]");
    int h26a0 = find_col(m, p, "hold[new,a0,2026]");

    int r = find_row(m, p, "flow[old,a2,2024]");
    REQUIRE(r >= 0);
    CHECK(p->rows[r].sense == 'E' && p->rows[r].rhs == 2);
    CHECK(row_len(p, r) == 2 && coef(p, r, hold_old) == 1 &&
          coef(p, r, ret_old0) == 1);
    r = find_row(m, p, "flow[old,a3,2025]");
    REQUIRE(r >= 0);
    CHECK(p->rows[r].rhs == 0 && row_len(p, r) == 2 &&
          coef(p, r, ret_old1) == 1 && coef(p, r, hold_old) == -1);
    r = find_row(m, p, "flow[new,a0,2025]");
    REQUIRE(r >= 0);
    CHECK(row_len(p, r) == 2 && coef(p, r, h25) == 1 &&
          coef(p, r, buy25) == -1);
    r = find_row(m, p, "flow[new,a1,2026]");
    REQUIRE(r >= 0);
    CHECK(row_len(p, r) == 3 && coef(p, r, h26a1) == 1 &&
          coef(p, r, r26) == 1 && coef(p, r, h25) == -1);
    r = find_row(m, p, "flow[new,a0,2026]");
    REQUIRE(r >= 0);
    CHECK(row_len(p, r) == 2 && coef(p, r, h26a0) == 1 &&
          coef(p, r, buy26) == -1);
    r = find_row(m, p, "demand[2025]");
    REQUIRE(r >= 0);
    CHECK(p->rows[r].sense == 'G' && p->rows[r].rhs == 2);
    CHECK(row_len(p, r) == 1 && coef(p, r, h25) == 2);
    r = find_row(m, p, "demand[2026]");
    REQUIRE(r >= 0);
    CHECK(row_len(p, r) == 2 && coef(p, r, h26a1) == 2 &&
          coef(p, r, h26a0) == 2);
    r = find_row(m, p, "power[2024]");
    REQUIRE(r >= 0);
    CHECK(p->rows[r].sense == 'L' && p->rows[r].rhs == 5);
    CHECK(row_len(p, r) == 1 && coef(p, r, hold_old) == 1);
    r = find_row(m, p, "budget[2025]");
    REQUIRE(r >= 0);
    CHECK(p->rows[r].rhs == 1000 && row_len(p, r) == 1 &&
          coef(p, r, buy25) == 400);
    r = find_row(m, p, "budget[2024]");
    REQUIRE(r >= 0);
    CHECK(row_len(p, r) == 0);
    be__program_free(p);
    be_model_free(m);
}

/* The optimum by hand: 2024 needs one old unit (keep 1: 886 - 10 at its
 * end of life; sell the other now: -30) = 846.  2025-2026 need one new
 * unit: buy in 2025 (400 + 881), then in 2026 either keep it (682) or sell
 * it (-300) and buy a fresh one (400 + 581): 681 < 682, so swap.
 * Total 846 + 1281 + 681 = 2808. */
static void test_lp_tiny_optimum(void)
{
    be_error err;
    be_model *m = be_model_load_string(tiny, sizeof tiny - 1, "tiny", NULL,
                                       &err);
    REQUIRE(m);
    be_solution *sol = be_solve(m, NULL, &err);
    REQUIRE(sol);
    CHECK(sol->status == BE_OPTIMAL);
    CHECK_CLOSE(sol->objective, 2808, 1e-9);
    REQUIRE(sol->eval);
    CHECK_CLOSE(sol->eval->cost.total, 2808, 1e-9);
    CHECK(sol->eval->violation == BE_FEASIBLE_PLAN);
    /* new is device 1; cohorts: fleet old, new@2025, new@2026 */
    CHECK(sol->plan->buy[1 * 2 + 1] == 1 && sol->plan->buy[2 * 2 + 1] == 1);
    CHECK(sol->plan->retire[0 * 3 + 0] == 1);   /* one old sold in 2024 */
    CHECK(sol->plan->retire[2 * 3 + 1] == 1);   /* new@2025 sold in 2026 */
    be_solution_free(sol);
    be_model_free(m);
}

/* A fleet cohort of age 0 shares (device, age, period) with the cohort
 * bought in period 0: its names carry the fleet entry number. */
static void test_lp_name_suffix(void)
{
    static const char y[] =
        "breakeven: 1\n"
        "horizon: {start: 2024, periods: 2}\n"
        "demand: 1\n"
        "devices:\n"
        "  - {name: gpu, throughput: 1, lifetime: 2, price: 10}\n"
        "fleet:\n"
        "  - {device: gpu, count: 1, age: 0}\n";
    be_error err;
    be_model *m = be_model_load_string(y, sizeof y - 1, "suffix", NULL, &err);
    REQUIRE(m);
    be_program *p = be__program_build(m, 1, &err);
    REQUIRE(p);
    CHECK(find_col(m, p, "hold[gpu,a0,2024,f1]") >= 0);
    CHECK(find_col(m, p, "hold[gpu,a0,2024]") >= 0);
    CHECK(find_row(m, p, "flow[gpu,a1,2025,f1]") >= 0);
    be__program_free(p);
    be_model_free(m);
}

/* GLPK aborts on a duplicate matrix entry.  The error hook turns that into
 * BE_ESOLVER, nothing is printed, and the next solve works. */
static void test_lp_glpk_failure_survived(void)
{
    be_error err = {0};
    be_model *m = be_model_load_string(tiny, sizeof tiny - 1, "tiny", NULL,
                                       &err);
    REQUIRE(m);
    be_program *p = be__program_build(m, 1, &err);
    REQUIRE(p);
    REQUIRE(p->nnz > 0 && p->nnz < p->nnz_cap);
    p->mi[p->nnz] = p->mi[0];       /* the same (row, column) twice */
    p->mj[p->nnz] = p->mj[0];
    p->mv[p->nnz] = 1.0;
    p->nnz++;
    be_glpk_out out;
    be_code rc = be__glpk_solve(m, p, NULL, &out, &err);
    CHECK(rc == BE_ESOLVER);
    CHECK(out.x == NULL);
    CHECK(strstr(err.message, "GLPK stopped with an internal error") != NULL);
    CHECK(strstr(err.message, "duplicate") != NULL);
    be__program_free(p);

    be_solution *sol = be_solve(m, NULL, &err);
    REQUIRE(sol);
    CHECK_CLOSE(sol->objective, 2808, 1e-9);
    be_solution_free(sol);
    be_model_free(m);
}

/* The builder's helpers for the analyses (program.c): a copy has the
 * same shape; a slack column is of its own kind, +1 in a >= row (demand)
 * and -1 in a <= row (power), and changes the shape; costs can differ
 * without changing it. */
static void test_lp_program_helpers(void)
{
    be_error err;
    be_model *m = be_model_load_string(tiny, sizeof tiny - 1, "tiny", NULL,
                                       &err);
    REQUIRE(m);
    be_program *p = be__program_build(m, 1, &err);
    REQUIRE(p);
    be_program *q = be__program_copy(m, p);
    REQUIRE(q);
    CHECK(be__program_same_shape(p, q));
    be__program_zero_costs(q);
    CHECK(be__program_same_shape(p, q));
    for (int j = 0; j < be__program_cols(q); j++)
        CHECK(be__program_cost(q, j) == 0.0);
    int demand = find_row(m, p, "demand[2025]");
    int power = find_row(m, p, "power[2025]");
    REQUIRE(demand >= 0 && power >= 0);
    int n = be__program_cols(q);
    int s1 = be__program_add_slack(q, demand, 2.5);
    int s2 = be__program_add_slack(q, power, 1.0);
    CHECK(s1 == n && s2 == n + 1 && be__program_cols(q) == n + 2);
    CHECK(q->cols[s1].kind == BE_COL_SLACK && q->cols[s1].period == 1);
    CHECK(be__program_cost(q, s1) == 2.5);
    CHECK(coef(q, demand, s1) == 1.0 && coef(q, power, s2) == -1.0);
    CHECK(row_len(q, demand) == row_len(p, demand) + 1);
    CHECK(!be__program_same_shape(p, q));
    /* the original is untouched */
    CHECK(be__program_cols(p) == n && be__program_cost(p, 0) != 0.0);
    char name[64];
    CHECK(strcmp(be__col_name(m, q, s1, name, sizeof name),
                 "slack[2025]") == 0);
    be__program_free(q);
    be__program_free(p);
    be_model_free(m);
}

void suite_lp(void)
{
    RUN(test_lp_glpk_failure_survived);
    RUN(test_lp_columns);
    RUN(test_lp_rows);
    RUN(test_lp_tiny_optimum);
    RUN(test_lp_name_suffix);
    RUN(test_lp_program_helpers);
}
