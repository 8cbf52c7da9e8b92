/* Volumes named or measured: a FAT, exFAT or NTFS volume (a USB stick, a
 * card, a Windows disk), the places Linux mounts one, and a network share
 * the log names. Shared by the rules that judge what such a volume cannot
 * hold (owners and modes, names) and what a share's server decides. */

#include "causes/kit.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int fsd__dos_fs(const fsd_fsinfo_t *f) {
  static const char *const fat[] = {"vfat",    "msdos",   "exfat",      "fat",
                                    "fat32",   "msdosfs", "fusefat",    "exfat-fuse",
                                    NULL};
  static const char *const ntfs[] = {"ntfs", "ntfs3", "ntfs-3g", NULL};
  if (f == NULL || f->type == NULL) return 0;
  if (fsd__one_of(f->type, fat) || (f->subtype && fsd__one_of(f->subtype, fat)))
    return FSD__VOL_FAT;
  if (fsd__one_of(f->type, ntfs) || (f->subtype && fsd__one_of(f->subtype, ntfs)))
    return FSD__VOL_NTFS;
  return 0;
}

int fsd__fat_said(fsd__ctx_t *c) {
  /* whole words: "fat" alone is a fat jar, a fat binary; with a word
   * for a volume after it ("fat* partition", "FAT drive") it is one */
  static const char *const fat[] = {"vfat", "exfat", "fat32", "fat16", "msdos",
                                    "fuseblk", NULL};
  static const char *const vol[] = {"partition", "drive", "volume", "filesystem",
                                    "file system", "formatted", NULL};
  size_t i;
  for (i = 0; fat[i] != NULL; i++)
    if (fsd__said_word(c, fat[i])) return 1;
  for (i = 0; vol[i] != NULL; i++) {
    char ph[32];
    snprintf(ph, sizeof ph, "fat %s", vol[i]);
    if (fsd__said(c, ph)) return 1;
    snprintf(ph, sizeof ph, "fat* %s", vol[i]);
    if (fsd__said(c, ph)) return 1;
  }
  return fsd__said(c, "formatted as fat") || fsd__said(c, "formatted fat");
}

int fsd__flatpak_portal(const char *p) {
  return p != NULL && strncmp(p, "/run/user/", 10) == 0 && strstr(p, "/doc/") != NULL;
}

int fsd__nfs_silly(const char *p) {
  const char *b;
  if (p == NULL) return 0;
  b = p + strlen(p);
  while (b > p && b[-1] != '/') b--;
  if (strncmp(b, ".nfs", 4) != 0 || strlen(b + 4) < 12) return 0;
  for (b += 4; *b; b++)
    if (!isxdigit((unsigned char)*b)) return 0;
  return 1;
}

int fsd__android_storage(const char *p) {
  return p != NULL && (strncmp(p, "/storage/emulated/", 18) == 0 ||
                       strncmp(p, "/sdcard/", 8) == 0);
}

/* An Android app's private data (/data/data/<app>, /data/user/<n>/<app>)
 * refused: it is that app's uid's alone, and adb's shell reads it through
 * run-as or root. Termux's own home is there too, and is the user's.
 * Text only (permission-denied's rule calls it). */
void fsd__android_private(fsd__ctx_t *c) {
  fsd__cand_t *k;
  if (c->live || !c->posix || !FSD__CODE("EACCES") || c->path == NULL ||
      (strncmp(c->path, "/data/data/", 11) != 0 &&
       strncmp(c->path, "/data/user/", 11) != 0) ||
      strstr(c->path, "/com.termux/") != NULL ||
      !(fsd__said_word(c, "adb") || fsd__said_word(c, "android")))
    return;
  k = fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.65,
                 "{path} is an Android app's private data, readable only "
                 "by that app's own account: adb's shell may read it "
                 "through run-as (a debuggable app) or after adb root.");
  if (k != NULL) fsd__var(&k->vars, "androidapp", "1");
}

/* Android's shared storage refused an app: its modes are the same for
 * every file (sdcardfs, FUSE), so EACCES there is the app's storage
 * permission, not bits or owners. Text only (protected-location's rule
 * calls it). */
