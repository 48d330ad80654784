/*
 * utf8.h - the little of UTF-8 that jaudit needs: validation, decoding,
 * and the display width of text in a terminal (CJK characters take two
 * columns), so that zh-TW tables line up.
 */
#ifndef JAUDIT_UTF8_H
#define JAUDIT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one code point at s (at most n bytes).  Returns its length in
 * bytes (1..4) and stores it in *cp, or 0 for an invalid or truncated
 * sequence (overlong forms and surrogates are invalid).
 */
int utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encode cp into buf (at least 4 bytes); returns the length. */
int utf8_encode(uint32_t cp, char *buf);

/*
 * Check n bytes of UTF-8.  Returns 1 if valid; otherwise 0 and, when bad
 * is not NULL, the offset of the first invalid byte.
 */
int utf8_valid(const char *s, size_t n, size_t *bad);

/* Columns a code point takes in a terminal: 0, 1 or 2. */
int utf8_cp_width(uint32_t cp);

/* Columns the NUL-terminated string takes (invalid bytes count 1). */
size_t utf8_width(const char *s);

/* Number of code points in the NUL-terminated string. */
size_t utf8_len(const char *s);

#endif
