#include "check.h"
void suite_solve(void);
void suite_solve(void) {}
