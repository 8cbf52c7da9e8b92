/* shim-without-shell: on Windows the commands npm and other package
 * managers install (npm, npx, pnpm, yarn, every node_modules\.bin entry)
 * are .cmd scripts. Node's spawn without a shell looks for .exe and .com
 * files only, so spawn("npm") says ENOENT although npm works in a
 * terminal; and since Node 18.20.2, 20.12.2 and 21.7.3 (the fix for
 * CVE-2024-27980) spawning a .cmd or .bat file without shell: true is
 * refused with EINVAL. The program is there: the caller starts it the wrong
 * way, so the fix is in the code that spawns (or an update of the tool). */

#include "causes/kit.h"

#include <ctype.h>
#include <string.h>

static const char *const fsd__codes[] = {"ENOENT", "EINVAL", NULL};
static const char *const fsd__calls[] = {"spawn", "spawnSync", "uv_spawn",
                                         NULL};

const fsd__want_t fsd__wants_shim_without_shell[] = {
    {FSD__PROBE_PROGRAM, fsd__codes, fsd__calls, FSD__WANT_WIN32, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_shim_without_shell[] = {
    /* a name read as a shim only because no .exe toolchain ships it */
    {"all", NULL, NULL, "maybeshim",
     "If {program} works in a terminal, it is most likely a .cmd script "
     "a package installed, which spawn starts only through a shell "
     "(Node 18.20.2, 20.12.2 and later refuse .cmd and .bat files without "
     "one). The commands below show what the name finds: a .cmd there "
     "confirms it, nothing there means it is not installed or not on PATH. "
     "For a .cmd, update the tool that spawns it or report it to its "
     "authors; in your own code pass { shell: true } or use cross-spawn.",
     {FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!maybeshim",
     "On Windows {program} is a .cmd script, which Node's spawn starts only "
     "through a shell: without one it finds only .exe and .com files "
     "(ENOENT), and Node 18.20.2, 20.12.2 and later refuse .cmd and .bat "
     "files outright (EINVAL). If a tool you run does this, update it or "
     "report it to its authors; in your own code pass { shell: true } (and "
     "quote the arguments) or use cross-spawn.",
     {FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, NULL, "See which files the name finds.",
     {FSD__I("Get-Command {program} -All | Format-List Source"),
      FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, NULL, "See which files the name finds.",
     {FSD__I("where {program}"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* Scripts by their name: .cmd and .bat. */
static const char *const fsd__script_exts[] = {".cmd", ".bat", NULL};

/* The last component of a program path, without a .cmd/.bat ending. */
static const char *fsd__program(fsd_arena_t *a, const char *p) {
  const char *b = p, *s;
  size_t n;
  for (s = p; *s; s++)
    if (*s == '/' || *s == '\\') b = s + 1;
  n = strlen(b);
  if (fsd__ext(b, fsd__script_exts)) n -= 4;
  return n > 0 ? fsd_strndup(a, b, n) : NULL;
}


/* A command that package managers install as a .cmd script on Windows:
 * their own, and whatever lives in node_modules\.bin. */
static int fsd__shim_name(const char *p) {
  static const char *const own[] = {"npm",  "npx",     "pnpm",     "pnpx",
                                    "yarn", "yarnpkg", "corepack", NULL};
  const char *b = p, *s;
  if (p == NULL) return 0;
  if (fsd__has(p, "node_modules\\.bin\\") || fsd__has(p, "node_modules/.bin/"))
    return strchr(p + strlen(p) - 4, '.') == NULL;
  /* a version manager's folder (fnm, volta, nvm) holds an extensionless
   * shell script "npm" beside npm.cmd: spawning the path of the script */
  for (s = p; *s; s++)
    if (*s == '/' || *s == '\\') b = s + 1;
  return fsd__one_of(b, own);
}

static fsd__cand_t *fsd__shim_propose(fsd__ctx_t *c, double conf,
                                      const char *prog, const char *why) {
  fsd__cand_t *k = fsd__guess(c, FSD_CAUSE_SHIM_WITHOUT_SHELL, conf, why);
  if (k == NULL) return NULL;
  if (c->path != NULL) fsd_set_str(c->a, k->evidence, "program", c->path);
  /* Only a name the text gave goes into a command; the prose has a
   * stand-in. */
  if (prog != NULL) fsd__var(&k->vars, "program", prog);
  return k;
}

/* A bare command name (no directory, no extension) that is no program
 * Windows or a usual native toolchain ships as an .exe: it may be an
 * npm-installed command, which is a .cmd script. */
static int fsd__maybe_shim(const char *p) {
  static const char *const native[] = {
      "git",  "cmd",    "powershell", "pwsh", "python", "python3", "py",
      "java", "javac",  "docker",     "wsl",  "bash",   "sh",      "ssh",
      "where", "taskkill", "tasklist", "pidof", "ps",   "kill",    "gcc",
      "make", "cmake",  "cargo",      "rustc", "go",    "dotnet",  "node",
      "deno", "bun",    "explorer",   "xdg-open", "open", "null", "undefined",
      /* tools people install as an .exe of their own, not from npm */
      "ffmpeg", "ffprobe", "magick", "convert", "gm", "7z", "unzip", "tar",
      "curl", "wget", "adb", "code", "chrome", "msbuild", "cl", "clang",
      "gs", "pdftotext", "psql", "mysql", "mongod", "rg", "ruby", "perl",
      "php", "pip", "conda", "uv", "winget", "choco", "scoop", "gh",
      "pandoc", "tesseract", "kubectl", "helm", "terraform", "gopls",
      "clangd", "sqlite3", "protoc", "az", "aws", "gcloud", "vim", "nvim",
      NULL};
  const char *s;
  char low[32];
  size_t i;
  if (p == NULL || p[0] == '\0' || strlen(p) >= sizeof(low)) return 0;
  for (s = p; *s; s++)
    if (*s == '/' || *s == '\\' || *s == '.' || *s == ' ' || *s == ':') return 0;
  /* Windows' names are not case-sensitive: "Python" is python.exe */
  for (i = 0; p[i]; i++) low[i] = (char)tolower((unsigned char)p[i]);
  low[i] = '\0';
  return !fsd__one_of(low, native);
}

/* A command package managers install, named as the program of a call in
 * the pasted code: Python's subprocess.run(["npm", ...]), Node's
 * spawn('npm', ...). Text only. */
static const char *fsd__spawned_shim(fsd__ctx_t *c) {
  static const char *const own[] = {"npm",  "npx",     "pnpm",     "pnpx",
                                    "yarn", "yarnpkg", "corepack", NULL};
  static const char *const open[] = {"[\"", "['", "(\"", "('", NULL};
  size_t i, j;
  if (!(fsd__said(c, "subprocess") || fsd__said(c, "CreateProcess") ||
        fsd__said(c, "Popen") || fsd__said(c, "spawn(") ||
        fsd__said(c, "spawnSync(") || fsd__said(c, "execFile")))
    return NULL;
  for (i = 0; own[i] != NULL; i++)
    for (j = 0; open[j] != NULL; j++) {
      if (fsd__said(c, fsd_printf(c->a, "%s%s%c", open[j], own[i], open[j][1])))
        return own[i];
    }
  return NULL;
}

void fsd__rule_shim_without_shell(fsd__ctx_t *c) {
  const char *prog;
  if (c->live) {
    if (!fsd__exec_call(c->syscall)) return;
  } else if (!fsd__exec_call(c->syscall)) {
    /* The call is in the pasted code, not in the error's own words:
     * Python's FileNotFoundError: [WinError 2] from subprocess.run(["npm"]),
     * a spawn('x.cmd') that Node refused. */
    if (FSD__CODE("ENOENT") && c->win && c->path == NULL &&
        (prog = fsd__spawned_shim(c)) != NULL)
      fsd__shim_propose(c, 0.8, prog,
                        "The pasted code starts {program} without a shell; "
                        "on Windows {program} is a .cmd script, which "
                        "CreateProcess does not find by its bare name.");
    else if (FSD__CODE("EINVAL") && c->path == NULL && fsd__said(c, "spawn") &&
             (fsd__said(c, ".cmd") || fsd__said(c, ".bat")))
      fsd__shim_propose(c, 0.8, NULL,
                        "spawn refused a .cmd or .bat file with EINVAL: Node "
                        "no longer starts one without shell: true.");
    return;
  }
  prog = c->path != NULL ? fsd__program(c->a, c->path) : NULL;
  if (c->ev->program != NULL) {
    /* Measured: what PATH holds under that name. */
    const fsd_program_t *p = c->ev->program;
    fsd__cand_t *k;
    if (p->shim == NULL || (FSD__CODE("ENOENT") && p->found != NULL)) return;
    k = fsd__add(c, FSD_CAUSE_SHIM_WITHOUT_SHELL, 0.95);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "program", p->name);
    fsd_set_str(c->a, k->evidence, "script", p->shim);
    if (prog != NULL) fsd__var(&k->vars, "program", prog);
    k->detail = fsd_printf(
        c->a, "%s is a .cmd or .bat script here (%s), which spawn starts "
              "only through a shell.",
        p->name, p->shim);
    return;
  }
  if (FSD__CODE("EINVAL") &&
      (fsd__ext(c->path, fsd__script_exts) || (c->path == NULL && c->win) ||
       (c->win && fsd__shim_name(c->path)) ||
       fsd__said(c, "execute .bat or .cmd"))) {
    fsd__shim_propose(c, 0.85, prog,
                 "spawn refused {program} with EINVAL: Node no longer starts "
                 "a .cmd or .bat file without shell: true.");
    return;
  }
  if (FSD__CODE("ENOENT") && c->win && fsd__shim_name(c->path))
    fsd__shim_propose(c, 0.86, prog,
                 "{program} is a .cmd script on Windows, and spawn without a "
                 "shell looks only for .exe and .com files, so it says "
                 "ENOENT although {program} works in a terminal.");
  else if (FSD__CODE("ENOENT") && c->win && fsd__maybe_shim(c->path)) {
    /* Any command an npm package installs is a .cmd script too (claude,
     * codex, a tool's own CLI): a name Windows and the usual toolchains do
     * not ship as an .exe is more often one of those than missing (every
     * such name in the corpus's Windows threads was a shim: 24 of 24).
     * Its fix says how to tell, not that it is one. */
    fsd__cand_t *k = fsd__shim_propose(
        c, 0.86, prog,
        "If {program} works in a terminal: a command an npm package "
        "installs is a .cmd script on Windows, which spawn without a shell "
        "does not find (ENOENT).");
    if (k != NULL) fsd__var(&k->vars, "maybeshim", "1");
  }
}
