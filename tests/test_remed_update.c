/*
 * Unit tests for track/remed_update.c: the status machine, every allowed and
 * refused move, the rules of 展延 and 風險接受, the updates form, and the
 * triggers that keep the history append-only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../track/remed_policy.h"
#include "../track/remed_update.h"
#include "track_fixture.h"

/* a synced fixture: seven records, all 待改善 */
static int setup(void **state)
{
	struct remed_sync_result res;
	sqlite3 *db = track_fixture_open();

	if (!db || db_begin(db) < 0 || remed_sync(db, 115, track_date(2026, 11, 20), &res) < 0 ||
	    db_commit(db) < 0)
		return -1;
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	return 0;
}

static const struct jdate today = { 2026, 11, 20 };

/* apply one update; the message, if any, into err */
static int apply(sqlite3 *db, const char *id, enum remed_move m, struct jdate d,
		 const char *note, const char *approver, const struct jdate *due, struct strbuf *err)
{
	struct remed_update u;

	memset(&u, 0, sizeof(u));
	u.id = id;
	u.move = m;
	u.date = d;
	u.actor = "林小明";
	u.note = note;
	u.approver = approver;
	if (due) {
		u.has_due = 1;
		u.due = *due;
	}
	strbuf_reset(err);
	return remed_update_apply(db, &u, today, err);
}

static long long count(sqlite3 *db, const char *sql)
{
	long long v = -1;

	db_int(db, sql, &v);
	return v;
}

static void test_move_parse_takes_chinese_and_english_names(void **state)
{
	enum remed_move m;

	(void)state;
	assert_int_equal(remed_move_parse("改善中", &m), 0);
	assert_int_equal(m, MOVE_IN_PROGRESS);
	assert_int_equal(remed_move_parse(" in_progress ", &m), 0);
	assert_int_equal(m, MOVE_IN_PROGRESS);
	assert_int_equal(remed_move_parse("Pending verification", &m), 0);
	assert_int_equal(m, MOVE_PENDING);
	assert_int_equal(remed_move_parse("待驗證", &m), 0);
	assert_int_equal(m, MOVE_PENDING);
	assert_int_equal(remed_move_parse("已結案", &m), 0);
	assert_int_equal(m, MOVE_CLOSED);
	assert_int_equal(remed_move_parse("CLOSED", &m), 0);
	assert_int_equal(m, MOVE_CLOSED);
	assert_int_equal(remed_move_parse("展延", &m), 0);
	assert_int_equal(m, MOVE_EXTEND);
	assert_int_equal(remed_move_parse("extension", &m), 0);
	assert_int_equal(m, MOVE_EXTEND);
	assert_int_equal(remed_move_parse("風險接受", &m), 0);
	assert_int_equal(m, MOVE_RISK_ACCEPTED);
	assert_int_equal(remed_move_parse("risk-accepted", &m), 0);
	assert_int_equal(m, MOVE_RISK_ACCEPTED);
	assert_int_equal(remed_move_parse("待改善", &m), 0);
	assert_int_equal(m, MOVE_OPEN);
	assert_int_equal(remed_move_parse("done", &m), -1);
	assert_int_equal(remed_move_parse("", &m), -1);
}

/* The whole table of SPEC §4: rows are the current status, columns the move. */
static void test_move_table_is_the_spec(void **state)
{
	static const int expect[REMED_NSTATUS][MOVE_EXTEND + 1] = {
		/*             open in_prog pending closed risk extend */
		[REMED_OPEN] = { 0, 1, 0, 0, 1, 1 },
		[REMED_IN_PROGRESS] = { 0, 0, 1, 0, 1, 1 },
		[REMED_PENDING] = { 0, 1, 0, 1, 1, 0 },
		[REMED_CLOSED] = { 0, 0, 0, 0, 0, 0 },
		[REMED_RISK_ACCEPTED] = { 0, 0, 0, 0, 0, 0 },
	};
	int s, m;

	(void)state;
	for (s = 0; s < REMED_NSTATUS; s++)
		for (m = 0; m <= MOVE_EXTEND; m++)
			assert_int_equal(remed_move_allowed((enum remed_status)s, (enum remed_move)m), expect[s][m]);
}

