/*
 * economics.c -- economic life and defender vs challenger: the classic
 * engineering-economics answers, computed from the model's own cost
 * primitives (model.h) so that they count every cash flow exactly as the
 * LP and the evaluator do.  Formulas: breakeven.h and
 * docs/breakeven-answers.md.
 */
#include "model/model.h"

#include <math.h>
#include <stdlib.h>

static const be_pos nowhere = {0, 0};

/* d(t) for any t >= 0: the model's factors inside the horizon, the same
 * formula (1+r)^(-t dt) beyond it. */
static double discount(const be_model *m, int t)
{
    if (t <= m->T)
        return m->discount[t];
    return pow(1.0 + m->discount_rate, -(double)t * m->dt);
}

/* Energy cost of one unit in period t; past the horizon, at the last
 * period's price. */
static double energy(const be_model *m, const be_device *d, int t)
{
    return be__energy_cost(m, d, t < m->T ? t : m->T - 1);
}

static double tax_rate(const be_model *m)
{
    return m->has_tax ? m->tax_rate : 0.0;
}

/* Sale proceeds after the tax on the gain: S(a) = R(a) - tau (R(a) - B(a)) */
static double sale_after_tax(const be_model *m, const be_cohort *c, int age)
{
    double r = be__resale_value(m, c, age);
    return r - tax_rate(m) * (r - be__book_value(m, c, age));
}

/* Cost of running one unit of cohort c through period t at `age`, after
 * tax, undiscounted: (1-tau)(om dt + E(t)) - tau (B(a) - B(a+1)). */
static double running(const be_model *m, const be_cohort *c, int age, int t)
{
    const be_device *d = &m->devices[c->device];
    double tau = tax_rate(m);
    double run = be__om_rate(m, d, age) * m->dt + energy(m, d, t);
    double dep = be__book_value(m, c, age) - be__book_value(m, c, age + 1);
    return (1.0 - tau) * run - tau * dep;
}

be_life *be_economic_life(const be_model *m, int k, int c, be_error *err)
{
    if (!m || k < 0 || k >= m->n_devices || c < 0 || c >= m->T) {
        be__fail(err, BE_EARG, m ? m->file : "", nowhere,
                 "economic life: no device %d or period %d", k, c);
        return NULL;
    }
    const be_device *d = &m->devices[k];
    int j = be__cohort_of(m, k, c);
    if (d->rented || j < 0) {
        be__fail(err, BE_EARG, m->file, nowhere, "economic life: device "
                 "'%s' cannot be bought in %s", d->name, m->labels[c]);
        return NULL;
    }
    const be_cohort *co = &m->cohorts[j];
    be_life *l = calloc(1, sizeof *l);
    int n = d->life;
    if (!l || !(l->npv = be__calloc((size_t)n, sizeof(double))) ||
        !(l->eac = be__calloc((size_t)n, sizeof(double)))) {
        be_life_free(l);
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    l->device = k;
    l->purchase = c;
    l->ages = n;
    l->horizon_ages = m->T - c < n ? m->T - c : n;
    l->throughput = d->throughput;
    double d0 = discount(m, c);
    double cost = co->basis;   /* present value at the start of c */
    double annuity = 0.0;      /* sum_{i<a} v^i */
    for (int a = 1; a <= n; a++) {
        int t = c + a - 1;
        double v_i = discount(m, t) / d0;
        cost += running(m, co, a - 1, t) * v_i;
        annuity += v_i;
        l->npv[a - 1] = cost - sale_after_tax(m, co, a) *
                               (discount(m, c + a) / d0);
        l->eac[a - 1] = l->npv[a - 1] / annuity / m->dt;
        if (a == 1 || l->eac[a - 1] < l->best_eac - 1e-12 *
                                      fmax(1.0, fabs(l->best_eac))) {
            l->best = a;
            l->best_eac = l->eac[a - 1];
        }
    }
    return l;
}

void be_life_free(be_life *l)
{
    if (!l)
        return;
    free(l->npv);
    free(l->eac);
    free(l);
}

be_challenge *be_defender_challenger(const be_model *m, int f, int kc,
                                     be_error *err)
{
    if (!m || f < 0 || f >= m->n_fleet || kc < 0 || kc >= m->n_devices) {
        be__fail(err, BE_EARG, m ? m->file : "", nowhere,
                 "defender vs challenger: no fleet entry %d or device %d",
                 f + 1, kc);
        return NULL;
    }
    const be_device *dc = &m->devices[kc];
    if (dc->rented || !dc->buyable) {
        be__fail(err, BE_EARG, m->file, nowhere, "defender vs challenger: "
                 "device '%s' cannot be bought", dc->name);
        return NULL;
    }
    const be_cohort *def = &m->cohorts[f];   /* fleet cohorts come first */
    const be_device *dd = &m->devices[def->device];
    int n = def->end < m->T ? def->end : m->T;
    if (n < 0)
        n = 0;
    be_challenge *r = calloc(1, sizeof *r);
    if (!r || !(r->defender_cost = be__calloc((size_t)n + 1, sizeof(double)))
        || !(r->challenger_cost = be__calloc((size_t)n + 1, sizeof(double)))
        || !(r->challenger_life = be__calloc((size_t)n + 1, sizeof(int)))) {
        be_challenge_free(r);
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    r->fleet_entry = f;
    r->defender = def->device;
    r->challenger = kc;
    r->periods = n;
    r->first_win = -1;
    /* With workloads the two are compared on one: where the defender is
     * best against the challenger (the most serve(kd,w) / serve(kc,w)),
     * the work an old unit would be kept for; none in common: no
     * comparison (challenger NaN throughout). */
    double thr_d = dd->throughput, thr_c = dc->throughput;
    r->workload = -1;
    if (m->has_workloads) {
        double best = 0.0;
        r->workload = -2;
        for (int w = 0; w < m->W; w++)
            if (dd->serve[w] > 0.0 && dc->serve[w] > 0.0 &&
                dd->serve[w] / dc->serve[w] > best) {
                best = dd->serve[w] / dc->serve[w];
                r->workload = w;
            }
        if (r->workload >= 0) {
            thr_d = dd->serve[r->workload];
            thr_c = dc->serve[r->workload];
        }
    }
    for (int t = 0; t < n; t++) {
        int a = def->age0 + t;
        double v = discount(m, t + 1) / discount(m, t);
        double keep = sale_after_tax(m, def, a) -
                      sale_after_tax(m, def, a + 1) * v +
                      running(m, def, a, t);
        r->defender_cost[t] = keep / m->dt / thr_d;
        r->challenger_cost[t] = NAN;
        if (be__cohort_of(m, kc, t) >= 0 && r->workload != -2) {
            be_life *l = be_economic_life(m, kc, t, err);
            if (!l) {
                be_challenge_free(r);
                return NULL;
            }
            r->challenger_cost[t] = l->best_eac / thr_c;
            r->challenger_life[t] = l->best;
            be_life_free(l);
            if (r->first_win < 0 &&
                r->challenger_cost[t] < r->defender_cost[t])
                r->first_win = t;
        }
    }
    return r;
}

void be_challenge_free(be_challenge *c)
{
    if (!c)
        return;
    free(c->defender_cost);
    free(c->challenger_cost);
    free(c->challenger_life);
    free(c);
}
