/*
 * main.c -- the breakeven command: finds the subcommand and hands it the
 * arguments.  Each command is in cmd_<name>.c; the shared pieces in cli.c.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

extern const cli_command cli_solve, cli_check, cli_lp, cli_export, cli_explain;
extern const cli_command cli_report, cli_plot;
extern const cli_command cli_life, cli_challenger, cli_prices, cli_threshold;
extern const cli_command cli_compare, cli_payback, cli_returns, cli_advance;
extern const cli_command cli_uncertainty;
extern const cli_command cli_batch, cli_sweep;
extern const cli_command cli_init;

static const cli_command *const commands[] = {
    &cli_solve, &cli_check, &cli_lp, &cli_export, &cli_explain,
    &cli_report, &cli_plot,
    &cli_life, &cli_challenger, &cli_prices, &cli_threshold,
    &cli_compare, &cli_payback, &cli_returns, &cli_advance, &cli_uncertainty,
    &cli_batch, &cli_sweep, &cli_init, NULL,
};

static const char exit_codes[] =
    "exit codes:\n"
    "  0  a plan was found (check: the model is valid)\n"
    "  1  no feasible plan exists (infeasible or unbounded)\n"
    "  2  usage error\n"
    "  3  the model file cannot be read or is invalid\n"
    "  4  solver failure, time limit reached without a plan, or the\n"
    "     result could not be written\n";

static void usage(FILE *fp)
{
    for (const cli_command *const *c = commands; *c; c++)
        cli_usage(fp, *c);
    fputs("       breakeven help [COMMAND] | --help | --version\n", fp);
}

static const cli_command *find(const char *name)
{
    for (const cli_command *const *c = commands; *c; c++)
        if (strcmp((*c)->name, name) == 0)
            return *c;
    return NULL;
}

/* "'slove' is not a command; did you mean 'solve'?" (be_suggest, the
 * model loader's rule) and where the list is.  Returns EXIT_USAGE. */
static int not_a_command(const char *name)
{
    const char *names[64];
    size_t n = 0;
    for (const cli_command *const *c = commands;
         *c && n < sizeof names / sizeof *names; c++)
        names[n++] = (*c)->name;
    const char *best = be_suggest(name, names, n);
    fprintf(stderr, "breakeven: '%s' is not a command", name);
    if (best)
        fprintf(stderr, "; did you mean '%s'?", best);
    fputs("\nSee 'breakeven --help' for the commands.\n", stderr);
    return EXIT_USAGE;
}

static int help(const char *name)
{
    if (name) {
        const cli_command *c = find(name);
        if (!c)
            return not_a_command(name);
        cli_help(stdout, c);
        printf("\n%s", exit_codes);
        return EXIT_PLAN;
    }
    usage(stdout);
    fputs("\nbreakeven finds the cheapest buy / keep / retire schedule for a "
          "fleet of\nmachines described in a YAML model file (see "
          "docs/schema.md).\n\ncommands:\n", stdout);
    int width = 0;
    for (const cli_command *const *c = commands; *c; c++)
        if ((int)strlen((*c)->name) > width)
            width = (int)strlen((*c)->name);
    for (const cli_command *const *c = commands; *c; c++)
        printf("  %-*s %s\n", width, (*c)->name, (*c)->summary);
    printf("\n'breakeven help COMMAND' or 'breakeven COMMAND --help' shows a "
           "command's\noptions.\n\n%s", exit_codes);
    return EXIT_PLAN;
}

int main(int argc, char **argv)
{
    setlocale(LC_NUMERIC, "C");
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h"))
        return help(NULL);
    if (!strcmp(name, "help"))
        return help(argc > 2 ? argv[2] : NULL);
    if (!strcmp(name, "--version")) {
        printf("breakeven %s\n", BE_VERSION);
        return EXIT_PLAN;
    }
    const cli_command *c = find(name);
    if (!c)
        return not_a_command(name);
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return help(c->name);
    int rc = cli_dispatch(c, argc - 1, argv + 1);
    be_cleanup();
    return rc;
}
