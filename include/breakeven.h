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

/* "Did you mean": the one of the n candidates closest to word, as the
 * model loader chooses it for a mistyped key or device (Levenshtein
 * distance at most 2, or a third of the longer name, and not a complete
 * rewrite; or a candidate that a word of four or more characters begins).
 * Returns that candidate itself (not a copy), or NULL when none is close
 * or a name is longer than 64 characters. */
const char *be_suggest(const char *word, const char *const *candidates,
                       size_t n);

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
/* The `description` text, "" when none.  Unlike the name it may hold line
 * breaks ('\n') and tabs; a trailing line break of a block is dropped. */
const char *be_model_description(const be_model *m);
/* Notes from reading: values accepted but read as slightly other than
 * written (in a monthly model `age: 0.08` is read as 1 month, 0.0833
 * years).  Returns how many are kept, i = 0 .. that - 1 for be_model_note
 * (code BE_OK, file, line, column and message as for errors; owned by the
 * model, NULL for a bad i); *left_out (may be NULL) gets how many more
 * were not kept. */
int be_model_notes(const be_model *m, int *left_out);
const be_error *be_model_note(const be_model *m, int i);
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
/* Revenue (`revenue`, docs/returns.md): 1 when the model sells its work.
 * be_model_price is revenue.price(t), money per unit of throughput for a
 * year of work sold (0 without revenue); be_model_market is market(t),
 * the most work that can be sold in t (demand(t) without a market). */
int be_model_has_revenue(const be_model *m);
int be_model_has_market(const be_model *m);
double be_model_price(const be_model *m, int t);
double be_model_market(const be_model *m, int t);
/* Find a device by name; -1 if there is none. */
int be_model_find_device(const be_model *m, const char *name);
/* Workloads (`workloads`, docs/workloads.md): work with its own demand
 * and price.  A model without `workloads` has one, named "work", whose
 * demand is the top-level demand; be_model_has_workloads says which.
 * be_model_demand(m, t) is the demand over every workload;
 * be_model_price and be_model_market are those of workload 0 (the only
 * one without `workloads`).  be_model_device_serves is the throughput of
 * one unit of device k for workload w, 0 when it cannot serve it;
 * be_model_device_throughput the largest of them. */
int be_model_has_workloads(const be_model *m);
int be_model_workloads(const be_model *m);
const char *be_model_workload_name(const be_model *m, int w);
int be_model_find_workload(const be_model *m, const char *name);
double be_model_workload_demand(const be_model *m, int w, int t);
double be_model_workload_price(const be_model *m, int w, int t);
double be_model_workload_market(const be_model *m, int w, int t);
int be_model_workload_has_revenue(const be_model *m, int w);
int be_model_workload_has_market(const be_model *m, int w);
double be_model_device_serves(const be_model *m, int k, int w);

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

/* A schedule: what is bought, rented and retired when, how much work is
 * sold, and which workload each unit serves.  Arrays are owned by the
 * plan, zero-filled by be_plan_new, and may be written directly.  Units
 * reaching their lifetime are retired by the evaluator whether or not the
 * plan says so; retire may include them.  sell is the work sold beyond
 * the demand (a model with a `revenue` market): served(w,t) = demand(w,t)
 * + sell, which the capacity given to w must cover and which may not pass
 * market(w,t); 0 everywhere serves the demand alone.
 *
 * Workloads (docs/workloads.md; one in a model without `workloads`):
 * share says how many units of a device serve each workload in a period.
 * A device that serves one workload gives it all its units in service,
 * whatever share says; for the others the shares must add up to at most
 * the units in service.  be_plan_split fills them for a plan's holdings. */
typedef struct be_plan {
    int periods, devices, cohorts;
    int workloads;   /* the model's, >= 1 */
    int relaxed;     /* 1: fractional units are expected (an LP relaxation
                        of a whole-unit model); no integrality check */
    double *buy;     /* [periods*devices] units bought of device k in t */
    double *rent;    /* [periods*devices] units of rented device k in t */
    double *retire;  /* [periods*cohorts] units of cohort j retired at the
                        start of period t: retire[t*cohorts + j] */
    double *sell;    /* [periods*workloads] work of workload w sold beyond
                        its demand in t: sell[t*workloads + w], >= 0 */
    double *share;   /* [periods*devices*workloads] units of device k
                        serving workload w in t (continuous even with whole
                        units): share[(t*devices + k)*workloads + w] */
} be_plan;

be_plan *be_plan_new(const be_model *m);
void be_plan_free(be_plan *p);
/* Set the shares and the sales of plan p from its holdings, period by
 * period: the split that meets every workload's demand and sells what is
 * left where it is worth most (what the LP would do with the same
 * units).  Returns BE_OK (a period whose demand no split meets keeps the
 * split of least shortfall, which the evaluator then flags), BE_EARG for a
 * plan of another shape, BE_ENOMEM. */
be_code be_plan_split(const be_model *m, be_plan *p, be_error *err);

/* Net present cost by category, discounted to the start of period 0.
 * total = purchases + energy + om + rent + taxes - resale - salvage
 *         - revenue.
 * Revenue is money coming in, so it counts against the cost: with
 * `revenue` in the model, -total is the plan's net present value. */
typedef struct be_costs {
    double purchases;  /* purchase prices paid */
    double energy;     /* before tax */
    double om;         /* before tax */
    double rent;       /* before tax */
    double taxes;      /* net tax effect: -tau*(energy+om+rent) -
                          tau*depreciation + tau*(gains on sales) */
    double resale;     /* proceeds of units retired within the horizon */
    double salvage;    /* value of units still held at the end */
    double revenue;    /* price(t) dt served(t), before tax (the tax on it,
                          tau*revenue, is in taxes); 0 without revenue */
    double total;
} be_costs;

typedef enum be_violation {
    BE_FEASIBLE_PLAN = 0,
    BE_VIOLATES_DEMAND,     /* capacity below demand */
    BE_VIOLATES_POWER,      /* facility power above the cap */
    BE_VIOLATES_BUDGET,     /* purchases above the budget */
    BE_VIOLATES_HOLDINGS,   /* retires more units than held, or negative */
    BE_VIOLATES_AVAILABILITY, /* buys what is not for sale then */
    BE_VIOLATES_INTEGRALITY, /* fractional units in a whole-unit model */
    BE_VIOLATES_MARKET,     /* sells less than 0 or more than the market
                               leaves beyond demand (or sells where the
                               model has no market) */
    BE_VIOLATES_SHARES      /* a device's shares are negative, go to a
                               workload it cannot serve, or add up to more
                               units than it has in service */
} be_violation;

