/*
 * loader.c -- a model file (schema 1) into a be_model: the top-level
 * sections, the scenarios (each one the file read again with its `set`),
 * and the be_model_load_* entry points.  values.h lists the loader's other
 * files (schema tables, value typing, devices and fleet, overrides).
 *
 * The file is untrusted input.  yaml_tree.c turns it into a tree (and
 * rejects aliases, tags, duplicate keys, deep nesting and bad YAML); the
 * loader walks that tree against the schema (the schema 1 contract
 * of issue 2 and its decisions) and types every scalar narrowly
 * (values.c):
 * - a number is a plain (unquoted) scalar matching
 *   [-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? that is finite;
 * - a boolean is a plain `true` or `false`;
 * - a string is any other scalar without control characters, except the
 *   empty plain scalar and the YAML nulls (~, null).
 * so that YAML 1.1 surprises (`no` as false, `010` as octal, `1_000`) are
 * errors rather than silently different models.
 *
 * Every error names the node at fault by its line and column and says what
 * was expected and what was found.  Once everything is locally valid,
 * be__model_finish derives cohorts and labels and runs the whole-model
 * checks.  On any failure the partly filled model is freed.
 */
#include "model/devices.h"
#include "model/overrides.h"
#include "model/values.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- top-level sections ---- */

static be_code parse_horizon(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    const be_ynode *vs, *vp, *vk;
    double start, periods;
    be_code rc;
    if ((rc = be__ld_want_map(L, n, "", "horizon")) ||
        (rc = CHECK_KEYS(L, n, "horizon", "horizon")) ||
        (rc = be__ld_need(L, n, "start", "horizon", &vs)) ||
        (rc = be__ld_need(L, n, "periods", "horizon", &vp)))
        return rc;
    m->period = BE_YEAR;
    vk = be__ld_lookup(n, "period", NULL);
    if (vk) {
        int k = 0;
        if ((rc = be__ld_choice(L, vk, "horizon", "period", "horizon.period",
                                "year, quarter or month", &k)))
            return rc;
        m->period = k == 0 ? BE_YEAR : k == 1 ? BE_QUARTER : BE_MONTH;
    }
    L->ppy = m->period == BE_MONTH ? 12 : m->period == BE_QUARTER ? 4 : 1;
    m->dt = 1.0 / L->ppy;
    /* a year, or in a quarterly or monthly model the first period's label
     * (2027-Q2, 2027-04: a model advanced to it) */
    int sub = 0;
    if (L->ppy > 1 && vs->kind == BE_YSCALAR &&
        !(vs->style == BE_YPLAIN && be__yaml_number_syntax(vs->u.text, vs->n))) {
        if (!be__ld_label_parts(vs, L->ppy, &start, &sub))
            return FAIL(L, vs, "horizon: start must be a year or, in a %s "
                        "model, the first period's label like %s, found %s",
                        L->ppy == 12 ? "monthly" : "quarterly",
                        L->ppy == 12 ? "2027-04" : "2027-Q2",
                        be__ld_as_written(vs, (char[300]){0}, 300));
    } else if ((rc = be__ld_whole_number(L, vs, "horizon", "start", &start)))
        return rc;
    if ((rc = be__ld_in_range(L, vs, "horizon", "start", start, 0, 0, 9999,
                              0)) ||
        (rc = be__ld_whole_number(L, vp, "horizon", "periods", &periods)) ||
        (rc = be__ld_in_range(L, vp, "horizon", "periods", periods, 1, 0,
                              100000, 0)))
        return rc;
    m->start_year = (int)start;
    m->start_sub = sub;
    m->T = (int)periods;
    return BE_OK;
}

static be_code parse_energy(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    const be_ynode *v;
    be_code rc;
    if ((rc = be__ld_want_map(L, n, "", "energy")) ||
        (rc = CHECK_KEYS(L, n, "energy", "energy")) ||
        (rc = be__ld_need(L, n, "price", "energy", &v)) ||
        (rc = be__ld_series(L, v, "energy", "price", &m->energy_price)))
        return rc;
    if ((v = be__ld_lookup(n, "pue", NULL)) &&
        (rc = be__ld_number_in(L, v, "energy", "pue", 1, 0, INFINITY, 0,
                               &m->pue)))
        return rc;
    if ((v = be__ld_lookup(n, "utilization", NULL)) &&
        (rc = be__ld_number_in(L, v, "energy", "utilization", 0, 0, 1, 0,
                               &m->utilization)))
        return rc;
    return BE_OK;
}

