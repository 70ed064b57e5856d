/*
 * returns.c -- a plan as an investment (breakeven.h "Returns",
 * docs/returns.md): its cash flows as paid, a cash-flow statement by
 * year, the fleet's book and market value at the end of each year, the
 * internal rate of return and the payback.
 *
 * The money is the evaluator's (be_evaluate): its figures of period t are
 * discounted by d(t), so the nominal cash flow of period t is the
 * evaluator's figure divided by d(t).  Salvage is the one exception: the
 * evaluator books the value of the units held at the horizon's end, and
 * the tax on its gain over the book value, in period T-1 but discounted
 * at d(T).  Its value is alone in period T-1's `salvage`; its tax is
 * computed again here, cohort by cohort, with the model's own cost
 * definitions (be__resale_value, be__book_value, as the evaluator's
 * `sell` does), to part it from period T-1's other taxes.
 *
 * The flows, with tau the tax rate and S the salvage at the end:
 *   flow[t] = revenue + resale - capex - energy - om - rent - taxes
 *             (nominal, at time t dt, t = 0 .. T-1)
 *   flow[T] = S - tau (S - book value at T)      (end_of_horizon: salvage,
 *             at time T dt; there is always this flow then, 0 when
 *             nothing is held at the end)
 * so that sum flow[i] d(i) = -cost.total, the plan's net present value.
 *
 * The internal rate of return is a root of f(r) = sum flow[i]
 * (1+r)^(-time[i]).  Written in x = log(1+r), f is a sum of exponentials
 * sum flow[i] exp(-x time[i]); by Descartes' rule of signs for such sums
 * (Laguerre's form) it has at most as many real roots as the flows,
 * taken in time order, change sign.  One change: at most one root, found
 * by bisection over the whole range; several: every sign change of f on
 * a fine grid in x is bisected.
 */
#include "model/model.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const be_pos nowhere = {0, 0};

/* ---- the internal rate of return ---- */

/* The range of rates searched, as x = log(1+r): r in (-99.9%, 10^5 %). */
#define IRR_LOW  (-0.999)
#define IRR_HIGH 1e3
/* Points of the grid in x for flows that change sign more than once,
 * fewer for very long series (each point costs one exp per flow). */
#define IRR_GRID 4096
#define IRR_WORK 50000000.0

/* f at x = log(1+r), scaled by a positive factor so that no term
 * overflows: exp(x t_ref) f with t_ref the latest time for x < 0 and the
 * earliest for x >= 0, which makes every exponent <= 0.  The sign and the
 * roots are those of f. */
static double irr_scaled(int n, const double *flow, const double *time,
                         double x)
{
    double ref = time[0];
    for (int i = 1; i < n; i++)
        if (x < 0.0 ? time[i] > ref : time[i] < ref)
            ref = time[i];
    double g = 0.0;
    for (int i = 0; i < n; i++)
        if (flow[i] != 0.0)
            g += flow[i] * exp(-x * (time[i] - ref));
    return g;
}

static int sign_of(double v)
{
    return (v > 0.0) - (v < 0.0);
}

/* The root of f in [lo, hi], where f(lo) and f(hi) have opposite signs
 * (glo is f(lo)): bisection down to adjacent doubles, or to a relative
 * width of DBL_EPSILON, at most 200 halvings. */
static double irr_bisect(int n, const double *flow, const double *time,
                         double lo, double hi, double glo)
{
    for (int it = 0; it < 200; it++) {
        double mid = lo + (hi - lo) / 2.0;
        if (mid <= lo || mid >= hi ||
            hi - lo <= DBL_EPSILON * fmax(fabs(lo), fabs(hi)))
            break;
        double g = irr_scaled(n, flow, time, mid);
        if (g == 0.0)
            return mid;
        if (sign_of(g) == sign_of(glo)) {
            lo = mid;
            glo = g;
        } else {
            hi = mid;
        }
    }
    return lo + (hi - lo) / 2.0;
}

/* Record a root x: as a rate, while there is room. */
static void irr_keep(double x, double *rates, int *found)
{
    if (rates && *found < BE_MAX_IRR)
        rates[*found] = expm1(x);
    (*found)++;
}

