/*
 * cli.h -- what the commands of the breakeven program share: exit codes,
 * option parsing, error printing, loading a model with --set overrides,
 * and solver settings from the common options.
 *
 * Each command lives in its own file (cmd_<name>.c) and is listed in the
 * table in main.c.  A command receives argv from its name on
 * (argv[0] == "solve") and returns an exit code.
 */
#ifndef BE_CLI_H
#define BE_CLI_H

#include <stdio.h>

#include "breakeven.h"

/* Exit codes (documented in --help and the README). */
enum {
    EXIT_PLAN = 0,      /* a plan was found */
    EXIT_NO_PLAN = 1,   /* infeasible or unbounded */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_MODEL = 3,     /* the model file is unreadable or invalid */
    EXIT_SOLVER = 4     /* solver failure, time limit without a plan,
                           or the result could not be written */
};

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;   /* one line for the command list */
    const char *usage;     /* "breakeven solve MODEL.yaml [...]" lines */
    const char *help;      /* the options, one per line */
} cli_command;

/* Print "breakeven: <message>" and the command's usage; returns 2. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- option parsing ---- */

/* An option a command accepts.  id >= 0; the shared ones are below. */
typedef struct cli_opt {
    const char *name;      /* "--time-limit" */
    const char *alias;     /* "-o" or NULL */
    int takes_value;
    int id;
} cli_opt;

enum {
    CLI_END = -1,          /* no more arguments */
    CLI_ERROR = -2,        /* a usage error was printed */
    CLI_ARG = -3,          /* a positional argument (in *value) */
    OPT_FORMAT = 1, OPT_OUTPUT, OPT_RELAX, OPT_MIP_GAP, OPT_TIME_LIMIT,
    OPT_STATS, OPT_QUIET, OPT_VERBOSE, OPT_SET,
    OPT_COMMAND = 100      /* commands number their own options from here */
};

typedef struct cli_args {
    const cli_command *cmd;
    int argc;
    char **argv;
    int i;
} cli_args;

/* The next option (its id, value in *value) or positional argument.
 * "--name=value" is accepted for options that take a value.  Unknown
 * options and missing values are usage errors (CLI_ERROR, printed). */
int cli_next(cli_args *a, const cli_opt *opts, const char **value);

/* The options most commands share, and their parsed values. */
#define CLI_COMMON_SOLVE_OPTS                                             \
    {"--relax", NULL, 0, OPT_RELAX}, {"--mip-gap", NULL, 1, OPT_MIP_GAP}, \
    {"--time-limit", NULL, 1, OPT_TIME_LIMIT},                            \
    {"--quiet", "-q", 0, OPT_QUIET}, {"--verbose", "-v", 0, OPT_VERBOSE}, \
    {"--set", NULL, 1, OPT_SET}

typedef struct cli_common {
    const char *format;
    const char *output;
    int relax, stats, quiet, verbose;
    double mip_gap, time_limit;
    const char *sets[64];  /* --set PATH=VALUE, in order */
    int n_sets;
    const char *basis_file;/* sweep: a warm-start basis shared by the
                              solves of neighbouring points, or NULL */
} cli_common;

void cli_common_init(cli_common *c, const char *default_format);

/* Handle one of the shared options.  formats is a NULL-terminated list of
 * accepted --format values.  Returns 1 if handled, 0 if id is not a shared
 * option, CLI_ERROR after printing a usage error. */
int cli_common_option(const cli_command *cmd, cli_common *c, int id,
                      const char *value, const char *const *formats);

/* The usual command line: one model file and options.  Shared options go
 * into c; any other option id is handed to own(ctx, id, value), which
 * returns 1 if it handled it or CLI_ERROR after printing a usage error
 * (own may be NULL).  Returns -1 when the arguments are fine (*model is
 * set), else the exit code to return. */
typedef int (*cli_own_option)(void *ctx, int id, const char *value);
int cli_parse_model_command(const cli_command *cmd, int argc, char **argv,
                            const cli_opt *opts, const char *const *formats,
                            cli_common *c, cli_own_option own, void *ctx,
                            const char **model);

/* Solver settings from the shared options (log to stderr with --verbose). */
void cli_settings(const cli_common *c, be_settings *s);

/* ---- models, errors, output ---- */

/* Load a model applying --set overrides; prints the error and returns NULL
 * with *exit_code set on failure.  seconds (may be NULL) gets the time. */
be_model *cli_load(const char *path, const cli_common *c, int *exit_code,
                   double *seconds);

/* For commands that need a plan: say on stderr why sol has none ("time
 * limit reached before any plan", "no feasible plan: ...") and return the
 * exit code (EXIT_SOLVER or EXIT_NO_PLAN). */
int cli_no_plan(const char *model, const be_solution *sol);

/* "breakeven: FILE:LINE:COL: message" on stderr. */
void cli_print_error(const be_error *err);
int cli_exit_for(be_code code);
/* Strict number parsing (the whole string, finite); 0 on success. */
int cli_parse_number(const char *s, double *out);
double cli_now(void);

#endif /* BE_CLI_H */
