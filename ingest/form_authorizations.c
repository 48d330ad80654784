/*
 * 附件1 授權同意調查表: the contracts an agency authorizes, each vendor matched by name to the year's candidates.
 */
#include "form_fields.h"
#include "../core/names.h"
#include "../core/db.h"

#include <stdlib.h>
#include <string.h>

enum { A_NO, A_AGENCY, A_CONTRACT, A_SCOPE, A_SYSTEM, A_VENDOR, A_AWARE, A_YEAR, A_N };
static const struct csv_column auth_cols[A_N] = {
	{ "編號|no|form_no", 0 },
	{ "機關名稱|agency", 1 },
	{ "契約案名|contract", 1 },
	{ "履約範圍|scope", 0 },
	{ "系統名稱|system", 0 },
	{ "廠商名稱|vendor|vendor_name", 1 },
	{ "廠商是否知悉稽核作業|vendor_aware|aware", 1 },
	{ "年度|year", 0 },
};

/*
 * A contract is stored once (authorizations); each of its rows, one per
 * vendor and 履約範圍, beside it (authorization_vendors).  The rows of the
 * contracts a file names are noted in temp.auth_rows; at the end, the rows
 * of those contracts the file no longer lists are removed.
 */
enum { AS_ROW, AS_CAND, AS_CONTRACT, AS_ID, AS_VENDOR, AS_NOTE, AS_PARENT, AS_TOP, AS_N };

static int auth_begin(struct form_ctx *c)
{
	static const char *const sql[AS_N] = {
		[AS_ROW] = "SELECT v.form_no, v.vendor_aware, coalesce(a.submission, '')"
		" FROM authorizations a JOIN authorization_vendors v ON v.authorization = a.id"
		" WHERE a.year = :year AND a.agency = :agency AND a.contract = :contract AND a.system = :system"
		" AND v.taxid = :taxid AND v.scope = :scope",
		[AS_CAND] = "SELECT v.taxid, v.name FROM vendor_years y JOIN vendors v ON v.taxid = y.taxid"
		" WHERE y.year = :year AND y.candidate = 1 ORDER BY v.taxid",
		[AS_CONTRACT] = "INSERT INTO authorizations (year, agency, contract, system, submission)"
		" VALUES (:year, :agency, :contract, :system, :sub)"
		" ON CONFLICT (year, agency, contract, system) DO UPDATE SET submission = excluded.submission"
		" WHERE submission IS NOT excluded.submission",
		[AS_ID] = "SELECT id FROM authorizations"
		" WHERE year = :year AND agency = :agency AND contract = :contract AND system = :system",
		[AS_VENDOR] = "INSERT INTO authorization_vendors (authorization, year, taxid, scope, form_no, vendor_aware)"
		" VALUES (:auth, :year, :taxid, :scope, :no, :aware)"
		" ON CONFLICT (authorization, taxid, scope) DO UPDATE SET form_no = excluded.form_no,"
		" vendor_aware = excluded.vendor_aware",
		[AS_NOTE] = "INSERT OR IGNORE INTO temp.auth_rows (authorization, taxid, scope) VALUES (:auth, :taxid, :scope)",
		/* the hierarchy: the title's 直屬機關 above each other agency of the rows */
		[AS_PARENT] = "INSERT INTO agency_parents (year, agency, parent, submission) VALUES (:year, :agency, :parent, :sub)"
		" ON CONFLICT (year, agency) DO UPDATE SET parent = excluded.parent, submission = excluded.submission",
		[AS_TOP] = "DELETE FROM agency_parents WHERE year = :year AND agency = :agency",
	};
	if (db_exec(c->db, "CREATE TEMP TABLE IF NOT EXISTS auth_rows (authorization INTEGER, taxid TEXT,"
		    " scope TEXT, PRIMARY KEY (authorization, taxid, scope)) WITHOUT ROWID") < 0 ||
	    db_exec(c->db, "DELETE FROM temp.auth_rows") < 0)
		return form_error(c->log, 0, "cannot prepare the database for 附件1 (the message above says why)");
	return kind_prepare(c, sql, AS_N);
}

/* After the last row: the rows of the file's contracts that it no longer lists go. */
static int auth_end(struct form_ctx *c)
{
	if (db_exec(c->db, "DELETE FROM authorization_vendors"
		    " WHERE authorization IN (SELECT authorization FROM temp.auth_rows)"
		    " AND (authorization, taxid, scope) NOT IN (SELECT authorization, taxid, scope FROM temp.auth_rows)") < 0)
		return form_error(c->log, 0, "cannot remove the rows the form no longer lists (the message above says why)");
	c->removed += (size_t)sqlite3_changes(c->db);
	return db_exec(c->db, "DELETE FROM temp.auth_rows") < 0 ? JAUDIT_EDATA : 0;
}

