/*
 * cmd_compare.c -- `breakeven compare`: the optimal plan priced next to the
 * plans people follow (run to end of life, replace on release, fixed-age
 * replacement) and the planner's own plan file, all with the evaluator
 * under the same model.  Definitions: docs/plans.md.
 *
 * A model with scenarios is compared on expected cost: the stochastic
 * plan's cost in each scenario, against each baseline built on that
 * scenario's own model (be_baseline_plan per scenario) and the plan file
 * priced in every scenario, each weighted by the scenario's probability;
 * the per-scenario costs follow.
 *
 * With a plan file (and no scenarios) a short paragraph follows the
 * answer: period by period, where the optimal plan's decisions differ from
 * the file's (what is retired early, bought, rented and, with revenue,
 * served), in be_describe_period's words, and what that saves or costs.
 * For `compare NEW.yaml --plan CONT.yaml` after `advance`, that is what
 * re-planning changes in the old plan's continuation.
 *
 * A model with workloads (and no scenarios) also prices the plan without
 * cascading (be_cascade_value: each owned device that serves several
 * workloads held to one), a row after the baselines, and says what
 * cascading is worth.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

/* Scenarios at most, for the per-scenario arrays of a row. */
#define MAX_MODELS 1024

typedef struct row {
    const char *key;     /* optimal, end_of_life, on_release, fixed_age,
                            no_cascading, plan */
    char name[300];      /* as shown */
    be_eval **eval;      /* [n_models]; the optimal row's are the solution's */
    be_plan **plan;      /* [n_models], owned (the optimal row's NULL) */
    double cost;         /* sum over the models of p * net present cost */
    int bad;             /* the first model whose plan breaks a constraint,
                            -1 when none does */
} row;

typedef struct compare {
    const be_model *m;
    int n_models;        /* 1, or the scenarios */
    const be_model **models;   /* [n_models]: m, or each scenario's */
    double *p;           /* [n_models]: 1, or the probabilities */
    const be_solution *sol;
    row rows[6];
    int n;
    int ref;             /* the row the answer compares against */
    const char *plan_file;
    int *differ;         /* [n_differ] periods in which the optimal plan's
                            decisions differ from the plan file's (no
                            scenarios), in order */
    int n_differ;
    be_cascade *cascade; /* a model with workloads and no scenarios, else
                            NULL; its eval belongs to its row */
} compare;

/* "demand in 2027 (short by 2)" */
static void violation_text(const be_model *m, const be_eval *e, char *buf,
                           size_t size)
{
    char a[64];
    const char *label = be_model_period_label(m, e->violation_period);
    const char *dev = e->violation_device >= 0
                    ? be_model_device_name(m, e->violation_device) : NULL;
    switch (e->violation) {
    case BE_FEASIBLE_PLAN:
        snprintf(buf, size, "none");
        return;
    case BE_VIOLATES_DEMAND:
        if (be_model_has_workloads(m) && e->violation_workload >= 0)
            snprintf(buf, size, "%s demand in %s (short by %s)",
                     be_model_workload_name(m, e->violation_workload), label,
                     fmt_units(e->violation_amount, a, sizeof a));
        else
            snprintf(buf, size, "demand in %s (short by %s)", label,
                     fmt_units(e->violation_amount, a, sizeof a));
        return;
    case BE_VIOLATES_POWER:
        snprintf(buf, size, "power cap in %s (over by %s kW)", label,
                 fmt_money(e->violation_amount, 1, a, sizeof a));
        return;
    case BE_VIOLATES_BUDGET:
        snprintf(buf, size, "budget in %s (over by %s)", label,
                 fmt_money(e->violation_amount, 0, a, sizeof a));
        return;
    default:
        snprintf(buf, size, "%s in %s%s%s%s", be_violation_name(e->violation),
                 label, dev ? " (" : "", dev ? dev : "", dev ? ")" : "");
        return;
    }
}

/* Row i against the optimum, on the expected cost (be_cost_compare's
 * definitions; with one model, be_cost_compare itself). */
static be_cost_delta delta(const compare *c, int i)
{
    if (c->n_models == 1)
        return be_cost_compare(c->rows[i].eval[0], c->rows[0].eval[0]);
    be_cost_delta d;
    double total = c->rows[i].cost, opt = c->rows[0].cost;
    d.difference = total - opt;
    d.percent = total > 0 ? 100.0 * d.difference / total : NAN;
    d.same = fabs(d.difference) <= BE_COST_TOL * fmax(1.0, fabs(opt));
    return d;
}

/* The first constraint row r breaks, in words; "scenario S: ..." with
 * scenarios. */
static void row_violation(const compare *c, const row *r, char *buf,
                          size_t size)
{
    char w[200];
    violation_text(c->models[r->bad], r->eval[r->bad], w, sizeof w);
    if (c->n_models > 1)
        snprintf(buf, size, "%s in scenario %s", w,
                 be_model_scenario_name(c->m, r->bad));
    else
        snprintf(buf, size, "%s", w);
}

