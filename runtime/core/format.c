/* A small printf for report paths: no malloc, no locale, no stdio.
 * Reports can be printed from inside a lock hook while the program holds
 * arbitrary locks (including, potentially, malloc's), so this must not
 * allocate or take any lock. */
#include "internal.h"

#include <string.h>

struct out {
  char *buf;
  size_t size, len;
};

static void put(struct out *o, char c) {
  if (o->len + 1 < o->size)
    o->buf[o->len] = c;
  o->len++;
}

static void put_str(struct out *o, const char *s, long prec, int width, int left) {
  size_t n = 0;
  if (!s)
    s = "(null)";
  while (s[n] && (prec < 0 || (long)n < prec))
    n++;
  if (!left)
    for (int i = (int)n; i < width; i++)
      put(o, ' ');
  for (size_t i = 0; i < n; i++)
    put(o, s[i]);
  if (left)
    for (int i = (int)n; i < width; i++)
      put(o, ' ');
}

static void put_num(struct out *o, unsigned long long v, int base, int neg,
                    int width, int zero, int left) {
  char tmp[32];
  int n = 0;
  do {
    tmp[n++] = "0123456789abcdef"[v % (unsigned)base];
    v /= (unsigned)base;
  } while (v);
  int total = n + neg;
  if (!left && !zero)
    for (int i = total; i < width; i++)
      put(o, ' ');
  if (neg)
    put(o, '-');
  if (!left && zero)
    for (int i = total; i < width; i++)
      put(o, '0');
  while (n)
    put(o, tmp[--n]);
  if (left)
    for (int i = total; i < width; i++)
      put(o, ' ');
}

SS_HIDDEN size_t ss_vformat(char *buf, size_t size, const char *fmt, va_list ap) {
  struct out o = {buf, size, 0};
  for (const char *p = fmt; *p; p++) {
    if (*p != '%') {
      put(&o, *p);
      continue;
    }
    p++;
    int left = 0, zero = 0, width = 0, lng = 0;
    long prec = -1;
    if (*p == '-') {
      left = 1;
      p++;
    }
    if (*p == '0') {
      zero = 1;
      p++;
    }
    if (*p == '*') {
      width = va_arg(ap, int);
      if (width < 0) {
        left = 1;
        width = -width;
      }
      p++;
    }
    while (*p >= '0' && *p <= '9')
      width = width * 10 + (*p++ - '0');
    if (*p == '.') {
      p++;
      if (*p == '*') {
        prec = va_arg(ap, int);
        p++;
      } else {
        prec = 0;
        while (*p >= '0' && *p <= '9')
          prec = prec * 10 + (*p++ - '0');
      }
    }
    while (*p == 'l') {
      lng++;
      p++;
    }
    if (*p == 'z') {
      lng = 2;
      p++;
    }
    switch (*p) {
    case 'd':
    case 'i': {
      long long v = lng >= 2 ? va_arg(ap, long long)
                    : lng == 1 ? va_arg(ap, long)
                               : va_arg(ap, int);
      unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
      put_num(&o, u, 10, v < 0, width, zero, left);
      break;
    }
    case 'u':
    case 'x': {
      unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long)
                             : lng == 1 ? va_arg(ap, unsigned long)
                                        : va_arg(ap, unsigned);
      put_num(&o, v, *p == 'x' ? 16 : 10, 0, width, zero, left);
      break;
    }
    case 'p':
      put(&o, '0');
      put(&o, 'x');
      put_num(&o, (uintptr_t)va_arg(ap, void *), 16, 0, width, zero, left);
      break;
    case 's':
      put_str(&o, va_arg(ap, const char *), prec, width, left);
      break;
    case 'c':
      put(&o, (char)va_arg(ap, int));
      break;
    case '%':
      put(&o, '%');
      break;
    case 0:
      p--;
      break;
    default:
      put(&o, '%');
      put(&o, *p);
    }
  }
  if (size)
    buf[o.len < size ? o.len : size - 1] = 0;
  return o.len < size ? o.len : (size ? size - 1 : 0);
}

