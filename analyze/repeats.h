/*
 * repeats.h - the years compared vendor by vendor: did the same vendor
 * fail the same item again?
 *
 * For each vendor audited in two or more years of [from, to], each pair of
 * its consecutive audits (year y1, then the next year y2 it was audited;
 * a year it was not audited is skipped) and each item that applied to it
 * in both (matched by code, the vendor's worst rating each year as in
 * analysis.h) is one of:
 *   repeated  a finding in y1 and again in y2
 *   fixed     a finding in y1, none in y2
 *   new       no finding in y1, a finding in y2
 *   (clean    neither; counted, not listed)
 * An item's repeat rate is repeated / (repeated + fixed): of the findings
 * followed into the next audit, the share found again, with its interval
 * (Wilson, or Clopper-Pearson with exact).  "Closed then failed" lists the
 * remediation records of y1 that reached 已結案 on or before the vendor's
 * first audit in y2, whose item was found again in y2.
 */
#ifndef JAUDIT_REPEATS_H
#define JAUDIT_REPEATS_H

#include "analysis.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdio.h>

enum repeat_status { REPEAT_REPEATED, REPEAT_FIXED, REPEAT_NEW };

struct repeat_item {
	char *code, *dimension;		/* dimension: the newest year's 構面 */
	unsigned repeated, fixed, fresh, clean;
	unsigned closed_failed;		/* of the repeated, records closed before */
	double rate, ci_low, ci_high;	/* repeated / (repeated + fixed); NAN when 0 */
};

struct repeat_pair {
	char *taxid, *vendor, *code;
	int year1, year2;
	enum repeat_status status;
};

struct repeat_closed {
	char *record;			/* 114-03-C01 */
	char *taxid, *vendor, *code;
	int year1, year2;
	char closed_on[11];		/* ISO, the first 已結案 */
	char audit2[11];		/* ISO, the vendor's first audit in year2 */
};

struct repeats {
	struct analysis_params params;	/* strict, exact, level used */
	int from, to;
	unsigned vendors;		/* vendors audited in two or more years */
	struct repeat_item *items;	/* by code; items with no pair left out */
	size_t nitems;
	struct repeat_item total;	/* every item together (code "all") */
	struct repeat_pair *pairs;	/* repeated, fixed, new; by vendor, years, item */
	size_t npairs;
	struct repeat_closed *closed;
	size_t nclosed;
};

/* Returns 0 or JAUDIT_EDATA with a message.  Release with repeats_release(). */
int repeats_run(sqlite3 *db, int from, int to, const struct analysis_params *p,
		struct repeats *r);
void repeats_release(struct repeats *r);

/* "repeated" / "fixed" / "new", or 再次發現 / 已改善 / 新發現. */
const char *repeat_status_name(enum repeat_status s, int zh);

cJSON *repeats_json(const struct repeats *r);
void repeats_print_text(const struct repeats *r, int en, FILE *fp);
/* One row per item and a last row "all"; UTF-8 with a BOM. */
void repeats_print_csv(const struct repeats *r, int en, FILE *fp);

#endif
