/*
 * settings.c -- the engine's settings and statuses: be_settings_init (the
 * defaults, docs/engine.md "Solver settings"; jobs: the online CPUs),
 * be_status_name and be_bound_source_name.  Below every
 * answer, so that an analysis that solves programs of its own (diagnose.c,
 * threshold.c, uncertainty.c) starts from the same defaults as be_solve.
 * And the clock every time limit is measured on (be__now), with the
 * milliseconds left to a deadline as GLPK's limits take them.
 */
#include "engine/glpk_solver.h"

#include <limits.h>
#include <time.h>
#include <unistd.h>

void be_settings_init(be_settings *s)
{
    s->relax = 0;
    s->mip_gap = 1e-6;
    s->time_limit = 0.0;
    s->log = NULL;
    s->log_ctx = NULL;
    s->duals = 0;
    s->progress = NULL;
    s->progress_ctx = NULL;
    s->basis = NULL;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    s->jobs = cpus < 1 ? 1 : cpus > 1024 ? 1024 : (int)cpus;
}

const char *be_status_name(be_status s)
{
    switch (s) {
    case BE_OPTIMAL: return "optimal";
    case BE_TIME_LIMIT_PLAN: return "time limit (plan found)";
    case BE_INFEASIBLE: return "infeasible";
    case BE_UNBOUNDED: return "unbounded";
    case BE_NO_PLAN: return "time limit (no plan)";
    }
    return "unknown";
}

const char *be_bound_source_name(be_bound_source b)
{
    switch (b) {
    case BE_BOUND_NONE: return "none";
    case BE_BOUND_SEARCH: return "search";
    case BE_BOUND_SCENARIOS: return "scenarios";
    }
    return "unknown";
}

double be__now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int be__ms_left(double deadline)
{
    double ms = (deadline - be__now()) * 1000.0;
    if (!(ms < (double)INT_MAX))
        return INT_MAX;
    return ms < 1.0 ? 1 : (int)ms;
}
