/*
 * cmd_init.c -- `breakeven init`: write a commented model to start from.
 *
 * The model is the smallest one that shows every part of the schema a
 * planner meets: a fleet in place (DGX H100 servers), one successor
 * generation (DGX B200), energy, a site power cap and taxes, a
 * commented-out revenue block (docs/returns.md) and a commented-out
 * workloads block (docs/workloads.md, with the B200's throughput per
 * workload), each of which stays valid when its lines are uncommented.  Every key has a comment saying what it means;
 * every number cites the section of the project's sourced data notes
 * (gpu-economics.md, as the shipped models do) or says "assumption".  The
 * text is fixed; only the horizon line and the words about periods follow
 * --period.  tests/cli.d/init.sh checks that each period kind passes
 * `check`, solves and validates against the JSON Schema.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "output.h"

/* One period kind: its horizon line and how to say its length. */
typedef struct init_period {
    const char *word;       /* --period value */
    const char *horizon;    /* the horizon line's value */
    const char *span;       /* what the horizon covers, for its comment */
} init_period;

static const init_period periods[] = {
    {"year", "{start: 2026, periods: 6, period: year}",
     "2026 .. 2031, six yearly periods"},
    {"quarter", "{start: 2026, periods: 24, period: quarter}",
     "2026-Q1 .. 2031-Q4, six years of quarters"},
    {"month", "{start: 2026, periods: 72, period: month}",
     "2026-01 .. 2031-12, six years of months"},
};

static const char head[] =
    "# A breakeven model to start from, written by `breakeven init`.\n"
    "#\n"
    "# The question: a site runs DGX H100 servers bought two years ago; the\n"
    "# next generation (DGX B200) does more work per kW.  When does replacing\n"
    "# the old servers pay, under the site's power cap, with taxes?\n"
    "#\n"
    "# Edit the numbers, then:\n"
    "#   breakeven check model.yaml     validate (the message names the line)\n"
    "#   breakeven solve model.yaml     the cheapest buy / keep / retire plan\n"
    "#   breakeven report model.yaml -o report.html\n"
    "# Every key is described in docs/schema.md.  Editors that use\n"
    "# yaml-language-server complete keys and flag mistakes when the file's\n"
    "# first line names the schema: a comment reading\n"
    "# 'yaml-language-server: $schema=PATH' with PATH the breakeven source's\n"
    "# docs/breakeven.schema.json.\n"
    "#\n"
    "# Sources: \"s1\" .. \"s7\" are sections of gpu-economics.md, the\n"
    "# project's sourced data notes, which breakeven's shipped models cite\n"
    "# too.  \"weak\" marks a secondary source, \"derived\" the\n"
    "# arithmetic on sourced figures, \"assumption\" a number with no source:\n"
    "# replace those with your own first.\n"
    "breakeven: 1                # the schema version: always 1\n"
    "name: H100 servers facing the B200 generation   # one line, shown in reports\n"
    "description: |             # free text, shown by check, explain and report\n"
    "  Starting model from breakeven init.  Replace the assumptions (marked\n"
    "  in the comments) with your own figures.\n";

static const char body[] =
    "discount_rate: 0.08         # per year: money now is worth 8% more than in a\n"
    "                            # year (assumption: a typical cost of capital)\n"
    "integer: true               # whole servers (false: fractional, faster, a bound)\n"
    "end_of_horizon: salvage     # servers held at the end count at their resale value\n"
    "\n"
    "# Work to serve in every period, in the devices' throughput unit (here\n"
    "# PFLOPS of dense BF16): what today's 12 H100 servers do, 12 x 7.912 =\n"
    "# 94.9 (derived, s1), steady (assumption: your own forecast).  A series:\n"
    "# one number, a list with one value per period, or {start, growth} with\n"
    "# growth per year ({start: 94.9, growth: 0.12} is 12% more a year).\n"
    "demand: 94.9\n"
    "\n"
    "energy:                     # electricity: price, overhead, usage\n"
    "  price: 0.0806             # $ per kWh: US industrial average 2023 (EIA, s3);\n"
    "                            # a series, like demand\n"
    "  pue: 1.54                 # facility power / IT power: industry average 2025\n"
    "                            # (Uptime Institute, s3)\n"
    "  utilization: 0.7          # average share of rated power drawn: 70%, as the\n"
    "                            # aiinframap TCO tool assumes (s3)\n"
    "\n"
    "site:                       # the facility's limits\n"
    "  power_cap_kw: 250         # the site's power limit, kW, against rated power x\n"
    "                            # pue: a 250 kW wholesale colocation suite (CBRE's\n"
    "                            # 250-500 kW class, s3); 12 H100s use 188.5 kW\n"
    "  # budget: 2000000         # (optional) most spent on purchases in a period\n"
    "\n"
    "finance:                    # taxes: without this section, none\n"
    "  tax_rate: 0.21            # income tax on the savings: the US federal\n"
    "                            # corporate rate (assumption: not in the shared data)\n"
    "  depreciation_years: 6     # straight-line tax depreciation: the 6-year server\n"
    "                            # life of Microsoft and Alphabet (s2)\n"
    "\n"
    "# Uncomment to sell the work and maximise net present value (docs/returns.md):\n"
    "# revenue:\n"
    "#   price: 20815            # $ per PFLOPS-year sold: 8 H100s at $2.35/GPU-hour\n"
    "#                           # (SemiAnalysis 2026, weak, s8) x 8,760 h / 7.912\n"
    "#                           # PFLOPS (derived); a series, like demand\n"
    "#   market: 120             # (optional) the most work that can be sold, at least\n"
    "#                           # the demand (assumption); without it, the demand\n"
    "\n"
    "# Uncomment to plan several kinds of work, each with its own demand and,\n"
    "# when it is sold, its own revenue (docs/workloads.md); then delete\n"
    "# `demand` above (and `revenue`: it moves into the workloads that sell):\n"
    "# workloads:\n"
    "#   - name: training          # letters, digits, '-', '_', '.'\n"
    "#     demand: 63.3            # 8 of today's 12 servers (assumption); a series\n"
    "#   - name: inference\n"
    "#     demand: 31.6            # the other 4 (assumption)\n"
    "#     # revenue: {price: 20815}   # as above, for this workload's work\n"
    "# With workloads, a device's throughput is one number, the same for every\n"
    "# workload (the H100 below: the reference), or a mapping from workloads to\n"
    "# numbers (the B200's commented line); a workload it does not list is one\n"
    "# it cannot serve.  Each unit in service splits its time between the\n"
    "# workloads it serves, as the plan finds best.\n"
    "\n"
    ;

