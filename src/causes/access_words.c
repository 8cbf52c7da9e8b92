/* EACCES and EPERM read from a tool's own words (access.c calls these):
 * texts that say whose the files are where the error names no owner, a
 * program that could not be run, a daemon's socket; and the places those
 * rules know by path (Homebrew's prefix, the system's Python). Text only. */

#include "causes/kit.h"

#include <string.h>

void fsd__owner_words(fsd__ctx_t *c) {
  if (c->live || (!FSD__CODE("EACCES") && !FSD__CODE("EPERM"))) return;
  if (fsd__said(c, "contains root-owned files") || fsd__said(c, "' is not owned by you"))
    /* npm's own check of its cache after an EACCES or EPERM there */
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.8,
               fsd__said(c, "' is not owned by you")
                   ? "The program checks the owner first and says {path} is "
                     "not yours: another account's, or a mount (NTFS, FAT, "
                     "a share) that shows every file as root's."
                   : "npm itself says its cache holds root-owned files, left "
                     "by an earlier sudo npm.");
  else if (c->posix && fsd__said(c, "insufficient permission for adding an object")) {
    /* a repository several users push to: an object directory one of them
     * created is not the next one's to write */
    fsd__cand_t *k = fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.6,
                                "git could not write an object directory of "
                                "the repository: in a repository several "
                                "accounts push to, directories one of them "
                                "created belong to that account.");
    if (k != NULL) fsd__var(&k->vars, "gitshared", "yes");
  }
  else if (c->win && FSD__CODE("EPERM") &&
           fsd__said(c, "setnamedsecurityinfo"))
    /* Windows' chmod: only the owner (or an administrator taking
     * ownership) may change an access list */
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.65,
               "Changing the access list of [[{path}|the folder]] was "
               "refused (error 5): only its owner may, and it belongs to "
               "another account (an administrator, a sandbox's account, a "
               "foreign SID).");
  else if (c->win && fsd__said(c, "you require permission from"))
    /* Explorer names the account whose permission it takes: the owner */
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.75,
               "Windows names another account whose permission the change "
               "needs: the folder belongs to it (an account of an earlier "
               "Windows installation, an administrator, TrustedInstaller).");
}

/* A shell's own words for a program it could not run: "sh: 1: <path>:
 * Permission denied", "bash: <path>: Permission denied" (not "cannot
 * create <path>", a redirection, nor "cd: <path>"). The text is read to
 * its length, not to a NUL. */
static int fsd__shell_ran(fsd__ctx_t *c) {
  static const char denied[] = ": Permission denied";
  const char *t = c->err->text, *at, *end;
  size_t n = strlen(c->path), m = sizeof(denied) - 1;
  if (t == NULL || c->err->text_len < n + m) return 0;
  end = t + c->err->text_len;
  for (at = t; at + n + m <= end; at++) {
    const char *b = at;
    if (memcmp(at, c->path, n) != 0 || memcmp(at + n, denied, m) != 0) continue;
    if (b - t >= 2 && b[-1] == ' ' && b[-2] == ':') b -= 2;
    while (b > t && b[-1] >= '0' && b[-1] <= '9') b--;
    if (b - t >= 2 && b[-1] == ' ' && b[-2] == ':') b -= 2;
    if (b - t >= 2 && b[-1] == 'h' && b[-2] == 's') return 1;
    /* a tool that ran it printed the same words: "<dir>/.bin/x: ..." at a
     * line's start */
    if ((at == t || at[-1] == '\n') && strstr(c->path, "/.bin/") != NULL) return 1;
  }
  return 0;
}

/* A file a user's chmod should not touch, or no file at all: a system
 * tree (/usr, /bin, /System, /snap, /nix/store), npm's global prefix, a
 * directory ("x/", ".bin") or a macOS bundle. */
