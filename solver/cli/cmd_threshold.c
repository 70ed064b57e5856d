/*
 * cmd_threshold.c -- `breakeven threshold`: the values of one parameter at
 * which the optimal plan changes, and the plan between them; the text
 * leads with the planner's usual question, at what value the first
 * replacement moves to its earliest year (docs/breakeven-answers.md).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

typedef struct span {
    int begin, end;       /* samples [begin, end) share an outcome */
} span;

typedef struct threshold_run {
    const char *param;
    double lo, hi, tol;
    int grid, cold, max_solves;
    const char *text;
    size_t len;
    const char *path;
    const cli_common *c;
    const be_threshold *r;
    span *runs;
    int n_runs;
    be_model **models;    /* [n_runs] the model at each run's first value,
                             for labels and cohorts; NULL if rejected */
    be_eval **evals;      /* [n_runs] its plan's evaluation, or NULL */
    int digits;           /* significant digits for parameter values */
} threshold_run;

static int parse_param(const cli_command *cmd, const char *value, void *dest)
{
    if (!value[0] || strchr(value, '='))
        return cli_usage_error(cmd, "--param needs a PATH such as "
                               "energy.price, found '%s'", value);
    *(const char **)dest = value;
    return 0;
}

static int parse_range(const cli_command *cmd, const char *value, void *dest)
{
    threshold_run *t = dest;
    const char *colon = strchr(value, ':');
    char lo[64];
    size_t n = colon ? (size_t)(colon - value) : 0;
    if (colon && n < sizeof lo) {
        memcpy(lo, value, n);
        lo[n] = '\0';
        if (cli_parse_number(lo, &t->lo) == 0 &&
            cli_parse_number(colon + 1, &t->hi) == 0 && t->lo < t->hi)
            return 0;
    }
    return cli_usage_error(cmd, "--range needs LO:HI with LO < HI, found "
                           "'%s'", value);
}

static char *fmt_value(const threshold_run *t, double v, char *buf,
                       size_t size)
{
    snprintf(buf, size, "%.*g", t->digits, v == 0.0 ? 0.0 : v);
    return buf;
}

static be_model *load_at(const threshold_run *t, double v)
{
    const char *ov[65];
    char set[512];
    int n = 0;
    for (; n < t->c->n_sets && n < 64; n++)
        ov[n] = t->c->sets[n];
    char num[40];
    snprintf(set, sizeof set, "%s=%s", t->param, fmt_num(v, num, sizeof num));
    ov[n++] = set;
    be_load_options lo;
    be_load_options_init(&lo);
    lo.overrides = ov;
    lo.n_overrides = n;
    be_error err = {0};
    return be_model_load_string(t->text, t->len, t->path, &lo, &err);
}

static const be_threshold_sample *first_of(const threshold_run *t, int i)
{
    return &t->r->samples[t->runs[i].begin];
}

static const be_threshold_sample *last_of(const threshold_run *t, int i)
{
    return &t->r->samples[t->runs[i].end - 1];
}

/* What a run's outcome is, when it is not a plan. */
static const char *no_plan(const be_threshold_sample *s)
{
    return !s->loaded ? "the model is rejected" : be_status_name(s->status);
}

/* "(the first year next-pod can be bought)" when the plan buys a device in
 * period e and e is the first period it can be bought in. */
static void why_earliest(FILE *fp, const be_model *m, const be_plan *p, int e)
{
    if (e == 0) {
        fprintf(fp, " (the first period of the horizon)");
        return;
    }
    for (int k = 0; k < p->devices; k++)
        if (p->buy[e * p->devices + k] > BE_UNIT_TOL &&
            be_model_device_can_buy(m, k, e) &&
            !be_model_device_can_buy(m, k, e - 1)) {
            fprintf(fp, " (the first %s %s can be bought)",
                    be_model_period_kind(m) == BE_YEAR ? "year" : "period",
                    be_model_device_name(m, k));
            return;
        }
}

/* "it comes in 2028", "there is no replacement", "there is no plan
 * (infeasible)": the first replacement of run i, as a clause. */
static void replacement_clause(FILE *fp, const threshold_run *t, int i)
{
    const be_threshold_sample *s = first_of(t, i);
    if (!s->plan)
        fprintf(fp, "there is no plan (%s)", no_plan(s));
    else if (s->first_replacement < 0 || !t->models[i])
        fprintf(fp, "there is no replacement");
    else
        fprintf(fp, "it comes in %s", be_model_period_label(
                    t->models[i], s->first_replacement));
}