SS_HIDDEN size_t ss_format(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  size_t n = ss_vformat(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

SS_HIDDEN void ss_buf_printf(struct ss_buf *b, const char *fmt, ...) {
  if (b->len + 1 >= b->size)
    return;
  va_list ap;
  va_start(ap, fmt);
  b->len += ss_vformat(b->data + b->len, b->size - b->len, fmt, ap);
  va_end(ap);
}

/* ---- text from the program ----
 * Thread names, source file and function names, option values and lines
 * of configuration files come from the program or its environment. Printed
 * raw, an ESC[2J would clear the user's terminal and a newline followed by
 * "==1==ERROR:" would forge a report line. So text output shows control
 * characters, and bytes that are not UTF-8, as \xNN; JSON output escapes
 * control characters and replaces bytes that are not UTF-8 with U+FFFD, so
 * that every line is valid JSON in valid UTF-8. */

/* The length of the valid UTF-8 sequence at s (1 to 4), or 0: overlong
 * forms, surrogates and code points past U+10FFFF are not valid. */
static size_t utf8_seq(const unsigned char *s) {
  if (s[0] < 0x80)
    return 1;
  size_t n;
  uint32_t cp, min;
  if ((s[0] & 0xe0) == 0xc0) {
    n = 2, cp = s[0] & 0x1f, min = 0x80;
  } else if ((s[0] & 0xf0) == 0xe0) {
    n = 3, cp = s[0] & 0x0f, min = 0x800;
  } else if ((s[0] & 0xf8) == 0xf0) {
    n = 4, cp = s[0] & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xc0) != 0x80) /* a NUL ends the sequence here too */
      return 0;
    cp = cp << 6 | (s[i] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return n;
}

/* A byte of text as it may reach a terminal: not a control character
 * (C0, DEL, or a C1 control, U+0080..U+009F, which some terminals obey). */
static int text_safe(const unsigned char *p, size_t n) {
  if (n == 1)
    return p[0] >= 0x20 && p[0] != 0x7f;
  return !(n == 2 && p[0] == 0xc2 && p[1] < 0xa0);
}

SS_HIDDEN void ss_buf_text(struct ss_buf *b, const char *s, int newlines) {
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
    size_t n = utf8_seq(p);
    if (n && (text_safe(p, n) || (newlines && *p == '\n'))) {
      ss_buf_printf(b, "%.*s", (int)n, (const char *)p);
      p += n;
    } else {
      /* One byte at a time: an invalid sequence may hide a control. */
      ss_buf_printf(b, "\\x%02x", *p);
      p++;
    }
  }
}

SS_HIDDEN const char *ss_esc(char *buf, size_t size, const char *s) {
  struct ss_buf b = {buf, size, 0};
  if (size)
    buf[0] = 0;
  ss_buf_text(&b, s, 0);
  return buf;
}

SS_HIDDEN void ss_buf_json_string(struct ss_buf *b, const char *s) {
  ss_buf_printf(b, "\"");
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
    unsigned char c = *p;
    size_t n = utf8_seq(p);
    if (!n) {
      ss_buf_printf(b, "\\ufffd");
      p++;
      continue;
    }
    if (c == '"' || c == '\\')
      ss_buf_printf(b, "\\%c", c);
    else if (c == '\n')
      ss_buf_printf(b, "\\n");
    else if (c == '\t')
      ss_buf_printf(b, "\\t");
    else if (c < 0x20 || c == 0x7f)
      ss_buf_printf(b, "\\u%04x", c);
    else
      ss_buf_printf(b, "%.*s", (int)n, (const char *)p);
    p += n;
  }
  ss_buf_printf(b, "\"");
}

SS_HIDDEN int ss_buf_add_row(struct ss_buf *b, const struct ss_buf *row) {
  /* A row cut by its own buffer, or one that leaves no room for the
   * closing text, is left out whole. */
  if (row->len + 1 >= row->size || b->len + row->len + 64 >= b->size)
    return 0;
  memcpy(b->data + b->len, row->data, row->len);
  b->len += row->len;
  b->data[b->len] = 0;
  return 1;
}

SS_HIDDEN void ss_buf_end_rows(struct ss_buf *b, unsigned shown, unsigned nrows) {
  if (shown < nrows)
    ss_buf_printf(b, "],\"rows_omitted\":%u}\n", nrows - shown);
  else
    ss_buf_printf(b, "]}\n");
}
