#include "rating.h"

#include <string.h>
#include <strings.h>

static const struct {
	enum rating r;
	const char *code, *zh, *en;
} ratings[] = {
	{ RATING_NA, "na", "不適用", "Not applicable" },
	{ RATING_COMPLIANT, "compliant", "符合", "Compliant" },
	{ RATING_PARTIAL, "partial", "部分符合", "Partially compliant" },
	{ RATING_NONCOMPLIANT, "noncompliant", "不符合", "Noncompliant" },
};

int rating_parse(const char *s, enum rating *r)
{
	static const struct { const char *name; enum rating r; } alias[] = {
		{ "non-compliant", RATING_NONCOMPLIANT },
		{ "n/a", RATING_NA },
		{ "not applicable", RATING_NA },
		{ "partially compliant", RATING_PARTIAL },
		{ "部份符合", RATING_PARTIAL },	/* a common variant character */
	};
	size_t len, i;

	if (!s)
		return -1;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	for (i = 0; i < sizeof(ratings) / sizeof(ratings[0]); i++) {
		if ((strlen(ratings[i].code) == len && strncasecmp(s, ratings[i].code, len) == 0) ||
		    (strlen(ratings[i].zh) == len && strncmp(s, ratings[i].zh, len) == 0)) {
			*r = ratings[i].r;
			return 0;
		}
	}
	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++) {
		if (strlen(alias[i].name) == len && strncasecmp(s, alias[i].name, len) == 0) {
			*r = alias[i].r;
			return 0;
		}
	}
	return -1;
}

const char *rating_code(enum rating r)
{
	return ratings[(unsigned)r & 3].code;
}

int rating_from_code(const char *code, enum rating *r)
{
	size_t i;

	for (i = 0; i < sizeof(ratings) / sizeof(ratings[0]); i++)
		if (strcmp(code, ratings[i].code) == 0) {
			*r = ratings[i].r;
			return 0;
		}
	return -1;
}

const char *rating_label(enum rating r, int en)
{
	return en ? ratings[(unsigned)r & 3].en : ratings[(unsigned)r & 3].zh;
}
