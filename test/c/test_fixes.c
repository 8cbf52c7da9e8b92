/* fixes(request) and quote(request) (src/engine/fixes_request.c): a cause's
 * fixes for a platform, filled with the values the request names and quoted
 * for each fix's shell; strict leaves out what names a value nobody gave;
 * holder-kind fixes are left out; a bad request fails with EINVAL; and
 * without strict the answer is what a diagnosis' cause carries. */
#include "engine/engine.h"
#include "t.h"

#include <errno.h>

static fsd_arena_t *A;
static fsd_fail_t F;

/* The guard of a fixes request without measured values. */
static const fsd__guard_t *unmeasured(const char *platform) {
  fsd__guard_t *g = fsd_alloc(A, sizeof(*g));
  memset(g, 0, sizeof(*g));
  g->platform = platform;
  g->euid = -1;
  return g;
}

/* A request from "key=value" members; "strict", "names" (and any key
 * ending in '?') are booleans ("1" true), "num:key=v" a number. */
static fsd_arg_t *request(const char *const *kv) {
  size_t n = 0, i;
  fsd_arg_t *obj = fsd_alloc(A, sizeof(*obj)), *kids;
  while (kv[n] != NULL) n++;
  kids = fsd_alloc(A, sizeof(*kids) * (n ? n : 1));
  for (i = 0; i < n; i++) {
    const char *eq = strchr(kv[i], '=');
    const char *key = fsd_strndup(A, kv[i], (size_t)(eq - kv[i]));
    if (strncmp(key, "num:", 4) == 0) {
      kids[i].type = FSD_ARG_NUM;
      kids[i].key = key + 4;
      kids[i].n = atof(eq + 1);
    } else if (fsd__is(key, "strict") || fsd__is(key, "names") ||
               fsd__is(key, "measured")) {
      kids[i].type = FSD_ARG_BOOL;
      kids[i].key = key;
      kids[i].b = eq[1] == '1';
    } else {
      kids[i].type = FSD_ARG_STR;
      kids[i].key = key;
      kids[i].s = eq + 1;
      kids[i].len = strlen(eq + 1);
    }
  }
  obj->type = FSD_ARG_OBJ;
  obj->kids = kids;
  obj->len = n;
  return obj;
}

/* The answer as JSON, or "EINVAL: message". */
static const char *fixes(const char *const *kv) {
  fsd_val_t *out = NULL;
  memset(&F, 0, sizeof(F));
  if (fsd_fixes_request(A, request(kv), &out, &F) != 0)
    return fsd_printf(A, "%s: %s", fsd_errname(F.err), F.message);
  return fsd_to_json(A, out);
}

static const char *quote(const char *value, const char *platform,
                         const char *shell) {
  const char *kv[4] = {NULL, NULL, NULL, NULL};
  size_t n = 0;
  fsd_val_t *out = NULL;
  kv[n++] = fsd_printf(A, "value=%s", value);
  kv[n++] = fsd_printf(A, "platform=%s", platform);
  if (shell) kv[n++] = fsd_printf(A, "shell=%s", shell);
  memset(&F, 0, sizeof(F));
  if (fsd_quote_request(A, request(kv), &out, &F) != 0)
    return fsd_printf(A, "%s: %s", fsd_errname(F.err), F.message);
  return out->type == FSD_STR ? out->u.str.s : "(null)";
}

static int has(const char *hay, const char *needle) {
  return hay != NULL && strstr(hay, needle) != NULL;
}

/* One value of the path in every shell's fixes of dir-not-empty: measured
 * (measured=1) and inside a project's node_modules, so the removals pass
 * the guard and show each shell's quoting. */
