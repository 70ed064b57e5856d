/*
 * cmd_export.c -- `breakeven export MODEL.yaml --gmpl`: the model as one
 * GNU MathProg file (model and data) for glpsol -m, to read and change.
 */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "output.h"

int cmd_export(int argc, char **argv);

extern const cli_command cli_export;

enum { OPT_GMPL = OPT_COMMAND };

static int to_file(void *ctx, const char *text, size_t len)
{
    return fwrite(text, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

int cmd_export(int argc, char **argv)
{
    static const cli_opt opts[] = {
        {"--gmpl", NULL, 0, OPT_GMPL}, {"--format", NULL, 1, OPT_FORMAT},
        {"--output", "-o", 1, OPT_OUTPUT}, {"--relax", NULL, 0, OPT_RELAX},
        {"--set", NULL, 1, OPT_SET}, {0}};
    static const char *const formats[] = {"gmpl", NULL};
    cli_common c;
    cli_common_init(&c, "gmpl");
    cli_args a = {&cli_export, argc, argv, 1};
    const char *model = NULL, *v;
    int id;
    while ((id = cli_next(&a, opts, &v)) != CLI_END) {
        if (id == CLI_ERROR)
            return EXIT_USAGE;
        if (id == CLI_ARG) {
            if (model)
                return cli_usage_error(&cli_export, "unexpected argument "
                                       "'%s' (one model file per run)", v);
            model = v;
        } else if (id == OPT_GMPL) {
            c.format = "gmpl";
        } else if (cli_common_option(&cli_export, &c, id, v, formats) < 0) {
            return EXIT_USAGE;
        }
    }
    if (!model)
        return cli_usage_error(&cli_export, "export needs a model file");

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
    if (be_write_gmpl(m, &s, to_file, out.fp, &err) != BE_OK) {
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

const cli_command cli_export = {
    "export", cmd_export,
    "write the model as a GNU MathProg file for glpsol -m",
    "usage: breakeven export MODEL.yaml [--gmpl] [-o FILE] [--relax]\n"
    "                        [--set PATH=VALUE]...\n",
    "  --gmpl             GNU MathProg: one self-contained file (model and\n"
    "                     data sections) whose sets, parameters, variables\n"
    "                     and constraints are those of README \"The program\";\n"
    "                     `glpsol -m FILE` solves it to solve's optimum.\n"
    "                     The only format, and the default\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard\n"
    "                     output\n"
    "  --relax            fractional units: no integer variables\n"
    "  --set PATH=VALUE   override a value of the model first\n",
};
