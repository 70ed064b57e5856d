/*
 * cmd_export.c -- `breakeven export MODEL.yaml --gmpl`: the model as one
 * GNU MathProg file (model and data) for glpsol -m, to read and change.
 */
#include "cli.h"
#include "output.h"

static int gmpl;   /* --gmpl: the only format, accepted for clarity */

static int write_gmpl(FILE *fp, const void *data, be_error *err)
{
    const cli_ctx *x = data;
    return be_write_gmpl(x->m, &x->s, fp_write, fp, err) == BE_OK ? 0 : -1;
}

static const cli_option options[] = {
    CLI_OPT_FLAG("--gmpl", NULL, &gmpl,
                 "GNU MathProg: one self-contained file (model and data "
                 "sections) whose sets, parameters, variables and "
                 "constraints are those of README \"The program\"; `glpsol "
                 "-m FILE` solves it to solve's optimum. The only format, "
                 "and the default"),
    CLI_OPT_END};

static const cli_format formats[] = {{"gmpl", NULL, write_gmpl, NULL}, {0}};

static int run(cli_ctx *x)
{
    return cli_emit(x, x);
}

const cli_command cli_export = {
    .name = "export",
    .summary = "write the model as a GNU MathProg file for glpsol -m",
    .flags = CMD_LOAD | CMD_FILE,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_RELAX | CLI_SET,
    .options = options, .formats = formats, .run = run,
};
