/*
 * Unit tests for ingest/session*.c (the session-document loader: its checks
 * in session_check.c, its writes in session_store.c) and core/form.c (the
 * error log, 是/否, the seen-set), over an in-memory database with the schema.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/checklist.h"
#include "../core/db.h"
#include "../core/form.h"
#include "../ingest/session.h"

static int setup(void **state)
{
	sqlite3 *db;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return -1;
	if (db_exec(db, "PRAGMA foreign_keys = ON") < 0 ||
	    db_migrate(db, db_migrations, db_nmigrations, NULL, NULL) < 0 ||
	    db_begin(db) < 0 || checklist_load_builtin(db, 115) < 0 || db_commit(db) < 0 ||
	    db_exec(db, "INSERT INTO vendors VALUES ('22099131', '聯合資訊股份有限公司'), ('04541302', '臺灣雲端服務股份有限公司');"
		    "INSERT INTO vendor_years (year, taxid, candidate, selected) VALUES (115, '22099131', 1, 1), (115, '04541302', 1, 0)") < 0)
		return -1;
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	sqlite3_close(*state);
	return 0;
}

/*
 * A valid document with one contract; c01 (if not NULL) is the first
 * result, extra (if not NULL) members added at the end.
 */
static char *doc(const char *session, const char *extra, const char *c01)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_addf(&sb, "{\"format\": \"jaudit-session/1\", \"year\": 115, \"session\": \"%s\","
		    " \"vendor\": \"22099131\", \"date\": \"115/06/12\", \"lead\": \"王大明\","
		    " \"committee\": [\"李小華\", \"陳美玲\", \"張志豪\"],"
		    " \"contracts\": [{\"ref\": \"K1\", \"agency\": \"財政部\", \"contract\": \"維運案\"}],"
		    " \"results\": [%s", session,
		    c01 ? c01 : "{\"item\": \"C01\", \"rating\": \"符合\"}");
	for (i = 1; i < checklist_builtin_count; i++) {
		const struct checklist_item *it = &checklist_builtin[i];

		if (it->category == CHECKLIST_COMMON)
			strbuf_addf(&sb, ", {\"item\": \"%s\", \"rating\": \"compliant\"}", it->code);
		else
			strbuf_addf(&sb, ", {\"item\": \"%s\", \"contract\": \"K1\", \"rating\": \"na\"}", it->code);
	}
	strbuf_addf(&sb, "]%s}", extra ? extra : "");
	return strbuf_detach(&sb);
}

struct run {
	struct form_log log;
	struct session_loader L;
	int rc;
};

static void load(sqlite3 *db, struct run *r, const char *text, size_t line)
{
	form_log_init(&r->log, "s.ndjson");
	assert_int_equal(session_loader_init(&r->L, db, "s.ndjson", &r->log), 0);
	r->rc = session_load_buffer(&r->L, text, strlen(text), line);
}

static void done(struct run *r)
{
	session_loader_release(&r->L);
	form_log_release(&r->log);
}

static long long count(sqlite3 *db, const char *sql)
{
	long long v = -1;

	assert_int_equal(db_int(db, sql, &v), 0);
	return v;
}

static void test_session_valid_document_is_loaded_then_unchanged(void **state)
{
	sqlite3 *db = *state;
	char *text = doc("115-01", NULL, "{\"item\": \"C01\", \"rating\": \"不符合\", \"finding\": \"a \\\"q\\\";\\n<b>\"}");
	struct run r;

	assert_int_equal(db_begin(db), 0);
	load(db, &r, text, 1);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.log.text.buf, "");
	assert_int_equal(r.L.added, 1);
	assert_int_equal(r.L.results, 27);
	done(&r);
	assert_int_equal(count(db, "SELECT count(*) FROM results WHERE session = '115-01'"), 27);
	assert_int_equal(count(db, "SELECT finding = 'a \"q\";' || char(10) || '<b>' FROM results WHERE item = 'C01'"), 1);

	load(db, &r, text, 1);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.L.added, 0);
	assert_int_equal(r.L.unchanged, 1);
	assert_int_equal(r.L.results, 0);
	done(&r);
	db_rollback(db);
	free(text);
}

static void test_session_correction_is_replaced(void **state)
{
	sqlite3 *db = *state;
	char *a = doc("115-02", NULL, NULL);
	char *b = doc("115-02", NULL, "{\"item\": \"C01\", \"rating\": \"partial\", \"finding\": \"x\"}");
	struct run r;

	assert_int_equal(db_begin(db), 0);
	load(db, &r, a, 1);
	done(&r);
	load(db, &r, b, 1);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.L.replaced, 1);
	done(&r);
	assert_int_equal(count(db, "SELECT rating = 'partial' FROM results WHERE session = '115-02' AND item = 'C01'"), 1);
	db_rollback(db);
	free(a);
	free(b);
}

/* text with the first `from` replaced by `to`; the caller frees it */
static char *replace(const char *text, const char *from, const char *to)
{
	const char *p = strstr(text, from);
	struct strbuf sb = STRBUF_INIT;

	assert_non_null(p);
	strbuf_add(&sb, text, (size_t)(p - text));
	strbuf_adds(&sb, to);
	strbuf_adds(&sb, p + strlen(from));
	return strbuf_detach(&sb);
}

/*
 * Each case: a change to the valid document (from → to, or an extra
 * member, or the first result) and the first message expected.
 */
