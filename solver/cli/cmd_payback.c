/*
 * cmd_payback.c -- `breakeven payback`: for every replacement in the
 * optimal plan (units retired before the end of their life and units bought
 * in the same period), the cumulative discounted cash flow of "replace now"
 * against "keep running" and the period in which replacing has paid for
 * itself.  Definitions: docs/plans.md, "Payback"; the numbers come from
 * be_paybacks_compute.
 */
#include <math.h>
#include <string.h>

#include "cli.h"
#include "output.h"

/* "4 old units, 2 mid units and 1 new unit" from per-device counts, in
 * be_describe_period's words; "" when all are 0. */
static void units_list(const be_model *m, const double *a, char *buf,
                       size_t size)
{
    size_t used = 0;
    int n = 0, items = 0;
    char u[48];
    buf[0] = '\0';
    for (int k = 0; k < be_model_devices(m); k++)
        items += a[k] > BE_UNIT_TOL;
    for (int k = 0; k < be_model_devices(m); k++) {
        if (!(a[k] > BE_UNIT_TOL))
            continue;
        n++;
        int w = snprintf(buf + used, size - used, "%s%s %s unit%s",
                         n == 1 ? "" : n == items ? " and " : ", ",
                         fmt_units(a[k], u, sizeof u),
                         be_model_device_name(m, k),
                         fabs(a[k] - 1.0) < 1e-9 ? "" : "s");
        if (w < 0 || (size_t)w >= size - used)
            return;
        used += (size_t)w;
    }
}

static void violation_text(const be_model *m, be_violation v, int t, char *buf,
                           size_t size)
{
    snprintf(buf, size, "%s in %s", v == BE_VIOLATES_DEMAND ? "demand"
             : be_violation_name(v), be_model_period_label(m, t));
}

/* "retiring 4 old and buying 2 new in 2026" */
static void what(const be_model *m, const be_payback *b, char *buf,
                 size_t size)
{
    char r[256], p[256];
    units_list(m, b->retired, r, sizeof r);
    units_list(m, b->bought, p, sizeof p);
    snprintf(buf, size, "retiring %s and buying %s in %s", r, p,
             be_model_period_label(m, b->period));
}

/* "pays back in 2027, after 1.5 years" and the reasons, as a clause. */
static void verdict(FILE *fp, const be_model *m, const be_payback *b)
{
    char a[64], v[160];
    if (b->keep_violation != BE_FEASIBLE_PLAN)
        violation_text(m, b->keep_violation, b->keep_violation_period, v,
                       sizeof v);
    if (b->payback_period >= 0) {
        if (b->payback_years <= 0)
            fprintf(fp, "pays for itself at once (it costs less than keeping "
                    "them from its first period)");
        else
            fprintf(fp, "pays back in %s, after %.1f years",
                    be_model_period_label(m, b->payback_period),
                    b->payback_years);
        if (b->keep_violation != BE_FEASIBLE_PLAN)
            fprintf(fp, "; keeping them would also break the %s", v);
        return;
    }
    fmt_money(-b->saving, 0, a, sizeof a);
    if (b->keep_violation != BE_FEASIBLE_PLAN)
        fprintf(fp, "never pays back on its own (it costs %s more than "
                "keeping them over the horizon): it is made because keeping "
                "them would break the %s", a, v);
    else
        fprintf(fp, "does not pay back within the horizon (it costs %s more "
                "than keeping them)", a);
}

