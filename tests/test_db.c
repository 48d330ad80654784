/* Unit tests for core/db.c: creation mode, migrations, the newer-schema refusal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/db.h"
#include "../core/err.h"

struct fixture {
	char dir[64];
	char path[96];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/jaudit-test-db.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char p[128];

	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void test_db_new_file_is_private_under_a_permissive_umask(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	struct stat st;
	mode_t old = umask(0);
	char wal[128];

	assert_int_equal(db_open(&db, f->path, DB_CREATE), 0);
	umask(old);
	assert_int_equal(db_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1)"), 0);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	assert_int_equal(stat(wal, &st), 0);	/* WAL mode */
	assert_int_equal(st.st_mode & 0777, 0600);
	db_close(db);
}

static void test_db_refuses_a_missing_file_unless_creating(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = NULL;

	assert_int_equal(db_open(&db, f->path, DB_EXISTING), JAUDIT_EDATA);
	assert_null(db);
	assert_int_not_equal(access(f->path, F_OK), 0);
}

static void test_db_applies_the_builtin_schema(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	long long v;

	assert_int_equal(db_open(&db, f->path, DB_CREATE), 0);
	assert_int_equal(db_int(db, "PRAGMA user_version", &v), 0);
	assert_int_equal(v, db_schema_version());
	assert_true(v >= 1);
	assert_int_equal(db_int(db, "PRAGMA foreign_keys", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'results'", &v), 0);
	assert_int_equal(v, 1);
	/* the schema refuses a rating that does not exist, even from plain SQL */
	assert_int_equal(db_exec(db, "INSERT INTO vendors VALUES ('22099131', 'x');"
			 "INSERT INTO vendor_years (year, taxid, candidate, selected) VALUES (115, '22099131', 1, 1);"
			 "INSERT INTO sessions (id, year, taxid, date, lead) VALUES ('115-01', 115, '22099131', '2026-06-12', 'lead')"), 0);
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating) VALUES ('115-01', 'C01', 'maybe')"),
			 JAUDIT_EDATA);
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating) VALUES ('115-01', 'C01', 'partial')"),
			 JAUDIT_EDATA);	/* a finding needs its text */
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating, finding) VALUES ('115-01', 'C01', 'partial', 'f')"), 0);
	db_close(db);
}

