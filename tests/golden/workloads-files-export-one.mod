# Revenue, a market and the break-even price
#
# Solve it with:  glpsol -m FILE  (its optimum is breakeven solve's).
# Variables and constraints are those of README "The program"; a cohort
# is named by its device and origin g (purchase period, or 'fN' for entry
# N of the initial fleet) rather than by its age: hold['new',2027,2029]
# is hold[new,a2,2029] in `breakeven lp` and `breakeven explain`.
# Periods are numbered by years.  Whole units: a mixed-integer program.

# ---------------------------------------------------------------------
# The model: sets, parameters, variables, constraints
# ---------------------------------------------------------------------

set DEVICE;                       # device types
set PERIOD;                       # periods, in order, one apart
param label{PERIOD} symbolic;     # how reports name each period

# A cohort: units of device k that entered the fleet together; g is the
# purchase period, or 'fN' for entry N of the initial fleet.
set COHORT dimen 2;
set BOUGHT within COHORT;         # cohorts bought (g = purchase period)
param start{COHORT};              # first period in service
param age0{COHORT};               # age in periods at the start of start[k,g]
param count{COHORT} default 0;    # units in place at the start (fleet)

# Where variables exist: only where they can be non-zero (on sale,
# within the lifetime).  A unit of cohort (k,g) held in period t is
# age0[k,g] + t - start[k,g] periods old at the start of t.
set BUY dimen 2;                  # (k,t): device k can be bought in t
set HOLD dimen 3;                 # (k,g,t): cohort (k,g) can be in service in t
set RETIRE dimen 3;               # (k,g,t): cohort (k,g) can be retired at the start of t
set RENT dimen 2;                 # (k,t): device k can be rented in t

param need{PERIOD} >= 0;          # demand: throughput needed in each period
param throughput{DEVICE} > 0;     # throughput of one unit in service
param power_kw{DEVICE} >= 0;      # IT power of one owned unit in service
param pue >= 1;                   # facility power / IT power
param price{BUY} >= 0;            # purchase price, nominal
param discount{PERIOD} > 0;       # d(t) = (1 + r)^(-t * period length)

# The discounted, after-tax cash flow that one unit of each variable
# causes (the formulas are at the top of solver/lp.c): O&M by age, energy,
# depreciation, and in the last period the salvage value; the resale
# value (after tax on the gain) of a unit retired; the rent.
param hold_cost{HOLD};
param retire_value{RETIRE};
param rent_cost{RENT};


# Revenue: work sold beyond the demand, up to the market, is worth its
# discounted after-tax price; the demand's own revenue is a constant.
set SELL within PERIOD;           # periods with a market above the demand
param sell_most{SELL} >= 0;       # market - demand
param sell_value{SELL} >= 0;      # (1 - tax) price dt discount, per unit
param demand_revenue;             # sum of the same over the demand

var sell{t in SELL} >= 0, <= sell_most[t];  # work sold beyond the demand
var buy{BUY} >= 0, integer;      # units of k bought at the start of t
var hold{HOLD} >= 0, integer;    # units of cohort (k,g) in service during t
var retire{RETIRE} >= 0;    # units of cohort (k,g) retired at the start of t
                            # (whole through flow when hold is integer)
var rent{RENT} >= 0, integer;    # units of rented device k in service during t

minimize cost:                # the net present cost (less revenue)
    sum{(k,t) in BUY} price[k,t] * discount[t] * buy[k,t]
  + sum{(k,g,t) in HOLD} hold_cost[k,g,t] * hold[k,g,t]
  - sum{(k,g,t) in RETIRE} retire_value[k,g,t] * retire[k,g,t]
  + sum{(k,t) in RENT} rent_cost[k,t] * rent[k,t]
  - sum{t in SELL} sell_value[t] * sell[t] - demand_revenue;

# Units of a cohort in service in t, plus those retired at its start, are
# those of the period before (or the units bought, or in place, when t is
# the cohort's first period).  A unit reaching its lifetime has no hold
# variable: it must be retired.
s.t. flow{(k,g,t) in HOLD union RETIRE}:
    (if (k,g,t) in HOLD then hold[k,g,t])
  + (if (k,g,t) in RETIRE then retire[k,g,t])
  = if t > start[k,g] then hold[k,g,t-1]
    else count[k,g] + (if (k,g) in BOUGHT then buy[k,t]);

# The throughput of the units in service, owned and rented, meets demand
# (and what is sold beyond it).
s.t. demand{t in PERIOD}:
    sum{(k,g,u) in HOLD: u = t} throughput[k] * hold[k,g,u]
  + sum{(k,u) in RENT: u = t} throughput[k] * rent[k,u]
  - (if t in SELL then sell[t]) >= need[t];

# (no power cap in this model: no power constraint)

# (no budget in this model: no budget constraint)

solve;

printf "Net present cost: %.2f\n", cost - demand_revenue;
printf{(k,t) in BUY: buy[k,t] > 1e-6} "%s: buy %g %s\n",
    label[t], buy[k,t], k;
printf{(k,g,t) in RETIRE: retire[k,g,t] > 1e-6}
    "%s: retire %g %s (origin %s)\n", label[t], retire[k,g,t], k, g;
printf{(k,t) in RENT: rent[k,t] > 1e-6} "%s: rent %g %s\n",
    label[t], rent[k,t], k;
printf{t in SELL: sell[t] > 1e-6} "%s: sell %g beyond the demand\n",
    label[t], sell[t];

data;

set DEVICE := 'server';
set PERIOD := 2025 2026 2027;
param label := 2025 '2025' 2026 '2026' 2027 '2027';

# cohort: device, origin
set COHORT :=
  ('server', 2025)
  ('server', 2026)
  ('server', 2027);
set BOUGHT :=
  ('server', 2025)
  ('server', 2026)
  ('server', 2027);
param : start age0 count :=
  'server' 2025 2025 0 0
  'server' 2026 2026 0 0
  'server' 2027 2027 0 0;

param need :=
  2025 2
  2026 2
  2027 2;
param : throughput power_kw :=
  'server' 1 0;
param pue := 1;
param discount :=
  2025 1
  2026 0.8
  2027 0.64;
set SELL := 2026 2027;
param : sell_most sell_value :=
  2026 2 440
  2027 3 352;
param demand_revenue := 2684;

# buy: device, period
param : BUY : price :=
  'server' 2025 1000
  'server' 2026 1000
  'server' 2027 1000;

# hold: device, origin, period
param : HOLD : hold_cost :=
  'server' 2025 2025 100
  'server' 2025 2026 80
  'server' 2025 2027 -38.400000000000006
  'server' 2026 2026 80
  'server' 2026 2027 -140.8
  'server' 2027 2027 -243.2;

# retire: device, origin, period
param : RETIRE : retire_value :=
  'server' 2025 2026 480
  'server' 2025 2027 256
  'server' 2026 2027 384;

# rent: device, period
param : RENT : rent_cost :=;

end;