static void test_moves_describe_lists_the_allowed_ones(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	remed_moves_describe(REMED_OPEN, &sb);
	assert_string_equal(sb.buf, "改善中 in_progress, 展延 extended, 風險接受 risk_accepted");
	strbuf_reset(&sb);
	remed_moves_describe(REMED_PENDING, &sb);
	assert_string_equal(sb.buf, "改善中 in_progress, 已結案 closed, 風險接受 risk_accepted");
	strbuf_reset(&sb);
	remed_moves_describe(REMED_CLOSED, &sb);
	assert_string_equal(sb.buf, "none: tracking has ended");
	strbuf_release(&sb);
}

/* Drive a record into status s (from 待改善), dated from June on. */
static void reach(sqlite3 *db, const char *id, enum remed_status s, struct strbuf *err)
{
	switch (s) {
	case REMED_OPEN:
		break;
	case REMED_IN_PROGRESS:
		assert_int_equal(apply(db, id, MOVE_IN_PROGRESS, track_date(2026, 6, 1), "", "", NULL, err), 0);
		break;
	case REMED_PENDING:
		reach(db, id, REMED_IN_PROGRESS, err);
		assert_int_equal(apply(db, id, MOVE_PENDING, track_date(2026, 6, 2), "", "", NULL, err), 0);
		break;
	case REMED_CLOSED:
		reach(db, id, REMED_PENDING, err);
		assert_int_equal(apply(db, id, MOVE_CLOSED, track_date(2026, 6, 3), "", "", NULL, err), 0);
		break;
	case REMED_RISK_ACCEPTED:
		assert_int_equal(apply(db, id, MOVE_RISK_ACCEPTED, track_date(2026, 6, 1), "系統即將汰換",
				       "王署長", NULL, err), 0);
		break;
	default:
		fail();
	}
}

/*
 * Every (status, move) pair through the database: the allowed ones are
 * applied, the refused ones leave the record and its history as they were.
 */
static void test_every_move_from_every_status(void **state)
{
	sqlite3 *db = *state;
	struct strbuf err = STRBUF_INIT;
	struct jdate later = { 2027, 6, 30 };
	int s, m;

	for (s = 0; s < REMED_NSTATUS; s++) {
		for (m = 0; m <= MOVE_EXTEND; m++) {
			long long before;
			int rc;

			/* a fresh record each time: reopen the database */
			db_close(db);
			assert_int_equal(setup(state), 0);
			db = *state;
			reach(db, "115-01-C01", (enum remed_status)s, &err);
			before = count(db, "SELECT count(*) FROM remediation_history");
			rc = apply(db, "115-01-C01", (enum remed_move)m, track_date(2026, 7, 1), "理由", "核准者",
				   m == MOVE_EXTEND ? &later : NULL, &err);
			if (remed_move_allowed((enum remed_status)s, (enum remed_move)m)) {
				assert_int_equal(rc, 0);
				assert_int_equal(count(db, "SELECT count(*) FROM remediation_history"), before + 1);
			} else {
				assert_int_equal(rc, JAUDIT_EDATA);
				assert_non_null(strstr(err.buf, "cannot move from"));
				assert_int_equal(count(db, "SELECT count(*) FROM remediation_history"), before);
			}
		}
	}
	strbuf_release(&err);
}

static void test_refused_move_names_the_allowed_ones(void **state)
{
	sqlite3 *db = *state;
	struct strbuf err = STRBUF_INIT;

	assert_int_equal(apply(db, "115-01-C02", MOVE_CLOSED, track_date(2026, 7, 1), "", "", NULL, &err),
			 JAUDIT_EDATA);
	assert_string_equal(err.buf, "115-01-C02: cannot move from 待改善 open to 已結案 closed; "
			    "allowed from 待改善: 改善中 in_progress, 展延 extended, 風險接受 risk_accepted");
	assert_int_equal(count(db, "SELECT count(*) FROM remediation WHERE status = 'open'"), 7);
	strbuf_release(&err);
}

static void test_failed_verification_goes_back_to_in_progress(void **state)
{
	sqlite3 *db = *state;
	struct strbuf err = STRBUF_INIT;

	reach(db, "115-01-C02", REMED_PENDING, &err);
	assert_int_equal(apply(db, "115-01-C02", MOVE_IN_PROGRESS, track_date(2026, 7, 1), "驗證未通過", "", NULL, &err), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation WHERE id = '115-01-C02' AND status = 'in_progress'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history WHERE record = '115-01-C02'"
			       " AND old_status = 'pending_verification' AND new_status = 'in_progress'"), 1);
	strbuf_release(&err);
}

