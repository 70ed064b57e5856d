/*
 * cmd_lp.c -- `breakeven lp`: write the program the solver sees, through
 * GLPK's own writers, for glpsol, cbc and other solvers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "output.h"

int cmd_lp(int argc, char **argv);

extern const cli_command cli_lp;

/* Copy a file to fp; 0 on success. */
static int copy_to(const char *path, FILE *fp)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    char buf[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, fp) != n)
            rc = -1;
    if (ferror(in))
        rc = -1;
    fclose(in);
    return fflush(fp) == 0 ? rc : -1;
}

/* A temporary file for GLPK to write standard output's copy into. */
static char *temp_path(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !dir[0])
        dir = "/tmp";
    size_t n = strlen(dir) + 32;
    char *path = malloc(n);
    if (!path)
        return NULL;
    snprintf(path, n, "%s/breakeven-lp-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    close(fd);
    return path;
}

int cmd_lp(int argc, char **argv)
{
    static const cli_opt opts[] = {
        {"--format", NULL, 1, OPT_FORMAT}, {"--output", "-o", 1, OPT_OUTPUT},
        {"--relax", NULL, 0, OPT_RELAX}, {"--set", NULL, 1, OPT_SET}, {0}};
    static const char *const formats[] = {"lp", "mps", NULL};
    cli_common c;
    cli_common_init(&c, "lp");
    const char *model;
    int rc = cli_parse_model_command(&cli_lp, argc, argv, opts, formats, &c,
                                     NULL, NULL, &model);
    if (rc >= 0)
        return rc;
    rc = EXIT_PLAN;
    be_model *m = cli_load(model, &c, &rc, NULL);
    if (!m)
        return rc;
    be_settings s;
    cli_settings(&c, &s);
    be_program_format f = strcmp(c.format, "mps") == 0 ? BE_FORMAT_MPS
                                                       : BE_FORMAT_LP;
    /* GLPK opens the file by name: give it the temporary file that out_open
     * made for a regular file (renamed into place after), or one of our
     * own whose copy goes to standard output or straight into a device or
     * FIFO (which GLPK must not open and close itself: a reader of a FIFO
     * would see the end of the file at the first close). */
    const char *dest = c.output && strcmp(c.output, "-") ? c.output : NULL;
    out_file out;
    if (out_open(&out, dest) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n", dest,
                strerror(errno));
        be_model_free(m);
        return EXIT_SOLVER;
    }
    char *scratch = NULL;
    if (out.tmp) {
        fclose(out.fp);
        out.fp = NULL;
    } else if (!(scratch = temp_path())) {
        fprintf(stderr, "breakeven: temporary file: cannot write: %s\n",
                strerror(errno));
        out_abort(&out);
        be_model_free(m);
        return EXIT_SOLVER;
    }
    be_error err = {0};
    if (be_write_program(m, &s, f, scratch ? scratch : out.tmp, &err)
        != BE_OK) {
        cli_print_error(&err);
        rc = err.code == BE_EIO ? EXIT_SOLVER : cli_exit_for(err.code);
    } else if (!scratch) {
        if (rename(out.tmp, out.path) != 0) {
            fprintf(stderr, "breakeven: %s: cannot write: %s\n", dest,
                    strerror(errno));
            rc = EXIT_SOLVER;
        }
    } else if (copy_to(scratch, out.fp) != 0 || out_commit(&out) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write\n",
                dest ? dest : "standard output");
        rc = EXIT_SOLVER;
    }
    if (scratch) {
        unlink(scratch);
        free(scratch);
        out_abort(&out);   /* after a failed copy; else a no-op */
    } else {
        unlink(out.tmp);   /* after a failed write; else gone already */
        free(out.tmp);
        free(out.path);
    }
    be_model_free(m);
    return rc;
}

const cli_command cli_lp = {
    "lp", cmd_lp,
    "write the program the solver sees (CPLEX LP or free MPS)",
    "usage: breakeven lp MODEL.yaml [--format lp|mps] [-o FILE] [--relax]\n"
    "                    [--set PATH=VALUE]...\n",
    "  --format F         lp (CPLEX LP, default) or mps (free MPS)\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard\n"
    "                     output\n"
    "  --relax            write the LP relaxation (no integer columns)\n"
    "  --set PATH=VALUE   override a value of the model first\n",
};
