/*
 * loader.c -- a model file (schema 1) into a be_model.
 *
 * The file is untrusted input.  yaml_tree.c turns it into a tree (and
 * rejects aliases, tags, duplicate keys, deep nesting and bad YAML); this
 * file walks that tree against the schema (the schema 1 contract
 * of issue 2 and its decisions) and types every scalar narrowly:
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
#include "model/model.h"
#include "model/yaml_tree.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest device lifetime accepted, in years: bounds the per-age arrays. */
#define MAX_LIFETIME_YEARS 1000.0
#define MAX_NAME 64
/* Largest devices x periods: every device holds per-period arrays and the
 * LP has at least one cohort per device and period.  Far above any real
 * fleet, it keeps a small hostile file from asking for gigabytes. */
#define MAX_DEVICE_PERIODS 10000000.0
/* Largest number of (cohort, period) pairs in which units can be held: the
 * LP's hold variables.  The same order as the device-period cap. */
#define MAX_COHORT_PERIODS 20000000.0
/* How close to a whole number of periods a time in years must be. */
#define WHOLE_TOL 1e-9

typedef struct loader {
    be_model *m;
    be_error *err;
    const char *file;
    int ppy;               /* periods per year: 1, 4 or 12 */
} loader;

#if defined(__GNUC__)
#define BE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define BE_PRINTF(a, b)
#endif

static be_code fail(loader *L, be_code code, be_pos pos, const char *fmt, ...)
    BE_PRINTF(4, 5);

static be_code fail(loader *L, be_code code, be_pos pos, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return be__fail(L->err, code, L->file, pos, "%s", msg);
}

#define FAIL(L, node, ...) fail((L), BE_EMODEL, (node)->pos, __VA_ARGS__)

/* ---- the schema's keys ---- */

/* The keys of every mapping in schema 1, and the words of its choices:
 * the loader checks files against these tables, and tests/test_schema.c
 * checks docs/breakeven.schema.json against them (be__schema_sections), so
 * that the JSON Schema editors use cannot drift from what is read here. */
static const char *const model_keys[] = {
    "breakeven", "name", "description", "horizon", "discount_rate",
    "integer", "end_of_horizon", "demand", "energy", "site", "finance",
    "devices", "fleet", "scenarios", "risk"};
static const char *const scenario_keys[] = {"name", "probability", "set"};
static const char *const risk_keys[] = {"cvar_alpha", "weight"};
static const char *const horizon_keys[] = {"start", "periods", "period"};
static const char *const series_keys[] = {"start", "growth"};
static const char *const energy_keys[] = {"price", "pue", "utilization"};
static const char *const site_keys[] = {"power_cap_kw", "budget"};
static const char *const finance_keys[] = {"tax_rate", "depreciation_years"};
static const char *const device_keys[] = {
    "name", "throughput", "power_kw", "lifetime", "om", "resale", "price",
    "rent", "available"};
static const char *const resale_keys[] = {"fraction", "half_life"};
static const char *const available_keys[] = {"from", "to"};
static const char *const fleet_keys[] = {"device", "count", "age",
                                         "purchase_price"};
/* choices, in the order of their enums (be_period_kind, m->salvage) */
static const char *const period_words[] = {"year", "quarter", "month"};
static const char *const end_words[] = {"none", "salvage"};

#define SECTION(name, kind, list) \
    {name, kind, list, sizeof(list) / sizeof((list)[0])}
static const be__schema_section schema_sections[] = {
    SECTION("model", BE__SCHEMA_KEYS, model_keys),
    SECTION("horizon", BE__SCHEMA_KEYS, horizon_keys),
    SECTION("growingSeries", BE__SCHEMA_KEYS, series_keys),
    SECTION("energy", BE__SCHEMA_KEYS, energy_keys),
    SECTION("site", BE__SCHEMA_KEYS, site_keys),
    SECTION("finance", BE__SCHEMA_KEYS, finance_keys),
    SECTION("device", BE__SCHEMA_KEYS, device_keys),
    SECTION("resaleCurve", BE__SCHEMA_KEYS, resale_keys),
    SECTION("available", BE__SCHEMA_KEYS, available_keys),
    SECTION("fleetEntry", BE__SCHEMA_KEYS, fleet_keys),
    SECTION("scenario", BE__SCHEMA_KEYS, scenario_keys),
    SECTION("risk", BE__SCHEMA_KEYS, risk_keys),
    SECTION("horizon.period", BE__SCHEMA_WORDS, period_words),
    SECTION("model.end_of_horizon", BE__SCHEMA_WORDS, end_words),
};
#undef SECTION

const be__schema_section *be__schema_sections(size_t *n)
{
    *n = sizeof schema_sections / sizeof schema_sections[0];
    return schema_sections;
}

/* ---- names for messages ---- */

/* "device 'new': " from "device 'new'"; "" for the top level. */
static const char *prefix(const char *ctx, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s", ctx, *ctx ? ": " : "");
    return buf;
}

/* "in device 'new'" / "in the top level" */
static const char *where(const char *ctx, char *buf, size_t size)
{
    snprintf(buf, size, "%s", *ctx ? ctx : "the top level");
    return buf;
}

static int scalar_is(const be_ynode *n, const char *s)
{
    size_t len = strlen(s);
    return n->kind == BE_YSCALAR && n->n == len &&
           memcmp(n->u.text, s, len) == 0;
}

static int is_null(const be_ynode *n)
{
    return n->kind == BE_YSCALAR && n->style == BE_YPLAIN &&
           (n->n == 0 || scalar_is(n, "~") || scalar_is(n, "null") ||
            scalar_is(n, "Null") || scalar_is(n, "NULL"));
}

/* What a node is, for "found ...". */
static const char *describe(const be_ynode *n, char *buf, size_t size)
{
    char q[256];
    if (n->kind == BE_YMAPPING)
        snprintf(buf, size, "a mapping");
    else if (n->kind == BE_YSEQUENCE)
        snprintf(buf, size, n->n ? "a list" : "an empty list");
    else if (n->style == BE_YPLAIN && n->n == 0)
        snprintf(buf, size, "an empty value");
    else if (n->style != BE_YPLAIN && n->n == 0)
        snprintf(buf, size, "an empty string");
    else
        snprintf(buf, size, "%s'%s'",
                 n->style == BE_YQUOTED ? "the quoted string "
                 : n->style == BE_YBLOCK ? "the text block " : "",
                 be__yaml_quote(n->u.text, n->n, q, sizeof q));
    return buf;
}

/* The text of a number node, as written, for "found -1". */
static const char *as_written(const be_ynode *n, char *buf, size_t size)
{
    return be__yaml_quote(n->u.text, n->n, buf, size);
}

static void period_label(const be_model *m, int t, char buf[16])
{
    switch (m->period) {
    case BE_QUARTER:
        snprintf(buf, 16, "%d-Q%d", m->start_year + t / 4, t % 4 + 1);
        break;
    case BE_MONTH:
        snprintf(buf, 16, "%d-%02d", m->start_year + t / 12, t % 12 + 1);
        break;
    default:
        snprintf(buf, 16, "%d", m->start_year + t);
        break;
    }
}

static const char *unit_name(int ppy, int plural)
{
    return ppy == 12 ? (plural ? "months" : "month")
         : ppy == 4 ? (plural ? "quarters" : "quarter")
                    : (plural ? "years" : "year");
}