be_irr_kind be_irr(int n, const double *flow, const double *time,
                   double *rates, int *n_rates)
{
    if (n_rates)
        *n_rates = 0;
    if (n <= 0 || !flow || !time)
        return BE_IRR_SAME_SIGN;
    int changes = 0, last = 0;
    for (int i = 0; i < n; i++) {
        int s = sign_of(flow[i]);
        if (s && last && s != last)
            changes++;
        if (s)
            last = s;
    }
    if (changes == 0)
        return BE_IRR_SAME_SIGN;

    double x_lo = log1p(IRR_LOW), x_hi = log1p(IRR_HIGH);
    int found = 0;
    if (changes == 1) {
        /* at most one root: it is in the range when f changes sign over
         * the whole of it */
        double g_lo = irr_scaled(n, flow, time, x_lo);
        double g_hi = irr_scaled(n, flow, time, x_hi);
        if (sign_of(g_lo) * sign_of(g_hi) < 0)
            irr_keep(irr_bisect(n, flow, time, x_lo, x_hi, g_lo), rates,
                     &found);
    } else {
        int points = IRR_GRID;
        if ((double)n * points > IRR_WORK)
            points = (int)fmax(128.0, IRR_WORK / n);
        double step = (x_hi - x_lo) / points;
        double x_prev = x_lo, g_prev = irr_scaled(n, flow, time, x_lo);
        for (int i = 1; i <= points; i++) {
            double x = i == points ? x_hi : x_lo + step * i;
            double g = irr_scaled(n, flow, time, x);
            if (g == 0.0)
                irr_keep(x, rates, &found);   /* a root on the grid */
            else if (g_prev != 0.0 && sign_of(g) != sign_of(g_prev))
                irr_keep(irr_bisect(n, flow, time, x_prev, x, g_prev), rates,
                         &found);
            x_prev = x;
            g_prev = g;
        }
    }
    if (n_rates)
        *n_rates = found < BE_MAX_IRR ? found : BE_MAX_IRR;
    return found == 0 ? BE_IRR_NONE
         : found == 1 ? BE_IRR_UNIQUE : BE_IRR_MULTIPLE;
}

/* ---- the cash-flow statement ---- */

void be_returns_free(be_returns *r)
{
    if (!r)
        return;
    free(r->rows);
    free(r->flow);
    free(r->flow_time);
    free(r);
}

static int periods_per_year(const be_model *m)
{
    return m->period == BE_MONTH ? 12 : m->period == BE_QUARTER ? 4 : 1;
}

/* A figure of period t discounted by d as paid: x / d (0 when d has
 * underflowed to 0, where the evaluator's figure is 0 as well). */
static double nominal(double x, double d)
{
    return d > 0.0 ? x / d : 0.0;
}

/* Book value of one unit of cohort c at `age` periods: the tax book value
 * with finance, else straight-line over the device's lifetime. */
static double book_value(const be_model *m, const be_cohort *c, int age)
{
    if (m->has_tax)
        return be__book_value(m, c, age);
    const be_device *d = &m->devices[c->device];
    if (!(d->lifetime > 0.0))
        return 0.0;
    double f = 1.0 - ((double)age / periods_per_year(m)) / d->lifetime;
    return f > 0.0 ? c->basis * f : 0.0;
}

/* A count from the plan as the evaluator uses it (count_of in
 * evaluate.c): negative, noise-negative or non-finite counts are 0. */
static double plan_count(double v)
{
    return isfinite(v) && v > 0.0 ? v : 0.0;
}

/*
 * Follow the units of cohort j as the evaluator does (simulate_cohort):
 * held at the start from the fleet or the evaluated purchase, less the
 * retirements (at most what is held, nothing in a bought cohort's
 * purchase period, everything at the end of its life).  Adds the book and
 * market value of the units held during the last period of each row, one
 * period older, to that row; returns the tax on the salvage of the units
 * held at the start of T, discounted at d(T) (0 without salvage).
 */
static double follow_cohort(const be_model *m, const be_plan *p,
                            const be_eval *e, int j, double tau,
                            be_returns *r)
{
    const be_cohort *c = &m->cohorts[j];
    int k = c->device, K = m->n_devices, J = m->n_cohorts, T = m->T;
    int bought = c->fleet_entry < 0;
    int ppy = periods_per_year(m);
    if (c->start >= T)
        return 0.0;
    double held = bought ? e->bought[c->start * K + k] : c->count;
    for (int t = c->start; t < T; t++) {
        int age = c->age0 + (t - c->start);
        double want = plan_count(p->retire[t * J + j]);
        double retirable = bought && t == c->start ? 0.0 : held;
        double out = t >= c->end ? held : fmin(want, retirable);
        if (out > 0.0)
            held -= out;
        int last = (t + 1) % ppy == 0 || t == T - 1;
        if (last && held > 0.0) {
            be_returns_row *row = &r->rows[t / ppy];
            row->book_value += held * book_value(m, c, age + 1);
            row->market_value += held * be__resale_value(m, c, age + 1);
        }
    }
    if (!(held > 0.0) || !m->salvage)
        return 0.0;
    int age = c->age0 + (T - c->start);
    double R = be__resale_value(m, c, age), B = be__book_value(m, c, age);
    return tau * held * (R - B) * m->discount[T];
}

static double ratio_or_nan(double a, double b)
{
    return b != 0.0 ? a / b : NAN;
}

/* The first index from which the running sum of flow[i] w[i] stays at or
 * above -tol; -1 when it ends below. */
