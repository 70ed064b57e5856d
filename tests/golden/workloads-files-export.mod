# two workloads
#
# Solve it with:  glpsol -m FILE  (its optimum is breakeven solve's).
# Variables and constraints are those of README "The program"; a cohort
# is named by its device and origin g (purchase period, or 'fN' for entry
# N of the initial fleet) rather than by its age: hold['new',2027,2029]
# is hold[new,a2,2029] in `breakeven lp` and `breakeven explain`.
# Periods are numbered by years.  Fractional units: a linear program.

# ---------------------------------------------------------------------
# The model: sets, parameters, variables, constraints
# ---------------------------------------------------------------------

set DEVICE;                       # device types
set WORKLOAD;                     # kinds of work, each with its own demand
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

param need{WORKLOAD,PERIOD} >= 0; # demand: throughput of w needed in t
param serve{DEVICE,WORKLOAD} >= 0 default 0;
                                  # throughput of one unit of k in service
                                  # for w; 0: k cannot serve w

# A unit of a device that serves several workloads splits its time
# between them: share[k,w,t] of its units serve w during t (continuous,
# even with whole units).  A device that serves one workload gives it all
# its units.
set SHARED within DEVICE;         # devices that serve several workloads
set SHARE dimen 3;                # (k,w,t): k in SHARED serves w, in service in t
set SPLIT := setof{(k,w,t) in SHARE} (k,t);

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


# Revenue: work of a workload sold beyond its demand, up to its market, is
# worth its discounted after-tax price; the demands' own revenue is a
# constant.
set SELL within WORKLOAD cross PERIOD;  # (w,t): w's market is above its demand
param sell_most{SELL} >= 0;       # market - demand
param sell_value{SELL} >= 0;      # (1 - tax) price dt discount, per unit
param demand_revenue;             # sum of the same over the demands

var sell{(w,t) in SELL} >= 0, <= sell_most[w,t];
                            # work of w sold beyond its demand
var buy{BUY} >= 0;      # units of k bought at the start of t
var hold{HOLD} >= 0;    # units of cohort (k,g) in service during t
var retire{RETIRE} >= 0;    # units of cohort (k,g) retired at the start of t
                            # (whole through flow when hold is integer)
var rent{RENT} >= 0;    # units of rented device k in service during t
var share{SHARE} >= 0;     # units of k serving w during t

minimize cost:                # the net present cost (less revenue)
    sum{(k,t) in BUY} price[k,t] * discount[t] * buy[k,t]
  + sum{(k,g,t) in HOLD} hold_cost[k,g,t] * hold[k,g,t]
  - sum{(k,g,t) in RETIRE} retire_value[k,g,t] * retire[k,g,t]
  + sum{(k,t) in RENT} rent_cost[k,t] * rent[k,t]
  - sum{(w,t) in SELL} sell_value[w,t] * sell[w,t] - demand_revenue;

# Units of a cohort in service in t, plus those retired at its start, are
# those of the period before (or the units bought, or in place, when t is
# the cohort's first period).  A unit reaching its lifetime has no hold
# variable: it must be retired.
s.t. flow{(k,g,t) in HOLD union RETIRE}:
    (if (k,g,t) in HOLD then hold[k,g,t])
  + (if (k,g,t) in RETIRE then retire[k,g,t])
  = if t > start[k,g] then hold[k,g,t-1]
    else count[k,g] + (if (k,g) in BOUGHT then buy[k,t]);

# The throughput given to each workload meets its demand (and what is
# sold of it beyond): the units in service, owned and rented, of the
# devices that serve only it, and the shares of the others.
s.t. demand{w in WORKLOAD, t in PERIOD}:
    sum{(k,g,u) in HOLD: u = t and k not in SHARED} serve[k,w] * hold[k,g,u]
  + sum{(k,u) in RENT: u = t and k not in SHARED} serve[k,w] * rent[k,u]
  + sum{(k,v,u) in SHARE: v = w and u = t} serve[k,w] * share[k,v,u]
  - (if (w,t) in SELL then sell[w,t])
  >= need[w,t];

# The shares of a device that serves several workloads add up to at most
# its units in service, owned and rented.
s.t. split{(k,t) in SPLIT}:
    sum{(j,w,u) in SHARE: j = k and u = t} share[j,w,u]
  <= sum{(j,g,u) in HOLD: j = k and u = t} hold[j,g,u]
   + (if (k,t) in RENT then rent[k,t]);

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
printf{(w,t) in SELL: sell[w,t] > 1e-6}
    "%s: sell %g of %s beyond its demand\n", label[t], sell[w,t], w;
printf{(k,w,t) in SHARE: share[k,w,t] > 1e-6}
    "%s: %g %s serve %s\n", label[t], share[k,w,t], k, w;

