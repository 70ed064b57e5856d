/*
 * rules.h -- what each constraint of the model means, written once:
 * demand, the site power cap and the budget (README "Semantics";
 * the rows as program/lp.h writes them).  Internal.
 *
 * The LP builder writes these rules as rows, the evaluator checks a plan
 * against them, and the plans that are built without the LP (baselines,
 * payback's "keep running", the heuristic's rounding and greedy plan)
 * and the diagnosis of a model without a plan reason with them.  All of
 * them ask here: what one unit of device k counts for in period t's row,
 * what the row's limit is, and how much a holding uses and leaves.
 *
 * The rules, in period t (k: a device; n: units of it; h_j: units of
 * cohort j in service during t, of device k(j); w: a workload, one
 * without `workloads`):
 *   demand[w,t] sum_j serve(k(j),w) h_j + sum_k serve(k,w) rent_k
 *                 >= D(w,t)   (units split by shares between workloads)
 *   power[t]    sum_j power_kw(k(j)) pue h_j <= cap(t)     (owned units;
 *                 rented ones draw no site power)
 *   budget[t]   sum_k price_k(t) buy_k <= budget(t)        (undiscounted)
 * A model without `site.power_cap_kw` (`site.budget`) has no power (budget)
 * row; its cap (budget) reads as +inf here, so that "what is left" and
 * "is it over" need no special case.
 *
 * Floating point: the products are written in the order the callers
 * have always used, n * power_kw * pue being (n * power_kw) * pue, so
 * that asking here changes no figure in the last digit.
 */
#ifndef BE_RULES_H
#define BE_RULES_H

#include "model/model.h"

/* Relative tolerance of the evaluator's checks (evaluate.c): a limit L
 * is broken when passed by more than BE__LIMIT_TOL * max(1, |L|). */
#define BE__LIMIT_TOL 1e-6
/* Relative tolerance below which a shortfall is rounding noise to the
 * plans built without the LP: nothing more is bought for it. */
#define BE__SHORT_TOL 1e-9

/* ---- demand: capacity in service >= demand, per workload ----
 *
 * Workloads (docs/workloads.md): w = 0 .. W-1; a model without
 * `workloads` has the one workload 0, its top-level demand.  In each
 * period a unit in service splits its time between the workloads its
 * device serves (the shares a[k,w,t] >= 0, sum_w a[k,w,t] <= units of k
 * in service); a device that serves one workload gives it all its units.
 *   demand[w,t]  sum_k serve(k,w) a[k,w,t] - sell[w,t] >= D(w,t)
 * A unit draws its power and energy whatever it does. */

/* D(w,t): the throughput demanded of workload w in period t. */
double be__demand(const be_model *m, int w, int t);

/* sum_w D(w,t): the demand of period t over every workload. */
double be__total_demand(const be_model *m, int t);

/* serve(k,w): the capacity one unit of device k in service (owned or
 * rented) gives workload w for the period; 0 when k cannot serve w. */
double be__unit_capacity(const be_model *m, int k, int w, int t);

/* n serve(k,w): the capacity n units of device k give workload w. */
double be__capacity_of(const be_model *m, int k, int w, int t, double n);

/* The one workload device k serves, or -1 when it serves several (then
 * its units are split by shares). */
int be__sole_workload(const be_model *m, int k);

/* D(w,t) - capacity: what `capacity` lacks of workload w's demand in t
 * (negative when it has more). */
double be__shortfall(const be_model *m, int w, int t, double capacity);

/* 1 when `shortfall`, what a plan being built still lacks of workload
 * w's demand in t, is rounding noise: shortfall <= BE__SHORT_TOL
 * max(1, D(w,t)); there is nothing left to cover. */
int be__shortfall_negligible(const be_model *m, int w, int t,
                             double shortfall);

/* be__shortfall_negligible(m, w, t, D(w,t) - capacity). */
int be__demand_covered(const be_model *m, int w, int t, double capacity);

/* 1 when `capacity` falls short of D(w,t) beyond the evaluator's
 * tolerance, capacity < D(w,t) - BE__LIMIT_TOL max(1, D(w,t)). */
int be__demand_unmet(const be_model *m, int w, int t, double capacity);

/* ---- revenue: work sold beyond the demand (docs/returns.md) ----
 *
 * served(w,t) = D(w,t) + sell(w,t), 0 <= sell <= market(w,t) - D(w,t);
 * the demand row asks capacity >= served(w,t).  Revenue price(w,t) dt
 * served(w,t) is money in at the start of t, taxed at tau. */

/* market(w,t): the most work of w that can be sold in t; D(w,t) without
 * a market. */
double be__market(const be_model *m, int w, int t);

/* price(w,t), per unit of throughput for a year of work; 0 without
 * revenue. */
double be__price(const be_model *m, int w, int t);

/* market(w,t) - D(w,t): the most that may be sold beyond the demand. */
double be__sell_most(const be_model *m, int w, int t);

