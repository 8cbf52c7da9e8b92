/* Unit tests of the error-text parser, one block per format. */
#include "parse/errtext.h"
#include "t.h"

#include <stdint.h>

static fsd_arena_t *arena;
static fsd_parsed_err_t *errs;
static size_t nerrs;

static size_t parse_n(const char *text, size_t len) {
  errs = NULL;
  nerrs = 0;
  T_CHECK(fsd_parse_errors(arena, text, len, &errs, &nerrs) == 0);
  return nerrs;
}

static size_t parse(const char *text) { return parse_n(text, strlen(text)); }

#define T_NULL(x) T_CHECK((x) == NULL)

static void test_node_message(void) {
  T_CHECK(parse("Error: EPERM: operation not permitted, rename 'C:\\a b\\x' -> 'C:\\y'\n") == 1);
  T_STREQ(errs[0].code, "EPERM");
  T_STREQ(errs[0].syscall, "rename");
  T_STREQ(errs[0].path, "C:\\a b\\x");
  T_STREQ(errs[0].dest, "C:\\y");
  T_STREQ(errs[0].platform, "win32");
  T_STREQ(errs[0].source, "node");
  T_CHECK(!errs[0].has_errno);
  T_CHECK(errs[0].line == 1);
  T_STREQ(errs[0].message,
          "Error: EPERM: operation not permitted, rename 'C:\\a b\\x' -> 'C:\\y'");
  /* No syscall, and a code that is not an errno name. */
  T_CHECK(parse("Error: EDQUOT: disk quota exceeded\nERROR: build failed, exit 'x'\n") == 1);
  T_STREQ(errs[0].code, "EDQUOT");
  T_NULL(errs[0].syscall);
  T_NULL(errs[0].platform);
  T_CHECK(parse("Error: UNKNOWN: unknown error, read\n") == 1);
  T_STREQ(errs[0].code, "UNKNOWN");
  T_STREQ(errs[0].syscall, "read");
}

static void test_inspect(void) {
  const char *multi =
      "[Error: ELOOP: too many symbolic links encountered, stat '/mnt/c/x/a'] {\n"
      "  errno: -40,\n  code: 'ELOOP',\n  syscall: 'stat',\n  path: '/mnt/c/x/a'\n}\n";
  const char *stack =
      "Error: EMLINK: too many links, link '/srv/a' -> '/srv/b'\n"
      "    at Object.linkSync (node:fs:1803:3)\n"
      "    at main (/srv/x.js:3:4) {\n"
      "  errno: -31,\n  code: 'EMLINK',\n  syscall: 'link',\n"
      "  path: '/srv/a',\n  dest: '/srv/b'\n}\n";
  T_CHECK(parse(multi) == 1);
  T_STREQ(errs[0].code, "ELOOP");
  T_CHECK(errs[0].has_errno && errs[0].errnum == -40);
  T_STREQ(errs[0].platform, "wsl");
  T_STREQ(errs[0].source, "node-inspect");
  T_CHECK(errs[0].line == 1);
  T_CHECK(parse(stack) == 1);
  T_STREQ(errs[0].dest, "/srv/b");
  T_CHECK(errs[0].errnum == -31);
  T_STREQ(errs[0].source, "node-inspect");
  /* One line, JS escapes, \\?\ prefix, no code: -4058 names it. */
  T_CHECK(parse("{ errno: -4058, syscall: 'open', path: '\\\\\\\\?\\\\C:\\\\p\\\\\\u00e9.txt' }") == 1);
  T_STREQ(errs[0].code, "ENOENT");
  T_STREQ(errs[0].path, "C:\\p\\\xc3\xa9.txt");
  T_STREQ(errs[0].platform, "win32");
  /* UNC through \\?\UNC\. */
  T_CHECK(parse("{ errno: -4082, code: 'EBUSY', path: '\\\\\\\\?\\\\UNC\\\\srv\\\\share\\\\f' }") == 1);
  T_STREQ(errs[0].path, "\\\\srv\\share\\f");
  T_STREQ(errs[0].platform, "win32");
  /* The fields of a non-filesystem error stay out of the next one. */
  T_CHECK(parse("{ code: 'ERR_INVALID_ARG_TYPE', path: '/x' }\n"
                "Error: spawn EPERM\n    at spawn (node:internal/child_process:413:11) {\n"
                "  errno: -4048,\n  code: 'EPERM',\n  syscall: 'spawn'\n}\n") == 1);
  T_NULL(errs[0].path);
  T_CHECK(errs[0].errnum == -4048 && errs[0].line == 4);
  T_STREQ(errs[0].platform, "win32");
  /* JSON form. */
  T_CHECK(parse("{\"errno\":-13,\"code\":\"EACCES\",\"syscall\":\"mkdir\",\"path\":\"/Users/a/.npm\"}") == 1);
  T_STREQ(errs[0].code, "EACCES");
  T_STREQ(errs[0].platform, "darwin");
  T_CHECK(errs[0].errnum == -13);
}

