/*
 * plan.c -- plan files: read a schedule written in YAML (docs/plans.md)
 * into a be_plan for a given model, and write a be_plan in that format.
 *
 * The file is parsed by the strict YAML layer (yaml_tree.c), so that every
 * error carries the file, line and column of the value at fault.  Entries
 * are checked against the model: devices by name, periods by their label,
 * cohorts as "fleet N" or the label of their purchase period, purchases and
 * rentals within the device's window, and no retirement of more units than
 * are held.  Retirements without a cohort take the oldest units first:
 *
 *   In period order, and within a period after the entries that name a
 *   cohort, the units are taken from the device's cohorts in order of age
 *   at the start of the period, oldest first (units reaching their lifetime
 *   then come first: they retire anyway); equal ages in cohort order
 *   (initial fleet entries in file order first).  A cohort gives at most
 *   what it holds at the start of the period after the retirements already
 *   placed; a bought cohort gives nothing in its purchase period.
 *
 * Workloads (docs/workloads.md): a sale names its workload, and `share`
 * entries give the units of a device that serves several workloads to
 * each of them (a device that serves one gives it all its units, and a
 * share entry for it is refused).  A file with neither `share` nor `sell`
 * gets the best split of its units (be_plan_split); one with `share`
 * keeps its shares and sales as written, for the evaluator to judge
 * (read_split).  be_plan_write writes both, so that a plan read back is
 * the plan written.
 */
#include "model/devices.h"
#include "model/model.h"
#include "model/rules.h"
#include "model/values.h"
#include "model/yaml_tree.h"
#include "plans/plans.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_MAX_BYTES ((size_t)16 << 20)
#define PLAN_MAX_DEPTH 16

typedef struct reader {
    const be_model *m;
    const char *file;
    be_error *err;
    be_plan *p;
} reader;

/* One retirement entry, kept until every purchase is known. */
typedef struct retire_entry {
    int n;          /* 1-based entry number */
    be_pos pos;     /* the entry's mapping */
    int device, period, cohort;   /* cohort -1: oldest first */
    double units;
} retire_entry;

