# one workload, as before
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

param cap_kw{PERIOD} >= 0;        # site power cap, facility kW
param max_spend{PERIOD} >= 0;     # budget: purchases per period, nominal

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

# The facility power of the owned units in service stays under the cap.
s.t. power{t in PERIOD}:
    sum{(k,g,u) in HOLD: u = t} power_kw[k] * pue * hold[k,g,u]
  <= cap_kw[t];

# The purchase prices paid in a period stay within its budget.
s.t. budget{t in PERIOD}:
    sum{(k,u) in BUY: u = t} price[k,u] * buy[k,u] <= max_spend[t];

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

set DEVICE := 'old' 'new' 'cloud';
set PERIOD := 2026 2027 2028;
param label := 2026 '2026' 2027 '2027' 2028 '2028';

# cohort: device, origin
set COHORT :=
  ('old', 'f1')
  ('new', 2026)
  ('new', 2027)
  ('new', 2028);
set BOUGHT :=
  ('new', 2026)
  ('new', 2027)
  ('new', 2028);
param : start age0 count :=
  'old' 'f1' 2026 2 8
  'new' 2026 2026 0 0
  'new' 2027 2027 0 0
  'new' 2028 2028 0 0;

param need :=
  2026 10
  2027 13
  2028 16.900000000000002;
param : throughput power_kw :=
  'old' 1 1
  'new' 3 1.5
  'cloud' 2 0;
param pue := 1.3;
param discount :=
  2026 1
  2027 0.9259259259259258
  2028 0.8573388203017831;
param cap_kw :=
  2026 30
  2027 30
  2028 30;
set SELL := 2026 2027 2028;
param : sell_most sell_value :=
  2026 4 900
  2027 5.199999999999999 833.3333333333333
  2028 6.760000000000002 771.6049382716047;
param demand_revenue := 32873.456790123455;
param max_spend :=
  2026 200000
  2027 200000
  2028 200000;

# buy: device, period
param : BUY : price :=
  'new' 2026 9000
  'new' 2027 9000
  'new' 2028 9000;

# hold: device, origin, period
param : HOLD : hold_cost :=
  'old' 'f1' 2026 1188.8
  'old' 'f1' 2027 1100.7407407407406
  'old' 'f1' 2028 1019.2043895747597
  'new' 2026 2026 1788.2
  'new' 2026 2027 1655.7407407407406
  'new' 2026 2028 17.518044438984134
  'new' 2027 2027 1655.7407407407406
  'new' 2027 2028 -610.2537722908094
  'new' 2028 2028 -1498.0571895856804;

# retire: device, origin, period
param : RETIRE : retire_value :=
  'old' 'f1' 2026 0
  'old' 'f1' 2027 0
  'old' 'f1' 2028 0
  'new' 2026 2027 3535.5339059327375
  'new' 2026 2028 2314.8148148148143
  'new' 2027 2028 3273.642505493275;

# rent: device, period
param : RENT : rent_cost :=
  'cloud' 2026 3000
  'cloud' 2027 2777.7777777777774
  'cloud' 2028 2572.0164609053495;

end;