/* ---- did you mean ---- */

static size_t edit_distance(const char *a, size_t na, const char *b,
                            size_t nb)
{
    size_t row[MAX_NAME + 2];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

/* The candidate closest to s (Levenshtein distance): within distance 2, or
 * a third of the longer length for long names, and not a complete rewrite;
 * or a candidate that s is the start of.  NULL when none. */
static const char *suggest(const char *s, size_t n, const char *const *cand,
                           size_t n_cand)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    if (n > MAX_NAME)
        return NULL;
    for (size_t i = 0; i < n_cand; i++) {
        size_t nc = strlen(cand[i]);
        if (nc > MAX_NAME)
            continue;
        size_t d = edit_distance(s, n, cand[i], nc);
        size_t longer = n > nc ? n : nc;
        size_t limit = longer / 3 > 2 ? longer / 3 : 2;
        /* a shortened key ("purchase" for "purchase_price") also counts */
        int prefix_of = n >= 4 && nc > n && memcmp(cand[i], s, n) == 0;
        if (((d <= limit && d < longer) || prefix_of) && d < best_d) {
            best = cand[i];
            best_d = d;
        }
    }
    return best;
}

/* ---- mappings ---- */

static const be_ynode *lookup(const be_ynode *map, const char *key,
                              const be_ynode **key_node)
{
    for (size_t i = 0; i < map->n; i++) {
        if (scalar_is(map->u.items[2 * i], key)) {
            if (key_node)
                *key_node = map->u.items[2 * i];
            return map->u.items[2 * i + 1];
        }
    }
    return NULL;
}

static be_code check_keys(loader *L, const be_ynode *map,
                          const char *const *allowed, size_t n_allowed,
                          const char *ctx)
{
    for (size_t i = 0; i < map->n; i++) {
        const be_ynode *k = map->u.items[2 * i];
        size_t j = 0;
        while (j < n_allowed && !scalar_is(k, allowed[j]))
            j++;
        if (j < n_allowed)
            continue;
        char q[256], w[200];
        const char *s = suggest(k->u.text, k->n, allowed, n_allowed);
        if (s)
            return FAIL(L, k, "unknown key '%s' in %s; did you mean '%s'?",
                        be__yaml_quote(k->u.text, k->n, q, sizeof q),
                        where(ctx, w, sizeof w), s);
        char list[256] = "";
        size_t o = 0;
        for (j = 0; j < n_allowed && o < sizeof list; j++) {
            int r = snprintf(list + o, sizeof list - o, "%s%s", j ? ", " : "",
                             allowed[j]);
            if (r < 0)
                break;
            o += (size_t)r;
        }
        return FAIL(L, k, "unknown key '%s' in %s (expected one of: %s)",
                    be__yaml_quote(k->u.text, k->n, q, sizeof q),
                    where(ctx, w, sizeof w), list);
    }
    return BE_OK;
}

#define CHECK_KEYS(L, map, keys, ctx) \
    check_keys((L), (map), (keys), sizeof(keys) / sizeof((keys)[0]), (ctx))

static be_code need(loader *L, const be_ynode *map, const char *key,
                    const char *ctx, const be_ynode **out)
{
    *out = lookup(map, key, NULL);
    if (*out)
        return BE_OK;
    char w[200];
    return FAIL(L, map, "missing required key '%s' in %s", key,
                where(ctx, w, sizeof w));
}

static be_code want_map(loader *L, const be_ynode *n, const char *ctx,
                        const char *what)
{
    if (n->kind == BE_YMAPPING)
        return BE_OK;
    char p[200], d[300];
    return FAIL(L, n, "%s%s must be a mapping, found %s",
                prefix(ctx, p, sizeof p), what, describe(n, d, sizeof d));
}

/* ---- scalars ---- */


/* Why a scalar that looks like a number is not one (or ""). */
static const char *number_hint(const be_ynode *n)
{
    const char *s = n->u.text;
    size_t len = n->n, i = 0;
    if (n->kind != BE_YSCALAR)
        return "";
    if (n->style != BE_YPLAIN)
        return be__yaml_number_syntax(s, len)
                   ? " (quoted values are text; remove the quotes)" : "";
    if (len && (s[0] == '-' || s[0] == '+'))
        i = 1;
    if (i < len && s[i] == '.' && i + 1 < len && s[i + 1] >= '0' &&
        s[i + 1] <= '9')
        return " (write a digit before the decimal point)";
    if (i < len && s[i] == '.')
        return " (numbers must be finite)";
    if (i + 1 < len && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'o' ||
                                       s[i + 1] == 'b' || s[i + 1] == 'X'))
        return " (only decimal numbers are accepted)";
    if (i + 1 < len && s[i] == '0' && s[i + 1] >= '0' && s[i + 1] <= '9')
        return " (a number cannot start with 0 unless it is 0 or 0.x)";
    if (i < len && s[i] >= '0' && s[i] <= '9' && memchr(s, '_', len))
        return " (write the number without '_')";
    if (len && s[len - 1] == '.')
        return " (write a digit after the decimal point)";
    return "";
}

/* A number: value in *v.  "what" is the field ("lifetime", "price for
 * 2026"). */
static be_code number(loader *L, const be_ynode *n, const char *ctx,
                      const char *what, double *v)
{
    char p[200], d[300];
    if (n->kind != BE_YSCALAR || n->style != BE_YPLAIN ||
        !be__yaml_number_syntax(n->u.text, n->n))
        return FAIL(L, n, "%s%s must be a number, found %s%s",
                    prefix(ctx, p, sizeof p), what, describe(n, d, sizeof d),
                    number_hint(n));
    /* The text is NUL-terminated after n bytes and, having passed the
     * syntax check, contains no NUL itself. */
    char *end;
    errno = 0;
    double x = strtod(n->u.text, &end);
    if (end != n->u.text + n->n || !isfinite(x))
        return FAIL(L, n, "%s%s must be a finite number, found %s (out of range)",
                    prefix(ctx, p, sizeof p), what, as_written(n, d, sizeof d));
    *v = x;
    return BE_OK;
}

/* v in the interval from lo to hi; an infinite bound is no bound. */
static be_code in_range(loader *L, const be_ynode *n, const char *ctx,
                        const char *what, double v, double lo, int lo_open,
                        double hi, int hi_open)
{
    int ok = (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi);
    if (ok)
        return BE_OK;
    char p[200], d[300], rule[120];
    if (isinf(hi))
        snprintf(rule, sizeof rule, "%s %.15g",
                 lo_open ? "greater than" : "at least", lo);
    else if (isinf(lo))
        snprintf(rule, sizeof rule, "%s %.15g",
                 hi_open ? "less than" : "at most", hi);
    else if (!lo_open && !hi_open)
        snprintf(rule, sizeof rule, "from %.15g to %.15g", lo, hi);
    else
        snprintf(rule, sizeof rule, "%s %.15g and %s %.15g",
                 lo_open ? "greater than" : "at least", lo,
                 hi_open ? "less than" : "at most", hi);
    return FAIL(L, n, "%s%s must be %s, found %s", prefix(ctx, p, sizeof p),
                what, rule, as_written(n, d, sizeof d));
}

static be_code number_in(loader *L, const be_ynode *n, const char *ctx,
                         const char *what, double lo, int lo_open, double hi,
                         int hi_open, double *v)
{
    be_code rc = number(L, n, ctx, what, v);
    return rc ? rc : in_range(L, n, ctx, what, *v, lo, lo_open, hi, hi_open);
}

