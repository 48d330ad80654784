/*
 * remed_policy.c - the due-date policy and the synchronisation of
 * remediation records with the findings (remed_policy.h).
 */
#include "remed_policy.h"
#include "../core/db.h"
#include "../core/err.h"
#include "../core/rating.h"
#include "remediation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct remed_policy_def remed_policy_defs[POLICY_NKEYS] = {
	[POLICY_REPORT_MONTHS] = { "report_months", "稽核報告：稽核後幾個月內提出",
				   "audit report due, months after the audit", 1, 1 },
	[POLICY_PLAN_MONTHS] = { "plan_months", "改善計畫：報告後幾個月內提出",
				 "improvement plan due, months after the report", 1, 1 },
	[POLICY_NONCOMPLIANT_MONTHS] = { "noncompliant_months", "不符合事項：報告後幾個月內完成改善",
					 "不符合 measures due, months after the report", 1, 3 },
	[POLICY_PARTIAL_MONTHS] = { "partial_months", "部分符合事項：報告後幾個月內完成改善",
				    "部分符合 measures due, months after the report", 1, 6 },
	[POLICY_NOTIFY_MONTHS] = { "notify_months", "通知稽核日期：稽核前幾個月",
				   "vendor told the audit date, months before the audit", 1, 1 },
	[POLICY_DOCUMENTS_DAYS] = { "documents_days", "廠商交付資料：未另定期限時，稽核前幾日",
				    "vendor's documents due, days before the audit (unless set)", 0, 7 },
	[POLICY_CONTRACTS_DAYS] = { "contracts_days", "通知抽檢契約：稽核前幾日",
				    "sampled contracts announced, days before the audit", 0, 14 },
	[POLICY_SOON_DAYS] = { "soon_days", "即將到期：期限前幾日內",
			       "due soon: this many days before a deadline", 0, 14 },
};

int remed_policy_key_parse(const char *s, enum remed_policy_key *key)
{
	size_t i;

	for (i = 0; i < POLICY_NKEYS; i++)
		if (strcmp(s, remed_policy_defs[i].key) == 0) {
			*key = (enum remed_policy_key)i;
			return 0;
		}
	return -1;
}

