/*
 * cmd_plot.c -- `breakeven plot`: one chart of the optimal plan as SVG or
 * PNG, for slides, or the series it plots as CSV.
 */
#include <errno.h>
#include <string.h>

#include "chart_data.h"
#include "cli.h"
#include "output.h"

int cmd_plot(int argc, char **argv);

extern const cli_command cli_plot;

enum { OPT_CHART = OPT_COMMAND, OPT_WIDTH, OPT_HEIGHT };

typedef struct plot_opts {
    const char *chart;
    double width, height;
} plot_opts;

static int own_option(void *ctx, int id, const char *value)
{
    plot_opts *o = ctx;
    if (id == OPT_CHART) {
        for (int i = 0; report_chart_names[i]; i++)
            if (strcmp(value, report_chart_names[i]) == 0) {
                o->chart = value;
                return 1;
            }
        return cli_usage_error(&cli_plot, "unknown chart '%s' (fleet, "
                               "capacity, power or cost)", value), CLI_ERROR;
    }
    double *size = id == OPT_WIDTH ? &o->width : &o->height;
    if (cli_parse_number(value, size) != 0 || *size < 200 || *size > 10000)
        return cli_usage_error(&cli_plot, "%s needs a number of pixels from "
                               "200 to 10000, found '%s'", id == OPT_WIDTH ?
                               "--width" : "--height", value), CLI_ERROR;
    return 1;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

int cmd_plot(int argc, char **argv)
{
    static const cli_opt opts[] = {
        {"--chart", NULL, 1, OPT_CHART}, {"--format", NULL, 1, OPT_FORMAT},
        {"--output", "-o", 1, OPT_OUTPUT}, {"--width", NULL, 1, OPT_WIDTH},
        {"--height", NULL, 1, OPT_HEIGHT}, CLI_COMMON_SOLVE_OPTS, {0}};
    static const char *const formats[] = {"svg", "png", "csv", NULL};
    cli_common c;
    cli_common_init(&c, NULL);
    plot_opts po = {NULL, 960, 540};
    const char *model;
    int rc = cli_parse_model_command(&cli_plot, argc, argv, opts, formats, &c,
                                     own_option, &po, &model);
    if (rc >= 0)
        return rc;
    if (!po.chart)
        return cli_usage_error(&cli_plot, "plot needs --chart fleet, "
                               "capacity, power or cost");
    const char *format = c.format;
    if (!format)   /* from the file name: .png, .csv, else SVG */
        format = c.output && ends_with(c.output, ".png") ? "png"
               : c.output && ends_with(c.output, ".csv") ? "csv" : "svg";

    rc = EXIT_PLAN;
    be_model *m = cli_load(model, &c, &rc, NULL);
    if (!m)
        return rc;
    be_settings s;
    cli_settings(&c, &s);
    be_error err = {0};
    report_data d = {0};
    chart *ch = NULL;
    be_solution *sol = be_solve(m, &s, &err);
    if (!sol) {
        cli_print_error(&err);
        rc = cli_exit_for(err.code);
        goto done;
    }
    if (!sol->plan) {
        fprintf(stderr, "breakeven: %s: no plan to plot: the model is %s%s%s"
                "\n", model, be_status_name(sol->status),
                sol->reason[0] ? ": " : "", sol->reason);
        rc = sol->status == BE_NO_PLAN ? EXIT_SOLVER : EXIT_NO_PLAN;
        goto done;
    }
    if (report_data_init(&d, m, sol, &err) != 0 ||
        !(ch = report_chart(&d, po.chart))) {
        if (!err.message[0])
            snprintf(err.message, sizeof err.message, "out of memory");
        cli_print_error(&err);
        rc = EXIT_SOLVER;
        goto done;
    }
    out_file out;
    if (out_open(&out, c.output) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n", c.output,
                strerror(errno));
        rc = EXIT_SOLVER;
        goto done;
    }
    char why[160] = "";
    int bad = 0;
    if (strcmp(format, "csv") == 0)
        chart_write_csv(out.fp, ch, 1);
    else if (strcmp(format, "png") == 0)
        bad = chart_write_png(ch, po.width, po.height, 2, out.fp, why,
                              sizeof why);
    else
        bad = chart_write_svg(ch, po.width, po.height, out.fp, why,
                              sizeof why);
    if (bad) {
        out_abort(&out);
        fprintf(stderr, "breakeven: %s: %s\n", c.output ? c.output :
                "standard output", why);
        rc = EXIT_SOLVER;
        goto done;
    }
    if (out_commit(&out) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n",
                c.output ? c.output : "standard output", strerror(errno));
        rc = EXIT_SOLVER;
        goto done;
    }
    if (sol->status == BE_TIME_LIMIT_PLAN && !c.quiet)
        fprintf(stderr, "breakeven: %s: time limit reached; the plan is the "
                "best found, within %.3g%% of optimal\n", model,
                100.0 * sol->gap);
done:
    chart_free(ch);
    report_data_free(&d);
    be_solution_free(sol);
    be_model_free(m);
    chart_cleanup();
    return rc;
}

const cli_command cli_plot = {
    "plot", cmd_plot,
    "draw one chart of the optimal plan (SVG or PNG, for slides)",
    "usage: breakeven plot MODEL.yaml --chart fleet|capacity|power|cost\n"
    "                      [-o FILE.svg|FILE.png|FILE.csv]"
    " [--format svg|png|csv]\n"
    "                      [--width PX] [--height PX] [--relax]"
    " [--mip-gap G]\n"
    "                      [--time-limit SECONDS] [--set PATH=VALUE]..."
    " [--quiet]\n",
    "  --chart NAME       fleet: units in service by device; capacity:\n"
    "                     capacity against demand; power: facility power\n"
    "                     against the cap; cost: cumulative discounted cost\n"
    "                     of the plan against running the fleet to end of\n"
    "                     life, with the break-even period marked\n"
    "  -o, --output FILE  write to FILE (atomically); the format follows\n"
    "                     its extension unless --format says otherwise\n"
    "  --format F         svg (default), png (twice the pixels, for\n"
    "                     slides) or csv (the plotted series:\n"
    "                     chart,series,period,value)\n"
    "  --width PX, --height PX\n"
    "                     the chart's size (default 960 x 540)\n"
    "  --relax, --mip-gap, --time-limit, --set, -q, -v: as for solve\n",
};
