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

static int auth_begin(struct form_ctx *c)
{
	static const char *const sql[] = {
		"SELECT form_no, scope, taxid, vendor_aware, coalesce(submission, '') FROM authorizations"
		" WHERE year = :year AND agency = :agency AND contract = :contract AND system = :system",
		"SELECT v.taxid, v.name FROM vendor_years y JOIN vendors v ON v.taxid = y.taxid"
		" WHERE y.year = :year AND y.candidate = 1 ORDER BY v.taxid",
		"INSERT INTO authorizations (year, form_no, agency, contract, scope, system, taxid, vendor_aware, submission)"
		" VALUES (:year, :no, :agency, :contract, :scope, :system, :taxid, :aware, :sub)"
		" ON CONFLICT (year, agency, contract, system) DO UPDATE SET form_no = excluded.form_no,"
		" scope = excluded.scope, taxid = excluded.taxid, vendor_aware = excluded.vendor_aware,"
		" submission = excluded.submission",
		/* the hierarchy: the title's 直屬機關 above each other agency of the rows */
		"INSERT INTO agency_parents (year, agency, parent, submission) VALUES (:year, :agency, :parent, :sub)"
		" ON CONFLICT (year, agency) DO UPDATE SET parent = excluded.parent, submission = excluded.submission",
		"DELETE FROM agency_parents WHERE year = :year AND agency = :agency",
	};
	return kind_prepare(c, sql, 5);
}

static int load_candidates(struct form_ctx *c, int year)
{
	struct kind_state *s = c->state;
	sqlite3_stmt *st = s->st[1];
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
	sqlite3_stmt *st = s->st[top ? 4 : 3];

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

static int auth_row(struct form_ctx *c)
{
	struct kind_state *s = c->state;
	const char *agency, *contract, *vendor, *taxid = NULL;
	const char *no = form_field(c, A_NO), *scope = form_field(c, A_SCOPE);
	const char *system = form_field(c, A_SYSTEM);
	int year = 0, aware = 0, ok = 1, cmp;
	struct strbuf key = STRBUF_INIT;
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
	strbuf_addf(&key, "%d|%s|%s|%s", year, agency, contract, system);
	ok = kind_unique(c, key.buf, "the contract") == 0;
	strbuf_release(&key);
	if (!ok || c->log->nerrors)
		return JAUDIT_EDATA;
	snprintf(awarebuf, sizeof(awarebuf), "%d", aware);
	if (c->submission)
		snprintf(subbuf, sizeof(subbuf), "%lld", c->submission);
	{
		const char *vals[5] = { no, scope, taxid, awarebuf, subbuf };

		db_bind_int(s->st[0], ":year", year);
		db_bind_text(s->st[0], ":agency", agency);
		db_bind_text(s->st[0], ":contract", contract);
		db_bind_text(s->st[0], ":system", system);
		cmp = kind_compare(s->st[0], vals, 5);
	}
	if (c->title_parent && auth_parent(c, year, agency) < 0)
		return JAUDIT_EDATA;
	if (cmp == 1) {
		kind_count(c, cmp);
		return 0;
	}
	db_bind_int(s->st[2], ":year", year);
	db_bind_text(s->st[2], ":no", no);
	db_bind_text(s->st[2], ":agency", agency);
	db_bind_text(s->st[2], ":contract", contract);
	db_bind_text(s->st[2], ":scope", scope);
	db_bind_text(s->st[2], ":system", system);
	db_bind_text(s->st[2], ":taxid", taxid);
	db_bind_int(s->st[2], ":aware", aware);
	if (c->submission)
		db_bind_int(s->st[2], ":sub", c->submission);
	else
		db_bind_null(s->st[2], ":sub");
	if (kind_run(c, s->st[2]) < 0)
		return JAUDIT_EDATA;
	kind_count(c, cmp);
	return 0;
}

const struct form_kind form_kind_authorizations = {
	"authorizations", "附件1 authorizations", auth_cols, A_N, A_NO, A_YEAR, "authorizations",
	auth_begin, auth_row, NULL, kind_release,
};
