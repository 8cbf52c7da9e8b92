/* readonly-attribute: the Windows read-only attribute on the file or its
 * directory, which refuses deletes and writes whatever the ACL says. */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__denial[] = {"EPERM", "EACCES", NULL};

const fsd__want_t fsd__wants_readonly_attribute[] = {
    {FSD__PROBE_PATH, fsd__denial, NULL, 0, NULL}, FSD__WANT_END};

/* clang-format off */
/* A file's attribute, a directory's (with what is below it), or, when
 * nothing tells which it is, a form that works for both: a
 * DirectoryInfo has no IsReadOnly, and attrib -r X\* /s /d on a file
 * names nothing. Windows PowerShell 5.1's Get-ChildItem -Recurse follows
 * junctions (PowerShell 6 and later do not), so the recursive
 * PowerShell form walks the tree itself, level by level, and neither
 * changes nor enters a reparse point: a junction or symlink is left as
 * it is, and so is what it points at. */
#define FSD__PS_CLEAR(x) \
  x ".Attributes = " x ".Attributes -band -bnot [IO.FileAttributes]::ReadOnly"
const fsd__fix_t fsd__fixes_readonly_attribute[] = {
    {"win32", "cmd", NULL, "isdir,!walked",
     "Clear the read-only attribute on the directory {path} and everything "
     "below it.",
     {FSD__I("attrib {path}"), FSD__C("path", "attrib -r {path}"),
      FSD__C_WIDE("path", "attrib -r {path}\\* /s /d"), FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, "!isdir,!walked",
     "Clear the read-only attribute on {path}.",
     {FSD__I("attrib {path}"), FSD__C("path", "attrib -r {path}"),
      FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "isdir,!walked",
     "Clear the read-only attribute on the directory {path} and everything "
     "below it (junctions and symlinks are left alone).",
     {FSD__C("path", "$i = Get-Item -LiteralPath {path} -Force; "
                     FSD__PS_CLEAR("$i")),
      FSD__C_WIDE("path",
                  "$q = @(Get-ChildItem -LiteralPath {path} -Force); "
                  "while ($q.Count) { $q = @(foreach ($i in $q) { "
                  "if (-not ($i.Attributes -band "
                  "[IO.FileAttributes]::ReparsePoint)) { "
                  FSD__PS_CLEAR("$i") "; if ($i.PSIsContainer) { "
                  "Get-ChildItem -LiteralPath $i.FullName -Force } } }) }"),
      FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "isfile,!isdir,!walked",
     "Clear the read-only attribute on the file {path}.",
     {FSD__C("path",
             "(Get-Item -LiteralPath {path} -Force).IsReadOnly = $false"),
      FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "!isdir,!isfile,!walked",
     "Clear the read-only attribute on {path}.",
     {FSD__C("path", "$i = Get-Item -LiteralPath {path} -Force; "
                     FSD__PS_CLEAR("$i")),
      FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "!walked", "Give yourself write permission again.",
     {FSD__C_WIDE("path", "chmod -R u+w -- {path}"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

static int fsd__file_ext(const char *e) {
  size_t i;
  int up = e[0] >= 'A' && e[0] <= 'Z';
  if (!up && !(e[0] >= 'a' && e[0] <= 'z')) return 0;
  /* one case throughout (".json", ".TXT"): "MyApp.Web" is a folder's */
  for (i = 1; e[i] != '\0'; i++)
    if (i >= 5 || !((up ? (e[i] >= 'A' && e[i] <= 'Z') : (e[i] >= 'a' && e[i] <= 'z')) ||
                    (e[i] >= '0' && e[i] <= '9')))
      return 0;
  return 1;
}

/* .NET's "Access to the path 'X' is denied" (UnauthorizedAccessException):
 * a file held open by another process is an IOException ("being used by
 * another process") there, so on a data file this is the file's
 * read-only attribute or an ACL. A program or library image (.exe, .dll)
 * is refused the same way while it runs: that stays a lock. Text only. */
static int fsd__dotnet_denied_data(fsd__ctx_t *c) {
  static const char *const images[] = {".exe", ".dll", ".node", ".pdb", ".sys",
                                       ".pyd", ".ocx", ".winmd", ".msi", NULL};
  const char *p = c->path, *base, *dot;
  if (!c->win || c->live || p == NULL || !FSD__CODE("EPERM") ||
      !(c->syscall[0] == '\0' || FSD__SYS("open") || FSD__SYS("copyfile")) ||
      !(fsd__said(c, "UnauthorizedAccessException") ||
        (fsd__said(c, "Access to the path") && fsd__said(c, "is denied"))))
    return 0;
  base = p + strlen(p);
  while (base > p && base[-1] != '\\' && base[-1] != '/') base--;
  dot = strrchr(base, '.');
  /* a name with a file's extension: a letter, then up to four letters of
   * the same case or digits (".json", ".mp3", ".TXT"); a folder's dotted
   * name is "MyApp.Web", "net8.0", "v1.2" */
  if (dot == NULL || dot == base || !fsd__file_ext(dot + 1) ||
      fsd__ext(p, images) || fsd__has(p, "\\Program Files") || fsd__has(p, "\\Windows\\"))
    return 0;
  /* a package manager writing files it just unpacked (NuGet's packages,
   * node_modules): an antivirus scanning each new file, not an attribute
   * nobody set yet */
  if ((c->sh & (FSD__SH_NODEMOD | FSD__SH_STAGING | FSD__SH_PNPM | FSD__SH_CACACHE)) ||
      fsd__has(p, "\\packages\\") || fsd__said(c, "installing") || fsd__said(c, "extract"))
    return 0;
  return 1;
}

/* The attribute counts on the path and on its parent directory. */
void fsd__rule_readonly_attribute(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = c->ev->path;
  size_t j;
  if (!FSD__CODE("EPERM") && !FSD__CODE("EACCES")) return;
  if (p != NULL) {
    for (j = p->ncomponents; j-- > 0 && j + 2 >= p->ncomponents;) {
      const fsd_component_t *x = &p->components[j];
      fsd__cand_t *k;
      if (x->win_readonly != 1) continue;
      k = fsd__add(c, FSD_CAUSE_READONLY_ATTRIBUTE, 0.9);
      if (k == NULL) return;
      fsd_set_str(c->a, k->evidence, "path", x->path);
      fsd_set_bool(c->a, k->evidence, "readonlyAttribute", 1);
      fsd__var(&k->vars, "path", x->path);
      /* Which commands fit: the measured type of the component that has
       * the attribute (the path's parent is a directory). */
      if (fsd__is(x->type, "dir") || j + 1 < p->ncomponents)
        fsd__var(&k->vars, "isdir", "1");
      else if (fsd__is(x->type, "file"))
        fsd__var(&k->vars, "isfile", "1");
      k->detail = fsd_printf(c->a, "%s has the read-only attribute.", x->path);
      return;
    }
  }
  /* git writes its object and pack files read-only: removing or
   * replacing one on Windows fails on the attribute, not a lock. */
  if (c->win && (c->sh & FSD__SH_GITOBJ) &&
      (fsd__removes(c->syscall) || FSD__SYS("open") || FSD__SYS("copyfile") ||
       FSD__SYS("chmod") || c->syscall[0] == '\0'))
    fsd__guess(c, FSD_CAUSE_READONLY_ATTRIBUTE, 0.85,
               "{path} is one of git's object or pack files, which git "
               "marks read-only; Windows refuses to delete or overwrite a "
               "read-only file.");
  else if (c->win && !c->live &&
           /* the attribute refuses a delete, an overwrite or a rename,
            * never a read or a listing; not in Windows' own folders */
           (fsd__removes(c->syscall) || FSD__SYS("open") ||
            FSD__SYS("copyfile") || FSD__SYS("utime") || c->syscall[0] == '\0') &&
           !(c->sh & (FSD__SH_WINDIR | FSD__SH_PROGFILES)) &&
           (fsd__said(c, "read-only") || fsd__said(c, "read_only") ||
            fsd__said_word(c, "readonly")) &&
           !fsd__said(c, "read-only file system") &&
           !fsd__said(c, "write protected") && !fsd__said(c, "erofs"))
    /* the log itself speaks of read-only files where Windows refused:
     * the attribute (a copy keeps it, a tool set it) */
    fsd__guess(c, FSD_CAUSE_READONLY_ATTRIBUTE, 0.7,
               "The log speaks of read-only files[[ and {path} was "
               "refused]]: Windows will not delete or overwrite a file with "
               "the read-only attribute, whoever asks.");
  else if (fsd__dotnet_denied_data(c))
    fsd__guess(c, FSD_CAUSE_READONLY_ATTRIBUTE, 0.62,
               ".NET refused {path} as denied, not as used by another "
               "process (that is its IOException): a data file refused this "
               "way usually carries the read-only attribute (or an ACL "
               "denies you).");
  else if (c->win &&
           (FSD__SYS("unlink") || FSD__SYS("open") || FSD__SYS("rmdir")))
    fsd__guess(c, FSD_CAUSE_READONLY_ATTRIBUTE, 0.3,
               "{path} may carry the read-only attribute.");
}
