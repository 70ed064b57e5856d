/*
 * breakeven.h -- the public interface of libbreakeven.
 *
 * breakeven reads a fleet model (device types, the fleet in place, demand,
 * energy, site limits, discounting, taxes), turns it into a linear or
 * mixed-integer program, solves it with GLPK, and returns the cheapest
 * buy / keep / retire schedule together with an independent evaluation of
 * that schedule.
 *
 * Conventions
 * - Every function that can fail returns a be_code (BE_OK == 0) and, when
 *   the caller passes a non-NULL be_error, fills it with the location and a
 *   one-line message.  The library never prints and never exits.
 * - Ownership: every object returned by a *_new, *_load_* or be_solve call
 *   belongs to the caller and is released with the matching *_free, which
 *   accepts NULL.  Strings returned by accessors belong to the object they
 *   came from and live as long as it does.
 * - Periods are numbered t = 0 .. periods-1; devices k = 0 .. devices-1 in
 *   file order; cohorts j = 0 .. cohorts-1 (see be_cohort_info).
 *   Per-period, per-device arrays are laid out row by period:
 *   a[t * devices + k].
 * - Money is in the model's currency, power in kW, throughput in the
 *   model's capacity units, time in years unless a name says periods.
 */
#ifndef BREAKEVEN_H
#define BREAKEVEN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BE_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

typedef enum be_code {
    BE_OK = 0,
    BE_EIO,      /* a file could not be read or written */
    BE_ESYNTAX,  /* the file is not well-formed YAML */
    BE_EMODEL,   /* well-formed, but not a valid model */
    BE_ELIMIT,   /* a size limit was exceeded (file, depth, model size) */
    BE_EARG,     /* an invalid argument or setting was passed */
    BE_ENOMEM,   /* out of memory */
    BE_ESOLVER   /* GLPK failed (not: infeasible, which is a status) */
} be_code;

/* Where and why an operation failed.  line and column are 1-based; 0 when
 * unknown.  file is the path given to the loader (or the name passed to
 * be_model_load_string). */
typedef struct be_error {
    be_code code;
    int line;
    int column;
    char file[256];
    char message[512];
} be_error;

/* A static, human-readable name for a code ("invalid model", ...). */
const char *be_strerror(be_code code);

/* ------------------------------------------------------------------ */
/* Models                                                              */
/* ------------------------------------------------------------------ */

typedef struct be_model be_model;

/* Limits applied while reading; be_load_options_init sets the defaults. */
typedef struct be_load_options {
    size_t max_bytes;   /* largest accepted file, default 16 MiB */
    int max_depth;      /* deepest accepted nesting, default 64 */
    /* Parameter overrides "PATH=VALUE", applied to the file's contents
     * before it is read as a model (the CLI's --set).  PATH names a value
     * with dots: mapping keys (energy.price, site.power_cap_kw), devices by
     * name (devices.new.price.growth), fleet entries and list items by
     * 1-based number (fleet.1.count, demand.3).  VALUE is read like a
     * plain YAML scalar in the file (a number, true/false, or text) and
     * replaces whatever was there, a list or mapping included; a missing
     * key is added, with the mappings on its way.  Default: none. */
    const char *const *overrides;
    int n_overrides;
} be_load_options;

void be_load_options_init(be_load_options *opt);

/* Read and validate a model.  opt may be NULL for the defaults.  Returns
 * NULL and fills err on failure. */
be_model *be_model_load_file(const char *path, const be_load_options *opt,
                             be_error *err);
/* The same from memory; name is used in error messages. */
be_model *be_model_load_string(const char *text, size_t len, const char *name,
                               const be_load_options *opt, be_error *err);
void be_model_free(be_model *m);

typedef enum be_period_kind { BE_YEAR, BE_QUARTER, BE_MONTH } be_period_kind;

const char *be_model_name(const be_model *m);
int be_model_periods(const be_model *m);
be_period_kind be_model_period_kind(const be_model *m);
double be_model_period_years(const be_model *m);      /* 1, 1/4, 1/12 */
const char *be_model_period_label(const be_model *m, int t);  /* "2026", "2026-Q3", "2026-07" */
int be_model_is_integer(const be_model *m);
int be_model_devices(const be_model *m);
const char *be_model_device_name(const be_model *m, int k);
int be_model_device_is_rented(const be_model *m, int k);
int be_model_device_can_buy(const be_model *m, int k, int t);
double be_model_device_throughput(const be_model *m, int k);
double be_model_device_power_kw(const be_model *m, int k);
double be_model_device_price(const be_model *m, int k, int t); /* 0 when not for sale */
double be_model_demand(const be_model *m, int t);
double be_model_power_cap(const be_model *m, int t);  /* +inf when none */
double be_model_budget(const be_model *m, int t);     /* +inf when none */
double be_model_discount(const be_model *m, int t);   /* d(t), t = 0 .. periods */
/* Find a device by name; -1 if there is none. */
int be_model_find_device(const be_model *m, const char *name);

