/*
 * runner.c -- solving many models in child processes, and their summary
 * rows (see runner.h).  Used by `batch` and `sweep`.
 */
#include "runner.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "scenarios.h"
#include "solve_output.h"

/* ---- rows ---- */

void row_init(run_row *r)
{
    memset(r, 0, sizeof *r);
    r->cost = NAN;
    r->value = NAN;
    r->levelized_cost = NAN;
    r->iterations = -1;
    r->scenarios = -1;
}

void row_clear(run_row *r)
{
    free(r->devices);
    row_init(r);
}

static void copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

/* The actions of period 0: shared by every scenario unless they part at
 * once, then one "if S: ..." per node of period 0. */
static void first_decision(run_row *r, const be_model *m,
                           const be_solution *sol)
{
    char words[900];
    size_t size = sizeof r->first_decision, used = 0;
    if (sol->scenarios == 0) {
        be_describe_period(m, sol->eval, 0, r->first_decision, size);
        return;
    }
    if (be_model_first_branch(m) > 0) {
        sc_describe(m, sol, 0, 0, r->first_decision, size);
        return;
    }
    for (int n = 0; n < be_model_nodes(m) && be_model_node_period(m, n) == 0;
         n++) {
        int s = be_model_node_first(m, n);
        sc_describe(m, sol, s, 0, words, sizeof words);
        int k = snprintf(r->first_decision + used, size - used, "%sif %s: %s",
                         n ? "; " : "", be_model_scenario_name(m, s),
                         words[0] ? words : "nothing");
        if (k < 0 || (size_t)k >= size - used)
            break;
        used += (size_t)k;
    }
}

int row_from_solution(run_row *r, const be_model *m, const be_solution *sol)
{
    copy(r->model, sizeof r->model, be_model_name(m));
    copy(r->status, sizeof r->status, be_status_name(sol->status));
    r->iterations = sol->stats.simplex_iterations;
    switch (sol->status) {
    case BE_OPTIMAL:
    case BE_TIME_LIMIT_PLAN: r->exit_code = EXIT_PLAN; break;
    case BE_INFEASIBLE:
    case BE_UNBOUNDED: r->exit_code = EXIT_NO_PLAN; break;
    case BE_NO_PLAN: r->exit_code = EXIT_SOLVER; break;
    }
    r->scenarios = be_model_scenarios(m);
    if (!cli_has_plan(sol)) {
        if (sol->status == BE_NO_PLAN)
            copy(r->message, sizeof r->message,
                 "time limit reached before any plan was found");
        else
            snprintf(r->message, sizeof r->message, "no feasible plan: the "
                     "model is %s%s%s%s", be_status_name(sol->status),
                     sol->reason[0] ? ": " : "", sol->reason,
                     r->scenarios ? " (no plan serves every scenario)" : "");
        return 0;
    }
    int S = sol->scenarios, n = S > 0 ? S : 1;
    int T = be_model_periods(m), K = be_model_devices(m);
    r->scenarios = S;
    r->cost = S > 0 ? sol->expected_cost : sol->eval->cost.total;
    if (be_model_has_revenue(m))
        r->value = -r->cost;
    if (S == 0)
        r->levelized_cost = sol->eval->levelized_cost;
    r->devices = calloc((size_t)K + 1, sizeof *r->devices);
    if (!r->devices)
        return -1;
    r->n_devices = K;
    int fb = -1, *first_buy = malloc((size_t)(K + 1) * 2 * sizeof *first_buy);
    if (!first_buy)
        return -1;
    int *first_retire = first_buy + K + 1;
    for (int k = 0; k < K; k++)
        first_buy[k] = first_retire[k] = -1;
    for (int s = 0; s < n; s++) {
        const be_eval *e = S > 0 ? sol->scenario_eval[s] : sol->eval;
        double p = S > 0 ? be_model_scenario_probability(m, s) : 1.0;
        for (int k = 0; k < K; k++)
            for (int t = 0; t < T; t++) {
                r->devices[k].bought += p * e->bought[t * K + k];
                if (e->bought[t * K + k] > BE_UNIT_TOL &&
                    (first_buy[k] < 0 || t < first_buy[k]))
                    first_buy[k] = t;
                if (e->retired_early[t * K + k] > BE_UNIT_TOL &&
                    (first_retire[k] < 0 || t < first_retire[k]))
                    first_retire[k] = t;
            }
        if (e->first_replacement >= 0 &&
            (fb < 0 || e->first_replacement < fb))
            fb = e->first_replacement;
    }
    for (int k = 0; k < K; k++) {
        row_device *d = &r->devices[k];
        copy(d->name, sizeof d->name, be_model_device_name(m, k));
        if (first_buy[k] >= 0)
            copy(d->first_buy, sizeof d->first_buy,
                 be_model_period_label(m, first_buy[k]));
        if (first_retire[k] >= 0)
            copy(d->first_early_retire, sizeof d->first_early_retire,
                 be_model_period_label(m, first_retire[k]));
    }
    free(first_buy);
    if (fb >= 0)
        copy(r->first_replacement, sizeof r->first_replacement,
             be_model_period_label(m, fb));
    first_decision(r, m, sol);
    if (sol->status == BE_TIME_LIMIT_PLAN) {
        char gap[64];
        snprintf(r->message, sizeof r->message, "time limit reached; the "
                 "plan is the best found, %s",
                 cli_gap_words(sol->gap, gap, sizeof gap));
    }
    return 0;
}

