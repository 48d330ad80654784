/*
 * rating.h - the four ratings of 附件3: 符合, 部分符合, 不符合, 不適用.
 *
 * Stored by their English codes (compliant, partial, noncompliant, na).
 * Ordered from best to worst for the vendor unit of analysis: the worst
 * rating over a vendor's contracts counts, and 不適用 only when all are.
 */
#ifndef JAUDIT_RATING_H
#define JAUDIT_RATING_H

enum rating {
	RATING_NA = 0,			/* 不適用 */
	RATING_COMPLIANT = 1,		/* 符合 */
	RATING_PARTIAL = 2,		/* 部分符合 */
	RATING_NONCOMPLIANT = 3,	/* 不符合 */
};

/*
 * Parse a rating in Chinese or English (符合, compliant; 部分符合, partial;
 * 不符合, noncompliant, non-compliant; 不適用, na, n/a; case and
 * surrounding spaces ignored).  Returns 0 and *r, or -1.
 */
int rating_parse(const char *s, enum rating *r);

/* "compliant", "partial", "noncompliant", "na": the stored code. */
const char *rating_code(enum rating r);

/* The code as stored back to the enum; -1 if unknown. */
int rating_from_code(const char *code, enum rating *r);

/* 符合 … or, with en, Compliant … */
const char *rating_label(enum rating r, int en);

/* 1 for a finding: 不符合 always, 部分符合 unless strict. */
static inline int rating_is_finding(enum rating r, int strict)
{
	return r == RATING_NONCOMPLIANT || (!strict && r == RATING_PARTIAL);
}

/* The list of accepted spellings, for error messages. */
#define RATING_EXPECTED "符合, 部分符合, 不符合, 不適用 (or compliant, partial, noncompliant, na)"

#endif
