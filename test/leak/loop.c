/* Runs every operation of fsd_ops N times, the way the addon's glue does
 * (arena per call, freed after), for valgrind --leak-check=full. Usage:
 * loop N path text */
#include "fsd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void run_op(const fsd_op_t *op, const char *path, const char *text,
                   int scan) {
  fsd_arg_t args[16];
  fsd_arena_t *a = fsd_arena_new();
  fsd_val_t *out = NULL;
  fsd_fail_t fail;
  size_t i;
  memset(args, 0, sizeof(args));
  memset(&fail, 0, sizeof(fail));
  for (i = 0; i < op->nargs && i < 16; i++) {
    args[i].s = path;
    args[i].len = strlen(path);
  }
  if (strcmp(op->name, "parseErrors") == 0) {
    args[0].s = text;
    args[0].len = strlen(text);
  } else if (strcmp(op->name, "diagnose") == 0) {
    static const char *d[] = {"EPERM", "-1", "rename", NULL, NULL,
                              "EPERM: operation not permitted", NULL, "1", "0",
                              NULL, NULL, NULL, "/"};
    for (i = 0; i < op->nargs && i < 13; i++) {
      args[i].s = d[i] ? d[i] : path;
      args[i].len = strlen(args[i].s);
    }
    if (scan) args[8].s = "1";
  }
  if (op->fn(a, args, op->nargs, &out, &fail) == 0 && out != NULL)
    (void)fsd_to_json(a, out);
  fsd_arena_free(a);
}

int main(int argc, char **argv) {
  long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000, i, calls = 0;
  const char *path = argc > 2 ? argv[2] : "/tmp";
  const char *text = argc > 3 ? argv[3]
                              : "npm ERR! code EBUSY\nEBUSY: resource busy or "
                                "locked, rename '/a' -> '/b'\n";
  const fsd_op_t *op;
  const char *only = getenv("LOOP_OPS");
  for (i = 0; i < n; i++)
    for (op = fsd_ops; op->name != NULL; op++) {
      /* The holder scan walks every process: one round in a hundred keeps
       * valgrind's run short without hiding a per-call leak. */
      int scan = i % 100 == 0;
      if (strcmp(op->name, "holders") == 0 && !scan) continue;
      if (only != NULL && strstr(only, op->name) == NULL) continue;
      run_op(op, path, text, scan);
      calls++;
    }
  printf("loop: %ld rounds, %ld calls\n", n, calls);
  return 0;
}
