/* Keyed options objects into C structs: the one decoder behind every option
 * that crosses from JavaScript, whether through Node-API or WebAssembly. */

#include "fsd.h"

#include <errno.h>
#include <string.h>

int fsd_fail_oom(fsd_fail_t *fail) {
  fail->err = ENOMEM;
  fail->syscall = "malloc";
  fail->path = NULL;
  fail->message = "out of memory";
  return -1;
}

static const char *fsd__arg_type_name(fsd_arg_type_t t) {
  switch (t) {
    case FSD_ARG_STR:
      return "a string";
    case FSD_ARG_NUM:
      return "a number";
    case FSD_ARG_BOOL:
      return "a boolean";
    case FSD_ARG_OBJ:
      return "an object";
    default:
      return "absent";
  }
}

static const fsd_field_t *fsd__field(const fsd_field_t *f, const char *key) {
  for (; f->key != NULL; f++)
    if (key != NULL && strcmp(f->key, key) == 0) return f;
  return NULL;
}

int fsd_decode(fsd_arena_t *a, const fsd_arg_t *obj, const char *what,
               const fsd_field_t *fields, void *out, fsd_fail_t *fail) {
  size_t i;
  char *base = out;
  if (obj == NULL || obj->type == FSD_ARG_NONE) return 0;
  if (obj->type != FSD_ARG_OBJ) {
    fail->err = EINVAL;
    fail->syscall = "options";
    fail->message = fsd_printf(a, "%s must be an object", what);
    return -1;
  }
  for (i = 0; i < obj->len; i++) {
    const fsd_arg_t *m = &obj->kids[i];
    const fsd_field_t *f = fsd__field(fields, m->key);
    if (f == NULL || m->type == FSD_ARG_NONE) continue;
    if (m->type != f->type) {
      fail->err = EINVAL;
      fail->syscall = "options";
      fail->message = fsd_printf(a, "%s.%s must be %s", what, f->key,
                                 fsd__arg_type_name(f->type));
      return -1;
    }
    switch (f->type) {
      case FSD_ARG_STR:
        memcpy(base + f->offset, &m->s, sizeof(m->s));
        if (f->len_offset != FSD_NO_LEN)
          memcpy(base + f->len_offset, &m->len, sizeof(m->len));
        break;
      case FSD_ARG_NUM:
        memcpy(base + f->offset, &m->n, sizeof(m->n));
        break;
      case FSD_ARG_BOOL:
        memcpy(base + f->offset, &m->b, sizeof(m->b));
        break;
      default:
        break;
    }
  }
  return 0;
}
