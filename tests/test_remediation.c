/*
 * Unit tests for track/remediation.c and track/remed_policy.c: status names,
 * due dates by calendar months, sync (idempotent, auto-close, reopen,
 * redate), records as of a date, the summary with its Kaplan-Meier figures
 * against R, and the burn-down.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "../track/remed_policy.h"
#include "../track/remed_update.h"
#include "../track/remediation.h"
#include "track_fixture.h"

static const struct jdate today = { 2026, 11, 20 };

static int setup(void **state)
{
	sqlite3 *db = track_fixture_open();

	if (!db)
		return -1;
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	return 0;
}

static void sync(sqlite3 *db, struct remed_sync_result *res)
{
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(remed_sync(db, 115, today, res), 0);
	assert_int_equal(db_commit(db), 0);
}

static long long count(sqlite3 *db, const char *sql)
{
	long long v = -1;

	assert_int_equal(db_int(db, sql, &v), 0);
	return v;
}

static void text_is(sqlite3 *db, const char *sql, const char *expect)
{
	sqlite3_stmt *st;

	assert_int_equal(db_prepare(db, &st, sql), 0);
	assert_int_equal(db_step(st), SQLITE_ROW);
	assert_string_equal(db_text(st, 0), expect);
	db_finalize(st);
}

/* apply an update that must succeed; due may be NULL */
static void set_due(sqlite3 *db, const char *id, const char *status, struct jdate d, const char *note,
		    const char *approver, const struct jdate *due)
{
	struct remed_update u;
	struct strbuf err = STRBUF_INIT;

	memset(&u, 0, sizeof(u));
	u.id = id;
	assert_int_equal(remed_move_parse(status, &u.move), 0);
	u.date = d;
	u.actor = "tester";
	u.note = note;
	u.approver = approver;
	if (due) {
		u.has_due = 1;
		u.due = *due;
	}
	if (remed_update_apply(db, &u, today, &err) != 0)
		fail_msg("%s", err.buf);
	strbuf_release(&err);
}

static void set(sqlite3 *db, const char *id, const char *status, struct jdate d, const char *note,
		const char *approver)
{
	set_due(db, id, status, d, note, approver, NULL);
}

/* open -> in_progress -> pending -> closed, closing on day d */
static void close_on(sqlite3 *db, const char *id, struct jdate d)
{
	set(db, id, "改善中", date_add_days(d, -2), "", "");
	set(db, id, "待驗證", date_add_days(d, -1), "", "");
	set(db, id, "已結案", d, "", "");
}

static void test_status_names(void **state)
{
	enum remed_status s;

	(void)state;
	assert_string_equal(remed_status_label(REMED_OPEN, 0), "待改善");
	assert_string_equal(remed_status_label(REMED_PENDING, 0), "待驗證");
	assert_string_equal(remed_status_label(REMED_RISK_ACCEPTED, 1), "Risk accepted");
	assert_string_equal(remed_status_code(REMED_IN_PROGRESS), "in_progress");
	assert_int_equal(remed_status_parse("已結案", &s), 0);
	assert_int_equal(s, REMED_CLOSED);
	assert_int_equal(remed_status_parse("In progress", &s), 0);
	assert_int_equal(s, REMED_IN_PROGRESS);
	assert_int_equal(remed_status_parse("展延", &s), -1);	/* a move, not a status */
	assert_int_equal(remed_status_ended(REMED_CLOSED), 1);
	assert_int_equal(remed_status_ended(REMED_RISK_ACCEPTED), 1);
	assert_int_equal(remed_status_ended(REMED_PENDING), 0);
	assert_int_equal(remed_aging_bucket(0), 0);
	assert_int_equal(remed_aging_bucket(1), 1);
	assert_int_equal(remed_aging_bucket(30), 1);
	assert_int_equal(remed_aging_bucket(31), 2);
	assert_int_equal(remed_aging_bucket(90), 2);
	assert_int_equal(remed_aging_bucket(91), 3);
}