static void test_quoting(void) {
  const char *linux_[] = {"cause=dir-not-empty", "platform=linux",
                          "measured=1", "path=/p/node_modules/it's a",
                          "nonempty=/p/node_modules/it's a", NULL};
  const char *win[] = {"cause=dir-not-empty", "platform=win32", "measured=1",
                       "path=C:\\p\\node_modules\\it's a",
                       "nonempty=C:\\p\\node_modules\\it's a", NULL};
  const char *l = fixes(linux_), *w = fixes(win);
  /* bash: single quotes, a quote as '\'' */
  T_CHECK(has(l, "\"rm -rf -- '/p/node_modules/it'\\\\''s a'\""));
  T_CHECK(has(l, "\"npx rimraf '/p/node_modules/it'\\\\''s a'\""));
  /* PowerShell: single quotes, a quote doubled */
  T_CHECK(has(w, "\"npx rimraf 'C:\\\\p\\\\node_modules\\\\it''s a'\""));
  /* Windows PowerShell 5.1's Remove-Item -Recurse follows junctions (an
   * npm-link's): no recursive removal is given with it. */
  T_CHECK(!has(w, "Remove-Item"));
  /* cmd: double quotes; a fix for any shell is given per shell */
  T_CHECK(has(w, "\"rmdir /s /q \\\"C:\\\\p\\\\node_modules\\\\it's a\\\"\""));
  T_CHECK(has(w, "\"npx rimraf \\\"C:\\\\p\\\\node_modules\\\\it's a\\\"\""));
  T_CHECK(has(w, "\"npx rimraf 'C:\\\\p\\\\node_modules\\\\it''s a'\""));
  T_CHECK(has(w, "\"shell\":\"cmd\"") && has(w, "\"shell\":\"powershell\""));
  /* prose is not quoted */
  T_CHECK(has(w, "Something is still in C:\\\\p\\\\node_modules\\\\it's a:"));
  /* a plain path is left alone; on Windows a backslash is plain too */
  T_STREQ(quote("/plain/path-1.2_x", "linux", "bash"), "/plain/path-1.2_x");
  T_STREQ(quote("C:\\plain\\x", "win32", "cmd"), "C:\\plain\\x");
  T_STREQ(quote("C:\\plain\\x", "linux", "bash"), "'C:\\plain\\x'");
  T_STREQ(quote("/a b/it's", "linux", "bash"), "'/a b/it'\\''s'");
  T_STREQ(quote("C:\\a b\\it's", "win32", "powershell"), "'C:\\a b\\it''s'");
  T_STREQ(quote("C:\\a b", "win32", "cmd"), "\"C:\\a b\"");
  T_STREQ(quote("C:\\a b", "win32", NULL), "\"C:\\a b\"");
  /* what cmd cannot be given: null, and the command is not shown */
  T_STREQ(quote("a\"b c", "win32", "cmd"), "(null)");
  T_STREQ(quote("C:\\%PATH%", "win32", "cmd"), "(null)");
  T_STREQ(quote("", "linux", "bash"), "''");
  T_STREQ(quote("x", "linux", "zsh"),
          "EINVAL: request.shell must be one of bash, powershell, cmd");
  T_STREQ(quote("x", "beos", NULL),
          "EINVAL: request.platform must be one of linux, darwin, win32, wsl");
}

static void test_filled(void) {
  const char *kv[] = {"cause=hard-link-limit",
                      "platform=linux",
                      "path=/p/node_modules/x",
                      "nlink=65000",
                      "linkmax=65000",
                      "fstype=ext4",
                      "mount=/p",
                      NULL};
  const char *j = fixes(kv);
  T_CHECK(has(j,
              "\"text\":\"/p/node_modules/x already has 65000 hard links, "
              "the most ext4 allows (65000)."));
  T_CHECK(has(j, "\"find /p -xdev -samefile /p/node_modules/x | head\""));
  /* "posix" and "all" as the contract has them */
  T_CHECK(has(j, "\"platform\":\"linux\",\"shell\":\"bash\""));
  T_CHECK(has(j, "\"platform\":\"all\",\"shell\":null"));
  T_CHECK(!has(j, "posix"));
  /* win32 has no posix fix; wsl gets linux's */
  {
    const char *w[] = {"cause=hard-link-limit", "platform=win32", NULL};
    const char *s[] = {"cause=immutable-file", "platform=wsl",
                       "flagged=/p/f", NULL};
    const char *d[] = {"cause=immutable-file", "platform=darwin",
                       "flagged=/p/f", NULL};
    T_CHECK(!has(fixes(w), "samefile"));
    T_CHECK(has(fixes(s), "chattr") && has(fixes(s), "\"platform\":\"wsl\""));
    T_CHECK(has(fixes(d), "chflags") && !has(fixes(d), "chattr"));
  }
  /* need: pid known or not */
  {
    const char *pid[] = {"cause=file-locked", "platform=linux", "pid=42",
                         "name=node", NULL};
    const char *nopid[] = {"cause=file-locked", "platform=linux",
                           "path=/p/f", NULL};
    /* A pid from a request was not measured by a holder scan: it may be
     * inspected, never killed. */
    T_CHECK(has(fixes(pid), "\"ps -o pid,user,args -p 42\"") &&
            !has(fixes(pid), "\"kill 42\"") && !has(fixes(pid), "lsof"));
    T_CHECK(has(fixes(nopid), "lsof") && !has(fixes(nopid), "kill"));
  }
  /* a path shortened before it was pasted reaches prose, never a command */
  {
    const char *el[][5] = {
        {"cause=readonly-attribute", "platform=win32",
         "path=...\\r\\.git\\objects\\pack\\p.idx", NULL, NULL},
        {"cause=readonly-attribute", "platform=win32",
         "path=C:\\w\\pack-2623....idx", NULL, NULL},
        {"cause=readonly-attribute", "platform=win32",
         "path=C:\\Users\\<user>\\x", NULL, NULL},
        {"cause=readonly-attribute", "platform=win32",
         "path=C:\\Users\\***\\x", NULL, NULL},
        {"cause=readonly-attribute", "platform=win32",
         "path=C:\\srv\\\xe2\x80\xa6\\x", NULL, NULL}};
    const char *ok[] = {"cause=readonly-attribute", "platform=win32",
                        "path=C:\\w\\a.b.idx", NULL};
    size_t i;
    for (i = 0; i < sizeof(el) / sizeof(el[0]); i++)
      T_CHECK(!has(fixes(el[i]), "\"commands\":[\""));
    T_CHECK(has(fixes(el[0]), "r\\\\.git\\\\objects")); /* in prose */
    T_CHECK(has(fixes(ok), "attrib -r"));
  }
  /* an empty value is no value */
  {
    const char *e[] = {"cause=dir-not-empty", "platform=linux",
                       "path=", "strict=1", NULL};
    T_STREQ(fixes(e), "[]");
  }
}

