/* The guard (src/engine/guard.c), the quoting of each shell
 * (src/causes/kit_quote.c), the table of what a call touches
 * (kit_touch.c), and the rules issue 13 named as pointing at the wrong
 * target, with made-up evidence. */
#include "engine/engine.h"
#include "t.h"

static fsd_arena_t *A;

static fsd__guard_t guard(const char *platform) {
  fsd__guard_t g;
  memset(&g, 0, sizeof(g));
  g.platform = platform;
  g.measured = 1;
  g.vouched = 1;
  g.euid = -1;
  g.home = fsd__is(platform, "win32") ? "C:\\Users\\u" : "/home/u";
  g.cache = fsd__is(platform, "win32") ? "C:\\Users\\u\\AppData\\Local\\npm-cache"
                                       : "/home/u/.npm";
  g.prefix = fsd__is(platform, "win32") ? "C:\\Users\\u\\AppData\\Roaming\\npm"
                                        : "/usr/local";
  return g;
}

/* Whether a command of class cls on target passes; *why (may be NULL). */
static int pass(const fsd__guard_t *g, fsd__class_t cls, const char *target,
                const char **why) {
  fsd__cmd_t c;
  const char *w = NULL;
  int ok;
  memset(&c, 0, sizeof(c));
  c.cls = cls;
  c.on = "path";
  c.tmpl = "x {path}";
  ok = fsd__guard(A, g, &c, target, &w);
  if (why) *why = w;
  return ok;
}

static void test_never(void) {
  fsd__guard_t g = guard("linux"), w = guard("win32");
  const char *why;
  static const char *const no_posix[] = {
      "/", "/etc", "/etc/x", "/usr", "/usr/share", "/usr/share/x", "/var",
      "/root", "/home", "/home/u", "/home/u/x", "/Users/v", "/mnt/c",
      "/mnt/c/Users/u", "/usr/local", "/usr/local/lib/node_modules",
      "/usr/local/lib/node_modules/x", "/home/u/.npm/../x", "relative/x",
      "/mnt/data", "/mnt/data/x", NULL};
  static const char *const no_win[] = {
      "C:\\", "D:\\", "c:", "C:\\Windows", "C:\\Windows\\System32",
      "C:\\Program Files", "C:\\Program Files\\app", "C:\\ProgramData\\x",
      "C:\\Users", "C:\\Users\\u", "c:/users/u",
      "C:\\Users\\u\\AppData\\Roaming\\npm\\node_modules",
      "C:\\Users\\u\\AppData\\Roaming\\npm\\node_modules\\x", "\\\\srv\\share",
      "\\\\srv\\share\\", NULL};
  size_t i;
  g.paths[0] = "/home/u/p/node_modules/x";
  g.mounts[0] = "/mnt/data";
  w.paths[0] = "C:\\Users\\u\\p\\node_modules\\x";
  for (i = 0; no_posix[i] != NULL; i++) {
    T_CHECK(!pass(&g, FSD__DESTROY, no_posix[i], &why));
    T_CHECK(!pass(&g, FSD__REOWN, no_posix[i], NULL));
    T_CHECK(!pass(&g, FSD__MOVE, no_posix[i], NULL));
    T_CHECK(why != NULL);
  }
  for (i = 0; no_win[i] != NULL; i++) {
    T_CHECK(!pass(&w, FSD__DESTROY, no_win[i], &why));
    T_CHECK(!pass(&w, FSD__WEAKEN, no_win[i], NULL));
  }
  /* Inside a project's node_modules, or npm's cache: yes. */
  T_CHECK(pass(&g, FSD__DESTROY, "/home/u/p/node_modules", NULL));
  T_CHECK(pass(&g, FSD__DESTROY, "/home/u/p/node_modules/.staging/x", NULL));
  T_CHECK(pass(&g, FSD__REOWN, "/home/u/.npm", NULL));
  T_CHECK(pass(&g, FSD__DESTROY, "/home/u/.npm/_cacache/tmp", NULL));
  T_CHECK(pass(&w, FSD__DESTROY, "C:\\Users\\u\\p\\node_modules", NULL));
  /* Another project's node_modules, or the project itself: no. */
  T_CHECK(!pass(&g, FSD__DESTROY, "/home/u/q/node_modules", &why));
  T_STREQ(why, "it is outside the project's node_modules and npm's cache");
  T_CHECK(!pass(&g, FSD__DESTROY, "/home/u/p", NULL));
  /* A mount point below: no. */
  g.mounts[1] = "/home/u/p/node_modules/vol";
  T_CHECK(!pass(&g, FSD__DESTROY, "/home/u/p/node_modules", &why));
  T_STREQ(why, "a mount point lies below it");
  g.mounts[1] = NULL;
  /* Not measured: no. */
  g.measured = 0;
  T_CHECK(!pass(&g, FSD__DESTROY, "/home/u/p/node_modules", &why));
  T_STREQ(why, "text only, nothing measured on this machine");
}

