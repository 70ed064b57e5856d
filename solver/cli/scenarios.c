/*
 * scenarios.c -- the tree of shared decisions, branch by branch, and the
 * solve command's text, JSON and CSV for a model with scenarios (see
 * scenarios.h).  Every figure comes from the per-scenario evaluations
 * (be_solution.scenario_eval: each scenario's plan priced on its own
 * model); every period's actions from be_describe_period on the
 * scenario's model, the one wording of every report.
 */
#include "scenarios.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "report.h"

/* ---- the tree ---- */

static int node_size(const be_model *m, int n)
{
    int t = be_model_node_period(m, n), size = 0;
    for (int s = 0; s < be_model_scenarios(m); s++)
        size += be_model_scenario_node(m, s, t) == n;
    return size;
}

int sc_in_branch(const be_model *m, const sc_branch *b, int s)
{
    return be_model_scenario_node(m, s, b->from) == b->node;
}

/* Append the branch starting at node n (and, depth first, those growing
 * from it) to out[*len]. */
static void walk(const be_model *m, int n, int parent, int depth,
                 sc_branch *out, int *len)
{
    int T = be_model_periods(m), S = be_model_scenarios(m);
    int first = be_model_node_first(m, n);
    sc_branch b = {n, be_model_node_period(m, n), 0, parent, depth,
                   node_size(m, n)};
    int t = b.from, at = n;
    while (t + 1 < T &&
           node_size(m, be_model_scenario_node(m, first, t + 1)) == b.size) {
        t++;
        at = be_model_scenario_node(m, first, t);
    }
    b.to = t;
    int me = (*len)++;
    out[me] = b;
    if (t + 1 >= T)
        return;
    /* the nodes of period t + 1 under `at`, in scenario order (nodes are
     * numbered by first scenario within a period) */
    for (int s = 0; s < S; s++) {
        if (be_model_scenario_node(m, s, t) != at)
            continue;
        int c = be_model_scenario_node(m, s, t + 1);
        if (be_model_node_first(m, c) == s)
            walk(m, c, me, depth + 1, out, len);
    }
}

int sc_branches(const be_model *m, sc_branch **out)
{
    int n = be_model_nodes(m), len = 0;
    *out = calloc((size_t)n + 1, sizeof **out);
    if (!*out)
        return -1;
    for (int i = 0; i < n && be_model_node_period(m, i) == 0; i++)
        walk(m, i, -1, 0, *out, &len);
    return len;
}

void sc_branch_names(const be_model *m, const sc_branch *b, const char *last,
                     char *buf, size_t size)
{
    int S = be_model_scenarios(m), seen = 0;
    size_t used = 0;
    buf[0] = '\0';
    for (int s = 0; s < S && used < size; s++) {
        if (!sc_in_branch(m, b, s))
            continue;
        seen++;
        int n = snprintf(buf + used, size - used, "%s%s",
                         seen == 1 ? "" : seen == b->size ? last : ", ",
                         be_model_scenario_name(m, s));
        used += n > 0 ? (size_t)n : 0;
    }
}

void sc_print_tree(FILE *fp, const be_model *m, const char *indent)
{
    sc_branch *b;
    int n = sc_branches(m, &b);
    char span[80], names[4096];
    for (int i = 0; i < n; i++) {
        report_span(m, b[i].from, b[i].to, span, sizeof span);
        sc_branch_names(m, &b[i], ", ", names, sizeof names);
        fprintf(fp, "%s%*s%-*s  %s\n", indent, 2 * b[i].depth, "",
                22 - 2 * b[i].depth > 8 ? 22 - 2 * b[i].depth : 8, span,
                names);
    }
    free(b);
}

