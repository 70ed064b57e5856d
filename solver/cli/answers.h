/*
 * answers.h -- what the break-even commands (life, challenger, prices,
 * threshold) share: a few words for a plan.
 */
#ifndef BE_CLI_ANSWERS_H
#define BE_CLI_ANSWERS_H

#include <stdio.h>

#include "breakeven.h"
#include "cli.h"

/* The actions of period t of plan p ("retire 11 old, buy 6 new"), at most
 * size bytes; "" when nothing happens.  Units reaching their end of life
 * are not mentioned. */
void answers_period_actions(const be_model *m, const be_plan *p, int t,
                            char *buf, size_t size);

/* Years, written the short way: "6", "1.5", "0.25". */
char *answers_years(double years, char *buf, size_t size);

#endif
