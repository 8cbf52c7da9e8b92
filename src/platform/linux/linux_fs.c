/* fsInfo on Linux: statfs for sizes and the magic number, the kernel's
 * mount table (/proc/self/mountinfo) for the type name, mount point and
 * options, and our own table for what the type can hold. The kernel's
 * answers beat pathconf(): glibc says 127 links for btrfs, tmpfs, NFS, CIFS,
 * 9p, overlayfs and ZFS and musl says 8, while the real limits differ. */
#include "platform/posix/unix.h"
#include "platform/linux/linux_fs.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* statfs f_type values (linux/magic.h, plus ZFS and NTFS from their code). */
static const struct {
  uint64_t magic;
  const char *type;
} fsd__magics[] = {
  {0xEF53, "ext4"}, {0x58465342, "xfs"}, {0x9123683E, "btrfs"},
  {0x01021994, "tmpfs"}, {0x858458f6, "ramfs"}, {0x794c7630, "overlay"},
  {0x6969, "nfs"}, {0xFF534D42, "cifs"}, {0xFE534D42, "smb3"},
  {0x517B, "smbfs"}, {0x01021997, "9p"}, {0x4d44, "vfat"},
  {0x2011BAB0, "exfat"}, {0x5346544e, "ntfs3"}, {0x65735546, "fuse"},
  {0x73717368, "squashfs"}, {0xE0F5E1E2, "erofs"}, {0x2fc12fc1, "zfs"},
  {0xF2F52010, "f2fs"}, {0x9660, "iso9660"}, {0x00c36400, "ceph"},
  {0x9fa0, "proc"}, {0x62656572, "sysfs"}, {0x1cd1, "devpts"},
  {0x63677270, "cgroup2"}, {0x958458f6, "hugetlbfs"}, {0x0187, "autofs"},
  {0, NULL}};

/* What each type can hold. link_max < 0 means null, with the reason. */
typedef struct {
  const char *type;
  int network, symlinks, hardlinks, case_sensitive;
  int64_t link_max;
  int64_t subdir_max;
  const char *reason;
} fsd__fsprops_t;

#define U FSD_UNKNOWN
static const fsd__fsprops_t fsd__props[] = {
  {"ext4", 0, 1, 1, 1, 65000, -1, NULL},
  /* ext2/ext3 are decided by the driver, see fsd__ext_driver(). */
  {"xfs", 0, 1, 1, 1, 2147483647, -1, NULL},
  {"btrfs", 0, 1, 1, 1, 65535, -1, NULL},
  {"f2fs", 0, 1, 1, 1, 4294967295LL, -1, NULL},
  /* tmpfs keeps the count in a plain unsigned int and checks no limit, so
   * we report that integer's ceiling: "effectively unlimited", but a number
   * the engine can compare against. */
  {"tmpfs", 0, 1, 1, 1, 4294967295LL, -1,
   "no limit of its own: the count is a 32-bit integer"},
  {"ramfs", 0, 1, 1, 1, 4294967295LL, -1,
   "no limit of its own: the count is a 32-bit integer"},
  {"devtmpfs", 0, 1, 1, 1, 4294967295LL, -1,
   "no limit of its own: the count is a 32-bit integer"},
  {"zfs", 0, 1, 1, 1, -1, -1,
   "no practical limit: ZFS counts links in 64 bits"},
  {"jfs", 0, 1, 1, 1, 65535, -1, NULL},
  {"ntfs3", 0, 1, 1, 1, 4000, -1, NULL},
  /* Since 6.9 ntfs3 also answers to "ntfs"; the old driver made no links. */
  {"ntfs", 0, 1, 1, 1, 4000, -1, "the ntfs3 driver's limit"},
  {"vfat", 0, 0, 0, 0, 1, -1, "FAT has no hard links"},
  {"msdos", 0, 0, 0, 0, 1, -1, "FAT has no hard links"},
  {"exfat", 0, 0, 0, 0, 1, -1, "exFAT has no hard links"},
  {"nfs", 1, 1, 1, U, -1, -1, "decided by the NFS server's filesystem"},
  {"nfs4", 1, 1, 1, U, -1, -1, "decided by the NFS server's filesystem"},
  {"cifs", 1, U, U, U, -1, -1, "decided by the SMB server (NTFS allows 1024)"},
  {"smb3", 1, U, U, U, -1, -1, "decided by the SMB server (NTFS allows 1024)"},
  {"smbfs", 1, U, U, U, -1, -1, "decided by the SMB server (NTFS allows 1024)"},
  {"9p", 1, 1, 1, U, -1, -1, "decided by the 9p server's filesystem"},
  {"drvfs", 0, 1, 1, U, 1024, -1, "NTFS on the Windows side allows 1024"},
  {"ceph", 1, 1, 1, 1, -1, -1, "decided by the Ceph cluster"},
  {"squashfs", 0, 1, 1, 1, -1, -1, "read-only filesystem: no link can be added"},
  {"erofs", 0, 1, 1, 1, -1, -1, "read-only filesystem: no link can be added"},
  {"iso9660", 0, 1, 1, 1, -1, -1, "read-only filesystem: no link can be added"},
  {"overlay", 0, 1, 1, 1, -1, -1, "decided by the upper layer's filesystem"},
  {"proc", 0, 1, 0, 1, -1, -1, "virtual filesystem"},
  {"sysfs", 0, 1, 0, 1, -1, -1, "virtual filesystem"},
  {NULL, 0, 0, 0, 0, 0, 0, NULL}};