static void test_sources(void) {
  fsd__guard_t g = guard("linux");
  const char *why;
  g.paths[0] = "/home/u/p/old";
  g.paths[1] = "/home/u/p/node_modules/new";
  g.sources[0] = "/home/u/p/old";
  T_CHECK(!pass(&g, FSD__DESTROY, "/home/u/p/old", &why));
  T_STREQ(why, "it is the source of the failed call");
  T_CHECK(!pass(&g, FSD__REOWN, "/home/u/p/old", NULL));
  T_CHECK(pass(&g, FSD__DESTROY, "/home/u/p/node_modules/new", NULL));
  /* npm's staging rename: the source is in node_modules, so node_modules
   * (which holds it) may still be removed; the source itself may not. */
  g.paths[0] = g.sources[0] = "/home/u/p/node_modules/.staging/x";
  T_CHECK(pass(&g, FSD__DESTROY, "/home/u/p/node_modules", NULL));
  T_CHECK(!pass(&g, FSD__DESTROY, "/home/u/p/node_modules/.staging/x", NULL));
}

/* A removal without sudo of what another user owns must fail: not shown
 * (a root-owned project seen as nobody); the owner, or root, may. */
static void test_not_mine(void) {
  fsd__guard_t g = guard("linux");
  fsd_component_t comps[5];
  fsd_pathinfo_t p;
  const char *paths[] = {"/", "/home", "/home/u", "/home/u/p",
                         "/home/u/p/node_modules"};
  const char *why = NULL;
  size_t i;
  memset(comps, 0, sizeof(comps));
  memset(&p, 0, sizeof(p));
  for (i = 0; i < 5; i++) {
    comps[i].path = paths[i];
    comps[i].uid = 0;
    comps[i].type = "dir";
  }
  p.components = comps;
  p.ncomponents = 5;
  g.vouched = 0;
  g.infos[0] = &p;
  g.paths[0] = "/home/u/p/node_modules";
  g.euid = 65534;
  T_CHECK(!pass(&g, FSD__DESTROY, "/home/u/p/node_modules", &why));
  T_CHECK(why != NULL && strstr(why, "belongs to another user") != NULL);
  T_CHECK(!pass(&g, FSD__MOVE, "/home/u/p/node_modules", &why));
  g.euid = 0;
  T_CHECK(pass(&g, FSD__DESTROY, "/home/u/p/node_modules", &why));
  g.euid = 1000;
  comps[4].uid = 1000;
  T_CHECK(pass(&g, FSD__DESTROY, "/home/u/p/node_modules", &why));
}

static void test_measured_paths(void) {
  fsd__guard_t g = guard("linux");
  fsd_component_t comps[3];
  fsd_pathinfo_t p;
  fsd__cmd_t chmod_ = FSD__C("path", "chmod u+w -- {path}");
  fsd__cmd_t sudo_ = FSD__C_ROOT("path", "sudo chattr -i -- {path}");
  const char *why;
  memset(comps, 0, sizeof(comps));
  memset(&p, 0, sizeof(p));
  comps[0].path = "/";
  comps[0].uid = 0;
  comps[0].type = "dir";
  comps[1].path = "/etc";
  comps[1].uid = 0;
  comps[1].type = "dir";
  comps[2].path = "/etc/t";
  comps[2].uid = -1;
  comps[2].type = "missing";
  comps[2].err = 2;
  p.components = comps;
  p.ncomponents = 3;
  g.vouched = 0;
  g.infos[0] = &p;
  g.euid = 65534;
  /* chmod of root's /etc as nobody, without sudo: it would fail. */
  T_CHECK(!fsd__guard(A, &g, &chmod_, "/etc", &why));
  T_CHECK(why != NULL && strstr(why, "belongs to another user") != NULL);
  T_CHECK(fsd__guard(A, &g, &sudo_, "/etc", &why));
  /* A path measured missing. */
  T_CHECK(!fsd__guard(A, &g, &sudo_, "/etc/t", &why));
  T_STREQ(why, "it does not exist");
  /* The owner may. */
  g.euid = 0;
  T_CHECK(fsd__guard(A, &g, &chmod_, "/etc", &why));
  /* A command that creates its target: for what is missing, not for what
   * exists. */
  {
    fsd__cmd_t mkdir_ = FSD__C_NEW("path", "mkdir -- {path}");
    T_CHECK(fsd__guard(A, &g, &mkdir_, "/etc/t", &why));
    T_CHECK(!fsd__guard(A, &g, &mkdir_, "/etc", &why));
    T_STREQ(why, "it already exists");
  }
}

