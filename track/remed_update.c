/*
 * remed_update.c - the status machine and the application of remediation
 * updates, one at a time or from the updates form (remed_update.h).
 */
#include "remed_update.h"
#include "../core/db.h"
#include "../core/err.h"
#include "../core/form.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* allowed[from] is a mask of moves (1 << move) */
static const unsigned allowed[REMED_NSTATUS] = {
	[REMED_OPEN] = 1u << MOVE_IN_PROGRESS | 1u << MOVE_EXTEND | 1u << MOVE_RISK_ACCEPTED,
	[REMED_IN_PROGRESS] = 1u << MOVE_PENDING | 1u << MOVE_EXTEND | 1u << MOVE_RISK_ACCEPTED,
	[REMED_PENDING] = 1u << MOVE_CLOSED | 1u << MOVE_IN_PROGRESS | 1u << MOVE_RISK_ACCEPTED,
	[REMED_CLOSED] = 0,
	[REMED_RISK_ACCEPTED] = 0,
};

/* the order in which the allowed moves are listed */
static const enum remed_move move_order[] = {
	MOVE_IN_PROGRESS, MOVE_PENDING, MOVE_CLOSED, MOVE_EXTEND, MOVE_RISK_ACCEPTED,
};

int remed_move_parse(const char *s, enum remed_move *out)
{
	enum remed_status st;
	const char *p = s;
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	if ((n == strlen("展延") && strncmp(p, "展延", n) == 0) ||
	    (n == 8 && strncasecmp(p, "extended", n) == 0) ||
	    (n == 9 && strncasecmp(p, "extension", n) == 0) ||
	    (n == 6 && strncasecmp(p, "extend", n) == 0)) {
		*out = MOVE_EXTEND;
		return 0;
	}
	if (remed_status_parse(s, &st) < 0)
		return -1;
	*out = (enum remed_move)st;
	return 0;
}

const char *remed_move_label(enum remed_move m, int en)
{
	if (m == MOVE_EXTEND)
		return en ? "Extended" : "展延";
	return remed_status_label((enum remed_status)m, en);
}

static const char *move_code(enum remed_move m)
{
	return m == MOVE_EXTEND ? "extended" : remed_status_code((enum remed_status)m);
}

int remed_move_allowed(enum remed_status from, enum remed_move m)
{
	return from < REMED_NSTATUS && (allowed[from] >> m & 1u);
}

void remed_moves_describe(enum remed_status from, struct strbuf *sb)
{
	size_t i;
	int any = 0;

	for (i = 0; i < sizeof(move_order) / sizeof(move_order[0]); i++) {
		if (!remed_move_allowed(from, move_order[i]))
			continue;
		strbuf_addf(sb, "%s%s %s", any ? ", " : "", remed_move_label(move_order[i], 0),
			    move_code(move_order[i]));
		any = 1;
	}
	if (!any)
		strbuf_adds(sb, "none: tracking has ended");
}

static int fail(struct strbuf *err, const char *fmt, ...) JAUDIT_PRINTF(2, 3);

static int fail(struct strbuf *err, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		strbuf_adds(err, "out of memory");
	else
		strbuf_adds(err, s);
	free(s);
	return JAUDIT_EDATA;
}

/* --- the statements of an update, prepared once ------------------------------- */

int remed_writer_init(struct remed_writer *w, sqlite3 *db)
{
	memset(w, 0, sizeof(*w));
	w->db = db;
	if (db_prepare(db, &w->record,
		       "SELECT m.status, m.due, (SELECT max(date) FROM remediation_history h"
		       " WHERE h.record = m.id) FROM remediation m WHERE m.id = :id") < 0 ||
	    db_prepare(db, &w->year, "SELECT year FROM findings WHERE id = :id") < 0 ||
	    db_prepare(db, &w->seen,
		       "SELECT 1 FROM remediation_history WHERE record = :id AND date = :date"
		       " AND action = :action AND new_status = :new AND actor = :actor"
		       " AND note = :note AND evidence = :evidence AND approver = :approver"
		       " AND (:action <> 'extended' OR new_due = :due) LIMIT 1") < 0 ||
	    remed_history_prepare(db, &w->history) < 0 ||
	    db_prepare(db, &w->update,
		       "UPDATE remediation SET status = :status, due = :due,"
		       " due_policy = CASE WHEN :extended THEN 0 ELSE due_policy END WHERE id = :id") < 0) {
		remed_writer_release(w);
		return JAUDIT_EDATA;
	}
	return 0;
}

