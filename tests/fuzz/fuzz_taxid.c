/*
 * libFuzzer target: the 統一編號 check (core/taxid.h), against a second,
 * independent statement of the Ministry of Finance rule: the digits of
 * the weighted products, written out, total a multiple of 5; with a
 * seventh digit 7 (28, whose digits total 10) a total with 1 in place of
 * that 10 passes too.
 */
#include "../../core/taxid.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int reference(const char *s, size_t n)
{
	static const char w[] = "12121241";
	int sum = 0, i;
	char buf[16];

	if (n != 8 || strspn(s, "0123456789") != 8)
		return 0;
	for (i = 0; i < 8; i++) {
		const char *q;

		/* the digits of the product, as written */
		snprintf(buf, sizeof(buf), "%d", (s[i] - '0') * (w[i] - '0'));
		for (q = buf; *q; q++)
			sum += *q - '0';
	}
	/* a seventh digit 7: 2 + 8 = 10 counts as 1 + 0 = 1 too */
	return sum % 5 == 0 || (s[6] == '7' && (sum - 10 + 1) % 5 == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	/* taxid_valid takes a C string: an embedded NUL ends it */
	if (taxid_valid(s) != reference(s, strlen(s)))
		abort();
	free(s);
	return 0;
}
