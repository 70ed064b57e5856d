/*
 * devices.c -- the `devices` and `fleet` sections of a model file
 * (docs/schema.md): each device's numbers, times in years as whole
 * periods, O&M and resale by year of age, the purchase window, and the
 * fleet in place with its ages and purchase prices.
 */
#include "model/devices.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- devices ---- */


/* "0.0833" for 1/12: years with at most 4 decimals, for did-you-mean. */
static const char *short_years(double years, char *buf, size_t size)
{
    snprintf(buf, size, "%.4f", years);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf);
        while (e > dot + 1 && e[-1] == '0')
            *--e = '\0';
        if (e == dot + 1)
            *dot = '\0';
    }
    return buf;
}

/* "1 month", "8 quarters" */
static const char *count_of(double periods, int ppy, char *buf, size_t size)
{
    snprintf(buf, size, "%.15g %s", periods,
             be__ld_unit_name(ppy, periods != 1));
    return buf;
}

/* A time that must be a whole number of periods: a lifetime or a fleet
 * age.  Written either in years, a number ("lifetime: 6", "age: 0.0833"),
 * or as a count with its unit ("age: 18 months", "lifetime: 20 quarters",
 * "lifetime: 6 years").  A number in years is accepted within PERIOD_TOL
 * years of a whole number of periods, since 1/12 and 1/3 cannot be typed
 * exactly (0.0833, 0.08, 0.33 read as 1 and 4 months; the rounding is
 * kept as a note for `check`); further off, the message offers the
 * nearest whole number of periods.  A count must convert exactly.  The
 * value must be at least min_periods and at most max_years.  *periods is
 * a whole number; *written describes the value ("1.5 years", "18 months")
 * for later messages. */