static void test_kill_weaken_settings(void) {
  fsd__guard_t g = guard("win32");
  fsd_holder_t it;
  fsd_holders_t h;
  fsd_component_t comps[4];
  fsd_pathinfo_t p;
  fsd__cmd_t cmd;
  const char *why;
  memset(&cmd, 0, sizeof(cmd));
  cmd.cls = FSD__KILL;
  T_CHECK(!fsd__guard(A, &g, &cmd, "4120", &why));
  memset(&it, 0, sizeof(it));
  memset(&h, 0, sizeof(h));
  it.pid = 4120;
  h.items = &it;
  h.count = 1;
  g.holders = &h;
  T_CHECK(fsd__guard(A, &g, &cmd, "4120", &why));
  T_CHECK(!fsd__guard(A, &g, &cmd, "4121", &why));
  T_CHECK(!fsd__guard(A, &g, &cmd, "4120 4121", &why));
  /* An exclusion: the measured project folder, or the cache. */
  cmd.cls = FSD__WEAKEN;
  memset(comps, 0, sizeof(comps));
  memset(&p, 0, sizeof(p));
  comps[0].path = "C:\\";
  comps[1].path = "C:\\p";
  comps[2].path = "C:\\p\\node_modules";
  comps[3].path = "C:\\p\\node_modules\\x";
  p.components = comps;
  p.ncomponents = 4;
  g.vouched = 0;
  g.infos[0] = &p;
  g.paths[0] = "C:\\p\\node_modules\\x";
  T_CHECK(fsd__guard(A, &g, &cmd, "C:\\p", &why));
  T_CHECK(fsd__guard(A, &g, &cmd, g.cache, &why));
  T_CHECK(!fsd__guard(A, &g, &cmd, "C:\\", &why));
  T_CHECK(!fsd__guard(A, &g, &cmd, "C:\\Users\\u", &why));
  T_CHECK(!fsd__guard(A, &g, &cmd, "C:\\Program Files", &why));
  T_CHECK(!fsd__guard(A, &g, &cmd, "C:\\q", &why));
  /* npm settings already made or overridden. */
  cmd.cls = FSD__CHANGE;
  cmd.on = "npm:cache";
  g.cache_from = "env";
  T_CHECK(!fsd__guard(A, &g, &cmd, NULL, &why));
  g.cache_from = "default";
  T_CHECK(!fsd__guard(A, &g, &cmd, NULL, &why));
  g.cache_from = "user";
  T_CHECK(fsd__guard(A, &g, &cmd, NULL, &why));
  g = guard("linux");
  cmd.on = "npm:prefix";
  g.prefix = "/home/u/.npm-global";
  g.prefix_from = "user";
  T_CHECK(!fsd__guard(A, &g, &cmd, NULL, &why));
  g.prefix = "/usr/local";
  T_CHECK(fsd__guard(A, &g, &cmd, NULL, &why));
  /* Inspect and its replacement. */
  T_STREQ(fsd__guard_inspect(FSD__DESTROY, "bash"), "ls -la -- {target}");
  T_STREQ(fsd__guard_inspect(FSD__REOWN, "cmd"), "icacls {target}");
  T_STREQ(fsd__guard_inspect(FSD__KILL, "bash"),
          "ps -o pid,user,args -p {target}");
  T_CHECK(fsd__guard_inspect(FSD__KILL, "powershell") == NULL);
  T_CHECK(fsd__guard_inspect(FSD__KILL, "cmd") == NULL);
  T_CHECK(fsd__guard_inspect(FSD__WEAKEN, "bash") == NULL);
}

