/*
 * gmpl.c -- be_write_gmpl: the program of a model as one GNU MathProg file
 * (model and data sections) that a student can read, change and solve with
 * `glpsol -m FILE`.
 *
 * The file is written from the model: its sets are the devices, periods
 * and cohorts; its parameters the model's numbers (demand, throughput,
 * power, prices, limits, the initial fleet); its constraints are written
 * algebraically (README "The program").  Only the cost of one unit of each
 * hold, retire and rent variable is given as a number per variable, taken
 * from the program builder (lp.c), so that the cost definitions (discount,
 * O&M by age, energy, resale, taxes) live in one place.
 *
 * A cohort is named by its device and an origin: the purchase period for
 * units bought (hold['new',2027,2029]: bought in 2027, in service in
 * 2029), 'fN' for entry N of the initial fleet.  Yearly models number
 * their periods by year; quarterly and monthly ones 0 .. T-1, with the
 * labels in param label.
 *
 * A model with several workloads (docs/workloads.md) adds the set
 * WORKLOAD, its demand need[w,t] and throughput serve[k,w] per workload,
 * share[k,w,t] for the devices that serve several (SHARED) with their
 * split[k,t] rows, and sell[w,t] per workload: the program lp.c builds.
 * With one workload the file is what it has always been.
 */
#include "program/lp.h"
#include "model/rules.h"
#include "program/textout.h"

#include <stdio.h>

/* The number of period t in the file. */
static int pnum(const be_model *m, int t)
{
    return m->period == BE_YEAR ? m->start_year + t : t;
}

/* The cohort's origin: the purchase period, or 'fN'. */
static char *origin(const be_model *m, int j, char *buf, size_t size)
{
    const be_cohort *c = &m->cohorts[j];
    if (c->fleet_entry >= 0)
        snprintf(buf, size, "'f%d'", c->fleet_entry + 1);
    else
        snprintf(buf, size, "%d", pnum(m, c->start));
    return buf;
}

/* The model section in pieces: a model with several workloads adds a
 * WORKLOAD set and writes demand and throughput per workload (`wl`
 * below); a model with one keeps the text it has always had. */
static const char model_head[] =
"# ---------------------------------------------------------------------\n"
"# The model: sets, parameters, variables, constraints\n"
"# ---------------------------------------------------------------------\n"
"\n"
"set DEVICE;                       # device types\n";

static const char model_sets[] =
"set PERIOD;                       # periods, in order, one apart\n"
"param label{PERIOD} symbolic;     # how reports name each period\n"
"\n"
"# A cohort: units of device k that entered the fleet together; g is the\n"
"# purchase period, or 'fN' for entry N of the initial fleet.\n"
"set COHORT dimen 2;\n"
"set BOUGHT within COHORT;         # cohorts bought (g = purchase period)\n"
"param start{COHORT};              # first period in service\n"
"param age0{COHORT};               # age in periods at the start of start[k,g]\n"
"param count{COHORT} default 0;    # units in place at the start (fleet)\n"
"\n"
"# Where variables exist: only where they can be non-zero (on sale,\n"
"# within the lifetime).  A unit of cohort (k,g) held in period t is\n"
"# age0[k,g] + t - start[k,g] periods old at the start of t.\n"
"set BUY dimen 2;                  # (k,t): device k can be bought in t\n"
"set HOLD dimen 3;                 # (k,g,t): cohort (k,g) can be in service in t\n"
"set RETIRE dimen 3;               # (k,g,t): cohort (k,g) can be retired at the start of t\n"
"set RENT dimen 2;                 # (k,t): device k can be rented in t\n"
"\n";

static const char model_work[] =
"param need{PERIOD} >= 0;          # demand: throughput needed in each period\n"
"param throughput{DEVICE} > 0;     # throughput of one unit in service\n";

