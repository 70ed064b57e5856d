/*
 * cmd_compare.c -- `breakeven compare`: the optimal plan priced next to the
 * plans people follow (run to end of life, replace on release, fixed-age
 * replacement) and the planner's own plan file, all with the evaluator
 * under the same model.  Definitions: docs/plans.md.
 */
#include <math.h>
#include <string.h>

#include "cli.h"
#include "output.h"

typedef struct row {
    const char *key;     /* optimal, end_of_life, on_release, fixed_age, plan */
    char name[300];      /* as shown */
    be_eval *eval;
    be_plan *plan;       /* owned, except the optimal row's */
} row;

typedef struct compare {
    const be_model *m;
    const be_solution *sol;
    row rows[5];
    int n;
    int ref;             /* the row the answer compares against */
    const char *plan_file;
} compare;

/* "demand in 2027 (short by 2)" */
static void violation_text(const be_model *m, const be_eval *e, char *buf,
                           size_t size)
{
    char a[64];
    const char *label = be_model_period_label(m, e->violation_period);
    const char *dev = e->violation_device >= 0
                    ? be_model_device_name(m, e->violation_device) : NULL;
    switch (e->violation) {
    case BE_FEASIBLE_PLAN:
        snprintf(buf, size, "none");
        return;
    case BE_VIOLATES_DEMAND:
        snprintf(buf, size, "demand in %s (short by %s)", label,
                 fmt_units(e->violation_amount, a, sizeof a));
        return;
    case BE_VIOLATES_POWER:
        snprintf(buf, size, "power cap in %s (over by %s kW)", label,
                 fmt_money(e->violation_amount, 1, a, sizeof a));
        return;
    case BE_VIOLATES_BUDGET:
        snprintf(buf, size, "budget in %s (over by %s)", label,
                 fmt_money(e->violation_amount, 0, a, sizeof a));
        return;
    default:
        snprintf(buf, size, "%s in %s%s%s%s", be_violation_name(e->violation),
                 label, dev ? " (" : "", dev ? dev : "", dev ? ")" : "");
        return;
    }
}

/* Row i against the optimum (be_cost_compare). */
static be_cost_delta delta(const compare *c, int i)
{
    return be_cost_compare(c->rows[i].eval, c->rows[0].eval);
}

static void answer(FILE *fp, const compare *c)
{
    const row *r = &c->rows[c->ref];
    const be_eval *opt = c->rows[0].eval;
    char a[64], b[64], v[160], what[400];
    if (strcmp(r->key, "plan") == 0)
        snprintf(what, sizeof what, "your plan (%s)", r->name);
    else
        snprintf(what, sizeof what, "running the fleet to end of life");
    be_cost_delta d = delta(c, c->ref);
    fmt_money(opt->cost.total, 0, a, sizeof a);
    if (r->eval->violation != BE_FEASIBLE_PLAN) {
        violation_text(c->m, r->eval, v, sizeof v);
        fprintf(fp, "The optimal plan costs %s; %s would cost %s but breaks "
                "the %s.\n", a, what, fmt_money(r->eval->cost.total, 0, b,
                sizeof b), v);
    } else if (d.difference <= 0 || d.same) {
        what[0] = (char)(what[0] == 'y' ? 'Y' : 'R');
        fprintf(fp, "%s is already optimal: it costs %s, like the optimal "
                "plan.\n", what, a);
    } else {
        fprintf(fp, "The optimal plan saves %s", fmt_money(d.difference, 0, b,
                                                            sizeof b));
        if (isfinite(d.percent))
            fprintf(fp, " (%.1f%%)", d.percent);
        fprintf(fp, " against %s; it costs %s.\n", what, a);
    }
}