static be_code parse_site(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    const be_ynode *v;
    be_code rc;
    if ((rc = be__ld_want_map(L, n, "", "site")) ||
        (rc = CHECK_KEYS(L, n, "site", "site")))
        return rc;
    if ((v = be__ld_lookup(n, "power_cap_kw", NULL))) {
        m->has_power_cap = 1;
        if ((rc = be__ld_series(L, v, "site", "power_cap_kw", &m->power_cap)))
            return rc;
    }
    if ((v = be__ld_lookup(n, "budget", NULL))) {
        m->has_budget = 1;
        if ((rc = be__ld_series(L, v, "site", "budget", &m->budget)))
            return rc;
    }
    return BE_OK;
}

static be_code parse_finance(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    const be_ynode *vt, *vd;
    be_code rc;
    if ((rc = be__ld_want_map(L, n, "", "finance")) ||
        (rc = CHECK_KEYS(L, n, "finance", "finance")) ||
        (rc = be__ld_need(L, n, "tax_rate", "finance", &vt)) ||
        (rc = be__ld_need(L, n, "depreciation_years", "finance", &vd)) ||
        (rc = be__ld_number_in(L, vt, "finance", "tax_rate", 0, 0, 1, 1,
                               &m->tax_rate)) ||
        (rc = be__ld_number_in(L, vd, "finance", "depreciation_years", 0, 1,
                               INFINITY, 0, &m->depreciation_years)))
        return rc;
    m->has_tax = 1;
    return BE_OK;
}

/* A revenue block (docs/returns.md): the price of the work sold, and the
 * market, into workload w's slices of the model's [W*T] series (the
 * top-level block is workload 0 of a model without `workloads`).  Read
 * after the demand, which the market must hold in every period; ctx is
 * "" or "workload 'x'". */
static be_code parse_revenue(loader *L, const be_ynode *n, int w,
                             const char *ctx)
{
    be_model *m = L->m;
    be_workload *wl = &m->workloads[w];
    const be_ynode *v;
    double *s = NULL;
    char what[200];
    int T = m->T;
    be_code rc;
    snprintf(what, sizeof what, "%s%srevenue", ctx, *ctx ? " " : "");
    if ((rc = be__ld_want_map(L, n, ctx, "revenue")) ||
        (rc = CHECK_KEYS(L, n, "revenue", what)) ||
        (rc = be__ld_need(L, n, "price", what, &v)) ||
        (rc = be__ld_series(L, v, what, "price", &s)))
        goto done;
    if (!m->revenue_price &&
        !(m->revenue_price = be__calloc((size_t)m->W * T, sizeof(double)))) {
        rc = be__ld_fail(L, BE_ENOMEM, n->pos, "out of memory");
        goto done;
    }
    memcpy(m->revenue_price + (size_t)w * T, s, (size_t)T * sizeof *s);
    m->has_revenue = wl->has_revenue = 1;
    free(s);
    s = NULL;
    if (!(v = be__ld_lookup(n, "market", NULL)))
        goto done;
    if ((rc = be__ld_series(L, v, what, "market", &s)))
        goto done;
    if (!m->market) {
        if (!(m->market = be__dup(m->demand, (size_t)m->W * T,
                                  sizeof(double)))) {
            rc = be__ld_fail(L, BE_ENOMEM, n->pos, "out of memory");
            goto done;
        }
        m->market_pos = v->pos;
    }
    memcpy(m->market + (size_t)w * T, s, (size_t)T * sizeof *s);
    m->has_market = wl->has_market = 1;
    wl->market_pos = v->pos;
    for (int t = 0; t < T; t++) {
        double d = m->demand[(size_t)w * T + t], x = s[t];
        if (x >= d)
            continue;
        char lab[16], a[32], b[32];
        be__ld_period_label(m, t, lab);
        const be_ynode *at = v->kind == BE_YSEQUENCE ? v->u.items[t] : v;
        rc = FAIL(L, at,
                  "%s.market for %s is %s, below that period's "
                  "demand of %s: the market must hold the demand (the "
                  "work that must be served is sold too)",
                  what, lab,
                  be_format_number(x, a, sizeof a),
                  be_format_number(d, b, sizeof b));
        goto done;
    }
done:
    free(s);
    return rc;
}

