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
#include "../core/date.h"
#include "../analyze/stats/stats.h"

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
/* The same over a set already loaded (remed_load of that year); the set
 * stays the caller's.  Returns 0 or JAUDIT_EDATA. */
struct remed_set;
int remed_summary_of(const struct remed_set *set, int year, struct jdate as_of,
		     struct remed_summary *s);
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
/* The same over a set already loaded (remed_load of that year). */
void remed_burndown_of(const struct remed_set *set, struct jdate as_of,
		       struct remed_burn_point **points, size_t *npoints);

/* --- records as loaded (additions for track, export and the tests) -------- */

#define REMED_OWNER_CENTRAL "資安署"	/* the owner of every common item (seed §10) */

/* One row of a record's history: the state after a change. */
struct remed_event {
	long seq;
	struct jdate date;
	char *action;		/* opened, status, extended, policy, corrected, reopened */
	char *actor, *note, *evidence, *approver, *recorded_at;
	int has_old;		/* 0 for the opening row */
	enum remed_status old_status, new_status;
	struct jdate old_due, new_due;
};

struct remed_record {
	char *id;		/* 115-07-S03-K1 */
	char *session, *item, *ref, *taxid, *vendor;
	char *owner, *agency, *contract;	/* agency and contract "" for a common item */
	char *rating;		/* partial / noncompliant, as opened */
	char *finding, *recommendation;	/* "" when the result was corrected away */
	int year;
	struct jdate audit;	/* the session's date */
	struct jdate plan_due;
	enum remed_status status;	/* now */
	struct jdate due;		/* now */
	struct remed_event *events;	/* oldest first */
	size_t nevents;
};

struct remed_set {
	struct remed_record *recs;	/* by id */
	size_t n;
};

/*
 * Load the records of year (0: every year) with their histories.
 * Returns 0 or JAUDIT_EDATA; release with remed_set_release() either way.
 */
int remed_load(sqlite3 *db, int year, struct remed_set *set);
void remed_set_release(struct remed_set *set);

/* The record with that id (owned by the set), or NULL; a binary search: the set is by id. */
const struct remed_record *remed_set_find(const struct remed_set *set, const char *id);

/*
 * The records of one session stand together in the set, their ids
 * beginning with "SESSION-": returns how many ids begin so, from
 * set->recs[*first].  (A session whose own id begins so, such as 115-01-A
 * for 115-01, would fall in the range too: check ->session.)
 */
size_t remed_set_session(const struct remed_set *set, const char *session, size_t *first);

/*
 * The record as it stood at the end of day as_of, from its history: 1 and
 * *status, *due, *since (the date its status was entered), or 0 when the
 * record did not exist yet.  Any out pointer may be NULL.
 */
int remed_state_at(const struct remed_record *r, struct jdate as_of,
		   enum remed_status *status, struct jdate *due, struct jdate *since);

/* Days past due as of the date (0 when not yet due or ended). */
long remed_days_overdue(enum remed_status s, struct jdate due, struct jdate as_of);

/* The aging bucket of a record not ended: 0 not yet due, 1 1-30, 2 31-90, 3 over 90. */
int remed_aging_bucket(long days_overdue);

/*
 * The one writer of remediation_history: `track sync` (opened, corrected,
 * reopened, policy) and the updates (`track set`, `track import`, `ingest
 * --kind updates`: status, extended) append their rows through it.
 */
struct remed_history_entry {
	const char *record;	/* the finding id */
	const char *date;	/* ISO: when it happened */
	const char *action;	/* opened, status, extended, policy, corrected, reopened */
	const char *actor;
	const char *old_status;	/* a status code, or NULL for the row that opens a record */
	const char *new_status;
	const char *old_due;	/* ISO, or NULL with old_status */
	const char *new_due;
	const char *note;	/* NULL for "" */
	const char *evidence;	/* NULL for "" */
	const char *approver;	/* NULL for "" */
};

/* Prepare the INSERT once (a sync, a file of updates); db_finalize() it. 0 or JAUDIT_EDATA. */
int remed_history_prepare(sqlite3 *db, sqlite3_stmt **st);

/* Append one row with the statement of remed_history_prepare(); 0 or JAUDIT_EDATA. */
int remed_history_add(sqlite3_stmt *st, const struct remed_history_entry *e);

#endif