/* The answer: where the first replacement comes earliest. */
static void headline(FILE *fp, const threshold_run *t)
{
    char v1[48], v2[48];
    int e = -1;
    for (int i = 0; i < t->n_runs; i++) {
        int f = first_of(t, i)->first_replacement;
        if (f >= 0 && (e < 0 || f < e))
            e = f;
    }
    if (e < 0) {
        fprintf(fp, "No plan for %s from %s to %s makes a replacement "
                "(retires units before their end of life and buys)", t->param, fmt_value(t, t->lo, v1, sizeof v1),
                fmt_value(t, t->hi, v2, sizeof v2));
        return;
    }
    int a = -1, b = -1, pieces = 0;
    for (int i = 0; i < t->n_runs; i++)
        if (first_of(t, i)->first_replacement == e) {
            if (a < 0)
                a = i;
            if (b >= 0 && b != i - 1)
                pieces++;
            b = i;
        }
    const be_model *m = t->models[a];
    const char *when = be_model_period_label(m, e);
    if (pieces == 0 && a == 0 && b == t->n_runs - 1) {
        fprintf(fp, "The first replacement is in %s", when);
        why_earliest(fp, m, first_of(t, a)->plan, e);
        fprintf(fp, " over the whole range of %s, %s to %s", t->param,
                fmt_value(t, t->lo, v1, sizeof v1),
                fmt_value(t, t->hi, v2, sizeof v2));
        return;
    }
    if (pieces == 0 && b == t->n_runs - 1) {
        fprintf(fp, "The first replacement moves to %s", when);
        why_earliest(fp, m, first_of(t, a)->plan, e);
        fprintf(fp, " at %s >= %s; below that ", t->param,
                fmt_value(t, first_of(t, a)->value, v1, sizeof v1));
        replacement_clause(fp, t, a - 1);
        return;
    }
    if (pieces == 0 && a == 0) {
        fprintf(fp, "The first replacement moves to %s", when);
        why_earliest(fp, m, first_of(t, a)->plan, e);
        fprintf(fp, " at %s <= %s; above that ", t->param,
                fmt_value(t, last_of(t, b)->value, v1, sizeof v1));
        replacement_clause(fp, t, b + 1);
        return;
    }
    fprintf(fp, "The first replacement is earliest, in %s", when);
    why_earliest(fp, m, first_of(t, a)->plan, e);
    fprintf(fp, ", for %s", t->param);
    int n = 0;
    for (int i = 0; i < t->n_runs; i++) {
        if (first_of(t, i)->first_replacement != e)
            continue;
        int j = i;
        while (j + 1 < t->n_runs && first_of(t, j + 1)->first_replacement == e)
            j++;
        fprintf(fp, "%s %s to %s", n++ ? " and" : " from",
                fmt_value(t, first_of(t, i)->value, v1, sizeof v1),
                fmt_value(t, last_of(t, j)->value, v2, sizeof v2));
        i = j;
    }
}

/* How the change after sample v was found, for JSON and CSV. */
static const char *break_name(const be_threshold_sample *v)
{
    return v->next_break == BE_BREAK_EXACT ? "exact"
         : v->next_break == BE_BREAK_OPEN ? "open" : "bisected";
}

/* The plan of run i in a few words. */
static void plan_words(FILE *fp, const threshold_run *t, int i, int all)
{
    const be_threshold_sample *s = first_of(t, i);
    const be_model *m = t->models[i];
    if (!s->plan || !m || !t->evals[i]) {
        fprintf(fp, "no plan: %s", no_plan(s));
        if (!s->loaded && s->message[0])
            fprintf(fp, " (%s)", s->message);
        return;
    }
    char buf[512];
    int n = 0, shown = 0;
    for (int p = 0; p < s->plan->periods; p++) {
        if (!be_describe_period(m, t->evals[i], p, buf, sizeof buf))
            continue;
        if (all || shown < 4) {
            fprintf(fp, "%s%s: %s", n ? "; " : "",
                    be_model_period_label(m, p), buf);
            shown++;
        }
        n++;
    }
    if (n == 0)
        fputs("keep the fleet, buy nothing", fp);
    else if (n > shown)
        fprintf(fp, "; %d more period%s with changes", n - shown,
                n - shown > 1 ? "s" : "");
}

