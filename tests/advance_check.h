/*
 * advance_check.h -- the check test_advance.c and test_property.c share:
 * a plan's cost from period `to` on, in the model advanced to `to`,
 * against the old model's, computed here from the old evaluation, and
 * the round trips through files: the advanced model (be_model_write) and
 * the plans (be_plan_write), with or without workloads.  Each
 * test file includes it once; the definitions are its own (static).
 */
#ifndef BE_ADVANCE_CHECK_H
#define BE_ADVANCE_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model/model.h"
#include "model/rules.h"
#include "plans/plans.h"

/* Units of cohort j that plan p holds during period t (the plan's own
 * retirements subtracted; the plans checked here are feasible). */
static double ac_held(const be_model *m, const be_plan *p, int j, int t)
{
    const be_cohort *c = &m->cohorts[j];
    if (t < c->start || t >= c->end)
        return 0.0;
    double n = c->fleet_entry >= 0 ? c->count
             : p->buy[c->start * m->n_devices + c->device];
    for (int s = c->start; s <= t; s++)
        n -= p->retire[s * m->n_cohorts + j];
    return n > 0.0 ? n : 0.0;
}

/* A growing buffer for be_model_write. */
typedef struct ac_text {
    char *buf;
    size_t n, cap;
} ac_text;

static int ac_write(void *ctx, const char *s, size_t len)
{
    ac_text *t = ctx;
    if (t->n + len + 1 > t->cap) {
        size_t cap = 2 * (t->n + len + 1);
        char *b = realloc(t->buf, cap);
        if (!b)
            return 1;
        t->buf = b;
        t->cap = cap;
    }
    memcpy(t->buf + t->n, s, len);
    t->n += len;
    t->buf[t->n] = '\0';
    return 0;
}

/* Counts of n read back from a plan file against those written: each
 * count above BE_UNIT_TOL exactly (be_format_number reads back as the same
 * double), the rest (noise the writer leaves out) 0.  Returns the number
 * that differ. */
static int ac_counts_differ(const double *written, const double *read,
                            size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++)
        bad += read[i] != (written[i] > BE_UNIT_TOL ? written[i] : 0.0);
    return bad;
}

/* Plan q of model a written as a plan file (be_plan_write) and read back
 * (be_plan_load_string) is q: purchases, rentals, retirements and sales,
 * and with workloads the shares of the devices that serve several (those
 * of a device that serves one are its units in service, as the evaluator
 * gives them); the plan read is priced as q is. */
static void ac_plan_round_trip(const be_model *a, const be_plan *q,
                               const be_eval *ea, const char *name)
{
    ac_text t = {NULL, 0, 0};
    be_error err = {0};
    CHECK(be_plan_write(a, q, NULL, ac_write, &t, &err) == BE_OK);
    be_plan *r = t.buf ? be_plan_load_string(a, t.buf, t.n, "plan", &err)
                       : NULL;
    if (!r) {
        fprintf(stderr, "%s: the plan file does not read back: %d:%d: %s\n"
                "%s\n", name, err.line, err.column, err.message,
                t.buf ? t.buf : "");
        CHECK(r != NULL);
        free(t.buf);
        return;
    }
    size_t T = (size_t)a->T, K = (size_t)a->n_devices, W = (size_t)a->W;
    int bad = ac_counts_differ(q->buy, r->buy, T * K) +
              ac_counts_differ(q->rent, r->rent, T * K) +
              ac_counts_differ(q->retire, r->retire, T * a->n_cohorts) +
              ac_counts_differ(q->sell, r->sell, T * W);
    for (size_t t = 0; t < T; t++)
        for (size_t k = 0; k < K; k++) {
            const double *s = q->share + (t * K + k) * W;
            const double *u = r->share + (t * K + k) * W;
            if (be__sole_workload(a, (int)k) < 0)
                bad += ac_counts_differ(s, u, W);
        }
    CHECK(bad == 0);
    CHECK(r->relaxed == q->relaxed);
    /* priced as q without the noise left out of the file */
    be_plan *c = be__plan_copy(a, q);
    CHECK(c != NULL);
    double *counts[] = {c ? c->buy : NULL, c ? c->rent : NULL,
                        c ? c->retire : NULL, c ? c->sell : NULL,
                        c ? c->share : NULL};
    size_t sizes[] = {T * K, T * K, T * a->n_cohorts, T * W, T * K * W};
    for (int i = 0; c && i < 5; i++)
        for (size_t j = 0; j < sizes[i]; j++)
            if (!(counts[i][j] > BE_UNIT_TOL))
                counts[i][j] = 0.0;
    be_eval *er = be_evaluate(a, r, &err);
    be_eval *ec = c ? be_evaluate(a, c, &err) : NULL;
    CHECK(er != NULL && ec != NULL);
    if (er && ec) {
        CHECK_CLOSE(er->cost.total, ec->cost.total, 1e-9);
        CHECK(er->violation == ec->violation);
        CHECK(ec->violation == ea->violation);
    }
    if (check_failures && (bad || !er || !ec || er->violation != ec->violation))
        fprintf(stderr, "%s: the plan read back differs (%d counts)\n%s\n",
                name, bad, t.buf);
    be_eval_free(ec);
    be_eval_free(er);
    be_plan_free(c);
    be_plan_free(r);
    free(t.buf);
}

/* a and b (b read back from a's file) have the same workloads: names,
 * demand, revenue and market, and what each device gives each (to 1e-12:
 * a geometric series is written as {start, growth}). */