static void test_strict(void) {
  const char *loose[] = {"cause=symlink-loop", "platform=linux", NULL};
  const char *strict[] = {"cause=symlink-loop", "platform=linux", "strict=1",
                          NULL};
  const char *some[] = {"cause=symlink-loop", "platform=linux", "strict=1",
                        "project=/p", NULL};
  const char *all[] = {"cause=symlink-loop", "platform=linux",
                       "strict=1",           "looplink=/p/node_modules/a",
                       "project=/p",         NULL};
  /* Without strict: stand-ins in the text, never in a command (a command
   * naming a value nobody gave is left out). */
  T_CHECK(has(fixes(loose), "Remove the link that closes the cycle (a link "
                            "in the chain)"));
  T_CHECK(has(fixes(loose), "\"commands\":[]"));
  T_CHECK(!has(fixes(loose), "<"));
  /* Strict: no fix names a value nobody gave. */
  T_STREQ(fixes(strict), "[]");
  T_CHECK(!has(fixes(some), "Remove the link"));
  T_CHECK(has(fixes(some), "\"find /p -xtype l\""));
  /* Not measured here: the removal becomes a look at it. */
  T_CHECK(has(fixes(all), "\"ls -la -- /p/node_modules/a\""));
  T_CHECK(!has(fixes(all), "\"rm -- /p/node_modules/a\""));
  T_CHECK(!has(fixes(all), "<"));
  /* A command's placeholder counts as much as the text's. */
  {
    const char *c[] = {"cause=wrong-owner", "platform=linux", "strict=1",
                       "owner=root", NULL};
    T_STREQ(fixes(c), "[]");
  }
}

static void test_kinds_and_names(void) {
  const char *kv[] = {"cause=file-locked", "platform=win32", "pid=7",
                      "project=C:\\p",     "cache=C:\\c",    NULL};
  const char *j = fixes(kv);
  /* No holder was measured: no editor, node, antivirus or other fix, while
   * a diagnosis with no holder scan would show them all. */
  T_CHECK(!has(j, "editor") && !has(j, "Stop-Process") &&
          !has(j, "Add-MpPreference"));
  T_CHECK(!has(j, "rimraf"));
  /* A reinstall prunes the project's node_modules: nothing was measured,
   * so it is held back too. */
  T_CHECK(!has(j, "npm install --prefix"));
  {
    fsd__vars_t v;
    memset(&v, 0, sizeof(v));
    fsd__var(&v, "platform", "win32");
    fsd__var(&v, "pid", "7");
    fsd__var(&v, "npmctx", "1"); /* node's hints only where npm is */
    T_CHECK(
        has(fsd_to_json(A, fsd__fixes_val(A, fsd__cause_named("file-locked"),
                                          "win32", NULL, NULL, &v,
                                          unmeasured("win32"))),
            "End the leftover node process (pid 7)") &&
        !has(fsd_to_json(A, fsd__fixes_val(A, fsd__cause_named("file-locked"),
                                           "win32", NULL, NULL, &v,
                                           unmeasured("win32"))),
             "Stop-Process -Id 7"));
  }
  {
    const char *n[] = {
        "cause=broken-symlink", "platform=linux", "names=1", "brokenlink=/p/a",
        "linktarget=../x",      "project=/p",     NULL};
    T_CHECK(has(fixes(n),
                "\"names\":{\"text\":[\"brokenlink\",\"linktarget\"],"
                "\"commands\":[[\"brokenlink\"],[\"brokenlink\"],[\"project\"]]}"));
    T_CHECK(!has(fixes(kv), "\"names\""));
  }
}