static void test_sync_opens_one_record_per_finding_with_owners(void **state)
{
	sqlite3 *db = *state;
	struct remed_sync_result res;

	sync(db, &res);
	assert_int_equal(res.opened, 7);
	assert_int_equal(res.tracked, 7);
	/* common items: 資安署; contract-specific: that contract's agency (seed §10) */
	text_is(db, "SELECT group_concat(id || '=' || owner, ' ') FROM (SELECT * FROM remediation ORDER BY id)",
		"115-01-C01=資安署 115-01-C02=資安署 115-01-S03-K1=數位發展部 115-01-S05-K2=衛生福利部 "
		"115-02-C04=資安署 115-02-S01-K1=衛生福利部 115-03-C01=資安署");
	text_is(db, "SELECT group_concat(agency, '|') FROM (SELECT agency FROM remediation ORDER BY id)",
		"||數位發展部|衛生福利部||衛生福利部|");
	/* the opening row of each history is dated the audit */
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history h JOIN remediation m ON m.id = h.record"
			       " JOIN sessions s ON s.id = m.session WHERE h.action = 'opened' AND h.date = s.date"), 7);
}

/*
 * Due dates by calendar months: report = audit + 1 month, plan = report + 1,
 * 不符合 = report + 3, 部分符合 = report + 6.  Session 115-02 is audited on
 * 2026-07-31: report 08-31, plan 09-30 (clamped), 不符合 11-30 (clamped),
 * 部分符合 2027-02-28 (clamped, 2027 is not a leap year).
 */
static void test_due_dates_clamp_at_month_ends(void **state)
{
	sqlite3 *db = *state;
	struct remed_sync_result res;

	sync(db, &res);
	text_is(db, "SELECT plan_due || ' ' || due FROM remediation WHERE id = '115-02-S01-K1'", "2026-09-30 2026-11-30");
	text_is(db, "SELECT plan_due || ' ' || due FROM remediation WHERE id = '115-02-C04'", "2026-09-30 2027-02-28");
	text_is(db, "SELECT plan_due || ' ' || due FROM remediation WHERE id = '115-01-C01'", "2026-07-20 2026-09-20");
	text_is(db, "SELECT plan_due || ' ' || due FROM remediation WHERE id = '115-01-C02'", "2026-07-20 2026-12-20");
}

/* 116: audit 2027-07-31, report 2027-08-31, 部分符合 + 6 months = 2028-02-29 (a leap year) */
static void test_due_dates_reach_february_29_in_a_leap_year(void **state)
{
	sqlite3 *db = *state;
	struct remed_sync_result res;

	assert_int_equal(db_exec(db,
		"INSERT INTO vendor_years (year, taxid, candidate, selected) VALUES (116, '22099131', 1, 1);"
		"INSERT INTO sessions (id, year, taxid, date, lead) VALUES ('116-01', 116, '22099131', '2027-07-31', '王大明');"
		"INSERT INTO results (session, item, rating, finding) VALUES ('116-01', 'C01', 'partial', 'x'),"
		" ('116-01', 'C02', 'noncompliant', 'y')"), 0);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(remed_sync(db, 116, today, &res), 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(res.opened, 2);
	text_is(db, "SELECT due FROM remediation WHERE id = '116-01-C01'", "2028-02-29");
	text_is(db, "SELECT due FROM remediation WHERE id = '116-01-C02'", "2027-11-30");
	/* and the month arithmetic itself, Jan 31 + 1 month */
	{
		struct jdate d = date_add_months(track_date(2028, 1, 31), 1);
		struct jdate e = date_add_months(track_date(2026, 1, 31), 1);

		assert_int_equal(d.m * 100 + d.d, 229);
		assert_int_equal(e.m * 100 + e.d, 228);
	}
}

static void test_sync_is_idempotent(void **state)
{
	sqlite3 *db = *state;
	struct remed_sync_result res;
	long long hist;

	sync(db, &res);
	hist = count(db, "SELECT count(*) FROM remediation_history");
	sync(db, &res);
	assert_int_equal(res.opened, 0);
	assert_int_equal(res.corrected, 0);
	assert_int_equal(res.reopened, 0);
	assert_int_equal(res.redated, 0);
	assert_int_equal(res.tracked, 7);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history"), hist);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation"), 7);
}

/*
 * A re-ingest that rates 115-01-C02 符合 rewrites the results (ingest deletes
 * and re-inserts a session's results): the record is closed with the reason,
 * never deleted; made a finding again, it is reopened.
 */
