/*
 * cmd_challenger.c -- `breakeven challenger`: defender vs challenger.  For
 * each group of the initial fleet against each device that can be bought:
 * the yearly cost of keeping one old unit's throughput one more period
 * against the new device's lowest equivalent annual cost per unit of
 * throughput, and the first period where the new device wins
 * (docs/breakeven-answers.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

typedef struct challenger_run {
    const be_model *m;
    void **pairs;           /* [n] be_challenge */
    int n;
} challenger_run;

static int age0(const be_model *m, int f)
{
    be_cohort_info c;
    be_model_cohort(m, f, &c);   /* fleet cohorts come first */
    return c.age0;
}

static void sentence(FILE *fp, const be_model *m, const be_challenge *p)
{
    char b1[64], b2[64], y[32], y2[32];
    double dt = be_model_period_years(m);
    be_cohort_info c;
    be_model_cohort(m, p->fleet_entry, &c);
    const char *dn = be_model_device_name(m, p->defender);
    const char *cn = be_model_device_name(m, p->challenger);
    fprintf(fp, "fleet entry %d (%g %s aged %s): ", p->fleet_entry + 1,
            c.count, dn, fmt_years(c.age0 * dt, y, sizeof y));
    if (p->periods == 0) {
        fprintf(fp, "already at its end of life in %s",
                be_model_period_label(m, 0));
        return;
    }
    if (p->workload == -2) {
        fprintf(fp, "%s and %s serve no workload in common", dn, cn);
        return;
    }
    char per[120] = "throughput";
    if (p->workload >= 0)
        snprintf(per, sizeof per, "%s throughput",
                 be_model_workload_name(m, p->workload));
    int t = p->first_win;
    if (t >= 0) {
        fprintf(fp, "%s wins from %s: keeping costs %s a year per unit of "
                "%s, buying %s %s (kept %s year%s)", cn,
                be_model_period_label(m, t),
                fmt_money(p->defender_cost[t], 2, b1, sizeof b1), per, cn,
                fmt_money(p->challenger_cost[t], 2, b2, sizeof b2),
                fmt_years(p->challenger_life[t] * dt, y2, sizeof y2),
                p->challenger_life[t] * dt == 1.0 ? "" : "s");
        return;
    }
    int any = 0;
    for (int i = 0; i < p->periods; i++)
        any |= !isnan(p->challenger_cost[i]);
    if (!any)
        fprintf(fp, "%s cannot be bought while %s is in service (to %s)", cn,
                dn, be_model_period_label(m, p->periods - 1));
    else
        fprintf(fp, "keeping %s stays cheaper than buying %s through %s%s",
                dn, cn, be_model_period_label(m, p->periods - 1),
                p->periods == c.end ? " (its end of life)"
                                    : " (the end of the horizon)");
}

static void write_text(FILE *fp, const void *ctx)
{
    const challenger_run *r = ctx;
    const be_model *m = r->m;
    double dt = be_model_period_years(m);
    char b1[64], b2[64], y[32];
    for (int i = 0; i < r->n; i++) {
        sentence(fp, m, r->pairs[i]);
        fputs(".\n", fp);
    }
    fprintf(fp, "\nDefender: the cost of keeping one old unit through the "
            "period instead of selling\nit at its start (running cost plus "
            "the resale value it loses), a year, per unit\nof throughput.  "
            "Challenger: the lowest equivalent annual cost of a new unit\n"
            "bought then, per unit of throughput.  Both in money of that "
            "period.\n");
    for (int i = 0; i < r->n; i++) {
        const be_challenge *p = r->pairs[i];
        fprintf(fp, "\nfleet entry %d (%s) against %s", p->fleet_entry + 1,
                be_model_device_name(m, p->defender),
                be_model_device_name(m, p->challenger));
        if (p->workload >= 0)
            fprintf(fp, ", per unit of %s throughput",
                    be_model_workload_name(m, p->workload));
        fputc('\n', fp);
        fprintf(fp, "%-8s %8s %16s %16s %12s  %s\n", "period", "age",
                "defender", "challenger", "new kept", "cheaper");
        int a0 = age0(m, p->fleet_entry);
        for (int t = 0; t < p->periods; t++) {
            int sale = !isnan(p->challenger_cost[t]);
            char kept[32];
            if (sale)
                fmt_years(p->challenger_life[t] * dt, kept, sizeof kept);
            fprintf(fp, "%-8s %8s %16s %16s %12s  %s\n",
                    be_model_period_label(m, t),
                    fmt_years((a0 + t) * dt, y, sizeof y),
                    fmt_money(p->defender_cost[t], 2, b1, sizeof b1),
                    sale ? fmt_money(p->challenger_cost[t], 2, b2, sizeof b2)
                         : "not for sale",
                    sale ? kept : "-",
                    !sale ? "keep"
                    : p->challenger_cost[t] < p->defender_cost[t]
                        ? "new" : "keep");
        }
    }
}

