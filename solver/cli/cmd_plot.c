/*
 * cmd_plot.c -- `breakeven plot`: one chart of the optimal plan as SVG or
 * PNG, for slides, or the series it plots as CSV.
 */
#include <string.h>

#include "chart_data.h"
#include "cli.h"

static const char *chart_name;
static double width = 960, height = 540;

static void fail(be_error *err, const char *why)
{
    err->code = BE_EIO;
    snprintf(err->message, sizeof err->message, "%s", why);
}

static int write_svg(FILE *fp, const void *data, be_error *err)
{
    char why[160] = "";
    if (chart_write_svg(data, width, height, fp, why, sizeof why) == 0)
        return 0;
    fail(err, why);
    return -1;
}

static int write_png(FILE *fp, const void *data, be_error *err)
{
    char why[160] = "";
    if (chart_write_png(data, width, height, 2, fp, why, sizeof why) == 0)
        return 0;
    fail(err, why);
    return -1;
}

static void write_csv(FILE *fp, const void *data)
{
    chart_write_csv(fp, data, 1);
}

static const cli_option options[] = {
    CLI_OPT_CHOICE("--chart", &chart_name, "NAME", plot_chart_names,
                   CLI_REQUIRED,
                   "fleet: units in service by device; capacity: capacity "
                   "against demand; power: facility power against the cap; "
                   "cost: cumulative discounted cost of the plan against "
                   "running the fleet to end of life, with the break-even "
                   "period marked; with revenue, cashflow: net cash flow "
                   "by year and its cumulative sums, nominal and "
                   "discounted; value: the fleet's book value against its "
                   "market value (docs/returns.md)"),
    CLI_OPT_NUMBER("--width", NULL, &width, "PX", 200, 10000, 0,
                   "a number of pixels from 200 to 10000",
                   "the chart's width (default 960)"),
    CLI_OPT_NUMBER("--height", NULL, &height, "PX", 200, 10000, 0,
                   "a number of pixels from 200 to 10000",
                   "the chart's height (default 540)"),
    CLI_OPT_END};

static const cli_format formats[] = {
    {"svg", NULL, write_svg, NULL},
    {"png", NULL, write_png, "twice the pixels, for slides"},
    {"csv", write_csv, NULL, "the plotted series: chart,series,period,value"},
    {0}};

/* A chart of the plan as an investment (a model with revenue). */
static int run_returns(cli_ctx *x)
{
    be_error err = {0};
    returns_data d = {0};
    chart *ch = NULL;
    int rc;
    if (!be_model_has_revenue(x->m))
        return cli_usage_error(x->cmd, "--chart %s needs a model with "
                               "revenue (docs/returns.md)", chart_name);
    if (be_model_scenarios(x->m) > 0)
        return cli_usage_error(x->cmd, "--chart %s is of one plan: the "
                               "model has scenarios", chart_name);
    if (returns_data_init(&d, x->m, x->sol->plan, &x->s, &err) != 0 ||
        !(ch = returns_chart(&d, chart_name))) {
        if (!err.message[0])
            snprintf(err.message, sizeof err.message, "out of memory");
        cli_print_error(&err);
        rc = EXIT_SOLVER;
    } else {
        rc = cli_emit(x, ch);
    }
    chart_free(ch);
    returns_data_free(&d);
    chart_cleanup();
    return rc;
}

static int run(cli_ctx *x)
{
    be_error err = {0};
    report_data d = {0};
    chart *ch = NULL;
    int rc;
    for (int i = 0; returns_chart_names[i]; i++)
        if (strcmp(chart_name, returns_chart_names[i]) == 0)
            return run_returns(x);
    if (report_data_init(&d, x->m, x->sol, &err) != 0 ||
        !(ch = report_chart(&d, chart_name))) {
        if (!err.message[0])
            snprintf(err.message, sizeof err.message, "out of memory");
        cli_print_error(&err);
        rc = EXIT_SOLVER;
    } else {
        rc = cli_emit(x, ch);
    }
    chart_free(ch);
    report_data_free(&d);
    chart_cleanup();
    return rc;
}

const cli_command cli_plot = {
    .name = "plot",
    .summary = "draw one chart of the optimal plan (SVG or PNG, for slides)",
    .flags = CMD_SOLVE | CMD_PLAN | CMD_LOAD | CMD_FILE | CMD_FORMAT_BY_NAME,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SOLVER,
    .options = options, .formats = formats, .run = run,
    .notes = "Without --format, the extension of -o FILE chooses the format "
             "(.png, .csv), else SVG.",
};