static int is_whole(double x)
{
    return fabs(x - round(x)) <= WHOLE_TOL;
}

static be_code whole_number(loader *L, const be_ynode *n, const char *ctx,
                            const char *what, double *v)
{
    be_code rc = number(L, n, ctx, what, v);
    if (rc)
        return rc;
    if (*v != floor(*v)) {
        char p[200], d[300];
        return FAIL(L, n, "%s%s must be a whole number, found %s",
                    prefix(ctx, p, sizeof p), what,
                    as_written(n, d, sizeof d));
    }
    return BE_OK;
}

static be_code boolean(loader *L, const be_ynode *n, const char *ctx,
                       const char *what, int *v)
{
    if (n->kind == BE_YSCALAR && n->style == BE_YPLAIN) {
        if (scalar_is(n, "true")) {
            *v = 1;
            return BE_OK;
        }
        if (scalar_is(n, "false")) {
            *v = 0;
            return BE_OK;
        }
    }
    char p[200], d[300];
    return FAIL(L, n, "%s%s must be true or false, found %s",
                prefix(ctx, p, sizeof p), what, describe(n, d, sizeof d));
}

/* Text without control characters (C0, DEL, C1; the file is valid UTF-8,
 * libyaml checked that).  With multiline, line breaks and tabs are text
 * too (a description).  A line break in one-line text is most often a
 * block scalar whose lines were not joined, so it gets its own message. */
static be_code text_value(loader *L, const be_ynode *n, const char *ctx,
                          const char *what, int multiline, const char **s,
                          size_t *len)
{
    char p[200], d[300];
    if (n->kind != BE_YSCALAR || is_null(n))
        return FAIL(L, n, "%s%s must be text, found %s%s",
                    prefix(ctx, p, sizeof p), what, describe(n, d, sizeof d),
                    is_null(n) && n->n ? " (a null)" : "");
    for (size_t i = 0; i < n->n; i++) {
        unsigned char c = (unsigned char)n->u.text[i];
        unsigned char c2 = i + 1 < n->n ? (unsigned char)n->u.text[i + 1] : 0;
        if (multiline && (c == '\n' || c == '\t'))
            continue;
        if (c == '\n')
            return FAIL(L, n, "%s%s must be one line, found a line break "
                        "inside '%s'%s", prefix(ctx, p, sizeof p), what,
                        be__yaml_quote(n->u.text, n->n, d, sizeof d),
                        n->style == BE_YBLOCK
                            ? " (a > block joins its lines unless one is "
                              "empty or indented more; | keeps every break)"
                            : "");
        if (c < 0x20 || c == 0x7F || (c == 0xC2 && c2 >= 0x80 && c2 < 0xA0))
            return FAIL(L, n, "%s%s must not contain control characters, "
                        "found '%s'", prefix(ctx, p, sizeof p), what,
                        be__yaml_quote(n->u.text, n->n, d, sizeof d));
    }
    *s = n->u.text;
    *len = n->n;
    return BE_OK;
}

static be_code string_value(loader *L, const be_ynode *n, const char *ctx,
                            const char *what, const char **s, size_t *len)
{
    return text_value(L, n, ctx, what, 0, s, len);
}

/* A top-level text value, copied into *out (owned by the model). */
static be_code text_copy(loader *L, const be_ynode *n, const char *what,
                         int multiline, char **out)
{
    const char *s;
    size_t len;
    be_code rc = text_value(L, n, "", what, multiline, &s, &len);
    if (rc)
        return rc;
    *out = malloc(len + 1);
    if (!*out)
        return fail(L, BE_ENOMEM, n->pos, "out of memory");
    memcpy(*out, s, len);
    (*out)[len] = '\0';
    return BE_OK;
}

/* One of a few words; returns its index in *v. */
static be_code choice(loader *L, const be_ynode *n, const char *ctx,
                      const char *what, const char *const *words, int n_words,
                      const char *expected, int *v)
{
    const char *s;
    size_t len;
    be_code rc = string_value(L, n, ctx, what, &s, &len);
    if (rc)
        return rc;
    for (int i = 0; i < n_words; i++)
        if (scalar_is(n, words[i])) {
            *v = i;
            return BE_OK;
        }
    char p[200], d[300];
    return FAIL(L, n, "%s%s must be %s, found %s", prefix(ctx, p, sizeof p),
                what, expected, describe(n, d, sizeof d));
}

/* ---- series ---- */

/* A series of non-negative values, one per period: a number, a list of T
 * numbers, or {start, growth}: start * (1 + growth)^(t * dt). */
static be_code series(loader *L, const be_ynode *n, const char *ctx,
                      const char *what, double **out)
{
    be_model *m = L->m;
    int T = m->T;
    char p[200], d[300], w[200], item[120], lab[16];
    be_code rc;
    double *v = be__calloc((size_t)T, sizeof *v);
    if (!v)
        return fail(L, BE_ENOMEM, n->pos, "out of memory");
    *out = v;   /* owned by the model from here on */

    if (n->kind == BE_YSEQUENCE) {
        if (n->n != (size_t)T)
            return FAIL(L, n, "%s%s has %zu value%s, the horizon has %d "
                        "period%s", prefix(ctx, p, sizeof p), what, n->n,
                        n->n == 1 ? "" : "s", T, T == 1 ? "" : "s");
        for (int t = 0; t < T; t++) {
            period_label(m, t, lab);
            snprintf(item, sizeof item, "%s for %s", what, lab);
            rc = number_in(L, n->u.items[t], ctx, item, 0, 0, INFINITY, 0,
                           &v[t]);
            if (rc)
                return rc;
        }
        return BE_OK;
    }
    if (n->kind == BE_YMAPPING) {
        const be_ynode *vs, *vg;
        double start, growth;
        snprintf(w, sizeof w, "%s%s%s", ctx, *ctx ? " " : "", what);
        if ((rc = CHECK_KEYS(L, n, series_keys, w)) ||
            (rc = need(L, n, "start", w, &vs)) ||
            (rc = need(L, n, "growth", w, &vg)))
            return rc;
        snprintf(item, sizeof item, "%s start", what);
        if ((rc = number_in(L, vs, ctx, item, 0, 0, INFINITY, 0, &start)))
            return rc;
        snprintf(item, sizeof item, "%s growth", what);
        if ((rc = number_in(L, vg, ctx, item, -1, 1, INFINITY, 0, &growth)))
            return rc;
        for (int t = 0; t < T; t++) {
            v[t] = start * pow(1.0 + growth, (double)t / L->ppy);
            if (!isfinite(v[t])) {
                period_label(m, t, lab);
                return FAIL(L, vg, "%s%s growth makes the value too large to "
                            "represent by %s", prefix(ctx, p, sizeof p), what,
                            lab);
            }
        }
        return BE_OK;
    }
    if (n->kind == BE_YSCALAR && n->style == BE_YPLAIN &&
        be__yaml_number_syntax(n->u.text, n->n)) {
        if ((rc = number_in(L, n, ctx, what, 0, 0, INFINITY, 0, &v[0])))
            return rc;
        for (int t = 1; t < T; t++)
            v[t] = v[0];
        return BE_OK;
    }
    return FAIL(L, n, "%s%s must be a number, a list of %d number%s or "
                "{start, growth}, found %s%s", prefix(ctx, p, sizeof p), what,
                T, T == 1 ? "" : "s", describe(n, d, sizeof d),
                number_hint(n));
}