static void test_bad(void) {
  const char *unknown[] = {"cause=no-such-cause", "platform=linux", NULL};
  const char *none[] = {"platform=linux", NULL};
  const char *noplat[] = {"cause=disk-full", NULL};
  const char *badplat[] = {"cause=disk-full", "platform=win", NULL};
  const char *num[] = {"cause=disk-full", "platform=linux", "num:limit=5",
                       NULL};
  T_STREQ(fixes(unknown),
          "EINVAL: request.cause: no cause has the id 'no-such-cause'");
  T_CHECK(F.err == EINVAL && fsd__is(F.syscall, "fixes"));
  T_CHECK(has(fixes(none), "EINVAL: request.cause is needed"));
  T_STREQ(fixes(noplat),
          "EINVAL: request.platform must be one of linux, darwin, win32, wsl");
  T_STREQ(fixes(badplat),
          "EINVAL: request.platform must be one of linux, darwin, win32, wsl");
  T_STREQ(fixes(num),
          "EINVAL: request.limit must be a string (a placeholder value)");
  {
    /* cause of the wrong type: fsd_decode's message */
    const char *c[] = {"num:cause=1", "platform=linux", NULL};
    T_STREQ(fixes(c), "EINVAL: request.cause must be a string");
  }
  {
    /* a NUL inside a value */
    fsd_arg_t *r = request((const char *const[]){
        "cause=dir-not-empty", "platform=linux", "path=ab", NULL});
    fsd_val_t *out = NULL;
    ((fsd_arg_t *)&r->kids[2])->s = "a\0b";
    ((fsd_arg_t *)&r->kids[2])->len = 3;
    memset(&F, 0, sizeof(F));
    T_CHECK(fsd_fixes_request(A, r, &out, &F) == -1 && F.err == EINVAL);
    T_STREQ(F.message, "request.path must not contain NUL bytes");
  }
  {
    /* not an object; too many values */
    fsd_arg_t s;
    fsd_val_t *out = NULL;
    const char *many[64];
    size_t i;
    memset(&s, 0, sizeof(s));
    s.type = FSD_ARG_STR;
    s.s = "x";
    s.len = 1;
    T_CHECK(fsd_fixes_request(A, &s, &out, &F) == -1 && F.err == EINVAL);
    memset(&s, 0, sizeof(s));
    T_CHECK(fsd_fixes_request(A, &s, &out, &F) == -1 && F.err == EINVAL);
    many[0] = "cause=disk-full";
    many[1] = "platform=linux";
    for (i = 2; i < 63; i++) many[i] = fsd_printf(A, "v%zu=x", i);
    many[63] = NULL;
    T_STREQ(fixes(many), "EINVAL: request has more than 39 placeholder values");
  }
  T_CHECK(fsd__cause_named(NULL) == NULL);
  T_CHECK(fsd__cause_named("") == NULL);
  T_CHECK(fsd__cause_named("disk-full") == fsd__cause(FSD_CAUSE_DISK_FULL));
}

/* Without strict, a request with a diagnosis' values gives that
 * diagnosis' fixes. */
