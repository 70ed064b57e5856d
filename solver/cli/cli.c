/*
 * cli.c -- the command layer (see cli.h): the shared options and their
 * help, the parser, the dispatcher, the emit step, generated usage and
 * help.
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "output.h"

/* The shared options' values: one command runs per process. */
static cli_common common;

static int parse_set(const cli_command *cmd, const char *value, void *dest)
{
    cli_common *c = dest;
    if (!strchr(value, '=') || value[0] == '=')
        return cli_usage_error(cmd, "--set needs PATH=VALUE, found '%s'",
                               value);
    if (c->n_sets == (int)(sizeof c->sets / sizeof c->sets[0]))
        return cli_usage_error(cmd, "too many --set options (at most %d)",
                               c->n_sets);
    c->sets[c->n_sets++] = value;
    return 0;
}

/* --time-limit S, or 'none' (no limit at all, INFINITY). */
static int parse_time_limit(const cli_command *cmd, const char *value,
                            void *dest)
{
    double *limit = dest;
    if (strcmp(value, "none") == 0) {
        *limit = INFINITY;
        return 0;
    }
    if (cli_parse_number(value, limit) != 0 || !(*limit > 0.0) ||
        isinf(*limit))
        return cli_usage_error(cmd, "--time-limit needs a number of seconds "
                               "> 0 or 'none', found '%s'", value);
    return 0;
}

/* The shared options, in the order of cli.h's bits; their help is
 * written here once. */
static const cli_option shared_options[] = {
    {.name = "--format", .kind = CLI_FORMAT, .dest = &common.format,
     .arg = "F"},
    CLI_OPT_STRING("--output", "-o", &common.output, "FILE",
                   "write the result to FILE (atomically) instead of "
                   "standard output"),
    CLI_OPT_FLAG("--relax", NULL, &common.relax,
                 "solve the LP relaxation (fractional units)"),
    CLI_OPT_NUMBER("--mip-gap", NULL, &common.mip_gap, "G", 0, 1,
                   CLI_BELOW_MAX, "a number in [0, 1)",
                   "stop branch and bound at relative gap G (default 1e-6)"),
    CLI_OPT_CALL("--time-limit", &common.time_limit, "S", parse_time_limit,
                 0, "stop after S seconds with the best plan so far "
                 "(default 60 for whole units, none for an LP; 'none': no "
                 "limit)"),
    CLI_OPT_CALL("--set", &common, "PATH=VALUE", parse_set, CLI_REPEAT,
                 "override a value of the model, e.g. --set "
                 "energy.price=0.12 --set devices.new.price.growth=-0.2"),
    CLI_OPT_FLAG("--quiet", "-q", &common.quiet,
                 "no notes on standard error, only errors"),
    CLI_OPT_FLAG("--verbose", "-v", &common.verbose,
                 "GLPK's solver log on standard error"),
    CLI_OPT_INT("--jobs", NULL, &common.jobs, "N", 1, 1024,
                "a whole number from 1 to 1024",
                "threads for a model with scenarios: its scenarios' own "
                "programs, solved side by side (default: the number of "
                "CPUs; the answer is the same for every N)"),
};
enum { N_SHARED = sizeof shared_options / sizeof shared_options[0] };

/* ---- the options of one command, in help order ---- */

/* --format and -o first, then the command's own, then the solver's. */
static int option_list(const cli_command *cmd, const cli_option **list,
                       int size)
{
    int n = 0;
    for (int i = 0; i < N_SHARED && n < size; i++)
        if (cmd->shared & (1u << i) && (1u << i) < CLI_RELAX)
            list[n++] = &shared_options[i];
    for (const cli_option *o = cmd->options; o && o->name && n < size; o++)
        list[n++] = o;
    for (int i = 0; i < N_SHARED && n < size; i++)
        if (cmd->shared & (1u << i) && (1u << i) >= CLI_RELAX)
            list[n++] = &shared_options[i];
    return n;
}

enum { MAX_OPTIONS = 40 };

