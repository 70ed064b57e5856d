/*
 * advance.c -- a model as of a later period (docs/replanning.md): the
 * decisions of the periods before it taken from a plan, what is left of
 * the horizon, and the fleet those decisions leave.
 *
 * be_model_advance(m, p, to, n) is the model that starts at period `to`
 * of m and runs n periods:
 *   - every series keeps its values from `to` on (period t of the new
 *     model is period to + t of m), and a window of sale or rent is cut
 *     to the new horizon (closed when it ends before it);
 *   - the fleet is what p leaves in service at the start of `to`: one
 *     entry per cohort of m that holds units during to - 1 and has not
 *     reached the end of its life at `to`, with its device, its count,
 *     its age at `to` and its purchase price (the basis of its resale
 *     curve and of its depreciation), so that O&M by age, resale and taxes
 *     go on exactly as in m;
 *   - units that reach the end of their life at the start of `to` have
 *     left: their sale is m's, at `to`, and not the new model's.
 * So the cost of p's decisions from `to` on in m, discounted to `to` and
 * less that sale, is the new model's cost of the same decisions
 * (be_plan_advance maps them), when the new model runs to m's end
 * (tests/test_advance.c holds them equal).
 */
#include "model/rules.h"
#include "plans/baselines.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Units of cohort j of m that p carries into period `to`: held during
 * to - 1, and below the end of their life at `to`; 0 for every other. */
static double carried(const be_model *m, const be_plan *p, int j, int to)
{
    const be_cohort *c = &m->cohorts[j];
    if (c->start >= to || c->end <= to)
        return 0.0;
    double n = be__held(m, p, j, to - 1);
    return n > BE_UNIT_TOL ? n : 0.0;
}

/* a[to .. to+n) as a new array, NULL for NULL (or when out of memory:
 * *ok cleared). */
static double *cut(const double *a, int to, int n, int *ok)
{
    if (!a)
        return NULL;
    double *b = be__dup(a + to, (size_t)n, sizeof *a);
    *ok = *ok && b != NULL;
    return b;
}

/* The same for a series of every workload ([W*T] into [W*n]). */
static double *cut_workloads(const double *a, int W, int T, int to, int n,
                             int *ok)
{
    if (!a)
        return NULL;
    double *b = be__calloc((size_t)W * (size_t)n + 1, sizeof *a);
    *ok = *ok && b != NULL;
    for (int w = 0; b && w < W; w++)
        memcpy(b + (size_t)w * n, a + (size_t)w * T + to,
               (size_t)n * sizeof *a);
    return b;
}

