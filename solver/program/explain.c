/*
 * explain.c -- be_explain: the program of a model in words, then with the
 * model's numbers, for teaching and for checking a model by eye.
 *
 * Names are those of `breakeven lp` and README "The program"
 * (be__col_name, be__row_name); a model with several workloads names its
 * demand, sell and market per workload (demand[training,2027]) and has
 * share columns and split rows.  Each constraint is printed from the
 * program builder's rows, so what is explained is exactly what is solved.
 */
#include "program/lp.h"
#include "program/textout.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const col_words[] = {
    "buy[k,t]        units of device k bought at the start of period t",
    "hold[k,aA,t]    units of one cohort of k (units that entered the fleet\n"
    "                  together), aged A periods at the start of t, in\n"
    "                  service during t; in the last period its cost also\n"
    "                  counts the salvage value at the end",
    "retire[k,aA,t]  units of that cohort retired (sold) at the start of t,\n"
    "                  at age A; at the lifetime, all of them",
    "rent[k,t]       units of rented device k in service during t",
    "sell[t]         work sold in t beyond the demand, up to the market\n"
    "                  (revenue.market); its cost is minus its after-tax\n"
    "                  revenue",
    "share[k,w,t]    units of device k serving workload w during t, for a\n"
    "                  device that serves several workloads (one that serves\n"
    "                  one gives it all its units); continuous",
};

/* With several workloads (docs/workloads.md), sell and the rows per
 * workload; the other words are the same. */
static const char sell_words_wl[] =
    "sell[w,t]       work of workload w sold in t beyond its demand, up to\n"
    "                  its market (revenue.market); its cost is minus its\n"
    "                  after-tax revenue";
static const char demand_words_wl[] =
    "demand[w,t]: the throughput given to workload w in period t is at least\n"
    "its demand (and what is sold of it beyond): the units in service, owned\n"
    "and rented, of the devices that serve only w, and the shares of those\n"
    "that serve several.";
static const char market_words_wl[] =
    "market[w,t]: the work of workload w sold beyond its demand in period t is\n"
    "at most what its market leaves beyond it (revenue.market - demand).";

static const char *const row_words[] = {
    "flow[k,aA,t]: the units of a cohort in service during t, plus those\n"
    "retired at its start, are the units in service the period before (in the\n"
    "cohort's first period: the units bought then, or in place at the start).",
    "demand[t]: the throughput of the units in service, owned and rented, is\n"
    "at least the demand of period t.",
    "power[t]: the facility power (power_kw x pue) of the owned units in\n"
    "service is at most the site's power cap in period t.",
    "budget[t]: the purchase prices paid in period t (not discounted) are at\n"
    "most its budget.",
    NULL, NULL,          /* risk and fix rows: not explained */
    "market[t]: the work sold beyond the demand in period t is at most what\n"
    "the market leaves beyond it (revenue.market - demand).",
    "split[k,t]: the units of device k given to each workload in period t (its\n"
    "shares) add up to at most its units in service, owned and rented.",
};

static char *num(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.10g", v);
    return buf;
}

