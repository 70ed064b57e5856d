/*
 * cmd_check.c -- `breakeven check`: validate a model file.
 */
#include <string.h>

#include "cli.h"

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
    return EXIT_PLAN;
}

const cli_command cli_check = {
    .name = "check", .summary = "validate a model file only",
    .flags = CMD_LOAD | CMD_FILE, .shared = CLI_SET | CLI_QUIET, .run = run,
    .notes = "With --quiet nothing is printed: the exit code says it all.",
};
