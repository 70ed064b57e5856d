/*
 * test_workloads.c -- workloads (docs/workloads.md): work with its own
 * demand and price, served by the devices that can serve it, each unit's
 * time split between workloads by continuous shares.
 *
 * What is checked:
 *  - reading: the errors of a workload model, one located line each;
 *  - one workload written out: every model and example of the repository
 *    rewritten with an explicit `workloads:` list of one workload (its
 *    demand and revenue moved into it) builds the same program and has
 *    the same optimum, to 1e-9;
 *  - the same throughput everywhere: a model whose devices have one
 *    throughput for every workload has the optimum of the one-workload
 *    model with the summed demand (and market), LP and whole units;
 *  - random workload models (devices serving one workload or several,
 *    revenue on some workloads, whole units or not): the objective is the
 *    evaluated cost of the solve's own plan; every workload's demand is met
 *    in the evaluator's accounting and the shares fit the units in
 *    service; the plan's holdings split again by be_plan_split (a small LP
 *    of its own, no GLPK) are worth exactly the optimum; the baselines are
 *    priced and, for whole units, the reported bound is below the cost of
 *    every plan known.
 */
#include "check.h"
#include "random_text.h"
#include "model/model.h"
#include "model/rules.h"
#include "plans/plans.h"
#include "program/lp.h"
#include "rounding_check.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading ---- */

#define WL_HEAD                                                           \
    "breakeven: 1\n"                                                      \
    "horizon: {start: 2026, periods: 3, period: year}\n"

static void expect_error(const char *text, int line, int col, const char *msg)
{
    be_error err;
    be_model *m = be_model_load_string(text, strlen(text), "wl.yaml", NULL,
                                       &err);
    CHECK(m == NULL);
    be_model_free(m);
    if (m)
        return;
    CHECK(err.code == BE_EMODEL);
    CHECK(err.line == line);
    CHECK(err.column == col);
    if (strcmp(err.message, msg) != 0 || err.line != line ||
        err.column != col)
        fprintf(stderr, "  got      %d:%d \"%s\"\n  expected %d:%d \"%s\"\n",
                err.line, err.column, err.message, line, col, msg);
    CHECK_STR(err.message, msg);
}

