/*
 * cli.h -- the command layer of the breakeven program.
 *
 * A command is a table entry (cli_command): its name, a summary, its own
 * options as typed entries (cli_option: destination, kind of argument,
 * range, help line), which of the shared options it takes, what the
 * dispatcher does before and after it (CMD_* flags: read one model file,
 * load it, solve it, insist on a plan), its output formats (cli_format:
 * name and writer) and a run function.  The dispatcher (cli_dispatch)
 * parses the command line against those tables, loads and solves as the
 * flags say, calls run, and prints the status notes every solving command
 * shares.  run computes what is particular to the command and hands its
 * data to cli_emit, which writes it through the chosen format's writer to
 * standard output or atomically to -o FILE.  Usage lines and `help
 * COMMAND` are generated from the same tables, so the help of a shared
 * option is written once (cli.c).
 *
 * The design follows git's parse-options.h (an option entry carries its
 * destination and its help) and git's command table (RUN_SETUP-style
 * flags the dispatcher acts on).
 *
 * Each command lives in its own file (cmd_<name>.c) and is listed in the
 * table in main.c.  A new command is that file and that entry (a sketch;
 * cmd_uncertainty.c is a short real one):
 *
 *   static int samples = 200;
 *   static const cli_option options[] = {
 *       CLI_OPT_INT("--samples", NULL, &samples, "N", 10, 100000,
 *                   "a whole number from 10 to 100000",
 *                   "draw N scenarios (default 200)"),
 *       CLI_OPT_END};
 *   static const cli_format formats[] = {
 *       CLI_TEXT_JSON_CSV(write_text, write_json, write_csv)};
 *   static int run(cli_ctx *x)      // x->m loaded, x->sol has a plan
 *   {
 *       ... compute from x->m, x->sol, x->s into data ...
 *       return cli_emit(x, &data);  // writers get &data
 *   }
 *   const cli_command cli_samples = {
 *       .name = "samples", .summary = "...",
 *       .flags = CMD_SOLVE | CMD_PLAN | CMD_LOAD | CMD_FILE,
 *       .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SOLVER,
 *       .options = options, .formats = formats, .run = run};
 */
#ifndef BE_CLI_H
#define BE_CLI_H

#include <float.h>
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

typedef struct cli_command cli_command;
typedef struct cli_ctx cli_ctx;

/* ---- options ---- */

typedef enum cli_kind {
    CLI_FLAG,     /* int *dest = 1 */
    CLI_STRING,   /* const char **dest = the value */
    CLI_NUMBER,   /* double *dest, a finite number within [min, max] */
    CLI_INT,      /* int *dest, a whole number within [min, max] */
    CLI_CHOICE,   /* const char **dest, one of choices */
    CLI_FORMAT,   /* the shared --format: one of the command's formats */
    CLI_CALL      /* parse(cmd, value, dest) */
} cli_kind;

/* cli_option.flags */
enum {
    CLI_REQUIRED = 1,   /* the command needs it */
    CLI_REPEAT = 2,     /* may be given more than once (usage: "...") */
    CLI_ABOVE_MIN = 4,  /* value > min, not >= */
    CLI_BELOW_MAX = 8   /* value < max, not <= */
};

typedef struct cli_option {
    const char *name;      /* "--time-limit" */
    const char *alias;     /* "-o", or NULL */
    cli_kind kind;
    void *dest;
    const char *arg;       /* the value's name in help ("S"), NULL: none */
    const char *help;      /* what it does, wrapped by the help printer */
    double min, max;       /* CLI_NUMBER, CLI_INT */
    const char *needs;     /* CLI_NUMBER, CLI_INT: "a number of seconds
                              > 0", for "--time-limit needs ..., found" */
    const char *const *choices;  /* CLI_CHOICE, NULL-terminated */
    /* CLI_CALL: returns 0, or an exit code after printing why */
    int (*parse)(const cli_command *cmd, const char *value, void *dest);
    unsigned flags;        /* CLI_REQUIRED | CLI_REPEAT | ... */
} cli_option;

#define CLI_OPT_FLAG(n, a, d, h) \
    {.name = n, .alias = a, .kind = CLI_FLAG, .dest = d, .help = h}
#define CLI_OPT_STRING(n, a, d, arg_, h) \
    {.name = n, .alias = a, .kind = CLI_STRING, .dest = d, .arg = arg_, \
     .help = h}
#define CLI_OPT_NUMBER(n, a, d, arg_, lo, hi, fl, needs_, h) \
    {.name = n, .alias = a, .kind = CLI_NUMBER, .dest = d, .arg = arg_, \
     .help = h, .min = lo, .max = hi, .needs = needs_, .flags = fl}
#define CLI_OPT_INT(n, a, d, arg_, lo, hi, needs_, h) \
    {.name = n, .alias = a, .kind = CLI_INT, .dest = d, .arg = arg_, \
     .help = h, .min = lo, .max = hi, .needs = needs_}