static void test_extension_needs_a_later_date_and_a_reason(void **state)
{
	sqlite3 *db = *state;
	struct strbuf err = STRBUF_INIT;
	struct jdate earlier = { 2026, 9, 20 }, later = { 2027, 1, 31 };

	/* 115-01-C01 (不符合) is due 2026-09-20 */
	assert_int_equal(apply(db, "115-01-C01", MOVE_EXTEND, track_date(2026, 8, 1), "需採購", "", NULL, &err),
			 JAUDIT_EDATA);
	assert_string_equal(err.buf, "115-01-C01: 展延 needs the new due date (新完成期限, --due)");
	assert_int_equal(apply(db, "115-01-C01", MOVE_EXTEND, track_date(2026, 8, 1), "需採購", "", &earlier, &err),
			 JAUDIT_EDATA);
	assert_string_equal(err.buf, "115-01-C01: the new due date 115/09/20 is not later than the current one, 115/09/20");
	assert_int_equal(apply(db, "115-01-C01", MOVE_EXTEND, track_date(2026, 8, 1), "", "", &later, &err),
			 JAUDIT_EDATA);
	assert_string_equal(err.buf, "115-01-C01: 展延 needs its reason in the note (說明, --note)");
	assert_int_equal(apply(db, "115-01-C01", MOVE_EXTEND, track_date(2026, 8, 1), "需採購", "", &later, &err), 0);
	/* the record is 改善中 with the new date, and no longer follows the policy */
	assert_int_equal(count(db, "SELECT count(*) FROM remediation WHERE id = '115-01-C01' AND status = 'in_progress'"
			       " AND due = '2027-01-31' AND due_policy = 0"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history WHERE record = '115-01-C01'"
			       " AND action = 'extended' AND old_due = '2026-09-20' AND new_due = '2027-01-31'"
			       " AND note = '需採購'"), 1);
	/* a second extension from 改善中 */
	later.m = 3;
	assert_int_equal(apply(db, "115-01-C01", MOVE_EXTEND, track_date(2026, 9, 1), "再展延", "", &later, &err), 0);
	strbuf_release(&err);
}

static void test_risk_acceptance_needs_a_reason_and_an_approver(void **state)
{
	sqlite3 *db = *state;
	struct strbuf err = STRBUF_INIT;

	assert_int_equal(apply(db, "115-01-C02", MOVE_RISK_ACCEPTED, track_date(2026, 8, 1), "", "王署長", NULL, &err),
			 JAUDIT_EDATA);
	assert_string_equal(err.buf, "115-01-C02: 風險接受 needs its reason in the note (說明, --note)");
	assert_int_equal(apply(db, "115-01-C02", MOVE_RISK_ACCEPTED, track_date(2026, 8, 1), "系統汰換", "", NULL, &err),
			 JAUDIT_EDATA);
	assert_string_equal(err.buf, "115-01-C02: 風險接受 needs the approver (核准人, --approver)");
	assert_int_equal(apply(db, "115-01-C02", MOVE_RISK_ACCEPTED, track_date(2026, 8, 1), "系統汰換", "王署長", NULL, &err), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history WHERE record = '115-01-C02'"
			       " AND new_status = 'risk_accepted' AND approver = '王署長'"), 1);
	strbuf_release(&err);
}

static void test_due_date_outside_an_extension_is_refused(void **state)
{
	sqlite3 *db = *state;
	struct strbuf err = STRBUF_INIT;
	struct jdate later = { 2027, 1, 31 };

	assert_int_equal(apply(db, "115-01-C02", MOVE_IN_PROGRESS, track_date(2026, 8, 1), "", "", &later, &err),
			 JAUDIT_EDATA);
	assert_string_equal(err.buf, "115-01-C02: a new due date is an extension; give the status 展延 with a reason");
	strbuf_release(&err);
}

static void test_dates_must_be_past_and_in_order(void **state)
{
	sqlite3 *db = *state;
	struct strbuf err = STRBUF_INIT;

	assert_int_equal(apply(db, "115-01-C02", MOVE_IN_PROGRESS, track_date(2026, 12, 1), "", "", NULL, &err),
			 JAUDIT_EDATA);
	assert_string_equal(err.buf, "115-01-C02: the date 115/12/01 is after today (115/11/20); an update is recorded when it happened");
	/* opened on the audit date, 2026-05-20 */
	assert_int_equal(apply(db, "115-01-C02", MOVE_IN_PROGRESS, track_date(2026, 5, 19), "", "", NULL, &err),
			 JAUDIT_EDATA);
	assert_string_equal(err.buf, "115-01-C02: the date 115/05/19 is before the record's last change on 115/05/20; updates are recorded in order");
	assert_int_equal(apply(db, "115-01-C02", MOVE_IN_PROGRESS, track_date(2026, 5, 20), "", "", NULL, &err), 0);
	strbuf_release(&err);
}

