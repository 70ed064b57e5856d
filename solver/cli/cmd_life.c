/*
 * cmd_life.c -- `breakeven life`: the equivalent annual cost of owning one
 * unit of each buyable device for 1, 2, ... years, and its economic life
 * (docs/breakeven-answers.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "cli.h"
#include "output.h"

int cmd_life(int argc, char **argv);

extern const cli_command cli_life;

enum { OPT_DEVICE = OPT_COMMAND };

typedef struct life_run {
    const be_model *m;
    const char *device;     /* --device, or NULL for all */
    be_life **lives;        /* [n] device-major, purchase periods in order */
    int n;
} life_run;

static int own_option(void *ctx, int id, const char *value)
{
    life_run *r = ctx;
    if (id == OPT_DEVICE) {
        r->device = value;
        return 1;
    }
    return CLI_ERROR;
}

/* The first purchase period's life of each device leads. */
static int is_first(const life_run *r, int i)
{
    return i == 0 || r->lives[i - 1]->device != r->lives[i]->device;
}

static void write_text(FILE *fp, void *ctx)
{
    const life_run *r = ctx;
    const be_model *m = r->m;
    double dt = be_model_period_years(m);
    char b1[64], b2[64], b3[64], y[32];
    int said = 0;
    for (int i = 0; i < r->n; i++) {
        const be_life *l = r->lives[i];
        if (!is_first(r, i))
            continue;
        fprintf(fp, "%s%s bought in %s: economic life %s year%s, at %s a "
                "year (%s per unit of throughput)",
                said++ ? "; " : "", be_model_device_name(m, l->device),
                be_model_period_label(m, l->purchase),
                answers_years(l->best * dt, y, sizeof y),
                l->best * dt == 1.0 ? "" : "s",
                fmt_money(l->best_eac, 2, b1, sizeof b1),
                fmt_money(l->best_eac / l->throughput, 2, b2, sizeof b2));
    }
    fputs(".\n\n", fp);
    double d1 = be_model_discount(m, 1);
    double rate = pow(d1, -1.0 / dt) - 1.0;
    fprintf(fp, "Equivalent annual cost (EAC): the net present cost of buying "
            "one unit, running it\nand selling it after n years, spread "
            "into a level cost a year with the same\npresent value "
            "(discount rate %.4g%%, money of the purchase period).\n",
            100.0 * rate);
    for (int i = 0; i < r->n; i++) {
        const be_life *l = r->lives[i];
        if (!is_first(r, i))
            continue;
        fprintf(fp, "\n%s bought in %s (price %s, throughput %g)\n",
                be_model_device_name(m, l->device),
                be_model_period_label(m, l->purchase),
                fmt_money(be_model_device_price(m, l->device, l->purchase), 2,
                          b1, sizeof b1), l->throughput);
        fprintf(fp, "%10s %18s %16s %16s\n", "years held", "net present cost",
                "EAC a year", "per throughput");
        for (int a = 1; a <= l->ages; a++)
            fprintf(fp, "%10s %18s %16s %16s%s%s\n",
                    answers_years(a * dt, y, sizeof y),
                    fmt_money(l->npv[a - 1], 2, b1, sizeof b1),
                    fmt_money(l->eac[a - 1], 2, b2, sizeof b2),
                    fmt_money(l->eac[a - 1] / l->throughput, 2, b3,
                              sizeof b3),
                    a == l->best ? "  <- economic life" : "",
                    a > l->horizon_ages && a == l->horizon_ages + 1
                        ? "  (from here: sold after the horizon)" : "");
    }
    fprintf(fp, "\nEconomic life by purchase period:\n%-20s %-8s %12s %16s "
            "%16s\n", "device", "bought", "life (years)", "EAC a year",
            "per throughput");
    for (int i = 0; i < r->n; i++) {
        const be_life *l = r->lives[i];
        fprintf(fp, "%-20s %-8s %12s %16s %16s\n",
                be_model_device_name(m, l->device),
                be_model_period_label(m, l->purchase),
                answers_years(l->best * dt, y, sizeof y),
                fmt_money(l->best_eac, 2, b1, sizeof b1),
                fmt_money(l->best_eac / l->throughput, 2, b2, sizeof b2));
    }
}

