/* The rule engine with made-up evidence: every cause id in DESIGN.md must
 * come out on top for the evidence that defines it, measured evidence must
 * outrank what the text alone suggests, ties rank in catalogue order, and
 * each cause's wants agree with its table line. `test_diagnose --catalogue`
 * prints the catalogue as JSON, which test/diagnose.test.js compares with
 * lib/causes.json (written by npm run gen). */
#include "engine/engine.h"
#include "t.h"

static fsd_arena_t *A;

/* The catalogue index of id, or -1. */
static int cause_index(const char *id) {
  size_t i;
  for (i = 0; i < FSD_CAUSE_COUNT; i++)
    if (fsd__is(fsd__causes[i].id, id)) return (int)i;
  return -1;
}

/* Whether the causes of d are ranked by shown confidence, then catalogue
 * order. */
static int ranked(fsd_val_t *d) {
  fsd_val_t *k;
  for (k = fsd_get(d, "causes")->u.kids.head; k && k->next; k = k->next) {
    double a = -1, b = -1;
    fsd_get_num(k, "confidence", &a);
    fsd_get_num(k->next, "confidence", &b);
    if (a < b || (a == b && cause_index(fsd_get_str(k, "id")) >=
                                cause_index(fsd_get_str(k->next, "id"))))
      return 0;
  }
  return 1;
}

static void ev_init(fsd_evidence_t *ev) {
  memset(ev, 0, sizeof(*ev));
  ev->win32_error = -1;
  ev->is_wsl = FSD_UNKNOWN;
}

static fsd_val_t *run(const char *code, const char *sys, const char *path,
                      const char *dest, const char *platform,
                      const fsd_evidence_t *ev, int live) {
  fsd_error_t e;
  fsd_evidence_t none;
  memset(&e, 0, sizeof(e));
  e.code = code;
  e.syscall = sys;
  e.path = path;
  e.dest = dest;
  e.platform = platform;
  if (ev == NULL) {
    ev_init(&none);
    ev = &none;
  }
  return fsd_diagnose(A, &e, ev, live);
}

static fsd_val_t *cause(fsd_val_t *d, size_t i) {
  fsd_val_t *c = fsd_get(d, "causes"), *k;
  if (c == NULL) return NULL;
  for (k = c->u.kids.head; k != NULL && i > 0; k = k->next) i--;
  return k;
}

/* Every id that came out on top, to prove each one is reachable. */
static char seen[64][32];
static size_t nseen;

static const char *top(fsd_val_t *d) {
  const char *id = fsd_get_str(cause(d, 0), "id");
  size_t i;
  if (id == NULL) return NULL;
  for (i = 0; i < nseen; i++)
    if (strcmp(seen[i], id) == 0) return id;
  if (nseen < 64) snprintf(seen[nseen++], sizeof(seen[0]), "%s", id);
  return id;
}

static double ev_num(fsd_val_t *d, const char *key) {
  double v = -1;
  fsd_get_num(fsd_get(cause(d, 0), "evidence"), key, &v);
  return v;
}

static const char *ev_str(fsd_val_t *d, const char *key) {
  return fsd_get_str(fsd_get(cause(d, 0), "evidence"), key);
}

/* Whether any fix command of the top cause contains s. */
static int has_command(fsd_val_t *d, const char *s) {
  fsd_val_t *f, *c;
  for (f = fsd_get(cause(d, 0), "fixes")->u.kids.head; f; f = f->next)
    for (c = fsd_get(f, "commands")->u.kids.head; c; c = c->next)
      if (strstr(c->u.str.s, s) != NULL) return 1;
  return 0;
}

static int has_text(fsd_val_t *d, const char *s) {
  fsd_val_t *f;
  for (f = fsd_get(cause(d, 0), "fixes")->u.kids.head; f; f = f->next)
    if (strstr(fsd_get_str(f, "text"), s) != NULL) return 1;
  return 0;
}

static fsd_component_t comps[4];
static fsd_pathinfo_t pinfo(int denied, int64_t owner) {
  fsd_pathinfo_t p;
  static const char *paths[] = {"/", "/home", "/home/u/proj", "/home/u/proj/f"};
  size_t i;
  memset(&p, 0, sizeof(p));
  memset(comps, 0, sizeof(comps));
  for (i = 0; i < 4; i++) {
    comps[i].path = paths[i];
    comps[i].type = i == 3 ? "file" : "dir";
    comps[i].uid = 1000;
    comps[i].mode = 0755;
    comps[i].immutable = comps[i].append_only = FSD_UNKNOWN;
    comps[i].win_readonly = FSD_UNKNOWN;
  }
  comps[2].uid = owner;
  comps[2].user = owner == 0 ? "root" : "u";
  p.components = comps;
  p.ncomponents = 4;
  p.denied_index = denied;
  p.denied_op = "write";
  p.denied_bit = "w";
  p.protected_location = FSD_UNKNOWN;
  p.long_paths_enabled = FSD_UNKNOWN;
  p.max_path = -1;
  return p;
}

static fsd_privileges_t priv(int64_t euid) {
  fsd_privileges_t v;
  memset(&v, 0, sizeof(v));
  v.uid = v.euid = euid;
  v.can_symlink = v.can_hardlink = v.can_write = FSD_UNKNOWN;
  v.symlink_privilege = v.developer_mode = v.elevated = FSD_UNKNOWN;
  return v;
}

static fsd_fsinfo_t fsi(const char *type, const char *mnt) {
  fsd_fsinfo_t f;
  memset(&f, 0, sizeof(f));
  f.type = type;
  f.mount_point = mnt;
  f.read_only = f.network = f.wsl_windows_mount = FSD_UNKNOWN;
  f.symlinks = f.hardlinks = FSD_UNKNOWN;
  f.link_max = f.subdir_max = -1;
  f.free_bytes = f.avail_bytes = f.total_bytes = 1000000000;
  f.block_size = 4096;
  f.free_inodes = f.total_inodes = 100000;
  f.name_max = 255;
  return f;
}

