/*
 * cmd_batch.c -- `breakeven batch`: many model files, one summary row
 * each, solved N at a time in separate processes (runner.c), rows in input
 * order.  Full results and resumption with --output-dir (docs/batch.md).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "output.h"
#include "runner.h"

typedef struct batch {
    int n;
    char **files;
    char **json;          /* [n] result paths (--output-dir), else NULL */
    char **summary;       /* [n] */
    cli_common c;
    int jsonl, quiet;
    run_row *rows;        /* [n] */
    unsigned char *have;  /* [n] row known */
    int printed;          /* rows 0 .. printed-1 are out */
    FILE *out;
    int exit_code;
} batch;

static void print_devices(FILE *fp, const run_row *r, int what)
{
    char num[40];
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return;
    int first = 1;
    for (int k = 0; k < r->n_devices; k++) {
        const row_device *d = &r->devices[k];
        const char *v = what == 0 ? d->first_buy : what == 1 ?
                        d->first_early_retire : fmt_num(d->bought, num,
                                                        sizeof num);
        if (!v[0])
            continue;
        fprintf(m, "%s%s=%s", first ? "" : ";", d->name, v);
        first = 0;
    }
    if (fclose(m) == 0)
        csv_field(fp, buf);
    free(buf);
}

static void print_row(batch *b, int i)
{
    const run_row *r = &b->rows[i];
    FILE *fp = b->out;
    char num[40];
    if (b->jsonl) {
        fputs("{\"file\": ", fp);
        json_str(fp, b->files[i]);
        fputs(", \"model\": ", fp);
        json_str(fp, r->model);
        fputs(", ", fp);
        row_print_result(fp, r, 1);
        fputs(", \"devices\": {", fp);
        for (int k = 0; k < r->n_devices; k++) {
            const row_device *d = &r->devices[k];
            fputs(k ? ", " : "", fp);
            json_str(fp, d->name);
            fputs(": {\"first_buy\": ", fp);
            json_label(fp, d->first_buy);
            fputs(", \"first_early_retire\": ", fp);
            json_label(fp, d->first_early_retire);
            fprintf(fp, ", \"bought\": %s}", fmt_num(d->bought, num,
                                                    sizeof num));
        }
        fputs("}, \"scenarios\": ", fp);
        if (r->scenarios >= 0)
            fprintf(fp, "%d", r->scenarios);
        else
            fputs("null", fp);
        fputs(", \"first_decision\": ", fp);
        json_str(fp, r->first_decision);
        fputs(", \"message\": ", fp);
        json_str(fp, r->message);
        fprintf(fp, ", \"resumed\": %s, \"seconds\": %.3f}\n",
                r->resumed ? "true" : "false", r->seconds);
        return;
    }
    csv_field(fp, b->files[i]);
    fputc(',', fp);
    csv_field(fp, r->model);
    fputc(',', fp);
    row_print_result(fp, r, 0);
    for (int w = 0; w < 3; w++) {
        fputc(',', fp);
        print_devices(fp, r, w);
    }
    fputc(',', fp);
    if (r->scenarios >= 0)
        fprintf(fp, "%d", r->scenarios);
    fputc(',', fp);
    csv_field(fp, r->first_decision);
    fputc(',', fp);
    csv_field(fp, r->message);
    fprintf(fp, ",%s,%.3f\n", r->resumed ? "true" : "false", r->seconds);
}

static void flush_rows(batch *b)
{
    while (b->printed < b->n && b->have[b->printed]) {
        print_row(b, b->printed);
        b->printed++;
    }
    fflush(b->out);
}

static void work(void *ctx, int i, run_row *r)
{
    batch *b = ctx;
    run_model(b->files[i], &b->c, b->json ? b->json[i] : NULL,
              b->summary ? b->summary[i] : NULL, r);
}