static be_code fail(reader *R, be_pos pos, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static be_code fail(reader *R, be_pos pos, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return be__fail(R->err, BE_EMODEL, R->file, pos, "%s", msg);
}

static const char *quote(const be_ynode *n, char *buf, size_t size)
{
    if (n->kind == BE_YMAPPING)
        return "a mapping";
    if (n->kind == BE_YSEQUENCE)
        return "a list";
    char q[200];
    snprintf(buf, size, "'%s'", be__yaml_quote(n->u.text, n->n, q, sizeof q));
    return buf;
}

static int scalar_is(const be_ynode *n, const char *s)
{
    return n->kind == BE_YSCALAR && n->n == strlen(s) &&
           memcmp(n->u.text, s, n->n) == 0;
}

static const be_ynode *lookup(const be_ynode *map, const char *key,
                              const be_ynode **keynode)
{
    for (size_t i = 0; i < map->n; i++)
        if (scalar_is(map->u.items[2 * i], key)) {
            if (keynode)
                *keynode = map->u.items[2 * i];
            return map->u.items[2 * i + 1];
        }
    return NULL;
}


/* "buy entry 2: " */
typedef struct ctx {
    const char *list;
    int n;
} ctx;

static be_code units_value(reader *R, const ctx *c, const be_ynode *v,
                           double *out)
{
    char d[240];
    if (v->kind != BE_YSCALAR || v->style != BE_YPLAIN ||
        !be__yaml_number_syntax(v->u.text, v->n))
        return fail(R, v->pos, "%s entry %d: units must be a number, found %s",
                    c->list, c->n, quote(v, d, sizeof d));
    errno = 0;
    char *end;
    double x = strtod(v->u.text, &end);
    if (end != v->u.text + v->n || !isfinite(x))
        return fail(R, v->pos, "%s entry %d: units must be a finite number, "
                    "found %s", c->list, c->n, quote(v, d, sizeof d));
    if (x < 0)
        return fail(R, v->pos, "%s entry %d: units must be at least 0, found "
                    "%s", c->list, c->n, quote(v, d, sizeof d));
    *out = x;
    return BE_OK;
}

static int find_period(const be_model *m, const be_ynode *v)
{
    if (v->kind != BE_YSCALAR)
        return -1;
    for (int t = 0; t < m->T; t++)
        if (scalar_is(v, m->labels[t]))
            return t;
    return -1;
}

static be_code period_value(reader *R, const ctx *c, const be_ynode *v,
                            int *out)
{
    char d[240];
    int t = find_period(R->m, v);
    if (t < 0)
        return fail(R, v->pos, "%s entry %d: period must be a period label "
                    "of the model, %s to %s, found %s", c->list, c->n,
                    R->m->labels[0], R->m->labels[R->m->T - 1],
                    quote(v, d, sizeof d));
    *out = t;
    return BE_OK;
}

static be_code device_value(reader *R, const ctx *c, const be_ynode *v,
                            int *out)
{
    char d[240];
    int k = -1;
    if (v->kind == BE_YSCALAR)
        for (int i = 0; i < R->m->n_devices; i++)
            if (scalar_is(v, R->m->devices[i].name))
                k = i;
    if (k < 0)
        return fail(R, v->pos, "%s entry %d: unknown device %s", c->list,
                    c->n, quote(v, d, sizeof d));
    *out = k;
    return BE_OK;
}

/* The keys of one kind of entry: keys[n], all required but those whose
 * bit is set in `optional`; a missing one is named in this order. */
typedef struct entry_shape {
    const char *like;        /* "{device: NAME, period: LABEL, units: N}" */
    const char *expected;    /* "device, period, units or cohort" */
    const char *const *keys;
    int n;
    unsigned optional;
} entry_shape;

/* Checks the keys of entry e against its shape and gives their values
 * in out[shape->n] (NULL for an optional key left out). */
static be_code entry_keys(reader *R, const ctx *c, const be_ynode *e,
                          const entry_shape *s, const be_ynode **out)
{
    char d[240];
    if (e->kind != BE_YMAPPING)
        return fail(R, e->pos, "%s entry %d must be a mapping like %s, found "
                    "%s", c->list, c->n, s->like, quote(e, d, sizeof d));
    for (size_t i = 0; i < e->n; i++) {
        const be_ynode *key = e->u.items[2 * i];
        int known = 0;
        for (int j = 0; j < s->n; j++)
            known |= scalar_is(key, s->keys[j]);
        if (!known)
            return fail(R, key->pos, "%s entry %d: unknown key %s; expected "
                        "%s", c->list, c->n, quote(key, d, sizeof d),
                        s->expected);
    }
    for (int j = 0; j < s->n; j++)
        if (!(out[j] = lookup(e, s->keys[j], NULL)) &&
            !(s->optional & (1u << j)))
            return fail(R, e->pos, "%s entry %d: missing key '%s'", c->list,
                        c->n, s->keys[j]);
    return BE_OK;
}

/* Checks the keys of a buy, rent, retire or failed entry and returns its
 * fields. */
static be_code entry_fields(reader *R, const ctx *c, const be_ynode *e,
                            int with_cohort, const be_ynode **device,
                            const be_ynode **period, const be_ynode **units,
                            const be_ynode **cohort)
{
    static const char *const keys[] = {"device", "period", "units", "cohort"};
    static const entry_shape plain = {
        "{device: NAME, period: LABEL, units: N}", "device, period, units",
        keys, 3, 0};
    static const entry_shape retiring = {
        "{device: NAME, period: LABEL, units: N, cohort: C}",
        "device, period, units or cohort", keys, 4, 1u << 3};
    const be_ynode *v[4] = {NULL, NULL, NULL, NULL};
    be_code rc = entry_keys(R, c, e, with_cohort ? &retiring : &plain, v);
    *device = v[0];
    *period = v[1];
    *units = v[2];
    *cohort = v[3];
    return rc;
}

/* The workload the scalar v names (a model with workloads). */
static be_code workload_value(reader *R, const ctx *c, const be_ynode *v,
                              int *out)
{
    const be_model *m = R->m;
    char d[240];
    int w = be__ld_find_workload(m, v);
    if (w >= 0) {
        *out = w;
        return BE_OK;
    }
    const char **names = malloc((size_t)m->W * sizeof *names);
    if (!names)
        return be__fail(R->err, BE_ENOMEM, R->file, v->pos, "out of memory");
    for (int i = 0; i < m->W; i++)
        names[i] = m->workloads[i].name;
    const char *s = v->kind == BE_YSCALAR
                  ? be__ld_suggest(v->u.text, v->n, names, (size_t)m->W)
                  : NULL;
    be_code rc = s ? fail(R, v->pos, "%s entry %d: unknown workload %s; did "
                          "you mean '%s'?", c->list, c->n,
                          quote(v, d, sizeof d), s)
                   : fail(R, v->pos, "%s entry %d: unknown workload %s",
                          c->list, c->n, quote(v, d, sizeof d));
    free(names);
    return rc;
}

/* The window in which device k is on offer, for messages. */
static void window(const be_model *m, int k, char *buf, size_t size)
{
    const be_device *dv = &m->devices[k];
    snprintf(buf, size, "%s from %s to %s",
             dv->rented ? "offered" : "on sale", m->labels[dv->avail_from],
             m->labels[dv->avail_to]);
}

static be_code read_purchases(reader *R, const be_ynode *list, int rent)
{
    const char *name = rent ? "rent" : "buy";
    char d[240], w[120];
    if (list->kind != BE_YSEQUENCE)
        return fail(R, list->pos, "%s must be a list of entries, found %s",
                    name, quote(list, d, sizeof d));
    int K = R->m->n_devices;
    for (size_t i = 0; i < list->n; i++) {
        ctx c = {name, (int)i + 1};
        const be_ynode *dn, *pn, *un, *cn;
        int k = -1, t = -1;
        double units;
        be_code rc = entry_fields(R, &c, list->u.items[i], 0, &dn, &pn, &un,
                                  &cn);
        if (!rc)
            rc = device_value(R, &c, dn, &k);
        if (!rc)
            rc = period_value(R, &c, pn, &t);
        if (!rc)
            rc = units_value(R, &c, un, &units);
        if (rc)
            return rc;
        const be_device *dv = &R->m->devices[k];
        if (rent && !dv->rented)
            return fail(R, dn->pos, "rent entry %d: '%s' is owned, not "
                        "rented: list it under buy", c.n, dv->name);
        if (!rent && dv->rented)
            return fail(R, dn->pos, "buy entry %d: '%s' is rented: list it "
                        "under rent", c.n, dv->name);
        if (!rent && !dv->buyable)
            return fail(R, dn->pos, "buy entry %d: '%s' has no price: it "
                        "cannot be bought", c.n, dv->name);
        if (units > 0 && !be_model_device_can_buy(R->m, k, t)) {
            window(R->m, k, w, sizeof w);
            return fail(R, pn->pos, "%s entry %d: '%s' cannot be %s in %s "
                        "(%s)", name, c.n, dv->name, rent ? "rented"
                        : "bought", R->m->labels[t], w);
        }
        double *a = rent ? R->p->rent : R->p->buy;
        a[t * K + k] += units;
    }
    return BE_OK;
}

/* sell: [{period: LABEL, units: N}]: work sold beyond the demand, in
 * throughput units (a model with revenue.market); with workloads each
 * entry names its workload, {period: LABEL, workload: NAME, units: N}. */
static be_code read_sales(reader *R, const be_ynode *list)
{
    static const char *const keys[] = {"period", "units"};
    static const char *const wkeys[] = {"period", "workload", "units"};
    static const entry_shape one = {"{period: LABEL, units: N}",
                                    "period or units", keys, 2, 0};
    static const entry_shape several = {
        "{period: LABEL, workload: NAME, units: N}",
        "period, workload or units", wkeys, 3, 0};
    const be_model *m = R->m;
    int W = m->W, named = m->has_workloads;
    char d[240], a[40], b[40];
    if (list->kind != BE_YSEQUENCE)
        return fail(R, list->pos, "sell must be a list of entries, found %s",
                    quote(list, d, sizeof d));
    for (size_t i = 0; i < list->n; i++) {
        ctx c = {"sell", (int)i + 1};
        const be_ynode *e = list->u.items[i], *v[3], *key = NULL;
        if (!named && e->kind == BE_YMAPPING && lookup(e, "workload", &key))
            return fail(R, key->pos, "sell entry %d: the model has no "
                        "workloads, so a sale names none (give period and "
                        "units)", c.n);
        be_code rc = entry_keys(R, &c, e, named ? &several : &one, v);
        const be_ynode *pn = v[0], *un = v[named ? 2 : 1];
        int t = -1, w = 0;
        double units = 0.0;
        if (!rc)
            rc = period_value(R, &c, pn, &t);
        if (!rc && named)
            rc = workload_value(R, &c, v[1], &w);
        if (!rc)
            rc = units_value(R, &c, un, &units);
        if (rc)
            return rc;
        const be_workload *wl = &m->workloads[w];
        if (units > 0 && !m->has_market)
            return fail(R, e->pos, "sell entry %d: the model has no "
                        "revenue.market, so nothing is sold beyond the "
                        "demand", c.n);
        if (units > 0 && named && !wl->has_market)
            return fail(R, e->pos, "sell entry %d: workload '%s' has no "
                        "revenue.market, so nothing of it is sold beyond its "
                        "demand", c.n, wl->name);
        double most = m->has_market ? be__sell_most(m, w, t) : 0.0;
        double *sold = &R->p->sell[t * W + w];
        *sold += units;
        if (*sold > most + BE_UNIT_TOL * fmax(1.0, most)) {
            be_format_number(*sold, a, sizeof a);
            be_format_number(most, b, sizeof b);
            if (named)
                return fail(R, un->pos, "sell entry %d: %s sells %s of '%s' "
                            "beyond its demand, more than its market leaves "
                            "(%s)", c.n, m->labels[t], a, wl->name, b);
            return fail(R, un->pos, "sell entry %d: %s sells %s beyond the "
                        "demand, more than the market leaves (%s)", c.n,
                        m->labels[t], a, b);
        }
    }
    return BE_OK;
}

/* share: [{period: LABEL, device: NAME, workload: NAME, units: N}]: units
 * of a device that serves several workloads given to one of them (a
 * model with workloads); several entries for the same device, workload
 * and period add up.  A device that serves one workload gives it all its
 * units and has no shares: an entry for it is an error. */
static be_code read_shares(reader *R, const be_ynode *list)
{
    static const char *const keys[] = {"period", "device", "workload",
                                       "units"};
    static const entry_shape shape = {
        "{period: LABEL, device: NAME, workload: NAME, units: N}",
        "period, device, workload or units", keys, 4, 0};
    const be_model *m = R->m;
    int K = m->n_devices, W = m->W;
    char d[240];
    if (list->kind != BE_YSEQUENCE)
        return fail(R, list->pos, "share must be a list of entries, found %s",
                    quote(list, d, sizeof d));
    for (size_t i = 0; i < list->n; i++) {
        ctx c = {"share", (int)i + 1};
        const be_ynode *v[4];
        int t = -1, k = -1, w = -1;
        double units = 0.0;
        be_code rc = entry_keys(R, &c, list->u.items[i], &shape, v);
        if (!rc)
            rc = period_value(R, &c, v[0], &t);
        if (!rc)
            rc = device_value(R, &c, v[1], &k);
        if (!rc)
            rc = workload_value(R, &c, v[2], &w);
        if (!rc)
            rc = units_value(R, &c, v[3], &units);
        if (rc)
            return rc;
        const be_device *dv = &m->devices[k];
        int sole = be__sole_workload(m, k);
        if (sole >= 0)
            return fail(R, v[1]->pos, "share entry %d: '%s' serves only "
                        "'%s', which gets all its units: shares are for the "
                        "devices that serve several workloads", c.n,
                        dv->name, m->workloads[sole].name);
        if (!(dv->serve[w] > 0.0))
            return fail(R, v[2]->pos, "share entry %d: '%s' cannot serve "
                        "'%s' (its throughput does not list it)", c.n,
                        dv->name, m->workloads[w].name);
        R->p->share[((size_t)t * K + k) * W + w] += units;
    }
    return BE_OK;
}

/* "fleet N" or a purchase period label. */
static be_code cohort_value(reader *R, const ctx *c, const be_ynode *v, int k,
                            int *out)
{
    const be_model *m = R->m;
    char d[240], w[120];
    const char *s = v->u.text;
    if (v->kind == BE_YSCALAR && v->n > 6 && memcmp(s, "fleet ", 6) == 0) {
        long n = 0;
        size_t i = 6;
        while (i < v->n && s[i] >= '0' && s[i] <= '9' && n < 1000000000L)
            n = n * 10 + (s[i++] - '0');
        if (i == v->n && s[6] != '0') {
            if (n > m->n_fleet)
                return fail(R, v->pos, "%s entry %d: there is no fleet entry "
                            "%ld (the model has %d)", c->list, c->n, n,
                            m->n_fleet);
            for (int j = 0; j < m->n_cohorts; j++)
                if (m->cohorts[j].fleet_entry == n - 1) {
                    if (m->cohorts[j].device != k)
                        return fail(R, v->pos, "%s entry %d: fleet entry %ld "
                                    "holds '%s', not '%s'", c->list, c->n, n,
                                    m->devices[m->cohorts[j].device].name,
                                    m->devices[k].name);
                    *out = j;
                    return BE_OK;
                }
        }
    }
    int t = find_period(m, v);
    if (t < 0)
        return fail(R, v->pos, "%s entry %d: cohort must be 'fleet N' (the "
                    "N-th entry of the model's fleet) or the period the units "
                    "were bought, found %s", c->list, c->n,
                    quote(v, d, sizeof d));
    int j = be__cohort_of(m, k, t);
    if (j < 0) {
        if (!m->devices[k].buyable)
            return fail(R, v->pos, "%s entry %d: '%s' has no price: no units "
                        "of it are bought in %s", c->list, c->n,
                        m->devices[k].name, m->labels[t]);
        window(m, k, w, sizeof w);
        return fail(R, v->pos, "%s entry %d: no units of '%s' can be bought "
                    "in %s (%s)", c->list, c->n, m->devices[k].name,
                    m->labels[t], w);
    }
    *out = j;
    return BE_OK;
}

/* Units of cohort j that may be retired at the start of t, given the
 * purchases and the retirements placed so far. */
static double retirable(const be_model *m, const be_plan *p, int j, int t)
{
    const be_cohort *c = &m->cohorts[j];
    int J = m->n_cohorts;
    if (t < c->start || t > c->end || (c->fleet_entry < 0 && t == c->start))
        return 0.0;
    double held = c->fleet_entry >= 0 ? c->count
                : p->buy[c->start * m->n_devices + c->device];
    for (int s = c->start; s <= t; s++)
        held -= p->retire[s * J + j];
    return held > 0 ? held : 0.0;
}

static int slack_ok(double want, double have)
{
    return want <= have + 1e-9 * fmax(1.0, have);
}

static be_code place_retirements(reader *R, const char *list,
                                 retire_entry *e, int n)
{
    const be_model *m = R->m;
    be_plan *p = R->p;
    int J = m->n_cohorts;
    char u[40], h[40];
    const char *verb = strcmp(list, "failed") == 0 ? "fail" : "are retired";
    for (int t = 0; t < m->T; t++) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                if (e[i].period != t || (pass == 0) != (e[i].cohort >= 0))
                    continue;
                const char *dev = m->devices[e[i].device].name;
                snprintf(u, sizeof u, "%.15g", e[i].units);
                if (e[i].cohort >= 0) {
                    int j = e[i].cohort;
                    double have = retirable(m, p, j, t);
                    if (!slack_ok(e[i].units, have)) {
                        snprintf(h, sizeof h, "%.15g", have);
                        const be_cohort *c = &m->cohorts[j];
                        char cname[32];
                        if (c->fleet_entry >= 0)
                            snprintf(cname, sizeof cname, "fleet %d",
                                     c->fleet_entry + 1);
                        else
                            snprintf(cname, sizeof cname, "%s",
                                     m->labels[c->start]);
                        return fail(R, e[i].pos, "%s entry %d: %s units "
                                    "of '%s' (cohort %s) %s in %s, "
                                    "but only %s are held then", list,
                                    e[i].n, u, dev, cname, verb,
                                    m->labels[t], h);
                    }
                    p->retire[t * J + j] += e[i].units;
                    continue;
                }
                /* oldest first */
                double total = 0;
                for (int j = 0; j < J; j++)
                    if (m->cohorts[j].device == e[i].device)
                        total += retirable(m, p, j, t);
                if (!slack_ok(e[i].units, total)) {
                    snprintf(h, sizeof h, "%.15g", total);
                    return fail(R, e[i].pos, "%s entry %d: %s units of "
                                "'%s' %s in %s, but only %s are held "
                                "then", list, e[i].n, u, dev, verb,
                                m->labels[t], h);
                }
                double left = e[i].units;
                while (left > 0) {
                    int best = -1, best_age = -1;
                    for (int j = 0; j < J; j++) {
                        const be_cohort *c = &m->cohorts[j];
                        int age = c->age0 + (t - c->start);
                        if (c->device == e[i].device &&
                            retirable(m, p, j, t) > 0 && age > best_age) {
                            best = j;
                            best_age = age;
                        }
                    }
                    if (best < 0)
                        break;   /* within the tolerance above */
                    double take = fmin(left, retirable(m, p, best, t));
                    p->retire[t * J + best] += take;
                    left -= take;
                }
            }
        }
    }
    return BE_OK;
}

