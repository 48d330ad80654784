/*
 * libFuzzer target: the date parser (core/date.h).
 *
 * Every date accepted must exist in the calendar, and its ISO, ROC
 * (115年6月12日) and ROC slash (115/06/12) forms must parse back to the
 * same day (ROC forms up to ROC year 999: a four-digit year is
 * Gregorian); day arithmetic must invert.
 */
#include "../../core/date.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same(struct jdate a, const char *text)
{
	struct jdate b;

	if (date_parse(text, &b) < 0 || date_cmp(a, b) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	char iso[DATE_ISO_LEN], roc[DATE_ROC_LEN], slash[DATE_ROC_LEN];
	struct jdate d;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, &d) == 0) {
		if (!date_valid(d))
			abort();
		date_iso(d, iso);
		date_roc(d, roc);
		date_roc_slash(d, slash);
		same(d, iso);
		/* a year of four digits is Gregorian: ROC forms end at 999 */
		if (date_roc_year(d) <= 999) {
			same(d, roc);
			same(d, slash);
		}
		if (date_cmp(date_from_days(date_to_days(d)), d) != 0)
			abort();
		if (d.y < 9999 && date_diff(d, date_add_days(d, 45)) != 45)
			abort();
	}
	free(s);
	return 0;
}
