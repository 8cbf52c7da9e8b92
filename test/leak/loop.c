/* Runs every operation of fsd_ops N times, the way the addon's glue does
 * (typed arguments, an arena per call, freed after), for valgrind
 * --leak-check=full. Usage:
 * loop N path text */
#include "fsd.h"
#include "../c/args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each operation with typed arguments as the glue decodes them from
 * JavaScript: diagnose's request (an error object, and pasted text), the
 * holder scan's options, fixes and quote requests. */
static void run_op(const fsd_op_t *op, const char *path, const char *text,
                   int scan, int variant) {
  fsd_arg_t args[16], m[12];
  fsd_arena_t *a = fsd_arena_new();
  fsd_val_t *out = NULL;
  fsd_fail_t fail;
  size_t i, n = 0;
  memset(args, 0, sizeof(args));
  memset(&fail, 0, sizeof(fail));
  for (i = 0; i < op->nargs && i < 16; i++) args[i] = str_arg(NULL, path);
  if (strcmp(op->name, "parseErrors") == 0) {
    args[0] = str_arg(NULL, text);
  } else if (strcmp(op->name, "diagnose") == 0) {
    if (variant) {
      m[n++] = str_arg("text", text);
    } else {
      m[n++] = str_arg("code", "EPERM");
      m[n++] = num_arg("errno", -1);
      m[n++] = str_arg("syscall", "rename");
      m[n++] = str_arg("path", path);
      m[n++] = str_arg("dest", path);
      m[n++] = str_arg("message", "EPERM: operation not permitted");
    }
    m[n++] = bool_arg("live", 1);
    m[n++] = bool_arg("holders", scan);
    m[n++] = str_arg("cwd", "/");
    args[0] = obj_arg(m, n);
  } else if (strcmp(op->name, "holders") == 0) {
    m[n++] = num_arg("threads", 2);
    m[n++] = bool_arg("lease", variant);
    args[1] = obj_arg(m, n);
  } else if (strcmp(op->name, "fixes") == 0) {
    m[n++] = str_arg("cause", variant ? "file-locked" : "hard-link-limit");
    m[n++] = str_arg("platform", variant ? "win32" : "linux");
    m[n++] = bool_arg("strict", variant);
    m[n++] = str_arg("path", path);
    m[n++] = str_arg("project", "/p x/'q'");
    args[0] = obj_arg(m, n);
  } else if (strcmp(op->name, "quote") == 0) {
    m[n++] = str_arg("value", "/p x/'q'");
    m[n++] = str_arg("platform", variant ? "win32" : "linux");
    m[n++] = str_arg("shell", variant ? "cmd" : "bash");
    args[0] = obj_arg(m, n);
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
      run_op(op, path, text, scan, (int)(i & 1));
      calls++;
    }
  printf("loop: %ld rounds, %ld calls\n", n, calls);
  return 0;
}
