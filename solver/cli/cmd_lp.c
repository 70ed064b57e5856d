/*
 * cmd_lp.c -- `breakeven lp`: write the program the solver sees, through
 * GLPK's own writers, for glpsol, cbc and other solvers.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* GLPK's writers open the file by name: write into a temporary file, then
 * copy it into the output (whose -o FILE is itself atomic). */
static int write_program(FILE *fp, const void *data, be_error *err)
{
    const cli_ctx *x = data;
    const char *dir = getenv("TMPDIR");
    char path[4200];
    snprintf(path, sizeof path, "%s/breakeven-lp-XXXXXX",
             dir && dir[0] ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        err->code = BE_EIO;
        snprintf(err->message, sizeof err->message, "cannot create a "
                 "temporary file in %s", dir && dir[0] ? dir : "/tmp");
        return -1;
    }
    close(fd);
    be_program_format f = strcmp(x->format->name, "mps") == 0
                              ? BE_FORMAT_MPS : BE_FORMAT_LP;
    int rc = be_write_program(x->m, &x->s, f, path, err) == BE_OK ? 0 : -1;
    FILE *in = rc == 0 ? fopen(path, "rb") : NULL;
    if (rc == 0 && in) {
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            if (fwrite(buf, 1, n, fp) != n)
                rc = -1;
        if (ferror(in))
            rc = -1;
    } else if (rc == 0) {
        rc = -1;
    }
    if (in)
        fclose(in);
    if (rc != 0 && !err->message[0]) {
        err->code = BE_EIO;
        snprintf(err->message, sizeof err->message, "cannot write");
    }
    unlink(path);
    return rc;
}

static const cli_format formats[] = {
    {"lp", NULL, write_program, "CPLEX LP"},
    {"mps", NULL, write_program, "free MPS"}, {0}};

static int run(cli_ctx *x)
{
    return cli_emit(x, x);
}

const cli_command cli_lp = {
    .name = "lp",
    .summary = "write the program the solver sees (CPLEX LP or free MPS)",
    .flags = CMD_LOAD | CMD_FILE | CMD_SCENARIOS,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_RELAX | CLI_SET,
    .formats = formats, .run = run,
};
