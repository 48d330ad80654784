/*
 * Session documents: the loader and the three stages in order.
 * session_parse.c reads the text and parses it, session_check.c checks the
 * tree, session_store.c compares it with what is stored and writes it;
 * this file holds the loader they share and runs them one after another.
 */
#include "session.h"
#include "session_doc.h"
#include "../core/db.h"
#include "../core/strbuf.h"

#include <stdlib.h>
#include <string.h>

int session_loader_init(struct session_loader *L, sqlite3 *db, const char *source,
			struct form_log *log)
{
	memset(L, 0, sizeof(*L));
	L->db = db;
	L->log = log;
	L->source = source;
	L->doc = xcalloc(1, sizeof(*L->doc));
	strbuf_init(&L->doc->path);
	strbuf_init(&L->doc->msg);
	strbuf_init(&L->doc->canon_db);
	strbuf_init(&L->doc->canon_doc);
	if (session_check_prepare(L) < 0 || session_store_prepare(L) < 0)
		return JAUDIT_EDATA;
	return 0;
}

void session_loader_release(struct session_loader *L)
{
	size_t i;

	for (i = 0; i < ST_COUNT; i++)
		db_finalize(L->st[i]);
	for (i = 0; i <= SESSION_BATCH; i++) {
		db_finalize(L->results_st[i]);
		db_finalize(L->items_st[i]);
		db_finalize(L->ratings_st[i]);
		db_finalize(L->contracts_st[i]);
	}
	for (i = 0; i < 6; i++)
		db_finalize(L->members_st[i]);
	for (i = 0; i < L->nyears; i++) {
		free(L->years[i].code);
		free(L->years[i].specific);
	}
	free(L->years);
	if (L->doc) {
		free(L->doc->c);
		free(L->doc->r);
		free(L->doc->a);
		free(L->doc->seen);
		strbuf_release(&L->doc->path);
		strbuf_release(&L->doc->msg);
		strbuf_release(&L->doc->canon_db);
		strbuf_release(&L->doc->canon_doc);
		free(L->doc);
	}
	form_seen_release(&L->ids);
	arena_release(&L->arena);
	memset(L, 0, sizeof(*L));
}


/* --- the entry points ------------------------------------------------- */

int session_load_tree(struct session_loader *L, const cJSON *root, size_t line)
{
	if (session_check(L, root, line) < 0)
		return JAUDIT_EDATA;
	if (L->log->nerrors)
		return 0;	/* an earlier document failed: the file is not loaded */
	return session_store(L);
}

int session_load_buffer(struct session_loader *L, const char *buf, size_t len, size_t line)
{
	size_t errline;
	cJSON *root;
	int rc;

	arena_hooks_install();
	arena_use(&L->arena);
	root = session_parse(buf, len, line, &errline, &L->doc->msg);
	if (root)
		rc = session_load_tree(L, root, line);
	else
		rc = form_error(L->log, errline, "%s", L->doc->msg.buf);
	arena_use(NULL);
	arena_drop(&L->arena, root);
	arena_hooks_remove();
	return rc;
}
