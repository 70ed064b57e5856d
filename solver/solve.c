/* solve.c -- placeholder until written */
#include "model.h"
extern int be_placeholder_solve; int be_placeholder_solve;
