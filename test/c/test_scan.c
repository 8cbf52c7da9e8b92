/* The pure parts of the tree scan: path arithmetic, UTF-16 lengths, the
 * finding cap, one walk of a small tree made here, and a wider one walked
 * by several threads. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "scan/scan.h"
#include "args.h"
#include "t.h"

#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *norm(char *buf, const char *in) {
  size_t n;
  strcpy(buf, in);
  n = fsd_path_normalize(buf, strlen(buf));
  buf[n] = '\0';
  return buf;
}

static double count(fsd_val_t *r, const char *kind) {
  double n = -1;
  fsd_get_num(fsd_get(r, "counts"), kind, &n);
  return n;
}

static int rm_one(const char *path, const struct stat *st, int flag,
                  struct FTW *ftw) {
  (void)st;
  (void)ftw;
  return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* The JSON of a walk with threads, elapsedMs zeroed. */
static char *walk_json(fsd_arena_t *a, const char *dir, int threads) {
  fsd_scan_opts_t o;
  fsd_val_t *r = NULL;
  fsd_fail_t fail;
  fsd_scan_opts_init(&o);
  o.threads = threads;
  o.link_threshold = 1;
  memset(&fail, 0, sizeof(fail));
  if (fsd_scan(a, dir, &o, &r, &fail) != 0) return NULL;
  fsd_set_num(a, r, "elapsedMs", 0);
  return fsd_to_json(a, r);
}

/* A wider tree walked by 1, 2 and 7 threads: the same result. */
static void threads_agree(void) {
  char dir[] = "/tmp/fsd-c-scanp-XXXXXX", p[512];
  fsd_arena_t *a = fsd_arena_new();
  char *one;
  T_CHECK(mkdtemp(dir) != NULL);
  for (int i = 0; i < 30; i++) {
    snprintf(p, sizeof(p), "%s/d%d", dir, i);
    T_CHECK(mkdir(p, 0755) == 0);
    for (int j = 0; j < 6; j++) {
      snprintf(p, sizeof(p), "%s/d%d/e%d", dir, i, j);
      T_CHECK(mkdir(p, 0755) == 0);
      snprintf(p, sizeof(p), "%s/d%d/e%d/f", dir, i, j);
      fclose(fopen(p, "w"));
      snprintf(p, sizeof(p), "%s/d%d/e%d/%s", dir, i, j, j % 2 ? "up" : "gone");
      T_CHECK(symlink(j % 2 ? "../.." : "nothing", p) == 0);
    }
  }
  one = walk_json(a, dir, 1);
  T_CHECK(one != NULL && strstr(one, "\"symlink-loop\":90") != NULL);
  T_CHECK(one != NULL && strstr(one, "\"broken-symlink\":90") != NULL);
  for (int t = 2; t <= 7; t += 5) {
    char *more = walk_json(a, dir, t);
    T_CHECK(one != NULL && more != NULL && strcmp(one, more) == 0);
  }
  T_CHECK(nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0);
  fsd_arena_free(a);
}

static unsigned long progress_calls;
static void on_progress(void *ctx, const fsd_scan_progress_t *p) {
  (void)ctx;
  (void)p;
  progress_calls++;
}

/* One directory of 3000 files: progress every 256 entries read, not only
 * when a directory is taken; past max_results the kept findings are the
 * first in path order whatever the thread count. */
static void big_dir(void) {
  char dir[] = "/tmp/fsd-c-scanb-XXXXXX", p[512];
  fsd_arena_t *a = fsd_arena_new();
  fsd_scan_opts_t o;
  fsd_val_t *r = NULL, *first;
  fsd_fail_t fail;
  T_CHECK(mkdtemp(dir) != NULL);
  for (int i = 0; i < 3000; i++) {
    snprintf(p, sizeof(p), "%s/f%04d", dir, i);
    if (i % 10 == 0)
      T_CHECK(symlink("nothing", p) == 0);
    else
      fclose(fopen(p, "w"));
  }
  for (int t = 1; t <= 4; t += 3) {
    fsd_scan_opts_init(&o);
    o.threads = t;
    o.progress = on_progress;
    o.progress_ms = 0;
    o.max_results = 5;
    progress_calls = 0;
    memset(&fail, 0, sizeof(fail));
    T_CHECK(fsd_scan(a, dir, &o, &r, &fail) == 0);
    T_CHECK(progress_calls >= 3000 / 256);
    T_CHECK(count(r, "broken-symlink") == 300);
    T_CHECK(fsd_get(r, "truncated")->u.b == 1);
    T_CHECK(fsd_get(r, "findings")->u.kids.count == 5);
    first = fsd_get(r, "findings")->u.kids.head;
    snprintf(p, sizeof(p), "%s/f0000", dir);
    T_CHECK(first != NULL);
    if (first != NULL) T_STREQ(fsd_get_str(first, "path"), p);
    snprintf(p, sizeof(p), "%s/f0040", dir);
    T_STREQ(fsd_get_str(fsd_get(r, "findings")->u.kids.tail, "path"), p);
  }
  T_CHECK(nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0);
  fsd_arena_free(a);
}