static const char model_work_wl[] =
"param need{WORKLOAD,PERIOD} >= 0; # demand: throughput of w needed in t\n"
"param serve{DEVICE,WORKLOAD} >= 0 default 0;\n"
"                                  # throughput of one unit of k in service\n"
"                                  # for w; 0: k cannot serve w\n"
"\n"
"# A unit of a device that serves several workloads splits its time\n"
"# between them: share[k,w,t] of its units serve w during t (continuous,\n"
"# even with whole units).  A device that serves one workload gives it all\n"
"# its units.\n"
"set SHARED within DEVICE;         # devices that serve several workloads\n"
"set SHARE dimen 3;                # (k,w,t): k in SHARED serves w, in service in t\n"
"set SPLIT := setof{(k,w,t) in SHARE} (k,t);\n"
"\n";

static const char model_costs[] =
"param power_kw{DEVICE} >= 0;      # IT power of one owned unit in service\n"
"param pue >= 1;                   # facility power / IT power\n"
"param price{BUY} >= 0;            # purchase price, nominal\n"
"param discount{PERIOD} > 0;       # d(t) = (1 + r)^(-t * period length)\n"
"\n"
"# The discounted, after-tax cash flow that one unit of each variable\n"
"# causes (the formulas are at the top of solver/lp.c): O&M by age, energy,\n"
"# depreciation, and in the last period the salvage value; the resale\n"
"# value (after tax on the gain) of a unit retired; the rent.\n"
"param hold_cost{HOLD};\n"
"param retire_value{RETIRE};\n"
"param rent_cost{RENT};\n"
"\n";

/* The revenue of a model with `revenue` (docs/returns.md): the work sold
 * beyond the demand, and the demand's own revenue, a constant. */
static const char revenue_text[] =
"# Revenue: work sold beyond the demand, up to the market, is worth its\n"
"# discounted after-tax price; the demand's own revenue is a constant.\n"
"set SELL within PERIOD;           # periods with a market above the demand\n"
"param sell_most{SELL} >= 0;       # market - demand\n"
"param sell_value{SELL} >= 0;      # (1 - tax) price dt discount, per unit\n"
"param demand_revenue;             # sum of the same over the demand\n"
"\n";

static const char revenue_text_wl[] =
"# Revenue: work of a workload sold beyond its demand, up to its market, is\n"
"# worth its discounted after-tax price; the demands' own revenue is a\n"
"# constant.\n"
"set SELL within WORKLOAD cross PERIOD;  # (w,t): w's market is above its demand\n"
"param sell_most{SELL} >= 0;       # market - demand\n"
"param sell_value{SELL} >= 0;      # (1 - tax) price dt discount, per unit\n"
"param demand_revenue;             # sum of the same over the demands\n"
"\n";

static const char vars_text[] =
"var buy{BUY} >= 0%s;      # units of k bought at the start of t\n"
"var hold{HOLD} >= 0%s;    # units of cohort (k,g) in service during t\n"
"var retire{RETIRE} >= 0;    # units of cohort (k,g) retired at the start of t\n"
"                            # (whole through flow when hold is integer)\n"
"var rent{RENT} >= 0%s;    # units of rented device k in service during t\n"
"%s"
"\n"
"minimize cost:                # the net present cost (less revenue)\n"
"    sum{(k,t) in BUY} price[k,t] * discount[t] * buy[k,t]\n"
"  + sum{(k,g,t) in HOLD} hold_cost[k,g,t] * hold[k,g,t]\n"
"  - sum{(k,g,t) in RETIRE} retire_value[k,g,t] * retire[k,g,t]\n"
"  + sum{(k,t) in RENT} rent_cost[k,t] * rent[k,t]%s;\n"
"\n"
"# Units of a cohort in service in t, plus those retired at its start, are\n"
"# those of the period before (or the units bought, or in place, when t is\n"
"# the cohort's first period).  A unit reaching its lifetime has no hold\n"
"# variable: it must be retired.\n"
"s.t. flow{(k,g,t) in HOLD union RETIRE}:\n"
"    (if (k,g,t) in HOLD then hold[k,g,t])\n"
"  + (if (k,g,t) in RETIRE then retire[k,g,t])\n"
"  = if t > start[k,g] then hold[k,g,t-1]\n"
"    else count[k,g] + (if (k,g) in BOUGHT then buy[k,t]);\n"
"\n";

