/*
 * remed_policy.h - the due-date policy kept in the database (table
 * remed_policy) and `track sync`, which opens, redates and closes
 * remediation records from the year's findings.
 *
 * Defaults (sql/003_tracking.sql, docs/TRACKING.md): the audit report is
 * due 1 month after the audit (seed §5 四); the improvement plan 1 month
 * after the report; 不符合 measures 3 months and 部分符合 measures 6 months
 * after the report.  The report date is the one recorded with `jaudit
 * schedule set SESSION report`, else its due date.  Months are calendar
 * months (date_add_months: Jan 31 + 1 month = Feb 28 or 29).
 */
#ifndef JAUDIT_REMED_POLICY_H
#define JAUDIT_REMED_POLICY_H

#include <sqlite3.h>
#include "../core/date.h"
#include "../core/strbuf.h"

enum remed_policy_key {
	POLICY_REPORT_MONTHS,
	POLICY_PLAN_MONTHS,
	POLICY_NONCOMPLIANT_MONTHS,
	POLICY_PARTIAL_MONTHS,
	POLICY_NOTIFY_MONTHS,
	POLICY_DOCUMENTS_DAYS,
	POLICY_CONTRACTS_DAYS,
	POLICY_SOON_DAYS,
	POLICY_NKEYS
};

struct remed_policy_def {
	const char *key;	/* report_months … as stored */
	const char *zh, *en;	/* what it means */
	int months;		/* 1: calendar months, 0: days */
	int dflt;		/* the default value */
};
extern const struct remed_policy_def remed_policy_defs[POLICY_NKEYS];

struct remed_policy {
	int value[POLICY_NKEYS];
};

/* Read the policy.  Returns 0 or JAUDIT_EDATA. */
int remed_policy_get(sqlite3 *db, struct remed_policy *p);

/* The key named s (report_months …); 0 and *key, or -1. */
int remed_policy_key_parse(const char *s, enum remed_policy_key *key);

/* Store one value (0..120).  Returns 0 or JAUDIT_EDATA. */
int remed_policy_set(sqlite3 *db, enum remed_policy_key key, int value);

struct remed_sync_result {
	unsigned opened;	/* new records */
	unsigned corrected;	/* closed: the re-ingested result is no longer a finding */
	unsigned reopened;	/* a corrected finding that is a finding again */
	unsigned redated;	/* policy due dates recomputed */
	unsigned tracked;	/* records of the year after the sync */
};

/*
 * Bring the remediation records of year in line with its findings, inside
 * the caller's transaction: open a record for each finding not tracked,
 * close (with the reason in its history) each open record whose result a
 * re-ingest rated 符合 or 不適用 or removed, reopen an automatically closed
 * one that is a finding again, and recompute the due dates that still
 * follow the policy.  Idempotent.  today dates the history rows.
 * Returns 0 or JAUDIT_EDATA.
 */
int remed_sync(sqlite3 *db, int year, struct jdate today, struct remed_sync_result *res);

/* The actor recorded for the changes sync makes. */
#define REMED_SYNC_ACTOR "jaudit track sync"

#endif