/* The evaluation of a plan, computed from the model alone (no LP). */
typedef struct be_eval {
    int periods, devices, workloads;
    be_costs cost;            /* whole horizon */
    be_costs *period_cost;    /* [periods]: discounted, per period; salvage
                                 is booked in the last period */
    double *in_service;       /* [periods*devices] units in service
                                 (owned or rented) during t */
    double *bought;           /* [periods*devices] */
    double *retired;          /* [periods*devices] at the start of t,
                                 including forced retirements */
    double *capacity;         /* [periods] throughput in service, over
                                 every workload */
    double *workload_capacity;/* [periods*workloads] the capacity given to
                                 workload w in t ([t*workloads + w]) */
    double *share;            /* [periods*devices*workloads] units of k
                                 serving w in t, as the plan's share (all
                                 units for a device that serves one) */
    double *power_kw;         /* [periods] facility draw: power_kw*pue */
    double *spend;            /* [periods] purchase prices paid, nominal */
    double *held_at_end;      /* [devices] units held at the start of T */
    be_violation violation;   /* the first one found, by period */
    int violation_period;     /* -1 when feasible */
    int violation_device;     /* -1 when not about one device */
    int violation_workload;   /* -1 when not about one workload (demand,
                                 market and shares with workloads) */
    double violation_amount;  /* by how much (units, kW or money) */
    /* retired = retired_early + end_of_life, per device and period: */
    double *retired_early;    /* [periods*devices] retired at the start of
                                 t before the end of their life (the
                                 plan's decision) */
    double *end_of_life;      /* [periods*devices] reaching the end of their
                                 life at the start of t */
    int first_replacement;    /* the first period that both retires units
                                 before the end of their life and buys
                                 units (a replacement, docs/plans.md);
                                 -1 when there is none */
    /* Work and money (docs/returns.md), for every model: */
    double *served;           /* [periods*workloads] work of w served in
                                 t: demand + sell ([t*workloads + w]) */
    double work;              /* sum dt served(t) d(t): the discounted
                                 throughput-years served */
    double net_present_cost;  /* the plan's cost without its revenue and
                                 the tax on it: cost.total + (1 - tau)
                                 cost.revenue (= cost.total without
                                 revenue) */
    double net_present_value; /* -cost.total */
    double levelized_cost;    /* net_present_cost / ((1 - tau) work): the
                                 constant price of compute at which the
                                 plan breaks even, per unit of throughput
                                 for a year; NAN when work is 0 */
} be_eval;

/* Unit counts at or below BE_UNIT_TOL are the solver's rounding noise:
 * every "does the plan buy, retire or rent here" asks count > BE_UNIT_TOL.
 * Two costs are the same when they differ by at most BE_COST_TOL times
 * max(1, |reference|) (the solver's default relative gap). */
#define BE_UNIT_TOL 1e-6
#define BE_COST_TOL 1e-6

/* Price a plan.  Fails (BE_EARG) only when the plan's shape does not match
 * the model; an infeasible plan is evaluated and flagged in `violation`. */
be_eval *be_evaluate(const be_model *m, const be_plan *p, be_error *err);
void be_eval_free(be_eval *e);
/* "demand", "power cap", ... */
const char *be_violation_name(be_violation v);

/* The actions of period t of an evaluated plan, in words, in this order:
 * "3 old units reach end of life, retire 11 old units and 1 mid unit, buy
 * 6 new units, rent 2 cloud units, stop renting gpu-cloud" (each verb
 * once, a count named as units), at most size bytes (cut short when
 * longer).  With workloads, moves come after the retirements ("move 6 old
 * units from training to inference": the fewest units that take the
 * shares of t-1 to those of t) and a purchase names its workload when it
 * serves one ("buy 3 new units for training").  The one wording of a period for every report.  Returns the
 * number of actions (one per device and verb); 0 (and "") when nothing
 * happens. */
int be_describe_period(const be_model *m, const be_eval *e, int t, char *buf,
                       size_t size);

/* The shortest "%.*g" form of v that reads back as v ("0" for -0; "nan",
 * "inf", "-inf" when not finite).  Returns buf. */
char *be_format_number(double v, char *buf, size_t size);
/* A count of units: whole numbers without decimals ("12"), else three
 * ("0.500").  Returns buf. */
char *be_format_units(double v, char *buf, size_t size);

/* Read the whole file at path in binary mode, at most max_bytes.  Returns
 * a buffer (free() it; one NUL byte after the len bytes), or NULL with err
 * filled: BE_EIO (cannot open or read), BE_ELIMIT (larger than max_bytes),
 * BE_ENOMEM. */
char *be_read_file(const char *path, size_t max_bytes, size_t *len,
                   be_error *err);

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

/* A simplex basis kept from one solve to the next (a warm start).  Give
 * the same be_basis to a sequence of LP solves (relaxed, or models with
 * integer: false) that differ only in their numbers (the same program
 * shape: rows and columns), as a parameter scan does: each starts from the
 * previous solve's final basis and leaves its own there.  A basis that
 * does not fit (another shape) or that GLPK rejects is ignored and the
 * solve starts cold.  Whole-unit (MIP) solves ignore it: without GLPK's
 * MIP presolve, which a warm root would need, they were slower.  be_basis_new returns NULL when out of
 * memory; be_basis_free accepts NULL. */
typedef struct be_basis be_basis;
be_basis *be_basis_new(void);
void be_basis_free(be_basis *b);
/* A basis as bytes, to hand it to another process (sweep's children).
 * be_basis_encode writes at most size bytes to buf and returns the number
 * needed (0 for an empty basis); be_basis_decode replaces b's contents and
 * returns BE_OK, or BE_EARG (b unchanged) when the bytes are not a basis. */
size_t be_basis_encode(const be_basis *b, unsigned char *buf, size_t size);
be_code be_basis_decode(be_basis *b, const unsigned char *buf, size_t n);

/* The time limit of a whole-unit solve when be_settings.time_limit is 0:
 * branch and bound on a large fleet can run for hours, and the plan it
 * has after a minute is rarely improved by much (README "Whole units"). */
#define BE_DEFAULT_MIP_SECONDS 60.0