static void test_quote(void) {
  T_STREQ(fsd__quote_bash(A, "/a/b-c_1.x"), "/a/b-c_1.x");
  T_STREQ(fsd__quote_bash(A, "it's"), "'it'\\''s'");
  T_STREQ(fsd__quote_bash(A, "$(x) `y` ~ *"), "'$(x) `y` ~ *'");
  T_STREQ(fsd__quote_bash(A, "a\nb\x1b"), "$'a\\x0ab\\x1b'");
  T_STREQ(fsd__quote_bash(A, "-rf"), "'-rf'");
  T_STREQ(fsd__quote_bash(A, ""), "''");
  T_STREQ(fsd__quote_powershell(A, "C:\\a\\b"), "C:\\a\\b");
  T_STREQ(fsd__quote_powershell(A, "a,b"), "'a,b'");
  T_STREQ(fsd__quote_powershell(A, "a$b`c"), "'a$b`c'");
  T_STREQ(fsd__quote_powershell(A, "o'n"), "'o''n'");
  T_STREQ(fsd__quote_powershell(A, "\xe2\x80\x98x\xe2\x80\x99"),
          "'\xe2\x80\x98\xe2\x80\x98x\xe2\x80\x99\xe2\x80\x99'");
  T_STREQ(fsd__quote_powershell(A, "a\nb$\"`"), "\"a$([char]0xa)b`$`\"``\"");
  T_STREQ(fsd__quote_powershell(A, "-x"), "'-x'");
  T_STREQ(fsd__quote_cmd(A, "C:\\a b"), "\"C:\\a b\"");
  T_STREQ(fsd__quote_cmd(A, "a,b;c=d&e|f<g>h(i)^"), "\"a,b;c=d&e|f<g>h(i)^\"");
  T_STREQ(fsd__quote_cmd(A, "C:\\a b\\"), "\"C:\\a b\\\\\"");
  T_STREQ(fsd__quote_cmd(A, "C:/a"), "\"C:/a\"");
  T_CHECK(fsd__quote_cmd(A, "%PATH%") == NULL);
  T_CHECK(fsd__quote_cmd(A, "a!b") == NULL);
  T_CHECK(fsd__quote_cmd(A, "a\"b") == NULL);
  T_CHECK(fsd__quote_cmd(A, "a\rb") == NULL);
  T_CHECK(fsd__quote(A, "a'b", NULL, 1) == NULL); /* any Windows shell */
  /* Prose: control characters as escapes; commands: quoted, or none. */
  {
    fsd__vars_t v;
    memset(&v, 0, sizeof(v));
    fsd__var(&v, "path", "/p\n  $ rm -rf ~\r\x1b[2K\xe2\x80\xa8");
    T_STREQ(fsd__fill(A, "in {path}.", &v, NULL, NULL, 0),
            "in /p\\n  $ rm -rf ~\\r\\e[2K\\u2028.");
    T_STREQ(fsd__fill(A, "ls {path}", &v, NULL, "bash", 1),
            "ls $'/p\\x0a  $ rm -rf ~\\x0d\\x1b[2K\\xe2\\x80\\xa8'");
    T_CHECK(fsd__fill(A, "dir {path}", &v, NULL, "cmd", 1) == NULL);
    T_CHECK(fsd__fill(A, "ls {nothing}", &v, NULL, "bash", 1) == NULL);
  }
  T_STREQ(fsd__quote(A, "a b", NULL, 1), "\"a b\"");
}

static void test_touch(void) {
  fsd__touch_t t;
  fsd__touches("rename", &t);
  T_CHECK(t.path == FSD__TOUCH_REMOVE && t.dest == FSD__TOUCH_CREATE);
  fsd__touches("link", &t);
  T_CHECK(t.path == FSD__TOUCH_READ && t.dest == FSD__TOUCH_CREATE);
  fsd__touches("copyfile", &t);
  T_CHECK(t.path == FSD__TOUCH_READ && t.dest == FSD__TOUCH_CREATE);
  fsd__touches("open", &t);
  T_CHECK(t.path == FSD__TOUCH_WRITE);
  fsd__touches("mkdir", &t);
  T_CHECK(t.path == FSD__TOUCH_CREATE);
  T_CHECK(fsd__dest_side("copyfile", 1) && !fsd__dest_side("copyfile", 0));
  T_CHECK(!fsd__dest_side("open", 1));
  T_CHECK(fsd__source_call("symlink") && !fsd__source_call("unlink"));
}

/* ---- the rules issue 13 named -------------------------------------------- */

static fsd_val_t *diag(const char *code, const char *sys, const char *path,
                       const char *dest, const fsd_evidence_t *ev) {
  fsd_error_t e;
  memset(&e, 0, sizeof(e));
  e.code = code;
  e.syscall = sys;
  e.path = path;
  e.dest = dest;
  return fsd_diagnose(A, &e, ev, 1);
}

static void ev0(fsd_evidence_t *ev) {
  memset(ev, 0, sizeof(*ev));
  ev->win32_error = -1;
  ev->is_wsl = FSD_UNKNOWN;
  ev->host = "linux";
}

static const char *json(fsd_val_t *d) { return fsd_to_json(A, d); }