static void test_holders(void) {
  fsd_evidence_t ev;
  fsd_holders_t h;
  fsd_holder_t it[2];
  fsd_val_t *d;
  ev_init(&ev);
  memset(&h, 0, sizeof(h));
  memset(it, 0, sizeof(it));
  it[0].pid = 4120;
  it[0].name = "Code.exe";
  it[0].kind = "editor";
  it[0].how = "handle";
  it[0].fd = -1;
  it[0].target = "C:\\p\\node_modules\\x\\index.js";
  h.items = it;
  h.count = 1;
  ev.holders = &h;
  d = run("EPERM", "rename", "C:\\p\\node_modules\\.staging\\x",
          "C:\\p\\node_modules\\x", "win32", &ev, 1);
  T_STREQ(top(d), "file-locked");
  T_CHECK(cause(d, 0) &&
          strstr(fsd_get_str(cause(d, 0), "detail"), "4120") != NULL);
  T_CHECK(has_text(d, "watcherExclude"));
  T_CHECK(!has_command(d, "Add-MpPreference")); /* no antivirus holder */
  it[0].name = "node.exe";
  it[0].kind = "node";
  d = run("EBUSY", "unlink", "C:\\p\\x.js", NULL, "win32", &ev, 1);
  T_STREQ(top(d), "file-locked");
  T_CHECK(has_command(d, "Stop-Process -Id 4120 -Force"));
  T_CHECK(has_command(d, "taskkill /PID 4120 /F"));
  it[0].kind = "antivirus";
  it[0].name = "MsMpEng.exe";
  d = run("EPERM", "rename", "C:\\p\\node_modules\\.staging\\x", NULL, "win32",
          &ev, 1);
  /* The project was not measured (no pathinfo): no exclusion, and the
   * guard says why. */
  T_CHECK(!has_command(d, "Add-MpPreference"));
  T_CHECK(has_text(d, "Not shown: the weaken command"));
  /* Linux: an open file is a holder for EBUSY. */
  it[0].pid = 4242;
  it[0].name = "node";
  it[0].kind = "node";
  it[0].how = "fd";
  d = run("EBUSY", "open", "/dev/loop3", NULL, "linux", &ev, 1);
  T_STREQ(top(d), "file-locked");
  T_CHECK(has_command(d, "kill 4242"));
  T_CHECK(fsd_get_num(fsd_get(cause(d, 0), "evidence"), "holders", NULL) == 0);
  /* The evidence says whose process the holder is, as facts.holders does:
   * the uid, or null where it was not measured. */
  {
    fsd_val_t *hs, *uid;
    double n = -1;
    it[0].uid = 65534;
    d = run("EBUSY", "open", "/dev/loop3", NULL, "linux", &ev, 1);
    hs = fsd_get(fsd_get(cause(d, 0), "evidence"), "holders");
    T_CHECK(hs != NULL && hs->u.kids.head != NULL &&
            fsd_get_num(hs->u.kids.head, "uid", &n) && n == 65534);
    it[0].uid = -1;
    d = run("EBUSY", "open", "/dev/loop3", NULL, "linux", &ev, 1);
    hs = fsd_get(fsd_get(cause(d, 0), "evidence"), "holders");
    uid = hs != NULL && hs->u.kids.head != NULL
              ? fsd_get(hs->u.kids.head, "uid")
              : NULL;
    T_CHECK(uid != NULL && uid->type == FSD_NULL);
    it[0].uid = 0;
  }
  /* A guess without a holder ranks below the named one above and says so. */
  d = run("EPERM", "rename", "C:\\p\\node_modules\\.staging\\x", NULL, NULL,
          NULL, 0);
  T_STREQ(top(d), "file-locked");
  T_STREQ(fsd_get_str(d, "platform"), "win32");
  T_CHECK(fsd_get(d, "live")->u.b == 0);
  /* Kinds unknown: every kind's text, but nothing measured, so no
   * exclusion and no kill. */
  T_CHECK(has_text(d, "Defender"));
  T_CHECK(!has_command(d, "Add-MpPreference") && !has_command(d, "taskkill"));
  T_CHECK(fsd_get(d, "transient")->u.b == 1);
  /* ETXTBSY names the process running the file. */
  it[0].how = "exe";
  it[0].name = "server";
  d = run("ETXTBSY", "open", "/srv/bin/server", NULL, "linux", &ev, 1);
  T_STREQ(top(d), "text-file-busy");
  T_CHECK(has_command(d, "kill 4242"));
  /* ENOTEMPTY keeps its holders as evidence. */
  it[0].how = "cwd";
  d = run("ENOTEMPTY", "rmdir", "/p/node_modules/x", NULL, "linux", &ev, 1);
  T_STREQ(top(d), "dir-not-empty");
  T_CHECK(strstr(fsd_get_str(cause(d, 0), "detail"), "4242") != NULL);
}