static void answer(FILE *fp, const compare *c)
{
    const row *r = &c->rows[c->ref];
    char a[64], b[64], v[260], what[400], over[64] = "";
    if (strcmp(r->key, "plan") == 0)
        snprintf(what, sizeof what, "your plan (%s)", r->name);
    else
        snprintf(what, sizeof what, "running the fleet to end of life");
    if (c->n_models > 1)
        snprintf(over, sizeof over, " in expected %s over %d scenarios",
                 be_model_has_revenue(c->m) ? "value" : "cost", c->n_models);
    be_cost_delta d = delta(c, c->ref);
    fmt_money(c->rows[0].cost, 0, a, sizeof a);
    if (be_model_has_revenue(c->m)) {
        /* with revenue, the plans are worth something: say what */
        const char *ex = c->n_models > 1 ? "expected " : "";
        fmt_money(-c->rows[0].cost, 0, a, sizeof a);
        if (r->bad >= 0) {
            row_violation(c, r, v, sizeof v);
            fprintf(fp, "The optimal plan's %snet present value is %s; %s "
                    "would be worth %s but breaks the %s.\n", ex, a, what,
                    fmt_money(-r->cost, 0, b, sizeof b), v);
        } else if (d.difference <= 0 || d.same) {
            what[0] = (char)(what[0] == 'y' ? 'Y' : 'R');
            fprintf(fp, "%s is already optimal: its %snet present value is "
                    "%s, like the optimal plan's.\n", what, ex, a);
        } else {
            fprintf(fp, "The optimal plan is worth %s more%s than %s; its "
                    "%snet present value is %s.\n",
                    fmt_money(d.difference, 0, b, sizeof b), over, what, ex,
                    a);
        }
        return;
    }
    if (r->bad >= 0) {
        row_violation(c, r, v, sizeof v);
        fprintf(fp, "The optimal plan costs %s%s; %s would cost %s but breaks "
                "the %s.\n", a, over, what, fmt_money(r->cost, 0, b,
                sizeof b), v);
    } else if (d.difference <= 0 || d.same) {
        what[0] = (char)(what[0] == 'y' ? 'Y' : 'R');
        fprintf(fp, "%s is already optimal: it costs %s%s, like the optimal "
                "plan.\n", what, a, over);
    } else {
        fprintf(fp, "The optimal plan saves %s", fmt_money(d.difference, 0, b,
                                                            sizeof b));
        if (isfinite(d.percent))
            fprintf(fp, " (%.1f%%)", d.percent);
        fprintf(fp, "%s against %s; it costs %s.\n", over, what, a);
    }
}

/* ---- the value of cascading ---- */

/* The held devices whose home is (first = 1) or is not (first = 0) where
 * the optimal plan first uses them: "a100 on training, b200 on
 * inference"; the number of them. */
static int homes_list(FILE *fp, const compare *c, int first)
{
    const be_cascade *k = c->cascade;
    int n = 0;
    for (int d = 0; d < k->devices; d++)
        if (k->held[d] && k->first_use[d] == first) {
            if (fp)
                fprintf(fp, "%s%s on %s", n ? ", " : "",
                        be_model_device_name(c->m, d),
                        be_model_workload_name(c->m, k->home[d]));
            n++;
        }
    return n;
}

/* How the devices are held: "each device held to its first workload:
 * b200 on training; unused ones to their best: h100 on inference". */
static void homes_words(FILE *fp, const compare *c)
{
    int first = homes_list(NULL, c, 1), best = homes_list(NULL, c, 0);
    if (first) {
        fputs("each device held to its first workload: ", fp);
        homes_list(fp, c, 1);
    }
    if (best) {
        fputs(first ? "; unused ones to their best: "
                    : "each device, which the optimal plan does not use, "
                      "held to its best workload: ", fp);
        homes_list(fp, c, 0);
    }
}

/* The sentence after the answer: what cascading is worth, and what the
 * plan without it costs (is worth, with revenue). */
static void cascade_text(FILE *fp, const compare *c)
{
    const be_cascade *k = c->cascade;
    if (!k) {
        if (be_model_has_workloads(c->m) && c->n_models > 1)
            fputs("(The value of cascading is not computed for a model with "
                  "scenarios.)\n", fp);
        return;
    }
    if (k->n_held == 0) {
        fputs("Nothing here can cascade: no owned device serves more than "
              "one workload.\n", fp);
        return;
    }
    int value = be_model_has_revenue(c->m);
    char a[64], b[64], y[64];
    if (!k->plan) {
        fputs(k->status == BE_INFEASIBLE
              ? "Without cascading there is no plan ("
              : "Without cascading no plan was found within the time limit ("
              , fp);
        homes_words(fp, c);
        fputs(k->status == BE_INFEASIBLE
              ? "): cascading is needed to meet every workload's demand.\n"
              : "), so what cascading is worth is not known.\n", fp);
        return;
    }
    fmt_money(value ? -k->cost : k->cost, 0, y, sizeof y);
    fmt_money(k->value, 0, a, sizeof a);
    const char *in = value ? " in net present value" : "";
    if (!k->proven) {
        fmt_money(k->value_low, 0, a, sizeof a);
        fmt_money(k->value_high, 0, b, sizeof b);
        if (strcmp(a, b) == 0)
            fprintf(fp, "Cascading is worth %s%s (a solve stopped at its "
                    "time limit, the bounds agreeing): without it (", a, in);
        else if (isfinite(k->value_high))
            fprintf(fp, "Cascading is worth between %s and %s%s (a solve "
                    "stopped at its time limit): without it (", a, b, in);
        else
            fprintf(fp, "Cascading is worth at least %s%s (a solve stopped "
                    "at its time limit): without it (", a, in);
    } else if (strcmp(a, "0") == 0 || strcmp(a, "-0") == 0 ||
               fabs(k->value) <= BE_COST_TOL * fmax(1.0,
                                                   fabs(k->optimal_cost))) {
        fputs("Cascading is worth nothing here: without it (", fp);
        homes_words(fp, c);
        fprintf(fp, ") the plan %s the same, %s.\n",
                value ? "is worth" : "costs", y);
        return;
    } else
        fprintf(fp, "Cascading is worth %s%s: without it (", a, in);
    homes_words(fp, c);
    fprintf(fp, ") the plan%s %s.\n",
            value ? "'s net present value is" : " costs", y);
}