static void test_workloads_errors(void)
{
    expect_error(WL_HEAD
                 "demand: 1\n"
                 "workloads: [{name: a, demand: 1}]\n"
                 "devices: [{name: x, throughput: 1, lifetime: 3, price: 1}]\n",
                 3, 1,
                 "'demand' is not allowed beside `workloads`: each workload "
                 "has its own demand (move it into a workload: workloads: "
                 "[{name: ..., demand: ...}])");
    expect_error(WL_HEAD
                 "workloads: [{name: a, demand: 1}]\n"
                 "revenue: {price: 1}\n"
                 "devices: [{name: x, throughput: 1, lifetime: 3, price: 1}]\n",
                 4, 1,
                 "'revenue' is not allowed beside `workloads`: each workload "
                 "sells its own work (move it into the workloads whose work "
                 "is sold)");
    expect_error(WL_HEAD
                 "workloads: [{name: a, demand: 1}, {name: a, demand: 2}]\n"
                 "devices: [{name: x, throughput: 1, lifetime: 3, price: 1}]\n",
                 3, 42, "duplicate workload name 'a' (first at line 3)");
    expect_error(WL_HEAD
                 "workloads: []\n"
                 "devices: [{name: x, throughput: 1, lifetime: 3, price: 1}]\n",
                 3, 12,
                 "workloads must be a list of at least one workload, found "
                 "an empty list");
    expect_error(WL_HEAD
                 "workloads:\n"
                 "  - {name: training, demand: 1}\n"
                 "  - {name: inference, demand: 1}\n"
                 "devices:\n"
                 "  - {name: x, throughput: {training: 1, inferense: 2},\n"
                 "     lifetime: 3, price: 1}\n",
                 7, 41,
                 "device 'x': throughput names workload 'inferense', which "
                 "is not in `workloads`; did you mean 'inference'?");
    expect_error(WL_HEAD
                 "workloads:\n"
                 "  - {name: training, demand: 1}\n"
                 "  - {name: inference, demand: 1}\n"
                 "devices:\n"
                 "  - {name: x, throughput: {training: 1}, lifetime: 3,\n"
                 "     price: 1}\n",
                 5, 5,
                 "workload 'inference' has demand, but no device can serve "
                 "it (give a device's throughput a 'inference' entry)");
    expect_error(WL_HEAD
                 "workloads: [{name: a, demand: 1}]\n"
                 "devices: [{name: x, throughput: {}, lifetime: 3, price: 1}]\n",
                 4, 33,
                 "device 'x': throughput lists no workload: the device could "
                 "serve nothing (give at least one workload's throughput)");
    expect_error(WL_HEAD
                 "demand: 1\n"
                 "devices: [{name: x, throughput: {a: 1}, lifetime: 3, "
                 "price: 1}]\n",
                 4, 33,
                 "device 'x': throughput is a mapping of workloads, but the "
                 "model has no `workloads` (give one number, or list the "
                 "workloads)");
    expect_error(WL_HEAD
                 "workloads: [{name: a, demand: 1}]\n"
                 "devices: [{name: x, throughput: {a: 0}, lifetime: 3, "
                 "price: 1}]\n",
                 4, 37,
                 "device 'x': throughput.a must be greater than 0, found 0");
    expect_error(WL_HEAD
                 "workloads:\n"
                 "  - name: a\n"
                 "    demand: 2\n"
                 "    revenue: {price: 1, market: [3, 1, 3]}\n"
                 "devices: [{name: x, throughput: 1, lifetime: 3, price: 1}]\n",
                 6, 37,
                 "workload 'a' revenue.market for 2027 is 1, below that "
                 "period's demand of 2: the market must hold the demand (the "
                 "work that must be served is sold too)");
    expect_error(WL_HEAD
                 "workloads: [{name: a, demand: 1, price: 2}]\n"
                 "devices: [{name: x, throughput: 1, lifetime: 3, price: 1}]\n",
                 3, 34,
                 "unknown key 'price' in workload 'a' (expected one of: name, "
                 "demand, revenue)");
    /* a workload no device serves is fine while it asks for nothing */
    const char *ok = WL_HEAD
                     "workloads: [{name: a, demand: 1}, {name: b, demand: 0}]\n"
                     "devices: [{name: x, throughput: {a: 2}, lifetime: 3,"
                     " price: 1}]\n";
    be_error err;
    be_model *m = be_model_load_string(ok, strlen(ok), "ok.yaml", NULL, &err);
    CHECK(m != NULL);
    if (m) {
        CHECK(be_model_workloads(m) == 2);
        CHECK(be_model_has_workloads(m));
        CHECK_STR(be_model_workload_name(m, 1), "b");
        CHECK(be_model_find_workload(m, "a") == 0);
        CHECK(be_model_device_serves(m, 0, 0) == 2.0);
        CHECK(be_model_device_serves(m, 0, 1) == 0.0);
    }
    be_model_free(m);
}

/* --set and scenario paths reach workloads by name. */
static void test_workloads_set_paths(void)
{
    const char *text = WL_HEAD
        "workloads:\n"
        "  - {name: training, demand: {start: 10, growth: 0.5}}\n"
        "  - {name: inference, demand: 4}\n"
        "devices:\n"
        "  - {name: b200, throughput: {training: 3, inference: 15},"
        " lifetime: 3, price: 1}\n";
    const char *set[] = {"workloads.training.demand.growth=1",
                         "devices.b200.throughput.inference=30"};
    be_load_options opt;
    be_load_options_init(&opt);
    opt.overrides = set;
    opt.n_overrides = 2;
    be_error err;
    be_model *m = be_model_load_string(text, strlen(text), "set.yaml", &opt,
                                       &err);
    REQUIRE(m != NULL);
    CHECK(be_model_workload_demand(m, 0, 2) == 40.0);   /* 10 * 2^2 */
    CHECK(be_model_device_serves(m, 0, 1) == 30.0);
    CHECK(be_model_device_serves(m, 0, 0) == 3.0);
    be_model_free(m);
    const char *bad[] = {"workloads.trainig.demand=1"};
    opt.overrides = bad;
    opt.n_overrides = 1;
    m = be_model_load_string(text, strlen(text), "set.yaml", &opt, &err);
    CHECK(m == NULL);
    CHECK_STR(err.message, "--set workloads.trainig.demand: no workload "
                           "named like 'trainig'");
    be_model_free(m);
}

