/* invalid-name: a name the filesystem will not hold. Windows refuses the
 * characters < > : " | ? * and control characters in a name, and the
 * device names CON, PRN, AUX, NUL, COM1-9 and LPT1-9 (with any extension;
 * a dot or space at a name's end it drops without a word); libuv reports its ERROR_INVALID_NAME as
 * ENOENT, git says "invalid path" or "Invalid argument". On Linux and macOS
 * a FAT or exFAT volume (a USB stick, an SD card) and NTFS mounted with
 * windows_names refuse the same characters with EINVAL. The name comes
 * from somewhere else: a repository made on Linux or macOS, a tool that
 * builds file names from task names or URLs. The way out is renaming it
 * where it comes from, or working on a filesystem that holds it; nothing
 * here is a permission or a missing file. */

#include "causes/kit.h"

#include <ctype.h>
#include <string.h>

static const char *const fsd__name_codes[] = {
    "ENOENT", "EINVAL", "UNKNOWN", "EILSEQ", "EPERM", "ENOTDIR", NULL};

/* Measured on Linux and macOS: which filesystem refused the name. */
static const char *const fsd__fs_codes[] = {"EINVAL", "EILSEQ", "EPERM", NULL};

const fsd__want_t fsd__wants_invalid_name[] = {
    {FSD__PROBE_FS, fsd__fs_codes, NULL, 0, NULL},
    {FSD__PROBE_WIN32, fsd__name_codes, NULL, FSD__WANT_WIN32, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_invalid_name[] = {
    {"all", NULL, NULL, NULL,
     "{badname} is not a name this filesystem can hold: {badwhy}. Rename it "
     "where it comes from (the repository or the tool that makes the name), "
     "or work on a filesystem that holds it (ext4 or APFS; on Windows, "
     "WSL's own filesystem). Nothing needs new permissions, and nothing is "
     "missing.",
     {FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "gitpath",
     "git refuses to check out a path Windows cannot hold (core.protectNTFS). "
     "A sparse checkout that leaves {badname} out gets the rest of the "
     "repository; the lasting fix is renaming it in the repository.",
     {FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, NULL, "See which filesystem the folder is on.",
     {FSD__I("findmnt -T {dir}"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, NULL, "Look at the folder.",
     {FSD__I("Get-ChildItem -Force -LiteralPath {dir}"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* How a name is judged: Windows' rules on a Windows path (a drive, '\'
 * separates), or on a POSIX path the rules of the volume: FAT's characters
 * (where '\' is one), NTFS's characters and device names. */
enum { FSD__WIN, FSD__FAT, FSD__NTFS };

/* The rules a filesystem measured on Linux or macOS keeps for names, or -1
 * when it holds any name but '/' and NUL. fusefat answers EPERM. */
static int fsd__fs_rules(const fsd_fsinfo_t *f) {
  switch (fsd__dos_fs(f)) {
    case FSD__VOL_FAT: return FSD__FAT;
    case FSD__VOL_NTFS: return FSD__NTFS;
    default: return -1;
  }
}

/* Windows' device names, with or without an extension: "aux", "CON.txt",
 * "lpt1.js". n: the component's length. */
static int fsd__device_name(const char *s, size_t n) {
  static const char *const dev[] = {"con", "prn", "aux", "nul", NULL};
  size_t i, stem = 0;
  char low[5];
  while (stem < n && s[stem] != '.') stem++;
  while (stem > 0 && s[stem - 1] == ' ') stem--;
  if (stem != 3 && stem != 4) return 0;
  for (i = 0; i < stem; i++)
    low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
  low[stem] = '\0';
  if (stem == 3) {
    for (i = 0; dev[i] != NULL; i++)
      if (strcmp(low, dev[i]) == 0) return 1;
    return 0;
  }
  return (strncmp(low, "com", 3) == 0 || strncmp(low, "lpt", 3) == 0) &&
         low[3] >= '1' && low[3] <= '9';
}

/* What git's paths (always '/') hold and a Windows checkout cannot: a
 * backslash inside a name, a name ending in a space or a dot. */
static const char *fsd__git_name(const char *p, size_t *at, size_t *len) {
  size_t i = 0, s, n = strlen(p);
  while (i < n) {
    while (i < n && p[i] == '/') i++;
    for (s = i; i < n && p[i] != '/'; i++)
      ;
    if (i == s) break;
    *at = s;
    *len = i - s;
    if (memchr(p + s, '\\', i - s) != NULL)
      return "Windows reads the backslash in this name as a folder separator";
    if ((p[i - 1] == ' ' || p[i - 1] == '.') &&
        !((i - s == 1 || i - s == 2) && p[s] == '.' && p[i - 1] == '.'))
      return "Windows drops a space or a dot that ends a name, so the name "
             "cannot be checked out as it is";
  }
  return NULL;
}

static const char fsd__why_colon[] =
    "Windows keeps ':' for a drive and a file's alternate data streams";

/* The first component of path that the rules refuse: its start and length
 * in *at and *len, and why (a phrase). NULL when every name is fine. */
static const char *fsd__bad_name(const char *p, int rules, size_t *at,
                                 size_t *len) {
  size_t i = 0, j, s, n = strlen(p);
  int win = rules == FSD__WIN;
  if (strstr(p, "://") != NULL) return NULL; /* a URL, not a path */
  if (win) {
    if (strncmp(p, "\\\\?\\", 4) == 0 || strncmp(p, "\\\\.\\", 4) == 0 ||
        strncmp(p, "//?/", 4) == 0 || strncmp(p, "\\??\\", 4) == 0)
      i = 4;
    if (isalpha((unsigned char)p[i]) && p[i + 1] == ':')
      i += 2;
  }
  while (i < n) {
    while (i < n && (p[i] == '/' || (win && p[i] == '\\'))) i++;
    s = i;
    while (i < n && p[i] != '/' && !(win && p[i] == '\\')) i++;
    if (i == s) break;
    *at = s;
    *len = i - s;
    for (j = s; j < i; j++) {
      unsigned char ch = (unsigned char)p[j];
      if (ch < 0x20) return "it holds a control character";
      /* a drive named twice ("E:\E:\site", the unknown rule's) or in a
       * command line ("net use z: //srv"): not a name */
      if (ch == ':' && win) {
        if ((i - s == 2 && j == s + 1) ||
            (j >= s + 2 && p[j - 2] == ' ' && isalpha((unsigned char)p[j - 1])))
          break;
        return fsd__why_colon;
      }
      if (strchr("<>:\"|?*", ch) != NULL || (!win && ch == '\\'))
        return win ? "Windows refuses the characters < > : \" | ? * in a name"
                   : rules == FSD__FAT
                         ? "FAT and exFAT refuse the characters < > : \" | ? "
                           "* and \\ in a name"
                         : "NTFS kept to Windows' names refuses the "
                           "characters < > : \" | ? * and \\ in a name";
    }
    if (rules != FSD__FAT && fsd__device_name(p + s, i - s))
      return "Windows keeps CON, PRN, AUX, NUL, COM1-9 and LPT1-9 for "
             "devices, with any extension";
  }
  return NULL;
}

/* Windows' own words for ERROR_INVALID_NAME on the error's line, or its
 * number: the text itself says a name was refused. */
static int fsd__invalid_name_said(fsd__ctx_t *c) {
  static const char *const said[] = {
      "label syntax is incorrect", "volumelabel syntax", "卷标语法不正确",
      "winerror 123]", "os error 123)", "error 123:", "windows reserved",
      "illegal char <", "specified device name is invalid", NULL};
  const char *m = c->err->message;
  size_t i;
  for (i = 0; said[i] != NULL; i++)
    if ((m != NULL && fsd__has(m, said[i])) ||
        (m == NULL && fsd__said(c, said[i])))
      return 1;
  return 0;
}

/* A place a FAT, exFAT or NTFS volume is mounted on Linux (a USB stick,
 * a card), or a log that names one; never the kernel's own trees. */
static int fsd__dos_place(fsd__ctx_t *c) {
  const char *p = c->path;
  if (strncmp(p, "/sys/", 5) == 0 || strncmp(p, "/proc/", 6) == 0 ||
      strncmp(p, "/dev/", 5) == 0 ||
      (strncmp(p, "/run/", 5) == 0 && strncmp(p, "/run/media/", 11) != 0))
    return 0;
  if (fsd__removable_place(p)) return 1;
  return fsd__fat_said(c) || fsd__said_word(c, "ntfs");
}

/* A Windows path: a drive or a share. */
static int fsd__windows_path(const char *p) {
  return (isalpha((unsigned char)p[0]) && p[1] == ':') ||
         (p[0] == '\\' && p[1] == '\\');
}

/* A name no Windows file can have: one of * < > | " or a ':' that is no
 * stream's (":Zone.Identifier", "::$DATA"). A '?' is as often a URL's query
 * left on a path, and a device name (con.d.ts) Windows 11 allows. */
static int fsd__never_windows(const char *name, size_t len) {
  const char *colon = memchr(name, ':', len);
  size_t i;
  for (i = 0; i < len; i++)
    if (strchr("*<>|\"", name[i]) != NULL && name[i] != '\0') return 1;
  if (colon == NULL) return 0;
  return !fsd__has(colon, ":zone.identifier") && !fsd__has(colon, "$data");
}

void fsd__rule_invalid_name(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs;
  const char *why, *np = c->path;
  size_t at = 0, len = 0, d;
  int git = c->err->message != NULL ? fsd__has(c->err->message, "invalid path")
                                    : fsd__said(c, "error: invalid path");
  int said = c->win && fsd__invalid_name_said(c);
  int rules, measured = 0;
  double conf;
  fsd__cand_t *k;
  if (!fsd__one_of(c->code, fsd__name_codes)) return;
  if (FSD__CODE("ENOTDIR")) {
    /* ERROR_DIRECTORY (267) from creating a directory: Windows read a ':'
     * in the new name as a stream's ("Album: Live"); a file in the way
     * answers 183 or 3 instead */
    const char *m = c->err->message;
    if (c->win && !c->live && (FSD__SYS("mkdir") || c->syscall[0] == '\0') &&
        (FSD__SYS("mkdir") || fsd__said(c, "makedirs") || fsd__said(c, "mkdir") ||
         /* or the name has a ':' past the drive's */
         (c->path != NULL && strlen(c->path) > 2 && strchr(c->path + 2, ':') != NULL)) &&
        m != NULL && (fsd__has(m, "winerror 267]") || fsd__has(m, "error 267") ||
                      fsd__has(m, "directory name is invalid")))
      fsd__guess(c, FSD_CAUSE_INVALID_NAME, 0.82,
                 "Creating a directory failed with ERROR_DIRECTORY (267): "
                 "most often a name with a character Windows does not "
                 "allow (a ':' is read as a stream's name).");
    return;
  }
  if (c->path == NULL) {
    /* ERROR_BAD_DEVICE (1200): a device name as a file's; net use's own
     * "System error 1200" is a drive letter it was given */
    int dev = fsd__said(c, "specified device name is invalid");
    if (dev && (fsd__said(c, "net use") || fsd__said(c, "system error 1200")))
      return;
    /* a sync client's own check: a name the server holds and Windows
     * cannot (a trailing space or dot, < > : " | ? *) */
    if (c->win && !c->live && FSD__CODE("EINVAL") &&
        fsd__said(c, "invalid characters that can not be synced")) {
      fsd__guess(c, FSD_CAUSE_INVALID_NAME, 0.8,
                 "The sync client refused a name Windows cannot hold: one "
                 "ending in a space or a dot, or with < > : \" | ? *. "
                 "Rename it on the server or another machine.");
      return;
    }
    /* cmd.exe, Python or Rust giving ERROR_INVALID_NAME with no name */
    if (!said || !(FSD__CODE("ENOENT") || (dev && FSD__CODE("EINVAL"))))
      return;
    fsd__guess(c, FSD_CAUSE_INVALID_NAME, 0.8,
               dev ? "Windows refused a device name where a file's name "
                     "belongs (ERROR_BAD_DEVICE, 1200): a file or folder "
                     "named CON, PRN, AUX, NUL, COM1-9 or LPT1-9, with any "
                     "extension, cannot be made there."
                   : "Windows refused a name as invalid (ERROR_INVALID_NAME, "
                     "123): a character it does not allow (< > : \" | ? *) "
                     "or a device name (CON, NUL, AUX ...) in a path or in "
                     "the command.");
    return;
  }
  /* a paste that hid a part ("<user>", "...") says nothing of its names */
  int elided = fsd__elided(c->path);
  if (c->win) {
    if (FSD__CODE("EPERM")) return;
    rules = FSD__WIN;
    /* ENOENT is every missing file too: a strange name outranks that only
     * where Windows said the name was invalid (a ':' may be a stream, a
     * '?' a URL's query left on a path, NUL.txt is allowed on Windows 11) */
    conf = !FSD__CODE("ENOENT") || said ? 0.85 : 0.5;
  } else if (git || fsd__windows_path(c->path)) {
    /* git refuses these names only on Windows; a Windows path here is
     * another machine's */
    return;
  } else if (c->live && f != NULL) {
    /* ext4, APFS and the like hold these names: only a FAT or NTFS volume
     * measured here (fusefat answers EPERM, the kernel's vfat EINVAL) */
    rules = fsd__fs_rules(f);
    if (rules < 0 || FSD__CODE("ENOENT") || FSD__CODE("UNKNOWN")) return;
    measured = 1;
    conf = 0.95;
  } else {
    /* text only: a volume that keeps Windows' rules must show; macOS maps
     * ':' in POSIX names, so only Linux */
    if ((!FSD__CODE("EINVAL") && !FSD__CODE("EILSEQ") &&
         !(FSD__CODE("EPERM") && fsd__android_storage(c->path))) ||
        fsd__is(c->platform, "darwin") || !fsd__dos_place(c))
      return;
    rules = FSD__NTFS;
    conf = 0.7;
  }
  why = fsd__bad_name(np, rules, &at, &len);
  /* a rename, link or copy creates its destination's name */
  if (why == NULL && c->dest != NULL && !c->live &&
      (FSD__SYS("rename") || FSD__SYS("link") || FSD__SYS("symlink") ||
       FSD__SYS("copyfile"))) {
    size_t dat = 0, dlen = 0;
    if ((why = fsd__bad_name(c->dest, rules, &dat, &dlen)) != NULL) {
      np = c->dest;
      at = dat;
      len = dlen;
    }
  }
  /* an elision ("...", "***") is no name's, but a ':' beside one is */
  if (elided && (why == NULL || memchr(np + at, ':', len) == NULL)) return;
  if (why == NULL && git && c->win && !fsd__windows_path(np))
    why = fsd__git_name(np, &at, &len);
  if (why == NULL) return;
  /* A file unpacked from a package or an archive has the name its author
   * gave it (a ':' or '*' that Linux and macOS keep): Windows cannot make
   * it, so the ENOENT is the name's, not a missing folder's */
  if (c->win && !c->live && FSD__CODE("ENOENT") && conf < 0.7 &&
      fsd__never_windows(np + at, len) &&
      (fsd__has(np, "node_modules") || fsd__said(c, "tar ") ||
       fsd__said(c, "extract") || fsd__said(c, "unpack") ||
       fsd__said(c, "unzip")))
    conf = 0.7;
  /* Live on Windows: only its own ERROR_INVALID_NAME (123) is measured */
  if (c->win && c->live && c->ev->win32_error == 123) {
    measured = 1;
    conf = 0.97;
  }
  if (measured) {
    k = fsd__add(c, FSD_CAUSE_INVALID_NAME, conf);
    if (k != NULL && f != NULL) {
      fsd_set_str(c->a, k->evidence, "type", f->subtype ? f->subtype : f->type);
      fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
    }
  } else {
    k = fsd__guess(c, FSD_CAUSE_INVALID_NAME, conf, NULL);
  }
  if (k == NULL) return;
  fsd__var(&k->vars, "badname",
           fsd_printf(c->a, "\"%.*s\"", (int)len, np + at));
  fsd__var(&k->vars, "badwhy", why);
  /* the folder that holds the bad name, which exists */
  for (d = at; d > 0 && (np[d - 1] == '/' || np[d - 1] == '\\'); d--)
    ;
  if (d > 0) fsd__var(&k->vars, "dir", fsd_strndup(c->a, np, d));
  if (git) fsd__var(&k->vars, "gitpath", np);
  fsd_set_str(c->a, k->evidence, "name",
              fsd_printf(c->a, "%.*s", (int)len, np + at));
  if (measured && !c->win)
    k->detail = fsd_printf(c->a, "\"%.*s\" is on %s (%s): %s.", (int)len,
                           np + at,
                           f->mount_point ? f->mount_point : "a filesystem",
                           f->subtype ? f->subtype : f->type, why);
  else
    k->detail = fsd_printf(c->a, "\"%.*s\": %s%s.", (int)len, np + at,
                           why,
                           c->win ? ""
                                  : " (when the path is on a FAT, exFAT or "
                                    "NTFS volume)");
}