static void expect_refusal(sqlite3 *db, const char *from, const char *to, const char *extra,
			   const char *c01, const char *message)
{
	char *base = doc("115-03", extra, c01);
	char *text = from ? replace(base, from, to) : base;
	struct run r;

	assert_int_equal(db_begin(db), 0);
	load(db, &r, text, 7);
	assert_int_equal(r.rc, JAUDIT_EDATA);
	assert_true(r.log.nerrors >= 1);
	if (strncmp(r.log.text.buf, message, strlen(message)) != 0)
		fail_msg("got:      %s\nexpected: %s", r.log.text.buf, message);
	done(&r);
	db_rollback(db);
	assert_int_equal(count(db, "SELECT count(*) FROM sessions WHERE id = '115-03'"), 0);
	if (text != base)
		free(text);
	free(base);
}

static void test_session_refusals_name_path_value_and_expectation(void **state)
{
	sqlite3 *db = *state;

	expect_refusal(db, "\"jaudit-session/1\"", "\"x\"", NULL, NULL,
		       "jaudit: s.ndjson:7: format: \"x\" is not a known format, expected \"jaudit-session/1\"\n");
	expect_refusal(db, "\"22099131\"", "\"04541302\"", NULL, NULL,
		       "jaudit: s.ndjson:7: vendor: \"04541302\" is not a vendor selected (受稽核) in 115, expected a vendor marked 受稽核 是 in the 115 vendors list\n");
	expect_refusal(db, "\"22099131\"", "\"12345678\"", NULL, NULL,
		       "jaudit: s.ndjson:7: vendor: \"12345678\" is not a valid 統一編號, expected 8 digits that pass the Ministry of Finance check rule\n");
	expect_refusal(db, ", \"張志豪\"]", "]", NULL, NULL,
		       "jaudit: s.ndjson:7: committee: 2 members is not 3 to 5, expected 3 to 5 distinct members (計畫第九點)\n");
	expect_refusal(db, "\"115/06/12\"", "\"116/01/01\"", NULL, NULL,
		       "jaudit: s.ndjson:7: date: \"116/01/01\" is not in year 115, expected a date between 115/01/01 and 115/12/31\n");
	expect_refusal(db, NULL, NULL, NULL, "{\"item\": \"C01\", \"rating\": \"maybe\"}",
		       "jaudit: s.ndjson:7: results[0].rating: \"maybe\" is not one of 符合, 部分符合, 不符合, 不適用 (or compliant, partial, noncompliant, na)\n");
	expect_refusal(db, NULL, NULL, NULL, "{\"item\": \"C01\", \"rating\": \"不符合\", \"finding\": \"  \"}",
		       "jaudit: s.ndjson:7: results[0].finding: missing, expected the finding (發現事項) of a 不符合 result\n");
	expect_refusal(db, NULL, NULL, NULL, "{\"item\": \"C01\", \"rating\": 3}",
		       "jaudit: s.ndjson:7: results[0].rating: 3 is not one of");
	expect_refusal(db, NULL, NULL, ", \"auditor_ratings\": [{\"auditor\": \"外人\", \"item\": \"C01\", \"rating\": \"符合\"}]", NULL,
		       "jaudit: s.ndjson:7: auditor_ratings[0].auditor: \"外人\" is not on the committee, expected the lead or a committee member\n");
}

static void test_session_syntax_error_names_line_and_column(void **state)
{
	sqlite3 *db = *state;
	const char *text = "{\"format\": \"jaudit-session/1\",\n \"year\": 115 \"x\"}";
	struct run r;

	load(db, &r, text, 0);
	assert_int_equal(r.rc, JAUDIT_EDATA);
	assert_string_equal(r.log.text.buf,
			    "jaudit: s.ndjson:2: not valid JSON at column 14 (near \"\\\"x\\\"}\"), expected one session document (a JSON object)\n");
	done(&r);
}

static void test_form_log_keeps_twenty_errors(void **state)
{
	struct form_log log;
	int i, lines = 0;
	const char *p;

	(void)state;
	form_log_init(&log, "f.csv");
	for (i = 1; i <= 25; i++)
		assert_int_equal(form_error(&log, (size_t)i, "bad %d", i), JAUDIT_EDATA);
	assert_int_equal(log.nerrors, 25);
	assert_true(form_log_full(&log));
	for (p = log.text.buf; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, FORM_MAX_ERRORS);
	assert_non_null(strstr(log.text.buf, "jaudit: f.csv:20: bad 20\n"));
	assert_null(strstr(log.text.buf, "bad 21"));
	form_log_release(&log);
}

static void test_form_yes_no_and_quote(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	int v = -1;

	(void)state;
	assert_int_equal(form_yes_no(" 是 ", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(form_yes_no("N", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(form_yes_no("Yes", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(form_yes_no("也許", &v), -1);
	assert_int_equal(form_yes_no("", &v), -1);
	form_quote(&sb, "a\"b\nc");
	assert_string_equal(sb.buf, "\"a\\\"b\\nc\"");
	strbuf_release(&sb);
}

static void test_form_seen_reports_the_first_line(void **state)
{
	struct form_seen s = { NULL, NULL, 0, 0 };
	char key[16];
	int i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		assert_int_equal(form_seen_add(&s, key, (size_t)i + 2), 0);
	}
	assert_int_equal(form_seen_add(&s, "k500", 9999), 502);
	assert_int_equal(s.n, 1000);
	form_seen_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_session_valid_document_is_loaded_then_unchanged),
		cmocka_unit_test(test_session_correction_is_replaced),
		cmocka_unit_test(test_session_refusals_name_path_value_and_expectation),
		cmocka_unit_test(test_session_syntax_error_names_line_and_column),
		cmocka_unit_test(test_form_log_keeps_twenty_errors),
		cmocka_unit_test(test_form_yes_no_and_quote),
		cmocka_unit_test(test_form_seen_reports_the_first_line),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
