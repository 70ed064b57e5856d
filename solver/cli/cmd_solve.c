/*
 * cmd_solve.c -- `breakeven solve`: the optimal plan of one model.
 */
#include <sys/resource.h>

#include "cli.h"
#include "plan_file.h"
#include "solve_output.h"

static int stats;
static const char *plan_out;

static void print_stats(const cli_ctx *x, double report)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    const be_stats *s = &x->sol->stats;
    double parse = x->load_seconds;
    double total = parse + s->build_seconds + s->solve_seconds +
                   s->evaluate_seconds + report;
    fprintf(stderr,
            "stats: rows %d, columns %d (%d integer), nonzeros %d, "
            "simplex iterations %d\n"
            "stats: parse %.3f s, build %.3f s, solve %.3f s, evaluate "
            "%.3f s, report %.3f s, total %.3f s\n"
            "stats: parse+build %.2f%% of total, peak memory %ld KiB\n",
            s->rows, s->cols, s->integer_cols, s->nonzeros,
            s->simplex_iterations, parse, s->build_seconds, s->solve_seconds,
            s->evaluate_seconds, report, total,
            total > 0 ? 100.0 * (parse + s->build_seconds) / total : 0.0,
            ru.ru_maxrss);
}

static void write_text(FILE *fp, const void *data)
{
    const cli_ctx *x = data;
    solve_text(fp, x->m, x->sol);
}

static void write_json(FILE *fp, const void *data)
{
    const cli_ctx *x = data;
    solve_json(fp, x->m, x->sol, x->diag, x->scenario_status,
               x->scenario_diag);
}

static void write_csv(FILE *fp, const void *data)
{
    const cli_ctx *x = data;
    solve_csv(fp, x->m, x->sol);
}

static const cli_option options[] = {
    CLI_OPT_FLAG("--stats", NULL, &stats,
                 "phase times and program size on standard error"),
    CLI_OPT_STRING("--plan-out", NULL, &plan_out, "FILE",
                   "also write the plan as a plan file (docs/plans.md), to "
                   "edit and price again with compare --plan"),
    CLI_OPT_END};

static const cli_format formats[] = {
    CLI_TEXT_JSON_CSV(write_text, write_json, write_csv)};

/* --plan-out writes one plan: a model with scenarios has one each. */
static int check(cli_ctx *x)
{
    if (!plan_out || be_model_scenarios(x->m) == 0)
        return EXIT_PLAN;
    fprintf(stderr, "breakeven: %s: --plan-out writes one plan, and a model "
            "with scenarios has one per scenario (--format json holds them "
            "all)\n", x->path);
    return EXIT_USAGE;
}

static int run(cli_ctx *x)
{
    double t0 = cli_now();
    int rc = cli_emit(x, x);
    double report = cli_now() - t0;
    if (rc == EXIT_PLAN && plan_out && x->sol->plan)
        rc = plan_file_write(plan_out, x->m, x->sol->plan,
                             x->sol->eval->cost.total, "breakeven solve");
    if (stats)
        print_stats(x, report);
    return rc;
}

const cli_command cli_solve = {
    .name = "solve",
    .summary = "build the program, solve it with GLPK, print the plan",
    .flags = CMD_SOLVE | CMD_LOAD | CMD_FILE | CMD_DIAGNOSE | CMD_SCENARIOS,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SOLVER,
    .options = options, .formats = formats, .run = run, .check = check,
};