static void json_cascade(FILE *fp, const compare *c)
{
    const be_cascade *k = c->cascade;
    char n[40];
    if (!k)
        return;
    fputs(",\n  \"cascading\": {\"status\": ", fp);
    json_str(fp, be_status_name(k->status));
    fprintf(fp, ", \"has_plan\": %s", k->plan ? "true" : "false");
    fprintf(fp, ", \"net_present_cost\": %s", fmt_num(k->cost, n, sizeof n));
    fprintf(fp, ", \"value\": %s", fmt_num(k->value, n, sizeof n));
    fprintf(fp, ", \"value_low\": %s", fmt_num(k->value_low, n, sizeof n));
    fprintf(fp, ", \"value_high\": %s", fmt_num(k->value_high, n, sizeof n));
    fprintf(fp, ", \"proven\": %s", k->proven ? "true" : "false");
    fputs(", \"devices\": [", fp);
    for (int d = 0; d < k->devices; d++) {
        fputs(d ? ", {\"device\": " : "{\"device\": ", fp);
        json_str(fp, be_model_device_name(c->m, d));
        fputs(", \"workload\": ", fp);
        if (k->home[d] >= 0)
            json_str(fp, be_model_workload_name(c->m, k->home[d]));
        else
            fputs("null", fp);
        fprintf(fp, ", \"held\": %s, \"first_use\": %s}",
                k->held[d] ? "true" : "false",
                k->first_use[d] ? "true" : "false");
    }
    fputs("]}", fp);
}

/* ---- where the optimal plan differs from the plan file ----
 *
 * The decisions of a period that are compared: units retired before the
 * end of their life, bought, rented (in service of a rented device) and,
 * with revenue, the work served.  Each is put in be_describe_period's
 * words ("retire 3 a100 units", a count naming the device's units as
 * units), naming only the devices whose counts differ between the two
 * plans: a count differs when its words do, so that counts which print
 * the same (solver noise) are the same decision. */

typedef enum decision { RETIRE, BUY, RENT, SERVE, DECISIONS } decision;

/* Periods named one by one in the text; the rest are counted. */
#define MAX_CLAUSES 5
/* The words of one decision of one plan in one period. */
#define WORDS 400

static const char *const verb_of[DECISIONS] = {"retire", "buy", "rent",
                                               "serve"};

/* Units of device k that decision d of plan e moves in period t; 0 when
 * it does not act (at most BE_UNIT_TOL is solver noise). */
static double decided(const be_model *m, const be_eval *e, int t, int k,
                      decision d)
{
    if (d == SERVE || (d == RENT && !be_model_device_is_rented(m, k)))
        return 0.0;
    const double *units = d == RETIRE ? e->retired_early
                        : d == BUY ? e->bought : e->in_service;
    double v = units[t * e->devices + k];
    return v > BE_UNIT_TOL ? v : 0.0;
}

/* The count of device k that decision d of plan e moves in t differs
 * from the other plan's: their words differ. */
static int device_differs(const be_model *m, const be_eval *e,
                          const be_eval *other, int t, int k, decision d)
{
    char a[48], b[48];
    fmt_units(decided(m, e, t, k, d), a, sizeof a);
    fmt_units(decided(m, other, t, k, d), b, sizeof b);
    return strcmp(a, b) != 0;
}

/* The object of decision d of plan e in t where it differs from the other
 * plan's: "3 b200 units and 1 h100 unit", the devices of which e moves a
 * count the other does not ("" when none); for SERVE the work served
 * ("12").  *only gets the device when exactly one is named, else -1. */
static void decision_words(const be_model *m, const be_eval *e,
                           const be_eval *other, int t, decision d,
                           char *buf, size_t size, int *only)
{
    char u[48];
    buf[0] = '\0';
    *only = -1;
    if (d == SERVE) {            /* over every workload */
        double served = 0.0;
        for (int w = 0; w < e->workloads; w++)
            served += e->served[t * e->workloads + w];
        snprintf(buf, size, "%s", fmt_units(served, u, sizeof u));
        return;
    }
    int items = 0, done = 0;
    for (int k = 0; k < e->devices; k++)
        if (decided(m, e, t, k, d) > 0.0
            && device_differs(m, e, other, t, k, d)) {
            items++;
            *only = k;
        }
    if (items != 1)
        *only = -1;
    for (int k = 0; k < e->devices; k++) {
        double v = decided(m, e, t, k, d);
        if (!(v > 0.0) || !device_differs(m, e, other, t, k, d))
            continue;
        done++;
        size_t n = strlen(buf);   /* appended; cut short when longer */
        snprintf(buf + n, size - n, "%s%s %s unit%s",
                 done == 1 ? "" : done == items ? " and " : ", ",
                 fmt_units(v, u, sizeof u), be_model_device_name(m, k),
                 fabs(v - 1.0) < 1e-9 ? "" : "s");
    }
}

/* The decisions of period t in the optimal plan (o) and the plan file
 * (p): each decision's words, and a mask of those that differ. */
typedef struct period_words {
    char o[DECISIONS][WORDS], p[DECISIONS][WORDS];
    int o_only[DECISIONS], p_only[DECISIONS];
    unsigned differ;     /* bit d: decision d differs */
    int opt_acts[DECISIONS];   /* the optimum makes decision d in t at
                                  all, of any device */
    int plan_keeps;      /* the plan holds in t the units the optimum
                            retires there and it does not */
    int opt_keeps;       /* the same the other way round */
} period_words;

/* Plan `holder` holds in t every unit of the devices that e retires there
 * and the other plan does not (the words of e's retirements). */
static int holds(const be_model *m, const be_eval *holder, const be_eval *e,
                 int t)
{
    for (int k = 0; k < e->devices; k++) {
        double v = decided(m, e, t, k, RETIRE);
        if (v > 0.0 && device_differs(m, e, holder, t, k, RETIRE)
            && holder->in_service[t * e->devices + k] < v - BE_UNIT_TOL)
            return 0;
    }
    return 1;
}