/* ---- one workload written out ---- */

/* text with its top-level `demand:` line replaced by a list of one
 * workload holding it, and its top-level `revenue:` block (if any) moved
 * into that workload; scenario paths follow.  NULL when out of memory. */
static char *one_workload(const char *text)
{
    size_t n = strlen(text);
    char *out = malloc(2 * n + 256), *rev = malloc(2 * n + 256);
    if (!out || !rev) {
        free(out);
        free(rev);
        return NULL;
    }
    size_t o = 0, r = 0;
    const char *p = text;
    /* first pass: the revenue block, re-indented by four */
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) + 1 : strlen(p);
        if (strncmp(p, "revenue:", 8) == 0) {
            memcpy(rev + r, "    ", 4);
            r += 4;
            memcpy(rev + r, p, len);
            r += len;
            const char *q = p + len;
            while (*q == ' ' || *q == '#') {
                const char *f = strchr(q, '\n');
                size_t l2 = f ? (size_t)(f - q) + 1 : strlen(q);
                if (*q == ' ') {
                    memcpy(rev + r, "    ", 4);
                    r += 4;
                    memcpy(rev + r, q, l2);
                    r += l2;
                }
                q += l2;
            }
            break;
        }
        p += len;
    }
    int in_revenue = 0, in_scenarios = 0;
    for (p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) + 1 : strlen(p);
        if (*p != ' ' && *p != '#' && *p != '\n')
            in_revenue = strncmp(p, "revenue:", 8) == 0;
        if (*p != ' ' && *p != '#' && *p != '\n')
            in_scenarios = strncmp(p, "scenarios:", 10) == 0;
        if (in_revenue) {
            p += len;
            continue;
        }
        if (strncmp(p, "demand:", 7) == 0) {
            const char *head = "workloads:\n  - name: all\n    ";
            memcpy(out + o, head, strlen(head));
            o += strlen(head);
            memcpy(out + o, p, len);
            o += len;
            memcpy(out + o, rev, r);
            o += r;
        } else if (in_scenarios) {
            /* set paths: demand.x -> workloads.all.demand.x, and revenue */
            for (size_t i = 0; i < len; i++) {
                int word = i == 0 || p[i - 1] == ' ' || p[i - 1] == '{';
                if (word && strncmp(p + i, "demand.", 7) == 0) {
                    memcpy(out + o, "workloads.all.", 14);
                    o += 14;
                } else if (word && strncmp(p + i, "revenue.", 8) == 0) {
                    memcpy(out + o, "workloads.all.", 14);
                    o += 14;
                }
                out[o++] = p[i];
            }
        } else {
            memcpy(out + o, p, len);
            o += len;
        }
        p += len;
    }
    out[o] = '\0';
    free(rev);
    return out;
}

static double optimum(const be_model *m, int relax, be_status *status)
{
    be_settings s;
    be_settings_init(&s);
    s.relax = relax;
    s.time_limit = 20;
    be_error err;
    be_solution *sol = be_solve(m, &s, &err);
    double v = sol ? sol->objective : NAN;
    *status = sol ? sol->status : BE_NO_PLAN;
    be_solution_free(sol);
    return v;
}

