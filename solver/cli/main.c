/*
 * main.c -- the breakeven command: argument parsing, exit codes, and the
 * only place that writes to the terminal.
 */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "breakeven.h"
#include "output.h"
#include "report.h"

/* Exit codes (documented in --help and the README). */
enum {
    EXIT_PLAN = 0,      /* a plan was found */
    EXIT_NO_PLAN = 1,   /* infeasible or unbounded */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_MODEL = 3,     /* the model file is unreadable or invalid */
    EXIT_SOLVER = 4     /* solver failure, time limit without a plan,
                           or the result could not be written */
};

static const char usage_text[] =
    "usage: breakeven solve MODEL.yaml [--format text|json|csv] [-o FILE]\n"
    "                       [--relax] [--mip-gap G] [--time-limit SECONDS]\n"
    "                       [--stats] [--quiet] [--verbose]\n"
    "       breakeven check MODEL.yaml\n"
    "       breakeven lp MODEL.yaml [--format lp|mps] [-o FILE] [--relax]\n"
    "       breakeven --help | --version\n";

static const char help_text[] =
    "\n"
    "breakeven finds the cheapest buy / keep / retire schedule for a fleet\n"
    "of machines described in a YAML model file (see docs/schema.md).\n"
    "\n"
    "commands:\n"
    "  solve MODEL    build the program, solve it with GLPK, print the plan\n"
    "  check MODEL    validate the model file only\n"
    "  lp MODEL       write the program the solver sees (CPLEX LP, or free\n"
    "                 MPS with --format mps), for glpsol, cbc and others\n"
    "\n"
    "options of solve:\n"
    "  --format F       text (default), json or csv\n"
    "  -o FILE          write the result to FILE (atomically) instead of\n"
    "                   standard output\n"
    "  --relax          solve the LP relaxation (fractional units)\n"
    "  --mip-gap G      stop branch and bound at relative gap G\n"
    "                   (default 1e-6)\n"
    "  --time-limit S   stop after S seconds with the best plan so far\n"
    "  --stats          phase times and program size on standard error\n"
    "  --quiet          no notes on standard error, only errors\n"
    "  --verbose        GLPK's solver log on standard error\n"
    "\n"
    "exit codes:\n"
    "  0  a plan was found (for check: the model is valid)\n"
    "  1  no feasible plan exists (infeasible or unbounded)\n"
    "  2  usage error\n"
    "  3  the model file cannot be read or is invalid\n"
    "  4  solver failure, time limit reached without a plan, or the\n"
    "     result could not be written\n";

typedef struct options {
    const char *command;
    const char *model;
    const char *output;
    const char *format;
    int relax, stats, quiet, verbose;
    double mip_gap, time_limit;
} options;

static int usage_error(const char *fmt, const char *arg)
{
    fputs("breakeven: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n", stderr);
    fputs(usage_text, stderr);
    return EXIT_USAGE;
}

/* Parse a number argument strictly; returns 0 on success. */
static int parse_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int parse_args(int argc, char **argv, options *o)
{
    o->format = strcmp(o->command, "lp") == 0 ? "lp" : "text";
    o->mip_gap = 1e-6;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--format") == 0 || strcmp(a, "-o") == 0 ||
            strcmp(a, "--output") == 0 || strcmp(a, "--mip-gap") == 0 ||
            strcmp(a, "--time-limit") == 0) {
            if (!next)
                return usage_error("option %s needs a value", a);
            i++;
            if (strcmp(a, "--format") == 0) {
                int lp = strcmp(o->command, "lp") == 0;
                if (lp ? strcmp(next, "lp") && strcmp(next, "mps")
                       : strcmp(next, "text") && strcmp(next, "json") &&
                         strcmp(next, "csv"))
                    return usage_error(lp ? "unknown format '%s' (lp or mps)"
                                          : "unknown format '%s' (text, json "
                                            "or csv)", next);
                o->format = next;
            } else if (a[1] == 'o' || strcmp(a, "--output") == 0) {
                o->output = next;
            } else if (strcmp(a, "--mip-gap") == 0) {
                if (parse_number(next, &o->mip_gap) || o->mip_gap < 0 ||
                    o->mip_gap >= 1)
                    return usage_error("--mip-gap needs a number in [0, 1), "
                                       "found '%s'", next);
            } else {
                if (parse_number(next, &o->time_limit) || o->time_limit <= 0)
                    return usage_error("--time-limit needs a number of "
                                       "seconds > 0, found '%s'", next);
            }
        } else if (strcmp(a, "--relax") == 0) {
            o->relax = 1;
        } else if (strcmp(a, "--stats") == 0) {
            o->stats = 1;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o->quiet = 1;
        } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
            o->verbose = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option '%s'", a);
        } else if (!o->model) {
            o->model = a;
        } else {
            return usage_error("unexpected argument '%s' (one model file "
                               "per run)", a);
        }
    }
    if (!o->model)
        return usage_error("%s needs a model file", o->command);
    return -1; /* parsed */
}

