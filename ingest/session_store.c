/*
 * Session documents, the last stage: the checked document is compared
 * with the stored session (same text: "unchanged", nothing written), then
 * written with one multi-row INSERT per table, SESSION_BATCH rows a step.
 */
#include "session_doc.h"
#include "../core/db.h"
#include "../core/strbuf.h"

#include <stdlib.h>
#include <string.h>

/* Rows inserted by one step of the batch statements. */
#define BATCH SESSION_BATCH
/* Every row of a batch names the session as ?1, bound once (write_rows). */
#define RESULT_ROW "(?1, ?, ?, ?, ?, ?)"
#define ITEM_ROW "(?1, ?, ?)"
#define RATING_ROW "(?1, ?, ?, ?, ?)"
#define MEMBER_ROW "(?1, ?, ?)"
#define CONTRACT_ROW "(?1, ?, ?, ?, ?)"

#define RESULTS_HEAD "INSERT OR ROLLBACK INTO results (session, item, ref, rating, finding, recommendation)"
#define ITEMS_HEAD "INSERT OR ROLLBACK INTO session_items (session, item, worst)"
#define RATINGS_HEAD "INSERT OR ROLLBACK INTO auditor_ratings (session, auditor, item, ref, rating)"
#define MEMBERS_HEAD "INSERT OR ROLLBACK INTO session_members (session, seq, name)"
#define CONTRACTS_HEAD "INSERT OR ROLLBACK INTO session_contracts (session, ref, agency, contract, system)"

/* The statements of this stage (session_doc.h), prepared by session_store_prepare. */
static const char *const sql[ST_COUNT] = {
	[ST_EXISTS] = "SELECT 1 FROM sessions WHERE id = :id",
	[ST_SESSION] = "INSERT OR ROLLBACK INTO sessions (id, year, taxid, date, lead, source)"
		" VALUES (:id, :year, :taxid, :date, :lead, :source)",
	[ST_RESESSION] = "UPDATE OR ROLLBACK sessions SET year = :year, taxid = :taxid, date = :date,"
		" lead = :lead, source = :source, loaded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
		" WHERE id = :id",
	[ST_DEL_MEMBERS] = "DELETE FROM session_members WHERE session = :id",
	[ST_DEL_RATINGS] = "DELETE FROM auditor_ratings WHERE session = :id",
	[ST_DEL_CONTRACTS] = "DELETE FROM session_contracts WHERE session = :id",
	[ST_DEL_RESULTS] = "DELETE FROM results WHERE session = :id",
	[ST_DEL_ITEMS] = "DELETE FROM session_items WHERE session = :id",
	[ST_C_SESSION] = "SELECT year, taxid, date, lead FROM sessions WHERE id = :id",
	[ST_C_MEMBERS] = "SELECT name FROM session_members WHERE session = :id ORDER BY seq",
	[ST_C_CONTRACTS] = "SELECT ref, agency, contract, system FROM session_contracts"
		" WHERE session = :id ORDER BY ref",
	[ST_C_RESULTS] = "SELECT item, ref, rating, finding, recommendation FROM results"
		" WHERE session = :id ORDER BY item, ref",
	[ST_C_RATINGS] = "SELECT auditor, item, ref, rating FROM auditor_ratings"
		" WHERE session = :id ORDER BY auditor, item, ref",
};

int session_store_prepare(struct session_loader *L)
{
	int i;

	for (i = ST_CHECK_COUNT; i < ST_COUNT; i++)
		if (db_prepare(L->db, &L->st[i], sql[i]) < 0)
			return JAUDIT_EDATA;
	return 0;
}

/*
 * The statement that inserts n rows (1..BATCH) at a time, prepared on its
 * first use and kept in cache[n]: "INSERT … VALUES row, row, … tail".
 */
static sqlite3_stmt *batch(struct session_loader *L, sqlite3_stmt **cache, size_t n,
			   const char *head, const char *row, const char *tail)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (cache[n])
		return cache[n];
	strbuf_adds(&sb, head);
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : " VALUES ", row);
	strbuf_adds(&sb, tail);
	if (db_prepare(L->db, &cache[n], sb.buf) < 0)
		cache[n] = NULL;
	strbuf_release(&sb);
	return cache[n];
}

/* --- comparing with what is stored ----------------------------------- */

static void canon_add(struct strbuf *sb, const char *s)
{
	strbuf_adds(sb, s);
	strbuf_addch(sb, '\x1f');
}

