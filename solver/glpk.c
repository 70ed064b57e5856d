/* glpk.c -- placeholder until written */
#include "model.h"
extern int be_placeholder_glpk; int be_placeholder_glpk;
