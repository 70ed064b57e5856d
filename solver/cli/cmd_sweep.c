/*
 * cmd_sweep.c -- `breakeven sweep`: one model solved over the full grid of
 * one or more parameters (--vary PATH=LO:HI:STEP), one tidy row per point,
 * points solved N at a time in separate processes (runner.c).
 *
 * Every point is a fresh load: the model is read again with the point's
 * values as --set overrides.  LP points start from the simplex basis the
 * last finished neighbour left in a file shared by the children (be_basis;
 * --cold: none); docs/batch.md has the figures.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "output.h"
#include "runner.h"

extern const cli_command cli_sweep;

#define MAX_VARY 16
#define MAX_POINTS 1000000

typedef struct vary {
    const char *arg;      /* PATH=LO:HI:STEP as given */
    char path[256];
    double lo, hi, step;
    int n;                /* values: lo + i*step, i = 0 .. n-1 */
    char (*values)[32];   /* [n] each value as text ("%.15g") */
} vary;

typedef struct sweep {
    const char *model;
    cli_common c;
    int nv;
    vary v[MAX_VARY];
    long points;
    int jsonl;
    char **devices;       /* device names of the model, for the columns */
    int n_devices;
    run_row **rows;       /* [points] finished, not yet printed */
    long printed;
    FILE *out;
    int exit_code, quiet;
} sweep;

/* The index of dimension d in point p: the last --vary varies fastest. */
static int coord(const sweep *s, long p, int d)
{
    for (int e = s->nv - 1; e > d; e--)
        p /= s->v[e].n;
    return (int)(p % s->v[d].n);
}

/* Parse PATH=LO:HI:STEP and lay out its values.  The i-th value is
 * lo + i*step (never a running sum, which drifts), written with 15
 * significant digits so that 0.1 + 2*0.1 reads "0.3"; hi is included when
 * it is within step*1e-9 of a grid value. */
static int parse_vary(vary *v, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof v->path)
        return cli_usage_error(&cli_sweep, "--vary needs PATH=LO:HI:STEP, "
                               "found '%s'", arg);
    v->arg = arg;
    snprintf(v->path, sizeof v->path, "%.*s", (int)(eq - arg), arg);
    char buf[3][64];
    const char *p = eq + 1;
    for (int i = 0; i < 3; i++) {
        const char *c = i < 2 ? strchr(p, ':') : p + strlen(p);
        if (!c || (size_t)(c - p) >= sizeof buf[i] || (i == 2 && strchr(p, ':')))
            return cli_usage_error(&cli_sweep, "--vary needs PATH=LO:HI:STEP, "
                                   "found '%s'", arg);
        snprintf(buf[i], sizeof buf[i], "%.*s", (int)(c - p), p);
        p = c + 1;
    }
    if (cli_parse_number(buf[0], &v->lo) || cli_parse_number(buf[1], &v->hi) ||
        cli_parse_number(buf[2], &v->step))
        return cli_usage_error(&cli_sweep, "--vary %s: LO, HI and STEP must "
                               "be numbers", arg);
    if (v->step <= 0 || v->hi < v->lo)
        return cli_usage_error(&cli_sweep, "--vary %s: needs LO <= HI and "
                               "STEP > 0", arg);
    double n = floor((v->hi - v->lo) / v->step + 1e-9) + 1;
    if (!(n <= MAX_POINTS))
        return cli_usage_error(&cli_sweep, "--vary %s: more than %d values",
                               arg, MAX_POINTS);
    v->n = (int)n;
    v->values = calloc((size_t)v->n, sizeof *v->values);
    if (!v->values) {
        fputs("breakeven: out of memory\n", stderr);
        return EXIT_SOLVER;
    }
    for (int i = 0; i < v->n; i++) {
        double x = v->lo + i * v->step;
        snprintf(v->values[i], sizeof v->values[i], "%.15g", x);
        if (strcmp(v->values[i], "-0") == 0)
            strcpy(v->values[i], "0");
    }
    return 0;
}

/* The overrides of point p: the user's --set first, then the point's. */
static void point_common(const sweep *s, long p, cli_common *c,
                         char (*sets)[320])
{
    *c = s->c;
    for (int d = 0; d < s->nv; d++) {
        snprintf(sets[d], sizeof sets[d], "%s=%s", s->v[d].path,
                 s->v[d].values[coord(s, p, d)]);
        c->sets[c->n_sets++] = sets[d];
    }
}

static void work(void *ctx, int i, run_row *r)
{
    sweep *s = ctx;
    cli_common c;
    char sets[MAX_VARY][320];
    point_common(s, i, &c, sets);
    run_model(s->model, &c, NULL, NULL, r);
}