static void test_unknown_ids_say_what_to_do(void **state)
{
	sqlite3 *db = *state;
	struct strbuf err = STRBUF_INIT;

	assert_int_equal(apply(db, "115-01-C03", MOVE_IN_PROGRESS, track_date(2026, 8, 1), "", "", NULL, &err),
			 JAUDIT_EDATA);
	assert_string_equal(err.buf, "'115-01-C03' is not a tracked finding; expected an id such as 115-07-C01 or 115-07-S03-K1");
	assert_int_equal(apply(db, NULL, MOVE_IN_PROGRESS, track_date(2026, 8, 1), "", "", NULL, &err), JAUDIT_EDATA);
	assert_string_equal(err.buf, "the finding id (追蹤編號) is missing; expected an id such as 115-07-C01");
	/* a finding that sync has not seen yet */
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating, finding) VALUES ('115-03', 'C05', 'partial', '新發現')"), 0);
	assert_int_equal(apply(db, "115-03-C05", MOVE_IN_PROGRESS, track_date(2026, 9, 1), "", "", NULL, &err),
			 JAUDIT_EDATA);
	assert_string_equal(err.buf, "'115-03-C05' has no remediation record yet; run 'jaudit track sync --year 115' first");
	strbuf_release(&err);
}

/* The history refuses UPDATE and DELETE through the C API itself. */
static void test_history_is_append_only_in_the_database(void **state)
{
	sqlite3 *db = *state;
	char *msg = NULL;
	int rc;

	rc = sqlite3_exec(db, "UPDATE remediation_history SET note = 'rewritten' WHERE record = '115-01-C01'",
			  NULL, NULL, &msg);
	assert_int_equal(rc, SQLITE_CONSTRAINT);
	assert_string_equal(msg, "remediation_history is append-only: a past entry cannot be changed");
	sqlite3_free(msg);
	msg = NULL;
	rc = sqlite3_exec(db, "DELETE FROM remediation_history", NULL, NULL, &msg);
	assert_int_equal(rc, SQLITE_CONSTRAINT);
	assert_string_equal(msg, "remediation_history is append-only: a past entry cannot be deleted");
	sqlite3_free(msg);
	msg = NULL;
	rc = sqlite3_exec(db, "DELETE FROM remediation WHERE id = '115-01-C01'", NULL, NULL, &msg);
	assert_int_equal(rc, SQLITE_CONSTRAINT);
	assert_string_equal(msg, "remediation: a record is never deleted; close it or accept the risk");
	sqlite3_free(msg);
	msg = NULL;
	rc = sqlite3_exec(db, "UPDATE remediation SET item = 'C09' WHERE id = '115-01-C01'", NULL, NULL, &msg);
	assert_int_equal(rc, SQLITE_CONSTRAINT);
	sqlite3_free(msg);
	/* and through a prepared statement */
	{
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(db, "UPDATE remediation_history SET actor = ?1", -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_text(st, 1, "someone", -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_CONSTRAINT);
		sqlite3_finalize(st);
	}
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history WHERE actor = 'jaudit track sync'"), 7);
	/* the schema also refuses a 風險接受 row without its approver */
	rc = sqlite3_exec(db, "INSERT INTO remediation_history (record, date, action, actor, old_status, new_status,"
			  " old_due, new_due, note) VALUES ('115-01-C01', '2026-08-01', 'status', 'x', 'open',"
			  " 'risk_accepted', '2026-09-20', '2026-09-20', 'why')", NULL, NULL, NULL);
	assert_int_equal(rc, SQLITE_CONSTRAINT);
}

/* The per-row entry `jaudit ingest --kind updates` uses: fields in column order. */
static void test_update_row_takes_fields_in_column_order(void **state)
{
	sqlite3 *db = *state;
	struct strbuf err = STRBUF_INIT;
	const char *ok[REMED_UPDATE_NCOLS] = { " 115-01-C02 ", "展延", "115/08/01", "林小明", "需採購", "", "115/12/31", NULL };
	const char *bad[REMED_UPDATE_NCOLS] = { "115-01-C02", "待驗證", "115/08/01", "林小明", "", "", "116/01/31", NULL };
	const char *noid[REMED_UPDATE_NCOLS] = { "", "改善中", "115/08/01", "林小明", NULL, NULL, NULL, NULL };

	assert_int_equal(remed_update_row(db, ok, today, &err), 0);
	assert_string_equal(err.buf, "");
	assert_int_equal(count(db, "SELECT count(*) FROM remediation WHERE id = '115-01-C02' AND due = '2026-12-31'"
			       " AND status = 'in_progress'"), 1);
	assert_int_equal(remed_update_row(db, bad, today, &err), JAUDIT_EDATA);
	assert_string_equal(err.buf, "115-01-C02: a new due date is an extension; give the status 展延 with a reason");
	strbuf_reset(&err);
	assert_int_equal(remed_update_row(db, noid, today, &err), JAUDIT_EDATA);
	assert_string_equal(err.buf, "追蹤編號 is empty; expected a finding id such as 115-07-C01");
	strbuf_release(&err);
}

static const char good_form[] =
	"\xEF\xBB\xBF追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限,核准人\r\n"
	"115-01-C01,改善中,115/06/10,林小明,已提改善計畫,計畫書v1,,\r\n"
	"115-01-C01,待驗證,115/08/01,林小明,已完成改善,照片3張,,\r\n"
	"115-01-S03-K1,展延,115/07/01,陳專員,需採購設備,,115/12/31,\r\n"
	",,,,,,,\r\n"
	"115-02-C04,risk_accepted,2026-09-01,吳承辦,系統年底汰換,,,王署長\r\n";

static void test_updates_form_applies_every_row_in_order(void **state)
{
	sqlite3 *db = *state;
	struct strbuf err = STRBUF_INIT;
	unsigned applied = 0;
	FILE *fp = fmemopen((void *)good_form, sizeof(good_form) - 1, "r");

	assert_int_equal(remed_updates_read_fp(db, fp, "updates.csv", CSV_UTF8, today, &err, &applied, NULL), 0);
	fclose(fp);
	assert_string_equal(err.buf, "");
	assert_int_equal(applied, 4);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation WHERE id = '115-01-C01' AND status = 'pending_verification'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation WHERE id = '115-01-S03-K1' AND status = 'in_progress'"
			       " AND due = '2026-12-31'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation WHERE id = '115-02-C04' AND status = 'risk_accepted'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history WHERE evidence = '照片3張'"), 1);
	strbuf_release(&err);
}