static void test_rules(void) {
  fsd_evidence_t ev;
  fsd_limits_t L;
  fsd_fsinfo_t src, dst;
  const char *j;
  ev0(&ev);
  memset(&L, 0, sizeof(L));
  /* file-max at LONG_MAX: no doubled (overflowed) value. */
  L.file_max = INT64_MAX;
  L.file_nr = 100;
  L.nofile_soft = L.nofile_hard = -1;
  L.inotify_watches_used = L.inotify_instances_used = -1;
  ev.limits = &L;
  j = json(diag("ENFILE", "open", "/x", NULL, &ev));
  T_CHECK(strstr(j, "fs.file-max=") == NULL);
  T_CHECK(strstr(j, "65536") == NULL && strstr(j, "-2") == NULL);
  L.file_max = 1000;
  T_CHECK(strstr(json(diag("ENFILE", "open", "/x", NULL, &ev)),
                 "sudo sysctl -w fs.file-max=2000") != NULL);
  /* ulimit: never past the hard limit. */
  L.nofile_soft = 1024;
  L.nofile_hard = 4096;
  j = json(diag("EMFILE", "open", "/x", NULL, &ev));
  T_CHECK(strstr(j, "\"ulimit -n 4096\"") != NULL);
  L.nofile_soft = 4096;
  j = json(diag("EMFILE", "open", "/x", NULL, &ev));
  T_CHECK(strstr(j, "\"ulimit -n ") == NULL);
  T_CHECK(strstr(j, "nofile 16384") != NULL);
  /* inotify: the instances ran out, not the watches. */
  L.inotify_max_watches = 8192;
  L.inotify_watches_used = 10;
  L.inotify_max_instances = 128;
  L.inotify_instances_used = 128;
  j = json(diag("EMFILE", "watch", "/x", NULL, &ev));
  T_CHECK(strstr(j, "sudo sysctl -w fs.inotify.max_user_instances=1024") !=
          NULL);
  T_CHECK(strstr(j, "sysctl -w fs.inotify.max_user_watches") == NULL);
  ev.limits = NULL;
  /* A copy into a full mount: the destination's mount, not the source's. */
  memset(&src, 0, sizeof(src));
  memset(&dst, 0, sizeof(dst));
  src.mount_point = "/";
  src.type = "ext4";
  src.total_bytes = 1 << 30;
  src.free_bytes = src.avail_bytes = 1 << 29;
  dst = src;
  dst.mount_point = "/mnt/small";
  dst.type = "tmpfs";
  dst.free_bytes = dst.avail_bytes = 0;
  ev.fs = &src;
  ev.dest_fs = &dst;
  j = json(diag("ENOSPC", "copyfile", "/src/f", "/mnt/small/f", &ev));
  T_CHECK(strstr(j, "\"df -h -- /mnt/small\"") != NULL);
  T_CHECK(strstr(j, "\"df -h -- /\"") == NULL);
  dst.read_only = 1;
  j = json(diag("EROFS", "copyfile", "/src/f", "/mnt/small/f", &ev));
  T_CHECK(strstr(j, "remount,rw -- /mnt/small\"") != NULL);
  T_CHECK(strstr(j, "remount,rw -- /\"") == NULL);
  ev.fs = ev.dest_fs = NULL;
  /* global-prefix-not-writable: /usr/share is not npm's. */
  {
    fsd_component_t c[4];
    fsd_pathinfo_t p;
    fsd_privileges_t pv;
    memset(c, 0, sizeof(c));
    memset(&p, 0, sizeof(p));
    memset(&pv, 0, sizeof(pv));
    c[0].path = "/";
    c[1].path = "/usr";
    c[2].path = "/usr/share";
    c[2].mode = 0755;
    c[0].uid = c[1].uid = c[2].uid = 0;
    c[0].type = c[1].type = c[2].type = "dir";
    c[3].path = "/usr/share/x";
    c[3].type = "missing";
    c[3].err = 2;
    c[3].uid = -1;
    p.components = c;
    p.ncomponents = 4;
    p.denied_index = 2;
    p.denied_bit = "w";
    p.denied_op = "write";
    pv.euid = pv.uid = 1000;
    ev.path = &p;
    ev.priv = &pv;
    ev.npm_prefix = "/usr";
    j = json(diag("EACCES", "open", "/usr/share/x", NULL, &ev));
    T_CHECK(strstr(j, "global-prefix-not-writable") == NULL);
    T_CHECK(strstr(j, "chown") == NULL && strstr(j, "chmod") == NULL);
    T_CHECK(strstr(j, "ls -ld -- /usr/share") != NULL);
    /* An immutable directory higher up blocks nothing here. */
    c[1].immutable = 1;
    p.denied_index = -1;
    j = json(diag("EPERM", "unlink", "/usr/share/x", NULL, &ev));
    T_CHECK(strstr(j, "\"immutable-file\",\"title\"") == NULL ||
            strstr(j, "chattr -i -a -- /usr\"") == NULL);
    T_CHECK(strstr(j, "chattr -i -a -- /usr\"") == NULL);
  }
}

/* The red-team review of issue 13 (test/review): each rule in the one
 * guard, by class and flag, never by a command's text. */
static void comp(fsd_component_t *x, const char *path, const char *type,
                 int64_t uid) {
  memset(x, 0, sizeof(*x));
  x->path = path;
  x->type = type;
  x->uid = uid;
  x->win_reparse = -1;
}