static void test_npm(void) {
  const char *v7 =
      "npm ERR! code EPERM\nnpm ERR! syscall rename\n"
      "npm ERR! path C:\\p\\node_modules\\a\nnpm ERR! dest C:\\p\\node_modules\\.a-x\n"
      "npm ERR! errno -4048\n"
      "npm ERR! Error: EPERM: operation not permitted, rename 'C:\\p\\node_modules\\a' -> 'C:\\p\\node_modules\\.a-x'\n"
      "npm ERR!  [Error: EPERM: operation not permitted, rename 'C:\\p\\node_modules\\a' -> 'C:\\p\\node_modules\\.a-x'] {\n"
      "npm ERR!   errno: -4048,\nnpm ERR!   code: 'EPERM',\nnpm ERR!   syscall: 'rename',\n"
      "npm ERR!   path: 'C:\\\\p\\\\node_modules\\\\a',\nnpm ERR!   dest: 'C:\\\\p\\\\node_modules\\\\.a-x'\nnpm ERR! }\n";
  const char *v6 = "npm ERR! path /home/u/.npm/_cacache\nnpm ERR! code EACCES\n"
                   "npm ERR! errno -13\nnpm ERR! syscall mkdir\n";
  const char *v10 = "npm error code ENOTEMPTY\nnpm error syscall rename\n"
                    "npm error path /usr/lib/node_modules/npm\n"
                    "npm error dest /usr/lib/node_modules/.npm-i9nnxROI\n"
                    "npm error errno -39\n"
                    "npm error ENOTEMPTY: directory not empty, rename '/usr/lib/node_modules/npm' -> '/usr/lib/node_modules/.npm-i9nnxROI'\n";
  const char *dbg = "12 verbose stack Error: EBUSY: resource busy or locked, rmdir 'D:\\w\\x'\n"
                    "12 verbose stack     at rmdir (node:fs)\n13 verbose cwd D:\\w\n"
                    "14 error code EBUSY\n15 error syscall rmdir\n16 error path D:\\w\\x\n"
                    "17 error errno -4082\n";
  T_CHECK(parse(v7) == 1);
  T_STREQ(errs[0].source, "npm-legacy");
  T_STREQ(errs[0].path, "C:\\p\\node_modules\\a");
  T_STREQ(errs[0].dest, "C:\\p\\node_modules\\.a-x");
  T_CHECK(errs[0].errnum == -4048);
  T_CHECK(errs[0].line == 1);
  T_CHECK(strncmp(errs[0].message, "npm ERR! Error: EPERM", 21) == 0);
  T_CHECK(parse(v6) == 1);
  T_STREQ(errs[0].code, "EACCES");
  T_STREQ(errs[0].path, "/home/u/.npm/_cacache");
  T_STREQ(errs[0].syscall, "mkdir");
  T_CHECK(errs[0].line == 1 && errs[0].errnum == -13);
  T_STREQ(errs[0].platform, "linux");
  T_CHECK(parse(v10) == 1);
  T_STREQ(errs[0].source, "npm");
  T_STREQ(errs[0].code, "ENOTEMPTY");
  T_STREQ(errs[0].platform, "linux"); /* -39 is ENOTEMPTY on Linux only */
  T_CHECK(parse(dbg) == 1);
  T_STREQ(errs[0].source, "npm-debug-log");
  T_STREQ(errs[0].code, "EBUSY");
  T_STREQ(errs[0].path, "D:\\w\\x");
  T_CHECK(errs[0].errnum == -4082);
  /* Old numbering (npm 1-2 on Node 0.10) and lifecycle noise. */
  T_CHECK(parse("npm ERR! Error: EPERM, open 'C:\\x\\p.json'\n"
                "npm ERR!  { [Error: EPERM, open 'C:\\x\\p.json'] errno: 50, code: 'EPERM', path: 'C:\\\\x\\\\p.json' }\n"
                "npm ERR! code ELIFECYCLE\nnpm ERR! errno 1\n") == 1);
  T_CHECK(errs[0].errnum == 50);
  T_STREQ(errs[0].syscall, "open");
  T_CHECK(parse("npm ERR! { errno: 53, syscall: 'rmdir', path: '/x' }\n") == 1);
  T_STREQ(errs[0].code, "ENOTEMPTY");
}

