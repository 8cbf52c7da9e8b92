#ifndef FSD_ERRTEXT_INT_H
#define FSD_ERRTEXT_INT_H

/* Internals of the error-text parser, shared by src/errtext*.c. */

#include "parse/errtext.h"

#define FSD__CODE_CAP 32
#define FSD__SYS_CAP 32
#define FSD__PATH_CAP 4096
#define FSD__MSG_CAP 500
#define FSD__MAX_ERRS 1000
#define FSD__CARRY_CAP 8192

/* ASCII classes (the text's bytes, never the locale's). */
static inline int fsd__is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int fsd__is_lower(int c) { return c >= 'a' && c <= 'z'; }
static inline int fsd__is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int fsd__is_blank(int c) { return c == ' ' || c == '\t'; }

enum {
  FSD__SRC_NONE = 0,
  FSD__SRC_NODE,
  FSD__SRC_INSPECT,
  FSD__SRC_NPM,
  FSD__SRC_NPM_LEGACY,
  FSD__SRC_NPM_DEBUG,
  FSD__SRC_PNPM,
  FSD__SRC_YARN,
  FSD__SRC_BERRY,
  FSD__SRC_TEXT /* no tool's form: the loose pass (errtext_loose.c) */
};

/* One piece of evidence, or an entry being assembled from several. Fields
 * are fixed buffers so that merging evidence never allocates. */
typedef struct {
  int open;
  char code[FSD__CODE_CAP];
  char syscall[FSD__SYS_CAP];
  char path[FSD__PATH_CAP];
  char dest[FSD__PATH_CAP];
  int has_errno;
  int64_t errnum;
  int source;
  int msg_rank;         /* 2: a Node message line, 1: a field line */
  const char *msg;      /* slice of the current line (evidence only) */
  size_t msg_len;
  char msgbuf[FSD__MSG_CAP + 1]; /* copy kept by entries */
  size_t line;          /* first line */
  size_t last;          /* last line that added to it */
  const char *plat;     /* platform the words give away (Windows' texts) */
  char frame[FSD__SYS_CAP]; /* the call a stack frame names (statSync) */
} fsd__ev_t;

typedef struct fsd__parser_s fsd__parser_t;

/* Clears an evidence without touching its big buffers beyond byte 0. */
static inline void fsd__ev_reset(fsd__ev_t *ev) {
  ev->open = 0;
  ev->code[0] = ev->syscall[0] = ev->path[0] = ev->dest[0] = '\0';
  ev->has_errno = 0;
  ev->errnum = 0;
  ev->source = 0;
  ev->msg_rank = 0;
  ev->msg = NULL;
  ev->msg_len = 0;
  ev->msgbuf[0] = '\0';
  ev->line = ev->last = 0;
  ev->plat = NULL;
  ev->frame[0] = '\0';
}