#define PERIOD_TOL 0.005
static be_code time_periods(loader *L, const be_ynode *n, const char *ctx,
                            const char *what, double min_periods,
                            double max_years, double *periods, char *written,
                            size_t written_size)
{
    static const char *const units[] = {"year", "years", "quarter",
                                        "quarters", "month", "months"};
    static const int unit_ppy[] = {1, 1, 4, 4, 12, 12};
    char p[200], d[300], a[64], b[64];
    int ppy = L->ppy;
    const char *s = n->u.text;
    size_t len = n->n, num_len = 0;
    double x, k;
    be_code rc;

    /* a count with its unit: NUMBER, spaces, one of the unit words */
    if (n->kind == BE_YSCALAR && n->style == BE_YPLAIN && len &&
        !be__yaml_number_syntax(s, len)) {
        while (num_len < len && s[num_len] != ' ')
            num_len++;
        size_t u = num_len;
        while (u < len && s[u] == ' ')
            u++;
        int which = -1;
        for (int i = 0; u > num_len && u < len && i < 6; i++)
            if (strlen(units[i]) == len - u &&
                memcmp(s + u, units[i], len - u) == 0)
                which = i;
        if (which >= 0 && be__yaml_number_syntax(s, num_len)) {
            char *end;
            errno = 0;
            x = strtod(s, &end);
            if (end != s + num_len || !isfinite(x) || x < 0)
                return FAIL(L, n,
                            "%s%s must be a count of at least 0, found "
                            "'%s'",
                            be__ld_prefix(ctx, p, sizeof p), what,
                            be__ld_as_written(n, d, sizeof d));
            double per = x * ppy / unit_ppy[which];
            if (per / ppy > max_years)
                return FAIL(L, n,
                            "%s%s must be at most %.15g years, found "
                            "'%s'",
                            be__ld_prefix(ctx, p, sizeof p), what, max_years,
                            be__ld_as_written(n, d, sizeof d));
            if (!be__ld_is_whole(per))
                return FAIL(L, n,
                            "%s%s '%s' is not a whole number of %s (a "
                            "%s is %.15g %s)",
                            be__ld_prefix(ctx, p, sizeof p), what,
                            be__ld_as_written(n, d, sizeof d),
                            be__ld_unit_name(ppy, 1), be__ld_unit_name(ppy, 0),
                            (double)unit_ppy[which] / ppy,
                            be__ld_unit_name(unit_ppy[which], 1));
            k = round(per);
            if (k < min_periods)
                return FAIL(L, n, "%s%s must be at least one %s, found '%s'",
                            be__ld_prefix(ctx, p, sizeof p), what,
                            be__ld_unit_name(ppy, 0),
                            be__ld_as_written(n, d, sizeof d));
            *periods = k;
            snprintf(written, written_size, "%s",
                     be__ld_as_written(n, d, sizeof d));
            return BE_OK;
        }
        if (which < 0 && num_len < len && be__yaml_number_syntax(s, num_len))
            return FAIL(L, n,
                        "%s%s must be a number of years or a count "
                        "with its unit (years, quarters or months), found "
                        "'%s'",
                        be__ld_prefix(ctx, p, sizeof p), what,
                        be__ld_as_written(n, d, sizeof d));
    }
    if ((rc = be__ld_number_in(L, n, ctx, what, 0, min_periods > 0, INFINITY,
                               0, &x)) ||
        (rc = be__ld_in_range(L, n, ctx, what, x, -INFINITY, 0, max_years, 0)))
        return rc;
    snprintf(written, written_size, "%s years",
             be__ld_as_written(n, d, sizeof d));
    if (x > MAX_LIFETIME_YEARS) {
        /* older than any lifetime: nothing to round to (x * ppy may not
         * even be finite); the caller refuses it against the device's */
        *periods = x * ppy;
        return BE_OK;
    }
    k = round(x * ppy);
    double off = fabs(x - k / ppy);
    if (k < min_periods && off <= (ppy > 1 ? PERIOD_TOL : WHOLE_TOL))
        return FAIL(L, n, "%s%s must be at least one %s, found %s",
                    be__ld_prefix(ctx, p, sizeof p), what,
                    be__ld_unit_name(ppy, 0),
                    be__ld_as_written(n, d, sizeof d));
    if (k < min_periods) {
        k = min_periods;
        off = fabs(x - k / ppy);
    }
    if (off > WHOLE_TOL && off <= PERIOD_TOL && ppy > 1)
        be__ld_note(L, n, "%s%s %s years read as %s (%s years)",
                    be__ld_prefix(ctx, p, sizeof p), what,
                    be__ld_as_written(n, d, sizeof d),
                    count_of(k, ppy, a, sizeof a),
                    short_years(k / ppy, b, sizeof b));
    else if (off > WHOLE_TOL && ppy == 1)
        return FAIL(L, n, "%s%s must be a whole number of years, found %s",
                    be__ld_prefix(ctx, p, sizeof p), what,
                    be__ld_as_written(n, d, sizeof d));
    else if (off > WHOLE_TOL)
        return FAIL(
            L, n,
            "%s%s %s years is not a whole number of %s; did "
            "you mean %s (%s)?",
            be__ld_prefix(ctx, p, sizeof p), what,
            be__ld_as_written(n, d, sizeof d), be__ld_unit_name(ppy, 1),
            short_years(k / ppy, b, sizeof b), count_of(k, ppy, a, sizeof a));
    *periods = k;
    return BE_OK;
}

/* A list of exactly n_years non-negative numbers, by year of age. */
static be_code per_year_list(loader *L, const be_ynode *n, const be_device *dv,
                             const char *ctx, const char *what,
                             const char *item_before, const char *item_after,
                             const char *meaning,
                             double *out)
{
    char p[200], item[120];
    if (n->n != (size_t)dv->n_years)
        return FAIL(L, n,
                    "%s%s has %zu value%s, its lifetime of %.15g year%s "
                    "needs %d (%s)",
                    be__ld_prefix(ctx, p, sizeof p), what, n->n,
                    n->n == 1 ? "" : "s", dv->lifetime,
                    dv->lifetime == 1 ? "" : "s", dv->n_years, meaning);
    for (int i = 0; i < dv->n_years; i++) {
        snprintf(item, sizeof item, "%s %s %d%s", what, item_before, i + 1,
                 item_after);
        be_code rc = be__ld_number_in(L, n->u.items[i], ctx, item, 0, 0,
                                      INFINITY, 0, &out[i]);
        if (rc)
            return rc;
    }
    return BE_OK;
}

