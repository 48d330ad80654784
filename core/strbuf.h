/*
 * strbuf.h - a growable NUL-terminated byte string (git's strbuf, smaller).
 *
 *     struct strbuf sb = STRBUF_INIT;
 *     strbuf_addf(&sb, "%d", n);
 *     ... use sb.buf ...
 *     strbuf_release(&sb);
 *
 * sb.buf is never NULL.  Allocation failure aborts the program: jaudit has
 * no way to go on without memory, and every caller would do the same.
 */
#ifndef JAUDIT_STRBUF_H
#define JAUDIT_STRBUF_H

#include <stddef.h>
#include "err.h"

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

extern char strbuf_empty[];
#define STRBUF_INIT { strbuf_empty, 0, 0 }

void strbuf_init(struct strbuf *sb);
/* Free the buffer and reset to STRBUF_INIT. */
void strbuf_release(struct strbuf *sb);
/* Keep the buffer, make the string empty. */
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) JAUDIT_PRINTF(2, 3);
/* Hand the string to the caller, who frees it; sb is reset. */
char *strbuf_detach(struct strbuf *sb);

/* xmalloc and friends: abort with a message when memory runs out. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