/* workloads (docs/workloads.md): a list of work with its own demand and
 * revenue.  Fills m->W, m->workloads, the [W*T] demand and, where a
 * workload has one, its revenue. */
static be_code parse_workloads(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    char d[300], ctx[120];
    const be_ynode *v;
    be_code rc;
    int T = m->T;
    if (n->kind != BE_YSEQUENCE || n->n == 0)
        return FAIL(L, n,
                    "workloads must be a list of at least one workload, "
                    "found %s",
                    be__ld_describe(n, d, sizeof d));
    if ((double)n->n * T > MAX_DEVICE_PERIODS || n->n > 1000)
        return be__ld_fail(L, BE_ELIMIT, n->pos,
                           "the model is too large: %zu workloads over %d "
                           "periods (at most 1000 workloads)", n->n, T);
    m->has_workloads = 1;
    m->W = (int)n->n;
    m->workloads = be__calloc(n->n, sizeof *m->workloads);
    m->demand = be__calloc(n->n * (size_t)T, sizeof *m->demand);
    if (!m->workloads || !m->demand)
        return be__ld_fail(L, BE_ENOMEM, n->pos, "out of memory");
    for (int w = 0; w < m->W; w++) {
        const be_ynode *x = n->u.items[w];
        be_workload *wl = &m->workloads[w];
        snprintf(ctx, sizeof ctx, "workload %d", w + 1);
        if ((rc = be__ld_want_map(L, x, "", ctx)) ||
            (rc = be__ld_need(L, x, "name", ctx, &v)) ||
            (rc = be__ld_name(L, v, ctx, &wl->name)))
            return rc;
        wl->pos = x->pos;
        for (int i = 0; i < w; i++)
            if (strcmp(m->workloads[i].name, wl->name) == 0)
                return FAIL(L, v,
                            "duplicate workload name '%s' (first at line %d)",
                            wl->name, m->workloads[i].pos.line);
        snprintf(ctx, sizeof ctx, "workload '%s'", wl->name);
        double *s = NULL;
        if ((rc = CHECK_KEYS(L, x, "workload", ctx)) ||
            (rc = be__ld_need(L, x, "demand", ctx, &v)) ||
            (rc = be__ld_series(L, v, ctx, "demand", &s))) {
            free(s);
            return rc;
        }
        memcpy(m->demand + (size_t)w * T, s, (size_t)T * sizeof *s);
        free(s);
    }
    for (int w = 0; w < m->W; w++) {
        snprintf(ctx, sizeof ctx, "workload '%s'", m->workloads[w].name);
        if ((v = be__ld_lookup(n->u.items[w], "revenue", NULL)) &&
            (rc = parse_revenue(L, v, w, ctx)))
            return rc;
    }
    return BE_OK;
}

/* With `workloads`, every workload with demand must have a device that
 * can serve it (read once the devices are). */
static be_code check_workloads_served(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    for (int w = 0; w < m->W; w++) {
        int served = 0, wanted = 0;
        for (int k = 0; k < m->n_devices; k++)
            served |= m->devices[k].serve[w] > 0.0;
        for (int t = 0; t < m->T; t++)
            wanted |= m->demand[(size_t)w * m->T + t] > 0.0;
        if (wanted && !served)
            return FAIL(L, n->u.items[w],
                        "workload '%s' has demand, but no device can serve "
                        "it (give a device's throughput a '%s' entry)",
                        m->workloads[w].name, m->workloads[w].name);
    }
    return BE_OK;
}

/* ---- the model ---- */

/* Periods in which units of each cohort can be held, summed: bounds the
 * work of be__model_finish and of the LP builder. */
