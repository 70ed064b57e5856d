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

/* The value plan `plan` (of model v) gives the decision column c of a
 * program of model ms: a purchase, a rental, a sale or a retirement of the
 * cohort of ms that v has too (same device, start and fleet entry); NAN
 * when c is not a decision (hold) or v has no such cohort
 * (uncertainty.c). */
double be__plan_decision(const be_model *v, const be_plan *plan,
                         const be_model *ms, const be_col *c);

#endif /* BE_ANSWERS_H */
