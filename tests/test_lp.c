#include "check.h"
void suite_lp(void);
void suite_lp(void) {}