/* ---- top-level sections ---- */

static be_code parse_horizon(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    const be_ynode *vs, *vp, *vk;
    double start, periods;
    be_code rc;
    if ((rc = want_map(L, n, "", "horizon")) ||
        (rc = CHECK_KEYS(L, n, horizon_keys, "horizon")) ||
        (rc = need(L, n, "start", "horizon", &vs)) ||
        (rc = need(L, n, "periods", "horizon", &vp)) ||
        (rc = whole_number(L, vs, "horizon", "start", &start)) ||
        (rc = in_range(L, vs, "horizon", "start", start, 0, 0, 9999, 0)) ||
        (rc = whole_number(L, vp, "horizon", "periods", &periods)) ||
        (rc = in_range(L, vp, "horizon", "periods", periods, 1, 0, 100000,
                       0)))
        return rc;
    m->start_year = (int)start;
    m->T = (int)periods;
    m->period = BE_YEAR;
    vk = lookup(n, "period", NULL);
    if (vk) {
        int k = 0;
        if ((rc = choice(L, vk, "horizon", "period", period_words, 3,
                         "year, quarter or month", &k)))
            return rc;
        m->period = k == 0 ? BE_YEAR : k == 1 ? BE_QUARTER : BE_MONTH;
    }
    L->ppy = m->period == BE_MONTH ? 12 : m->period == BE_QUARTER ? 4 : 1;
    m->dt = 1.0 / L->ppy;
    return BE_OK;
}

static be_code parse_energy(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    const be_ynode *v;
    be_code rc;
    if ((rc = want_map(L, n, "", "energy")) ||
        (rc = CHECK_KEYS(L, n, energy_keys, "energy")) ||
        (rc = need(L, n, "price", "energy", &v)) ||
        (rc = series(L, v, "energy", "price", &m->energy_price)))
        return rc;
    if ((v = lookup(n, "pue", NULL)) &&
        (rc = number_in(L, v, "energy", "pue", 1, 0, INFINITY, 0, &m->pue)))
        return rc;
    if ((v = lookup(n, "utilization", NULL)) &&
        (rc = number_in(L, v, "energy", "utilization", 0, 0, 1, 0,
                        &m->utilization)))
        return rc;
    return BE_OK;
}

static be_code parse_site(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    const be_ynode *v;
    be_code rc;
    if ((rc = want_map(L, n, "", "site")) ||
        (rc = CHECK_KEYS(L, n, site_keys, "site")))
        return rc;
    if ((v = lookup(n, "power_cap_kw", NULL))) {
        m->has_power_cap = 1;
        if ((rc = series(L, v, "site", "power_cap_kw", &m->power_cap)))
            return rc;
    }
    if ((v = lookup(n, "budget", NULL))) {
        m->has_budget = 1;
        if ((rc = series(L, v, "site", "budget", &m->budget)))
            return rc;
    }
    return BE_OK;
}

static be_code parse_finance(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    const be_ynode *vt, *vd;
    be_code rc;
    if ((rc = want_map(L, n, "", "finance")) ||
        (rc = CHECK_KEYS(L, n, finance_keys, "finance")) ||
        (rc = need(L, n, "tax_rate", "finance", &vt)) ||
        (rc = need(L, n, "depreciation_years", "finance", &vd)) ||
        (rc = number_in(L, vt, "finance", "tax_rate", 0, 0, 1, 1,
                        &m->tax_rate)) ||
        (rc = number_in(L, vd, "finance", "depreciation_years", 0, 1,
                        INFINITY, 0, &m->depreciation_years)))
        return rc;
    m->has_tax = 1;
    return BE_OK;
}

/* ---- devices ---- */

/* Remember that a value was read as something other than what was
 * written, for be_model_note (at most BE__MAX_NOTES are kept). */
static be_code note(loader *L, const be_ynode *n, const char *fmt, ...)
    BE_PRINTF(3, 4);