static void test_tools(void) {
  T_CHECK(parse(" ERR_PNPM_EACCES  EACCES: permission denied, mkdir '/usr/local/lib/x'\n"
                " EPERM  EPERM: operation not permitted, unlink '/mnt/d/x/y'\n") == 2);
  T_STREQ(errs[0].source, "pnpm");
  T_STREQ(errs[0].code, "EACCES");
  T_STREQ(errs[1].source, "pnpm");
  T_STREQ(errs[1].platform, "wsl");
  T_CHECK(errs[1].line == 2);
  T_CHECK(parse("error An unexpected error occurred: \"EPERM: operation not permitted, "
                "unlink 'C:\\\\Users\\\\a\\\\x.tgz'\".\n") == 1);
  T_STREQ(errs[0].source, "yarn");
  T_STREQ(errs[0].path, "C:\\Users\\a\\x.tgz");
  T_CHECK(parse("\xe2\x9e\xa4 YN0001: \xe2\x94\x82 Error: EPERM: operation not permitted, open '/Users/s/x'\n"
                "Internal Error: EBUSY: resource busy or locked, rmdir '\\\\srv\\share\\d'\n") == 2);
  T_STREQ(errs[0].source, "yarn-berry");
  T_STREQ(errs[0].platform, "darwin");
  T_STREQ(errs[1].source, "yarn-berry");
  T_STREQ(errs[1].path, "\\\\srv\\share\\d");
  T_STREQ(errs[1].platform, "win32");
}

static void test_layout(void) {
  /* A path wrapped by a terminal, and a string split with ' +. */
  T_CHECK(parse("npm ERR! Error: EBUSY: resource busy or locked, rename 'C:\\a\\lo\n"
                "ng.asar' -> 'C:\\a\\b'\n") == 1);
  T_STREQ(errs[0].path, "C:\\a\\long.asar");
  T_STREQ(errs[0].dest, "C:\\a\\b");
  T_CHECK(errs[0].line == 1);
  T_CHECK(parse("  stack: 'Error: EXDEV: cross-device link not permitted, rename ' +\n"
                "    \"'/tmp/a' -> '/home/b'\",\n") == 1);
  T_STREQ(errs[0].code, "EXDEV");
  T_STREQ(errs[0].dest, "/home/b");
  /* Timestamps, ANSI colors, CRLF. */
  T_CHECK(parse("2024-01-02T03:04:05.678Z npm \x1b[31mERR!\x1b[39m code EROFS\r\n"
                "2024-01-02T03:04:05.679Z npm ERR! syscall open\r\n") == 1);
  T_STREQ(errs[0].code, "EROFS");
  T_STREQ(errs[0].syscall, "open");
  T_STREQ(errs[0].source, "npm-legacy");
  /* Several errors in order; the same path twice far apart is two. */
  T_CHECK(parse("Error: EMFILE: too many open files, open '/a'\n"
                "Error: ENFILE: file table overflow, open '/a'\n"
                "Error: EMFILE: too many open files, open '/b'\n") == 3);
  T_STREQ(errs[2].code, "EMFILE");
  T_STREQ(errs[2].path, "/b");
  T_CHECK(errs[2].line == 3);
}