static int cmp_result(const void *a, const void *b)
{
	const struct s_result *x = a, *y = b;
	int c = strcmp(x->item, y->item);

	return c ? c : strcmp(x->ref, y->ref);
}

static int cmp_contract(const void *a, const void *b)
{
	return strcmp(((const struct s_contract *)a)->ref, ((const struct s_contract *)b)->ref);
}

/* The checked document as canonical text in d->canon_doc, to compare with the stored. */
static void canon_doc(struct session_doc *d)
{
	struct strbuf *sb = &d->canon_doc;
	struct s_contract *c = xmalloc((d->nc + 1) * sizeof(*c));
	struct s_result *r = xmalloc((d->nr + 1) * sizeof(*r));
	size_t i;

	strbuf_reset(sb);
	strbuf_addf(sb, "%d\x1f", d->year);
	canon_add(sb, d->taxid);
	canon_add(sb, d->date);
	canon_add(sb, d->lead);
	strbuf_addch(sb, '\x1e');
	for (i = 0; i < d->nmembers; i++)
		canon_add(sb, d->members[i]);
	strbuf_addch(sb, '\x1e');
	memcpy(c, d->c, d->nc * sizeof(*c));
	qsort(c, d->nc, sizeof(*c), cmp_contract);
	for (i = 0; i < d->nc; i++) {
		canon_add(sb, c[i].ref);
		canon_add(sb, c[i].agency);
		canon_add(sb, c[i].contract);
		canon_add(sb, c[i].system);
	}
	strbuf_addch(sb, '\x1e');
	memcpy(r, d->r, d->nr * sizeof(*r));
	qsort(r, d->nr, sizeof(*r), cmp_result);
	for (i = 0; i < d->nr; i++) {
		canon_add(sb, r[i].item);
		canon_add(sb, r[i].ref);
		canon_add(sb, rating_code(r[i].rating));
		canon_add(sb, r[i].finding);
		canon_add(sb, r[i].rec);
	}
	strbuf_addch(sb, '\x1e');
	for (i = 0; i < d->na; i++) {	/* sorted by check_ratings */
		canon_add(sb, d->a[i].auditor);
		canon_add(sb, d->a[i].item);
		canon_add(sb, d->a[i].ref);
		canon_add(sb, rating_code(d->a[i].rating));
	}
	free(c);
	free(r);
}