static int fsd__not_a_user_program(fsd__ctx_t *c) {
  static const char *const sys[] = {"/usr/", "/bin/", "/sbin/", "/lib",
                                    "/snap/", "/nix/store/", "/System/",
                                    "/opt/homebrew/bin/", NULL};
  size_t n = strlen(c->path), i;
  for (i = 0; sys[i] != NULL; i++)
    if (strncmp(c->path, sys[i], strlen(sys[i])) == 0) return 1;
  return (c->sh & (FSD__SH_USR | FSD__SH_SYSTEM | FSD__SH_SYSTREE |
                   FSD__SH_GLOBAL | FSD__SH_MNT)) ||
         c->path[n - 1] == '/' || (n >= 5 && strcmp(c->path + n - 5, "/.bin") == 0) ||
         (n >= 4 && strcmp(c->path + n - 4, ".app") == 0);
}

/* A program run, refused: its execute bit (a package published or
 * unpacked without it, a file checked out on Windows) or a noexec mount,
 * not its owner. A spawn of it, or a shell's "<dir>/.bin/x: Permission
 * denied". */
void fsd__exec_words(fsd__ctx_t *c) {
  fsd__cand_t *k;
  /* a relative path as git names its hooks (".husky/pre-commit"), from
   * the repository's top where the command ran; a bare name ("git") is a
   * program looked up on PATH, not a file here */
  if (c->live || !c->posix || !FSD__CODE("EACCES") || c->path == NULL ||
      c->path[0] == '-' || c->path[0] == '~' || fsd__has(c->path, "..") ||
      strchr(c->path, '/') == NULL ||
      fsd__not_a_user_program(c) || fsd__said(c, "noexec") ||
      !(fsd__exec_call(c->syscall) ||
        (c->syscall[0] == '\0' && fsd__shell_ran(c))))
    return;
  k = fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.7,
                 "{path} is run as a program: EACCES there is its missing "
                 "execute bit (a package published or unpacked without it, "
                 "a file checked out on Windows) or a mount with noexec.");
  if (k == NULL) return;
  fsd__var(&k->vars, "component", c->path);
  fsd__var(&k->vars, "bit", "x");
  fsd__var(&k->vars, "exec", "yes");
}

/* A web server's own error line: nginx's "failed (13: Permission
 * denied)", Apache's "(13)Permission denied:". Its worker runs as its own
 * account (www-data, nginx, apache), and what stops it is most often a
 * mode on the way (a home directory's 0700 or 0750, a cache folder made
 * for another account), not files left by sudo. */
void fsd__server_words(fsd__ctx_t *c) {
  if (c->live || !c->posix || !FSD__CODE("EACCES") || c->path == NULL ||
      c->path[0] != '/' || FSD__SYS("connect") ||
      !(fsd__said(c, "(13: permission denied)") ||
        fsd__said(c, "(13)permission denied")))
    return;
  fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.62,
             "The web server's worker runs as its own account (www-data, "
             "nginx, apache): the mode bits of [[{path}|the path]] or of a "
             "directory above it do not let that account through.");
}

/* A device refused. On Linux a serial port (or I2C, SPI, GPIO, a camera,
 * KVM) belongs to root and a group (dialout on Debian and Ubuntu, uucp on
 * Arch and Fedora) that the account is not in; on Windows a COM port opens
 * for one program at a time, and another (an IDE's serial monitor, a
 * terminal) has it. Text only. */