static be_code note(loader *L, const be_ynode *n, const char *fmt, ...)
{
    be_model *m = L->m;
    m->n_notes_total++;
    if (m->n_notes >= BE__MAX_NOTES)
        return BE_OK;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    be__fail(&m->notes[m->n_notes++], BE_OK, L->file, n->pos, "%s", msg);
    return BE_OK;
}

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
    snprintf(buf, size, "%.15g %s", periods, unit_name(ppy, periods != 1));
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
                return FAIL(L, n, "%s%s must be a count of at least 0, found "
                            "'%s'", prefix(ctx, p, sizeof p), what,
                            as_written(n, d, sizeof d));
            double per = x * ppy / unit_ppy[which];
            if (per / ppy > max_years)
                return FAIL(L, n, "%s%s must be at most %.15g years, found "
                            "'%s'", prefix(ctx, p, sizeof p), what,
                            max_years, as_written(n, d, sizeof d));
            if (!is_whole(per))
                return FAIL(L, n, "%s%s '%s' is not a whole number of %s (a "
                            "%s is %.15g %s)", prefix(ctx, p, sizeof p),
                            what, as_written(n, d, sizeof d),
                            unit_name(ppy, 1), unit_name(ppy, 0),
                            (double)unit_ppy[which] / ppy,
                            unit_name(unit_ppy[which], 1));
            k = round(per);
            if (k < min_periods)
                return FAIL(L, n, "%s%s must be at least one %s, found '%s'",
                            prefix(ctx, p, sizeof p), what,
                            unit_name(ppy, 0), as_written(n, d, sizeof d));
            *periods = k;
            snprintf(written, written_size, "%s", as_written(n, d, sizeof d));
            return BE_OK;
        }
        if (which < 0 && num_len < len && be__yaml_number_syntax(s, num_len))
            return FAIL(L, n, "%s%s must be a number of years or a count "
                        "with its unit (years, quarters or months), found "
                        "'%s'", prefix(ctx, p, sizeof p), what,
                        as_written(n, d, sizeof d));
    }
    if ((rc = number_in(L, n, ctx, what, 0, min_periods > 0, INFINITY, 0,
                        &x)) ||
        (rc = in_range(L, n, ctx, what, x, -INFINITY, 0, max_years, 0)))
        return rc;
    snprintf(written, written_size, "%s years", as_written(n, d, sizeof d));
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
                    prefix(ctx, p, sizeof p), what, unit_name(ppy, 0),
                    as_written(n, d, sizeof d));
    if (k < min_periods) {
        k = min_periods;
        off = fabs(x - k / ppy);
    }
    if (off > WHOLE_TOL && off <= PERIOD_TOL && ppy > 1)
        note(L, n, "%s%s %s years read as %s (%s years)",
             prefix(ctx, p, sizeof p), what, as_written(n, d, sizeof d),
             count_of(k, ppy, a, sizeof a), short_years(k / ppy, b, sizeof b));
    else if (off > WHOLE_TOL && ppy == 1)
        return FAIL(L, n, "%s%s must be a whole number of years, found %s",
                    prefix(ctx, p, sizeof p), what,
                    as_written(n, d, sizeof d));
    else if (off > WHOLE_TOL)
        return FAIL(L, n, "%s%s %s years is not a whole number of %s; did "
                    "you mean %s (%s)?", prefix(ctx, p, sizeof p), what,
                    as_written(n, d, sizeof d), unit_name(ppy, 1),
                    short_years(k / ppy, b, sizeof b),
                    count_of(k, ppy, a, sizeof a));
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
        return FAIL(L, n, "%s%s has %zu value%s, its lifetime of %.15g year%s "
                    "needs %d (%s)", prefix(ctx, p, sizeof p), what, n->n,
                    n->n == 1 ? "" : "s", dv->lifetime,
                    dv->lifetime == 1 ? "" : "s", dv->n_years, meaning);
    for (int i = 0; i < dv->n_years; i++) {
        snprintf(item, sizeof item, "%s %s %d%s", what, item_before, i + 1,
                 item_after);
        be_code rc = number_in(L, n->u.items[i], ctx, item, 0, 0, INFINITY, 0,
                               &out[i]);
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
        be_code rc = number_in(L, n, ctx, "om", 0, 0, INFINITY, 0, &dv->om[0]);
        for (int i = 1; !rc && i < dv->n_years; i++)
            dv->om[i] = dv->om[0];
        return rc;
    }
    return FAIL(L, n, "%som must be a number or a list of %d number%s, found "
                "%s%s", prefix(ctx, p, sizeof p), dv->n_years,
                dv->n_years == 1 ? "" : "s", describe(n, d, sizeof d),
                number_hint(n));
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
            return fail(L, BE_ENOMEM, n->pos, "out of memory");
        return per_year_list(L, n, dv, ctx, "resale", "at age", "",
                             "the value at age 1, 2, ... years", dv->resale);
    }
    if (n->kind == BE_YMAPPING) {
        const be_ynode *vf, *vh;
        snprintf(w, sizeof w, "%s resale", ctx);
        if ((rc = CHECK_KEYS(L, n, resale_keys, w)) ||
            (rc = need(L, n, "fraction", w, &vf)) ||
            (rc = need(L, n, "half_life", w, &vh)) ||
            (rc = number_in(L, vf, ctx, "resale fraction", 0, 0, 1, 0,
                            &dv->resale_fraction)) ||
            (rc = number_in(L, vh, ctx, "resale half_life", 0, 1, INFINITY, 0,
                            &dv->resale_half_life)))
            return rc;
        dv->resale_kind = BE_RESALE_CURVE;
        return BE_OK;
    }
    return FAIL(L, n, "%sresale must be a list of %d number%s or {fraction, "
                "half_life}, found %s", prefix(ctx, p, sizeof p), dv->n_years,
                dv->n_years == 1 ? "" : "s", describe(n, d, sizeof d));
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
        be_code rc = whole_number(L, n, ctx, what, &year);
        if (rc)
            return rc;
        first_p = (year - m->start_year) * ppy;
        last_p = first_p + ppy - 1;
    } else {
        /* YEAR-Qn or YEAR-MM as labels print: the year of 1 to 6 digits
         * without leading zeros (textbook horizons start at year 0 or 1:
         * 0-Q1, 1-07) */
        size_t i = 0;
        double year = 0;
        int sub = 0, ok = ppy > 1 && n->kind == BE_YSCALAR;
        while (ok && i < len && s[i] >= '0' && s[i] <= '9' && i < 6)
            year = year * 10 + (s[i++] - '0');
        ok = ok && i >= 1 && i < len && s[i] == '-' && (s[0] != '0' || i == 1);
        i++;
        if (ok && ppy == 4) {
            ok = i + 2 == len && s[i] == 'Q' && s[i + 1] >= '1' &&
                 s[i + 1] <= '4';
            sub = ok ? s[i + 1] - '1' : 0;
        } else if (ok) {
            ok = i + 2 == len && s[i] >= '0' && s[i] <= '1' &&
                 s[i + 1] >= '0' && s[i + 1] <= '9';
            sub = ok ? (s[i] - '0') * 10 + (s[i + 1] - '0') - 1 : 0;
            ok = ok && sub >= 0 && sub < 12;
        }
        if (!ok) {
            const char *expect = ppy == 12 ? "a month like 2026-07 or a year"
                               : ppy == 4 ? "a quarter like 2026-Q3 or a year"
                                          : "a year like 2026";
            return FAIL(L, n, "%s%s must be %s, found %s",
                        prefix(ctx, p, sizeof p), what, expect,
                        describe(n, d, sizeof d));
        }
        first_p = last_p = (year - m->start_year) * ppy + sub;
    }
    if (last_p < 0 || first_p > m->T - 1) {
        period_label(m, 0, first);
        period_label(m, m->T - 1, last);
        return FAIL(L, n, "%s%s %s is outside the horizon (%s to %s)",
                    prefix(ctx, p, sizeof p), what, as_written(n, d, sizeof d),
                    first, last);
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
        return FAIL(L, key, "%s'available' needs a price or a rent (the "
                    "device can neither be bought nor rented)",
                    prefix(ctx, p, sizeof p));
    snprintf(w, sizeof w, "%s available", ctx);
    if ((rc = want_map(L, n, ctx, "available")) ||
        (rc = CHECK_KEYS(L, n, available_keys, w)))
        return rc;
    vf = lookup(n, "from", NULL);
    vt = lookup(n, "to", NULL);
    if (vf && (rc = parse_label(L, vf, ctx, "available from", 0,
                                &dv->avail_from)))
        return rc;
    if (vt && (rc = parse_label(L, vt, ctx, "available to", 1,
                                &dv->avail_to)))
        return rc;
    if (dv->avail_from > dv->avail_to)
        return FAIL(L, vf ? vf : vt, "%savailable from %s is after available "
                    "to %s", prefix(ctx, p, sizeof p),
                    vf ? as_written(vf, a, sizeof a) : "the horizon's start",
                    vt ? as_written(vt, b, sizeof b) : "the horizon's end");
    return BE_OK;
}

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