static void same_as_one_workload(const char *path, int *n, int *mips)
{
    size_t len;
    be_error err;
    char *text = be_read_file(path, 1 << 20, &len, &err);
    REQUIRE(text != NULL);
    if (strstr(text, "\nworkloads:")) {     /* already several */
        free(text);
        return;
    }
    char *w = one_workload(text);
    REQUIRE(w != NULL);
    be_model *a = be_model_load_string(text, len, path, NULL, &err);
    be_model *b = be_model_load_string(w, strlen(w), path, NULL, &err);
    if (!b)
        fprintf(stderr, "%s rewritten: %s (line %d)\n%s\n", path, err.message,
                err.line, w);
    CHECK(a != NULL && b != NULL);
    if (a && b) {
        CHECK(be_model_has_workloads(b) && be_model_workloads(b) == 1);
        CHECK(be_model_scenarios(a) == be_model_scenarios(b));
        /* the same program, column by column and row by row */
        be_program *pa = be__program_build(a, a->integer, &err);
        be_program *pb = be__program_build(b, b->integer, &err);
        CHECK(pa && pb && be__program_same_shape(pa, pb));
        for (int j = 0; pa && pb && j < pa->n_cols && j < pb->n_cols; j++)
            CHECK(pa->cols[j].cost == pb->cols[j].cost &&
                  pa->cols[j].upper == pb->cols[j].upper);
        CHECK(pa && pb && pa->obj_const == pb->obj_const);
        be__program_free(pa);
        be__program_free(pb);
        be_status sa, sb;
        double va = optimum(a, 1, &sa), vb = optimum(b, 1, &sb);
        CHECK(sa == sb);
        if (sa == BE_OPTIMAL)
            CHECK_CLOSE(va, vb, 1e-9);
        if (be_model_is_integer(a) && be_model_scenarios(a) == 0 &&
            be_model_periods(a) <= 12) {
            va = optimum(a, 0, &sa);
            vb = optimum(b, 0, &sb);
            CHECK(sa == sb);
            if (sa == BE_OPTIMAL)
                CHECK_CLOSE(va, vb, 1e-9);
            (*mips)++;
        }
        (*n)++;
    }
    be_model_free(a);
    be_model_free(b);
    free(w);
    free(text);
}

static void test_workloads_one_is_as_before(void)
{
    static const char *const dirs[] = {"models", "examples"};
    int n = 0, mips = 0;
    for (int d = 0; d < 2; d++) {
        DIR *dir = opendir(dirs[d]);
        REQUIRE(dir != NULL);
        struct dirent *e;
        char *names[256];
        int k = 0;
        while ((e = readdir(dir)) && k < 256) {
            size_t l = strlen(e->d_name);
            if (l > 5 && strcmp(e->d_name + l - 5, ".yaml") == 0)
                names[k++] = be__strdup(e->d_name);
        }
        closedir(dir);
        for (int i = 0; i < k; i++) {
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dirs[d], names[i]);
            same_as_one_workload(path, &n, &mips);
            free(names[i]);
        }
    }
    CHECK(n >= 15);
    printf("workloads: %d repository models as one explicit workload, the "
           "same program and optimum (%d also with whole units)\n", n, mips);
}

/* ---- random models ---- */

typedef struct wl_model {
    int kind, periods, W, devices, integer, revenue, cap, budget;
    double demand[3], growth[3], market[3], price;
} wl_model;

static const char *const wl_names[] = {"training", "inference", "batch"};

/* The shared part of a random model: horizon, energy, site, devices (the
 * throughput written by `thr`: same = one number for every workload). */
static void wl_head(text *y, const wl_model *g)
{
    static const char *const kinds[] = {"year", "quarter", "month"};
    add(y, "breakeven: 1\nname: random workloads\n");
    add(y, "horizon: {start: 2026, periods: %d, period: %s}\n", g->periods,
        kinds[g->kind]);
    add(y, "discount_rate: 0.07\n");
    add(y, "integer: %s\n", g->integer ? "true" : "false");
    add(y, "energy: {price: 0.12, pue: 1.3}\n");
    if (g->cap || g->budget) {
        add(y, "site: {");
        if (g->cap)
            add(y, "power_cap_kw: %g%s", 60.0 + 10.0 * g->periods,
                g->budget ? ", " : "");
        if (g->budget)
            add(y, "budget: %g", 400000.0);
        add(y, "}\n");
    }
}

/* A random workload model in y: devices serve one workload or several,
 * with their own throughputs; some workloads sell their work. */
