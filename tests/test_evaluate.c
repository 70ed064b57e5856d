#include "check.h"
void suite_evaluate(void);
void suite_evaluate(void) {}