static be_code read_retirements(reader *R, const be_ynode *list,
                                const char *name)
{
    char d[240];
    if (list->kind != BE_YSEQUENCE)
        return fail(R, list->pos, "%s must be a list of entries, found %s",
                    name, quote(list, d, sizeof d));
    retire_entry *e = be__calloc(list->n ? list->n : 1, sizeof *e);
    if (!e)
        return be__fail(R->err, BE_ENOMEM, R->file, list->pos,
                        "out of memory");
    be_code rc = BE_OK;
    for (size_t i = 0; i < list->n && !rc; i++) {
        ctx c = {name, (int)i + 1};
        const be_ynode *dn, *pn, *un, *cn;
        e[i].n = c.n;
        e[i].pos = list->u.items[i]->pos;
        e[i].cohort = -1;
        rc = entry_fields(R, &c, list->u.items[i], 1, &dn, &pn, &un, &cn);
        if (!rc)
            rc = device_value(R, &c, dn, &e[i].device);
        if (!rc && R->m->devices[e[i].device].rented)
            rc = fail(R, dn->pos, "%s entry %d: '%s' is rented: rented "
                      "units are not retired (rent fewer)", name, c.n,
                      R->m->devices[e[i].device].name);
        if (!rc)
            rc = period_value(R, &c, pn, &e[i].period);
        if (!rc)
            rc = units_value(R, &c, un, &e[i].units);
        if (!rc && cn)
            rc = cohort_value(R, &c, cn, e[i].device, &e[i].cohort);
    }
    if (!rc)
        rc = place_retirements(R, name, e, (int)list->n);
    free(e);
    return rc;
}