static const row_device *find_device(const run_row *r, int k,
                                     const char *name)
{
    if (k < r->n_devices && strcmp(r->devices[k].name, name) == 0)
        return &r->devices[k];
    for (int j = 0; j < r->n_devices; j++)
        if (strcmp(r->devices[j].name, name) == 0)
            return &r->devices[j];
    return NULL;
}

static void print_header(sweep *s)
{
    FILE *fp = s->out;
    for (int d = 0; d < s->nv; d++) {
        csv_field(fp, s->v[d].path);
        fputc(',', fp);
    }
    fputs("status,exit,net_present_cost,net_present_value,levelized_cost,"
          "first_replacement", fp);
    static const char *const what[] = {"bought", "first_buy",
                                       "first_early_retire"};
    for (int k = 0; k < s->n_devices; k++)
        for (int w = 0; w < 3; w++) {
            char col[200];
            snprintf(col, sizeof col, "%s.%s", what[w], s->devices[k]);
            fputc(',', fp);
            csv_field(fp, col);
        }
    fputs(",iterations,message,seconds\n", fp);
}

static void print_row(sweep *s, long p)
{
    const run_row *r = s->rows[p];
    FILE *fp = s->out;
    char num[40];
    if (s->jsonl) {
        fputc('{', fp);
        for (int d = 0; d < s->nv; d++) {
            json_str(fp, s->v[d].path);
            fprintf(fp, ": %s, ", s->v[d].values[coord(s, p, d)]);
        }
        row_print_result(fp, r, 1);
        fputs(", \"devices\": {", fp);
        for (int k = 0; k < r->n_devices; k++) {
            const row_device *d = &r->devices[k];
            fputs(k ? ", " : "", fp);
            json_str(fp, d->name);
            fprintf(fp, ": {\"bought\": %s, \"first_buy\": ",
                    fmt_num(d->bought, num, sizeof num));
            json_label(fp, d->first_buy);
            fputs(", \"first_early_retire\": ", fp);
            json_label(fp, d->first_early_retire);
            fputc('}', fp);
        }
        fprintf(fp, "}, \"iterations\": %d, \"message\": ", r->iterations);
        json_str(fp, r->message);
        fprintf(fp, ", \"seconds\": %.3f}\n", r->seconds);
        return;
    }
    for (int d = 0; d < s->nv; d++)
        fprintf(fp, "%s,", s->v[d].values[coord(s, p, d)]);
    row_print_result(fp, r, 0);
    for (int k = 0; k < s->n_devices; k++) {
        const row_device *d = find_device(r, k, s->devices[k]);
        if (d)
            fprintf(fp, ",%s,", fmt_num(d->bought, num, sizeof num));
        else
            fputs(",,", fp);
        csv_field(fp, d ? d->first_buy : "");
        fputc(',', fp);
        csv_field(fp, d ? d->first_early_retire : "");
    }
    fputc(',', fp);
    if (r->iterations >= 0)
        fprintf(fp, "%d", r->iterations);
    fputc(',', fp);
    csv_field(fp, r->message);
    fprintf(fp, ",%.3f\n", r->seconds);
}

static void done(void *ctx, int i, run_row *r)
{
    sweep *s = ctx;
    run_row *x = malloc(sizeof *x);
    if (!x) {
        fputs("breakeven: out of memory\n", stderr);
        exit(EXIT_SOLVER);
    }
    *x = *r;
    row_init(r);          /* the devices now belong to x */
    s->rows[i] = x;
    s->exit_code = batch_exit(s->exit_code, x->exit_code);
    if (x->exit_code != 0 || (x->message[0] && !s->quiet)) {
        fprintf(stderr, "breakeven: %s at", s->model);
        for (int d = 0; d < s->nv; d++)
            fprintf(stderr, "%s %s=%s", d ? "," : "", s->v[d].path,
                    s->v[d].values[coord(s, i, d)]);
        fprintf(stderr, ": %s%s%s\n", x->exit_code ? x->status : "note",
                x->message[0] ? ": " : "", x->message);
    }
    while (s->printed < s->points && s->rows[s->printed]) {
        print_row(s, s->printed);
        row_clear(s->rows[s->printed]);
        free(s->rows[s->printed]);
        s->rows[s->printed] = NULL;
        s->printed++;
    }
    fflush(s->out);
}

static sweep s;
static int jobs, no_header, cold;

static int parse_vary_option(const cli_command *cmd, const char *value,
                             void *dest)
{
    sweep *w = dest;
    if (w->nv == MAX_VARY)
        return cli_usage_error(cmd, "at most %d --vary options", MAX_VARY);
    return parse_vary(&w->v[w->nv++], value);
}

/* The rows, in grid order, as the points finish. */
static int write_rows(FILE *fp, const void *data, be_error *err)
{
    sweep *w = (sweep *)data;
    (void)err;   /* pool_run says why it failed */
    w->out = fp;
    if (!no_header && !w->jsonl)
        print_header(w);
    pool_options po;
    pool_options_for(&po, jobs, w->points, &w->c);
    return pool_run((int)w->points, &po, work, done, w);
}