void remed_writer_release(struct remed_writer *w)
{
	db_finalize(w->record);
	db_finalize(w->year);
	db_finalize(w->seen);
	db_finalize(w->history);
	db_finalize(w->update);
	memset(w, 0, sizeof(*w));
}

/* A record that is not there: a finding not yet synced, or no finding at all. */
static int missing_record(struct remed_writer *w, const char *id, struct strbuf *err)
{
	sqlite3_stmt *st = w->year;
	int rc, year = 0;

	db_bind_text(st, ":id", id);
	rc = db_step(st);
	if (rc == SQLITE_ROW)
		year = sqlite3_column_int(st, 0);
	db_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(err, "cannot read the findings");
	if (year)
		return fail(err, "'%s' has no remediation record yet; run 'jaudit track sync --year %d' first",
			    id, year);
	return fail(err, "'%s' is not a tracked finding; expected an id such as 115-07-C01 or 115-07-S03-K1", id);
}

/* The optional texts of an update (note, evidence, approver, actor): NULL reads as "". */
static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* 1 if a text the update needs is not given (NULL or ""). */
static int missing(const char *s)
{
	return !s || !*s;
}

/*
 * 1 if the history already holds exactly this update (the same day, move,
 * reporter, note, evidence, approver and new due date): an agency's form
 * sent again, or a `track set` repeated.  0 if not, JAUDIT_EDATA on error.
 */
