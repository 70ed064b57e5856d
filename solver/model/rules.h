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
 * cohort j in service during t, of device k(j)):
 *   demand[t]   sum_j throughput(k(j)) h_j + sum_k throughput(k) rent_k
 *                 >= D(t)
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

/* ---- demand: capacity in service >= demand ---- */

/* D(t): the throughput demanded in period t (`demand`). */
double be__demand(const be_model *m, int t);

/* throughput(k): the capacity one unit of device k in service (owned or
 * rented) gives in period t; its coefficient in demand[t]. */
double be__unit_capacity(const be_model *m, int k, int t);

/* n throughput(k): the capacity n units of device k give in period t. */
double be__capacity_of(const be_model *m, int k, int t, double n);

/* D(t) - capacity: what `capacity` lacks of period t's demand (negative
 * when it has more). */
double be__shortfall(const be_model *m, int t, double capacity);

/* 1 when `shortfall`, what a plan being built still lacks of period t's
 * demand, is rounding noise: shortfall <= BE__SHORT_TOL max(1, D(t));
 * there is nothing left to cover in t. */
int be__shortfall_negligible(const be_model *m, int t, double shortfall);

/* be__shortfall_negligible(m, t, D(t) - capacity): `capacity` meets
 * period t's demand up to rounding noise. */
int be__demand_covered(const be_model *m, int t, double capacity);

/* 1 when `capacity` falls short of period t's demand beyond the
 * evaluator's tolerance, capacity < D(t) - BE__LIMIT_TOL max(1, D(t)). */
int be__demand_unmet(const be_model *m, int t, double capacity);

/* ---- revenue: work sold beyond the demand (docs/returns.md) ----
 *
 * served(t) = D(t) + sell(t), 0 <= sell(t) <= market(t) - D(t); the
 * demand row asks capacity >= served(t).  Revenue price(t) dt served(t)
 * is money in at the start of t, taxed at tau. */

/* market(t): the most work that can be sold in t (`revenue.market`);
 * D(t) without a market. */
double be__market(const be_model *m, int t);

/* price(t) (`revenue.price`), per unit of throughput for a year of work;
 * 0 without revenue. */
double be__price(const be_model *m, int t);

/* market(t) - D(t): the most that may be sold beyond the demand. */
double be__sell_most(const be_model *m, int t);

/* 1 when selling beyond the demand in t can be worth anything: a market
 * above the demand and a price above 0.  The program has a sell[t]
 * column exactly then. */
int be__sells(const be_model *m, int t);

/* (1 - tau) price(t) dt d(t): the discounted after-tax revenue of one
 * unit of work served in t (sell[t]'s objective coefficient, negated). */
double be__sell_value(const be_model *m, int t);

/* What a plan with `capacity` in service in t sells at best: all its
 * spare capacity, up to the market (0 where be__sells is 0). */
double be__best_sell(const be_model *m, int t, double capacity);

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

/* throughput(k) / power_kw(k): capacity per kW of IT power of device k,
 * the order in which units make the best use of a cap (pue is the same
 * for every device); +inf for a device that draws nothing. */
double be__capacity_per_kw(const be_model *m, int k, int t);

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
