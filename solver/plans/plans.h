/*
 * plans.h -- what the plans room (solver/plans/) shares with the rooms
 * above about plans themselves.  Internal.
 */
#ifndef BE_PLANS_H
#define BE_PLANS_H

#include "model/model.h"

/* A copy of plan p of model m (every array, and `relaxed`), or NULL when
 * out of memory. */
be_plan *be__plan_copy(const be_model *m, const be_plan *p);

/* Set p's sell to what its capacity serves beyond the demand, up to the
 * market, in every period (model/rules.h be__best_sell): the best sale
 * for p's units, as the plans built without the LP (baselines, payback's
 * "keep running", the heuristic's greedy plan) choose it.  Nothing
 * changes without a market.  With workloads, the shares too
 * (be_plan_split).  Returns 0 when out of memory. */
int be__plan_sell_spare(const be_model *m, be_plan *p);

/* What each workload lacks in period t (lack[W], 0 where its demand is
 * met), for plans being built without the LP: units[K] of each device in
 * service.  One workload: `capacity` (the throughput of those units, as
 * the caller summed it) against the demand; several: the least shortfall
 * of any split of the units (model/rules.h be__split).  Returns 1 when
 * nothing lacks, 0 when something does, -1 when out of memory. */
int be__lacking(const be_model *m, int t, const double *units,
                double capacity, double *lack);

#endif