static void random_workload_model(text *y, wl_model *g)
{
    y->n = 0;
    g->kind = pick(0, 2);
    g->periods = g->kind == 0 ? pick(3, 5) : g->kind == 1 ? pick(4, 8)
                                                          : pick(6, 12);
    g->W = pick(2, 3);
    g->integer = uniform() < 0.5;
    g->cap = uniform() < 0.3;
    g->budget = uniform() < 0.2;
    wl_head(y, g);
    add(y, "workloads:\n");
    for (int w = 0; w < g->W; w++) {
        add(y, "  - name: %s\n    demand: {start: %d, growth: %.2f}\n",
            wl_names[w], pick(2, 20), 0.1 + 0.5 * uniform());
        if (uniform() < 0.4)
            add(y, "    revenue: {price: %d, market: {start: %d, growth: "
                "%.2f}}\n", pick(500, 9000), pick(22, 40),
                0.2 + 0.5 * uniform());
    }
    int K = pick(2, 4);
    add(y, "devices:\n");
    for (int k = 0; k < K; k++) {
        add(y, "  - name: d%d\n    throughput: {", k);
        int any = 0;
        for (int w = 0; w < g->W; w++)
            /* the first device serves every workload: a plan exists */
            if (k == 0 || uniform() < 0.6) {
                add(y, "%s%s: %.2f", any ? ", " : "", wl_names[w],
                    0.5 + 4.0 * uniform());
                any = 1;
            }
        if (!any)
            add(y, "%s: 1", wl_names[pick(0, g->W - 1)]);
        add(y, "}\n");
        if (k < K - 1 || uniform() < 0.7) {
            add(y, "    power_kw: %.2f\n    lifetime: %d\n", 0.3 + uniform(),
                pick(2, 5));
            add(y, "    price: {start: %d, growth: %.2f}\n",
                pick(3000, 30000), -0.2 * uniform());
            add(y, "    om: %d\n", pick(100, 1500));
            add(y, "    resale: {fraction: 0.6, half_life: %.1f}\n",
                1.0 + 2.0 * uniform());
        } else {
            add(y, "    rent: %d\n", pick(8000, 30000));   /* rented */
        }
        static const char *const second[] = {"2027", "2026-Q2", "2026-02"};
        if (k > 0 && uniform() < 0.3)
            add(y, "    available: {from: %s}\n", second[g->kind]);
    }
    add(y, "fleet:\n  - {device: d0, count: %d, age: %d}\n", pick(0, 12),
        pick(0, 1));
}

/* The checks every solved workload model gets (see the top). */
static void check_workload_solve(const be_model *m, int *n_lp, int *n_split)
{
    be_settings s;
    be_settings_init(&s);
    s.time_limit = 10;
    be_error err;
    be_solution *sol = be_solve(m, &s, &err);
    REQUIRE(sol != NULL);
    if (!sol->plan || !sol->eval) {
        CHECK(sol->status == BE_INFEASIBLE || sol->status == BE_NO_PLAN);
        be_solution_free(sol);
        return;
    }
    const be_eval *e = sol->eval;
    int T = m->T, K = m->n_devices, W = m->W;
    CHECK_CLOSE(sol->objective, e->cost.total, 1e-7);
    CHECK(e->violation == BE_FEASIBLE_PLAN);
    for (int t = 0; t < T; t++) {
        for (int w = 0; w < W; w++)
            CHECK(e->workload_capacity[t * W + w] >=
                  e->served[t * W + w] -
                      1e-6 * fmax(1.0, e->served[t * W + w]));
        for (int k = 0; k < K; k++) {
            double used = 0.0;
            for (int w = 0; w < W; w++) {
                double a = e->share[((size_t)t * K + k) * W + w];
                CHECK(a >= 0.0);
                if (be__unit_capacity(m, k, w, t) <= 0.0)
                    CHECK(a <= 1e-9);
                used += a;
            }
            double n = e->in_service[t * K + k];
            CHECK(used <= n + 1e-6 * fmax(1.0, n));
        }
    }
    /* the holdings split again without the LP are worth the optimum: the
     * split is the best use of those units */
    be_plan *q = be__plan_copy(m, sol->plan);
    REQUIRE(q != NULL);
    memset(q->share, 0, (size_t)T * K * W * sizeof *q->share);
    memset(q->sell, 0, (size_t)T * W * sizeof *q->sell);
    CHECK(be_plan_split(m, q, &err) == BE_OK);
    be_eval *f = be_evaluate(m, q, &err);
    CHECK(f != NULL && f->violation == BE_FEASIBLE_PLAN);
    if (f)
        CHECK_CLOSE(f->cost.total, e->cost.total, 1e-6);
    (*n_split)++;
    be_eval_free(f);
    be_plan_free(q);
    /* the relaxation is no dearer, and the bound no higher than any plan
     * known (the baselines', priced by the evaluator) */
    if (sol->integer) {
        s.relax = 1;
        be_solution *lp = be_solve(m, &s, &err);
        CHECK(lp && lp->status == BE_OPTIMAL);
        if (lp && lp->status == BE_OPTIMAL)
            CHECK(lp->objective <= sol->objective +
                                       1e-6 * fmax(1.0, fabs(sol->objective)));
        be_solution_free(lp);
        for (int b = BE_BASELINE_END_OF_LIFE; b <= BE_BASELINE_ON_RELEASE; b++) {
            be_plan *bp = be_baseline_plan(m, (be_baseline)b, 0, &err);
            be_eval *be = bp ? be_evaluate(m, bp, &err) : NULL;
            CHECK(be != NULL);
            if (be && be->violation == BE_FEASIBLE_PLAN)
                CHECK(sol->bound <= be->cost.total +
                                        1e-6 * fmax(1.0, fabs(be->cost.total)));
            be_eval_free(be);
            be_plan_free(bp);
        }
    }
    (*n_lp)++;
    be_solution_free(sol);
}