static void write_text(FILE *fp, const void *ctx)
{
    const threshold_run *t = ctx;
    const be_threshold *r = t->r;
    char v1[48], v2[48], b1[64], b2[64];
    headline(fp, t);
    fputs(".\n\n", fp);
    fprintf(fp, "%s from %s to %s: %d plan%s, %d change%s, found with %d "
            "solve%s (%d grid values);\n%d started from the previous "
            "solve's basis, %ld simplex iterations in all.\n", t->param,
            fmt_value(t, t->lo, v1, sizeof v1),
            fmt_value(t, t->hi, v2, sizeof v2), t->n_runs,
            t->n_runs == 1 ? "" : "s", t->n_runs - 1,
            t->n_runs == 2 ? "" : "s", r->solves, r->solves == 1 ? "" : "s",
            t->grid, r->warm_starts, r->iterations);
    if (r->exact_mode)
        fprintf(fp, "%s enters only the objective, linearly, so each plan's "
                "cost is a line in it:\n%d breakpoint%s exact, where two "
                "plans' lines cross (checked by solves there and just\n"
                "past it); %d bisected to %.3g.", t->param, r->exact,
                r->exact == 1 ? "" : "s", r->bisected, r->tol);
    else
        fprintf(fp, "Breakpoints bisected to %.3g (%s is not only in the "
                "objective, so no exact\ncrossing).", r->tol, t->param);
    fputs("  A change narrower than the grid step can be missed.\n", fp);
    if (r->capped)
        fprintf(fp, "Stopped at %d solves (--max-solves): %d change%s not "
                "narrowed to %.3g; between\nthe two values of such a "
                "change there is at least one change, maybe several,\n"
                "with plans not seen.\n", r->max_solves, r->open,
                r->open == 1 ? "" : "s", r->tol);
    if (r->time_limited)
        fprintf(fp, "%d solve%s stopped at the time limit: those plans are "
                "not proven optimal.\n", r->time_limited,
                r->time_limited > 1 ? "s" : "");
    if (t->n_runs > 1) {
        fprintf(fp, "\nThe plan changes between:\n");
        for (int i = 0; i + 1 < t->n_runs; i++) {
            const be_threshold_sample *a = last_of(t, i),
                                      *b = first_of(t, i + 1);
            fprintf(fp, "  %s = %s and %s", t->param,
                    fmt_value(t, a->value, v1, sizeof v1),
                    fmt_value(t, b->value, v2, sizeof v2));
            if (a->next_break == BE_BREAK_EXACT)
                fprintf(fp, "  exact: %s", fmt_num(a->crossing ? a->value
                                                   : b->value, b1, sizeof b1));
            else if (a->next_break == BE_BREAK_OPEN)
                fputs("  not narrowed (solve cap)", fp);
            else
                fputs("  bisected", fp);
            fputc('\n', fp);
        }
    }
    fprintf(fp, "\nPlans (net present cost at both ends):\n");
    for (int i = 0; i < t->n_runs; i++) {
        const be_threshold_sample *a = first_of(t, i), *b = last_of(t, i);
        fprintf(fp, "  %s %s to %s", t->param,
                fmt_value(t, a->value, v1, sizeof v1),
                fmt_value(t, b->value, v2, sizeof v2));
        if (a->plan) {
            fprintf(fp, ": %s to %s; ", fmt_money(a->cost, 0, b1, sizeof b1),
                    fmt_money(b->cost, 0, b2, sizeof b2));
            if (a->first_replacement >= 0 && t->models[i])
                fprintf(fp, "first replacement in %s", be_model_period_label(
                            t->models[i], a->first_replacement));
            else
                fputs("no replacement", fp);
        }
        fputs("\n    ", fp);
        plan_words(fp, t, i, 0);
        fputc('\n', fp);
    }
}

