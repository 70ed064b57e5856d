/*
 * stochastic.c -- the stochastic program of a model with scenarios
 * (docs/uncertainty.md), built on the tree of shared decisions that
 * model/scenarios.c derives from the data, and its answer back into one
 * plan per scenario.
 *
 * The stochastic program.  Every scenario's own program is built by
 * lp.c.  The scenarios in a node of period t have the same data up to t,
 * so their programs have the same columns of period t (the same cohorts,
 * ages and bounds rules) and the same rows of period t (the flow rows
 * refer to the period before, whose node is the parent).  The stochastic
 * program keeps one column per node for each of them, with the cost
 * sum_s p_s cost_s, and the rows of the node's first scenario: one column
 * per decision per node of the tree, no copies tied by equalities.
 * Bounds: a column shared by several scenarios gets the smallest of their
 * bounds, which is valid because every bound is either implied (holds for
 * every plan of that scenario, so for every plan of the stochastic
 * program) or the demand bound, which is computed from the largest demand
 * over all scenarios (bound_demand), one number for the whole cohort, so
 * the argument of lp.c "Bounds" holds scenario by scenario: dropping the
 * same units in every scenario of a node keeps the plan non-anticipative.
 */
#include "program/lp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* The stochastic program                                              */
/* ------------------------------------------------------------------ */

/* What a column is, independently of its index: cohorts by device,
 * start and fleet entry, which the scenarios of a node share. */
typedef struct colkey {
    int kind, device, period, age, start, fleet;
} colkey;

static colkey key_of(const be_model *m, const be_col *c)
{
    colkey k = {(int)c->kind, c->device, c->period, c->age, -1, -1};
    if (c->kind == BE_COL_HOLD || c->kind == BE_COL_RETIRE ||
        c->kind == BE_COL_BUY) {
        const be_cohort *h = &m->cohorts[c->cohort];
        k.start = h->start;
        k.fleet = h->fleet_entry;
    }
    if (c->kind == BE_COL_SELL || c->kind == BE_COL_SHARE)
        k.start = c->workload;   /* one per workload of a period */
    return k;
}

