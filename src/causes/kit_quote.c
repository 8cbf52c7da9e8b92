/* Quoting: one function per shell, used for every value that reaches a
 * command (kit_fill.c). Each covers every character its shell treats
 * specially; a value that a shell cannot be given safely (cmd cannot quote
 * a '%', '"', '!' or a control character) gets NULL, and the command is
 * then not shown for that shell. Control characters never reach a command
 * raw: bash and PowerShell get them as escapes, so the command printed is
 * the command pasted. */

#include "causes/kit.h"

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

/* bash (and sh): single quotes, where nothing is special but the quote
 * itself ('\''); with a control character, $'...' with every byte that is
 * not printable ASCII as \xHH. Unquoted only for letters, digits and
 * _ . / : @ % + , = - (no ~, which expands at the start of a word and
 * after = or :). */
char *fsd__quote_bash(fsd_arena_t *a, const char *v) {
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

/* PowerShell: single quotes, in which only the quote characters are
 * special, each doubled (about_Quoting_Rules); with a control character,
 * double quotes with ` $ and the double-quote characters escaped by a
 * backtick and each control character as $([char]0xHH), which Windows
 * PowerShell 5.1 reads too. Unquoted only for letters, digits and
 * _ . / \ : and - (not first: a parameter). */
char *fsd__quote_powershell(fsd_arena_t *a, const char *v) {
  const unsigned char *s = (const unsigned char *)v;
  char *out, *o;
  size_t n;
  unsigned cp;
  if (fsd__all_in(v, "_./\\:-") && v[0] != '-') return (char *)v;
  out = o = fsd__qroom(a, v, 18);
  if (out == NULL) return NULL;
  if (fsd__has_ctl(v)) {
    *o++ = '"';
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
char *fsd__quote_cmd(fsd_arena_t *a, const char *v) {
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
    /* A trailing backslash is doubled for cmd's programs but would stay
     * doubled in PowerShell. */
    if (c == NULL || strpbrk(v, "$`'") != NULL || (n && v[n - 1] == '\\'))
      return NULL;
    for (; *s; s++)
      if (fsd__ps_quote(s, 0) || fsd__ps_quote(s, 1)) return NULL;
    return c;
  }
}