static int already_recorded(struct remed_writer *w, const struct remed_update *u)
{
	sqlite3_stmt *st = w->seen;
	char iso[DATE_ISO_LEN], due[DATE_ISO_LEN];
	int rc;

	date_iso(u->date, iso);
	date_iso(u->due, due);
	db_bind_text(st, ":id", u->id);
	db_bind_text(st, ":date", iso);
	db_bind_text(st, ":action", u->move == MOVE_EXTEND ? "extended" : "status");
	db_bind_text(st, ":new", u->move == MOVE_EXTEND ? remed_status_code(REMED_IN_PROGRESS)
							  : remed_status_code((enum remed_status)u->move));
	db_bind_text(st, ":actor", or_empty(u->actor));
	db_bind_text(st, ":note", or_empty(u->note));
	db_bind_text(st, ":evidence", or_empty(u->evidence));
	db_bind_text(st, ":approver", or_empty(u->approver));
	db_bind_text(st, ":due", due);
	rc = db_step(st);
	db_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

/* "remediation record ID, COLUMN" into buf (128 bytes), for DATE_FROM_DB_BAD. */
static const char *bad_what(const char *id, const char *column, char *buf)
{
	snprintf(buf, 128, "remediation record %s, %s", id, column);
	return buf;
}

/* The record's state before the update: its status, due date and last change. */
struct record_state {
	enum remed_status from;
	struct jdate due, last;
};

/*
 * Read the record u->id into *rs.  0 if it is there; otherwise the error
 * (no id, no such record, not synced yet, a damaged row) is in err.
 */
static int read_record(struct remed_writer *w, const char *id, struct record_state *rs,
		       struct strbuf *err)
{
	char what[128];
	sqlite3_stmt *st = w->record;
	enum remed_move m = MOVE_OPEN;
	int rc, found = 0;

	rs->from = REMED_OPEN;
	rs->last = (struct jdate){ 0, 0, 0 };
	if (missing(id))
		return fail(err, "the finding id (追蹤編號) is missing; expected an id such as 115-07-C01");
	db_bind_text(st, ":id", id);
	rc = db_step(st);
	if (rc == SQLITE_ROW) {
		found = 1;
		if (remed_move_parse(db_text(st, 0), &m) < 0 || m == MOVE_EXTEND) {
			fail(err, "record '%s' is damaged in the database; run 'jaudit check'", id);
			rc = JAUDIT_EDATA;
		} else if (date_from_db(db_text(st, 1), &rs->due) < 0) {
			fail(err, DATE_FROM_DB_BAD, bad_what(id, "due", what), db_text(st, 1));
			rc = JAUDIT_EDATA;
		} else if (sqlite3_column_type(st, 2) != SQLITE_NULL &&
			   date_from_db(db_text(st, 2), &rs->last) < 0) {
			fail(err, DATE_FROM_DB_BAD, bad_what(id, "history date", what), db_text(st, 2));
			rc = JAUDIT_EDATA;
		}
		rs->from = (enum remed_status)m;
	}
	db_reset(st);
	if (rc == JAUDIT_EDATA)
		return JAUDIT_EDATA;
	if (!found && rc != SQLITE_DONE)
		return fail(err, "cannot read the remediation records");
	if (!found)
		return missing_record(w, id, err);
	return 0;
}

/* The update's date against today and the record's last change. */
static int check_date(const struct remed_update *u, const struct record_state *rs,
		      struct jdate today, struct strbuf *err)
{
	char buf[DATE_ROC_LEN], buf2[DATE_ROC_LEN];

	if (date_cmp(u->date, today) > 0) {
		date_roc_slash(u->date, buf);
		date_roc_slash(today, buf2);
		return fail(err, "%s: the date %s is after today (%s); an update is recorded when it happened",
			    u->id, buf, buf2);
	}
	if (rs->last.y && date_cmp(u->date, rs->last) < 0) {
		date_roc_slash(u->date, buf);
		date_roc_slash(rs->last, buf2);
		return fail(err, "%s: the date %s is before the record's last change on %s; updates are recorded in order",
			    u->id, buf, buf2);
	}
	return 0;
}

/*
 * Whether the move is allowed from rs->from with what it needs (the new due
 * date and reason of 展延, the reason and approver of 風險接受); the status
 * and due date after it in *to and *new_due.
 */
static int check_move(const struct remed_update *u, const struct record_state *rs,
		      enum remed_status *to, struct jdate *new_due, struct strbuf *err)
{
	char buf[DATE_ROC_LEN], buf2[DATE_ROC_LEN];
	struct strbuf moves = STRBUF_INIT;

	if (!remed_move_allowed(rs->from, u->move)) {
		remed_moves_describe(rs->from, &moves);
		fail(err, "%s: cannot move from %s %s to %s %s; allowed from %s: %s", u->id,
		     remed_status_label(rs->from, 0), remed_status_code(rs->from),
		     remed_move_label(u->move, 0), move_code(u->move),
		     remed_status_label(rs->from, 0), moves.buf);
		strbuf_release(&moves);
		return JAUDIT_EDATA;
	}
	*new_due = rs->due;
	if (u->move == MOVE_EXTEND) {
		if (!u->has_due)
			return fail(err, "%s: 展延 needs the new due date (新完成期限, --due)", u->id);
		if (date_cmp(u->due, rs->due) <= 0) {
			date_roc_slash(u->due, buf);
			date_roc_slash(rs->due, buf2);
			return fail(err, "%s: the new due date %s is not later than the current one, %s", u->id, buf, buf2);
		}
		if (missing(u->note))
			return fail(err, "%s: 展延 needs its reason in the note (說明, --note)", u->id);
		*new_due = u->due;
		*to = REMED_IN_PROGRESS;
		return 0;
	}
	if (u->has_due)
		return fail(err, "%s: a new due date is an extension; give the status 展延 with a reason", u->id);
	*to = (enum remed_status)u->move;
	if (*to == REMED_RISK_ACCEPTED && missing(u->note))
		return fail(err, "%s: 風險接受 needs its reason in the note (說明, --note)", u->id);
	if (*to == REMED_RISK_ACCEPTED && missing(u->approver))
		return fail(err, "%s: 風險接受 needs the approver (核准人, --approver)", u->id);
	return 0;
}

/* The history line and the record's new status and due date. */
static int write_update(struct remed_writer *w, const struct remed_update *u,
			const struct record_state *rs, enum remed_status to, struct jdate new_due,
			struct strbuf *err)
{
	char iso[DATE_ISO_LEN], iso2[DATE_ISO_LEN], iso3[DATE_ISO_LEN];
	struct remed_history_entry hist;
	sqlite3_stmt *st = w->update;
	int rc;

	date_iso(u->date, iso);
	date_iso(rs->due, iso2);
	date_iso(new_due, iso3);
	hist.record = u->id;
	hist.date = iso;
	hist.action = u->move == MOVE_EXTEND ? "extended" : "status";
	hist.actor = u->actor;
	hist.old_status = remed_status_code(rs->from);
	hist.new_status = remed_status_code(to);
	hist.old_due = iso2;
	hist.new_due = iso3;
	hist.note = or_empty(u->note);
	hist.evidence = or_empty(u->evidence);
	hist.approver = or_empty(u->approver);
	if (remed_history_add(w->history, &hist) < 0)
		return fail(err, "%s: the history could not be written", u->id);
	db_bind_text(st, ":status", remed_status_code(to));
	db_bind_text(st, ":due", iso3);
	db_bind_int(st, ":extended", u->move == MOVE_EXTEND);
	db_bind_text(st, ":id", u->id);
	rc = db_step(st);
	db_reset(st);
	if (rc != SQLITE_DONE)
		return fail(err, "%s: the record could not be written", u->id);
	return 0;
}

int remed_writer_apply(struct remed_writer *w, const struct remed_update *u, struct jdate today,
		       struct strbuf *err)
{
	struct record_state rs;
	enum remed_status to = REMED_OPEN;
	struct jdate new_due;
	int rc;

	rc = read_record(w, u->id, &rs, err);
	if (rc < 0)
		return rc;
	if (missing(u->actor))
		return fail(err, "%s: the person reporting (填報人) is missing", u->id);
	rc = already_recorded(w, u);
	if (rc < 0)
		return fail(err, "cannot read the history of '%s'", u->id);
	if (rc > 0)
		return REMED_UNCHANGED;
	if (check_date(u, &rs, today, err) < 0 || check_move(u, &rs, &to, &new_due, err) < 0)
		return JAUDIT_EDATA;
	return write_update(w, u, &rs, to, new_due, err);
}

int remed_update_apply(sqlite3 *db, const struct remed_update *u, struct jdate today,
		       struct strbuf *err)
{
	struct remed_writer w;
	int rc;

	if (remed_writer_init(&w, db) < 0)
		return fail(err, "cannot read the remediation records");
	rc = remed_writer_apply(&w, u, today, err);
	remed_writer_release(&w);
	return rc;
}

/* --- the updates form ---------------------------------------------------------- */

const struct csv_column remed_update_columns[REMED_UPDATE_NCOLS] = {
	[REMED_COL_ID] = { "追蹤編號|id|finding|finding_id", 1 },
	[REMED_COL_STATUS] = { "狀態|status", 1 },
	[REMED_COL_DATE] = { "日期|date", 1 },
	[REMED_COL_ACTOR] = { "填報人|actor|by|reported_by", 1 },
	[REMED_COL_NOTE] = { "說明|note|reason", 0 },
	[REMED_COL_EVIDENCE] = { "佐證|evidence", 0 },
	[REMED_COL_DUE] = { "新完成期限|due|new_due", 0 },
	[REMED_COL_APPROVER] = { "核准人|approver", 0 },
};

/* s without surrounding white space, into sb */
static const char *trimmed(struct strbuf *sb, const char *s)
{
	size_t n;

	strbuf_reset(sb);
	if (!s)
		return sb->buf;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	strbuf_add(sb, s, n);
	return sb->buf;
}

int remed_writer_row(struct remed_writer *w, const char *const fields[REMED_UPDATE_NCOLS],
		     struct jdate today, struct strbuf *err)
{
	struct strbuf f[REMED_UPDATE_NCOLS];
	struct remed_update u;
	int rc = JAUDIT_EDATA, i;

	for (i = 0; i < REMED_UPDATE_NCOLS; i++) {
		strbuf_init(&f[i]);
		trimmed(&f[i], fields[i]);
	}
	memset(&u, 0, sizeof(u));
	u.id = f[REMED_COL_ID].buf;
	u.actor = f[REMED_COL_ACTOR].buf;
	u.note = f[REMED_COL_NOTE].buf;
	u.evidence = f[REMED_COL_EVIDENCE].buf;
	u.approver = f[REMED_COL_APPROVER].buf;
	if (!*u.id) {
		strbuf_adds(err, "追蹤編號 is empty; expected a finding id such as 115-07-C01");
	} else if (remed_move_parse(f[REMED_COL_STATUS].buf, &u.move) < 0) {
		strbuf_addf(err, "%s: 狀態 '%s' is not a status; expected " REMED_MOVES_EXPECTED,
			    u.id, f[REMED_COL_STATUS].buf);
	} else if (date_parse(f[REMED_COL_DATE].buf, &u.date) < 0) {
		strbuf_addf(err, "%s: 日期 '%s' is not a date; expected a date such as 115/06/12",
			    u.id, f[REMED_COL_DATE].buf);
	} else if (*f[REMED_COL_DUE].buf && date_parse(f[REMED_COL_DUE].buf, &u.due) < 0) {
		strbuf_addf(err, "%s: 新完成期限 '%s' is not a date; expected a date such as 115/12/31",
			    u.id, f[REMED_COL_DUE].buf);
	} else {
		u.has_due = *f[REMED_COL_DUE].buf != '\0';
		rc = remed_writer_apply(w, &u, today, err);
	}
	for (i = 0; i < REMED_UPDATE_NCOLS; i++)
		strbuf_release(&f[i]);
	return rc;
}

int remed_update_row(sqlite3 *db, const char *const fields[REMED_UPDATE_NCOLS], struct jdate today,
		     struct strbuf *err)
{
	struct remed_writer w;
	int rc;

	if (remed_writer_init(&w, db) < 0)
		return fail(err, "cannot read the remediation records");
	rc = remed_writer_row(&w, fields, today, err);
	remed_writer_release(&w);
	return rc;
}

/*
 * The form kind (core/form.h) that `jaudit ingest --kind updates` and
 * `jaudit track import` both read through form_load(): each row goes
 * through remed_writer_row(), with the statements prepared once a file.
 */
struct updates_state {
	struct remed_writer w;
	struct jdate today;
};

static int updates_begin(struct form_ctx *c)
{
	struct updates_state *s = xcalloc(1, sizeof(*s));

	c->state = s;
	if (c->arg)
		s->today = *(const struct jdate *)c->arg;
	else if (date_today(&s->today) < 0)
		return JAUDIT_EDATA;
	if (remed_writer_init(&s->w, c->db) < 0)
		return form_error(c->log, 0, "cannot read the remediation records (the message above says why)");
	return 0;
}

static int updates_row(struct form_ctx *c)
{
	struct updates_state *s = c->state;
	const char *fields[REMED_UPDATE_NCOLS];
	struct strbuf err = STRBUF_INIT;
	int i, rc;

	for (i = 0; i < REMED_UPDATE_NCOLS; i++)
		fields[i] = form_field(c, i);
	rc = remed_writer_row(&s->w, fields, s->today, &err);
	if (rc < 0)
		form_error(c->log, c->line, "%s", err.buf);
	else if (rc == REMED_UNCHANGED)
		c->unchanged++;
	else
		c->added++;
	strbuf_release(&err);
	return rc < 0 ? rc : 0;
}

/* A form with its header row and nothing below it is refused. */
static int updates_end(struct form_ctx *c)
{
	if (c->added + c->unchanged == 0)
		return form_error(c->log, 0, "no updates below the header; expected one row per finding");
	return 0;
}

static void updates_release(struct form_ctx *c)
{
	struct updates_state *s = c->state;

	if (s)
		remed_writer_release(&s->w);
	free(s);
	c->state = NULL;
}

const struct form_kind remed_updates_form = {
	"updates", "remediation updates", remed_update_columns, REMED_UPDATE_NCOLS, -1, -1, NULL,
	updates_begin, updates_row, updates_end, updates_release,
};

int remed_updates_read_fp(sqlite3 *db, FILE *fp, const char *name, enum csv_encoding enc,
			  struct jdate today, struct strbuf *err, unsigned *applied, unsigned *unchanged)
{
	struct form_source src;
	struct form_log log;
	struct form_ctx counts;
	const char *p;
	int rc;

	memset(&src, 0, sizeof(src));
	memset(&counts, 0, sizeof(counts));
	src.path = name;
	src.fp = fp;
	src.enc = enc;
	src.arg = &today;
	form_log_init(&log, name);
	rc = form_load(db, &remed_updates_form, &src, &log, &counts);
	/* the log's lines without their "jaudit: " */
	for (p = log.text.buf ? log.text.buf : ""; *p;) {
		size_t n = strcspn(p, "\n");

		if (strncmp(p, "jaudit: ", 8) == 0 && n >= 8) {
			p += 8;
			n -= 8;
		}
		if (strncmp(p, "warning: ", 9) != 0)
			strbuf_addf(err, "%.*s\n", (int)n, p);
		p += n;
		if (*p)
			p++;
	}
	form_log_release(&log);
	if (applied)
		*applied = rc == 0 ? (unsigned)counts.added : 0;
	if (unchanged)
		*unchanged = rc == 0 ? (unsigned)counts.unchanged : 0;
	return rc;
}