/* FUSE daemons by subtype. */
static const fsd__fsprops_t fsd__fuse_props[] = {
  {"fusefat", 0, 0, 0, 0, 1, -1, "FAT has no hard links"},
  {"fatfs", 0, 0, 0, 0, 1, -1, "FAT has no hard links"},
  {"exfat", 0, 0, 0, 0, 1, -1, "exFAT has no hard links"},
  /* ntfs-3g checks nothing below the 16-bit on-disk count (measured well
   * past Windows' 1024). */
  {"ntfs-3g", 0, 1, 1, 1, 65535, -1,
   "NTFS stores the count in 16 bits; Windows itself stops at 1024"},
  {"sshfs", 1, 1, 1, 1, -1, -1, "decided by the SFTP server's filesystem"},
  {"rclone", 1, U, 0, U, -1, -1, "decided by the remote storage"},
  {"s3fs", 1, 1, 0, 1, -1, -1, "object storage has no hard links"},
  {"gcsfuse", 1, 1, 0, 1, -1, -1, "object storage has no hard links"},
  {"glusterfs", 1, 1, 1, 1, -1, -1, "decided by the Gluster bricks"},
  {"ceph-fuse", 1, 1, 1, 1, -1, -1, "decided by the Ceph cluster"},
  {"davfs", 1, 0, 0, U, 1, -1, "WebDAV has no hard links"},
  {"curlftpfs", 1, 0, 0, 1, 1, -1, "FTP has no hard links"},
  {NULL, 0, 0, 0, 0, 0, 0, NULL}};
#undef U

static const fsd__fsprops_t *fsd__find_props(const fsd__fsprops_t *t,
                                             const char *type) {
  for (; t->type != NULL; t++)
    if (strcmp(t->type, type) == 0) return t;
  return NULL;
}

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
void fsd__unescape(char *s) {
  char *w = s;
  for (; *s; s++) {
    if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' &&
        s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
      *w++ = (char)(((s[1] - '0') << 6) | ((s[2] - '0') << 3) | (s[3] - '0'));
      s += 3;
    } else {
      *w++ = *s;
    }
  }
  *w = '\0';
}

/* Is mp a mount point on the way to path (both canonical)? */
static int fsd__mount_on_path(const char *path, const char *mp, size_t mplen) {
  if (mplen == 1 && mp[0] == '/') return 1;
  return strncmp(path, mp, mplen) == 0 && (path[mplen] == '\0' || path[mplen] == '/');
}

/* Picks the entry of /proc/self/mountinfo for canon (a canonical path on
 * device dev): the longest mount point above it whose device matches, so
 * bind mounts and mounts stacked on one point resolve right (the later line
 * is the one on top). Without any device match (btrfs subvolumes carry
 * their own device numbers), the longest prefix. */