/* A value on one line of the record: tabs and line breaks become spaces. */
static void put(FILE *fp, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
}

static char *row_text(const run_row *r, size_t *len)
{
    char *buf = NULL, num[40];
    FILE *fp = open_memstream(&buf, len);
    if (!fp)
        return NULL;
    fputs("model\t", fp);
    put(fp, r->model);
    fputs("\nstatus\t", fp);
    put(fp, r->status);
    fprintf(fp, "\nexit\t%d\ncost\t%s\n", r->exit_code,
            fmt_num(r->cost, num, sizeof num));
    fprintf(fp, "value\t%s\n", fmt_num(r->value, num, sizeof num));
    fprintf(fp, "levelized_cost\t%s\nfirst_replacement\t",
            fmt_num(r->levelized_cost, num, sizeof num));
    put(fp, r->first_replacement);
    fprintf(fp, "\niterations\t%d\nseconds\t%s\nmessage\t", r->iterations,
            fmt_num(r->seconds, num, sizeof num));
    put(fp, r->message);
    fprintf(fp, "\nscenarios\t%d\nfirst_decision\t", r->scenarios);
    put(fp, r->first_decision);
    fputc('\n', fp);
    for (int k = 0; k < r->n_devices; k++) {
        const row_device *d = &r->devices[k];
        fputs("device\t", fp);
        put(fp, d->name);
        fputc('\t', fp);
        put(fp, d->first_buy);
        fputc('\t', fp);
        put(fp, d->first_early_retire);
        fprintf(fp, "\t%s\n", fmt_num(d->bought, num, sizeof num));
    }
    fputs("end\n", fp);
    if (fclose(fp) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

int row_write(int fd, const run_row *r)
{
    size_t len;
    char *buf = row_text(r, &len);
    if (!buf)
        return -1;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, buf + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            free(buf);
            return -1;
        }
        off += (size_t)w;
    }
    free(buf);
    return 0;
}

static double parse_num(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    return end == s || *end ? NAN : v;
}