static void test_workloads_random(void)
{
    int n = 0, loaded = 0, solved = 0, split = 0, rounded = 0;
    const char *env = getenv("BE_WL_MODELS");
    int count = env ? atoi(env) : 60;
    rng = 0x5eed20u;
    text y = {0};
    for (int i = 0; i < count; i++) {
        wl_model g;
        random_workload_model(&y, &g);
        be_error err;
        be_model *m = be_model_load_string(y.buf, y.n, "random.yaml", NULL,
                                           &err);
        n++;
        if (!m) {
            fprintf(stderr, "random workload model %d: %s\n%s\n", i,
                    err.message, y.buf);
            CHECK(m != NULL);
            continue;
        }
        loaded++;
        check_workload_solve(m, &solved, &split);
        /* tests/rounding_check.h, on the models of whole units */
        if (m->integer)
            rounded += rounding_check(m);
        be_model_free(m);
    }
    printf("workloads: %d random models, %d loaded, %d solved with a plan, "
           "%d split again to the same cost; %d rounded plans the same with "
           "and without the rounding's shortcut\n", n, loaded, solved, split,
           rounded);
    CHECK(solved >= n / 2);
    CHECK(rounded >= n / 4);
}

/* Devices with the same throughput for every workload: the optimum is
 * that of one workload with the summed demand, and the summed market at
 * the same price.  Each workload's demand and market below are whole
 * multiples of 1/4, so that the sums are exact. */
