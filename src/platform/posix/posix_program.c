/* program() for Linux and macOS: the lookup execvp and libuv's spawn make
 * (each PATH directory in turn, an empty entry meaning the working
 * directory; a name with a slash is taken as it is), then what the kernel
 * does with a script: the interpreter of its "#!" line must exist, or
 * execve fails with ENOENT although the script is there. Only stats and
 * one short read of the file found. */
#define _GNU_SOURCE
#include "parse/shebang.h"
#include "platform/posix/unix.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* Without PATH, libuv searches _PATH_DEFPATH. */
#define FSD__DEFAULT_PATH "/usr/bin:/bin"
/* Linux reads up to 256 bytes of a "#!" line (BINPRM_BUF_SIZE). */
#define FSD__HEAD 256

/* 1: a regular file this process may execute; 2: one it may not; 0:
 * nothing usable there. *denied: the lookup was refused (EACCES). */
static int fsd__candidate(const char *p, int *denied) {
  struct stat st;
  if (stat(p, &st) != 0) {
    if (errno == EACCES) *denied = 1;
    return 0;
  }
  if (!S_ISREG(st.st_mode)) return 0;
  return access(p, X_OK) == 0 ? 1 : 2;
}

/* dir/name, made absolute: an empty or relative PATH entry is under the
 * working directory (execvp's lookup is relative to it). */
static char *fsd__join(fsd_arena_t *a, const char *dir, size_t n,
                       const char *name, const char *cwd) {
  const char *c = cwd ? cwd : ".";
  if (n == 0) return fsd_printf(a, "%s/%s", c, name);
  return fsd_printf(a, "%s%s%.*s%s%s", dir[0] == '/' ? "" : c,
                    dir[0] == '/' ? "" : "/", (int)n, dir,
                    dir[n - 1] == '/' ? "" : "/", name);
}

static int fsd__script(fsd_arena_t *a, const char *path_env, const char *cwd,
                       fsd_program_t *out);

/* Looks name up on path_env as execvp does: an executable file whose start
 * fails with ENOENT (its "#!" interpreter is missing) is passed over for
 * the next directory, so *out gets the first file that starts, else the
 * first such script (scripts: read "#!" lines; env's own lookup does not).
 * not_exec is the first file met that may not be executed. */
static int fsd__search(fsd_arena_t *a, const char *name, const char *path_env,
                       const char *cwd, fsd_program_t *out, int scripts) {
  const char *s = path_env ? path_env : FSD__DEFAULT_PATH, *e;
  fsd_program_t bad, t;
  int have_bad = 0;
  memset(&bad, 0, sizeof(bad));
  for (;; s = e + 1) {
    int denied = 0, r;
    char *p;
    e = strchr(s, ':');
    if (e == NULL) e = s + strlen(s);
    p = fsd__join(a, s, (size_t)(e - s), name, cwd);
    if (p == NULL) return ENOMEM;
    out->searched++;
    r = fsd__candidate(p, &denied);
    out->unsearchable += denied;
    if (r == 2 && out->not_exec == NULL) out->not_exec = p;
    if (r == 1) {
      t = *out;
      t.found = p;
      if (scripts && fsd__script(a, path_env, cwd, &t) != 0) return ENOMEM;
      if (t.interp_missing != 1) {
        *out = t;
        return 0;
      }
      if (!have_bad) bad = t, have_bad = 1;
    }
    if (*e == '\0') break;
  }
  if (have_bad) {
    bad.searched = out->searched;
    bad.unsearchable = out->unsearchable;
    bad.not_exec = out->not_exec;
    *out = bad;
  }
  return 0;
}

static int fsd__exists(const char *p) {
  struct stat st;
  return stat(p, &st) == 0;
}

/* The "#!" line of the file found, and whether what it names exists. */
static int fsd__script(fsd_arena_t *a, const char *path_env, const char *cwd,
                       fsd_program_t *out) {
  char buf[FSD__HEAD];
  ssize_t n;
  fsd_shebang_t sb;
  int fd = open(out->found, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return 0;
  n = read(fd, buf, sizeof(buf));
  close(fd);
  if (n <= 0 || !fsd_shebang(buf, (size_t)n, &sb)) return 0;
  out->cr = sb.cr;
  out->interp = fsd_strndup(a, sb.interp, sb.interp_len);
  if (out->interp == NULL) return ENOMEM;
  out->interp_missing = !fsd__exists(out->interp);
  if (sb.env_prog == NULL || out->interp_missing) return 0;
#ifdef __linux__
  /* Linux hands env the rest of the line as one argument: without -S,
   * "node --flag" is the name env looks for. */
  if (memchr(sb.arg, ' ', sb.arg_len) != NULL && sb.arg[0] != '-') {
    sb.env_prog = sb.arg;
    sb.env_prog_len = sb.arg_len;
  }
#endif
  /* env then looks the program up, carriage return and all when it ends
   * the line. */
  {
    fsd_program_t inner;
    out->env_prog = fsd_strndup(a, sb.env_prog, sb.env_prog_len);
    if (out->env_prog == NULL) return ENOMEM;
    if (strchr(out->env_prog, '/') != NULL) {
      out->env_prog_missing = !fsd__exists(out->env_prog);
      return 0;
    }
    memset(&inner, 0, sizeof(inner));
    if (fsd__search(a, out->env_prog, path_env, cwd, &inner, 0) != 0)
      return ENOMEM;
    out->env_prog_missing = inner.found == NULL;
  }
  return 0;
}

int fsd_program(fsd_arena_t *a, const char *name, const char *path_env,
                const char *pathext, const char *cwd, fsd_program_t *out,
                fsd_fail_t *fail) {
  (void)pathext;
  if (fsd_program_start(name, out, fail) != 0) return EINVAL;
  if (strchr(name, '/') != NULL) {
    int denied = 0, r;
    const char *p = name[0] == '/' ? name : fsd__join(a, cwd, cwd ? strlen(cwd) : 0, name, cwd);
    if (p == NULL) return fsd_fail_oom(fail), ENOMEM;
    out->searched = -1;
    r = fsd__candidate(p, &denied);
    out->unsearchable = denied;
    if (r == 2) out->not_exec = p;
    if (r == 1) {
      out->found = p;
      if (fsd__script(a, path_env, cwd, out) != 0) return fsd_fail_oom(fail), ENOMEM;
    }
  } else if (fsd__search(a, name, path_env, cwd, out, 1) != 0) {
    return fsd_fail_oom(fail), ENOMEM;
  }
  return fsd_arena_oom(a) ? (fsd_fail_oom(fail), ENOMEM) : 0;
}
