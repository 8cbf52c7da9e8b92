/* The "#!" line parser (pure), and the program probe on files made in a
 * temporary directory: a lookup on PATH, a script whose interpreter is
 * missing or ends in a carriage return, a file without execute permission.
 * Run under SAN=1 for ASan/UBSan. */
#define _GNU_SOURCE
#include "fsd.h"
#include "parse/shebang.h"
#include "platform.h"
#include "t.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void sb(const char *line, int ok, const char *interp, const char *arg,
               int cr, const char *env_prog) {
  fsd_shebang_t s;
  char buf[256];
  T_CHECK(fsd_shebang(line, strlen(line), &s) == ok);
  if (!ok) return;
  snprintf(buf, sizeof(buf), "%.*s", (int)s.interp_len, s.interp);
  T_STREQ(buf, interp);
  if (arg == NULL) {
    T_CHECK(s.arg == NULL);
  } else {
    snprintf(buf, sizeof(buf), "%.*s", (int)s.arg_len, s.arg ? s.arg : "");
    T_STREQ(buf, arg);
  }
  T_CHECK(s.cr == cr);
  if (env_prog == NULL) {
    T_CHECK(s.env_prog == NULL);
  } else {
    snprintf(buf, sizeof(buf), "%.*s", (int)s.env_prog_len, s.env_prog ? s.env_prog : "");
    T_STREQ(buf, env_prog);
  }
}

static void shebangs(void) {
  sb("#!/bin/sh\necho", 1, "/bin/sh", NULL, 0, NULL);
  sb("#!/bin/sh\r\necho", 1, "/bin/sh\r", NULL, 1, NULL);
  /* after a blank the carriage return is an argument: /bin/sh runs */
  sb("#!/bin/sh \r\n", 1, "/bin/sh", "\r", 1, NULL);
  sb("#! /usr/bin/env  node \n", 1, "/usr/bin/env", "node", 0, "node");
  sb("#!/usr/bin/env node\r\n", 1, "/usr/bin/env", "node\r", 1, "node\r");
  sb("#!/usr/bin/env -S node --max-old-space-size=4096\n", 1, "/usr/bin/env",
     "-S node --max-old-space-size=4096", 0, "node");
  sb("#!/usr/bin/env -i PATH=/x python3\n", 1, "/usr/bin/env",
     "-i PATH=/x python3", 0, "python3");
  sb("#!/usr/bin/env\n", 1, "/usr/bin/env", NULL, 0, NULL);
  sb("#!/usr/bin/envy node\n", 1, "/usr/bin/envy", "node", 0, NULL);
  sb("#!/bin/bash -e", 1, "/bin/bash", "-e", 0, NULL);
  sb("#!", 0, NULL, NULL, 0, NULL);
  sb("#!   \n", 0, NULL, NULL, 0, NULL);
  sb("#!\r\n", 1, "\r", NULL, 1, NULL);
  sb("echo hi\n", 0, NULL, NULL, 0, NULL);
  sb("\x7f" "ELF", 0, NULL, NULL, 0, NULL);
  {
    fsd_shebang_t s;
    T_CHECK(fsd_shebang(NULL, 0, &s) == 0);
    T_CHECK(fsd_shebang("#!/bin/sh", 2, &s) == 0); /* only "#!" read */
  }
}

static void put(const char *path, const char *body, mode_t mode) {
  FILE *f = fopen(path, "wb");
  T_CHECK(f != NULL);
  if (f == NULL) return;
  fputs(body, f);
  fclose(f);
  chmod(path, mode);
}