static unsigned compare_period(const be_model *m, const be_eval *opt,
                               const be_eval *plan, int t, period_words *w)
{
    w->differ = 0;
    for (int d = 0; d < DECISIONS; d++) {
        if (d == SERVE && !be_model_has_revenue(m)) {
            w->o[d][0] = w->p[d][0] = '\0';
            continue;
        }
        decision_words(m, opt, plan, t, (decision)d, w->o[d], WORDS,
                       &w->o_only[d]);
        decision_words(m, plan, opt, t, (decision)d, w->p[d], WORDS,
                       &w->p_only[d]);
        if (strcmp(w->o[d], w->p[d]) != 0)
            w->differ |= 1u << d;
        w->opt_acts[d] = 0;
        for (int k = 0; k < opt->devices; k++)
            w->opt_acts[d] |= decided(m, opt, t, k, (decision)d) > 0.0;
    }
    w->plan_keeps = holds(m, plan, opt, t);
    w->opt_keeps = holds(m, opt, plan, t);
    return w->differ;
}

/* The count of "6 b200 units": the words up to the first space. */
static void count_of(const char *units, char *buf, size_t size)
{
    size_t n = strcspn(units, " ");
    snprintf(buf, size, "%.*s", (int)(n < 60 ? n : 60), units);
}

/* Decision d of a period, in the planner's words, the optimal plan's
 * against the plan file's: "buy 3 b200 units instead of 6 h100 units",
 * "retire 3 a100 units instead of 1" (one device on both sides), "buy 2
 * new units that your plan does not buy", "buy nothing instead of 6 h100
 * units" ("buy none of the 6 h100 units your plan buys" when the optimum
 * buys other units, as the plan does); a retirement on one side only is
 * "retire 3 a100 units that your plan keeps" or "keep 2 old units that
 * your plan retires" when the other plan still holds them then (else
 * "that your plan does not retire", "retire nothing instead of ..."). */
static void clause(FILE *fp, const period_words *w, int d)
{
    const char *o = w->o[d], *p = w->p[d], *verb = verb_of[d];
    if (o[0] && p[0]) {
        char n[64];
        if (w->o_only[d] >= 0 && w->o_only[d] == w->p_only[d]) {
            count_of(p, n, sizeof n);
            fprintf(fp, "%s %s instead of %s", verb, o, n);
        } else
            fprintf(fp, "%s %s instead of %s", verb, o, p);
    } else if (o[0]) {
        if (d == RETIRE && w->plan_keeps)
            fprintf(fp, "retire %s that your plan keeps", o);
        else
            fprintf(fp, "%s %s that your plan does not %s", verb, o, verb);
    } else {
        if (d == RETIRE && w->opt_keeps)
            fprintf(fp, "keep %s that your plan retires", p);
        else if (!w->opt_acts[d])
            fprintf(fp, "%s nothing instead of %s", verb, p);
        else
            fprintf(fp, "%s none of the %s your plan %ss", verb, p, verb);
    }
}

/* One side of a difference as JSON: "buy 6 h100 units", the plan's words
 * for each decision that differs ("" when it makes none of them). */
static void json_side(FILE *fp, const period_words *w, int optimal)
{
    char buf[DECISIONS * (WORDS + 16)];
    buf[0] = '\0';
    for (int d = 0; d < DECISIONS; d++) {
        const char *x = optimal ? w->o[d] : w->p[d];
        size_t n = strlen(buf);
        if ((w->differ & (1u << d)) && x[0])
            snprintf(buf + n, sizeof buf - n, "%s%s %s", n ? ", " : "",
                     verb_of[d], x);
    }
    json_str(fp, buf);
}

/* The row of the plan file, NULL when there is none. */
static const row *plan_row(const compare *c)
{
    return strcmp(c->rows[c->ref].key, "plan") == 0 ? &c->rows[c->ref] : NULL;
}

/* The plan file's discounted cost of period t minus the optimum's. */
static double period_difference(const compare *c, int t)
{
    return plan_row(c)->eval[0]->period_cost[t].total
         - c->rows[0].eval[0]->period_cost[t].total;
}

/* "450 lower in 2027": x is the plan file's cost minus the optimum's;
 * with revenue the optimum's net cash flow is x higher. */
static void money_item(FILE *fp, double x, int value, const char *where)
{
    char a[64];
    fmt_money(fabs(x), 0, a, sizeof a);
    if (strcmp(a, "0") == 0)
        fprintf(fp, "the same %s", where);
    else
        fprintf(fp, "%s %s %s", a, (x > 0) == (value != 0) ? "higher"
                                                            : "lower", where);
}

/* The paragraph after the answer: where the optimal plan's decisions
 * differ from the plan file's, and what that is worth.  Nothing when the
 * plan file is already optimal (the answer says so) or makes the same
 * decisions. */