static be_code parse_device(loader *L, const be_ynode *n, int k)
{
    static const char *const owned_only[] = {
        "price", "lifetime", "om", "resale", "power_kw"};
    be_model *m = L->m;
    be_device *dv = &m->devices[k];
    char ctx[120], p[200], d[300];
    const be_ynode *v, *key;
    be_code rc;
    double x;

    snprintf(ctx, sizeof ctx, "device %d", k + 1);
    if ((rc = want_map(L, n, "", ctx)) ||
        (rc = need(L, n, "name", ctx, &v)))
        return rc;
    dv->pos = n->pos;
    dv->avail_from = 0;
    dv->avail_to = m->T - 1;

    const char *name;
    size_t len;
    if ((rc = string_value(L, v, ctx, "name", &name, &len)))
        return rc;
    if (len < 1 || len > MAX_NAME)
        return FAIL(L, v, "%sname must be 1 to %d characters long, found %s",
                    prefix(ctx, p, sizeof p), MAX_NAME,
                    describe(v, d, sizeof d));
    for (size_t i = 0; i < len; i++)
        if (!name_char(name[i]))
            return FAIL(L, v, "%sname may only contain letters, digits, '-', "
                        "'_' and '.', found %s", prefix(ctx, p, sizeof p),
                        describe(v, d, sizeof d));
    for (int j = 0; j < k; j++)
        if (strlen(m->devices[j].name) == len &&
            memcmp(m->devices[j].name, name, len) == 0)
            return FAIL(L, v, "duplicate device name '%s' (first at line %d)",
                        m->devices[j].name, m->devices[j].pos.line);
    dv->name = malloc(len + 1);
    if (!dv->name)
        return fail(L, BE_ENOMEM, n->pos, "out of memory");
    memcpy(dv->name, name, len);
    dv->name[len] = '\0';
    snprintf(ctx, sizeof ctx, "device '%s'", dv->name);

    if ((rc = CHECK_KEYS(L, n, device_keys, ctx)) ||
        (rc = need(L, n, "throughput", ctx, &v)) ||
        (rc = number_in(L, v, ctx, "throughput", 0, 1, INFINITY, 0,
                        &dv->throughput)))
        return rc;

    if ((v = lookup(n, "rent", NULL))) {
        dv->rented = 1;
        for (size_t i = 0; i < sizeof owned_only / sizeof *owned_only; i++)
            if (lookup(n, owned_only[i], &key))
                return FAIL(L, key, "%s is rented: remove '%s' (rented "
                            "capacity has no price, lifetime, O&M, resale or "
                            "power draw)", ctx, owned_only[i]);
        if ((rc = series(L, v, ctx, "rent", &dv->rent)))
            return rc;
    } else {
        if ((v = lookup(n, "power_kw", NULL)) &&
            (rc = number_in(L, v, ctx, "power_kw", 0, 0, INFINITY, 0,
                            &dv->power_kw)))
            return rc;
        char written[80];
        if ((rc = need(L, n, "lifetime", ctx, &v)) ||
            (rc = time_periods(L, v, ctx, "lifetime", 1, MAX_LIFETIME_YEARS,
                               &x, written, sizeof written)))
            return rc;
        dv->life = (int)x;
        dv->lifetime = (double)dv->life / L->ppy;
        dv->n_years = (dv->life + L->ppy - 1) / L->ppy;
        dv->om = be__calloc((size_t)dv->n_years, sizeof *dv->om);
        if (!dv->om)
            return fail(L, BE_ENOMEM, n->pos, "out of memory");
        if ((v = lookup(n, "om", NULL)) && (rc = parse_om(L, v, dv, ctx)))
            return rc;
        dv->resale_pos = n->pos;
        if ((v = lookup(n, "resale", &key))) {
            dv->resale_pos = key->pos;
            if ((rc = parse_resale(L, v, dv, ctx)))
                return rc;
        }
        if ((v = lookup(n, "price", NULL))) {
            dv->buyable = 1;
            if ((rc = series(L, v, ctx, "price", &dv->price)))
                return rc;
        }
    }
    if ((v = lookup(n, "available", &key)) &&
        (rc = parse_available(L, key, v, dv, ctx)))
        return rc;
    return BE_OK;
}

