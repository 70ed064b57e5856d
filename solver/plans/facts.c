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
 * move, buy, rent, stop renting), each naming its verb once and the
 * devices it applies to after it: "retire 13 a100 units and 1 h100 unit,
 * buy 6 b200 units".  A count names the device's units as units ("1 old
 * unit", "2.500 new units"), so that a device named like an adjective
 * ("old", "cloud") still reads as a thing.
 *
 * A model with several workloads (m->W > 1) says where units go as well:
 * "retire 10 a100 units, move 60 a100 units from training to inference,
 * buy 12 b200 units for training".  The rules, per device k and period t
 * (shares are the evaluation's: units of k serving w in t; a unit not in
 * any share is idle):
 *   - Moves (t > 0; owned and rented units alike; "move", imperative as
 *     "retire" and "buy" are, for the plan decides it).  Units of a device
 *     are interchangeable (the same throughput at any age), so the plan
 *     names the fewest moves that take the shares of t - 1 to those of t
 *     (a unit leaving a workload is first one that retires or goes idle,
 *     and only then one that moves).  With dec(w) = max(0, share(w,t-1) -
 *     share(w,t)) and inc(w) likewise the other way: the units leaving the
 *     device (retired at the start of t, end of life included; for a
 *     rented device the drop in units rented) are taken from the
 *     decreases, then the growth of the idle units; what is left of the
 *     decreases moves.  The units joining (bought; for a rented device the
 *     rise in units rented) fill the increases, then the units that were
 *     idle; what is left of the increases receives the moves.  Every step
 *     goes in workload order, and the moves pair what is left of the
 *     decreases with what is left of the increases in workload order (the
 *     first source to the first destination, as far as it goes, and so
 *     on).  A unit going idle or leaving idleness is not a move.
 *   - Purchases "for W": when W is the only workload whose share of the
 *     device grows in t (at t = 0 every share grows from nothing), or,
 *     when none grows, the only workload the device serves in t.
 * One move (device, from, to) is one action.  A workload's share of a
 * device either falls or grows, so no move of a device goes both ways
 * between two workloads in one period.  A move of BE_UNIT_TOL units or
 * less, and a share that grows by as little, are not named.  A model with
 * one workload reads as it always has (no moves, no "for"). */

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

typedef enum action {
    END_OF_LIFE, RETIRE, MOVE, BUY, RENT, STOP_RENTING
} action;

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
    case MOVE:
        return 0.0;   /* moves() */
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

/* The units of device k leaving (*out) and joining (*in) at the start of
 * t: retired and bought; for a rented device the change in units rented. */
static void flows(const be_model *m, const be_eval *e, int t, int k,
                  double *out, double *in)
{
    int K = e->devices;
    if (m->devices[k].rented) {
        double now = e->in_service[t * K + k];
        double before = t > 0 ? e->in_service[(t - 1) * K + k] : 0.0;
        *out = fmax(0.0, before - now);
        *in = fmax(0.0, now - before);
    } else {
        *out = e->retired[t * K + k];
        *in = e->bought[t * K + k];
    }
}

static double share_of(const be_eval *e, int t, int k, int w)
{
    return e->share[((size_t)t * e->devices + k) * e->workloads + w];
}

/* Take up to amount from a[0..n-1], in order. */
static void take(double *a, int n, double amount)
{
    for (int i = 0; i < n && amount > 0.0; i++) {
        double x = fmin(a[i], amount);
        a[i] -= x;
        amount -= x;
    }
}

typedef struct move {
    int from, to;
    double units;
} move;

/* The moves of device k into period t, by the rules above, into out (room
 * for 2 W; dec and inc: W each, scratch).  Returns how many. */
