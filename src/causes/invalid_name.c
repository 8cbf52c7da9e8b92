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

#include <string.h>

static const char *const fsd__name_codes[] = {"ENOENT", "EINVAL", "UNKNOWN",
                                              "EILSEQ", "EPERM",  NULL};

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
  static const char *const fat[] = {"vfat",  "msdos",   "exfat", "fat",
                                    "fat32", "msdosfs", "fusefat", NULL};
  static const char *const ntfs[] = {"ntfs", "ntfs3", "ntfs-3g", NULL};
  if (f == NULL || f->type == NULL) return -1;
  if (fsd__one_of(f->type, fat) || (f->subtype && fsd__one_of(f->subtype, fat)))
    return FSD__FAT;
  if (fsd__one_of(f->type, ntfs) ||
      (f->subtype && fsd__one_of(f->subtype, ntfs)))
    return FSD__NTFS;
  return -1;
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
        strncmp(p, "//?/", 4) == 0)
      i = 4;
    if (((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= 'a' && p[i] <= 'z')) &&
        p[i + 1] == ':')
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
        if ((i - s == 2 && j == s + 1) || memchr(p + s, ' ', i - s) != NULL)
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

void fsd__rule_invalid_name(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs;
  const char *why;
  size_t at = 0, len = 0;
  int git = fsd__said(c, "invalid path '");
  int rules, measured = 0;
  double conf;
  fsd__cand_t *k;
  /* a paste that hid a part ("<user>", "...") says nothing of its names */
  if (c->path == NULL || !fsd__one_of(c->code, fsd__name_codes) ||
      fsd__elided(c->path))
    return;
  if (c->win) {
    /* ENOENT is also every missing file: only a name that cannot be. */
    if (FSD__CODE("EPERM")) return;
    rules = FSD__WIN;
    conf = 0.85;
  } else if (git) {
    /* git keeps Windows' names on any system (core.protectNTFS) */
    rules = FSD__WIN;
    conf = 0.8;
  } else if (c->live && f != NULL) {
    /* ext4, APFS and the like hold these names: only a FAT or NTFS volume
     * measured here (fusefat answers EPERM, the kernel's vfat EINVAL) */
    rules = fsd__fs_rules(f);
    if (rules < 0 || FSD__CODE("ENOENT") || FSD__CODE("UNKNOWN")) return;
    measured = 1;
    conf = 0.95;
  } else {
    if (!FSD__CODE("EINVAL") && !FSD__CODE("EILSEQ")) return;
    rules = FSD__NTFS;
    conf = 0.7;
  }
  why = fsd__bad_name(c->path, rules, &at, &len);
  if (why == NULL) return;
  /* Live on Windows: its own ERROR_INVALID_NAME (123) is measured; a
   * device name or a character other than ':' (which names a stream on
   * NTFS, so may be taken) is refused on every Windows volume. */
  if (c->win && c->live && (c->ev->win32_error == 123 || why != fsd__why_colon)) {
    measured = 1;
    conf = c->ev->win32_error == 123 ? 0.97 : 0.93;
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
           fsd_printf(c->a, "\"%.*s\"", (int)len, c->path + at));
  fsd__var(&k->vars, "badwhy", why);
  fsd__var(&k->vars, "dir", fsd__parent(c->a, c->path));
  if (git) fsd__var(&k->vars, "gitpath", c->path);
  fsd_set_str(c->a, k->evidence, "name",
              fsd_printf(c->a, "%.*s", (int)len, c->path + at));
  if (measured && !c->win)
    k->detail = fsd_printf(c->a, "\"%.*s\" is on %s (%s): %s.", (int)len,
                           c->path + at,
                           f->mount_point ? f->mount_point : "a filesystem",
                           f->subtype ? f->subtype : f->type, why);
  else
    k->detail = fsd_printf(c->a, "\"%.*s\": %s%s.", (int)len, c->path + at,
                           why,
                           c->win || git ? ""
                                         : " (when the path is on a FAT, "
                                           "exFAT or NTFS volume)");
}