static int payback_of(int n, const double *flow, const double *w,
                      double tol)
{
    double sum = 0.0;
    int from = 0;
    for (int i = 0; i < n; i++) {
        sum += flow[i] * (w ? w[i] : 1.0);
        if (sum < -tol)
            from = i + 1;
    }
    return from < n ? from : -1;
}

be_returns *be_returns_compute(const be_model *m, const be_plan *p,
                               be_error *err)
{
    if (!m) {
        be__fail(err, BE_EARG, "", nowhere, "returns: no model");
        return NULL;
    }
    if (m->n_scenarios > 0) {
        be__fail(err, BE_EARG, m->file, nowhere,
                 "returns: the model has %d scenarios; price one scenario's "
                 "model (be_model_scenario)", m->n_scenarios);
        return NULL;
    }
    be_eval *e = be_evaluate(m, p, err);   /* checks the plan's shape */
    if (!e)
        return NULL;
    int T = m->T, ppy = periods_per_year(m);
    double tau = m->has_tax ? m->tax_rate : 0.0;
    be_returns *r = be__calloc(1, sizeof *r);
    if (!r)
        goto nomem;
    r->n = (T + ppy - 1) / ppy;
    r->n_flows = T + (m->salvage ? 1 : 0);
    r->rows = be__calloc((size_t)r->n, sizeof *r->rows);
    r->flow = be__calloc((size_t)r->n_flows, sizeof *r->flow);
    r->flow_time = be__calloc((size_t)r->n_flows, sizeof *r->flow_time);
    if (!r->rows || !r->flow || !r->flow_time)
        goto nomem;

    /* the fleet's values by row, and the salvage's tax apart */
    double salvage_tax = 0.0;   /* discounted at d(T) */
    for (int j = 0; j < m->n_cohorts; j++)
        salvage_tax += follow_cohort(m, p, e, j, tau, r);
    double salvage = 0.0, salvage_tax_paid = 0.0;   /* nominal, at T */
    if (m->salvage && T > 0) {
        salvage = nominal(e->period_cost[T - 1].salvage, m->discount[T]);
        salvage_tax_paid = nominal(salvage_tax, m->discount[T]);
    }

    for (int i = 0; i < r->n; i++) {
        be_returns_row *row = &r->rows[i];
        row->first = i * ppy;
        row->last = (i + 1) * ppy < T ? (i + 1) * ppy - 1 : T - 1;
        snprintf(row->label, sizeof row->label, "%d", m->start_year + i);
        for (int t = row->first; t <= row->last; t++) {
            const be_costs *pc = &e->period_cost[t];
            double d = m->discount[t];
            double taxes = pc->taxes - (t == T - 1 ? salvage_tax : 0.0);
            double rev = nominal(pc->revenue, d);
            double capex = nominal(pc->purchases, d);
            double energy = nominal(pc->energy, d);
            double om = nominal(pc->om, d);
            double rent = nominal(pc->rent, d);
            double tax = nominal(taxes, d);
            double resale = nominal(pc->resale, d);
            row->revenue += rev;
            row->capex += capex;
            row->energy += energy;
            row->om += om;
            row->rent += rent;
            row->taxes += tax;
            row->resale += resale;
            r->flow[t] = rev + resale - capex - energy - om - rent - tax;
            r->flow_time[t] = t * m->dt;
            row->discounted += r->flow[t] * d;
        }
        if (i == r->n - 1 && m->salvage) {
            row->salvage = salvage;
            row->taxes += salvage_tax_paid;
            r->flow[T] = salvage - salvage_tax_paid;
            r->flow_time[T] = T * m->dt;
            row->discounted += r->flow[T] * m->discount[T];
        }
        row->net = row->revenue + row->resale + row->salvage - row->capex -
                   row->energy - row->om - row->rent - row->taxes;
        row->cumulative = row->net + (i ? r->rows[i - 1].cumulative : 0.0);
        row->cumulative_discounted =
            row->discounted + (i ? r->rows[i - 1].cumulative_discounted : 0.0);
        row->write_down = row->book_value - row->market_value;
        row->capex_over_revenue = ratio_or_nan(row->capex, row->revenue);
        r->revenue += row->revenue;
        r->capex += row->capex;
    }

    double scale = 0.0;
    for (int i = 0; i < r->n_flows; i++) {
        r->net_present_value += r->flow[i] * m->discount[i];
        scale += fabs(r->flow[i]);
    }
    r->capex_over_revenue = ratio_or_nan(r->capex, r->revenue);
    r->irr_kind = be_irr(r->n_flows, r->flow, r->flow_time, r->irr,
                         &r->n_irr);
    double tol = 1e-9 * fmax(1.0, scale);
    r->payback = payback_of(r->n_flows, r->flow, NULL, tol);
    r->payback_discounted = payback_of(r->n_flows, r->flow, m->discount, tol);
    r->levelized_cost = e->levelized_cost;
    be_eval_free(e);
    return r;
nomem:
    be_eval_free(e);
    be_returns_free(r);
    be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    return NULL;
}