static int key_cmp(const colkey *a, const colkey *b)
{
    const int *x = &a->kind, *y = &b->kind;
    for (int i = 0; i < 6; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

/* A scenario's columns sorted by key, for finding a column by key. */
typedef struct keyed {
    colkey key;
    int col;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
    return key_cmp(&((const keyed *)a)->key, &((const keyed *)b)->key);
}

static keyed *sorted_keys(const be_model *m, const be_program *p)
{
    keyed *k = be__calloc((size_t)p->n_cols + 1, sizeof *k);
    if (!k)
        return NULL;
    for (int i = 0; i < p->n_cols; i++)
        k[i] = (keyed){key_of(m, &p->cols[i]), i};
    qsort(k, (size_t)p->n_cols, sizeof *k, keyed_cmp);
    return k;
}

static int find_key(const keyed *k, int n, const colkey *key)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int c = key_cmp(&k[mid].key, key);
        if (c == 0)
            return k[mid].col;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* A growing program: the stochastic builder's own appenders (lp.c's
 * are private to the one-model builder). */
typedef struct sbuild {
    be_program *p;
    size_t col_cap, row_cap;
    int failed;
} sbuild;

static int s_add_col(sbuild *b, const be_col *c, int node, int src)
{
    be_program *p = b->p;
    size_t cap = b->col_cap, c2 = b->col_cap, c3 = b->col_cap;
    if (b->failed || p->n_cols >= 2000000000 ||
        !be__grow((void **)&p->cols, &cap, (size_t)p->n_cols + 1,
                 sizeof *p->cols) ||
        !be__grow((void **)&p->col_node, &c2, (size_t)p->n_cols + 1,
                 sizeof *p->col_node) ||
        !be__grow((void **)&p->col_src, &c3, (size_t)p->n_cols + 1,
                 sizeof *p->col_src)) {
        b->failed = 1;
        return -1;
    }
    b->col_cap = cap;
    p->cols[p->n_cols] = *c;
    p->col_node[p->n_cols] = node;
    p->col_src[p->n_cols] = src;
    return p->n_cols++;
}

static int s_add_row(sbuild *b, const be_row *r, int node, int src)
{
    be_program *p = b->p;
    size_t cap = b->row_cap, c2 = b->row_cap, c3 = b->row_cap;
    if (b->failed || p->n_rows >= 2000000000 ||
        !be__grow((void **)&p->rows, &cap, (size_t)p->n_rows + 1,
                 sizeof *p->rows) ||
        !be__grow((void **)&p->row_node, &c2, (size_t)p->n_rows + 1,
                 sizeof *p->row_node) ||
        !be__grow((void **)&p->row_src, &c3, (size_t)p->n_rows + 1,
                 sizeof *p->row_src)) {
        b->failed = 1;
        return -1;
    }
    b->row_cap = cap;
    p->rows[p->n_rows] = *r;
    p->row_node[p->n_rows] = node;
    p->row_src[p->n_rows] = src;
    return p->n_rows++;
}

static void s_add_entry(sbuild *b, int row, int col, double v)
{
    if (!b->failed && !be__program_add_entry(b->p, row, col, v))
        b->failed = 1;
}

/* The entries of program q by row: entry indices order[start[i] ..
 * start[i+1]) are row i's. */
static int by_row(const be_program *q, int **start, size_t **order)
{
    *start = be__calloc((size_t)q->n_rows + 1, sizeof **start);
    *order = be__calloc(q->nnz + 1, sizeof **order);
    if (!*start || !*order)
        return 0;
    for (size_t e = 0; e < q->nnz; e++)
        (*start)[q->mi[e] + 1]++;
    for (int i = 0; i < q->n_rows; i++)
        (*start)[i + 1] += (*start)[i];
    int *fill = be__calloc((size_t)q->n_rows + 1, sizeof *fill);
    if (!fill)
        return 0;
    for (size_t e = 0; e < q->nnz; e++) {
        int i = q->mi[e];
        (*order)[(size_t)(*start)[i] + (size_t)fill[i]++] = e;
    }
    free(fill);
    return 1;
}

/* The risk columns and rows: minimise (1 - w) E[cost] + w CVaR_alpha,
 * CVaR = min over eta of eta + E[max(0, cost - eta)] / (1 - alpha)
 * (Rockafellar and Uryasev 2000); eta is free, as var_plus - var_minus. */
static void add_risk(sbuild *b, const be_model *m)
{
    be_program *p = b->p;
    int S = m->n_scenarios, T = m->T;
    double w = m->risk_weight, a = m->cvar_alpha;
    be_col var = {BE_COL_VAR, -1, -1, T - 1, 0, 0, w, INFINITY, -1};
    int plus = s_add_col(b, &var, -1, 0);
    var.age = 1;
    var.cost = -w;
    int minus = s_add_col(b, &var, -1, 1);
    for (int s = 0; s < S && !b->failed; s++) {
        const be_program *q = p->scen[s];
        be_col ex = {BE_COL_EXCESS, -1, s, T - 1, -1, 0,
                     w * m->scenarios[s].probability / (1.0 - a), INFINITY,
                     -1};
        int col = s_add_col(b, &ex, -1, s);
        be_row risk = {BE_ROW_RISK, -1, s, T - 1, -1, 'L', -q->obj_const, -1};
        int row = s_add_row(b, &risk, -1, s);
        for (int c = 0; c < q->n_cols; c++)
            s_add_entry(b, row, p->scen_map[s][c], q->cols[c].cost);
        s_add_entry(b, row, plus, -1.0);
        s_add_entry(b, row, minus, 1.0);
        s_add_entry(b, row, col, -1.0);
    }
}

be_program *be__stochastic_build(const be_model *m, int integer,
                                 be_error *err)
{
    be_pos nowhere = {0, 0};
    int S = m->n_scenarios, T = m->T;
    be_program *p = be__calloc(1, sizeof *p);
    keyed **keys = be__calloc((size_t)S, sizeof *keys);
    sbuild b = {p, 0, 0, 0};
    int *start = NULL;
    size_t *order = NULL;
    if (!p || !keys)
        goto nomem;
    p->integer = integer;
    p->n_scen = S;
    p->scen = be__calloc((size_t)S, sizeof *p->scen);
    p->scen_map = be__calloc((size_t)S, sizeof *p->scen_map);
    if (!p->scen || !p->scen_map)
        goto nomem;
    for (int s = 0; s < S; s++) {
        const be_model *ms = m->scenarios[s].model;
        p->scen[s] = be__cohort_build(ms, integer, err);
        if (!p->scen[s])
            goto fail;
        p->scen_map[s] = be__calloc((size_t)p->scen[s]->n_cols + 1,
                                    sizeof **p->scen_map);
        keys[s] = sorted_keys(ms, p->scen[s]);
        if (!p->scen_map[s] || !keys[s])
            goto nomem;
    }
    double keep = m->has_risk ? 1.0 - m->risk_weight : 1.0;
    for (int s = 0; s < S; s++) {
        const be_model *ms = m->scenarios[s].model;
        const be_program *q = p->scen[s];
        double ps = m->scenarios[s].probability;
        p->obj_const += keep * ps * q->obj_const;
        for (int c = 0; c < q->n_cols; c++) {
            const be_col *col = &q->cols[c];
            int node = m->node_of[s * T + col->period];
            int r = m->node_first[node];
            int at;
            if (r == s) {
                at = s_add_col(&b, col, node, c);
                if (at >= 0)
                    p->cols[at].cost = keep * ps * col->cost;
            } else {
                colkey key = key_of(ms, col);
                int rc = find_key(keys[r], p->scen[r]->n_cols, &key);
                if (rc < 0) {
                    be__fail(err, BE_ESOLVER, m->file, nowhere,
                             "scenarios '%s' and '%s' share the decisions "
                             "of %s but not their programs (an error in "
                             "the information rule)", m->scenarios[r].name,
                             m->scenarios[s].name, m->labels[col->period]);
                    goto fail;
                }
                at = p->scen_map[r][rc];
                p->cols[at].cost += keep * ps * col->cost;
                p->cols[at].upper = fmin(p->cols[at].upper, col->upper);
            }
            p->scen_map[s][c] = at;
        }
        if (b.failed)
            goto nomem;
    }
    for (int s = 0; s < S; s++) {
        const be_program *q = p->scen[s];
        free(start);
        free(order);
        if (!by_row(q, &start, &order))
            goto nomem;
        for (int i = 0; i < q->n_rows; i++) {
            int node = m->node_of[s * T + q->rows[i].period];
            if (m->node_first[node] != s)
                continue;
            int row = s_add_row(&b, &q->rows[i], node, i);
            for (int e = start[i]; e < start[i + 1]; e++) {
                size_t x = order[e];
                s_add_entry(&b, row, p->scen_map[s][q->mj[x]], q->mv[x]);
            }
        }
    }
    if (m->has_risk && m->risk_weight > 0.0)
        add_risk(&b, m);
    if (b.failed)
        goto nomem;
    free(start);
    free(order);
    for (int s = 0; s < S; s++)
        free(keys[s]);
    free(keys);
    return p;
nomem:
    be__fail(err, BE_ENOMEM, m->file, nowhere,
             "out of memory while building the stochastic program");
fail:
    free(start);
    free(order);
    for (int s = 0; keys && s < S; s++)
        free(keys[s]);
    free(keys);
    be__program_free(p);
    return NULL;
}

/* A node's name in column names: "" for a node of every scenario, its
 * scenario's name for one, the names joined by '+' for a few, and the
 * first name and '&' and how many more when that is long (names have no
 * '+' or '&', so these are unique within a period). */
static void node_name(const be_model *m, int n, char *buf, size_t size)
{
    *buf = '\0';
    if (m->node_size[n] == m->n_scenarios)
        return;
    int t = m->node_period[n], first = m->node_first[n];
    size_t len = 0;
    for (int s = first; s < m->n_scenarios; s++) {
        if (m->node_of[s * m->T + t] != n)
            continue;
        size_t add = strlen(m->scenarios[s].name) + (len ? 1 : 0);
        if (len + add >= 40 || len + add >= size) {
            snprintf(buf, size, "%s&%d", m->scenarios[first].name,
                     m->node_size[n] - 1);
            return;
        }
        snprintf(buf + len, size - len, "%s%s", len ? "+" : "",
                 m->scenarios[s].name);
        len += add;
    }
}

/* "what[...]" of the node's first scenario, with ",node" before the ']'. */
static char *with_node(const be_model *m, int n, char *buf, size_t size)
{
    char node[80];
    node_name(m, n, node, sizeof node);
    size_t len = strlen(buf);
    if (*node && len > 0 && buf[len - 1] == ']') {
        buf[len - 1] = '\0';
        snprintf(buf + len - 1, size - (len - 1), ",%s]", node);
    }
    return buf;
}

char *be__stochastic_col_name(const be_model *m, const be_program *p, int i,
                              char *buf, size_t size)
{
    const be_col *c = &p->cols[i];
    int n = p->col_node[i];
    if (c->kind == BE_COL_VAR) {
        snprintf(buf, size, c->age ? "var_minus" : "var_plus");
        return buf;
    }
    if (c->kind == BE_COL_EXCESS) {
        snprintf(buf, size, "excess[%s]", m->scenarios[c->cohort].name);
        return buf;
    }
    int r = m->node_first[n];
    be__cohort_col_name(m->scenarios[r].model, p->scen[r], p->col_src[i], buf,
                        size);
    return with_node(m, n, buf, size);
}

char *be__stochastic_row_name(const be_model *m, const be_program *p, int i,
                              char *buf, size_t size)
{
    const be_row *r = &p->rows[i];
    if (r->kind == BE_ROW_RISK) {
        snprintf(buf, size, "risk[%s]", m->scenarios[r->cohort].name);
        return buf;
    }
    if (r->kind == BE_ROW_FIX) {
        char col[300];
        be__stochastic_col_name(m, p, r->cohort, col, sizeof col);
        snprintf(buf, size, "fix[%s]", col);
        return buf;
    }
    int n = p->row_node[i], f = m->node_first[n];
    be__cohort_row_name(m->scenarios[f].model, p->scen[f], p->row_src[i], buf,
                        size);
    return with_node(m, n, buf, size);
}

/* ------------------------------------------------------------------ */
/* The answer: a plan per scenario                                     */
/* ------------------------------------------------------------------ */

be_code be__stochastic_plans(const be_model *m, const be_program *p,
                             const double *x, be_solution *sol,
                             be_error *err)
{
    be_pos nowhere = {0, 0};
    int S = m->n_scenarios;
    be_code rc = BE_ENOMEM;
    sol->scenario_plan = be__calloc((size_t)S, sizeof *sol->scenario_plan);
    sol->scenario_eval = be__calloc((size_t)S, sizeof *sol->scenario_eval);
    double *cost = be__calloc((size_t)S, sizeof *cost);
    double *prob = be__calloc((size_t)S, sizeof *prob);
    if (!sol->scenario_plan || !sol->scenario_eval || !cost || !prob)
        goto done;
    sol->scenarios = S;
    sol->expected_cost = 0.0;
    for (int s = 0; s < S; s++) {
        const be_model *ms = m->scenarios[s].model;
        const be_program *q = p->scen[s];
        double *xs = be__calloc((size_t)q->n_cols + 1, sizeof *xs);
        if (!xs)
            goto done;
        for (int c = 0; c < q->n_cols; c++)
            xs[c] = x[p->scen_map[s][c]];
        sol->scenario_plan[s] = be__program_plan(ms, q, xs, sol->integer);
        free(xs);
        if (!sol->scenario_plan[s])
            goto done;
        sol->scenario_plan[s]->relaxed = !sol->integer;
        sol->scenario_eval[s] = be_evaluate(ms, sol->scenario_plan[s], err);
        if (!sol->scenario_eval[s]) {
            rc = err ? err->code : BE_ENOMEM;
            goto done;
        }
        cost[s] = sol->scenario_eval[s]->cost.total;
        prob[s] = m->scenarios[s].probability;
        sol->expected_cost += prob[s] * cost[s];
    }
    sol->cvar = m->has_risk ? be_cvar(S, cost, prob, m->cvar_alpha) : NAN;
    rc = BE_OK;
done:
    free(cost);
    free(prob);
    if (rc == BE_ENOMEM)
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    return rc;
}
