#include "check.h"
void suite_property(void);
void suite_property(void) {}