static void write_json(FILE *fp, const void *ctx)
{
    const threshold_run *t = ctx;
    const be_threshold *r = t->r;
    char b[4][40];
    fputs("{\"param\": ", fp);
    json_str(fp, t->param);
    fprintf(fp, ", \"lo\": %s, \"hi\": %s, \"tol\": %s, \"grid\": %d, "
            "\"solves\": %d, \"time_limited\": %d, \"warm_start\": %s, "
            "\"warm_starts\": %d, \"iterations\": %ld, "
            "\"exact\": %s, \"exact_breakpoints\": %d, "
            "\"bisected_breakpoints\": %d, \"open_breakpoints\": %d, "
            "\"max_solves\": %d, \"capped\": %s, \"answer\": ",
            fmt_num(t->lo, b[0], sizeof b[0]), fmt_num(t->hi, b[1], sizeof b[1]),
            fmt_num(r->tol, b[2], sizeof b[2]), t->grid, r->solves,
            r->time_limited, r->warm_starts > 0 ? "true" : "false", r->warm_starts,
            r->iterations, r->exact_mode ? "true" : "false", r->exact,
            r->bisected, r->open, r->max_solves,
            r->capped ? "true" : "false");
    /* the headline, as text */
    char *line = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&line, &n);
    if (mem) {
        headline(mem, t);
        fclose(mem);
        json_str(fp, line ? line : "");
        free(line);
    } else {
        fputs("null", fp);
    }
    fputs(", \"breakpoints\": [", fp);
    for (int i = 0; i + 1 < t->n_runs; i++) {
        const be_threshold_sample *a = last_of(t, i), *z = first_of(t, i + 1);
        fprintf(fp, "%s{\"below\": %s, \"above\": %s, \"method\": \"%s\"",
                i ? ", " : "", fmt_num(a->value, b[0], sizeof b[0]),
                fmt_num(z->value, b[1], sizeof b[1]), break_name(a));
        if (a->next_break == BE_BREAK_EXACT)
            fprintf(fp, ", \"value\": %s", fmt_num(a->crossing ? a->value
                                                   : z->value, b[2],
                                                   sizeof b[2]));
        fputc('}', fp);
    }
    fputs("], \"intervals\": [", fp);
    for (int i = 0; i < t->n_runs; i++) {
        const be_threshold_sample *a = first_of(t, i), *z = last_of(t, i);
        fprintf(fp, "%s\n  {\"from\": %s, \"to\": %s, \"status\": ",
                i ? "," : "", fmt_num(a->value, b[0], sizeof b[0]),
                fmt_num(z->value, b[1], sizeof b[1]));
        json_str(fp, a->plan ? be_status_name(a->status) : no_plan(a));
        fprintf(fp, ", \"cost_from\": %s, \"cost_to\": %s, "
                "\"first_replacement\": ",
                fmt_num(a->cost, b[2], sizeof b[2]),
                fmt_num(z->cost, b[3], sizeof b[3]));
        if (a->plan && a->first_replacement >= 0 && t->models[i])
            json_str(fp, be_model_period_label(t->models[i],
                                               a->first_replacement));
        else
            fputs("null", fp);
        fputs(", \"plan\": [", fp);
        if (a->plan && t->evals[i]) {
            char buf[512];
            int k = 0;
            for (int p = 0; p < a->plan->periods; p++) {
                if (!be_describe_period(t->models[i], t->evals[i], p, buf,
                                        sizeof buf))
                    continue;
                fprintf(fp, "%s{\"period\": ", k++ ? ", " : "");
                json_str(fp, be_model_period_label(t->models[i], p));
                fputs(", \"actions\": ", fp);
                json_str(fp, buf);
                fputc('}', fp);
            }
        }
        fputs("]}", fp);
    }
    fputs("\n], \"samples\": [", fp);
    for (int i = 0; i < r->n; i++)
        fprintf(fp, "%s\n  {\"value\": %s, \"outcome\": %d, \"cost\": %s}",
                i ? "," : "", fmt_num(r->samples[i].value, b[0], sizeof b[0]),
                r->samples[i].outcome,
                fmt_num(r->samples[i].cost, b[1], sizeof b[1]));
    fputs("\n]}\n", fp);
}

static void write_csv(FILE *fp, const void *ctx)
{
    const threshold_run *t = ctx;
    char b[4][40];
    fputs("param,from,to,status,cost_from,cost_to,first_replacement,plan,"
          "next_change\n", fp);
    for (int i = 0; i < t->n_runs; i++) {
        const be_threshold_sample *a = first_of(t, i), *z = last_of(t, i);
        fprintf(fp, "%s,%s,%s,%s,%s,%s,", t->param,
                fmt_num(a->value, b[0], sizeof b[0]),
                fmt_num(z->value, b[1], sizeof b[1]),
                a->plan ? be_status_name(a->status) : no_plan(a),
                a->plan ? fmt_num(a->cost, b[2], sizeof b[2]) : "",
                a->plan ? fmt_num(z->cost, b[3], sizeof b[3]) : "");
        if (a->plan && a->first_replacement >= 0 && t->models[i])
            fputs(be_model_period_label(t->models[i], a->first_replacement),
                  fp);
        fputs(",\"", fp);
        /* the plan in words, quoted; the words contain no quotes */
        plan_words(fp, t, i, 1);
        fprintf(fp, "\",%s\n", i + 1 < t->n_runs ? break_name(z) : "");
    }
}

static threshold_run t;

