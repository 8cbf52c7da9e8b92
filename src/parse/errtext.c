/* The error-text parser: walks the text line by line (errtext_line.c finds
 * the evidence on each line), assembles evidence that describes the same
 * error into one entry, and turns entries into results. */

#include "parse/errtext_int.h"

#include <errno.h>
#include <string.h>

/* How much of a paste the last pass reads as one line. */
#define FSD__UNWRAP_CAP 4096

/* How many lines may separate evidence of one entry: a stack trace or
 * npm's environment lines sit between a message and its fields. */
#define FSD__GAP 40
#define FSD__GAP_CODELESS 20
#define FSD__GAP_PENDING 10

static const char *const fsd__sources[] = {
    NULL,  "node", "node-inspect", "npm", "npm-legacy", "npm-debug-log",
    "pnpm", "yarn", "yarn-berry", "text"};

int fsd__errs_full(const fsd__parser_t *p) {
  return p->oom || p->count >= FSD__MAX_ERRS;
}

static int fsd__differ(const char *a, const char *b) {
  return a[0] != '\0' && b[0] != '\0' && strcmp(a, b) != 0;
}

static int fsd__compat(const fsd__ev_t *a, const fsd__ev_t *b) {
  if (fsd__differ(a->code, b->code) || fsd__differ(a->syscall, b->syscall) ||
      fsd__differ(a->path, b->path) || fsd__differ(a->dest, b->dest))
    return 0;
  if (a->has_errno && b->has_errno && a->errnum != b->errnum) return 0;
  if (a->has_errno && b->code[0] && !fsd__errno_fits(a->errnum, b->code))
    return 0;
  if (b->has_errno && a->code[0] && !fsd__errno_fits(b->errnum, a->code))
    return 0;
  if (a->plat != NULL && b->plat != NULL && strcmp(a->plat, b->plat) != 0)
    return 0;
  return 1;
}

static int fsd__near(const fsd__ev_t *acc, const fsd__ev_t *ev, size_t gap) {
  return ev->line <= acc->last + gap;
}

static void fsd__copy_field(char *dst, const char *src) {
  if (dst[0] == '\0' && src[0] != '\0') strcpy(dst, src);
}

/* Whether a source is more telling than another: a tool's prefix beats
 * the shape of the text, and an inspected object beats a bare message. */
static int fsd__better_source(int have, int got) {
  if (have == FSD__SRC_NONE) return 1;
  if (have == FSD__SRC_NODE) return got != FSD__SRC_NODE;
  if (have == FSD__SRC_INSPECT) return got > FSD__SRC_INSPECT;
  return 0;
}

static void fsd__ev_merge(fsd__ev_t *dst, const fsd__ev_t *src) {
  size_t n;
  if (!dst->open) {
    fsd__ev_reset(dst);
    dst->open = 1;
    dst->line = src->line;
    dst->last = src->last;
  }
  fsd__copy_field(dst->code, src->code);
  fsd__copy_field(dst->syscall, src->syscall);
  fsd__copy_field(dst->path, src->path);
  fsd__copy_field(dst->dest, src->dest);
  if (!dst->has_errno && src->has_errno) {
    dst->has_errno = 1;
    dst->errnum = src->errnum;
  }
  if (fsd__better_source(dst->source, src->source)) dst->source = src->source;
  if (dst->plat == NULL) dst->plat = src->plat;
  fsd__copy_field(dst->frame, src->frame);
  if (src->msg != NULL && src->msg_rank > dst->msg_rank) {
    n = src->msg_len > FSD__MSG_CAP ? FSD__MSG_CAP : src->msg_len;
    memmove(dst->msgbuf, src->msg, n);
    dst->msgbuf[n] = '\0';
    dst->msg = dst->msgbuf;
    dst->msg_len = n;
    dst->msg_rank = src->msg_rank;
  }
  if (src->line < dst->line) dst->line = src->line;
  if (src->last > dst->last) dst->last = src->last;
}

static const char *fsd__out_str(fsd__parser_t *p, const char *s, size_t n) {
  const char *r;
  if (n == 0) return NULL;
  r = fsd__utf8_dup(p->a, s, n);
  if (r == NULL) p->oom = 1;
  return r;
}