void sc_print_parts(FILE *fp, const be_model *m, const char *indent,
                    int max_pairs)
{
    int S = be_model_scenarios(m), T = be_model_periods(m), shown = 0;
    int pairs = S * (S - 1) / 2;
    for (int a = 0; a < S; a++)
        for (int b = a + 1; b < S; b++) {
            if (shown == max_pairs)
                continue;
            shown++;
            int t = be_model_scenarios_part(m, a, b);
            fprintf(fp, "%s%s and %s ", indent, be_model_scenario_name(m, a),
                    be_model_scenario_name(m, b));
            if (t >= T)
                fputs("never part: they share every decision\n", fp);
            else if (t == 0)
                fprintf(fp, "differ from %s: they share no decision\n",
                        be_model_period_label(m, 0));
            else
                fprintf(fp, "part in %s (they share the decisions through "
                        "%s)\n", be_model_period_label(m, t),
                        be_model_period_label(m, t - 1));
        }
    if (shown < pairs)
        fprintf(fp, "%s(and %d more pairs)\n", indent, pairs - shown);
}

void sc_print_scenarios(FILE *fp, const be_model *m, const char *indent)
{
    int S = be_model_scenarios(m);
    char p[40];
    for (int s = 0; s < S; s++)
        fprintf(fp, "%s%-20s probability %s\n", indent,
                be_model_scenario_name(m, s),
                be_format_number(be_model_scenario_probability(m, s), p,
                                 sizeof p));
}

/* ---- one period of a branch ---- */

int sc_describe(const be_model *m, const be_solution *sol, int s, int t,
                char *buf, size_t size)
{
    return be_describe_period(be_model_scenario(m, s), sol->scenario_eval[s],
                              t, buf, size);
}

/* "2025: buy 3 new; 2027: retire 2 old" for the periods of b from `from`
 * on that do something; `none` when none does. */
static void branch_words(FILE *fp, const be_model *m, const be_solution *sol,
                         const sc_branch *b, int from, const char *none)
{
    int s = be_model_node_first(m, b->node), said = 0;
    char words[8192];
    for (int t = from; t <= b->to; t++) {
        if (!sc_describe(m, sol, s, t, words, sizeof words))
            continue;
        fprintf(fp, "%s%s: %s", said ? "; " : "",
                be_model_period_label(m, t), words);
        said = 1;
    }
    if (!said)
        fputs(none, fp);
}

static int has_plan(const be_solution *sol)
{
    return sol->scenarios > 0 && sol->scenario_eval != NULL;
}

double sc_objective(const be_model *m, const be_solution *sol)
{
    double weight;
    if (be_model_risk(m, NULL, &weight) && weight > 0.0)
        return (1.0 - weight) * sol->expected_cost + weight * sol->cvar;
    return sol->expected_cost;
}

void sc_answer(FILE *fp, const be_model *m, const be_solution *sol)
{
    char money[64], names[4096], words[8192];
    if (!has_plan(sol)) {
        report_answer(fp, m, sol);
        return;
    }
    sc_branch *b;
    int n = sc_branches(m, &b);
    int first = 0;
    if (n > 0 && b[0].parent < 0 && b[0].size == be_model_scenarios(m)) {
        /* one root: the decisions every scenario shares */
        int s = be_model_node_first(m, b[0].node);
        if (sc_describe(m, sol, s, 0, words, sizeof words))
            fprintf(fp, "Decide now, in %s: %s.\n",
                    be_model_period_label(m, 0), words);
        else
            fprintf(fp, "Decide now, in %s: keep everything in service "
                    "(nothing to buy or retire).\n",
                    be_model_period_label(m, 0));
        if (b[0].to > 0) {
            fprintf(fp, "Then, in every scenario through %s: ",
                    be_model_period_label(m, b[0].to));
            branch_words(fp, m, sol, &b[0], 1, "nothing else to buy or "
                         "retire");
            fputs(".\n", fp);
        }
        first = 1;
    } else {
        fprintf(fp, "The scenarios differ from %s on: no decision is shared "
                "by all of them, each branch is decided once its data are "
                "known.\n", be_model_period_label(m, 0));
    }
    for (int i = first; i < n; i++) {
        sc_branch_names(m, &b[i], " or ", names, sizeof names);
        fprintf(fp, "%*sFrom %s, if %s: ", 2 * (b[i].depth - first), "",
                be_model_period_label(m, b[i].from), names);
        branch_words(fp, m, sol, &b[i], b[i].from,
                     "keep everything in service");
        fputs(".\n", fp);
    }
    free(b);
    if (be_model_has_revenue(m))
        fprintf(fp, "Expected net present value %s over %d scenarios",
                fmt_money(-sol->expected_cost, 0, money, sizeof money),
                be_model_scenarios(m));
    else
        fprintf(fp, "Expected net present cost %s over %d scenarios",
                fmt_money(sol->expected_cost, 0, money, sizeof money),
                be_model_scenarios(m));
    double alpha, weight;
    if (be_model_risk(m, &alpha, &weight)) {
        char a[40], w[40];
        fprintf(fp, "; CVaR at %s %s; risk objective %s (weight %s on "
                "CVaR)", be_format_number(alpha, a, sizeof a),
                fmt_money(sol->cvar, 0, money, sizeof money),
                fmt_money(sol->objective, 0, names, sizeof names),
                be_format_number(weight, w, sizeof w));
    }
    fputs(".\n", fp);
}

