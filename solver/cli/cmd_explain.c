/*
 * cmd_explain.c -- `breakeven explain MODEL.yaml`: the program in words and
 * with the model's numbers, for a small model.
 */
#include "cli.h"
#include "output.h"

static int limit = 40;

static int write_text(FILE *fp, const void *data, be_error *err)
{
    const cli_ctx *x = data;
    return be_explain(x->m, &x->s, limit, fp_write, fp, err) == BE_OK ? 0 : -1;
}

static const cli_option options[] = {
    CLI_OPT_INT("--limit", NULL, &limit, "N", 0, 1e6,
                "a whole number from 0 to 1000000",
                "print at most N variables and N constraints of each kind, "
                "and N terms per constraint, with a note of what was left "
                "out (default 40; 0: everything)"),
    CLI_OPT_END};

static const cli_format formats[] = {{"text", NULL, write_text, NULL}, {0}};

static int run(cli_ctx *x)
{
    return cli_emit(x, x);
}

const cli_command cli_explain = {
    .name = "explain",
    .summary = "explain the program in words and with the model's numbers",
    .flags = CMD_LOAD | CMD_FILE, .shared = CLI_OUTPUT | CLI_RELAX | CLI_SET,
    .options = options, .formats = formats, .run = run,
};
