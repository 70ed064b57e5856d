/*
 * returns_words.h -- the figures of a plan as an investment in words
 * (returns_words.c), shared by `returns` and the report's revenue
 * section so that each is worded once.
 */
#ifndef BE_CLI_RETURNS_WORDS_H
#define BE_CLI_RETURNS_WORDS_H

#include <stdio.h>

#include "breakeven.h"

/* The model's discount rate a year, from d(1). */
double returns_discount_rate(const be_model *m);
/* A rate as a percentage, four significant digits: "45.63%".  Returns
 * buf. */
char *returns_pct(double rate, char *buf, size_t size);
/* A payback index (be_returns.payback) as a label: its period's, the
 * horizon's end's for i == periods, "" for -1 (not within the horizon). */
const char *returns_payback_label(const be_model *m, int i);
/* "2027: the cumulative cash flow stays at or above 0 from then on", "at
 * the horizon's end (2030), counting the fleet's salvage value", "not
 * within the horizon (...)". */
void returns_payback_words(FILE *fp, const be_model *m, int i);
/* "45.63% a year"; "none: every cash flow has one sign (...)"; "none:
 * ..."; "not unique: 5% and 38% a year all make ...". */
void returns_irr_words(FILE *fp, const be_returns *r);
/* The JSON names of the kinds: "unique", "same_sign", "none",
 * "multiple"; "found", "build", "never", "no_price", "no_plan", and
 * "no_revenue" for b NULL (a model without revenue). */
const char *returns_irr_kind_name(be_irr_kind k);
const char *returns_break_even_kind_name(const be_break_even *b);
/* "a factor of 0.63 on the model's price: the price of compute can fall
 * to 63% of the model's before the best plan stops paying; a price of
 * ... (the model's: ...); proven, 5 solves", or why there is none (b
 * NULL: the model has no revenue).  No final full stop. */
void returns_break_even_words(FILE *fp, const be_model *m,
                              const be_break_even *b);

#endif /* BE_CLI_RETURNS_WORDS_H */