static void differences_text(FILE *fp, const compare *c)
{
    const row *r = plan_row(c);
    if (!r || c->n_models != 1 || c->n_differ == 0)
        return;
    be_cost_delta d = delta(c, c->ref);
    if (r->bad < 0 && (d.difference <= 0 || d.same))
        return;
    const be_model *m = c->m;
    const be_eval *opt = c->rows[0].eval[0], *plan = r->eval[0];
    int value = be_model_has_revenue(m);
    int shown = c->n_differ < MAX_CLAUSES ? c->n_differ : MAX_CLAUSES;
    period_words w;
    fprintf(fp, "\nThe optimal plan differs from yours in %d period%s. ",
            c->n_differ, c->n_differ == 1 ? "" : "s");
    for (int i = 0; i < shown; i++) {
        int t = c->differ[i], first = 1;
        compare_period(m, opt, plan, t, &w);
        fprintf(fp, "%s%s: ", i ? "; " : "", be_model_period_label(m, t));
        for (int k = 0; k < DECISIONS; k++) {
            if (!(w.differ & (1u << k)))
                continue;
            fputs(first ? "" : ", ", fp);
            clause(fp, &w, k);
            first = 0;
        }
    }
    if (c->n_differ > shown) {
        int more = c->n_differ - shown;
        fprintf(fp, "; and %d more period%s differ%s", more,
                more == 1 ? "" : "s", more == 1 ? "s" : "");
    }
    /* the money: the total, then the periods named and the rest */
    char a[64];
    fmt_money(fabs(d.difference), 0, a, sizeof a);
    if (d.same || strcmp(a, "0") == 0)
        fprintf(fp, ". That leaves the net present %s the same: the optimal "
                "plan's discounted %s is ", value ? "value" : "cost",
                value ? "net cash flow" : "cost");
    else if (value)
        fprintf(fp, ". That is worth %s %s in net present value: the optimal "
                "plan's discounted net cash flow is ", a,
                d.difference > 0 ? "more" : "less");
    else
        fprintf(fp, ". That %s %s%s in net present cost: the optimal plan's "
                "discounted cost is ", d.difference > 0 ? "saves" : "costs",
                a, d.difference > 0 ? "" : " more");
    double rest = d.difference;
    for (int i = 0; i < shown; i++)
        rest -= period_difference(c, c->differ[i]);
    fmt_money(fabs(rest), 0, a, sizeof a);
    int items = shown + (strcmp(a, "0") != 0);
    for (int i = 0; i < items; i++) {
        char where[80];
        if (i < shown)
            snprintf(where, sizeof where, "in %s",
                     be_model_period_label(m, c->differ[i]));
        else
            snprintf(where, sizeof where, "in the other periods");
        fputs(i == 0 ? "" : i == items - 1 ? " and " : ", ", fp);
        money_item(fp, i < shown ? period_difference(c, c->differ[i]) : rest,
                   value, where);
    }
    fputs(".\n", fp);
}

/* "differences" of the plan file's row in JSON: every period that
 * differs, with each side's decisions and the plan's discounted cost of
 * the period minus the optimum's. */
static void differences_json(FILE *fp, const compare *c)
{
    const be_eval *opt = c->rows[0].eval[0], *plan = plan_row(c)->eval[0];
    period_words w;
    char n[40];
    fputs(", \"differences\": [", fp);
    for (int i = 0; i < c->n_differ; i++) {
        int t = c->differ[i];
        compare_period(c->m, opt, plan, t, &w);
        fputs(i ? ", {\"period\": " : "{\"period\": ", fp);
        json_str(fp, be_model_period_label(c->m, t));
        fputs(", \"optimal\": ", fp);
        json_side(fp, &w, 1);
        fputs(", \"plan\": ", fp);
        json_side(fp, &w, 0);
        fprintf(fp, ", \"cost_difference\": %s}",
                fmt_num(period_difference(c, t), n, sizeof n));
    }
    fputc(']', fp);
}

/* The levelized cost of compute of row r (docs/returns.md): its own, or
 * over scenarios the price at which the expected value is 0, sum p NPC /
 * sum p (1 - tau) work, (1 - tau) work being NPC / LCOC.  NAN when no
 * work is served. */
static double row_levelized(const compare *c, const row *r)
{
    if (c->n_models == 1)
        return r->eval[0]->levelized_cost;
    double npc = 0.0, work = 0.0;
    for (int s = 0; s < c->n_models; s++) {
        const be_eval *e = r->eval[s];
        if (!isfinite(e->levelized_cost) || e->levelized_cost == 0.0)
            return isfinite(e->levelized_cost) ? 0.0 : NAN;
        npc += c->p[s] * e->net_present_cost;
        work += c->p[s] * e->net_present_cost / e->levelized_cost;
    }
    return work != 0.0 ? npc / work : NAN;
}

/* One line of the table: name, cost (the value with revenue),
 * difference, share, levelized cost, constraints. */
static void table_line(FILE *fp, const char *name, double cost,
                       be_cost_delta x, int first, double lcoc, int value,
                       const char *constraints)
{
    char a[64], b[64], l[64], pct[32] = "";
    double d = value ? -x.difference : x.difference, p = x.percent;
    if (value) {
        cost = -cost;
        p = NAN;           /* a share of a value is not a share of a cost */
    }
    if (!first && isfinite(p))
        snprintf(pct, sizeof pct, "%+.1f%%", p);
    fmt_money(d, 0, b + 1, sizeof b - 1);
    b[0] = d > 0 && strcmp(b + 1, "0") != 0 ? '+' : ' ';
    if (b[0] != '+' && isfinite(p) && fabs(p) < 0.05)
        snprintf(pct, sizeof pct, "0.0%%");
    if (isfinite(lcoc))
        fmt_money(lcoc, 2, l, sizeof l);
    else
        snprintf(l, sizeof l, "none");
    fprintf(fp, "%-28s %18s %16s %9s %16s  %s\n", name,
            fmt_money(cost, 0, a, sizeof a),
            first ? "" : b[0] == '+' ? b : b + 1, pct, l, constraints);
}