typedef struct be_settings {
    int relax;           /* solve the LP relaxation of an integer model */
    double mip_gap;      /* relative gap at which branch and bound stops;
                            default 1e-6 */
    double time_limit;   /* seconds; 0 (the default) means
                            BE_DEFAULT_MIP_SECONDS for a whole-unit solve
                            and no limit for an LP; INFINITY: no limit */
    be_log_fn log;       /* receives GLPK's output; default NULL */
    void *log_ctx;
    int duals;           /* also compute shadow prices (be_solution's
                            *_price arrays); default 0 */
    be_progress_fn progress; /* MIP progress reports; default NULL */
    void *progress_ctx;
    be_basis *basis;     /* warm start (see be_basis); default NULL */
    int jobs;            /* threads for the solves of a model with
                            scenarios that do not depend on each other:
                            each scenario's own program, in
                            be_uncertainty_analyze (wait-and-see) and
                            for a whole-unit model whose stochastic
                            program has more than 8,000 whole-unit
                            columns (docs/engine.md "Scenarios"); with a
                            log function, be_uncertainty_analyze solves
                            them one at a time; default the number
                            of online CPUs, at least 1; 1: no threads.
                            The answers are the same for every value
                            when no solve stops at its time limit.  The
                            log function may then be called from several
                            threads, one call at a time; progress reports
                            come from the calling thread only */
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

/* Which proven lower bound be_solution.bound is (docs/uncertainty.md,
 * "Whole units and time limits"). */
typedef enum be_bound_source {
    BE_BOUND_NONE = 0,   /* none is known (no plan, or the search stopped
                            before it had one) */
    BE_BOUND_SEARCH,     /* the program's own: its LP relaxation and
                            branch and bound (an LP: its optimum) */
    BE_BOUND_SCENARIOS   /* a model with scenarios: the probability-
                            weighted sum of each scenario's own proven
                            bound (wait-and-see), when larger */
} be_bound_source;

/* "none", "search", "scenarios" (the words of solve's JSON). */
const char *be_bound_source_name(be_bound_source b);

typedef struct be_stats {
    int rows, cols, nonzeros, integer_cols;
    double parse_seconds;   /* filled by callers who time the loading */
    double build_seconds;
    double solve_seconds;
    double evaluate_seconds;
    int simplex_iterations; /* -1 when GLPK does not report it */
    int warm_started;       /* 1: started from be_settings.basis */
    /* Whole-unit solves (MIP) only: */
    double time_limit;      /* the limit in force, seconds (INFINITY:
                               none) */
    double first_plan_seconds; /* from the start of the solve to the first
                               whole-unit plan; -1 when none was found */
    double heuristic_seconds;  /* spent finding the heuristic's plan */
    double heuristic_cost;     /* that plan's cost, NAN when it found none
                               (the answer is the cheaper of it and
                               branch and bound's) */
    /* A whole-unit model with scenarios (docs/engine.md "Scenarios"): */
    double scenario_bound;     /* sum_s p_s (scenario s's own proven lower
                               bound): a lower bound of the objective;
                               -INFINITY when some scenario had none, NAN
                               when not computed */
    double scenario_seconds;   /* spent on the scenarios' own programs
                               (their solves, and the plan assembled from
                               them); 0 when none */
    double scenario_plan_cost; /* the objective of the plan assembled from
                               the scenarios' programs (the search's
                               starting plan), NAN when none */
} be_stats;

typedef struct be_solution {
    be_status status;
    int integer;         /* 1 when solved as a MIP */
    double objective;    /* GLPK's objective value */
    double bound;        /* a proven lower bound on the cost of every
                            plan (MIP; -INFINITY when none is known yet);
                            == objective for an LP */
    double gap;          /* relative gap |objective-bound| / max(1, |objective|) */
    be_bound_source bound_source; /* which bound `bound` is */
    be_plan *plan;       /* NULL when there is no plan */
    be_eval *eval;       /* evaluation of plan, NULL when none */
    /* Shadow prices, when be_settings.duals was set and a plan was found:
     * the change in net present cost per unit of each right-hand side in
     * period t, [periods] each, NULL otherwise.  demand_price: cost of one
     * more unit of demand (>= 0); power_price: saving from one more kW of
     * site power cap (>= 0); budget_price: saving from one more unit of
     * budget (>= 0).  0 where the constraint is absent or slack.  For a
     * MIP they are those of the LP with the integer columns fixed at the
     * optimum (duals_fixed == 1).  With workloads, demand_price is
     * [periods*workloads], workload w's at [t*workloads + w]. */
    double *demand_price, *power_price, *budget_price;
    int duals_fixed;
    char reason[320];    /* infeasible: the text of be_diagnose's first
                            demand line that a simple bound words (the
                            fleet, the power cap or the budgets, taken one
                            at a time, fall short of demand), found
                            without a solve; "" when no simple bound shows
                            it, and for every other status */
    be_stats stats;
    /* A model with scenarios (be_model_scenarios > 0) is solved as one
     * stochastic program (docs/uncertainty.md): there is a plan per
     * scenario, so plan and eval above are NULL and the shadow prices are
     * not computed.  When there is a plan (status BE_OPTIMAL or
     * BE_TIME_LIMIT_PLAN): scenario_plan[s] is scenario s's plan (the
     * shared decisions are equal in the plans that share them) and
     * scenario_eval[s] its price on scenario s's model alone;
     * expected_cost = sum_s p_s * scenario_eval[s]->cost.total; cvar is the
     * CVaR at risk.cvar_alpha of those costs (NAN without `risk`).
     * objective = (1 - weight) * expected_cost + weight * cvar with risk,
     * = expected_cost without, and bound bounds it.  Otherwise the arrays
     * are NULL.  scenarios is 0 for a model without scenarios. */
    int scenarios;
    be_plan **scenario_plan;    /* [scenarios] */
    be_eval **scenario_eval;    /* [scenarios] */
    double expected_cost;
    double cvar;
} be_solution;

/* Build the program for m and solve it.  s may be NULL for the defaults.
 * Returns NULL with err filled on a solver failure or invalid settings;
 * infeasible and unbounded models return a solution with that status. */
be_solution *be_solve(const be_model *m, const be_settings *s, be_error *err);
void be_solution_free(be_solution *sol);

/* ------------------------------------------------------------------ */
/* Uncertainty: scenarios and what they are worth (docs/uncertainty.md) */
/* ------------------------------------------------------------------ */

/* A model may list scenarios: the model with some values changed (paths
 * as in be_load_options.overrides), each with a probability.  The
 * scenarios share the decisions of period t when every datum known by the
 * start of t is the same in both (the information rule of
 * docs/uncertainty.md); that makes a tree of nodes: node n holds the
 * scenarios that share the decisions of its period.  Without scenarios
 * be_model_scenarios returns 0 and the other functions below return 0,
 * NULL or -1. */
int be_model_scenarios(const be_model *m);
const char *be_model_scenario_name(const be_model *m, int s);
double be_model_scenario_probability(const be_model *m, int s);
/* Scenario s as a model of its own, without scenarios (owned by m): every
 * be_model_* accessor, be_solve and be_evaluate work on it. */
const be_model *be_model_scenario(const be_model *m, int s);
/* The first period in which scenarios a and b may take other decisions
 * (they share those of every period before it): 0 when they differ from
 * the start, be_model_periods(m) when they never do. */
int be_model_scenarios_part(const be_model *m, int a, int b);
/* The first period in which some two scenarios part (the tree's first
 * branch); be_model_periods(m) when none do. */
int be_model_first_branch(const be_model *m);
/* Nodes of the tree, numbered by period, then by first scenario: node n
 * is in period be_model_node_period(m, n), holds the scenarios s with
 * be_model_scenario_node(m, s, t) == n, the first of which is
 * be_model_node_first(m, n); be_model_node_parent is the node of the
 * period before (-1 in period 0). */
int be_model_nodes(const be_model *m);
int be_model_scenario_node(const be_model *m, int s, int t);
int be_model_node_period(const be_model *m, int n);
int be_model_node_parent(const be_model *m, int n);
int be_model_node_first(const be_model *m, int n);
/* 1 when the model sets `risk` (then *alpha and *weight, which may be
 * NULL, get cvar_alpha and weight), else 0. */
int be_model_risk(const be_model *m, double *alpha, double *weight);

/* CVaR_alpha of n costs with probabilities p (summing to 1): the mean of
 * the worst 1 - alpha of probability mass, alpha in [0, 1) (alpha 0 is the
 * mean).  Computed by sorting, independently of any program. */
double be_cvar(int n, const double *cost, const double *p, double alpha);

/* The figures of docs/uncertainty.md for a model with scenarios.  Each
 * optimum comes with the status of its solve and a proven lower bound
 * (for whole units, solves can stop at the time limit: then a figure is
 * the cost of the best plan found, and the *_bound fields say how far
 * from the optimum it can be). */
typedef struct be_uncertainty {
    int scenarios;
    be_solution *rp;         /* the stochastic program's solution */
    double rp_cost;          /* RP: its expected cost (NAN: no plan) */
    double *own;             /* [scenarios] each scenario's own optimum
                                (NAN: none) */
    double *own_bound;       /* [scenarios] lower bounds on them */
    be_status *own_status;   /* [scenarios] */
    double ws, ws_bound;     /* WS = sum p_s own[s], and sum p_s bound */
    double evpi;             /* RP - WS */
    /* The mean-value model and EEV: mean_status is the status of the
     * mean-value model's solve; eev_status that of the stochastic program
     * with its decisions before the first branch fixed. */
    be_status mean_status;
    double mean_cost;        /* the mean-value model's own optimum */
    be_status eev_status;
    double eev;              /* INFINITY: some scenario has no feasible
                                continuation (eev_reason says which and
                                why); NAN: not computed (eev_reason) */
    double vss;              /* EEV - RP */
    char eev_reason[320];
    double *plan_cost;       /* [scenarios] the stochastic plan's cost in
                                each scenario */
    double *regret;          /* [scenarios] plan_cost - own */
    int worst;               /* the scenario of the highest plan_cost */
    double cvar;             /* CVaR_alpha of plan_cost (NAN without risk) */
    int proven;              /* 1: every solve proven optimal (within
                                mip_gap), so the figures are exact */
} be_uncertainty;

/* Solve the stochastic program, every scenario on its own, the mean-value
 * model and the EEV program, with settings s (may be NULL; the time limit
 * applies to each solve).  Fails with BE_EARG for a model without
 * scenarios.  The result belongs to the caller: be_uncertainty_free. */
be_uncertainty *be_uncertainty_analyze(const be_model *m, const be_settings *s,
                                       be_error *err);
void be_uncertainty_free(be_uncertainty *u);

/* The rolling policy a planner follows (docs/uncertainty.md,
 * "Re-planning"): at each node of the tree, the mean-value model of the
 * scenarios still possible there, solved from the state the decisions so
 * far have reached (those decisions fixed), decides that node's period;
 * each scenario's plan is then priced by the evaluator.  One solve per
 * node, each with settings s (may be NULL).  cost is RH = sum_s p_s
 * scenario_cost[s] >= RP; INFINITY when the policy's plan breaks a
 * constraint in some scenario or a node's model has no plan, NAN when a
 * node's mean-value model cannot be made or a solve stopped without a
 * plan (reason says which and where).  Fails (BE_EARG) without
 * scenarios.  Free with be_rolling_free. */
typedef struct be_rolling {
    int scenarios;
    double cost;             /* RH, the policy's expected cost */
    double *scenario_cost;   /* [scenarios] */
    be_plan **plan;          /* [scenarios] the policy's plan in each */
    int solves;              /* nodes solved */
    int proven;              /* 1: every solve proven optimal */
    char reason[320];        /* why cost is not finite; "" when it is */
} be_rolling;

be_rolling *be_rolling_policy(const be_model *m, const be_settings *s,
                              be_error *err);
void be_rolling_free(be_rolling *r);

/* The mean-value model of a model with scenarios (docs/uncertainty.md):
 * every value that differs between scenarios replaced by its
 * probability-weighted mean, period by period; a device on sale in a
 * period when the probability that it is on sale then is at least 1/2, at
 * the mean of its price over the scenarios in which it is.  A model of
 * its own (free with be_model_free).  Fails (BE_EMODEL) when no such
 * model can be made (err says why). */
be_model *be_model_mean_value(const be_model *m, be_error *err);

/* Release GLPK's per-thread environment (memory GLPK keeps between
 * solves).  Optional; call before a thread or the program ends. */
void be_cleanup(void);

typedef enum be_program_format {
    BE_FORMAT_LP,        /* CPLEX LP */
    BE_FORMAT_MPS        /* free MPS */
} be_program_format;

/* Write the program GLPK sees to path, through GLPK's writers (which
 * spell '[' ']' as '(' ')' and '-' as '~' in LP names).  A solver reading
 * the file reaches be_solve's objective.  In a model with `revenue` the
 * revenue of the demand, which no decision changes, is a constant of the
 * objective; GLPK's writers drop constants, so the file carries it as a
 * column demand_revenue fixed at 1.  s may be NULL; s->relax writes the
 * relaxation. */
be_code be_write_program(const be_model *m, const be_settings *s,
                         be_program_format format, const char *path,
                         be_error *err);


/* ------------------------------------------------------------------ */
/* Break-even answers: economic life, defender vs challenger,          */
/* thresholds (docs/breakeven-answers.md)                              */
/* ------------------------------------------------------------------ */

/* The equivalent annual cost (EAC) of owning one unit of an owned,
 * buyable device k bought at the start of period c and sold at the start
 * of period c + a, for every holding a = 1 .. lifetime (in periods), and
 * its economic life (the holding with the lowest EAC).  Cash flows are
 * those of the model (docs/schema.md "Cash flows of one unit"): price,
 * O&M, energy, depreciation tax saving, resale after tax on the gain,
 * each at the start of its period.  With v = (1+r)^(-dt):
 *
 *   npv[a-1] = price(c) + sum_{i<a} [(1-tau)(om(i) dt + E(c+i))
 *                         - tau (B(i) - B(i+1))] v^i  - S(a) v^a
 *   S(a)     = R(a) - tau (R(a) - B(a))       (after-tax resale)
 *   eac[a-1] = npv[a-1] * crf(a) / dt,  crf(a) = (1 - v) / (1 - v^a)
 *              (= 1/a when r = 0)
 *
 * npv is valued at the start of period c (money of period c); crf is the
 * capital recovery factor of a level payment at the start of each of the
 * a periods, so eac is the level cost per year that has the same present
 * value as the cycle.  Periods past the horizon use the last period's
 * energy price.  The end_of_horizon rule is not used: the unit is sold at
 * the end of each holding. */
typedef struct be_life {
    int device, purchase;  /* k and c */
    int ages;              /* holdings evaluated: 1 .. ages periods */
    int horizon_ages;      /* holdings sold within the horizon
                              (c + a <= periods); later ones use the last
                              period's energy price */
    double *npv;           /* [ages] */
    double *eac;           /* [ages] per year */
    int best;              /* the economic life, in periods (1-based) */
    double best_eac;       /* eac[best-1] */
    double throughput;     /* of the device, for per-throughput figures */
} be_life;

/* Fails with BE_EARG when k is out of range, rented, or cannot be bought
 * in period c.  The result belongs to the caller: be_life_free. */
be_life *be_economic_life(const be_model *m, int k, int c, be_error *err);
void be_life_free(be_life *l);

/* Defender vs challenger: one unit of the initial fleet entry f (the
 * defender, device kd, age a0 at the start of period 0) against buying
 * device kc (the challenger).  For each period t = 0 .. n-1 in which the
 * defender can still be in service (a0 + t below its lifetime, t below the
 * horizon), in money of period t, per year and per unit of throughput:
 *
 *   defender[t]   = [ S(a) - S(a+1) v + (1-tau)(om(a) dt + E(t))
 *                     - tau (B(a) - B(a+1)) ] / dt / throughput(kd)
 *                   with a = a0 + t: the marginal cost of keeping the
 *                   unit through period t instead of selling it at its
 *                   start (running cost plus the loss of resale value);
 *   challenger[t] = lowest EAC of kc bought in t / throughput(kc), NaN
 *                   when kc is not for sale in t.
 *
 * first_win is the first t with challenger[t] < defender[t], -1 if none:
 * from then on a new unit's throughput costs less a year than keeping the
 * old one's.  With workloads the throughputs are those of one workload,
 * `workload`: the one where the defender is best against the challenger
 * (the largest throughput(kd,w) / throughput(kc,w)), the work an old unit
 * would be kept for; -2 when they serve none in common (challenger NaN
 * throughout); -1 in a model without workloads.  Fails with BE_EARG on a bad index or a challenger that
 * cannot be bought at all. */
typedef struct be_challenge {
    int fleet_entry, defender, challenger;
    int periods;            /* n */
    double *defender_cost;  /* [n] */
    double *challenger_cost;/* [n] */
    int *challenger_life;   /* [n] economic life of kc bought in t, in
                               periods; 0 when not for sale */
    int first_win;
    int workload;           /* compared on (see above); -1, -2 */
} be_challenge;

be_challenge *be_defender_challenger(const be_model *m, int fleet_entry,
                                     int challenger, be_error *err);
void be_challenge_free(be_challenge *c);

/* Thresholds: the values of one parameter at which the optimal plan
 * changes.  The model text is loaded again for every value with the
 * override "param=VALUE" after the caller's own overrides (load->
 * overrides), and solved with `solve`.  A grid of `grid` evenly spaced
 * values over [lo, hi] is solved first; every neighbouring pair whose
 * outcomes differ is bisected until the two values are at most tol apart.
 * Two outcomes are the same when both are plans with the same buy, rent
 * and retire numbers (each to 1e-6, relative above 1), or both have no
 * plan for the same reason (status, or the model rejected at that value).
 * A change that appears and disappears between two grid values is not
 * seen.  Each value is a fresh load of the model; its solve starts from
 * the previous solve's basis when the program has the same shape (see
 * be_basis; o->cold turns that off).  Breakpoints are found by bisection
 * to the tolerance, except for an LP whose parameter enters only the
 * objective, and linearly (checked by building the program at lo, mid and
 * hi): each plan's cost is then a line in the parameter, and a breakpoint
 * is exactly where two plans' lines cross (parametric cost ranging done
 * with solves; a third plan better at the crossing splits the interval). */
typedef struct be_threshold_options {
    const char *param;      /* PATH as in be_load_options.overrides */
    double lo, hi;          /* lo < hi */
    double tol;             /* > 0; 0 means (hi - lo) * 1e-4 */
    int grid;               /* >= 2; 0 means 17 */
    be_settings solve;      /* for every solve; time_limit 0 means 30 s */
    const be_load_options *load;  /* may be NULL */
    int cold;               /* 1: every solve from scratch; default 0: each
                               starts from the previous basis (be_basis) */
    int max_solves;         /* >= 0; 0 means 1000.  The grid is always
                               solved; narrowing the changes stops when the
                               solves reach this number (be_threshold
                               .capped), leaving wider intervals */
} be_threshold_options;

/* How the change between a sample and the next one was found. */
typedef enum be_break_method {
    BE_BREAK_NONE = 0,      /* no change: the next sample has the same
                               outcome (or this is the last sample) */
    BE_BREAK_EXACT,         /* where two plans' cost lines cross (exact
                               mode): one of the two values is the crossing,
                               confirmed by solves at it and just past it */
    BE_BREAK_BISECTED,      /* bisected: the two values are at most tol
                               apart */
    BE_BREAK_OPEN           /* not narrowed to tol (the solve cap was
                               reached): at least one change lies between
                               the two values, maybe several, and plans
                               not seen */
} be_break_method;

void be_threshold_options_init(be_threshold_options *o);

typedef struct be_threshold_sample {
    double value;
    int loaded;             /* 0: the model was rejected at this value */
    be_status status;       /* when loaded */
    double cost;            /* evaluated net present cost; NaN: no plan */
    be_plan *plan;          /* NULL when there is no plan */
    int first_replacement;  /* be_eval's first_replacement of the plan; -1
                               when none or no plan */
    int outcome;            /* samples with equal outcomes share it */
    int crossing;           /* 1: this value is where two plans' cost lines
                               cross, an exact breakpoint */
    be_break_method next_break;  /* the change between this sample and the
                               next (by value) */
    char message[512];      /* why the model was rejected, when !loaded */
} be_threshold_sample;

typedef struct be_threshold {
    int n;                        /* samples, sorted by value */
    be_threshold_sample *samples;
    int solves;                   /* models loaded and solved */
    int warm_starts;              /* solves started from the previous
                                     solve's basis */
    long iterations;              /* simplex iterations, all solves */
    int exact_mode;               /* 1: the parameter enters only the
                                     objective, linearly (LP or MIP): each
                                     fixed plan's cost is a line in it, and
                                     breakpoints are where two lines cross,
                                     confirmed by solves */
    int exact;                    /* breakpoints found that way */
    int bisected;                 /* breakpoints bisected to tol */
    int open;                     /* changes not narrowed to tol */
    int max_solves;               /* the cap used */
    int capped;                   /* 1: narrowing stopped at max_solves */
    int time_limited;             /* solves stopped by the time limit */
    double tol;                   /* the tolerance used */
} be_threshold;

/* Runs the search.  name is used in error messages.  Returns NULL with
 * err filled on bad options (BE_EARG), when the model is rejected at every
 * grid value (BE_EMODEL, with the message at lo), or on a solver failure;
 * a model rejected at some values only is an outcome like any other.  The
 * result belongs to the caller: be_threshold_free. */
be_threshold *be_threshold_search(const char *text, size_t len,
                                  const char *name,
                                  const be_threshold_options *o,
                                  be_error *err);
void be_threshold_free(be_threshold *r);

/* ------------------------------------------------------------------ */
/* Hardening: why there is no plan; coefficient ranges (issue 5)        */
/* ------------------------------------------------------------------ */

/* Which constraint must give way. */
typedef enum be_give_kind {
    BE_GIVE_DEMAND,      /* demand cannot be met in a period */
    BE_GIVE_POWER,       /* the power cap must grow */
    BE_GIVE_BUDGET,      /* the budget must grow */
    BE_GIVE_UNBOUNDED    /* a unit that makes money: the cause of an
                            unbounded cost */
} be_give_kind;

typedef struct be_give {
    be_give_kind kind;
    int period;          /* t; for BE_GIVE_UNBOUNDED the purchase period */
    int device;          /* BE_GIVE_UNBOUNDED: the device, else -1 */
    int workload;        /* BE_GIVE_DEMAND with workloads: the workload
                            whose demand falls short, else -1 */
    double limit;        /* demand(t), power_cap(t) or budget(t); 0 for
                            BE_GIVE_UNBOUNDED */
    double reachable;    /* demand: the most capacity that can be in
                            service; power: kW needed; budget: purchases
                            needed (nominal) */
    double amount;       /* by how much it must give way (shortfall or
                            excess); unbounded: the present value gained
                            per unit */
    char text[320];      /* one line in the planner's words, e.g.
                            "2029: demand of 266 cannot be met: at most
                            212 fits under the 160 kW power cap" */
} be_give;

/* The diagnosis of a model without a plan.  Owned by the caller; free
 * with be_diagnosis_free. */
typedef struct be_diagnosis {
    be_status status;    /* BE_INFEASIBLE or BE_UNBOUNDED when a cause was
                            found; BE_OPTIMAL when nothing must give way
                            (the model has a plan, or the elastic solves
                            found none in their time) */
    int n;
    be_give *gives;      /* [n]: demand lines by period, then budget and
                            power lines by period; a period's constraint
                            has one line at most.  A demand line is a
                            simple bound's when one shows the shortfall
                            (reachable is then that upper bound;
                            be_solution.reason is the first such line),
                            else the elastic plan's */
} be_diagnosis;

/* Why m has no plan: bound each period's capacity by the fleet, the power
 * cap and the budgets one at a time (the bounds be_solve's reason comes
 * from), then solve elastic versions of m's program (penalised slack on
 * demand, power cap and budget rows; see solver/diagnose.c), and list
 * which constraints in which periods must give way and by how much; for
 * an unbounded model, a bought unit whose purchase, running and sale make
 * money.  s may be NULL; s->relax, mip_gap, log are used, and
 * s->time_limit (default 10 s) bounds the diagnosis as a whole: the two
 * elastic solves share it (with scenarios, each scenario's diagnosis
 * shares it with those still to come).  Returns NULL with err filled on
 * a solver failure or out of memory. */
be_diagnosis *be_diagnose(const be_model *m, const be_settings *s,
                          be_error *err);
void be_diagnosis_free(be_diagnosis *d);

/* Why a model with scenarios has no plan: each scenario of m solved on
 * its own with s (be_solve; s may be NULL, its progress callback is not
 * called), and diagnosed with be_diagnose when it has no plan alone.
 * status and diag are outputs, arrays of be_model_scenarios(m) entries
 * that the caller provides: status[i] is scenario i's status alone
 * (BE_NO_PLAN also when its solve failed); diag[i] its diagnosis when
 * that status is BE_INFEASIBLE or BE_UNBOUNDED, else NULL (also when the
 * diagnosis failed).  Each diag[i] belongs to the caller (free with
 * be_diagnosis_free).  When every scenario has a plan alone, only the
 * decisions they share cannot serve them all.  One time limit bounds it
 * all: s->time_limit (0: BE_DEFAULT_MIP_SECONDS for a whole-unit model,
 * none for an LP), shared by the scenarios still to come; a scenario
 * with no plan alone has what its solve left of its share for its
 * diagnosis.  Returns BE_OK, or BE_EARG
 * with err filled when an argument is NULL or m has no scenarios (then
 * the arrays are not touched). */
be_code be_diagnose_scenarios(const be_model *m, const be_settings *s,
                              be_status *status, be_diagnosis **diag,
                              be_error *err);

/* Largest ratio between the largest and smallest nonzero |coefficient| of
 * the program (matrix and objective) accepted without a warning. */
#define BE_SCALING_RATIO 1e9

/* Returns 1 and writes a one-line warning with a suggested rescaling into
 * buf (size bytes; buf may be NULL) when the coefficients of m's program
 * span more than BE_SCALING_RATIO; 0 otherwise (buf gets ""), also when
 * the program cannot be built. */
int be_model_check_scaling(const be_model *m, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Plan files, baselines and payback (docs/plans.md)                   */
/* ------------------------------------------------------------------ */

/* Read a plan file (docs/plans.md) for model m: purchases, rentals and
 * retirements per device and period, retirements by cohort or oldest
 * first, and the work sold beyond the demand (`sell`).  With workloads a
 * sale names its workload, and `share` gives units of a device that
 * serves several workloads to one of them (entries add up; a device that
 * serves one workload gets all its units in service, and an entry for it
 * is an error).  The keys decide the split: with neither `share` nor
 * `sell`, the best split of the plan's units (be_plan_split); with
 * `share` (even `share: []`), the shares and sales as written, for
 * be_evaluate to judge; `sell` without `share` is an error when some
 * device serves several workloads.  Errors (unknown keys, devices,
 * periods, cohorts or workloads, purchases of what is not for sale,
 * retiring more than is held, selling more than the market leaves) are
 * BE_EMODEL with the file, line and column; BE_ESYNTAX for malformed
 * YAML; BE_EIO when the file cannot be read.  Returns a new plan (free
 * with be_plan_free) or NULL with err filled.  Fractional units in a
 * whole-unit model are not an error here: be_evaluate reports them
 * (unless the file says relaxed). */
be_plan *be_plan_load_file(const be_model *m, const char *path,
                           be_error *err);
/* The same from memory; name is used in error messages. */
be_plan *be_plan_load_string(const be_model *m, const char *text, size_t len,
                             const char *name, be_error *err);

/* Receives the writer's output piece by piece; returns 0, or non-zero to
 * stop writing (be_plan_write then returns BE_EIO). */
typedef int (*be_write_fn)(void *ctx, const char *text, size_t len);

/* Write plan p of model m as a plan file, every retirement with its
 * cohort, so that reading it back gives the same plan; counts at or below
 * BE_UNIT_TOL are not written.  With a market it writes `sell` (by
 * workload in a model with workloads); when some device serves several
 * workloads, the `share` list of those devices (`share: []` when they
 * serve nothing), so that the plan reads back with its shares as written
 * (the other devices give their one workload all their units).  comment
 * (may be NULL) is written as a "# " comment line after the header; it
 * must not contain newlines.  The library does not print: the text goes
 * to write. */
be_code be_plan_write(const be_model *m, const be_plan *p,
                      const char *comment, be_write_fn write, void *ctx,
                      be_error *err);

/* The plans people follow, built period by period from the model alone
 * (definitions in docs/plans.md, "Baselines"). */
typedef enum be_baseline {
    BE_BASELINE_END_OF_LIFE,  /* keep every unit to its lifetime; cover
                                 shortfalls with the cheapest capacity */
    BE_BASELINE_ON_RELEASE,   /* when a cheaper device goes on sale, retire
                                 all other owned units and buy it */
    BE_BASELINE_FIXED_AGE     /* retire every owned unit at age_years */
} be_baseline;

/* The baseline plan of the given kind (age_years: the replacement age for
 * BE_BASELINE_FIXED_AGE, > 0; ignored otherwise).  The plan may break the
 * model's constraints (be_evaluate says which).  Returns a new plan or NULL
 * with err filled (BE_EARG, BE_ENOMEM). */
be_plan *be_baseline_plan(const be_model *m, be_baseline kind,
                          double age_years, be_error *err);
/* "run to end of life", "replace on release", "fixed age". */
const char *be_baseline_name(be_baseline kind);

/* The payback of one replacement in a plan: in period `period`, units
 * retired before the end of their life and units bought.  "Keep running"
 * is the same plan without that replacement (docs/plans.md, "Payback"). */
typedef struct be_payback {
    int period;             /* t of the replacement */
    double *retired;        /* [devices] units retired early at t */
    double *bought;         /* [devices] units bought at t */
    double *replace_cost;   /* [periods] discounted cost of the plan, per
                               period (be_eval's period_cost total) */
    double *keep_cost;      /* [periods] the same for "keep running" */
    double *cumulative;     /* [periods] cumulative discounted saving of
                               replacing, sum over s from period to t of
                               keep_cost - replace_cost; 0 before period */
    int payback_period;     /* first s with cumulative[s] >= 0; -1 never */
    double payback_years;   /* years from the start of `period` to the
                               point where the saving reaches 0,
                               interpolated within payback_period */
    double saving;          /* cumulative[periods-1]: the whole horizon */
    be_violation keep_violation;  /* the first constraint "keep running"
                                     breaks, BE_FEASIBLE_PLAN if none */
    int keep_violation_period, keep_violation_device;
    be_plan *keep;          /* the "keep running" plan */
} be_payback;

typedef struct be_paybacks {
    int periods, devices;
    int n;
    be_payback *items;      /* [n] by period */
} be_paybacks;

/* The paybacks of every replacement in plan p (typically the optimal
 * plan).  Returns a new object (free with be_paybacks_free) or NULL with
 * err filled. */
be_paybacks *be_paybacks_compute(const be_model *m, const be_plan *p,
                                 be_error *err);
void be_paybacks_free(be_paybacks *pb);

/* The value of cascading (a model with workloads; issue 20): what it is
 * worth that a unit moves from one workload to another over its life (an
 * a100 bought for training that later serves inference).  The plan
 * without cascading holds each owned device that serves several
 * workloads to one, its home:
 *   - the workload it serves first in the optimal plan: in the first
 *     period in which its units serve any work, the workload given most
 *     of its units (ties: the first in the model's order);
 *   - if the optimal plan never uses it, its best workload: the one where
 *     its throughput over the best device's for that workload is highest
 *     (ties: the first).
 * Rented devices are not held: a rental is taken period by period, so a
 * rented unit serving another workload later is another rental, not a
 * cascade.  That plan is the optimum (be_solve with the caller's
 * settings) of a copy of the model whose held devices serve only their
 * home; it is a plan of the original model (its shares are a subset of
 * what the original allows) and is priced by be_evaluate on the original.
 *
 *   value = cost(no cascade) - cost(optimal)
 *
 * It is >= 0 (the restricted model's plans are the original's) up to the
 * solvers' gaps.  When either solve is not proven optimal (a whole-unit
 * solve stopped at its time limit), the true value lies in
 * [value_low, value_high]:
 *   value_low  = max(0, bound(no cascade) - min(cost(opt), cost(no cascade)))
 *   value_high = max(value_low, cost(no cascade) - bound(opt))
 * (-INFINITY bounds make them 0 and INFINITY). */
typedef struct be_cascade {
    int devices, workloads;
    int *home;            /* [devices] the workload device k serves without
                             cascading: its home if held, its one workload
                             if it serves one; -1 for a rented device
                             (never held) */
    int *held;            /* [devices] 1: device k serves several workloads
                             and is held to home[k] */
    int *first_use;       /* [devices] 1: home[k] is where the optimal plan
                             first uses k; 0: k's best workload (the
                             optimal plan does not use k) */
    int n_held;           /* devices held: 0 means nothing can cascade, and
                             the value is 0 */
    be_status status;     /* of the solve without cascading */
    double gap;           /* its relative gap (be_solution.gap) */
    be_plan *plan;        /* the plan without cascading, as a plan of the
                             original model (shares filled for every
                             device); NULL when the solve found none
                             (BE_INFEASIBLE: no plan without cascading, a
                             workload having lost every device that can
                             serve it or enough of them; BE_NO_PLAN: none
                             found within the time limit) */
    be_eval *eval;        /* plan priced on the original model, or NULL */
    double cost;          /* eval->cost.total; NAN without a plan */
    double optimal_cost;  /* the optimal plan's, opt->eval->cost.total */
    double value;         /* cost - optimal_cost; INFINITY when there is
                             no plan without cascading, NAN when none was
                             found */
    double value_low, value_high;   /* bounds on the true value, above */
    int proven;           /* value is the value (within the mip gap): both
                             solves proven optimal, or the optimum proven
                             and no plan without cascading proven
                             (BE_INFEASIBLE), or nothing held */
} be_cascade;

/* The value of cascading for model m (with workloads, without scenarios)
 * and its optimal solution opt (be_solve(m, s), with a plan); s may be
 * NULL for the defaults (its basis is not used: the program without
 * cascading has another shape).  Returns a new object (free with
 * be_cascade_free, which accepts NULL) or NULL with err filled: BE_EARG
 * for a model without workloads or with scenarios, or opt without a
 * plan; a solver failure's code; BE_ENOMEM. */
be_cascade *be_cascade_value(const be_model *m, const be_solution *opt,
                             const be_settings *s, be_error *err);
void be_cascade_free(be_cascade *c);

/* Break-even of a plan against a reference (typically the optimal plan
 * against running the fleet to end of life): the cumulative discounted
 * costs of both, period by period, and the period from which the plan's
 * stays at or below the reference's for good, after having been above it
 * (equal within BE_COST_TOL of the reference's total).  cum_plan and
 * cum_ref ([periods] each) may be NULL.  Returns that period, or -1 when
 * there is no such crossing; *ahead (may be NULL) is 1 when the plan is
 * never above the reference. */
int be_breakeven(const be_eval *plan, const be_eval *ref, double *cum_plan,
                 double *cum_ref, int *ahead);

/* A plan's cost against the optimum's: difference = plan - optimal;
 * percent = 100 * difference / plan's cost (NaN when that is not
 * positive); same = the difference is within BE_COST_TOL. */
typedef struct be_cost_delta {
    double difference, percent;
    int same;
} be_cost_delta;

be_cost_delta be_cost_compare(const be_eval *plan, const be_eval *optimal);

/* ------------------------------------------------------------------ */
/* Re-planning: the model as of a later period (docs/replanning.md)    */
/* ------------------------------------------------------------------ */

/* The model m as of the start of period `to` (1 .. periods-1), the
 * decisions of the periods before it being plan p's: `periods` periods
 * from `to` (0: all that are left); every series from `to` on; windows
 * of sale and rent cut to the new horizon; the fleet p leaves in service
 * at the start of `to` (units that reach the end of their life then have
 * left), one entry per cohort with its count, its age and its purchase
 * price, so that O&M, resale and taxes go on as in m.  Fails (BE_EARG)
 * for a period outside that range, a plan of another shape, or a model
 * with scenarios (advance one scenario's model).  Free with
 * be_model_free. */
be_model *be_model_advance(const be_model *m, const be_plan *p, int to,
                           int periods, be_error *err);

/* Plan p's decisions from `to` on, as a plan of a = be_model_advance(m,
 * p, to, ...): with a running to m's end, the cost of p from `to` on in
 * m, discounted to `to` and less the sale of the units whose life ends at
 * `to`, is a's cost of this plan. */
be_plan *be_plan_advance(const be_model *m, const be_plan *p,
                         const be_model *a, int to, be_error *err);

/* What really happened before period `to`, from an actuals file
 * (docs/replanning.md): `breakeven_actuals: 1` and lists buy, rent,
 * retire (entries as in plan files: device, period, units, and for retire
 * an optional cohort; oldest first without one) and failed (units lost
 * at the start of a period, oldest first).  Every period the buy, rent
 * and retire lists name is the actuals' own: plan p's decisions of it
 * give way; failures are added to whatever the period does.  Returns p
 * with that history (its decisions from `to` on unchanged), or NULL with
 * err filled (BE_EMODEL with file, line and column): a period at or after
 * `to`, an unknown device or period, buying what is not for sale,
 * retiring or losing more than is held, or the plan's own retirements of
 * a later period no longer possible.  With workloads the result keeps
 * p's shares and sales except in the periods the four lists name and in
 * every period, before `to` or after, in which the units in service of
 * some device are no longer p's: those get the best split of the units
 * left (be_plan_split), so that be_plan_advance of the result splits the
 * units the new fleet has. */
be_plan *be_plan_actuals(const be_model *m, const be_plan *p, int to,
                         const char *text, size_t len, const char *name,
                         be_error *err);

/* The advanced model a with the fleet as counted, when the actuals file
 * has one: `fleet:` entries as in a model file ({device, count, age,
 * purchase_price}), their ages at a's first period; it replaces the fleet
 * the plan and the rest of the actuals left (*counted, may be NULL, gets
 * 1).  Without one, a copy of a (*counted 0).  A new model (free with
 * be_model_free), or NULL with err filled (BE_EMODEL with file, line and
 * column: an unknown device, a count or age a model file's fleet may not
 * have, ...). */
be_model *be_model_actuals_fleet(const be_model *a, const char *text,
                                 size_t len, const char *name, int *counted,
                                 be_error *err);

/* Write m (without scenarios) as a model file that reads back as the
 * same model: a series as a number, {start, growth} or a list, lifetimes
 * and ages as counts with their unit.  comment (may be NULL, may hold line
 * breaks) is written first as "# " lines.  A rented device no longer
 * offered is left out.  Returns BE_OK, BE_EARG (scenarios), BE_EMODEL
 * (nothing left to write), BE_EIO when write fails. */
be_code be_model_write(const be_model *m, const char *comment,
                       be_write_fn write, void *ctx, be_error *err);


/* ------------------------------------------------------------------ */
/* Returns: a plan as an investment (docs/returns.md)                  */
/* ------------------------------------------------------------------ */

/* How the internal rate of return of a series of cash flows stands. */
typedef enum be_irr_kind {
    BE_IRR_UNIQUE = 0,   /* one rate r > -1 at which the NPV is 0 */
    BE_IRR_SAME_SIGN,    /* no rate: every non-zero flow has one sign (the
                            plan never pays back, or never costs) */
    BE_IRR_NONE,         /* the flows change sign, but the NPV is 0 at no
                            rate in (-99.9%, 10^5 %) */
    BE_IRR_MULTIPLE      /* several rates (the flows change sign more than
                            once): irr[] lists them */
} be_irr_kind;

#define BE_MAX_IRR 8

/* The internal rate of return of n cash flows flow[i] at times time[i]
 * (years, increasing): the annual rates r with sum flow[i] (1+r)^-time[i]
 * = 0.  Writes up to BE_MAX_IRR of them, lowest first, into rates and
 * their number into *n_rates; the returned kind says how it stands. */
be_irr_kind be_irr(int n, const double *flow, const double *time,
                   double *rates, int *n_rates);

/* One row of the cash-flow statement: a year (its periods first .. last;
 * a yearly model's row is one period).  Money is nominal (as paid) except
 * where a name says discounted.  Flows are signed as cash: revenue and
 * resale in (+), capex, energy, om, rent out (-); taxes are the net tax
 * paid (+ is paid, so net = revenue + resale - capex - energy - om -
 * rent - taxes).  The last row includes the fleet's salvage value at the
 * horizon's end in `salvage` (end_of_horizon: salvage), as the evaluator
 * books it. */
typedef struct be_returns_row {
    int first, last;          /* periods */
    char label[16];           /* "2027" */
    double revenue, capex, energy, om, rent, taxes, resale, salvage;
    double net;               /* the row's net cash flow */
    double discounted;        /* the same, discounted to period 0 */
    double cumulative;        /* sum of net up to and including this row */
    double cumulative_discounted;
    /* The fleet owned at the end of the row (units held during its last
     * period, valued one period older): book value straight-line over
     * finance.depreciation_years (over each device's lifetime without
     * finance), market value from the resale curve or list, and
     * write_down = book - market, what the books carry above what the
     * units would fetch. */
    double book_value, market_value, write_down;
    double capex_over_revenue; /* NAN when the row has no revenue */
} be_returns_row;

typedef struct be_returns {
    int n;                     /* rows */
    be_returns_row *rows;
    /* The flows the figures below are computed from: one per period
     * (at the start of period t, time t*dt years) and, with salvage, one
     * more at the horizon's end (time periods*dt). */
    int n_flows;                /* periods, + 1 with end_of_horizon:
                                   salvage (even when nothing is held) */
    double *flow, *flow_time;
    double net_present_value;  /* sum flow d(t) = -be_eval cost.total */
    double revenue, capex;     /* nominal totals */
    double capex_over_revenue; /* NAN without revenue */
    be_irr_kind irr_kind;
    int n_irr;
    double irr[BE_MAX_IRR];    /* annual rates */
    /* Payback: the first flow index from which the cumulative cash flow
     * (nominal; discounted) stays >= 0 -- a period t, or `periods` when
     * only the salvage at the horizon's end brings it there; -1 when it
     * does not within the horizon. */
    int payback, payback_discounted;
    double levelized_cost;     /* be_eval's */
} be_returns;

/* The cash-flow statement and investment figures of plan p.  Fails with
 * BE_EARG for a plan of another shape or a model with scenarios (price
 * one scenario's model: be_model_scenario).  Free with be_returns_free. */
be_returns *be_returns_compute(const be_model *m, const be_plan *p,
                               be_error *err);
void be_returns_free(be_returns *r);

/* The break-even price of compute: the factor lambda on the whole
 * revenue.price series at which the best plan's net present value is 0.
 * NPV*(lambda) = max over plans of (lambda R - C), R the plan's
 * discounted after-tax revenue at lambda 1 and C its net present cost,
 * is convex and piecewise linear, so Newton's steps lambda' = C / R from
 * the best plan at lambda end on the root in finitely many solves; the
 * root is confirmed by solves just below and above it. */
typedef enum be_break_even_kind {
    BE_BREAK_EVEN_FOUND = 0,  /* factor: NPV* = 0 there */
    BE_BREAK_EVEN_BUILD,      /* demand is 0 everywhere, so building
                                 nothing is a plan worth 0: factor is the
                                 one below which the best plan builds
                                 nothing */
    BE_BREAK_EVEN_NEVER,      /* no factor up to 10^6 makes the best plan
                                 pay (NPV* < 0 throughout) */
    BE_BREAK_EVEN_NO_PRICE,   /* price is 0 in every period: no factor
                                 changes anything */
    BE_BREAK_EVEN_NO_PLAN,    /* a solve found no plan (status says
                                 which) */
    BE_BREAK_EVEN_ALWAYS      /* the best plan's net present cost is at
                                 most 0 (units in place whose salvage pays
                                 their running): it pays at every factor,
                                 even 0; factor is 0 */
} be_break_even_kind;

typedef struct be_break_even {
    be_break_even_kind kind;
    be_status status;          /* the worst status of the solves */
    double factor;             /* lambda (FOUND, BUILD) */
    int periods;
    double *price;             /* [periods] factor * price(t) */
    int solves;
    double npv_below, npv_above; /* NPV* at factor (1 -+ 1e-4): the
                                    confirming solves (BUILD: npv_below is
                                    NPV* at factor 0, the level the kink
                                    leaves, 0 without a fleet in place) */
    double levelized_cost;     /* of the plan at the factor */
    int proven;                /* 1 when every solve was proven optimal */
} be_break_even;

/* Fails with BE_EARG when m has no revenue or has scenarios.  s may be
 * NULL.  Free with be_break_even_free. */
be_break_even *be_break_even_price(const be_model *m, const be_settings *s,
                                   be_error *err);
void be_break_even_free(be_break_even *b);


/* ------------------------------------------------------------------ */
/* Teaching and transparency: the program in words and in MathProg    */
/* ------------------------------------------------------------------ */

/* Receives the text the writers below produce, in pieces (not
 * NUL-terminated; len > 0).  Return 0 to go on, non-zero to stop: the
 * writer then fails with BE_EIO. */
typedef int (*be_write_fn)(void *ctx, const char *text, size_t len);

/* Write m as one self-contained GNU MathProg file (model and data
 * sections) for `glpsol -m`: sets of devices, periods and cohorts; the
 * model's parameters (demand, throughput, power, prices, limits, initial
 * fleet) and each variable's cost per unit as computed by the model's
 * definitions; the variables buy, hold, retire, rent and the constraints
 * flow, demand, power and budget written algebraically, as in README
 * "The program".  Its optimum is the one be_solve finds.  s may be NULL;
 * s->relax writes the relaxation (no integer variables).  Returns BE_OK,
 * BE_EIO when write fails, BE_ENOMEM. */
be_code be_write_gmpl(const be_model *m, const be_settings *s,
                      be_write_fn write, void *ctx, be_error *err);

/* Explain the program of m in words: what each kind of variable means,
 * each family of constraints in words and then with the model's numbers
 * ("demand[2027]: 1·hold[old,a3,2027] + 3·hold[new,a1,2027] >= 132.25",
 * names as `breakeven lp` uses them), and each variable's cost.  limit
 * (> 0) caps the lines printed per family and the terms per constraint;
 * a note says how many were left out.  0 means no limit.  s may be NULL;
 * s->relax explains the relaxation.  Returns as be_write_gmpl. */
be_code be_explain(const be_model *m, const be_settings *s, int limit,
                   be_write_fn write, void *ctx, be_error *err);

#ifdef __cplusplus
}
#endif
#endif /* BREAKEVEN_H */