int fsd__mount_lookup(fsd_arena_t *a, const char *canon, dev_t dev,
                      fsd__mount_t *out) {
  char *buf = NULL, *line, *next;
  char *best[2][6]; /* [dev match?][mp, opts, type, source, superopts, devno] */
  size_t bestlen[2] = {0, 0};
  int have[2] = {0, 0}, k, err;
  memset(out, 0, sizeof(*out));
  err = fsd__read_file("/proc/self/mountinfo", &buf, NULL);
  if (err != 0) return err;
  for (line = buf; line != NULL && *line; line = next) {
    char *f[32], *p = line, *sep = NULL;
    int nf = 0, i, match;
    unsigned maj, min;
    size_t mplen;
    next = strchr(line, '\n');
    if (next != NULL) *next++ = '\0';
    while (nf < 32 && p != NULL && *p) {
      f[nf++] = p;
      p = strchr(p, ' ');
      if (p != NULL) *p++ = '\0';
    }
    for (i = 6; i < nf; i++)
      if (strcmp(f[i], "-") == 0) {
        sep = f[i];
        break;
      }
    if (sep == NULL || i + 2 >= nf || nf < 6) continue;
    fsd__unescape(f[4]);
    mplen = strlen(f[4]);
    if (!fsd__mount_on_path(canon, f[4], mplen)) continue;
    match = sscanf(f[2], "%u:%u", &maj, &min) == 2 && makedev(maj, min) == dev;
    if (have[match] && mplen < bestlen[match]) continue;
    fsd__unescape(f[i + 2]);
    best[match][0] = f[4];
    best[match][1] = f[5];
    best[match][2] = f[i + 1];
    best[match][3] = f[i + 2];
    best[match][4] = i + 3 < nf ? f[i + 3] : "";
    best[match][5] = f[2];
    bestlen[match] = mplen;
    have[match] = 1;
  }
  k = have[1] ? 1 : 0;
  if (have[k]) {
    out->mount_point = fsd_strdup(a, best[k][0]);
    out->mount_options = fsd_strdup(a, best[k][1]);
    out->fstype = fsd_strdup(a, best[k][2]);
    out->source = fsd_strdup(a, best[k][3]);
    out->super_options = fsd_strdup(a, best[k][4]);
    out->devno = fsd_strdup(a, best[k][5]);
    out->found = 1;
  }
  free(buf);
  return fsd_arena_oom(a) ? ENOMEM : 0;
}

/* Is opt one of the comma-separated options (or an "opt=value")? */
const char *fsd__has_option(const char *opts, const char *opt) {
  size_t n = strlen(opt);
  const char *p = opts;
  while (p != NULL && *p) {
    if (strncmp(p, opt, n) == 0 && (p[n] == ',' || p[n] == '\0' || p[n] == '='))
      return p + n;
    p = strchr(p, ',');
    if (p != NULL) p++;
  }
  return NULL;
}

/* Which driver serves an ext2/ext3 mount: the ext4 driver registers every
 * filesystem it mounts under /sys/fs/ext4/<device>. The ext4 driver allows
 * 65000 links; without the dir_nlink feature (ext2/ext3 images lack it)
 * that caps subdirectories at 64998. The old ext2 driver allows 32000. */
static int fsd__ext_driver_is_ext4(const char *devno) {
  char link[96], *real, *base;
  struct stat st;
  int yes = -1;
  if (devno == NULL) return -1;
  snprintf(link, sizeof(link), "/sys/dev/block/%s", devno);
  real = realpath(link, NULL);
  if (real != NULL) {
    base = strrchr(real, '/');
    snprintf(link, sizeof(link), "/sys/fs/ext4/%s", base ? base + 1 : real);
    yes = stat(link, &st) == 0 ? 1 : (stat("/sys/fs/ext4", &st) == 0 ? 0 : -1);
    free(real);
  }
  return yes;
}

/* The first bytes of a FUSE block source tell NTFS from exFAT; only when we
 * may read the device (root, or the disk group). */