static be_code check_size(loader *L, const be_ynode *devices)
{
    const be_model *m = L->m;
    double total = 0;
    for (int f = 0; f < m->n_fleet; f++) {
        int left = m->devices[m->fleet[f].device].life - m->fleet[f].age;
        total += left < m->T ? left : m->T;
    }
    for (int k = 0; k < m->n_devices; k++) {
        const be_device *d = &m->devices[k];
        if (!d->buyable)
            continue;
        for (int t = d->avail_from; t <= d->avail_to; t++)
            total += d->life < m->T - t ? d->life : m->T - t;
    }
    if (total > MAX_COHORT_PERIODS)
        return be__ld_fail(
            L, BE_ELIMIT, devices->pos,
            "the model is too large: its "
            "units can be held in %.0f cohort-periods (purchase "
            "period x periods in service), more than the limit of "
            "%.0f",
            total, MAX_COHORT_PERIODS);
    return BE_OK;
}

static be_code parse_model(loader *L, const be_ynode *root)
{
    be_model *m = L->m;
    const be_ynode *v;
    char d[300];
    double x;
    be_code rc;

    if (root->kind != BE_YMAPPING)
        return FAIL(L, root,
                    "the top level must be a mapping of keys such as "
                    "breakeven, horizon and devices, found %s",
                    be__ld_describe(root, d, sizeof d));
    /* The schema version first: a future version may have other keys. */
    if (!(v = be__ld_lookup(root, "breakeven", NULL)))
        return FAIL(L, root,
                    "missing required key 'breakeven' in the top "
                    "level (the schema version: write breakeven: 1)");
    if ((rc = be__ld_number(L, v, "", "breakeven", &x)))
        return rc;
    if (x != 1)
        return FAIL(L, v,
                    "breakeven must be 1 (the schema version this "
                    "program reads), found %s",
                    be__ld_as_written(v, d, sizeof d));
    m->schema = 1;

    if ((rc = CHECK_KEYS(L, root, "model", "")))
        return rc;
    if ((v = be__ld_lookup(root, "name", NULL))) {
        if ((rc = be__ld_text_copy(L, v, "name", 0, &m->name)))
            return rc;
    } else {
        m->name = be__strdup("");
        if (!m->name)
            return be__ld_fail(L, BE_ENOMEM, root->pos, "out of memory");
    }
    if ((v = be__ld_lookup(root, "description", NULL)) &&
        (rc = be__ld_text_copy(L, v, "description", 1, &m->description)))
        return rc;
    if ((rc = be__ld_need(L, root, "horizon", "", &v)) ||
        (rc = parse_horizon(L, v)))
        return rc;
    if ((v = be__ld_lookup(root, "discount_rate", NULL)) &&
        (rc = be__ld_number_in(L, v, "", "discount_rate", -1, 1, 10, 0,
                               &m->discount_rate)))
        return rc;
    if ((v = be__ld_lookup(root, "integer", NULL)) &&
        (rc = be__ld_boolean(L, v, "", "integer", &m->integer)))
        return rc;
    if ((v = be__ld_lookup(root, "end_of_horizon", NULL)) &&
        (rc = be__ld_choice(L, v, "", "end_of_horizon", "model.end_of_horizon",
                            "salvage or none", &m->salvage)))
        return rc;
    const be_ynode *wls = be__ld_lookup(root, "workloads", NULL), *key;
    if (wls) {
        if ((v = be__ld_lookup(root, "demand", &key)))
            return FAIL(L, key,
                        "'demand' is not allowed beside `workloads`: each "
                        "workload has its own demand (move it into a "
                        "workload: workloads: [{name: ..., demand: ...}])");
        if ((v = be__ld_lookup(root, "revenue", &key)))
            return FAIL(L, key,
                        "'revenue' is not allowed beside `workloads`: each "
                        "workload sells its own work (move it into the "
                        "workloads whose work is sold)");
        if ((rc = parse_workloads(L, wls)))
            return rc;
    } else if ((rc = be__ld_need(L, root, "demand", "", &v)) ||
               (rc = be__ld_series(L, v, "", "demand", &m->demand)))
        return rc;
    else if (!(m->workloads = be__calloc(1, sizeof *m->workloads)) ||
             !(m->workloads[0].name = be__strdup("work")))
        return be__ld_fail(L, BE_ENOMEM, root->pos, "out of memory");
    if ((v = be__ld_lookup(root, "energy", NULL))) {
        if ((rc = parse_energy(L, v)))
            return rc;
    } else {
        m->energy_price = be__calloc((size_t)m->T, sizeof *m->energy_price);
        if (!m->energy_price)
            return be__ld_fail(L, BE_ENOMEM, root->pos, "out of memory");
    }
    if ((v = be__ld_lookup(root, "site", NULL)) && (rc = parse_site(L, v)))
        return rc;
    if ((v = be__ld_lookup(root, "finance", NULL)) &&
        (rc = parse_finance(L, v)))
        return rc;
    if (!wls && (v = be__ld_lookup(root, "revenue", NULL)) &&
        (rc = parse_revenue(L, v, 0, "")))
        return rc;
    if ((rc = be__ld_need(L, root, "devices", "", &v)) ||
        (rc = be__parse_devices(L, v)))
        return rc;
    if (wls && (rc = check_workloads_served(L, wls)))
        return rc;
    if ((v = be__ld_lookup(root, "fleet", NULL)) &&
        (rc = be__parse_fleet(L, v)))
        return rc;
    return check_size(L, be__ld_lookup(root, "devices", NULL));
}

