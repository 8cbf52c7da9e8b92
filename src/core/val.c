#include "fsd.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A chain of blocks; large requests get a block of their own. */
typedef struct fsd__block_s {
  struct fsd__block_s *next;
  size_t used;
  size_t size;
  max_align_t data[];
} fsd__block_t;

struct fsd_arena_s {
  fsd__block_t *head;
  int oom;
};

#define FSD__BLOCK 16384

fsd_arena_t *fsd_arena_new(void) {
  return calloc(1, sizeof(fsd_arena_t));
}

void fsd_arena_free(fsd_arena_t *a) {
  fsd__block_t *b, *next;
  if (a == NULL) return;
  for (b = a->head; b != NULL; b = next) {
    next = b->next;
    free(b);
  }
  free(a);
}

int fsd_arena_oom(const fsd_arena_t *a) {
  return a == NULL || a->oom;
}

void *fsd_alloc(fsd_arena_t *a, size_t size) {
  fsd__block_t *b;
  size_t align = sizeof(max_align_t);
  void *p;
  if (a == NULL) return NULL;
  if (size > SIZE_MAX / 2) {
    a->oom = 1;
    return NULL;
  }
  size = (size + align - 1) / align * align;
  if (size == 0) size = align;
  b = a->head;
  if (b == NULL || b->size - b->used < size) {
    size_t cap = size > FSD__BLOCK ? size : FSD__BLOCK;
    b = malloc(sizeof(*b) + cap);
    if (b == NULL) {
      a->oom = 1;
      return NULL;
    }
    b->used = 0;
    b->size = cap;
    /* A large block goes behind the head so the head keeps its free room. */
    if (a->head != NULL && size > FSD__BLOCK) {
      b->next = a->head->next;
      a->head->next = b;
    } else {
      b->next = a->head;
      a->head = b;
    }
  }
  p = (char *)b->data + b->used;
  b->used += size;
  memset(p, 0, size);
  return p;
}

