/*
 * answers.h -- what the break-even commands (life, challenger, prices,
 * threshold) share: writing a result to standard output or atomically to
 * -o FILE, and a few words for a plan.
 */
#ifndef BE_CLI_ANSWERS_H
#define BE_CLI_ANSWERS_H

#include <stdio.h>

#include "breakeven.h"
#include "cli.h"

/* Write the result through w(fp, ctx) to c->output (or standard output),
 * atomically.  Returns EXIT_PLAN, or EXIT_SOLVER after printing why the
 * file could not be written. */
typedef void (*answers_writer)(FILE *fp, void *ctx);
int answers_emit(const cli_common *c, answers_writer w, void *ctx);

/* The actions of period t of plan p ("retire 11 old, buy 6 new"), at most
 * size bytes; "" when nothing happens.  Units reaching their end of life
 * are not mentioned. */
void answers_period_actions(const be_model *m, const be_plan *p, int t,
                            char *buf, size_t size);

/* Years, written the short way: "6", "1.5", "0.25". */
char *answers_years(double years, char *buf, size_t size);

#endif