/* Ends the current entry and appends it to the results. */
static void fsd__close(fsd__parser_t *p) {
  fsd__ev_t *e = &p->cur;
  fsd_parsed_err_t *r, *grown;
  const char *code;
  if (!e->open) return;
  e->open = 0;
  if (e->code[0] == '\0' && e->has_errno &&
      (code = fsd__errno_code(e->errnum, 1)) != NULL)
    fsd__set_word(e->code, sizeof(e->code), code, strlen(code));
  if (e->code[0] == '\0' || fsd__errs_full(p)) return;
  if (e->syscall[0] == '\0' && e->frame[0] != '\0') strcpy(e->syscall, e->frame);
  if (p->count == p->cap) {
    p->cap = p->cap ? p->cap * 2 : 8;
    grown = fsd_alloc(p->a, p->cap * sizeof(*grown));
    if (grown == NULL) {
      p->oom = 1;
      return;
    }
    if (p->count) memcpy(grown, p->out, p->count * sizeof(*grown));
    p->out = grown;
  }
  r = &p->out[p->count];
  memset(r, 0, sizeof(*r));
  r->code = fsd__out_str(p, e->code, strlen(e->code));
  r->has_errno = e->has_errno;
  r->errnum = e->errnum;
  r->syscall = fsd__out_str(p, e->syscall, strlen(e->syscall));
  r->path = fsd__out_str(p, e->path, strlen(e->path));
  r->dest = fsd__out_str(p, e->dest, strlen(e->dest));
  r->message = fsd__out_str(p, e->msgbuf, e->msg != NULL ? e->msg_len : 0);
  r->platform = fsd_path_platform(r->path);
  if (r->platform == NULL) r->platform = fsd_path_platform(r->dest);
  if (r->platform == NULL && e->has_errno)
    r->platform = fsd__errno_platform(e->errnum, e->code);
  if (r->platform == NULL) r->platform = e->plat;
  if (r->platform == NULL) r->platform = fsd_sep_platform(r->path);
  if (r->platform == NULL) r->platform = fsd_sep_platform(r->dest);
  r->source = fsd__sources[e->source ? e->source : FSD__SRC_NODE];
  r->line = e->line;
  if (r->code != NULL) p->count++;
}

/* Coded evidence: joins the current entry when it can be the same error,
 * else starts the next entry. */
static void fsd__feed_coded(fsd__parser_t *p, fsd__ev_t *ev) {
  if (p->cur.open && fsd__near(&p->cur, ev, FSD__GAP) &&
      fsd__compat(&p->cur, ev)) {
    fsd__ev_merge(&p->cur, ev);
    return;
  }
  fsd__close(p);
  fsd__ev_merge(&p->cur, ev);
}

/* Codeless evidence left waiting becomes an entry of its own only when its
 * errno names a code and it says what failed. */
static void fsd__flush_pending(fsd__parser_t *p) {
  fsd__ev_t *e = &p->pend;
  const char *code;
  if (!e->open) return;
  e->open = 0;
  if (!e->has_errno || (e->syscall[0] == '\0' && e->path[0] == '\0')) return;
  if ((code = fsd__errno_code(e->errnum, 1)) == NULL) return;
  fsd__set_word(e->code, sizeof(e->code), code, strlen(code));
  e->open = 1;
  fsd__feed_coded(p, e);
  e->open = 0;
}

void fsd__feed(fsd__parser_t *p, fsd__ev_t *ev) {
  if (fsd__errs_full(p)) return;
  ev->last = ev->line;
  if (ev->code[0] != '\0') {
    p->foreign = 0;
    if (p->pend.open && fsd__near(&p->pend, ev, FSD__GAP_PENDING) &&
        fsd__compat(&p->pend, ev)) {
      fsd__ev_merge(ev, &p->pend);
      p->pend.open = 0;
    } else {
      fsd__flush_pending(p);
    }
    fsd__feed_coded(p, ev);
    return;
  }
  if (p->foreign != 0 && ev->line <= p->foreign + FSD__GAP_PENDING)
    return; /* a field of the foreign error */
  if (p->cur.open && fsd__near(&p->cur, ev, FSD__GAP_CODELESS) &&
      fsd__compat(&p->cur, ev) && !p->pend.open) {
    fsd__ev_merge(&p->cur, ev);
    return;
  }
  if (p->pend.open && fsd__near(&p->pend, ev, FSD__GAP_PENDING) &&
      fsd__compat(&p->pend, ev)) {
    fsd__ev_merge(&p->pend, ev);
    return;
  }
  fsd__flush_pending(p);
  fsd__ev_merge(&p->pend, ev);
}