/* A cohort is a group of units of one device that entered the fleet
 * together: one per entry of the initial fleet (fleet_entry >= 0, in file
 * order, first), then one per device and period in which it can be bought
 * (fleet_entry == -1).  Rented devices have no cohorts. */
typedef struct be_cohort_info {
    int device;
    int start;          /* first period in service */
    int age0;           /* age in periods at the start of period `start` */
    int end;            /* period at whose start the units must retire
                           (age == lifetime); may be >= periods */
    int fleet_entry;    /* index in the fleet list, or -1 if bought */
    double count;       /* initial fleet: units in place; bought: 0 */
    double basis;       /* purchase price of one unit */
} be_cohort_info;

int be_model_cohorts(const be_model *m);
void be_model_cohort(const be_model *m, int j, be_cohort_info *out);

/* ------------------------------------------------------------------ */
/* Plans and their evaluation                                          */
/* ------------------------------------------------------------------ */

/* A schedule: what is bought, rented and retired when.  Arrays are owned
 * by the plan, zero-filled by be_plan_new, and may be written directly.
 * Units reaching their lifetime are retired by the evaluator whether or not
 * the plan says so; retire may include them. */
typedef struct be_plan {
    int periods, devices, cohorts;
    int relaxed;     /* 1: fractional units are expected (an LP relaxation
                        of a whole-unit model); no integrality check */
    double *buy;     /* [periods*devices] units bought of device k in t */
    double *rent;    /* [periods*devices] units of rented device k in t */
    double *retire;  /* [periods*cohorts] units of cohort j retired at the
                        start of period t: retire[t*cohorts + j] */
} be_plan;

be_plan *be_plan_new(const be_model *m);
void be_plan_free(be_plan *p);

/* Net present cost by category, discounted to the start of period 0.
 * total = purchases + energy + om + rent + taxes - resale - salvage. */
typedef struct be_costs {
    double purchases;  /* purchase prices paid */
    double energy;     /* before tax */
    double om;         /* before tax */
    double rent;       /* before tax */
    double taxes;      /* net tax effect: -tau*(energy+om+rent) -
                          tau*depreciation + tau*(gains on sales) */
    double resale;     /* proceeds of units retired within the horizon */
    double salvage;    /* value of units still held at the end */
    double total;
} be_costs;

typedef enum be_violation {
    BE_FEASIBLE_PLAN = 0,
    BE_VIOLATES_DEMAND,     /* capacity below demand */
    BE_VIOLATES_POWER,      /* facility power above the cap */
    BE_VIOLATES_BUDGET,     /* purchases above the budget */
    BE_VIOLATES_HOLDINGS,   /* retires more units than held, or negative */
    BE_VIOLATES_AVAILABILITY, /* buys what is not for sale then */
    BE_VIOLATES_INTEGRALITY /* fractional units in a whole-unit model */
} be_violation;

/* The evaluation of a plan, computed from the model alone (no LP). */
typedef struct be_eval {
    int periods, devices;
    be_costs cost;            /* whole horizon */
    be_costs *period_cost;    /* [periods]: discounted, per period; salvage
                                 is booked in the last period */
    double *in_service;       /* [periods*devices] units in service
                                 (owned or rented) during t */
    double *bought;           /* [periods*devices] */
    double *retired;          /* [periods*devices] at the start of t,
                                 including forced retirements */
    double *capacity;         /* [periods] throughput in service */
    double *power_kw;         /* [periods] facility draw: power_kw*pue */
    double *spend;            /* [periods] purchase prices paid, nominal */
    double *held_at_end;      /* [devices] units held at the start of T */
    be_violation violation;   /* the first one found, by period */
    int violation_period;     /* -1 when feasible */
    int violation_device;     /* -1 when not about one device */
    double violation_amount;  /* by how much (units, kW or money) */
} be_eval;

/* Price a plan.  Fails (BE_EARG) only when the plan's shape does not match
 * the model; an infeasible plan is evaluated and flagged in `violation`. */
be_eval *be_evaluate(const be_model *m, const be_plan *p, be_error *err);
void be_eval_free(be_eval *e);
/* "demand", "power cap", ... */
const char *be_violation_name(be_violation v);

