/* What a system call does to its paths: the one table the placeholders,
 * the rules and the guard read, so that evidence and fixes concern the
 * side the failure is about (the destination's filesystem for a copy that
 * ran out of space, the destination's parent for a rename that met a
 * subdirectory limit) and the source of a rename, link or copy is never
 * what a fix removes. */

#include "causes/kit.h"

static const struct {
  const char *syscall;
  unsigned char path, dest;
} fsd__touch_table[] = {
    {"rename", FSD__TOUCH_REMOVE, FSD__TOUCH_CREATE},
    {"link", FSD__TOUCH_READ, FSD__TOUCH_CREATE},
    {"symlink", FSD__TOUCH_NONE, FSD__TOUCH_CREATE},
    {"copyfile", FSD__TOUCH_READ, FSD__TOUCH_CREATE},
    {"cp", FSD__TOUCH_READ, FSD__TOUCH_CREATE},
    {"open", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"write", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"writeFile", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"appendFile", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"truncate", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"ftruncate", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"fsync", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"utime", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"futime", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"lutimes", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"chmod", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"fchmod", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"lchmod", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"chown", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"fchown", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"lchown", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"mkdir", FSD__TOUCH_CREATE, FSD__TOUCH_NONE},
    {"mkdtemp", FSD__TOUCH_CREATE, FSD__TOUCH_NONE},
    {"rmdir", FSD__TOUCH_REMOVE, FSD__TOUCH_NONE},
    {"unlink", FSD__TOUCH_REMOVE, FSD__TOUCH_NONE},
    {"rm", FSD__TOUCH_REMOVE, FSD__TOUCH_NONE},
    {"read", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"scandir", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"readdir", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"opendir", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"stat", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"lstat", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"fstat", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"access", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"readlink", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"realpath", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"watch", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {NULL, FSD__TOUCH_WRITE, FSD__TOUCH_CREATE}};

void fsd__touches(const char *syscall, fsd__touch_t *out) {
  size_t i;
  for (i = 0; fsd__touch_table[i].syscall != NULL; i++)
    if (fsd__is(syscall, fsd__touch_table[i].syscall)) break;
  /* An unknown call (a tool's own name, none at all): the path may be
   * written, a destination created. */
  out->path = fsd__touch_table[i].path;
  out->dest = fsd__touch_table[i].dest;
}

int fsd__dest_side(const char *syscall, int has_dest) {
  fsd__touch_t t;
  fsd__touches(syscall, &t);
  return has_dest &&
         (t.dest == FSD__TOUCH_CREATE || t.dest == FSD__TOUCH_WRITE);
}

int fsd__source_call(const char *syscall) {
  fsd__touch_t t;
  fsd__touches(syscall, &t);
  return t.dest == FSD__TOUCH_CREATE;
}
