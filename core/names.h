/*
 * names.h - matching the names people type against the names on file.
 *
 * An agency writes "台灣數位股份有限公司" where the candidate list says
 * "臺灣數位有限公司", or types full-width letters.  name_normalize() folds
 * such variants to one key:
 *   - full-width ASCII (U+FF01..U+FF5E) to half-width, ASCII upper case
 *     to lower case;
 *   - white space of every kind (ASCII, U+3000, line breaks) removed;
 *   - 台 to 臺 (the common and the official form);
 *   - the company suffixes 股份有限公司, 有限公司 and 公司 removed at the end,
 *     so that the suffix variants of one company match.
 */
#ifndef JAUDIT_NAMES_H
#define JAUDIT_NAMES_H

#include <stddef.h>

/* The matching key of name; the caller frees it. */
char *name_normalize(const char *name);

/* 1 if the two names have the same key. */
int name_equal(const char *a, const char *b);

/*
 * Edit distance between two UTF-8 strings, counted in code points
 * (Levenshtein).
 */
size_t name_distance(const char *a, const char *b);

/*
 * The indexes of the up to `want` candidates whose keys are nearest to
 * name's key, nearest first (ties keep the candidates' order).  Returns
 * how many were stored in out.
 */
size_t name_nearest(const char *name, const char *const *candidates,
		    size_t ncandidates, size_t *out, size_t want);

/*
 * Clean a header cell of a form for matching: remove white space and line
 * breaks and parenthesised notes, ASCII () and full-width （）:
 * "廠商名稱 (限填報資安署 公布之候選受稽 核廠商)" becomes "廠商名稱".
 * Full-width ASCII is folded and ASCII lowered, as in name_normalize().
 * The caller frees the result.
 */
char *name_header_key(const char *cell);

#endif