/* The first device of m that serves several workloads, or -1. */
static int first_shared(const be_model *m)
{
    for (int k = 0; k < m->n_devices; k++)
        if (m->W > 1 && be__sole_workload(m, k) < 0)
            return k;
    return -1;
}

/* A device that serves one workload gives it all its units in service
 * (the evaluator's rule): its shares in p become those units, so that a
 * plan read back from the file be_plan_write wrote is the plan written. */
static be_code fill_sole_shares(const be_model *m, be_plan *p, be_error *err)
{
    be_eval *e = be_evaluate(m, p, err);
    if (!e)
        return err ? err->code : BE_ENOMEM;
    int K = m->n_devices, W = m->W;
    for (int t = 0; t < m->T; t++)
        for (int k = 0; k < K; k++) {
            int w = be__sole_workload(m, k);
            if (w >= 0)
                p->share[((size_t)t * K + k) * W + w] =
                    e->in_service[t * K + k];
        }
    be_eval_free(e);
    return BE_OK;
}

/* With workloads, which workload each unit serves (docs/plans.md): a file
 * with neither `share` nor `sell` gets the best split of its units, the
 * shares that meet every workload's demand and the sale of what is left
 * where it is worth most (be_plan_split); a file with `share` (even
 * `share: []`) has its shares and sales as written, and the evaluator
 * judges them.  A `sell` list alone is enough only when no device serves
 * several workloads (the shares then follow from the holdings); in a
 * model without a market, `sell: []` is no list at all. */
