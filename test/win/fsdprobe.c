/* Test helper for the Windows suite: the C probes without Node, for what
 * JavaScript cannot reach yet.
 *
 *   fsdprobe.exe win32err PATH SYSCALL   prints "CODE NAME" (fsd_win32_error)
 *
 * PATH is UTF-8 (converted from the UTF-16 command line). Exit status 0, or
 * the errno fsd_win32_error returned. */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <stdio.h>
#include <string.h>

#include "platform.h"

static char *utf8(fsd_arena_t *a, const wchar_t *w) {
  int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
  char *s = n > 0 ? fsd_alloc(a, (size_t)n) : NULL;
  if (s != NULL) WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
  return s;
}

int wmain(int argc, wchar_t **argv) {
  fsd_arena_t *a = fsd_arena_new();
  const char *name = NULL;
  int64_t code = -1;
  int rc;
  if (a == NULL) return 12;
  if (argc != 4 || wcscmp(argv[1], L"win32err") != 0) {
    fprintf(stderr, "usage: fsdprobe win32err PATH SYSCALL\n");
    return 1;
  }
  rc = fsd_win32_error(a, utf8(a, argv[2]), utf8(a, argv[3]), &code, &name);
  printf("%lld %s\n", (long long)code, name ? name : "null");
  fsd_arena_free(a);
  return rc;
}
