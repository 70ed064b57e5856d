/*
 * cmd_returns.c -- `breakeven returns`: a plan as an investment.  The
 * optimal plan's (or, with --plan FILE, that plan's) cash flows year by
 * year as a finance reader expects them -- revenue, capex, energy, O&M,
 * rent, taxes, resale and the salvage at the end, the net cash flow and
 * its running sums nominal and discounted, the fleet's book value beside
 * its market value -- then the figures: net present value, internal rate
 * of return, payback nominal and discounted, the levelized cost of
 * compute, capex over revenue and the break-even price of compute.
 * Definitions: docs/returns.md; the numbers come from be_returns_compute
 * and be_break_even_price.
 *
 * The text signs money as cash (in +, out -) so that a row sums to its
 * net; JSON and CSV keep the library's fields as they are (breakeven.h,
 * be_returns_row: revenue, capex, energy, om, rent and resale as amounts,
 * taxes + when paid).
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "returns_words.h"

typedef struct returns_run {
    const be_model *m;
    const be_solution *sol;
    const char *plan_file;     /* NULL: the optimal plan */
    const be_eval *eval;       /* of the plan priced */
    const be_returns *r;
    const be_break_even *b;    /* NULL without revenue */
} returns_run;

/* ---- text ---- */

/* text after lead (in a column of indent), wrapped at spaces to 78
 * columns and continued under itself. */