static void test_access(void) {
  fsd_evidence_t ev;
  fsd_pathinfo_t p;
  fsd_privileges_t pv = priv(1000);
  fsd_val_t *d;
  ev_init(&ev);
  p = pinfo(2, 1000);
  ev.path = &p;
  ev.priv = &pv;
  comps[2].mode = 0555;
  d = run("EACCES", "open", "/home/u/proj/f", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "permission-denied");
  T_STREQ(ev_str(d, "component"), "/home/u/proj");
  T_STREQ(ev_str(d, "bit"), "w");
  T_CHECK(has_command(d, "chmod u+w -- /home/u/proj"));
  p = pinfo(2, 0);
  d = run("EACCES", "open", "/home/u/proj/f", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "wrong-owner");
  T_STREQ(fsd_get_str(cause(d, 1), "id"), "permission-denied");
  T_CHECK(ev_num(d, "ownerUid") == 0 && ev_num(d, "euid") == 1000);
  /* The project directory itself is not something to rebuild: look,
   * don't re-own. */
  T_CHECK(!has_command(d, "chown"));
  T_CHECK(has_command(d, "ls -ld -- /home/u/proj"));
  T_CHECK(has_text(d, "Not shown: the reown command"));
  /* Under npm's global prefix the prefix is the cause to fix. */
  comps[2].path = "/usr/local/lib/node_modules";
  ev.npm_prefix = "/usr/local";
  d = run("EACCES", "mkdir", "/usr/local/lib/node_modules/pkg", NULL, NULL, &ev,
          1);
  T_STREQ(top(d), "global-prefix-not-writable");
  T_STREQ(ev_str(d, "prefix"), "/usr/local");
  ev.npm_prefix = NULL;
  /* chattr +i outranks everything else for EPERM. */
  p = pinfo(-1, 1000);
  comps[3].immutable = 1;
  d = run("EPERM", "unlink", "/home/u/proj/f", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "immutable-file");
  T_STREQ(ev_str(d, "path"), "/home/u/proj/f");
  T_CHECK(has_command(d, "sudo chattr -i -a -- /home/u/proj/f"));
  comps[3].immutable = 0;
  comps[2].append_only = 1;
  d = run("EPERM", "rename", "/home/u/proj/f", "/home/u/proj/g", NULL, &ev, 1);
  T_STREQ(top(d), "immutable-file");
  /* Windows read-only attribute (measured on Windows, so with Windows
   * paths: a POSIX path is given to no Windows command). */
  p = pinfo(-1, 1000);
  comps[0].path = "C:\\";
  comps[1].path = "C:\\u";
  comps[2].path = "C:\\u\\p";
  comps[3].path = "C:\\u\\p\\f";
  comps[3].win_readonly = 1;
  d = run("EPERM", "unlink", "C:\\u\\p\\f", NULL, "win32", &ev, 1);
  T_STREQ(top(d), "readonly-attribute");
  T_CHECK(has_command(d, "attrib -r"));
  /* The commands fit the measured type of what has the attribute: a file
   * gets no recursion (attrib X\* /s /d names nothing below a file), a
   * directory no IsReadOnly (a DirectoryInfo has none). */
  p = pinfo(-1, 1000);
  comps[0].path = "C:\\";
  comps[1].path = "C:\\src";
  comps[2].path = "C:\\src\\proj";
  comps[3].path = "C:\\src\\proj\\f.txt";
  comps[3].name = "f.txt";
  comps[3].win_readonly = 1;
  d = run("EPERM", "unlink", "C:\\src\\proj\\f.txt", NULL, "win32", &ev, 1);
  T_STREQ(top(d), "readonly-attribute");
  T_CHECK(has_command(d, "(Get-Item -LiteralPath C:\\src\\proj\\f.txt -Force)"
                         ".IsReadOnly = $false"));
  T_CHECK(!has_command(d, "/s /d"));
  T_CHECK(!has_command(d, "Get-ChildItem"));
  comps[3].win_readonly = FSD_UNKNOWN;
  comps[2].win_readonly = 1;
  d = run("EPERM", "unlink", "C:\\src\\proj\\f.txt", NULL, "win32", &ev, 1);
  T_STREQ(top(d), "readonly-attribute");
  T_CHECK(has_command(d, "attrib -r C:\\src\\proj\\* /s /d"));
  T_CHECK(has_command(d, "ReparsePoint"));
  T_CHECK(!has_command(d, "IsReadOnly"));
  /* The attribute on a drive root: no change at all. */
  comps[2].win_readonly = FSD_UNKNOWN;
  comps[1].path = "C:\\";
  comps[2].path = "C:\\f.txt";
  comps[2].name = "f.txt";
  comps[2].type = "file";
  comps[1].win_readonly = 1;
  p.ncomponents = 3;
  d = run("EPERM", "unlink", "C:\\f.txt", NULL, "win32", &ev, 1);
  T_STREQ(top(d), "readonly-attribute");
  T_CHECK(!has_command(d, "attrib -r"));
  T_CHECK(!has_command(d, "ReadOnly"));
}

static void test_links(void) {
  fsd_evidence_t ev;
  fsd_fsinfo_t f = fsi("vfat", "/media/usb");
  fsd_privileges_t pv = priv(1000);
  fsd_linkinfo_t l;
  const char *chain[3] = {"/t/a", "/t/b", "/t/a"};
  fsd_val_t *d;
  ev_init(&ev);
  f.symlinks = 0;
  ev.dest_fs = &f;
  d = run("EPERM", "symlink", "../x", "/media/usb/p/node_modules/.bin/x", NULL,
          &ev, 1);
  T_STREQ(top(d), "fs-no-symlinks");
  T_STREQ(ev_str(d, "mountPoint"), "/media/usb");
  T_CHECK(has_command(d, "--no-bin-links"));
  f.symlinks = 1;
  f.hardlinks = 0;
  d = run("EPERM", "link", "/media/usb/a", "/media/usb/b", NULL, &ev, 1);
  T_STREQ(top(d), "fs-no-hardlinks");
  ev_init(&ev);
  pv.symlink_privilege = 0;
  pv.developer_mode = 0;
  ev.priv = &pv;
  d = run("EPERM", "symlink", "..\\x", "C:\\p\\node_modules\\.bin\\x", "win32",
          &ev, 1);
  T_STREQ(top(d), "symlink-privilege");
  T_CHECK(has_command(d, "ms-settings:developers"));
  T_CHECK(has_command(d, "--no-bin-links"));
  d = run("EPERM", "symlink", "..\\x", "C:\\p\\node_modules\\.bin\\x", NULL,
          NULL, 0);
  T_STREQ(top(d), "symlink-privilege");
  /* Link counts. */
  ev_init(&ev);
  memset(&l, 0, sizeof(l));
  l.path = "/img/f";
  l.nlink = 65000;
  l.link_max = 65000;
  l.subdirs = -1;
  f = fsi("ext4", "/img");
  ev.fs = &f;
  ev.link = &l;
  d = run("EMLINK", "link", "/img/f", "/img/g", NULL, &ev, 1);
  T_STREQ(top(d), "hard-link-limit");
  T_CHECK(ev_num(d, "nlink") == 65000 && ev_num(d, "linkMax") == 65000);
  l.path = "/img/d";
  l.nlink = 32000;
  l.link_max = 32000;
  l.subdirs = 31998;
  f = fsi("ext2", "/img");
  f.subdir_max = 31998;
  d = run("EMLINK", "mkdir", "/img/d/new", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "subdirectory-limit");
  T_CHECK(ev_num(d, "subdirs") == 31998 && ev_num(d, "subdirMax") == 31998);
  d = run("EMLINK", "link", "/x/a", "/x/b", NULL, NULL, 0);
  T_STREQ(top(d), "hard-link-limit");
  /* Chains. */
  ev_init(&ev);
  memset(&l, 0, sizeof(l));
  l.path = "/t/a";
  l.chain = chain;
  l.nchain = 3;
  l.loop = 1;
  l.loop_start = 0;
  ev.link = &l;
  d = run("ELOOP", "stat", "/t/a", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "symlink-loop");
  T_CHECK(fsd_get(ev_str(d, "x") ? NULL : fsd_get(cause(d, 0), "evidence"),
                  "chain") != NULL);
  l.loop = 0;
  l.broken = 1;
  l.nchain = 2;
  chain[1] = "/t/missing";
  l.broken_at = "/t/missing";
  d = run("ENOENT", "open", "/t/a/file", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "broken-symlink");
  T_STREQ(ev_str(d, "link"), "/t/a");
  /* /t/a is in no project's node_modules: inspect it instead. */
  T_CHECK(!has_command(d, "rm -- /t/a"));
  T_CHECK(has_command(d, "ls -la -- /t/a"));
}

