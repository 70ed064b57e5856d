/*
 * cmd_uncertainty.c -- `breakeven uncertainty`: what the uncertainty of a
 * model with scenarios is worth (be_uncertainty_analyze): the stochastic
 * optimum RP, wait-and-see WS and EVPI = RP - WS, the mean-value model and
 * EEV, VSS = EEV - RP, and per scenario the stochastic plan's cost, the
 * scenario's own optimum and the regret.  Definitions: docs/uncertainty.md
 * and README "Uncertainty".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "report.h"
#include "scenarios.h"

typedef struct analysis {
    const be_model *m;
    const be_uncertainty *u;
    const be_solution *rp;     /* u's stochastic solution */
    const be_rolling *rh;        /* --rolling, else NULL */
} analysis;

static int planned(be_status s)
{
    return s == BE_OPTIMAL || s == BE_TIME_LIMIT_PLAN;
}

/* ---- text ---- */

/* "KEY   what it is ........ value", the values ending in column 78. */
static void figure_text(FILE *fp, const char *key, const char *what,
                        const char *value)
{
    int pad = 78 - 6 - (int)strlen(what) - (int)strlen(value);
    fprintf(fp, "%-5s %s%*s%s\n", key, what, pad > 1 ? pad : 1, "", value);
}

static void figure(FILE *fp, const char *key, const char *what, double v)
{
    char b[64];
    figure_text(fp, key, what, isnan(v) ? "not computed"
                : isinf(v) ? "infinite" : fmt_money(v, 2, b, sizeof b));
}

static void write_text(FILE *fp, const void *data)
{
    const analysis *a = data;
    const be_model *m = a->m;
    const be_uncertainty *u = a->u;
    int S = u->scenarios, T = be_model_periods(m);
    int fb = be_model_first_branch(m);
    char b1[64], b2[64], b3[64], b4[64], span[80];
    double alpha, weight;
    int risk = be_model_risk(m, &alpha, &weight);
    fprintf(fp, "%s%s%d scenarios, %s to %s, %s\n\n", be_model_name(m),
            be_model_name(m)[0] ? ": " : "", S, be_model_period_label(m, 0),
            be_model_period_label(m, T - 1),
            a->rp->integer ? "whole units (MIP)" : "fractional units (LP)");
    fputs("The tree (which scenarios share decisions until when):\n", fp);
    sc_print_tree(fp, m, "  ");
    fputc('\n', fp);
    if (!planned(a->rp->status)) {
        fprintf(fp, "The stochastic program has no plan (%s): no figure "
                "can be computed.\n", be_status_name(a->rp->status));
        for (int s = 0; s < S; s++)
            fprintf(fp, "  %-20s alone: %s\n", be_model_scenario_name(m, s),
                    be_status_name(u->own_status[s]));
        return;
    }
    figure(fp, "RP", risk ? "the stochastic plan's expected cost (it "
           "weighs in CVaR)" : "the stochastic plan's expected cost",
           u->rp_cost);
    figure(fp, "WS", "wait and see: sum of p x each scenario's optimum",
           u->ws);
    figure(fp, "EVPI", "RP - WS: what perfect foresight would be worth",
           u->evpi);
    figure(fp, "MV", "the mean-value model's own optimum", u->mean_cost);
    if (fb > 0 && fb < T)
        report_span(m, 0, fb - 1, span, sizeof span);
    else
        snprintf(span, sizeof span, "%s", fb == 0 ? "none (no period is "
                 "shared)" : "every period");
    char what[160];
    snprintf(what, sizeof what, "expected cost of the mean-value decisions "
             "of %s", span);
    figure(fp, "EEV", what, u->eev);
    if (!isfinite(u->eev) && u->eev_reason[0])
        fprintf(fp, "      (%s)\n", u->eev_reason);
    figure(fp, "VSS", "EEV - RP: what planning for uncertainty saves",
           u->vss);
    if (a->rh) {
        figure(fp, "RH", "rolling: the mean-value model re-solved per node",
               a->rh->cost);
        if (a->rh->reason[0])
            fprintf(fp, "      (%s)\n", a->rh->reason);
        figure(fp, "VRP", "RH - RP: its worth when one re-plans anyway",
               a->rh->cost - u->rp_cost);
    }

    fprintf(fp, "\n%-20s %11s %18s %18s %16s%s\n", "scenario", "probability",
            "stochastic plan", "own optimum", "regret",
            u->proven ? "" : "   own lower bound");
    for (int s = 0; s < S; s++) {
        fprintf(fp, "%-20.20s %11s %18s %18s %16s",
                be_model_scenario_name(m, s),
                be_format_number(be_model_scenario_probability(m, s), b1,
                                 sizeof b1),
                fmt_money(u->plan_cost[s], 2, b2, sizeof b2),
                planned(u->own_status[s])
                    ? fmt_money(u->own[s], 2, b3, sizeof b3)
                    : be_status_name(u->own_status[s]),
                isnan(u->regret[s]) ? ""
                    : fmt_money(u->regret[s], 2, b4, sizeof b4));
        if (!u->proven)
            fprintf(fp, "   %15s", isfinite(u->own_bound[s])
                    ? fmt_money(u->own_bound[s], 2, b1, sizeof b1) : "none");
        fputc('\n', fp);
    }
    if (u->worst >= 0) {
        /* the worst scenario, and any other that costs as much */
        double worst = u->plan_cost[u->worst];
        int ties = 0;
        fputs("Worst case: ", fp);
        for (int s = 0; s < S; s++)
            if (fabs(u->plan_cost[s] - worst) <=
                BE_COST_TOL * fmax(1.0, fabs(worst)))
                fprintf(fp, "%s%s", ties++ ? ", " : "",
                        be_model_scenario_name(m, s));
        fprintf(fp, ", where the stochastic plan costs %s.\n",
                fmt_money(worst, 2, b1, sizeof b1));
    }
    if (risk)
        fprintf(fp, "CVaR at %s: %s (the mean cost of the worst %s of "
                "probability).\n", be_format_number(alpha, b2, sizeof b2),
                fmt_money(u->cvar, 2, b1, sizeof b1),
                be_format_number(1.0 - alpha, b3, sizeof b3));
    if (!u->proven) {
        fprintf(fp, "\nNot proven optimal: some solves stopped at the time "
                "limit, so each figure is the cost of the best plan found. "
                "Lower bounds: the stochastic objective >= %s; WS >= %s; "
                "each scenario's own optimum as above.\n",
                isfinite(a->rp->bound) ? fmt_money(a->rp->bound, 2, b1,
                                                   sizeof b1) : "none",
                isfinite(u->ws_bound) ? fmt_money(u->ws_bound, 2, b2,
                                                  sizeof b2) : "none");
    }
}

