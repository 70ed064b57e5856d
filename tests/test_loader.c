#include "check.h"
void suite_loader(void);
void suite_loader(void) {}