static void report_text(FILE *fp, const void *data)
{
    const compare *c = data;
    char v[300], w[200];
    answer(fp, c);
    if (c->sol->status == BE_TIME_LIMIT_PLAN)
        fprintf(fp, "(The optimal plan is the best found at the time limit, "
                "%s.)\n", cli_gap_words(c->sol->gap, w, sizeof w));
    cascade_text(fp, c);
    differences_text(fp, c);
    int value = be_model_has_revenue(c->m);
    fprintf(fp, "\n%-28s %18s %16s %9s %16s  %s\n", "plan",
            value ? (c->n_models > 1 ? "expected value" : "net present value")
                  : (c->n_models > 1 ? "expected cost" : "net present cost"),
            "vs optimum", "", "levelized cost", "constraints");
    for (int i = 0; i < c->n; i++) {
        const row *r = &c->rows[i];
        if (r->bad < 0)
            snprintf(v, sizeof v, "met");
        else {
            row_violation(c, r, w, sizeof w);
            snprintf(v, sizeof v, "breaks %s", w);
        }
        table_line(fp, r->name, r->cost, delta(c, i), i == 0,
                   row_levelized(c, r), value, v);
    }
    for (int s = 0; c->n_models > 1 && s < c->n_models; s++) {
        char p[40];
        fprintf(fp, "\nScenario %s (probability %s):\n",
                be_model_scenario_name(c->m, s),
                be_format_number(c->p[s], p, sizeof p));
        for (int i = 0; i < c->n; i++) {
            const be_eval *e = c->rows[i].eval[s];
            if (e->violation == BE_FEASIBLE_PLAN)
                snprintf(v, sizeof v, "met");
            else {
                violation_text(c->models[s], e, w, sizeof w);
                snprintf(v, sizeof v, "breaks %s", w);
            }
            table_line(fp, c->rows[i].name, e->cost.total,
                       be_cost_compare(e, c->rows[0].eval[s]), i == 0,
                       e->levelized_cost, value, v);
        }
    }
    if (value)
        fprintf(fp, "\nThe difference is the plan's net present value minus "
                "the optimum's (revenue less cost)%s.\n",
                c->n_models > 1 ? "; the expected value weighs each "
                "scenario's by its probability, and each baseline is built "
                "on the scenario's own model" : "");
    else
    fprintf(fp, "\nThe difference is the plan's net present cost minus the "
            "optimum's, and as a share of the plan's own cost%s.\n",
            c->n_models > 1 ? "; the expected cost weighs each scenario's "
            "by its probability, and each baseline is built on the "
            "scenario's own model" : "");
}

static void json_violation(FILE *fp, const be_model *m, const be_eval *e)
{
    char n[40];
    if (e->violation == BE_FEASIBLE_PLAN) {
        fputs("null", fp);
        return;
    }
    fputs("{\"constraint\": ", fp);
    json_str(fp, be_violation_name(e->violation));
    fputs(", \"period\": ", fp);
    json_str(fp, be_model_period_label(m, e->violation_period));
    fputs(", \"device\": ", fp);
    if (e->violation_device >= 0)
        json_str(fp, be_model_device_name(m, e->violation_device));
    else
        fputs("null", fp);
    if (be_model_has_workloads(m)) {     /* demand, market, shares */
        fputs(", \"workload\": ", fp);
        if (e->violation_workload >= 0)
            json_str(fp, be_model_workload_name(m, e->violation_workload));
        else
            fputs("null", fp);
    }
    fprintf(fp, ", \"amount\": %s}", fmt_num(e->violation_amount, n, sizeof n));
}

/* "net_present_cost", "difference", "difference_percent", "feasible",
 * "violation" of one plan in one model (or of the expected cost). */
static void json_costs(FILE *fp, const compare *c, double cost,
                       be_cost_delta x, double lcoc, int feasible, int model,
                       const be_eval *e)
{
    char n[40];
    fprintf(fp, ", \"net_present_cost\": %s", fmt_num(cost, n, sizeof n));
    fprintf(fp, ", \"difference\": %s", fmt_num(x.difference, n, sizeof n));
    fprintf(fp, ", \"difference_percent\": %s",
            fmt_num(x.percent, n, sizeof n));
    if (be_model_has_revenue(c->m))
        fprintf(fp, ", \"net_present_value\": %s", fmt_num(-cost, n, sizeof n));
    fprintf(fp, ", \"levelized_cost\": %s", fmt_num(lcoc, n, sizeof n));
    fprintf(fp, ", \"feasible\": %s, \"violation\": ",
            feasible ? "true" : "false");
    if (feasible)
        fputs("null", fp);
    else
        json_violation(fp, c->models[model], e);
}

static void report_json(FILE *fp, const void *data)
{
    const compare *c = data;
    char n[40];
    fputs("{\n  \"status\": ", fp);
    json_str(fp, be_status_name(c->sol->status));
    fprintf(fp, ",\n  \"objective\": %s", fmt_num(c->sol->objective, n,
                                                 sizeof n));
    if (c->n_models > 1)
        fprintf(fp, ",\n  \"scenarios\": %d", c->n_models);
    fputs(",\n  \"reference\": ", fp);
    json_str(fp, c->rows[c->ref].key);
    fputs(",\n  \"plans\": [", fp);
    for (int i = 0; i < c->n; i++) {
        const row *r = &c->rows[i];
        fprintf(fp, "%s\n    {\"plan\": ", i ? "," : "");
        json_str(fp, r->key);
        fputs(", \"name\": ", fp);
        json_str(fp, r->name);
        json_costs(fp, c, r->cost, delta(c, i), row_levelized(c, r),
                   r->bad < 0,
                   r->bad < 0 ? 0 : r->bad, r->eval[r->bad < 0 ? 0 : r->bad]);
        if (c->n_models > 1 && r->bad >= 0) {
            /* the scenario of the first violation */
            fputs(", \"violation_scenario\": ", fp);
            json_str(fp, be_model_scenario_name(c->m, r->bad));
        }
        if (c->n_models > 1) {
            fputs(", \"scenarios\": [", fp);
            for (int s = 0; s < c->n_models; s++) {
                const be_eval *e = r->eval[s];
                fputs(s ? ", {\"scenario\": " : "{\"scenario\": ", fp);
                json_str(fp, be_model_scenario_name(c->m, s));
                fprintf(fp, ", \"probability\": %s",
                        fmt_num(c->p[s], n, sizeof n));
                json_costs(fp, c, e->cost.total,
                           be_cost_compare(e, c->rows[0].eval[s]),
                           e->levelized_cost,
                           e->violation == BE_FEASIBLE_PLAN, s, e);
                fputc('}', fp);
            }
            fputc(']', fp);
        }
        if (c->n_models == 1 && strcmp(r->key, "plan") == 0)
            differences_json(fp, c);
        fputc('}', fp);
    }
    fputs("\n  ]", fp);
    json_cascade(fp, c);
    fputs("\n}\n", fp);
}