static void test_hostile(void) {
  static char big[1 << 20];
  size_t i;
  uint32_t x = 12345;
  for (i = 0; i < sizeof(big); i++) {
    x = x * 1103515245 + 12345;
    big[i] = (char)(x >> 16);
  }
  parse_n(big, sizeof(big));
  T_CHECK(nerrs <= 1000);
  T_CHECK(parse_n("Error: EPERM: x, open '\0\xff\xed\xa0\x80'\0\n", 31) == 1);
  T_STREQ(errs[0].path, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  /* a paste cut inside the path keeps what there is of it */
  T_CHECK(parse("Error: EPERM: x, open 'unterminated\n\n\ncode: 'EBUSY") == 1);
  T_STREQ(errs[0].path, "unterminated...");
  T_CHECK(parse_n(NULL, 0) == 0);
  /* The cap on entries. */
  for (i = 0; i + 40 < sizeof(big); i += 40)
    snprintf(big + i, 41, "Error: EPERM: x, open '/%014zu'\n", i);
  T_CHECK(parse_n(big, i) == 1000);
}

static void test_platform(void) {
  T_STREQ(fsd_path_platform("C:\\x"), "win32");
  T_STREQ(fsd_path_platform("d:/x"), "win32");
  T_STREQ(fsd_path_platform("\\\\srv\\share"), "win32");
  T_STREQ(fsd_path_platform("\\\\?\\C:\\x"), "win32");
  T_STREQ(fsd_path_platform("/mnt/c/Users"), "wsl");
  T_STREQ(fsd_path_platform("/mnt/c"), "wsl");
  T_STREQ(fsd_path_platform("/mnt/data/x"), "linux");
  T_STREQ(fsd_path_platform("/Users/a"), "darwin");
  T_STREQ(fsd_path_platform("/private/var/x"), "darwin");
  T_STREQ(fsd_path_platform("/home/a"), "linux");
  T_NULL(fsd_path_platform("relative/x"));
  T_NULL(fsd_path_platform(NULL));
}


/* The loose pass: no Node, npm, pnpm or yarn form, only words. */
static void test_loose(void) {
  T_CHECK(parse("npm Error : EBUSY resource busy or locked\n") == 1);
  T_STREQ(errs[0].code, "EBUSY");
  T_NULL(errs[0].syscall);
  T_STREQ(errs[0].source, "text");
  T_CHECK(parse("Error: watch ENOSPC\n") == 1);
  T_STREQ(errs[0].code, "ENOSPC");
  T_STREQ(errs[0].syscall, "watch");
  T_STREQ(errs[0].source, "text");
  T_CHECK(parse("Error: spawn C:\\Windows\\system32\\cmd.exe ENOENT\n") == 1);
  T_STREQ(errs[0].syscall, "spawn");
  T_STREQ(errs[0].path, "C:\\Windows\\system32\\cmd.exe");
  T_STREQ(errs[0].platform, "win32");
  T_CHECK(parse("Error watching file for changes: EMFILE\n") == 1);
  T_STREQ(errs[0].code, "EMFILE");
  T_STREQ(errs[0].syscall, "watch");
  /* the system's texts, with the path where tools put it */
  T_CHECK(parse("OSError: [Errno 28] No space left on device\n") == 1);
  T_STREQ(errs[0].code, "ENOSPC");
  T_CHECK(parse("PermissionError: [Errno 13] Permission denied: '/usr/lib/x'\n") == 1);
  T_STREQ(errs[0].code, "EACCES");
  T_STREQ(errs[0].path, "/usr/lib/x");
  /* a review's findings: a cut quoted path is marked cut, a repr's
   * doubled backslashes read as one; a prompt or a source location on the
   * line after is no path (or names the file); glibc's other languages
   * only where strerror stands; an exception class only before ':' */
  T_CHECK(parse("OSError: [Errno 39] Directory not empty: '/p/node_modules/foo\n") == 1);
  T_STREQ(errs[0].path, "/p/node_modules/foo...");
  T_CHECK(parse("PermissionError: [WinError 5] Access is denied: 'C:\\\\Users\\\\me\\\\x\n") == 1);
  T_STREQ(errs[0].path, "C:\\Users\\me\\x...");
  T_CHECK(parse("Error: ENOENT: no such file or directory, open '/home/u/proj/node_mod\n") == 1);
  T_STREQ(errs[0].path, "/home/u/proj/node_mod...");
  T_CHECK(parse("Access is denied:\nC:\\Users\\me\\proj>\n") == 1);
  T_CHECK(errs[0].path == NULL);
  T_CHECK(parse("Permission denied:\n/home/u/proj/src/index.js:12:5\n") == 1);
  T_STREQ(errs[0].path, "/home/u/proj/src/index.js");
  T_CHECK(parse("C'est un dossier de configuration.\n") == 0);
  T_CHECK(parse("Bu proje bir dizin yap\xc4\xb1s\xc4\xb1 kullan\xc4\xb1r.\n") == 0);
  T_CHECK(parse("Keine Berechtigung f\xc3\xbcr diesen Befehl? Siehe Doku.\n") == 0);
  T_CHECK(parse("mkdir: /x: Keine Berechtigung\n") == 1);
  T_CHECK(parse("see AccessDeniedException docs\n") == 0);
  T_CHECK(parse("Note: the process cannot access the file system cache yet\n") == 0);
  T_CHECK(parse("PermissionError: [WinError 5] Access is denied: 'C:\\\\rmtree_tests\\\\x.pyd'\n") == 1);
  T_CHECK(errs[0].syscall == NULL);
  T_CHECK(parse("shutil.rmtree(p) -> [Errno 16] Device or resource busy: '/srv/m'\n") == 1);
  T_STREQ(errs[0].syscall, "unlink");
  /* Java's and Dart's exception classes name the error; the path after */
  T_CHECK(parse("Caused by: java.nio.file.AccessDeniedException: C:\\x\\kvstore\n") == 1);
  T_STREQ(errs[0].code, "EACCES");
  T_STREQ(errs[0].path, "C:\\x\\kvstore");
  T_CHECK(parse("java.nio.file.NoSuchFileException: /srv/a/b (no more)\n") == 1);
  T_STREQ(errs[0].code, "ENOENT");
  T_STREQ(errs[0].path, "/srv/a/b");
  T_CHECK(parse("PathExistsException: Cannot create link, path = 'D:\\t\\x' (OS Error: No se puede crear un archivo que ya existe.)\n") == 1);
  T_STREQ(errs[0].code, "EEXIST");
  /* .NET's sharing violation with the path inside the sentence */
  T_CHECK(parse("System.IO.IOException: The process cannot access the file 'C:\\a\\b.ttf' because it is being used by another process.\n") == 1);
  T_STREQ(errs[0].code, "EBUSY");
  T_STREQ(errs[0].path, "C:\\a\\b.ttf");
  /* an unquoted word after the colon is no path */
  T_CHECK(parse("Permission denied: see the docs\n") == 1);
  T_CHECK(errs[0].path == NULL);
  /* glibc in other languages, and the quotation marks they put around a
   * name */
  T_CHECK(parse("ln: impossible de cr\xc3\xa9""er le lien symbolique \xc2\xabmkcast\xc2\xbb: Le fichier existe\n") == 1);
  T_STREQ(errs[0].code, "EEXIST");
  T_STREQ(errs[0].path, "mkcast");
  T_STREQ(errs[0].platform, "linux");
  T_CHECK(parse("mkdir: impossible de cr\xc3\xa9""er le r\xc3\xa9pertoire \xc2\xab\xc2\xa0/srv/x\xc2\xa0\xc2\xbb\xc2\xa0: Permission non accord\xc3\xa9""e\n") == 1);
  T_STREQ(errs[0].code, "EACCES");
  T_STREQ(errs[0].path, "/srv/x");
  T_CHECK(parse("rm: Entfernen von \xe2\x80\x9e/srv/a\xe2\x80\x9c nicht m\xc3\xb6glich: Das Ger\xc3\xa4t oder die Ressource ist belegt\n") == 1);
  T_STREQ(errs[0].code, "EBUSY");
  T_STREQ(errs[0].path, "/srv/a");
  T_CHECK(parse("bash: cd: /mnt/x/w/: Trop de niveaux de liens\n") == 1);
  T_STREQ(errs[0].code, "ELOOP");
  T_CHECK(parse("cp: \xe6\x97\xa0\xe6\xb3\x95: \xe8\xae\xbe\xe5\xa4\x87\xe4\xb8\x8a\xe6\xb2\xa1\xe6\x9c\x89\xe7\xa9\xba\xe9\x97\xb4\n") == 1);
  T_STREQ(errs[0].code, "ENOSPC");
  /* a quoted word mid-sentence that names no file is no path; marks
   * with nothing between them neither */
  T_CHECK(parse("er sagte \xe2\x80\x9ehallo\xe2\x80\x9c und dann: Keine Berechtigung\n") == 1);
  T_STREQ(errs[0].code, "EACCES");
  T_CHECK(errs[0].path == NULL);
  T_CHECK(parse("x \xc2\xab\xc2\xa0\xc2\xbb: Keine Berechtigung\n") == 1);
  T_CHECK(errs[0].path == NULL);
  T_CHECK(parse("\xc2\xab\xe2\x80\xaf\xc2\xbb: Keine Berechtigung\n") == 1);
  T_CHECK(errs[0].path == NULL);
  /* a Node message that lost its quotes: the call after the description,
   * and one path-like token to the end of the line */
  T_CHECK(parse("Error: ENAMETOOLONG: name too long, unlink app/a/b/c\n") == 1);
  T_STREQ(errs[0].syscall, "unlink");
  T_STREQ(errs[0].path, "app/a/b/c");
  T_CHECK(parse("Error: EACCES: permission denied, open /x/y (retry)\n") == 1);
  T_STREQ(errs[0].syscall, "open");
  T_CHECK(errs[0].path == NULL);
  /* Node 0.10's words after the code stay words */
  T_CHECK(parse("Error: ENOENT, no such file or directory 'x/y'\n") == 1);
  T_STREQ(errs[0].path, "x/y");
  /* Python's quoted path cut by the paste */
  T_CHECK(parse("OSError: [Errno 63] File name too long: '/Users/a/b/c\n") == 1);
  T_STREQ(errs[0].path, "/Users/a/b/c...");
  T_CHECK(parse("OSError: [Errno 13] Permission denied: 'see the docs\n") == 1);
  T_CHECK(errs[0].path == NULL);
  /* the path alone on the next line, after a text that ended in ':' */
  T_CHECK(parse("PermissionError: [WinError 5] Access is denied:\n"
                "  'C:\\\\w\\\\repo\\\\.git\\\\objects\\\\pack\\\\p.idx'\n") == 1);
  T_STREQ(errs[0].code, "EPERM");
  T_STREQ(errs[0].path, "C:\\w\\repo\\.git\\objects\\pack\\p.idx");
  T_CHECK(parse("Access is denied:\n  C:\\w\\x.idx\n") == 1);
  T_STREQ(errs[0].path, "C:\\w\\x.idx");
  /* a sentence on the next line is no path; nor a line two below */
  T_CHECK(parse("Access is denied:\n  see C:\\w for details\n") == 1);
  T_CHECK(errs[0].path == NULL);
  T_CHECK(parse("Access is denied:\nretrying\n  C:\\w\\x.idx\n") == 1);
  T_CHECK(errs[0].path == NULL);
  T_CHECK(parse("write /var/lib/docker/tmp/x: no space left on device\n") == 1);
  T_STREQ(errs[0].syscall, "write");
  T_STREQ(errs[0].path, "/var/lib/docker/tmp/x");
  T_CHECK(parse("rename /a/b /c/d: invalid cross-device link\n") == 1);
  T_STREQ(errs[0].code, "EXDEV");
  T_STREQ(errs[0].path, "/a/b");
  T_STREQ(errs[0].dest, "/c/d");
  T_CHECK(parse("mkdir: cannot create directory '/srv/x': Permission denied\n") == 1);
  T_STREQ(errs[0].syscall, "mkdir");
  T_STREQ(errs[0].path, "/srv/x");
  T_CHECK(parse("ln: failed to create symbolic link \xe2\x80\x98" "a/b\xe2\x80\x99" ": Operation not permitted\n") == 1);
  T_STREQ(errs[0].code, "EPERM");
  T_STREQ(errs[0].syscall, "symlink");
  T_STREQ(errs[0].path, "a/b");
  T_CHECK(parse("  remove C:\\a\\b.asar: The process cannot access the file because it is being used by another process.\n") == 1);
  T_STREQ(errs[0].syscall, "unlink");
  T_STREQ(errs[0].path, "C:\\a\\b.asar");
  T_CHECK(parse("The process cannot access the file because it is being used by another process.\n") == 1);
  T_STREQ(errs[0].code, "EBUSY");
  T_STREQ(errs[0].platform, "win32");
  T_CHECK(parse("Error: EPERM, operation not permitted 'C:\\x\\y'\n") == 1);
  T_STREQ(errs[0].path, "C:\\x\\y");
  T_CHECK(parse("Error: ENOSPC: System limit for number of file watchers reached, watch '/a'\n") == 1);
  T_STREQ(errs[0].syscall, "watch");
  T_STREQ(errs[0].path, "/a");
  /* a form anywhere wins: the loose pass does not run */
  T_CHECK(parse("no space left on device\nError: EPERM: operation not permitted, open '/x'\n") == 1);
  T_STREQ(errs[0].code, "EPERM");
  T_CHECK(parse("all good, no errors here\n") == 0);
  T_CHECK(parse("EOF reached\n") == 0);
  T_CHECK(parse("git@github.com: Permission denied (publickey).\n") == 0);
  /* the platform of the whole text */
  T_STREQ(fsd_text_platform("x\nat C:\\Users\\a\\b.js", 22), "win32");
  T_STREQ(fsd_text_platform("npm ERR! cwd /Users/a/p", 23), "darwin");
  T_STREQ(fsd_text_platform("cwd /mnt/c/Users/a", 18), "wsl");
  T_NULL(fsd_text_platform("nothing", 7));
  /* a stack frame names the call a Node 0.x message left out */
  T_CHECK(parse("Error: ENOENT, no such file or directory '/a/b'\n"
                "    at Error (native)\n    at Object.fs.statSync (fs.js:1:1)\n") == 1);
  T_STREQ(errs[0].syscall, "stat");
  T_STREQ(errs[0].path, "/a/b");
  /* ...but never over the call the error's own fields give */
  T_CHECK(parse("Error: EPERM: operation not permitted\n    at Object.statSync (x)\n"
                "  syscall: 'open',\n  code: 'EPERM'\n") == 1);
  T_STREQ(errs[0].syscall, "open");
  /* Node's spawnSync puts the program into the syscall field */
  T_CHECK(parse("{ errno: -2, code: 'ENOENT', syscall: 'spawnSync echo', path: 'echo' }\n") == 1);
  T_STREQ(errs[0].syscall, "spawnSync");
  T_STREQ(errs[0].path, "echo");
  /* Node 0.x put the path into the syscall field */
  T_CHECK(parse("{ code: 'ENOSPC', errno: 'ENOSPC', syscall: 'watch /v/x.xml' }\n") == 1);
  T_STREQ(errs[0].syscall, "watch");
  T_STREQ(errs[0].path, "/v/x.xml");
  T_CHECK(parse("/usr/lib/ruby/1.8/fileutils.rb:243:in `mkdir': Too many links\n") == 1);
  T_STREQ(errs[0].code, "EMLINK");
  T_STREQ(errs[0].syscall, "mkdir");
  T_CHECK(parse("EBUSY:resource busy or locked, open c:\\u\\NTUSER.DAT\n") == 1);
  T_STREQ(errs[0].syscall, "open");
  T_STREQ(errs[0].path, "c:\\u\\NTUSER.DAT");
  T_CHECK(parse("java.nio.file.FileSystemException: C:\\x\\y.jar: The process cannot access the file because it is being used by another process.\n") == 1);
  T_STREQ(errs[0].path, "C:\\x\\y.jar");
  T_NULL(errs[0].syscall);
  T_CHECK(parse("ENOENT : no such file or directory uv_cwd(null)\n") == 1);
  T_STREQ(errs[0].syscall, "uv_cwd");
  T_CHECK(parse("OSError: [Errno 16] Device or resource busy: '/etc/a' -> '/etc/b'\n") == 1);
  T_STREQ(errs[0].syscall, "rename");
  T_STREQ(errs[0].dest, "/etc/b");
}

/* A quoted value is escaped or raw by the whole of it, not by one "\\". */
static void test_loose_quoted(void) {
  /* .NET's raw UNC path: two backslashes only at its start */
  T_CHECK(parse("cp : Access to the path '\\\\wsl$\\test\\etc\\wsl.conf' is denied.\n") == 1);
  T_STREQ(errs[0].path, "\\\\wsl$\\test\\etc\\wsl.conf");
  T_CHECK(parse("Access to the path '\\\\srv' is denied.\n") == 1);
  T_STREQ(errs[0].path, "\\\\srv");
  /* a repr doubles every backslash: a UNC path's pair becomes four */
  T_CHECK(parse("PermissionError: [WinError 5] Access is denied: '\\\\\\\\srv\\\\share\\\\x'\n") == 1);
  T_STREQ(errs[0].path, "\\\\srv\\share\\x");
  T_CHECK(parse("PermissionError: [Errno 13] Permission denied: 'C:\\\\Users\\\\x'\n") == 1);
  T_STREQ(errs[0].path, "C:\\Users\\x");
  /* raw, with components that read as escapes: kept as they are */
  T_CHECK(parse("Access to the path 'C:\\temp\\new' is denied.\n") == 1);
  T_STREQ(errs[0].path, "C:\\temp\\new");
  T_CHECK(parse("Access to the path 'C:\\temp\\\\new\\x' is denied.\n") == 1);
  T_STREQ(errs[0].path, "C:\\temp\\\\new\\x");
}

/* strace's lines: the arguments as the call takes them, unescaped. */
static void test_strace(void) {
  T_CHECK(parse("1651406 rename(\"/tmp/install-ozy-1651396/ozy\", \"/home/matthew/.ozy/bin/ozy\") = -1 EXDEV (Invalid cross-device link)\n") == 1);
  T_STREQ(errs[0].code, "EXDEV");
  T_STREQ(errs[0].syscall, "rename");
  T_STREQ(errs[0].path, "/tmp/install-ozy-1651396/ozy");
  T_STREQ(errs[0].dest, "/home/matthew/.ozy/bin/ozy");
  T_CHECK(parse("rename(\"/tmp/morton/\", \"/tmp/maura/\")   = -1 EACCES (Permission denied)\n") == 1);
  T_STREQ(errs[0].code, "EACCES");
  T_STREQ(errs[0].path, "/tmp/morton/");
  T_STREQ(errs[0].dest, "/tmp/maura/");
  /* AT_FDCWD skipped; openat's path is its second argument */
  T_CHECK(parse("[pid  4242] 12:00:01.123456 openat(AT_FDCWD, \"/x/a b\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)\n") == 1);
  T_STREQ(errs[0].code, "ENOENT");
  T_STREQ(errs[0].syscall, "open");
  T_STREQ(errs[0].path, "/x/a b");
  T_NULL(errs[0].dest);
  /* renameat2: the second and fourth; C escapes undone (octal bytes) */
  T_CHECK(parse("renameat2(AT_FDCWD, \"/p/caf\\303\\251\", AT_FDCWD, \"/q/\\\"x\\\"\\n\", RENAME_NOREPLACE) = -1 EXDEV (Invalid cross-device link)\n") == 1);
  T_STREQ(errs[0].syscall, "rename");
  T_STREQ(errs[0].path, "/p/caf\xc3\xa9");
  T_STREQ(errs[0].dest, "/q/\"x\"\n");
  /* relative to a directory strace -y named; not to an unnamed one */
  T_CHECK(parse("unlinkat(3</srv/d>, \"sub\", AT_REMOVEDIR) = -1 ENOTEMPTY (Directory not empty)\n") == 1);
  T_STREQ(errs[0].syscall, "rmdir");
  T_STREQ(errs[0].path, "/srv/d/sub");
  T_CHECK(parse("unlinkat(3, \"sub\", 0) = -1 EACCES (Permission denied)\n") == 1);
  T_STREQ(errs[0].syscall, "unlink");
  T_NULL(errs[0].path);
  /* a string cut by -s: marked so that no command takes it */
  T_CHECK(parse("mkdir(\"/very/long/dir/na\"..., 0777) = -1 EDQUOT (Disk quota exceeded)\n") == 1);
  T_STREQ(errs[0].path, "/very/long/dir/na...");
  /* a flag that names another call; a code inside a path is no code */
  T_CHECK(parse("newfstatat(AT_FDCWD, \"/EACCES/l\", 0x7ffc, AT_SYMLINK_NOFOLLOW) = -1 ELOOP (Too many levels of symbolic links)\n") == 1);
  T_STREQ(errs[0].code, "ELOOP");
  T_STREQ(errs[0].syscall, "lstat");
  T_STREQ(errs[0].path, "/EACCES/l");
  /* symlink: the target first, as Node names it; a resumed call */
  T_CHECK(parse("symlinkat(\"../t\", AT_FDCWD, \"/p/l\") = -1 EEXIST (File exists)\n") == 1);
  T_STREQ(errs[0].path, "../t");
  T_STREQ(errs[0].dest, "/p/l");
  T_CHECK(parse("[pid 7] <... rename resumed>) = -1 EXDEV (Invalid cross-device link)\n") == 1);
  T_STREQ(errs[0].syscall, "rename");
  T_NULL(errs[0].path);
  /* a call that succeeded is no error */
  T_CHECK(parse("mkdir(\"/tmp/morton\", 0777)              = 0\n") == 0);
  /* other calls with parentheses keep their reading */
  T_CHECK(parse("rename(/a,/b): Device or resource busy\n") == 1);
  T_STREQ(errs[0].path, "/a");
  T_STREQ(errs[0].dest, "/b");
  /* ...without the blanks and quotes around an argument */
  T_CHECK(parse("rename(\"/a\", \"/b c\") failed: Device or resource busy\n") == 1);
  T_STREQ(errs[0].path, "/a");
  T_STREQ(errs[0].dest, "/b c");
}

static void test_json(void) {
  const char *j;
  parse("{ errno: -4048, code: 'EPERM', syscall: 'rename', path: 'C:\\\\a' }\n");
  j = fsd_to_json(arena, fsd_parsed_val(arena, errs, nerrs));
  T_STREQ(j, "[{\"code\":\"EPERM\",\"errno\":-4048,\"syscall\":\"rename\","
             "\"path\":\"C:\\\\a\",\"dest\":null,\"message\":\"{ errno: -4048, "
             "code: 'EPERM', syscall: 'rename', path: 'C:\\\\\\\\a' }\","
             "\"platform\":\"win32\",\"source\":\"node-inspect\",\"line\":1}]");
}

int main(void) {
  arena = fsd_arena_new();
  test_node_message();
  test_inspect();
  test_npm();
  test_tools();
  test_layout();
  test_hostile();
  test_platform();
  test_json();
  test_loose();
  test_loose_quoted();
  test_strace();
  fsd_arena_free(arena);
  T_DONE("errtext");
}