static be_code parse_om(loader *L, const be_ynode *n, be_device *dv,
                        const char *ctx)
{
    char p[200], d[300];
    if (n->kind == BE_YSEQUENCE)
        return per_year_list(L, n, dv, ctx, "om", "for year", " of age",
                             "one per year of age", dv->om);
    if (n->kind == BE_YSCALAR && n->style == BE_YPLAIN &&
        be__yaml_number_syntax(n->u.text, n->n)) {
        be_code rc =
            be__ld_number_in(L, n, ctx, "om", 0, 0, INFINITY, 0, &dv->om[0]);
        for (int i = 1; !rc && i < dv->n_years; i++)
            dv->om[i] = dv->om[0];
        return rc;
    }
    return FAIL(L, n,
                "%som must be a number or a list of %d number%s, found "
                "%s%s",
                be__ld_prefix(ctx, p, sizeof p), dv->n_years,
                dv->n_years == 1 ? "" : "s", be__ld_describe(n, d, sizeof d),
                be__ld_number_hint(n));
}

static be_code parse_resale(loader *L, const be_ynode *n, be_device *dv,
                            const char *ctx)
{
    char p[200], d[300], w[200];
    be_code rc;
    if (n->kind == BE_YSEQUENCE) {
        dv->resale_kind = BE_RESALE_LIST;
        dv->resale = be__calloc((size_t)dv->n_years, sizeof *dv->resale);
        if (!dv->resale)
            return be__ld_fail(L, BE_ENOMEM, n->pos, "out of memory");
        return per_year_list(L, n, dv, ctx, "resale", "at age", "",
                             "the value at age 1, 2, ... years", dv->resale);
    }
    if (n->kind == BE_YMAPPING) {
        const be_ynode *vf, *vh;
        snprintf(w, sizeof w, "%s resale", ctx);
        if ((rc = CHECK_KEYS(L, n, "resaleCurve", w)) ||
            (rc = be__ld_need(L, n, "fraction", w, &vf)) ||
            (rc = be__ld_need(L, n, "half_life", w, &vh)) ||
            (rc = be__ld_number_in(L, vf, ctx, "resale fraction", 0, 0, 1, 0,
                                   &dv->resale_fraction)) ||
            (rc = be__ld_number_in(L, vh, ctx, "resale half_life", 0, 1,
                                   INFINITY, 0, &dv->resale_half_life)))
            return rc;
        dv->resale_kind = BE_RESALE_CURVE;
        return BE_OK;
    }
    return FAIL(L, n,
                "%sresale must be a list of %d number%s or {fraction, "
                "half_life}, found %s",
                be__ld_prefix(ctx, p, sizeof p), dv->n_years,
                dv->n_years == 1 ? "" : "s", be__ld_describe(n, d, sizeof d));
}

/* An `available` label: a year (any period kind), "2026-Q3" for quarters
 * or "2026-07" for months.  A year stands for its first period (from) or
 * its last period within the horizon (to). */