/* "a, b or c" from a NULL-terminated list (or the command's formats). */
static void join(char *buf, size_t size, const char *const *list,
                 const cli_format *formats, const char *sep,
                 const char *last)
{
    int n = 0;
    buf[0] = '\0';
    while (list ? list[n] != NULL : formats[n].name != NULL)
        n++;
    for (int i = 0; i < n; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s",
                 i == 0 ? "" : i == n - 1 ? last : sep,
                 list ? list[i] : formats[i].name);
    }
}

/* ---- usage and help ---- */

/* Words of text from column col on, lines up to 78 columns, continued at
 * indent; a '\n' in text starts a new line. */
static void wrap(FILE *fp, const char *text, int indent, int col)
{
    const int width = 78;
    const char *p = text;
    while (*p) {
        if (*p == ' ') {   /* runs of spaces are one */
            p++;
            continue;
        }
        size_t len = strcspn(p, " \n");
        if (col > indent && col + 1 + (int)len > width) {
            fprintf(fp, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            fputc(' ', fp);
            col++;
        }
        fprintf(fp, "%.*s", (int)len, p);
        col += (int)len;
        p += len;
        if (*p == '\n') {
            fprintf(fp, "\n%*s", indent, "");
            col = indent;
        }
        if (*p)
            p++;
    }
    fputc('\n', fp);
}

void cli_usage(FILE *fp, const cli_command *cmd)
{
    const cli_option *list[MAX_OPTIONS];
    int n = option_list(cmd, list, MAX_OPTIONS);
    char token[200], arg[160];
    int indent = fprintf(fp, "usage: breakeven %s ", cmd->name), col = indent;
    const char *files = cmd->flags & CMD_FILES ? "FILE..."
                      : cmd->flags & CMD_FILE ? "MODEL.yaml" : NULL;
    if (files)
        col += fprintf(fp, "%s", files);
    for (int i = 0; i < n; i++) {
        const cli_option *o = list[i];
        if (o->kind == CLI_FORMAT && cmd->formats)
            join(arg, sizeof arg, NULL, cmd->formats, "|", "|");
        else if (o->kind == CLI_CHOICE)
            join(arg, sizeof arg, o->choices, NULL, "|", "|");
        else
            snprintf(arg, sizeof arg, "%s", o->arg ? o->arg : "");
        int req = o->flags & CLI_REQUIRED;
        int len = snprintf(token, sizeof token, "%s%s%s%s%s%s", req ? "" : "[",
                           o->alias && o->arg ? o->alias : o->name,
                           arg[0] ? " " : "", arg, req ? "" : "]",
                           o->flags & CLI_REPEAT ? "..." : "");
        if (col > indent && col + 1 + len > 78) {
            fprintf(fp, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            col += fprintf(fp, " ");
        }
        col += fprintf(fp, "%s", token);
    }
    fputc('\n', fp);
}

void cli_help(FILE *fp, const cli_command *cmd)
{
    const cli_option *list[MAX_OPTIONS];
    int n = option_list(cmd, list, MAX_OPTIONS);
    cli_usage(fp, cmd);
    fprintf(fp, "\n%s.\n\noptions:\n", cmd->summary);
    for (int i = 0; i < n; i++) {
        const cli_option *o = list[i];
        char left[128], help[1024];
        snprintf(left, sizeof left, "  %s%s%s%s%s", o->alias ? o->alias : "",
                 o->alias ? ", " : "", o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
        if (o->kind == CLI_FORMAT) {
            help[0] = '\0';
            const cli_format *f = cmd->formats;
            for (int i = 0; f && f[i].name; i++) {
                size_t used = strlen(help);
                snprintf(help + used, sizeof help - used, "%s%s",
                         i == 0 ? "" : f[i + 1].name ? ", " : " or ",
                         f[i].name);
                used = strlen(help);
                if (i == 0 || f[i].note)
                    snprintf(help + used, sizeof help - used, " (%s%s%s)",
                             i == 0 ? "default" : "",
                             i == 0 && f[i].note ? ", " : "",
                             f[i].note ? f[i].note : "");
            }
        } else {
            snprintf(help, sizeof help, "%s", o->help ? o->help : "");
        }
        fputs(left, fp);
        int col = (int)strlen(left);
        if (col > 19) {
            fprintf(fp, "\n%21s", "");
        } else {
            fprintf(fp, "%*s", 21 - col, "");
        }
        wrap(fp, help, 21, 21);
    }
    if (cmd->notes)
        wrap(fp, cmd->notes, 0, 0);
}

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("breakeven: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (cmd)
        cli_usage(stderr, cmd);
    return EXIT_USAGE;
}

/* ---- parsing ---- */

int cli_parse_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* Store value into o's destination; 0, or an exit code after a message.
 * typed: the option as the user spelled it. */
static int apply(const cli_command *cmd, const cli_option *o,
                 const char *typed, const char *value)
{
    char list[256];
    double v;
    switch (o->kind) {
    case CLI_FLAG:
        *(int *)o->dest = 1;
        return 0;
    case CLI_STRING:
        *(const char **)o->dest = value;
        return 0;
    case CLI_NUMBER:
    case CLI_INT:
        if (cli_parse_number(value, &v) != 0 || v < o->min || v > o->max ||
            (o->flags & CLI_ABOVE_MIN && v == o->min) ||
            (o->flags & CLI_BELOW_MAX && v == o->max) ||
            (o->kind == CLI_INT && v != floor(v)))
            return cli_usage_error(cmd, "%s needs %s, found '%s'", typed,
                                   o->needs, value);
        if (o->kind == CLI_INT)
            *(int *)o->dest = (int)v;
        else
            *(double *)o->dest = v;
        return 0;
    case CLI_CHOICE:
    case CLI_FORMAT:
        for (int i = 0; o->kind == CLI_CHOICE ? o->choices[i] != NULL
                                              : cmd->formats[i].name != NULL;
             i++) {
            const char *name = o->kind == CLI_CHOICE ? o->choices[i]
                                                     : cmd->formats[i].name;
            if (strcmp(name, value) == 0) {
                *(const char **)o->dest = name;
                return 0;
            }
        }
        join(list, sizeof list, o->kind == CLI_CHOICE ? o->choices : NULL,
             cmd->formats, ", ", " or ");
        return cli_usage_error(cmd, "unknown %s '%s' (%s)", o->name + 2,
                               value, list);
    case CLI_CALL:
        return o->parse(cmd, value, o->dest);
    }
    return EXIT_USAGE;
}

/* The usual reading of a command line: options anywhere, "--name=value"
 * for options with a value, everything else positional. */
static int parse(const cli_command *cmd, int argc, char **argv, cli_ctx *x)
{
    const cli_option *list[MAX_OPTIONS];
    unsigned char seen[MAX_OPTIONS] = {0};
    int n = option_list(cmd, list, MAX_OPTIONS);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || arg[1] == '\0') {
            if (cmd->flags & CMD_FILES) {
                x->files[x->n_files++] = argv[i];
            } else if (!(cmd->flags & CMD_FILE) || x->path) {
                return cli_usage_error(cmd, "unexpected argument '%s' (one "
                                       "model file per run)", arg);
            } else {
                x->path = arg;
            }
            continue;
        }
        const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        int k = 0;
        const char *typed = NULL;
        for (; k < n && !typed; k++) {
            const cli_option *o = list[k];
            if (strlen(o->name) == len && strncmp(o->name, arg, len) == 0)
                typed = o->name;
            else if (o->alias && !eq && strcmp(o->alias, arg) == 0)
                typed = o->alias;
        }
        if (!typed)
            return cli_usage_error(cmd, "unknown option '%s'", arg);
        const cli_option *o = list[--k];
        const char *value = NULL;
        if (o->kind == CLI_FLAG && eq)
            return cli_usage_error(cmd, "option %s takes no value", o->name);
        if (o->kind != CLI_FLAG) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else
                return cli_usage_error(cmd, "option %s needs a value", arg);
        }
        int rc = apply(cmd, o, typed, value);
        if (rc != 0)
            return rc;
        seen[k] = 1;
    }
    if (cmd->flags & CMD_FILE && !x->path)
        return cli_usage_error(cmd, "%s needs a model file", cmd->name);
    if (cmd->flags & CMD_FILES && x->n_files == 0)
        return cli_usage_error(cmd, "%s needs at least one model file",
                               cmd->name);
    for (int k = 0; k < n; k++) {
        const cli_option *o = list[k];
        if (!(o->flags & CLI_REQUIRED) || seen[k])
            continue;
        char what[256];
        if (o->kind == CLI_CHOICE)
            join(what, sizeof what, o->choices, NULL, ", ", " or ");
        else
            snprintf(what, sizeof what, "%s", o->arg);
        return cli_usage_error(cmd, "%s needs %s%s %s", cmd->name,
                               o->flags & CLI_REPEAT ? "at least one " : "",
                               o->name, what);
    }
    return 0;
}

