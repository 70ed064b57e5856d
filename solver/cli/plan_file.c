/*
 * plan_file.c -- see plan_file.h.
 */
#include "plan_file.h"

#include <stdio.h>

#include "cli.h"
#include "output.h"

typedef struct plan_out {
    const be_model *m;
    const be_plan *p;
    const char *comment;
} plan_out;

static int write_plan(FILE *fp, const void *data, be_error *err)
{
    const plan_out *o = data;
    return be_plan_write(o->m, o->p, o->comment, fp_write, fp, err) == BE_OK
               ? 0 : -1;
}

int plan_file_write(const char *path, const be_model *m, const be_plan *p,
                    double cost, const char *source)
{
    static const cli_format yaml = {"yaml", NULL, write_plan, NULL};
    char n[40], comment[200];
    snprintf(comment, sizeof comment, "net present cost %s, written by %s",
             fmt_num(cost, n, sizeof n), source);
    plan_out o = {m, p, comment};
    return cli_write(path, &yaml, &o);
}