int remed_policy_get(sqlite3 *db, struct remed_policy *p)
{
	sqlite3_stmt *st = NULL;
	enum remed_policy_key k;
	size_t i;
	int rc;

	for (i = 0; i < POLICY_NKEYS; i++)
		p->value[i] = remed_policy_defs[i].dflt;
	if (db_prepare(db, &st, "SELECT key, value FROM remed_policy") < 0)
		return JAUDIT_EDATA;
	while ((rc = db_step(st)) == SQLITE_ROW)
		if (remed_policy_key_parse(db_text(st, 0), &k) == 0)
			p->value[k] = sqlite3_column_int(st, 1);
	db_finalize(st);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

int remed_policy_set(sqlite3 *db, enum remed_policy_key key, int value)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (db_prepare(db, &st, "INSERT INTO remed_policy (key, value) VALUES (:key, :value)"
		       " ON CONFLICT (key) DO UPDATE SET value = excluded.value") < 0)
		return JAUDIT_EDATA;
	db_bind_text(st, ":key", remed_policy_defs[key].key);
	db_bind_int(st, ":value", value);
	rc = db_step(st);
	db_finalize(st);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

/*
 * The policy's plan and measures due dates of a finding, from its audit
 * date and the report's recorded date (report_done, "" when none is
 * recorded).  *report_iso (may be NULL) gets the recorded report date, or
 * "" when none is recorded, and
 * *base_due_iso (may be NULL) the measures due date counted from the
 * report's due date instead, so that a caller can tell a redate caused by
 * the recorded report from one caused by a change of the policy.
 */
static int policy_dues(const struct remed_policy *p, const char *session, const char *audit_iso,
		       const char *report_done, const char *rating, char *plan_iso, char *due_iso,
		       char *report_iso, char *base_due_iso)
{
	struct jdate audit, report;
	int months, recorded = 0;
	char what[128];

	snprintf(what, sizeof(what), "session %s, date", session);
	if (date_from_db_or_say(audit_iso, &audit, what) < 0)
		return JAUDIT_EDATA;
	report = date_add_months(audit, p->value[POLICY_REPORT_MONTHS]);
	if (*report_done) {
		snprintf(what, sizeof(what), "session %s, report milestone done", session);
		if (date_from_db_or_say(report_done, &report, what) < 0)
			return JAUDIT_EDATA;
		recorded = 1;
	}
	months = strcmp(rating, "noncompliant") == 0 ? p->value[POLICY_NONCOMPLIANT_MONTHS]
						     : p->value[POLICY_PARTIAL_MONTHS];
	date_iso(date_add_months(report, p->value[POLICY_PLAN_MONTHS]), plan_iso);
	date_iso(date_add_months(report, months), due_iso);
	if (report_iso) {
		if (recorded)
			date_iso(report, report_iso);
		else
			*report_iso = '\0';
	}
	if (base_due_iso)
		date_iso(date_add_months(date_add_months(audit, p->value[POLICY_REPORT_MONTHS]), months),
			 base_due_iso);
	return 0;
}

/* A history row of sync, through the one history writer (remediation.h). */
static int add_history(sqlite3_stmt *st, const char *id, const char *date, const char *action,
		       const char *old_status, const char *new_status,
		       const char *old_due, const char *new_due, const char *note)
{
	const struct remed_history_entry e = {
		id, date, action, REMED_SYNC_ACTOR, old_status, new_status, old_due, new_due,
		note, NULL, NULL,
	};

	return remed_history_add(st, &e);
}

/* open a record for each finding of the year that has none */
static int sync_open(sqlite3 *db, sqlite3_stmt *hist, int year, const struct remed_policy *p,
		     unsigned *opened)
{
	sqlite3_stmt *q = NULL, *ins = NULL;
	char plan[DATE_ISO_LEN], due[DATE_ISO_LEN];
	int rc;

	if (db_prepare(db, &q,
		       "SELECT f.id, f.session, f.item, f.ref, f.taxid, f.date, f.rating,"
		       " coalesce(c.agency, ''), coalesce(e.done, '') FROM findings f"
		       " LEFT JOIN session_contracts c ON c.session = f.session AND c.ref = f.ref"
		       " LEFT JOIN schedule_events e ON e.session = f.session AND e.milestone = 'report'"
		       " WHERE f.year = :year AND f.id NOT IN (SELECT id FROM remediation)"
		       " ORDER BY f.id") < 0 ||
	    db_prepare(db, &ins,
		       "INSERT INTO remediation (id, year, session, item, ref, taxid, owner, agency,"
		       " rating, status, due, plan_due) VALUES (:id, :year, :session, :item, :ref,"
		       " :taxid, :owner, :agency, :rating, 'open', :due, :plan)") < 0) {
		rc = JAUDIT_EDATA;
		goto end;
	}
	db_bind_int(q, ":year", year);
	while ((rc = db_step(q)) == SQLITE_ROW) {
		const char *id = db_text(q, 0), *ref = db_text(q, 3), *agency = db_text(q, 7);
		struct strbuf note = STRBUF_INIT;
		enum rating r = RATING_PARTIAL;

		if (*ref && !*agency) {
			rc = jerror("database: finding %s names contract %s, which session %s does not list",
				    id, ref, db_text(q, 1));
			break;
		}
		if (policy_dues(p, db_text(q, 1), db_text(q, 5), db_text(q, 8), db_text(q, 6), plan, due,
				NULL, NULL) < 0) {
			rc = JAUDIT_EDATA;
			break;
		}
		db_bind_text(ins, ":id", id);
		db_bind_int(ins, ":year", year);
		db_bind_text(ins, ":session", db_text(q, 1));
		db_bind_text(ins, ":item", db_text(q, 2));
		db_bind_text(ins, ":ref", ref);
		db_bind_text(ins, ":taxid", db_text(q, 4));
		db_bind_text(ins, ":owner", *ref ? agency : REMED_OWNER_CENTRAL);
		db_bind_text(ins, ":agency", agency);
		db_bind_text(ins, ":rating", db_text(q, 6));
		db_bind_text(ins, ":due", due);
		db_bind_text(ins, ":plan", plan);
		rc = db_step(ins);
		db_reset(ins);
		if (rc != SQLITE_DONE)
			break;
		rating_from_code(db_text(q, 6), &r);
		strbuf_addf(&note, "稽核結果%s，開始追蹤", rating_label(r, 0));
		rc = add_history(hist, id, db_text(q, 5), "opened", NULL, "open", NULL, due, note.buf);
		strbuf_release(&note);
		if (rc < 0)
			break;
		(*opened)++;
	}
end:
	db_finalize(q);
	db_finalize(ins);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

/* the later of today and the record's last change, so that history stays in order */
static void history_date(const char *today, const char *last, char *out)
{
	strcpy(out, strcmp(last, today) > 0 ? last : today);
}

/* The columns of sync_existing's query. */
enum { SX_ID, SX_SESSION, SX_STATUS, SX_DUE, SX_PLAN, SX_POLICY, SX_RATING, SX_NOW_RATING,
       SX_AUDIT, SX_AGENCY, SX_LAST_DATE, SX_LAST_ACTION, SX_REPORT };

/* One record's sync: the row of the query, and what it becomes. */
struct sync_row {
	sqlite3_stmt *q, *hist;
	const struct remed_policy *p;
	const char *today_iso;
	const char *id, *status, *now_rating;
	const char *new_status, *rating;	/* as it becomes */
	char cur_due[DATE_ISO_LEN], cur_plan[DATE_ISO_LEN];
	char plan[DATE_ISO_LEN], due[DATE_ISO_LEN], date[DATE_ISO_LEN];
};

/* The result is no longer a finding: closed as corrected. */
static int sync_corrected(struct sync_row *w, struct remed_sync_result *res)
{
	struct strbuf note = STRBUF_INIT;
	enum rating rt;
	int rc;

	if (!*w->now_rating)
		strbuf_adds(&note, "重新匯入之稽核結果已無此項目，自動結案");
	else if (rating_from_code(w->now_rating, &rt) == 0)
		strbuf_addf(&note, "重新匯入之稽核結果更正為%s，自動結案", rating_label(rt, 0));
	w->new_status = "closed";
	rc = add_history(w->hist, w->id, w->date, "corrected", w->status, w->new_status, w->cur_due,
			 w->cur_due, note.buf);
	res->corrected++;
	strbuf_release(&note);
	return rc;
}

/* A record closed as corrected whose result is a finding again: reopened. */
static int sync_reopened(struct sync_row *w, struct remed_sync_result *res)
{
	struct strbuf note = STRBUF_INIT;
	sqlite3_stmt *q = w->q;
	enum rating rt;
	int rc;

	w->rating = w->now_rating;
	if (sqlite3_column_int(q, SX_POLICY) &&
	    policy_dues(w->p, db_text(q, SX_SESSION), db_text(q, SX_AUDIT), db_text(q, SX_REPORT),
			w->rating, w->plan, w->due, NULL, NULL) < 0)
		return JAUDIT_EDATA;
	rating_from_code(w->now_rating, &rt);
	strbuf_addf(&note, "重新匯入之稽核結果再列為%s，重新追蹤", rating_label(rt, 0));
	w->new_status = "open";
	rc = add_history(w->hist, w->id, w->date, "reopened", w->status, w->new_status, w->cur_due,
			 w->due, note.buf);
	res->reopened++;
	strbuf_release(&note);
	return rc;
}

/* A record still tracked: its rating now, and its due dates as the policy says. */
static int sync_redated(struct sync_row *w, int is_finding, struct remed_sync_result *res)
{
	sqlite3_stmt *q = w->q;
	char report[DATE_ISO_LEN], base[DATE_ISO_LEN];
	int by_report, rc;

	if (is_finding)
		w->rating = w->now_rating;
	if (!sqlite3_column_int(q, SX_POLICY))
		return 0;
	if (policy_dues(w->p, db_text(q, SX_SESSION), db_text(q, SX_AUDIT), db_text(q, SX_REPORT),
			w->rating, w->plan, w->due, report, base) < 0)
		return JAUDIT_EDATA;
	if (strcmp(w->due, w->cur_due) == 0)
		return 0;
	/*
	 * Caused by the report's recorded date (the due date was the one
	 * counted from the report's due date): the change dates from the
	 * report, so that updates of the months since can still be entered.
	 * Caused by a change of the policy: today.
	 */
	by_report = *report && strcmp(w->cur_due, base) == 0;
	if (by_report)
		history_date(report, db_text(q, SX_LAST_DATE), w->date);
	rc = add_history(w->hist, w->id, w->date, "policy", w->status, w->status, w->cur_due, w->due,
			 by_report ? "依稽核報告提出日重新計算完成期限" : "依完成期限規則重新計算");
	res->redated++;
	return rc;
}

/* The record of the query's row against its result now; its history row, if any. */
static int sync_record(struct sync_row *w, struct remed_sync_result *res)
{
	sqlite3_stmt *q = w->q;
	int is_finding, ended;

	w->id = db_text(q, SX_ID);
	w->status = db_text(q, SX_STATUS);
	w->now_rating = db_text(q, SX_NOW_RATING);
	w->new_status = w->status;
	w->rating = db_text(q, SX_RATING);
	is_finding = strcmp(w->now_rating, "partial") == 0 || strcmp(w->now_rating, "noncompliant") == 0;
	ended = strcmp(w->status, "closed") == 0 || strcmp(w->status, "risk_accepted") == 0;
	snprintf(w->cur_due, sizeof(w->cur_due), "%s", db_text(q, SX_DUE));
	snprintf(w->cur_plan, sizeof(w->cur_plan), "%s", db_text(q, SX_PLAN));
	strcpy(w->plan, w->cur_plan);
	strcpy(w->due, w->cur_due);
	history_date(w->today_iso, db_text(q, SX_LAST_DATE), w->date);
	if (!ended && !is_finding)
		return sync_corrected(w, res);
	if (ended && is_finding && strcmp(db_text(q, SX_LAST_ACTION), "corrected") == 0)
		return sync_reopened(w, res);
	if (!ended)
		return sync_redated(w, is_finding, res);
	return 0;
}

/*
 * Records against the current results: close those whose result is no
 * longer a finding, reopen corrected ones that are findings again, and
 * redate those whose due dates follow the policy.
 */
static int sync_existing(sqlite3 *db, sqlite3_stmt *hist, int year, const struct remed_policy *p,
			 struct jdate today,
			 struct remed_sync_result *res)
{
	sqlite3_stmt *q = NULL, *upd = NULL;
	char today_iso[DATE_ISO_LEN];
	struct sync_row w;
	int rc;

	date_iso(today, today_iso);
	if (db_prepare(db, &q,
		       "SELECT m.id, m.session, m.status, m.due, m.plan_due, m.due_policy, m.rating,"
		       " r.rating, s.date, coalesce(c.agency, m.agency),"
		       " (SELECT max(date) FROM remediation_history h WHERE h.record = m.id),"
		       " (SELECT action FROM remediation_history h WHERE h.record = m.id"
		       "  ORDER BY date DESC, seq DESC LIMIT 1), coalesce(e.done, '')"
		       " FROM remediation m JOIN sessions s ON s.id = m.session"
		       " LEFT JOIN schedule_events e ON e.session = m.session AND e.milestone = 'report'"
		       " LEFT JOIN results r ON r.session = m.session AND r.item = m.item AND r.ref = m.ref"
		       " LEFT JOIN session_contracts c ON c.session = m.session AND c.ref = m.ref"
		       " WHERE m.year = :year ORDER BY m.id") < 0 ||
	    db_prepare(db, &upd,
		       "UPDATE remediation SET status = :status, due = :due, plan_due = :plan,"
		       " rating = :rating, agency = :agency,"
		       " owner = CASE WHEN ref = '' THEN owner ELSE :agency END WHERE id = :id") < 0) {
		rc = JAUDIT_EDATA;
		goto end;
	}
	memset(&w, 0, sizeof(w));
	w.q = q;
	w.hist = hist;
	w.p = p;
	w.today_iso = today_iso;
	db_bind_int(q, ":year", year);
	while ((rc = db_step(q)) == SQLITE_ROW) {
		if (sync_record(&w, res) < 0) {
			rc = JAUDIT_EDATA;
			break;
		}
		db_bind_text(upd, ":status", w.new_status);
		db_bind_text(upd, ":due", w.due);
		db_bind_text(upd, ":plan", w.plan);
		db_bind_text(upd, ":rating", w.rating);
		db_bind_text(upd, ":agency", db_text(q, SX_AGENCY));
		db_bind_text(upd, ":id", w.id);
		rc = db_step(upd);
		db_reset(upd);
		if (rc != SQLITE_DONE)
			break;
		res->tracked++;
	}
end:
	db_finalize(q);
	db_finalize(upd);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

int remed_sync(sqlite3 *db, int year, struct jdate today, struct remed_sync_result *res)
{
	struct remed_policy p;
	sqlite3_stmt *hist = NULL;
	unsigned opened = 0;
	int rc;

	memset(res, 0, sizeof(*res));
	rc = remed_policy_get(db, &p) < 0 || remed_history_prepare(db, &hist) < 0 ||
	     sync_existing(db, hist, year, &p, today, res) < 0 ||
	     sync_open(db, hist, year, &p, &opened) < 0 ? JAUDIT_EDATA : 0;
	db_finalize(hist);
	if (rc < 0)
		return rc;
	res->opened = opened;
	res->tracked += opened;
	return 0;
}
