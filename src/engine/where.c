/* Where an error happened and whether it can be measured here: the one
 * place that decides both, for the addon and the WebAssembly build alike.
 * A pasted error says where it happened with its paths (C:\ and UNC are
 * Windows, /mnt/<d>/ is WSL, /Users/ is macOS) and its errno (libuv's
 * Windows numbers are -4000 and below); an error of this process happened
 * on this machine. */

#include "causes/kit.h"
#include "engine/diagnose.h"
#include "parse/errtext.h"

#include <ctype.h>
#include <string.h>

/* A drive letter, or a UNC path written with either separator. */
static int fsd__win_shaped(const char *p) {
  return (isalpha((unsigned char)p[0]) && p[1] == ':') ||
         ((p[0] == '\\' || p[0] == '/') && (p[1] == '\\' || p[1] == '/'));
}

/* A path that names a place on this machine: absolute for the host, or,
 * for an error of this process, relative to it. */
static int fsd__here(const char *p, const char *host, int from_text) {
  if (p == NULL) return 1;
  if (fsd__is(host, "win32")) {
    if (fsd__win_shaped(p) && (p[1] != ':' || p[2] == '\\' || p[2] == '/'))
      return 1;
  } else if (p[0] == '/') {
    return 1;
  }
  return !from_text && !fsd__win_shaped(p);
}

/* A small stand-in for fsd_path_platform for the shapes it leaves out:
 * any drive letter, and /mnt/<d> itself. */
static const char *fsd__shape_platform(const char *p) {
  if (p == NULL) return NULL;
  if (fsd__win_shaped(p)) return "win32";
  if (strncmp(p, "/mnt/", 5) == 0 && isalpha((unsigned char)p[5]) &&
      (p[6] == '/' || p[6] == '\0'))
    return "wsl";
  return NULL;
}

static int fsd__known(const char *p) {
  return fsd__is(p, "linux") || fsd__is(p, "darwin") || fsd__is(p, "win32") ||
         fsd__is(p, "wsl");
}

void fsd_where(const fsd_error_t *err, const fsd_where_in_t *in,
               fsd_where_t *out) {
  const char *host = in->host != NULL ? in->host : "linux";
  const char *p;
  if (in->live >= 0) {
    out->live = in->live != 0;
  } else {
    /* Measured only when nothing says it happened elsewhere and every path
     * names a place here; pasted text is measured only on request. */
    int can = in->can_measure && in->platform == NULL &&
              fsd__here(err->path, host, in->from_text) &&
              fsd__here(err->dest, host, in->from_text);
    out->live =
        in->want_live < 0 ? can && !in->from_text : in->want_live && can;
  }
  if (fsd__known(in->platform)) {
    out->platform = in->platform;
    return;
  }
  if (fsd__known(err->platform)) {
    out->platform = err->platform;
    return;
  }
  if (out->live) {
    out->platform = in->is_wsl == 1 ? "wsl" : host;
    return;
  }
  p = fsd_path_platform(err->path);
  if (p == NULL) p = fsd_path_platform(err->dest);
  if (p == NULL) p = fsd__shape_platform(err->path);
  if (p == NULL) p = fsd__shape_platform(err->dest);
  if (p == NULL && err->has_errno && err->errnum <= -3000) p = "win32";
  if (p == NULL) p = fsd_sep_platform(err->path);
  if (p == NULL) p = fsd_sep_platform(err->dest);
  out->platform = p != NULL ? p : host;
}
