/* Quoting: one function per shell, used for every value that reaches a
 * command (kit_fill.c). Each covers every character its shell treats
 * specially; a value that a shell cannot be given safely (cmd cannot quote
 * a '%', '"', '!' or a control character) gets NULL, and the command is
 * then not shown for that shell. Control characters never reach a command
 * raw: bash and PowerShell get them as escapes, so the command printed is
 * the command pasted. */

#include "causes/kit.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* A byte sequence at s that is a control character: C0, DEL, C1 (UTF-8
 * C2 80..9F) or the line and paragraph separators (E2 80 A8/A9). Its
 * length, or 0. *cp gets the code point. */
static size_t fsd__ctl(const unsigned char *s, unsigned *cp) {
  if (s[0] < 0x20 || s[0] == 0x7f) {
    *cp = s[0];
    return 1;
  }
  if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f) {
    *cp = s[1];
    return 2;
  }
  if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9)) {
    *cp = s[2] == 0xa8 ? 0x2028 : 0x2029;
    return 3;
  }
  return 0;
}

int fsd__has_ctl(const char *v) {
  const unsigned char *s = (const unsigned char *)v;
  unsigned cp;
  for (; *s; s++)
    if (fsd__ctl(s, &cp)) return 1;
  return 0;
}

char *fsd__ctl_escape(fsd_arena_t *a, const char *v) {
  const unsigned char *s = (const unsigned char *)v;
  char *out = fsd_alloc(a, strlen(v) * 6 + 1), *o = out;
  size_t n;
  unsigned cp;
  if (out == NULL) return NULL;
  while (*s) {
    if ((n = fsd__ctl(s, &cp)) == 0) {
      *o++ = (char)*s++;
      continue;
    }
    s += n;
    if (cp == '\n') o += sprintf(o, "\\n");
    else if (cp == '\r') o += sprintf(o, "\\r");
    else if (cp == '\t') o += sprintf(o, "\\t");
    else if (cp == 0x1b) o += sprintf(o, "\\e");
    else if (cp < 0x100) o += sprintf(o, "\\x%02x", cp);
    else o += sprintf(o, "\\u%04x", cp);
  }
  *o = '\0';
  return out;
}

static int fsd__all_in(const char *v, const char *set) {
  if (*v == '\0') return 0;
  for (; *v; v++) {
    unsigned char ch = (unsigned char)*v;
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
          (ch >= '0' && ch <= '9') || strchr(set, ch) != NULL))
      return 0;
  }
  return 1;
}

/* Room for the worst case: every byte becomes six ("\\xHH" or "''") plus
 * the quotes. */
static char *fsd__qroom(fsd_arena_t *a, const char *v, size_t per) {
  return fsd_alloc(a, strlen(v) * per + 8);
}

/* The home directory a log abbreviated: "~" or "~/x" (and "~\\x", for
 * Windows' shells): the length of the "~" before the rest, or 0. */
static size_t fsd__home_tilde(const char *v, int backslash) {
  if (v[0] != '~') return 0;
  if (v[1] == '\0' || v[1] == '/' || (backslash && v[1] == '\\')) return 1;
  return 0;
}

/* "~name" of "~name/x": another user's home, when name is one a user can
 * have (a letter or '_' first, then letters, digits, '.', '_', '-'). Not
 * "~+", "~-" or "~2" (bash's directory stack). Its length, or 0. */
static size_t fsd__user_tilde(const char *v) {
  size_t i = 1;
  if (v[0] != '~' || !(isalpha((unsigned char)v[1]) || v[1] == '_')) return 0;
  while (isalnum((unsigned char)v[i]) || v[i] == '.' || v[i] == '_' || v[i] == '-') i++;
  return v[i] == '\0' || v[i] == '/' ? i : 0;
}

static char *fsd__quote_bash_word(fsd_arena_t *a, const char *v);

/* bash (and sh): single quotes, where nothing is special but the quote
 * itself ('\''); with a control character, $'...' with every byte that is
 * not printable ASCII as \xHH. Unquoted only for letters, digits and
 * _ . / : @ % + , = - (no ~, which expands at the start of a word and
 * after = or :). A log's "~/x" means the home directory: the tilde stays
 * outside the quotes ("~/'a b'"), so that bash expands it; so does
 * "~name/x", which bash expands to that user's home, or leaves as it is
 * when there is no such user (what quoting it would give anyway). */
