/*
 * model.h -- the validated model, shared by the loader, the LP builder and
 * the evaluator.  Internal: not installed.
 *
 * The loader (loader.c) fills a be_model from YAML and checks everything it
 * can see locally (types, ranges, list lengths, names, cross references).
 * be__model_finish (model.c) then derives what follows from the whole
 * model: per-period series, discount factors, period labels and cohorts,
 * and the checks that need the cost definitions (resale arbitrage).
 *
 * Time: period t = 0 .. T-1 lasts dt years (1, 1/4 or 1/12).  Ages are
 * counted in periods; `age * dt` is the age in years.
 */
#ifndef BE_MODEL_H
#define BE_MODEL_H

#include "breakeven.h"

/* Source position of a node, for messages (1-based, 0 = unknown). */
typedef struct be_pos {
    int line, column;
} be_pos;

typedef enum be_resale_kind {
    BE_RESALE_NONE = 0,   /* worth nothing when sold */
    BE_RESALE_LIST,       /* value at whole years of age 1, 2, ... */
    BE_RESALE_CURVE       /* fraction * basis * 0.5^(age_years/half_life) */
} be_resale_kind;

typedef struct be_device {
    char *name;
    be_pos pos;              /* the device's mapping */
    int rented;              /* has `rent` */
    int buyable;             /* has `price` */
    double throughput;       /* capacity units per unit in service; with
                                workloads the largest of serve[] */
    double *serve;           /* [W] throughput(k, w) for each workload, 0
                                where the device cannot serve it (W == 1:
                                serve[0] == throughput) */
    int n_serve;             /* workloads with serve[w] > 0 */
    double power_kw;         /* IT draw per unit in service (0 if rented) */
    double lifetime;         /* years (0 if rented) */
    int life;                /* lifetime in periods (0 if rented) */
    int n_years;             /* ceil(lifetime): entries of om and resale */
    double *om;              /* [n_years] O&M per unit per year by year of
                                age (a number in the file fills them all) */
    be_resale_kind resale_kind;
    double *resale;          /* [n_years] value at age 1..n_years years */
    double resale_fraction, resale_half_life;
    be_pos resale_pos;       /* the `resale` key, for arbitrage errors */
    double *price;           /* [T] nominal purchase price by period
                                (NULL unless buyable) */
    double *rent;            /* [T] rent per unit per year (NULL unless
                                rented) */
    int avail_from, avail_to;/* purchase/rent window, period indices,
                                inclusive (default 0 .. T-1) */
} be_device;

typedef struct be_fleet_entry {
    int device;
    be_pos pos;
    double count;            /* units in place at the start of period 0 */
    int age;                 /* periods */
    double purchase_price;   /* basis for resale curve and taxes */
    int has_purchase_price;
} be_fleet_entry;

/* A workload (`workloads`, docs/workloads.md): work with its own demand
 * and price.  A model without `workloads` has one, the top-level demand. */
typedef struct be_workload {
    char *name;              /* "work" for the implicit one */
    be_pos pos;              /* its mapping */
    int has_revenue;         /* its own `revenue` block */
    int has_market;          /* ... with a market */
    be_pos market_pos;
} be_workload;

/* Notes kept per model; more are only counted. */
#define BE__MAX_NOTES 16

typedef struct be_cohort {
    int device;
    int start;               /* first period in service */
    int age0;                /* age in periods at the start of `start` */
    int end;                 /* period at whose start it must retire:
                                start + life - age0 (may be >= T) */
    int fleet_entry;         /* -1 if bought in period `start` */
    double count;            /* initial units (fleet), else 0 */
    double basis;            /* purchase price of one unit */
} be_cohort;

/* One scenario of a model (docs/uncertainty.md; loader.c reads them,
 * scenarios.c derives the tree). */
typedef struct be_scenario {
    char *name;
    double probability;
    be_pos pos;              /* the scenario's mapping */
    be_model *model;         /* the model with its changes, no scenarios */
} be_scenario;