static int device_moves(const be_model *m, const be_eval *e, int t, int k,
                        double *dec, double *inc, move *out)
{
    int W = e->workloads, K = e->devices, n = 0;
    if (t == 0 || m->devices[k].n_serve < 2)
        return 0;
    double before = 0.0, now = 0.0, leave, join;
    for (int w = 0; w < W; w++) {
        double a = share_of(e, t - 1, k, w), b = share_of(e, t, k, w);
        before += a;
        now += b;
        dec[w] = fmax(0.0, a - b);
        inc[w] = fmax(0.0, b - a);
    }
    flows(m, e, t, k, &leave, &join);
    double idle_before = fmax(0.0, e->in_service[(t - 1) * K + k] - before);
    double idle_now = fmax(0.0, e->in_service[t * K + k] - now);
    take(dec, W, leave + fmax(0.0, idle_now - idle_before));
    take(inc, W, join + fmax(0.0, idle_before - idle_now));
    for (int i = 0, j = 0; i < W && j < W;) {
        if (dec[i] <= BE_UNIT_TOL) {
            i++;
        } else if (inc[j] <= BE_UNIT_TOL) {
            j++;
        } else {
            double x = fmin(dec[i], inc[j]);
            out[n++] = (move){i, j, x};
            dec[i] -= x;
            inc[j] -= x;
        }
    }
    return n;
}

/* The workload the units of device k bought in t are for (the rules
 * above), or -1. */
static int bought_for(const be_eval *e, int t, int k)
{
    int grows = -1, serves = -1, n_grow = 0, n_serve = 0;
    for (int w = 0; w < e->workloads; w++) {
        double now = share_of(e, t, k, w);
        double before = t > 0 ? share_of(e, t - 1, k, w) : 0.0;
        if (now - before > BE_UNIT_TOL) {
            n_grow++;
            grows = w;
        }
        if (now > BE_UNIT_TOL) {
            n_serve++;
            serves = w;
        }
    }
    if (n_grow)
        return n_grow == 1 ? grows : -1;
    return n_serve == 1 ? serves : -1;
}

/* The moves of period t as one phrase ("move 60 a100 units from training
 * to inference and 2 b200 units from inference to training") after n
 * actions.  Returns the moves named (0 as well when out of memory: the
 * words then leave them out). */
static int put_moves(const be_model *m, const be_eval *e, int t, words *w,
                     int n)
{
    int K = e->devices, W = e->workloads, items = 0, done = 0;
    double *scratch = malloc(2 * (size_t)W * sizeof *scratch);
    move *mv = malloc(2 * (size_t)W * sizeof *mv);
    if (!scratch || !mv)
        goto out;
    for (int k = 0; k < K; k++)
        items += device_moves(m, e, t, k, scratch, scratch + W, mv);
    if (items)
        put(w, "%smove ", n ? ", " : "");
    for (int k = 0; k < K && items; k++) {
        int c = device_moves(m, e, t, k, scratch, scratch + W, mv);
        for (int i = 0; i < c; i++) {
            char u[48];
            done++;
            put(w, "%s%s %s unit%s from %s to %s",
                done == 1 ? "" : done == items ? " and " : ", ",
                be_format_units(mv[i].units, u, sizeof u), m->devices[k].name,
                fabs(mv[i].units - 1.0) < 1e-9 ? "" : "s",
                m->workloads[mv[i].from].name, m->workloads[mv[i].to].name);
        }
    }
out:
    free(scratch);
    free(mv);
    return items;
}

int be_describe_period(const be_model *m, const be_eval *e, int t, char *buf,
                       size_t size)
{
    static const char *const verb[] = {"", "retire ", "move ", "buy ",
                                       "rent ", "stop renting "};
    words w = {buf, size, 0};
    int K = e->devices, n = 0, several = e->workloads > 1;
    if (size)
        buf[0] = '\0';
    for (action a = END_OF_LIFE; a <= STOP_RENTING; a++) {
        int items = 0, done = 0;
        double one = 0.0;   /* the count, when one device acts */
        if (a == MOVE) {
            if (several)
                n += put_moves(m, e, t, &w, n);
            continue;
        }
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
            int f = several && a == BUY ? bought_for(e, t, k) : -1;
            if (f >= 0)
                put(&w, " for %s", m->workloads[f].name);
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