static be_code parse_label(loader *L, const be_ynode *n, const char *ctx,
                           const char *what, int is_to, int *out)
{
    be_model *m = L->m;
    int ppy = L->ppy;
    char p[200], d[300], first[16], last[16];
    double first_p, last_p;   /* periods covered by the label */
    const char *s = n->u.text;
    size_t len = n->n;

    if (n->kind == BE_YSCALAR && n->style == BE_YPLAIN &&
        be__yaml_number_syntax(s, len)) {
        double year;
        be_code rc = be__ld_whole_number(L, n, ctx, what, &year);
        if (rc)
            return rc;
        first_p = (year - m->start_year) * ppy - m->start_sub;
        last_p = first_p + ppy - 1;
    } else {
        double year = 0;
        int sub = 0, ok = be__ld_label_parts(n, ppy, &year, &sub);
        if (!ok) {
            const char *expect = ppy == 12 ? "a month like 2026-07 or a year"
                               : ppy == 4 ? "a quarter like 2026-Q3 or a year"
                                          : "a year like 2026";
            return FAIL(L, n, "%s%s must be %s, found %s",
                        be__ld_prefix(ctx, p, sizeof p), what, expect,
                        be__ld_describe(n, d, sizeof d));
        }
        first_p = last_p = (year - m->start_year) * ppy + sub - m->start_sub;
    }
    if (last_p < 0 || first_p > m->T - 1) {
        be__ld_period_label(m, 0, first);
        be__ld_period_label(m, m->T - 1, last);
        return FAIL(L, n, "%s%s %s is outside the horizon (%s to %s)",
                    be__ld_prefix(ctx, p, sizeof p), what,
                    be__ld_as_written(n, d, sizeof d), first, last);
    }
    if (is_to)
        *out = last_p > m->T - 1 ? m->T - 1 : (int)last_p;
    else
        *out = first_p < 0 ? 0 : (int)first_p;
    return BE_OK;
}

static be_code parse_available(loader *L, const be_ynode *key,
                               const be_ynode *n, be_device *dv,
                               const char *ctx)
{
    char w[200], p[200], a[300], b[300];
    const be_ynode *vf, *vt;
    be_code rc;
    if (!dv->buyable && !dv->rented)
        return FAIL(L, key,
                    "%s'available' needs a price or a rent (the "
                    "device can neither be bought nor rented)",
                    be__ld_prefix(ctx, p, sizeof p));
    snprintf(w, sizeof w, "%s available", ctx);
    if ((rc = be__ld_want_map(L, n, ctx, "available")) ||
        (rc = CHECK_KEYS(L, n, "available", w)))
        return rc;
    vf = be__ld_lookup(n, "from", NULL);
    vt = be__ld_lookup(n, "to", NULL);
    if (vf &&
        (rc = parse_label(L, vf, ctx, "available from", 0, &dv->avail_from)))
        return rc;
    if (vt && (rc = parse_label(L, vt, ctx, "available to", 1,
                                &dv->avail_to)))
        return rc;
    if (dv->avail_from > dv->avail_to)
        return FAIL(
            L, vf ? vf : vt,
            "%savailable from %s is after available "
            "to %s",
            be__ld_prefix(ctx, p, sizeof p),
            vf ? be__ld_as_written(vf, a, sizeof a) : "the horizon's start",
            vt ? be__ld_as_written(vt, b, sizeof b) : "the horizon's end");
    return BE_OK;
}


/* throughput: a number (the same for every workload) or, with
 * `workloads`, a mapping from workload names to numbers; a workload not
 * listed is one the device cannot serve (docs/workloads.md). */