/* ---- the dispatcher ---- */

static void log_to_stderr(void *ctx, const char *text)
{
    (void)ctx;
    fputs(text, stderr);
}

void cli_settings(const cli_common *c, be_settings *s)
{
    be_settings_init(s);
    s->relax = c->relax;
    s->mip_gap = c->mip_gap;
    s->time_limit = c->time_limit;
    if (c->jobs > 0)
        s->jobs = c->jobs;
    if (c->verbose)
        s->log = log_to_stderr;
}

/* One line on a terminal, rewritten in place (stderr only). */
static void show_progress(void *ctx, const be_progress *p)
{
    int *shown = ctx;
    char best[48] = "none yet", gap[40] = "", pct[32];
    if (p->have_plan) {
        fmt_money(p->best, 0, best, sizeof best);
        if (isfinite(p->gap))
            snprintf(gap, sizeof gap, ", gap %s",
                     fmt_gap(p->gap, pct, sizeof pct));
    }
    fprintf(stderr, "\rsolving: %.0f s, best plan %s%s, %d open nodes   ",
            p->seconds, best, gap, p->open_nodes);
    fflush(stderr);
    *shown = 1;
}

void cli_say_solving(const cli_ctx *x, const be_settings *s,
                     const char *each)
{
    char limit[64];
    if (x->c->quiet || s->relax || !be_model_is_integer(x->m))
        return;
    if (isinf(s->time_limit))
        snprintf(limit, sizeof limit, "no time limit");
    else
        snprintf(limit, sizeof limit, "time limit %g s%s",
                 s->time_limit > 0 ? s->time_limit : BE_DEFAULT_MIP_SECONDS,
                 each ? each : "");
    fprintf(stderr, "breakeven: %s: solving with whole units (%s) ...\n",
            x->path, limit);
    fflush(stderr);
}

