/*
 * cli.c -- the pieces every command shares (see cli.h).
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("breakeven: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (cmd && cmd->usage)
        fputs(cmd->usage, stderr);
    return EXIT_USAGE;
}

int cli_next(cli_args *a, const cli_opt *opts, const char **value)
{
    *value = NULL;
    if (a->i >= a->argc)
        return CLI_END;
    const char *arg = a->argv[a->i++];
    if (arg[0] != '-' || arg[1] == '\0') {
        *value = arg;
        return CLI_ARG;
    }
    const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    for (const cli_opt *o = opts; o->name; o++) {
        int match = (strlen(o->name) == len && strncmp(o->name, arg, len) == 0)
                 || (o->alias && !eq && strcmp(o->alias, arg) == 0);
        if (!match)
            continue;
        if (!o->takes_value) {
            if (eq) {
                cli_usage_error(a->cmd, "option %s takes no value", o->name);
                return CLI_ERROR;
            }
            return o->id;
        }
        if (eq) {
            *value = eq + 1;
        } else if (a->i < a->argc) {
            *value = a->argv[a->i++];
        } else {
            cli_usage_error(a->cmd, "option %s needs a value", arg);
            return CLI_ERROR;
        }
        return o->id;
    }
    cli_usage_error(a->cmd, "unknown option '%s'", arg);
    return CLI_ERROR;
}

void cli_common_init(cli_common *c, const char *default_format)
{
    memset(c, 0, sizeof *c);
    c->format = default_format;
    c->mip_gap = 1e-6;
}

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

int cli_common_option(const cli_command *cmd, cli_common *c, int id,
                      const char *value, const char *const *formats)
{
    switch (id) {
    case OPT_FORMAT:
        for (const char *const *f = formats; f && *f; f++)
            if (strcmp(*f, value) == 0) {
                c->format = *f;
                return 1;
            }
        {
            char list[128] = "";
            for (const char *const *f = formats; f && *f; f++) {
                size_t n = strlen(list);
                snprintf(list + n, sizeof list - n, "%s%s",
                         f == formats ? "" : f[1] ? ", " : " or ", *f);
            }
            return cli_usage_error(cmd, "unknown format '%s' (%s)", value,
                                   list), CLI_ERROR;
        }
    case OPT_OUTPUT:
        c->output = value;
        return 1;
    case OPT_RELAX:
        c->relax = 1;
        return 1;
    case OPT_MIP_GAP:
        if (cli_parse_number(value, &c->mip_gap) || c->mip_gap < 0 ||
            c->mip_gap >= 1)
            return cli_usage_error(cmd, "--mip-gap needs a number in [0, 1), "
                                   "found '%s'", value), CLI_ERROR;
        return 1;
    case OPT_TIME_LIMIT:
        if (strcmp(value, "none") == 0) {
            c->time_limit = INFINITY;
            return 1;
        }
        if (cli_parse_number(value, &c->time_limit) || c->time_limit <= 0 ||
            isinf(c->time_limit))
            return cli_usage_error(cmd, "--time-limit needs a number of "
                                   "seconds > 0 or 'none', found '%s'",
                                   value), CLI_ERROR;
        return 1;
    case OPT_STATS:
        c->stats = 1;
        return 1;
    case OPT_QUIET:
        c->quiet = 1;
        return 1;
    case OPT_VERBOSE:
        c->verbose = 1;
        return 1;
    case OPT_SET:
        if (!strchr(value, '=') || value[0] == '=')
            return cli_usage_error(cmd, "--set needs PATH=VALUE, found '%s'",
                                   value), CLI_ERROR;
        if (c->n_sets == (int)(sizeof c->sets / sizeof c->sets[0]))
            return cli_usage_error(cmd, "too many --set options (at most "
                                   "%d)", c->n_sets), CLI_ERROR;
        c->sets[c->n_sets++] = value;
        return 1;
    }
    return 0;
}

int cli_parse_model_command(const cli_command *cmd, int argc, char **argv,
                            const cli_opt *opts, const char *const *formats,
                            cli_common *c, cli_own_option own, void *ctx,
                            const char **model)
{
    cli_args a = {cmd, argc, argv, 1};
    const char *v;
    int id;
    *model = NULL;
    while ((id = cli_next(&a, opts, &v)) != CLI_END) {
        if (id == CLI_ERROR)
            return EXIT_USAGE;
        if (id == CLI_ARG) {
            if (*model)
                return cli_usage_error(cmd, "unexpected argument '%s' (one "
                                       "model file per run)", v);
            *model = v;
            continue;
        }
        int r = cli_common_option(cmd, c, id, v, formats);
        if (r == 0)
            r = own ? own(ctx, id, v) : CLI_ERROR;
        if (r < 0)
            return EXIT_USAGE;
    }
    if (!*model)
        return cli_usage_error(cmd, "%s needs a model file", cmd->name);
    return -1;
}

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
    if (c->verbose)
        s->log = log_to_stderr;
}

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

int cli_no_plan(const char *model, const be_solution *sol)
{
    if (sol->status == BE_NO_PLAN) {
        fprintf(stderr, "breakeven: %s: time limit reached before any plan "
                "was found\n", model);
        return EXIT_SOLVER;
    }
    fprintf(stderr, "breakeven: %s: no feasible plan: the model is %s%s%s\n",
            model, be_status_name(sol->status), sol->reason[0] ? ": " : "",
            sol->reason);
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