void fsd__android_denied(fsd__ctx_t *c) {
  fsd__cand_t *k;
  if (c->live || !c->posix || !FSD__CODE("EACCES") || c->path == NULL)
    return;
  /* Android/data/<app> is that app's own, reached without the storage
   * permission; files another app moved there stay that app's */
  {
    /* a move, copy or link into shared storage is refused there */
    const char *p = fsd__android_storage(c->path) ? c->path
                    : (FSD__SYS("rename") || FSD__SYS("copyfile") ||
                       FSD__SYS("link") || FSD__SYS("symlink")) &&
                            fsd__android_storage(c->dest)
                        ? c->dest
                        : NULL;
    if (p == NULL || strstr(p, "/Android/data/") || strstr(p, "/Android/obb/"))
      return;
  }
  k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.7,
                 "Android lets an app into its shared storage only with the "
                 "storage permission; the modes there are the same for every "
                 "file.");
  if (k != NULL) fsd__var(&k->vars, "android", "1");
}

int fsd__removable_place(const char *p) {
  if (p == NULL || p[0] != '/') return 0;
  if (strncmp(p, "/media/", 7) == 0 || strncmp(p, "/run/media/", 11) == 0)
    return 2;
  /* Android's shared storage keeps FAT's rules (names, no owners or
   * links), whatever backs it */
  if (fsd__android_storage(p)) return 2;
  /* /mnt/<name>, not /mnt/c (WSL's drive C:, wsl-windows-mount's) */
  if (strncmp(p, "/mnt/", 5) == 0 && p[5] != '\0' && p[6] != '/' && p[6] != '\0')
    return 1;
  return 0;
}

/* "nfs" as a word or a prefix of a number or of the daemon (nfs4, nfsd),
 * not inside another word (confs, nfsv is a word of its own). */
static int fsd__nfs_said(fsd__ctx_t *c) {
  const char *t = c->err->text;
  size_t n = c->err->text_len, i;
  if (t == NULL) return 0;
  for (i = 0; i + 3 <= n; i++) {
    char a = (char)(t[i] | 0x20), b = (char)(t[i + 1] | 0x20),
         d = (char)(t[i + 2] | 0x20);
    if (a != 'n' || b != 'f' || d != 's') continue;
    if (i > 0 && ((t[i - 1] | 0x20) >= 'a' && (t[i - 1] | 0x20) <= 'z'))
      continue;
    if (i + 3 < n && ((t[i + 3] | 0x20) >= 'a' && (t[i + 3] | 0x20) <= 'z') &&
        (t[i + 3] | 0x20) != 'd')
      continue;
    return 1;
  }
  return 0;
}

int fsd__share_said(fsd__ctx_t *c) {
  if (fsd__nfs_said(c)) return FSD__SHARE_NFS;
  /* SMB by its URL or as a share, not the word alone: smb.conf, a local
   * /srv/smb are no share mounted here */
  if (fsd__said_word(c, "sshfs") || fsd__said_word(c, "cifs") ||
      fsd__said_word(c, "smbfs") || fsd__said_word(c, "smb3") ||
      fsd__said(c, "smb://") || fsd__said(c, "smb share") || fsd__said(c, "samba share"))
    return FSD__SHARE_OTHER;
  /* object storage mounted through FUSE: the store decides what a file
   * may do (no modes, no rename of an open file, no links) */
  if (fsd__said_word(c, "s3fs") || fsd__said_word(c, "gcsfuse") ||
      fsd__said_word(c, "goofys") || fsd__said_word(c, "geesefs") ||
      fsd__said_word(c, "blobfuse") || fsd__said_word(c, "blobfuse2") ||
      fsd__said(c, "mountpoint-s3") || fsd__said(c, "rclone mount"))
    return FSD__SHARE_OTHER;
  return 0;
}

/* The start of the line of the text that holds t[at]. */
static const char *fsd__line_start(const char *t, size_t at) {
  while (at > 0 && t[at - 1] != '\n') at--;
  return t + at;
}