/* net_present_cost .. violation_amount of one plan in one model (or of
 * the expected cost: e NULL when feasible). */
static void csv_costs(FILE *fp, const compare *c, double cost,
                      be_cost_delta x, double lcoc, int model,
                      const be_eval *e)
{
    char n[40], l[40] = "";
    if (isfinite(lcoc))
        fmt_num(lcoc, l, sizeof l);
    fprintf(fp, ",%s", fmt_num(cost, n, sizeof n));
    fprintf(fp, ",%s", fmt_num(x.difference, n, sizeof n));
    fprintf(fp, ",%s", isfinite(x.percent) ? fmt_num(x.percent, n, sizeof n)
                                           : "");
    if (!e || e->violation == BE_FEASIBLE_PLAN) {
        fprintf(fp, ",true,,,,,%s\n", l);
        return;
    }
    const be_model *m = c->models[model];
    fprintf(fp, ",false,%s,%s,", be_violation_name(e->violation),
            be_model_period_label(m, e->violation_period));
    if (e->violation_device >= 0)
        fputs(be_model_device_name(m, e->violation_device), fp);
    fprintf(fp, ",%s,%s\n", fmt_num(e->violation_amount, n, sizeof n), l);
}

static void report_csv(FILE *fp, const void *data)
{
    const compare *c = data;
    char n[40];
    int many = c->n_models > 1;
    fprintf(fp, "plan,name,%snet_present_cost,difference,difference_percent,"
            "feasible,violation,violation_period,violation_device,"
            "violation_amount,levelized_cost\n",
            many ? "scenario,probability," : "");
    for (int i = 0; i < c->n; i++) {
        const row *r = &c->rows[i];
        fprintf(fp, "%s,", r->key);
        csv_field(fp, r->name);
        if (many)
            fputs(",expected,1", fp);
        csv_costs(fp, c, r->cost, delta(c, i), row_levelized(c, r),
                  r->bad < 0 ? 0 : r->bad,
                  r->bad < 0 ? NULL : r->eval[r->bad]);
        for (int s = 0; many && s < c->n_models; s++) {
            fprintf(fp, "%s,", r->key);
            csv_field(fp, r->name);
            fputc(',', fp);
            csv_field(fp, be_model_scenario_name(c->m, s));
            fprintf(fp, ",%s", fmt_num(c->p[s], n, sizeof n));
            csv_costs(fp, c, r->eval[s]->cost.total,
                      be_cost_compare(r->eval[s], c->rows[0].eval[s]),
                      r->eval[s]->levelized_cost, s, r->eval[s]);
        }
    }
}

static const char *plan_file;
static double age;

static const cli_option options[] = {
    CLI_OPT_STRING("--plan", NULL, &plan_file, "FILE",
                   "also price this plan file (docs/plans.md); the answer "
                   "then compares against it"),
    CLI_OPT_NUMBER("--age", NULL, &age, "N", 0, 1000, CLI_ABOVE_MIN,
                   "a number of years above 0",
                   "also price fixed-age replacement at N years"),
    CLI_OPT_END};

static const cli_format formats[] = {
    CLI_TEXT_JSON_CSV(report_text, report_json, report_csv)};

/* Price row r in every model: its evaluations, expected cost and first
 * violation.  Returns 0, or an exit code after printing why. */
static int price(compare *c, row *r, be_error *err)
{
    r->cost = 0.0;
    r->bad = -1;
    for (int s = 0; s < c->n_models; s++) {
        if (r->plan) {
            r->eval[s] = be_evaluate(c->models[s], r->plan[s], err);
            if (!r->eval[s]) {
                cli_print_error(err);
                return cli_exit_for(err->code);
            }
        }
        r->cost += c->p[s] * r->eval[s]->cost.total;
        if (r->bad < 0 && r->eval[s]->violation != BE_FEASIBLE_PLAN)
            r->bad = s;
    }
    return 0;
}

/* The rows' arrays, for n models. */
static int new_row(compare *c, row *r)
{
    r->eval = calloc((size_t)c->n_models, sizeof *r->eval);
    r->plan = calloc((size_t)c->n_models, sizeof *r->plan);
    return r->eval && r->plan ? 0 : -1;
}

/* 1 when an owned device of m serves several workloads: the plan without
 * cascading is then solved for (be_cascade_value). */
static int can_cascade(const be_model *m)
{
    for (int k = 0; k < be_model_devices(m); k++) {
        int serves = 0;
        for (int w = 0; w < be_model_workloads(m); w++)
            serves += be_model_device_serves(m, k, w) > 0.0;
        if (serves > 1 && !be_model_device_is_rented(m, k))
            return 1;
    }
    return 0;
}

/* The plan without cascading (one model with workloads): c->cascade, and
 * its row when it has a plan (the row takes its evaluation).  Returns 0,
 * or an exit code after printing why. */