static void test_review(void) {
  fsd__guard_t g = guard("linux"), w = guard("win32");
  fsd__cmd_t reinstall = FSD__REINSTALL_CMD("npm install --prefix {project}");
  fsd__cmd_t rm = FSD__D("path", "rm -rf -- {path}");
  fsd__cmd_t chown_ = FSD__R("path", "sudo chown -R u -- {path}");
  fsd__cmd_t wide = FSD__C_WIDE("path", "chmod -R u+w -- {path}");
  fsd__cmd_t umount_ = FSD__C_MOUNT("mount", "sudo umount -- {mount}");
  fsd__cmd_t kill_ = FSD__K("pid", "kill {pid}");
  fsd_component_t c[7];
  fsd_pathinfo_t p;
  fsd_holder_t it[2];
  fsd_holders_t h;
  const char *why;
  /* 1. A reinstall prunes {project}/node_modules: a project the failed
   * path is in, measured, never a global prefix's lib, %AppData%\npm or
   * the cache. */
  g.paths[0] = "/home/u/p/node_modules/x/i.js";
  T_CHECK(fsd__guard(A, &g, &reinstall, "/home/u/p", &why));
  T_CHECK(!fsd__guard(A, &g, &reinstall, "/home/u/q", &why));
  T_STREQ(why, "the failed path is not in its node_modules");
  g.paths[0] = "/opt/g/lib/node_modules/mylib/i.js";
  T_CHECK(!fsd__guard(A, &g, &reinstall, "/opt/g/lib", &why));
  T_STREQ(why, "it is in a global package directory");
  g.paths[0] = "/home/u/.nvm/versions/node/v20.1.0/lib/node_modules/x/i.js";
  T_CHECK(!fsd__guard(A, &g, &reinstall,
                      "/home/u/.nvm/versions/node/v20.1.0/lib", &why));
  T_CHECK(!fsd__guard(A, &g, &rm,
                      "/home/u/.nvm/versions/node/v20.1.0/lib/node_modules/x",
                      &why));
  g.paths[0] = "/home/u/.npm/_cacache/content-v2/sha512/ab/cd";
  T_CHECK(!fsd__guard(A, &g, &reinstall, "/home/u/.npm/_cacache/content-v2/sha512/ab", &why));
  T_CHECK(!fsd__guard(A, &g, &reinstall, "/", &why));
  T_CHECK(!fsd__guard(A, &g, &reinstall, "/usr", &why));
  T_CHECK(!fsd__guard(A, &g, &reinstall, ".", &why));
  w.paths[0] = "C:\\Users\\bob\\AppData\\Roaming\\npm\\node_modules\\m\\i.js";
  T_CHECK(!fsd__guard(A, &w, &reinstall, "C:\\Users\\bob\\AppData\\Roaming\\npm", &why));
  w.measured = 0;
  w.paths[0] = "C:\\w\\p\\node_modules\\m\\i.js";
  T_CHECK(!fsd__guard(A, &w, &reinstall, "C:\\w\\p", &why));
  T_STREQ(why, "text only, nothing measured on this machine");
  /* 2a. A symlink between node_modules and the target: refused; the link
   * itself may go (as a link). */
  g = guard("linux");
  g.vouched = 0;
  comp(&c[0], "/", "dir", 0);
  comp(&c[1], "/t", "dir", 1000);
  comp(&c[2], "/t/p", "dir", 1000);
  comp(&c[3], "/t/p/node_modules", "dir", 1000);
  comp(&c[4], "/t/p/node_modules/mylib", "symlink", 1000);
  comp(&c[5], "/t/p/node_modules/mylib/dist", "dir", 1000);
  comp(&c[6], "/t/p/node_modules/mylib/dist/new", "dir", 1000);
  memset(&p, 0, sizeof(p));
  p.components = c;
  p.ncomponents = 7;
  g.infos[1] = &p;
  g.paths[0] = "/t/p/node_modules/mylib/dist/old";
  g.paths[1] = "/t/p/node_modules/mylib/dist/new";
  T_CHECK(!fsd__guard(A, &g, &rm, "/t/p/node_modules/mylib/dist/new", &why));
  T_CHECK(why != NULL && strstr(why, "symlink or junction") != NULL);
  T_CHECK(fsd__guard(A, &g, &rm, "/t/p/node_modules/mylib", &why));
  T_CHECK(fsd__guard(A, &g, &rm, "/t/p/node_modules", &why));
  /* Without path measurement: refused. */
  T_CHECK(!fsd__guard(A, &g, &rm, "/t/p/node_modules/other/x", &why));
  T_STREQ(why, "it was not measured on this machine");
  /* A junction (a reparse point) on Windows, the same. */
  c[4].type = "dir";
  c[4].win_reparse = 1;
  T_CHECK(!fsd__guard(A, &g, &rm, "/t/p/node_modules/mylib/dist/new", &why));
  c[4].win_reparse = 0;
  T_CHECK(fsd__guard(A, &g, &rm, "/t/p/node_modules/mylib/dist/new", &why));
  /* 5. Re-own: what root owns, not another user's, not what is yours. */
  g.euid = 65534;
  T_CHECK(!fsd__guard(A, &g, &chown_, "/t/p/node_modules/mylib/dist", &why));
  T_STREQ(why, "it belongs to another user, not to root: it is theirs to change");
  c[5].uid = 0;
  T_CHECK(fsd__guard(A, &g, &chown_, "/t/p/node_modules/mylib/dist", &why));
  g.euid = 1000;
  T_CHECK(!fsd__guard(A, &g, &chown_, "/t/p/node_modules/mylib", &why));
  T_STREQ(why, "it is already yours");
  /* root re-owning what root owns changes nothing */
  g.euid = 0;
  T_CHECK(!fsd__guard(A, &g, &chown_, "/t/p/node_modules/mylib/dist", &why));
  T_STREQ(why, "it is already yours");
  /* 6. npm's cache: its own subdirectories, not anything a .npmrc names. */
  g = guard("linux");
  g.cache = "/t/work";
  g.cache_from = "project";
  T_CHECK(!fsd__guard(A, &g, &rm, "/t/work/src", &why));
  T_CHECK(!fsd__guard(A, &g, &rm, "/t/work", &why));
  T_CHECK(fsd__guard(A, &g, &rm, "/t/work/_cacache/tmp", &why));
  T_CHECK(fsd__guard(A, &g, &rm, "/t/work/_npx/1a2b", &why));
  g.cache_from = "user";
  T_CHECK(fsd__guard(A, &g, &rm, "/t/work", &why));
  /* 4. Recursive changes obey the never-list; a mount command needs a
   * measured mount point and never a root. */
  T_CHECK(!fsd__guard(A, &g, &wide, "/", &why));
  T_CHECK(!fsd__guard(A, &g, &wide, "/home/u", &why));
  T_CHECK(!fsd__guard(A, &g, &wide, "/usr/local/lib/node_modules", &why));
  T_CHECK(fsd__guard(A, &g, &wide, "/home/u/p/dist", &why));
  w = guard("win32");
  T_CHECK(!fsd__guard(A, &w, &wide, "C:\\", &why));
  T_CHECK(!fsd__guard(A, &w, &wide, "C:\\Users\\bob", &why));
  T_CHECK(!fsd__guard(A, &w, &wide, "C:\\Windows\\System32\\drivers\\etc\\hosts", &why));
  g.mounts[0] = "/";
  g.mounts[1] = "/mnt/a";
  T_CHECK(!fsd__guard(A, &g, &umount_, "/", &why));
  T_CHECK(!fsd__guard(A, &g, &umount_, "/etc", &why));
  T_CHECK(!fsd__guard(A, &g, &umount_, "/tmp", &why));
  T_STREQ(why, "it was not measured as a mount point");
  T_CHECK(fsd__guard(A, &g, &umount_, "/mnt/a", &why));
  g.measured = 0;
  T_CHECK(!fsd__guard(A, &g, &umount_, "/mnt/a", &why));
  /* 3. A kill: not pid 1, not a holder there only by its working
   * directory, not any holder of a root, system or home directory. */
  g = guard("linux");
  memset(it, 0, sizeof(it));
  memset(&h, 0, sizeof(h));
  h.euid = -1;
  it[0].uid = it[1].uid = -1;
  it[0].pid = 1;
  it[0].how = "fd";
  it[1].pid = 4242;
  it[1].how = "cwd";
  h.items = it;
  h.count = 2;
  g.holders = &h;
  g.paths[0] = "/t/p/node_modules/x";
  T_CHECK(!fsd__guard(A, &g, &kill_, "1", &why));
  T_CHECK(!fsd__guard(A, &g, &kill_, "4242", &why));
  T_STREQ(why, "it only has its working directory there");
  it[1].how = "fd";
  T_CHECK(fsd__guard(A, &g, &kill_, "4242", &why));
  g.paths[0] = "/";
  T_CHECK(!fsd__guard(A, &g, &kill_, "4242", &why));
  g.paths[0] = "/home/u";
  T_CHECK(!fsd__guard(A, &g, &kill_, "4242", &why));
  g.paths[0] = "/dev/loop3";
  T_CHECK(fsd__guard(A, &g, &kill_, "4242", &why));
  /* 4. Another user's process is theirs or root's to end: the holder's
   * uid against who we are (the measured euid, else the one the holder
   * scan ran as). A uid not measured (Windows) decides nothing. */
  g.paths[0] = "/t/p/node_modules/x";
  it[1].uid = 65534;
  g.euid = 1000;
  T_CHECK(!fsd__guard(A, &g, &kill_, "4242", &why));
  T_STREQ(why,
          "it belongs to another user (uid 65534), and only they or root "
          "may end it");
  g.euid = 0;
  T_CHECK(fsd__guard(A, &g, &kill_, "4242", &why));
  g.euid = 65534;
  T_CHECK(fsd__guard(A, &g, &kill_, "4242", &why));
  g.euid = -1;
  h.euid = 1000;
  T_CHECK(!fsd__guard(A, &g, &kill_, "4242", &why));
  h.euid = 0;
  T_CHECK(fsd__guard(A, &g, &kill_, "4242", &why));
  h.euid = -1;
  T_CHECK(fsd__guard(A, &g, &kill_, "4242", &why));
  it[1].uid = -1;
  g.euid = h.euid = 1000;
  T_CHECK(fsd__guard(A, &g, &kill_, "4242", &why));
  /* Still not pid 1, whoever owns it. */
  it[0].uid = 1000;
  T_CHECK(!fsd__guard(A, &g, &kill_, "1", &why));
}

