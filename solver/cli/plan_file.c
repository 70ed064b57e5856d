/*
 * plan_file.c -- see plan_file.h.
 */
#include "plan_file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "output.h"

static int to_file(void *ctx, const char *text, size_t len)
{
    return fwrite(text, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

int plan_file_write(const char *path, const be_model *m, const be_plan *p,
                    double cost, const char *source)
{
    out_file out;
    char n[40], comment[200];
    if (out_open(&out, path) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n", path,
                strerror(errno));
        return EXIT_SOLVER;
    }
    snprintf(comment, sizeof comment, "net present cost %s, written by %s",
             fmt_num(cost, n, sizeof n), source);
    be_error err = {0};
    if (be_plan_write(m, p, comment, to_file, out.fp, &err) != BE_OK) {
        out_abort(&out);
        cli_print_error(&err);
        return EXIT_SOLVER;
    }
    if (out_commit(&out) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n", path,
                strerror(errno));
        return EXIT_SOLVER;
    }
    return 0;
}