data;

set DEVICE := 'a100' 'b200';
set WORKLOAD := 'training' 'inference';
set PERIOD := 2026 2027 2028 2029;
param label := 2026 '2026' 2027 '2027' 2028 '2028' 2029 '2029';

# cohort: device, origin
set COHORT :=
  ('a100', 'f1')
  ('a100', 2026)
  ('a100', 2027)
  ('a100', 2028)
  ('a100', 2029)
  ('b200', 2026)
  ('b200', 2027)
  ('b200', 2028)
  ('b200', 2029);
set BOUGHT :=
  ('a100', 2026)
  ('a100', 2027)
  ('a100', 2028)
  ('a100', 2029)
  ('b200', 2026)
  ('b200', 2027)
  ('b200', 2028)
  ('b200', 2029);
param : start age0 count :=
  'a100' 'f1' 2026 2 120
  'a100' 2026 2026 0 0
  'a100' 2027 2027 0 0
  'a100' 2028 2028 0 0
  'a100' 2029 2029 0 0
  'b200' 2026 2026 0 0
  'b200' 2027 2027 0 0
  'b200' 2028 2028 0 0
  'b200' 2029 2029 0 0;

param need :=
  'training' 2026 100
  'training' 2027 160
  'training' 2028 256.00000000000006
  'training' 2029 409.6000000000001
  'inference' 2026 40
  'inference' 2027 80
  'inference' 2028 160
  'inference' 2029 320;
param serve :=
  'a100' 'inference' 1
  'b200' 'training' 3
  'b200' 'inference' 6;
set SHARED := 'b200';
set SHARE :=
  ('b200', 'training', 2026)
  ('b200', 'inference', 2026)
  ('b200', 'training', 2027)
  ('b200', 'inference', 2027)
  ('b200', 'training', 2028)
  ('b200', 'inference', 2028)
  ('b200', 'training', 2029)
  ('b200', 'inference', 2029);
param power_kw :=
  'a100' 0.5
  'b200' 1;
param pue := 1.2;
param discount :=
  2026 1
  2027 0.9259259259259258
  2028 0.8573388203017831
  2029 0.7938322410201696;
set SELL := ('inference', 2026) ('inference', 2027) ('inference', 2028) ('inference', 2029);
param : sell_most sell_value :=
  'inference' 2026 20 9000
  'inference' 2027 40 8333.333333333332
  'inference' 2028 80 7716.049382716048
  'inference' 2029 160 7144.490169181527;
param demand_revenue := 4547471.422039323;

# buy: device, period
param : BUY : price :=
  'a100' 2026 10000
  'a100' 2027 10000
  'a100' 2028 10000
  'a100' 2029 10000
  'b200' 2026 40000
  'b200' 2027 40000
  'b200' 2028 40000
  'b200' 2029 40000;

# hold: device, origin, period
param : HOLD : hold_cost :=
  'a100' 'f1' 2026 525.6
  'a100' 'f1' 2027 486.66666666666663
  'a100' 'f1' 2028 450.6172839506172
  'a100' 2026 2026 525.6
  'a100' 2026 2027 486.66666666666663
  'a100' 2026 2028 450.6172839506172
  'a100' 2026 2029 417.2382258802011
  'a100' 2027 2027 486.66666666666663
  'a100' 2027 2028 450.6172839506172
  'a100' 2027 2029 417.2382258802011
  'a100' 2028 2028 450.6172839506172
  'a100' 2028 2029 417.2382258802011
  'a100' 2029 2029 417.2382258802011
  'b200' 2026 2026 1051.2
  'b200' 2026 2027 973.3333333333333
  'b200' 2026 2028 901.2345679012344
  'b200' 2026 2029 834.4764517604023
  'b200' 2027 2027 973.3333333333333
  'b200' 2027 2028 901.2345679012344
  'b200' 2027 2029 834.4764517604023
  'b200' 2028 2028 901.2345679012344
  'b200' 2028 2029 834.4764517604023
  'b200' 2029 2029 834.4764517604023;

# retire: device, origin, period
param : RETIRE : retire_value :=
  'a100' 'f1' 2026 0
  'a100' 'f1' 2027 0
  'a100' 'f1' 2028 0
  'a100' 'f1' 2029 0
  'a100' 2026 2027 0
  'a100' 2026 2028 0
  'a100' 2026 2029 0
  'a100' 2027 2028 0
  'a100' 2027 2029 0
  'a100' 2028 2029 0
  'b200' 2026 2027 0
  'b200' 2026 2028 0
  'b200' 2026 2029 0
  'b200' 2027 2028 0
  'b200' 2027 2029 0
  'b200' 2028 2029 0;

# rent: device, period
param : RENT : rent_cost :=;

end;
