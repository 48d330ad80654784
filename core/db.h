/*
 * db.h - the one SQLite database of jaudit, and a thin checked wrapper over
 * the SQLite C API in the manner of Fossil's db.c.
 *
 * Every call is checked; a failure is reported as
 *     jaudit: database: <what>: <sqlite3_errmsg> (code N, extended M)
 * with the SQL text where there is one, and returns JAUDIT_EDATA.
 * SQL is never built from data: bind parameters.
 */
#ifndef JAUDIT_DB_H
#define JAUDIT_DB_H

#include <sqlite3.h>
#include <stddef.h>

/* The schema, built into the program from sql/NNN_name.sql (sql/embed.sh). */
struct db_migration {
	int version;		/* NNN: the user_version once applied */
	const char *name;
	const char *sql;
};
extern const struct db_migration db_migrations[];
extern const size_t db_nmigrations;

#define DB_DEFAULT_PATH "jaudit.db"
#define DB_BUSY_TIMEOUT_MS 10000

/* The database path: opt (--db) if set, else $JAUDIT_DB, else ./jaudit.db. */
const char *db_path(const char *opt);

enum db_open_mode {
	DB_EXISTING,	/* the file must exist (every command but init) */
	DB_CREATE,	/* create it, mode 0600, if it does not exist */
};

/*
 * Open the database at path: WAL, foreign keys on, a busy timeout
 * ($JAUDIT_BUSY_TIMEOUT in ms, default 10 s).  A new file is created with
 * mode 0600 whatever the umask.  Then migrate it to the newest schema
 * (db_migrate with the built-in migrations); a database made by a newer
 * jaudit is refused.  Returns 0 with *out set, or JAUDIT_EDATA with a
 * message.  Close with db_close().
 */
int db_open(sqlite3 **out, const char *path, enum db_open_mode mode);

/*
 * Open without migrating (for tests and for `jaudit check`, which must see
 * the file as it is).
 */
int db_open_raw(sqlite3 **out, const char *path, enum db_open_mode mode);

void db_close(sqlite3 *db);

/*
 * Apply the migrations whose version is above the database's user_version,
 * in one transaction.  *from and *to (may be NULL) receive the versions
 * before and after.  A user_version above the last migration is refused.
 */
int db_migrate(sqlite3 *db, const struct db_migration *m, size_t n,
	       int *from, int *to);

/* The newest schema version this jaudit knows. */
int db_schema_version(void);

/* Report a failed SQLite call (rc) about `what`; returns JAUDIT_EDATA. */
int db_error(sqlite3 *db, int rc, const char *what);

/* Run SQL without parameters (pragmas, schema, BEGIN/COMMIT). */
int db_exec(sqlite3 *db, const char *sql);

/* Prepare sql into *st; the caller finalizes it (db_finalize). */
int db_prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql);

/*
 * Step: returns SQLITE_ROW or SQLITE_DONE, or JAUDIT_EDATA with a message
 * that names the statement (a constraint failure, a busy database).
 */
int db_step(sqlite3_stmt *st);

/* Reset and clear the bindings, for the next row of a prepared statement. */
void db_reset(sqlite3_stmt *st);

/* sqlite3_finalize(st); NULL is allowed. */
void db_finalize(sqlite3_stmt *st);

/* Bind by name (":name"), text copied; NULL binds SQL NULL.  0 or error. */
int db_bind_text(sqlite3_stmt *st, const char *name, const char *value);
int db_bind_int(sqlite3_stmt *st, const char *name, long long value);
int db_bind_double(sqlite3_stmt *st, const char *name, double value);
int db_bind_null(sqlite3_stmt *st, const char *name);

/*
 * Bind by position (1-based), for statements that insert many rows at a
 * time.  The text is not copied: it must stay valid until the statement
 * has been stepped.  0 or error.
 */
int db_bind_static_at(sqlite3_stmt *st, int index, const char *value);

/* Reset for the next step, keeping the bindings (all are bound again). */
void db_rewind(sqlite3_stmt *st);

/* Column text, "" for NULL (never NULL). */
const char *db_text(sqlite3_stmt *st, int col);

/* Transactions: BEGIN IMMEDIATE (waits for the busy timeout), COMMIT, ROLLBACK. */
int db_begin(sqlite3 *db);
int db_commit(sqlite3 *db);
/* Roll back if a transaction is open; never fails loudly. */
void db_rollback(sqlite3 *db);

/*
 * Run a query with no parameters that returns one integer (the first
 * column of the first row).  Returns 0 and *v, or JAUDIT_EDATA.
 */
int db_int(sqlite3 *db, const char *sql, long long *v);

#endif