/* A new file gets 16 KiB pages; a database made with other pages keeps them. */
static void test_db_new_file_has_16k_pages_old_keep_theirs(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	long long v;

	assert_int_equal(db_open(&db, f->path, DB_CREATE), 0);
	assert_int_equal(db_int(db, "PRAGMA page_size", &v), 0);
	assert_int_equal(v, 16384);
	assert_int_equal(db_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM"), 0);
	db_close(db);
	assert_int_equal(db_open(&db, f->path, DB_EXISTING), 0);
	assert_int_equal(db_int(db, "PRAGMA page_size", &v), 0);
	assert_int_equal(v, 4096);
	db_close(db);
}

static const struct db_migration two[] = {
	{ 1, "001_a.sql", "CREATE TABLE a (x INTEGER);" },
	{ 2, "002_b.sql", "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (42);" },
};

static void test_db_upgrades_an_old_database(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	int from = -1, to = -1;
	long long v;

	assert_int_equal(db_open_raw(&db, f->path, DB_CREATE), 0);
	assert_int_equal(db_migrate(db, two, 1, &from, &to), 0);
	assert_int_equal(from, 0);
	assert_int_equal(to, 1);
	db_close(db);

	/* a later jaudit, with two migrations, opens it */
	assert_int_equal(db_open_raw(&db, f->path, DB_EXISTING), 0);
	assert_int_equal(db_migrate(db, two, 2, &from, &to), 0);
	assert_int_equal(from, 1);
	assert_int_equal(to, 2);
	assert_int_equal(db_int(db, "SELECT x FROM a", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(db_int(db, "PRAGMA user_version", &v), 0);
	assert_int_equal(v, 2);
	/* and again: nothing to do */
	assert_int_equal(db_migrate(db, two, 2, &from, &to), 0);
	assert_int_equal(from, 2);
	assert_int_equal(to, 2);
	db_close(db);
}

static void test_db_refuses_a_database_from_a_newer_jaudit(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	long long v;

	assert_int_equal(db_open_raw(&db, f->path, DB_CREATE), 0);
	assert_int_equal(db_exec(db, "PRAGMA user_version = 99"), 0);
	assert_int_equal(db_migrate(db, two, 2, NULL, NULL), JAUDIT_EDATA);
	assert_int_equal(db_int(db, "PRAGMA user_version", &v), 0);
	assert_int_equal(v, 99);
	assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema", &v), 0);
	assert_int_equal(v, 0);	/* nothing was applied */
	db_close(db);
	assert_int_equal(db_open(&db, f->path, DB_EXISTING), JAUDIT_EDATA);
}

static void test_db_failed_migration_leaves_nothing(void **state)
{
	static const struct db_migration bad[] = {
		{ 1, "001_a.sql", "CREATE TABLE a (x INTEGER);" },
		{ 2, "002_bad.sql", "CREATE TABLE c (z); INSERT INTO nowhere VALUES (1);" },
	};
	struct fixture *f = *state;
	sqlite3 *db;
	long long v;

	assert_int_equal(db_open_raw(&db, f->path, DB_CREATE), 0);
	assert_int_equal(db_migrate(db, bad, 2, NULL, NULL), JAUDIT_EDATA);
	assert_int_equal(db_int(db, "PRAGMA user_version", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema", &v), 0);
	assert_int_equal(v, 0);
	db_close(db);
}

static void test_db_refuses_a_file_that_is_not_a_database(void **state)
{
	struct fixture *f = *state;
	FILE *fp = fopen(f->path, "w");
	sqlite3 *db = NULL;

	fputs("this is a spreadsheet, not a database\n", fp);
	fclose(fp);
	assert_int_equal(db_open(&db, f->path, DB_EXISTING), JAUDIT_EDATA);
	assert_null(db);
}

/* How many built-in migrations take a database up to version v. */
static size_t migrations_upto(int v)
{
	size_t n = 0;

	while (n < db_nmigrations && db_migrations[n].version <= v)
		n++;
	return n;
}

/* Every row of a session's four tables as one text, in key order (what must survive 006 and 007). */
static char *session_rows_text(sqlite3 *db)
{
	sqlite3_stmt *st;
	char *s;

	assert_int_equal(db_prepare(db, &st, "SELECT group_concat(t, '#') FROM ("
				    "SELECT * FROM (SELECT 'r|' || session || '|' || item || '|' || ref || '|' || rating"
				    " || '|' || finding || '|' || recommendation AS t FROM results ORDER BY session, item, ref)"
				    " UNION ALL SELECT * FROM (SELECT 'a|' || session || '|' || auditor || '|' || item || '|' || ref"
				    " || '|' || rating FROM auditor_ratings ORDER BY session, auditor, item, ref)"
				    " UNION ALL SELECT * FROM (SELECT 'm|' || session || '|' || seq || '|' || name"
				    " FROM session_members ORDER BY session, seq)"
				    " UNION ALL SELECT * FROM (SELECT 'c|' || session || '|' || ref || '|' || agency || '|' || contract"
				    " || '|' || system FROM session_contracts ORDER BY session, ref))"), 0);
	assert_int_equal(db_step(st), SQLITE_ROW);
	s = strdup(db_text(st, 0));
	db_finalize(st);
	return s;
}

/*
 * Two sessions of an older schema, with results (texts full of quotes,
 * semicolons, <script> and a line break) and an auditor's rating.
 */
static const char old_sessions_sql[] =
	"INSERT INTO vendors VALUES ('22099131', 'x');"
	"INSERT INTO vendor_years (year, taxid, candidate, selected) VALUES (115, '22099131', 1, 1);"
	"INSERT INTO sessions (id, year, taxid, date, lead) VALUES ('115-01', 115, '22099131', '2026-06-12', 'lead');"
	"INSERT INTO sessions (id, year, taxid, date, lead) VALUES ('115-02', 115, '22099131', '2026-07-01', 'lead');"
	"INSERT INTO results VALUES ('115-02', 'C01', '', 'compliant', '', '');"
	"INSERT INTO results VALUES ('115-01', 'C02', '', 'noncompliant', '未定期\"審查\"; <script>', 'line 1\nline 2');"
	"INSERT INTO results VALUES ('115-01', 'S01', 'K1', 'na', '', '');"
	"INSERT INTO results VALUES ('115-01', 'S01', 'K2', 'partial', 'k2', '');"
	"INSERT INTO auditor_ratings VALUES ('115-01', '王小明', 'S01', 'K2', 'noncompliant');";

static void test_db_migrates_results_of_a_005_database(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	long long v;
	int from, to;
	char *before, *after;

	assert_int_equal(db_open_raw(&db, f->path, DB_CREATE), 0);
	assert_int_equal(db_migrate(db, db_migrations, migrations_upto(5), &from, &to), 0);
	assert_int_equal(to, 5);
	assert_int_equal(db_exec(db, old_sessions_sql), 0);
	assert_int_equal(db_exec(db, "INSERT INTO results VALUES ('115-01', 'C01', '', 'partial', 'f''1', 'r1');"
			 "INSERT INTO auditor_ratings VALUES ('115-01', '王小明', 'C01', '', 'partial');"), 0);
	before = session_rows_text(db);

	assert_int_equal(db_migrate(db, db_migrations, db_nmigrations, &from, &to), 0);
	assert_int_equal(from, 5);
	assert_int_equal(to, db_schema_version());
	after = session_rows_text(db);
	assert_string_equal(after, before);
	assert_int_equal(db_int(db, "SELECT count(*) FROM results", &v), 0);
	assert_int_equal(v, 5);
	assert_int_equal(db_int(db, "SELECT count(*) FROM auditor_ratings WHERE auditor = '王小明'"
			 " AND ((item = 'C01' AND ref = '' AND rating = 'partial')"
			 " OR (item = 'S01' AND ref = 'K2' AND rating = 'noncompliant'))", &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(db_exec(db, "INSERT INTO auditor_ratings VALUES ('115-01', 'x', 'C01', '', 'maybe')"), JAUDIT_EDATA);
	/* one B-tree keyed on (session, item, ref) since 007: results_item and results_rating gone */
	assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'results'"
			 " AND sql LIKE '%WITHOUT ROWID%'", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'results'"
			 " AND type = 'index'", &v), 0);
	assert_int_equal(v, 0);	/* the table is its key's B-tree */
	/* the findings view works on the new table */
	assert_int_equal(db_int(db, "SELECT count(*) FROM findings WHERE id IN ('115-01-C01', '115-01-C02', '115-01-S01-K2')", &v), 0);
	assert_int_equal(v, 3);
	/* the checks, the key and the foreign key still hold */
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating) VALUES ('115-02', 'C02', 'maybe')"), JAUDIT_EDATA);
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating) VALUES ('115-02', 'C02', 'partial')"), JAUDIT_EDATA);
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, ref, rating) VALUES ('115-02', 'C02', 'K1', 'na')"), JAUDIT_EDATA);
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating) VALUES ('115-02', 'C01', 'na')"), JAUDIT_EDATA);
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating) VALUES ('115-99', 'C01', 'na')"), JAUDIT_EDATA);
	assert_int_equal(db_exec(db, "DELETE FROM sessions WHERE id = '115-02'"), 0);
	assert_int_equal(db_int(db, "SELECT count(*) FROM results", &v), 0);
	assert_int_equal(v, 4);	/* ON DELETE CASCADE */
	assert_int_equal(db_exec(db, "DELETE FROM results WHERE session = '115-01'; DELETE FROM sessions WHERE id = '115-01'"), 0);
	assert_int_equal(db_int(db, "SELECT count(*) FROM auditor_ratings", &v), 0);
	assert_int_equal(v, 0);	/* ON DELETE CASCADE */
	assert_int_equal(db_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(db_int(db, "SELECT count(*) FROM pragma_foreign_key_check", &v), 0);
	assert_int_equal(v, 0);
	free(before);
	free(after);
	db_close(db);
}

static void test_db_migrates_a_006_database_to_007(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	long long v;
	int from, to;
	char *before, *after;

	assert_int_equal(db_open_raw(&db, f->path, DB_CREATE), 0);
	assert_int_equal(db_migrate(db, db_migrations, migrations_upto(6), &from, &to), 0);
	assert_int_equal(to, 6);
	assert_int_equal(db_exec(db, old_sessions_sql), 0);
	assert_int_equal(db_exec(db, "INSERT INTO session_members VALUES ('115-01', 1, '王小明'), ('115-01', 2, '李大華'), ('115-01', 3, '陳美玲');"
			 "INSERT INTO session_members VALUES ('115-02', 1, '林志強'), ('115-02', 2, '王小明'), ('115-02', 3, '張雅婷');"
			 "INSERT INTO session_contracts VALUES ('115-01', 'K1', '財政部', '維運案', '');"
			 "INSERT INTO session_contracts VALUES ('115-01', 'K2', '內政部', '開發案', '戶政系統');"), 0);
	before = session_rows_text(db);

	assert_int_equal(db_migrate(db, db_migrations, db_nmigrations, &from, &to), 0);
	assert_int_equal(from, 6);
	assert_int_equal(to, db_schema_version());
	after = session_rows_text(db);
	assert_string_equal(after, before);
	assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
			 " AND name IN ('results', 'auditor_ratings', 'session_members', 'session_contracts')"
			 " AND sql LIKE '%REFERENCES sessions(id) ON DELETE CASCADE%DEFERRABLE INITIALLY DEFERRED%'", &v), 0);
	assert_int_equal(v, 4);
	assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%GLOB ''C*''%'"
			 " AND name = 'results'", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'results'"
			 " AND sql LIKE '%) WITHOUT ROWID'", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'results_rating'", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(db_int(db, "SELECT count(*) FROM findings WHERE id IN ('115-01-C02', '115-01-S01-K2')", &v), 0);
	assert_int_equal(v, 2);

	/* a common item has no contract reference, a specific one has one */
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, ref, rating) VALUES ('115-02', 'C02', 'K1', 'na')"), JAUDIT_EDATA);
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating) VALUES ('115-02', 'S02', 'na')"), JAUDIT_EDATA);
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating) VALUES ('115-02', 'D01', 'na')"), JAUDIT_EDATA);
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, ref, rating) VALUES ('115-02', 'B01', 'K1', 'na')"), 0);
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating) VALUES ('115-02', 'C', 'na')"), 0);
	assert_int_equal(db_exec(db, "DELETE FROM results WHERE item IN ('B01', 'C')"), 0);

	/* the foreign keys still hold: alone, an orphan row is refused at once ... */
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating) VALUES ('115-99', 'C01', 'na')"), JAUDIT_EDATA);
	assert_int_equal(db_exec(db, "INSERT INTO session_members VALUES ('115-99', 1, 'x')"), JAUDIT_EDATA);
	assert_int_equal(db_exec(db, "INSERT INTO session_contracts VALUES ('115-99', 'K1', 'a', 'c', '')"), JAUDIT_EDATA);
	assert_int_equal(db_exec(db, "INSERT INTO auditor_ratings VALUES ('115-99', 'x', 'C01', '', 'na')"), JAUDIT_EDATA);
	/* ... and in a transaction, its COMMIT is refused and the rows go with ROLLBACK */
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating) VALUES ('115-99', 'C01', 'na'), ('115-99', 'C02', 'na')"), 0);
	assert_true(db_commit(db) < 0);
	db_rollback(db);
	assert_int_equal(db_int(db, "SELECT count(*) FROM results WHERE session = '115-99'", &v), 0);
	assert_int_equal(v, 0);
	/* a session's row may come after its rows within one transaction */
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(db_exec(db, "INSERT INTO results (session, item, rating) VALUES ('115-03', 'C01', 'na');"
			 "INSERT INTO sessions (id, year, taxid, date, lead) VALUES ('115-03', 115, '22099131', '2026-08-01', 'lead')"), 0);
	assert_int_equal(db_commit(db), 0);
	/* ON DELETE CASCADE acts as before */
	assert_int_equal(db_exec(db, "DELETE FROM sessions WHERE id IN ('115-02', '115-03')"), 0);
	assert_int_equal(db_int(db, "SELECT (SELECT count(*) FROM results) * 100 + (SELECT count(*) FROM session_members)", &v), 0);
	assert_int_equal(v, 303);
	assert_int_equal(db_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(db_int(db, "SELECT count(*) FROM pragma_foreign_key_check", &v), 0);
	assert_int_equal(v, 0);
	free(before);
	free(after);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_db_new_file_is_private_under_a_permissive_umask, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_refuses_a_missing_file_unless_creating, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_applies_the_builtin_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_new_file_has_16k_pages_old_keep_theirs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_upgrades_an_old_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_refuses_a_database_from_a_newer_jaudit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_failed_migration_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_refuses_a_file_that_is_not_a_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_migrates_results_of_a_005_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_db_migrates_a_006_database_to_007, setup, teardown),
	};

	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