static void programs(void) {
  char tmpl[] = "/tmp/fsd-program-XXXXXX", p[512], path_env[1100];
  char *d = mkdtemp(tmpl);
  fsd_arena_t *a = fsd_arena_new();
  fsd_program_t out;
  fsd_fail_t fail;
  T_CHECK(d != NULL && a != NULL);
  if (d == NULL || a == NULL) return;
  snprintf(p, sizeof(p), "%s/crlf", d);
  put(p, "#!/bin/sh\r\necho hi\r\n", 0755);
  snprintf(p, sizeof(p), "%s/nointerp", d);
  put(p, "#!/nonexistent/fsd-interp\n", 0755);
  snprintf(p, sizeof(p), "%s/envcr", d);
  put(p, "#!/usr/bin/env sh\r\n", 0755);
  snprintf(p, sizeof(p), "%s/plain", d);
  put(p, "#!/bin/sh\necho hi\n", 0644);
  snprintf(path_env, sizeof(path_env), "/nonexistent-fsd-dir:%s", d);
  /* sub/dup starts, d/dup's interpreter is missing: execvp goes on past
   * the one that fails with ENOENT */
  snprintf(p, sizeof(p), "%s/sub", d);
  T_CHECK(mkdir(p, 0755) == 0);
  snprintf(p, sizeof(p), "%s/dup", d);
  put(p, "#!/nonexistent/fsd-interp\n", 0755);
  snprintf(p, sizeof(p), "%s/sub/dup", d);
  put(p, "#!/bin/sh\n", 0755);

  memset(&fail, 0, sizeof(fail));
  T_CHECK(fsd_program(a, "crlf", path_env, NULL, d, &out, &fail) == 0);
  snprintf(p, sizeof(p), "%s/crlf", d);
  T_STREQ(out.found, p);
  T_CHECK(out.searched == 2);
  T_STREQ(out.interp, "/bin/sh\r");
  T_CHECK(out.interp_missing == 1 && out.cr == 1);

  T_CHECK(fsd_program(a, "nointerp", path_env, NULL, d, &out, &fail) == 0);
  T_STREQ(out.interp, "/nonexistent/fsd-interp");
  T_CHECK(out.interp_missing == 1 && out.cr == 0);

  /* env exists: the carriage return goes to the program env looks up. */
  T_CHECK(fsd_program(a, "envcr", path_env, NULL, d, &out, &fail) == 0);
  T_STREQ(out.interp, "/usr/bin/env");
  T_CHECK(out.interp_missing == 0);
  T_STREQ(out.env_prog, "sh\r");
  T_CHECK(out.env_prog_missing == 1);

  /* Not executable: passed over, and named. */
  T_CHECK(fsd_program(a, "plain", path_env, NULL, d, &out, &fail) == 0);
  T_CHECK(out.found == NULL);
  snprintf(p, sizeof(p), "%s/plain", d);
  T_STREQ(out.not_exec, p);

  {
    char two[1100];
    snprintf(two, sizeof(two), "%s:%s/sub", d, d);
    T_CHECK(fsd_program(a, "dup", two, NULL, d, &out, &fail) == 0);
    snprintf(p, sizeof(p), "%s/sub/dup", d);
    T_STREQ(out.found, p);
    T_CHECK(out.interp_missing == 0 && out.searched == 2);
    /* only the broken one: it is the answer */
    T_CHECK(fsd_program(a, "dup", d, NULL, d, &out, &fail) == 0);
    snprintf(p, sizeof(p), "%s/dup", d);
    T_STREQ(out.found, p);
    T_CHECK(out.interp_missing == 1);
    /* a relative PATH entry is under the working directory: absolute */
    T_CHECK(fsd_program(a, "dup", "sub", NULL, d, &out, &fail) == 0);
    snprintf(p, sizeof(p), "%s/sub/dup", d);
    T_STREQ(out.found, p);
  }
  T_CHECK(fsd_program(a, "fsd-no-such-program", path_env, NULL, d, &out, &fail) == 0);
  T_CHECK(out.found == NULL && out.searched == 2 && out.shim == NULL);

  /* An empty PATH entry is the working directory. */
  T_CHECK(fsd_program(a, "crlf", ":/nonexistent-fsd-dir", NULL, d, &out, &fail) == 0);
  T_CHECK(out.found != NULL && out.interp_missing == 1 && out.searched == 2);

  /* A name with a slash is not looked up; relative to cwd. */
  T_CHECK(fsd_program(a, "./crlf", "/nonexistent-fsd-dir", NULL, d, &out, &fail) == 0);
  T_CHECK(out.searched == -1 && out.found != NULL && out.interp_missing == 1);
  T_CHECK(fsd_program(a, "", path_env, NULL, d, &out, &fail) == EINVAL);

  /* Without PATH: libuv's default. */
  T_CHECK(fsd_program(a, "sh", NULL, NULL, d, &out, &fail) == 0);
  T_CHECK(out.found != NULL && out.searched >= 1);
  T_CHECK(fsd_program_val(a, &out) != NULL);

  {
    static const char *const made[] = {"crlf", "nointerp", "envcr", "plain", "dup", "sub/dup", NULL};
    size_t i;
    for (i = 0; made[i] != NULL; i++) {
      snprintf(p, sizeof(p), "%s/%s", d, made[i]);
      T_CHECK(unlink(p) == 0);
    }
    snprintf(p, sizeof(p), "%s/sub", d);
    T_CHECK(rmdir(p) == 0);
    T_CHECK(rmdir(d) == 0);
  }
  fsd_arena_free(a);
}

int main(void) {
  shebangs();
  programs();
  T_DONE("program");
}