static void test_limits(void) {
  fsd_evidence_t ev;
  fsd_limits_t L;
  fsd_fsinfo_t f = fsi("tmpfs", "/mnt/small");
  fsd_val_t *d;
  ev_init(&ev);
  memset(&L, 0, sizeof(L));
  L.nofile_soft = 64;
  L.nofile_hard = 4096;
  L.open_fds = 64;
  L.file_nr = 1000;
  L.file_max = 1000;
  L.inotify_max_watches = 100;
  L.inotify_watches_used = 10;
  ev.limits = &L;
  d = run("EMFILE", "open", "/x", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "too-many-open-files");
  T_CHECK(ev_num(d, "nofileSoft") == 64 && ev_num(d, "openFds") == 64);
  T_CHECK(has_command(d, "ulimit -n 4096"));
  T_CHECK(fsd_get(d, "transient")->u.b == 1);
  d = run("ENFILE", "open", "/x", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "file-table-full");
  d = run("ENOSPC", "watch", "/x", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "watcher-limit");
  T_CHECK(ev_num(d, "maxWatches") == 100);
  ev.limits = NULL;
  ev.fs = &f;
  f.free_bytes = f.avail_bytes = 0;
  d = run("ENOSPC", "write", "/mnt/small/f", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "disk-full");
  T_STREQ(ev_str(d, "mountPoint"), "/mnt/small");
  T_CHECK(has_command(d, "df -h -- /mnt/small"));
  f.free_bytes = f.avail_bytes = 500000000;
  f.free_inodes = 0;
  d = run("ENOSPC", "open", "/mnt/small/f", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "inodes-exhausted");
  T_CHECK(ev_num(d, "freeInodes") == 0);
  d = run("EDQUOT", "write", "/home/u/f", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "quota-exceeded");
  d = run("ENOSPC", "write", "/home/u/f", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "disk-full");
}

static void test_mounts(void) {
  fsd_evidence_t ev;
  fsd_fsinfo_t f = fsi("tmpfs", "/mnt/a"), g = fsi("ext4", "/");
  fsd_val_t *d;
  char longname[400];
  ev_init(&ev);
  f.read_only = 1;
  f.options = "ro,relatime";
  ev.fs = &f;
  d = run("EROFS", "open", "/mnt/a/f", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "read-only-fs");
  T_STREQ(ev_str(d, "mountPoint"), "/mnt/a");
  T_CHECK(has_command(d, "remount,rw -- /mnt/a"));
  f.read_only = 0;
  ev.dest_fs = &g;
  d = run("EXDEV", "rename", "/mnt/a/f", "/home/f", NULL, &ev, 1);
  T_STREQ(top(d), "cross-device");
  T_STREQ(ev_str(d, "destMountPoint"), "/");
  ev.dest_fs = NULL;
  d = run("EBUSY", "rmdir", "/mnt/a", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "mount-point-busy");
  /* FAT keeps no owners or modes: chmod refused there is the volume's */
  f.type = "vfat";
  d = run("EPERM", "chmod", "/mnt/a/f", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "fs-no-permissions");
  T_STREQ(ev_str(d, "type"), "vfat");
  T_CHECK(has_command(d, "findmnt -T /mnt/a"));
  d = run("EPERM", "unlink", "/mnt/a/f", NULL, NULL, &ev, 1);
  T_CHECK(strcmp(top(d), "fs-no-permissions") != 0);
  f.network = 1;
  f.type = "nfs4";
  d = run("ESTALE", "open", "/mnt/a/f", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "network-fs");
  f.network = 0;
  f.wsl_windows_mount = 1;
  f.type = "9p";
  ev.is_wsl = 1;
  d = run("EIO", "open", "/mnt/c/p/f", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "wsl-windows-mount");
  T_STREQ(fsd_get_str(d, "platform"), "wsl");
  f.wsl_windows_mount = 0;
  ev.exec_path = "/mnt/c/Program Files/nodejs/node.exe";
  d = run("ENOENT", "open", "/home/u/p/f", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "wsl-mixed-node");
  T_STREQ(ev_str(d, "execPath"), "/mnt/c/Program Files/nodejs/node.exe");
  ev_init(&ev);
  memset(longname, 'a', sizeof(longname) - 1);
  longname[0] = '/';
  longname[sizeof(longname) - 1] = '\0';
  ev.fs = &g;
  d = run("ENAMETOOLONG", "open", longname, NULL, NULL, &ev, 1);
  T_STREQ(top(d), "path-too-long");
  T_CHECK(ev_num(d, "nameLength") == 398 && ev_num(d, "nameMax") == 255);
  d = run("ENOTEMPTY", "rmdir", "/p/x", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "dir-not-empty");
}