static int canon_query(struct session_loader *L, int which, int ncols, struct strbuf *sb)
{
	sqlite3_stmt *st = L->st[which];
	int rc, i;

	db_bind_text(st, ":id", L->doc->id);
	while ((rc = db_step(st)) == SQLITE_ROW)
		for (i = 0; i < ncols; i++)
			canon_add(sb, db_text(st, i));
	db_reset(st);
	strbuf_addch(sb, '\x1e');
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

/* The stored session d->id as canonical text in d->canon_db: 0 or JAUDIT_EDATA. */
static int canon_stored(struct session_loader *L)
{
	struct strbuf *sb = &L->doc->canon_db;

	strbuf_reset(sb);
	if (canon_query(L, ST_C_SESSION, 4, sb) < 0)
		return JAUDIT_EDATA;
	if (canon_query(L, ST_C_MEMBERS, 1, sb) < 0 ||
	    canon_query(L, ST_C_CONTRACTS, 4, sb) < 0 ||
	    canon_query(L, ST_C_RESULTS, 5, sb) < 0 ||
	    canon_query(L, ST_C_RATINGS, 4, sb) < 0)
		return JAUDIT_EDATA;
	sb->buf[--sb->len] = '\0';
	return 0;
}

/* --- writing ------------------------------------------------------------ */

static int step_done(struct session_loader *L, int which)
{
	int rc = db_step(L->st[which]);

	db_reset(L->st[which]);
	if (rc != SQLITE_DONE) {
		form_error(L->log, L->doc->line, "session %s: the database refused it (the message above says why)",
			   L->doc->id);
		return JAUDIT_EDATA;
	}
	return 0;
}

/* Step a statement bound by position; keep its bindings' slots for the next rows. */
static int step_rewind(struct session_loader *L, sqlite3_stmt *st)
{
	int rc = db_step(st);

	db_rewind(st);
	if (rc != SQLITE_DONE) {
		form_error(L->log, L->doc->line, "session %s: the database refused it (the message above says why)",
			   L->doc->id);
		return JAUDIT_EDATA;
	}
	return 0;
}

/*
 * Remove the stored session's rows (the sessions row itself stays: the
 * remediation records and schedule name it) before the document's rows are
 * written in their place.  Writing every row afresh, rather than updating
 * rows in place, keeps each INSERT a plain one, without the statement
 * journal an upsert needs (sql/007_session_rows.sql says why that counts).
 */
static int remove_old(struct session_loader *L)
{
	static const int del[] = { ST_DEL_RESULTS, ST_DEL_ITEMS, ST_DEL_CONTRACTS, ST_DEL_MEMBERS,
				   ST_DEL_RATINGS };
	size_t i;

	for (i = 0; i < sizeof(del) / sizeof(del[0]); i++) {
		db_bind_text(L->st[del[i]], ":id", L->doc->id);
		if (step_done(L, del[i]) < 0)
			return JAUDIT_EDATA;
	}
	return 0;
}

/*
 * The worst rating of each item over the session's contracts
 * (sql/010_session_items.sql): enum rating is in the order of severity.
 * Items "C00".."S99" find their slot at once, any other by a search.
 */
struct worst_item {
	const char *item;
	enum rating worst;
};

static size_t worst_items(const struct session_doc *d, struct worst_item *w)
{
	short slot[2][100];
	size_t i, j, n = 0;

	memset(slot, -1, sizeof(slot));
	for (i = 0; i < d->nr; i++) {
		const char *c = d->r[i].item;
		short *sl = NULL;

		if ((c[0] == 'C' || c[0] == 'S') && c[1] >= '0' && c[1] <= '9' &&
		    c[2] >= '0' && c[2] <= '9' && !c[3])
			sl = &slot[c[0] == 'S'][(c[1] - '0') * 10 + (c[2] - '0')];
		if (sl && *sl >= 0)
			j = (size_t)*sl;
		else if (sl)
			j = n;
		else
			for (j = 0; j < n && strcmp(w[j].item, c) != 0; j++)
				;
		if (j == n) {
			w[n].item = c;
			w[n++].worst = d->r[i].rating;
			if (sl)
				*sl = (short)j;
		} else if (d->r[i].rating > w[j].worst)
			w[j].worst = d->r[i].rating;
	}
	return n;
}

static int write_items(struct session_loader *L)
{
	struct session_doc *d = L->doc;
	struct worst_item *w = xmalloc((d->nr + 1) * sizeof(*w));
	size_t nw = worst_items(d, w), i;
	int ret = 0;

	for (i = 0; i < nw && ret == 0; ) {
		size_t n = nw - i >= BATCH ? BATCH : nw - i, k;
		sqlite3_stmt *st = batch(L, L->items_st, n, ITEMS_HEAD, ITEM_ROW, "");
		int p = 2;

		if (!st) {
			ret = JAUDIT_EDATA;
			break;
		}
		db_bind_static_at(st, 1, d->id);
		for (k = 0; k < n; k++, i++) {
			db_bind_static_at(st, p++, w[i].item);
			sqlite3_bind_int(st, p++, (int)w[i].worst);
		}
		ret = step_rewind(L, st);
	}
	free(w);
	return ret;
}

/* The sessions row: inserted, or updated in place when it exists. */
static int write_session(struct session_loader *L, int exists)
{
	struct session_doc *d = L->doc;
	int which = exists ? ST_RESESSION : ST_SESSION;
	sqlite3_stmt *st = L->st[which];

	db_bind_text(st, ":id", d->id);
	db_bind_int(st, ":year", d->year);
	db_bind_text(st, ":taxid", d->taxid);
	db_bind_text(st, ":date", d->date);
	db_bind_text(st, ":lead", d->lead);
	db_bind_text(st, ":source", L->source);
	return step_done(L, which);
}

static int write_members(struct session_loader *L)
{
	static const char *const seq[5] = { "1", "2", "3", "4", "5" };
	struct session_doc *d = L->doc;
	sqlite3_stmt *st;
	size_t i;
	int p = 2;

	if (!d->nmembers)
		return 0;
	st = batch(L, L->members_st, d->nmembers, MEMBERS_HEAD, MEMBER_ROW, "");
	if (!st)
		return JAUDIT_EDATA;
	db_bind_static_at(st, 1, d->id);
	for (i = 0; i < d->nmembers; i++) {
		db_bind_static_at(st, p++, seq[i]);	/* INTEGER affinity: stored as 1..5 */
		db_bind_static_at(st, p++, d->members[i]);
	}
	return step_rewind(L, st);
}

static int write_contracts(struct session_loader *L)
{
	struct session_doc *d = L->doc;
	size_t i;

	for (i = 0; i < d->nc; ) {
		size_t n = d->nc - i >= BATCH ? BATCH : d->nc - i, k;
		sqlite3_stmt *st = batch(L, L->contracts_st, n, CONTRACTS_HEAD, CONTRACT_ROW, "");
		int p = 2;

		if (!st)
			return JAUDIT_EDATA;
		db_bind_static_at(st, 1, d->id);
		for (k = 0; k < n; k++, i++) {
			db_bind_static_at(st, p++, d->c[i].ref);
			db_bind_static_at(st, p++, d->c[i].agency);
			db_bind_static_at(st, p++, d->c[i].contract);
			db_bind_static_at(st, p++, d->c[i].system);
		}
		if (step_rewind(L, st) < 0)
			return JAUDIT_EDATA;
	}
	return 0;
}

static int write_results(struct session_loader *L)
{
	struct session_doc *d = L->doc;
	size_t i;

	for (i = 0; i < d->nr; ) {
		size_t n = d->nr - i >= BATCH ? BATCH : d->nr - i, k;
		sqlite3_stmt *st = batch(L, L->results_st, n, RESULTS_HEAD, RESULT_ROW, "");
		int p = 2;

		if (!st)
			return JAUDIT_EDATA;
		db_bind_static_at(st, 1, d->id);
		for (k = 0; k < n; k++, i++) {
			db_bind_static_at(st, p++, d->r[i].item);
			db_bind_static_at(st, p++, d->r[i].ref);
			db_bind_static_at(st, p++, rating_code(d->r[i].rating));
			db_bind_static_at(st, p++, d->r[i].finding);
			db_bind_static_at(st, p++, d->r[i].rec);
		}
		if (step_rewind(L, st) < 0)
			return JAUDIT_EDATA;
	}
	L->results += d->nr;
	return 0;
}

static int write_ratings(struct session_loader *L)
{
	struct session_doc *d = L->doc;
	size_t i;

	for (i = 0; i < d->na; ) {
		size_t n = d->na - i >= BATCH ? BATCH : d->na - i, k;
		sqlite3_stmt *st = batch(L, L->ratings_st, n, RATINGS_HEAD, RATING_ROW, "");
		int p = 2;

		if (!st)
			return JAUDIT_EDATA;
		db_bind_static_at(st, 1, d->id);
		for (k = 0; k < n; k++, i++) {
			db_bind_static_at(st, p++, d->a[i].auditor);
			db_bind_static_at(st, p++, d->a[i].item);
			db_bind_static_at(st, p++, d->a[i].ref);
			db_bind_static_at(st, p++, rating_code(d->a[i].rating));
		}
		if (step_rewind(L, st) < 0)
			return JAUDIT_EDATA;
	}
	return 0;
}

/* Write the checked document, replacing the stored one when it exists. */
static int write_doc(struct session_loader *L, int exists)
{
	if (write_session(L, exists) < 0 || (exists && remove_old(L) < 0) ||
	    write_members(L) < 0 || write_contracts(L) < 0 || write_results(L) < 0 ||
	    write_items(L) < 0 || write_ratings(L) < 0)
		return JAUDIT_EDATA;
	return 0;
}

/* --- the entry point ---------------------------------------------------- */

int session_store(struct session_loader *L)
{
	struct session_doc *d = L->doc;
	int exists;

	db_bind_text(L->st[ST_EXISTS], ":id", d->id);
	exists = db_step(L->st[ST_EXISTS]) == SQLITE_ROW;
	db_reset(L->st[ST_EXISTS]);
	if (exists) {
		if (canon_stored(L) < 0)
			return form_error(L->log, d->line, "session %s: cannot read the stored session", d->id);
		canon_doc(d);
		if (strcmp(d->canon_db.buf, d->canon_doc.buf) == 0) {
			L->unchanged++;
			return 0;
		}
	}
	if (write_doc(L, exists) < 0)
		return JAUDIT_EDATA;
	if (exists)
		L->replaced++;
	else
		L->added++;
	return 0;
}