struct fsd__parser_s {
  fsd_arena_t *a;
  const char *line; /* the current line, trimmed (and without ANSI codes) */
  size_t line_len;
  size_t lineno;
  int src;          /* source named by the line's prefix, or NONE */
  int inspect_line; /* the line opens or shows an inspected object */
  int in_value;     /* scanning an unescaped stack/message value */
  fsd__ev_t cur;    /* the entry being assembled */
  fsd__ev_t pend;   /* codeless evidence waiting for a code */
  fsd__ev_t ev;     /* scratch: one Node message */
  fsd__ev_t fev;    /* scratch: the fields of one line */
  int want_key;     /* a field whose value is on the next line */
  /* The call the line before named as code ("    os.symlink(src, dst)"
   * above Python's exception line), and that line's number. */
  const char *prev_call;
  const char *prev_named; /* any words naming a call on that line */
  size_t prev_call_line;
  int str_key;      /* a '...' + '...' string going on in the next line */
  int str_lines;
  size_t str_len;
  char str[FSD__PATH_CAP];
  int in_carry;     /* a Node message whose quote ran past its line */
  int carry_lines;
  int carry_word; /* the message ended at its call: its quoted path may be
                   * the next line ('... open' above '    \'/x/y\'') */
  int carry_src;
  size_t carry_line;
  size_t carry_len;
  size_t carry_skip; /* where the open message starts in carry */
  char carry[FSD__CARRY_CAP];
  char val[FSD__PATH_CAP]; /* an unescaped field value */
  char *clean;      /* the line without ANSI escapes */
  size_t clean_cap;
  fsd_parsed_err_t *out;
  size_t count;
  size_t cap;
  size_t foreign;   /* line of a code that is no errno name (ERR_X) */
  int oom;
  int loose;        /* the second pass: bare codes and system texts */
  size_t path_next; /* a loose line with no path: its number */
  int path_colon;    /* that line ended in ':' (else only a "path: x" field) */
  /* The path an item of a cause chain named ("  0: Failed reading: C:\\x"
   * above "  1: Access is denied. (os error 5)"), and that item's line. */
  char chain_path[FSD__PATH_CAP];
  size_t chain_line;
  /* Whether this line, the one before it, and the line a carried message
   * started on began with quote marks: a quoted paste's lines join only
   * with each other, not with a comment or a prompt's continuation. */
  int marked, prev_marked, carry_marked;
};

/* errtext.c */
void fsd__feed(fsd__parser_t *p, fsd__ev_t *ev);
int fsd__errs_full(const fsd__parser_t *p);

/* errtext_line.c */
void fsd__line(fsd__parser_t *p, const char *s, size_t n);
void fsd__finish_carry(fsd__parser_t *p);

/* errtext_tab.c */
int fsd__known_code(const char *s, size_t n);
const char *fsd__errno_code(int64_t n, int legacy);
int fsd__errno_fits(int64_t n, const char *code);
const char *fsd__errno_platform(int64_t n, const char *code);
char *fsd__utf8_dup(fsd_arena_t *a, const char *s, size_t n);
int fsd__utf8_valid(const char *s, size_t n);
size_t fsd__strip_verbatim(const char *s, size_t n);

/* errtext_loose.c */
void fsd__loose_line(fsd__parser_t *p, const char *s, size_t n);

/* errtext_scan.c */
typedef void (*fsd__emit_fn)(fsd__parser_t *p, fsd__ev_t *ev);
/* Finds Node error messages in s; returns how far it got (n, or the offset
 * of a quote left open when allow_open is set and the line ended in it). */
size_t fsd__scan_node(fsd__parser_t *p, const char *s, size_t n,
                      int allow_open, fsd__ev_t *ev, fsd__emit_fn emit);
/* Parses a quoted JS/JSON string starting at s[0] (a quote); writes the
 * unescaped bytes to out (capped, NUL-terminated) and returns the length
 * consumed including both quotes, or 0 when unterminated. */
size_t fsd__parse_quoted(const char *s, size_t n, char *out, size_t cap,
                         size_t *outlen);
void fsd__set_path(char *dst, const char *s, size_t n);
/* The same for a path the paste cut: marked "..." (see errtext_scan.c). */
void fsd__set_cut_path(char *dst, const char *s, size_t n);
void fsd__set_word(char *dst, size_t cap, const char *s, size_t n);
/* A line without ANSI escape sequences (p->clean when it had some). */
const char *fsd__strip_ansi(fsd__parser_t *p, const char *s, size_t *n);
/* The call of mount(8) or umount(8) when the line starts with it. */
const char *fsd__mount_tool(const char *s, size_t n);
/* How many bytes of quote, comment or table marks start a line. */
size_t fsd__quote_marks(const char *s, size_t n);