/* A change (wide or not) on target passes; *why (may be NULL). */
static int change(const fsd__guard_t *g, unsigned flags, const char *target,
                  const char **why) {
  fsd__cmd_t c;
  const char *w = NULL;
  int ok;
  memset(&c, 0, sizeof(c));
  c.cls = FSD__CHANGE;
  c.on = "path";
  c.tmpl = "attrib -r {path}";
  c.flags = flags;
  ok = fsd__guard(A, g, &c, target, &w);
  if (why) *why = w;
  return ok;
}

/* Red team: recursive read-only clearing reached Windows' system folders
 * and a profile's junctions. No change at all, wide or not, measured or
 * text only, in any spelling (case, '/', a verbatim prefix). */
static void test_win_places(void) {
  static const char *const off[] = {
      "C:\\", "D:\\\\", "d:/", "\\\\?\\C:\\", "\\\\srv\\share",
      "\\\\?\\UNC\\srv\\share\\", "C:\\Documents and Settings",
      "D:\\System Volume Information", "D:/system volume information/x",
      "c:\\Config.Msi", "C:\\inetpub", "C:\\inetpub\\wwwroot", "D:\\MSOCache",
      "C:\\$Recycle.Bin\\S-1-5-18", "C:\\Recovery", "C:\\PerfLogs",
      "C:\\Windows", "C:\\WINDOWS\\System32\\drivers\\etc\\hosts",
      "\\\\?\\c:\\windows\\temp", "C:\\Program Files", "C:\\ProgramData",
      "C:\\Program Files (x86)", "C:\\Users", "C:\\Users\\bob",
      "C:\\Users\\Public", "C:\\Users\\All Users", "C:\\Users\\Default User",
      "C:\\Users\\bob\\Application Data",
      "C:\\Users\\bob\\AppData\\Local\\Application Data",
      "C:\\Users\\bob\\AppData\\Local\\Application Data\\x",
      "c:/users/bob/local settings", "C:\\Users\\bob\\My Documents",
      "C:\\Users\\bob\\Documents\\My Music", "C:\\Users\\bob\\Start Menu",
      "System Volume Information", "\\Documents and Settings",
      "\\Windows", "$Recycle.Bin\\x", NULL};
  static const char *const on[] = {
      "C:\\p\\node_modules\\x", "C:\\Users\\bob\\p\\dist",
      "C:\\Users\\bob\\AppData\\Local\\npm-cache\\_cacache",
      "C:\\inetpub\\wwwroot\\app\\node_modules", "dist", "Windows\\x",
      "C:\\Program Files\\nodejs\\node_modules\\npm\\x.js", NULL};
  fsd__guard_t w = guard("win32"), t = guard("win32");
  const char *why;
  size_t i;
  t.measured = 0;
  t.vouched = 0;
  for (i = 0; off[i] != NULL; i++) {
    why = NULL;
    T_CHECK(!change(&w, FSD__WIDE, off[i], &why));
    T_CHECK(why != NULL);
    T_CHECK(!change(&w, 0, off[i], &why));
    T_CHECK(!change(&t, FSD__WIDE, off[i], NULL));
    T_CHECK(!change(&t, 0, off[i], &why));
    if (change(&t, 0, off[i], NULL)) fprintf(stderr, "  shown: %s\n", off[i]);
    T_CHECK(!pass(&w, FSD__DESTROY, off[i], NULL));
  }
  for (i = 0; on[i] != NULL; i++) {
    T_CHECK(change(&t, 0, on[i], &why));
    if (!change(&t, 0, on[i], NULL)) fprintf(stderr, "  held: %s\n", on[i]);
  }
  /* A wide change on a measured project folder, and a removal of a site's
   * node_modules under IIS's wwwroot, still pass. */
  T_CHECK(change(&w, FSD__WIDE, "C:\\Users\\u\\p\\dist", NULL));
  w.paths[0] = "C:\\inetpub\\wwwroot\\app\\node_modules\\x\\y.js";
  T_CHECK(pass(&w, FSD__DESTROY, "C:\\inetpub\\wwwroot\\app\\node_modules",
               NULL));
  /* WSL sees the same folders under /mnt/<d>: never a wide change. */
  w = guard("wsl");
  T_CHECK(!change(&w, FSD__WIDE, "/mnt/c/Users/bob/Application Data", NULL));
  T_CHECK(!change(&w, FSD__WIDE, "/mnt/d/System Volume Information", NULL));
  T_CHECK(!change(&w, FSD__WIDE, "/mnt/c/Windows/Temp", NULL));
  T_CHECK(change(&w, FSD__WIDE, "/mnt/c/src/p/dist", NULL));
}

int main(void) {
  A = fsd_arena_new();
  test_win_places();
  test_never();
  test_sources();
  test_measured_paths();
  test_not_mine();
  test_kill_weaken_settings();
  test_quote();
  test_touch();
  test_rules();
  test_review();
  fsd_arena_free(A);
  T_DONE("guard");
}