static const char demand_text[] =
"# The throughput of the units in service, owned and rented, meets demand\n"
"# (and what is sold beyond it).\n"
"s.t. demand{t in PERIOD}:\n"
"    sum{(k,g,u) in HOLD: u = t} throughput[k] * hold[k,g,u]\n"
"  + sum{(k,u) in RENT: u = t} throughput[k] * rent[k,u]%s >= need[t];\n"
"\n";

static const char demand_text_wl[] =
"# The throughput given to each workload meets its demand (and what is\n"
"# sold of it beyond): the units in service, owned and rented, of the\n"
"# devices that serve only it, and the shares of the others.\n"
"s.t. demand{w in WORKLOAD, t in PERIOD}:\n"
"    sum{(k,g,u) in HOLD: u = t and k not in SHARED} serve[k,w] * hold[k,g,u]\n"
"  + sum{(k,u) in RENT: u = t and k not in SHARED} serve[k,w] * rent[k,u]\n"
"  + sum{(k,v,u) in SHARE: v = w and u = t} serve[k,w] * share[k,v,u]%s\n"
"  >= need[w,t];\n"
"\n"
"# The shares of a device that serves several workloads add up to at most\n"
"# its units in service, owned and rented.\n"
"s.t. split{(k,t) in SPLIT}:\n"
"    sum{(j,w,u) in SHARE: j = k and u = t} share[j,w,u]\n"
"  <= sum{(j,g,u) in HOLD: j = k and u = t} hold[j,g,u]\n"
"   + (if (k,t) in RENT then rent[k,t]);\n"
"\n";

/* The variables, the objective, flow and demand (with several workloads
 * `wl`: per workload, with the shares and their split rows). */
static void write_vars(be__text *o, int integer, int revenue, int wl)
{
    const char *in = integer ? ", integer" : "";
    const char *rv = !revenue ? ""
                   : wl ? "\n  - sum{(w,t) in SELL} sell_value[w,t] * sell[w,t]"
                          " - demand_revenue"
                        : "\n  - sum{t in SELL} sell_value[t] * sell[t]"
                          " - demand_revenue";
    const char *sv = !revenue ? ""
                   : wl ? "\n  - (if (w,t) in SELL then sell[w,t])"
                        : "\n  - (if t in SELL then sell[t])";
    if (revenue && wl)
        be__textf(o, "var sell{(w,t) in SELL} >= 0, <= sell_most[w,t];\n"
                  "                            # work of w sold beyond its "
                  "demand\n");
    else if (revenue)
        be__textf(o, "var sell{t in SELL} >= 0, <= sell_most[t];  # work "
                  "sold beyond the demand\n");
    be__textf(o, vars_text, in, in, in,
              wl ? "var share{SHARE} >= 0;     # units of k serving w during "
                   "t\n" : "", rv);
    be__textf(o, wl ? demand_text_wl : demand_text, sv);
}

static void write_num(be__text *o, double v)
{
    char b[40];
    be__textf(o, " %s", be_format_number(v, b, sizeof b));
}

/* Several workloads: the demand of each, what one unit of each device
 * gives each, and where units are split by shares (the program's share
 * columns, lp.c). */
