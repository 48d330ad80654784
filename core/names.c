#include "names.h"
#include "strbuf.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == '\v' || cp == '\f' || cp == 0x3000 || cp == 0xA0 ||
	       cp == 0xFEFF;
}

/* Fold one code point; returns 0 to drop it. */
static uint32_t fold_cp(uint32_t cp)
{
	if (is_space_cp(cp))
		return 0;
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	if (cp == 0x53F0)	/* 台 */
		cp = 0x81FA;	/* 臺 */
	return cp;
}

/* Fold s; with `paren`, drop text inside () or （）. */
static char *fold(const char *s, int paren)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(s), i = 0;
	int depth = 0;

	while (i < n) {
		uint32_t cp;
		int len = utf8_decode(s + i, n - i, &cp);
		char enc[4];

		if (len == 0) {
			/* not UTF-8: keep the byte, it will match only itself */
			strbuf_addch(&sb, s[i]);
			i++;
			continue;
		}
		i += (size_t)len;
		if (paren && (cp == '(' || cp == 0xFF08)) {
			depth++;
			continue;
		}
		if (paren && (cp == ')' || cp == 0xFF09)) {
			if (depth > 0)
				depth--;
			continue;
		}
		if (depth > 0)
			continue;
		cp = fold_cp(cp);
		if (!cp)
			continue;
		strbuf_add(&sb, enc, (size_t)utf8_encode(cp, enc));
	}
	return strbuf_detach(&sb);
}

static void strip_suffix(char *s)
{
	static const char *const suffix[] = { "股份有限公司", "有限公司", "公司" };
	size_t n = strlen(s), i;

	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		size_t k = strlen(suffix[i]);

		if (n >= k && strcmp(s + n - k, suffix[i]) == 0) {
			if (n > k)	/* the suffix alone stays a name */
				s[n - k] = '\0';
			return;
		}
	}
}

char *name_normalize(const char *name)
{
	char *s = fold(name, 0);

	strip_suffix(s);
	return s;
}

int name_equal(const char *a, const char *b)
{
	char *x = name_normalize(a), *y = name_normalize(b);
	int eq = strcmp(x, y) == 0;

	free(x);
	free(y);
	return eq;
}

static size_t decode_all(const char *s, uint32_t **out)
{
	size_t n = strlen(s), i = 0, k = 0;
	uint32_t *cps = xmalloc((n + 1) * sizeof(*cps));

	while (i < n) {
		int len = utf8_decode(s + i, n - i, &cps[k]);

		if (len == 0) {
			cps[k] = (unsigned char)s[i];
			len = 1;
		}
		i += (size_t)len;
		k++;
	}
	*out = cps;
	return k;
}

size_t name_distance(const char *a, const char *b)
{
	uint32_t *x, *y;
	size_t n = decode_all(a, &x), m = decode_all(b, &y), i, j, d;
	size_t *row = xmalloc((m + 1) * sizeof(*row));

	for (j = 0; j <= m; j++)
		row[j] = j;
	for (i = 1; i <= n; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (x[i - 1] != y[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	d = row[m];
	free(row);
	free(x);
	free(y);
	return d;
}

size_t name_nearest(const char *name, const char *const *candidates,
		    size_t ncandidates, size_t *out, size_t want)
{
	char *key = name_normalize(name);
	size_t *dist, i, count = 0;

	if (want == 0 || ncandidates == 0) {
		free(key);
		return 0;
	}
	dist = xmalloc(ncandidates * sizeof(*dist));
	for (i = 0; i < ncandidates; i++) {
		char *c = name_normalize(candidates[i]);

		dist[i] = name_distance(key, c);
		free(c);
	}
	/* selection of the `want` smallest, stable */
	while (count < want && count < ncandidates) {
		size_t best = ncandidates, j;

		for (i = 0; i < ncandidates; i++) {
			int taken = 0;

			for (j = 0; j < count; j++)
				if (out[j] == i)
					taken = 1;
			if (taken)
				continue;
			if (best == ncandidates || dist[i] < dist[best])
				best = i;
		}
		out[count++] = best;
	}
	free(dist);
	free(key);
	return count;
}

char *name_header_key(const char *cell)
{
	return fold(cell, 1);
}