static int load_candidates(struct form_ctx *c, int year)
{
	struct kind_state *s = c->state;
	sqlite3_stmt *st = s->st[AS_CAND];
	size_t i;
	int rc;

	if (s->cand_year == year)
		return 0;
	for (i = 0; i < s->ncand; i++) {
		free(s->cand_taxid[i]);
		free(s->cand_name[i]);
	}
	s->ncand = 0;
	s->cand_year = year;
	db_bind_int(st, ":year", year);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		s->cand_taxid = xrealloc(s->cand_taxid, (s->ncand + 1) * sizeof(char *));
		s->cand_name = xrealloc(s->cand_name, (s->ncand + 1) * sizeof(char *));
		s->cand_taxid[s->ncand] = xstrdup(db_text(st, 0));
		s->cand_name[s->ncand] = xstrdup(db_text(st, 1));
		s->ncand++;
	}
	db_reset(st);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

/* The candidate of the year named name: its taxid, or NULL with an error. */
static const char *match_candidate(struct form_ctx *c, int year, const char *name)
{
	struct kind_state *s = c->state;
	const char *found = NULL;
	size_t i, nfound = 0;

	if (load_candidates(c, year) < 0)
		return NULL;
	if (s->ncand == 0) {
		char what[64], exp[128];

		snprintf(what, sizeof(what), "a candidate vendor of %d", year);
		snprintf(exp, sizeof(exp), "a published candidate, but no candidates of %d are on file (load the %d vendors list first)",
			 year, year);
		kind_field_error(c, auth_cols, A_VENDOR, what, exp);
		return NULL;
	}
	for (i = 0; i < s->ncand; i++) {
		if (name_equal(name, s->cand_name[i])) {
			if (!found)
				found = s->cand_taxid[i];
			nfound++;
		}
	}
	if (nfound == 1)
		return found;
	if (nfound > 1) {
		kind_field_error(c, auth_cols, A_VENDOR, "one candidate (several candidates have that name)",
			    "the full registered name of one candidate");
		return NULL;
	}
	{
		size_t near[2], nn = name_nearest(name, (const char *const *)s->cand_name, s->ncand, near, 2);
		struct strbuf exp = STRBUF_INIT;
		char what[64];

		strbuf_adds(&exp, "one of the published candidates; nearest: ");
		for (i = 0; i < nn; i++)
			strbuf_addf(&exp, "%s%s (%s)", i ? ", " : "", s->cand_name[near[i]],
				    s->cand_taxid[near[i]]);
		snprintf(what, sizeof(what), "a candidate vendor of %d", year);
		kind_field_error(c, auth_cols, A_VENDOR, what, exp.buf);
		strbuf_release(&exp);
	}
	return NULL;
}

/*
 * Record the agency of a row under the 直屬機關 the form's title names
 * (agency_parents); the 直屬機關's own row leaves it at the top.
 */
static int auth_parent(struct form_ctx *c, int year, const char *agency)
{
	struct kind_state *s = c->state;
	int top = name_equal(agency, c->title_parent);
	sqlite3_stmt *st = s->st[top ? AS_TOP : AS_PARENT];

	db_bind_int(st, ":year", year);
	db_bind_text(st, ":agency", agency);
	if (!top) {
		db_bind_text(st, ":parent", c->title_parent);
		if (c->submission)
			db_bind_int(st, ":sub", c->submission);
		else
			db_bind_null(st, ":sub");
	}
	return kind_run(c, st);
}

/*
 * A row seen before in the file: identical in every cell, a warning (it is
 * loaded once, 1); the same contract, vendor and scope with other cells,
 * an error (JAUDIT_EDATA); else 0.
 */
static int auth_repeat(struct form_ctx *c, int year, const char *taxid, const char *agency,
		       const char *contract, const char *system, const char *scope)
{
	struct kind_state *s = c->state;
	struct strbuf key = STRBUF_INIT;
	size_t i, first;
	int rc = 0;

	strbuf_adds(&key, "row");
	for (i = 0; i < c->nfields; i++)
		strbuf_addf(&key, "\x1f%s", form_field(c, (int)i));
	first = form_seen_add(&s->seen, key.buf, c->line);
	if (first) {
		form_warn(c->log, c->line, "the row repeats %s %zu cell for cell; it is loaded once",
			  c->log->sheet ? "row" : "line", first);
		rc = 1;
	} else {
		strbuf_reset(&key);
		strbuf_addf(&key, "key\x1f%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", year, agency, contract,
			    system, taxid, scope);
		first = form_seen_add(&s->seen, key.buf, c->line);
		if (first)
			rc = form_error(c->log, c->line, "the contract「%s」 with vendor %s and 履約範圍「%s」 appears twice in the file (first on %s %zu) with other cells (編號 or 廠商是否知悉稽核作業); expected one row per vendor and 履約範圍: keep one of the rows",
					contract, taxid, scope, c->log->sheet ? "row" : "line", first);
	}
	strbuf_release(&key);
	return rc;
}

