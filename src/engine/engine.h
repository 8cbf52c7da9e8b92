#ifndef FSD_ENGINE_H
#define FSD_ENGINE_H

/* Internals of the diagnosis engine shared by causes.c (the catalogue),
 * fixes.c (fix selection and placeholder filling), rules.c (one rule per
 * cause) and diagnose.c (ranking and the result object). Nothing outside
 * the engine includes this header. */

#include "engine/diagnose.h"

/* ---- the catalogue (causes.c) ------------------------------------------ */

/* One fix. platform is "all", "posix" (linux, darwin, wsl), "linux" (also
 * wsl), "darwin", "win32" or "wsl". kind limits a fix to one holder kind and
 * need to a known ("pid") or unknown ("!pid") placeholder value. Templates
 * use {name} placeholders; see fsd__fill. */
typedef struct {
  const char *platform;
  const char *shell; /* "bash", "powershell", "cmd" or NULL (any shell) */
  const char *kind;
  const char *need;
  const char *text;
  const char *commands[6]; /* NULL-terminated */
} fsd__fix_t;

typedef struct {
  const char *id;
  const char *title;
  int transient;
  const fsd__fix_t *fixes; /* terminated by an entry with text == NULL */
} fsd__cause_t;

extern const fsd__cause_t fsd__causes[];
extern const size_t fsd__ncauses;

const fsd__cause_t *fsd__cause(const char *id);

/* The catalogue as a value tree: [{id, title, transient, fixes}] with the
 * templates unfilled (lib/causes.json is generated from it). */
fsd_val_t *fsd_catalogue_val(fsd_arena_t *a);

/* ---- placeholders (fixes.c) -------------------------------------------- */

#define FSD__MAXVARS 40

typedef struct {
  const char *key[FSD__MAXVARS];
  const char *val[FSD__MAXVARS];
  size_t n;
} fsd__vars_t;

/* Sets key (a static string) to val; NULL val is ignored. */
void fsd__var(fsd__vars_t *v, const char *key, const char *val);
const char *fsd__var_get(const fsd__vars_t *v, const char *key);

/* Fills a template. Values come from local, then global, then a readable
 * stand-in ("<pid>"). In commands (shell != NULL or is_command) values are
 * quoted for the shell when they need it. */
char *fsd__fill(fsd_arena_t *a, const char *tmpl, const fsd__vars_t *local,
                const fsd__vars_t *global, const char *shell, int is_command);

/* The fixes of a cause for a platform, filled: an array of
 * {text, commands, platform, shell}. kinds is a NULL-terminated list of the
 * holder kinds measured, or NULL when no holder scan answered. */
fsd_val_t *fsd__fixes_val(fsd_arena_t *a, const fsd__cause_t *c,
                          const char *platform, const char *const *kinds,
                          const fsd__vars_t *local, const fsd__vars_t *global);

/* ---- rules (rules.c) --------------------------------------------------- */

#define FSD__MAXCANDS 32

typedef struct {
  const char *id;
  double confidence;
  const char *detail;   /* filled sentence */
  fsd_val_t *evidence;  /* object */
  fsd__vars_t vars;     /* placeholders for this cause's fixes */
  const char *kinds[8]; /* holder kinds for fix selection; kinds_known */
  int kinds_known;
} fsd__cand_t;

typedef struct {
  fsd_arena_t *a;
  const fsd_error_t *err;
  const fsd_evidence_t *ev;
  int live;
  const char *platform; /* "linux", "darwin", "win32", "wsl" */
  const char *code;
  const char *syscall; /* "" when unknown */
  const char *path;    /* NULL when unknown */
  const char *dest;
  int win;   /* platform is win32 */
  int posix; /* linux, darwin or wsl */
  fsd__vars_t global;
  fsd__cand_t cands[FSD__MAXCANDS];
  size_t ncands;
  fsd_val_t *shapes; /* array of path shapes seen (text evidence) */
} fsd__ctx_t;

/* Path shapes: what a path alone tells (rules.c). */
enum {
  FSD__SH_STAGING = 1 << 0, /* node_modules/.staging: npm's old staging area */
  FSD__SH_PNPM = 1 << 1,    /* .pnpm / pnpm store */
  FSD__SH_CACACHE = 1 << 2, /* npm's content cache */
  FSD__SH_BIN = 1 << 3,     /* node_modules/.bin */
  FSD__SH_MNT = 1 << 4,     /* /mnt/<drive>/ under WSL */
  FSD__SH_PROGFILES = 1 << 5,
  FSD__SH_WINDIR = 1 << 6,
  FSD__SH_GLOBAL = 1 << 7, /* a usual npm global prefix */
  FSD__SH_USR = 1 << 8,
  FSD__SH_SYSTEM = 1 << 9, /* macOS /System */
  FSD__SH_DOCKER = 1 << 10,
  FSD__SH_UNC = 1 << 11,
  FSD__SH_WSLUNC = 1 << 12, /* \\wsl$\ seen from Windows */
  FSD__SH_NODEMOD = 1 << 13,
  FSD__SH_WINNODE = 1 << 14 /* Windows node.exe seen from WSL */
};

/* Adds (or raises) a candidate; returns it, NULL when the table is full. */
fsd__cand_t *fsd__add(fsd__ctx_t *c, const char *id, double confidence);
void fsd__rules(fsd__ctx_t *c);
/* Rules about places: WSL, network, npm's cache, MAX_PATH (rules_places.c). */
void fsd__rules_places(fsd__ctx_t *c, int sh);
/* path is dir or below it. */
int fsd__under(const char *path, const char *dir);
/* Rules about links, limits, space and mounts (rules_fs.c). */
void fsd__rules_fs(fsd__ctx_t *c, int sh);
/* A cause proposed from the text alone, with why as its detail. */
fsd__cand_t *fsd__guess(fsd__ctx_t *c, const char *id, double conf,
                        const char *why);
/* Holders (only those held "how", or all for NULL) as evidence. */
void fsd__holders_ev(fsd__ctx_t *c, fsd__cand_t *k, const char *how);
size_t fsd__nholders(fsd__ctx_t *c, const char *how);

/* Helpers shared by rules and the result builder. */
int fsd__is(const char *s, const char *t);         /* s equals t */
int fsd__has(const char *hay, const char *needle); /* substring, case-less */
int fsd__one_of(const char *s, const char *const *list);
const char *fsd__parent(fsd_arena_t *a, const char *path);
const char *fsd__i64(fsd_arena_t *a, int64_t v); /* NULL when v < 0 */

/* Path shapes of path and dest (FSD__SH_* flags), also listed in
 * c->shapes (src/rules_shapes.c). */
int fsd__shapes(fsd__ctx_t *c);

#endif
