/*
 * cmd_solve.c -- `breakeven solve`: the optimal plan of one model.
 */
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli.h"
#include "output.h"
#include "plan_file.h"
#include "report.h"

int cmd_solve(int argc, char **argv);

extern const cli_command cli_solve;

static void print_stats(const be_solution *sol, double parse, double report)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    const be_stats *s = &sol->stats;
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

/* One line on a terminal, rewritten in place (stderr only). */
static void show_progress(void *ctx, const be_progress *p)
{
    int *shown = ctx;
    char best[48] = "none yet", gap[32] = "";
    if (p->have_plan) {
        fmt_money(p->best, 0, best, sizeof best);
        snprintf(gap, sizeof gap, ", gap %.3g%%", 100.0 * p->gap);
    }
    fprintf(stderr, "\rsolving: %.0f s, best plan %s%s, %d open nodes   ",
            p->seconds, best, gap, p->open_nodes);
    fflush(stderr);
    *shown = 1;
}

int cmd_solve(int argc, char **argv)
{
    static const cli_opt opts[] = {
        {"--format", NULL, 1, OPT_FORMAT}, {"--output", "-o", 1, OPT_OUTPUT},
        {"--stats", NULL, 0, OPT_STATS}, CLI_COMMON_SOLVE_OPTS,
        {"--plan-out", NULL, 1, OPT_COMMAND + 20}, {0}};
    static const char *const formats[] = {"text", "json", "csv", NULL};
    cli_common c;
    cli_common_init(&c, "text");
    cli_args a = {&cli_solve, argc, argv, 1};
    const char *model = NULL, *v, *plan_out = NULL;
    int id;
    while ((id = cli_next(&a, opts, &v)) != CLI_END) {
        if (id == CLI_ERROR)
            return EXIT_USAGE;
        if (id == OPT_COMMAND + 20) {
            plan_out = v;   /* --plan-out FILE: the plan as a plan file */
        } else if (id == CLI_ARG) {
            if (model)
                return cli_usage_error(&cli_solve, "unexpected argument '%s' "
                                       "(one model file per run)", v);
            model = v;
        } else if (cli_common_option(&cli_solve, &c, id, v, formats) < 0) {
            return EXIT_USAGE;
        }
    }
    if (!model)
        return cli_usage_error(&cli_solve, "solve needs a model file");

    int rc = EXIT_PLAN;
    double parse;
    be_model *m = cli_load(model, &c, &rc, &parse);
    if (!m)
        return rc;
    char scaling[512];
    if (!c.quiet && be_model_check_scaling(m, scaling, sizeof scaling))
        fprintf(stderr, "breakeven: %s: warning: %s\n", model, scaling);
    be_diagnosis *diag = NULL;
    be_settings s;
    cli_settings(&c, &s);
    int shown = 0;
    if (!c.quiet && !c.verbose && isatty(fileno(stderr))) {
        s.progress = show_progress;
        s.progress_ctx = &shown;
    }
    be_error err = {0};
    be_solution *sol = be_solve(m, &s, &err);
    if (shown)
        fputs("\r\033[K", stderr);   /* clear the progress line */
    if (!sol) {
        cli_print_error(&err);
        be_model_free(m);
        return cli_exit_for(err.code);
    }

    if (sol->status == BE_INFEASIBLE || sol->status == BE_UNBOUNDED) {
        /* why, in the planner's words: which limits must give way */
        be_error derr = {0};
        diag = be_diagnose(m, &s, &derr);
        if (!diag && !c.quiet)
            fprintf(stderr, "breakeven: %s: note: no diagnosis: %s\n", model,
                    derr.message);
    }

    double t0 = cli_now();
    out_file out;
    if (out_open(&out, c.output) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n", c.output,
                strerror(errno));
        rc = EXIT_SOLVER;
        goto done;
    }
    if (strcmp(c.format, "json") == 0)
        report_json_diagnosis(out.fp, m, sol, diag);
    else if (strcmp(c.format, "csv") == 0)
        report_csv(out.fp, m, sol);
    else
        report_text(out.fp, m, sol);
    if (out_commit(&out) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n",
                c.output ? c.output : "standard output", strerror(errno));
        rc = EXIT_SOLVER;
        goto done;
    }
    double report = cli_now() - t0;
    if (plan_out && sol->plan &&
        plan_file_write(plan_out, m, sol->plan, sol->eval->cost.total,
                        "breakeven solve") != 0) {
        rc = EXIT_SOLVER;
        goto done;
    }

    switch (sol->status) {
    case BE_OPTIMAL:
        break;
    case BE_TIME_LIMIT_PLAN:
        if (!c.quiet)
            fprintf(stderr, "breakeven: %s: time limit reached; the plan is "
                    "the best found, within %.3g%% of optimal\n", model,
                    100.0 * sol->gap);
        break;
    case BE_INFEASIBLE:
    case BE_UNBOUNDED:
        fprintf(stderr, "breakeven: %s: no feasible plan: the model is "
                "%s%s%s\n", model, be_status_name(sol->status),
                sol->reason[0] ? ": " : "", sol->reason);
        for (int i = 0; diag && i < diag->n; i++)
            if (strcmp(diag->gives[i].text, sol->reason) != 0)
                fprintf(stderr, "breakeven: %s: %s\n", model,
                        diag->gives[i].text);
        rc = EXIT_NO_PLAN;
        break;
    case BE_NO_PLAN:
        fprintf(stderr, "breakeven: %s: time limit reached before any plan "
                "was found\n", model);
        rc = EXIT_SOLVER;
        break;
    }
    if (c.stats)
        print_stats(sol, parse, report);
done:
    be_diagnosis_free(diag);
    be_solution_free(sol);
    be_model_free(m);
    return rc;
}

const cli_command cli_solve = {
    "solve", cmd_solve,
    "build the program, solve it with GLPK, print the plan",
    "usage: breakeven solve MODEL.yaml [--format text|json|csv] [-o FILE]\n"
    "                       [--relax] [--mip-gap G] [--time-limit SECONDS]\n"
    "                       [--set PATH=VALUE]... [--stats] [--quiet]"
    " [--verbose]\n"
    "                       [--plan-out PLAN.yaml]\n",
    "  --format F         text (default), json or csv\n"
    "  -o, --output FILE  write the result to FILE (atomically) instead of\n"
    "                     standard output\n"
    "  --relax            solve the LP relaxation (fractional units)\n"
    "  --mip-gap G        stop branch and bound at relative gap G\n"
    "                     (default 1e-6)\n"
    "  --time-limit S     stop after S seconds with the best plan so far\n"
    "                     (default 60 for whole units, none for an LP;\n"
    "                     'none': no limit)\n"
    "  --set PATH=VALUE   override a value of the model, e.g.\n"
    "                     --set energy.price=0.12 --set devices.new.price.growth=-0.2\n"
    "  --stats            phase times and program size on standard error\n"
    "  --plan-out FILE    also write the plan as a plan file (docs/plans.md),\n"
    "                     to edit and price again with compare --plan\n"
    "  -q, --quiet        no notes on standard error, only errors\n"
    "  -v, --verbose      GLPK's solver log on standard error\n",
};