int fsd_parse_errors(fsd_arena_t *a, const char *text, size_t len,
                     fsd_parsed_err_t **out, size_t *count) {
  fsd__parser_t *p = fsd_alloc(a, sizeof(*p));
  size_t pos = 0, end, n;
  const char *nl;
  *out = NULL;
  *count = 0;
  if (p == NULL) return ENOMEM;
  p->a = a;
  if (text == NULL) len = 0;
  while (pos < len && !fsd__errs_full(p)) {
    nl = memchr(text + pos, '\n', len - pos);
    end = nl != NULL ? (size_t)(nl - text) : len;
    n = end - pos;
    if (n > 0 && text[pos + n - 1] == '\r') n--;
    p->lineno++;
    fsd__line(p, text + pos, n);
    pos = end + 1;
  }
  fsd__finish_carry(p);
  fsd__flush_pending(p);
  fsd__close(p);
  if (p->count == 0 && !p->oom) {
    /* Nothing in a Node, npm, pnpm or yarn form: read the words. */
    fsd__ev_reset(&p->cur);
    fsd__ev_reset(&p->pend);
    p->loose = 1;
    p->lineno = 0;
    p->prev_call_line = 0;
    p->chain_line = 0;
    p->want_key = p->str_key = 0;
    p->foreign = 0;
    for (pos = 0; pos < len && !fsd__errs_full(p); pos = end + 1) {
      nl = memchr(text + pos, '\n', len - pos);
      end = nl != NULL ? (size_t)(nl - text) : len;
      n = end - pos;
      if (n > 0 && text[pos + n - 1] == '\r') n--;
      p->lineno++;
      fsd__line(p, text + pos, n);
    }
    fsd__flush_pending(p);
    fsd__close(p);
  }
  if (p->count == 0 && !p->oom && len > 0 && memchr(text, '\n', len) != NULL) {
    /* Still nothing: a terminal may have wrapped the system's text ("A
     * required privilege is not\nheld by the client"). Read the head of
     * the paste once more as one line. */
    size_t m = len < FSD__UNWRAP_CAP ? len : FSD__UNWRAP_CAP, i, k = 0;
    char *one = fsd_alloc(a, m + 1);
    if (one != NULL) {
      /* a line break and the blanks around it are one space: "no space
       * left on\n device" reads as the text it was */
      for (i = 0; i < m; i++) {
        if (text[i] == '\n' || text[i] == '\r') {
          while (k > 0 && (one[k - 1] == ' ' || one[k - 1] == '\t')) k--;
          while (i + 1 < m && (text[i + 1] == ' ' || text[i + 1] == '\t' ||
                               text[i + 1] == '\n' || text[i + 1] == '\r'))
            i++;
          one[k++] = ' ';
        } else {
          one[k++] = text[i];
        }
      }
      m = k;
      one[m] = '\0';
      fsd__ev_reset(&p->cur);
      fsd__ev_reset(&p->pend);
      p->lineno = 1;
      p->prev_call_line = 0;
      p->chain_line = 0;
      p->want_key = p->str_key = 0;
      p->foreign = 0;
      fsd__line(p, one, m);
      fsd__flush_pending(p);
      fsd__close(p);
    }
  }
  if (p->oom) return ENOMEM;
  *out = p->out;
  *count = p->count;
  return 0;
}

fsd_val_t *fsd_parsed_val(fsd_arena_t *a, const fsd_parsed_err_t *errs,
                          size_t count) {
  fsd_val_t *arr = fsd_arr(a), *o;
  size_t i;
  for (i = 0; i < count; i++) {
    const fsd_parsed_err_t *e = &errs[i];
    o = fsd_push(arr, fsd_obj(a));
    fsd_set_str(a, o, "code", e->code);
    if (e->has_errno)
      fsd_set_num(a, o, "errno", (double)e->errnum);
    else
      fsd_set_null(a, o, "errno");
    fsd_set_str(a, o, "syscall", e->syscall);
    fsd_set_str(a, o, "path", e->path);
    fsd_set_str(a, o, "dest", e->dest);
    fsd_set_str(a, o, "message", e->message);
    fsd_set_str(a, o, "platform", e->platform);
    fsd_set_str(a, o, "source", e->source);
    fsd_set_num(a, o, "line", (double)e->line);
  }
  return arr;
}
