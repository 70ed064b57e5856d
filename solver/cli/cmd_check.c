/*
 * cmd_check.c -- `breakeven check`: validate a model file.
 */
#include "cli.h"

int cmd_check(int argc, char **argv);

extern const cli_command cli_check;

int cmd_check(int argc, char **argv)
{
    static const cli_opt opts[] = {
        {"--quiet", "-q", 0, OPT_QUIET}, {"--set", NULL, 1, OPT_SET}, {0}};
    cli_common c;
    cli_common_init(&c, NULL);
    const char *model;
    int rc = cli_parse_model_command(&cli_check, argc, argv, opts, NULL, &c,
                                     NULL, NULL, &model);
    if (rc >= 0)
        return rc;
    be_model *m = cli_load(model, &c, &rc, NULL);
    if (!m)
        return rc;
    if (!c.quiet)
        printf("%s: valid model '%s': %d periods, %d devices, %d cohorts\n",
               model, be_model_name(m), be_model_periods(m),
               be_model_devices(m), be_model_cohorts(m));
    be_model_free(m);
    return EXIT_PLAN;
}

const cli_command cli_check = {
    "check", cmd_check, "validate a model file only",
    "usage: breakeven check MODEL.yaml [--set PATH=VALUE]... [--quiet]\n",
    "  --set PATH=VALUE   override a value of the model before checking\n"
    "  -q, --quiet        print nothing; the exit code says it all\n",
};
