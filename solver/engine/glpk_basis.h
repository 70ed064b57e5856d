/*
 * glpk_basis.h -- where GLPK's simplex starts (glpk_basis.c), for the
 * wrapper (glpk.c) alone.  Internal to the engine.
 */
#ifndef BE_GLPK_BASIS_H
#define BE_GLPK_BASIS_H

#include "engine/glpk_solver.h"
#include "program/lives.h"

#include <glpk.h>

/* ---- bases kept between solves (be_basis, include/breakeven.h) ---- */

/* 1 when b is of p's shape (and not empty). */
int be__basis_fits(const be_basis *b, const be_program *p);
/* b's statuses onto P (b fits P's program). */
void be__basis_apply(glp_prob *P, const be_basis *b);
/* P's statuses into b (on failure to allocate, b is left empty). */
void be__basis_store(glp_prob *P, const be_program *p, be_basis *b);

/* ---- the basis of unit lives ---- */

/* What be__basis_from_lives holds while it calls GLPK: when GLPK stops
 * inside it (glpk.c's longjmp out of GLPK's error hook), glpk.c frees
 * both. */
typedef struct be_lives_hold {
    be_lives *lives;
    void *buf;
} be_lives_hold;

/*
 * An optimal basis of the LP relaxation of p installed on P, from the
 * master program of unit lives (lives.c) solved by column generation
 * before deadline; P is scaled as glpsol scales.  Returns 1 when an
 * optimal basis is installed, 2 when a dual feasible one (a stochastic
 * program whose master optimum is not a vertex of p: the dual simplex
 * finishes from it), 0 when be__lives_off, p has rows or columns lives.c
 * does not map, the
 * master is infeasible or unbounded, the deadline came first, or its
 * basis did not map (P's basis is then left as it was, and the caller
 * starts as before).  Called with GLPK's error hook installed, hold
 * kept where that hook's longjmp leads.
 */
int be__basis_from_lives(glp_prob *P, const be_model *m, const be_program *p,
                         double deadline, be_lives_hold *hold);
/* Tests only: how many starts from unit lives installed a dual feasible
 * basis (be__basis_from_lives returned 2).  Not for threads. */
extern int be__lives_dual_starts;

#endif /* BE_GLPK_BASIS_H */