static void report_text(FILE *fp, const void *data)
{
    const compare *c = data;
    char a[64], b[64], v[160];
    answer(fp, c);
    if (c->sol->status == BE_TIME_LIMIT_PLAN)
        fprintf(fp, "(The optimal plan is the best found at the time limit, "
                "within %.3g%% of optimal.)\n", 100.0 * c->sol->gap);
    fprintf(fp, "\n%-28s %18s %16s %9s  %s\n", "plan", "net present cost",
            "vs optimum", "", "constraints");
    for (int i = 0; i < c->n; i++) {
        const row *r = &c->rows[i];
        be_cost_delta x = delta(c, i);
        double d = x.difference, p = x.percent;
        char pct[32] = "";
        if (i > 0 && isfinite(p))
            snprintf(pct, sizeof pct, "%+.1f%%", p);
        if (r->eval->violation == BE_FEASIBLE_PLAN)
            snprintf(v, sizeof v, "met");
        else {
            char w[140];
            violation_text(c->m, r->eval, w, sizeof w);
            snprintf(v, sizeof v, "breaks %s", w);
        }
        fmt_money(d, 0, b + 1, sizeof b - 1);
        b[0] = d > 0 && strcmp(b + 1, "0") != 0 ? '+' : ' ';
        if (b[0] != '+' && isfinite(p) && fabs(p) < 0.05)
            snprintf(pct, sizeof pct, "0.0%%");
        fprintf(fp, "%-28s %18s %16s %9s  %s\n", r->name,
                fmt_money(r->eval->cost.total, 0, a, sizeof a),
                i == 0 ? "" : b[0] == '+' ? b : b + 1, pct, v);
    }
    fprintf(fp, "\nThe difference is the plan's net present cost minus the "
            "optimum's, and as a share of the plan's own cost.\n");
}

static void json_violation(FILE *fp, const be_model *m, const be_eval *e)
{
    char n[40];
    if (e->violation == BE_FEASIBLE_PLAN) {
        fputs("null", fp);
        return;
    }
    fputs("{\"constraint\": ", fp);
    json_str(fp, be_violation_name(e->violation));
    fputs(", \"period\": ", fp);
    json_str(fp, be_model_period_label(m, e->violation_period));
    fputs(", \"device\": ", fp);
    if (e->violation_device >= 0)
        json_str(fp, be_model_device_name(m, e->violation_device));
    else
        fputs("null", fp);
    fprintf(fp, ", \"amount\": %s}", fmt_num(e->violation_amount, n, sizeof n));
}

static void report_json(FILE *fp, const void *data)
{
    const compare *c = data;
    char n[40];
    fputs("{\n  \"status\": ", fp);
    json_str(fp, be_status_name(c->sol->status));
    fprintf(fp, ",\n  \"objective\": %s", fmt_num(c->sol->objective, n,
                                                 sizeof n));
    fputs(",\n  \"reference\": ", fp);
    json_str(fp, c->rows[c->ref].key);
    fputs(",\n  \"plans\": [", fp);
    for (int i = 0; i < c->n; i++) {
        const row *r = &c->rows[i];
        fprintf(fp, "%s\n    {\"plan\": ", i ? "," : "");
        json_str(fp, r->key);
        fputs(", \"name\": ", fp);
        json_str(fp, r->name);
        fprintf(fp, ", \"net_present_cost\": %s",
                fmt_num(r->eval->cost.total, n, sizeof n));
        be_cost_delta x = delta(c, i);
        fprintf(fp, ", \"difference\": %s", fmt_num(x.difference, n,
                                                   sizeof n));
        fprintf(fp, ", \"difference_percent\": %s",
                fmt_num(x.percent, n, sizeof n));
        fprintf(fp, ", \"feasible\": %s, \"violation\": ",
                r->eval->violation == BE_FEASIBLE_PLAN ? "true" : "false");
        json_violation(fp, c->m, r->eval);
        fputc('}', fp);
    }
    fputs("\n  ]\n}\n", fp);
}

