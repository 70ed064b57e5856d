/*
 * report.h -- the solve command's three output formats for a model without
 * scenarios, and the pieces (head, bound, JSON members, CSV cells) that
 * scenarios.h's formats for a model with scenarios are built from.  Which
 * of the two a solution gets is decided above both (solve_output.h).
 */
#ifndef BE_CLI_REPORT_H
#define BE_CLI_REPORT_H

#include <stdio.h>

#include "breakeven.h"

/* One sentence that answers the question, e.g. "Retire 100 old in 2026
 * and buy 34 new; net present cost 3,402,118."; for a solution without a
 * plan (of any model), why there is none.  A model with scenarios and a
 * plan has sc_answer instead. */
void report_answer(FILE *fp, const be_model *m, const be_solution *sol);

/* The lines after the answer in report_text: a blank line, the model's
 * name, the status.  report_bound: the proven lower bound of a whole-unit
 * solve ("Lower bound  X  (proven: <proven>)"); nothing for an LP. */
void report_head(FILE *fp, const be_model *m, const be_solution *sol);
void report_bound(FILE *fp, const be_solution *sol, const char *proven);
/* The net present cost's categories, one line each (text). */
void report_cost_lines(FILE *fp, const be_costs *c);
/* A model with revenue: the net present value, the upper bound on it (a
 * whole-unit solve) and its cash flows by category, money in +. */
void report_value(FILE *fp, const be_solution *sol);
/* "Net present value X: revenue R, cost C; serves 100% of the market
 * through 2027, then 98% in 2028." (a model with revenue). */
void report_value_line(FILE *fp, const be_model *m, const be_eval *e);
/* The levelized cost of compute of e, one line (every model). */
void report_levelized(FILE *fp, const be_eval *e);
/* Summary, cost breakdown, the period table and the plan in words. */
void report_text(FILE *fp, const be_model *m, const be_solution *sol);
/* The plan of evaluation e in words, periods from .. to, one line each
 * indented by indent spaces: a period that changes something with its
 * actions (be_describe_period), a run of periods that change nothing as
 * one line ("2026-02 to 2026-12  keep everything in service").  Returns
 * the periods that change something. */
/* The line that warns that evaluation e breaks a constraint ("Warning
 * ... the plan breaks the power constraint in 2027 (by 3)"; with
 * scenario: "in scenario NAME the plan breaks ..."); nothing when e is
 * feasible. */
void report_warning(FILE *fp, const be_model *m, const be_eval *e,
                    const char *scenario);
/* "2025" or "2025 to 2027". */
void report_span(const be_model *m, int from, int to, char *buf,
                 size_t size);
int report_plan_lines(FILE *fp, const be_model *m, const be_eval *e,
                      int from, int to, int indent);
/* One JSON object (see README "Output formats"), with the diagnosis of a
 * model without a plan (d may be NULL): "diagnosis": [{constraint,
 * period, limit, reachable, amount, text}]. */
void report_json_diagnosis(FILE *fp, const be_model *m,
                           const be_solution *sol, const be_diagnosis *d);
/* The pieces of the JSON objects, for the other reports: "key": number
 * (null when not finite) and ", " when comma; a be_costs object; one
 * diagnosis line's members (constraint, period, limit, reachable, amount,
 * text; without braces); "stats": {...}; a period. */
void report_jnum(FILE *fp, const char *key, double v, int comma);
void report_json_costs(FILE *fp, const be_costs *c);
void report_json_give(FILE *fp, const be_model *m, const be_give *g);
/* The lines of diagnosis d (may be NULL) as items of a JSON array, each
 * {report_json_give's members}, with "scenario": NAME first when scenario
 * is not NULL; *k counts the items written so far (for the commas), for
 * one array that holds several diagnoses. */
void report_json_gives(FILE *fp, const be_model *m, const be_diagnosis *d,
                       const char *scenario, int *k);
/* The object's opening: {"model", "status", "integer" and the "reason"
 * when there is one (no closing brace). */
void report_json_head(FILE *fp, const be_model *m, const be_solution *sol);
/* "objective", "bound" and "gap" of sol, each followed by ", ". */
void report_json_bound(FILE *fp, const be_solution *sol);
/* "devices": [the device names]. */
void report_json_device_names(FILE *fp, const be_model *m);
/* "evaluated_cost", "costs", "feasible" and, when it breaks one, the
 * first "violation" of evaluation e (members, without braces). */
void report_json_evaluation(FILE *fp, const be_model *m, const be_eval *e);
/* Period t of evaluation e: label, demand, capacity, power_kw,
 * power_cap_kw, spend, budget, cost (members, without braces); and
 * "devices": {NAME: {in_service, bought, retired}}.  With revenue also
 * served, market and price; with `workloads` served and market are the
 * totals over the workloads (report_total_*), price is null when there
 * are several, and report_json_devices adds "shares": {DEVICE: {WORKLOAD:
 * units}} (each device, each workload it can serve). */
void report_json_period(FILE *fp, const be_model *m, const be_eval *e,
                        int t);
void report_json_devices(FILE *fp, const be_model *m, const be_eval *e,
                         int t);
void report_json_stats(FILE *fp, const be_solution *sol);
/* Workloads (a model with `workloads`).  report_total_served: what e
 * serves in t over every workload; report_total_market: the most that can
 * be served in t over every workload (a workload without a market counts
 * its demand); report_idle: the units of device k in service in t that
 * serve no workload (0 within BE_UNIT_TOL).  report_split_words: which
 * devices serve each workload in t, "training: 8 b200; inference: 120
 * a100, 2 b200" ("training: none" for a workload no unit serves; then
 * "; idle: 3 b200" when units serve none), at most size bytes. */
double report_total_served(const be_eval *e, int t);
double report_total_market(const be_model *m, int t);
double report_idle(const be_eval *e, int t, int k);
void report_split_words(const be_model *m, const be_eval *e, int t,
                        char *buf, size_t size);
/* report_split_words of periods from .. to, one line each ("2027     "
 * and the words), indented by indent spaces. */
void report_split_lines(FILE *fp, const be_model *m, const be_eval *e,
                        int from, int to, int indent);
/* "workloads": [{"name", and by period "demand", "capacity" (given to
 * it), "served"; "price" with its revenue, "market" with its market}]
 * of evaluation e (a model with `workloads`; nothing otherwise). */
void report_json_workloads(FILE *fp, const be_model *m, const be_eval *e);
/* One row per period and device, with a header line; for a model with
 * scenarios one row per scenario, period and device, with the scenario,
 * its probability and its node in front and the expected cost after the
 * plan's. */
void report_csv(FILE *fp, const be_model *m, const be_solution *sol);

#endif