static be_code parse_devices(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    char d[300];
    if (n->kind != BE_YSEQUENCE || n->n == 0)
        return FAIL(L, n, "devices must be a list of at least one device, "
                    "found %s", describe(n, d, sizeof d));
    if ((double)n->n * m->T > MAX_DEVICE_PERIODS)
        return fail(L, BE_ELIMIT, n->pos, "the model is too large: %zu "
                    "devices over %d periods exceed the limit of %.0f "
                    "device-periods", n->n, m->T, MAX_DEVICE_PERIODS);
    m->devices = be__calloc(n->n, sizeof *m->devices);
    if (!m->devices)
        return fail(L, BE_ENOMEM, n->pos, "out of memory");
    m->n_devices = (int)n->n;   /* be_model_free copes with empty entries */
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
        return fail(L, BE_ENOMEM, v->pos, "out of memory");
    for (int k = 0; k < m->n_devices; k++)
        names[k] = m->devices[k].name;
    const char *s = suggest(v->u.text, v->n, names, (size_t)m->n_devices);
    free(names);
    if (s)
        return FAIL(L, v, "%sunknown device '%s'; did you mean '%s'?",
                    prefix(ctx, p, sizeof p),
                    be__yaml_quote(v->u.text, v->n, q, sizeof q), s);
    return FAIL(L, v, "%sunknown device '%s'", prefix(ctx, p, sizeof p),
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
    if ((rc = want_map(L, n, "", ctx)) ||
        (rc = CHECK_KEYS(L, n, fleet_keys, ctx)) ||
        (rc = need(L, n, "device", ctx, &vd)) ||
        (rc = need(L, n, "count", ctx, &vc)) ||
        (rc = need(L, n, "age", ctx, &va)) ||
        (rc = string_value(L, vd, ctx, "device", &name, &len)))
        return rc;
    e->pos = n->pos;
    e->device = -1;
    for (int k = 0; k < m->n_devices; k++)
        if (scalar_is(vd, m->devices[k].name))
            e->device = k;
    if (e->device < 0)
        return unknown_device(L, vd, ctx);
    const be_device *dv = &m->devices[e->device];
    if (dv->rented)
        return FAIL(L, vd, "%sdevice '%s' is rented and cannot be in the "
                    "fleet", prefix(ctx, p, sizeof p), dv->name);

    if ((rc = number_in(L, vc, ctx, "count", 0, 0, INFINITY, 0, &e->count)))
        return rc;
    if (m->integer && !is_whole(e->count))
        return FAIL(L, vc, "%scount must be a whole number (integer is true), "
                    "found %s", prefix(ctx, p, sizeof p),
                    as_written(vc, d, sizeof d));
    if (m->integer)
        e->count = round(e->count);

    if ((rc = time_periods(L, va, ctx, "age", 0, INFINITY, &age, d,
                           sizeof d)))
        return rc;
    if (age > dv->life)
        return FAIL(L, va, "%s'%s' units aged %s are older than its "
                    "lifetime of %.15g years", prefix(ctx, p, sizeof p),
                    dv->name, d, dv->lifetime);
    e->age = (int)age;

    if ((v = lookup(n, "purchase_price", NULL))) {
        if ((rc = number_in(L, v, ctx, "purchase_price", 0, 0, INFINITY, 0,
                            &e->purchase_price)))
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
            return FAIL(L, n, "%s'%s' needs a purchase_price: %s, and the "
                        "device %s", prefix(ctx, p, sizeof p), dv->name, why,
                        dv->buyable ? "is not for sale in the first period"
                                    : "has no price");
    }
    return BE_OK;
}

static be_code parse_fleet(loader *L, const be_ynode *n)
{
    be_model *m = L->m;
    char d[300];
    if (n->kind != BE_YSEQUENCE)
        return FAIL(L, n, "fleet must be a list, found %s",
                    describe(n, d, sizeof d));
    if (n->n > INT32_MAX / 2)
        return fail(L, BE_ELIMIT, n->pos, "too many fleet entries");
    m->fleet = be__calloc(n->n, sizeof *m->fleet);
    if (!m->fleet)
        return fail(L, BE_ENOMEM, n->pos, "out of memory");
    m->n_fleet = (int)n->n;
    for (size_t f = 0; f < n->n; f++) {
        be_code rc = parse_fleet_entry(L, n->u.items[f], (int)f);
        if (rc)
            return rc;
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
        return fail(L, BE_ELIMIT, devices->pos, "the model is too large: its "
                    "units can be held in %.0f cohort-periods (purchase "
                    "period x periods in service), more than the limit of "
                    "%.0f", total, MAX_COHORT_PERIODS);
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
        return FAIL(L, root, "the top level must be a mapping of keys such as "
                    "breakeven, horizon and devices, found %s",
                    describe(root, d, sizeof d));
    /* The schema version first: a future version may have other keys. */
    if (!(v = lookup(root, "breakeven", NULL)))
        return FAIL(L, root, "missing required key 'breakeven' in the top "
                    "level (the schema version: write breakeven: 1)");
    if ((rc = number(L, v, "", "breakeven", &x)))
        return rc;
    if (x != 1)
        return FAIL(L, v, "breakeven must be 1 (the schema version this "
                    "program reads), found %s", as_written(v, d, sizeof d));
    m->schema = 1;

    if ((rc = CHECK_KEYS(L, root, model_keys, "")))
        return rc;
    if ((v = lookup(root, "name", NULL))) {
        if ((rc = text_copy(L, v, "name", 0, &m->name)))
            return rc;
    } else {
        m->name = be__strdup("");
        if (!m->name)
            return fail(L, BE_ENOMEM, root->pos, "out of memory");
    }
    if ((v = lookup(root, "description", NULL)) &&
        (rc = text_copy(L, v, "description", 1, &m->description)))
        return rc;
    if ((rc = need(L, root, "horizon", "", &v)) ||
        (rc = parse_horizon(L, v)))
        return rc;
    if ((v = lookup(root, "discount_rate", NULL)) &&
        (rc = number_in(L, v, "", "discount_rate", -1, 1, 10, 0,
                        &m->discount_rate)))
        return rc;
    if ((v = lookup(root, "integer", NULL)) &&
        (rc = boolean(L, v, "", "integer", &m->integer)))
        return rc;
    if ((v = lookup(root, "end_of_horizon", NULL)) &&
        (rc = choice(L, v, "", "end_of_horizon", end_words, 2, "salvage or none",
                     &m->salvage)))
        return rc;
    if ((rc = need(L, root, "demand", "", &v)) ||
        (rc = series(L, v, "", "demand", &m->demand)))
        return rc;
    if ((v = lookup(root, "energy", NULL))) {
        if ((rc = parse_energy(L, v)))
            return rc;
    } else {
        m->energy_price = be__calloc((size_t)m->T, sizeof *m->energy_price);
        if (!m->energy_price)
            return fail(L, BE_ENOMEM, root->pos, "out of memory");
    }
    if ((v = lookup(root, "site", NULL)) && (rc = parse_site(L, v)))
        return rc;
    if ((v = lookup(root, "finance", NULL)) && (rc = parse_finance(L, v)))
        return rc;
    if ((rc = need(L, root, "devices", "", &v)) ||
        (rc = parse_devices(L, v)))
        return rc;
    if ((v = lookup(root, "fleet", NULL)) && (rc = parse_fleet(L, v)))
        return rc;
    return check_size(L, lookup(root, "devices", NULL));
}

/* ---- parameter overrides (be_load_options.overrides) ---- */

static be_ynode *new_node(be_ydoc *doc, be_ynode_kind kind, be_pos pos)
{
    be_ynode *n = be__yaml_alloc(doc, sizeof *n);
    if (n) {
        memset(n, 0, sizeof *n);
        n->kind = kind;
        n->pos = pos;
    }
    return n;
}

static be_ynode *new_scalar(be_ydoc *doc, const char *s, size_t len,
                            be_pos pos)
{
    be_ynode *n = new_node(doc, BE_YSCALAR, pos);
    char *text = be__yaml_alloc(doc, len + 1);
    if (!n || !text)
        return NULL;
    memcpy(text, s, len);
    text[len] = '\0';
    n->style = BE_YPLAIN;
    n->n = len;
    n->u.text = text;
    return n;
}

/* Add key -> value to a mapping (items are in the arena: copy them). */
static int map_add(be_ydoc *doc, be_ynode *map, be_ynode *key, be_ynode *value)
{
    be_ynode **items = be__yaml_alloc(doc, (2 * map->n + 2) * sizeof *items);
    if (!items)
        return 0;
    if (map->n)
        memcpy(items, map->u.items, 2 * map->n * sizeof *items);
    items[2 * map->n] = key;
    items[2 * map->n + 1] = value;
    map->u.items = items;
    map->n++;
    return 1;
}

/* A 1-based index "3" of at most n, or 0. */
static size_t path_index(const char *s, size_t len, size_t n)
{
    size_t v = 0;
    if (len == 0 || len > 9 || s[0] == '0')
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (size_t)(s[i] - '0');
    }
    return v <= n ? v : 0;
}

/* The device mapping whose name is the longest prefix of path followed by
 * '.' or the end (device names may contain dots). */
static be_ynode *find_device(be_ynode *seq, const char *path, size_t *used)
{
    be_ynode *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; seq->kind == BE_YSEQUENCE && i < seq->n; i++) {
        be_ynode *d = seq->u.items[i];
        const be_ynode *name = d->kind == BE_YMAPPING
                             ? lookup(d, "name", NULL) : NULL;
        if (!name || name->kind != BE_YSCALAR)
            continue;
        size_t n = name->n;
        if (n > best_len && strncmp(path, name->u.text, n) == 0 &&
            (path[n] == '.' || path[n] == '\0') && memchr(name->u.text, 0, n) == NULL) {
            best = d;
            best_len = n;
        }
    }
    *used = best_len;
    return best;
}

/* The node that path names in the tree (adding missing mapping keys on
 * the way), or NULL with err filled: code, position `at` and messages
 * that start with `what` ("--set PATH" or "scenario 'x': set PATH"). */
static be_ynode *resolve_path(be_ydoc *doc, be_ynode *root, const char *path,
                              const char *what, be_code code, be_pos at,
                              const char *file, be_error *err)
{
    be_pos nowhere = at;
    be_ynode *node = root, *parent = NULL;
    const char *p = path;
    while (*p) {
        if (*p == '.') {
            be__fail(err, code, file, nowhere, "%s: empty name in the path",
                     what);
            return NULL;
        }
        size_t len = strcspn(p, ".");
        be_ynode *next = NULL;
        if (node->kind == BE_YSEQUENCE && parent == root &&
            node == lookup(root, "devices", NULL)) {
            next = find_device(node, p, &len);
            if (!next) {
                be__fail(err, code, file, nowhere,
                         "%s: no device named like '%.*s'", what,
                         (int)strcspn(p, "."), p);
                return NULL;
            }
        } else if (node->kind == BE_YSEQUENCE) {
            size_t i = path_index(p, len, node->n);
            if (!i) {
                be__fail(err, code, file, nowhere,
                         "%s: '%.*s' is not an item number from 1 to %zu",
                         what, (int)len, p, node->n);
                return NULL;
            }
            next = node->u.items[i - 1];
        } else if (node->kind == BE_YMAPPING) {
            for (size_t i = 0; i < node->n; i++) {
                const be_ynode *k = node->u.items[2 * i];
                if (k->n == len && memcmp(k->u.text, p, len) == 0)
                    next = node->u.items[2 * i + 1];
            }
            if (!next) {
                /* add the key; a mapping on the way if the path goes on */
                /* at the scenario's set entry when there is one, so that
                 * an unknown key is reported where it was written */
                be_pos kp = at.line ? at : node->pos;
                be_ynode *key = new_scalar(doc, p, len, kp);
                next = p[len] ? new_node(doc, BE_YMAPPING, kp)
                              : new_scalar(doc, "", 0, kp);
                if (!key || !next || !map_add(doc, node, key, next)) {
                    be__fail(err, BE_ENOMEM, file, nowhere, "out of memory");
                    return NULL;
                }
            }
        } else {
            be__fail(err, code, file, nowhere,
                     "%s: '%.*s' is inside a single value, not a mapping or "
                     "list", what, (int)len, p);
            return NULL;
        }
        parent = node;
        node = next;
        p += len;
        if (*p == '.')
            p++;
        else if (*p)
            break;
    }
    if (node == root) {
        be__fail(err, code, file, nowhere, "%s: the path is empty", what);
        return NULL;
    }
    return node;
}

