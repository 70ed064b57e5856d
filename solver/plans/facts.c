/*
 * facts.c -- the facts of a plan in words and numbers, written once for
 * every report: a period's actions (be_describe_period), the number
 * formats (be_format_number, be_format_units), and reading a whole file
 * with a size limit (be_read_file, for the loaders and the program).
 */
#include "model/model.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *be_format_number(double v, char *buf, size_t size)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
        return buf;
    }
    if (v == 0.0)
        v = 0.0;   /* no "-0" */
    /* 15 digits print every double whose shortest form is shorter exactly
     * as that form (%g drops the trailing zeros) */
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return buf;
}

char *be_format_units(double v, char *buf, size_t size)
{
    if (fabs(v - round(v)) < 1e-9)
        snprintf(buf, size, "%.0f", round(v) == 0.0 ? 0.0 : round(v));
    else
        snprintf(buf, size, "%.3f", v);
    return buf;
}

/* ---- a period in words ----
 *
 * One phrase per kind of action, in a fixed order (end of life, retire,
 * buy, rent, stop renting), each naming its verb once and the devices it
 * applies to after it: "retire 13 a100 units and 1 h100 unit, buy 6 b200
 * units".  A count names the device's units as units ("1 old unit", "2.500
 * new units"), so that a device named like an adjective ("old", "cloud")
 * still reads as a thing. */

typedef struct words {
    char *buf;
    size_t size, used;
} words;

/* Append to w; cut short at w->size - 1 bytes, still a string. */
static void put(words *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void put(words *w, const char *fmt, ...)
{
    if (w->used >= w->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(w->buf + w->used, w->size - w->used, fmt, ap);
    va_end(ap);
    if (k > 0)
        w->used += (size_t)k;
    if (w->used >= w->size)
        w->used = w->size;
}

typedef enum action { END_OF_LIFE, RETIRE, BUY, RENT, STOP_RENTING } action;

/* How many units of device k action a moves in period t; 0 when it does
 * not act (STOP_RENTING: 1 when the rented device drops to none). */
static double amount(const be_model *m, const be_eval *e, int t, int k,
                     action a)
{
    int K = e->devices;
    double v = 0.0;
    switch (a) {
    case END_OF_LIFE:
        v = e->end_of_life[t * K + k];
        break;
    case RETIRE:
        v = e->retired_early[t * K + k];
        break;
    case BUY:
        v = e->bought[t * K + k];
        break;
    case RENT:
    case STOP_RENTING: {
        if (!m->devices[k].rented)
            return 0.0;
        double now = e->in_service[t * K + k];
        double before = t > 0 ? e->in_service[(t - 1) * K + k] : 0.0;
        if (fabs(now - before) <= BE_UNIT_TOL)
            return 0.0;
        if (a == RENT)
            v = now;
        else
            v = now > BE_UNIT_TOL ? 0.0 : 1.0;
        break;
    }
    }
    return v > BE_UNIT_TOL ? v : 0.0;
}

int be_describe_period(const be_model *m, const be_eval *e, int t, char *buf,
                       size_t size)
{
    static const char *const verb[] = {"", "retire ", "buy ", "rent ",
                                       "stop renting "};
    words w = {buf, size, 0};
    int K = e->devices, n = 0;
    if (size)
        buf[0] = '\0';
    for (action a = END_OF_LIFE; a <= STOP_RENTING; a++) {
        int items = 0, done = 0;
        double one = 0.0;   /* the count, when one device acts */
        for (int k = 0; k < K; k++)
            items += amount(m, e, t, k, a) > 0.0;
        if (!items)
            continue;
        put(&w, "%s%s", n ? ", " : "", verb[a]);
        for (int k = 0; k < K; k++) {
            double v = amount(m, e, t, k, a);
            if (!(v > 0.0))
                continue;
            one = v;
            done++;
            put(&w, "%s", done == 1 ? "" : done == items ? " and " : ", ");
            if (a == STOP_RENTING) {
                put(&w, "%s", m->devices[k].name);
            } else {
                char u[48];
                put(&w, "%s %s unit%s", be_format_units(v, u, sizeof u),
                    m->devices[k].name, fabs(v - 1.0) < 1e-9 ? "" : "s");
            }
        }
        if (a == END_OF_LIFE)
            put(&w, " %s end of life", items == 1 && fabs(one - 1.0) < 1e-9
                                           ? "reaches" : "reach");
        n += items;
    }
    return n;
}

/* ---- files ---- */

char *be_read_file(const char *path, size_t max_bytes, size_t *len,
                   be_error *err)
{
    be_pos nowhere = {0, 0};
    char reason[128];
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        if (strerror_r(e, reason, sizeof reason) != 0)
            snprintf(reason, sizeof reason, "error %d", e);
        be__fail(err, BE_EIO, path, nowhere, "cannot open the file: %s",
                 reason);
        return NULL;
    }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int too_big = 0, failed = 0;
    for (;;) {
        if (n == cap) {
            size_t next = cap ? cap * 2 : (size_t)64 << 10;
            /* never more than max_bytes + 1: one byte past the limit is
             * enough to know the file is too large */
            size_t limit = max_bytes < SIZE_MAX - 1 ? max_bytes + 1
                                                    : SIZE_MAX - 1;
            if (next > limit || next < cap)
                next = limit;
            if (next <= cap) {
                too_big = 1;
                break;
            }
            char *nb = realloc(buf, next + 1);
            if (!nb) {
                free(buf);
                fclose(f);
                be__fail(err, BE_ENOMEM, path, nowhere, "out of memory");
                return NULL;
            }
            buf = nb;
            cap = next;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > max_bytes) {
            too_big = 1;
            break;
        }
        if (got == 0) {
            failed = ferror(f);
            break;
        }
    }
    int e = errno;
    fclose(f);
    if (too_big || failed) {
        free(buf);
        if (too_big)
            be__fail(err, BE_ELIMIT, path, nowhere,
                     "the file is larger than the limit of %zu bytes",
                     max_bytes);
        else {
            if (strerror_r(e, reason, sizeof reason) != 0)
                snprintf(reason, sizeof reason, "error %d", e);
            be__fail(err, BE_EIO, path, nowhere, "cannot read the file: %s",
                     reason);
        }
        return NULL;
    }
    if (!buf && !(buf = malloc(1))) {
        be__fail(err, BE_ENOMEM, path, nowhere, "out of memory");
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}