static void ac_same_workloads(const be_model *a, const be_model *b)
{
    int W = be_model_workloads(a), T = be_model_periods(a);
    CHECK(be_model_has_workloads(b) == be_model_has_workloads(a));
    CHECK(be_model_workloads(b) == W && be_model_periods(b) == T);
    if (be_model_workloads(b) != W || be_model_periods(b) != T)
        return;
    for (int w = 0; w < W; w++) {
        CHECK_STR(be_model_workload_name(b, w), be_model_workload_name(a, w));
        CHECK(be_model_workload_has_revenue(b, w) ==
              be_model_workload_has_revenue(a, w));
        for (int t = 0; t < T; t++) {
            CHECK_CLOSE(be_model_workload_demand(b, w, t),
                        be_model_workload_demand(a, w, t), 1e-12);
            CHECK_CLOSE(be_model_workload_price(b, w, t),
                        be_model_workload_price(a, w, t), 1e-12);
            CHECK_CLOSE(be_model_workload_market(b, w, t),
                        be_model_workload_market(a, w, t), 1e-12);
        }
        for (int k = 0; k < be_model_devices(a); k++)
            CHECK(be_model_device_serves(b, k, w) ==
                  be_model_device_serves(a, k, w));
    }
}

/* The advanced model a written as a file (be_model_write) and read back
 * prices plan q as a does, has a's workloads, and written again is the
 * same file.  Skipped when a device was left out. */
static void ac_round_trip(const be_model *a, const be_plan *q,
                          const be_eval *ea, const char *name)
{
    ac_text t = {NULL, 0, 0};
    be_error err = {0};
    CHECK(be_model_write(a, "advanced", ac_write, &t, &err) == BE_OK);
    be_model *b = t.buf ? be_model_load_string(t.buf, t.n, "written", NULL,
                                               &err) : NULL;
    if (!b) {
        fprintf(stderr, "%s: the advanced model does not read back: "
                "%d:%d: %s\n%s\n", name, err.line, err.column, err.message,
                t.buf ? t.buf : "");
        CHECK(b != NULL);
    } else if (be_model_devices(b) == be_model_devices(a)) {
        CHECK(be_model_cohorts(b) == be_model_cohorts(a));
        be_eval *eb = be_model_cohorts(b) == be_model_cohorts(a)
                    ? be_evaluate(b, q, &err) : NULL;
        CHECK(eb != NULL);
        if (eb) {
            CHECK_CLOSE(eb->cost.total, ea->cost.total, 1e-9);
            CHECK(eb->violation == ea->violation);
        }
        be_eval_free(eb);
        ac_same_workloads(a, b);
        ac_text u = {NULL, 0, 0};
        CHECK(be_model_write(b, "advanced", ac_write, &u, &err) == BE_OK);
        CHECK(u.buf && u.n == t.n && memcmp(u.buf, t.buf, t.n) == 0);
        free(u.buf);
    }
    be_model_free(b);
    free(t.buf);
}

/* Advance m to every period 1 .. T-1 under plan p and check that the new
 * model prices p's continuation as m does:
 *   new total = (sum over t >= to of m's period total) / d(to)
 *               + the after-tax proceeds of the units whose life ends at
 *                 the start of `to` (sold in m, absent from the new fleet)
 * to 1e-6, and that a plan feasible in m is feasible there; that the
 * advanced model, written as a file and read back, prices it the same to
 * 1e-9 and is the same model (be_model_write); and that p and each
 * continuation, written as plan files and read back, are the same plans
 * (be_plan_write).  Returns the number of periods checked. */
static int check_advance_all(const be_model *m, const be_plan *p,
                             const char *name)
{
    be_error err = {0};
    be_eval *e = be_evaluate(m, p, &err);
    int n = 0;
    double tau = m->has_tax ? m->tax_rate : 0.0;
    if (e)
        ac_plan_round_trip(m, p, e, name);
    for (int to = 1; e && to < m->T; to++) {
        be_model *a = be_model_advance(m, p, to, 0, &err);
        if (!a) {
            fprintf(stderr, "%s: advance to %s: %s\n", name, m->labels[to],
                    err.message);
            CHECK(a != NULL);
            continue;
        }
        be_plan *q = be_plan_advance(m, p, a, to, &err);
        be_eval *ea = q ? be_evaluate(a, q, &err) : NULL;
        CHECK(ea != NULL);
        double rest = 0.0, gone = 0.0;
        for (int t = to; t < m->T; t++)
            rest += e->period_cost[t].total;
        for (int j = 0; j < m->n_cohorts; j++) {
            const be_cohort *c = &m->cohorts[j];
            if (c->end != to || c->start >= to)
                continue;
            double units = ac_held(m, p, j, to - 1);
            double R = be__resale_value(m, c, c->age0 + to - c->start);
            double B = be__book_value(m, c, c->age0 + to - c->start);
            gone += units * (R - tau * (R - B));
        }
        double want = rest / m->discount[to] + gone;
        if (ea) {
            int bad = check_failures;
            CHECK_CLOSE(ea->cost.total, want, 1e-6);
            if (e->violation == BE_FEASIBLE_PLAN)
                CHECK(ea->violation == BE_FEASIBLE_PLAN);
            if (check_failures > bad)
                fprintf(stderr, "%s advanced to %s: %.17g against %.17g "
                        "(violation %s)\n", name, m->labels[to],
                        ea->cost.total, want,
                        be_violation_name(ea->violation));
            if (!(be_model_is_integer(a) && q->relaxed))
                ac_round_trip(a, q, ea, name);
            ac_plan_round_trip(a, q, ea, name);
            n++;
        }
        be_eval_free(ea);
        be_plan_free(q);
        be_model_free(a);
    }
    be_eval_free(e);
    return n;
}

#endif /* BE_ADVANCE_CHECK_H */