static const cli_option options[] = {
    CLI_OPT_CALL("--vary", &s, "PATH=LO:HI:STEP", parse_vary_option,
                 CLI_REQUIRED | CLI_REPEAT,
                 "values LO, LO+STEP, ... up to HI (included within "
                 "STEP*1e-9) for PATH (as in --set); several --vary make the "
                 "full grid, the last varying fastest"),
    RUNNER_JOBS_OPTION(&jobs, "points"),
    RUNNER_NO_HEADER_OPTION(&no_header),
    CLI_OPT_FLAG("--cold", NULL, &cold,
                 "no warm starts: every LP point from scratch"),
    CLI_OPT_END};

static const cli_format formats[] = {RUNNER_FORMATS(write_rows)};

static int run(cli_ctx *x)
{
    char basis_dir[4096] = "", basis_file[4200] = "";
    int rc = EXIT_PLAN;
    s.model = x->path;
    s.c = *x->c;
    if (s.c.n_sets + s.nv > (int)(sizeof s.c.sets / sizeof s.c.sets[0]))
        return cli_usage_error(x->cmd, "too many --set and --vary options");
    s.points = 1;
    for (int d = 0; d < s.nv; d++) {
        s.points *= s.v[d].n;
        if (s.points > MAX_POINTS)
            return cli_usage_error(x->cmd, "the grid has more than %d "
                                   "points", MAX_POINTS);
    }
    s.jsonl = strcmp(x->format->name, "jsonl") == 0;
    s.quiet = s.c.quiet;

    /* The model must be valid as given (the dispatcher loaded it), and its
     * paths must exist at the first point; a value rejected at some points
     * is reported per row. */
    {
        cli_common c;
        char sets[MAX_VARY][320];
        point_common(&s, 0, &c, sets);
        be_error err = {0};
        be_load_options opt;
        be_load_options_init(&opt);
        opt.overrides = c.sets;
        opt.n_overrides = c.n_sets;
        be_model *m0 = be_model_load_file(s.model, &opt, &err);
        if (!m0 && err.code == BE_EARG) {
            cli_print_error(&err);
            rc = EXIT_USAGE;
            goto done;
        }
        be_model_free(m0);
    }
    s.n_devices = be_model_devices(x->m);
    s.devices = calloc((size_t)s.n_devices + 1, sizeof *s.devices);
    s.rows = calloc((size_t)s.points, sizeof *s.rows);
    if (!s.devices || !s.rows) {
        rc = cli_out_of_memory();
        goto done;
    }
    for (int k = 0; k < s.n_devices; k++)
        s.devices[k] = (char *)be_model_device_name(x->m, k);

    /* Warm starts: each point's child starts from the basis the last
     * finished neighbour stored (LP solves only; see be_basis).  Points
     * run in grid order, so with -j 1 that is the previous point. */
    if (!cold) {
        const char *tmpdir = getenv("TMPDIR");
        snprintf(basis_dir, sizeof basis_dir, "%s/breakeven-sweep-XXXXXX",
                 tmpdir && tmpdir[0] ? tmpdir : "/tmp");
        if (mkdtemp(basis_dir)) {
            snprintf(basis_file, sizeof basis_file, "%s/basis", basis_dir);
            s.c.basis_file = basis_file;
        } else {
            basis_dir[0] = '\0';
        }
    }
    rc = cli_emit(x, &s);
    if (rc == EXIT_PLAN)
        rc = s.exit_code;
done:
    for (long p = 0; s.rows && p < s.points; p++)
        if (s.rows[p]) {
            row_clear(s.rows[p]);
            free(s.rows[p]);
        }
    for (int d = 0; d < s.nv; d++)
        free(s.v[d].values);
    free(s.rows);
    free(s.devices);
    if (basis_dir[0]) {
        unlink(basis_file);
        rmdir(basis_dir);
    }
    return rc;
}

const cli_command cli_sweep = {
    .name = "sweep",
    .summary = "solve one model over a grid of parameter values, one row per "
               "point",
    .flags = CMD_LOAD | CMD_FILE,
    .shared = RUNNER_SHARED,
    .options = options, .formats = formats, .run = run,
    .notes = "One row per point: the values, status, exit, net present cost, "
             "net present value (with revenue), levelized cost, "
             "first_replacement, per device bought, first_buy, "
             "first_early_retire; iterations, message, seconds.  "
             RUNNER_LIMIT_NOTE("point") "\n"
             "LP points (integer: false or --relax) start from the simplex "
             "basis the last finished neighbour left (warm start); --cold "
             "solves each from scratch.  Whole-unit points always start "
             "cold.\n"
             "exit code: the largest of the points' own exit codes, as for "
             "batch.",
};
