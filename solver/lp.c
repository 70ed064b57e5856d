/* lp.c -- placeholder until written */
#include "model.h"
extern int be_placeholder_lp; int be_placeholder_lp;
