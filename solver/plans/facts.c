/*
 * facts.c -- the facts of a plan in words and numbers, written once for
 * every report: a period's actions (be_describe_period), the number
 * formats (be_format_number, be_format_units), and reading a whole file
 * with a size limit (be_read_file, for the loaders and the program).
 */
#include "model/model.h"

#include <errno.h>
#include <math.h>
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

/* ---- a period in words ---- */

typedef struct words {
    char *buf;
    size_t size, used;
    int n;
} words;

static void add(words *w, const char *before, double units, int show_units,
                const char *name, const char *after)
{
    char u[48] = "";
    if (show_units)
        be_format_units(units, u, sizeof u);
    if (w->used < w->size) {
        int k = snprintf(w->buf + w->used, w->size - w->used, "%s%s%s%s%s%s",
                         w->n ? ", " : "", before, u, u[0] ? " " : "", name,
                         after);
        if (k > 0)
            w->used += (size_t)k;
        if (w->used >= w->size)
            w->used = w->size;
    }
    w->n++;
}

int be_describe_period(const be_model *m, const be_eval *e, int t, char *buf,
                       size_t size)
{
    words w = {buf, size, 0, 0};
    int K = e->devices;
    if (size)
        buf[0] = '\0';
    /* units leaving at their end of life, then the plan's decisions */
    for (int k = 0; k < K; k++) {
        double v = e->end_of_life[t * K + k];
        if (v > BE_UNIT_TOL)
            add(&w, "", v, 1, m->devices[k].name,
                fabs(v - 1.0) < 1e-9 ? " reaches end of life"
                                     : " reach end of life");
    }
    for (int k = 0; k < K; k++) {
        double v = e->retired_early[t * K + k];
        if (v > BE_UNIT_TOL)
            add(&w, "retire ", v, 1, m->devices[k].name, "");
    }
    for (int k = 0; k < K; k++) {
        double v = e->bought[t * K + k];
        if (v > BE_UNIT_TOL)
            add(&w, "buy ", v, 1, m->devices[k].name, "");
    }
    for (int k = 0; k < K; k++) {
        if (!m->devices[k].rented)
            continue;
        double v = e->in_service[t * K + k];
        double before = t > 0 ? e->in_service[(t - 1) * K + k] : 0.0;
        if (fabs(v - before) <= BE_UNIT_TOL)
            continue;
        if (v > BE_UNIT_TOL)
            add(&w, "rent ", v, 1, m->devices[k].name, "");
        else
            add(&w, "stop renting ", 0, 0, m->devices[k].name, "");
    }
    return w.n;
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
