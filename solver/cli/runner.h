/*
 * runner.h -- what `batch` and `sweep` share: solving many models, each in
 * a child process of its own, and the one summary row each solve yields.
 *
 * A child process loads and solves one model and writes its summary (a
 * run_row, in the line format of row_write) into a pipe; the parent reads
 * the pipes with poll(), waits for the children, kills one that runs past
 * its wall-clock deadline, and hands every finished job to a callback.  A
 * model that crashes or hangs its process therefore costs its own row and
 * nothing else.  No threads: GLPK keeps its state per thread, and a
 * process is the unit that can be killed.
 */
#ifndef BE_CLI_RUNNER_H
#define BE_CLI_RUNNER_H

#include <stdio.h>

#include "cli.h"
#include "output.h"

/* One device's decisions in a plan.  Periods are labels ("2027"); ""
 * when it never happens. */
typedef struct row_device {
    char name[128];
    char first_buy[32];          /* first period units are bought */
    char first_early_retire[32]; /* first period units are retired before
                                    the end of their lifetime */
    double bought;               /* units bought over the horizon */
} row_device;

/* The summary of one solve (or of its failure). */
typedef struct run_row {
    char model[256];       /* the model's name ("" when not loaded) */
    char status[64];       /* be_status_name, or "invalid model",
                              "solver error", "crashed", "killed" */
    int exit_code;         /* what `solve` would have returned */
    double cost;           /* evaluated net present cost; NaN: no plan */
    double value;          /* net present value (-cost) of a model with
                              revenue; NaN otherwise or without a plan */
    double levelized_cost; /* be_eval's levelized cost of compute; NaN
                              without a plan, or with scenarios (one per
                              scenario, no expected figure) */
    char first_replacement[32];  /* be_eval's first_replacement; "" when
                                    none */
    int iterations;        /* simplex iterations, -1 when unknown */
    double seconds;        /* wall clock of load + solve (+ result file) */
    int resumed;           /* taken from --output-dir, not solved again */
    char message[600];     /* why there is no plan, "" otherwise */
    int scenarios;         /* the model's scenarios, 0 for none; -1 when
                              the model was not loaded */
    char first_decision[1024];  /* the actions of the first period
                                   (be_describe_period), "" when it
                                   changes nothing; with scenarios that
                                   part in period 0, "if S: ...; if T:
                                   ..." */
    int n_devices;
    row_device *devices;   /* [n_devices], owned (row_clear frees) */
} run_row;

void row_init(run_row *r);
void row_clear(run_row *r);

/* Fill r from a solution of m (sol may have no plan).  For a model with
 * scenarios: cost is the expected cost; first_replacement, first_buy and
 * first_early_retire the earliest in any scenario; bought the expected
 * units bought. */
int row_from_solution(run_row *r, const be_model *m, const be_solution *sol);

/* The line format of a row ("key<TAB>value" lines, devices as
 * "device<TAB>name<TAB>first_buy<TAB>first_early_retire<TAB>bought"),
 * used on the pipes and for the .summary files of --output-dir.  Tabs and
 * line breaks inside values are written as spaces.  row_write returns 0
 * or -1 (errno set); row_parse returns 0 or -1 on malformed text. */
int row_write(int fd, const run_row *r);
int row_parse(run_row *r, const char *text, size_t len);

/* Solve one model in the calling (child) process: load `path` with the
 * overrides of c, solve with c's settings, fill r.  When json_path is not
 * NULL and the solve ends with a status (a plan, infeasible, unbounded),
 * the `solve --format json` object is written there atomically, and the
 * row to summary_path after it. */
void run_model(const char *path, const cli_common *c, const char *json_path,
               const char *summary_path, run_row *r);

/* ---- the process pool ---- */

/* Runs in the child: do job i and fill r. */
typedef void (*pool_work_fn)(void *ctx, int i, run_row *r);
/* Runs in the parent when job i has finished (r filled from the child's
 * record, or describing a crash or a kill).  Jobs finish in any order. */
typedef void (*pool_done_fn)(void *ctx, int i, run_row *r);

typedef struct pool_options {
    int jobs;              /* processes at once, >= 1 */
    double kill_after;     /* seconds of wall clock per job before SIGKILL;
                              0: never */
    int progress;          /* a progress line on stderr */
    const unsigned char *skip;  /* [n] jobs not to run (may be NULL) */
} pool_options;

/* The options of batch and sweep: jobs processes at once (0: the number
 * of online cores; never more than n), a kill after 3 S + 5 seconds of
 * --time-limit S (the solver stops itself at the limit; the kill is for a
 * process that does not: up to two diagnosis solves follow an infeasible
 * one), a progress line on a terminal unless --quiet. */
void pool_options_for(pool_options *o, int jobs, long n, const cli_common *c);

/* -j, --jobs N for dest (an int), in batch's and sweep's tables. */
#define RUNNER_JOBS_OPTION(dest, what)                                     \
    CLI_OPT_INT("--jobs", "-j", dest, "N", 1, 1024,                        \
                "a whole number of processes from 1 to 1024",              \
                "solve N " what " at once, each in its own process "       \
                "(default: the number of online cores)")

/* Run jobs 0 .. n-1 (except the skipped ones).  Returns 0, or -1 when a
 * process or pipe could not be created (a message was printed). */
int pool_run(int n, const pool_options *o, pool_work_fn work,
             pool_done_fn done, void *ctx);

/* Progress line state (shared by the pool and the callers). */
void progress_update(int done, int total, int failed, double started);
void progress_clear(void);

/* ---- output ---- */

/* Severity order of exit codes for a whole batch: the largest wins. */
int batch_exit(int a, int b);

/* The columns every row has, after those naming the job: status, exit,
 * net present cost (empty in CSV, null in JSON when there is no plan),
 * net present value (empty/null also without revenue), levelized cost
 * (empty/null also with scenarios), first_replacement; joined by commas
 * (CSV) or as JSON members (jsonl), nothing before or after. */
void row_print_result(FILE *fp, const run_row *r, int jsonl);

/* What batch and sweep declare alike: --no-header, the formats (both
 * written by write, a cli_format write_checked), the shared options, and
 * the note on the time limit per job (what: "model", "point"). */
#define RUNNER_NO_HEADER_OPTION(dest)                                      \
    CLI_OPT_FLAG("--no-header", NULL, dest,                                \
                 "no CSV header line (to concatenate runs)")
#define RUNNER_FORMATS(write)                                              \
    {"csv", NULL, write, NULL}, {"jsonl", NULL, write, NULL}, {0}
#define RUNNER_SHARED                                                      \
    (CLI_FORMAT_OPT | CLI_OUTPUT | CLI_RELAX | CLI_MIP_GAP |               \
     CLI_TIME_LIMIT | CLI_SET | CLI_QUIET)
#define RUNNER_LIMIT_NOTE(what)                                            \
    "--time-limit is per " what "; a process still running after 3 S + 5 " \
    "seconds is killed.  -q also drops the progress line."

#endif