static const char devices[] =
    "devices:                    # the machine types, owned or rented\n"
    "  - name: dgx-h100          # letters, digits, '-', '_', '.'; used in fleet\n"
    "    throughput: 7.912       # PFLOPS dense BF16: 8 GPUs x 989 TFLOPS (s1)\n"
    "    power_kw: 10.2          # rated IT power: DGX H100 maximum (NVIDIA, s1)\n"
    "    lifetime: 6             # years (or '72 months'): retired at this age at the\n"
    "                            # latest; 6-year life at Microsoft, Alphabet (s2)\n"
    "    om: 23862               # $ per server per year: colocation $194.95 per\n"
    "                            # kW-month (CBRE 2025, weak, s3) x 10.2 kW x 12\n"
    "                            # (derived); a list gives one value per year of age\n"
    "    # Resale: fraction x purchase price x 0.5^(age / half_life).  Half-life\n"
    "    # 2.7 years gives 0.77, 0.60, 0.46, 0.36 at ages 1..4, fitted to\n"
    "    # SpotWire's H100 curve 0.78, 0.60, 0.46, 0.35 (s2, derived).\n"
    "    resale: {fraction: 1.0, half_life: 2.7}\n"
    "    # No price: no more H100s are bought, they are only held (a price series\n"
    "    # and `available: {to: YEAR}` would allow buying until then).\n"
    "\n"
    "  - name: dgx-b200          # the successor generation, on sale\n"
    "    throughput: 18          # PFLOPS dense BF16: 8 GPUs x 2,250 TFLOPS (s1)\n"
    "    # with workloads: throughput: {training: 18, inference: 31.6}: inference\n"
    "    # up to 4x an H100 per GPU on Llama 2 70B (MLPerf Inference v4.1, vendor,\n"
    "    # s8) x 7.912 (derived)\n"
    "    power_kw: 14.3          # rated IT power: DGX B200 maximum (NVIDIA, s1)\n"
    "    lifetime: 6             # years, as above\n"
    "    price: 515000           # $ per server: DGX B200 (vengineer, weak, s1); a\n"
    "                            # series: {start: 515000, growth: -0.1} would fall\n"
    "    available: {from: 2026} # first period it can be bought (a year, or a label\n"
    "                            # like 2026-Q3 / 2026-07); `to:` ends the window\n"
    "    om: 33453               # colocation as above x 14.3 kW x 12 (derived)\n"
    "    resale: {fraction: 1.0, half_life: 2.7}   # assumption: decays like H100\n"
    "  # A rented device has `rent` (per unit per year) instead of a price,\n"
    "  # lifetime, om, resale and power:  - {name: cloud, throughput: 7.9,\n"
    "  # rent: 40000}\n"
    "\n"
    "# The servers in place at the start of the first period.\n"
    "fleet:\n"
    "  - device: dgx-h100        # a device above (owned, not rented)\n"
    "    count: 12               # servers (whole, since integer is true)\n"
    "    age: 2                  # years at the start (or '24 months'): bought 2024\n"
    "    purchase_price: 269000  # what one cost: DGX H100, SemiAnalysis May 2023 via\n"
    "                            # Epoch (s1); the basis of resale and depreciation\n";

static void write_model(FILE *fp, const void *data)
{
    const init_period *p = data;
    fputs(head, fp);
    fprintf(fp, "# The periods to plan: %s.  `period` is year,\n"
                "# quarter or month; ages, lifetimes and rates stay in years.\n"
                "horizon: %s\n", p->span, p->horizon);
    fputs(body, fp);
    fputs(devices, fp);
}

static const char *const period_words[] = {"year", "quarter", "month", NULL};
static const char *period = "year";
static int force;

static const cli_option options[] = {
    CLI_OPT_CHOICE("--period", &period, "KIND", period_words, 0,
                   "year (default), quarter or month periods"),
    CLI_OPT_FLAG("--force", NULL, &force, "replace FILE if it exists"),
    CLI_OPT_END};

static const cli_format formats[] = {{"yaml", write_model, NULL, NULL}, {0}};

static int run(cli_ctx *x)
{
    const init_period *p = &periods[0];
    for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++)
        if (strcmp(periods[i].word, period) == 0)
            p = &periods[i];
    /* a starting point must not replace a model someone has edited */
    const char *output = x->c->output;
    struct stat st;
    if (output && strcmp(output, "-") != 0 && !force &&
        stat(output, &st) == 0) {
        fprintf(stderr, "breakeven: %s already exists; choose another name "
                "or add --force to replace it\n", output);
        return EXIT_USAGE;
    }
    return cli_emit(x, p);
}

const cli_command cli_init = {
    .name = "init", .summary = "write a commented model to start from",
    .shared = CLI_OUTPUT, .options = options, .formats = formats,
    .run = run,
    .notes = "Without -o the model goes to standard output.",
};
