/*
 * libFuzzer target: name folding and matching (core/names.h), which every
 * vendor name and form header from an agency's file goes through.
 *
 * The input is two names separated by the first newline.  Checks: a name
 * equals itself, the edit distance is a metric on these two (zero to
 * itself, symmetric, at most the longer length in code points), header
 * keys and nearest-candidate search stay within bounds.
 */
#include "../../core/names.h"
#include "../../core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *a, *b, *nl, *key;
	const char *cands[3];
	size_t out[3], got, la, lb, d;

	if (size > 4096)
		return 0;	/* the distance is quadratic; long names add nothing */
	a = malloc(size + 1);
	if (!a)
		return 0;
	memcpy(a, data, size);
	a[size] = '\0';
	nl = strchr(a, '\n');
	if (nl) {
		*nl = '\0';
		b = nl + 1;
	} else {
		b = a + strlen(a);
	}
	if (!name_equal(a, a) || name_distance(a, a) != 0)
		abort();
	d = name_distance(a, b);
	if (d != name_distance(b, a))
		abort();
	la = utf8_len(a);
	lb = utf8_len(b);
	if (d > (la > lb ? la : lb) || d < (la > lb ? la - lb : lb - la))
		abort();
	key = name_header_key(a);
	if (strlen(key) > 4 * strlen(a))
		abort();
	free(key);
	cands[0] = a;
	cands[1] = b;
	cands[2] = "測試資訊股份有限公司";
	got = name_nearest(b, cands, 3, out, 3);
	if (got != 3 || out[0] > 2 || out[1] > 2 || out[2] > 2 ||
	    out[0] == out[1] || out[1] == out[2] || out[0] == out[2])
		abort();
	free(a);
	return 0;
}
