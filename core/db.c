#include "db.h"
#include "err.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *db_path(const char *opt)
{
	const char *env;

	if (opt && *opt)
		return opt;
	env = getenv("JAUDIT_DB");
	if (env && *env)
		return env;
	return DB_DEFAULT_PATH;
}

int db_error(sqlite3 *db, int rc, const char *what)
{
	int ext = db ? sqlite3_extended_errcode(db) : rc;
	const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);

	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return jerror("database is busy: another jaudit is writing to it and did not finish within the busy timeout; try again (%s)",
			      what);
	return jerror("database: %s: %s (code %d, extended %d)", what, msg,
		      rc & 0xff, ext);
}

int db_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);

	if (rc != SQLITE_OK) {
		int ret;

		if ((rc & 0xff) == SQLITE_BUSY)
			ret = db_error(db, rc, sql);
		else
			ret = jerror("database: %s: %s (code %d, extended %d)", sql,
				     err ? err : sqlite3_errstr(rc), rc & 0xff,
				     sqlite3_extended_errcode(db));
		sqlite3_free(err);
		return ret;
	}
	return 0;
}

int db_prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql)
{
	int rc = sqlite3_prepare_v2(db, sql, -1, st, NULL);

	if (rc != SQLITE_OK) {
		*st = NULL;
		return db_error(db, rc, sql);
	}
	return 0;
}

int db_step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	return db_error(sqlite3_db_handle(st), rc, sqlite3_sql(st));
}

void db_reset(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

void db_finalize(sqlite3_stmt *st)
{
	sqlite3_finalize(st);
}

static int bind_index(sqlite3_stmt *st, const char *name)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i == 0)
		jerror("internal error: no parameter %s in %s", name, sqlite3_sql(st));
	return i;
}

static int bind_check(sqlite3_stmt *st, int rc, const char *name)
{
	if (rc != SQLITE_OK)
		return db_error(sqlite3_db_handle(st), rc, name);
	return 0;
}

int db_bind_text(sqlite3_stmt *st, const char *name, const char *value)
{
	int i = bind_index(st, name);

	if (!i)
		return JAUDIT_EDATA;
	if (!value)
		return bind_check(st, sqlite3_bind_null(st, i), name);
	return bind_check(st, sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT), name);
}

int db_bind_int(sqlite3_stmt *st, const char *name, long long value)
{
	int i = bind_index(st, name);

	if (!i)
		return JAUDIT_EDATA;
	return bind_check(st, sqlite3_bind_int64(st, i, value), name);
}

int db_bind_double(sqlite3_stmt *st, const char *name, double value)
{
	int i = bind_index(st, name);

	if (!i)
		return JAUDIT_EDATA;
	return bind_check(st, sqlite3_bind_double(st, i, value), name);
}

int db_bind_null(sqlite3_stmt *st, const char *name)
{
	int i = bind_index(st, name);

	if (!i)
		return JAUDIT_EDATA;
	return bind_check(st, sqlite3_bind_null(st, i), name);
}

int db_bind_static_at(sqlite3_stmt *st, int index, const char *value)
{
	return bind_check(st, sqlite3_bind_text(st, index, value, -1, SQLITE_STATIC), "a value");
}

void db_rewind(sqlite3_stmt *st)
{
	sqlite3_reset(st);
}

const char *db_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? (const char *)s : "";
}

int db_begin(sqlite3 *db)
{
	return db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(sqlite3 *db)
{
	return db_exec(db, "COMMIT");
}

void db_rollback(sqlite3 *db)
{
	if (db && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int db_int(sqlite3 *db, const char *sql, long long *v)
{
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, &st, sql) < 0)
		return JAUDIT_EDATA;
	rc = db_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	db_finalize(st);
	if (rc == SQLITE_DONE)
		return jerror("database: %s: no row", sql);
	return rc == SQLITE_ROW ? 0 : JAUDIT_EDATA;
}

int db_schema_version(void)
{
	return db_nmigrations ? db_migrations[db_nmigrations - 1].version : 0;
}

int db_migrate(sqlite3 *db, const struct db_migration *m, size_t n,
	       int *from, int *to)
{
	long long v;
	int last = n ? m[n - 1].version : 0;
	size_t i;

	if (db_begin(db) < 0)
		return JAUDIT_EDATA;
	if (db_int(db, "PRAGMA user_version", &v) < 0)
		goto fail;
	if (from)
		*from = (int)v;
	if (v > last) {
		jerror("database: '%s' was made by a newer jaudit (schema version %lld; this jaudit knows up to %d); use that jaudit or a newer one",
		       sqlite3_db_filename(db, "main"), v, last);
		goto fail;
	}
	for (i = 0; i < n; i++) {
		char pragma[64];

		if (m[i].version <= v)
			continue;
		if (db_exec(db, m[i].sql) < 0) {
			jerror("database: migration %s failed", m[i].name);
			goto fail;
		}
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", m[i].version);
		if (db_exec(db, pragma) < 0)
			goto fail;
		v = m[i].version;
	}
	if (db_commit(db) < 0)
		goto fail;
	if (to)
		*to = (int)v;
	return 0;
fail:
	db_rollback(db);
	return JAUDIT_EDATA;
}

/* Create path with mode 0600, whatever the umask, if it does not exist. */
static int create_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		return jerror("cannot create database '%s': %s", path, strerror(errno));
	}
	if (fchmod(fd, 0600) < 0) {
		int e = errno;

		close(fd);
		unlink(path);
		return jerror("cannot set the mode of '%s': %s", path, strerror(e));
	}
	close(fd);
	return 0;
}

