/*
 * track_fixture.h - for the remediation tests: a fresh in-memory database
 * with the whole schema, the 115 checklist and tests/data/track/fixture.sql
 * (three vendors, two agencies sharing vendor 22099131, seven findings).
 */
#ifndef JAUDIT_TRACK_FIXTURE_H
#define JAUDIT_TRACK_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>

#include "../core/checklist.h"
#include "../core/db.h"
#include "../core/strbuf.h"

static inline char *track_fixture_read(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(fp);
	return strbuf_detach(&sb);
}

/* The database, or NULL; close with db_close(). */
static inline sqlite3 *track_fixture_open(void)
{
	sqlite3 *db = NULL;
	char *sql = track_fixture_read(TEST_DATA_DIR "/track/fixture.sql");

	if (!sql || sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    db_exec(db, "PRAGMA foreign_keys = ON") < 0 ||
	    db_migrate(db, db_migrations, db_nmigrations, NULL, NULL) < 0 ||
	    db_begin(db) < 0 || checklist_load_builtin(db, 115) < 0 || db_commit(db) < 0 ||
	    db_exec(db, sql) < 0) {
		free(sql);
		sqlite3_close(db);
		return NULL;
	}
	free(sql);
	return db;
}

static inline struct jdate track_date(int y, int m, int d)
{
	struct jdate x = { y, m, d };

	return x;
}

#endif