/* A bind mount a command line in the log makes, on a line that names
 * tool (podman, docker): "-v host:/in[:opts]" (the host side quoted or
 * not, a Windows drive's colon skipped), --volume, or "--mount
 * type=bind,src=..,dst=/in". 1 when its container side holds the failed
 * path; with unlabelled, only a mount whose options have no z or Z (no
 * SELinux relabel). *host: its host side when absolute, else NULL. */
int fsd__bind_mounted(fsd__ctx_t *c, const char *tool, int unlabelled,
                      const char **host) {
  const char *t = c->err->text, *a, *b, *e, *o, *ln;
  size_t n = c->err->text_len, i, m, pl;
  if (host != NULL) *host = NULL;
  if (t == NULL || c->path == NULL || c->path[0] != '/') return 0;
  pl = strlen(c->path);
  for (i = 0; i + 4 < n; i++) {
    int mount = 0;
    if (memcmp(t + i, " -v ", 4) == 0) a = t + i + 4;
    else if (i + 10 < n && memcmp(t + i, " --volume", 9) == 0 &&
             (t[i + 9] == ' ' || t[i + 9] == '='))
      a = t + i + 10;
    else if (i + 8 < n && memcmp(t + i, " --mount", 8) == 0 &&
             (t[i + 8] == ' ' || t[i + 8] == '='))
      a = t + i + 9, mount = 1;
    else
      continue;
    ln = fsd__line_start(t, i);
    /* the tool's name before the option, on its line: its command's */
    if (tool != NULL && !fsd__has(fsd_strndup(c->a, ln, (size_t)(t + i - ln)), tool))
      continue;
    for (e = a; e < t + n && *e != ' ' && *e != '\n' && *e != '\t'; e++)
      ;
    if (mount) {
      /* --mount type=bind,source=/h,target=/in[,relabel=...] */
      const char *k;
      size_t kl = (size_t)(e - a);
      char *tok = fsd_strndup(c->a, a, kl);
      if (tok == NULL) continue;
      k = strstr(tok, "dst=");
      if (k != NULL) k += 4;
      else if ((k = strstr(tok, "target=")) != NULL) k += 7;
      else if ((k = strstr(tok, "destination=")) != NULL) k += 12;
      if (k == NULL || *k != '/' || (unlabelled && strstr(tok, "relabel") != NULL))
        continue;
      for (m = 0; k[m] != '\0' && k[m] != ','; m++)
        ;
      b = a + (k - tok);
      o = NULL;
    } else {
      const char *s0 = a;
      /* a quoted host side: "$(pwd)":/in */
      if (*s0 == '"' || *s0 == '\'') {
        const char *q = memchr(s0 + 1, *s0, (size_t)(e - s0 - 1));
        if (q == NULL) continue;
        s0 = q + 1;
      }
      /* C:/x:/in: the drive's colon is the host side's own */
      if (s0 == a && e - a > 2 && isalpha((unsigned char)a[0]) && a[1] == ':')
        s0 = a + 2;
      b = memchr(s0, ':', (size_t)(e - s0));
      if (b == NULL || b + 1 >= e || b[1] != '/') continue;
      if (host != NULL) {
        /* the host side, its quotes off, when it is an absolute path */
        const char *h = a, *he = b;
        if ((*h == '"' || *h == '\'') && he > h + 1 && he[-1] == *h) h++, he--;
        if (*h == '/' && he > h) *host = fsd_strndup(c->a, h, (size_t)(he - h));
      }
      b++;
      o = memchr(b, ':', (size_t)(e - b));
      m = (size_t)((o != NULL ? o : e) - b);
    }
    while (m > 1 && b[m - 1] == '/') m--;
    if (unlabelled && o != NULL && (memchr(o, 'z', (size_t)(e - o)) != NULL ||
                                    memchr(o, 'Z', (size_t)(e - o)) != NULL))
      continue;
    if (pl >= m && memcmp(c->path, b, m) == 0 && (c->path[m] == '\0' || c->path[m] == '/'))
      return 1;
    if (host != NULL) *host = NULL;
  }
  return 0;
}