static void test_a_corrected_finding_is_closed_then_reopened(void **state)
{
	sqlite3 *db = *state;
	struct remed_sync_result res;

	sync(db, &res);
	set(db, "115-01-C02", "改善中", track_date(2026, 7, 1), "", "");
	assert_int_equal(db_exec(db, "UPDATE results SET rating = 'compliant', finding = '' WHERE session = '115-01' AND item = 'C02'"), 0);
	assert_int_equal(db_exec(db, "DELETE FROM results WHERE session = '115-01' AND item = 'S03' AND ref = 'K1'"), 0);
	sync(db, &res);
	assert_int_equal(res.corrected, 2);
	assert_int_equal(res.tracked, 7);
	text_is(db, "SELECT status FROM remediation WHERE id = '115-01-C02'", "closed");
	text_is(db, "SELECT action || ' ' || old_status || ' ' || new_status || ' ' || date || ' ' || actor || ' ' || note"
		" FROM remediation_history WHERE record = '115-01-C02' ORDER BY seq DESC LIMIT 1",
		"corrected in_progress closed 2026-11-20 jaudit track sync 重新匯入之稽核結果更正為符合，自動結案");
	text_is(db, "SELECT note FROM remediation_history WHERE record = '115-01-S03-K1' ORDER BY seq DESC LIMIT 1",
		"重新匯入之稽核結果已無此項目，自動結案");
	/* idempotent after the correction too */
	sync(db, &res);
	assert_int_equal(res.corrected, 0);
	/* the finding is back (不符合 this time) */
	assert_int_equal(db_exec(db, "UPDATE results SET rating = 'noncompliant', finding = '仍未檢討' WHERE session = '115-01' AND item = 'C02'"), 0);
	sync(db, &res);
	assert_int_equal(res.reopened, 1);
	text_is(db, "SELECT status || ' ' || rating || ' ' || due FROM remediation WHERE id = '115-01-C02'",
		"open noncompliant 2026-09-20");
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history WHERE record = '115-01-C02'"), 4);
}

/* A policy change, or a recorded report date, redates what follows the policy; an extension keeps its date. */
static void test_policy_changes_redate_records_that_follow_it(void **state)
{
	sqlite3 *db = *state;
	struct remed_sync_result res;
	struct remed_policy p;

	sync(db, &res);
	set_due(db, "115-01-C02", "展延", track_date(2026, 8, 1), "需採購", "", &(struct jdate){ 2027, 3, 31 });
	set_due(db, "115-01-S05-K2", "展延", track_date(2026, 8, 1), "n", "", &(struct jdate){ 2026, 10, 31 });
	assert_int_equal(remed_policy_get(db, &p), 0);
	assert_int_equal(p.value[POLICY_NONCOMPLIANT_MONTHS], 3);
	assert_int_equal(p.value[POLICY_PARTIAL_MONTHS], 6);
	assert_int_equal(remed_policy_set(db, POLICY_PARTIAL_MONTHS, 4), 0);
	sync(db, &res);
	/* 部分符合 records following the policy: 115-01-S03-K1, 115-02-C04, 115-03-C01 */
	assert_int_equal(res.redated, 3);
	text_is(db, "SELECT due FROM remediation WHERE id = '115-01-S03-K1'", "2026-10-20");
	text_is(db, "SELECT due FROM remediation WHERE id = '115-02-C04'", "2026-12-31");
	/* the report of 115-03 went out on 2026-09-10: its findings count from then */
	assert_int_equal(db_exec(db, "INSERT INTO schedule_events (session, milestone, done) VALUES ('115-03', 'report', '2026-09-10')"), 0);
	sync(db, &res);
	assert_int_equal(res.redated, 1);
	text_is(db, "SELECT plan_due || ' ' || due FROM remediation WHERE id = '115-03-C01'", "2026-10-10 2027-01-10");
	text_is(db, "SELECT action || ' ' || old_due || ' ' || new_due FROM remediation_history"
		" WHERE record = '115-03-C01' ORDER BY seq DESC LIMIT 1", "policy 2027-01-28 2027-01-10");
	/* the extended records kept their dates */
	text_is(db, "SELECT due FROM remediation WHERE id = '115-01-S05-K2'", "2026-10-31");
	text_is(db, "SELECT due FROM remediation WHERE id = '115-01-C02'", "2027-03-31");
	assert_int_equal(remed_policy_key_parse("partial_months", &(enum remed_policy_key){ 0 }), 0);
	assert_int_equal(remed_policy_key_parse("partial", &(enum remed_policy_key){ 0 }), -1);
	/* the schema bounds the values */
	assert_int_equal(db_exec(db, "UPDATE remed_policy SET value = 500 WHERE key = 'plan_months'"), JAUDIT_EDATA);
}