static void test_text(void) {
  fsd_val_t *d;
  d = run("ENOENT", "open", "/home/u/.npm/_cacache/tmp/abc", NULL, NULL, NULL,
          0);
  T_STREQ(top(d), "corrupted-cache");
  d = run("EPERM", "mkdir", "C:\\Program Files\\app\\x", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "protected-location");
  d = run("EACCES", "mkdir", "/usr/local/lib/node_modules/x", NULL, NULL, NULL,
          0);
  T_STREQ(top(d), "global-prefix-not-writable");
  T_STREQ(fsd_get_str(d, "platform"), "linux");
  d = run("EPERM", "rename", "/mnt/c/Users/u/p/node_modules/.staging/x", NULL,
          NULL, NULL, 0);
  T_STREQ(top(d), "wsl-windows-mount");
  T_STREQ(fsd_get_str(d, "platform"), "wsl");
  d = run("EPERM", "open", "\\\\wsl$\\Ubuntu\\home\\u\\p\\f", NULL, NULL, NULL,
          0);
  T_STREQ(fsd_get_str(d, "platform"), "win32");
  T_CHECK(cause(d, 0) != NULL);
  d = run("ELOOP", "stat", "/a/b", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "symlink-loop");
  d = run("ENODEV", "open", "/a/b", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "unknown");
  T_CHECK(strstr(fsd_get_str(cause(d, 0), "detail"), "Checked") != NULL);
  T_CHECK(fsd_get(d, "transient")->u.b == 0);
  d = run("EBUSY", "rmdir", "/app/node_modules", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "mount-point-busy");
  d = run("ETXTBSY", "open", "/a/b", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "text-file-busy");
  d = run("EMFILE", "open", "/a/b", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "too-many-open-files");
  d = run("ENFILE", "open", "/a/b", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "file-table-full");
  d = run("EROFS", "open", "/a/b", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "read-only-fs");
  d = run("EXDEV", "rename", "/a/b", "/c/d", NULL, NULL, 0);
  T_STREQ(top(d), "cross-device");
  d = run("ENAMETOOLONG", "open", "/a/b", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "path-too-long");
  d = run("EPERM", "symlink", "x", "/media/usb/y", "linux", NULL, 0);
  T_STREQ(top(d), "fs-no-symlinks");
  d = run("EPERM", "open", "\\\\srv\\share\\p\\f", NULL, NULL, NULL, 0);
  T_CHECK(cause(d, 1) != NULL);
  /* A path with a space is quoted in bash commands. */
  d = run("ENOTEMPTY", "rmdir", "/home/u/my proj/node_modules", NULL, "linux",
          NULL, 0);
  T_CHECK(has_text(d, "/home/u/my proj/node_modules"));
  /* Text only: nothing measured, so no removal is shown. */
  T_CHECK(!has_command(d, "rm -rf"));
  T_CHECK(has_text(d, "because text only, nothing measured on this machine"));
  /* No code at all still yields a diagnosis. */
  d = run(NULL, NULL, NULL, NULL, NULL, NULL, 0);
  T_STREQ(fsd_get_str(d, "code"), "UNKNOWN");
  T_STREQ(top(d), "unknown");
}

/* Equal confidences come out in catalogue order, whatever qsort does with
 * equal keys: a UNC path makes EPERM a lock and a network share at 0.6. */
static void test_ties(void) {
  fsd_val_t *d =
      run("EPERM", "unlink", "\\\\srv\\share\\x", NULL, NULL, NULL, 0);
  double a = -1, b = -2;
  fsd_get_num(cause(d, 0), "confidence", &a);
  fsd_get_num(cause(d, 1), "confidence", &b);
  T_CHECK(a == 0.6 && b == 0.6);
  T_STREQ(fsd_get_str(cause(d, 0), "id"), "file-locked");
  T_STREQ(fsd_get_str(cause(d, 1), "id"), "network-fs");
  T_CHECK(strstr(fsd_get_str(d, "summary"), "another process") != NULL);
  T_CHECK(ranked(d));
  /* Ties below the top too: the read-only attribute before the ACL. */
  d = run("EPERM", "open", "C:\\p\\f", NULL, "win32", NULL, 0);
  T_STREQ(fsd_get_str(cause(d, 1), "id"), "readonly-attribute");
  T_STREQ(fsd_get_str(cause(d, 2), "id"), "permission-denied");
  T_CHECK(ranked(d));
}

static int wants(const char *code, const char *sys, const char *path,
                 const char *dest, const char *host, unsigned probe,
                 const char **at) {
  fsd_error_t e;
  memset(&e, 0, sizeof(e));
  e.code = code;
  e.syscall = sys;
  e.path = path;
  e.dest = dest;
  return fsd__wanted(A, &e, host, probe, at);
}

/* gather asks the causes which probes an error needs. */
static void test_wants(void) {
  const char *at = NULL;
  size_t i;
  /* An open file explains EBUSY everywhere, EPERM only on Windows. */
  T_CHECK(
      wants("EBUSY", "rmdir", "/x", NULL, "linux", FSD__PROBE_HOLDERS, NULL));
  T_CHECK(
      !wants("EPERM", "unlink", "/x", NULL, "linux", FSD__PROBE_HOLDERS, NULL));
  T_CHECK(wants("EPERM", "unlink", "C:\\x", NULL, "win32", FSD__PROBE_HOLDERS,
                NULL));
  /* ENOENT from mkdir may be a read-only mount under npm's mkdir -p. */
  T_CHECK(wants("ENOENT", "mkdir", "/x/y", NULL, "linux", FSD__PROBE_FS, NULL));
  T_CHECK(!wants("ENOENT", "open", "/x/y", NULL, "linux", FSD__PROBE_FS, NULL));
  T_CHECK(
      wants("ENOSPC", "write", NULL, NULL, "linux", FSD__PROBE_CWD_FS, NULL));
  T_CHECK(
      wants("EISDIR", "watch", "/x", NULL, "linux", FSD__PROBE_LIMITS, NULL));
  /* Where: mkdir adds a link to the parent; a symlink's test goes where
   * the new name goes; other calls get no live test. */
  T_CHECK(
      wants("EMLINK", "mkdir", "/d/new", NULL, "linux", FSD__PROBE_NLINK, &at));
  T_STREQ(at, "/d");
  T_CHECK(!wants("EMLINK", "mkdir", "/d/new", NULL, "linux", FSD__PROBE_LINKS,
                 NULL));
  T_CHECK(
      wants("EPERM", "symlink", "../t", "/m/l", "linux", FSD__PROBE_PRIV, &at));
  T_STREQ(at, "/m");
  T_CHECK(wants("EPERM", "open", "/m/f", NULL, "linux", FSD__PROBE_PRIV, &at));
  T_CHECK(at == NULL);
  T_CHECK(!wants("ENODEV", "open", "/m/f", NULL, "linux", 0x7ff, NULL));
  /* mkdtemp adds a subdirectory to the parent, as mkdir does. */
  T_CHECK(wants("EMLINK", "mkdtemp", "/tmp/x-XXXXXX", NULL, "linux",
                FSD__PROBE_NLINK, &at));
  T_STREQ(at, "/tmp");
  /* Each cause's wants name exactly the probes its table line lists. */
  for (i = 0; i < FSD_CAUSE_COUNT; i++) {
    const fsd__want_t *w;
    unsigned all = 0;
    for (w = fsd__causes[i].wants; w->probes != 0; w++) all |= w->probes;
    if (all != fsd__causes[i].probes)
      fprintf(stderr, "%s: wants %#x, table %#x\n", fsd__causes[i].id, all,
              fsd__causes[i].probes);
    T_CHECK(all == fsd__causes[i].probes);
  }
}