static const char bad_form[] =
	"追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限\n"
	"115-01-C01,改善中,115/06/10,林小明,,,\n"
	"115-01-C02,已結案,115/06/10,林小明,,,\n"
	"115-01-C02,done,115/06/10,林小明,,,\n"
	"115-01-C02,改善中,115/13/10,林小明,,,\n"
	"115-01-S03-K1,風險接受,115/07/01,陳專員,太貴,,\n";

static void test_updates_form_reports_every_bad_row(void **state)
{
	sqlite3 *db = *state;
	struct strbuf err = STRBUF_INIT;
	unsigned applied = 9;
	FILE *fp = fmemopen((void *)bad_form, sizeof(bad_form) - 1, "r");

	assert_int_equal(db_begin(db), 0);
	assert_int_equal(remed_updates_read_fp(db, fp, "bad.csv", CSV_UTF8, today, &err, &applied, NULL), JAUDIT_EDATA);
	fclose(fp);
	db_rollback(db);
	assert_int_equal(applied, 0);
	assert_string_equal(err.buf,
			    "bad.csv:3: 115-01-C02: cannot move from 待改善 open to 已結案 closed; allowed from 待改善: "
			    "改善中 in_progress, 展延 extended, 風險接受 risk_accepted\n"
			    "bad.csv:4: 115-01-C02: 狀態 'done' is not a status; expected " REMED_MOVES_EXPECTED "\n"
			    "bad.csv:5: 115-01-C02: 日期 '115/13/10' is not a date; expected a date such as 115/06/12\n"
			    "bad.csv:6: 115-01-S03-K1: 風險接受 needs the approver (核准人, --approver)\n");
	/* the caller rolled back: the good row 2 is gone too */
	assert_int_equal(count(db, "SELECT count(*) FROM remediation WHERE status = 'open'"), 7);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history"), 7);
	strbuf_release(&err);
}

