/* command-too-long: spawn ENAMETOOLONG or E2BIG: the command line (or the
 * environment passed with it) is longer than the system takes: ARG_MAX on
 * Linux and macOS, 32767 characters for CreateProcess and 8191 for cmd.exe
 * on Windows. No path is too long; renaming nothing helps. */

#include "causes/kit.h"

#include <string.h>

const fsd__want_t fsd__wants_command_too_long[] = {FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_command_too_long[] = {
    {"all", NULL, NULL, NULL,
     "The command line or its environment is too long to start a program. "
     "Pass long file lists through a file or a glob the tool expands itself, "
     "run it in batches, or trim large environment variables; no path needs "
     "to change.",
     {FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, NULL,
     "See the system's limit and how much the environment already takes.",
     {FSD__I("getconf ARG_MAX"), FSD__I("env | wc -c"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, NULL,
     "Windows allows 32767 characters per command line (cmd.exe 8191). See "
     "how large the environment is.",
     {FSD__I("(Get-ChildItem env: | ForEach-Object { $_.Name + '=' + $_.Value } | "
      "Measure-Object -Character).Characters"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* Read from the code and the call, live or not: nothing here is measured
 * (the command line is gone), so it stays below 0.9, which means measured
 * on this machine. */
static void fsd__propose(fsd__ctx_t *c, double conf, const char *why) {
  fsd__cand_t *k;
  if (conf > 0.89) conf = 0.89;
  k = c->live ? fsd__add(c, FSD_CAUSE_COMMAND_TOO_LONG, conf)
              : fsd__guess(c, FSD_CAUSE_COMMAND_TOO_LONG, conf, why);
  if (k == NULL) return;
  fsd_set_str(c->a, k->evidence, "code", c->code);
  fsd_set_str(c->a, k->evidence, "syscall", c->err->syscall);
  k->detail = fsd_strdup(c->a, why);
}

/* A program's file (link.exe, npm.cmd): a "name too long" that names it
 * is about the command line CreateProcess got, not the file's path. */
static const char *const fsd__program_exts[] = {".exe", ".com", ".cmd",
                                                ".bat", NULL};

void fsd__rule_command_too_long(fsd__ctx_t *c) {
  int spawn = fsd__exec_call(c->syscall);
  if (FSD__CODE("E2BIG")) {
    fsd__propose(c, 0.95,
                 "E2BIG: the arguments and environment of the program being "
                 "started are longer than the system allows.");
    return;
  }
  if (!FSD__CODE("ENAMETOOLONG")) return;
  if (spawn)
    fsd__propose(c, 0.95,
                 fsd_printf(c->a,
                            "%s failed with ENAMETOOLONG: the command line "
                            "is longer than the system allows; no path is "
                            "too long.",
                            c->syscall));
  else if ((c->path == NULL || fsd__ext(c->path, fsd__program_exts)) &&
           c->syscall[0] == '\0' &&
           (fsd__said(c, "child_process") || fsd__said(c, "command line") ||
            fsd__said(c, "spawn ENAMETOOLONG") ||
            fsd__said(c, "command failed with ENAMETOOLONG") ||
            fsd__said(c, "arguments") || fsd__said(c, "invoke a process") ||
            fsd__said(c, "execSync") || fsd__said(c, "execFile") ||
            fsd__said(c, "CreateProcess") || fsd__said(c, "process filename")))
  {
    /* A program's own short path cannot be what is too long. */
    int prog = c->path != NULL && strlen(c->path) < 200;
    fsd__guess(c, FSD_CAUSE_COMMAND_TOO_LONG, prog ? 0.87 : 0.75,
               prog ? "{path} is the program being started, and its path "
                      "is short: what is too long is its command line."
                    : "No path is named, and the text is about starting a "
                      "program with long arguments: the command line is too "
                      "long.");
  }
  else if (c->path == NULL && c->syscall[0] == '\0' &&
           !fsd__said(c, "MAXPATHLEN"))
    fsd__guess(c, FSD_CAUSE_COMMAND_TOO_LONG, 0.35,
               "Without a path, ENAMETOOLONG can come from starting a "
               "program with a command line that is too long.");
}
