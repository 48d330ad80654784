/*
 * session.h - audit session documents (SPEC Appendix A, "jaudit-session/1"):
 * validate one document against the database and load it.
 *
 *     struct form_log log;
 *     struct session_loader L;
 *     form_log_init(&log, "sessions.ndjson");
 *     session_loader_init(&L, db, "sessions.ndjson", &log);
 *     db_begin(db);
 *     for each line: session_load_buffer(&L, line, len, lineno);
 *         (or for a whole NDJSON file, with a reader thread: ndjson_load())
 *     log.nerrors ? db_rollback(db) : db_commit(db);
 *     session_loader_release(&L);
 *
 * The loader writes inside the caller's transaction.  After the first
 * error it only validates (so that up to FORM_MAX_ERRORS errors of a file
 * are reported) and the caller rolls back.  Nothing is printed: errors and
 * warnings go to the form_log.
 *
 * A session loaded again replaces what it described: the sessions row is
 * updated in place (other tables refer to it), its members, contracts,
 * results and auditors' ratings are deleted and the document's written; a
 * document identical in content to what is stored counts as unchanged and
 * writes nothing.
 */
#ifndef JAUDIT_INGEST_SESSION_H
#define JAUDIT_INGEST_SESSION_H

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stddef.h>
#include "../core/form.h"
#include "../core/strbuf.h"
#include "arena.h"

#define SESSION_FORMAT "jaudit-session/1"
#define SESSION_BATCH 32	/* rows a multi-row INSERT writes at most */

struct session_year;	/* a year's checklist, cached */
struct session_doc;	/* one document, checked */

struct session_loader {
	/* public, read-only */
	size_t added, replaced, unchanged;	/* sessions */
	size_t results;				/* result rows written */

	/* private */
	sqlite3 *db;
	struct form_log *log;
	const char *source;
	struct session_year *years;
	size_t nyears;
	struct session_doc *doc;
	struct form_seen ids;
	struct arena arena;	/* session_load_buffer's trees */
	sqlite3_stmt *st[24];	/* prepared once by each stage, see session_doc.h */
	sqlite3_stmt *results_st[SESSION_BATCH + 1];	/* [n]: inserts n rows */
	sqlite3_stmt *items_st[SESSION_BATCH + 1];	/* session_items rows */
	sqlite3_stmt *ratings_st[SESSION_BATCH + 1];
	sqlite3_stmt *members_st[6];			/* 1..5 members */
	sqlite3_stmt *contracts_st[SESSION_BATCH + 1];
};

/*
 * Prepare the loader over an open database; source is stored as the
 * sessions' source and used for nothing else.  Returns 0 or JAUDIT_EDATA
 * (a database error, printed).  Release it in either case.
 */
int session_loader_init(struct session_loader *L, sqlite3 *db, const char *source,
			struct form_log *log);

/*
 * Check and load one document given as len bytes of JSON text (no NUL
 * needed); line is its line in the file for messages (NDJSON), or 0 for a
 * .json file, whose messages name the JSON path only (a syntax error
 * names the line it is on).  Returns 0 when the document was loaded (or,
 * after an earlier error in the file, would have been), JAUDIT_EDATA when
 * it has errors (logged).
 */
int session_load_buffer(struct session_loader *L, const char *buf, size_t len, size_t line);

/*
 * The two steps of session_load_buffer before the checks, which touch
 * neither a loader nor the database, so that another thread may run them
 * (ndjson.c).  session_text_check: 0 if the len bytes hold no NUL byte and
 * are UTF-8, else -1 with the reason in msg.  session_parse: the document's
 * tree, allocated as the calling thread's cJSON hooks say (arena.h), or NULL
 * with the reason in msg and the line of the file it is about in *errline
 * (line, or for a .json file the line of the syntax error).
 */
int session_text_check(const char *buf, size_t len, struct strbuf *msg);
cJSON *session_parse(const char *buf, size_t len, size_t line, size_t *errline, struct strbuf *msg);

/* The same for a parsed document; the caller keeps and deletes the tree. */
int session_load_tree(struct session_loader *L, const cJSON *doc, size_t line);

void session_loader_release(struct session_loader *L);

#endif