static void write_work_data(be__text *o, const be_model *m,
                            const be_program *p)
{
    int T = m->T, K = m->n_devices, W = m->W;
    be__textf(o, "param need :=");
    for (int w = 0; w < W; w++)
        for (int t = 0; t < T; t++) {
            be__textf(o, "\n  '%s' %d", m->workloads[w].name, pnum(m, t));
            write_num(o, be__demand(m, w, t));
        }
    be__textf(o, ";\nparam serve :=");
    for (int k = 0; k < K; k++)
        for (int w = 0; w < W; w++)
            if (m->devices[k].serve[w] > 0.0) {
                be__textf(o, "\n  '%s' '%s'", m->devices[k].name,
                          m->workloads[w].name);
                write_num(o, m->devices[k].serve[w]);
            }
    be__textf(o, ";\nset SHARED :=");
    for (int k = 0; k < K; k++)
        if (be__sole_workload(m, k) < 0)
            be__textf(o, " '%s'", m->devices[k].name);
    be__textf(o, ";\nset SHARE :=");
    for (int t = 0; t < T; t++)
        for (int k = 0; k < K; k++)
            for (int w = 0; w < W; w++)
                if (p->share_col[((size_t)t * K + k) * W + w] >= 0)
                    be__textf(o, "\n  ('%s', '%s', %d)", m->devices[k].name,
                              m->workloads[w].name, pnum(m, t));
    be__textf(o, ";\nparam power_kw :=");
    for (int k = 0; k < K; k++) {
        be__textf(o, "\n  '%s'", m->devices[k].name);
        write_num(o, m->devices[k].power_kw);
    }
}