/* 1 if the file is empty (new) or starts with SQLite's header. */
static int is_sqlite_file(const char *path)
{
	char head[16];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (!fp)
		return 1;	/* sqlite3_open_v2 reports why */
	n = fread(head, 1, sizeof(head), fp);
	fclose(fp);
	return n == 0 || (n == sizeof(head) && memcmp(head, "SQLite format 3", 16) == 0);
}

int db_open_raw(sqlite3 **out, const char *path, enum db_open_mode mode)
{
	sqlite3 *db = NULL;
	int rc;
	char sql[64];
	const char *env = getenv("JAUDIT_BUSY_TIMEOUT");
	long timeout = DB_BUSY_TIMEOUT_MS;

	*out = NULL;
	/*
	 * jaudit reads no memory statistics: without them SQLite takes no
	 * global lock in every malloc and free.  Possible only before SQLite
	 * is first used, so a later call is refused (SQLITE_MISUSE) and ignored.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (env && *env) {
		char *end;

		timeout = strtol(env, &end, 10);
		if (*end || timeout < 0)
			return jerror("JAUDIT_BUSY_TIMEOUT: '%s' is not a number of milliseconds", env);
	}
	if (mode == DB_CREATE) {
		if (create_private(path) < 0)
			return JAUDIT_EDATA;
	} else if (access(path, F_OK) != 0) {
		return jerror("no database at '%s'; create one with 'jaudit init' or name another with --db or $JAUDIT_DB",
			      path);
	}
	if (!is_sqlite_file(path))
		return jerror("'%s' is not a jaudit database (not an SQLite file); did --db name the wrong file?",
			      path);
	/*
	 * jaudit uses a connection from one thread only: no mutexes (each
	 * costs a lock and a memory barrier in every call, 2 to 3% of ingest).
	 */
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		jerror("cannot open database '%s': %s", path,
		       db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return JAUDIT_EDATA;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, (int)timeout);
	snprintf(sql, sizeof(sql), "PRAGMA busy_timeout = %ld", timeout);
	/*
	 * 16 KiB pages for a new file (an existing one keeps its own: the pragma
	 * takes effect only before the first write).  Rows with findings text
	 * fit more to a page, and a large ingest splits and writes fewer pages:
	 * about 8% faster for a million results.
	 */
	if (db_exec(db, sql) < 0 ||
	    db_exec(db, "PRAGMA page_size = 16384") < 0 ||
	    db_exec(db, "PRAGMA foreign_keys = ON") < 0 ||
	    db_exec(db, "PRAGMA journal_mode = WAL") < 0 ||
	    db_exec(db, "PRAGMA synchronous = FULL") < 0) {
		sqlite3_close(db);
		return JAUDIT_EDATA;
	}
	/* is it a database at all? */
	{
		long long v;

		if (db_int(db, "SELECT count(*) FROM sqlite_schema", &v) < 0) {
			sqlite3_close(db);
			return jerror("'%s' is not a jaudit database", path);
		}
	}
	*out = db;
	return 0;
}

int db_open(sqlite3 **out, const char *path, enum db_open_mode mode)
{
	sqlite3 *db;

	if (db_open_raw(&db, path, mode) < 0)
		return JAUDIT_EDATA;
	if (db_migrate(db, db_migrations, db_nmigrations, NULL, NULL) < 0) {
		sqlite3_close(db);
		return JAUDIT_EDATA;
	}
	*out = db;
	return 0;
}

void db_close(sqlite3 *db)
{
	if (db)
		sqlite3_close(db);
}
