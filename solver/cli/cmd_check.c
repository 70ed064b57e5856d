/*
 * cmd_check.c -- `breakeven check`: validate a model file; for a model
 * with scenarios, also show them and the tree of shared decisions (and,
 * with --verbose, where each pair of them parts).
 */
#include <string.h>

#include "cli.h"
#include "scenarios.h"

static int verbose;

/* The scenarios and the tree of shared decisions; with --verbose, who
 * parts from whom, pair by pair. */
static void scenarios(const be_model *m)
{
    int S = be_model_scenarios(m), T = be_model_periods(m);
    int fb = be_model_first_branch(m);
    double alpha, weight;
    printf("%d scenarios; ", S);
    if (fb >= T)
        printf("they never part: every decision is shared\n");
    else if (fb == 0)
        printf("they differ from %s on\n", be_model_period_label(m, 0));
    else
        printf("the tree first branches in %s\n",
               be_model_period_label(m, fb));
    sc_print_scenarios(stdout, m, "  ");
    if (be_model_risk(m, &alpha, &weight))
        printf("risk: minimise (1 - %g) E[cost] + %g CVaR at %g\n", weight,
               weight, alpha);
    printf("The tree (which scenarios share decisions until when):\n");
    sc_print_tree(stdout, m, "  ");
    if (!verbose) {
        printf("(--verbose: where each pair of scenarios parts)\n");
        return;
    }
    printf("Where they part:\n");
    sc_print_parts(stdout, m, "  ", 45);
}

static const cli_option options[] = {
    CLI_OPT_FLAG("--verbose", "-v", &verbose,
                 "with scenarios, also where each pair of scenarios parts"),
    CLI_OPT_END};

static int run(cli_ctx *x)
{
    if (!x->c->quiet)
        printf("%s: valid model '%s': %d periods, %d devices, %d cohorts\n",
               x->path, be_model_name(x->m), be_model_periods(x->m),
               be_model_devices(x->m), be_model_cohorts(x->m));
    /* values read as slightly other than written: which period each is */
    int left = 0, n_notes = be_model_notes(x->m, &left);
    for (int i = 0; !x->c->quiet && i < n_notes; i++) {
        const be_error *n = be_model_note(x->m, i);
        printf("%s:%d:%d: note: %s\n", n->file, n->line, n->column,
               n->message);
    }
    if (!x->c->quiet && left)
        printf("%s: note: %d more value%s read the same way\n", x->path, left,
               left == 1 ? "" : "s");
    if (!x->c->quiet && be_model_description(x->m)[0]) {
        /* the description, each of its lines indented under the summary */
        for (const char *s = be_model_description(x->m); *s;) {
            size_t n = strcspn(s, "\n");
            printf("  %.*s\n", (int)n, s);
            s += n + (s[n] == '\n');
        }
    }
    if (!x->c->quiet && be_model_scenarios(x->m) > 0)
        scenarios(x->m);
    return EXIT_PLAN;
}

const cli_command cli_check = {
    .name = "check", .summary = "validate a model file only",
    .flags = CMD_LOAD | CMD_FILE | CMD_SCENARIOS,
    .shared = CLI_SET | CLI_QUIET, .options = options, .run = run,
    .notes = "With --quiet nothing is printed: the exit code says it all.",
};
