/*
 * model.c -- the model's derived data, its cost definitions and its
 * accessors.
 *
 * The cost definitions here are the README's "Semantics" section written
 * as code.  The LP builder and the evaluator both call them for the value
 * of one unit at one age; each adds them up in its own way (per variable
 * for the LP, per period and category for the evaluator), so that the two
 * totals are independent computations of the same definition.
 */
#include "model/model.h"
#include "model/rules.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- memory and errors ---- */

void *be__calloc(size_t n, size_t size)
{
    if (n == 0 || size == 0)
        n = size = 1;
    if (n > SIZE_MAX / size)
        return NULL;
    return calloc(n, size);
}

int be__grow(void **a, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 1;
    size_t n = *cap ? *cap : 64;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            return 0;
        n *= 2;
    }
    void *q = realloc(*a, n * elem);
    if (!q)
        return 0;
    *a = q;
    *cap = n;
    return 1;
}

void *be__dup(const void *src, size_t n, size_t size)
{
    void *d = be__calloc(n, size);
    if (d && n)
        memcpy(d, src, n * size);
    return d;
}

char *be__strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = malloc(n);
    if (r)
        memcpy(r, s, n);
    return r;
}

be_code be__fail(be_error *err, be_code code, const char *file, be_pos pos,
                 const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->line = pos.line;
    err->column = pos.column;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

const char *be_strerror(be_code code)
{
    switch (code) {
    case BE_OK: return "success";
    case BE_EIO: return "input/output error";
    case BE_ESYNTAX: return "YAML syntax error";
    case BE_EMODEL: return "invalid model";
    case BE_ELIMIT: return "size limit exceeded";
    case BE_EARG: return "invalid argument";
    case BE_ENOMEM: return "out of memory";
    case BE_ESOLVER: return "solver failure";
    }
    return "unknown error";
}

/* ---- allocation ---- */

be_model *be__model_alloc(const char *file)
{
    be_model *m = be__calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->file = be__strdup(file ? file : "");
    if (!m->file) {
        free(m);
        return NULL;
    }
    m->pue = 1.0;
    m->utilization = 1.0;
    m->salvage = 1;
    m->integer = 1;
    m->dt = 1.0;
    m->W = 1;
    return m;
}

/* What a model owns, written once for be_model_free and be__model_copy:
 * a new array of the model must join one of these lists to be freed at
 * all (valgrind's leak check holds every test to that), and joining it is
 * what makes the copy duplicate it (read fields) or leave it for
 * be__model_finish to derive again (derived fields).
 *
 * The read series of a model, X(field, length), and of a device: */
#define MODEL_SERIES(X)                                                  \
    X(demand, a->W * a->T) X(energy_price, a->T) X(power_cap, a->T)     \
    X(budget, a->T) X(revenue_price, a->W * a->T)                       \
    X(market, a->W * a->T)
#define DEVICE_SERIES(X)                                                 \
    X(om, x->n_years) X(resale, x->n_years) X(price, a->T) X(rent, a->T) \
    X(serve, a->W)
/* What be__model_finish and be__scenarios_finish derive: */
#define MODEL_DERIVED(X)                                                 \
    X(cohorts) X(discount) X(labels) X(first_cohort) X(node_of)        \
    X(node_period) X(node_parent) X(node_first) X(node_size)           \
    X(bound_demand)

void be_model_free(be_model *m)
{
    if (!m)
        return;
#define FREE_FIELD(f) free(m->f);
#define FREE_SERIES(f, n) free(m->f);
#define FREE_DEVICE_FIELD(f, n) free(d->f);
    for (int k = 0; k < m->n_devices; k++) {
        be_device *d = &m->devices[k];
        free(d->name);
        DEVICE_SERIES(FREE_DEVICE_FIELD)
    }
    free(m->devices);
    free(m->fleet);
    for (int w = 0; m->workloads && w < m->W; w++)
        free(m->workloads[w].name);
    free(m->workloads);
    for (int s = 0; s < m->n_scenarios; s++) {
        free(m->scenarios[s].name);
        be_model_free(m->scenarios[s].model);
    }
    free(m->scenarios);
    MODEL_DERIVED(FREE_FIELD)
    MODEL_SERIES(FREE_SERIES)
#undef FREE_FIELD
#undef FREE_SERIES
#undef FREE_DEVICE_FIELD
    free(m->name);
    free(m->description);
    free(m->file);
    free(m);
}

/* A copy of a's n doubles, NULL for none. */
static double *dup_series(const double *a, int n)
{
    return a ? be__dup(a, (size_t)(n > 0 ? n : 0), sizeof *a) : NULL;
}

be_model *be__model_copy(const be_model *a)
{
    be_model *m = be__model_alloc(a->file);
    if (!m)
        return NULL;
    char *file = m->file;
    *m = *a;                 /* every scalar, present and future */
    m->file = file;
    /* nothing owned is shared with a: what is not copied below is reset */
#define RESET_FIELD(f) m->f = NULL;
    MODEL_DERIVED(RESET_FIELD)
#undef RESET_FIELD
    m->n_cohorts = m->n_nodes = 0;
    m->n_scenarios = 0;
    m->scenarios = NULL;
    m->has_risk = 0;
    m->n_notes = m->n_notes_total = 0;
    m->name = be__strdup(a->name ? a->name : "");
    m->description = a->description ? be__strdup(a->description) : NULL;
    int ok = m->name && (!a->description || m->description);
#define COPY_SERIES(f, n)                                                \
    m->f = dup_series(a->f, n);                                          \
    ok = ok && (!a->f || m->f);
    MODEL_SERIES(COPY_SERIES)
#undef COPY_SERIES
    m->devices = be__calloc((size_t)a->n_devices + 1, sizeof *m->devices);
    m->fleet = be__calloc((size_t)a->n_fleet + 1, sizeof *m->fleet);
    if (!m->devices)
        m->n_devices = 0;
    ok = ok && m->devices && m->fleet;
    if (m->fleet && a->n_fleet)
        memcpy(m->fleet, a->fleet, (size_t)a->n_fleet * sizeof *m->fleet);
    m->workloads = NULL;
    if (a->workloads) {
        m->workloads = be__calloc((size_t)a->W, sizeof *m->workloads);
        ok = ok && m->workloads;
        for (int w = 0; m->workloads && w < a->W; w++) {
            m->workloads[w] = a->workloads[w];
            m->workloads[w].name = be__strdup(a->workloads[w].name);
            ok = ok && m->workloads[w].name;
        }
    }
#define COPY_DEVICE_SERIES(f, n)                                         \
    d->f = dup_series(x->f, n);                                          \
    ok = ok && (!x->f || d->f);
    for (int k = 0; m->devices && k < a->n_devices; k++) {
        const be_device *x = &a->devices[k];
        be_device *d = &m->devices[k];
        *d = *x;
        d->name = be__strdup(x->name);
        ok = ok && d->name;
        DEVICE_SERIES(COPY_DEVICE_SERIES)
    }
#undef COPY_DEVICE_SERIES
    if (!ok) {
        be_model_free(m);
        return NULL;
    }
    return m;
}

/* ---- cost definitions ---- */

static int periods_per_year(const be_model *m)
{
    return m->period == BE_MONTH ? 12 : m->period == BE_QUARTER ? 4 : 1;
}

double be__om_rate(const be_model *m, const be_device *d, int age)
{
    if (!d->om || d->n_years == 0)
        return 0.0;
    int year = age / periods_per_year(m);
    if (year >= d->n_years)
        year = d->n_years - 1;
    return d->om[year];
}

double be__energy_cost(const be_model *m, const be_device *d, int t)
{
    return d->power_kw * m->utilization * m->pue * 8760.0 * m->dt *
           m->energy_price[t];
}

double be__resale_value(const be_model *m, const be_cohort *c, int age)
{
    const be_device *d = &m->devices[c->device];
    int ppy = periods_per_year(m);
    switch (d->resale_kind) {
    case BE_RESALE_NONE:
        return 0.0;
    case BE_RESALE_CURVE:
        return d->resale_fraction * c->basis *
               pow(0.5, ((double)age / ppy) / d->resale_half_life);
    case BE_RESALE_LIST: {
        /* value at whole years 0 (the basis), 1, 2, ...; linear between */
        int lo = age / ppy, rem = age % ppy;
        if (lo >= d->n_years)
            return d->resale[d->n_years - 1];
        double v_lo = lo == 0 ? c->basis : d->resale[lo - 1];
        if (rem == 0)
            return v_lo;
        double v_hi = d->resale[lo];
        return v_lo + (v_hi - v_lo) * (double)rem / ppy;
    }
    }
    return 0.0;
}

double be__book_value(const be_model *m, const be_cohort *c, int age)
{
    if (!m->has_tax)
        return 0.0;
    double years = (double)age / periods_per_year(m);
    double f = 1.0 - years / m->depreciation_years;
    return f > 0.0 ? c->basis * f : 0.0;
}

int be__cohort_of(const be_model *m, int k, int t)
{
    const be_device *d = &m->devices[k];
    if (!d->buyable || t < d->avail_from || t > d->avail_to)
        return -1;
    return m->first_cohort[k] + (t - d->avail_from);
}

/* ---- derived data ---- */

void be__period_label(const be_model *m, int t, char buf[16])
{
    int i = m->start_sub + t;
    switch (m->period) {
    case BE_QUARTER:
        snprintf(buf, 16, "%d-Q%d", m->start_year + i / 4, i % 4 + 1);
        break;
    case BE_MONTH:
        snprintf(buf, 16, "%d-%02d", m->start_year + i / 12, i % 12 + 1);
        break;
    case BE_YEAR:
        snprintf(buf, 16, "%d", m->start_year + t);
        break;
    }
}

static void make_labels(be_model *m)
{
    for (int t = 0; t <= m->T; t++)
        be__period_label(m, t, m->labels[t]);
}

/*
 * Resale arbitrage: a unit bought in period c and sold at the start of
 * period `sale` (sale == T: valued at the horizon's end) whose whole cycle
 * has a negative net present cost is a profit that grows with every unit
 * bought.  The running cost of holding is summed once per cohort, so the
 * check costs cohorts x lifetime.
 */
static be_code check_arbitrage(const be_model *m, be_error *err)
{
    double tau = m->has_tax ? m->tax_rate : 0.0;
    for (int j = 0; j < m->n_cohorts; j++) {
        const be_cohort *c = &m->cohorts[j];
        const be_device *d = &m->devices[c->device];
        if (c->fleet_entry >= 0)
            continue;
        int last = c->end < m->T ? c->end : m->T;
        double cost = c->basis * m->discount[c->start];
        for (int sale = c->start + 1; sale <= last; sale++) {
            int held = sale - 1, age = c->age0 + held - c->start;
            double run = be__om_rate(m, d, age) * m->dt +
                         be__energy_cost(m, d, held);
            double dep = be__book_value(m, c, age) -
                         be__book_value(m, c, age + 1);
            cost += ((1.0 - tau) * run - tau * dep) * m->discount[held];
            if (sale == m->T && !m->salvage)
                break;
            int sale_age = age + 1;
            double r = be__resale_value(m, c, sale_age);
            double b = be__book_value(m, c, sale_age);
            double cycle = cost - (r - tau * (r - b)) * m->discount[sale];
            if (cycle < -1e-9 * (1.0 + c->basis))
                return be__fail(err, BE_EMODEL, m->file, d->resale_pos,
                    "device '%s': a unit bought in %s and sold in %s returns "
                    "%.2f more than it costs (purchase, running costs, "
                    "resale and taxes together), so buying more is always "
                    "better; such a model has no meaningful optimum: check "
                    "its resale values against its purchase prices",
                    d->name, m->labels[c->start], m->labels[sale], -cycle);
        }
    }
    return BE_OK;
}

/* Plans and evaluations hold one value per period and cohort, indexed as
 * int: keep periods x cohorts well inside both memory and INT_MAX. */
#define BE_MAX_PERIOD_COHORTS 20000000

/* The one workload of a model without `workloads`: the top-level demand
 * (and revenue), served by every device at its throughput.  Returns 1
 * when out of memory. */
static int implicit_workload(be_model *m)
{
    m->W = 1;
    m->workloads = be__calloc(1, sizeof *m->workloads);
    if (!m->workloads || !(m->workloads[0].name = be__strdup("work")))
        return 1;
    m->workloads[0].has_revenue = m->has_revenue;
    m->workloads[0].has_market = m->has_market;
    m->workloads[0].market_pos = m->market_pos;
    for (int k = 0; k < m->n_devices; k++) {
        be_device *d = &m->devices[k];
        free(d->serve);
        if (!(d->serve = be__calloc(1, sizeof *d->serve)))
            return 1;
        d->serve[0] = d->throughput;
        d->n_serve = d->throughput > 0.0;
    }
    return 0;
}

be_code be__model_finish(be_model *m, be_error *err)
{
    be_pos nowhere = {0, 0};
    int T = m->T;
    size_t cohorts = (size_t)m->n_fleet;
    for (int k = 0; k < m->n_devices; k++)
        if (m->devices[k].buyable)
            cohorts += (size_t)(m->devices[k].avail_to -
                                m->devices[k].avail_from + 1);
    if (cohorts > BE_MAX_PERIOD_COHORTS / (size_t)(T > 0 ? T : 1))
        return be__fail(err, BE_ELIMIT, m->file, nowhere,
                        "the model is too large: %d periods x %zu cohorts "
                        "(groups of units bought together) is over %d; use "
                        "longer periods or shorter purchase windows", T,
                        cohorts, BE_MAX_PERIOD_COHORTS);
    m->dt = 1.0 / periods_per_year(m);
    if ((m->W < 1 || !m->workloads) && implicit_workload(m))
        return be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    m->discount = be__calloc((size_t)T + 1, sizeof *m->discount);
    m->labels = be__calloc((size_t)T + 1, sizeof *m->labels);
    m->first_cohort = be__calloc((size_t)m->n_devices, sizeof(int));
    if (!m->discount || !m->labels || !m->first_cohort)
        return be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    for (int t = 0; t <= T; t++)
        m->discount[t] = pow(1.0 + m->discount_rate, -(double)t * m->dt);
    make_labels(m);

    size_t n = (size_t)m->n_fleet;
    for (int k = 0; k < m->n_devices; k++) {
        const be_device *d = &m->devices[k];
        if (d->buyable)
            n += (size_t)(d->avail_to - d->avail_from + 1);
    }
    m->cohorts = be__calloc(n, sizeof *m->cohorts);
    if (!m->cohorts)
        return be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    int j = 0;
    for (int f = 0; f < m->n_fleet; f++) {
        const be_fleet_entry *e = &m->fleet[f];
        const be_device *d = &m->devices[e->device];
        be_cohort *c = &m->cohorts[j++];
        c->device = e->device;
        c->start = 0;
        c->age0 = e->age;
        c->end = d->life - e->age;
        c->fleet_entry = f;
        c->count = e->count;
        c->basis = e->has_purchase_price ? e->purchase_price
                 : d->buyable ? d->price[0] : 0.0;
    }
    for (int k = 0; k < m->n_devices; k++) {
        const be_device *d = &m->devices[k];
        m->first_cohort[k] = -1;
        if (!d->buyable)
            continue;
        m->first_cohort[k] = j;
        for (int t = d->avail_from; t <= d->avail_to; t++) {
            be_cohort *c = &m->cohorts[j++];
            c->device = k;
            c->start = t;
            c->age0 = 0;
            c->end = t + d->life;
            c->fleet_entry = -1;
            c->basis = d->price[t];
        }
    }
    m->n_cohorts = j;
    return check_arbitrage(m, err);
}

/* ---- public accessors ---- */

const char *be_model_name(const be_model *m) { return m->name ? m->name : ""; }
int be_model_notes(const be_model *m, int *left_out)
{
    if (left_out)
        *left_out = m->n_notes_total - m->n_notes;
    return m->n_notes;
}

const be_error *be_model_note(const be_model *m, int i)
{
    return i >= 0 && i < m->n_notes ? &m->notes[i] : NULL;
}

const char *be_model_description(const be_model *m)
{
    return m->description ? m->description : "";
}
int be_model_periods(const be_model *m) { return m->T; }
be_period_kind be_model_period_kind(const be_model *m) { return m->period; }
double be_model_period_years(const be_model *m) { return m->dt; }
int be_model_is_integer(const be_model *m) { return m->integer; }
int be_model_devices(const be_model *m) { return m->n_devices; }
int be_model_cohorts(const be_model *m) { return m->n_cohorts; }

const char *be_model_period_label(const be_model *m, int t)
{
    return t >= 0 && t <= m->T ? m->labels[t] : "";
}

const char *be_model_device_name(const be_model *m, int k)
{
    return m->devices[k].name;
}

int be_model_device_is_rented(const be_model *m, int k)
{
    return m->devices[k].rented;
}

int be_model_device_can_buy(const be_model *m, int k, int t)
{
    const be_device *d = &m->devices[k];
    return (d->buyable || d->rented) && t >= d->avail_from && t <= d->avail_to;
}

double be_model_device_throughput(const be_model *m, int k)
{
    return m->devices[k].throughput;
}

double be_model_device_power_kw(const be_model *m, int k)
{
    return m->devices[k].power_kw;
}

double be_model_device_price(const be_model *m, int k, int t)
{
    const be_device *d = &m->devices[k];
    return d->buyable ? d->price[t] : 0.0;
}

double be_model_demand(const be_model *m, int t)
{
    return be__total_demand(m, t);
}
int be_model_has_revenue(const be_model *m) { return m->has_revenue; }
int be_model_has_market(const be_model *m) { return m->has_market; }
double be_model_price(const be_model *m, int t) { return be__price(m, 0, t); }
double be_model_market(const be_model *m, int t)
{
    return be__market(m, 0, t);
}
int be_model_has_workloads(const be_model *m) { return m->has_workloads; }
int be_model_workloads(const be_model *m) { return m->W; }
const char *be_model_workload_name(const be_model *m, int w)
{
    return w >= 0 && w < m->W ? m->workloads[w].name : "";
}
int be_model_find_workload(const be_model *m, const char *name)
{
    for (int w = 0; w < m->W; w++)
        if (strcmp(m->workloads[w].name, name) == 0)
            return w;
    return -1;
}
double be_model_workload_demand(const be_model *m, int w, int t)
{
    return be__demand(m, w, t);
}
double be_model_workload_price(const be_model *m, int w, int t)
{
    return be__price(m, w, t);
}
double be_model_workload_market(const be_model *m, int w, int t)
{
    return be__market(m, w, t);
}
int be_model_workload_has_revenue(const be_model *m, int w)
{
    return m->workloads[w].has_revenue;
}
int be_model_workload_has_market(const be_model *m, int w)
{
    return m->workloads[w].has_market;
}
double be_model_device_serves(const be_model *m, int k, int w)
{
    return m->devices[k].serve[w];
}

double be_model_power_cap(const be_model *m, int t)
{
    return be__power_cap(m, t);
}

double be_model_budget(const be_model *m, int t) { return be__budget(m, t); }

double be_model_discount(const be_model *m, int t) { return m->discount[t]; }

int be_model_find_device(const be_model *m, const char *name)
{
    for (int k = 0; k < m->n_devices; k++)
        if (strcmp(m->devices[k].name, name) == 0)
            return k;
    return -1;
}

void be_model_cohort(const be_model *m, int j, be_cohort_info *out)
{
    const be_cohort *c = &m->cohorts[j];
    out->device = c->device;
    out->start = c->start;
    out->age0 = c->age0;
    out->end = c->end;
    out->fleet_entry = c->fleet_entry;
    out->count = c->count;
    out->basis = c->basis;
}

void be_load_options_init(be_load_options *opt)
{
    opt->max_bytes = (size_t)16 << 20;
    opt->max_depth = 64;
    opt->overrides = NULL;
    opt->n_overrides = 0;
}