#define CLI_OPT_CHOICE(n, d, arg_, list, fl, h) \
    {.name = n, .kind = CLI_CHOICE, .dest = d, .arg = arg_, .help = h, \
     .choices = list, .flags = fl}
#define CLI_OPT_CALL(n, d, arg_, fn, fl, h) \
    {.name = n, .kind = CLI_CALL, .dest = d, .arg = arg_, .help = h, \
     .parse = fn, .flags = fl}
#define CLI_OPT_END {0}

/* The shared options (cli_command.shared); their entries and help text
 * are in cli.c, their values in cli_common. */
enum {
    CLI_FORMAT_OPT = 1 << 0,   /* --format F */
    CLI_OUTPUT = 1 << 1,       /* -o, --output FILE */
    CLI_RELAX = 1 << 2,        /* --relax */
    CLI_MIP_GAP = 1 << 3,      /* --mip-gap G */
    CLI_TIME_LIMIT = 1 << 4,   /* --time-limit S */
    CLI_SET = 1 << 5,          /* --set PATH=VALUE */
    CLI_QUIET = 1 << 6,        /* -q, --quiet */
    CLI_VERBOSE = 1 << 7,      /* -v, --verbose */
    CLI_JOBS = 1 << 8,         /* --jobs N */
    /* what a command that solves takes */
    CLI_SOLVER = CLI_RELAX | CLI_MIP_GAP | CLI_TIME_LIMIT | CLI_SET |
                 CLI_QUIET | CLI_VERBOSE | CLI_JOBS
};

typedef struct cli_common {
    const char *format;
    const char *output;
    int relax, quiet, verbose;
    int jobs;              /* --jobs N; 0: the library's default */
    double mip_gap, time_limit;
    const char *sets[64];  /* --set PATH=VALUE, in order */
    int n_sets;
    const char *basis_file;/* sweep: a warm-start basis shared by the
                              solves of neighbouring points, or NULL */
} cli_common;

/* ---- commands ---- */

/* An output format: its name (the --format value) and its writer.  The
 * writer gets the data run handed to cli_emit.  write cannot fail;
 * write_checked returns 0, or -1 with err filled (the file is then not
 * written; an empty message: the writer has printed why).  One of the two
 * is set. */
typedef struct cli_format {
    const char *name;
    void (*write)(FILE *fp, const void *data);
    int (*write_checked)(FILE *fp, const void *data, be_error *err);
    const char *note;      /* in --format's help: "twice the pixels" */
} cli_format;

/* The usual three formats, for a format table. */
#define CLI_TEXT_JSON_CSV(text, json, csv)                                  \
    {"text", text, NULL, NULL}, {"json", json, NULL, NULL},                 \
    {"csv", csv, NULL, NULL}, {0}

/* cli_command.flags: what the dispatcher does */
enum {
    CMD_FILE = 1 << 0,     /* exactly one model file (x->path) */
    CMD_FILES = 1 << 1,    /* one or more model files (x->files) */
    CMD_LOAD = 1 << 2,     /* load the model with --set (x->m); CMD_FILE */
    CMD_SOLVE = 1 << 3,    /* solve it (x->sol); CMD_LOAD.  After run: the
                              no-plan message and exit code, or the time
                              limit note */
    CMD_PLAN = 1 << 4,     /* no plan: say why, and do not run */
    CMD_DUALS = 1 << 5,    /* solve with shadow prices */
    CMD_DIAGNOSE = 1 << 6, /* no plan: be_diagnose (x->diag) */
    CMD_FORMAT_BY_NAME = 1 << 7, /* no --format: the -o FILE's extension
                                    chooses, else the first format */
    CMD_SCENARIOS = 1 << 8 /* understands a model with scenarios; without
                              it the dispatcher refuses one (one line,
                              EXIT_USAGE) before run */
};

struct cli_command {
    const char *name;
    const char *summary;       /* one line for the command list */
    unsigned flags;            /* CMD_* */
    unsigned shared;           /* CLI_* shared options it takes */
    const cli_option *options; /* its own, CLI_OPT_END-terminated; or NULL */
    const cli_format *formats; /* {0}-terminated, the first is the
                                  default; NULL: it writes nothing */
    int (*run)(cli_ctx *x);    /* returns an exit code */
    int (*check)(cli_ctx *x);  /* or NULL: after loading, before solving,
                                  whether the options fit the model;
                                  returns 0, or an exit code after saying
                                  why */
    const char *notes;         /* printed after the options, or NULL */
};

/* What run gets.  Everything here is owned by the dispatcher. */
struct cli_ctx {
    const cli_command *cmd;
    cli_common *c;             /* the shared options */
    const char *path;          /* CMD_FILE: the model file */
    char **files;              /* CMD_FILES: [n_files] */
    int n_files;
    be_model *m;               /* CMD_LOAD */
    double load_seconds;
    be_settings s;             /* from the shared options */
    be_solution *sol;          /* CMD_SOLVE */
    be_diagnosis *diag;        /* CMD_DIAGNOSE, when there is no plan */
    /* CMD_DIAGNOSE on a model with scenarios and no plan: each scenario
     * solved on its own ([scenarios] statuses, BE_OPTIMAL when it has a
     * plan alone) and the diagnosis of those without one (else NULL). */
    be_status *scenario_status;
    be_diagnosis **scenario_diag;
    const cli_format *format;  /* the chosen format */
};