static void write_data(be__text *o, const be_model *m, const be_program *p)
{
    int T = m->T, K = m->n_devices, W = m->W;
    char g[32], b[40];

    be__textf(o, "data;\n\nset DEVICE :=");
    for (int k = 0; k < K; k++)
        be__textf(o, " '%s'", m->devices[k].name);
    if (W > 1) {
        be__textf(o, ";\nset WORKLOAD :=");
        for (int w = 0; w < W; w++)
            be__textf(o, " '%s'", m->workloads[w].name);
    }
    be__textf(o, ";\nset PERIOD :=");
    for (int t = 0; t < T; t++)
        be__textf(o, " %d", pnum(m, t));
    be__textf(o, ";\nparam label :=");
    for (int t = 0; t < T; t++)
        be__textf(o, " %d '%s'", pnum(m, t), m->labels[t]);
    be__textf(o, ";\n\n# cohort: device, origin\nset COHORT :=");
    for (int j = 0; j < m->n_cohorts; j++)
        be__textf(o, "\n  ('%s', %s)", m->devices[m->cohorts[j].device].name,
                  origin(m, j, g, sizeof g));
    be__textf(o, ";\nset BOUGHT :=");
    for (int j = 0; j < m->n_cohorts; j++)
        if (m->cohorts[j].fleet_entry < 0)
            be__textf(o, "\n  ('%s', %s)",
                      m->devices[m->cohorts[j].device].name,
                      origin(m, j, g, sizeof g));
    be__textf(o, ";\nparam : start age0 count :=");
    for (int j = 0; j < m->n_cohorts; j++) {
        const be_cohort *c = &m->cohorts[j];
        be__textf(o, "\n  '%s' %s %d %d", m->devices[c->device].name,
                  origin(m, j, g, sizeof g), pnum(m, c->start), c->age0);
        write_num(o, c->count);
    }
    be__textf(o, ";\n\n");
    if (W > 1) {
        write_work_data(o, m, p);
    } else {
        be__textf(o, "param need :=");
        for (int t = 0; t < T; t++) {
            be__textf(o, "\n  %d", pnum(m, t));
            write_num(o, m->demand[t]);
        }
        be__textf(o, ";\nparam : throughput power_kw :=");
        for (int k = 0; k < K; k++) {
            be__textf(o, "\n  '%s'", m->devices[k].name);
            write_num(o, m->devices[k].throughput);
            write_num(o, m->devices[k].power_kw);
        }
    }
    be__textf(o, ";\nparam pue := %s;\nparam discount :=",
              be_format_number(m->pue, b, sizeof b));
    for (int t = 0; t < T; t++) {
        be__textf(o, "\n  %d", pnum(m, t));
        write_num(o, m->discount[t]);
    }
    be__textf(o, ";\n");
    if (m->has_power_cap) {
        be__textf(o, "param cap_kw :=");
        for (int t = 0; t < T; t++) {
            be__textf(o, "\n  %d", pnum(m, t));
            write_num(o, m->power_cap[t]);
        }
        be__textf(o, ";\n");
    }
    if (m->has_revenue) {
        /* (w,t) in SELL for several workloads, t for one */
        be__textf(o, "set SELL :=");
        for (int t = 0; t < T; t++)
            for (int w = 0; w < W; w++)
                if (p->sell_col[t * W + w] >= 0 && W > 1)
                    be__textf(o, " ('%s', %d)", m->workloads[w].name,
                              pnum(m, t));
                else if (p->sell_col[t * W + w] >= 0)
                    be__textf(o, " %d", pnum(m, t));
        be__textf(o, ";\nparam : sell_most sell_value :=");
        for (int t = 0; t < T; t++)
            for (int w = 0; w < W; w++) {
                int c = p->sell_col[t * W + w];
                if (c < 0)
                    continue;
                if (W > 1)
                    be__textf(o, "\n  '%s' %d", m->workloads[w].name,
                              pnum(m, t));
                else
                    be__textf(o, "\n  %d", pnum(m, t));
                write_num(o, be__sell_most(m, w, t));
                write_num(o, -p->cols[c].cost);
            }
        be__textf(o, ";\nparam demand_revenue :=");
        write_num(o, -p->obj_const);
        be__textf(o, ";\n");
    }
    if (m->has_budget) {
        be__textf(o, "param max_spend :=");
        for (int t = 0; t < T; t++) {
            be__textf(o, "\n  %d", pnum(m, t));
            write_num(o, m->budget[t]);
        }
        be__textf(o, ";\n");
    }

    /* The variables, kind by kind, with their numbers. */
    static const char *const head[] = {
        "\n# buy: device, period\nparam : BUY : price :=",
        "\n# hold: device, origin, period\nparam : HOLD : hold_cost :=",
        "\n# retire: device, origin, period\nparam : RETIRE : retire_value :=",
        "\n# rent: device, period\nparam : RENT : rent_cost :="};
    for (int kind = BE_COL_BUY; kind <= BE_COL_RENT; kind++) {
        be__textf(o, "%s", head[kind]);
        for (int i = 0; i < p->n_cols; i++) {
            const be_col *c = &p->cols[i];
            if ((int)c->kind != kind)
                continue;
            const char *dev = m->devices[c->device].name;
            if (kind == BE_COL_BUY || kind == BE_COL_RENT)
                be__textf(o, "\n  '%s' %d", dev, pnum(m, c->period));
            else
                be__textf(o, "\n  '%s' %s %d", dev,
                          origin(m, c->cohort, g, sizeof g),
                          pnum(m, c->period));
            double v = kind == BE_COL_BUY ? m->devices[c->device].price[c->period]
                     : kind == BE_COL_RETIRE ? -c->cost : c->cost;
            write_num(o, v);
        }
        be__textf(o, ";\n");
    }
    be__textf(o, "\nend;\n");
}