/* "breakeven: FILE:LINE:COL: message" */
static void print_error(const be_error *err)
{
    fputs("breakeven: ", stderr);
    if (err->file[0])
        fprintf(stderr, "%s:", err->file);
    if (err->line > 0)
        fprintf(stderr, "%d:%d:", err->line, err->column);
    fprintf(stderr, "%s%s\n", err->file[0] || err->line > 0 ? " " : "",
            err->message);
}

static int exit_for(be_code code)
{
    switch (code) {
    case BE_OK: return EXIT_PLAN;
    case BE_EARG: return EXIT_USAGE;
    case BE_EIO:
    case BE_ESYNTAX:
    case BE_EMODEL:
    case BE_ELIMIT: return EXIT_MODEL;
    case BE_ENOMEM:
    case BE_ESOLVER: return EXIT_SOLVER;
    }
    return EXIT_SOLVER;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void log_to_stderr(void *ctx, const char *text)
{
    (void)ctx;
    fputs(text, stderr);
}

static be_model *load(const options *o, be_error *err, double *seconds)
{
    double t0 = now();
    be_model *m = be_model_load_file(o->model, NULL, err);
    *seconds = now() - t0;
    return m;
}

static int cmd_check(const options *o)
{
    be_error err = {0};
    double secs;
    be_model *m = load(o, &err, &secs);
    if (!m) {
        print_error(&err);
        return exit_for(err.code);
    }
    if (!o->quiet)
        printf("%s: valid model '%s': %d periods, %d devices, %d cohorts\n",
               o->model, be_model_name(m), be_model_periods(m),
               be_model_devices(m), be_model_cohorts(m));
    be_model_free(m);
    return EXIT_PLAN;
}

/* Copy a file to stdout; 0 on success. */
static int copy_to_stdout(const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    char buf[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, stdout) != n)
            rc = -1;
    if (ferror(in))
        rc = -1;
    fclose(in);
    return fflush(stdout) == 0 ? rc : -1;
}

/* GLPK writes the file itself, by name: to the temporary file that
 * out_open made (then renamed into place), or, for standard output, to a
 * temporary file that is then copied out. */
static int cmd_lp(const options *o)
{
    be_error err = {0};
    double secs;
    be_model *m = load(o, &err, &secs);
    if (!m) {
        print_error(&err);
        return exit_for(err.code);
    }
    be_settings s;
    be_settings_init(&s);
    s.relax = o->relax;
    be_program_format f = strcmp(o->format, "mps") == 0 ? BE_FORMAT_MPS
                                                        : BE_FORMAT_LP;
    int rc = EXIT_PLAN;
    out_file out;
    const char *dest = o->output && strcmp(o->output, "-") ? o->output : NULL;
    char tmpl[] = "/tmp/breakeven-lp-XXXXXX";
    if (dest) {
        if (out_open(&out, dest) != 0) {
            fprintf(stderr, "breakeven: %s: cannot write: %s\n", dest,
                    strerror(errno));
            be_model_free(m);
            return EXIT_SOLVER;
        }
    } else {
        const char *dir = getenv("TMPDIR");
        int fd = -1;
        char path[4096];
        if (dir && dir[0] && snprintf(path, sizeof path,
                                      "%s/breakeven-lp-XXXXXX", dir) <
                                 (int)sizeof path)
            fd = mkstemp(path);
        if (fd < 0) {
            fd = mkstemp(tmpl);
            snprintf(path, sizeof path, "%s", tmpl);
        }
        if (fd < 0) {
            fprintf(stderr, "breakeven: cannot create a temporary file: %s\n",
                    strerror(errno));
            be_model_free(m);
            return EXIT_SOLVER;
        }
        close(fd);
        memset(&out, 0, sizeof out);
        out.tmp = strdup(path);
    }
    const char *target = out.tmp;
    if (out.fp) {                 /* GLPK opens the file by its name */
        fclose(out.fp);
        out.fp = NULL;
    }
    if (!target || be_write_program(m, &s, f, target, &err) != BE_OK) {
        if (target)
            print_error(&err);
        rc = target ? exit_for(err.code) : EXIT_SOLVER;
        if (rc == EXIT_MODEL && err.code == BE_EIO)
            rc = EXIT_SOLVER;
    } else if (dest) {
        if (rename(out.tmp, out.path) != 0) {
            fprintf(stderr, "breakeven: %s: cannot write: %s\n", dest,
                    strerror(errno));
            rc = EXIT_SOLVER;
        }
    } else if (copy_to_stdout(target) != 0) {
        fprintf(stderr, "breakeven: cannot write to standard output\n");
        rc = EXIT_SOLVER;
    }
    if (target)
        unlink(target);
    free(out.tmp);
    free(out.path);
    be_model_free(m);
    return rc;
}

