/*
 * remed_update.h - the status machine of remediation records and the one
 * code that applies a remediation update: `jaudit track set`, `jaudit track
 * import` and `jaudit ingest --kind updates` all go through it, and the
 * last two read the updates form as one form kind (remed_updates_form)
 * through the one form loop (core/form.h: form_load).
 *
 * Moves (SPEC §4):
 *   待改善 open           -> 改善中, 展延, 風險接受
 *   改善中 in_progress    -> 待驗證, 展延, 風險接受
 *   待驗證 pending        -> 已結案, 改善中 (a failed verification), 風險接受
 *   已結案, 風險接受      -> nothing: tracking has ended
 * 展延 (extended) needs a new due date later than the old and a reason
 * (the note); the record is then 改善中 with the new date.  風險接受 needs a
 * reason and an approver.  A new due date goes with 展延 only.
 *
 * Nothing here prints or exits: errors are returned as JAUDIT_EDATA with
 * the message in a strbuf, so that the readers can be driven by tests and
 * fuzzers on any stream.
 */
#ifndef JAUDIT_REMED_UPDATE_H
#define JAUDIT_REMED_UPDATE_H

#include <sqlite3.h>
#include <stdio.h>
#include "../core/csv.h"
#include "../core/date.h"
#include "../core/form.h"
#include "remediation.h"
#include "../core/strbuf.h"

/* What an update asks for: a status, or 展延. */
enum remed_move {
	MOVE_OPEN = REMED_OPEN,
	MOVE_IN_PROGRESS = REMED_IN_PROGRESS,
	MOVE_PENDING = REMED_PENDING,
	MOVE_CLOSED = REMED_CLOSED,
	MOVE_RISK_ACCEPTED = REMED_RISK_ACCEPTED,
	MOVE_EXTEND = REMED_NSTATUS,	/* 展延 extended */
};

/* A status name or 展延 / extended / extension (Chinese or English); 0 or -1. */
int remed_move_parse(const char *s, enum remed_move *out);

/* 展延 or a status label. */
const char *remed_move_label(enum remed_move m, int en);

/* 1 if the move is allowed from status s. */
int remed_move_allowed(enum remed_status from, enum remed_move m);

/*
 * The moves allowed from s, as "改善中 in_progress, 展延 extended, ..." or
 * "none: tracking has ended", appended to sb.
 */
void remed_moves_describe(enum remed_status from, struct strbuf *sb);

/* The accepted names, for messages. */
#define REMED_MOVES_EXPECTED \
	"待改善 open, 改善中 in_progress, 待驗證 pending_verification, 已結案 closed, " \
	"展延 extended or 風險接受 risk_accepted"

struct remed_update {
	const char *id;		/* the finding id, 115-07-C01 */
	enum remed_move move;
	struct jdate date;
	const char *actor;	/* 填報人 */
	const char *note;	/* 說明: the reason of 展延 and 風險接受 */
	const char *evidence;	/* 佐證 */
	const char *approver;	/* 核准人, for 風險接受 */
	int has_due;
	struct jdate due;	/* 新完成期限, for 展延 */
};

/*
 * The statements an update needs, prepared once for a file of updates (or
 * for one `track set`) and finalized by remed_writer_release().
 */
struct remed_writer {
	sqlite3 *db;
	sqlite3_stmt *record;	/* the record as it stands */
	sqlite3_stmt *year;	/* the finding's year, for a record not yet synced */
	sqlite3_stmt *seen;	/* this update already in the history? */
	sqlite3_stmt *history;	/* the one history writer (remediation.h) */
	sqlite3_stmt *update;	/* the record's new status and due date */
};

/* 0, or JAUDIT_EDATA (the database's message printed) with nothing to release. */
int remed_writer_init(struct remed_writer *w, sqlite3 *db);
void remed_writer_release(struct remed_writer *w);

/*
 * Check one update against the record as it stands and apply it: the new
 * status and due date on the record, one row appended to its history.
 * Runs inside the caller's transaction (db_begin … db_commit), which it
 * neither opens nor ends.  today bounds the date (no update from the
 * future).  Returns 0, or REMED_UNCHANGED when the history already holds
 * exactly this update (a form sent again: nothing is written and nothing is
 * checked further), or JAUDIT_EDATA with the reason in *err (without a
 * "FILE:LINE: " prefix, which the caller adds) and nothing written.
 */
#define REMED_UNCHANGED 1
int remed_writer_apply(struct remed_writer *w, const struct remed_update *u, struct jdate today,
		       struct strbuf *err);

/* The same for one update (`track set`): the statements prepared for it alone. */
int remed_update_apply(sqlite3 *db, const struct remed_update *u, struct jdate today,
		       struct strbuf *err);

/* The columns of the remediation-updates form, in the order of SPEC Appendix A. */
enum {
	REMED_COL_ID,		/* 追蹤編號 */
	REMED_COL_STATUS,	/* 狀態 */
	REMED_COL_DATE,		/* 日期 */
	REMED_COL_ACTOR,	/* 填報人 */
	REMED_COL_NOTE,		/* 說明 */
	REMED_COL_EVIDENCE,	/* 佐證 */
	REMED_COL_DUE,		/* 新完成期限 */
	REMED_COL_APPROVER,	/* 核准人 (optional column) */
	REMED_UPDATE_NCOLS
};
extern const struct csv_column remed_update_columns[REMED_UPDATE_NCOLS];

/*
 * One row of the form, its fields in column order (NULL or "" for an
 * absent one; surrounding white space ignored): parse it and apply it with
 * remed_writer_apply(), inside the caller's transaction.  This is what the
 * updates form calls per row.  Returns 0, or REMED_UNCHANGED (already
 * recorded), or JAUDIT_EDATA with the reason appended to *err (no
 * "FILE:LINE: " prefix).
 */
int remed_writer_row(struct remed_writer *w, const char *const fields[REMED_UPDATE_NCOLS],
		     struct jdate today, struct strbuf *err);
/* The same for one row, the statements prepared for it alone. */
int remed_update_row(sqlite3 *db, const char *const fields[REMED_UPDATE_NCOLS], struct jdate today,
		     struct strbuf *err);

/*
 * The remediation-updates form (追蹤編號, 狀態, 日期, 填報人, 說明, 佐證,
 * 新完成期限, optionally 核准人) as a form kind: read with form_load(), each
 * row applied in order with remed_writer_row() inside the caller's
 * transaction, a form with no row below its header refused.  c->arg, when
 * not NULL, is the struct jdate that bounds the dates (else today, as
 * date_today() says).  `jaudit ingest --kind updates` lists it among its
 * kinds; `jaudit track import` reads its one file with it.
 */
extern const struct form_kind remed_updates_form;

/*
 * Read the form from an open stream of CSV text (name for the messages)
 * through form_load() and remed_updates_form, inside the caller's
 * transaction.  Each error's message ("FILE:LINE: ...", without "jaudit: ")
 * is appended to *err, one a line, up to 20, and the function returns
 * JAUDIT_EDATA: the caller then rolls back.  *applied (may be NULL) gets
 * the number of rows applied, *unchanged (may be NULL) the number already
 * in the history (the same form imported again changes nothing).
 */
int remed_updates_read_fp(sqlite3 *db, FILE *fp, const char *name, enum csv_encoding enc,
			  struct jdate today, struct strbuf *err, unsigned *applied,
			  unsigned *unchanged);

#endif