/* ---- text ---- */

/* The categories of c (revenue: with a revenue column, shown as money
 * against the cost like resale). */
static void cost_cells(FILE *fp, const be_costs *c, int revenue)
{
    char b[8][48];
    if (revenue)
        fprintf(fp, " %14s", fmt_money(-c->revenue, 0, b[7], 48));
    fprintf(fp, " %14s %14s %12s %12s %12s %12s %16s\n",
            fmt_money(c->purchases, 0, b[0], 48),
            fmt_money(c->energy, 0, b[1], 48), fmt_money(c->om, 0, b[2], 48),
            fmt_money(c->rent + c->taxes, 0, b[3], 48),
            fmt_money(-c->resale, 0, b[4], 48),
            fmt_money(-c->salvage, 0, b[5], 48),
            fmt_money(c->total, 2, b[6], 48));
}

/* "every scenario", or "if cheap or dear": whom branch b's plan is for. */
static void branch_title(const be_model *m, const sc_branch *b, char *buf,
                         size_t size)
{
    if (b->size == be_model_scenarios(m)) {
        snprintf(buf, size, "every scenario");
    } else {
        char list[4000];
        sc_branch_names(m, b, " or ", list, sizeof list);
        snprintf(buf, size, "if %s", list);
    }
}

void sc_report_text(FILE *fp, const be_model *m, const be_solution *sol)
{
    char b1[64], b2[64];
    int S = be_model_scenarios(m), T = be_model_periods(m);
    sc_answer(fp, m, sol);
    report_head(fp, m, sol);
    int fb = be_model_first_branch(m);
    fprintf(fp, "Scenarios          %d; ", S);
    if (fb >= T)
        fputs("they never part (every decision shared)\n", fp);
    else if (fb == 0)
        fprintf(fp, "they differ from %s on\n", be_model_period_label(m, 0));
    else
        fprintf(fp, "the tree first branches in %s\n",
                be_model_period_label(m, fb));
    if (!has_plan(sol)) {
        if (sol->reason[0])
            fprintf(fp, "Why                %s\n", sol->reason);
        fputs("\nThe tree (which scenarios share decisions until when):\n",
              fp);
        sc_print_tree(fp, m, "  ");
        return;
    }
    double alpha, weight;
    int risk = be_model_risk(m, &alpha, &weight);
    int revenue = be_model_has_revenue(m);
    if (revenue)
        fprintf(fp, "Expected value     %20s   (probability-weighted net "
                "present value: minus the expected cost)\n",
                fmt_money(-sol->expected_cost, 2, b1, sizeof b1));
    fprintf(fp, "Expected cost      %20s   (probability-weighted net present "
            "cost%s)\n", fmt_money(sol->expected_cost, 2, b1, sizeof b1),
            revenue ? ", revenue counted against it" : "");
    if (risk) {
        char a[40], w[40];
        fprintf(fp, "CVaR               %20s   (at %s: the mean cost of the "
                "worst %s of probability)\n",
                fmt_money(sol->cvar, 2, b1, sizeof b1),
                be_format_number(alpha, a, sizeof a),
                be_format_number(1.0 - alpha, w, sizeof w));
        fprintf(fp, "Risk objective     %20s   ((1 - %s) E[cost] + %s CVaR, "
                "solver objective %s)\n",
                fmt_money(sc_objective(m, sol), 2, b1, sizeof b1),
                be_format_number(weight, w, sizeof w), w,
                fmt_money(sol->objective, 2, b2, sizeof b2));
    } else {
        fprintf(fp, "Solver objective   %20s\n",
                fmt_money(sol->objective, 2, b1, sizeof b1));
    }
    report_bound(fp, sol, "no whole-unit plan's objective is lower");
    for (int s = 0; s < S; s++)
        report_warning(fp, m, sol->scenario_eval[s],
                       be_model_scenario_name(m, s));

    fprintf(fp, "\n%-20s %11s", "scenario", "probability");
    if (revenue)
        fprintf(fp, " %14s", "revenue");
    fprintf(fp, " %14s %14s %12s %12s %12s %12s %16s\n", "purchases",
            "energy", "O&M", "rent, taxes", "resale", "salvage",
            "net present cost");
    be_costs mean = {0};
    for (int s = 0; s < S; s++) {
        const be_costs *c = &sol->scenario_eval[s]->cost;
        double p = be_model_scenario_probability(m, s);
        fprintf(fp, "%-20.20s %11s", be_model_scenario_name(m, s),
                be_format_number(p, b1, sizeof b1));
        cost_cells(fp, c, revenue);
        mean.revenue += p * c->revenue;
        mean.purchases += p * c->purchases;
        mean.energy += p * c->energy;
        mean.om += p * c->om;
        mean.rent += p * c->rent;
        mean.taxes += p * c->taxes;
        mean.resale += p * c->resale;
        mean.salvage += p * c->salvage;
    }
    mean.total = sol->expected_cost;
    fprintf(fp, "%-20s %11s", "expected", "");
    cost_cells(fp, &mean, revenue);

    fputs("\nThe tree (which scenarios share decisions until when):\n", fp);
    sc_print_tree(fp, m, "  ");

    fputs("\nThe plan, branch by branch:\n", fp);
    sc_branch *b;
    int n = sc_branches(m, &b);
    char names[4096];
    for (int i = 0; i < n; i++) {
        branch_title(m, &b[i], names, sizeof names);
        fprintf(fp, "  %*s%s:\n", 2 * b[i].depth, "", names);
        int s = be_model_node_first(m, b[i].node);
        report_plan_lines(fp, be_model_scenario(m, s), sol->scenario_eval[s],
                          b[i].from, b[i].to, 4 + 2 * b[i].depth);
    }
    if (be_model_has_workloads(m)) {
        /* the shares, like the decisions, are a branch's */
        fputs("\nWho serves each workload, branch by branch (units of each "
              "device):\n", fp);
        for (int i = 0; i < n; i++) {
            branch_title(m, &b[i], names, sizeof names);
            fprintf(fp, "  %*s%s:\n", 2 * b[i].depth, "", names);
            int s = be_model_node_first(m, b[i].node);
            report_split_lines(fp, be_model_scenario(m, s),
                               sol->scenario_eval[s], b[i].from, b[i].to,
                               4 + 2 * b[i].depth);
        }
    }
    free(b);
}