/* ---- scenarios (docs/uncertainty.md) ---- */

/* Most scenarios in a file, and most bytes read over all of them (each
 * scenario reads the file again): a small hostile file must not ask for
 * hours. */
#define MAX_SCENARIOS 1000
#define MAX_SCENARIO_BYTES (256.0 * 1024 * 1024)

/* Paths a scenario may not change: what the tree of decisions is built
 * on (the horizon, the kind of units, the fleet, the devices' list). */
static const char *forbidden_path(const char *path)
{
    static const char *const roots[] = {
        "breakeven", "horizon", "integer", "end_of_horizon", "fleet",
        "scenarios", "risk"};
    size_t n = strcspn(path, ".");
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++)
        if (strlen(roots[i]) == n && strncmp(path, roots[i], n) == 0)
            return roots[i];
    if (strcmp(path, "devices") == 0)
        return "devices";
    if (strcmp(path, "workloads") == 0)
        return "workloads";
    size_t len = strlen(path);
    if (strncmp(path, "devices.", 8) == 0 && len > 13 &&
        strcmp(path + len - 5, ".name") == 0)
        return "a device's name";
    if (strncmp(path, "workloads.", 10) == 0 && len > 15 &&
        strcmp(path + len - 5, ".name") == 0)
        return "a workload's name";
    return NULL;
}

/* What a scenario changed that it may not: "" when nothing. */
static const char *changed_structure(const be_model *a, const be_model *b,
                                     char *buf, size_t size)
{
    *buf = '\0';
    if (a->T != b->T || a->period != b->period ||
        a->start_year != b->start_year || a->start_sub != b->start_sub)
        snprintf(buf, size, "the horizon");
    else if (a->integer != b->integer)
        snprintf(buf, size, "integer");
    else if (a->salvage != b->salvage)
        snprintf(buf, size, "end_of_horizon");
    else if (a->has_revenue != b->has_revenue)
        snprintf(buf, size, "whether the model has revenue (give every "
                 "scenario the file's `revenue` block and change its "
                 "values)");
    else if (a->has_market != b->has_market)
        snprintf(buf, size, "whether the model has a market "
                 "(revenue.market: change its values instead)");
    else if (a->W != b->W || a->has_workloads != b->has_workloads)
        snprintf(buf, size, "the list of workloads");
    else if (a->n_devices != b->n_devices)
        snprintf(buf, size, "the list of devices");
    else if (a->n_fleet != b->n_fleet)
        snprintf(buf, size, "the fleet");
    for (int w = 0; !*buf && w < a->W; w++) {
        const be_workload *x = &a->workloads[w], *y = &b->workloads[w];
        if (strcmp(x->name, y->name) != 0)
            snprintf(buf, size, "the list of workloads");
        else if (x->has_revenue != y->has_revenue)
            snprintf(buf, size, "whether workload '%s' has revenue (give "
                     "it the same `revenue` block in every scenario and "
                     "change its values)", x->name);
        else if (x->has_market != y->has_market)
            snprintf(buf, size, "whether workload '%s' has a market "
                     "(change its values instead)", x->name);
    }
    for (int k = 0; !*buf && k < a->n_devices; k++) {
        const be_device *x = &a->devices[k], *y = &b->devices[k];
        if (strcmp(x->name, y->name) != 0)
            snprintf(buf, size, "the list of devices");
        else if (x->rented != y->rented || x->buyable != y->buyable)
            snprintf(buf, size, "whether device '%s' is bought or rented",
                     x->name);
    }
    for (int f = 0; !*buf && f < a->n_fleet; f++) {
        const be_fleet_entry *x = &a->fleet[f], *y = &b->fleet[f];
        if (x->device != y->device || x->count != y->count ||
            x->age != y->age || x->purchase_price != y->purchase_price)
            snprintf(buf, size, "the fleet");
    }
    return buf;
}