/* Random errors with random (but well-formed) evidence: the engine must
 * always answer with known ids, confidences in [0, 1] and filled fixes. */
static unsigned long rng = 12345;
static unsigned rnd(unsigned n) {
  rng = rng * 6364136223846793005UL + 1442695040888963407UL;
  return (unsigned)((rng >> 33) % n);
}
#define PICK(arr) (arr)[rnd(sizeof(arr) / sizeof((arr)[0]))]

static void test_random(void) {
  static const char *codes[] = {
      "EPERM",        "EACCES",  "EBUSY",     "EMLINK", "ELOOP",  "ENOENT",
      "EMFILE",       "ENFILE",  "ENOSPC",    "EDQUOT", "EROFS",  "EXDEV",
      "ENAMETOOLONG", "ETXTBSY", "ENOTEMPTY", "EEXIST", "ESTALE", "EIO",
      "EAGAIN",       "EWHAT",   "",          NULL};
  static const char *calls[] = {"rename", "unlink",   "open", "mkdir",
                                "rmdir",  "symlink",  "link", "watch",
                                "write",  "copyfile", "",     NULL};
  static const char *paths[] = {"/",
                                "/a",
                                "C:\\p\\node_modules\\.staging\\x",
                                "/mnt/c/x/node_modules/.bin/y",
                                "\\\\srv\\s\\f",
                                "/usr/local/lib/node_modules/x",
                                "/home/u/.npm/_cacache/tmp/x",
                                "relative/p'ath with space",
                                "",
                                "{pid}{",
                                NULL};
  static const char *plats[] = {"linux", "darwin", "win32",
                                "wsl",   "beos",   NULL};
  static const char *chain[] = {"/a", "/b", "/c"};
  static const char *kinds[] = {"editor", "antivirus", "node", "other", NULL};
  int i, bad = 0;
  for (i = 0; i < 20000; i++) {
    fsd_arena_t *a = fsd_arena_new();
    fsd_evidence_t ev;
    fsd_fsinfo_t f = fsi(rnd(2) ? "ext4" : NULL, rnd(2) ? "/m" : NULL), g = f;
    fsd_pathinfo_t p = pinfo((int)rnd(7) - 2, rnd(3) ? 1000 : 0);
    fsd_privileges_t pv = priv((int64_t)rnd(3) * 500 - 1);
    fsd_linkinfo_t l;
    fsd_limits_t L;
    fsd_holders_t h;
    fsd_holder_t it[2];
    fsd_error_t e;
    fsd_val_t *d, *k, *fx, *cm;
    A = a;
    ev_init(&ev);
    memset(&l, 0, sizeof(l));
    memset(&L, 0, sizeof(L));
    memset(&h, 0, sizeof(h));
    memset(it, 0, sizeof(it));
    memset(&e, 0, sizeof(e));
    f.read_only = (int)rnd(3) - 1;
    f.network = (int)rnd(3) - 1;
    f.wsl_windows_mount = (int)rnd(3) - 1;
    f.symlinks = (int)rnd(3) - 1;
    f.hardlinks = (int)rnd(3) - 1;
    f.free_bytes = (int64_t)rnd(3) - 1;
    f.free_inodes = (int64_t)rnd(3) - 1;
    f.link_max = (int64_t)rnd(3) - 1;
    f.subdir_max = (int64_t)rnd(3) - 1;
    comps[rnd(4)].immutable = (int)rnd(3) - 1;
    comps[rnd(4)].win_readonly = (int)rnd(3) - 1;
    p.max_path = (int64_t)rnd(300) - 1;
    p.path_length = (int64_t)rnd(300);
    l.path = "/a";
    l.chain = chain;
    l.nchain = rnd(4);
    l.loop = (int)rnd(2);
    l.loop_start = rnd(5);
    l.broken = (int)rnd(2);
    l.broken_at = rnd(2) ? "/b" : NULL;
    l.nlink = (int64_t)rnd(5) - 1;
    l.link_max = (int64_t)rnd(5) - 1;
    l.subdirs = (int64_t)rnd(5) - 1;
    L.nofile_soft = (int64_t)rnd(5) - 1;
    L.nofile_hard = (int64_t)rnd(5) - 1;
    L.open_fds = (int64_t)rnd(5) - 1;
    L.file_max = (int64_t)rnd(3) - 1;
    L.inotify_max_watches = (int64_t)rnd(3) - 1;
    L.inotify_watches_used = (int64_t)rnd(3) - 1;
    it[0].pid = rnd(100000);
    it[0].name = rnd(2) ? "x y'z" : NULL;
    it[0].kind = PICK(kinds);
    it[0].how = rnd(2) ? "exe" : "fd";
    it[0].fd = (int64_t)rnd(3) - 1;
    it[1] = it[0];
    it[1].pid++;
    h.items = it;
    h.count = rnd(3);
    if (rnd(2)) ev.fs = &f;
    if (rnd(2)) ev.dest_fs = &g;
    if (rnd(2)) ev.path = &p;
    if (rnd(3) == 0) ev.dest = &p;
    if (rnd(2)) ev.link = &l;
    if (rnd(2)) ev.limits = &L;
    if (rnd(2)) ev.holders = &h;
    if (rnd(2)) ev.priv = &pv;
    ev.is_wsl = (int)rnd(3) - 1;
    if (rnd(4) == 0) ev.exec_path = "/mnt/c/node.exe";
    if (rnd(3) == 0) ev.npm_prefix = "/usr/local";
    e.code = PICK(codes);
    e.syscall = PICK(calls);
    e.path = PICK(paths);
    e.dest = PICK(paths);
    e.platform = PICK(plats);
    e.has_errno = (int)rnd(2);
    e.errnum = -(int64_t)rnd(5000);
    d = fsd_diagnose(a, &e, &ev, (int)rnd(2));
    if (d == NULL || fsd_get(d, "causes") == NULL ||
        fsd_get(d, "causes")->u.kids.count == 0) {
      bad++;
    } else {
      for (k = fsd_get(d, "causes")->u.kids.head; k; k = k->next) {
        double cf = -1;
        fsd_get_num(k, "confidence", &cf);
        if (cause_index(fsd_get_str(k, "id")) < 0 || cf < 0 || cf > 1) bad++;
        for (fx = fsd_get(k, "fixes")->u.kids.head; fx; fx = fx->next)
          for (cm = fsd_get(fx, "commands")->u.kids.head; cm; cm = cm->next)
            if (strstr(cm->u.str.s, "<?>") != NULL) bad++;
      }
      if (!ranked(d)) bad++;
      (void)fsd_to_json(a, d);
    }
    fsd_arena_free(a);
  }
  T_CHECK(bad == 0);
  A = NULL;
}


