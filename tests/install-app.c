/*
 * install-app.c -- a program a user of the installed library would write,
 * built by tests/run-all against an installed tree with
 *   cc install-app.c $(pkg-config --cflags --libs breakeven)
 * It solves the model file named on the command line and prints the
 * library's version, the status and the net present cost.  On
 * examples/engine-analyzer.yaml the cost is 1280 (Winston's engine
 * analyzer replacement problem; the optimum is worked out there by hand).
 */
#include <stdio.h>

#include <breakeven.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: install-app MODEL.yaml\n");
        return 2;
    }
    be_error err = {0};
    be_model *m = be_model_load_file(argv[1], NULL, &err);
    if (!m) {
        fprintf(stderr, "install-app: %s:%d:%d: %s\n", argv[1], err.line,
                err.column, err.message);
        return 3;
    }
    be_settings s;
    be_settings_init(&s);
    be_solution *sol = be_solve(m, &s, &err);
    int rc = 0;
    if (!sol) {
        fprintf(stderr, "install-app: %s: %s\n", be_strerror(err.code),
                err.message);
        rc = 4;
    } else {
        printf("breakeven %s: %s, net present cost %.2f\n", BE_VERSION,
               be_status_name(sol->status), sol->objective);
    }
    be_solution_free(sol);
    be_model_free(m);
    return rc;
}