char *fsd__quote_bash(fsd_arena_t *a, const char *v) {
  size_t t = fsd__home_tilde(v, 0);
  if (t == 0) t = fsd__user_tilde(v);
  if (t > 0) {
    const char *rest = "";
    if (v[t] == '/' && v[t + 1] != '\0' &&
        (rest = fsd__quote_bash_word(a, v + t + 1)) == NULL)
      return NULL;
    return fsd_printf(a, "%.*s%s%s", (int)t, v, v[t] == '/' ? "/" : "", rest);
  }
  return fsd__quote_bash_word(a, v);
}

static char *fsd__quote_bash_word(fsd_arena_t *a, const char *v) {
  const unsigned char *s = (const unsigned char *)v;
  char *out, *o;
  if (fsd__all_in(v, "_./:@%+,=-") && v[0] != '-' ) return (char *)v;
  out = o = fsd__qroom(a, v, 6);
  if (out == NULL) return NULL;
  if (fsd__has_ctl(v)) {
    *o++ = '$';
    *o++ = '\'';
    for (; *s; s++) {
      if (*s == '\\' || *s == '\'') {
        *o++ = '\\';
        *o++ = (char)*s;
      } else if (*s < 0x20 || *s >= 0x7f) {
        o += sprintf(o, "\\x%02x", *s);
      } else {
        *o++ = (char)*s;
      }
    }
    *o++ = '\'';
  } else {
    *o++ = '\'';
    for (; *s; s++) {
      if (*s == '\'') {
        memcpy(o, "'\\''", 4);
        o += 4;
      } else {
        *o++ = (char)*s;
      }
    }
    *o++ = '\'';
  }
  *o = '\0';
  return out;
}

/* The quote characters PowerShell's tokenizer takes for ' (U+2018, U+2019,
 * U+201A, U+201B) and for " (U+201C, U+201D, U+201E): their UTF-8 length at
 * s, or 0. */
static size_t fsd__ps_quote(const unsigned char *s, int dbl) {
  if (!dbl && s[0] == '\'') return 1;
  if (dbl && s[0] == '"') return 1;
  if (s[0] == 0xe2 && s[1] == 0x80) {
    if (!dbl && s[2] >= 0x98 && s[2] <= 0x9b) return 3;
    if (dbl && s[2] >= 0x9c && s[2] <= 0x9e) return 3;
  }
  return 0;
}

/* The inside of a PowerShell double-quoted string giving s: ` $ and the
 * double-quote characters escaped by a backtick, each control character
 * as $([char]0xHH). Writes at o; returns the end. */
static char *fsd__ps_dq(char *o, const unsigned char *s) {
  size_t n;
  unsigned cp;
  while (*s) {
    if ((n = fsd__ctl(s, &cp)) != 0) {
      o += sprintf(o, "$([char]0x%x)", cp);
      s += n;
      continue;
    }
    n = fsd__ps_quote(s, 1);
    if (n == 0 && (*s == '`' || *s == '$')) n = 1;
    if (n != 0) {
      *o++ = '`';
      memcpy(o, s, n);
      o += n;
      s += n;
      continue;
    }
    *o++ = (char)*s++;
  }
  return o;
}

/* PowerShell: single quotes, in which only the quote characters are
 * special, each doubled (about_Quoting_Rules); with a control character,
 * double quotes with ` $ and the double-quote characters escaped by a
 * backtick and each control character as $([char]0xHH), which Windows
 * PowerShell 5.1 reads too. Unquoted only for letters, digits and
 * _ . / \ : and - (not first: a parameter). A log's "~\x" or "~/x" is
 * the home directory: "$HOME\x" in double quotes, which every command
 * gets expanded (a cmdlet's provider would resolve a leading ~ itself,
 * a native program such as icacls would not). */