/* Issue 14: system call semantics, places and the causes it added. */
static void test_issue14(void) {
  fsd_evidence_t ev;
  fsd_pathinfo_t p;
  fsd_val_t *d;
  size_t i;
  /* mkdtemp and mkdir add a subdirectory; link adds a hard link. */
  d = run("EMLINK", "mkdtemp", "/tmp/x-XXXXXX", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "subdirectory-limit");
  d = run("EMLINK", "link", "/c/a", "/p/b", NULL, NULL, 0);
  T_STREQ(top(d), "hard-link-limit");
  /* npm's cache, any layout, after sudo npm */
  d = run("EACCES", "open", "/home/u/.npm/_locks/staging.lock", NULL, NULL,
          NULL, 0);
  T_STREQ(top(d), "wrong-owner");
  d = run("EACCES", "open", "/Users/u/.npm/ms/0.7.1/package/package.json",
          NULL, NULL, NULL, 0);
  T_STREQ(top(d), "wrong-owner");
  /* git's read-only object files on Windows */
  d = run("EPERM", "unlink", "C:\\r\\.git\\objects\\pack\\pack-1.idx", NULL,
          NULL, NULL, 0);
  T_STREQ(top(d), "readonly-attribute");
  /* EROFS from symlink: a share that cannot hold links */
  d = run("EROFS", "symlink", "../x/bin/x", "/vagrant/node_modules/.bin/x",
          NULL, NULL, 0);
  T_STREQ(top(d), "fs-no-symlinks");
  {
    double conf = 0;
    fsd_get_num(cause(d, 0), "confidence", &conf);
    T_CHECK(conf >= 0.85 && conf < 0.9); /* text alone stays below 0.9 */
  }
  d = run("EROFS", "open", "/srv/f", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "read-only-fs");
  /* the new causes, from the text */
  d = run("EACCES", "scandir", "/proc/1/fd", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "walk-outside-project");
  d = run("EPERM", "scandir", "C:\\Users\\x\\Application Data", NULL, NULL,
          NULL, 0);
  T_STREQ(top(d), "walk-outside-project");
  d = run("EACCES", "scandir", "/home/u/proj/dev/x", NULL, NULL, NULL, 0);
  T_CHECK(strcmp(top(d), "walk-outside-project") != 0);
  d = run("EACCES", "scandir", "/data", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "walk-outside-project");
  d = run("EACCES", "scandir", "/home/other", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "walk-outside-project");
  d = run("EACCES", "mkdir", "/src", NULL, NULL, NULL, 0);
  T_CHECK(strcmp(top(d), "walk-outside-project") != 0);
  d = run("EACCES", "scandir", "../../..", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "walk-outside-project");
  d = run("UNKNOWN", "lstat", "C:\\$360Section", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "walk-outside-project");
  d = run("ENAMETOOLONG", "mkdir", "/p/dist/app/dist/app/dist/app/dist/app/x",
          NULL, NULL, NULL, 0);
  T_STREQ(top(d), "copy-into-itself");
  T_STREQ(ev_str(d, "repeat"), "dist/app");
  d = run("ENAMETOOLONG", "open",
          "/p/node_modules/a/node_modules/a/node_modules/a/x", NULL, NULL,
          NULL, 0);
  T_STREQ(top(d), "symlink-loop");
  T_STREQ(fsd_get_str(cause(d, 1), "id"), "path-too-long");
  d = run("ENAMETOOLONG", "open", "/p/node_modules/a/b/c/d/e/f/g/x.js", NULL,
          NULL, NULL, 0);
  T_STREQ(top(d), "path-too-long");
  d = run("ENOTEMPTY", "rename", "/p/node_modules/foo",
          "/p/node_modules/.foo-AbCd1234", NULL, NULL, 0);
  T_STREQ(top(d), "install-leftover");
  T_STREQ(ev_str(d, "leftover"), "/p/node_modules/.foo-AbCd1234");
  T_CHECK(fsd_get(d, "transient")->u.b == 0);
  d = run("EEXIST", "symlink", "../lib/node_modules/x/cli.js",
          "/usr/local/bin/x", NULL, NULL, 0);
  T_STREQ(top(d), "name-taken");
  T_STREQ(ev_str(d, "taken"), "/usr/local/bin/x");
  d = run("EEXIST", "mkdir", "/home/u/notes", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "name-taken");
  T_STREQ(fsd_get_str(cause(d, 1), "id"), "wrong-file-type");
  d = run("EEXIST", "mkdir", "/p/node_modules/.staging", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "install-leftover");
  d = run("EINVAL", "spawn", "C:\\Program Files\\nodejs\\npm.cmd", NULL,
          NULL, NULL, 0);
  T_STREQ(top(d), "shim-without-shell");
  d = run("ENOTEMPTY", "rmdir", "/p/dist", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "dir-not-empty");
  /* a name Windows cannot hold; the same name on Linux is no claim */
  d = run("EINVAL", "open", "C:\\p\\out\\report?.txt", NULL, "win32",
          NULL, 0);
  T_STREQ(top(d), "invalid-name");
  T_STREQ(ev_str(d, "name"), "report?.txt");
  /* ENOENT is any missing file too: without Windows' own words for the
   * name, the odd name is second */
  d = run("ENOENT", "open", "C:\\p\\out\\report?.txt", NULL, "win32",
          NULL, 0);
  T_STREQ(top(d), "missing-path");
  d = run("ENOENT", "open", "/p/out/report?.txt", NULL, "linux", NULL, 0);
  T_CHECK(strcmp(top(d), "invalid-name") != 0);
  d = run("ENOENT", "mkdir", "E:\\E:\\site", NULL, "win32", NULL, 0);
  T_CHECK(strcmp(top(d), "invalid-name") != 0);
  d = run("ENAMETOOLONG", "spawn", NULL, NULL, NULL, NULL, 0);
  T_STREQ(top(d), "command-too-long");
  d = run("E2BIG", "spawn", "/bin/sh", NULL, NULL, NULL, 1);
  T_STREQ(top(d), "command-too-long");
  d = run("ENOENT", "spawn", "git", NULL, NULL, NULL, 0);
  T_STREQ(top(d), "missing-path");
  d = run("EISDIR", "read", NULL, NULL, NULL, NULL, 0);
  T_STREQ(top(d), "wrong-file-type");
  /* live: the first missing component, the file in a directory's place */
  ev_init(&ev);
  p = pinfo(-1, 1000);
  ev.path = &p;
  comps[2].type = "missing";
  comps[3].type = "missing";
  d = run("ENOENT", "open", "/home/u/proj/f", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "missing-path");
  T_STREQ(ev_str(d, "missing"), "/home/u/proj");
  T_STREQ(ev_str(d, "existing"), "/home");
  T_CHECK(has_command(d, "ls -la /home"));
  p = pinfo(-1, 1000);
  comps[2].type = "file";
  d = run("ENOTDIR", "open", "/home/u/proj/f", NULL, NULL, &ev, 1);
  T_STREQ(top(d), "wrong-file-type");
  T_STREQ(ev_str(d, "component"), "/home/u/proj");
  /* The new causes' fixes change nothing, but missing-path's creation of
   * npm's global folder, the leftover's removal,
   * which names its (guarded) target, and the reinstall after it, a
   * (guarded) removal of {project}'s node_modules. */
  for (i = FSD_CAUSE_WALK_OUTSIDE_PROJECT; i < FSD_CAUSE_UNKNOWN; i++) {
    const fsd__fix_t *f = fsd__cause((fsd_cause_id_t)i)->fixes;
    for (; f->text != NULL; f++) {
      const fsd__cmd_t *cm;
      for (cm = f->commands; cm->tmpl != NULL; cm++) {
        if (cm->cls == FSD__INSPECT) continue;
        /* missing-path creates npm's missing global folder, nothing else */
        if (i == FSD_CAUSE_MISSING_PATH) {
          T_CHECK(cm->cls == FSD__CHANGE && fsd__is(cm->on, "npmprefix"));
          continue;
        }
        T_CHECK(i == FSD_CAUSE_INSTALL_LEFTOVER);
        T_CHECK(cm->cls == FSD__CHANGE ||
                (cm->cls == FSD__DESTROY && fsd__is(cm->on, "leftover")) ||
                (cm->cls == FSD__DESTROY && (cm->flags & FSD__REINSTALL) &&
                 fsd__is(cm->on, "project")));
      }
    }
  }
}