static int solve(cli_ctx *x)
{
    const cli_command *cmd = x->cmd;
    char scaling[512];
    if (!x->c->quiet && be_model_check_scaling(x->m, scaling, sizeof scaling))
        fprintf(stderr, "breakeven: %s: warning: %s\n", x->path, scaling);
    be_settings s = x->s;
    int shown = 0;
    if (!x->c->quiet && !x->c->verbose && isatty(fileno(stderr))) {
        s.progress = show_progress;
        s.progress_ctx = &shown;
    }
    if (cmd->flags & CMD_DUALS)
        s.duals = 1;
    cli_say_solving(x, &s, NULL);
    be_error err = {0};
    x->sol = be_solve(x->m, &s, &err);
    if (shown)
        fputs("\r\033[K", stderr);   /* clear the progress line */
    if (!x->sol) {
        cli_print_error(&err);
        return cli_exit_for(err.code);
    }
    be_status st = x->sol->status;
    if (cmd->flags & CMD_DIAGNOSE && be_model_scenarios(x->m) == 0 &&
        (st == BE_INFEASIBLE || st == BE_UNBOUNDED)) {
        /* why, in the planner's words: which limits must give way */
        be_error derr = {0};
        be_settings ds = cli_diagnosis_settings(&x->s, x->sol);
        x->diag = be_diagnose(x->m, &ds, &derr);
        if (!x->diag && !x->c->quiet)
            fprintf(stderr, "breakeven: %s: note: no diagnosis: %s\n",
                    x->path, derr.message);
    }
    if (cmd->flags & CMD_DIAGNOSE && be_model_scenarios(x->m) > 0 &&
        !cli_has_plan(x->sol) && st != BE_NO_PLAN) {
        be_settings ds = cli_diagnosis_settings(&x->s, x->sol);
        if (cli_diagnose_scenarios(x->m, &ds, &x->scenario_status,
                                   &x->scenario_diag) != 0)
            return cli_out_of_memory();
    }
    if (!cli_has_plan(x->sol) && cmd->flags & CMD_PLAN)
        return cli_no_plan(x);
    return EXIT_PLAN;
}