static void test_state_as_of_a_date_comes_from_the_history(void **state)
{
	sqlite3 *db = *state;
	struct remed_sync_result res;
	struct remed_set s;
	enum remed_status st;
	struct jdate due, since;
	size_t i;
	const struct remed_record *r = NULL;

	sync(db, &res);
	set(db, "115-01-C01", "改善中", track_date(2026, 6, 15), "", "");
	set_due(db, "115-01-C01", "展延", track_date(2026, 9, 1), "需採購", "", &(struct jdate){ 2026, 12, 31 });
	assert_int_equal(remed_load(db, 115, &s), 0);
	assert_int_equal(s.n, 7);
	for (i = 0; i < s.n; i++)
		if (strcmp(s.recs[i].id, "115-01-C01") == 0)
			r = &s.recs[i];
	assert_non_null(r);
	assert_string_equal(r->vendor, "甲資訊股份有限公司");
	assert_string_equal(r->finding, "機房進出未留存紀錄");
	assert_int_equal(r->nevents, 3);
	/* before the audit: no record yet */
	assert_int_equal(remed_state_at(r, track_date(2026, 5, 19), &st, &due, &since), 0);
	assert_int_equal(remed_state_at(r, track_date(2026, 6, 14), &st, &due, &since), 1);
	assert_int_equal(st, REMED_OPEN);
	assert_int_equal(remed_days_overdue(st, due, track_date(2026, 6, 14)), 0);
	assert_int_equal(remed_state_at(r, track_date(2026, 8, 31), &st, &due, &since), 1);
	assert_int_equal(st, REMED_IN_PROGRESS);
	assert_int_equal(date_cmp(due, track_date(2026, 9, 20)), 0);
	assert_int_equal(date_cmp(since, track_date(2026, 6, 15)), 0);
	/* after the extension: still 改善中, due 2026-12-31, not overdue */
	assert_int_equal(remed_state_at(r, track_date(2026, 11, 20), &st, &due, &since), 1);
	assert_int_equal(st, REMED_IN_PROGRESS);
	assert_int_equal(date_cmp(due, track_date(2026, 12, 31)), 0);
	assert_int_equal(remed_days_overdue(st, due, track_date(2026, 11, 20)), 0);
	assert_int_equal(date_cmp(since, track_date(2026, 6, 15)), 0);	/* still 改善中 since June */
	assert_int_equal(remed_days_overdue(REMED_OPEN, track_date(2026, 9, 20), track_date(2026, 11, 20)), 61);
	assert_int_equal(remed_days_overdue(REMED_CLOSED, track_date(2026, 9, 20), track_date(2026, 11, 20)), 0);
	remed_set_release(&s);
}

/*
 * History dates never go backwards (jaudit check relies on it).  A redate
 * caused by the report's recorded date is dated the report, so that the
 * updates of the months since can still be entered; one caused by a
 * change of the policy is dated the day sync ran, and earlier updates are
 * then refused.
 */
static void test_redates_are_dated_by_their_cause(void **state)
{
	sqlite3 *db = *state;
	struct remed_sync_result res;
	struct remed_update u;
	struct strbuf err = STRBUF_INIT;

	sync(db, &res);
	/* 115-01's report went out on 2026-06-25 */
	assert_int_equal(db_exec(db, "INSERT INTO schedule_events (session, milestone, done) VALUES ('115-01', 'report', '2026-06-25')"), 0);
	sync(db, &res);
	assert_int_equal(res.redated, 4);
	text_is(db, "SELECT date || ' ' || old_due || ' ' || new_due || ' ' || note FROM remediation_history"
		" WHERE record = '115-01-C01' ORDER BY seq DESC LIMIT 1",
		"2026-06-25 2026-09-20 2026-09-25 依稽核報告提出日重新計算完成期限");
	set(db, "115-01-C01", "改善中", track_date(2026, 7, 1), "", "");
	/* the policy changes today (2026-11-20): the 部分符合 records are redated today */
	assert_int_equal(remed_policy_set(db, POLICY_PARTIAL_MONTHS, 5), 0);
	sync(db, &res);
	text_is(db, "SELECT date || ' ' || old_due || ' ' || new_due || ' ' || note FROM remediation_history"
		" WHERE record = '115-01-C02' ORDER BY seq DESC LIMIT 1",
		"2026-11-20 2026-12-25 2026-11-25 依完成期限規則重新計算");
	memset(&u, 0, sizeof(u));
	u.id = "115-01-C02";
	u.move = MOVE_IN_PROGRESS;
	u.date = track_date(2026, 8, 1);
	u.actor = "x";
	assert_int_equal(remed_update_apply(db, &u, today, &err), JAUDIT_EDATA);
	assert_string_equal(err.buf, "115-01-C02: the date 115/08/01 is before the record's last change on 115/11/20; updates are recorded in order");
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history a JOIN remediation_history b"
			       " ON a.record = b.record AND a.seq < b.seq AND a.date > b.date"), 0);
	strbuf_release(&err);
}