/* ---- JSON ---- */

static void jnum(FILE *fp, const char *key, double v)
{
    char b[40];
    fprintf(fp, ", \"%s\": %s", key, fmt_num(v, b, sizeof b));
}

static void jstatus(FILE *fp, const char *key, int known, be_status s)
{
    fprintf(fp, ", \"%s\": ", key);
    if (known)
        json_str(fp, be_status_name(s));
    else
        fputs("null", fp);
}

static void write_json(FILE *fp, const void *data)
{
    const analysis *a = data;
    const be_model *m = a->m;
    const be_uncertainty *u = a->u;
    int S = u->scenarios, T = be_model_periods(m);
    int fb = be_model_first_branch(m);
    double alpha, weight;
    fputs("{\"model\": ", fp);
    json_str(fp, be_model_name(m));
    fprintf(fp, ", \"integer\": %s, \"proven\": %s",
            a->rp->integer ? "true" : "false", u->proven ? "true" : "false");
    if (be_model_risk(m, &alpha, &weight)) {
        char b1[40], b2[40];
        fprintf(fp, ", \"risk\": {\"cvar_alpha\": %s, \"weight\": %s}",
                fmt_num(alpha, b1, sizeof b1), fmt_num(weight, b2, sizeof b2));
    } else {
        fputs(", \"risk\": null", fp);
    }
    fputs(", \"first_branch\": ", fp);
    if (fb < T)
        json_str(fp, be_model_period_label(m, fb));
    else
        fputs("null", fp);
    jstatus(fp, "rp_status", 1, a->rp->status);
    jnum(fp, "rp", u->rp_cost);
    jnum(fp, "rp_objective", planned(a->rp->status) ? a->rp->objective : NAN);
    jnum(fp, "rp_bound", a->rp->bound);
    jnum(fp, "ws", u->ws);
    jnum(fp, "ws_bound", u->ws_bound);
    jnum(fp, "evpi", u->evpi);
    jstatus(fp, "mean_value_status", isfinite(u->mean_cost), u->mean_status);
    jnum(fp, "mean_value_cost", u->mean_cost);
    jstatus(fp, "eev_status", !isnan(u->eev), u->eev_status);
    jnum(fp, "eev", u->eev);
    fprintf(fp, ", \"eev_infinite\": %s", isinf(u->eev) ? "true" : "false");
    fputs(", \"eev_reason\": ", fp);
    if (u->eev_reason[0])
        json_str(fp, u->eev_reason);
    else
        fputs("null", fp);
    jnum(fp, "vss", u->vss);
    if (a->rh) {
        char b[40];
        fprintf(fp, ", \"rolling\": {\"cost\": %s",
                fmt_num(a->rh->cost, b, sizeof b));
        jnum(fp, "value_over_rp", a->rh->cost - u->rp_cost);
        fprintf(fp, ", \"solves\": %d, \"proven\": %s, \"reason\": ",
                a->rh->solves, a->rh->proven ? "true" : "false");
        if (a->rh->reason[0])
            json_str(fp, a->rh->reason);
        else
            fputs("null", fp);
        fputs(", \"scenario_cost\": [", fp);
        for (int s = 0; s < S; s++) {
            double v = a->rh->scenario_cost[s];
            fprintf(fp, "%s%s", s ? ", " : "",
                    isfinite(v) ? fmt_num(v, b, sizeof b) : "null");
        }
        fputs("]}", fp);
    }
    fputs(", \"worst\": ", fp);
    if (u->worst >= 0)
        json_str(fp, be_model_scenario_name(m, u->worst));
    else
        fputs("null", fp);
    jnum(fp, "cvar", u->cvar);
    fputs(",\n \"scenarios\": [", fp);
    for (int s = 0; s < S; s++) {
        fputs(s ? ",\n  {\"name\": " : "\n  {\"name\": ", fp);
        json_str(fp, be_model_scenario_name(m, s));
        jnum(fp, "probability", be_model_scenario_probability(m, s));
        jnum(fp, "plan_cost", u->plan_cost[s]);
        jstatus(fp, "own_status", 1, u->own_status[s]);
        jnum(fp, "own", u->own[s]);
        jnum(fp, "own_bound", u->own_bound[s]);
        jnum(fp, "regret", u->regret[s]);
        fputc('}', fp);
    }
    fputs("],\n \"tree\": ", fp);
    sc_json_tree(fp, m, NULL);
    fputs("}\n", fp);
}