/* ---- JSON ---- */

void sc_json_tree(FILE *fp, const be_model *m, const be_solution *sol)
{
    int N = be_model_nodes(m), S = be_model_scenarios(m);
    int plans = sol && has_plan(sol);
    char words[8192];
    fputc('[', fp);
    for (int n = 0; n < N; n++) {
        int t = be_model_node_period(m, n), parent = be_model_node_parent(m, n);
        fprintf(fp, "%s\n  {\"node\": %d, \"period\": ", n ? "," : "", n);
        json_str(fp, be_model_period_label(m, t));
        if (parent >= 0)
            fprintf(fp, ", \"parent\": %d", parent);
        else
            fputs(", \"parent\": null", fp);
        fputs(", \"scenarios\": [", fp);
        for (int s = 0, k = 0; s < S; s++)
            if (be_model_scenario_node(m, s, t) == n) {
                fputs(k++ ? ", " : "", fp);
                json_str(fp, be_model_scenario_name(m, s));
            }
        fputc(']', fp);
        if (plans) {
            int s = be_model_node_first(m, n);
            sc_describe(m, sol, s, t, words, sizeof words);
            fputs(", \"actions\": ", fp);
            json_str(fp, words);
            fputs(", ", fp);
            report_json_devices(fp, be_model_scenario(m, s),
                                sol->scenario_eval[s], t);
        }
        fputc('}', fp);
    }
    fputc(']', fp);
}