/* What one variable is, in words. */
static void col_meaning(be__text *o, const be_model *m, const be_program *p,
                        int i)
{
    const be_col *c = &p->cols[i];
    const char *dev = c->device >= 0 ? m->devices[c->device].name : "";
    const char *at = m->labels[c->period];
    char from[64] = "";
    if (c->kind == BE_COL_HOLD || c->kind == BE_COL_RETIRE) {
        const be_cohort *h = &m->cohorts[c->cohort];
        if (h->fleet_entry >= 0)
            snprintf(from, sizeof from, "of fleet entry %d", h->fleet_entry + 1);
        else
            snprintf(from, sizeof from, "bought in %s", m->labels[h->start]);
    }
    switch (c->kind) {
    case BE_COL_BUY:
        be__textf(o, "%s bought at the start of %s", dev, at);
        break;
    case BE_COL_HOLD:
        be__textf(o, "%s %s, age %d, in service during %s", dev, from, c->age,
                  at);
        break;
    case BE_COL_RETIRE:
        be__textf(o, "%s %s, retired at the start of %s at age %d", dev, from,
                  at, c->age);
        break;
    case BE_COL_RENT:
        be__textf(o, "%s rented during %s", dev, at);
        break;
    case BE_COL_SELL:
        if (m->W > 1)
            be__textf(o, "%s work sold during %s beyond its demand",
                      m->workloads[c->workload].name, at);
        else
            be__textf(o, "work sold during %s beyond the demand", at);
        break;
    case BE_COL_SHARE:
        be__textf(o, "units of %s serving %s during %s", dev,
                  m->workloads[c->workload].name, at);
        break;
    case BE_COL_SLACK:   /* only in diagnose.c's elastic copies */
        be__textf(o, "slack of a limit in %s", at);
        break;
    case BE_COL_VAR:     /* only in the stochastic program, not explained */
    case BE_COL_EXCESS:
        break;
    }
}

static void note_more(be__text *o, int more, const char *what)
{
    if (more > 0)
        be__textf(o, "  ... and %d more %s (breakeven explain --limit 0 "
                  "shows all)\n", more, what);
}

