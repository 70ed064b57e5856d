/*
 * cmd_life.c -- `breakeven life`: the equivalent annual cost of owning one
 * unit of each buyable device for 1, 2, ... years, and its economic life
 * (docs/breakeven-answers.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

typedef struct life_run {
    const be_model *m;
    void **lives;           /* [n] be_life: device-major, purchase periods
                               in order */
    int n;
} life_run;

/* The first purchase period's life of each device leads. */
static int is_first(const life_run *r, int i)
{
    const be_life *before = i > 0 ? r->lives[i - 1] : NULL;
    const be_life *l = r->lives[i];
    return !before || before->device != l->device;
}

static void write_text(FILE *fp, const void *ctx)
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
                fmt_years(l->best * dt, y, sizeof y),
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
                    fmt_years(a * dt, y, sizeof y),
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
                fmt_years(l->best * dt, y, sizeof y),
                fmt_money(l->best_eac, 2, b1, sizeof b1),
                fmt_money(l->best_eac / l->throughput, 2, b2, sizeof b2));
    }
}

static void write_json(FILE *fp, const void *ctx)
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

static void write_csv(FILE *fp, const void *ctx)
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

static const char *device;   /* --device, or NULL for all */

static const cli_option options[] = {
    CLI_OPT_STRING("--device", NULL, &device, "NAME",
                   "only this device (default: every buyable one)"),
    CLI_OPT_END};

static const cli_format formats[] = {
    CLI_TEXT_JSON_CSV(write_text, write_json, write_csv)};

static int only;   /* --device's index, or -1 */

/* The life of device k bought in period t, if it can be bought then. */
static void *make(const cli_ctx *x, int k, int t, be_error *err)
{
    if ((only >= 0 && k != only) || be_model_device_is_rented(x->m, k) ||
        !be_model_device_can_buy(x->m, k, t))
        return NULL;
    return be_economic_life(x->m, k, t, err);
}

static void free_life(void *l)
{
    be_life_free(l);
}

static int run(cli_ctx *x)
{
    life_run r = {x->m, NULL, 0};
    char none[300];
    int rc = cli_find_device(x, device, &only);
    if (rc != 0)
        return rc;
    snprintf(none, sizeof none, "%s cannot be bought: no economic life to "
             "compute", only >= 0 ? device : "no device");
    return cli_emit_pairs(x, be_model_devices(x->m), be_model_periods(x->m),
                          make, free_life, &r.lives, &r.n, &r, none);
}

const cli_command cli_life = {
    .name = "life",
    .summary = "economic life: the yearly cost of owning a unit for 1, 2, "
               "... years",
    .flags = CMD_LOAD | CMD_FILE,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SET | CLI_QUIET,
    .options = options, .formats = formats, .run = run,
};