static void report_text(FILE *fp, const be_model *m, const be_solution *sol,
                        const be_paybacks *pb)
{
    char w[600], a[64], b2[64], c[64];
    if (pb->n == 0) {
        fprintf(fp, "The optimal plan makes no replacement: no period both "
                "retires units before the end of their life and buys new "
                "ones (net present cost %s).\n",
                fmt_money(sol->eval->cost.total, 0, a, sizeof a));
        return;
    }
    what(m, &pb->items[0], w, sizeof w);
    w[0] = (char)(w[0] - 'a' + 'A');
    fprintf(fp, "%s ", w);
    verdict(fp, m, &pb->items[0]);
    if (pb->n > 1)
        fprintf(fp, " (the first of %d replacements in the optimal plan)",
                pb->n);
    fputs(".\n", fp);
    if (sol->status == BE_TIME_LIMIT_PLAN) {
        char gap[64];
        fprintf(fp, "(The optimal plan is the best found at the time limit, "
                "%s.)\n", cli_gap_words(sol->gap, gap, sizeof gap));
    }
    int K = be_model_devices(m), T = be_model_periods(m);
    for (int i = 0; i < pb->n; i++) {
        const be_payback *b = &pb->items[i];
        int t = b->period;
        units_list(m, b->retired, w, sizeof w);
        fprintf(fp, "\n%s: retire %s, ", be_model_period_label(m, t), w);
        units_list(m, b->bought, w, sizeof w);
        fprintf(fp, "buy %s\n  ", w);
        verdict(fp, m, b);
        if (b->payback_period >= 0)
            fprintf(fp, "; it saves %s over the horizon",
                    fmt_money(b->saving, 0, a, sizeof a));
        fputs(".\n", fp);
        units_list(m, b->retired, w, sizeof w);
        fprintf(fp, "  Keep running: keep the %s until the end of their life",
                w);
        int extra = 0;
        for (int s = t; s < T; s++)
            for (int k = 0; k < K; k++) {
                const double *kb = b->keep->buy, *kr = b->keep->rent;
                /* in t the replacement's purchases are undone: what the
                 * keep plan buys then is all its own */
                double more = kb[s * K + k] -
                              (s == t ? 0.0 : sol->plan->buy[s * K + k]);
                double rent = kr[s * K + k] - sol->plan->rent[s * K + k];
                if (more > BE_UNIT_TOL || rent > BE_UNIT_TOL) {
                    double v = more > BE_UNIT_TOL ? more : rent;
                    fprintf(fp, "%s %s %s %s unit%s in %s",
                            extra++ ? "," : "; instead",
                            more > BE_UNIT_TOL ? "buy" : "rent",
                            fmt_units(v, c, sizeof c),
                            be_model_device_name(m, k),
                            fabs(v - 1.0) < 1e-9 ? "" : "s",
                            be_model_period_label(m, s));
                }
            }
        fprintf(fp, "%s.\n", extra ? "" : ", and buy nothing in their place");
        fprintf(fp, "  %-10s %16s %16s %18s\n", "period", "replace now",
                "keep running", "cumulative saving");
        for (int s = t; s < T; s++)
            fprintf(fp, "  %-10s %16s %16s %18s\n",
                    be_model_period_label(m, s),
                    fmt_money(b->replace_cost[s], 0, a, sizeof a),
                    fmt_money(b->keep_cost[s], 0, b2, sizeof b2),
                    fmt_money(b->cumulative[s], 0, c, sizeof c));
    }
    fprintf(fp, "\nCosts are discounted to the start of %s, per period; the "
            "saving is keep running minus replace now.\n",
            be_model_period_label(m, 0));
}

static void json_units(FILE *fp, const be_model *m, const double *a)
{
    char n[40];
    int first = 1;
    fputc('{', fp);
    for (int k = 0; k < be_model_devices(m); k++) {
        if (!(a[k] > BE_UNIT_TOL))
            continue;
        fputs(first ? "" : ", ", fp);
        first = 0;
        json_str(fp, be_model_device_name(m, k));
        fprintf(fp, ": %s", fmt_num(a[k], n, sizeof n));
    }
    fputc('}', fp);
}