/* The loose pass's word helpers (errtext_loose.c). */
size_t fsd__find_text(const char *s, size_t n, const char *t);
const char *fsd__call_of(const char *w, size_t n);
size_t fsd__token_before(const char *s, size_t end, size_t *start);
int fsd__quote_char(int c);
int fsd__pathish(const char *s, size_t n);
/* The system's and tools' texts for an error (errtext_texts.c): text in
 * lower case (UTF-8 as is), the code, the one platform whose text it is,
 * the call the text itself names; ends with a NULL text. */
typedef struct {
  const char *text;
  const char *code;
  const char *plat;
  const char *call;
} fsd__text_t;
extern const fsd__text_t fsd__texts[];
extern const fsd__text_t fsd__texts_intl[]; /* errtext_intl.c */
extern const fsd__text_t fsd__texts_tools[]; /* errtext_words.c */
/* Words and the call they name (errtext_texts.c): fsd__verbs, what
 * coreutils, git and shells say before a path; fsd__call_words, words that
 * name the call wherever they stand on the line. */
typedef struct {
  const char *words;
  const char *call;
} fsd__words_call_t;
extern const fsd__words_call_t fsd__verbs[];
extern const fsd__words_call_t fsd__call_words[];
/* The length of a quotation mark of another language (« » „ “ ” 「 」) or
 * of a blank or no-break space that ends at e in s; 0 when none. */
size_t fsd__mark_at_end(const char *s, size_t e);
size_t fsd__space_at_end(const char *s, size_t e);
/* An error by number alone: a Win32 error ("[WinError 1314]", "error
 * code(5)"), or an errno that Linux, macOS and Windows' C runtime number
 * alike ("(os error 28)", "Errcode: 28", "errno 13"). Fills ev's code
 * (and platform, call) and returns 1 when it knows the number. */
int fsd__win32_number(const char *s, size_t n, fsd__ev_t *ev);
/* A Windows error by its winerror.h name ("ERROR_SHARING_VIOLATION"), as a
 * whole word in capitals, on a line that says something failed
 * (errtext_win.c). */
int fsd__win32_name(const char *s, size_t n, fsd__ev_t *ev);
/* .NET's "Access to path '<p>' is denied." (without "the"). */
int fsd__dotnet_denied(const char *s, size_t n, fsd__ev_t *ev);
/* The n bytes at s end in one of exts (".exe" ...), case-less, after at
 * least one byte of name. */
int fsd__ext_is(const char *s, size_t n, const char *const *exts);
/* The token after s[j] as ev's path when it is one (a socket after
 * "connect EACCES"). */
void fsd__token_after(const char *s, size_t n, size_t j, fsd__ev_t *ev);
/* A word that is no path after a call of starting a program ("fork/exec
 * docker.exe:", "spawn claude:"): the call spawn, and the word as the path
 * when it is a program's file. 1 when it was so. */
int fsd__spawn_word(const char *s, size_t b1, const char *t1, size_t n1, fsd__ev_t *ev);
int fsd__errno_number(const char *s, size_t n, fsd__ev_t *ev);
/* Failures without an errno that the loose pass still reads, as UNKNOWN:
 * Go's "exit status N: ..." at a line's start, a shell's "<script>: N:
 * ... not found / Syntax error" (errtext_texts.c). */
int fsd__exit_status(const char *s, size_t n, fsd__ev_t *ev);
int fsd__script_failed(const char *s, size_t n, fsd__ev_t *ev);
/* Node's "Cannot find module '<absolute path>'": ENOENT of that file. */
int fsd__module_missing(const char *s, size_t n, fsd__ev_t *ev);
int fsd__lnk_file(const char *s, size_t n, fsd__ev_t *ev);
/* Haskell's IOError, "openFile: permission denied (Read-only file
 * system)": the system text in parentheses right at s[at] (after another)
 * names the errno; NULL when there is none. */
const fsd__text_t *fsd__paren_text(const char *s, size_t n, size_t at);
/* Other languages' own forms of an errno: Zig's and Bun's error names
 * ("error: AccessDenied"). */