static be_code read_split(reader *R, const be_ynode *root)
{
    const be_model *m = R->m;
    const be_ynode *key = NULL;
    const be_ynode *share = lookup(root, "share", NULL);
    const be_ynode *sell = lookup(root, "sell", &key);
    /* without a market nothing is sold: an empty list says nothing */
    if (sell && !m->has_market && sell->kind == BE_YSEQUENCE && !sell->n)
        sell = NULL;
    if (!share && !sell)
        return be_plan_split(m, R->p, R->err);
    int k = first_shared(m);
    if (!share && k >= 0)
        return fail(R, key->pos, "sell without share: '%s' serves several "
                    "workloads, and its shares decide what is left to sell; "
                    "give a share list too (or neither, for the best split "
                    "of the units)", m->devices[k].name);
    return fill_sole_shares(m, R->p, R->err);
}

static be_code read_plan(reader *R, const be_ynode *root)
{
    char d[240];
    be_pos top = {1, 1};
    if (root->kind != BE_YMAPPING)
        return fail(R, root->pos, "a plan file must be a mapping with "
                    "breakeven_plan, buy, rent and retire, found %s",
                    quote(root, d, sizeof d));
    for (size_t i = 0; i < root->n; i++) {
        const be_ynode *key = root->u.items[2 * i];
        int named = R->m->has_workloads;
        if (scalar_is(key, "breakeven_plan") || scalar_is(key, "relaxed") ||
            scalar_is(key, "buy") || scalar_is(key, "rent") ||
            scalar_is(key, "retire") || scalar_is(key, "sell") ||
            (named && scalar_is(key, "share")))
            continue;
        if (scalar_is(key, "breakeven"))
            return fail(R, key->pos, "this is a model file, not a plan file "
                        "(a plan starts with 'breakeven_plan: 1')");
        if (scalar_is(key, "share"))
            return fail(R, key->pos, "share: the model has no workloads, so "
                        "its units have no shares");
        return fail(R, key->pos, "unknown key %s in the plan; expected "
                    "breakeven_plan, relaxed, buy, rent, retire%s",
                    quote(key, d, sizeof d),
                    named ? ", sell or share" : " or sell");
    }
    const be_ynode *v = lookup(root, "breakeven_plan", NULL);
    if (!v)
        return fail(R, top, "missing required key 'breakeven_plan' (the plan "
                    "format version: write 'breakeven_plan: 1')");
    if (!(v->style == BE_YPLAIN && scalar_is(v, "1")))
        return fail(R, v->pos, "breakeven_plan must be 1 (the only plan "
                    "format version), found %s", quote(v, d, sizeof d));
    if ((v = lookup(root, "relaxed", NULL)) != NULL) {
        if (v->style != BE_YPLAIN ||
            !(scalar_is(v, "true") || scalar_is(v, "false")))
            return fail(R, v->pos, "relaxed must be true or false, found %s",
                        quote(v, d, sizeof d));
        R->p->relaxed = scalar_is(v, "true");
    }
    be_code rc = BE_OK;
    if ((v = lookup(root, "buy", NULL)) != NULL)
        rc = read_purchases(R, v, 0);
    if (!rc && (v = lookup(root, "rent", NULL)) != NULL)
        rc = read_purchases(R, v, 1);
    if (!rc && (v = lookup(root, "retire", NULL)) != NULL)
        rc = read_retirements(R, v, "retire");
    if (!rc && (v = lookup(root, "sell", NULL)) != NULL)
        rc = read_sales(R, v);
    if (!rc && R->m->has_workloads && (v = lookup(root, "share", NULL)))
        rc = read_shares(R, v);
    if (!rc && R->m->has_workloads)
        rc = read_split(R, root);
    return rc;
}