static void write_json(FILE *fp, void *ctx)
{
    const life_run *r = ctx;
    const be_model *m = r->m;
    double dt = be_model_period_years(m);
    char b[4][40];
    fprintf(fp, "{\"period_years\": %s, \"lives\": [",
            fmt_num(dt, b[0], sizeof b[0]));
    for (int i = 0; i < r->n; i++) {
        const be_life *l = r->lives[i];
        fprintf(fp, "%s\n  {\"device\": ", i ? "," : "");
        json_str(fp, be_model_device_name(m, l->device));
        fputs(", \"purchase\": ", fp);
        json_str(fp, be_model_period_label(m, l->purchase));
        fprintf(fp, ", \"price\": %s, \"throughput\": %s, "
                "\"economic_life_years\": %s, \"eac\": %s, ",
                fmt_num(be_model_device_price(m, l->device, l->purchase),
                        b[0], sizeof b[0]),
                fmt_num(l->throughput, b[1], sizeof b[1]),
                fmt_num(l->best * dt, b[2], sizeof b[2]),
                fmt_num(l->best_eac, b[3], sizeof b[3]));
        fprintf(fp, "\"eac_per_throughput\": %s, \"holdings\": [",
                fmt_num(l->best_eac / l->throughput, b[0], sizeof b[0]));
        for (int a = 1; a <= l->ages; a++)
            fprintf(fp, "%s\n    {\"years\": %s, \"npv\": %s, \"eac\": %s, "
                    "\"within_horizon\": %s}", a > 1 ? "," : "",
                    fmt_num(a * dt, b[0], sizeof b[0]),
                    fmt_num(l->npv[a - 1], b[1], sizeof b[1]),
                    fmt_num(l->eac[a - 1], b[2], sizeof b[2]),
                    a <= l->horizon_ages ? "true" : "false");
        fputs("]}", fp);
    }
    fputs("\n]}\n", fp);
}

static void write_csv(FILE *fp, void *ctx)
{
    const life_run *r = ctx;
    const be_model *m = r->m;
    double dt = be_model_period_years(m);
    char b[4][40];
    fputs("device,purchase,years_held,npv,eac,eac_per_throughput,"
          "within_horizon,economic_life\n", fp);
    for (int i = 0; i < r->n; i++) {
        const be_life *l = r->lives[i];
        for (int a = 1; a <= l->ages; a++)
            fprintf(fp, "%s,%s,%s,%s,%s,%s,%d,%d\n",
                    be_model_device_name(m, l->device),
                    be_model_period_label(m, l->purchase),
                    fmt_num(a * dt, b[0], sizeof b[0]),
                    fmt_num(l->npv[a - 1], b[1], sizeof b[1]),
                    fmt_num(l->eac[a - 1], b[2], sizeof b[2]),
                    fmt_num(l->eac[a - 1] / l->throughput, b[3], sizeof b[3]),
                    a <= l->horizon_ages, a == l->best);
    }
}

int cmd_life(int argc, char **argv)
{
    static const cli_opt opts[] = {
        {"--format", NULL, 1, OPT_FORMAT}, {"--output", "-o", 1, OPT_OUTPUT},
        {"--device", NULL, 1, OPT_DEVICE}, {"--set", NULL, 1, OPT_SET},
        {"--quiet", "-q", 0, OPT_QUIET}, {0}};
    static const char *const formats[] = {"text", "json", "csv", NULL};
    cli_common c;
    cli_common_init(&c, "text");
    life_run r = {0};
    const char *model;
    int rc = cli_parse_model_command(&cli_life, argc, argv, opts, formats,
                                     &c, own_option, &r, &model);
    if (rc >= 0)
        return rc;
    be_model *m = cli_load(model, &c, &rc, NULL);
    if (!m)
        return rc;
    r.m = m;
    int K = be_model_devices(m), T = be_model_periods(m);
    int only = -1;
    if (r.device) {
        only = be_model_find_device(m, r.device);
        if (only < 0) {
            be_model_free(m);
            return cli_usage_error(&cli_life, "no device named '%s' in %s",
                                   r.device, model);
        }
    }
    r.lives = calloc((size_t)K * (size_t)T, sizeof *r.lives);
    if (!r.lives) {
        fprintf(stderr, "breakeven: out of memory\n");
        be_model_free(m);
        return EXIT_SOLVER;
    }
    for (int k = 0; k < K && rc < 0; k++) {
        if (only >= 0 && k != only)
            continue;
        for (int t = 0; t < T; t++) {
            if (be_model_device_is_rented(m, k) ||
                !be_model_device_can_buy(m, k, t))
                continue;
            be_error err = {0};
            be_life *l = be_economic_life(m, k, t, &err);
            if (!l) {
                cli_print_error(&err);
                rc = cli_exit_for(err.code);
                break;
            }
            r.lives[r.n++] = l;
        }
    }
    if (rc < 0 && r.n == 0) {
        fprintf(stderr, "breakeven: %s: %s cannot be bought: no economic "
                "life to compute\n", model,
                only >= 0 ? r.device : "no device");
        rc = EXIT_NO_PLAN;
    }
    if (rc < 0)
        rc = answers_emit(&c, strcmp(c.format, "json") == 0 ? write_json
                              : strcmp(c.format, "csv") == 0 ? write_csv
                              : write_text, &r);
    for (int i = 0; i < r.n; i++)
        be_life_free(r.lives[i]);
    free(r.lives);
    be_model_free(m);
    return rc;
}

const cli_command cli_life = {
    "life", cmd_life,
    "economic life: the yearly cost of owning a unit for 1, 2, ... years",
    "usage: breakeven life MODEL.yaml [--device NAME] [--format text|json|csv]"
    "\n                      [-o FILE] [--set PATH=VALUE]...\n",
    "  --device NAME      only this device (default: every buyable one)\n"
    "  --format F         text (default), json or csv\n"
    "  -o, --output FILE  write the result to FILE (atomically)\n"
    "  --set PATH=VALUE   override a value of the model\n"
    "  -q, --quiet        no notes on standard error\n",
};