/* ---- CSV: one figure a row ---- */

static void csv_row(FILE *fp, const char *fig, const char *scenario,
                    double v, double bound, const char *status,
                    const char *note)
{
    char b1[40], b2[40];
    fprintf(fp, "%s,", fig);
    csv_field(fp, scenario ? scenario : "");
    fprintf(fp, ",%s,%s,%s,", isnan(v) ? "" : isinf(v) ? "inf"
            : fmt_num(v, b1, sizeof b1),
            isfinite(bound) ? fmt_num(bound, b2, sizeof b2) : "",
            status ? status : "");
    csv_field(fp, note ? note : "");
    fputc('\n', fp);
}

static void write_csv(FILE *fp, const void *data)
{
    const analysis *a = data;
    const be_model *m = a->m;
    const be_uncertainty *u = a->u;
    fputs("figure,scenario,value,bound,status,note\n", fp);
    csv_row(fp, "rp", NULL, u->rp_cost, a->rp->bound,
            be_status_name(a->rp->status), NULL);
    csv_row(fp, "ws", NULL, u->ws, u->ws_bound, NULL, NULL);
    csv_row(fp, "evpi", NULL, u->evpi, NAN, NULL, NULL);
    csv_row(fp, "mean_value", NULL, u->mean_cost, NAN,
            isfinite(u->mean_cost) ? be_status_name(u->mean_status) : NULL,
            NULL);
    csv_row(fp, "eev", NULL, u->eev, NAN,
            isnan(u->eev) ? NULL : be_status_name(u->eev_status),
            u->eev_reason);
    csv_row(fp, "vss", NULL, u->vss, NAN, NULL, NULL);
    if (a->rh) {
        csv_row(fp, "rolling", NULL, a->rh->cost, NAN, NULL, a->rh->reason);
        csv_row(fp, "rolling_over_rp", NULL, a->rh->cost - u->rp_cost, NAN,
                NULL, NULL);
    }
    if (be_model_risk(m, NULL, NULL))
        csv_row(fp, "cvar", NULL, u->cvar, NAN, NULL, NULL);
    if (u->worst >= 0)
        csv_row(fp, "worst", be_model_scenario_name(m, u->worst),
                u->plan_cost[u->worst], NAN, NULL, NULL);
    for (int s = 0; s < u->scenarios; s++) {
        const char *name = be_model_scenario_name(m, s);
        csv_row(fp, "probability", name, be_model_scenario_probability(m, s),
                NAN, NULL, NULL);
        csv_row(fp, "plan_cost", name, u->plan_cost[s], NAN, NULL, NULL);
        csv_row(fp, "own", name, u->own[s], u->own_bound[s],
                be_status_name(u->own_status[s]), NULL);
        csv_row(fp, "regret", name, u->regret[s], NAN, NULL, NULL);
    }
}