/* A plan or actuals file's text as a YAML tree, within the size and depth
 * limits of plan files. */
static be_code parse_text(const char *text, size_t len, const char *name,
                          be_ydoc **doc, const be_ynode **root, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (len > PLAN_MAX_BYTES)
        return be__fail(err, BE_ELIMIT, name, nowhere, "the file is larger "
                        "than the limit of %zu bytes", PLAN_MAX_BYTES);
    return be__yaml_parse(text, len, PLAN_MAX_DEPTH, name, doc, root, err);
}

be_plan *be_plan_load_string(const be_model *m, const char *text, size_t len,
                             const char *name, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!name)
        name = "plan";
    if (!m || !text) {
        be__fail(err, BE_EARG, name, nowhere, "no %s to read",
                 m ? "text" : "model");
        return NULL;
    }
    be_ydoc *doc = NULL;
    const be_ynode *root = NULL;
    if (parse_text(text, len, name, &doc, &root, err))
        return NULL;
    reader R = {m, name, err, be_plan_new(m)};
    be_code rc = R.p ? read_plan(&R, root)
               : be__fail(err, BE_ENOMEM, name, nowhere, "out of memory");
    be__yaml_free(doc);
    if (rc) {
        be_plan_free(R.p);
        return NULL;
    }
    return R.p;
}

be_plan *be_plan_load_file(const be_model *m, const char *path, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!path) {
        be__fail(err, BE_EARG, "", nowhere, "no file name was given");
        return NULL;
    }
    size_t n;
    char *buf = be_read_file(path, PLAN_MAX_BYTES, &n, err);
    if (!buf)
        return NULL;
    be_plan *p = be_plan_load_string(m, buf, n, path, err);
    free(buf);
    return p;
}

/* ---- writing ---- */

typedef struct writer {
    be_write_fn write;
    void *ctx;
    int failed;
} writer;

static void put(writer *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void put(writer *w, const char *fmt, ...)
{
    char buf[512];
    if (w->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf || w->write(w->ctx, buf, (size_t)n))
        w->failed = 1;
}

/* Counts below this are solver noise and are not written. */
#define WRITE_TOL BE_UNIT_TOL

static void write_list(writer *w, const be_model *m, const double *a,
                       const char *key)
{
    int K = m->n_devices, any = 0;
    char u[40];
    for (int t = 0; t < m->T; t++)
        for (int k = 0; k < K; k++)
            if (a[t * K + k] > WRITE_TOL) {
                put(w, "%s  - {device: %s, period: %s, units: %s}\n",
                    any++ ? "" : "\n", m->devices[k].name, m->labels[t],
                    be_format_number(a[t * K + k], u, sizeof u));
            }
    if (!any)
        put(w, " []\n");
    (void)key;
}

be_code be_plan_write(const be_model *m, const be_plan *p,
                      const char *comment, be_write_fn write, void *ctx,
                      be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!m || !p || !write)
        return be__fail(err, BE_EARG, m ? m->file : "", nowhere,
                        "no %s to write", !m ? "model" : !p ? "plan"
                        : "destination");
    if (p->periods != m->T || p->devices != m->n_devices ||
        p->cohorts != m->n_cohorts || p->workloads != m->W)
        return be__fail(err, BE_EARG, m->file, nowhere, "the plan does not "
                        "match the model");
    if (comment && strchr(comment, '\n'))
        return be__fail(err, BE_EARG, m->file, nowhere, "the comment of a "
                        "plan file must be one line");
    writer w = {write, ctx, 0};
    int J = m->n_cohorts;
    char u[40];
    put(&w, "# A plan for the model '%s' (plan file format: docs/plans.md).\n",
        m->name ? m->name : "");
    if (comment && comment[0])
        put(&w, "# %s\n", comment);
    put(&w, "breakeven_plan: 1\n");
    if (p->relaxed)
        put(&w, "relaxed: true\n");
    put(&w, "buy:");
    write_list(&w, m, p->buy, "buy");
    put(&w, "rent:");
    write_list(&w, m, p->rent, "rent");
    put(&w, "retire:");
    int any = 0;
    for (int t = 0; t < m->T; t++)
        for (int j = 0; j < J; j++) {
            double r = p->retire[t * J + j];
            if (!(r > WRITE_TOL))
                continue;
            const be_cohort *c = &m->cohorts[j];
            char cname[32];
            if (c->fleet_entry >= 0)
                snprintf(cname, sizeof cname, "fleet %d", c->fleet_entry + 1);
            else
                snprintf(cname, sizeof cname, "%s", m->labels[c->start]);
            put(&w, "%s  - {device: %s, period: %s, units: %s, cohort: %s}%s\n",
                any++ ? "" : "\n", m->devices[c->device].name, m->labels[t],
                be_format_number(r, u, sizeof u), cname,
                t == c->end ? "   # end of life" : "");
        }
    if (!any)
        put(&w, " []\n");
    int W = m->W, K = m->n_devices;
    if (m->has_market) {
        put(&w, "sell:");
        any = 0;
        for (int t = 0; t < m->T; t++)
            for (int x = 0; x < W; x++) {
                double v = p->sell[t * W + x];
                if (!(v > WRITE_TOL))
                    continue;
                be_format_number(v, u, sizeof u);
                if (m->has_workloads)
                    put(&w, "%s  - {period: %s, workload: %s, units: %s}\n",
                        any++ ? "" : "\n", m->labels[t],
                        m->workloads[x].name, u);
                else
                    put(&w, "%s  - {period: %s, units: %s}\n",
                        any++ ? "" : "\n", m->labels[t], u);
            }
        if (!any)
            put(&w, " []\n");
    }
    if (first_shared(m) >= 0) {
        /* the devices that serve several workloads; the others give all
         * their units to their one workload */
        put(&w, "share:");
        any = 0;
        for (int t = 0; t < m->T; t++)
            for (int k = 0; k < K; k++)
                for (int x = 0; be__sole_workload(m, k) < 0 && x < W; x++) {
                    double v = p->share[((size_t)t * K + k) * W + x];
                    if (v > WRITE_TOL)
                        put(&w, "%s  - {period: %s, device: %s, workload: %s, "
                            "units: %s}\n", any++ ? "" : "\n", m->labels[t],
                            m->devices[k].name, m->workloads[x].name,
                            be_format_number(v, u, sizeof u));
                }
        if (!any)
            put(&w, " []\n");
    }
    if (w.failed)
        return be__fail(err, BE_EIO, m->file, nowhere, "the plan could not "
                        "be written");
    return BE_OK;
}