/* A command without CMD_SCENARIOS refuses a model with scenarios, in one
 * line.  One that reads its file itself (CMD_FILE without CMD_LOAD) has
 * it loaded here just to see; a file that does not load is left to the
 * command, which reports it in its own way. */
static int refuse_scenarios(cli_ctx *x)
{
    const cli_command *cmd = x->cmd;
    if (cmd->flags & CMD_SCENARIOS || !(cmd->flags & CMD_FILE))
        return EXIT_PLAN;
    be_model *probe = NULL;
    const be_model *m = x->m;
    if (!m) {
        be_load_options opt;
        be_load_options_init(&opt);
        opt.overrides = x->c->sets;
        opt.n_overrides = x->c->n_sets;
        m = probe = be_model_load_file(x->path, &opt, NULL);
    }
    int n = m ? be_model_scenarios(m) : 0;
    be_model_free(probe);
    if (n == 0)
        return EXIT_PLAN;
    fprintf(stderr, "breakeven: %s: the model has %d scenarios, which %s "
            "does not handle (solve, uncertainty, compare, report, batch, "
            "check and lp do)\n", x->path, n, cmd->name);
    return EXIT_USAGE;
}

/* The format the command writes: --format, else the -o FILE's extension
 * (CMD_FORMAT_BY_NAME), else the first. */
static const cli_format *choose_format(const cli_command *cmd,
                                       const cli_common *c)
{
    const cli_format *f = cmd->formats;
    for (int i = 0; f && f[i].name; i++) {
        if (c->format && strcmp(c->format, f[i].name) == 0)
            return &f[i];
        size_t n = c->output ? strlen(c->output) : 0, e = strlen(f[i].name);
        if (!c->format && cmd->flags & CMD_FORMAT_BY_NAME && n > e &&
            c->output[n - e - 1] == '.' &&
            strcmp(c->output + n - e, f[i].name) == 0)
            return &f[i];
    }
    return f;
}

int cli_dispatch(const cli_command *cmd, int argc, char **argv)
{
    cli_ctx x;
    memset(&x, 0, sizeof x);
    memset(&common, 0, sizeof common);
    common.mip_gap = 1e-6;
    x.cmd = cmd;
    x.c = &common;
    int rc = EXIT_PLAN;
    if (cmd->flags & CMD_FILES) {
        x.files = calloc((size_t)argc + 1, sizeof *x.files);
        if (!x.files)
            return cli_out_of_memory();
    }
    if ((rc = parse(cmd, argc, argv, &x)) != 0)
        goto done;
    x.format = choose_format(cmd, &common);
    if (x.format)
        common.format = x.format->name;
    cli_settings(&common, &x.s);
    if (cmd->flags & (CMD_LOAD | CMD_SOLVE)) {
        x.m = cli_load(x.path, &common, &rc, &x.load_seconds);
        if (!x.m)
            goto done;
    }
    if ((rc = refuse_scenarios(&x)) != EXIT_PLAN ||
        (cmd->check && (rc = cmd->check(&x)) != EXIT_PLAN))
        goto done;
    if (cmd->flags & CMD_SOLVE && (rc = solve(&x)) != EXIT_PLAN)
        goto done;
    rc = cmd->run(&x);
    if (cmd->flags & CMD_SOLVE && rc == EXIT_PLAN) {
        if (!cli_has_plan(x.sol))
            rc = cli_no_plan(&x);
        else if (x.sol->status == BE_TIME_LIMIT_PLAN && !common.quiet) {
            char gap[64];
            fprintf(stderr, "breakeven: %s: time limit reached; the plan is "
                    "the best found, %s\n", x.path,
                    cli_gap_words(x.sol->gap, gap, sizeof gap));
        }
    }
done:
    for (int i = 0; x.scenario_diag && i < be_model_scenarios(x.m); i++)
        be_diagnosis_free(x.scenario_diag[i]);
    free(x.scenario_diag);
    free(x.scenario_status);
    be_diagnosis_free(x.diag);
    be_solution_free(x.sol);
    be_model_free(x.m);
    free(x.files);
    return rc;
}