void sc_report_json(FILE *fp, const be_model *m, const be_solution *sol,
                    const be_status *diag_status, be_diagnosis *const *diag)
{
    int S = be_model_scenarios(m), T = be_model_periods(m);
    report_json_head(fp, m, sol);
    double alpha, weight;
    if (be_model_risk(m, &alpha, &weight)) {
        fputs(", \"risk\": {", fp);
        report_jnum(fp, "cvar_alpha", alpha, 1);
        report_jnum(fp, "weight", weight, 0);
        fputc('}', fp);
    } else {
        fputs(", \"risk\": null", fp);
    }
    int fb = be_model_first_branch(m);
    fputs(", \"first_branch\": ", fp);
    if (fb < T)
        json_str(fp, be_model_period_label(m, fb));
    else
        fputs("null", fp);
    if (diag_status) {
        /* each scenario alone: which have no plan, and what must give way */
        fputs(", \"diagnosis\": [", fp);
        int k = 0;
        for (int s = 0; s < S; s++) {
            if (diag_status[s] == BE_OPTIMAL ||
                diag_status[s] == BE_TIME_LIMIT_PLAN)
                continue;
            report_json_gives(fp, m, diag ? diag[s] : NULL,
                              be_model_scenario_name(m, s), &k);
        }
        fputc(']', fp);
    }
    if (!has_plan(sol)) {
        fputs(", \"objective\": null, \"expected_cost\": null",
              fp);
        fputs(",\n \"tree\": ", fp);
        sc_json_tree(fp, m, NULL);
        fputs(",\n \"scenarios\": [", fp);
        for (int s = 0; s < S; s++) {
            fputs(s ? ",\n  {\"name\": " : "\n  {\"name\": ", fp);
            json_str(fp, be_model_scenario_name(m, s));
            fputs(", ", fp);
            report_jnum(fp, "probability", be_model_scenario_probability(m, s),
                 diag_status != NULL);
            if (diag_status) {
                fputs("\"alone\": ", fp);
                json_str(fp, be_status_name(diag_status[s]));
            }
            fputc('}', fp);
        }
        fputs("], \"periods\": []}\n", fp);
        return;
    }
    fputs(", ", fp);
    report_json_bound(fp, sol);
    report_jnum(fp, "evaluated_cost", sc_objective(m, sol), 1);
    report_jnum(fp, "expected_cost", sol->expected_cost, 1);
    report_jnum(fp, "cvar", sol->cvar, 0);
    int feasible = 1;
    for (int s = 0; s < S; s++)
        feasible &= sol->scenario_eval[s]->violation == BE_FEASIBLE_PLAN;
    fprintf(fp, ", \"feasible\": %s", feasible ? "true" : "false");
    fputs(",\n ", fp);
    report_json_device_names(fp, m);
    fputs(",\n \"tree\": ", fp);
    sc_json_tree(fp, m, sol);
    fputs(",\n \"scenarios\": [", fp);
    for (int s = 0; s < S; s++) {
        const be_model *ms = be_model_scenario(m, s);
        const be_eval *e = sol->scenario_eval[s];
        fputs(s ? ",\n  {\"name\": " : "\n  {\"name\": ", fp);
        json_str(fp, be_model_scenario_name(m, s));
        fputs(", ", fp);
        report_jnum(fp, "probability", be_model_scenario_probability(m, s), 1);
        report_json_evaluation(fp, ms, e);
        if (be_model_has_workloads(ms)) {
            fputs(", ", fp);
            report_json_workloads(fp, ms, e);
        }
        fputs(", \"periods\": [", fp);
        for (int t = 0; t < T; t++) {
            fputs(t ? ",\n   {" : "\n   {", fp);
            report_json_period(fp, ms, e, t);
            fprintf(fp, ", \"node\": %d}", be_model_scenario_node(m, s, t));
        }
        fputs("]}", fp);
    }
    fputs("],\n ", fp);
    report_json_stats(fp, sol);
    fputs("}\n", fp);
}