/*
 * Seven records, as of 2026-11-20 (days from the audit):
 *   115-01-C01 closed 2026-08-18 (90), 115-01-C02 closed 2026-09-17 (120),
 *   115-01-S03-K1 風險接受 2026-07-19 (60, censored), 115-01-S05-K2 open (184+),
 *   115-02-C04 closed 2026-10-29 (90), 115-02-S01-K1 open (112+),
 *   115-03-C01 closed 2026-10-27 (60).
 * R 4.x: library(survival); f <- survfit(Surv(c(90,120,60,184,90,112,60),
 *   c(1,1,0,0,1,0,1)) ~ 1); f$surv, f$std.err * f$surv, f$lower, median:
 *   t 60 90 112 120 184; n.risk 7 5 3 2 1; surv 0.8571428571 0.5142857143
 *   0.5142857143 0.2571428571 0.2571428571; se 0.1322600143 0.2038692773
 *   0.2038692773 0.2084511814 0.2084511814; lower 0.63344652901
 *   0.23647081217 0.23647081217 0.05249929616 0.05249929616; upper 1;
 *   median 120.
 */
static void test_summary_counts_aging_and_kaplan_meier_against_r(void **state)
{
	static const double t[] = { 60, 90, 112, 120, 184 };
	static const unsigned risk[] = { 7, 5, 3, 2, 1 }, ev[] = { 1, 2, 0, 1, 0 }, cens[] = { 1, 0, 1, 0, 1 };
	static const double surv[] = { 0.8571428571, 0.5142857143, 0.5142857143, 0.2571428571, 0.2571428571 };
	static const double se[] = { 0.1322600143, 0.2038692773, 0.2038692773, 0.2084511814, 0.2084511814 };
	static const double lo[] = { 0.63344652901, 0.23647081217, 0.23647081217, 0.05249929616, 0.05249929616 };
	sqlite3 *db = *state;
	struct remed_sync_result res;
	struct remed_summary s;
	size_t i;

	sync(db, &res);
	close_on(db, "115-01-C01", track_date(2026, 8, 18));
	close_on(db, "115-01-C02", track_date(2026, 9, 17));
	set(db, "115-01-S03-K1", "風險接受", track_date(2026, 7, 19), "系統汰換", "王署長");
	close_on(db, "115-02-C04", track_date(2026, 10, 29));
	close_on(db, "115-03-C01", track_date(2026, 10, 27));
	assert_int_equal(remed_summary(db, 115, today, &s), 0);
	assert_int_equal(s.total, 7);
	/* open: 115-01-S05-K2 due 2026-09-20 (61 days late), 115-02-S01-K1 due 2026-11-30 */
	assert_int_equal(s.overdue, 1);
	assert_int_equal(s.aging[0], 1);
	assert_int_equal(s.aging[1], 0);
	assert_int_equal(s.aging[2], 1);
	assert_int_equal(s.aging[3], 0);
	assert_int_equal(s.nowners, 3);
	assert_string_equal(s.owners[0].owner, "資安署");
	assert_int_equal(s.owners[0].count[REMED_CLOSED], 4);
	assert_string_equal(s.owners[1].owner, "數位發展部");
	assert_int_equal(s.owners[1].count[REMED_RISK_ACCEPTED], 1);
	assert_string_equal(s.owners[2].owner, "衛生福利部");
	assert_int_equal(s.owners[2].count[REMED_OPEN], 2);
	assert_int_equal(s.owners[2].overdue, 1);
	assert_int_equal(s.km_n, 7);
	assert_int_equal(s.km_events, 4);
	assert_int_equal(s.nkm, 5);
	for (i = 0; i < 5; i++) {
		assert_true(fabs(s.km[i].time - t[i]) < 1e-12);
		assert_int_equal(s.km[i].n_risk, risk[i]);
		assert_int_equal(s.km[i].n_event, ev[i]);
		assert_int_equal(s.km[i].n_censor, cens[i]);
		assert_true(fabs(s.km[i].surv - surv[i]) < 1e-9);
		assert_true(fabs(s.km[i].se - se[i]) < 1e-9);
		assert_true(fabs(s.km[i].lower - lo[i]) < 1e-9);
		assert_true(fabs(s.km[i].upper - 1) < 1e-12);
	}
	assert_true(fabs(s.km_median - 120) < 1e-12);
	remed_summary_release(&s);

	/* as of 2026-09-01 only C01 had closed (90 days); median not reached */
	assert_int_equal(remed_summary(db, 115, track_date(2026, 9, 1), &s), 0);
	assert_int_equal(s.total, 7);	/* 115-03 was audited on 2026-08-28 */
	assert_int_equal(s.km_events, 1);
	assert_true(isnan(s.km_median));
	remed_summary_release(&s);
}