static const cli_format formats[] = {
    CLI_TEXT_JSON_CSV(write_text, write_json, write_csv)};

static int rolling;

static const cli_option options[] = {
    CLI_OPT_FLAG("--rolling", NULL, &rolling,
                 "also simulate the rolling policy: at each node of the "
                 "tree, re-solve the mean-value model of the scenarios "
                 "still possible from the state reached and take its "
                 "decisions of that period (RH; one solve per node)"),
    CLI_OPT_END};

static int check(cli_ctx *x)
{
    if (be_model_scenarios(x->m) > 0)
        return EXIT_PLAN;
    fprintf(stderr, "breakeven: %s: the model has no scenarios: uncertainty "
            "needs a list of them (README \"Uncertainty\")\n", x->path);
    return EXIT_USAGE;
}

static int run(cli_ctx *x)
{
    be_error err = {0};
    cli_say_solving(x, &x->s, " per solve");
    be_uncertainty *u = be_uncertainty_analyze(x->m, &x->s, &err);
    if (!u) {
        cli_print_error(&err);
        return cli_exit_for(err.code);
    }
    /* the stochastic solution is the dispatcher's from here (cli_no_plan
     * reads it, cli_dispatch frees it) */
    x->sol = u->rp;
    u->rp = NULL;
    be_rolling *rh = NULL;
    if (rolling && cli_has_plan(x->sol)) {
        rh = be_rolling_policy(x->m, &x->s, &err);
        if (!rh) {
            cli_print_error(&err);
            be_uncertainty_free(u);
            return cli_exit_for(err.code);
        }
        if (!rh->proven)
            u->proven = 0;
    }
    analysis a = {x->m, u, x->sol, rh};
    int rc = cli_emit(x, &a);
    be_rolling_free(rh);
    if (rc == EXIT_PLAN && !cli_has_plan(x->sol)) {
        x->scenario_status = calloc((size_t)u->scenarios,
                                    sizeof *x->scenario_status);
        if (x->scenario_status)
            memcpy(x->scenario_status, u->own_status,
                   (size_t)u->scenarios * sizeof *x->scenario_status);
        rc = cli_no_plan(x);
    } else if (rc == EXIT_PLAN && !u->proven && !x->c->quiet) {
        fprintf(stderr, "breakeven: %s: some solves stopped at the time "
                "limit: the figures are the best plans found, not proven "
                "optimal (the output gives the bounds)\n", x->path);
    }
    be_uncertainty_free(u);
    return rc;
}

const cli_command cli_uncertainty = {
    .name = "uncertainty",
    .summary = "what the uncertainty of scenarios is worth: EVPI, VSS, "
               "regret",
    .flags = CMD_LOAD | CMD_FILE | CMD_SCENARIOS,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SOLVER,
    .options = options, .formats = formats, .run = run, .check = check,
    .notes = "Solves the stochastic program, every scenario on its own, the "
             "mean-value model and the stochastic program with the "
             "mean-value decisions fixed: --time-limit applies to each "
             "solve.  A model without scenarios is a usage error (exit 2).",
};
