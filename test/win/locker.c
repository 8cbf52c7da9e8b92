/* Test helper for the Windows suite: holds a file open the way an editor,
 * a virus scanner or an indexer does, so that rename and unlink fail.
 *
 *   locker.exe FILE READY STOP [share] [timeout-ms]
 *
 * share is "rw" (FILE_SHARE_READ | FILE_SHARE_WRITE: no FILE_SHARE_DELETE,
 * the default), "r" or "none". The locker opens FILE, writes "ready PID" to
 * READY, and holds FILE until STOP exists or timeout-ms (default 30000)
 * passes. Right after letting go it writes READY.released with the time of
 * the release in nanoseconds on the QueryPerformanceCounter clock, the one
 * Node's process.hrtime uses on Windows. Exit status: 0 released on STOP,
 * 1 usage, 2 FILE could not be opened, 3 READY could not be written, 4
 * timed out. */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

static int write_ready(const wchar_t *ready) {
  char line[64];
  DWORD wrote = 0;
  int n = snprintf(line, sizeof(line), "ready %lu\n",
                   (unsigned long)GetCurrentProcessId());
  /* Written under a temporary name and renamed, so that a reader never
   * sees a half-written file. */
  wchar_t tmp[MAX_PATH * 2];
  HANDLE h;
  _snwprintf(tmp, sizeof(tmp) / sizeof(tmp[0]) - 1, L"%ls.tmp", ready);
  tmp[sizeof(tmp) / sizeof(tmp[0]) - 1] = L'\0';
  h = CreateFileW(tmp, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
  if (h == INVALID_HANDLE_VALUE) return -1;
  if (!WriteFile(h, line, (DWORD)n, &wrote, NULL) || wrote != (DWORD)n) {
    CloseHandle(h);
    return -1;
  }
  CloseHandle(h);
  return MoveFileExW(tmp, ready, MOVEFILE_REPLACE_EXISTING) ? 0 : -1;
}

static void write_released(const wchar_t *ready) {
  LARGE_INTEGER c, f;
  unsigned long long ns;
  wchar_t name[MAX_PATH * 2];
  char line[64];
  DWORD wrote = 0;
  HANDLE h;
  int n;
  QueryPerformanceCounter(&c);
  QueryPerformanceFrequency(&f);
  /* Split so that counter * 1e9 cannot overflow. */
  ns = (unsigned long long)(c.QuadPart / f.QuadPart) * 1000000000ULL +
       (unsigned long long)(c.QuadPart % f.QuadPart) * 1000000000ULL /
           (unsigned long long)f.QuadPart;
  n = snprintf(line, sizeof(line), "%llu\n", ns);
  _snwprintf(name, sizeof(name) / sizeof(name[0]) - 1, L"%ls.released", ready);
  name[sizeof(name) / sizeof(name[0]) - 1] = L'\0';
  h = CreateFileW(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
  if (h == INVALID_HANDLE_VALUE) return;
  WriteFile(h, line, (DWORD)n, &wrote, NULL);
  CloseHandle(h);
}

int wmain(int argc, wchar_t **argv) {
  DWORD share = FILE_SHARE_READ | FILE_SHARE_WRITE, timeout = 30000, waited;
  HANDLE h;
  if (argc < 4) {
    fwprintf(stderr, L"usage: locker FILE READY STOP [rw|r|none] [ms]\n");
    return 1;
  }
  if (argc > 4 && wcscmp(argv[4], L"none") == 0) share = 0;
  if (argc > 4 && wcscmp(argv[4], L"r") == 0) share = FILE_SHARE_READ;
  if (argc > 5) timeout = (DWORD)wcstoul(argv[5], NULL, 10);
  h = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, share, NULL,
                  OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) {
    fwprintf(stderr, L"locker: cannot open %ls: error %lu\n", argv[1],
             (unsigned long)GetLastError());
    return 2;
  }
  if (write_ready(argv[2]) != 0) {
    CloseHandle(h);
    return 3;
  }
  for (waited = 0; waited < timeout; waited += 10) {
    if (GetFileAttributesW(argv[3]) != INVALID_FILE_ATTRIBUTES) {
      CloseHandle(h);
      write_released(argv[2]);
      return 0;
    }
    Sleep(10);
  }
  CloseHandle(h);
  return 4;
}