/* Put "scenario 'name': " in front of err's message. */
static void scenario_context(be_error *err, const char *name)
{
    if (!err)
        return;
    char msg[sizeof err->message + MAX_NAME + 16];
    snprintf(msg, sizeof msg, "scenario '%s': %s", name, err->message);
    snprintf(err->message, sizeof err->message, "%.*s",
             (int)sizeof err->message - 1, msg);
}

/* Scenario s's model: the file read again, the caller's --set applied,
 * then the scenario's own changes (value nodes of the first reading,
 * whose arena outlives this). */
static be_code load_scenario(loader *L, const char *text, size_t len,
                             const be_load_options *opt, const be_ynode *set,
                             be_scenario *sc)
{
    be_ydoc *doc = NULL;
    const be_ynode *root = NULL;
    be_code rc = be__yaml_parse(text ? text : "", len, opt->max_depth,
                                L->file, &doc, &root, L->err);
    for (int i = 0; rc == BE_OK && i < opt->n_overrides; i++)
        rc = be__apply_override(doc, (be_ynode *)root, opt->overrides[i],
                                L->file, L->err);
    for (size_t i = 0; rc == BE_OK && set && i < set->n; i++) {
        const be_ynode *key = set->u.items[2 * i];
        const be_ynode *value = set->u.items[2 * i + 1];
        char path[512], what[600], q[256];
        if (key->n >= sizeof path || memchr(key->u.text, 0, key->n)) {
            rc = FAIL(L, key, "scenario '%s': the path '%s' is too long or "
                      "not text", sc->name,
                      be__yaml_quote(key->u.text, key->n, q, sizeof q));
            break;
        }
        memcpy(path, key->u.text, key->n);
        path[key->n] = '\0';
        const char *no = forbidden_path(path);
        if (no) {
            rc = FAIL(L, key, "scenario '%s': set %s: a scenario may not "
                      "change %s (scenarios share the horizon, integer, "
                      "end_of_horizon, %sthe devices and the fleet)",
                      sc->name, path, no,
                      strstr(no, "workload") ? "the workloads' names, " : "");
            break;
        }
        snprintf(what, sizeof what, "scenario '%s': set %s", sc->name, path);
        be_ynode *node =
            be__resolve_path(doc, (be_ynode *)root, path, what, BE_EMODEL,
                             key->pos, L->file, L->err);
        if (!node) {
            rc = L->err ? L->err->code : BE_EMODEL;
            break;
        }
        *node = *value;
    }
    if (rc == BE_OK) {
        sc->model = be__model_alloc(L->file);
        if (!sc->model)
            rc = be__ld_fail(L, BE_ENOMEM, sc->pos, "out of memory");
    }
    if (rc == BE_OK) {
        loader S = {sc->model, L->err, L->file, 1};
        rc = parse_model(&S, root);
        if (rc == BE_OK)
            rc = be__model_finish(sc->model, L->err);
        if (rc != BE_OK && rc != BE_ENOMEM)
            scenario_context(L->err, sc->name);
    }
    be__yaml_free(doc);
    if (rc == BE_OK) {
        char what[200];
        if (*changed_structure(L->m, sc->model, what, sizeof what))
            rc = be__ld_fail(L, BE_EMODEL, set ? set->pos : sc->pos,
                             "scenario '%s': a scenario may not change %s",
                             sc->name, what);
    }
    return rc;
}