static be_code parse_throughput(loader *L, const be_ynode *v, be_device *dv,
                                const char *ctx)
{
    be_model *m = L->m;
    char p[200], w[200], q[256];
    be_code rc;
    if (!(dv->serve = be__calloc((size_t)m->W, sizeof *dv->serve)))
        return be__ld_fail(L, BE_ENOMEM, v->pos, "out of memory");
    if (v->kind != BE_YMAPPING) {
        if ((rc = be__ld_number_in(L, v, ctx, "throughput", 0, 1, INFINITY, 0,
                                   &dv->throughput)))
            return rc;
        for (int i = 0; i < m->W; i++)
            dv->serve[i] = dv->throughput;
        dv->n_serve = m->W;
        return BE_OK;
    }
    if (!m->has_workloads)
        return FAIL(L, v,
                    "%sthroughput is a mapping of workloads, but the model "
                    "has no `workloads` (give one number, or list the "
                    "workloads)",
                    be__ld_prefix(ctx, p, sizeof p));
    if (v->n == 0)
        return FAIL(L, v,
                    "%sthroughput lists no workload: the device could serve "
                    "nothing (give at least one workload's throughput)",
                    be__ld_prefix(ctx, p, sizeof p));
    for (size_t i = 0; i < v->n; i++) {
        const be_ynode *key = v->u.items[2 * i], *val = v->u.items[2 * i + 1];
        int wl = be__ld_find_workload(m, key);
        if (wl < 0) {
            const char **names = malloc((size_t)m->W * sizeof *names);
            if (!names)
                return be__ld_fail(L, BE_ENOMEM, v->pos, "out of memory");
            for (int x = 0; x < m->W; x++)
                names[x] = m->workloads[x].name;
            const char *s = be__ld_suggest(key->u.text, key->n, names,
                                           (size_t)m->W);
            be__yaml_quote(key->u.text, key->n, q, sizeof q);
            if (s)
                rc = FAIL(L, key,
                          "%sthroughput names workload '%s', which is not "
                          "in `workloads`; did you mean '%s'?",
                          be__ld_prefix(ctx, p, sizeof p), q, s);
            else
                rc = FAIL(L, key,
                          "%sthroughput names workload '%s', which is not "
                          "in `workloads`",
                          be__ld_prefix(ctx, p, sizeof p), q);
            free(names);
            return rc;
        }
        snprintf(w, sizeof w, "throughput.%s", m->workloads[wl].name);
        if ((rc = be__ld_number_in(L, val, ctx, w, 0, 1, INFINITY, 0,
                                   &dv->serve[wl])))
            return rc;
        dv->throughput = fmax(dv->throughput, dv->serve[wl]);
        dv->n_serve++;
    }
    return BE_OK;
}

static be_code parse_device(loader *L, const be_ynode *n, int k)
{
    static const char *const owned_only[] = {
        "price", "lifetime", "om", "resale", "power_kw"};
    be_model *m = L->m;
    be_device *dv = &m->devices[k];
    char ctx[120];
    const be_ynode *v, *key;
    be_code rc;
    double x;

    snprintf(ctx, sizeof ctx, "device %d", k + 1);
    if ((rc = be__ld_want_map(L, n, "", ctx)) ||
        (rc = be__ld_need(L, n, "name", ctx, &v)))
        return rc;
    dv->pos = n->pos;
    dv->avail_from = 0;
    dv->avail_to = m->T - 1;

    if ((rc = be__ld_name(L, v, ctx, &dv->name)))
        return rc;
    for (int j = 0; j < k; j++)
        if (strcmp(m->devices[j].name, dv->name) == 0)
            return FAIL(L, v, "duplicate device name '%s' (first at line %d)",
                        m->devices[j].name, m->devices[j].pos.line);
    snprintf(ctx, sizeof ctx, "device '%s'", dv->name);

    if ((rc = CHECK_KEYS(L, n, "device", ctx)) ||
        (rc = be__ld_need(L, n, "throughput", ctx, &v)) ||
        (rc = parse_throughput(L, v, dv, ctx)))
        return rc;

    if ((v = be__ld_lookup(n, "rent", NULL))) {
        dv->rented = 1;
        for (size_t i = 0; i < sizeof owned_only / sizeof *owned_only; i++)
            if (be__ld_lookup(n, owned_only[i], &key))
                return FAIL(L, key,
                            "%s is rented: remove '%s' (rented "
                            "capacity has no price, lifetime, O&M, resale or "
                            "power draw)",
                            ctx, owned_only[i]);
        if ((rc = be__ld_series(L, v, ctx, "rent", &dv->rent)))
            return rc;
    } else {
        if ((v = be__ld_lookup(n, "power_kw", NULL)) &&
            (rc = be__ld_number_in(L, v, ctx, "power_kw", 0, 0, INFINITY, 0,
                                   &dv->power_kw)))
            return rc;
        char written[80];
        if ((rc = be__ld_need(L, n, "lifetime", ctx, &v)) ||
            (rc = time_periods(L, v, ctx, "lifetime", 1, MAX_LIFETIME_YEARS,
                               &x, written, sizeof written)))
            return rc;
        dv->life = (int)x;
        dv->lifetime = (double)dv->life / L->ppy;
        dv->n_years = (dv->life + L->ppy - 1) / L->ppy;
        dv->om = be__calloc((size_t)dv->n_years, sizeof *dv->om);
        if (!dv->om)
            return be__ld_fail(L, BE_ENOMEM, n->pos, "out of memory");
        if ((v = be__ld_lookup(n, "om", NULL)) &&
            (rc = parse_om(L, v, dv, ctx)))
            return rc;
        dv->resale_pos = n->pos;
        if ((v = be__ld_lookup(n, "resale", &key))) {
            dv->resale_pos = key->pos;
            if ((rc = parse_resale(L, v, dv, ctx)))
                return rc;
        }
        if ((v = be__ld_lookup(n, "price", NULL))) {
            dv->buyable = 1;
            if ((rc = be__ld_series(L, v, ctx, "price", &dv->price)))
                return rc;
        }
    }
    if ((v = be__ld_lookup(n, "available", &key)) &&
        (rc = parse_available(L, key, v, dv, ctx)))
        return rc;
    return BE_OK;
}

