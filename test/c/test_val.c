#include "fsd.h"
#include "t.h"

#include <errno.h>

int main(void) {
  fsd_arena_t *a = fsd_arena_new();
  fsd_val_t *o = fsd_obj(a), *arr = fsd_arr(a);
  double n = 0;
  char big[40000];
  T_CHECK(a != NULL && o != NULL);
  fsd_set_str(a, o, "s", "a\"b\\c\n");
  fsd_set_num(a, o, "n", 42);
  fsd_set_tri(a, o, "t", -1);
  fsd_set_bool(a, o, "b", 1);
  fsd_push(arr, fsd_num(a, 1.5));
  fsd_push(arr, fsd_str(a, NULL));
  fsd_set(o, "arr", arr);
  fsd_set_num(a, o, "n", 7); /* replaces, keeps order */
  T_STREQ(fsd_to_json(a, o),
          "{\"s\":\"a\\\"b\\\\c\\u000a\",\"n\":7,\"t\":null,\"b\":true,"
          "\"arr\":[1.5,null]}");
  T_CHECK(fsd_get_num(o, "n", &n) && n == 7);
  T_STREQ(fsd_get_str(o, "s"), "a\"b\\c\n");
  T_CHECK(fsd_get_str(o, "n") == NULL);
  T_CHECK(fsd_get(o, "missing") == NULL);
  /* NULL containers and values are ignored, not dereferenced. */
  T_CHECK(fsd_set_str(a, NULL, "x", "y") == NULL);
  T_CHECK(fsd_push(NULL, fsd_null(a)) == NULL);
  /* Large allocations get their own block and stay usable. */
  memset(big, 'x', sizeof(big) - 1);
  big[sizeof(big) - 1] = '\0';
  T_CHECK(strlen(fsd_strdup(a, big)) == sizeof(big) - 1);
  T_STREQ(fsd_printf(a, "%s-%d", "a", 5), "a-5");
  T_STREQ(fsd_errname(ENOENT), "ENOENT");
  T_STREQ(fsd_errname(-EMLINK), "EMLINK");
  T_CHECK(fsd_errnum("ELOOP") == ELOOP);
  T_CHECK(fsd_errnum("ENOPE") == 0);
  T_CHECK(!fsd_arena_oom(a));
  fsd_arena_free(a);
  T_DONE("val");
}