static be_code parse_risk(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    const be_ynode *v;
    be_code rc;
    if ((rc = be__ld_want_map(L, n, "", "risk")) ||
        (rc = CHECK_KEYS(L, n, "risk", "risk")) ||
        (rc = be__ld_need(L, n, "cvar_alpha", "risk", &v)) ||
        (rc = be__ld_number_in(L, v, "risk", "cvar_alpha", 0, 0, 1, 1,
                               &m->cvar_alpha)) ||
        (rc = be__ld_need(L, n, "weight", "risk", &v)) ||
        (rc = be__ld_number_in(L, v, "risk", "weight", 0, 0, 1, 0,
                               &m->risk_weight)))
        return rc;
    m->has_risk = 1;
    return BE_OK;
}

static be_code parse_scenarios(loader *L, const char *text, size_t len,
                               const be_load_options *opt,
                               const be_ynode *root)
{
    be_model *m = L->m;
    const be_ynode *list = be__ld_lookup(root, "scenarios", NULL);
    const be_ynode *risk = be__ld_lookup(root, "risk", NULL);
    char d[300], c[64];
    be_code rc;
    if (!list) {
        if (risk)
            return FAIL(L, risk, "risk applies to the scenarios of a model, "
                        "and this one has none (add a scenarios list)");
        return BE_OK;
    }
    if (list->kind != BE_YSEQUENCE)
        return FAIL(L, list,
                    "scenarios must be a list of scenarios "
                    "(name, probability, set), found %s",
                    be__ld_describe(list, d, sizeof d));
    if (list->n < 2)
        return FAIL(L, list,
                    "scenarios must list at least two scenarios, "
                    "found %zu",
                    list->n);
    if (list->n > MAX_SCENARIOS ||
        (double)list->n * (double)len > MAX_SCENARIO_BYTES)
        return be__ld_fail(
            L, BE_ELIMIT, list->pos,
            "%zu scenarios of a %zu-byte "
            "file is more than this program reads (at most %d, and "
            "%.0f MiB read over all of them)",
            list->n, len, MAX_SCENARIOS, MAX_SCENARIO_BYTES / (1024 * 1024));
    if (risk && (rc = parse_risk(L, risk)))
        return rc;
    m->scenarios = be__calloc(list->n, sizeof *m->scenarios);
    if (!m->scenarios)
        return be__ld_fail(L, BE_ENOMEM, list->pos, "out of memory");
    double sum = 0.0;
    for (size_t i = 0; i < list->n; i++) {
        const be_ynode *n = list->u.items[i], *v;
        be_scenario *sc = &m->scenarios[i];
        const char *name;
        size_t nlen;
        snprintf(c, sizeof c, "scenario %zu", i + 1);
        sc->pos = n->pos;
        if ((rc = be__ld_want_map(L, n, "", c)) ||
            (rc = CHECK_KEYS(L, n, "scenario", c)) ||
            (rc = be__ld_need(L, n, "name", c, &v)) ||
            (rc = be__ld_string_value(L, v, c, "name", &name, &nlen)))
            return rc;
        for (size_t j = 0; j < nlen; j++)
            if (!be__ld_name_char(name[j]))
                return FAIL(L, v,
                            "%s: name must be letters, digits, '-', "
                            "'_' or '.', found '%s'",
                            c, be__yaml_quote(name, nlen, d, sizeof d));
        if (nlen == 0 || nlen > MAX_NAME)
            return FAIL(L, v, "%s: name must be 1 to %d characters", c,
                        MAX_NAME);
        for (size_t j = 0; j < i; j++)
            if (strlen(m->scenarios[j].name) == nlen &&
                memcmp(m->scenarios[j].name, name, nlen) == 0)
                return FAIL(L, v, "%s: the name '%s' is already scenario "
                            "%zu's", c, m->scenarios[j].name, j + 1);
        sc->name = malloc(nlen + 1);
        if (!sc->name)
            return be__ld_fail(L, BE_ENOMEM, v->pos, "out of memory");
        memcpy(sc->name, name, nlen);
        sc->name[nlen] = '\0';
        m->n_scenarios = (int)i + 1;
        snprintf(c, sizeof c, "scenario '%s'", sc->name);
        if ((rc = be__ld_need(L, n, "probability", c, &v)) ||
            (rc = be__ld_number_in(L, v, c, "probability", 0, 1, 1, 0,
                                   &sc->probability)))
            return rc;
        sum += sc->probability;
        if ((v = be__ld_lookup(n, "set", NULL)) && !be__ld_is_null(v) &&
            (rc = be__ld_want_map(L, v, c, "set")))
            return rc;
    }
    if (fabs(sum - 1.0) > 1e-9)
        return FAIL(L, list, "the probabilities of the scenarios sum to "
                    "%.12g, not 1", sum);
    for (int i = 0; i < m->n_scenarios; i++) {
        const be_ynode *set = be__ld_lookup(list->u.items[i], "set", NULL);
        if (set && be__ld_is_null(set))
            set = NULL;
        if ((rc = load_scenario(L, text, len, opt, set, &m->scenarios[i])))
            return rc;
    }
    return BE_OK;
}

