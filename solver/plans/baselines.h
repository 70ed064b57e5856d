/*
 * baselines.h -- what baselines.c shares with payback.c.  Internal.
 */
#ifndef BE_BASELINES_H
#define BE_BASELINES_H

#include "model/model.h"

/* Annual cost of one unit of throughput for workload w of device k bought
 * (or rented) in period t: (price(t) / lifetime + O&M of the first year +
 * energy of a year at t) / serve(k,w) for an owned device, rent(t) /
 * serve(k,w) for a rented one; +inf when k is not on offer in t or cannot
 * serve w. */
double be__capacity_cost(const be_model *m, int k, int w, int t);

/* The device that covers a shortfall of `need` throughput of workload w
 * in period t (its new units all serve w):
 * the cheapest by be__capacity_cost among those on offer whose units fit
 * under the power cap beside `power_kw` already drawn, or the cheapest if
 * none fits; -1 if nothing is on offer.  *units gets the units to buy or
 * rent (rounded up to whole units in a whole-unit model). */
int be__cover(const be_model *m, int w, int t, double need, double power_kw,
              double *units);

/* Units of cohort j held during period t under plan p (after the
 * retirements at its start, forced ones included). */
double be__held(const be_model *m, const be_plan *p, int j, int t);

#endif
