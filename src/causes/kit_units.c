/* A systemd service in a log (protected-location's unit sandboxing): the
 * unit a log names, journald's line of a service, a unit name fit for a
 * command. Text only. */

#include "causes/kit.h"

#include <ctype.h>
#include <string.h>

/* The systemd unit a log names, as a whole token: "<name>.service" (not
 * user.service.ts, a.b.service, foo.service.d nor a path's). NULL if none. */
const char *fsd__unit_said(fsd__ctx_t *c) {
  const char *t = c->err->text, *e;
  size_t n = c->err->text_len, b;
  if (t == NULL) return NULL;
  for (e = t; e + 8 <= t + n; e++) {
    const char *after = e + 8;
    if (memcmp(e, ".service", 8) != 0) continue;
    if (after < t + n && (isalnum((unsigned char)*after) || *after == '-' ||
                          *after == '_' || *after == '/' ||
                          (*after == '.' && after + 1 < t + n &&
                           isalnum((unsigned char)after[1]))))
      continue;
    for (b = (size_t)(e - t); b > 0 && (isalnum((unsigned char)t[b - 1]) ||
                                       t[b - 1] == '-' || t[b - 1] == '_' ||
                                       t[b - 1] == '@');
         b--)
      ;
    /* a unit file's path names its unit (/etc/systemd/system/x.service) */
    if (t + b == e || (b > 0 && (t[b - 1] == '.' || t[b - 1] == '\\' ||
                                 (t[b - 1] == '/' &&
                                  !(b >= 9 && memcmp(t + b - 9, "/systemd/", 9) == 0) &&
                                  !(b >= 8 && memcmp(t + b - 8, "/system/", 8) == 0)))))
      continue;
    return fsd_strndup(c->a, t + b, (size_t)(e - t - b));
  }
  return NULL;
}

/* journald's "Jan 11 08:05:46 host name[pid]:" opening the error's own
 * line: what a service printed (its name is a process's, not a unit's). */
int fsd__journal_line(const char *m) {
  size_t k = m != NULL ? strlen(m) : 0;
  const char *w, *br;
  if (k <= 20 || !isupper((unsigned char)m[0]) || m[3] != ' ' || m[9] != ':' ||
      m[12] != ':')
    return 0;
  w = memchr(m + 16, ' ', k - 16);
  if (w == NULL) return 0;
  br = memchr(w, '[', k - (size_t)(w - m));
  static const char *const session[] = {"systemd", "sudo", "su", "cron", "CRON",
                                        "sshd", "login", "gnome-shell",
                                        "kernel", "polkitd", "dbus-daemon", NULL};
  size_t i;
  if (br == NULL || br <= w + 1 || memchr(w + 1, ' ', (size_t)(br - w - 1)) != NULL ||
      memchr(br, ']', k - (size_t)(br - m)) == NULL)
    return 0;
  /* a session's or the system's own programs run as no service's unit */
  for (i = 0; session[i] != NULL; i++)
    if ((size_t)(br - w - 1) == strlen(session[i]) &&
        memcmp(w + 1, session[i], strlen(session[i])) == 0)
      return 0;
  return 1;
}

/* A unit name fit for a command: letters, digits, - _ @ . only. */
int fsd__safe_unit(const char *u) {
  size_t i;
  for (i = 0; u[i]; i++)
    if (!isalnum((unsigned char)u[i]) && !strchr("-_@.", u[i])) return 0;
  return i > 0 && i < 64 && u[0] != '-';
}