static void done(void *ctx, int i, run_row *r)
{
    batch *b = ctx;
    b->rows[i] = *r;
    row_init(r);          /* the devices now belong to b->rows[i] */
    b->have[i] = 1;
    const run_row *x = &b->rows[i];
    b->exit_code = batch_exit(b->exit_code, x->exit_code);
    if (x->exit_code != 0) {
        /* "FILE:LINE:COL: message" like every other command's errors */
        int at = x->message[0] >= '0' && x->message[0] <= '9' &&
                 strcmp(x->status, "invalid model") == 0;
        fprintf(stderr, "breakeven: %s:%s%s%s%s\n", b->files[i],
                at ? "" : " ", at ? "" : x->status, at ? "" : ": ",
                x->message);
    } else if (x->message[0] && !b->quiet) {
        fprintf(stderr, "breakeven: %s: note: %s\n", b->files[i],
                x->message);
    }
    flush_rows(b);
}

/* DIR/NAME.EXT for model path (NAME: the file name without .yaml/.yml). */
static char *result_path(const char *dir, const char *model, const char *ext)
{
    const char *base = strrchr(model, '/');
    base = base ? base + 1 : model;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".yaml") == 0)
        n -= 5;
    else if (n > 4 && strcmp(base + n - 4, ".yml") == 0)
        n -= 4;
    size_t size = strlen(dir) + n + strlen(ext) + 3;
    char *p = malloc(size);
    if (p)
        snprintf(p, size, "%s/%.*s%s", dir, (int)n, base, ext);
    return p;
}

static int newer(const struct stat *a, const struct stat *b)
{
    return a->st_mtim.tv_sec > b->st_mtim.tv_sec ||
           (a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
            a->st_mtim.tv_nsec > b->st_mtim.tv_nsec);
}

/* --resume: the row of model i from its .summary file, when both result
 * files are newer than the model file. */
static int resume_row(batch *b, int i)
{
    struct stat sm, sj, ss;
    if (stat(b->files[i], &sm) != 0 || stat(b->json[i], &sj) != 0 ||
        stat(b->summary[i], &ss) != 0 || !newer(&sj, &sm) ||
        !newer(&ss, &sm))
        return 0;
    FILE *fp = fopen(b->summary[i], "rb");
    if (!fp)
        return 0;
    char buf[65536];
    size_t len = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    if (len == sizeof buf || row_parse(&b->rows[i], buf, len) != 0)
        return 0;
    b->rows[i].resumed = 1;
    b->have[i] = 1;
    b->exit_code = batch_exit(b->exit_code, b->rows[i].exit_code);
    return 1;
}

static int jobs, resume, no_header;
static const char *dir;

/* The rows, in input order, as the models finish. */
static int write_rows(FILE *fp, const void *data, be_error *err)
{
    batch *b = (batch *)data;
    b->out = fp;
    if (!no_header && !b->jsonl)
        fputs("file,model,status,exit,net_present_cost,net_present_value,"
              "levelized_cost,first_replacement,"
              "first_buy,first_early_retire,bought,scenarios,first_decision,"
              "message,resumed,seconds\n",
              fp);
    flush_rows(b);
    pool_options po;
    pool_options_for(&po, jobs, b->n, &b->c);
    unsigned char *skip = malloc((size_t)b->n);
    if (!skip) {
        cli_out_of_memory();
        return -1;
    }
    memcpy(skip, b->have, (size_t)b->n);
    po.skip = skip;
    int pr = pool_run(b->n, &po, work, done, b);
    free(skip);
    flush_rows(b);
    (void)err;   /* pool_run has said why it failed */
    return pr;
}

static const cli_option options[] = {
    RUNNER_JOBS_OPTION(&jobs, "models"),
    CLI_OPT_STRING("--output-dir", NULL, &dir, "DIR",
                   "also write each model's full result (the solve --format "
                   "json object) to DIR/NAME.json, and its row to "
                   "DIR/NAME.summary, atomically"),
    CLI_OPT_FLAG("--resume", NULL, &resume,
                 "skip models whose results in DIR are newer than the model "
                 "file (their rows come from DIR)"),
    RUNNER_NO_HEADER_OPTION(&no_header),
    CLI_OPT_END};

