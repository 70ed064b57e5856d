/*
 * cmd_advance.c -- `breakeven advance MODEL.yaml --to PERIOD`: the model
 * as of the start of PERIOD (docs/replanning.md), the periods before it
 * decided by the optimal plan, a plan file (--plan) and what really
 * happened (--actuals); written as a model file, and with --plan-out the
 * old plan's decisions from PERIOD on as a plan of the new model (to
 * price with `compare NEW.yaml --plan`).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "plan_file.h"

static const char *to_label, *plan_path, *actuals_path, *plan_out;
static int periods;

static const cli_option options[] = {
    CLI_OPT_STRING("--to", NULL, &to_label, "PERIOD",
                   "the period the new model starts at, a label of the "
                   "model after its first (2027, 2027-Q3, 2027-07); "
                   "required"),
    CLI_OPT_STRING("--plan", NULL, &plan_path, "FILE",
                   "the decisions before PERIOD are this plan file's "
                   "(docs/plans.md; solve --plan-out writes one); default: "
                   "the optimal plan's"),
    CLI_OPT_STRING("--actuals", NULL, &actuals_path, "FILE",
                   "what really happened before PERIOD: purchases, rentals, "
                   "retirements and failures by device and period "
                   "(docs/replanning.md); a period it names is its own"),
    CLI_OPT_INT("--periods", NULL, &periods, "N", 1, 100000,
                "a whole number of at least 1",
                "the new model's periods (default: all that are left)"),
    CLI_OPT_STRING("--plan-out", NULL, &plan_out, "FILE",
                   "also write the plan's decisions from PERIOD on as a "
                   "plan file of the new model"),
    CLI_OPT_END};

typedef struct advanced {
    const be_model *m;
    char comment[1200];
} advanced;

static int write_model(FILE *fp, const void *data, be_error *err)
{
    const advanced *a = data;
    return be_model_write(a->m, a->comment, fp_write, fp, err) == BE_OK ? 0
                                                                        : -1;
}

static const cli_format formats[] = {{"yaml", NULL, write_model, NULL},
                                     {0}};

/* The period of m labelled `label`, or -1. */
static int period_of(const be_model *m, const char *label)
{
    for (int t = 0; t < be_model_periods(m); t++)
        if (strcmp(be_model_period_label(m, t), label) == 0)
            return t;
    return -1;
}

/* Fail with "breakeven: FILE: message", exit 3 (the model's input). */
static int bad(const cli_ctx *x, const char *fmt, const char *a,
               const char *b, const char *c)
{
    fprintf(stderr, "breakeven: %s: ", x->path);
    fprintf(stderr, fmt, a, b, c);
    fputc('\n', stderr);
    return EXIT_MODEL;
}

/* Plan q of model a as a plan file can say it (docs/plans.md): its
 * retirements of units reaching the end of their life cut to the units
 * held then (they leave anyway; actuals may have left fewer).  Returns 1
 * when q still retires more units of a cohort than it holds, earlier,
 * with the first such period and its device; 0 when it never does. */
static int over_retired(const be_model *a, be_plan *q, int *period,
                        int *device)
{
    int J = be_model_cohorts(a), K = be_model_devices(a);
    int T = be_model_periods(a), first = T;
    for (int j = 0; j < J; j++) {
        be_cohort_info c;
        be_model_cohort(a, j, &c);
        double held = c.fleet_entry >= 0 ? c.count
                    : q->buy[c.start * K + c.device];
        for (int t = c.start; t < T && t <= c.end; t++) {
            double *r = &q->retire[t * J + j];
            double may = c.fleet_entry < 0 && t == c.start ? 0.0 : held;
            if (t == c.end && *r > may)
                *r = may;
            if (*r > may + 1e-9 * fmax(1.0, may) && t < first) {
                first = t;
                *device = c.device;
            }
            held -= fmin(*r, may);
        }
    }
    if (first < T)
        *period = first;
    return first < T;
}

