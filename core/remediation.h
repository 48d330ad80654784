/*
 * remediation.h - the remediation records of findings (SPEC §4), as the
 * `track` commands, `plot status|burndown|closure`, `report` and `export`
 * see them.  The status machine and the commands that change records live
 * in track/; what several commands read lives here.
 *
 * Statuses: 待改善 open, 改善中 in_progress, 待驗證 pending_verification,
 * 已結案 closed, 風險接受 risk_accepted.  (展延, an extension, is a change
 * of due date that keeps the record 改善中.)
 */
#ifndef JAUDIT_REMEDIATION_H
#define JAUDIT_REMEDIATION_H

#include <sqlite3.h>
#include <stddef.h>
#include "date.h"
#include "stats.h"

enum remed_status {
	REMED_OPEN,
	REMED_IN_PROGRESS,
	REMED_PENDING,
	REMED_CLOSED,
	REMED_RISK_ACCEPTED,
	REMED_NSTATUS
};

/* The stored code: "open", "in_progress", … */
const char *remed_status_code(enum remed_status s);
/* 待改善 …, or with en Open … */
const char *remed_status_label(enum remed_status s, int en);
/* Chinese or English name to status; 0 or -1. */
int remed_status_parse(const char *s, enum remed_status *out);
/* 1 for closed and risk_accepted: tracking has ended. */
int remed_status_ended(enum remed_status s);

struct remed_owner_count {
	char *owner;			/* 資安署, or an agency */
	unsigned count[REMED_NSTATUS];
	unsigned overdue;
};

struct remed_summary {
	int year;
	struct jdate as_of;
	unsigned total, overdue;
	unsigned aging[4];		/* not yet due, 1-30, 31-90, over 90 days overdue */
	struct remed_owner_count *owners;
	size_t nowners;
	/* time to closure: days from the audit to 已結案, censored at as_of or 風險接受 */
	struct km_point *km;
	size_t nkm;
	double km_median;		/* NAN when not reached */
	unsigned km_n, km_events;
};

/* All figures as of the date.  Release with remed_summary_release(). */
int remed_summary(sqlite3 *db, int year, struct jdate as_of, struct remed_summary *s);
void remed_summary_release(struct remed_summary *s);

struct remed_burn_point {
	struct jdate date;
	unsigned open;		/* records not yet ended at the end of the day */
	unsigned due;		/* records due that day */
};

/*
 * Open records day by day from the first audit of the year to as_of (from
 * the history).  The caller frees *points.
 */
int remed_burndown(sqlite3 *db, int year, struct jdate as_of,
		   struct remed_burn_point **points, size_t *npoints);

#endif
