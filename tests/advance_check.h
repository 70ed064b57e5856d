/*
 * advance_check.h -- the check test_advance.c and test_property.c share:
 * a plan's cost from period `to` on, in the model advanced to `to`,
 * against the old model's, computed here from the old evaluation.  Each
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

/* The advanced model a written as a file (be_model_write) and read back
 * prices plan q as a does.  Skipped when a device was left out. */
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
    }
    be_model_free(b);
    free(t.buf);
}

/* Advance m to every period 1 .. T-1 under plan p and check that the new
 * model prices p's continuation as m does:
 *   new total = (sum over t >= to of m's period total) / d(to)
 *               + the after-tax proceeds of the units whose life ends at
 *                 the start of `to` (sold in m, absent from the new fleet)
 * to 1e-6, and that a plan feasible in m is feasible there; and that the
 * advanced model, written as a file and read back, prices it the same to
 * 1e-9 (be_model_write).  Returns the
 * number of periods checked. */
static int check_advance_all(const be_model *m, const be_plan *p,
                             const char *name)
{
    be_error err = {0};
    be_eval *e = be_evaluate(m, p, &err);
    int n = 0;
    double tau = m->has_tax ? m->tax_rate : 0.0;
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
