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

static const char model_text[] =
"# ---------------------------------------------------------------------\n"
"# The model: sets, parameters, variables, constraints\n"
"# ---------------------------------------------------------------------\n"
"\n"
"set DEVICE;                       # device types\n"
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
"\n"
"param need{PERIOD} >= 0;          # demand: throughput needed in each period\n"
"param throughput{DEVICE} > 0;     # throughput of one unit in service\n"
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

static void write_vars(be__text *o, int integer, int revenue)
{
    const char *in = integer ? ", integer" : "";
    const char *rv = revenue ? "\n  - sum{t in SELL} sell_value[t] * sell[t]"
                               " - demand_revenue" : "";
    const char *sv = revenue ? "\n  - (if t in SELL then sell[t])" : "";
    if (revenue)
        be__textf(o, "var sell{t in SELL} >= 0, <= sell_most[t];  # work "
                  "sold beyond the demand\n");
    be__textf(o,
"var buy{BUY} >= 0%s;      # units of k bought at the start of t\n"
"var hold{HOLD} >= 0%s;    # units of cohort (k,g) in service during t\n"
"var retire{RETIRE} >= 0;    # units of cohort (k,g) retired at the start of t\n"
"                            # (whole through flow when hold is integer)\n"
"var rent{RENT} >= 0%s;    # units of rented device k in service during t\n"
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
"\n"
"# The throughput of the units in service, owned and rented, meets demand\n"
"# (and what is sold beyond it).\n"
"s.t. demand{t in PERIOD}:\n"
"    sum{(k,g,u) in HOLD: u = t} throughput[k] * hold[k,g,u]\n"
"  + sum{(k,u) in RENT: u = t} throughput[k] * rent[k,u]%s >= need[t];\n"
"\n", in, in, in, rv, sv);
}

static void write_num(be__text *o, double v)
{
    char b[40];
    be__textf(o, " %s", be_format_number(v, b, sizeof b));
}

static void write_data(be__text *o, const be_model *m, const be_program *p)
{
    int T = m->T, K = m->n_devices;
    char g[32], b[40];

    be__textf(o, "data;\n\nset DEVICE :=");
    for (int k = 0; k < K; k++)
        be__textf(o, " '%s'", m->devices[k].name);
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
    be__textf(o, ";\n\nparam need :=");
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
        be__textf(o, "set SELL :=");
        for (int t = 0; t < T; t++)
            if (p->sell_col[t] >= 0)
                be__textf(o, " %d", pnum(m, t));
        be__textf(o, ";\nparam : sell_most sell_value :=");
        for (int t = 0; t < T; t++) {
            int c = p->sell_col[t];
            if (c < 0)
                continue;
            be__textf(o, "\n  %d", pnum(m, t));
            write_num(o, be__sell_most(m, 0, t));
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
    be__textf(&o, "%s", model_text);
    if (m->has_power_cap)
        be__textf(&o, "param cap_kw{PERIOD} >= 0;        # site power cap, facility kW\n");
    if (m->has_budget)
        be__textf(&o, "param max_spend{PERIOD} >= 0;     # budget: purchases "
                  "per period, nominal\n");
    be__textf(&o, "\n");
    if (m->has_revenue)
        be__textf(&o, "%s", revenue_text);
    write_vars(&o, integer, m->has_revenue);
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
    if (m->has_revenue)
        be__textf(&o, "printf{t in SELL: sell[t] > 1e-6} \"%%s: sell %%g "
                  "beyond the demand\\n\",\n    label[t], sell[t];\n");
    be__textf(&o, "\n");
    write_data(&o, m, p);
    be__program_free(p);
    return be__text_status(&o, m, err);
}
