/*
 * export.h - what `jaudit export` gathers for one agency (track/export.c)
 * and the printable page of it (track/export_html.c).
 */
#ifndef JAUDIT_EXPORT_H
#define JAUDIT_EXPORT_H

#include "../analyze/analysis.h"
#include "../core/date.h"
#include "remediation.h"

/*
 * An aggregate over fewer vendors than this would let an agency infer one
 * vendor's results on another agency's contracts: its k and rate are left
 * out (n is still given).
 */
#define EXPORT_MIN_CELL 3

struct ex_result {
	char *session, *item, *ref, *rating, *finding, *recommendation;
	char *taxid, *vendor, *date, *contract, *system;
	char *id;		/* findings.id, "" for a result that is no finding */
	char *agency;		/* the contract's agency (A or one under it), "" for a common item */
	const struct remed_record *rec;	/* its remediation record, if a finding */
};

struct export {
	int year;
	char *agency;
	char **under;		/* the agencies under it (agency_parents), by name */
	size_t nunder;
	struct jdate as_of;
	struct remed_set set;
	struct ex_result *own;		/* the findings of its and its agencies' contracts */
	size_t nown;
	struct ex_result *common;	/* common-item results of the vendors they authorized */
	size_t ncommon;
	struct ex_result *contracts;	/* their sampled contracts (item "", rating "") */
	size_t ncontracts;
	struct analysis agg;		/* the year's common findings (analysis_run) */
	int has_agg;
};

/* The export as one printable HTML page at path (0600). */
int export_write_html(const struct export *x, const char *path);

#endif