char *fsd_strndup(fsd_arena_t *a, const char *s, size_t n) {
  char *p;
  if (s == NULL) return NULL;
  p = fsd_alloc(a, n + 1);
  if (p == NULL) return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *fsd_strdup(fsd_arena_t *a, const char *s) {
  return s == NULL ? NULL : fsd_strndup(a, s, strlen(s));
}

char *fsd_printf(fsd_arena_t *a, const char *fmt, ...) {
  va_list ap;
  int n;
  char *p;
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return NULL;
  p = fsd_alloc(a, (size_t)n + 1);
  if (p == NULL) return NULL;
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

static fsd_val_t *fsd__val(fsd_arena_t *a, fsd_type_t t) {
  fsd_val_t *v = fsd_alloc(a, sizeof(*v));
  if (v != NULL) v->type = t;
  return v;
}

fsd_val_t *fsd_obj(fsd_arena_t *a) { return fsd__val(a, FSD_OBJ); }
fsd_val_t *fsd_arr(fsd_arena_t *a) { return fsd__val(a, FSD_ARR); }
fsd_val_t *fsd_null(fsd_arena_t *a) { return fsd__val(a, FSD_NULL); }

fsd_val_t *fsd_strn(fsd_arena_t *a, const char *s, size_t n) {
  fsd_val_t *v;
  if (s == NULL) return fsd_null(a);
  v = fsd__val(a, FSD_STR);
  if (v == NULL) return NULL;
  v->u.str.s = fsd_strndup(a, s, n);
  v->u.str.len = n;
  return v->u.str.s == NULL ? NULL : v;
}

fsd_val_t *fsd_str(fsd_arena_t *a, const char *s) {
  return s == NULL ? fsd_null(a) : fsd_strn(a, s, strlen(s));
}

fsd_val_t *fsd_num(fsd_arena_t *a, double n) {
  fsd_val_t *v = fsd__val(a, FSD_NUM);
  if (v != NULL) v->u.n = n;
  return v;
}

fsd_val_t *fsd_bool(fsd_arena_t *a, int b) {
  fsd_val_t *v = fsd__val(a, FSD_BOOL);
  if (v != NULL) v->u.b = b != 0;
  return v;
}

fsd_val_t *fsd_push(fsd_val_t *arr, fsd_val_t *v) {
  if (arr == NULL || v == NULL) return NULL;
  if (arr->type != FSD_ARR && arr->type != FSD_OBJ) return NULL;
  v->next = NULL;
  if (arr->u.kids.tail != NULL)
    arr->u.kids.tail->next = v;
  else
    arr->u.kids.head = v;
  arr->u.kids.tail = v;
  arr->u.kids.count++;
  return v;
}

fsd_val_t *fsd_set(fsd_val_t *obj, const char *key, fsd_val_t *v) {
  fsd_val_t *k, *prev = NULL;
  if (obj == NULL || v == NULL || key == NULL || obj->type != FSD_OBJ)
    return NULL;
  /* Replace an existing member in place so keys stay unique. */
  for (k = obj->u.kids.head; k != NULL; prev = k, k = k->next) {
    if (strcmp(k->key, key) != 0) continue;
    v->key = k->key;
    v->next = k->next;
    if (prev != NULL)
      prev->next = v;
    else
      obj->u.kids.head = v;
    if (obj->u.kids.tail == k) obj->u.kids.tail = v;
    return v;
  }
  v->key = key;
  return fsd_push(obj, v);
}

fsd_val_t *fsd_set_str(fsd_arena_t *a, fsd_val_t *obj, const char *key,
                       const char *s) {
  return obj == NULL ? NULL : fsd_set(obj, key, fsd_str(a, s));
}

fsd_val_t *fsd_set_num(fsd_arena_t *a, fsd_val_t *obj, const char *key,
                       double n) {
  return obj == NULL ? NULL : fsd_set(obj, key, fsd_num(a, n));
}

fsd_val_t *fsd_set_bool(fsd_arena_t *a, fsd_val_t *obj, const char *key,
                        int b) {
  return obj == NULL ? NULL : fsd_set(obj, key, fsd_bool(a, b));
}

fsd_val_t *fsd_set_null(fsd_arena_t *a, fsd_val_t *obj, const char *key) {
  return obj == NULL ? NULL : fsd_set(obj, key, fsd_null(a));
}

fsd_val_t *fsd_set_tri(fsd_arena_t *a, fsd_val_t *obj, const char *key,
                       int t) {
  return t < 0 ? fsd_set_null(a, obj, key) : fsd_set_bool(a, obj, key, t);
}

fsd_val_t *fsd_get(const fsd_val_t *obj, const char *key) {
  fsd_val_t *k;
  if (obj == NULL || obj->type != FSD_OBJ || key == NULL) return NULL;
  for (k = obj->u.kids.head; k != NULL; k = k->next)
    if (strcmp(k->key, key) == 0) return k;
  return NULL;
}

const char *fsd_get_str(const fsd_val_t *obj, const char *key) {
  fsd_val_t *v = fsd_get(obj, key);
  return v != NULL && v->type == FSD_STR ? v->u.str.s : NULL;
}

int fsd_get_num(const fsd_val_t *obj, const char *key, double *out) {
  fsd_val_t *v = fsd_get(obj, key);
  if (v == NULL || v->type != FSD_NUM) return 0;
  *out = v->u.n;
  return 1;
}

/* JSON writer into a growable buffer held in plain memory. */
typedef struct {
  char *p;
  size_t len;
  size_t cap;
  int oom;
} fsd__buf_t;

static void fsd__put(fsd__buf_t *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    char *p;
    while (cap < b->len + n + 1) cap *= 2;
    p = realloc(b->p, cap);
    if (p == NULL) {
      b->oom = 1;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static void fsd__put_str(fsd__buf_t *b, const char *s, size_t n) {
  size_t i;
  char esc[8];
  fsd__put(b, "\"", 1);
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      esc[0] = '\\';
      esc[1] = (char)c;
      fsd__put(b, esc, 2);
    } else if (c < 0x20) {
      snprintf(esc, sizeof(esc), "\\u%04x", c);
      fsd__put(b, esc, 6);
    } else {
      fsd__put(b, (const char *)&s[i], 1);
    }
  }
  fsd__put(b, "\"", 1);
}

static void fsd__json(fsd__buf_t *b, const fsd_val_t *v, int depth) {
  char num[64];
  const fsd_val_t *k;
  if (depth > 64) {
    fsd__put(b, "null", 4);
    return;
  }
  switch (v->type) {
    case FSD_NULL:
      fsd__put(b, "null", 4);
      break;
    case FSD_BOOL:
      fsd__put(b, v->u.b ? "true" : "false", v->u.b ? 4 : 5);
      break;
    case FSD_NUM:
      if (isfinite(v->u.n))
        snprintf(num, sizeof(num), "%.17g", v->u.n);
      else
        snprintf(num, sizeof(num), "null");
      fsd__put(b, num, strlen(num));
      break;
    case FSD_STR:
      fsd__put_str(b, v->u.str.s, v->u.str.len);
      break;
    case FSD_ARR:
    case FSD_OBJ:
      fsd__put(b, v->type == FSD_ARR ? "[" : "{", 1);
      for (k = v->u.kids.head; k != NULL; k = k->next) {
        if (k != v->u.kids.head) fsd__put(b, ",", 1);
        if (v->type == FSD_OBJ) {
          fsd__put_str(b, k->key, strlen(k->key));
          fsd__put(b, ":", 1);
        }
        fsd__json(b, k, depth + 1);
      }
      fsd__put(b, v->type == FSD_ARR ? "]" : "}", 1);
      break;
  }
}

char *fsd_to_json(fsd_arena_t *a, const fsd_val_t *v) {
  fsd__buf_t b = {NULL, 0, 0, 0};
  char *out;
  if (v == NULL) return fsd_strdup(a, "null");
  fsd__json(&b, v, 0);
  out = b.oom ? NULL : fsd_strndup(a, b.p, b.len);
  free(b.p);
  return out;
}
