/* A tiny test harness for the pure C core. */
#ifndef FSD_T_H
#define FSD_T_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_failures = 0;
static int t_checks = 0;

#define T_CHECK(cond)                                                    \
  do {                                                                   \
    t_checks++;                                                          \
    if (!(cond)) {                                                       \
      t_failures++;                                                      \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
              #cond);                                                    \
    }                                                                    \
  } while (0)

#define T_STREQ(a, b)                                                    \
  do {                                                                   \
    const char *t_a_ = (a), *t_b_ = (b);                                 \
    t_checks++;                                                          \
    if (t_a_ == NULL || t_b_ == NULL || strcmp(t_a_, t_b_) != 0) {       \
      t_failures++;                                                      \
      fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, \
              __LINE__, #a, t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)"); \
    }                                                                    \
  } while (0)

#define T_DONE(name)                                                     \
  do {                                                                   \
    printf("%s: %d checks, %d failed\n", name, t_checks, t_failures);    \
    return t_failures ? 1 : 0;                                           \
  } while (0)
#endif
