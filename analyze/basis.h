/*
 * basis.h - the year's findings rolled up by 稽核依據, the legal basis
 * column of 附件3 (資通安全管理法第10條第2項, 施行細則第7條第1項第7款 …).
 *
 * Per basis: its items; n, the vendors with at least one applicable item
 * under it; k, of them the vendors with a finding in at least one of those
 * items (a vendor counts once per basis, however many of its items it
 * failed); the rate k / n with the interval of --ci; and the findings
 * (vendor-item pairs) behind it.  The unit and the worst rating are those
 * of analysis.h (yearpass.h); --strict and --category apply.
 */
#ifndef JAUDIT_BASIS_H
#define JAUDIT_BASIS_H

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include "analysis.h"

struct basis_stat {
	char *basis;		/* the 稽核依據 as the checklist writes it */
	char **codes;		/* its items, in checklist order */
	size_t ncodes;
	unsigned n, k;		/* vendors: applicable, with a finding */
	unsigned findings;	/* vendor-item findings under it */
	double rate, ci_low, ci_high;	/* NAN when n = 0 */
};

struct basis_rollup {
	struct analysis_params params;
	unsigned vendors;		/* vendors with results in the year */
	struct basis_stat *b;		/* by first item in checklist order */
	size_t n;
};

/* Returns 0, or JAUDIT_EDATA with a message (no checklist for the year). */
int basis_run(sqlite3 *db, const struct analysis_params *p, struct basis_rollup *r);
void basis_release(struct basis_rollup *r);

/* The items of b as a short list: "C01–C03, S05" (ranges of consecutive codes). */
void basis_codes_text(const struct basis_stat *b, char *buf, size_t size);

cJSON *basis_json(const struct basis_rollup *r);

/* `analyze --by-basis` in fmt (text, csv, json; enum cli_format). */
int basis_print(const struct basis_rollup *r, int fmt, int en, FILE *fp);

#endif
