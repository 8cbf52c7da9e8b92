/* Holder kinds from process names, shared by every platform. The kind tells
 * the diagnosis which advice fits: close the editor, wait for the scanner,
 * stop the other npm. Names compare case-insensitively without ".exe". */
#include "platform.h"

#include <errno.h>
#include <string.h>

typedef struct {
  const char *name;
  const char *kind;
} fsd__kind_t;

static const fsd__kind_t fsd__kinds[] = {
  /* Editors and IDEs (including their helper processes). */
  {"code", "editor"}, {"code-insiders", "editor"}, {"code-oss", "editor"},
  {"codium", "editor"}, {"vscodium", "editor"}, {"cursor", "editor"},
  {"windsurf", "editor"}, {"idea", "editor"}, {"idea64", "editor"},
  {"webstorm", "editor"}, {"webstorm64", "editor"}, {"phpstorm", "editor"},
  {"pycharm", "editor"}, {"pycharm64", "editor"}, {"rider", "editor"},
  {"rider64", "editor"}, {"goland", "editor"}, {"clion", "editor"},
  {"fleet", "editor"}, {"vim", "editor"}, {"nvim", "editor"},
  {"gvim", "editor"}, {"vi", "editor"}, {"emacs", "editor"},
  {"emacs-gtk", "editor"}, {"nano", "editor"}, {"helix", "editor"},
  {"hx", "editor"}, {"kate", "editor"}, {"gedit", "editor"},
  {"sublime_text", "editor"}, {"subl", "editor"}, {"atom", "editor"},
  {"zed", "editor"}, {"zed-editor", "editor"}, {"notepad", "editor"},
  {"notepad++", "editor"}, {"devenv", "editor"}, {"xcode", "editor"},
  {"textedit", "editor"}, {"micro", "editor"},
  /* JavaScript runtimes and package managers. */
  {"node", "node"}, {"nodejs", "node"}, {"npm", "node"}, {"npx", "node"},
  {"yarn", "node"}, {"pnpm", "node"}, {"bun", "node"}, {"deno", "node"},
  {"corepack", "node"},
  /* Virus scanners. */
  {"msmpeng", "antivirus"}, {"mpdefendercoreservice", "antivirus"},
  {"nissrv", "antivirus"}, {"mssense", "antivirus"}, {"clamd", "antivirus"},
  {"clamscan", "antivirus"}, {"freshclam", "antivirus"},
  {"clamonacc", "antivirus"}, {"avp", "antivirus"}, {"avgsvc", "antivirus"},
  {"avastsvc", "antivirus"}, {"mcshield", "antivirus"},
  {"savservice", "antivirus"}, {"sentinelagent", "antivirus"},
  {"csfalconservice", "antivirus"}, {"falcon-sensor", "antivirus"},
  {"wdavdaemon", "antivirus"}, {"xprotect", "antivirus"},
  {"esets_daemon", "antivirus"}, {"sophos", "antivirus"},
  /* Indexers and sync clients. */
  {"tracker-miner-fs", "indexer"}, {"tracker-miner-fs-3", "indexer"},
  {"tracker-extract", "indexer"}, {"tracker-extract-3", "indexer"},
  {"baloo_file", "indexer"}, {"baloo_file_extractor", "indexer"},
  {"searchindexer", "indexer"}, {"searchprotocolhost", "indexer"},
  {"searchfilterhost", "indexer"}, {"mds", "indexer"},
  {"mds_stores", "indexer"}, {"mdworker", "indexer"},
  {"mdworker_shared", "indexer"}, {"onedrive", "indexer"},
  {"dropbox", "indexer"}, {"googledrivefs", "indexer"},
  {"updatedb", "indexer"}, {"plocate", "indexer"}, {"locate", "indexer"},
  /* Shells and file managers. */
  {"bash", "shell"}, {"zsh", "shell"}, {"fish", "shell"}, {"sh", "shell"},
  {"dash", "shell"}, {"ksh", "shell"}, {"tcsh", "shell"}, {"csh", "shell"},
  {"nu", "shell"}, {"cmd", "shell"}, {"powershell", "shell"},
  {"pwsh", "shell"}, {"explorer", "shell"}, {"finder", "shell"},
  {"nautilus", "shell"}, {"dolphin", "shell"}, {"thunar", "shell"},
  {"windowsterminal", "shell"}, {"conhost", "shell"},
  {NULL, NULL}};

