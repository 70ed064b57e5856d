/*
 * main.c -- runs every unit-test suite and prints "N passed, N failed".
 * An optional argument runs only the tests whose name contains it.
 */
#include "check.h"

#include <string.h>

int check_failures, tests_passed, tests_failed;
const char *check_filter;

int check_selected(const char *name)
{
    return !check_filter || strstr(name, check_filter) != NULL;
}

void suite_model(void);
void suite_loader(void);
void suite_evaluate(void);
void suite_lp(void);
void suite_solve(void);
void suite_property(void);
void suite_diagnose(void);
void suite_economics(void);
void suite_threshold(void);
void suite_compare(void);
void suite_teach(void);
void suite_mip(void);
void suite_schema(void);
void suite_scenario(void);
void suite_advance(void);
void suite_returns(void);
void suite_small_lp(void);
void suite_workloads(void);

int main(int argc, char **argv)
{
    if (argc > 1)
        check_filter = argv[1];
    suite_model();
    suite_loader();
    suite_evaluate();
    suite_lp();
    suite_solve();
    suite_property();
    suite_diagnose();
    suite_economics();
    suite_threshold();
    suite_compare();
    suite_teach();
    suite_mip();
    suite_schema();
    suite_scenario();
    suite_advance();
    suite_returns();
    suite_small_lp();
    suite_workloads();
    printf("unit: %d passed, %d failed\n", tests_passed, tests_failed);
    return tests_failed ? 1 : 0;
}