static be_model *load_text(const char *text, size_t len, const char *name,
                           const be_load_options *opt, be_error *err)
{
    be_pos nowhere = {0, 0};
    be_ydoc *doc = NULL;
    const be_ynode *root = NULL;
    be_model *m = NULL;
    be_code rc;

    if (len > opt->max_bytes) {
        be__fail(err, BE_ELIMIT, name, nowhere,
                 "the file is larger than the limit of %zu bytes",
                 opt->max_bytes);
        return NULL;
    }
    rc = be__yaml_parse(text ? text : "", len, opt->max_depth, name, &doc,
                        &root, err);
    if (rc)
        return NULL;
    for (int i = 0; i < opt->n_overrides; i++) {
        /* the tree is ours, in the document's arena: edit it in place */
        if (root->kind != BE_YMAPPING) {
            /* parse_model reports it */
            break;
        }
        if (be__apply_override(doc, (be_ynode *)root, opt->overrides[i], name,
                               err) != BE_OK) {
            be__yaml_free(doc);
            return NULL;
        }
    }
    m = be__model_alloc(name);
    if (!m) {
        be__fail(err, BE_ENOMEM, name, nowhere, "out of memory");
        be__yaml_free(doc);
        return NULL;
    }
    loader L = {m, err, name, 1};

    /* Numbers are read with strtod, whose decimal point follows LC_NUMERIC:
     * read them in the "C" locale whatever the caller's is (this thread
     * only). */
    locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t previous = c_locale ? uselocale(c_locale) : (locale_t)0;
    rc = parse_model(&L, root);
    if (rc == BE_OK)
        rc = be__model_finish(m, err);
    if (rc == BE_OK)
        rc = parse_scenarios(&L, text, len, opt, root);
    if (rc == BE_OK && m->n_scenarios)
        rc = be__scenarios_finish(m, err);
    if (c_locale) {
        uselocale(previous);
        freelocale(c_locale);
    }
    be__yaml_free(doc);
    if (rc) {
        be_model_free(m);
        return NULL;
    }
    return m;
}

static int check_options(const be_load_options **opt, be_load_options *def,
                         const char *name, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!*opt) {
        be_load_options_init(def);
        *opt = def;
    }
    if ((*opt)->max_depth < 1) {
        be__fail(err, BE_EARG, name, nowhere,
                 "max_depth must be at least 1, found %d", (*opt)->max_depth);
        return 0;
    }
    return 1;
}

be_model *be_model_load_string(const char *text, size_t len, const char *name,
                               const be_load_options *opt, be_error *err)
{
    be_load_options def;
    be_pos nowhere = {0, 0};
    if (!name)
        name = "";
    if (!check_options(&opt, &def, name, err))
        return NULL;
    if (!text && len) {
        be__fail(err, BE_EARG, name, nowhere, "no text was given");
        return NULL;
    }
    return load_text(text, len, name, opt, err);
}

/* Read the whole file in binary mode, at most max_bytes. */
be_model *be_model_load_file(const char *path, const be_load_options *opt,
                             be_error *err)
{
    be_load_options def;
    be_pos nowhere = {0, 0};
    if (!path) {
        be__fail(err, BE_EARG, "", nowhere, "no file name was given");
        return NULL;
    }
    if (!check_options(&opt, &def, path, err))
        return NULL;
    size_t n;
    char *buf = be_read_file(path, opt->max_bytes, &n, err);
    if (!buf)
        return NULL;
    be_model *m = load_text(buf, n, path, opt, err);
    free(buf);
    return m;
}
