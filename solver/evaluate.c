/* evaluate.c -- placeholder until written */
#include "model.h"
extern int be_placeholder_evaluate; int be_placeholder_evaluate;