/* The contract's id, written (with the form's submission) if it is new. */
static long long auth_contract(struct form_ctx *c, int year, const char *agency,
			       const char *contract, const char *system)
{
	struct kind_state *s = c->state;
	sqlite3_stmt *st = s->st[AS_CONTRACT];
	long long id = 0;
	int i;

	for (i = 0; i < 2; i++, st = s->st[AS_ID]) {
		db_bind_int(st, ":year", year);
		db_bind_text(st, ":agency", agency);
		db_bind_text(st, ":contract", contract);
		db_bind_text(st, ":system", system);
	}
	if (c->submission)
		db_bind_int(s->st[AS_CONTRACT], ":sub", c->submission);
	else
		db_bind_null(s->st[AS_CONTRACT], ":sub");
	if (kind_run(c, s->st[AS_CONTRACT]) < 0)
		return 0;
	if (db_step(s->st[AS_ID]) == SQLITE_ROW)
		id = sqlite3_column_int64(s->st[AS_ID], 0);
	db_reset(s->st[AS_ID]);
	if (!id)
		form_error(c->log, c->line, "the database refused the contract (the message above says why)");
	return id;
}

static int auth_row(struct form_ctx *c)
{
	struct kind_state *s = c->state;
	const char *agency, *contract, *vendor, *taxid = NULL;
	const char *no = form_field(c, A_NO), *scope = form_field(c, A_SCOPE);
	const char *system = form_field(c, A_SYSTEM);
	int year = 0, aware = 0, ok = 1, cmp;
	long long id;
	char awarebuf[4], subbuf[24] = "";

	ok &= form_row_year(c, A_YEAR, &year) == 0;
	ok &= (agency = kind_need(c, auth_cols, A_AGENCY, "the agency (機關名稱)")) != NULL;
	ok &= (contract = kind_need(c, auth_cols, A_CONTRACT, "the contract's name (契約案名)")) != NULL;
	ok &= (vendor = kind_need(c, auth_cols, A_VENDOR, "the vendor's name, as published among the candidates")) != NULL;
	ok &= kind_yes_no(c, auth_cols, A_AWARE, &aware) == 0;
	if (vendor && year)
		ok &= (taxid = match_candidate(c, year, vendor)) != NULL;
	if (!ok)
		return JAUDIT_EDATA;
	if ((cmp = auth_repeat(c, year, taxid, agency, contract, system, scope)) != 0 || c->log->nerrors)
		return cmp == 1 ? 0 : JAUDIT_EDATA;
	snprintf(awarebuf, sizeof(awarebuf), "%d", aware);
	if (c->submission)
		snprintf(subbuf, sizeof(subbuf), "%lld", c->submission);
	{
		const char *vals[3] = { no, awarebuf, subbuf };
		sqlite3_stmt *st = s->st[AS_ROW];

		db_bind_int(st, ":year", year);
		db_bind_text(st, ":agency", agency);
		db_bind_text(st, ":contract", contract);
		db_bind_text(st, ":system", system);
		db_bind_text(st, ":taxid", taxid);
		db_bind_text(st, ":scope", scope);
		cmp = kind_compare(st, vals, 3);
	}
	if (c->title_parent && auth_parent(c, year, agency) < 0)
		return JAUDIT_EDATA;
	if (!(id = auth_contract(c, year, agency, contract, system)))
		return JAUDIT_EDATA;
	db_bind_int(s->st[AS_NOTE], ":auth", id);
	db_bind_text(s->st[AS_NOTE], ":taxid", taxid);
	db_bind_text(s->st[AS_NOTE], ":scope", scope);
	if (kind_run(c, s->st[AS_NOTE]) < 0)
		return JAUDIT_EDATA;
	if (cmp != 1) {
		sqlite3_stmt *st = s->st[AS_VENDOR];

		db_bind_int(st, ":auth", id);
		db_bind_int(st, ":year", year);
		db_bind_text(st, ":taxid", taxid);
		db_bind_text(st, ":scope", scope);
		db_bind_text(st, ":no", no);
		db_bind_int(st, ":aware", aware);
		if (kind_run(c, st) < 0)
			return JAUDIT_EDATA;
	}
	kind_count(c, cmp);
	return 0;
}

const struct form_kind form_kind_authorizations = {
	"authorizations", "附件1 authorizations", auth_cols, A_N, A_NO, A_YEAR, "authorizations",
	auth_begin, auth_row, auth_end, kind_release,
};
