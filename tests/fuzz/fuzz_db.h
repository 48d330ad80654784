/*
 * fuzz_db.h - the database the session and update fuzz targets run
 * against: an in-memory jaudit database with the built-in 115 checklist,
 * two selected vendors (22099131, 28410103) and session 115-07 of vendor
 * 22099131 (C01 不符合, S03 of K1 部分符合) with its two remediation
 * records opened by sync.  Made once per process; each input then runs in a
 * transaction that is rolled back, so every input sees the same database.
 */
#ifndef JAUDIT_FUZZ_DB_H
#define JAUDIT_FUZZ_DB_H

#include "../../core/checklist.h"
#include "../../core/date.h"
#include "../../core/db.h"
#include "../../track/remed_policy.h"
#include "../../core/strbuf.h"
#include "../../ingest/session.h"

#include <stdlib.h>
#include <string.h>

/* The session document of 115-07, every item of the checklist once. */
static char *fuzz_session_doc(void)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_adds(&sb, "{\"format\":\"jaudit-session/1\",\"year\":115,\"session\":\"115-07\","
		    "\"vendor\":\"22099131\",\"date\":\"115/06/12\",\"lead\":\"王大明\","
		    "\"committee\":[\"李小華\",\"陳美玲\",\"張志豪\"],"
		    "\"contracts\":[{\"ref\":\"K1\",\"agency\":\"數位發展部\","
		    "\"contract\":\"行政資訊系統維運案\",\"system\":\"公文系統\"}],\"results\":[");
	for (i = 0; i < checklist_builtin_count; i++) {
		const struct checklist_item *it = &checklist_builtin[i];
		int common = it->category == CHECKLIST_COMMON;

		strbuf_addf(&sb, "%s{\"item\":\"%s\"%s,", i ? "," : "", it->code,
			    common ? "" : ",\"contract\":\"K1\"");
		if (strcmp(it->code, "C01") == 0)
			strbuf_adds(&sb, "\"rating\":\"不符合\",\"finding\":\"機房進出未留存紀錄\"}");
		else if (strcmp(it->code, "S03") == 0)
			strbuf_adds(&sb, "\"rating\":\"部分符合\",\"finding\":\"管理者帳號兼作一般用途\"}");
		else
			strbuf_adds(&sb, "\"rating\":\"符合\"}");
	}
	strbuf_adds(&sb, "]}");
	return strbuf_detach(&sb);
}

/* The shared database, made on first use; abort() if it cannot be. */
static sqlite3 *fuzz_db(void)
{
	static sqlite3 *db;

	if (db)
		return db;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    db_exec(db, "PRAGMA foreign_keys = ON") < 0 ||
	    db_migrate(db, db_migrations, db_nmigrations, NULL, NULL) < 0 ||
	    db_begin(db) < 0 || checklist_load_builtin(db, 115) < 0 ||
	    db_exec(db, "INSERT INTO vendors VALUES ('22099131', '測試資訊股份有限公司'),"
			" ('28410103', '乙系統有限公司');"
			"INSERT INTO vendor_years VALUES (115, '22099131', 3, 2, 1, 1),"
			" (115, '28410103', 1, 1, 1, 1)") < 0)
		abort();
	{
		struct form_log log;
		struct session_loader L;
		struct remed_sync_result res;
		struct jdate today = { 2026, 11, 20 };
		char *doc = fuzz_session_doc();

		form_log_init(&log, "fuzz-setup.json");
		if (session_loader_init(&L, db, "fuzz-setup.json", &log) < 0 ||
		    session_load_buffer(&L, doc, strlen(doc), 0) < 0 || log.nerrors ||
		    remed_sync(db, 115, today, &res) < 0 || res.opened != 2)
			abort();
		session_loader_release(&L);
		form_log_release(&log);
		free(doc);
	}
	if (db_commit(db) < 0)
		abort();
	return db;
}

/* 1 if the query's single integer is 0. */
static inline int fuzz_zero(sqlite3 *db, const char *sql)
{
	long long v = -1;

	return db_int(db, sql, &v) == 0 && v == 0;
}

#endif