int row_parse(run_row *r, const char *text, size_t len)
{
    row_clear(r);
    char *buf = malloc(len + 1);
    if (!buf)
        return -1;
    memcpy(buf, text, len);
    buf[len] = '\0';
    int ok = 0, cap = 0;
    char *save = NULL;
    for (char *line = buf; line && *line; line = save) {
        char *nl = strchr(line, '\n');
        if (!nl)
            break;              /* a record always ends with a line break */
        *nl = '\0';
        save = nl + 1;
        char *f[5] = {line, NULL, NULL, NULL, NULL};
        int n = 1;
        for (char *p = line; *p && n < 5; p++)
            if (*p == '\t') {
                *p = '\0';
                f[n++] = p + 1;
            }
        if (strcmp(f[0], "end") == 0) {
            ok = 1;
            break;
        }
        if (n < 2)
            goto bad;
        if (strcmp(f[0], "device") == 0) {
            if (n != 5)
                goto bad;
            if (r->n_devices == cap) {
                int nc = cap ? 2 * cap : 8;
                row_device *d = realloc(r->devices, (size_t)nc * sizeof *d);
                if (!d)
                    goto bad;
                r->devices = d;
                cap = nc;
            }
            row_device *d = &r->devices[r->n_devices++];
            copy(d->name, sizeof d->name, f[1]);
            copy(d->first_buy, sizeof d->first_buy, f[2]);
            copy(d->first_early_retire, sizeof d->first_early_retire, f[3]);
            d->bought = parse_num(f[4]);
        } else if (strcmp(f[0], "model") == 0) {
            copy(r->model, sizeof r->model, f[1]);
        } else if (strcmp(f[0], "status") == 0) {
            copy(r->status, sizeof r->status, f[1]);
        } else if (strcmp(f[0], "exit") == 0) {
            double v = parse_num(f[1]);
            if (!(v >= 0 && v <= 255))
                goto bad;
            r->exit_code = (int)v;
        } else if (strcmp(f[0], "cost") == 0) {
            r->cost = parse_num(f[1]);
        } else if (strcmp(f[0], "value") == 0) {
            r->value = parse_num(f[1]);
        } else if (strcmp(f[0], "levelized_cost") == 0) {
            r->levelized_cost = parse_num(f[1]);
        } else if (strcmp(f[0], "first_replacement") == 0) {
            copy(r->first_replacement, sizeof r->first_replacement, f[1]);
        } else if (strcmp(f[0], "iterations") == 0) {
            double v = parse_num(f[1]);
            r->iterations = isfinite(v) ? (int)v : -1;
        } else if (strcmp(f[0], "seconds") == 0) {
            r->seconds = parse_num(f[1]);
        } else if (strcmp(f[0], "message") == 0) {
            copy(r->message, sizeof r->message, f[1]);
        } else if (strcmp(f[0], "scenarios") == 0) {
            double v = parse_num(f[1]);
            r->scenarios = v >= 0 && v <= 1e6 ? (int)v : -1;
        } else if (strcmp(f[0], "first_decision") == 0) {
            copy(r->first_decision, sizeof r->first_decision, f[1]);
        }
    }
bad:
    free(buf);
    if (!ok || !r->status[0]) {
        row_clear(r);
        return -1;
    }
    return 0;
}

/* ---- one model ---- */

/* Test hook, for tests/cli.d/batch.sh only: BE_BATCH_TEST_HOOK=crash:TEXT
 * makes the process solving a model whose path contains TEXT abort();
 * hang:TEXT makes it sleep until it is killed. */
static void test_hook(const char *path)
{
    const char *h = getenv("BE_BATCH_TEST_HOOK");
    if (!h)
        return;
    if (strncmp(h, "crash:", 6) == 0 && h[6] && strstr(path, h + 6))
        abort();
    if (strncmp(h, "hang:", 5) == 0 && h[5] && strstr(path, h + 5))
        for (;;)
            sleep(60);
}

static int write_text(const char *path, const char *text, size_t len)
{
    out_file out;
    if (out_open(&out, path) != 0)
        return -1;
    fwrite(text, 1, len, out.fp);
    return out_commit(&out);
}

/* The warm-start basis neighbouring points share (sweep): read the last
 * one stored, if any (a missing or unreadable file just means a cold
 * start), and store this solve's by an atomic rename, so that a reader
 * never sees half a basis. */
static be_basis *basis_read(const char *file)
{
    be_basis *b = be_basis_new();
    FILE *f = b ? fopen(file, "rb") : NULL;
    if (f) {
        unsigned char *buf = malloc((size_t)1 << 26);
        size_t n = buf ? fread(buf, 1, (size_t)1 << 26, f) : 0;
        if (buf && !ferror(f))
            (void)be_basis_decode(b, buf, n);   /* bad bytes: start cold */
        free(buf);
        fclose(f);
    }
    return b;
}

static void basis_write(const char *file, const be_basis *b)
{
    size_t n = be_basis_encode(b, NULL, 0);
    unsigned char *buf = n ? malloc(n) : NULL;
    out_file out;
    if (buf && be_basis_encode(b, buf, n) == n && out_open(&out, file) == 0) {
        if (fwrite(buf, 1, n, out.fp) == n)
            (void)out_commit(&out);
        else
            out_abort(&out);
    }
    free(buf);
}

