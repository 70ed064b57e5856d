/*
 * scenarios.c -- models with scenarios (docs/uncertainty.md): the tree of
 * shared decisions that follows from the data (be__scenarios_finish), its
 * accessors (be_model_scenario*, be_model_node*), and CVaR.  The
 * stochastic program built on the tree is program/stochastic.c.
 *
 * The information rule.  The data of period t (demand, energy price,
 * power cap, budget, and per device whether it can be bought or rented
 * then, at what price and rent) become known at the start of t.  A
 * device's constant values (throughput, power, lifetime, O&M, resale)
 * become known in the first period in which it can be bought or rented in
 * any scenario, or in period 0 if it is in the fleet; the other values
 * (discount rate, PUE, utilization, finance) in period 0.  Two scenarios
 * share the decisions of period t when every datum known by the start of
 * t is the same in both (compared exactly: the same number in the file is
 * the same double).  Agreeing through t is an equivalence, and agreeing
 * through t implies agreeing through t - 1, so the classes of each period
 * refine those of the period before: a tree (a forest when the scenarios
 * differ from period 0).
 *
 */
#include "model/rules.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* The tree                                                            */
/* ------------------------------------------------------------------ */

static int same_array(const double *a, const double *b, int n)
{
    if (!a || !b)
        return a == b;
    for (int i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

static int same_constants(const be_device *a, const be_device *b, int W)
{
    if (!same_array(a->serve, b->serve, W))
        return 0;
    if (a->throughput != b->throughput || a->power_kw != b->power_kw ||
        a->lifetime != b->lifetime || a->life != b->life ||
        a->n_years != b->n_years || a->resale_kind != b->resale_kind ||
        a->resale_fraction != b->resale_fraction ||
        a->resale_half_life != b->resale_half_life)
        return 0;
    if (!same_array(a->om, b->om, a->n_years))
        return 0;
    return a->resale_kind != BE_RESALE_LIST ||
           same_array(a->resale, b->resale, a->n_years);
}

/* 1 when a and b have the same data of period t. */
static int same_period(const be_model *a, const be_model *b, int t)
{
    for (int w = 0; w < a->W; w++)
        if (be__demand(a, w, t) != be__demand(b, w, t) ||
            be__market(a, w, t) != be__market(b, w, t) ||
            be__price(a, w, t) != be__price(b, w, t))
            return 0;
    if (a->energy_price[t] != b->energy_price[t] ||
        be__power_cap(a, t) != be__power_cap(b, t) ||
        be__budget(a, t) != be__budget(b, t))
        return 0;
    for (int k = 0; k < a->n_devices; k++) {
        const be_device *x = &a->devices[k], *y = &b->devices[k];
        int sx = be_model_device_can_buy(a, k, t);
        int sy = be_model_device_can_buy(b, k, t);
        if (sx != sy)
            return 0;
        if (!sx)
            continue;
        if (x->buyable && x->price[t] != y->price[t])
            return 0;
        if (x->rented && x->rent[t] != y->rent[t])
            return 0;
    }
    return 1;
}

/* The first period in which scenarios a and b may decide otherwise. */
static int part_period(const be_model *m, const int *known, int a, int b)
{
    const be_model *x = m->scenarios[a].model, *y = m->scenarios[b].model;
    int T = m->T, part = T;
    if (x->discount_rate != y->discount_rate || x->pue != y->pue ||
        x->utilization != y->utilization || x->has_tax != y->has_tax ||
        (x->has_tax && (x->tax_rate != y->tax_rate ||
                        x->depreciation_years != y->depreciation_years)))
        return 0;
    for (int k = 0; k < m->n_devices; k++)
        if (known[k] < part &&
            !same_constants(&x->devices[k], &y->devices[k], m->W))
            part = known[k];
    for (int t = 0; t < part; t++)
        if (!same_period(x, y, t))
            return t;
    return part;
}

be_code be__scenarios_finish(be_model *m, be_error *err)
{
    be_pos nowhere = {0, 0};
    int S = m->n_scenarios, T = m->T, K = m->n_devices;
    int *known = be__calloc((size_t)K, sizeof *known);
    m->node_of = be__calloc((size_t)S * (size_t)T, sizeof *m->node_of);
    /* at most S nodes a period */
    size_t most = (size_t)S * (size_t)T;
    m->node_period = be__calloc(most, sizeof *m->node_period);
    m->node_parent = be__calloc(most, sizeof *m->node_parent);
    m->node_first = be__calloc(most, sizeof *m->node_first);
    m->node_size = be__calloc(most, sizeof *m->node_size);
    int *part = be__calloc((size_t)S * (size_t)S, sizeof *part);
    if (!known || !m->node_of || !m->node_period || !m->node_parent ||
        !m->node_first || !m->node_size || !part) {
        free(known);
        free(part);
        return be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    }
    for (int k = 0; k < K; k++) {
        known[k] = T;
        for (int f = 0; f < m->n_fleet; f++)
            if (m->fleet[f].device == k)
                known[k] = 0;
        for (int s = 0; s < S; s++)
            for (int t = 0; t < known[k]; t++)
                if (be_model_device_can_buy(m->scenarios[s].model, k, t)) {
                    known[k] = t;
                    break;
                }
    }
    for (int a = 0; a < S; a++)
        for (int b = a + 1; b < S; b++)
            part[a * S + b] = part[b * S + a] = part_period(m, known, a, b);
    int n = 0;
    for (int t = 0; t < T; t++) {
        for (int s = 0; s < S; s++) {
            int r = 0;
            while (r < s && part[r * S + s] <= t)
                r++;
            if (r == s) {
                m->node_period[n] = t;
                m->node_parent[n] = t > 0 ? m->node_of[s * T + t - 1] : -1;
                m->node_first[n] = s;
                m->node_of[s * T + t] = n++;
            } else {
                m->node_of[s * T + t] = m->node_of[r * T + t];
            }
            m->node_size[m->node_of[s * T + t]]++;
        }
    }
    m->n_nodes = n;
    free(known);
    free(part);

    /* the demand the bounds use (lp.c "Bounds"): the largest market (the
     * demand without one) of all */
    for (int s = 0; s < S; s++) {
        be_model *x = m->scenarios[s].model;
        int W = m->W;
        x->bound_demand = be__calloc((size_t)W * (size_t)T,
                                     sizeof *x->bound_demand);
        if (!x->bound_demand)
            return be__fail(err, BE_ENOMEM, m->file, nowhere,
                            "out of memory");
        for (int w = 0; w < W; w++)
            for (int t = 0; t < T; t++)
                for (int r = 0; r < S; r++)
                    x->bound_demand[(size_t)w * T + t] =
                        fmax(x->bound_demand[(size_t)w * T + t],
                             be__market(m->scenarios[r].model, w, t));
    }
    return BE_OK;
}

int be_model_scenarios(const be_model *m)
{
    return m->n_scenarios;
}

static int bad_scenario(const be_model *m, int s)
{
    return s < 0 || s >= m->n_scenarios;
}

const char *be_model_scenario_name(const be_model *m, int s)
{
    return bad_scenario(m, s) ? NULL : m->scenarios[s].name;
}

double be_model_scenario_probability(const be_model *m, int s)
{
    return bad_scenario(m, s) ? 0.0 : m->scenarios[s].probability;
}

const be_model *be_model_scenario(const be_model *m, int s)
{
    return bad_scenario(m, s) ? NULL : m->scenarios[s].model;
}

int be_model_scenarios_part(const be_model *m, int a, int b)
{
    if (bad_scenario(m, a) || bad_scenario(m, b))
        return -1;
    int t = 0;
    while (t < m->T && m->node_of[a * m->T + t] == m->node_of[b * m->T + t])
        t++;
    return t;
}

int be_model_first_branch(const be_model *m)
{
    if (!m->n_scenarios)
        return -1;
    int t = 0;
    while (t < m->T && m->node_size[m->node_of[t]] == m->n_scenarios)
        t++;
    return t;
}

int be_model_nodes(const be_model *m)
{
    return m->n_nodes;
}

int be_model_scenario_node(const be_model *m, int s, int t)
{
    if (bad_scenario(m, s) || t < 0 || t >= m->T)
        return -1;
    return m->node_of[s * m->T + t];
}

static int bad_node(const be_model *m, int n)
{
    return n < 0 || n >= m->n_nodes;
}

int be_model_node_period(const be_model *m, int n)
{
    return bad_node(m, n) ? -1 : m->node_period[n];
}

int be_model_node_parent(const be_model *m, int n)
{
    return bad_node(m, n) ? -1 : m->node_parent[n];
}

int be_model_node_first(const be_model *m, int n)
{
    return bad_node(m, n) ? -1 : m->node_first[n];
}

int be_model_risk(const be_model *m, double *alpha, double *weight)
{
    if (!m->has_risk)
        return 0;
    if (alpha)
        *alpha = m->cvar_alpha;
    if (weight)
        *weight = m->risk_weight;
    return 1;
}

/* ------------------------------------------------------------------ */
/* CVaR                                                                */
/* ------------------------------------------------------------------ */

typedef struct weighted {
    double cost, p;
} weighted;

static int by_cost_down(const void *a, const void *b)
{
    double x = ((const weighted *)a)->cost, y = ((const weighted *)b)->cost;
    return (x < y) - (x > y);
}

double be_cvar(int n, const double *cost, const double *p, double alpha)
{
    if (n <= 0 || !(alpha >= 0.0 && alpha < 1.0))
        return NAN;
    weighted *w = be__calloc((size_t)n, sizeof *w);
    if (!w)
        return NAN;
    for (int i = 0; i < n; i++)
        w[i] = (weighted){cost[i], p[i]};
    qsort(w, (size_t)n, sizeof *w, by_cost_down);
    double tail = 1.0 - alpha, left = tail, sum = 0.0;
    for (int i = 0; i < n && left > 0.0; i++) {
        double take = w[i].p < left ? w[i].p : left;
        sum += take * w[i].cost;
        left -= take;
    }
    free(w);
    /* probabilities sum to 1 within 1e-9: what is left is rounding */
    return sum / (tail - (left > 0.0 ? left : 0.0));
}