be_code be__parse_devices(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    char d[300];
    if (n->kind != BE_YSEQUENCE || n->n == 0)
        return FAIL(L, n,
                    "devices must be a list of at least one device, "
                    "found %s",
                    be__ld_describe(n, d, sizeof d));
    if ((double)n->n * m->T > MAX_DEVICE_PERIODS)
        return be__ld_fail(L, BE_ELIMIT, n->pos,
                           "the model is too large: %zu "
                           "devices over %d periods exceed the limit of %.0f "
                           "device-periods",
                           n->n, m->T, MAX_DEVICE_PERIODS);
    m->devices = be__calloc(n->n, sizeof *m->devices);
    if (!m->devices)
        return be__ld_fail(L, BE_ENOMEM, n->pos, "out of memory");
    m->n_devices = (int)n->n; /* be_model_free copes with empty entries */
    for (size_t k = 0; k < n->n; k++) {
        be_code rc = parse_device(L, n->u.items[k], (int)k);
        if (rc)
            return rc;
    }
    return BE_OK;
}

/* ---- fleet ---- */

static be_code unknown_device(loader *L, const be_ynode *v, const char *ctx)
{
    be_model *m = L->m;
    char p[200], q[256];
    const char **names = malloc((size_t)m->n_devices * sizeof *names);
    if (!names)
        return be__ld_fail(L, BE_ENOMEM, v->pos, "out of memory");
    for (int k = 0; k < m->n_devices; k++)
        names[k] = m->devices[k].name;
    const char *s =
        be__ld_suggest(v->u.text, v->n, names, (size_t)m->n_devices);
    free(names);
    if (s)
        return FAIL(L, v, "%sunknown device '%s'; did you mean '%s'?",
                    be__ld_prefix(ctx, p, sizeof p),
                    be__yaml_quote(v->u.text, v->n, q, sizeof q), s);
    return FAIL(L, v, "%sunknown device '%s'", be__ld_prefix(ctx, p, sizeof p),
                be__yaml_quote(v->u.text, v->n, q, sizeof q));
}