void run_model(const char *path, const cli_common *c, const char *json_path,
               const char *summary_path, run_row *r)
{
    double t0 = cli_now();
    row_init(r);
    test_hook(path);
    be_error err = {0};
    be_load_options opt;
    be_load_options_init(&opt);
    opt.overrides = c->sets;
    opt.n_overrides = c->n_sets;
    be_model *m = be_model_load_file(path, &opt, &err);
    be_solution *sol = NULL;
    be_diagnosis *diag = NULL;
    be_status *sc_status = NULL;
    be_diagnosis **sc_diag = NULL;
    if (!m) {
        copy(r->status, sizeof r->status, "invalid model");
        r->exit_code = cli_exit_for(err.code);
        if (err.line > 0)
            snprintf(r->message, sizeof r->message, "%d:%d: %s", err.line,
                     err.column, err.message);
        else
            copy(r->message, sizeof r->message, err.message);
        goto done;
    }
    be_settings s;
    cli_settings(c, &s);
    s.log = NULL;
    be_basis *basis = c->basis_file ? basis_read(c->basis_file) : NULL;
    s.basis = basis;
    sol = be_solve(m, &s, &err);
    if (basis && sol && sol->plan)
        basis_write(c->basis_file, basis);
    be_basis_free(basis);
    if (!sol) {
        copy(r->model, sizeof r->model, be_model_name(m));
        copy(r->status, sizeof r->status, "solver error");
        r->exit_code = cli_exit_for(err.code);
        copy(r->message, sizeof r->message, err.message);
        goto done;
    }
    if (row_from_solution(r, m, sol) != 0) {
        copy(r->status, sizeof r->status, "solver error");
        r->exit_code = EXIT_SOLVER;
        copy(r->message, sizeof r->message, "out of memory");
        goto done;
    }
    if (json_path && sol->status != BE_NO_PLAN) {
        /* the object `solve --format json` prints, diagnosis included */
        int scen = be_model_scenarios(m) > 0;
        be_settings ds = cli_diagnosis_settings(&s, sol);
        if (!scen &&
            (sol->status == BE_INFEASIBLE || sol->status == BE_UNBOUNDED)) {
            be_error derr = {0};
            diag = be_diagnose(m, &ds, &derr);
        }
        if (scen && !cli_has_plan(sol) &&
            cli_diagnose_scenarios(m, &ds, &sc_status, &sc_diag) != 0) {
            free(sc_status);
            sc_status = NULL;
        }
        out_file out;
        int bad = out_open(&out, json_path) != 0;
        if (!bad) {
            solve_json(out.fp, m, sol, diag, sc_status, sc_diag);
            bad = out_commit(&out) != 0;
        }
        r->seconds = cli_now() - t0;
        size_t len;
        char *text = bad ? NULL : row_text(r, &len);
        if (!text || write_text(summary_path, text, len) != 0)
            bad = 1;
        free(text);
        if (bad) {
            snprintf(r->message, sizeof r->message, "%s: cannot write: %s",
                     json_path, strerror(errno));
            copy(r->status, sizeof r->status, "write error");
            r->exit_code = EXIT_SOLVER;
        }
    }
done:
    r->seconds = cli_now() - t0;
    for (int i = 0; sc_diag && i < be_model_scenarios(m); i++)
        be_diagnosis_free(sc_diag[i]);
    free(sc_diag);
    free(sc_status);
    be_diagnosis_free(diag);
    be_solution_free(sol);
    be_model_free(m);
}

/* ---- progress ---- */

static int progress_shown;