/* ---- actuals (docs/replanning.md) ---- */

/* The period label of every entry of list (a sequence of mappings with a
 * `period`) marked in named[]; an entry at or after `to` is an error. */
static be_code mark_periods(reader *R, const be_ynode *list, const char *name,
                            int to, unsigned char *named)
{
    if (!list || list->kind != BE_YSEQUENCE)
        return BE_OK;     /* the readers say what is wrong with it */
    for (size_t i = 0; i < list->n; i++) {
        const be_ynode *e = list->u.items[i], *pn;
        if (e->kind != BE_YMAPPING || !(pn = lookup(e, "period", NULL)))
            continue;
        int t = find_period(R->m, pn);
        if (t < 0)
            continue;
        if (t >= to)
            return fail(R, pn->pos, "%s entry %zu: %s is not before %s, the "
                        "period the model is advanced to: actuals are what "
                        "happened before it", name, i + 1, R->m->labels[t],
                        R->m->labels[to]);
        named[t] = 1;
    }
    return BE_OK;
}

/* With workloads, the split of the units of plan h (p with the actuals
 * of the periods before `to`) in the periods the actuals touch
 * (touched[t]: named by buy, rent, retire or failed) and in every period,
 * before `to` or after, whose units in service they changed: the best
 * split of h's units there (be_plan_split), p's shares and sales
 * everywhere else.  So the continuation of h (be_plan_advance) splits
 * the units the new fleet has. */
static be_code resplit(const be_model *m, const be_plan *p, be_plan *h,
                       int to, const unsigned char *touched, be_error *err)
{
    int K = m->n_devices, W = m->W;
    be_plan *q = be__plan_copy(m, h);
    be_eval *was = be_evaluate(m, p, err);
    be_eval *now = be_evaluate(m, h, err);
    be_code rc = q && was && now ? be_plan_split(m, q, err) : BE_ENOMEM;
    for (int t = 0; !rc && t < m->T; t++) {
        int changed = t < to && touched[t];
        for (int k = 0; k < K; k++)
            changed |= fabs(now->in_service[t * K + k] -
                            was->in_service[t * K + k]) >
                       BE_UNIT_TOL * fmax(1.0, was->in_service[t * K + k]);
        if (!changed)
            continue;
        memcpy(h->sell + (size_t)t * W, q->sell + (size_t)t * W,
               (size_t)W * sizeof *h->sell);
        memcpy(h->share + (size_t)t * K * W, q->share + (size_t)t * K * W,
               (size_t)K * W * sizeof *h->share);
    }
    if (rc == BE_ENOMEM && (!err || err->code != BE_ENOMEM))
        be__fail(err, BE_ENOMEM, m->file, (be_pos){0, 0}, "out of memory");
    be_eval_free(now);
    be_eval_free(was);
    be_plan_free(q);
    return rc;
}