/* ---- output ---- */

static const char *dest_name(const char *path)
{
    return path && strcmp(path, "-") != 0 ? path : "standard output";
}

int cli_write(const char *path, const cli_format *f, const void *data)
{
    out_file out;
    if (out_open(&out, path) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n", dest_name(path),
                strerror(errno));
        return EXIT_SOLVER;
    }
    be_error err = {0};
    if (f->write) {
        f->write(out.fp, data);
    } else if (f->write_checked(out.fp, data, &err) != 0) {
        out_abort(&out);
        if ((err.code == BE_OK || err.code == BE_EIO) && !err.file[0] &&
            err.line <= 0)
            snprintf(err.file, sizeof err.file, "%s", dest_name(path));
        if (err.message[0])   /* else the writer has said why */
            cli_print_error(&err);
        return err.code == BE_OK || err.code == BE_EIO
                   ? EXIT_SOLVER : cli_exit_for(err.code);
    }
    if (out_commit(&out) != 0) {
        fprintf(stderr, "breakeven: %s: cannot write: %s\n", dest_name(path),
                strerror(errno));
        return EXIT_SOLVER;
    }
    return EXIT_PLAN;
}

int cli_emit(const cli_ctx *x, const void *data)
{
    return cli_write(x->c->output, x->format, data);
}

/* ---- one analysis per pair ---- */

int cli_find_device(const cli_ctx *x, const char *name, int *k)
{
    *k = -1;
    if (name && (*k = be_model_find_device(x->m, name)) < 0)
        return cli_usage_error(x->cmd, "no device named '%s' in %s", name,
                               x->path);
    return 0;
}

int cli_emit_pairs(const cli_ctx *x, int n_i, int n_j, cli_make_fn make,
                   void (*free_item)(void *), void ***items, int *n,
                   const void *data, const char *none)
{
    int rc = EXIT_PLAN;
    *n = 0;
    *items = calloc((size_t)n_i * (size_t)n_j + 1, sizeof **items);
    if (!*items)
        return cli_out_of_memory();
    for (int i = 0; i < n_i && rc == EXIT_PLAN; i++)
        for (int j = 0; j < n_j; j++) {
            be_error err = {0};
            void *item = make(x, i, j, &err);
            if (item) {
                (*items)[(*n)++] = item;
            } else if (err.code != BE_OK) {
                cli_print_error(&err);
                rc = cli_exit_for(err.code);
                break;
            }
        }
    if (rc == EXIT_PLAN && *n == 0) {
        fprintf(stderr, "breakeven: %s: %s\n", x->path, none);
        rc = EXIT_NO_PLAN;
    } else if (rc == EXIT_PLAN) {
        rc = cli_emit(x, data);
    }
    for (int i = 0; i < *n; i++)
        free_item((*items)[i]);
    free(*items);
    *items = NULL;
    *n = 0;
    return rc;
}

/* ---- models, errors ---- */

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void cli_print_error(const be_error *err)
{
    fputs("breakeven: ", stderr);
    if (err->file[0])
        fprintf(stderr, "%s:", err->file);
    if (err->line > 0)
        fprintf(stderr, "%d:%d:", err->line, err->column);
    fprintf(stderr, "%s%s\n", err->file[0] || err->line > 0 ? " " : "",
            err->message);
}

int cli_out_of_memory(void)
{
    fputs("breakeven: out of memory\n", stderr);
    return EXIT_SOLVER;
}

const char *cli_gap_words(double gap, char *buf, size_t size)
{
    char pct[32];
    if (isfinite(gap))
        snprintf(buf, size, "within %s of optimal",
                 fmt_gap(gap, pct, sizeof pct));
    else
        snprintf(buf, size, "with no lower bound proven yet");
    return buf;
}

