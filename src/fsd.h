#ifndef FSD_H
#define FSD_H

/* The pure C core of fsdoctor: the arena, the value tree, errno names and
 * the argument and operation types every layer shares. Nothing here knows
 * about Node: results are trees of fsd_val_t allocated in an arena, which
 * src/napi/binding.c turns into JavaScript values, src/wasm/entry.c and
 * test/c into JSON. */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Arena: every allocation of one call lives here and is freed at once. */
typedef struct fsd_arena_s fsd_arena_t;

fsd_arena_t *fsd_arena_new(void);
void fsd_arena_free(fsd_arena_t *a);
void *fsd_alloc(fsd_arena_t *a, size_t size);          /* zeroed, NULL on OOM */
char *fsd_strdup(fsd_arena_t *a, const char *s);       /* NULL in, NULL out */
char *fsd_strndup(fsd_arena_t *a, const char *s, size_t n);
char *fsd_printf(fsd_arena_t *a, const char *fmt, ...)
#if defined(__MINGW32__)
    /* mingw builds use the C99 printf (__USE_MINGW_ANSI_STDIO, see
     * scripts/build-win.sh): msvcrt's knows no %zu. */
    __attribute__((format(gnu_printf, 2, 3)))
#elif defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int fsd_arena_oom(const fsd_arena_t *a);

/* Value tree. */
typedef enum {
  FSD_NULL = 0,
  FSD_BOOL,
  FSD_NUM,
  FSD_STR,
  FSD_ARR,
  FSD_OBJ
} fsd_type_t;

typedef struct fsd_val_s fsd_val_t;
struct fsd_val_s {
  fsd_type_t type;
  const char *key; /* set when the value is a member of an object */
  fsd_val_t *next; /* next sibling in the parent array or object */
  union {
    int b;
    double n;
    struct {
      const char *s;
      size_t len;
    } str;
    struct {
      fsd_val_t *head;
      fsd_val_t *tail;
      size_t count;
    } kids;
  } u;
};

fsd_val_t *fsd_obj(fsd_arena_t *a);
fsd_val_t *fsd_arr(fsd_arena_t *a);
fsd_val_t *fsd_str(fsd_arena_t *a, const char *s); /* NULL s gives null */
fsd_val_t *fsd_strn(fsd_arena_t *a, const char *s, size_t n);
fsd_val_t *fsd_num(fsd_arena_t *a, double n);
fsd_val_t *fsd_bool(fsd_arena_t *a, int b);
fsd_val_t *fsd_null(fsd_arena_t *a);

/* Appends and setters accept a NULL container or value (after an OOM) and
 * then do nothing, so builders need not check every step. They return the
 * value added. */
fsd_val_t *fsd_push(fsd_val_t *arr, fsd_val_t *v);
fsd_val_t *fsd_set(fsd_val_t *obj, const char *key, fsd_val_t *v);
fsd_val_t *fsd_set_str(fsd_arena_t *a, fsd_val_t *obj, const char *key,
                       const char *s);
fsd_val_t *fsd_set_num(fsd_arena_t *a, fsd_val_t *obj, const char *key,
                       double n);
fsd_val_t *fsd_set_bool(fsd_arena_t *a, fsd_val_t *obj, const char *key, int b);
fsd_val_t *fsd_set_null(fsd_arena_t *a, fsd_val_t *obj, const char *key);
/* A tri-state: < 0 unknown (null), 0 false, > 0 true. */
fsd_val_t *fsd_set_tri(fsd_arena_t *a, fsd_val_t *obj, const char *key, int t);

/* Lookups; NULL when absent or of another type. */
fsd_val_t *fsd_get(const fsd_val_t *obj, const char *key);
const char *fsd_get_str(const fsd_val_t *obj, const char *key);
int fsd_get_num(const fsd_val_t *obj, const char *key, double *out);

/* JSON text of a value (for C tests, fuzzers and debugging). */
char *fsd_to_json(fsd_arena_t *a, const fsd_val_t *v);

/* errno names: "ENOENT" for ENOENT, NULL when unknown. */
const char *fsd_errname(int err);
/* The reverse, for this platform's errno numbering; 0 when unknown. */
int fsd_errnum(const char *name);

/* Arguments as the glue (src/napi/, src/wasm/) decodes them: each keeps the
 * type it had in JavaScript. Strings and Buffers are STR, numbers NUM,
 * booleans BOOL, a plain object OBJ with its members in kids (each with its
 * key). undefined and null are NONE. */
typedef enum {
  FSD_ARG_NONE = 0,
  FSD_ARG_STR,
  FSD_ARG_NUM,
  FSD_ARG_BOOL,
  FSD_ARG_OBJ
} fsd_arg_type_t;

typedef struct fsd_arg_s {
  fsd_arg_type_t type;
  const char *key; /* member name inside an OBJ */
  const char *s;   /* STR: NUL-terminated copy (may hold NULs); else NULL */
  size_t len;      /* STR: bytes; OBJ: members */
  double n;        /* NUM */
  int b;           /* BOOL */
  const struct fsd_arg_s *kids; /* OBJ */
} fsd_arg_t;

/* One member of a keyed options object and where it lands in a C struct:
 * STR as const char * (and its length at len_offset when that is not
 * (size_t)-1), NUM as double, BOOL as int. */
typedef struct {
  const char *key;
  fsd_arg_type_t type;
  size_t offset;
  size_t len_offset;
} fsd_field_t;

#define FSD_NO_LEN ((size_t)-1)

/* An operation failure that becomes a Node-style error. */
typedef struct {
  int err;             /* positive errno of this platform's numbering */
  const char *syscall; /* static string */
  const char *path;    /* arena string, may be NULL */
  const char *message; /* arena or static string, may be NULL */
} fsd_fail_t;

/* An operation: decoded arguments in, a value tree out. Returns 0, or -1 with
 * *fail filled. Operations run on the threadpool: no globals, no Node. */
typedef int (*fsd_op_fn)(fsd_arena_t *a, const fsd_arg_t *args, size_t nargs,
                         fsd_val_t **out, fsd_fail_t *fail);

typedef struct {
  const char *name; /* JavaScript name of the async form; sync adds "Sync" */
  fsd_op_fn fn;
  size_t nargs;     /* how many arguments the glue decodes */
} fsd_op_t;

/* Fills fail for running out of memory; returns -1 (an operation's
 * failure). */
int fsd_fail_oom(fsd_fail_t *fail);

/* Decodes obj (an OBJ argument, or NONE: all defaults kept) into out by the
 * NULL-terminated field table. Members the table does not name are ignored;
 * a member of the wrong type fails with EINVAL and a message naming it
 * ("options.live must be a boolean"). Returns 0 or -1 with *fail set. */
int fsd_decode(fsd_arena_t *a, const fsd_arg_t *obj, const char *what,
               const fsd_field_t *fields, void *out, fsd_fail_t *fail);

/* The addon's operations (src/live/ops.c), NULL-terminated. */
extern const fsd_op_t fsd_ops[];

#ifdef __cplusplus
}
#endif

#endif