be_model *be_model_advance(const be_model *m, const be_plan *p, int to,
                           int periods, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!m || !p) {
        be__fail(err, BE_EARG, m ? m->file : "", nowhere,
                 "be_model_advance needs a model and a plan");
        return NULL;
    }
    if (m->n_scenarios) {
        be__fail(err, BE_EARG, m->file, nowhere, "a model with scenarios "
                 "is advanced one scenario at a time (be_model_scenario)");
        return NULL;
    }
    if (to < 1 || to >= m->T) {
        be__fail(err, BE_EARG, m->file, nowhere, "a model is advanced to a "
                 "period after its first and within its horizon, %s to %s",
                 m->labels[m->T > 1 ? 1 : 0], m->labels[m->T - 1]);
        return NULL;
    }
    if (periods == 0)
        periods = m->T - to;
    if (periods < 1 || periods > m->T - to) {
        be__fail(err, BE_EARG, m->file, nowhere, "advanced to %s, the model "
                 "has %d periods left, not %d", m->labels[to], m->T - to,
                 periods);
        return NULL;
    }
    if (p->periods != m->T || p->devices != m->n_devices ||
        p->cohorts != m->n_cohorts) {
        be__fail(err, BE_EARG, m->file, nowhere, "the plan does not match "
                 "the model");
        return NULL;
    }
    be_model *a = be__model_alloc(m->file);
    if (!a)
        goto nomem;
    char *file = a->file;
    *a = *m;                       /* every scalar; the arrays below */
    a->file = file;
    a->T = periods;
    int ppy = m->period == BE_MONTH ? 12 : m->period == BE_QUARTER ? 4 : 1;
    a->start_year = m->start_year + (m->start_sub + to) / ppy;
    a->start_sub = (m->start_sub + to) % ppy;
    a->n_notes = a->n_notes_total = 0;
    a->n_cohorts = a->n_nodes = 0;
    a->cohorts = NULL;
    a->discount = NULL;
    a->labels = NULL;
    a->first_cohort = NULL;
    a->node_of = a->node_period = a->node_parent = NULL;
    a->node_first = a->node_size = NULL;
    a->bound_demand = NULL;
    a->scenarios = NULL;
    a->fleet = NULL;
    a->n_fleet = 0;
    a->devices = be__calloc((size_t)m->n_devices + 1, sizeof *a->devices);
    /* the name and description say what it was advanced from */
    const char *nm = m->name ? m->name : "";
    const char *ds = m->description ? m->description : "";
    size_t room = strlen(nm) + strlen(ds) + strlen(m->file) + 128;
    a->name = be__calloc(room, 1);
    a->description = be__calloc(room, 1);
    if (a->name && a->description) {
        /* a model advanced again names only its latest period */
        const char *as = strstr(nm, ", as of ");
        int keep = as ? (int)(as - nm) : (int)strlen(nm);
        snprintf(a->name, room, "%.*s%sas of %s", keep, nm, keep ? ", " : "",
                 m->labels[to]);
        snprintf(a->description, room, "%s%sAdvanced from %s (which starts "
                 "in %s) to %s.", ds, *ds ? "\n" : "", m->file,
                 m->labels[0], m->labels[to]);
    }
    int ok = a->devices && a->name && a->description;
    int W = m->W;
    a->demand = cut_workloads(m->demand, W, m->T, to, periods, &ok);
    a->energy_price = cut(m->energy_price, to, periods, &ok);
    a->power_cap = cut(m->power_cap, to, periods, &ok);
    a->budget = cut(m->budget, to, periods, &ok);
    a->revenue_price = cut_workloads(m->revenue_price, W, m->T, to, periods,
                                     &ok);
    a->market = cut_workloads(m->market, W, m->T, to, periods, &ok);
    a->workloads = be__calloc((size_t)W, sizeof *a->workloads);
    ok = ok && a->workloads;
    for (int w = 0; a->workloads && w < W; w++) {
        a->workloads[w] = m->workloads[w];
        a->workloads[w].name = be__strdup(m->workloads[w].name);
        ok = ok && a->workloads[w].name;
    }
    if (!a->devices) {
        a->n_devices = 0;
        be_model_free(a);
        goto nomem;
    }
    for (int k = 0; k < m->n_devices; k++) {
        const be_device *d = &m->devices[k];
        be_device *e = &a->devices[k];
        *e = *d;
        e->name = be__strdup(d->name);
        e->om = be__dup(d->om, (size_t)d->n_years, sizeof *d->om);
        e->resale = d->resale ? be__dup(d->resale, (size_t)d->n_years,
                                        sizeof *d->resale) : NULL;
        e->price = cut(d->price, to, periods, &ok);
        e->rent = cut(d->rent, to, periods, &ok);
        e->serve = be__dup(d->serve, (size_t)W, sizeof *d->serve);
        ok = ok && e->name && e->om && (!d->resale || e->resale) && e->serve;
        /* the window, in the new periods; closed when it ends before them
         * or starts after them */
        e->avail_from = d->avail_from - to > 0 ? d->avail_from - to : 0;
        e->avail_to = d->avail_to - to < periods - 1 ? d->avail_to - to
                                                     : periods - 1;
        if (e->avail_to < e->avail_from || d->avail_from - to > periods - 1) {
            e->avail_from = 1;
            e->avail_to = 0;
            if (e->buyable) {
                e->buyable = 0;
                free(e->price);
                e->price = NULL;
            }
        }
    }
    /* the fleet: what p carries into `to`, cohort by cohort */
    int n = 0;
    for (int j = 0; j < m->n_cohorts; j++)
        n += carried(m, p, j, to) > 0.0;
    a->fleet = be__calloc((size_t)n + 1, sizeof *a->fleet);
    ok = ok && a->fleet;
    for (int j = 0; ok && j < m->n_cohorts; j++) {
        double units = carried(m, p, j, to);
        if (units <= 0.0)
            continue;
        const be_cohort *c = &m->cohorts[j];
        be_fleet_entry *f = &a->fleet[a->n_fleet++];
        f->device = c->device;
        f->count = units;
        f->age = c->age0 + (to - c->start);
        f->purchase_price = c->basis;
        f->has_purchase_price = 1;
    }
    if (!ok) {
        be_model_free(a);
        goto nomem;
    }
    if (be__model_finish(a, err) != BE_OK) {
        be_model_free(a);
        return NULL;
    }
    return a;
nomem:
    be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
    return NULL;
}

be_plan *be_plan_advance(const be_model *m, const be_plan *p,
                         const be_model *a, int to, be_error *err)
{
    be_pos nowhere = {0, 0};
    int K = m->n_devices, J = m->n_cohorts, Ja = a->n_cohorts;
    if (to < 1 || to + a->T > m->T || a->n_devices != K) {
        be__fail(err, BE_EARG, m->file, nowhere, "the advanced model is not "
                 "this model's as of %s", to >= 0 && to <= m->T
                 ? m->labels[to] : "that period");
        return NULL;
    }
    be_plan *q = be_plan_new(a);
    int *src = be__calloc((size_t)Ja + 1, sizeof *src);
    if (!q || !src) {
        be_plan_free(q);
        free(src);
        be__fail(err, BE_ENOMEM, m->file, nowhere, "out of memory");
        return NULL;
    }
    /* the cohort of m each cohort of a continues: fleet entries in the
     * order be_model_advance wrote them, then the purchases */
    int f = 0;
    for (int j = 0; j < J && f < a->n_fleet; j++)
        if (carried(m, p, j, to) > 0.0)
            src[f++] = j;
    for (int i = 0; i < Ja; i++) {
        const be_cohort *c = &a->cohorts[i];
        if (c->fleet_entry < 0)
            src[i] = be__cohort_of(m, c->device, to + c->start);
    }
    q->relaxed = p->relaxed;
    for (int t = 0; t < a->T; t++) {
        for (int k = 0; k < K; k++) {
            q->buy[t * K + k] = p->buy[(to + t) * K + k];
            q->rent[t * K + k] = p->rent[(to + t) * K + k];
        }
        int W = m->W;
        memcpy(q->sell + (size_t)t * W, p->sell + (size_t)(to + t) * W,
               (size_t)W * sizeof *q->sell);
        memcpy(q->share + (size_t)t * K * W,
               p->share + (size_t)(to + t) * K * W,
               (size_t)K * W * sizeof *q->share);
        for (int i = 0; i < Ja; i++)
            if (src[i] >= 0)
                q->retire[t * Ja + i] = p->retire[(to + t) * J + src[i]];
    }
    free(src);
    return q;
}
