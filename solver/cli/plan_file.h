/*
 * plan_file.h -- writing a plan file (docs/plans.md) atomically, for
 * `solve --plan-out`.
 */
#ifndef BE_CLI_PLAN_FILE_H
#define BE_CLI_PLAN_FILE_H

#include "breakeven.h"

/* Write plan p of model m to path (atomically, "-" for standard output)
 * with a comment line giving its net present cost.  Prints the error and
 * returns EXIT_SOLVER on failure, else 0. */
int plan_file_write(const char *path, const be_model *m, const be_plan *p,
                    double cost, const char *source);

#endif