static void clock_text(double s, char *buf, size_t size)
{
    long v = (long)(s + 0.5);
    if (v >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", v / 3600, v / 60 % 60, v % 60);
    else
        snprintf(buf, size, "%ld:%02ld", v / 60, v % 60);
}

void progress_update(int done, int total, int failed, double started)
{
    double el = cli_now() - started;
    char e[32], left[48] = "";
    clock_text(el, e, sizeof e);
    if (done > 0 && done < total) {
        char l[32];
        clock_text(el / done * (total - done), l, sizeof l);
        snprintf(left, sizeof left, ", about %s left", l);
    }
    fprintf(stderr, "\r\033[K%d/%d done, %d failed, %s elapsed%s", done,
            total, failed, e, left);
    fflush(stderr);
    progress_shown = 1;
}

void progress_clear(void)
{
    if (progress_shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        progress_shown = 0;
    }
}

/* ---- the pool ---- */

void pool_options_for(pool_options *o, int jobs, long n, const cli_common *c)
{
    memset(o, 0, sizeof *o);
    if (jobs < 1)
        jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = jobs < 1 ? 1 : jobs > n ? (int)n : jobs;
    o->kill_after = c->time_limit > 0 ? 3 * c->time_limit + 5 : 0;
    o->progress = !c->quiet && isatty(fileno(stderr));
}

typedef struct slot {
    pid_t pid;
    int fd;                /* read end of the child's pipe, -1 when closed */
    int job;
    char *buf;
    size_t len, cap;
    double started;        /* cli_now() at the start */
    double deadline;       /* cli_now() value; 0: none */
    int killed;
} slot;

static int spawn(slot *sl, int nslots, slot *me, int job, pool_work_fn work,
                 void *ctx, double kill_after)
{
    int p[2];
    if (pipe(p) != 0) {
        fprintf(stderr, "breakeven: cannot create a pipe: %s\n",
                strerror(errno));
        return -1;
    }
    fflush(NULL);   /* nothing buffered may be written twice */
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "breakeven: cannot start a process: %s\n",
                strerror(errno));
        close(p[0]);
        close(p[1]);
        return -1;
    }
    if (pid == 0) {
        close(p[0]);
        for (int i = 0; i < nslots; i++)
            if (sl[i].pid > 0 && sl[i].fd >= 0)
                close(sl[i].fd);
        run_row r;
        row_init(&r);
        work(ctx, job, &r);
        int rc = row_write(p[1], &r) == 0 ? 0 : 1;
        row_clear(&r);
        be_cleanup();
        _exit(rc);
    }
    close(p[1]);
    memset(me, 0, sizeof *me);
    me->pid = pid;
    me->fd = p[0];
    me->job = job;
    me->started = cli_now();
    me->deadline = kill_after > 0 ? me->started + kill_after : 0;
    return 0;
}