be_settings cli_diagnosis_settings(const be_settings *s,
                                   const be_solution *sol)
{
    be_settings d = *s;
    double limit = sol->stats.time_limit;
    if (isfinite(limit) && limit > 0.0) {
        double left = limit - sol->stats.build_seconds -
                      sol->stats.solve_seconds;
        d.time_limit = left > 0.1 * limit ? left : 0.1 * limit;
    }
    return d;
}

int cli_has_plan(const be_solution *sol)
{
    return sol->plan || (sol->scenarios > 0 && sol->scenario_eval);
}

int cli_diagnose_scenarios(const be_model *m, const be_settings *s,
                           be_status **status, be_diagnosis ***diag)
{
    int S = be_model_scenarios(m);
    *status = calloc((size_t)S, sizeof **status);
    *diag = calloc((size_t)S, sizeof **diag);
    if (!*status || !*diag)
        return -1;
    return be_diagnose_scenarios(m, s, *status, *diag, NULL) == BE_OK ? 0
                                                                      : -1;
}

/* Why a model with scenarios has no plan: which scenarios have none even
 * alone, and what must give way in each; or that each has one alone, and
 * only the decisions they share cannot serve them all. */
static void no_plan_scenarios(const cli_ctx *x)
{
    const be_model *m = x->m;
    int S = be_model_scenarios(m), alone = 0;
    for (int s = 0; s < S; s++) {
        be_status st = x->scenario_status[s];
        if (st == BE_OPTIMAL || st == BE_TIME_LIMIT_PLAN) {
            alone++;
            continue;
        }
        fprintf(stderr, "breakeven: %s: scenario '%s' alone has no plan "
                "(%s)\n", x->path, be_model_scenario_name(m, s),
                st == BE_NO_PLAN ? "time limit" : be_status_name(st));
        const be_diagnosis *d = x->scenario_diag ? x->scenario_diag[s] : NULL;
        for (int i = 0; d && i < d->n; i++)
            fprintf(stderr, "breakeven: %s: scenario '%s': %s\n", x->path,
                    be_model_scenario_name(m, s),
                    d->gives[i].text);
    }
    if (alone == S)
        fprintf(stderr, "breakeven: %s: every scenario has a plan on its "
                "own, but no plan serves them all with the decisions they "
                "share\n", x->path);
}

int cli_no_plan(const cli_ctx *x)
{
    const be_solution *sol = x->sol;
    if (sol->status == BE_NO_PLAN) {
        fprintf(stderr, "breakeven: %s: time limit reached before any plan "
                "was found\n", x->path);
        return EXIT_SOLVER;
    }
    if (be_model_scenarios(x->m) > 0) {
        fprintf(stderr, "breakeven: %s: no feasible plan: the model is %s "
                "(no plan serves every scenario)\n", x->path,
                be_status_name(sol->status));
        if (x->scenario_status)
            no_plan_scenarios(x);
        return EXIT_NO_PLAN;
    }
    /* The diagnosis, when there is one, is the whole story (its lines
     * include the reason's); the first line goes on the headline. */
    int n = x->diag ? x->diag->n : 0;
    const char *why = n ? x->diag->gives[0].text : sol->reason;
    fprintf(stderr, "breakeven: %s: no feasible plan: the model is %s%s%s\n",
            x->path, be_status_name(sol->status), why[0] ? ": " : "", why);
    for (int i = 1; i < n; i++)
        fprintf(stderr, "breakeven: %s: %s\n", x->path,
                x->diag->gives[i].text);
    return EXIT_NO_PLAN;
}

int cli_exit_for(be_code code)
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

be_model *cli_load(const char *path, const cli_common *c, int *exit_code,
                   double *seconds)
{
    be_error err = {0};
    be_load_options opt;
    be_load_options_init(&opt);
    if (c) {
        opt.overrides = c->sets;
        opt.n_overrides = c->n_sets;
    }
    double t0 = cli_now();
    be_model *m = be_model_load_file(path, &opt, &err);
    if (seconds)
        *seconds = cli_now() - t0;
    if (!m) {
        cli_print_error(&err);
        *exit_code = cli_exit_for(err.code);
    }
    return m;
}
