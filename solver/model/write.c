/*
 * write.c -- a model as a model file (schema 1, docs/schema.md), for
 * `breakeven advance`: what be_model_advance makes, written so that
 * reading it back gives the same model.
 *
 * Every number is written in the shortest form that reads back as the
 * same double (be_format_number).  A series is written as a number when
 * it is constant, as {start, growth} when it grows geometrically to 1e-12
 * (a series of the file written that way comes out re-based at its new
 * first period), and as a list otherwise.  Lifetimes and fleet ages are
 * counts with their unit ("18 months"), which read back exactly in any
 * period length.  A rented device whose window has closed cannot be
 * written (a window needs a period), and is left out.  A model with
 * workloads is written with its `workloads` list (each workload's demand
 * and revenue) and each device's throughput as a number when it serves
 * every workload alike, else as a mapping.  Comments are not
 * kept (the YAML reader drops them); the description says where the model
 * came from.
 */
#include "model/model.h"
#include "model/yaml_tree.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct out {
    be_write_fn write;
    void *ctx;
    int failed;
} out;

static void put(out *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void put(out *o, const char *fmt, ...)
{
    char buf[1024];
    if (o->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf || o->write(o->ctx, buf, (size_t)n))
        o->failed = 1;
}

static const char *num(double v, char *buf, size_t size)
{
    return be_format_number(v, buf, size);
}

/* A string as a YAML double-quoted scalar (the reader's strings have no
 * control characters but line breaks and tabs). */
static void put_string(out *o, const char *s)
{
    put(o, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            put(o, "\\%c", *s);
        else if (*s == '\n')
            put(o, "\\n");
        else if (*s == '\t')
            put(o, "\\t");
        else
            put(o, "%c", *s);
    }
    put(o, "\"");
}

/* 1 when v[0..n) is start (1+g)^(t dt) to 1e-12 (relative), with g. */
static int geometric(const double *v, int n, double dt, double *g)
{
    if (n < 3 || !(v[0] > 0.0) || !(v[1] > 0.0))
        return 0;
    *g = pow(v[1] / v[0], 1.0 / dt) - 1.0;
    for (int t = 2; t < n; t++) {
        double want = v[0] * pow(1.0 + *g, t * dt);
        if (fabs(v[t] - want) > 1e-12 * fabs(want))
            return 0;
    }
    return 1;
}

static void put_series(out *o, const be_model *m, const double *v)
{
    char b[40], c[40];
    int T = m->T, same = 1;
    double g;
    for (int t = 1; t < T; t++)
        same &= v[t] == v[0];
    if (same) {
        put(o, "%s", num(v[0], b, sizeof b));
    } else if (geometric(v, T, m->dt, &g)) {
        put(o, "{start: %s, growth: %s}", num(v[0], b, sizeof b),
            num(g, c, sizeof c));
    } else {
        put(o, "[");
        for (int t = 0; t < T; t++)
            put(o, "%s%s", t ? ", " : "", num(v[t], b, sizeof b));
        put(o, "]");
    }
}

/* n periods as a count with its unit: "3 years", "18 months". */
static void put_periods(out *o, const be_model *m, int n)
{
    int ppy = m->period == BE_MONTH ? 12 : m->period == BE_QUARTER ? 4 : 1;
    if (n % ppy == 0)
        put(o, "%d year%s", n / ppy, n / ppy == 1 ? "" : "s");
    else
        put(o, "%d %s%s", n, ppy == 12 ? "month" : "quarter",
            n == 1 ? "" : "s");
}

/* Values by year of age: a number when they are all equal and `may_be_one`
 * (O&M; a resale list is always a list). */
static void put_by_age(out *o, const double *v, int n, int may_be_one)
{
    char b[40];
    int same = may_be_one;
    for (int i = 1; i < n; i++)
        same &= v[i] == v[0];
    if (same) {
        put(o, "%s", num(n ? v[0] : 0.0, b, sizeof b));
        return;
    }
    put(o, "[");
    for (int i = 0; i < n; i++)
        put(o, "%s%s", i ? ", " : "", num(v[i], b, sizeof b));
    put(o, "]");
}

/* 1 when device k can be written: not a rented device whose window has
 * closed. */
static int writable(const be_device *d)
{
    return !(d->rented && d->avail_to < d->avail_from);
}

/* A device name: plain, or quoted where it would read as a number or a
 * boolean. */
static void put_name(out *o, const char *s)
{
    size_t n = strlen(s);
    if (be__yaml_number_syntax(s, n) || strcmp(s, "true") == 0 ||
        strcmp(s, "false") == 0)
        put_string(o, s);
    else
        put(o, "%s", s);
}

/* A device's throughput: one number when it serves every workload
 * alike (always without `workloads`), else the mapping of the workloads
 * it serves, {training: 3, inference: 15}. */
static void put_throughput(out *o, const be_model *m, const be_device *d)
{
    char b[40];
    int alike = !m->has_workloads || d->n_serve == m->W;
    for (int w = 0; alike && w < m->W; w++)
        alike = d->serve[w] == d->throughput;
    if (alike) {
        put(o, "%s", num(d->throughput, b, sizeof b));
        return;
    }
    put(o, "{");
    for (int w = 0, any = 0; w < m->W; w++)
        if (d->serve[w] > 0.0) {
            put(o, "%s", any++ ? ", " : "");
            put_name(o, m->workloads[w].name);
            put(o, ": %s", num(d->serve[w], b, sizeof b));
        }
    put(o, "}");
}

static void put_device(out *o, const be_model *m, const be_device *d)
{
    char b[40];
    put(o, "  - name: ");
    put_name(o, d->name);
    put(o, "\n    throughput: ");
    put_throughput(o, m, d);
    put(o, "\n");
    if (d->rented) {
        put(o, "    rent: ");
        put_series(o, m, d->rent);
        put(o, "\n");
    } else {
        char c[40];
        put(o, "    power_kw: %s\n    lifetime: ", num(d->power_kw, b,
                                                     sizeof b));
        put_periods(o, m, d->life);
        put(o, "\n    om: ");
        put_by_age(o, d->om, d->n_years, 1);
        put(o, "\n");
        if (d->resale_kind == BE_RESALE_LIST) {
            put(o, "    resale: ");
            put_by_age(o, d->resale, d->n_years, 0);
            put(o, "\n");
        } else if (d->resale_kind == BE_RESALE_CURVE) {
            put(o, "    resale: {fraction: %s, half_life: %s}\n",
                num(d->resale_fraction, b, sizeof b),
                num(d->resale_half_life, c, sizeof c));
        }
        if (d->buyable) {
            put(o, "    price: ");
            put_series(o, m, d->price);
            put(o, "\n");
        }
    }
    if ((d->buyable || d->rented) &&
        (d->avail_from > 0 || d->avail_to < m->T - 1)) {
        put(o, "    available: {");
        if (d->avail_from > 0)
            put(o, "from: %s%s", m->labels[d->avail_from],
                d->avail_to < m->T - 1 ? ", " : "");
        if (d->avail_to < m->T - 1)
            put(o, "to: %s", m->labels[d->avail_to]);
        put(o, "}\n");
    }
}

/* Workload w's revenue block, its lines indented by `indent`: the price
 * and, with one, the market. */
static void put_revenue(out *o, const be_model *m, int w, const char *indent)
{
    size_t at = (size_t)w * m->T;
    put(o, "%srevenue:\n%s  price: ", indent, indent);
    put_series(o, m, m->revenue_price + at);
    put(o, "\n");
    if (m->has_workloads ? m->workloads[w].has_market : m->has_market) {
        put(o, "%s  market: ", indent);
        put_series(o, m, m->market + at);
        put(o, "\n");
    }
}

/* workloads: each with its demand and, where it has one, its revenue. */
static void put_workloads(out *o, const be_model *m)
{
    put(o, "workloads:\n");
    for (int w = 0; w < m->W; w++) {
        put(o, "  - name: ");
        put_name(o, m->workloads[w].name);
        put(o, "\n    demand: ");
        put_series(o, m, m->demand + (size_t)w * m->T);
        put(o, "\n");
        if (m->workloads[w].has_revenue)
            put_revenue(o, m, w, "    ");
    }
}

be_code be_model_write(const be_model *m, const char *comment,
                       be_write_fn write, void *ctx, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!m || !write)
        return be__fail(err, BE_EARG, m ? m->file : "", nowhere,
                        "be_model_write needs a model and a write function");
    if (m->n_scenarios)
        return be__fail(err, BE_EARG, m->file, nowhere, "a model with "
                        "scenarios is not written this way");
    int any = 0;
    for (int k = 0; k < m->n_devices; k++)
        any |= writable(&m->devices[k]);
    if (!any)
        return be__fail(err, BE_EMODEL, m->file, nowhere, "no device is "
                        "left to write: every one is rented and no longer "
                        "offered");
    for (int f = 0; m->integer && f < m->n_fleet; f++)
        if (m->fleet[f].count != floor(m->fleet[f].count))
            return be__fail(err, BE_EMODEL, m->file, nowhere, "fleet entry "
                            "%d has %.17g units: a whole-unit model needs "
                            "whole units (advance a whole-unit plan)", f + 1,
                            m->fleet[f].count);
    out o = {write, ctx, 0};
    char b[40], c[40];
    if (comment && *comment) {
        put(&o, "# ");
        for (const char *s = comment; *s; s++)
            put(&o, *s == '\n' ? "\n# " : "%c", *s);
        put(&o, "\n");
    }
    put(&o, "breakeven: 1\n");
    if (m->name && *m->name) {
        put(&o, "name: ");
        put_string(&o, m->name);
        put(&o, "\n");
    }
    if (m->description && *m->description) {
        put(&o, "description: ");
        put_string(&o, m->description);
        put(&o, "\n");
    }
    put(&o, "horizon: {start: ");
    if (m->period == BE_YEAR || m->start_sub == 0)
        put(&o, "%d", m->start_year);
    else
        put(&o, "%s", m->labels[0]);
    put(&o, ", periods: %d, period: %s}\n", m->T,
        m->period == BE_MONTH ? "month" : m->period == BE_QUARTER
        ? "quarter" : "year");
    put(&o, "discount_rate: %s\n", num(m->discount_rate, b, sizeof b));
    put(&o, "integer: %s\n", m->integer ? "true" : "false");
    put(&o, "end_of_horizon: %s\n", m->salvage ? "salvage" : "none");
    if (m->has_workloads) {
        put_workloads(&o, m);
        put(&o, "energy:\n  price: ");
    } else {
        put(&o, "demand: ");
        put_series(&o, m, m->demand);
        put(&o, "\nenergy:\n  price: ");
    }
    put_series(&o, m, m->energy_price);
    put(&o, "\n  pue: %s\n  utilization: %s\n", num(m->pue, b, sizeof b),
        num(m->utilization, c, sizeof c));
    if (m->has_power_cap || m->has_budget) {
        put(&o, "site:\n");
        if (m->has_power_cap) {
            put(&o, "  power_cap_kw: ");
            put_series(&o, m, m->power_cap);
            put(&o, "\n");
        }
        if (m->has_budget) {
            put(&o, "  budget: ");
            put_series(&o, m, m->budget);
            put(&o, "\n");
        }
    }
    if (m->has_tax)
        put(&o, "finance: {tax_rate: %s, depreciation_years: %s}\n",
            num(m->tax_rate, b, sizeof b),
            num(m->depreciation_years, c, sizeof c));
    if (m->has_revenue && !m->has_workloads)
        put_revenue(&o, m, 0, "");
    put(&o, "devices:\n");
    for (int k = 0; k < m->n_devices; k++)
        if (writable(&m->devices[k]))
            put_device(&o, m, &m->devices[k]);
    if (m->n_fleet > 0) {
        put(&o, "fleet:\n");
        for (int f = 0; f < m->n_fleet; f++) {
            const be_fleet_entry *e = &m->fleet[f];
            put(&o, "  - {device: ");
            put_name(&o, m->devices[e->device].name);
            put(&o, ", count: %s, age: ", num(e->count, b, sizeof b));
            if (e->age == 0)
                put(&o, "0");
            else
                put_periods(&o, m, e->age);
            if (e->has_purchase_price)
                put(&o, ", purchase_price: %s",
                    num(e->purchase_price, c, sizeof c));
            put(&o, "}\n");
        }
    }
    if (o.failed)
        return be__fail(err, BE_EIO, m->file, nowhere, "the model could not "
                        "be written");
    return BE_OK;
}