/* 1 when selling beyond the demand of w in t can be worth anything: a
 * market above the demand and a price above 0.  The program has a
 * sell[w,t] column exactly then. */
int be__sells(const be_model *m, int w, int t);

/* (1 - tau) price(w,t) dt d(t): the discounted after-tax revenue of one
 * unit of work of w served in t (sell's objective coefficient,
 * negated). */
double be__sell_value(const be_model *m, int w, int t);

/* What `capacity` given to w in t sells at best: all of it beyond the
 * demand, up to the market (0 where be__sells is 0). */
double be__best_sell(const be_model *m, int w, int t, double capacity);

/* The most work of all workloads device k's units can be kept busy with
 * in t: sum over the workloads k serves of market(w,t) / serve(k,w), in
 * units of k (the bounds of lp.c use it; `market` may be the scenarios'
 * largest, bound_demand). */
double be__units_for_market(const be_model *m, int k, int t,
                            const double *market);

/* ---- the split of units between workloads (docs/workloads.md) ----
 *
 * What plans built without the LP do with the units they hold: given the
 * units of each device in service in t, the shares that meet every
 * workload's demand, selling what is left where that is worth most (a
 * small LP, model/small_lp.h).  units[K]; share[K*W] gets a[k,w];
 * sell[W] (may be NULL) the work sold beyond the demand; short_[W] (may
 * be NULL) what each workload still lacks when no split meets every
 * demand (the least total shortfall, weighted by 1/D).  Returns 1 when
 * every demand is met, 0 when not, -1 when out of memory.  A model with
 * one workload needs no LP: everything goes to it. */
int be__split(const be_model *m, int t, const double *units, double *share,
              double *sell, double *short_);

/* be__split with the shortfall of workload w weighted by weight[w] > 0
 * (NULL: 1 / max(1, D(w,t))): what a split that cannot meet every demand
 * leaves short goes where it is cheapest to cover. */
int be__split_weighted(const be_model *m, int t, const double *units,
                       double *share, double *sell, double *short_,
                       const double *weight);

/* ---- the site power cap: facility kW of owned units <= cap ---- */

/* 1 when the model has a power cap (a power[t] row in every period). */
int be__has_power_cap(const be_model *m);

/* cap(t): the site power cap of period t in facility kW
 * (`site.power_cap_kw`); +inf without one. */
double be__power_cap(const be_model *m, int t);

/* power_kw(k) pue: the facility kW one owned unit of device k in
 * service draws in period t; its coefficient in power[t].  0 for a
 * rented device (README "Semantics", "Renting": no site power). */
double be__unit_kw(const be_model *m, int k, int t);

/* n power_kw(k) pue, computed as (n power_kw(k)) pue: the facility kW n
 * owned units of device k draw in period t (0 when rented). */
double be__units_kw(const be_model *m, int k, int t, double n);

/* sum_j held[j stride] power_kw(k(j)) pue over the cohorts j = 0 .. J-1
 * in their order: the facility kW period t's holding draws, where
 * held[j * stride] is the units of cohort j in service during t (0 for a
 * cohort not in service then; a bought cohort's units are owned). */
double be__fleet_kw(const be_model *m, int t, const double *held,
                    size_t stride);

/* serve(k,w) / power_kw(k): capacity for w per kW of IT power of device
 * k, the order in which units make the best use of a cap (pue is the same
 * for every device); +inf for a device that draws nothing. */
double be__capacity_per_kw(const be_model *m, int k, int w, int t);

/* cap(t) - kw: the facility kW left under period t's cap beside `kw`
 * already drawn; +inf without a cap. */
double be__power_left(const be_model *m, int t, double kw);

/* 1 when `kw` is over period t's cap beyond the evaluator's tolerance,
 * kw > cap(t) + BE__LIMIT_TOL max(1, cap(t)); 0 without a cap. */
int be__power_over(const be_model *m, int t, double kw);

/* ---- the budget: purchase prices paid in a period <= budget ---- */

/* 1 when the model has a budget (a budget[t] row in every period). */
int be__has_budget(const be_model *m);

/* budget(t): what may be spent on purchases in period t, undiscounted
 * (`site.budget`); +inf without one. */
double be__budget(const be_model *m, int t);

/* price_k(t): what one unit of device k bought in period t spends of
 * period t's budget; its coefficient in budget[t].  Only for a device on
 * sale in t. */
double be__unit_spend(const be_model *m, int k, int t);

/* n price_k(t): what n units of device k bought in t spend. */
double be__units_spend(const be_model *m, int k, int t, double n);

/* 1 when `spend` is over period t's budget beyond the evaluator's
 * tolerance, spend > budget(t) + BE__LIMIT_TOL max(1, budget(t)); 0
 * without a budget. */
int be__budget_over(const be_model *m, int t, double spend);

#endif /* BE_RULES_H */
