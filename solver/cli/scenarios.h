/*
 * scenarios.h -- models with scenarios in the command layer: the tree of
 * shared decisions walked branch by branch, and the solve command's three
 * formats for a stochastic solution, built from report.h's pieces.
 *
 * A branch is a run of tree nodes that hold the same scenarios: from the
 * period in which those scenarios part from the others (period 0 for a
 * root) to the period before they part among themselves, or the last.
 * The tree is then one line per branch, and the plan one paragraph per
 * branch: the decisions of a branch are shared by all its scenarios.
 */
#ifndef BE_CLI_SCENARIOS_H
#define BE_CLI_SCENARIOS_H

#include <stdio.h>

#include "breakeven.h"

typedef struct sc_branch {
    int node;       /* the node of its first period */
    int from, to;   /* its periods, from .. to */
    int parent;     /* the branch it grows from, -1 for a root */
    int depth;      /* 0 for a root */
    int size;       /* scenarios in it */
} sc_branch;

/* The branches of m's tree, depth first (a branch, then the branches that
 * grow from it, in scenario order).  Returns how many, with *out a
 * malloc'd array (free it), or -1 when out of memory. */
int sc_branches(const be_model *m, sc_branch **out);
/* 1 when scenario s is in branch b. */
int sc_in_branch(const be_model *m, const sc_branch *b, int s);
/* The scenarios of b: "cheap", "cheap or dear", "a, b or c" (joined
 * with `last` before the last name: " or ", " and "). */
void sc_branch_names(const be_model *m, const sc_branch *b, const char *last,
                     char *buf, size_t size);

/* The tree, one line per branch, indented by depth under `indent`:
 * "  2024           cheap, dear" / "    2025 to 2026  cheap". */
void sc_print_tree(FILE *fp, const be_model *m, const char *indent);
/* When scenario pairs part, one line per pair (at most max_pairs pairs; a
 * note for the rest): "  cheap and dear part in 2025". */
void sc_print_parts(FILE *fp, const be_model *m, const char *indent,
                    int max_pairs);
/* The tree as a JSON array of nodes: {"node", "period", "parent",
 * "scenarios"}; with sol (a stochastic solution with plans, may be NULL)
 * also each node's decisions: "actions" (in words) and per device
 * in_service, bought, retired. */
void sc_json_tree(FILE *fp, const be_model *m, const be_solution *sol);
/* The scenarios' names and probabilities, as for check. */
void sc_print_scenarios(FILE *fp, const be_model *m, const char *indent);

/* The answer of a stochastic solution: the decision to take now, what to
 * do in each branch, the expected cost (and CVaR with risk). */
void sc_answer(FILE *fp, const be_model *m, const be_solution *sol);
/* solve's text and JSON for a model with scenarios (sol with or without
 * a plan; report_csv writes the CSV of both kinds of model).
 * diag_status / diag: each scenario alone (cli_ctx's scenario_status and
 * scenario_diag), NULL when not diagnosed. */
void sc_report_text(FILE *fp, const be_model *m, const be_solution *sol);
void sc_report_json(FILE *fp, const be_model *m, const be_solution *sol,
                    const be_status *diag_status,
                    be_diagnosis *const *diag);

/* What the stochastic program minimises, from the evaluations:
 * (1 - weight) E[cost] + weight CVaR with risk, else E[cost]. */
double sc_objective(const be_model *m, const be_solution *sol);

/* The actions of period t in scenario s of a stochastic solution, in
 * words (be_describe_period on the scenario's own model); "" when none. */
int sc_describe(const be_model *m, const be_solution *sol, int s, int t,
                char *buf, size_t size);

#endif