be_plan *be_plan_actuals(const be_model *m, const be_plan *p, int to,
                         const char *text, size_t len, const char *name,
                         be_error *err)
{
    be_pos nowhere = {0, 0}, top = {1, 1};
    if (!name)
        name = "actuals";
    if (!m || !p || !text || to < 1 || to > m->T) {
        be__fail(err, BE_EARG, name, nowhere, "be_plan_actuals needs a "
                 "model, a plan, the actuals and a period after the first");
        return NULL;
    }
    be_ydoc *doc = NULL;
    const be_ynode *root = NULL;
    if (parse_text(text, len, name, &doc, &root, err))
        return NULL;
    reader R = {m, name, err, NULL};
    unsigned char *named = be__calloc((size_t)m->T + 1, 1);
    unsigned char *touched = be__calloc((size_t)m->T + 1, 1);
    char d[240];
    be_code rc = BE_OK;
    static const char *const lists[] = {"buy", "rent", "retire", "failed"};
    if (!named || !touched) {
        rc = be__fail(err, BE_ENOMEM, name, nowhere, "out of memory");
        goto out;
    }
    if (root->kind != BE_YMAPPING) {
        rc = fail(&R, root->pos, "an actuals file must be a mapping with "
                  "breakeven_actuals and buy, rent, retire or failed, found "
                  "%s", quote(root, d, sizeof d));
        goto out;
    }
    for (size_t i = 0; i < root->n; i++) {
        const be_ynode *key = root->u.items[2 * i];
        int known = scalar_is(key, "breakeven_actuals") ||
                    scalar_is(key, "fleet");
        for (size_t l = 0; l < 4; l++)
            known |= scalar_is(key, lists[l]);
        if (!known) {
            rc = fail(&R, key->pos, "unknown key %s in the actuals; expected "
                      "breakeven_actuals, buy, rent, retire, failed or fleet",
                      quote(key, d, sizeof d));
            goto out;
        }
    }
    const be_ynode *v = lookup(root, "breakeven_actuals", NULL);
    if (!v) {
        rc = fail(&R, top, "missing required key 'breakeven_actuals' (the "
                  "actuals format version: write 'breakeven_actuals: 1')");
        goto out;
    }
    if (!(v->style == BE_YPLAIN && scalar_is(v, "1"))) {
        rc = fail(&R, v->pos, "breakeven_actuals must be 1, found %s",
                  quote(v, d, sizeof d));
        goto out;
    }
    /* every period the actuals name is theirs: the plan's decisions of it
     * give way (failures alone do not replace a period's decisions) */
    for (size_t l = 0; l < 4 && !rc; l++)
        rc = mark_periods(&R, lookup(root, lists[l], NULL), lists[l], to,
                          l < 3 ? named : touched);
    if (rc)
        goto out;
    for (int t = 0; t < m->T; t++)
        touched[t] |= named[t];     /* every period the actuals touch */
    R.p = be_plan_new(m);
    if (!R.p) {
        rc = be__fail(err, BE_ENOMEM, name, nowhere, "out of memory");
        goto out;
    }
    int K = m->n_devices, J = m->n_cohorts;
    for (int t = 0; t < m->T; t++) {
        int own = t < to && named[t];
        for (int k = 0; k < K; k++) {
            R.p->buy[t * K + k] = own ? 0.0 : p->buy[t * K + k];
            R.p->rent[t * K + k] = own ? 0.0 : p->rent[t * K + k];
        }
        for (int j = 0; j < J; j++)
            R.p->retire[t * J + j] = own ? 0.0 : p->retire[t * J + j];
    }
    memcpy(R.p->sell, p->sell, (size_t)m->T * m->W * sizeof *p->sell);
    memcpy(R.p->share, p->share,
           (size_t)m->T * K * m->W * sizeof *p->share);
    R.p->relaxed = p->relaxed;
    if ((v = lookup(root, "buy", NULL)))
        rc = read_purchases(&R, v, 0);
    if (!rc && (v = lookup(root, "rent", NULL)))
        rc = read_purchases(&R, v, 1);
    if (!rc && (v = lookup(root, "retire", NULL)))
        rc = read_retirements(&R, v, "retire");
    if (!rc && (v = lookup(root, "failed", NULL)))
        rc = read_retirements(&R, v, "failed");
    /* the plan's own decisions of the periods the actuals do not name
     * must still be possible after them */
    for (int j = 0; !rc && j < J; j++) {
        const be_cohort *c = &m->cohorts[j];
        double held = c->fleet_entry >= 0 ? c->count
                    : R.p->buy[c->start * K + c->device];
        for (int t = c->start; !rc && t < to && t <= c->end && t < m->T;
             t++) {
            held -= R.p->retire[t * J + j];
            if (held < -BE_UNIT_TOL * fmax(1.0, fabs(held)))
                rc = fail(&R, top, "with these actuals the plan's own "
                          "retirements of %s take %.15g more unit%s of '%s' "
                          "than are held then: list what happened in %s in "
                          "the actuals too", m->labels[t], -held,
                          -held == 1.0 ? "" : "s",
                          m->devices[c->device].name, m->labels[t]);
        }
    }
    if (!rc && m->has_workloads)
        rc = resplit(m, p, R.p, to, touched, err);
out:
    free(touched);
    free(named);
    be__yaml_free(doc);
    if (rc) {
        be_plan_free(R.p);
        return NULL;
    }
    return R.p;
}

be_model *be_model_actuals_fleet(const be_model *a, const char *text,
                                 size_t len, const char *name, int *counted,
                                 be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!name)
        name = "actuals";
    if (counted)
        *counted = 0;
    if (!a || !text || a->n_scenarios) {
        be__fail(err, BE_EARG, name, nowhere, "be_model_actuals_fleet needs "
                 "a model without scenarios and the actuals");
        return NULL;
    }
    be_ydoc *doc = NULL;
    const be_ynode *root = NULL;
    if (parse_text(text, len, name, &doc, &root, err))
        return NULL;
    be_model *b = be__model_copy(a);
    if (!b) {
        be__yaml_free(doc);
        be__fail(err, BE_ENOMEM, name, nowhere, "out of memory");
        return NULL;
    }
    const be_ynode *v = root->kind == BE_YMAPPING
                      ? lookup(root, "fleet", NULL) : NULL;
    if (v) {
        /* the fleet as counted: read as a model file's fleet, its ages at
         * the new model's first period */
        free(b->fleet);
        b->fleet = NULL;
        b->n_fleet = 0;
        loader L = {b, err, name,
                    b->period == BE_MONTH ? 12 : b->period == BE_QUARTER ? 4
                                                                         : 1};
        if (be__parse_fleet(&L, v) != BE_OK) {
            be__yaml_free(doc);
            be_model_free(b);
            return NULL;
        }
        if (counted)
            *counted = 1;
    }
    be__yaml_free(doc);
    if (be__model_finish(b, err) != BE_OK) {
        be_model_free(b);
        return NULL;
    }
    return b;
}