static const cli_format formats[] = {RUNNER_FORMATS(write_rows)};

static int run(cli_ctx *x)
{
    batch b;
    memset(&b, 0, sizeof b);
    b.c = *x->c;
    b.files = x->files;
    b.n = x->n_files;
    int rc = EXIT_PLAN;
    if (resume && !dir)
        return cli_usage_error(x->cmd, "--resume needs --output-dir (where "
                               "the results of the earlier run are)");
    b.jsonl = strcmp(x->format->name, "jsonl") == 0;
    b.quiet = b.c.quiet;
    b.rows = calloc((size_t)b.n, sizeof *b.rows);
    b.have = calloc((size_t)b.n, 1);
    if (!b.rows || !b.have) {
        rc = cli_out_of_memory();
        goto done;
    }
    for (int i = 0; i < b.n; i++)
        row_init(&b.rows[i]);
    if (dir) {
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "breakeven: %s: cannot create the folder: %s\n",
                    dir, strerror(errno));
            rc = EXIT_SOLVER;
            goto done;
        }
        b.json = calloc((size_t)b.n, sizeof *b.json);
        b.summary = calloc((size_t)b.n, sizeof *b.summary);
        if (!b.json || !b.summary) {
            rc = cli_out_of_memory();
            goto done;
        }
        for (int i = 0; i < b.n; i++) {
            b.json[i] = result_path(dir, b.files[i], ".json");
            b.summary[i] = result_path(dir, b.files[i], ".summary");
            if (!b.json[i] || !b.summary[i]) {
                rc = cli_out_of_memory();
                goto done;
            }
        }
        /* two models with one file name would share a result file */
        for (int i = 0; i < b.n; i++)
            for (int j = 0; j < i; j++)
                if (strcmp(b.json[i], b.json[j]) == 0) {
                    rc = cli_usage_error(x->cmd, "%s and %s would both "
                                         "write %s: give the models "
                                         "different file names",
                                         b.files[j], b.files[i], b.json[i]);
                    goto done;
                }
        for (int i = 0; resume && i < b.n; i++)
            resume_row(&b, i);
    }
    rc = cli_emit(x, &b);
    if (rc == EXIT_PLAN)
        rc = b.exit_code;
done:
    for (int i = 0; b.rows && i < b.n; i++)
        row_clear(&b.rows[i]);
    for (int i = 0; b.json && i < b.n; i++)
        free(b.json[i]);
    for (int i = 0; b.summary && i < b.n; i++)
        free(b.summary[i]);
    free(b.json);
    free(b.summary);
    free(b.rows);
    free(b.have);
    return rc;
}

const cli_command cli_batch = {
    .name = "batch",
    .summary = "solve many model files, N at a time, one summary row each",
    .flags = CMD_FILES | CMD_SCENARIOS,
    .shared = RUNNER_SHARED,
    .options = options, .formats = formats, .run = run,
    .notes = "One row per model file, in input order: file, model, status, "
             "exit, net present cost, net present value (with revenue), "
             "levelized cost, first_replacement (first period with "
             "an early retirement), per device first_buy, first_early_retire "
             "and bought, scenarios, first_decision (the actions of the "
             "first period), message, resumed, seconds.  A model "
             "with scenarios reports its expected cost, the earliest "
             "periods of any scenario and the expected units bought.  "
             RUNNER_LIMIT_NOTE("model") "\n"
             "exit code of a batch: the largest of the models' own exit codes "
             "(0 when every model has a plan; 1 some model has none; 3 some "
             "file is invalid; 4 a solver failure, a time limit without a "
             "plan, a crash or a kill), 2 for a bad command line, 4 when the "
             "rows could not be written.",
};