static void wrap(FILE *fp, const char *lead, int indent, const char *text)
{
    enum { WIDTH = 78 };
    int col = fprintf(fp, "%-*s", indent, lead);
    const char *p = text;
    while (*p) {
        size_t len = strcspn(p, " ");
        if (col > indent && col + 1 + (int)len > WIDTH) {
            fprintf(fp, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            fputc(' ', fp);
            col++;
        }
        col += fprintf(fp, "%.*s", (int)len, p);
        p += len;
        while (*p == ' ')
            p++;
    }
    fputc('\n', fp);
}

/* wrap of a formatted text */
static void wrapf(FILE *fp, const char *lead, int indent, const char *fmt,
                  ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void wrapf(FILE *fp, const char *lead, int indent, const char *fmt,
                  ...)
{
    char text[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    wrap(fp, lead, indent, text);
}

enum { CELL = 32 };

/* A table of right-aligned cells under headers, the first column left;
 * columns whose `skip` is set are left out.  cells: [rows * cols]. */
static void print_table(FILE *fp, int cols, const char *const *head,
                        const int *skip, int rows, char (*cells)[CELL])
{
    int width[32] = {0};
    for (int c = 0; c < cols && c < 32; c++) {
        width[c] = (int)strlen(head[c]);
        for (int i = 0; i < rows; i++) {
            int w = (int)strlen(cells[i * cols + c]);
            width[c] = w > width[c] ? w : width[c];
        }
    }
    for (int i = -1; i < rows; i++) {
        fputs("  ", fp);
        for (int c = 0; c < cols && c < 32; c++) {
            if (skip && skip[c])
                continue;
            const char *s = i < 0 ? head[c] : cells[i * cols + c];
            if (c == 0)
                fprintf(fp, "%-*s", width[c], s);
            else
                fprintf(fp, "  %*s", width[c], s);
        }
        fputc('\n', fp);
    }
}

static char *ratio(double v, char *buf, size_t size)
{
    if (isfinite(v))
        snprintf(buf, size, "%.3f", v);
    else
        snprintf(buf, size, "-");
    return buf;
}

/* A column of a table by year: a field of be_returns_row (plus another,
 * or NO_FIELD), shown as money in (as is), money out (negated) or a
 * ratio. */
#define NO_FIELD ((size_t)-1)
typedef enum { IN, OUT, RATIO } col_kind;
typedef struct col {
    const char *head;
    size_t field, plus;
    col_kind kind;
} col;

static double field(const be_returns_row *w, size_t at)
{
    double v;
    memcpy(&v, (const char *)w + at, sizeof v);
    return v;
}

/* The year column and n columns of r's rows, leaving out those that are 0
 * in every row when drop_zero is set for them. */
static void rows_table(FILE *fp, const be_returns *r, const col *cols, int n,
                       const int *drop_zero)
{
    enum { MAX = 16 };
    const char *head[MAX + 1] = {"year"};
    int skip[MAX + 1] = {0};
    char (*cell)[CELL] = calloc((size_t)r->n * (MAX + 1), sizeof *cell);
    if (!cell || n > MAX) {
        free(cell);
        return;
    }
    for (int k = 0; k < n; k++) {
        head[k + 1] = cols[k].head;
        skip[k + 1] = drop_zero && drop_zero[k];
    }
    for (int i = 0; i < r->n; i++) {
        const be_returns_row *w = &r->rows[i];
        char (*c)[CELL] = cell + i * (n + 1);
        snprintf(c[0], CELL, "%s", w->label);
        for (int k = 0; k < n; k++) {
            double v = field(w, cols[k].field);
            if (cols[k].plus != NO_FIELD)
                v += field(w, cols[k].plus);
            skip[k + 1] &= v == 0.0;
            if (cols[k].kind == RATIO)
                ratio(v, c[k + 1], CELL);
            else
                fmt_money(cols[k].kind == OUT ? -v : v, 0, c[k + 1], CELL);
        }
    }
    print_table(fp, n + 1, head, skip, r->n, cell);
    free(cell);
}

#define COL(head, name, kind) \
    {head, offsetof(be_returns_row, name), NO_FIELD, kind}

static void statement_text(FILE *fp, const be_model *m, const be_returns *r)
{
    static const col cols[] = {
        COL("revenue", revenue, IN), COL("capex", capex, OUT),
        COL("energy", energy, OUT), COL("O&M", om, OUT),
        COL("rent", rent, OUT), COL("taxes", taxes, OUT),
        {"resale", offsetof(be_returns_row, resale),
         offsetof(be_returns_row, salvage), IN},
        COL("net", net, IN), COL("cumulative", cumulative, IN),
        COL("discounted", cumulative_discounted, IN)};
    /* no energy column without power, no rent column when nothing is
     * rented, no taxes without finance */
    static const int drop_zero[] = {0, 0, 1, 0, 1, 1, 0, 0, 0, 0};
    fputs("Cash flow by year, as paid (money in +, out -):\n", fp);
    rows_table(fp, r, cols, (int)(sizeof cols / sizeof cols[0]), drop_zero);
    char s[64], d[40], more[256] = "";
    double salvage = r->n > 0 ? r->rows[r->n - 1].salvage : 0.0;
    if (salvage != 0.0)
        snprintf(more, sizeof more, " %s's resale includes %s of salvage: "
                 "the value of the units still held at the horizon's end.",
                 r->rows[r->n - 1].label, fmt_money(salvage, 0, s, sizeof s));
    wrapf(fp, "", 2, "Discounted: the running sum of the net cash flow, "
          "each discounted to the start of %s at %s a year.%s",
          be_model_period_label(m, 0),
          returns_pct(returns_discount_rate(m), d, sizeof d), more);
}

static void value_text(FILE *fp, const be_returns *r)
{
    static const col cols[] = {
        COL("book value", book_value, IN),
        COL("market value", market_value, IN),
        COL("write-down", write_down, IN),
        COL("capex/revenue", capex_over_revenue, RATIO)};
    fputc('\n', fp);
    wrap(fp, "", 0, "The fleet owned at the end of each year, and capex "
         "against revenue (book value straight-line over finance's "
         "depreciation_years, or each device's lifetime without finance; "
         "market value from the resale values):");
    rows_table(fp, r, cols, (int)(sizeof cols / sizeof cols[0]), NULL);
    wrap(fp, "", 2, "Write-down: what the books carry above what the units "
         "would fetch.");
}

/* The text a words function writes, as one figure line. */
typedef void (*words_fn)(FILE *fp, const returns_run *x, int which);

static void figure(FILE *fp, const char *name, words_fn words,
                   const returns_run *x, int which)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return;
    words(mem, x, which);
    if (fclose(mem) == 0 && text)
        wrap(fp, name, 27, text);
    free(text);
}

static void npv_words(FILE *fp, const returns_run *x, int which)
{
    char a[64], b[64], c[64], d[40];
    const be_returns *r = x->r;
    (void)which;
    fprintf(fp, "%s at %s a year (revenue %s, capex %s, nominal)",
            fmt_money(r->net_present_value, 0, a, sizeof a),
            returns_pct(returns_discount_rate(x->m), d, sizeof d),
            fmt_money(r->revenue, 0, b, sizeof b),
            fmt_money(r->capex, 0, c, sizeof c));
}

static void irr_figure(FILE *fp, const returns_run *x, int which)
{
    (void)which;
    returns_irr_words(fp, x->r);
    if (!be_model_has_revenue(x->m) && x->r->irr_kind != BE_IRR_SAME_SIGN)
        fputs(" (of costs and resale alone: the model has no revenue)", fp);
}

static void payback_figure(FILE *fp, const returns_run *x, int discounted)
{
    returns_payback_words(fp, x->m, discounted ? x->r->payback_discounted
                                       : x->r->payback);
}

static void lcoc_words(FILE *fp, const returns_run *x, int which)
{
    char a[64];
    (void)which;
    if (isfinite(x->r->levelized_cost))
        fprintf(fp, "%s per unit of throughput for a year: the constant "
                "price of compute at which the plan breaks even",
                fmt_money(x->r->levelized_cost, 2, a, sizeof a));
    else
        fputs("none: the plan serves no work", fp);
}

static void capex_words(FILE *fp, const returns_run *x, int which)
{
    char a[64], b[64], c[64];
    const be_returns *r = x->r;
    (void)which;
    if (isfinite(r->capex_over_revenue))
        fprintf(fp, "%s (capex %s against revenue %s, nominal)",
                ratio(r->capex_over_revenue, a, sizeof a),
                fmt_money(r->capex, 0, b, sizeof b),
                fmt_money(r->revenue, 0, c, sizeof c));
    else
        fputs("none: there is no revenue", fp);
}

static void break_even_figure(FILE *fp, const returns_run *x, int which)
{
    (void)which;
    returns_break_even_words(fp, x->m, x->b);
    fputc('.', fp);
    if (x->plan_file && x->b)
        fputs(" It is the best plan's, whatever the plan priced above.", fp);
}

static void write_text(FILE *fp, const void *data)
{
    const returns_run *x = data;
    const be_model *m = x->m;
    const be_returns *r = x->r;
    int T = be_model_periods(m);
    char d[40];
    const char *name = be_model_name(m);
    wrapf(fp, "", 0, "Returns of %s%s, %s to %s%s%s",
            x->plan_file ? "the plan " : "the optimal plan",
            x->plan_file ? x->plan_file : "", be_model_period_label(m, 0),
            be_model_period_label(m, T - 1), name[0] ? ": " : "", name);
    if (!x->plan_file && x->sol->status == BE_TIME_LIMIT_PLAN)
        fprintf(fp, "(The optimal plan is the best found at the time limit, "
                "%s.)\n", cli_gap_words(x->sol->gap, d, sizeof d));
    if (x->eval->violation != BE_FEASIBLE_PLAN)
        fprintf(fp, "Warning: the plan breaks the %s constraint in %s; its "
                "money is shown as it would be.\n",
                be_violation_name(x->eval->violation),
                be_model_period_label(m, x->eval->violation_period));
    if (!be_model_has_revenue(m))
        fputs("The model has no revenue: the statement shows its costs "
              "alone.\n", fp);
    fputc('\n', fp);
    statement_text(fp, m, r);
    value_text(fp, r);

    fputc('\n', fp);
    figure(fp, "Net present value", npv_words, x, 0);
    figure(fp, "Internal rate of return", irr_figure, x, 0);
    figure(fp, "Payback", payback_figure, x, 0);
    figure(fp, "Payback, discounted", payback_figure, x, 1);
    figure(fp, "Levelized cost of compute", lcoc_words, x, 0);
    figure(fp, "Capex over revenue", capex_words, x, 0);
    figure(fp, "Break-even price", break_even_figure, x, 0);
}

/* ---- JSON ---- */

static void jnum(FILE *fp, const char *key, double v, const char *after)
{
    char n[40];
    json_str(fp, key);
    fprintf(fp, ": %s%s", fmt_num(v, n, sizeof n), after);
}

static void write_json(FILE *fp, const void *data)
{
    const returns_run *x = data;
    const be_model *m = x->m;
    const be_returns *r = x->r;
    const be_break_even *b = x->b;
    int T = be_model_periods(m);
    char n[40];
    fputs("{\"model\": ", fp);
    json_str(fp, be_model_name(m));
    fputs(", \"status\": ", fp);
    json_str(fp, be_status_name(x->sol->status));
    fputs(", \"plan\": ", fp);
    if (x->plan_file)
        json_str(fp, x->plan_file);
    else
        fputs("\"optimal\"", fp);
    fprintf(fp, ", \"feasible\": %s, \"revenue_in_model\": %s,\n ",
            x->eval->violation == BE_FEASIBLE_PLAN ? "true" : "false",
            be_model_has_revenue(m) ? "true" : "false");
    jnum(fp, "net_present_value", r->net_present_value, ", ");
    /* r from d(1), rounded off the noise of the power (0.1, not
     * 0.10000000000000009) */
    double rate = returns_discount_rate(m);
    jnum(fp, "discount_rate", round(rate * 1e12) / 1e12, ", ");
    jnum(fp, "levelized_cost", r->levelized_cost, ", ");
    jnum(fp, "revenue", r->revenue, ", ");
    jnum(fp, "capex", r->capex, ",\n ");
    fprintf(fp, "\"irr\": {\"kind\": \"%s\", \"rates\": [",
            returns_irr_kind_name(r->irr_kind));
    for (int i = 0; i < r->n_irr; i++)
        fprintf(fp, "%s%s", i ? ", " : "", fmt_num(r->irr[i], n, sizeof n));
    fputs("]},\n \"payback\": {\"nominal\": ", fp);
    json_label(fp, returns_payback_label(m, r->payback));
    fputs(", \"discounted\": ", fp);
    json_label(fp, returns_payback_label(m, r->payback_discounted));
    fputs(", \"horizon_end\": ", fp);
    json_str(fp, be_model_period_label(m, T));
    fputs("},\n \"capex_over_revenue\": {", fp);
    jnum(fp, "total", r->capex_over_revenue, ", \"by_year\": [");
    for (int i = 0; i < r->n; i++)
        fprintf(fp, "%s%s", i ? ", " : "",
                fmt_num(r->rows[i].capex_over_revenue, n, sizeof n));
    fputs("]},\n \"break_even\": {\"kind\": ", fp);
    json_str(fp, returns_break_even_kind_name(b));
    int factor = b && (b->kind == BE_BREAK_EVEN_FOUND ||
                       b->kind == BE_BREAK_EVEN_BUILD ||
                       b->kind == BE_BREAK_EVEN_ALWAYS);
    fputs(", ", fp);
    jnum(fp, "factor", factor ? b->factor : NAN, ", \"price\": ");
    if (factor) {
        fputc('[', fp);
        for (int t = 0; t < b->periods; t++)
            fprintf(fp, "%s%s", t ? ", " : "",
                    fmt_num(b->price[t], n, sizeof n));
        fputc(']', fp);
    } else {
        fputs("null", fp);
    }
    if (be_model_has_workloads(m)) {
        /* price is workload 0's: each workload with revenue by name */
        fputs(", \"prices\": ", fp);
        fputs(factor ? "{" : "null", fp);
        for (int w = 0, said = 0; factor && w < be_model_workloads(m); w++) {
            if (!be_model_workload_has_revenue(m, w))
                continue;
            fputs(said++ ? ", " : "", fp);
            json_str(fp, be_model_workload_name(m, w));
            fputs(": [", fp);
            for (int t = 0; t < T; t++)
                fprintf(fp, "%s%s", t ? ", " : "",
                        fmt_num(b->factor * be_model_workload_price(m, w, t),
                                n, sizeof n));
            fputc(']', fp);
        }
        fputs(factor ? "}" : "", fp);
    }
    fprintf(fp, ", \"proven\": %s, \"solves\": %d, ",
            b && b->proven ? "true" : "false", b ? b->solves : 0);
    jnum(fp, "levelized_cost", factor ? b->levelized_cost : NAN, ", ");
    int confirmed = b && (b->kind == BE_BREAK_EVEN_FOUND ||
                          b->kind == BE_BREAK_EVEN_BUILD);
    jnum(fp, "npv_below", confirmed ? b->npv_below : NAN, ", ");
    jnum(fp, "npv_above", confirmed ? b->npv_above : NAN, "");
    fputs(", \"status\": ", fp);
    if (b)
        json_str(fp, be_status_name(b->status));
    else
        fputs("null", fp);
    fputs("},\n \"years\": [", fp);
    for (int i = 0; i < r->n; i++) {
        const be_returns_row *w = &r->rows[i];
        fputs(i ? ",\n  {\"label\": " : "\n  {\"label\": ", fp);
        json_str(fp, w->label);
        fputs(", \"first\": ", fp);
        json_str(fp, be_model_period_label(m, w->first));
        fputs(", \"last\": ", fp);
        json_str(fp, be_model_period_label(m, w->last));
        fputs(", ", fp);
        jnum(fp, "revenue", w->revenue, ", ");
        jnum(fp, "capex", w->capex, ", ");
        jnum(fp, "energy", w->energy, ", ");
        jnum(fp, "om", w->om, ", ");
        jnum(fp, "rent", w->rent, ", ");
        jnum(fp, "taxes", w->taxes, ", ");
        jnum(fp, "resale", w->resale, ", ");
        jnum(fp, "salvage", w->salvage, ", ");
        jnum(fp, "net", w->net, ", ");
        jnum(fp, "discounted", w->discounted, ", ");
        jnum(fp, "cumulative", w->cumulative, ", ");
        jnum(fp, "cumulative_discounted", w->cumulative_discounted, ", ");
        jnum(fp, "book_value", w->book_value, ", ");
        jnum(fp, "market_value", w->market_value, ", ");
        jnum(fp, "write_down", w->write_down, ", ");
        jnum(fp, "capex_over_revenue", w->capex_over_revenue, "}");
    }
    fputs("],\n \"flows\": [", fp);
    for (int i = 0; i < r->n_flows; i++) {
        fputs(i ? ", {\"at\": " : "{\"at\": ", fp);
        json_str(fp, be_model_period_label(m, i));
        fputs(", ", fp);
        jnum(fp, "years", r->flow_time[i], ", ");
        jnum(fp, "flow", r->flow[i], "}");
    }
    fputs("]}\n", fp);
}

/* ---- CSV ---- */

static void write_csv(FILE *fp, const void *data)
{
    const returns_run *x = data;
    const be_model *m = x->m;
    const be_returns *r = x->r;
    char n[40];
    fputs("year,first,last,revenue,capex,energy,om,rent,taxes,resale,"
          "salvage,net,discounted,cumulative,cumulative_discounted,"
          "book_value,market_value,write_down,capex_over_revenue\n", fp);
    for (int i = 0; i < r->n; i++) {
        const be_returns_row *w = &r->rows[i];
        const double v[] = {
            w->revenue, w->capex, w->energy, w->om, w->rent, w->taxes,
            w->resale, w->salvage, w->net, w->discounted, w->cumulative,
            w->cumulative_discounted, w->book_value, w->market_value,
            w->write_down, w->capex_over_revenue};
        fprintf(fp, "%s,%s,%s", w->label, be_model_period_label(m, w->first),
                be_model_period_label(m, w->last));
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
            fprintf(fp, ",%s", isfinite(v[k]) ? fmt_num(v[k], n, sizeof n)
                                              : "");
        fputc('\n', fp);
    }
}

/* ---- the command ---- */

static const char *plan_file;

static const cli_option options[] = {
    CLI_OPT_STRING("--plan", NULL, &plan_file, "FILE",
                   "the statement of this plan file (docs/plans.md) instead "
                   "of the optimal plan's; the break-even price is still "
                   "the best plan's"),
    CLI_OPT_END};

static const cli_format formats[] = {
    CLI_TEXT_JSON_CSV(write_text, write_json, write_csv)};

/* The statement is of one plan on one model: a model with scenarios is
 * refused here, before the solve, in one line that says what to do
 * (the dispatcher's own refusal does not). */
static int check(cli_ctx *x)
{
    int S = be_model_scenarios(x->m);
    if (S == 0)
        return EXIT_PLAN;
    fprintf(stderr, "breakeven: %s: the model has %d scenarios, which "
            "returns does not handle: run it on a model without scenarios "
            "(set one scenario's values with --set)\n", x->path, S);
    return EXIT_USAGE;
}

static int run(cli_ctx *x)
{
    be_error err = {0};
    be_plan *own = NULL;
    be_eval *e = NULL;
    be_returns *r = NULL;
    be_break_even *b = NULL;
    int rc = EXIT_PLAN;
    const be_plan *p = x->sol->plan;
    if (plan_file) {
        if (!(own = be_plan_load_file(x->m, plan_file, &err)))
            goto fail;
        p = own;
    }
    if (!(e = be_evaluate(x->m, p, &err)) ||
        !(r = be_returns_compute(x->m, p, &err)))
        goto fail;
    if (be_model_has_revenue(x->m)) {
        cli_say_solving(x, &x->s, " per solve, for the break-even price");
        if (!(b = be_break_even_price(x->m, &x->s, &err)))
            goto fail;
    }
    returns_run run = {x->m, x->sol, plan_file, e, r, b};
    rc = cli_emit(x, &run);
    goto done;
fail:
    cli_print_error(&err);
    rc = cli_exit_for(err.code);
done:
    be_break_even_free(b);
    be_returns_free(r);
    be_eval_free(e);
    be_plan_free(own);
    return rc;
}

const cli_command cli_returns = {
    .name = "returns",
    .summary = "the plan as an investment: cash flow, NPV, IRR, payback, "
               "break-even price",
    .flags = CMD_SOLVE | CMD_PLAN | CMD_LOAD | CMD_FILE | CMD_SCENARIOS,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SOLVER,
    .options = options, .formats = formats, .run = run, .check = check,
    .notes = "Money in the text is cash as paid: in +, out -; JSON and CSV "
             "give each category as an amount (taxes + when paid). "
             "Definitions: docs/returns.md.",
};