static void test_burndown_counts_open_records_day_by_day(void **state)
{
	sqlite3 *db = *state;
	struct remed_sync_result res;
	struct remed_burn_point *p;
	size_t n;

	sync(db, &res);
	close_on(db, "115-01-C01", track_date(2026, 8, 18));
	assert_int_equal(remed_burndown(db, 115, track_date(2026, 9, 20), &p, &n), 0);
	/* 2026-05-20 .. 2026-09-20 */
	assert_int_equal(n, 124);
	assert_int_equal(date_cmp(p[0].date, track_date(2026, 5, 20)), 0);
	assert_int_equal(p[0].open, 4);		/* the four findings of 115-01 */
	assert_int_equal(p[72].open, 6);	/* 2026-07-31: and 115-02's two */
	assert_int_equal(p[90].open, 5);	/* 2026-08-18: C01 closed, 115-03 not yet audited */
	assert_int_equal(p[100].open, 6);	/* 2026-08-28: 115-03-C01 opens */
	assert_int_equal(p[123].open, 6);
	assert_int_equal(p[123].due, 1);	/* 115-01-S05-K2 due 2026-09-20 */
	free(p);
}

/* report and plot load the records once and compute both figures over that one set */
static void test_one_loaded_set_serves_summary_and_burndown(void **state)
{
	sqlite3 *db = *state;
	struct remed_sync_result res;
	struct remed_burn_point *p;
	struct remed_summary s;
	struct remed_set set;
	size_t n;

	sync(db, &res);
	close_on(db, "115-01-C01", track_date(2026, 8, 18));
	assert_int_equal(remed_load(db, 115, &set), 0);
	assert_int_equal(set.n, 7);	/* 115-01: 4, 115-02: 2, 115-03: 1 */
	assert_int_equal(remed_summary_of(&set, 115, track_date(2026, 9, 20), &s), 0);
	assert_int_equal(s.total, 7);
	assert_int_equal(s.km_n, 7);
	assert_int_equal(s.km_events, 1);	/* 115-01-C01 */
	assert_string_equal(s.owners[0].owner, "資安署");
	assert_int_equal(s.owners[0].count[REMED_CLOSED], 1);
	remed_summary_release(&s);
	remed_burndown_of(&set, track_date(2026, 9, 20), &p, &n);
	/* as in test_burndown_counts_open_records_day_by_day: 2026-05-20 .. 2026-09-20 */
	assert_int_equal(n, 124);
	assert_int_equal(p[0].open, 4);
	assert_int_equal(p[90].open, 5);
	assert_int_equal(p[123].open, 6);
	assert_int_equal(p[123].due, 1);
	free(p);
	remed_set_release(&set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_names),
		cmocka_unit_test_setup_teardown(test_sync_opens_one_record_per_finding_with_owners, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_dates_clamp_at_month_ends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_dates_reach_february_29_in_a_leap_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sync_is_idempotent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_corrected_finding_is_closed_then_reopened, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_changes_redate_records_that_follow_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_state_as_of_a_date_comes_from_the_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redates_are_dated_by_their_cause, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary_counts_aging_and_kaplan_meier_against_r, setup, teardown),
		cmocka_unit_test_setup_teardown(test_burndown_counts_open_records_day_by_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_loaded_set_serves_summary_and_burndown, setup, teardown),
	};

	return cmocka_run_group_tests_name("remediation", tests, NULL, NULL);
}
