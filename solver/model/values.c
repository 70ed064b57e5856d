/*
 * values.c -- the loader's value typing (values.h): every scalar of a model
 * file is typed narrowly here (loader.c says how and why), every mapping's
 * keys are checked against the schema's tables (schema.c) with a
 * did-you-mean, and every message names the node at fault.
 */
#include "model/values.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

be_code be__ld_fail(loader *L, be_code code, be_pos pos, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return be__fail(L->err, code, L->file, pos, "%s", msg);
}

/* ---- names for messages ---- */

/* "device 'new': " from "device 'new'"; "" for the top level. */
const char *be__ld_prefix(const char *ctx, char *buf, size_t size)
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

int be__ld_scalar_is(const be_ynode *n, const char *s)
{
    size_t len = strlen(s);
    return n->kind == BE_YSCALAR && n->n == len &&
           memcmp(n->u.text, s, len) == 0;
}

int be__ld_is_null(const be_ynode *n)
{
    return n->kind == BE_YSCALAR && n->style == BE_YPLAIN &&
           (n->n == 0 || be__ld_scalar_is(n, "~") ||
            be__ld_scalar_is(n, "null") || be__ld_scalar_is(n, "Null") ||
            be__ld_scalar_is(n, "NULL"));
}

/* What a node is, for "found ...". */
const char *be__ld_describe(const be_ynode *n, char *buf, size_t size)
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
const char *be__ld_as_written(const be_ynode *n, char *buf, size_t size)
{
    return be__yaml_quote(n->u.text, n->n, buf, size);
}

void be__ld_period_label(const be_model *m, int t, char buf[16])
{
    be__period_label(m, t, buf);
}

int be__ld_label_parts(const be_ynode *n, int ppy, double *year, int *sub)
{
    /* YEAR-Qn or YEAR-MM as labels print: the year of 1 to 6 digits
     * without leading zeros (textbook horizons start at year 0 or 1:
     * 0-Q1, 1-07) */
    const char *s = n->u.text;
    size_t i = 0, len = n->n;
    int ok = ppy > 1 && n->kind == BE_YSCALAR;
    *year = 0;
    *sub = 0;
    while (ok && i < len && s[i] >= '0' && s[i] <= '9' && i < 6)
        *year = *year * 10 + (s[i++] - '0');
    ok = ok && i >= 1 && i < len && s[i] == '-' && (s[0] != '0' || i == 1);
    i++;
    if (ok && ppy == 4) {
        ok = i + 2 == len && s[i] == 'Q' && s[i + 1] >= '1' &&
             s[i + 1] <= '4';
        *sub = ok ? s[i + 1] - '1' : 0;
    } else if (ok) {
        ok = i + 2 == len && s[i] >= '0' && s[i] <= '1' &&
             s[i + 1] >= '0' && s[i + 1] <= '9';
        *sub = ok ? (s[i] - '0') * 10 + (s[i + 1] - '0') - 1 : 0;
        ok = ok && *sub >= 0 && *sub < 12;
    }
    return ok;
}