/* Every id in the catalogue was on top at least once above. */
static const char *const all_ids[] = {"file-locked",
                                      "symlink-privilege",
                                      "fs-no-symlinks",
                                      "fs-no-hardlinks",
                                      "fs-no-permissions",
                                      "readonly-attribute",
                                      "permission-denied",
                                      "wrong-owner",
                                      "immutable-file",
                                      "read-only-fs",
                                      "global-prefix-not-writable",
                                      "network-fs",
                                      "wsl-windows-mount",
                                      "wsl-mixed-node",
                                      "hard-link-limit",
                                      "subdirectory-limit",
                                      "symlink-loop",
                                      "broken-symlink",
                                      "too-many-open-files",
                                      "watcher-limit",
                                      "file-table-full",
                                      "disk-full",
                                      "inodes-exhausted",
                                      "quota-exceeded",
                                      "path-too-long",
                                      "invalid-name",
                                      "cross-device",
                                      "text-file-busy",
                                      "mount-point-busy",
                                      "dir-not-empty",
                                      "corrupted-cache",
                                      "protected-location",
                                      "walk-outside-project",
                                      "copy-into-itself",
                                      "install-leftover",
                                      "command-too-long",
                                      "missing-path",
                                      "wrong-file-type",
                                      "name-taken",
                                      "shim-without-shell",
                                      "unknown",
                                      NULL};

static void test_catalogue(void) {
  size_t i, j;
  for (i = 0; all_ids[i] != NULL; i++) {
    T_STREQ(fsd__cause((fsd_cause_id_t)i)->id, all_ids[i]);
    for (j = 0; j < nseen; j++)
      if (strcmp(seen[j], all_ids[i]) == 0) break;
    if (j == nseen) fprintf(stderr, "never on top: %s\n", all_ids[i]);
    T_CHECK(j < nseen);
  }
  T_CHECK(i == FSD_CAUSE_COUNT);
  printf("diagnose: %zu of %zu cause ids reached the top\n", nseen, i);
}

int main(int argc, char **argv) {
  A = fsd_arena_new();
  if (argc > 1 && strcmp(argv[1], "--catalogue") == 0) {
    printf("%s\n", fsd_to_json(A, fsd_catalogue_val(A)));
    fsd_arena_free(A);
    return 0;
  }
  test_holders();
  test_access();
  test_links();
  test_limits();
  test_mounts();
  test_text();
  test_issue14();
  test_catalogue();
  test_ties();
  test_wants();
  fsd_arena_free(A);
  test_random();
  T_DONE("diagnose");
}