static void report_csv(FILE *fp, const void *data)
{
    const compare *c = data;
    char n[40];
    fputs("plan,name,net_present_cost,difference,difference_percent,feasible,"
          "violation,violation_period,violation_device,violation_amount\n", fp);
    for (int i = 0; i < c->n; i++) {
        const row *r = &c->rows[i];
        const be_eval *e = r->eval;
        fprintf(fp, "%s,", r->key);
        csv_field(fp, r->name);
        fprintf(fp, ",%s", fmt_num(e->cost.total, n, sizeof n));
        be_cost_delta x = delta(c, i);
        fprintf(fp, ",%s", fmt_num(x.difference, n, sizeof n));
        fprintf(fp, ",%s", isfinite(x.percent) ? fmt_num(x.percent, n,
                                                         sizeof n) : "");
        if (e->violation == BE_FEASIBLE_PLAN) {
            fputs(",true,,,,\n", fp);
            continue;
        }
        fprintf(fp, ",false,%s,%s,", be_violation_name(e->violation),
                be_model_period_label(c->m, e->violation_period));
        if (e->violation_device >= 0)
            fputs(be_model_device_name(c->m, e->violation_device), fp);
        fprintf(fp, ",%s\n", fmt_num(e->violation_amount, n, sizeof n));
    }
}

static const char *plan_file;
static double age;

static const cli_option options[] = {
    CLI_OPT_STRING("--plan", NULL, &plan_file, "FILE",
                   "also price this plan file (docs/plans.md); the answer "
                   "then compares against it"),
    CLI_OPT_NUMBER("--age", NULL, &age, "N", 0, 1000, CLI_ABOVE_MIN,
                   "a number of years above 0",
                   "also price fixed-age replacement at N years"),
    CLI_OPT_END};

static const cli_format formats[] = {
    CLI_TEXT_JSON_CSV(report_text, report_json, report_csv)};

static int run(cli_ctx *x)
{
    int rc = EXIT_PLAN;
    const be_model *m = x->m;
    const be_solution *sol = x->sol;
    compare c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.plan_file = plan_file;
    be_error err = {0};
    be_plan *planner = NULL;
    if (plan_file) {
        planner = be_plan_load_file(m, plan_file, &err);
        if (!planner) {
            cli_print_error(&err);
            rc = cli_exit_for(err.code);
            goto done;
        }
    }
    c.sol = sol;
    c.rows[0] = (row){"optimal", "optimal", sol->eval, NULL};
    c.n = 1;
    static const be_baseline kinds[] = {BE_BASELINE_END_OF_LIFE,
                                        BE_BASELINE_ON_RELEASE,
                                        BE_BASELINE_FIXED_AGE};
    static const char *const keys[] = {"end_of_life", "on_release",
                                       "fixed_age"};
    for (int i = 0; i < 3; i++) {
        if (kinds[i] == BE_BASELINE_FIXED_AGE && !(age > 0))
            continue;
        row *r = &c.rows[c.n];
        r->key = keys[i];
        if (kinds[i] == BE_BASELINE_FIXED_AGE)
            snprintf(r->name, sizeof r->name, "fixed age %g year%s", age,
                     age == 1 ? "" : "s");
        else
            snprintf(r->name, sizeof r->name, "%s", be_baseline_name(kinds[i]));
        r->plan = be_baseline_plan(m, kinds[i], age, &err);
        r->eval = r->plan ? be_evaluate(m, r->plan, &err) : NULL;
        if (!r->eval) {
            cli_print_error(&err);
            rc = cli_exit_for(err.code);
            c.n++;
            goto done;
        }
        c.n++;
    }
    c.ref = 1;
    if (planner) {
        row *r = &c.rows[c.n];
        r->key = "plan";
        snprintf(r->name, sizeof r->name, "%s", plan_file);
        r->plan = planner;
        planner = NULL;
        r->eval = be_evaluate(m, r->plan, &err);
        c.ref = c.n++;
        if (!r->eval) {
            cli_print_error(&err);
            rc = cli_exit_for(err.code);
            goto done;
        }
    }

    rc = cli_emit(x, &c);
done:
    for (int i = 1; i < c.n; i++) {
        be_eval_free(c.rows[i].eval);
        be_plan_free(c.rows[i].plan);
    }
    be_plan_free(planner);
    return rc;
}

const cli_command cli_compare = {
    .name = "compare",
    .summary = "price the optimal plan against the plans people follow and "
               "a plan file",
    .flags = CMD_SOLVE | CMD_PLAN | CMD_LOAD | CMD_FILE,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SOLVER,
    .options = options, .formats = formats, .run = run,
};
