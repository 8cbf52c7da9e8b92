/* Test-only addon for test/retry-stress.test.js: fork() and waitpid().
 *
 * Spawning a fresh node per kill costs ~100 ms of CPU each, so 1000 kills
 * would take minutes. A "zygote" node process (started with
 * --single-threaded, never touching the libuv threadpool) forks instead:
 * the child inherits the warm heap and runs synchronous atomic writes on
 * its only thread until it is SIGKILLed; the zygote reaps it and checks
 * the file. The child never returns to the event loop (its epoll instance
 * is shared with the parent), it only loops in JS and is killed.
 *
 * V8 marks its heap MADV_DONTFORK, so a plain fork() gives a child without
 * a heap (it dies of SIGSEGV at once). Before each fork every mapping is
 * marked MADV_DOFORK again; mappings that refuse (vdso, vvar) are skipped.
 *
 * Built by the test with the system compiler; not part of the package. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <node_api.h>

static void dofork_all(void) {
  FILE *maps;
  char line[512];
  unsigned long start, end;

  maps = fopen("/proc/self/maps", "r");
  if (maps == NULL)
    return;
  while (fgets(line, sizeof(line), maps) != NULL) {
    if (sscanf(line, "%lx-%lx", &start, &end) == 2)
      (void) madvise((void *) start, end - start, MADV_DOFORK);
  }
  fclose(maps);
}

static napi_value do_fork(napi_env env, napi_callback_info info) {
  napi_value out;
  pid_t pid;

  (void) info;
  dofork_all();
  pid = fork();
  napi_create_int32(env, pid < 0 ? -errno : (int32_t) pid, &out);
  return out;
}

/* waitpid(pid) -> the signal that ended it, or 0 for a normal exit. */
static napi_value do_wait(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  int32_t pid = 0;
  int status = 0;
  pid_t r;

  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  napi_get_value_int32(env, argv[0], &pid);
  do {
    r = waitpid((pid_t) pid, &status, 0);
  } while (r < 0 && errno == EINTR);
  if (r < 0) {
    napi_create_int32(env, -errno, &out);
    return out;
  }
  napi_create_int32(env, WIFSIGNALED(status) ? WTERMSIG(status) : 0, &out);
  return out;
}

/* For the child: process.pid still holds the parent's pid after fork(). */
static napi_value do_die(napi_env env, napi_callback_info info) {
  (void) env;
  (void) info;
  kill(getpid(), SIGKILL);
  _exit(1);
}

NAPI_MODULE_INIT() {
  napi_value f;

  napi_create_function(env, "fork", NAPI_AUTO_LENGTH, do_fork, NULL, &f);
  napi_set_named_property(env, exports, "fork", f);
  napi_create_function(env, "wait", NAPI_AUTO_LENGTH, do_wait, NULL, &f);
  napi_set_named_property(env, exports, "wait", f);
  napi_create_function(env, "die", NAPI_AUTO_LENGTH, do_die, NULL, &f);
  napi_set_named_property(env, exports, "die", f);
  return exports;
}
