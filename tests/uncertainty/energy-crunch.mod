# tests/uncertainty/energy-crunch.mod -- the stochastic program of
# examples/energy-crunch.yaml in GNU MathProg, written by hand from the
# example's data (not from breakeven's program builder), as an independent
# check of the figures in tests/uncertainty-expected.md.
#
#   D=tests/uncertainty
#   glpsol -m $D/energy-crunch.mod -d $D/energy-crunch.dat      RP 57,420
# and with a second data file holding one of
#   data; param mode := 1; end;       WS 54,040
#   data; param mode := 2; end;       EEV 59,900
#   data; param whole := 0; end;      the LP relaxation: RP 57,420 again
#   data; param weight := 0.5; end;   risk (alpha 0.9): 64,280, replace now
# (glpsol -m ... -d $D/energy-crunch.dat -d that-file).
#
# One copy of the fleet per scenario: one old server (15 kW, aged 3,
# lifetime 6, worth nothing) and new servers (5 kW, 50,000, resale 22,000,
# 14,000, 12,000 at ages 1..3) bought at the start of 2025, 2026 or 2027;
# demand 1; energy 8760 h x kW x price; no discounting; units held at the
# start of 2028 valued at their resale (salvage).  Both scenarios see the
# same 2025, so their 2025 decisions are tied (non-anticipativity).
param mode default 0;     # 0: RP (tied in 2025), 1: WS (untied),
                          # 2: EEV (2025 fixed to the mean-value model's
                          #    decision: buy 1 new, retire the old)
param whole default 1;    # 1: whole units, 0: the LP relaxation
param weight default 0;   # risk: (1 - weight) E[cost] + weight CVaR_alpha
param alpha default 0.9;
set S;                    # scenarios
param p{S};
param T := 3;             # periods 0..2 = 2025..2027
set P := 0..T-1;
param e{S, P};            # energy price per kWh
param kw_old := 15;
param kw_new := 5;
param price := 50000;
param R{1..5};            # resale of a new server at age 1..5 years
var hold_old{S, P} >= 0;
var ret_old{S, P} >= 0;
var buy{S, P} >= 0;
var hold_new{s in S, c in P, t in P: t >= c} >= 0;
var ret_new{s in S, c in P, t in P: t > c} >= 0;
var nb{S, P} >= 0, integer;
s.t. integral{s in S, t in P: whole = 1}: buy[s,t] = nb[s,t];
s.t. integral_off{s in S, t in P: whole = 0}: nb[s,t] = 0;
s.t. old0{s in S}: hold_old[s,0] + ret_old[s,0] = 1;
s.t. oldt{s in S, t in P: t > 0}: hold_old[s,t] + ret_old[s,t] = hold_old[s,t-1];
s.t. new0{s in S, c in P}: hold_new[s,c,c] = buy[s,c];
s.t. newt{s in S, c in P, t in P: t > c}:
    hold_new[s,c,t] + ret_new[s,c,t] = hold_new[s,c,t-1];
s.t. demand{s in S, t in P}: hold_old[s,t] + sum{c in P: c <= t} hold_new[s,c,t] >= 1;
s.t. na_buy{s in S, r in S: mode = 0 and s < r}: buy[s,0] = buy[r,0];
s.t. na_ret{s in S, r in S: mode = 0 and s < r}: ret_old[s,0] = ret_old[r,0];
s.t. eev_buy{s in S: mode = 2}: buy[s,0] = 1;
s.t. eev_ret{s in S: mode = 2}: ret_old[s,0] = 1;
var cost{S};
s.t. def{s in S}: cost[s] =
    sum{t in P} 8760 * e[s,t] * (kw_old * hold_old[s,t]
                                 + kw_new * sum{c in P: c <= t} hold_new[s,c,t])
  + sum{t in P} price * buy[s,t]
  - sum{c in P, t in P: t > c} R[t-c] * ret_new[s,c,t]
  - sum{c in P} R[T-c] * hold_new[s,c,T-1];
# CVaR in the Rockafellar-Uryasev form: min over eta of
# eta + 1/(1 - alpha) sum_s p_s max(0, cost_s - eta)
var eta;
var z{S} >= 0;
s.t. tail{s in S}: z[s] >= cost[s] - eta;
minimize objective: (1 - weight) * sum{s in S} p[s] * cost[s]
    + weight * (eta + 1 / (1 - alpha) * sum{s in S} p[s] * z[s]);
solve;
printf "mode %d whole %d weight %g: objective %.6f, expected cost %.6f\n",
    mode, whole, weight, objective, sum{s in S} p[s] * cost[s];
printf{s in S} "  %s: cost %.6f; buy 2025 %g, 2026 %g, 2027 %g; retire the old in 2025 %g\n",
    s, cost[s], buy[s,0], buy[s,1], buy[s,2], ret_old[s,0];
end;
