/*
 * libFuzzer target: the session-document validator and loader
 * (ingest/session.h), on NDJSON text: one document a line.
 *
 * Every input is loaded in one transaction over the fuzz database
 * (fuzz_db.h) and rolled back.  Checks: a rejected document leaves an
 * error in the log; when the whole input is accepted, every session in the
 * database has exactly the results its checklist asks for and a committee
 * of 3 to 5, the rules `jaudit check` verifies.
 */
#include "fuzz_db.h"
#include "../../core/form.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char session_missing_sql[] =
	"SELECT count(*) FROM sessions s JOIN checklist_items c ON c.year = s.year"
	" LEFT JOIN session_contracts sc ON c.category = 'specific' AND sc.session = s.id"
	" WHERE (c.category = 'common' OR sc.ref IS NOT NULL)"
	"   AND NOT EXISTS (SELECT 1 FROM results r WHERE r.session = s.id"
	"                   AND r.item = c.code AND r.ref = coalesce(sc.ref, ''))";
static const char session_extra_sql[] =
	"SELECT count(*) FROM results r JOIN sessions s ON s.id = r.session"
	" WHERE NOT EXISTS (SELECT 1 FROM checklist_items c WHERE c.year = s.year AND c.code = r.item)"
	"    OR (r.ref <> '' AND NOT EXISTS (SELECT 1 FROM session_contracts sc"
	"        WHERE sc.session = r.session AND sc.ref = r.ref))";
static const char session_committee_sql[] =
	"SELECT count(*) FROM sessions s WHERE (SELECT count(*) FROM session_members m"
	" WHERE m.session = s.id) NOT BETWEEN 3 AND 5";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sqlite3 *db = fuzz_db();
	struct form_log log;
	struct session_loader L;
	const char *p = (const char *)data, *end = p + size;
	size_t line = 0;
	int bad = 0;

	if (db_begin(db) < 0)
		abort();
	form_log_init(&log, "fuzz.ndjson");
	if (session_loader_init(&L, db, "fuzz.ndjson", &log) < 0)
		abort();
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		line++;
		if (session_load_buffer(&L, p, len, line) < 0) {
			bad = 1;
			if (log.nerrors == 0)
				abort();	/* rejected without a reason */
		}
		p += len + (nl ? 1 : 0);
		if (form_log_full(&log))
			break;
	}
	if (!bad && !log.nerrors &&
	    (!fuzz_zero(db, session_missing_sql) || !fuzz_zero(db, session_extra_sql) ||
	     !fuzz_zero(db, session_committee_sql)))
		abort();	/* accepted a document that breaks the checklist's rules */
	session_loader_release(&L);
	form_log_release(&log);
	db_rollback(db);
	return 0;
}