const char *be__ld_unit_name(int ppy, int plural)
{
    return ppy == 12  ? (plural ? "months" : "month")
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
const char *be__ld_suggest(const char *s, size_t n, const char *const *cand,
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

const char *be_suggest(const char *word, const char *const *candidates,
                       size_t n)
{
    return be__ld_suggest(word, strlen(word), candidates, n);
}

/* ---- mappings ---- */

const be_ynode *be__ld_lookup(const be_ynode *map, const char *key,
                              const be_ynode **key_node)
{
    for (size_t i = 0; i < map->n; i++) {
        if (be__ld_scalar_is(map->u.items[2 * i], key)) {
            if (key_node)
                *key_node = map->u.items[2 * i];
            return map->u.items[2 * i + 1];
        }
    }
    return NULL;
}

be_code be__ld_check_keys(loader *L, const be_ynode *map,
                          const char *const *allowed, size_t n_allowed,
                          const char *ctx)
{
    for (size_t i = 0; i < map->n; i++) {
        const be_ynode *k = map->u.items[2 * i];
        size_t j = 0;
        while (j < n_allowed && !be__ld_scalar_is(k, allowed[j]))
            j++;
        if (j < n_allowed)
            continue;
        char q[256], w[200];
        const char *s = be__ld_suggest(k->u.text, k->n, allowed, n_allowed);
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

be_code be__ld_check_section(loader *L, const be_ynode *map,
                             const char *section, const char *ctx)
{
    const be__schema_section *s = be__schema_section_named(section);
    return be__ld_check_keys(L, map, s->words, s->n_words, ctx);
}

be_code be__ld_need(loader *L, const be_ynode *map, const char *key,
                    const char *ctx, const be_ynode **out)
{
    *out = be__ld_lookup(map, key, NULL);
    if (*out)
        return BE_OK;
    char w[200];
    return FAIL(L, map, "missing required key '%s' in %s", key,
                where(ctx, w, sizeof w));
}

be_code be__ld_want_map(loader *L, const be_ynode *n, const char *ctx,
                        const char *what)
{
    if (n->kind == BE_YMAPPING)
        return BE_OK;
    char p[200], d[300];
    return FAIL(L, n, "%s%s must be a mapping, found %s",
                be__ld_prefix(ctx, p, sizeof p), what,
                be__ld_describe(n, d, sizeof d));
}

/* ---- scalars ---- */

/* Why a scalar that looks like a number is not one (or ""). */
const char *be__ld_number_hint(const be_ynode *n)
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
be_code be__ld_number(loader *L, const be_ynode *n, const char *ctx,
                      const char *what, double *v)
{
    char p[200], d[300];
    if (n->kind != BE_YSCALAR || n->style != BE_YPLAIN ||
        !be__yaml_number_syntax(n->u.text, n->n))
        return FAIL(L, n, "%s%s must be a number, found %s%s",
                    be__ld_prefix(ctx, p, sizeof p), what,
                    be__ld_describe(n, d, sizeof d), be__ld_number_hint(n));
    /* The text is NUL-terminated after n bytes and, having passed the
     * syntax check, contains no NUL itself. */
    char *end;
    errno = 0;
    double x = strtod(n->u.text, &end);
    if (end != n->u.text + n->n || !isfinite(x))
        return FAIL(L, n,
                    "%s%s must be a finite number, found %s (out of range)",
                    be__ld_prefix(ctx, p, sizeof p), what,
                    be__ld_as_written(n, d, sizeof d));
    *v = x;
    return BE_OK;
}

/* v in the interval from lo to hi; an infinite bound is no bound. */
be_code be__ld_in_range(loader *L, const be_ynode *n, const char *ctx,
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
    return FAIL(L, n, "%s%s must be %s, found %s",
                be__ld_prefix(ctx, p, sizeof p), what, rule,
                be__ld_as_written(n, d, sizeof d));
}

be_code be__ld_number_in(loader *L, const be_ynode *n, const char *ctx,
                         const char *what, double lo, int lo_open, double hi,
                         int hi_open, double *v)
{
    be_code rc = be__ld_number(L, n, ctx, what, v);
    return rc ? rc
              : be__ld_in_range(L, n, ctx, what, *v, lo, lo_open, hi, hi_open);
}

int be__ld_is_whole(double x)
{
    return fabs(x - round(x)) <= WHOLE_TOL;
}

be_code be__ld_whole_number(loader *L, const be_ynode *n, const char *ctx,
                            const char *what, double *v)
{
    be_code rc = be__ld_number(L, n, ctx, what, v);
    if (rc)
        return rc;
    if (*v != floor(*v)) {
        char p[200], d[300];
        return FAIL(L, n, "%s%s must be a whole number, found %s",
                    be__ld_prefix(ctx, p, sizeof p), what,
                    be__ld_as_written(n, d, sizeof d));
    }
    return BE_OK;
}

be_code be__ld_boolean(loader *L, const be_ynode *n, const char *ctx,
                       const char *what, int *v)
{
    if (n->kind == BE_YSCALAR && n->style == BE_YPLAIN) {
        if (be__ld_scalar_is(n, "true")) {
            *v = 1;
            return BE_OK;
        }
        if (be__ld_scalar_is(n, "false")) {
            *v = 0;
            return BE_OK;
        }
    }
    char p[200], d[300];
    return FAIL(L, n, "%s%s must be true or false, found %s",
                be__ld_prefix(ctx, p, sizeof p), what,
                be__ld_describe(n, d, sizeof d));
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
    if (n->kind != BE_YSCALAR || be__ld_is_null(n))
        return FAIL(L, n, "%s%s must be text, found %s%s",
                    be__ld_prefix(ctx, p, sizeof p), what,
                    be__ld_describe(n, d, sizeof d),
                    be__ld_is_null(n) && n->n ? " (a null)" : "");
    for (size_t i = 0; i < n->n; i++) {
        unsigned char c = (unsigned char)n->u.text[i];
        unsigned char c2 = i + 1 < n->n ? (unsigned char)n->u.text[i + 1] : 0;
        if (multiline && (c == '\n' || c == '\t'))
            continue;
        if (c == '\n')
            return FAIL(L, n,
                        "%s%s must be one line, found a line break "
                        "inside '%s'%s",
                        be__ld_prefix(ctx, p, sizeof p), what,
                        be__yaml_quote(n->u.text, n->n, d, sizeof d),
                        n->style == BE_YBLOCK
                            ? " (a > block joins its lines unless one is "
                              "empty or indented more; | keeps every break)"
                            : "");
        if (c < 0x20 || c == 0x7F || (c == 0xC2 && c2 >= 0x80 && c2 < 0xA0))
            return FAIL(L, n,
                        "%s%s must not contain control characters, "
                        "found '%s'",
                        be__ld_prefix(ctx, p, sizeof p), what,
                        be__yaml_quote(n->u.text, n->n, d, sizeof d));
    }
    *s = n->u.text;
    *len = n->n;
    return BE_OK;
}

be_code be__ld_string_value(loader *L, const be_ynode *n, const char *ctx,
                            const char *what, const char **s, size_t *len)
{
    return text_value(L, n, ctx, what, 0, s, len);
}

be_code be__ld_name(loader *L, const be_ynode *v, const char *ctx,
                    char **out)
{
    char p[200], d[300];
    const char *name;
    size_t len;
    be_code rc;
    if ((rc = be__ld_string_value(L, v, ctx, "name", &name, &len)))
        return rc;
    if (len < 1 || len > MAX_NAME)
        return FAIL(L, v, "%sname must be 1 to %d characters long, found %s",
                    be__ld_prefix(ctx, p, sizeof p), MAX_NAME,
                    be__ld_describe(v, d, sizeof d));
    for (size_t i = 0; i < len; i++)
        if (!be__ld_name_char(name[i]))
            return FAIL(L, v,
                        "%sname may only contain letters, digits, '-', "
                        "'_' and '.', found %s",
                        be__ld_prefix(ctx, p, sizeof p),
                        be__ld_describe(v, d, sizeof d));
    if (!(*out = malloc(len + 1)))
        return be__ld_fail(L, BE_ENOMEM, v->pos, "out of memory");
    memcpy(*out, name, len);
    (*out)[len] = '\0';
    return BE_OK;
}

int be__ld_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

int be__ld_find_workload(const be_model *m, const be_ynode *key)
{
    for (int w = 0; m->has_workloads && w < m->W; w++)
        if (m->workloads[w].name && be__ld_scalar_is(key, m->workloads[w].name))
            return w;
    return -1;
}

/* A top-level text value, copied into *out (owned by the model). */
be_code be__ld_text_copy(loader *L, const be_ynode *n, const char *what,
                         int multiline, char **out)
{
    const char *s;
    size_t len;
    be_code rc = text_value(L, n, "", what, multiline, &s, &len);
    if (rc)
        return rc;
    *out = malloc(len + 1);
    if (!*out)
        return be__ld_fail(L, BE_ENOMEM, n->pos, "out of memory");
    memcpy(*out, s, len);
    (*out)[len] = '\0';
    return BE_OK;
}

/* One of a few words; returns its index in *v. */
be_code be__ld_choice(loader *L, const be_ynode *n, const char *ctx,
                      const char *what, const char *section,
                      const char *expected, int *v)
{
    const be__schema_section *sec = be__schema_section_named(section);
    const char *const *words = sec->words;
    int n_words = (int)sec->n_words;
    const char *s;
    size_t len;
    be_code rc = be__ld_string_value(L, n, ctx, what, &s, &len);
    if (rc)
        return rc;
    for (int i = 0; i < n_words; i++)
        if (be__ld_scalar_is(n, words[i])) {
            *v = i;
            return BE_OK;
        }
    char p[200], d[300];
    return FAIL(L, n, "%s%s must be %s, found %s",
                be__ld_prefix(ctx, p, sizeof p), what, expected,
                be__ld_describe(n, d, sizeof d));
}

/* ---- series ---- */

/* A series of non-negative values, one per period: a number, a list of T
 * numbers, or {start, growth}: start * (1 + growth)^(t * dt). */
be_code be__ld_series(loader *L, const be_ynode *n, const char *ctx,
                      const char *what, double **out)
{
    be_model *m = L->m;
    int T = m->T;
    char p[200], d[300], w[200], item[120], lab[16];
    be_code rc;
    double *v = be__calloc((size_t)T, sizeof *v);
    if (!v)
        return be__ld_fail(L, BE_ENOMEM, n->pos, "out of memory");
    *out = v; /* owned by the model from here on */

    if (n->kind == BE_YSEQUENCE) {
        if (n->n != (size_t)T)
            return FAIL(L, n,
                        "%s%s has %zu value%s, the horizon has %d "
                        "period%s",
                        be__ld_prefix(ctx, p, sizeof p), what, n->n,
                        n->n == 1 ? "" : "s", T, T == 1 ? "" : "s");
        for (int t = 0; t < T; t++) {
            be__ld_period_label(m, t, lab);
            snprintf(item, sizeof item, "%s for %s", what, lab);
            rc = be__ld_number_in(L, n->u.items[t], ctx, item, 0, 0, INFINITY,
                                  0, &v[t]);
            if (rc)
                return rc;
        }
        return BE_OK;
    }
    if (n->kind == BE_YMAPPING) {
        const be_ynode *vs, *vg;
        double start, growth;
        snprintf(w, sizeof w, "%s%s%s", ctx, *ctx ? " " : "", what);
        if ((rc = CHECK_KEYS(L, n, "growingSeries", w)) ||
            (rc = be__ld_need(L, n, "start", w, &vs)) ||
            (rc = be__ld_need(L, n, "growth", w, &vg)))
            return rc;
        snprintf(item, sizeof item, "%s start", what);
        if ((rc = be__ld_number_in(L, vs, ctx, item, 0, 0, INFINITY, 0,
                                   &start)))
            return rc;
        snprintf(item, sizeof item, "%s growth", what);
        if ((rc = be__ld_number_in(L, vg, ctx, item, -1, 1, INFINITY, 0,
                                   &growth)))
            return rc;
        for (int t = 0; t < T; t++) {
            v[t] = start * pow(1.0 + growth, (double)t / L->ppy);
            if (!isfinite(v[t])) {
                be__ld_period_label(m, t, lab);
                return FAIL(L, vg,
                            "%s%s growth makes the value too large to "
                            "represent by %s",
                            be__ld_prefix(ctx, p, sizeof p), what, lab);
            }
        }
        return BE_OK;
    }
    if (n->kind == BE_YSCALAR && n->style == BE_YPLAIN &&
        be__yaml_number_syntax(n->u.text, n->n)) {
        if ((rc = be__ld_number_in(L, n, ctx, what, 0, 0, INFINITY, 0, &v[0])))
            return rc;
        for (int t = 1; t < T; t++)
            v[t] = v[0];
        return BE_OK;
    }
    return FAIL(L, n,
                "%s%s must be a number, a list of %d number%s or "
                "{start, growth}, found %s%s",
                be__ld_prefix(ctx, p, sizeof p), what, T, T == 1 ? "" : "s",
                be__ld_describe(n, d, sizeof d), be__ld_number_hint(n));
}

/* Remember that a value was read as something other than what was
 * written, for be_model_note (at most BE__MAX_NOTES are kept). */

be_code be__ld_note(loader *L, const be_ynode *n, const char *fmt, ...)
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