static be_code parse_fleet_entry(loader *L, const be_ynode *n, int f)
{
    be_model *m = L->m;
    be_fleet_entry *e = &m->fleet[f];
    char ctx[64], p[200], d[300];
    const be_ynode *vd, *vc, *va, *v;
    const char *name;
    size_t len;
    double age;
    be_code rc;

    snprintf(ctx, sizeof ctx, "fleet entry %d", f + 1);
    if ((rc = be__ld_want_map(L, n, "", ctx)) ||
        (rc = CHECK_KEYS(L, n, "fleetEntry", ctx)) ||
        (rc = be__ld_need(L, n, "device", ctx, &vd)) ||
        (rc = be__ld_need(L, n, "count", ctx, &vc)) ||
        (rc = be__ld_need(L, n, "age", ctx, &va)) ||
        (rc = be__ld_string_value(L, vd, ctx, "device", &name, &len)))
        return rc;
    e->pos = n->pos;
    e->device = -1;
    for (int k = 0; k < m->n_devices; k++)
        if (be__ld_scalar_is(vd, m->devices[k].name))
            e->device = k;
    if (e->device < 0)
        return unknown_device(L, vd, ctx);
    const be_device *dv = &m->devices[e->device];
    if (dv->rented)
        return FAIL(L, vd,
                    "%sdevice '%s' is rented and cannot be in the "
                    "fleet",
                    be__ld_prefix(ctx, p, sizeof p), dv->name);

    if ((rc = be__ld_number_in(L, vc, ctx, "count", 0, 0, INFINITY, 0,
                               &e->count)))
        return rc;
    if (m->integer && !be__ld_is_whole(e->count))
        return FAIL(L, vc,
                    "%scount must be a whole number (integer is true), "
                    "found %s",
                    be__ld_prefix(ctx, p, sizeof p),
                    be__ld_as_written(vc, d, sizeof d));
    if (m->integer)
        e->count = round(e->count);

    if ((rc = time_periods(L, va, ctx, "age", 0, INFINITY, &age, d,
                           sizeof d)))
        return rc;
    if (age > dv->life)
        return FAIL(L, va,
                    "%s'%s' units aged %s are older than its "
                    "lifetime of %.15g years",
                    be__ld_prefix(ctx, p, sizeof p), dv->name, d,
                    dv->lifetime);
    e->age = (int)age;

    if ((v = be__ld_lookup(n, "purchase_price", NULL))) {
        if ((rc = be__ld_number_in(L, v, ctx, "purchase_price", 0, 0, INFINITY,
                                   0, &e->purchase_price)))
            return rc;
        e->has_purchase_price = 1;
    } else if (!dv->buyable || dv->avail_from > 0) {
        /* the default basis is the device's price in period 0, which is
         * only a purchase price when the device is on sale then */
        const char *why =
            dv->resale_kind == BE_RESALE_CURVE
                ? "its resale is a fraction of the purchase price"
            : m->has_tax ? "finance depreciates the purchase price"
            : dv->resale_kind == BE_RESALE_LIST && L->ppy != 1
                ? "resale between whole years is interpolated from the "
                  "purchase price"
                : NULL;
        if (why)
            return FAIL(L, n,
                        "%s'%s' needs a purchase_price: %s, and the "
                        "device %s",
                        be__ld_prefix(ctx, p, sizeof p), dv->name, why,
                        dv->buyable ? "is not for sale in the first period"
                                    : "has no price");
    }
    return BE_OK;
}

be_code be__parse_fleet(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    char d[300];
    if (n->kind != BE_YSEQUENCE)
        return FAIL(L, n, "fleet must be a list, found %s",
                    be__ld_describe(n, d, sizeof d));
    if (n->n > INT32_MAX / 2)
        return be__ld_fail(L, BE_ELIMIT, n->pos, "too many fleet entries");
    m->fleet = be__calloc(n->n, sizeof *m->fleet);
    if (!m->fleet)
        return be__ld_fail(L, BE_ENOMEM, n->pos, "out of memory");
    m->n_fleet = (int)n->n;
    for (size_t f = 0; f < n->n; f++) {
        be_code rc = parse_fleet_entry(L, n->u.items[f], (int)f);
        if (rc)
            return rc;
    }
    return BE_OK;
}