int fsd__lang_error(const char *s, size_t n, fsd__ev_t *ev);
/* A numbered cause chain (Rust's anyhow, "Caused by:\n  0: ...\n  1: ..."):
 * notes an item's path, and gives an item without one the path the item
 * above it named. */
void fsd__chain_note(fsd__parser_t *p, const char *s, size_t n);
/* A .NET or Java stack frame below an entry that did not say its call
 * ("at System.IO.Directory.CreateDirectory(String path)",
 * "at java.base/java.nio.file.Files.delete(Files.java:152)"): the call the
 * API makes, kept as the entry's frame. */
void fsd__managed_frame(fsd__parser_t *p, const char *s, size_t n);
/* A structured log's "key=value" token ("error=spawn EINVAL"): the value. */
void fsd__log_value(const char **t, size_t *n);
/* libuv's UNKNOWN as old Node printed it, after its call and path
 * ("Error: watch \\\\srv\\share UNKNOWN"): only in that shape. */
int fsd__web_dir_path(const char *s, size_t n, fsd__ev_t *ev);
int fsd__launcher_path(const char *s, size_t n, fsd__ev_t *ev);
size_t fsd__any_quoted(const char *s, size_t n, const char **name);
void fsd__into_itself(const char *s, size_t n, fsd__ev_t *ev);
int fsd__go_link(const char *s, size_t n, fsd__ev_t *ev);
/* git's "chmod on <path> failed": the path between the words */
void fsd__call_on_path(const char *s, size_t n, fsd__ev_t *ev);
void fsd__py_numbered_path(fsd__parser_t *p, const char *s, size_t n,
                           fsd__ev_t *ev);
int fsd__not_executable(const char *s, size_t n, fsd__ev_t *ev);
int fsd__curly_quoted(const char *s, size_t n, fsd__ev_t *ev);
int fsd__lock_path(const char *s, size_t n, fsd__ev_t *ev);
int fsd__tar_path(const char *s, size_t e, fsd__ev_t *ev);
int fsd__java_index_path(const char *s, size_t n, fsd__ev_t *ev);
int fsd__bare_unknown(const char *s, size_t n, fsd__ev_t *ev);
/* Paths a tool's own form names: the chain's path (fsd__chain_note), mv's
 * "cannot move 'a' to a subdirectory of itself, 'b'" (a and b). */
void fsd__tool_paths(fsd__parser_t *p, const char *s, size_t n, fsd__ev_t *ev);
int fsd__unknown_errno(const char *s, size_t n, fsd__ev_t *ev);

/* The call a line names in words (Python's "os.link(", dpkg's "make
 * backup link"), or NULL. */
const char *fsd__call_named(const char *s, size_t n);
const char *fsd__call_coded(const char *s, size_t n);
/* rsync's 'rsync: link "/a" => b failed: ...': call, path and dest. */
void fsd__rsync_call(const char *s, size_t n, fsd__ev_t *ev);
void fsd__trim_token(const char **s, size_t *n);

/* Where the path is around a system text (errtext_where.c). */
void fsd__path_after(fsd__parser_t *p, const char *s, size_t n, fsd__ev_t *ev);
int fsd__path_line(fsd__parser_t *p, const char *s, size_t n, char *dst);
void fsd__path_before(const char *s, size_t end, fsd__ev_t *ev);
void fsd__quoted_after(fsd__parser_t *p, const char *s, size_t n,
                       fsd__ev_t *ev);
void fsd__call_paren(const char *s, size_t end, fsd__ev_t *ev);
/* strace's 'rename("/a", "/b") = -1 EXDEV (...)': code, call and paths
 * as the call takes them; 1 when the line has that form. */
int fsd__strace_line(const char *s, size_t n, fsd__ev_t *ev);
void fsd__quoted_path(fsd__parser_t *p, const char *s, size_t n, fsd__ev_t *ev);

#endif