static void test_updates_form_without_rows_or_header(void **state)
{
	sqlite3 *db = *state;
	struct strbuf err = STRBUF_INIT;
	static const char empty[] = "追蹤編號,狀態,日期,填報人\n";
	static const char noheader[] = "a,b,c\n1,2,3\n";
	FILE *fp = fmemopen((void *)empty, sizeof(empty) - 1, "r");

	assert_int_equal(remed_updates_read_fp(db, fp, "e.csv", CSV_UTF8, today, &err, NULL, NULL), JAUDIT_EDATA);
	fclose(fp);
	assert_string_equal(err.buf, "e.csv: no updates below the header; expected one row per finding\n");
	strbuf_reset(&err);
	fp = fmemopen((void *)noheader, sizeof(noheader) - 1, "r");
	assert_int_equal(remed_updates_read_fp(db, fp, "n.csv", CSV_UTF8, today, &err, NULL, NULL), JAUDIT_EDATA);
	fclose(fp);
	assert_non_null(strstr(err.buf, "n.csv"));
	assert_non_null(strstr(err.buf, "追蹤編號"));
	strbuf_release(&err);
}

/* the statements open on db */
static int open_statements(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int n = 0;

	while ((st = sqlite3_next_stmt(db, st)) != NULL)
		n++;
	return n;
}

/* A file of updates prepares its statements once, not once a row. */
static void test_writer_prepares_once_for_many_updates(void **state)
{
	sqlite3 *db = *state;
	struct remed_writer w;
	struct strbuf err = STRBUF_INIT;
	struct remed_update u;
	int before = open_statements(db), i;
	static const char *const ids[] = { "115-01-C01", "115-01-C02", "115-02-C04" };

	assert_int_equal(remed_writer_init(&w, db), 0);
	assert_int_equal(open_statements(db), before + 5);
	for (i = 0; i < 3; i++) {
		memset(&u, 0, sizeof(u));
		u.id = ids[i];
		u.move = MOVE_IN_PROGRESS;
		u.date = (struct jdate){ 2026, 10, 1 + i };
		u.actor = "林小明";
		assert_int_equal(remed_writer_apply(&w, &u, today, &err), 0);
		assert_string_equal(err.buf ? err.buf : "", "");
		assert_int_equal(open_statements(db), before + 5);	/* none more */
	}
	/* the same again: already recorded, through the same statements */
	assert_int_equal(remed_writer_apply(&w, &u, today, &err), REMED_UNCHANGED);
	remed_writer_release(&w);
	assert_int_equal(open_statements(db), before);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation WHERE status = 'in_progress'"), 3);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history WHERE action = 'status'"), 3);
	strbuf_release(&err);
}

/* Sync and the updates write their history rows through one writer: both kinds of rows, one table. */
static void test_history_writer_serves_sync_and_updates(void **state)
{
	sqlite3 *db = *state;
	sqlite3_stmt *st = NULL;
	const struct remed_history_entry e = {
		"115-01-C01", "2026-10-05", "status", "林小明", "open", "in_progress",
		"2026-09-20", "2026-09-20", NULL, "計畫書", NULL,
	};

	assert_int_equal(remed_history_prepare(db, &st), 0);
	assert_int_equal(remed_history_add(st, &e), 0);
	db_finalize(st);
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history WHERE record = '115-01-C01'"
			       " AND action = 'status' AND note = '' AND evidence = '計畫書' AND approver = ''"), 1);
	/* the rows sync wrote: one opened row per record, without an old status */
	assert_int_equal(count(db, "SELECT count(*) FROM remediation_history WHERE action = 'opened'"
			       " AND old_status IS NULL AND old_due IS NULL AND actor <> ''"), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_move_parse_takes_chinese_and_english_names),
		cmocka_unit_test(test_move_table_is_the_spec),
		cmocka_unit_test(test_moves_describe_lists_the_allowed_ones),
		cmocka_unit_test_setup_teardown(test_every_move_from_every_status, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_prepares_once_for_many_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_writer_serves_sync_and_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_move_names_the_allowed_ones, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_verification_goes_back_to_in_progress, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extension_needs_a_later_date_and_a_reason, setup, teardown),
		cmocka_unit_test_setup_teardown(test_risk_acceptance_needs_a_reason_and_an_approver, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_date_outside_an_extension_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dates_must_be_past_and_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_ids_say_what_to_do, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_is_append_only_in_the_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_row_takes_fields_in_column_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_updates_form_applies_every_row_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_updates_form_reports_every_bad_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_updates_form_without_rows_or_header, setup, teardown),
	};

	return cmocka_run_group_tests_name("remed_update", tests, NULL, NULL);
}