be_code be_write_gmpl(const be_model *m, const be_settings *s,
                      be_write_fn write, void *ctx, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!m || !write)
        return be__fail(err, BE_EARG, m ? m->file : "", nowhere,
                        "be_write_gmpl needs a model and a write function");
    if (m->n_scenarios)
        return be__fail(err, BE_EARG, m->file, nowhere,
                        "%s: a model with scenarios is not written this way "
                        "(breakeven lp writes its stochastic program)",
                        "be_write_gmpl");
    int integer = m->integer && !(s && s->relax);
    be_program *p = be__program_build(m, integer, err);
    if (!p)
        return err ? err->code : BE_ENOMEM;
    be__text o = {write, ctx, 0, 0};
    const char *yearly = m->period == BE_YEAR ? "years" : "0 .. T-1";

    be__textf(&o,
"# %s\n"
"#\n"
"# GNU MathProg model written by breakeven %s from %s.\n"
"# Solve it with:  glpsol -m FILE  (its optimum is breakeven solve's).\n"
"# Variables and constraints are those of README \"The program\"; a cohort\n"
"# is named by its device and origin g (purchase period, or 'fN' for entry\n"
"# N of the initial fleet) rather than by its age: hold['new',2027,2029]\n"
"# is hold[new,a2,2029] in `breakeven lp` and `breakeven explain`.\n"
"# Periods are numbered by %s.  %s.\n"
"\n",
              m->name && m->name[0] ? m->name : "(unnamed model)", BE_VERSION,
              m->file, yearly,
              integer ? "Whole units: a mixed-integer program"
                      : "Fractional units: a linear program");
    int wl = m->W > 1;
    be__textf(&o, "%s", model_head);
    if (wl)
        be__textf(&o, "set WORKLOAD;                     # kinds of work, "
                  "each with its own demand\n");
    be__textf(&o, "%s%s%s", model_sets, wl ? model_work_wl : model_work,
              model_costs);
    if (m->has_power_cap)
        be__textf(&o, "param cap_kw{PERIOD} >= 0;        # site power cap, facility kW\n");
    if (m->has_budget)
        be__textf(&o, "param max_spend{PERIOD} >= 0;     # budget: purchases "
                  "per period, nominal\n");
    be__textf(&o, "\n");
    if (m->has_revenue)
        be__textf(&o, "%s", wl ? revenue_text_wl : revenue_text);
    write_vars(&o, integer, m->has_revenue, wl);
    if (m->has_power_cap)
        be__textf(&o,
"# The facility power of the owned units in service stays under the cap.\n"
"s.t. power{t in PERIOD}:\n"
"    sum{(k,g,u) in HOLD: u = t} power_kw[k] * pue * hold[k,g,u]\n"
"  <= cap_kw[t];\n\n");
    else
        be__textf(&o, "# (no power cap in this model: no power constraint)\n\n");
    if (m->has_budget)
        be__textf(&o,
"# The purchase prices paid in a period stay within its budget.\n"
"s.t. budget{t in PERIOD}:\n"
"    sum{(k,u) in BUY: u = t} price[k,u] * buy[k,u] <= max_spend[t];\n\n");
    else
        be__textf(&o, "# (no budget in this model: no budget constraint)\n\n");
    be__textf(&o,
"solve;\n"
"\n"
"printf \"Net present cost: %%.2f\\n\", cost%s;\n"
"printf{(k,t) in BUY: buy[k,t] > 1e-6} \"%%s: buy %%g %%s\\n\",\n"
"    label[t], buy[k,t], k;\n"
"printf{(k,g,t) in RETIRE: retire[k,g,t] > 1e-6}\n"
"    \"%%s: retire %%g %%s (origin %%s)\\n\", label[t], retire[k,g,t], k, g;\n"
"printf{(k,t) in RENT: rent[k,t] > 1e-6} \"%%s: rent %%g %%s\\n\",\n"
"    label[t], rent[k,t], k;\n",
              m->has_revenue ? " - demand_revenue" : "");
    if (m->has_revenue && wl)
        be__textf(&o, "printf{(w,t) in SELL: sell[w,t] > 1e-6}\n    \"%%s: "
                  "sell %%g of %%s beyond its demand\\n\", label[t], "
                  "sell[w,t], w;\n");
    else if (m->has_revenue)
        be__textf(&o, "printf{t in SELL: sell[t] > 1e-6} \"%%s: sell %%g "
                  "beyond the demand\\n\",\n    label[t], sell[t];\n");
    if (wl)
        be__textf(&o, "printf{(k,w,t) in SHARE: share[k,w,t] > 1e-6}\n    "
                  "\"%%s: %%g %%s serve %%s\\n\", label[t], share[k,w,t], "
                  "k, w;\n");
    be__textf(&o, "\n");
    write_data(&o, m, p);
    be__program_free(p);
    return be__text_status(&o, m, err);
}