static void print_stats(const be_solution *sol, double parse, double report)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    const be_stats *s = &sol->stats;
    double total = parse + s->build_seconds + s->solve_seconds +
                   s->evaluate_seconds + report;
    fprintf(stderr,
            "stats: rows %d, columns %d (%d integer), nonzeros %d, "
            "simplex iterations %d\n"
            "stats: parse %.3f s, build %.3f s, solve %.3f s, evaluate "
            "%.3f s, report %.3f s, total %.3f s\n"
            "stats: parse+build %.2f%% of total, peak memory %ld KiB\n",
            s->rows, s->cols, s->integer_cols, s->nonzeros,
            s->simplex_iterations, parse, s->build_seconds, s->solve_seconds,
            s->evaluate_seconds, report, total,
            total > 0 ? 100.0 * (parse + s->build_seconds) / total : 0.0,
            ru.ru_maxrss);
}

static int cmd_solve(const options *o)
{
    be_error err = {0};
    double parse;
    be_model *m = load(o, &err, &parse);
    if (!m) {
        print_error(&err);
        return exit_for(err.code);
    }
    be_settings s;
    be_settings_init(&s);
    s.relax = o->relax;
    s.mip_gap = o->mip_gap;
    s.time_limit = o->time_limit;
    if (o->verbose)
        s.log = log_to_stderr;
    be_solution *sol = be_solve(m, &s, &err);
    if (!sol) {
        print_error(&err);
        be_model_free(m);
        return exit_for(err.code);
    }

    int rc = EXIT_PLAN;
    double t0 = now();
    out_file out;
    if (out_open(&out, o->output) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n", o->output,
                strerror(errno));
        rc = EXIT_SOLVER;
        goto done;
    }
    if (strcmp(o->format, "json") == 0)
        report_json(out.fp, m, sol);
    else if (strcmp(o->format, "csv") == 0)
        report_csv(out.fp, m, sol);
    else
        report_text(out.fp, m, sol);
    if (out_commit(&out) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n",
                o->output ? o->output : "standard output", strerror(errno));
        rc = EXIT_SOLVER;
        goto done;
    }
    double report = now() - t0;

    switch (sol->status) {
    case BE_OPTIMAL:
        break;
    case BE_TIME_LIMIT_PLAN:
        if (!o->quiet)
            fprintf(stderr, "breakeven: %s: time limit reached; the plan is "
                    "the best found, within %.3g%% of optimal\n", o->model,
                    100.0 * sol->gap);
        break;
    case BE_INFEASIBLE:
    case BE_UNBOUNDED:
        fprintf(stderr, "breakeven: %s: no feasible plan: the model is %s%s%s\n",
                o->model, be_status_name(sol->status),
                sol->reason[0] ? ": " : "", sol->reason);
        rc = EXIT_NO_PLAN;
        break;
    case BE_NO_PLAN:
        fprintf(stderr, "breakeven: %s: time limit reached before any plan "
                "was found\n", o->model);
        rc = EXIT_SOLVER;
        break;
    }
    if (o->stats)
        print_stats(sol, parse, report);
done:
    be_solution_free(sol);
    be_model_free(m);
    return rc;
}

int main(int argc, char **argv)
{
    setlocale(LC_NUMERIC, "C");
    int rc;
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        fputs(help_text, stdout);
        return EXIT_PLAN;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("breakeven %s\n", BE_VERSION);
        return EXIT_PLAN;
    }
    options o;
    memset(&o, 0, sizeof o);
    o.command = cmd;
    if (strcmp(cmd, "solve") != 0 && strcmp(cmd, "check") != 0 &&
        strcmp(cmd, "lp") != 0)
        return usage_error("unknown command '%s'", cmd);
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage_text, stdout);
            fputs(help_text, stdout);
            return EXIT_PLAN;
        }
    rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    rc = strcmp(cmd, "check") == 0 ? cmd_check(&o)
       : strcmp(cmd, "lp") == 0    ? cmd_lp(&o)
                                   : cmd_solve(&o);
    be_cleanup();
    return rc;
}
