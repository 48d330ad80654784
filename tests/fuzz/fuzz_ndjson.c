/*
 * libFuzzer target: an NDJSON file through ingest's reader thread
 * (ingest/ndjson.h), against the same lines loaded one at a time as
 * ndjson.h promises it is equivalent to: a BOM on line 1 and blank lines
 * skipped, session_text_check(), then session_load_buffer().
 *
 * Each way runs over the fuzz database (fuzz_db.h) in a transaction that
 * is rolled back.  Checks: the two error logs are the same text, in the
 * same order, and the two loaders counted the same sessions and results.
 */
#include "fuzz_db.h"
#include "../../core/form.h"
#include "../../ingest/ndjson.h"

#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct outcome {
	struct form_log log;
	size_t added, replaced, unchanged, results;
};

static void finish(struct outcome *o, struct session_loader *L, sqlite3 *db)
{
	o->added = L->added;
	o->replaced = L->replaced;
	o->unchanged = L->unchanged;
	o->results = L->results;
	session_loader_release(L);
	db_rollback(db);
}

/* The lines one at a time, as load_ndjson did before the reader thread. */
static void one_by_one(sqlite3 *db, const char *data, size_t size, struct outcome *o)
{
	struct session_loader L;
	struct strbuf msg = STRBUF_INIT;
	const char *p = data, *end = data + size;
	size_t lineno = 0;

	if (db_begin(db) < 0 || session_loader_init(&L, db, "fuzz.ndjson", &o->log) < 0)
		abort();
	while (p < end && !form_log_full(&o->log)) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		const char *q = p;
		size_t n = len;

		lineno++;
		p += len;
		if (lineno == 1 && n >= 3 && memcmp(q, "\xEF\xBB\xBF", 3) == 0) {
			q += 3;
			n -= 3;
		}
		if (!memchr(q, '\0', n)) {
			size_t k = 0;

			while (k < n && strchr(" \t\r\n", q[k]))
				k++;
			if (k == n)
				continue;	/* a blank line */
		}
		if (session_text_check(q, n, &msg) < 0)
			form_error(&o->log, lineno, "%s", msg.buf);
		else
			session_load_buffer(&L, q, n, lineno);
	}
	strbuf_release(&msg);
	finish(o, &L, db);
}

static void threaded(sqlite3 *db, const uint8_t *data, size_t size, struct outcome *o)
{
	struct session_loader L;
	FILE *fp = fmemopen((void *)data, size, "rb");

	if (!fp || db_begin(db) < 0 || session_loader_init(&L, db, "fuzz.ndjson", &o->log) < 0)
		abort();
	ndjson_load(&L, &o->log, fp);
	fclose(fp);
	finish(o, &L, db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sqlite3 *db = fuzz_db();
	struct outcome a, b;

	if (size == 0)
		return 0;	/* fmemopen wants a buffer */
	form_log_init(&a.log, "fuzz.ndjson");
	form_log_init(&b.log, "fuzz.ndjson");
	one_by_one(db, (const char *)data, size, &a);
	threaded(db, data, size, &b);
	if (a.log.nerrors != b.log.nerrors || a.log.nwarnings != b.log.nwarnings ||
	    strcmp(a.log.text.buf, b.log.text.buf) != 0 || a.added != b.added ||
	    a.replaced != b.replaced || a.unchanged != b.unchanged || a.results != b.results) {
		fprintf(stderr, "one by one (%zu errors):\n%s\nreader thread (%zu errors):\n%s\n",
			a.log.nerrors, a.log.text.buf, b.log.nerrors, b.log.text.buf);
		abort();	/* the reader thread changed what ingest says or does */
	}
	form_log_release(&a.log);
	form_log_release(&b.log);
	return 0;
}