static void write_json(FILE *fp, const void *ctx)
{
    const challenger_run *r = ctx;
    const be_model *m = r->m;
    double dt = be_model_period_years(m);
    char b[4][40];
    fputs("{\"pairs\": [", fp);
    for (int i = 0; i < r->n; i++) {
        const be_challenge *p = r->pairs[i];
        fprintf(fp, "%s\n  {\"fleet_entry\": %d, \"defender\": ", i ? "," : "",
                p->fleet_entry + 1);
        json_str(fp, be_model_device_name(m, p->defender));
        fputs(", \"challenger\": ", fp);
        json_str(fp, be_model_device_name(m, p->challenger));
        if (be_model_has_workloads(m)) {     /* compared on one workload */
            fputs(", \"workload\": ", fp);
            if (p->workload >= 0)
                json_str(fp, be_model_workload_name(m, p->workload));
            else
                fputs("null", fp);
        }
        fputs(", \"first_win\": ", fp);
        if (p->first_win >= 0)
            json_str(fp, be_model_period_label(m, p->first_win));
        else
            fputs("null", fp);
        fputs(", \"periods\": [", fp);
        int a0 = age0(m, p->fleet_entry);
        for (int t = 0; t < p->periods; t++) {
            fprintf(fp, "%s\n    {\"label\": ", t ? "," : "");
            json_str(fp, be_model_period_label(m, t));
            fprintf(fp, ", \"defender_age_years\": %s, \"defender_cost\": %s, "
                    "\"challenger_cost\": %s, \"challenger_life_years\": %s}",
                    fmt_num((a0 + t) * dt, b[0], sizeof b[0]),
                    fmt_num(p->defender_cost[t], b[1], sizeof b[1]),
                    fmt_num(p->challenger_cost[t], b[2], sizeof b[2]),
                    isnan(p->challenger_cost[t]) ? "null"
                    : fmt_num(p->challenger_life[t] * dt, b[3], sizeof b[3]));
        }
        fputs("]}", fp);
    }
    fputs("\n]}\n", fp);
}

static void write_csv(FILE *fp, const void *ctx)
{
    const challenger_run *r = ctx;
    const be_model *m = r->m;
    double dt = be_model_period_years(m);
    char b[4][40];
    fputs("fleet_entry,defender,challenger,period,defender_age_years,"
          "defender_cost,challenger_cost,challenger_life_years,"
          "challenger_wins\n", fp);
    for (int i = 0; i < r->n; i++) {
        const be_challenge *p = r->pairs[i];
        int a0 = age0(m, p->fleet_entry);
        for (int t = 0; t < p->periods; t++) {
            int sale = !isnan(p->challenger_cost[t]);
            fprintf(fp, "%d,%s,%s,%s,%s,%s,%s,%s,%d\n", p->fleet_entry + 1,
                    be_model_device_name(m, p->defender),
                    be_model_device_name(m, p->challenger),
                    be_model_period_label(m, t),
                    fmt_num((a0 + t) * dt, b[0], sizeof b[0]),
                    fmt_num(p->defender_cost[t], b[1], sizeof b[1]),
                    sale ? fmt_num(p->challenger_cost[t], b[2], sizeof b[2])
                         : "",
                    sale ? fmt_num(p->challenger_life[t] * dt, b[3],
                                   sizeof b[3]) : "",
                    sale && p->challenger_cost[t] < p->defender_cost[t]);
        }
    }
}

static const char *device;   /* --device: only this challenger */

static const cli_option options[] = {
    CLI_OPT_STRING("--device", NULL, &device, "NAME",
                   "only this challenger (default: every buyable device)"),
    CLI_OPT_END};

static const cli_format formats[] = {
    CLI_TEXT_JSON_CSV(write_text, write_json, write_csv)};

static int only;   /* --device's index, or -1 */

/* Fleet entry f defended against device k, if k can be bought at all. */
static void *make(const cli_ctx *x, int f, int k, be_error *err)
{
    const be_model *m = x->m;
    int buyable = 0;
    for (int t = 0; t < be_model_periods(m) && !buyable; t++)
        buyable = be_model_device_can_buy(m, k, t);
    if (!buyable || be_model_device_is_rented(m, k) ||
        (only >= 0 && k != only))
        return NULL;
    return be_defender_challenger(m, f, k, err);
}

static void free_challenge(void *p)
{
    be_challenge_free(p);
}

static int run(cli_ctx *x)
{
    const be_model *m = x->m;
    challenger_run r = {m, NULL, 0};
    int F = 0;
    for (int j = 0; j < be_model_cohorts(m); j++) {
        be_cohort_info ci;
        be_model_cohort(m, j, &ci);
        F += ci.fleet_entry >= 0;
    }
    int rc = cli_find_device(x, device, &only);
    if (rc != 0)
        return rc;
    return cli_emit_pairs(x, F, be_model_devices(m), make, free_challenge,
                          &r.pairs, &r.n, &r,
                          F == 0 ? "nothing to compare: the model has no "
                                   "initial fleet"
                                 : "nothing to compare: no device can be "
                                   "bought");
}

const cli_command cli_challenger = {
    .name = "challenger",
    .summary = "defender vs challenger: when a new device beats keeping the "
               "old fleet",
    .flags = CMD_LOAD | CMD_FILE,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SET | CLI_QUIET,
    .options = options, .formats = formats, .run = run,
};