static int decode(fsd_arena_t *a, const fsd_arg_t *kids, size_t n,
                  fsd_scan_opts_t *o, fsd_fail_t *fail) {
  fsd_arg_t obj = obj_arg(kids, n);
  memset(fail, 0, sizeof(*fail));
  return fsd_scan_opts_decode(a, &obj, o, fail);
}

/* Options decode on top of fsd_scan_opts_init: absent keeps the default,
 * each member is typed, the two halves of a number-or-boolean option agree
 * with the public meaning, and bad values are refused with EINVAL. */
static void options(void) {
  fsd_arena_t *a = fsd_arena_new();
  fsd_scan_opts_t d, o;
  fsd_fail_t fail;
  fsd_arg_t none, kids[12];
  fsd_scan_opts_init(&d);
  memset(&none, 0, sizeof(none));
  T_CHECK(fsd_scan_opts_decode(a, &none, &o, &fail) == 0);
  T_CHECK(memcmp(&o, &d, sizeof(o)) == 0);
  T_CHECK(decode(a, kids, 0, &o, &fail) == 0);
  T_CHECK(memcmp(&o, &d, sizeof(o)) == 0);
  /* NaN is absent too. */
  kids[0] = num_arg("threads", NAN);
  T_CHECK(decode(a, kids, 1, &o, &fail) == 0);
  T_CHECK(o.threads == d.threads);

  kids[0] = bool_arg("followSymlinks", 1);
  kids[1] = bool_arg("outside", 0);
  kids[2] = num_arg("linkThreshold", 7);
  kids[3] = num_arg("longPath", 100);
  kids[4] = num_arg("maxResults", 3);
  kids[5] = num_arg("maxDepth", 5);
  kids[6] = num_arg("threads", 2);
  kids[7] = num_arg("owner", 1000);
  kids[8] = num_arg("progressInterval", 0);
  T_CHECK(decode(a, kids, 9, &o, &fail) == 0);
  T_CHECK(o.follow_symlinks == 1 && o.check_outside == 0);
  T_CHECK(o.link_threshold == 7 && o.long_path == 100);
  T_CHECK(o.max_results == 3 && o.max_depth == 5 && o.threads == 2);
  T_CHECK(o.owner == 1000 && o.progress_ms == 0);
  T_CHECK(o.cancel == NULL && o.progress == NULL);

  /* true: 90% of the maximum (-1), the owner of dir; false: off. */
  kids[0] = bool_arg("linkThresholdOn", 1);
  kids[1] = bool_arg("ownerOn", 1);
  kids[2] = bool_arg("longPathOn", 0);
  T_CHECK(decode(a, kids, 3, &o, &fail) == 0);
  T_CHECK(o.link_threshold == -1 && o.owner == FSD_SCAN_OWNER_ROOT);
  T_CHECK(o.long_path == 0);
  kids[0] = bool_arg("linkThresholdOn", 0);
  kids[1] = bool_arg("ownerOn", 0);
  kids[2] = bool_arg("longPathOn", 1);
  T_CHECK(decode(a, kids, 3, &o, &fail) == 0);
  T_CHECK(o.link_threshold == 0 && o.owner == -1 && o.long_path == d.long_path);
  /* A number wins over true. */
  kids[0] = bool_arg("ownerOn", 1);
  kids[1] = num_arg("owner", 0);
  T_CHECK(decode(a, kids, 2, &o, &fail) == 0);
  T_CHECK(o.owner == 0);
  /* Past a million levels: no limit; huge counts are capped, not wrapped. */
  kids[0] = num_arg("maxDepth", 1e9);
  kids[1] = num_arg("maxResults", 1e300);
  T_CHECK(decode(a, kids, 2, &o, &fail) == 0);
  T_CHECK(o.max_depth == 1000000);
  T_CHECK(o.max_results == (uint64_t)9007199254740992.0);

  /* Types: a boolean for a number and a number for a boolean. */
  kids[0] = bool_arg("threads", 1);
  T_CHECK(decode(a, kids, 1, &o, &fail) == -1);
  T_CHECK(fail.err == EINVAL);
  T_STREQ(fail.message, "options.threads must be a number");
  kids[0] = num_arg("outside", 1);
  T_CHECK(decode(a, kids, 1, &o, &fail) == -1);
  T_STREQ(fail.message, "options.outside must be a boolean");
  /* Values. */
  {
    static const struct {
      const char *key;
      double n;
      const char *message;
    } bad[] = {
        {"threads", 0, "options.threads must be an integer from 1 to 64"},
        {"threads", 65, "options.threads must be an integer from 1 to 64"},
        {"threads", 1.5, "options.threads must be an integer from 1 to 64"},
        {"maxDepth", 0, "options.maxDepth must be an integer >= 1"},
        {"maxResults", -1, "options.maxResults must be an integer >= 0"},
        {"linkThreshold", -1, "options.linkThreshold must be an integer >= 0"},
        {"longPath", INFINITY, "options.longPath must be an integer >= 0"},
        {"owner", 4294967296.0, "options.owner must be a uid (an integer >= 0)"},
        {"progressInterval", -5, "options.progressInterval must be an integer >= 0"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
      kids[0] = num_arg(bad[i].key, bad[i].n);
      T_CHECK(decode(a, kids, 1, &o, &fail) == -1);
      T_CHECK(fail.err == EINVAL);
      T_STREQ(fail.message, bad[i].message);
    }
  }
  /* Not an object. */
  none.type = FSD_ARG_STR;
  none.s = "x";
  T_CHECK(fsd_scan_opts_decode(a, &none, &o, &fail) == -1);
  T_STREQ(fail.message, "options must be an object");
  /* Unknown members are ignored. */
  kids[0] = num_arg("nonsense", 1);
  T_CHECK(decode(a, kids, 1, &o, &fail) == 0);
  T_CHECK(memcmp(&o, &d, sizeof(o)) == 0);
  fsd_arena_free(a);
}

int main(void) {
  char buf[256], dir[] = "/tmp/fsd-c-scan-XXXXXX", p[512];
  fsd_arena_t *a = fsd_arena_new();
  fsd_scan_opts_t o;
  fsd_val_t *r = NULL;
  fsd_fail_t fail;
  double n;

  T_STREQ(norm(buf, "/a/b/../c/./d//e/"), "/a/c/d/e");
  T_STREQ(norm(buf, "/../.."), "/");
  T_STREQ(norm(buf, "/a/.."), "/");
  T_STREQ(norm(buf, "//x"), "/x");
  T_CHECK(fsd_utf16_len("abc", 3) == 3);
  T_CHECK(fsd_utf16_len("\xc3\xa9", 2) == 1);          /* é */
  T_CHECK(fsd_utf16_len("\xf0\x9f\x98\x80", 4) == 2);  /* U+1F600: a pair */
  T_CHECK(fsd_utf16_len("\xff", 1) == 1);
  T_CHECK(fsd_path_under("/a/b", 4, "/a"));
  T_CHECK(fsd_path_under("/a", 2, "/a/"));
  T_CHECK(!fsd_path_under("/ab", 3, "/a"));
  T_CHECK(fsd_path_under("/x", 2, "/"));
  T_CHECK(!fsd_path_under("/x", 2, NULL));
  T_STREQ(fsd_scan_kind_name(FSD_SCAN_OWNER), "foreign-owner");

  /* A tree with one broken link, one loop and 3 files. */
  T_CHECK(mkdtemp(dir) != NULL);
  snprintf(p, sizeof(p), "%s/sub", dir);
  T_CHECK(mkdir(p, 0755) == 0);
  snprintf(p, sizeof(p), "%s/sub/broken", dir);
  T_CHECK(symlink("nothing", p) == 0);
  snprintf(p, sizeof(p), "%s/sub/loop", dir);
  T_CHECK(symlink("loop", p) == 0);
  for (int i = 0; i < 3; i++) {
    snprintf(p, sizeof(p), "%s/f%d", dir, i);
    fclose(fopen(p, "w"));
  }
  fsd_scan_opts_init(&o);
  memset(&fail, 0, sizeof(fail));
  T_CHECK(fsd_scan(a, dir, &o, &r, &fail) == 0);
  T_CHECK(count(r, "broken-symlink") == 1);
  T_CHECK(count(r, "symlink-loop") == 1);
  T_CHECK(fsd_get_num(r, "files", &n) && n == 3);
  T_CHECK(fsd_get_num(r, "entries", &n) && n == 6);
  /* The cap: no findings kept, both counted, truncated. */
  o.max_results = 0;
  T_CHECK(fsd_scan(a, dir, &o, &r, &fail) == 0);
  T_CHECK(fsd_get(r, "findings")->u.kids.count == 0);
  T_CHECK(count(r, "broken-symlink") == 1);
  T_CHECK(fsd_get(r, "truncated")->u.b == 1);
  /* Cancelled before it starts: stops at the root. */
  {
    int32_t stop = 1;
    o.max_results = 100;
    o.cancel = &stop;
    T_CHECK(fsd_scan(a, dir, &o, &r, &fail) == 0);
    T_CHECK(fsd_get(r, "cancelled")->u.b == 1);
    T_CHECK(fsd_get_num(r, "entries", &n) && n == 0);
  }
  /* A missing directory is a failure with errno and path. */
  snprintf(p, sizeof(p), "%s/none", dir);
  fsd_scan_opts_init(&o);
  T_CHECK(fsd_scan(a, p, &o, &r, &fail) == -1);
  T_CHECK(fail.err == ENOENT);
  T_STREQ(fail.path, p);

  options();
  threads_agree();
  big_dir();
  fsd_arena_free(a);
  {
    /* Clean up without a shell: the tree is known. */
    const char *names[] = {"sub/broken", "sub/loop", "f0", "f1", "f2"};
    for (size_t i = 0; i < 5; i++) {
      snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
      unlink(p);
    }
    snprintf(p, sizeof(p), "%s/sub", dir);
    rmdir(p);
    rmdir(dir);
  }
  T_DONE("scan");
}