struct be_model {
    char *file;              /* as given to the loader */
    char *name;
    char *description;       /* free text, may hold line breaks; NULL if
                                none */
    int schema;              /* `breakeven:` version, 1 */
    int T;                   /* number of periods */
    be_period_kind period;
    double dt;               /* period length in years */
    int start_year;
    int start_sub;           /* the first period within start_year: its
                                month (0-11) or quarter (0-3); 0 for
                                years (horizon.start: 2027-04) */
    double discount_rate;    /* annual */
    int integer;             /* whole units */
    int salvage;             /* end_of_horizon: salvage (1) or none (0) */
    /* Workloads: W >= 1.  The series of a workload are [W*T] arrays,
     * workload w's period t at [w*T + t]; W == 1 is the model without
     * `workloads`, whose arrays are the [T] series of the file. */
    int W;
    int has_workloads;       /* the file has `workloads` */
    be_workload *workloads;  /* [W] */
    double *demand;          /* [W*T] */
    double *energy_price;    /* [T] per kWh */
    double pue, utilization;
    int has_power_cap;
    double *power_cap;       /* [T] kW, NULL unless has_power_cap */
    int has_budget;
    double *budget;          /* [T] NULL unless has_budget */
    int has_tax;
    double tax_rate, depreciation_years;
    /* `revenue` (docs/returns.md): the price of work sold, and the most
     * that can be sold (market >= demand; without one, demand) */
    int has_revenue, has_market;
    double *revenue_price;   /* [W*T] per unit of throughput-year, NULL
                                unless has_revenue (0 for a workload
                                without revenue) */
    double *market;          /* [W*T] NULL unless has_market (the demand
                                for a workload without one) */
    be_pos market_pos;       /* the `market` key, for messages */
    int n_devices;
    be_device *devices;
    int n_fleet;
    be_fleet_entry *fleet;
    /* values read as slightly other than written (be_model_note) */
    be_error notes[BE__MAX_NOTES];
    int n_notes, n_notes_total;
    /* derived by be__model_finish */
    int n_cohorts;
    be_cohort *cohorts;
    double *discount;        /* [T+1] d(t) = (1+r)^(-t*dt) */
    char (*labels)[16];      /* [T+1] period labels; labels[T] is the
                                period after the horizon */
    int *first_cohort;       /* [n_devices] index of the cohort bought in
                                period avail_from, or -1 */
    /* Scenarios (0 when none); the fields above are the file as it
     * stands.  The tree (be__scenarios_finish): node_of[s*T + t] is the
     * node of scenario s in period t; nodes are numbered by period, then
     * by first scenario. */
    int n_scenarios;
    be_scenario *scenarios;
    int has_risk;
    double cvar_alpha, risk_weight;
    int n_nodes;
    int *node_of;            /* [n_scenarios*T] */
    int *node_period, *node_parent, *node_first, *node_size; /* [n_nodes] */
    /* A scenario's model: the demand the bounds of bought cohorts use
     * (lp.c "Bounds"), the largest market (demand without one) over all
     * scenarios per period, so that the shared columns of the scenarios
     * get one bound; NULL: the model's own market (or demand). */
    double *bound_demand;    /* [W*T] */
};

/* Allocate an empty model (all zero) owning a copy of file. */
be_model *be__model_alloc(const char *file);

/* A deep copy of the fields a was read with (everything above "derived"
 * in be_model), without its scenarios and without what be__model_finish
 * derives: change what you need, then call be__model_finish on it.  The
 * copy's notes are empty.  NULL when out of memory.  Free with
 * be_model_free.  model.c lists what a model owns once, for this copy and
 * for be_model_free, so that no new field slips past either. */
be_model *be__model_copy(const be_model *a);

/* Derive cohorts, discount factors and labels, and run the whole-model
 * checks.  Called by the loader once every field above "derived" is set
 * and locally valid.  Returns BE_OK or fills err (BE_EMODEL). */
be_code be__model_finish(be_model *m, be_error *err);

/* Fill err (may be NULL) with code, position and a printf-style message.
 * Always returns code, so callers can `return be__fail(...)`. */
be_code be__fail(be_error *err, be_code code, const char *file, be_pos pos,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* ---- The schema's keys (schema.c) ---- */

/* One table of schema 1: the keys of a mapping ("device", "fleetEntry",
 * named as in docs/breakeven.schema.json's definitions) or the words of a
 * choice ("horizon.period": definition, then property). */
typedef enum be__schema_kind { BE__SCHEMA_KEYS, BE__SCHEMA_WORDS } be__schema_kind;
typedef struct be__schema_section {
    const char *name;
    be__schema_kind kind;
    const char *const *words;
    size_t n_words;
} be__schema_section;

/* The tables the loader reads files with; *n gets their number.  Static
 * data (schema.c). */
const be__schema_section *be__schema_sections(size_t *n);
/* The table of that name, or NULL. */
const be__schema_section *be__schema_section_named(const char *name);

/* ---- The model's cost definitions (README "Semantics") ---- */

/* O&M per unit per year for a unit whose age at the start of the period is
 * `age` periods: the entry for the year of age it is in. */
double be__om_rate(const be_model *m, const be_device *d, int age);

/* Energy cost, undiscounted, of one unit in service during period t. */
double be__energy_cost(const be_model *m, const be_device *d, int t);

/* Value of one unit of cohort c sold at `age` periods (resale list
 * interpolated linearly between whole years, basis at age 0; or the
 * curve).  Undiscounted, before tax. */
double be__resale_value(const be_model *m, const be_cohort *c, int age);

/* Tax book value of one unit of cohort c at `age` periods:
 * basis * max(0, 1 - age_years / depreciation_years); 0 without finance. */
double be__book_value(const be_model *m, const be_cohort *c, int age);

/* The label of period t into buf: "2027", "2027-Q2", "2027-04" (t may
 * be T, the period after the horizon). */
void be__period_label(const be_model *m, int t, char buf[16]);

/* Period index of the cohort bought of device k in period t, or -1. */
int be__cohort_of(const be_model *m, int k, int t);

/* Derive the scenario tree of m (scenarios.c), once the loader has read
 * every scenario's model. */
be_code be__scenarios_finish(be_model *m, be_error *err);

/* Allocate n*size bytes, zeroed, or NULL on overflow or failure. */
/* 1 when evaluation e makes a replacement in period t: it retires units
 * before the end of their life and buys units (evaluate.c). */
int be__replacement_at(const be_eval *e, int t);

void *be__calloc(size_t n, size_t size);
/* Room for need elements of elem bytes in *a, whose capacity is *cap:
 * doubling from 64.  Returns 0 (leaving *a and *cap) on overflow or when
 * out of memory. */
int be__grow(void **a, size_t *cap, size_t need, size_t elem);
/* A copy of n elements of size bytes (at least one element allocated,
 * zeroed, when n is 0), or NULL when out of memory. */
void *be__dup(const void *src, size_t n, size_t size);
char *be__strdup(const char *s);

#endif /* BE_MODEL_H */