static void report_json(FILE *fp, const be_model *m, const be_solution *sol,
                        const be_paybacks *pb)
{
    char n[40];
    int T = be_model_periods(m);
    fputs("{\n  \"status\": ", fp);
    json_str(fp, be_status_name(sol->status));
    fprintf(fp, ",\n  \"objective\": %s,\n  \"replacements\": [",
            fmt_num(sol->objective, n, sizeof n));
    for (int i = 0; i < pb->n; i++) {
        const be_payback *b = &pb->items[i];
        fprintf(fp, "%s\n    {\"period\": ", i ? "," : "");
        json_str(fp, be_model_period_label(m, b->period));
        fputs(", \"retired\": ", fp);
        json_units(fp, m, b->retired);
        fputs(", \"bought\": ", fp);
        json_units(fp, m, b->bought);
        fputs(",\n     \"payback_period\": ", fp);
        if (b->payback_period >= 0)
            json_str(fp, be_model_period_label(m, b->payback_period));
        else
            fputs("null", fp);
        fprintf(fp, ", \"payback_years\": %s",
                fmt_num(b->payback_years, n, sizeof n));
        fprintf(fp, ", \"saving\": %s", fmt_num(b->saving, n, sizeof n));
        fputs(",\n     \"keep_running_violation\": ", fp);
        if (b->keep_violation == BE_FEASIBLE_PLAN)
            fputs("null", fp);
        else {
            fputs("{\"constraint\": ", fp);
            json_str(fp, be_violation_name(b->keep_violation));
            fputs(", \"period\": ", fp);
            json_str(fp, be_model_period_label(m, b->keep_violation_period));
            fputc('}', fp);
        }
        fputs(",\n     \"periods\": [", fp);
        for (int s = b->period; s < T; s++) {
            fprintf(fp, "%s\n       {\"period\": ", s > b->period ? "," : "");
            json_str(fp, be_model_period_label(m, s));
            fprintf(fp, ", \"replace_cost\": %s",
                    fmt_num(b->replace_cost[s], n, sizeof n));
            fprintf(fp, ", \"keep_cost\": %s",
                    fmt_num(b->keep_cost[s], n, sizeof n));
            fprintf(fp, ", \"cumulative_saving\": %s}",
                    fmt_num(b->cumulative[s], n, sizeof n));
        }
        fputs("]}", fp);
    }
    fputs(pb->n ? "\n  ]\n}\n" : "]\n}\n", fp);
}

static void report_csv(FILE *fp, const be_model *m, const be_paybacks *pb)
{
    char n[40];
    int T = be_model_periods(m);
    fputs("replacement,period,replace_cost,keep_cost,cumulative_saving,"
          "payback_period,payback_years\n", fp);
    for (int i = 0; i < pb->n; i++) {
        const be_payback *b = &pb->items[i];
        for (int s = b->period; s < T; s++) {
            fprintf(fp, "%s,%s", be_model_period_label(m, b->period),
                    be_model_period_label(m, s));
            fprintf(fp, ",%s", fmt_num(b->replace_cost[s], n, sizeof n));
            fprintf(fp, ",%s", fmt_num(b->keep_cost[s], n, sizeof n));
            fprintf(fp, ",%s,", fmt_num(b->cumulative[s], n, sizeof n));
            if (b->payback_period >= 0)
                fprintf(fp, "%s,%s\n",
                        be_model_period_label(m, b->payback_period),
                        fmt_num(b->payback_years, n, sizeof n));
            else
                fputs(",\n", fp);
        }
    }
}

typedef struct payback_run {
    const be_model *m;
    const be_solution *sol;
    const be_paybacks *pb;
} payback_run;

static void write_text(FILE *fp, const void *data)
{
    const payback_run *r = data;
    report_text(fp, r->m, r->sol, r->pb);
}

static void write_json(FILE *fp, const void *data)
{
    const payback_run *r = data;
    report_json(fp, r->m, r->sol, r->pb);
}

static void write_csv(FILE *fp, const void *data)
{
    const payback_run *r = data;
    report_csv(fp, r->m, r->pb);
}

static const cli_format formats[] = {
    CLI_TEXT_JSON_CSV(write_text, write_json, write_csv)};

static int run(cli_ctx *x)
{
    be_error err = {0};
    be_paybacks *pb = be_paybacks_compute(x->m, x->sol->plan, &err);
    if (!pb) {
        cli_print_error(&err);
        return cli_exit_for(err.code);
    }
    payback_run r = {x->m, x->sol, pb};
    int rc = cli_emit(x, &r);
    be_paybacks_free(pb);
    return rc;
}

const cli_command cli_payback = {
    .name = "payback",
    .summary = "when each replacement in the optimal plan pays for itself",
    .flags = CMD_SOLVE | CMD_PLAN | CMD_LOAD | CMD_FILE,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SOLVER,
    .formats = formats, .run = run,
};
