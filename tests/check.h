/*
 * check.h -- a deliberately small test framework (in the spirit of SCS's
 * minunit).  A test is a function `static void name(void)`; CHECK records
 * a failure with its location and carries on, REQUIRE returns from the
 * test.  RUN(name) runs one test; each test file exposes one
 * `void suite_<name>(void)` that RUNs its tests, and tests/main.c calls
 * them all and prints the closing line "N passed, N failed".
 */
#ifndef BE_CHECK_H
#define BE_CHECK_H

#include <math.h>
#include <stdio.h>

extern int check_failures;   /* failed CHECKs in the current test */
extern int tests_passed, tests_failed;
extern const char *check_filter; /* run only tests whose name contains it */

int check_selected(const char *name);

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                      \
            check_failures++;                                              \
        }                                                                  \
    } while (0)

#define REQUIRE(cond)                                                      \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "%s:%d: requirement failed: %s\n", __FILE__,   \
                    __LINE__, #cond);                                      \
            check_failures++;                                              \
            return;                                                        \
        }                                                                  \
    } while (0)

/* |a - b| <= tol * max(1, |a|, |b|) */
#define CHECK_CLOSE(a, b, tol)                                             \
    do {                                                                   \
        double ca_ = (a), cb_ = (b), sc_ = fabs(ca_) > fabs(cb_) ?         \
            fabs(ca_) : fabs(cb_);                                         \
        if (sc_ < 1.0) sc_ = 1.0;                                          \
        if (!(fabs(ca_ - cb_) <= (tol) * sc_)) {                           \
            fprintf(stderr, "%s:%d: %s = %.17g, expected %s = %.17g\n",    \
                    __FILE__, __LINE__, #a, ca_, #b, cb_);                 \
            check_failures++;                                              \
        }                                                                  \
    } while (0)

#define CHECK_STR(a, b)                                                    \
    do {                                                                   \
        const char *sa_ = (a), *sb_ = (b);                                 \
        if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) {                       \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n",      \
                    __FILE__, __LINE__, #a, sa_ ? sa_ : "(null)",          \
                    sb_ ? sb_ : "(null)");                                 \
            check_failures++;                                              \
        }                                                                  \
    } while (0)

#define RUN(test)                                                          \
    do {                                                                   \
        if (!check_selected(#test)) break;                                 \
        check_failures = 0;                                                \
        test();                                                            \
        if (check_failures) {                                              \
            tests_failed++;                                                \
            fprintf(stderr, "FAIL %s\n", #test);                           \
        } else {                                                           \
            tests_passed++;                                                \
        }                                                                  \
    } while (0)

#endif