static void test_workloads_same_throughput(void)
{
    int n = 0, mips = 0;
    rng = 0x20aa11u;
    text a = {0}, b = {0};
    for (int i = 0; i < 40; i++) {
        wl_model g;
        g.kind = pick(0, 2);
        g.periods = g.kind == 0 ? pick(3, 5) : pick(4, 8);
        g.W = pick(2, 3);
        g.integer = uniform() < 0.5;
        g.cap = uniform() < 0.3;
        g.budget = uniform() < 0.2;
        g.revenue = uniform() < 0.5;
        g.price = pick(500, 9000);
        double sum_d = 0.0, sum_m = 0.0;
        for (int w = 0; w < g.W; w++) {
            g.demand[w] = 0.25 * pick(4, 60);
            g.market[w] = g.demand[w] + 0.25 * pick(0, 40);
            sum_d += g.demand[w];
            sum_m += g.market[w];
        }
        double growth = 0.125 * pick(0, 4);
        char devices[2048];
        size_t o = 0;
        int K = pick(2, 3);
        o += (size_t)snprintf(devices + o, sizeof devices - o, "devices:\n");
        for (int k = 0; k < K; k++)
            o += (size_t)snprintf(devices + o, sizeof devices - o,
                "  - {name: d%d, throughput: %.2f, power_kw: %.2f, "
                "lifetime: %d, price: %d, om: %d}\n", k,
                0.5 + 4.0 * uniform(), 0.3 + uniform(), pick(2, 5),
                pick(3000, 30000), pick(100, 1500));
        int fleet = pick(0, 10);
        /* one workload */
        a.n = 0;
        wl_head(&a, &g);
        add(&a, "demand: {start: %g, growth: %g}\n", sum_d, growth);
        if (g.revenue)
            add(&a, "revenue: {price: %g, market: {start: %g, growth: %g}}\n",
                g.price, sum_m, growth);
        add(&a, "%s", devices);
        add(&a, "fleet: [{device: d0, count: %d, age: 1}]\n", fleet);
        /* the same split in workloads */
        b.n = 0;
        wl_head(&b, &g);
        add(&b, "workloads:\n");
        for (int w = 0; w < g.W; w++) {
            add(&b, "  - name: %s\n    demand: {start: %g, growth: %g}\n",
                wl_names[w], g.demand[w], growth);
            if (g.revenue)
                add(&b, "    revenue: {price: %g, market: {start: %g, "
                    "growth: %g}}\n", g.price, g.market[w], growth);
        }
        add(&b, "%s", devices);
        add(&b, "fleet: [{device: d0, count: %d, age: 1}]\n", fleet);
        be_error err;
        be_model *ma = be_model_load_string(a.buf, a.n, "a.yaml", NULL, &err);
        be_model *mb = be_model_load_string(b.buf, b.n, "b.yaml", NULL, &err);
        CHECK(ma && mb);
        if (ma && mb) {
            be_status sa, sb;
            double va = optimum(ma, 1, &sa), vb = optimum(mb, 1, &sb);
            CHECK(sa == sb);
            if (sa == BE_OPTIMAL && sb == BE_OPTIMAL)
                CHECK_CLOSE(va, vb, 1e-6);
            if (g.integer) {
                va = optimum(ma, 0, &sa);
                vb = optimum(mb, 0, &sb);
                CHECK(sa == sb);
                if (sa == BE_OPTIMAL && sb == BE_OPTIMAL) {
                    CHECK_CLOSE(va, vb, 1e-6);
                    mips++;
                }
            }
            n++;
        }
        be_model_free(ma);
        be_model_free(mb);
    }
    printf("workloads: %d models with one throughput for every workload, the "
           "optimum of the summed demand (%d also with whole units)\n", n,
           mips);
}

/* examples/workloads.yaml, worked by hand in its header and in
 * examples/README.md section 11: sell 2 old units in 2026, move the 8
 * left to inference in 2027, buy 3 new units for training: 6,000.  The
 * old units are held to training (no cascade): 1 new unit and 4 boxes,
 * 6,400. */