static be_code apply_override(be_ydoc *doc, be_ynode *root, const char *ov,
                              const char *file, be_error *err)
{
    be_pos nowhere = {0, 0};
    const char *eq = strchr(ov, '=');
    if (!eq || eq == ov)
        return be__fail(err, BE_EARG, file, nowhere,
                        "--set %s: expected PATH=VALUE", ov);
    const char *value = eq + 1;
    size_t path_len = (size_t)(eq - ov);
    char path[512], what[540];
    if (path_len >= sizeof path)
        return be__fail(err, BE_EARG, file, nowhere,
                        "--set: the path is too long");
    memcpy(path, ov, path_len);
    path[path_len] = '\0';
    snprintf(what, sizeof what, "--set %s", path);
    be_ynode *node = resolve_path(doc, root, path, what, BE_EARG, nowhere,
                                  file, err);
    if (!node)
        return err ? err->code : BE_EARG;
    /* replace the node's contents by a plain scalar, keeping its position */
    be_ynode *v = new_scalar(doc, value, strlen(value), node->pos);
    if (!v)
        return be__fail(err, BE_ENOMEM, file, nowhere, "out of memory");
    *node = *v;
    return BE_OK;
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
    size_t len = strlen(path);
    if (strncmp(path, "devices.", 8) == 0 && len > 13 &&
        strcmp(path + len - 5, ".name") == 0)
        return "a device's name";
    return NULL;
}

/* What a scenario changed that it may not: "" when nothing. */
static const char *changed_structure(const be_model *a, const be_model *b,
                                     char *buf, size_t size)
{
    *buf = '\0';
    if (a->T != b->T || a->period != b->period ||
        a->start_year != b->start_year)
        snprintf(buf, size, "the horizon");
    else if (a->integer != b->integer)
        snprintf(buf, size, "integer");
    else if (a->salvage != b->salvage)
        snprintf(buf, size, "end_of_horizon");
    else if (a->n_devices != b->n_devices)
        snprintf(buf, size, "the list of devices");
    else if (a->n_fleet != b->n_fleet)
        snprintf(buf, size, "the fleet");
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
        rc = apply_override(doc, (be_ynode *)root, opt->overrides[i], L->file,
                            L->err);
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
                      "end_of_horizon, the devices and the fleet)", sc->name,
                      path, no);
            break;
        }
        snprintf(what, sizeof what, "scenario '%s': set %s", sc->name, path);
        be_ynode *node = resolve_path(doc, (be_ynode *)root, path, what,
                                      BE_EMODEL, key->pos, L->file, L->err);
        if (!node) {
            rc = L->err ? L->err->code : BE_EMODEL;
            break;
        }
        *node = *value;
    }
    if (rc == BE_OK) {
        sc->model = be__model_alloc(L->file);
        if (!sc->model)
            rc = fail(L, BE_ENOMEM, sc->pos, "out of memory");
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
            rc = fail(L, BE_EMODEL, set ? set->pos : sc->pos,
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
    if ((rc = want_map(L, n, "", "risk")) ||
        (rc = CHECK_KEYS(L, n, risk_keys, "risk")) ||
        (rc = need(L, n, "cvar_alpha", "risk", &v)) ||
        (rc = number_in(L, v, "risk", "cvar_alpha", 0, 0, 1, 1,
                        &m->cvar_alpha)) ||
        (rc = need(L, n, "weight", "risk", &v)) ||
        (rc = number_in(L, v, "risk", "weight", 0, 0, 1, 0,
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
    const be_ynode *list = lookup(root, "scenarios", NULL);
    const be_ynode *risk = lookup(root, "risk", NULL);
    char d[300], c[64];
    be_code rc;
    if (!list) {
        if (risk)
            return FAIL(L, risk, "risk applies to the scenarios of a model, "
                        "and this one has none (add a scenarios list)");
        return BE_OK;
    }
    if (list->kind != BE_YSEQUENCE)
        return FAIL(L, list, "scenarios must be a list of scenarios "
                    "(name, probability, set), found %s",
                    describe(list, d, sizeof d));
    if (list->n < 2)
        return FAIL(L, list, "scenarios must list at least two scenarios, "
                    "found %zu", list->n);
    if (list->n > MAX_SCENARIOS ||
        (double)list->n * (double)len > MAX_SCENARIO_BYTES)
        return fail(L, BE_ELIMIT, list->pos, "%zu scenarios of a %zu-byte "
                    "file is more than this program reads (at most %d, and "
                    "%.0f MiB read over all of them)", list->n, len,
                    MAX_SCENARIOS, MAX_SCENARIO_BYTES / (1024 * 1024));
    if (risk && (rc = parse_risk(L, risk)))
        return rc;
    m->scenarios = be__calloc(list->n, sizeof *m->scenarios);
    if (!m->scenarios)
        return fail(L, BE_ENOMEM, list->pos, "out of memory");
    double sum = 0.0;
    for (size_t i = 0; i < list->n; i++) {
        const be_ynode *n = list->u.items[i], *v;
        be_scenario *sc = &m->scenarios[i];
        const char *name;
        size_t nlen;
        snprintf(c, sizeof c, "scenario %zu", i + 1);
        sc->pos = n->pos;
        if ((rc = want_map(L, n, "", c)) ||
            (rc = CHECK_KEYS(L, n, scenario_keys, c)) ||
            (rc = need(L, n, "name", c, &v)) ||
            (rc = string_value(L, v, c, "name", &name, &nlen)))
            return rc;
        for (size_t j = 0; j < nlen; j++)
            if (!name_char(name[j]))
                return FAIL(L, v, "%s: name must be letters, digits, '-', "
                            "'_' or '.', found '%s'", c,
                            be__yaml_quote(name, nlen, d, sizeof d));
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
            return fail(L, BE_ENOMEM, v->pos, "out of memory");
        memcpy(sc->name, name, nlen);
        sc->name[nlen] = '\0';
        m->n_scenarios = (int)i + 1;
        snprintf(c, sizeof c, "scenario '%s'", sc->name);
        if ((rc = need(L, n, "probability", c, &v)) ||
            (rc = number_in(L, v, c, "probability", 0, 1, 1, 0,
                            &sc->probability)))
            return rc;
        sum += sc->probability;
        if ((v = lookup(n, "set", NULL)) && !is_null(v) &&
            (rc = want_map(L, v, c, "set")))
            return rc;
    }
    if (fabs(sum - 1.0) > 1e-9)
        return FAIL(L, list, "the probabilities of the scenarios sum to "
                    "%.12g, not 1", sum);
    for (int i = 0; i < m->n_scenarios; i++) {
        const be_ynode *set = lookup(list->u.items[i], "set", NULL);
        if (set && is_null(set))
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
        if (apply_override(doc, (be_ynode *)root, opt->overrides[i], name,
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
