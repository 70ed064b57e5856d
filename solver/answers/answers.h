/*
 * answers.h -- what the files of the answers room share.  Internal.
 *
 * The answers room (solver/answers/) turns a model into what a planner
 * asks for: be_solve (solve.c), and the analyses built on it: why there
 * is no plan (diagnose.c), payback (payback.c), economic life
 * (economics.c), thresholds (threshold.c), the value of information
 * (uncertainty.c), a plan as an investment (returns.c) and the break-even
 * price of compute (break_even.c).  It may call every room below it (engine, program,
 * plans, model); nothing below calls it.  The value of cascading, for a
 * model with workloads, is cascade.c's (be_cascade_value).
 */
#ifndef BE_ANSWERS_H
#define BE_ANSWERS_H

#include "engine/glpk_solver.h"

/* be_solve's second half: solve program p of m (built at time t0, be__now()
 * clock; p is freed) and turn the answer into plans (solve.c). */
be_solution *be__solve_program(const be_model *m, be_program *p,
                               const be_settings *s, double t0,
                               be_error *err);

/* The simple-bound stage of be_diagnose for be_solve (diagnose.c): the text
 * of the demand line of the earliest period whose demand the fleet, the
 * power cap or the budgets, taken one at a time, show cannot be met (the
 * same line be_diagnose lists for that period) into buf; "" when no bound
 * shows it.  Returns 1 when found, 0 when not, -1 when out of memory (buf
 * ""). */
int be__infeasible_reason(const be_model *m, char *buf, size_t size);

/* A time limit for the next of `parts` solves that share what is left
 * before `end` (be__now() clock; INFINITY: no limit): never 0, which
 * would mean the default limit, so a solve with no time left stops at
 * once (diagnose.c, diagnose_scenarios.c). */
double be__time_share(double end, int parts);

/* The value plan `plan` (of model v) gives the decision column c of a
 * program of model ms: a purchase, a rental, a sale or a retirement of the
 * cohort of ms that v has too (same device, start and fleet entry); NAN
 * when c is not a decision (hold) or v has no such cohort
 * (uncertainty.c). */
double be__plan_decision(const be_model *v, const be_plan *plan,
                         const be_model *ms, const be_col *c);

/* Work item i of n, for be__parallel. */
typedef void (*be_work_fn)(void *ctx, int i);

/* work(ctx, i) for i in [0, n), in up to `jobs` threads (1: in the
 * calling thread, in order).  Each thread frees its GLPK environment when
 * it ends.  work must not depend on the order the items run in
 * (decompose.c). */
void be__parallel(int n, int jobs, be_work_fn work, void *ctx);

/* What the scenarios' own programs gave be__solve_scenarios. */
typedef struct be_scenario_stage {
    double bound;       /* sum_s p_s (scenario s's proven lower bound),
                           constant included; -INFINITY when some scenario
                           had none, NAN when not computed */
    double seconds;     /* spent before the stochastic program's search */
    double plan_cost;   /* the assembled plan's objective (constant
                           included), NAN when none */
    double first_plan;  /* seconds from the start to the first plan, -1 */
} be_scenario_stage;

/* A whole-unit stochastic program p of m (p->n_scen > 0) solved through
 * its scenarios' own programs and then its own search started from them
 * (decompose.c, docs/engine.md "Scenarios"): out as be__glpk_solve's
 * (its bound the largest valid one, without p's constant), *info what
 * the scenarios gave. */
be_code be__solve_scenarios(const be_model *m, const be_program *p,
                            const be_settings *s, be_glpk_out *out,
                            be_scenario_stage *info, be_error *err);

/* be_solve takes that path for stochastic programs of more whole-unit
 * columns than this (decompose.c says why); tests set 0 to take it on
 * every one.  Not for threads. */
extern int be__decompose_min_columns;

#endif /* BE_ANSWERS_H */