static void test_workloads_example(void)
{
    be_error err;
    be_model *m = be_model_load_file("examples/workloads.yaml", NULL, &err);
    REQUIRE(m != NULL);
    be_settings s;
    be_settings_init(&s);
    be_solution *sol = be_solve(m, &s, &err);
    REQUIRE(sol && sol->plan && sol->eval);
    CHECK(sol->status == BE_OPTIMAL);
    CHECK_CLOSE(sol->objective, 6000.0, 1e-9);
    CHECK_CLOSE(sol->eval->cost.total, 6000.0, 1e-9);
    int K = m->n_devices, J = m->n_cohorts, W = m->W;
    int old = be_model_find_device(m, "old"), nw = be_model_find_device(m, "new");
    int box = be_model_find_device(m, "box");
    int tr = be_model_find_workload(m, "training");
    int inf = be_model_find_workload(m, "inference");
    CHECK(sol->plan->retire[0 * J + 0] == 2.0);     /* 2026: the fleet */
    CHECK(sol->plan->buy[1 * K + nw] == 3.0);       /* 2027 */
    CHECK(sol->plan->buy[1 * K + box] == 0.0);
    const double *a = sol->eval->share;
    CHECK(a[((size_t)1 * K + old) * W + inf] == 8.0);  /* moved */
    CHECK(a[((size_t)1 * K + old) * W + tr] == 0.0);
    CHECK(a[((size_t)1 * K + nw) * W + tr] == 3.0);
    CHECK(sol->eval->workload_capacity[0 * W + tr] >= 6.0);
    be_solution_free(sol);
    /* no cascade: the old units and the new ones only train */
    be_model *v = be__model_copy(m);
    REQUIRE(v != NULL);
    v->devices[old].serve[inf] = 0.0;
    v->devices[old].n_serve = 1;
    v->devices[nw].serve[inf] = 0.0;
    v->devices[nw].n_serve = 1;
    CHECK(be__model_finish(v, &err) == BE_OK);
    sol = be_solve(v, &s, &err);
    CHECK(sol && sol->status == BE_OPTIMAL);
    if (sol && sol->plan) {
        CHECK_CLOSE(sol->objective, 6400.0, 1e-9);
        CHECK(sol->plan->buy[1 * K + nw] == 1.0);
        CHECK(sol->plan->buy[1 * K + box] == 4.0);
        /* a plan of the original model too, at the same cost */
        be_eval *e = be_evaluate(m, sol->plan, &err);
        CHECK(e && e->violation == BE_FEASIBLE_PLAN);
        if (e)
            CHECK_CLOSE(e->cost.total, 6400.0, 1e-9);
        be_eval_free(e);
    }
    be_solution_free(sol);
    be_model_free(v);
    be_model_free(m);
}

/* Replace on release ranks devices on the workload with the most demand.
 * Here training (demand 1) is listed first, inference (10) is the work:
 * `trainer`, on sale from 2027, is by far the cheapest for training (q =
 * (50 / 10 + 1) / 10 = 0.6 against old's (100 / 10 + 10) / 1 = 20) but
 * cannot serve inference, so it is no release: the 11 old units serve on
 * (ranked on training, all 11 would be retired in 2027 and 10 old units
 * bought back for inference). */
static void test_workloads_on_release(void)
{
    be_error err;
    const char *text =
        WL_HEAD
        "discount_rate: 0\n"
        "integer: true\n"
        "workloads:\n"
        "  - {name: training, demand: 1}\n"
        "  - {name: inference, demand: 10}\n"
        "devices:\n"
        "  - {name: old, throughput: 1, lifetime: 10, om: 10, price: 100}\n"
        "  - {name: trainer, throughput: {training: 10}, lifetime: 10,\n"
        "     om: 1, price: 50, available: {from: 2027}}\n"
        "fleet:\n"
        "  - {device: old, count: 11, age: 1}\n";
    be_model *m = be_model_load_string(text, strlen(text), "on-release.yaml",
                                       NULL, &err);
    REQUIRE(m != NULL);
    be_plan *p = be_baseline_plan(m, BE_BASELINE_ON_RELEASE, 0, &err);
    REQUIRE(p != NULL);
    int K = m->n_devices, J = m->n_cohorts;
    int old = be_model_find_device(m, "old");
    for (int t = 0; t < m->T; t++) {
        CHECK(p->buy[t * K + old] == 0.0);
        for (int j = 0; j < J; j++)
            CHECK(p->retire[t * J + j] == 0.0);
    }
    be_eval *e = be_evaluate(m, p, &err);
    CHECK(e && e->violation == BE_FEASIBLE_PLAN);
    /* O&M only: 11 units x 10 x 3 years */
    if (e)
        CHECK_CLOSE(e->cost.total, 330.0, 1e-9);
    be_eval_free(e);
    be_plan_free(p);
    be_model_free(m);
}

void suite_workloads(void)
{
    RUN(test_workloads_on_release);
    RUN(test_workloads_example);
    RUN(test_workloads_errors);
    RUN(test_workloads_set_paths);
    RUN(test_workloads_one_is_as_before);
    RUN(test_workloads_same_throughput);
    RUN(test_workloads_random);
}