static int run(cli_ctx *x)
{
    const be_model *m = x->m;
    int T = be_model_periods(m), rc = EXIT_PLAN;
    be_error err = {0};
    be_solution *sol = NULL;
    be_plan *own = NULL, *hist = NULL, *cont = NULL;
    be_model *a = NULL;
    char *text = NULL;
    const be_plan *plan;
    if (!to_label)
        return cli_usage_error(x->cmd, "advance needs --to PERIOD");
    int to = period_of(m, to_label);
    if (to < 0)
        return bad(x, "--to %s is not a period of the model (%s to %s)",
                   to_label, be_model_period_label(m, 0),
                   be_model_period_label(m, T - 1));
    if (to == 0)
        return bad(x, "--to %s is the model's first period: it starts "
                   "there already%s%s", to_label, "", "");
    if (periods > T - to) {
        char n[32];
        snprintf(n, sizeof n, "%d", T - to);
        return bad(x, "--periods asks for more than the %s periods left "
                   "from %s%s", n, to_label, "");
    }
    if (plan_path) {
        own = be_plan_load_file(m, plan_path, &err);
        if (!own) {
            cli_print_error(&err);
            return cli_exit_for(err.code);
        }
        plan = own;
    } else {
        sol = be_solve(m, &x->s, &err);
        if (!sol) {
            cli_print_error(&err);
            return cli_exit_for(err.code);
        }
        if (!sol->plan) {
            fprintf(stderr, "breakeven: %s: no plan to advance with: the "
                    "model is %s%s%s (give the decisions with --plan)\n",
                    x->path, be_status_name(sol->status),
                    sol->reason[0] ? ": " : "", sol->reason);
            rc = sol->status == BE_NO_PLAN ? EXIT_SOLVER : EXIT_NO_PLAN;
            be_solution_free(sol);
            return rc;
        }
        plan = sol->plan;
    }
    if (actuals_path) {
        size_t len;
        text = be_read_file(actuals_path, (size_t)16 << 20, &len, &err);
        hist = text ? be_plan_actuals(m, plan, to, text, len, actuals_path,
                                      &err) : NULL;
        if (!hist) {
            cli_print_error(&err);
            rc = cli_exit_for(err.code);
            goto done;
        }
        plan = hist;
    }
    a = be_model_advance(m, plan, to, periods, &err);
    if (!a) {
        cli_print_error(&err);
        rc = cli_exit_for(err.code);
        goto done;
    }
    int counted = 0;
    if (text) {
        /* the fleet as counted at PERIOD, when the actuals give it */
        be_model *b = be_model_actuals_fleet(a, text, strlen(text),
                                             actuals_path, &counted, &err);
        if (!b) {
            cli_print_error(&err);
            rc = cli_exit_for(err.code);
            goto done;
        }
        be_model_free(a);
        a = b;
        if (counted && plan_out) {
            rc = cli_usage_error(x->cmd, "--plan-out: the actuals count the "
                                 "fleet, so the plan's decisions no longer "
                                 "name its units");
            goto done;
        }
    }
    if (plan_out) {
        /* the continuation must still be a plan of the new model: actuals
         * can leave fewer units than the plan retires later */
        cont = be_plan_advance(m, plan, a, to, &err);
        int when = -1, device = -1;
        int bad = cont && over_retired(a, cont, &when, &device);
        be_eval *e = cont ? be_evaluate(a, cont, &err) : NULL;
        if (!e) {
            cli_print_error(&err);
            rc = cli_exit_for(err.code);
            goto done;
        }
        if (e->violation == BE_VIOLATES_HOLDINGS) {
            bad = 1;
            when = e->violation_period;
            device = e->violation_device;
        }
        if (bad)
            fprintf(stderr, "breakeven: %s: --plan-out: after what happened, "
                    "the plan's decisions of %s take more units of '%s' than "
                    "the new fleet holds; nothing written\n",
                    actuals_path ? actuals_path : x->path,
                    be_model_period_label(a, when),
                    device >= 0 ? be_model_device_name(a, device) : "?");
        be_eval_free(e);
        if (bad) {
            rc = EXIT_MODEL;
            goto done;
        }
    }
    advanced out = {a, ""};
    snprintf(out.comment, sizeof out.comment,
             "%s advanced to %s by breakeven advance: the decisions before "
             "it are %s%s%s%s.", x->path, to_label,
             plan_path ? "those of the plan " : "the optimal plan's",
             plan_path ? plan_path : "",
             actuals_path ? ", with what happened as " : "",
             actuals_path ? actuals_path : "");
    if (counted)
        snprintf(out.comment + strlen(out.comment),
                 sizeof out.comment - strlen(out.comment),
                 " The fleet is as %s counts it.", actuals_path);
    if ((rc = cli_emit(x, &out)) != EXIT_PLAN)
        goto done;
    if (plan_out) {
        be_eval *e = be_evaluate(a, cont, &err);
        char src[600];
        snprintf(src, sizeof src, "breakeven advance: the decisions of %s "
                 "from %s on", plan_path ? plan_path : "the optimal plan",
                 to_label);
        rc = plan_file_write(plan_out, a, cont, e ? e->cost.total : NAN,
                             src);
        be_eval_free(e);
    }
done:
    free(text);
    be_plan_free(cont);
    be_model_free(a);
    be_plan_free(hist);
    be_plan_free(own);
    be_solution_free(sol);
    return rc;
}

const cli_command cli_advance = {
    .name = "advance",
    .summary = "write the model as of a later period, the past decided by "
               "a plan and the actuals",
    .flags = CMD_LOAD | CMD_FILE,
    .shared = CLI_FORMAT_OPT | CLI_OUTPUT | CLI_SOLVER,
    .options = options, .formats = formats, .run = run,
    .notes = "The new model's fleet is what the plan (or the actuals) "
             "leaves in service at the start of PERIOD, each entry with its "
             "age and purchase price, so that depreciation, O&M by age and "
             "resale go on exactly; units reaching the end of their life "
             "then have left. Every series keeps its values from PERIOD on; "
             "windows of sale are cut. docs/replanning.md."};