be_code be_explain(const be_model *m, const be_settings *s, int limit,
                   be_write_fn write, void *ctx, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!m || !write || limit < 0)
        return be__fail(err, BE_EARG, m ? m->file : "", nowhere,
                        "be_explain needs a model, a write function and a "
                        "limit >= 0");
    if (m->n_scenarios)
        return be__fail(err, BE_EARG, m->file, nowhere,
                        "%s: a model with scenarios is not written this way "
                        "(breakeven lp writes its stochastic program)",
                        "be_explain");
    int integer = m->integer && !(s && s->relax);
    be_program *p = be__program_build(m, integer, err);
    if (!p)
        return err ? err->code : BE_ENOMEM;
    be__text o = {write, ctx, 0, 0};
    char name[160], b[40];
    size_t nr = (size_t)p->n_rows;
    size_t *start = be__calloc(nr + 1, sizeof *start);
    size_t *fill = be__calloc(nr + 1, sizeof *fill);
    size_t *order = be__calloc(p->nnz ? p->nnz : 1, sizeof *order);
    if (!start || !fill || !order) {
        o.failed = o.nomem = 1;
        goto done;
    }
    /* Entries by row, in the order the builder added them. */
    for (size_t e = 0; e < p->nnz; e++)
        start[p->mi[e] + 1]++;
    for (size_t r = 0; r < nr; r++)
        start[r + 1] += start[r];
    for (size_t e = 0; e < p->nnz; e++) {
        size_t r = (size_t)p->mi[e];
        order[start[r] + fill[r]++] = e;
    }

    int K = m->n_devices, T = m->T;
    be__textf(&o, "%s\n", m->name && m->name[0] ? m->name : m->file);
    if (m->description && m->description[0])
        be__textf(&o, "%s\n", m->description);
    int wl = m->W > 1;
    be__textf(&o, "%d periods (%s to %s), ", T, m->labels[0],
              m->labels[T - 1]);
    if (wl)
        be__textf(&o, "%d workloads, ", m->W);
    be__textf(&o, "%d device%s, %d cohort%s; %s.\n", K, K == 1 ? "" : "s",
              m->n_cohorts, m->n_cohorts == 1 ? "" : "s",
              integer ? "whole units: a mixed-integer program"
                      : "fractional units: a linear program");
    be__textf(&o, "The program: choose %d variables, all >= 0, to minimise "
              "the net present cost\nsubject to %d constraints.\n\n",
              p->n_cols, p->n_rows);

    be__textf(&o, "VARIABLES\n\n");
    for (int kind = BE_COL_BUY; kind <= BE_COL_SHARE; kind++) {
        int any = 0;
        for (int i = 0; i < p->n_cols && !any; i++)
            any = (int)p->cols[i].kind == kind;
        if (any)
            be__textf(&o, "  %s\n", wl && kind == BE_COL_SELL
                                         ? sell_words_wl : col_words[kind]);
    }
    be__textf(&o, "\n%s%s\n\n",
              integer ? "buy, hold and rent are whole numbers; retire is "
                        "whole through flow."
                      : "All of them may be fractional.",
              integer && wl ? "  Shares and sales are continuous." : "");

    be__textf(&o, "OBJECTIVE\n\nMinimise the sum over all variables of "
              "cost x value.  The cost of one unit\nof a variable is the "
              "discounted, after-tax cash flow it causes (formulas at\nthe "
              "top of solver/lp.c); negative is money back (resale, and "
              "salvage in the\nlast period).\n\n");
    if (p->obj_const != 0.0)
        be__textf(&o, "Plus the constant %s: minus the discounted, after-tax "
                  "revenue of the\ndemand, which every plan serves.\n\n",
                  num(p->obj_const, b, sizeof b));
    int shown = 0;
    for (int i = 0; i < p->n_cols; i++) {
        if (limit && shown >= limit)
            break;
        be__col_name(m, p, i, name, sizeof name);
        be__textf(&o, "  %-28s %14s  ", name,
                  num(p->cols[i].cost, b, sizeof b));
        col_meaning(&o, m, p, i);
        be__textf(&o, "\n");
        shown++;
    }
    note_more(&o, p->n_cols - shown, "variables");

    be__textf(&o, "\nCONSTRAINTS\n");
    static const int row_kinds[] = {BE_ROW_FLOW, BE_ROW_DEMAND, BE_ROW_POWER,
                                    BE_ROW_BUDGET, BE_ROW_MARKET,
                                    BE_ROW_SHARE};
    for (size_t rk = 0; rk < sizeof row_kinds / sizeof *row_kinds; rk++) {
        int kind = row_kinds[rk];
        int count = 0;
        for (int r = 0; r < p->n_rows; r++)
            count += (int)p->rows[r].kind == kind;
        if (!count)
            continue;
        be__textf(&o, "\n%s\n\n", !wl ? row_words[kind]
                                   : kind == BE_ROW_DEMAND ? demand_words_wl
                                   : kind == BE_ROW_MARKET ? market_words_wl
                                   : row_words[kind]);
        shown = 0;
        for (int r = 0; r < p->n_rows; r++) {
            const be_row *row = &p->rows[r];
            if ((int)row->kind != kind)
                continue;
            if (limit && shown >= limit)
                continue;
            shown++;
            be__row_name(m, p, r, name, sizeof name);
            be__textf(&o, "  %s:", name);
            size_t n = start[r + 1] - start[r];
            size_t upto = limit && n > (size_t)limit ? (size_t)limit : n;
            for (size_t q = 0; q < upto; q++) {
                size_t e = order[start[r] + q];
                double v = p->mv[e];
                const char *sign = v < 0 ? "-" : "+";
                if (q == 0)
                    be__textf(&o, " %s", v < 0 ? "-" : "");
                else
                    be__textf(&o, " %s ", sign);
                be__col_name(m, p, p->mj[e], name, sizeof name);
                be__textf(&o, "%s·%s", num(v < 0 ? -v : v, b, sizeof b),
                          name);
            }
            if (upto < n)
                be__textf(&o, " + ... (%zu more term%s)", n - upto,
                          n - upto == 1 ? "" : "s");
            if (n == 0)
                be__textf(&o, " 0");
            be__textf(&o, " %s %s\n",
                      row->sense == 'E' ? "=" : row->sense == 'G' ? ">=" : "<=",
                      num(row->rhs, b, sizeof b));
        }
        note_more(&o, count - shown, "constraints of this kind");
    }
done:
    free(start);
    free(fill);
    free(order);
    be__program_free(p);
    return be__text_status(&o, m, err);
}
