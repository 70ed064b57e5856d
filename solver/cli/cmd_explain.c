/*
 * cmd_explain.c -- `breakeven explain MODEL.yaml`: the program in words and
 * with the model's numbers, for a small model.
 */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "output.h"

int cmd_explain(int argc, char **argv);

extern const cli_command cli_explain;

enum { OPT_LIMIT = OPT_COMMAND };

static int to_file(void *ctx, const char *text, size_t len)
{
    return fwrite(text, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

int cmd_explain(int argc, char **argv)
{
    static const cli_opt opts[] = {
        {"--limit", NULL, 1, OPT_LIMIT}, {"--output", "-o", 1, OPT_OUTPUT},
        {"--relax", NULL, 0, OPT_RELAX}, {"--set", NULL, 1, OPT_SET}, {0}};
    static const char *const formats[] = {"text", NULL};
    cli_common c;
    cli_common_init(&c, "text");
    cli_args a = {&cli_explain, argc, argv, 1};
    const char *model = NULL, *v;
    double limit = 40;
    int id;
    while ((id = cli_next(&a, opts, &v)) != CLI_END) {
        if (id == CLI_ERROR)
            return EXIT_USAGE;
        if (id == CLI_ARG) {
            if (model)
                return cli_usage_error(&cli_explain, "unexpected argument "
                                       "'%s' (one model file per run)", v);
            model = v;
        } else if (id == OPT_LIMIT) {
            if (cli_parse_number(v, &limit) != 0 || limit < 0 ||
                limit > 1e6 || limit != (double)(int)limit)
                return cli_usage_error(&cli_explain, "--limit needs a whole "
                                       "number from 0 to 1000000, found "
                                       "'%s'", v);
        } else if (cli_common_option(&cli_explain, &c, id, v, formats) < 0) {
            return EXIT_USAGE;
        }
    }
    if (!model)
        return cli_usage_error(&cli_explain, "explain needs a model file");

    int rc = EXIT_PLAN;
    be_model *m = cli_load(model, &c, &rc, NULL);
    if (!m)
        return rc;
    be_settings s;
    cli_settings(&c, &s);
    out_file out;
    if (out_open(&out, c.output) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n", c.output,
                strerror(errno));
        be_model_free(m);
        return EXIT_SOLVER;
    }
    be_error err = {0};
    if (be_explain(m, &s, (int)limit, to_file, out.fp, &err) != BE_OK) {
        cli_print_error(&err);
        rc = err.code == BE_EIO ? EXIT_SOLVER : cli_exit_for(err.code);
        out_abort(&out);
    } else if (out_commit(&out) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n",
                c.output ? c.output : "standard output", strerror(errno));
        rc = EXIT_SOLVER;
    }
    be_model_free(m);
    return rc;
}

const cli_command cli_explain = {
    "explain", cmd_explain,
    "explain the program in words and with the model's numbers",
    "usage: breakeven explain MODEL.yaml [--limit N] [-o FILE] [--relax]\n"
    "                         [--set PATH=VALUE]...\n",
    "  --limit N          print at most N variables and N constraints of\n"
    "                     each kind, and N terms per constraint, with a note\n"
    "                     of what was left out (default 40; 0: everything)\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard\n"
    "                     output\n"
    "  --relax            explain the LP relaxation (fractional units)\n"
    "  --set PATH=VALUE   override a value of the model first\n",
};