static int no_cascading(const cli_ctx *x, compare *c)
{
    be_error err = {0};
    if (can_cascade(c->m))
        cli_say_solving(x, &x->s, ", for the plan without cascading");
    c->cascade = be_cascade_value(c->m, c->sol, &x->s, &err);
    if (!c->cascade) {
        cli_print_error(&err);
        return cli_exit_for(err.code);
    }
    if (!c->cascade->eval)
        return 0;
    row *r = &c->rows[c->n++];
    r->key = "no_cascading";
    snprintf(r->name, sizeof r->name, "no cascading");
    /* priced already: no plan of its own (as the optimal row) */
    if (!(r->eval = calloc(1, sizeof *r->eval)))
        return cli_out_of_memory();
    r->eval[0] = c->cascade->eval;
    c->cascade->eval = NULL;
    return price(c, r, &err);
}

static int run(cli_ctx *x)
{
    int rc = EXIT_PLAN;
    const be_model *m = x->m;
    const be_solution *sol = x->sol;
    compare c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.sol = sol;
    c.plan_file = plan_file;
    int S = be_model_scenarios(m);
    c.n_models = S > 0 ? S : 1;
    be_error err = {0};
    c.models = calloc((size_t)c.n_models, sizeof *c.models);
    c.p = calloc((size_t)c.n_models, sizeof *c.p);
    if (!c.models || !c.p || c.n_models > MAX_MODELS) {
        rc = cli_out_of_memory();
        goto done;
    }
    for (int s = 0; s < c.n_models; s++) {
        c.models[s] = S > 0 ? be_model_scenario(m, s) : m;
        c.p[s] = S > 0 ? be_model_scenario_probability(m, s) : 1.0;
    }
    row *opt = &c.rows[c.n++];
    *opt = (row){"optimal", "optimal", NULL, NULL, 0.0, -1};
    opt->eval = calloc((size_t)c.n_models, sizeof *opt->eval);
    if (!opt->eval) {
        rc = cli_out_of_memory();
        goto done;
    }
    for (int s = 0; s < c.n_models; s++)
        opt->eval[s] = S > 0 ? sol->scenario_eval[s] : sol->eval;
    price(&c, opt, &err);
    static const be_baseline kinds[] = {BE_BASELINE_END_OF_LIFE,
                                        BE_BASELINE_ON_RELEASE,
                                        BE_BASELINE_FIXED_AGE};
    static const char *const keys[] = {"end_of_life", "on_release",
                                       "fixed_age"};
    for (int i = 0; i < 3; i++) {
        if (kinds[i] == BE_BASELINE_FIXED_AGE && !(age > 0))
            continue;
        row *r = &c.rows[c.n++];
        r->key = keys[i];
        if (kinds[i] == BE_BASELINE_FIXED_AGE)
            snprintf(r->name, sizeof r->name, "fixed age %g year%s", age,
                     age == 1 ? "" : "s");
        else
            snprintf(r->name, sizeof r->name, "%s", be_baseline_name(kinds[i]));
        if (new_row(&c, r) != 0) {
            rc = cli_out_of_memory();
            goto done;
        }
        for (int s = 0; s < c.n_models; s++) {
            r->plan[s] = be_baseline_plan(c.models[s], kinds[i], age, &err);
            if (!r->plan[s]) {
                cli_print_error(&err);
                rc = cli_exit_for(err.code);
                goto done;
            }
        }
        if ((rc = price(&c, r, &err)) != 0)
            goto done;
    }
    if (be_model_has_workloads(m) && S == 0 && (rc = no_cascading(x, &c)))
        goto done;
    c.ref = 1;
    if (plan_file) {
        /* the one plan, priced in every scenario: the same decisions
         * whatever happens */
        row *r = &c.rows[c.n];
        r->key = "plan";
        snprintf(r->name, sizeof r->name, "%s", plan_file);
        if (new_row(&c, r) != 0) {
            rc = cli_out_of_memory();
            goto done;
        }
        c.ref = c.n++;
        for (int s = 0; s < c.n_models; s++) {
            r->plan[s] = be_plan_load_file(c.models[s], plan_file, &err);
            if (!r->plan[s]) {
                if (S > 0 && err.code == BE_EMODEL) {
                    char msg[sizeof err.message];
                    snprintf(msg, sizeof msg, "%s", err.message);
                    snprintf(err.message, sizeof err.message, "in scenario "
                             "'%s': %.400s", be_model_scenario_name(m, s),
                             msg);
                }
                cli_print_error(&err);
                rc = cli_exit_for(err.code);
                goto done;
            }
        }
        if ((rc = price(&c, r, &err)) != 0)
            goto done;
        if (S == 0) {
            /* the periods whose decisions differ */
            int T = be_model_periods(m);
            period_words *w = malloc(sizeof *w);
            c.differ = calloc((size_t)T, sizeof *c.differ);
            if (!w || !c.differ) {
                free(w);
                rc = cli_out_of_memory();
                goto done;
            }
            for (int t = 0; t < T; t++)
                if (compare_period(m, opt->eval[0], r->eval[0], t, w))
                    c.differ[c.n_differ++] = t;
            free(w);
        }
    }

    rc = cli_emit(x, &c);
done:
    for (int i = 0; i < c.n; i++) {
        for (int s = 0; i > 0 && c.rows[i].eval && s < c.n_models; s++) {
            be_eval_free(c.rows[i].eval[s]);
            be_plan_free(c.rows[i].plan ? c.rows[i].plan[s] : NULL);
        }
        free(c.rows[i].eval);
        free(c.rows[i].plan);
    }
    free(c.models);
    free(c.p);
    free(c.differ);
    be_cascade_free(c.cascade);
    return rc;
}

const cli_command cli_compare = {
    .name = "compare",
    .summary = "price the optimal plan against the plans people follow and "
               "a plan file",
    .flags = CMD_SOLVE | CMD_PLAN | CMD_LOAD | CMD_FILE | CMD_SCENARIOS,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SOLVER,
    .options = options, .formats = formats, .run = run,
};