char *fsd__quote_powershell(fsd_arena_t *a, const char *v) {
  const unsigned char *s = (const unsigned char *)v;
  char *out, *o;
  size_t n, t = fsd__home_tilde(v, 1);
  if (t == 0 && fsd__all_in(v, "_./\\:-") && v[0] != '-') return (char *)v;
  out = o = fsd__qroom(a, v, 18);
  if (out == NULL) return NULL;
  if (t > 0) {
    memcpy(o, "\"$HOME", 6);
    o = fsd__ps_dq(o + 6, s + t);
    *o++ = '"';
  } else if (fsd__has_ctl(v)) {
    *o++ = '"';
    o = fsd__ps_dq(o, s);
    *o++ = '"';
  } else {
    *o++ = '\'';
    while (*s) {
      n = fsd__ps_quote(s, 0);
      if (n != 0) {
        memcpy(o, s, n);
        o += n;
        memcpy(o, s, n);
        o += n;
        s += n;
        continue;
      }
      *o++ = (char)*s++;
    }
    *o++ = '\'';
  }
  *o = '\0';
  return out;
}

/* cmd.exe: double quotes, inside which & | < > ( ) ^ , ; = and spaces are
 * plain. cmd expands %VAR% even inside quotes (and !VAR! where delayed
 * expansion is on) and a quote cannot be escaped inside quotes, so a value
 * with % ! " or a control character cannot be given to cmd: NULL. A
 * trailing backslash is doubled, so that a program's own parsing does not
 * read \" as a quote. Unquoted only for letters, digits and _ . \ : -
 * (not / , which starts a switch). */
static char *fsd__quote_cmd_word(fsd_arena_t *a, const char *v) {
  size_t n = strlen(v), tail = 0;
  char *out;
  if (strpbrk(v, "%!\"") != NULL || fsd__has_ctl(v)) return NULL;
  if (fsd__all_in(v, "_.\\:-") && v[0] != '-' && v[n - 1] != '\\')
    return (char *)v;
  while (tail < n && v[n - 1 - tail] == '\\') tail++;
  out = fsd_alloc(a, n + tail + 3);
  if (out == NULL) return NULL;
  out[0] = '"';
  memcpy(out + 1, v, n);
  memset(out + 1 + n, '\\', tail);
  out[1 + n + tail] = '"';
  out[2 + n + tail] = '\0';
  return out;
}

/* A log's "~\x": cmd never expands ~, but it does %USERPROFILE%, inside
 * quotes too: "%USERPROFILE%\x", when cmd can be given the rest. */
char *fsd__quote_cmd(fsd_arena_t *a, const char *v) {
  size_t t = fsd__home_tilde(v, 1);
  const char *q;
  if (t == 0) return fsd__quote_cmd_word(a, v);
  if (v[t] == '\0' || v[t + 1] == '\0') return fsd_printf(a, "\"%%USERPROFILE%%\"");
  q = fsd__quote_cmd_word(a, v + t + 1);
  if (q == NULL) return NULL;
  return q[0] == '"' ? fsd_printf(a, "\"%%USERPROFILE%%\\%s", q + 1)
                     : fsd_printf(a, "\"%%USERPROFILE%%\\%s\"", q);
}

char *fsd__quote(fsd_arena_t *a, const char *v, const char *shell, int win) {
  if (v == NULL) return NULL;
  if (fsd__is(shell, "bash") || (shell == NULL && !win))
    return fsd__quote_bash(a, v);
  if (fsd__is(shell, "powershell")) return fsd__quote_powershell(a, v);
  if (fsd__is(shell, "cmd")) return fsd__quote_cmd(a, v);
  /* Any Windows shell: what reads the same in PowerShell and cmd. Plain
   * double quotes do, when the value has nothing either shell expands in
   * them. */
  {
    const unsigned char *s = (const unsigned char *)v;
    char *c = fsd__quote_cmd(a, v);
    size_t n = strlen(v);
    /* ~ is $HOME in one and %USERPROFILE% in the other */
    if (fsd__home_tilde(v, 1)) return NULL;
    /* A trailing backslash is doubled for cmd's programs but would stay
     * doubled in PowerShell. */
    if (c == NULL || strpbrk(v, "$`'") != NULL || (n && v[n - 1] == '\\'))
      return NULL;
    for (; *s; s++)
      if (fsd__ps_quote(s, 0) || fsd__ps_quote(s, 1)) return NULL;
    return c;
  }
}