static const cli_option options[] = {
    CLI_OPT_CALL("--param", &t.param, "PATH", parse_param, CLI_REQUIRED,
                 "the parameter, named as in --set: energy.price, "
                 "devices.new.price, discount_rate, ..."),
    CLI_OPT_CALL("--range", &t, "LO:HI", parse_range, CLI_REQUIRED,
                 "the values to search"),
    CLI_OPT_NUMBER("--tol", NULL, &t.tol, "T", 0, DBL_MAX, CLI_ABOVE_MIN,
                   "a number > 0",
                   "bisect each change until the two values are T apart "
                   "(default (HI-LO)/10000); exact where the parameter "
                   "enters only the objective"),
    CLI_OPT_INT("--max-solves", NULL, &t.max_solves, "N", 1, 1000000000,
                "a whole number from 1 to 1000000000",
                "stop narrowing the changes at N solves in all (default "
                "1000; the grid is always solved)"),
    CLI_OPT_INT("--grid", NULL, &t.grid, "N", 2, 10000,
                "a whole number from 2 to 10000",
                "values solved first, evenly spaced (default 17)"),
    CLI_OPT_FLAG("--cold", NULL, &t.cold,
                 "start every LP solve from scratch, not from the previous "
                 "basis (to compare)"),
    CLI_OPT_END};

static const cli_format formats[] = {
    CLI_TEXT_JSON_CSV(write_text, write_json, write_csv)};

static int run(cli_ctx *x)
{
    const char *model = x->path;
    int rc;
    t.c = x->c;
    t.path = model;
    be_error err = {0};
    char *text = be_read_file(model, (size_t)16 << 20, &t.len, &err);
    if (!text) {
        cli_print_error(&err);
        return cli_exit_for(err.code);
    }
    t.text = text;

    be_threshold_options o;
    be_threshold_options_init(&o);
    o.param = t.param;
    o.lo = t.lo;
    o.hi = t.hi;
    o.tol = t.tol;
    o.grid = t.grid;
    o.cold = t.cold;
    if (t.max_solves > 0)
        o.max_solves = t.max_solves;
    o.solve = x->s;
    be_load_options lo;
    be_load_options_init(&lo);
    lo.overrides = x->c->sets;
    lo.n_overrides = x->c->n_sets;
    o.load = &lo;
    be_threshold *r = be_threshold_search(text, t.len, model, &o, &err);
    if (!r) {
        cli_print_error(&err);
        free(text);
        return cli_exit_for(err.code);
    }
    t.r = r;
    t.grid = t.grid ? t.grid : 17;
    double scale = fmax(fabs(t.lo), fabs(t.hi));
    t.digits = (int)ceil(log10(scale / r->tol)) + 2;
    if (t.digits < 3)
        t.digits = 3;
    if (t.digits > 17)
        t.digits = 17;
    t.runs = calloc((size_t)r->n, sizeof *t.runs);
    t.models = calloc((size_t)r->n, sizeof *t.models);
    t.evals = calloc((size_t)r->n, sizeof *t.evals);
    if (!t.runs || !t.models || !t.evals) {
        rc = cli_out_of_memory();
        goto done;
    }
    for (int i = 0; i < r->n; i++) {
        if (i == 0 || r->samples[i].outcome != r->samples[i - 1].outcome) {
            t.runs[t.n_runs].begin = i;
            t.models[t.n_runs] = r->samples[i].loaded
                                     ? load_at(&t, r->samples[i].value) : NULL;
            if (t.models[t.n_runs] && r->samples[i].plan)
                t.evals[t.n_runs] = be_evaluate(t.models[t.n_runs],
                                                r->samples[i].plan, NULL);
            t.n_runs++;
        }
        t.runs[t.n_runs - 1].end = i + 1;
    }
    rc = cli_emit(x, &t);
    if (rc == EXIT_PLAN && r->time_limited && !x->c->quiet)
        fprintf(stderr, "breakeven: %s: %d solve%s stopped at the time limit "
                "(%g s each; --time-limit changes it)\n", model,
                r->time_limited, r->time_limited > 1 ? "s" : "",
                o.solve.time_limit ? o.solve.time_limit : 30.0);
    if (r->capped && !x->c->quiet)
        fprintf(stderr, "breakeven: %s: stopped at %d solves (--max-solves "
                "raises it): %d change%s not narrowed to %g\n", model,
                r->max_solves, r->open, r->open == 1 ? "" : "s", r->tol);
done:
    for (int i = 0; t.models && i < t.n_runs; i++)
        be_model_free(t.models[i]);
    for (int i = 0; t.evals && i < t.n_runs; i++)
        be_eval_free(t.evals[i]);
    free(t.models);
    free(t.evals);
    free(t.runs);
    be_threshold_free(r);
    free(text);
    return rc;
}

const cli_command cli_threshold = {
    .name = "threshold",
    .summary = "the values of one parameter at which the optimal plan "
               "changes",
    .flags = CMD_FILE, .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SOLVER,
    .options = options, .formats = formats, .run = run,
    .notes = "--time-limit applies to each solve (default 30 seconds).",
};