/* The row of a finished child: its record, or what happened to it. */
static void finish(slot *s, int wstatus, double kill_after, run_row *r)
{
    row_init(r);
    int clean = WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
    if (clean && !s->killed && row_parse(r, s->buf, s->len) == 0)
        return;
    row_init(r);
    r->exit_code = EXIT_SOLVER;
    r->seconds = cli_now() - s->started;
    if (s->killed) {
        copy(r->status, sizeof r->status, "killed");
        snprintf(r->message, sizeof r->message, "still running after %g s: "
                 "the process was killed", kill_after);
    } else if (WIFSIGNALED(wstatus)) {
        copy(r->status, sizeof r->status, "crashed");
        snprintf(r->message, sizeof r->message, "the solving process died "
                 "of signal %d (%s)", WTERMSIG(wstatus),
                 strsignal(WTERMSIG(wstatus)));
    } else {
        copy(r->status, sizeof r->status, "crashed");
        snprintf(r->message, sizeof r->message, "the solving process ended "
                 "with status %d and no result",
                 WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
    }
}

int pool_run(int n, const pool_options *o, pool_work_fn work,
             pool_done_fn done, void *ctx)
{
    int jobs = o->jobs < 1 ? 1 : o->jobs;
    slot *sl = calloc((size_t)jobs, sizeof *sl);
    struct pollfd *pf = calloc((size_t)jobs, sizeof *pf);
    int *idx = calloc((size_t)jobs, sizeof *idx);
    if (!sl || !pf || !idx) {
        free(sl);
        free(pf);
        free(idx);
        fputs("breakeven: out of memory\n", stderr);
        return -1;
    }
    int total = 0;
    for (int i = 0; i < n; i++)
        total += !(o->skip && o->skip[i]);
    int next = 0, running = 0, finished = 0, failed = 0, rc = 0;
    double started = cli_now(), shown = 0;
    if (o->progress && total > 0)
        progress_update(0, total, 0, started);
    while (finished < total) {
        /* start jobs while there are free slots */
        while (rc == 0 && running < jobs && next < n) {
            if (o->skip && o->skip[next]) {
                next++;
                continue;
            }
            int k = 0;
            while (sl[k].pid > 0)
                k++;
            if (spawn(sl, jobs, &sl[k], next, work, ctx, o->kill_after)) {
                rc = -1;
                break;
            }
            next++;
            running++;
        }
        if (running == 0)
            break;
        int np = 0;
        double now = cli_now(), wait = o->progress ? 0.5 : 3600;
        for (int k = 0; k < jobs; k++) {
            if (sl[k].pid <= 0 || sl[k].fd < 0)
                continue;
            pf[np].fd = sl[k].fd;
            pf[np].events = POLLIN;
            pf[np].revents = 0;
            idx[np++] = k;
            if (sl[k].deadline > 0 && !sl[k].killed &&
                sl[k].deadline - now < wait)
                wait = sl[k].deadline - now;
        }
        if (wait < 0)
            wait = 0;
        int pr = poll(pf, (nfds_t)np, (int)(wait * 1000) + 1);
        if (pr < 0 && errno != EINTR) {
            fprintf(stderr, "breakeven: poll: %s\n", strerror(errno));
            rc = -1;
            break;
        }
        for (int q = 0; pr > 0 && q < np; q++) {
            if (!pf[q].revents)
                continue;
            slot *s = &sl[idx[q]];
            if (s->len + 4096 > s->cap) {
                size_t nc = s->cap ? 2 * s->cap : 8192;
                char *b = realloc(s->buf, nc);
                if (!b) {
                    s->killed = 1;
                    kill(s->pid, SIGKILL);
                    continue;
                }
                s->buf = b;
                s->cap = nc;
            }
            ssize_t got = read(s->fd, s->buf + s->len, s->cap - s->len);
            if (got > 0) {
                s->len += (size_t)got;
            } else if (got == 0 || errno != EINTR) {
                close(s->fd);
                s->fd = -1;
            }
        }
        now = cli_now();
        for (int k = 0; k < jobs; k++) {
            slot *s = &sl[k];
            if (s->pid <= 0)
                continue;
            if (s->fd >= 0) {
                if (s->deadline > 0 && now >= s->deadline && !s->killed) {
                    kill(s->pid, SIGKILL);
                    s->killed = 1;
                }
                continue;
            }
            int ws = 0;
            while (waitpid(s->pid, &ws, 0) < 0 && errno == EINTR)
                ;
            run_row r;
            int job = s->job;
            finish(s, ws, o->kill_after, &r);
            free(s->buf);
            memset(s, 0, sizeof *s);
            s->fd = -1;
            running--;
            finished++;
            failed += r.exit_code != 0;
            progress_clear();
            done(ctx, job, &r);
            row_clear(&r);
        }
        if (o->progress && cli_now() - shown >= 0.25) {
            progress_update(finished, total, failed, started);
            shown = cli_now();
        }
    }
    if (rc != 0) {
        /* stop what is still running */
        for (int k = 0; k < jobs; k++)
            if (sl[k].pid > 0) {
                kill(sl[k].pid, SIGKILL);
                if (sl[k].fd >= 0)
                    close(sl[k].fd);
                while (waitpid(sl[k].pid, NULL, 0) < 0 && errno == EINTR)
                    ;
                free(sl[k].buf);
            }
    }
    if (o->progress)
        progress_clear();
    free(sl);
    free(pf);
    free(idx);
    return rc;
}

/* ---- output ---- */

int batch_exit(int a, int b)
{
    return a > b ? a : b;
}

void row_print_result(FILE *fp, const run_row *r, int jsonl)
{
    char num[40];
    if (jsonl) {
        fputs("\"status\": ", fp);
        json_str(fp, r->status);
        fprintf(fp, ", \"exit\": %d, \"net_present_cost\": %s, ",
                r->exit_code, fmt_num(r->cost, num, sizeof num));
        fprintf(fp, "\"net_present_value\": %s, ",
                fmt_num(r->value, num, sizeof num));
        fprintf(fp, "\"levelized_cost\": %s, \"first_replacement\": ",
                fmt_num(r->levelized_cost, num, sizeof num));
        json_label(fp, r->first_replacement);
        return;
    }
    csv_field(fp, r->status);
    fprintf(fp, ",%d", r->exit_code);
    const double money[3] = {r->cost, r->value, r->levelized_cost};
    for (int i = 0; i < 3; i++) {
        fputc(',', fp);
        if (isfinite(money[i]))
            fputs(fmt_num(money[i], num, sizeof num), fp);
    }
    fputc(',', fp);
    csv_field(fp, r->first_replacement);
}