/* Parse argv (argv[0] is the command's name) against cmd's tables, do
 * what its flags say, run it.  Returns the exit code. */
int cli_dispatch(const cli_command *cmd, int argc, char **argv);

/* Write data through x->format's writer to -o FILE (atomically) or to
 * standard output.  Returns EXIT_PLAN, or EXIT_SOLVER after printing why
 * (the one wording of every output failure). */
int cli_emit(const cli_ctx *x, const void *data);
/* The same to path ("-" or NULL: standard output) with format f. */
int cli_write(const char *path, const cli_format *f, const void *data);

/* Print cmd's usage lines / its whole help. */
void cli_usage(FILE *fp, const cli_command *cmd);
void cli_help(FILE *fp, const cli_command *cmd);

/* Print "breakeven: <message>" and the command's usage; returns 2. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- models, errors, output ---- */

/* Solver settings from the shared options (log to stderr with --verbose). */
void cli_settings(const cli_common *c, be_settings *s);

/* Load a model applying --set overrides; prints the error and returns NULL
 * with *exit_code set on failure.  seconds (may be NULL) gets the time. */
be_model *cli_load(const char *path, const cli_common *c, int *exit_code,
                   double *seconds);

/* Before a whole-unit solve of x->m with s (not with --quiet, --relax or
 * a model in fractional units), one line on stderr whether or not it is a
 * terminal, since a solve may run up to its limit: "breakeven: FILE:
 * solving with whole units (time limit 60 s) ...".  each: after the
 * limit, for a command that solves several programs (" per solve"), or
 * NULL. */
void cli_say_solving(const cli_ctx *x, const be_settings *s,
                     const char *each);
/* 1 when sol holds a plan: one plan, or one per scenario. */
int cli_has_plan(const be_solution *sol);
/* How far a plan stopped at the time limit may be from the optimum, for
 * a sentence: "within 0.5% of optimal", or, before any bound is proven,
 * "with no lower bound proven yet".  Returns buf. */
const char *cli_gap_words(double gap, char *buf, size_t size);

/* Settings for the diagnosis after a solve (sol) with no plan: the
 * command's time limit is shared, so it gets what the solve left of it,
 * and at least a tenth. */
be_settings cli_diagnosis_settings(const be_settings *s,
                                   const be_solution *sol);
/* be_diagnose_scenarios into *status and *diag ([scenarios], calloc'd;
 * the caller frees them and each diagnosis).  Returns 0, or -1 when out
 * of memory. */
int cli_diagnose_scenarios(const be_model *m, const be_settings *s,
                           be_status **status, be_diagnosis ***diag);

/* Say on stderr why x->sol has no plan ("time limit reached before any
 * plan", or "no feasible plan: ..." with the diagnosis's lines, the first
 * on that line; without a diagnosis, be_solution.reason) and return the
 * exit code (EXIT_SOLVER or EXIT_NO_PLAN). */
int cli_no_plan(const cli_ctx *x);

/* ---- one analysis per pair ---- */

/* --device NAME of x's model: *k its index, -1 when name is NULL.
 * Returns 0, or EXIT_USAGE after saying there is no such device. */
int cli_find_device(const cli_ctx *x, const char *name, int *k);

/* A result of a library analysis for the pair (i, j), or NULL: with
 * err->code BE_OK when the pair has none, else why it failed. */
typedef void *(*cli_make_fn)(const cli_ctx *x, int i, int j, be_error *err);

/* make over the pairs (i, j), 0 <= i < n_i and 0 <= j < n_j, in that
 * order, for the commands that compute one analysis per pair (life:
 * device and purchase period; challenger: fleet entry and device): the
 * results in *items (*n of them), then data (which holds items and n)
 * emitted (cli_emit), then every result freed with free_item.  Returns
 * the exit code: cli_emit's; that of the first error (printed; nothing
 * is emitted); EXIT_NO_PLAN after "breakeven: FILE: <none>" when no pair
 * has a result. */
int cli_emit_pairs(const cli_ctx *x, int n_i, int n_j, cli_make_fn make,
                   void (*free_item)(void *), void ***items, int *n,
                   const void *data, const char *none);

/* "breakeven: FILE:LINE:COL: message" on stderr. */
void cli_print_error(const be_error *err);
int cli_exit_for(be_code code);
/* "breakeven: out of memory" on stderr; returns EXIT_SOLVER. */
int cli_out_of_memory(void);
/* Strict number parsing (the whole string, finite); 0 on success. */
int cli_parse_number(const char *s, double *out);
double cli_now(void);

#endif /* BE_CLI_H */
