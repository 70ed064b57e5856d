/*
 * cmd_check.c -- `breakeven check`: validate a model file.
 */
#include <string.h>

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
    /* values read as slightly other than written: which period each is */
    int left = 0, n_notes = be_model_notes(m, &left);
    for (int i = 0; !c.quiet && i < n_notes; i++) {
        const be_error *n = be_model_note(m, i);
        printf("%s:%d:%d: note: %s\n", n->file, n->line, n->column,
               n->message);
    }
    if (!c.quiet && left)
        printf("%s: note: %d more value%s read the same way\n", model, left,
               left == 1 ? "" : "s");
    if (!c.quiet && be_model_description(m)[0]) {
        /* the description, each of its lines indented under the summary */
        for (const char *s = be_model_description(m); *s;) {
            size_t n = strcspn(s, "\n");
            printf("  %.*s\n", (int)n, s);
            s += n + (s[n] == '\n');
        }
    }
    be_model_free(m);
    return EXIT_PLAN;
}

const cli_command cli_check = {
    "check", cmd_check, "validate a model file only",
    "usage: breakeven check MODEL.yaml [--set PATH=VALUE]... [--quiet]\n",
    "  --set PATH=VALUE   override a value of the model before checking\n"
    "  -q, --quiet        print nothing; the exit code says it all\n",
};