void fsd__device_words(fsd__ctx_t *c) {
  const char *p = c->path;
  fsd__cand_t *k;
  if (c->live || p == NULL || (!FSD__CODE("EACCES") && !FSD__CODE("EPERM")))
    return;
  /* ports from COM10 on are opened as \\.\COMn */
  if (c->win && strncmp(p, "\\\\.\\", 4) == 0) p += 4;
  if (c->posix && FSD__CODE("EACCES") &&
      (strncmp(p, "/dev/ttyUSB", 11) == 0 || strncmp(p, "/dev/ttyACM", 11) == 0 ||
       strncmp(p, "/dev/ttyS", 9) == 0 || strncmp(p, "/dev/ttyAMA", 11) == 0 ||
       strncmp(p, "/dev/i2c-", 9) == 0 || strncmp(p, "/dev/spidev", 11) == 0 ||
       strncmp(p, "/dev/gpiomem", 12) == 0 || strncmp(p, "/dev/video", 10) == 0 ||
       strncmp(p, "/dev/kvm", 8) == 0 || strncmp(p, "/dev/dri/render", 15) == 0)) {
    /* devices a group is given: serial ports, I2C, SPI, GPIO, cameras,
     * KVM, GPU render nodes */
    k = fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.75,
                   "{path} is a device: it belongs to root and a group "
                   "(dialout or uucp for serial ports; i2c, spi, gpio, "
                   "video, kvm or render for the others) that this account "
                   "is not in.");
    if (k != NULL) fsd__var(&k->vars, "devnode", p);
  } else if (c->win && (p[0] | 0x20) == 'c' && (p[1] | 0x20) == 'o' &&
             (p[2] | 0x20) == 'm' && p[3] >= '0' && p[3] <= '9' &&
             (p[4] == '\0' || (p[4] >= '0' && p[4] <= '9' && p[5] == '\0'))) {
    fsd__guess(c, FSD_CAUSE_FILE_LOCKED, 0.8,
               "{path} is a serial port, which Windows opens for one program "
               "at a time: another one has it open (an IDE's serial monitor, "
               "a terminal, a flashing tool). Close it there.");
  }
}

/* A path in Homebrew's prefix: its Cellar, Caskroom or Homebrew folder,
 * or /usr/local or /opt/homebrew in a log that shows brew at work. */
int fsd__brew_path(fsd__ctx_t *c) {
  const char *p = c->path;
  if (p == NULL) return 0;
  if (fsd__has(p, "/Cellar/") || fsd__has(p, "/Caskroom/") ||
      strncmp(p, "/usr/local/Homebrew/", 20) == 0 ||
      strncmp(p, "/opt/homebrew/", 14) == 0)
    return 1;
  return strncmp(p, "/usr/local/", 11) == 0 && !(c->sh & FSD__SH_GLOBAL) &&
         (fsd__said(c, "brew ") || fsd__said(c, "==> "));
}

/* The packages of the Python the system ships: macOS's /Library/Python
 * and /System/Library/Frameworks/Python.framework, a distribution's
 * /usr/lib/python3/dist-packages. */
int fsd__system_python(const char *p) {
  return strncmp(p, "/Library/Python/", 16) == 0 ||
         strncmp(p, "/System/Library/Frameworks/Python.framework/", 44) == 0 ||
         (strncmp(p, "/usr/lib/python", 15) == 0 &&
          strstr(p, "/dist-packages") != NULL);
}

int fsd__socket_words(fsd__ctx_t *c) {
  fsd__cand_t *k;
  if (!c->posix || !FSD__CODE("EACCES") || !FSD__SYS("connect") || c->path == NULL)
    return 0;
  /* A socket in the user's own home (PM2's ~/.pm2/rpc.sock, gpg-agent's)
   * is made by a daemon the user starts: refused, it was started by
   * another account, root with sudo most often */
  if (!c->live && fsd__home_path(c->path)) {
    k = fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.72,
                   "{path} is a daemon's socket in a home directory: the "
                   "daemon that made it was started by another account "
                   "(root, with sudo), so this user may not connect.");
    if (k != NULL) fsd__var(&k->vars, "homesocket", c->path);
  }
  /* a Unix socket: connect() needs its write bit, which a daemon gives
   * its group (Docker's root:docker 0660), not every user */
  k = fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.7,
                 "Connecting to the socket {path} needs write permission "
                 "on it, which its daemon gives only its owner and group "
                 "(Docker's system socket: root and the docker group): this "
                 "user is not among them.");
  if (k != NULL) fsd__var(&k->vars, "socket", c->path);
  return 1;
}
