/*
 * cmd_check.c -- `breakeven check`: validate a model file.
 */
#include "cli.h"

static int run(cli_ctx *x)
{
    if (!x->c->quiet)
        printf("%s: valid model '%s': %d periods, %d devices, %d cohorts\n",
               x->path, be_model_name(x->m), be_model_periods(x->m),
               be_model_devices(x->m), be_model_cohorts(x->m));
    return EXIT_PLAN;
}

const cli_command cli_check = {
    .name = "check", .summary = "validate a model file only",
    .flags = CMD_LOAD | CMD_FILE, .shared = CLI_SET | CLI_QUIET, .run = run,
    .notes = "With --quiet nothing is printed: the exit code says it all.",
};
