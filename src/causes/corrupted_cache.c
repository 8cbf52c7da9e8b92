/* corrupted-cache: npm's cache (_cacache) with leftovers of an interrupted
 * or concurrent write, and Gradle's (~/.gradle/caches) with an entry a
 * cancelled build left half-written. npm's cache directory is always
 * known; nothing else is measured. */

#include "causes/kit.h"

const fsd__want_t fsd__wants_corrupted_cache[] = {FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_corrupted_cache[] = {
    {"all", NULL, NULL, "gradlecache",
     "Gradle's cache has a broken entry ({gradlecache}), left half-written by "
     "a cancelled or crashed build (or restored so by a CI cache). Stop "
     "Gradle (gradle --stop) and remove that entry, or the transforms "
     "folder holding it; Gradle rebuilds it. On CI, drop the saved Gradle "
     "cache.",
     {FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "gradlecache", "Look at the entry.",
     {FSD__I_ON("gradlecache", "ls -la -- {gradlecache}"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "gradlecache", "Look at the entry.",
     {FSD__I_ON("gradlecache", "Get-ChildItem -Force -LiteralPath {gradlecache}"),
      FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "yarncache",
     "Clean yarn's cache (it downloads again what it needs), then install "
     "again.",
     {FSD__D("yarncache", "yarn cache clean"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!gradlecache,!yarncache",
     "npm's cache[[ ({cache})]] has leftovers from an interrupted write. Verify "
     "it: npm removes what is damaged.",
     {FSD__C(NULL, "npm cache verify"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!gradlecache,!yarncache",
     "Or, only if verifying does not help, clear the cache (npm downloads "
     "again what it needs).",
     {FSD__D("cache", "npm cache clean --force"), FSD__CMDS_END}, FSD__FIX_OR},
    {"posix", "bash", NULL, "!gradlecache,!yarncache,!integrity",
     "If an earlier sudo npm left root-owned files in the cache, take them "
     "back.",
     {FSD__R("cache", "sudo chown -R \"$(id -un)\" -- {cache}"), FSD__CMDS_END},
     0},
    {"win32", "powershell", NULL, "!gradlecache,!yarncache,!integrity",
     "Remove the cache's temporary files.",
     {FSD__D("cachetmp", "npx rimraf {cachetmp}"),
      FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!gradlecache,!yarncache,!integrity",
     "If the cache is on a network or synced drive, move it to a local path.",
     {FSD__C("npm:cache", "npm config set cache ~/.npm"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* A path in Gradle's cache (~/.gradle/caches, a CI's /workspace/.gradle). */
static int fsd__gradle_cache(const char *p) {
  return fsd__has(p, "/.gradle/caches/") || fsd__has(p, "\\.gradle\\caches\\");
}

void fsd__rule_corrupted_cache(fsd__ctx_t *c) {
  const char *cache = c->ev->npm_cache;
  int in = (c->sh & (FSD__SH_CACACHE | FSD__SH_NPMCACHE)) ||
           fsd__under(c->path, cache) || fsd__under(c->dest, cache);
  static const char *const bad[] = {"ENOENT",    "EEXIST", "EINTEGRITY",
                                    "ENOTEMPTY", "EBADF",  "EISDIR",
                                    "ENOTDIR",   NULL};
  fsd__cand_t *k;
  if (FSD__CODE("ENODATA") && !in &&
      fsd__said(c, "cache input stream was empty")) {
    /* cacache's own ENODATA: what npm was writing into its cache (a
     * response body, a packed tarball) came as an empty stream, a cut
     * connection or a proxy's empty answer; a clean cache and a retry is
     * what got past it in reports. */
    fsd__guess(c, FSD_CAUSE_CORRUPTED_CACHE, 0.7,
               "npm got an empty stream for an entry it was writing into its "
               "cache (ENODATA): a cut connection or a proxy's empty answer. "
               "Clear the cache's copy and install again; check the proxy "
               "if it repeats.");
    return;
  }
  if (!in && FSD__CODE("EINTEGRITY") && !c->live) {
    /* a cached package whose checksum does not match the lockfile's or
     * the registry's: an interrupted or corrupted cache write most often
     * (a lockfile written against another registry the rest) */
    int yarn = fsd__said(c, "fetching from the cache");
    k = fsd__guess(c, FSD_CAUSE_CORRUPTED_CACHE, 0.7,
                   yarn ? "yarn's cache holds a package whose checksum does "
                          "not match: an entry left broken by an interrupted "
                          "or concurrent write."
                        : "A downloaded or cached package did not match its "
                          "checksum: most often a broken entry in npm's "
                          "cache, else a lockfile written against another "
                          "registry or mirror.");
    if (k != NULL && yarn) fsd__var(&k->vars, "yarncache", "yes");
    if (k != NULL) fsd__var(&k->vars, "integrity", "yes");
    return;
  }
  if (!in && c->path != NULL && fsd__gradle_cache(c->path) &&
      (fsd__said(c, "could not read workspace metadata") ||
       fsd__one_of(c->code, bad))) {
    /* Gradle's cache: a transform workspace without its metadata.bin */
    k = fsd__guess(c, FSD_CAUSE_CORRUPTED_CACHE, 0.8,
                   "{path} is in Gradle's cache, and Gradle could not read "
                   "it: an entry a cancelled or crashed build left "
                   "half-written.");
    if (k != NULL) fsd__var(&k->vars, "gradlecache", fsd__parent(c->a, c->path));
    return;
  }
  if (!in) return;
  if (FSD__CODE("ENOTDIR") || FSD__CODE("EISDIR"))
    k = fsd__add(c, FSD_CAUSE_CORRUPTED_CACHE, 0.7); /* wrong-file-type's */
  else if (fsd__one_of(c->code, bad))
    k = fsd__add(c, FSD_CAUSE_CORRUPTED_CACHE, 0.8);
  else if (FSD__CODE("EPERM") || FSD__CODE("EACCES") || FSD__CODE("EBUSY"))
    k = fsd__add(c, FSD_CAUSE_CORRUPTED_CACHE, c->win ? 0.6 : 0.5);
  else
    return;
  if (k == NULL) return;
  fsd_set_str(c->a, k->evidence, "path", c->path);
  fsd_set_str(c->a, k->evidence, "cache", cache);
  if (!c->live) fsd_set_str(c->a, k->evidence, "from", "text");
  fsd__detail(c, k,
              "{path} is inside npm's cache, where an "
              "interrupted or concurrent write leaves broken "
              "entries.");
}