/* ------------------------------------------------------------------ */
/* Solving                                                             */
/* ------------------------------------------------------------------ */

/* GLPK's terminal output is passed here line by line (NULL: discarded). */
typedef void (*be_log_fn)(void *ctx, const char *text);

/* Where branch and bound stands, for progress displays. */
typedef struct be_progress {
    int have_plan;       /* an integer plan has been found */
    double best;         /* its net present cost (when have_plan) */
    double bound;        /* the best lower bound so far */
    double gap;          /* relative gap between them (when have_plan) */
    double seconds;      /* since the MIP search started */
    int open_nodes;      /* subproblems still to explore */
} be_progress;

/* Called during a MIP solve at most every quarter second and on every
 * better plan.  Must not call back into the library. */
typedef void (*be_progress_fn)(void *ctx, const be_progress *p);

typedef struct be_settings {
    int relax;           /* solve the LP relaxation of an integer model */
    double mip_gap;      /* relative gap at which branch and bound stops;
                            default 1e-6 */
    double time_limit;   /* seconds, 0 = none */
    be_log_fn log;       /* receives GLPK's output; default NULL */
    void *log_ctx;
    int duals;           /* also compute shadow prices (be_solution's
                            *_price arrays); default 0 */
    be_progress_fn progress; /* MIP progress reports; default NULL */
    void *progress_ctx;
} be_settings;

void be_settings_init(be_settings *s);

typedef enum be_status {
    BE_OPTIMAL = 0,      /* proven optimal (within mip_gap) */
    BE_TIME_LIMIT_PLAN,  /* stopped at the time limit with a plan */
    BE_INFEASIBLE,       /* no plan meets the constraints */
    BE_UNBOUNDED,        /* the cost has no lower bound */
    BE_NO_PLAN           /* stopped at the time limit before any plan */
} be_status;

const char *be_status_name(be_status s);

typedef struct be_stats {
    int rows, cols, nonzeros, integer_cols;
    double parse_seconds;   /* filled by callers who time the loading */
    double build_seconds;
    double solve_seconds;
    double evaluate_seconds;
    int simplex_iterations; /* -1 when GLPK does not report it */
} be_stats;

typedef struct be_solution {
    be_status status;
    int integer;         /* 1 when solved as a MIP */
    double objective;    /* GLPK's objective value */
    double bound;        /* best bound (MIP); == objective for an LP */
    double gap;          /* relative gap |objective-bound|/|objective| */
    be_plan *plan;       /* NULL when there is no plan */
    be_eval *eval;       /* evaluation of plan, NULL when none */
    /* Shadow prices, when be_settings.duals was set and a plan was found:
     * the change in net present cost per unit of each right-hand side in
     * period t, [periods] each, NULL otherwise.  demand_price: cost of one
     * more unit of demand (>= 0); power_price: saving from one more kW of
     * site power cap (>= 0); budget_price: saving from one more unit of
     * budget (>= 0).  0 where the constraint is absent or slack.  For a
     * MIP they are those of the LP with the integer columns fixed at the
     * optimum (duals_fixed == 1). */
    double *demand_price, *power_price, *budget_price;
    int duals_fixed;
    char reason[320];    /* infeasible or unbounded: which constraint in
                            which period, when a simple bound shows it;
                            "" otherwise */
    be_stats stats;
} be_solution;

/* Build the program for m and solve it.  s may be NULL for the defaults.
 * Returns NULL with err filled on a solver failure or invalid settings;
 * infeasible and unbounded models return a solution with that status. */
be_solution *be_solve(const be_model *m, const be_settings *s, be_error *err);
void be_solution_free(be_solution *sol);

/* Release GLPK's per-thread environment (memory GLPK keeps between
 * solves).  Optional; call before a thread or the program ends. */
void be_cleanup(void);

typedef enum be_program_format {
    BE_FORMAT_LP,        /* CPLEX LP */
    BE_FORMAT_MPS        /* free MPS */
} be_program_format;

/* Write the program GLPK sees to path, through GLPK's writers (which
 * spell '[' ']' as '(' ')' and '-' as '~' in LP names).  The program has
 * no constant term, so a solver reading the file reaches the same
 * objective.  s may be NULL; s->relax writes the relaxation. */
be_code be_write_program(const be_model *m, const be_settings *s,
                         be_program_format format, const char *path,
                         be_error *err);

#ifdef __cplusplus
}
#endif
#endif /* BREAKEVEN_H */