static void test_as_diagnosis(void) {
  size_t i;
  for (i = 0; i < FSD_CAUSE_COUNT; i++) {
    const fsd__cause_t *c = &fsd__causes[i];
    const char *const plats[] = {"linux", "darwin", "win32", "wsl"};
    size_t p;
    for (p = 0; p < 4; p++) {
      fsd__vars_t v;
      const char *kv[] = {fsd_printf(A, "cause=%s", c->id),
                          fsd_printf(A, "platform=%s", plats[p]),
                          "path=/p/node_modules/a b",
                          "project=/p",
                          "pid=12",
                          NULL};
      const char *kinds[] = {NULL};
      memset(&v, 0, sizeof(v));
      fsd__var(&v, "platform", plats[p]);
      fsd__var(&v, "path", "/p/node_modules/a b");
      fsd__var(&v, "project", "/p");
      fsd__var(&v, "pid", "12");
      fsd__var(&v, "npmctx", "1"); /* a request by name wants npm's */
      T_STREQ(fixes(kv),
              fsd_to_json(A, fsd__fixes_val(A, c, plats[p], kinds, NULL, &v,
                                             unmeasured(plats[p]))));
    }
  }
}

/* A rename's path is its source even when the error gives no dest
 * (REVIEW13 7): {nonempty} there is never removed. */
static void test_source_without_dest(void) {
  const char *kv[] = {"cause=dir-not-empty", "platform=linux", "measured=1",
                      "syscall=rename", "path=/p/node_modules/x",
                      "nonempty=/p/node_modules/x", NULL};
  const char *kv2[] = {"cause=dir-not-empty", "platform=linux", "measured=1",
                       "syscall=rmdir", "path=/p/node_modules/x",
                       "nonempty=/p/node_modules/x", NULL};
  T_CHECK(!has(fixes(kv), "rm -rf"));
  T_CHECK(has(fixes(kv), "it is the source of the failed call"));
  T_CHECK(has(fixes(kv2), "rm -rf -- /p/node_modules/x"));
}

/* A log's "~/x" is the home directory: each shell is given it so that it
 * expands there, or not at all. */
static void test_tilde(void) {
  T_STREQ(quote("~/yarn-audit-fix", "linux", "bash"), "~/yarn-audit-fix");
  T_STREQ(quote("~/a b", "linux", "bash"), "~/'a b'");
  T_STREQ(quote("~", "linux", "bash"), "~");
  T_STREQ(quote("~/", "linux", "bash"), "~/");
  T_STREQ(quote("~/it's\n", "linux", "bash"), "~/$'it\\'s\\x0a'");
  /* another user's home; never bash's directory stack (~+ ~- ~2) */
  T_STREQ(quote("~bob/a b", "linux", "bash"), "~bob/'a b'");
  T_STREQ(quote("~+/x", "linux", "bash"), "'~+/x'");
  T_STREQ(quote("~-", "linux", "bash"), "'~-'");
  T_STREQ(quote("~2/x", "linux", "bash"), "'~2/x'");
  T_STREQ(quote("~$(id)/x", "linux", "bash"), "'~$(id)/x'");
  /* a ~ inside a name, or a name that starts with one, stays quoted */
  T_STREQ(quote("/p/~/x", "linux", "bash"), "'/p/~/x'");
  T_STREQ(quote("~$lock.docx", "linux", "bash"), "'~$lock.docx'");
  T_STREQ(quote("~/~x", "linux", "bash"), "~/'~x'");
  /* PowerShell: $HOME in double quotes, for cmdlets and programs alike */
  T_STREQ(quote("~\\.atom\\a b", "win32", "powershell"), "\"$HOME\\.atom\\a b\"");
  T_STREQ(quote("~/a$b", "win32", "powershell"), "\"$HOME/a`$b\"");
  T_STREQ(quote("~", "win32", "powershell"), "\"$HOME\"");
  T_STREQ(quote("~x", "win32", "powershell"), "'~x'");
  /* cmd: %USERPROFILE% inside quotes, when cmd can take the rest */
  T_STREQ(quote("~\\.atom\\a b", "win32", "cmd"), "\"%USERPROFILE%\\.atom\\a b\"");
  T_STREQ(quote("~\\x\\", "win32", "cmd"), "\"%USERPROFILE%\\x\\\\\"");
  T_STREQ(quote("~", "win32", "cmd"), "\"%USERPROFILE%\"");
  T_STREQ(quote("~\\100%", "win32", "cmd"), "(null)");
  T_STREQ(quote("~\\~x", "win32", "cmd"), "\"%USERPROFILE%\\~x\"");
  /* no form reads the same in both Windows shells */
  T_STREQ(quote("~\\x", "win32", NULL), "(null)");
}

int main(void) {
  A = fsd_arena_new();
  test_quoting();
  test_tilde();
  test_filled();
  test_strict();
  test_kinds_and_names();
  test_bad();
  test_as_diagnosis();
  test_source_without_dest();
  fsd_arena_free(A);
  T_DONE("fixes");
}