static int fsd__to_lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Copies the last path element of s (up to n bytes, or to a space when
 * stop_at_space) into buf, lower case, without ".exe". */
static void fsd__base(const char *s, size_t n, int stop_at_space, char *buf,
                      size_t size) {
  size_t i, start = 0, end = n, len;
  for (i = 0; i < n && s[i] != '\0'; i++) {
    if (stop_at_space && s[i] == ' ') {
      end = i;
      break;
    }
    if (s[i] == '/' || s[i] == '\\') start = i + 1;
    end = i + 1;
  }
  len = end > start ? end - start : 0;
  if (len >= size) len = size - 1;
  for (i = 0; i < len; i++) buf[i] = (char)fsd__to_lower((unsigned char)s[start + i]);
  buf[len] = '\0';
  if (len > 4 && strcmp(buf + len - 4, ".exe") == 0) buf[len - 4] = '\0';
}

static const char *fsd__lookup(const char *base) {
  const fsd__kind_t *k;
  size_t n;
  if (base[0] == '\0') return NULL;
  for (k = fsd__kinds; k->name != NULL; k++)
    if (strcmp(k->name, base) == 0) return k->kind;
  /* Versioned names: node18, python-style "node-v20", idea.sh. */
  n = strlen(base);
  if (strncmp(base, "node", 4) == 0 && n > 4 &&
      (base[4] == '-' || (base[4] >= '0' && base[4] <= '9')))
    return "node";
  if (strstr(base, "sublime_text") != NULL) return "editor";
  if (strncmp(base, "code-", 5) == 0 || strncmp(base, "idea", 4) == 0)
    return "editor";
  if (strncmp(base, "tracker-miner", 13) == 0) return "indexer";
  return NULL;
}

/* Scripts run by a JavaScript runtime or a shell interpreter name the real
 * program in the first argument: "node /usr/lib/node_modules/npm/bin/npm-cli.js". */
static int fsd__has_js_tool(const char *cmdline) {
  static const char *const tools[] = {"npm-cli.js", "npx-cli.js", "yarn.js",
                                      "yarn.cjs", "pnpm.cjs", "pnpm.js",
                                      "corepack.js", NULL};
  size_t i;
  for (i = 0; tools[i] != NULL; i++)
    if (strstr(cmdline, tools[i]) != NULL) return 1;
  return 0;
}

const char *fsd_holder_kind(const char *name, const char *cmdline) {
  char base[64];
  const char *kind;
  if (name != NULL) {
    fsd__base(name, strlen(name), 0, base, sizeof(base));
    kind = fsd__lookup(base);
    if (kind != NULL) return kind;
  }
  if (cmdline != NULL) {
    /* comm is cut at 15 bytes on Linux; argv[0] is not. */
    fsd__base(cmdline, strlen(cmdline), 1, base, sizeof(base));
    kind = fsd__lookup(base);
    if (kind != NULL) return kind;
    if (fsd__has_js_tool(cmdline)) return "node";
  }
  return "other";
}

int fsd_program_start(const char *name, fsd_program_t *out, fsd_fail_t *fail) {
  memset(out, 0, sizeof(*out));
  out->name = name;
  out->interp_missing = out->env_prog_missing = FSD_UNKNOWN;
  if (name != NULL && name[0] != '\0') return 0;
  fail->err = EINVAL;
  fail->syscall = "program";
  return EINVAL;
}