static const char *fsd__fuse_blk_subtype(const char *source) {
  char boot[16];
  ssize_t n;
  int fd;
  struct stat st;
  if (source == NULL || source[0] != '/') return NULL;
  /* Only a disk or an image file: opening anything else may have effects. */
  if (stat(source, &st) != 0 || !(S_ISBLK(st.st_mode) || S_ISREG(st.st_mode)))
    return NULL;
  fd = open(source, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return NULL;
  n = pread(fd, boot, sizeof(boot), 0);
  close(fd);
  if (n < 11) return NULL;
  if (memcmp(boot + 3, "NTFS    ", 8) == 0) return "ntfs-3g";
  if (memcmp(boot + 3, "EXFAT   ", 8) == 0) return "exfat";
  return NULL;
}

/* ext4 and tmpfs can make single directories case-insensitive. */
static int fsd__casefolded(const char *dir) {
  int fd, flags = 0, r = 0;
  fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return 0;
  if (ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0 && (flags & 0x40000000)) r = 1;
  close(fd);
  return r;
}

static void fsd__fsprops_apply(fsd_fsinfo_t *out, const fsd__fsprops_t *p) {
  out->network = p->network;
  out->symlinks = p->symlinks;
  out->hardlinks = p->hardlinks;
  out->case_sensitive = p->case_sensitive;
  out->link_max = p->link_max;
  out->subdir_max = p->subdir_max;
  out->link_max_reason = p->reason;
}

static int fsd__wsl_drive(const fsd__mount_t *m) {
  if (strcmp(m->fstype, "drvfs") == 0) return 1;
  if (strcmp(m->fstype, "9p") == 0 &&
      (fsd__has_option(m->super_options, "aname=drvfs") ||
       strstr(m->super_options, "aname=drvfs") != NULL))
    return 1;
  return 0;
}

static int fsd__fsinfo_depth(fsd_arena_t *a, const char *path,
                             fsd_fsinfo_t *out, fsd_fail_t *fail, int depth);

/* overlay: links are made on the upper layer. */
static void fsd__overlay_links(fsd_arena_t *a, fsd_fsinfo_t *out,
                               const char *super, int depth) {
  const char *up = fsd__has_option(super, "upperdir");
  fsd_fsinfo_t inner;
  fsd_fail_t f;
  size_t n;
  char *dir;
  if (up == NULL || *up != '=' || depth > 0) return;
  up++;
  n = strcspn(up, ",");
  dir = fsd_strndup(a, up, n);
  memset(&inner, 0, sizeof(inner));
  memset(&f, 0, sizeof(f));
  if (dir == NULL || fsd__fsinfo_depth(a, dir, &inner, &f, depth + 1) != 0) return;
  if (inner.probed == NULL || strcmp(inner.probed, dir) != 0) return;
  out->link_max = inner.link_max;
  out->subdir_max = inner.subdir_max;
  out->link_max_reason = fsd_printf(a, "the upper layer (%s) is %s", dir, inner.type);
}

static void fsd__classify(fsd_arena_t *a, fsd_fsinfo_t *out,
                          const fsd__mount_t *m, int depth) {
  const fsd__fsprops_t *p = NULL;
  const char *t = out->type;
  out->network = out->symlinks = out->hardlinks = FSD_UNKNOWN;
  out->case_sensitive = FSD_UNKNOWN;
  out->link_max = out->subdir_max = -1;
  if (strcmp(t, "ext2") == 0 || strcmp(t, "ext3") == 0) {
    int ext4 = fsd__ext_driver_is_ext4(m ? m->devno : NULL);
    out->network = 0;
    out->symlinks = out->hardlinks = out->case_sensitive = 1;
    if (ext4 == 0 && strcmp(t, "ext2") == 0) {
      out->link_max = 32000;
      out->subdir_max = 31998;
      out->link_max_reason = "served by the ext2 driver";
    } else {
      out->link_max = 65000;
      out->subdir_max = 64998;
      out->link_max_reason = ext4 == 1 ? "served by the ext4 driver, no dir_nlink"
                                       : "assumed: served by the ext4 driver";
    }
  } else if ((strcmp(t, "fuse") == 0 || strcmp(t, "fuseblk") == 0)) {
    if (out->subtype != NULL) p = fsd__find_props(fsd__fuse_props, out->subtype);
    if (p != NULL) {
      fsd__fsprops_apply(out, p);
    } else {
      out->link_max_reason = "decided by the FUSE daemon";
    }
  } else if ((p = fsd__find_props(fsd__props, t)) != NULL) {
    fsd__fsprops_apply(out, p);
    if (strcmp(t, "overlay") == 0 && m != NULL)
      fsd__overlay_links(a, out, m->super_options, depth);
  } else {
    out->link_max_reason = fsd_printf(a, "%s is not in fsdoctor's table", t);
  }
  if (m != NULL && fsd__wsl_drive(m)) {
    out->wsl_windows_mount = 1;
    out->network = 0;
    out->link_max = 1024;
    out->link_max_reason = "NTFS on the Windows side allows 1024";
    out->symlinks = out->hardlinks = 1;
  } else {
    out->wsl_windows_mount = 0;
  }
  if (out->case_sensitive == 1 && fsd__casefolded(out->probed))
    out->case_sensitive = 0;
  if (m != NULL && strcmp(t, "cifs") == 0 && fsd__has_option(m->super_options, "mfsymlinks"))
    out->symlinks = 1;
}

static const char *fsd__magic_type(uint64_t magic) {
  size_t i;
  for (i = 0; fsd__magics[i].type != NULL; i++)
    if (fsd__magics[i].magic == magic) return fsd__magics[i].type;
  return NULL;
}

/* "rw,relatime" + "rw,size=4k" -> "rw,relatime,size=4k". */
static char *fsd__join_options(fsd_arena_t *a, const char *mnt, const char *super) {
  size_t n = strlen(mnt), cap = n + strlen(super) + 2;
  char *out = fsd_alloc(a, cap), *w;
  const char *p = super;
  if (out == NULL) return NULL;
  memcpy(out, mnt, n);
  w = out + n;
  while (p != NULL && *p) {
    size_t len = strcspn(p, ",");
    char opt[256];
    if (len > 0 && len < sizeof(opt)) {
      memcpy(opt, p, len);
      opt[len] = '\0';
      if (!fsd__has_option(out, opt) || strchr(opt, '=') != NULL) {
        if (w != out) *w++ = ',';
        memcpy(w, p, len);
        w += len;
        *w = '\0';
      }
    }
    p += len;
    if (*p == ',') p++;
  }
  return out;
}

static int fsd__fsinfo_depth(fsd_arena_t *a, const char *path,
                             fsd_fsinfo_t *out, fsd_fail_t *fail, int depth) {
  struct statfs sfs;
  struct stat st;
  fsd__mount_t m;
  char *probe, *canon;
  int err;
  out->path = path;
  out->read_only = out->network = out->wsl_windows_mount = FSD_UNKNOWN;
  out->symlinks = out->hardlinks = out->case_sensitive = FSD_UNKNOWN;
  out->link_max = out->subdir_max = out->block_size = -1;
  out->total_bytes = out->free_bytes = out->avail_bytes = -1;
  out->total_inodes = out->free_inodes = out->name_max = -1;
  probe = fsd__abspath(a, path);
  if (probe == NULL) goto oom;
  /* A missing path is measured on its nearest existing ancestor. */
  while (statfs(probe, &sfs) != 0 || stat(probe, &st) != 0) {
    if (errno == ENOMEM) goto oom;
    if (strcmp(probe, "/") == 0) {
      fail->syscall = "statfs";
      fail->path = path;
      return errno ? errno : ENOENT;
    }
    probe = fsd__dirname(a, probe);
    if (probe == NULL) goto oom;
  }
  out->probed = probe;
  out->magic = (uint64_t)sfs.f_type;
  out->block_size = (int64_t)sfs.f_bsize;
  out->total_bytes = (int64_t)((uint64_t)sfs.f_blocks * (uint64_t)sfs.f_frsize);
  out->free_bytes = (int64_t)((uint64_t)sfs.f_bfree * (uint64_t)sfs.f_frsize);
  out->avail_bytes = (int64_t)((uint64_t)sfs.f_bavail * (uint64_t)sfs.f_frsize);
  /* btrfs, FAT and most FUSE filesystems report no inode counts. */
  if (sfs.f_files > 0) {
    out->total_inodes = (int64_t)sfs.f_files;
    out->free_inodes = (int64_t)sfs.f_ffree;
  }
  out->name_max = (int64_t)sfs.f_namelen;
  out->read_only = (sfs.f_flags & ST_RDONLY) ? 1 : 0;
  canon = realpath(probe, NULL);
  err = fsd__mount_lookup(a, canon ? canon : probe, st.st_dev, &m);
  free(canon);
  if (err == ENOMEM) goto oom;
  if (m.found) {
    const char *dot = strchr(m.fstype, '.');
    out->mount_point = m.mount_point;
    out->source = m.source;
    out->options = fsd__join_options(a, m.mount_options, m.super_options);
    if (dot != NULL) {
      out->type = fsd_strndup(a, m.fstype, (size_t)(dot - m.fstype));
      out->subtype = dot + 1;
    } else {
      out->type = m.fstype;
    }
    if ((strcmp(out->type, "fuseblk") == 0 || strcmp(out->type, "fuse") == 0) &&
        out->subtype == NULL)
      out->subtype = fsd__fuse_blk_subtype(m.source);
    if (fsd__has_option(m.mount_options, "ro") || fsd__has_option(m.super_options, "ro"))
      out->read_only = 1;
  } else {
    out->type = fsd__magic_type(out->magic);
    if (out->type == NULL) out->type = fsd_printf(a, "0x%llx", (unsigned long long)out->magic);
  }
  if (out->type == NULL) goto oom;
  fsd__classify(a, out, m.found ? &m : NULL, depth);
  if (fsd_arena_oom(a)) goto oom;
  return 0;
oom:
  fail->syscall = "malloc";
  return ENOMEM;
}

int fsd_fsinfo(fsd_arena_t *a, const char *path, fsd_fsinfo_t *out,
               fsd_fail_t *fail) {
  return fsd__fsinfo_depth(a, path, out, fail, 0);
}
