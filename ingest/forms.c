/*
 * The CSV forms: vendors (§6), inventory (SPM), 附件1 authorizations,
 * 附件2 auditors, and a year's checklist (附件3).  Each kind is one
 * struct form_kind; forms_load() is the loop every kind shares: find the
 * header row below the contact block, skip blank and template rows, check
 * the field count, and hand each record to the kind.
 */
#include "forms.h"
#include "../core/checklist.h"
#include "../core/date.h"
#include "../core/db.h"
#include "../core/names.h"
#include "../core/remed_update.h"
#include "../core/taxid.h"

#include <stdlib.h>
#include <string.h>

/* --- shared by the kinds ---------------------------------------------- */

/* Prepared statements of a kind, finalized by kind_release(). */
struct kind_state {
	sqlite3_stmt *st[8];
	struct form_seen seen;
	/* authorizations: the candidates of one year */
	int cand_year;
	char **cand_taxid, **cand_name;
	size_t ncand;
	/* checklist */
	int year_checked[8];
	size_t nyears;
	int seq_year;
	int seq[2];
	char *fill[2][2];	/* [category][dimension, basis] */
};

static int kind_prepare(struct form_ctx *c, const char *const *sql, size_t n)
{
	struct kind_state *s = xcalloc(1, sizeof(*s));
	size_t i;

	c->state = s;
	for (i = 0; i < n; i++)
		if (db_prepare(c->db, &s->st[i], sql[i]) < 0)
			return JAUDIT_EDATA;
	return 0;
}

static void kind_release(struct form_ctx *c)
{
	struct kind_state *s = c->state;
	size_t i;

	if (!s)
		return;
	for (i = 0; i < 8; i++)
		db_finalize(s->st[i]);
	form_seen_release(&s->seen);
	for (i = 0; i < s->ncand; i++) {
		free(s->cand_taxid[i]);
		free(s->cand_name[i]);
	}
	free(s->cand_taxid);
	free(s->cand_name);
	for (i = 0; i < 4; i++)
		free(s->fill[i / 2][i % 2]);
	free(s);
	c->state = NULL;
}

/* The column's printed name: the text before the first '|'. */
static void col_name(const struct csv_column *cols, int col, char *buf, size_t size)
{
	const char *names = cols[col].names;
	size_t n = strcspn(names, "|");

	snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), names);
}

/* "COLUMN: "VALUE" is not WHAT, expected EXPECTED" */
static int field_error(struct form_ctx *c, const struct csv_column *cols, int col,
		       const char *what, const char *expected)
{
	struct strbuf q = STRBUF_INIT;
	char name[96];

	col_name(cols, col, name, sizeof(name));
	form_quote(&q, form_field(c, col));
	form_error(c->log, c->line, "%s: %s is not %s, expected %s", name, q.buf, what, expected);
	strbuf_release(&q);
	return JAUDIT_EDATA;
}

static int field_missing(struct form_ctx *c, const struct csv_column *cols, int col,
			 const char *expected)
{
	char name[96];

	col_name(cols, col, name, sizeof(name));
	return form_error(c->log, c->line, "%s: empty, expected %s", name, expected);
}

/* A required cell: non-empty; NULL with an error otherwise. */
static const char *need(struct form_ctx *c, const struct csv_column *cols, int col,
			const char *expected)
{
	const char *s = form_field(c, col);

	if (!*s) {
		field_missing(c, cols, col, expected);
		return NULL;
	}
	return s;
}

static int yes_no(struct form_ctx *c, const struct csv_column *cols, int col, int *v)
{
	const char *s = form_field(c, col);

	if (form_yes_no(s, v) < 0)
		return *s ? field_error(c, cols, col, "是 or 否", FORM_YES_NO_EXPECTED)
			  : field_missing(c, cols, col, FORM_YES_NO_EXPECTED);
	return 0;
}

static int whole_number(struct form_ctx *c, const struct csv_column *cols, int col, long *v)
{
	const char *s = form_field(c, col);
	char *end;

	if (!*s)
		return field_missing(c, cols, col, "a whole number of 0 or more");
	*v = strtol(s, &end, 10);
	if (*end || s[0] == '-' || s[0] == '+' || *v < 0 || *v > 1000000)
		return field_error(c, cols, col, "a whole number of 0 or more", "a count such as 3");
	return 0;
}

static int valid_taxid(struct form_ctx *c, const struct csv_column *cols, int col, const char **out)
{
	const char *s = need(c, cols, col, "the 統一編號 (8 digits)");

	if (!s)
		return JAUDIT_EDATA;
	if (!taxid_valid(s))
		return field_error(c, cols, col, "a valid 統一編號",
				   "8 digits that pass the Ministry of Finance check rule");
	*out = s;
	return 0;
}

/* An error if key was already seen in the file; what names the record. */
static int unique(struct form_ctx *c, const char *key, const char *what)
{
	struct kind_state *s = c->state;
	size_t first = form_seen_add(&s->seen, key, c->line);

	if (first)
		return form_error(c->log, c->line, "%s appears twice in the file (first on line %zu); keep one of the rows",
				  what, first);
	return 0;
}

/* Step a statement that returns no row; reset it. */
static int run(struct form_ctx *c, sqlite3_stmt *st)
{
	int rc = db_step(st);

	db_reset(st);
	if (rc != SQLITE_DONE)
		return form_error(c->log, c->line, "the database refused the row (the message above says why)");
	return 0;
}

/* 1 if the current row of st (columns 0..n-1) equals vals. */
static int same_row(sqlite3_stmt *st, const char *const *vals, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(db_text(st, i), vals[i] ? vals[i] : "") != 0)
			return 0;
	return 1;
}

/*
 * Look the record up with st (bound by the caller): 0 absent, 1 same as
 * vals, 2 different.  Resets st.
 */
static int compare(sqlite3_stmt *st, const char *const *vals, int n)
{
	int rc = db_step(st), r = 0;

	if (rc == SQLITE_ROW)
		r = same_row(st, vals, n) ? 1 : 2;
	db_reset(st);
	return r;
}

static void count(struct form_ctx *c, int cmp)
{
	if (cmp == 0)
		c->added++;
	else if (cmp == 1)
		c->unchanged++;
	else
		c->replaced++;
}

/* --- vendors (§6) ------------------------------------------------------ */

enum { V_TAXID, V_NAME, V_CORE, V_AGENCIES, V_CANDIDATE, V_SELECTED, V_YEAR, V_N };
static const struct csv_column vendor_cols[V_N] = {
	{ "統一編號|taxid|tax_id|vendor_taxid", 1 },
	{ "廠商名稱|name|vendor|vendor_name", 1 },
	{ "維運機關核心資通系統數量|core_systems", 1 },
	{ "服務機關數量|agencies", 1 },
	{ "候選|candidate", 1 },
	{ "受稽核|selected", 1 },
	{ "年度|year", 0 },
};

static int vendors_begin(struct form_ctx *c)
{
	static const char *const sql[] = {
		"SELECT v.name, y.core_systems, y.agencies, y.candidate, y.selected"
		" FROM vendor_years y JOIN vendors v ON v.taxid = y.taxid"
		" WHERE y.year = :year AND y.taxid = :taxid",
		"INSERT INTO vendors (taxid, name) VALUES (:taxid, :name)"
		" ON CONFLICT (taxid) DO UPDATE SET name = excluded.name WHERE name <> excluded.name",
		"INSERT INTO vendor_years (year, taxid, core_systems, agencies, candidate, selected)"
		" VALUES (:year, :taxid, :core, :agencies, :candidate, :selected)"
		" ON CONFLICT (year, taxid) DO UPDATE SET core_systems = excluded.core_systems,"
		" agencies = excluded.agencies, candidate = excluded.candidate, selected = excluded.selected",
	};
	return kind_prepare(c, sql, 3);
}

static int vendors_row(struct form_ctx *c)
{
	struct kind_state *s = c->state;
	const char *taxid = NULL, *name;
	long core = 0, agencies = 0;
	int year = 0, cand = 0, sel = 0, ok = 1, cmp;
	char key[32], nums[4][24];

	ok &= form_row_year(c, V_YEAR, &year) == 0;
	ok &= valid_taxid(c, vendor_cols, V_TAXID, &taxid) == 0;
	ok &= (name = need(c, vendor_cols, V_NAME, "the vendor's name")) != NULL;
	ok &= whole_number(c, vendor_cols, V_CORE, &core) == 0;
	ok &= whole_number(c, vendor_cols, V_AGENCIES, &agencies) == 0;
	ok &= yes_no(c, vendor_cols, V_CANDIDATE, &cand) == 0;
	ok &= yes_no(c, vendor_cols, V_SELECTED, &sel) == 0;
	if (!ok)
		return JAUDIT_EDATA;
	if (sel && !cand)
		return form_error(c->log, c->line, "受稽核: \"是\" for a vendor that is not a candidate (候選 否), expected 受稽核 否 or 候選 是");
	snprintf(key, sizeof(key), "%d|%s", year, taxid);
	if (unique(c, key, taxid) < 0 || c->log->nerrors)
		return JAUDIT_EDATA;
	snprintf(nums[0], sizeof(nums[0]), "%ld", core);
	snprintf(nums[1], sizeof(nums[1]), "%ld", agencies);
	snprintf(nums[2], sizeof(nums[2]), "%d", cand);
	snprintf(nums[3], sizeof(nums[3]), "%d", sel);
	{
		const char *vals[5] = { name, nums[0], nums[1], nums[2], nums[3] };

		db_bind_int(s->st[0], ":year", year);
		db_bind_text(s->st[0], ":taxid", taxid);
		cmp = compare(s->st[0], vals, 5);
	}
	if (cmp == 1) {
		count(c, cmp);
		return 0;
	}
	db_bind_text(s->st[1], ":taxid", taxid);
	db_bind_text(s->st[1], ":name", name);
	if (run(c, s->st[1]) < 0)
		return JAUDIT_EDATA;
	db_bind_int(s->st[2], ":year", year);
	db_bind_text(s->st[2], ":taxid", taxid);
	db_bind_int(s->st[2], ":core", core);
	db_bind_int(s->st[2], ":agencies", agencies);
	db_bind_int(s->st[2], ":candidate", cand);
	db_bind_int(s->st[2], ":selected", sel);
	if (run(c, s->st[2]) < 0)
		return JAUDIT_EDATA;
	count(c, cmp);
	return 0;
}

static const struct form_kind kind_vendors = {
	"vendors", "vendors list", vendor_cols, V_N, -1, V_YEAR, NULL,
	vendors_begin, vendors_row, NULL, kind_release,
};

/* --- inventory (SPM system list) ------------------------------------- */

enum { I_AGENCY, I_SYSTEM, I_CORE, I_TAXID, I_VNAME, I_YEAR, I_N };
static const struct csv_column inventory_cols[I_N] = {
	{ "機關名稱|agency", 1 },
	{ "系統名稱|system", 1 },
	{ "核心系統|core", 1 },
	{ "廠商統一編號|vendor_taxid|taxid", 1 },
	{ "廠商名稱|vendor_name|vendor", 0 },
	{ "年度|year", 0 },
};

static int inventory_begin(struct form_ctx *c)
{
	static const char *const sql[] = {
		"SELECT core, taxid FROM inventory WHERE year = :year AND agency = :agency AND system = :system",
		"SELECT name FROM vendors WHERE taxid = :taxid",
		"INSERT INTO inventory (year, agency, system, core, taxid)"
		" VALUES (:year, :agency, :system, :core, :taxid)"
		" ON CONFLICT (year, agency, system) DO UPDATE SET core = excluded.core, taxid = excluded.taxid",
	};
	return kind_prepare(c, sql, 3);
}

static int inventory_row(struct form_ctx *c)
{
	struct kind_state *s = c->state;
	const char *agency, *system, *taxid = NULL, *vname;
	int year = 0, core = 0, ok = 1, cmp, rc;
	struct strbuf key = STRBUF_INIT;
	char corebuf[4];

	ok &= form_row_year(c, I_YEAR, &year) == 0;
	ok &= (agency = need(c, inventory_cols, I_AGENCY, "the agency (機關名稱)")) != NULL;
	ok &= (system = need(c, inventory_cols, I_SYSTEM, "the system's name (系統名稱)")) != NULL;
	ok &= yes_no(c, inventory_cols, I_CORE, &core) == 0;
	ok &= valid_taxid(c, inventory_cols, I_TAXID, &taxid) == 0;
	if (!ok)
		return JAUDIT_EDATA;
	db_bind_text(s->st[1], ":taxid", taxid);
	rc = db_step(s->st[1]);
	vname = form_field(c, I_VNAME);
	if (rc != SQLITE_ROW) {
		db_reset(s->st[1]);
		return field_error(c, inventory_cols, I_TAXID, "a vendor on file",
				   "the 統一編號 of a vendor of the vendors list (load the list first)");
	}
	if (*vname && !name_equal(vname, db_text(s->st[1], 0)))
		form_warn(c->log, c->line, "廠商名稱: \"%s\" is not the name on file for %s (%s); the 統一編號 counts",
			  vname, taxid, db_text(s->st[1], 0));
	db_reset(s->st[1]);
	strbuf_addf(&key, "%d|%s|%s", year, agency, system);
	ok = unique(c, key.buf, "the system") == 0;
	strbuf_release(&key);
	if (!ok || c->log->nerrors)
		return JAUDIT_EDATA;
	snprintf(corebuf, sizeof(corebuf), "%d", core);
	{
		const char *vals[2] = { corebuf, taxid };

		db_bind_int(s->st[0], ":year", year);
		db_bind_text(s->st[0], ":agency", agency);
		db_bind_text(s->st[0], ":system", system);
		cmp = compare(s->st[0], vals, 2);
	}
	if (cmp != 1) {
		db_bind_int(s->st[2], ":year", year);
		db_bind_text(s->st[2], ":agency", agency);
		db_bind_text(s->st[2], ":system", system);
		db_bind_int(s->st[2], ":core", core);
		db_bind_text(s->st[2], ":taxid", taxid);
		if (run(c, s->st[2]) < 0)
			return JAUDIT_EDATA;
	}
	count(c, cmp);
	return 0;
}

static const struct form_kind kind_inventory = {
	"inventory", "system inventory", inventory_cols, I_N, -1, I_YEAR, NULL,
	inventory_begin, inventory_row, NULL, kind_release,
};

/* --- 附件1 authorizations -------------------------------------------- */

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
	};
	return kind_prepare(c, sql, 3);
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
		field_error(c, auth_cols, A_VENDOR, what, exp);
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
		field_error(c, auth_cols, A_VENDOR, "one candidate (several candidates have that name)",
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
		field_error(c, auth_cols, A_VENDOR, what, exp.buf);
		strbuf_release(&exp);
	}
	return NULL;
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
	ok &= (agency = need(c, auth_cols, A_AGENCY, "the agency (機關名稱)")) != NULL;
	ok &= (contract = need(c, auth_cols, A_CONTRACT, "the contract's name (契約案名)")) != NULL;
	ok &= (vendor = need(c, auth_cols, A_VENDOR, "the vendor's name, as published among the candidates")) != NULL;
	ok &= yes_no(c, auth_cols, A_AWARE, &aware) == 0;
	if (vendor && year)
		ok &= (taxid = match_candidate(c, year, vendor)) != NULL;
	if (!ok)
		return JAUDIT_EDATA;
	strbuf_addf(&key, "%d|%s|%s|%s", year, agency, contract, system);
	ok = unique(c, key.buf, "the contract") == 0;
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
		cmp = compare(s->st[0], vals, 5);
	}
	if (cmp == 1) {
		count(c, cmp);
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
	if (run(c, s->st[2]) < 0)
		return JAUDIT_EDATA;
	count(c, cmp);
	return 0;
}

static const struct form_kind kind_authorizations = {
	"authorizations", "附件1 authorizations", auth_cols, A_N, A_NO, A_YEAR, "authorizations",
	auth_begin, auth_row, NULL, kind_release,
};

/* --- 附件2 auditors -------------------------------------------------- */

enum { U_NO, U_AGENCY, U_UNIT, U_NAME, U_TITLE, U_PHONE, U_EMAIL, U_REASON, U_PLEDGE, U_YEAR, U_N };
static const struct csv_column auditor_cols[U_N] = {
	{ "編號|no|form_no", 0 },
	{ "機關|agency", 1 },
	{ "單位|unit", 1 },
	{ "姓名|name", 1 },
	{ "職稱|title", 1 },
	{ "公務電話|phone", 1 },
	{ "公務信箱|email|e-mail", 1 },
	{ "推薦理由|reason", 1 },
	{ "保密切結書簽署日期|pledge_date|pledge", 0 },
	{ "年度|year", 0 },
};

/* A telephone number as clerks write them: (02)2322-8000#123, 02-8590-6666 分機 7012. */
static int plausible_phone(const char *s)
{
	int digits = 0;
	const char *p = s;

	while (*p) {
		if (*p >= '0' && *p <= '9') {
			digits++;
			p++;
		} else if (strchr(" -()#+.", *p)) {
			p++;
		} else if (strncmp(p, "分機", 6) == 0) {
			p += 6;
		} else if (strncmp(p, "轉", 3) == 0) {
			p += 3;
		} else if (strncasecmp(p, "ext", 3) == 0) {
			p += 3;
		} else {
			return 0;
		}
	}
	return digits >= 7 && digits <= 20;
}

static int plausible_email(const char *s)
{
	const char *at = strchr(s, '@'), *p, *dot;

	if (!at || at == s || strchr(at + 1, '@'))
		return 0;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7F || strchr("()<>,;:\\\"[]", *p))
			return 0;
	dot = strchr(at + 1, '.');
	return dot && dot > at + 1 && s[strlen(s) - 1] != '.' && !strstr(at, "..");
}

static int auditors_begin(struct form_ctx *c)
{
	static const char *const sql[] = {
		"SELECT form_no, unit, title, phone, email, reason, coalesce(pledge_date, ''),"
		" coalesce(submission, '') FROM auditors"
		" WHERE year = :year AND agency = :agency AND name = :name",
		"INSERT INTO auditors (year, form_no, agency, unit, name, title, phone, email, reason, pledge_date, submission)"
		" VALUES (:year, :no, :agency, :unit, :name, :title, :phone, :email, :reason, :pledge, :sub)"
		" ON CONFLICT (year, agency, name) DO UPDATE SET form_no = excluded.form_no,"
		" unit = excluded.unit, title = excluded.title, phone = excluded.phone, email = excluded.email,"
		" reason = excluded.reason, pledge_date = excluded.pledge_date, submission = excluded.submission",
	};
	return kind_prepare(c, sql, 2);
}

static int auditors_row(struct form_ctx *c)
{
	struct kind_state *s = c->state;
	const char *agency, *name, *phone, *email, *pledge = form_field(c, U_PLEDGE);
	const char *no = form_field(c, U_NO), *unit = form_field(c, U_UNIT);
	const char *title = form_field(c, U_TITLE), *reason = form_field(c, U_REASON);
	char pledge_iso[DATE_ISO_LEN] = "", subbuf[24] = "";
	int year = 0, ok = 1, cmp;
	struct strbuf key = STRBUF_INIT;

	ok &= form_row_year(c, U_YEAR, &year) == 0;
	ok &= (agency = need(c, auditor_cols, U_AGENCY, "the agency (機關)")) != NULL;
	ok &= (name = need(c, auditor_cols, U_NAME, "the auditor's name (姓名)")) != NULL;
	phone = need(c, auditor_cols, U_PHONE, "a telephone number such as (02)2322-8000#123");
	if (!phone)
		ok = 0;
	else if (!plausible_phone(phone))
		ok = 0, field_error(c, auditor_cols, U_PHONE, "a telephone number",
				    "digits with -, ( ), # or 分機, such as (02)2322-8000#123");
	email = need(c, auditor_cols, U_EMAIL, "an e-mail address such as name@agency.gov.tw");
	if (!email)
		ok = 0;
	else if (!plausible_email(email))
		ok = 0, field_error(c, auditor_cols, U_EMAIL, "an e-mail address",
				    "an address such as name@agency.gov.tw");
	if (*pledge) {
		struct jdate d;

		if (date_parse(pledge, &d) < 0)
			ok = 0, field_error(c, auditor_cols, U_PLEDGE, "a date",
					    "the date the pledge was signed, such as 115/04/20, or nothing");
		else
			date_iso(d, pledge_iso);
	}
	if (!ok)
		return JAUDIT_EDATA;
	strbuf_addf(&key, "%d|%s|%s", year, agency, name);
	ok = unique(c, key.buf, "the auditor") == 0;
	strbuf_release(&key);
	if (!ok || c->log->nerrors)
		return JAUDIT_EDATA;
	if (c->submission)
		snprintf(subbuf, sizeof(subbuf), "%lld", c->submission);
	{
		const char *vals[8] = { no, unit, title, phone, email, reason, pledge_iso, subbuf };

		db_bind_int(s->st[0], ":year", year);
		db_bind_text(s->st[0], ":agency", agency);
		db_bind_text(s->st[0], ":name", name);
		cmp = compare(s->st[0], vals, 8);
	}
	if (cmp == 1) {
		count(c, cmp);
		return 0;
	}
	db_bind_int(s->st[1], ":year", year);
	db_bind_text(s->st[1], ":no", no);
	db_bind_text(s->st[1], ":agency", agency);
	db_bind_text(s->st[1], ":unit", unit);
	db_bind_text(s->st[1], ":name", name);
	db_bind_text(s->st[1], ":title", title);
	db_bind_text(s->st[1], ":phone", phone);
	db_bind_text(s->st[1], ":email", email);
	db_bind_text(s->st[1], ":reason", reason);
	db_bind_text(s->st[1], ":pledge", *pledge_iso ? pledge_iso : NULL);
	if (c->submission)
		db_bind_int(s->st[1], ":sub", c->submission);
	else
		db_bind_null(s->st[1], ":sub");
	if (run(c, s->st[1]) < 0)
		return JAUDIT_EDATA;
	count(c, cmp);
	return 0;
}

static const struct form_kind kind_auditors = {
	"auditors", "附件2 auditors", auditor_cols, U_N, U_NO, U_YEAR, "auditors",
	auditors_begin, auditors_row, NULL, kind_release,
};

/* --- a year's checklist (附件3) -------------------------------------- */

enum { K_YEAR, K_CODE, K_CATEGORY, K_DIMENSION, K_QUESTION, K_BASIS, K_N };
static const struct csv_column checklist_cols[K_N] = {
	{ "年度|year", 1 },
	{ "項目代碼|code|item", 1 },
	{ "類別|category", 1 },
	{ "構面|dimension", 1 },
	{ "檢核項目|question", 1 },
	{ "稽核依據|basis", 1 },
};

static int checklist_begin(struct form_ctx *c)
{
	static const char *const sql[] = {
		"SELECT category, seq, dimension, question, basis FROM checklist_items"
		" WHERE year = :year AND code = :code",
		"SELECT count(*) FROM results r JOIN sessions s ON s.id = r.session WHERE s.year = :year",
		"INSERT INTO checklist_items (year, code, category, seq, dimension, question, basis)"
		" VALUES (:year, :code, :category, :seq, :dimension, :question, :basis)"
		" ON CONFLICT (year, code) DO UPDATE SET category = excluded.category, seq = excluded.seq,"
		" dimension = excluded.dimension, question = excluded.question, basis = excluded.basis",
		"SELECT code FROM checklist_items WHERE year = :year",
		"DELETE FROM checklist_items WHERE year = :year AND code = :code",
	};
	return kind_prepare(c, sql, 5);
}

static int parse_category(const char *s, int *specific)
{
	static const char *const common[] = { "共通性", "共通性檢核項目", "common", NULL };
	static const char *const spec[] = { "特定契約", "特定契約檢核項目", "specific", "contract-specific", NULL };
	size_t i;

	for (i = 0; common[i]; i++)
		if (strcasecmp(s, common[i]) == 0)
			return *specific = 0, 0;
	for (i = 0; spec[i]; i++)
		if (strcasecmp(s, spec[i]) == 0)
			return *specific = 1, 0;
	return -1;
}

/* The first row of a year: refused once results of the year exist. */
static int checklist_year(struct form_ctx *c, int year)
{
	struct kind_state *s = c->state;
	size_t i;
	long long n = 0;

	for (i = 0; i < s->nyears; i++)
		if (s->year_checked[i] == year)
			return 0;
	if (s->nyears == sizeof(s->year_checked) / sizeof(s->year_checked[0]))
		return form_error(c->log, c->line, "年度: more than %zu years in one file, expected one file per year or a few",
				  s->nyears);
	s->year_checked[s->nyears++] = year;
	db_bind_int(s->st[1], ":year", year);
	if (db_step(s->st[1]) == SQLITE_ROW)
		n = sqlite3_column_int64(s->st[1], 0);
	db_reset(s->st[1]);
	if (n > 0)
		return form_error(c->log, c->line, "年度: the checklist of year %d cannot be replaced: %lld results of that year refer to it",
				  year, n);
	return 0;
}

static int checklist_row(struct form_ctx *c)
{
	struct kind_state *s = c->state;
	const char *code, *cat, *question, *dim = form_field(c, K_DIMENSION);
	const char *basis = form_field(c, K_BASIS);
	int year = 0, specific = 0, ok = 1, cmp, seq;
	char key[32], seqbuf[16];

	ok &= form_row_year(c, K_YEAR, &year) == 0;
	ok &= (code = need(c, checklist_cols, K_CODE, "an item code such as C01 or S03")) != NULL;
	ok &= (cat = need(c, checklist_cols, K_CATEGORY, "共通性 or 特定契約")) != NULL;
	ok &= (question = need(c, checklist_cols, K_QUESTION, "the item's question (檢核項目)")) != NULL;
	if (cat && parse_category(cat, &specific) < 0)
		ok = 0, field_error(c, checklist_cols, K_CATEGORY, "a category", "共通性 or 特定契約 (or common, specific)");
	if (code && !(strlen(code) == 3 && (code[0] == 'C' || code[0] == 'S') &&
		      code[1] >= '0' && code[1] <= '9' && code[2] >= '0' && code[2] <= '9'))
		ok = 0, field_error(c, checklist_cols, K_CODE, "an item code",
				    "C and two digits for a common item, S and two digits for a contract-specific one");
	else if (code && cat && ok && (code[0] == 'S') != specific)
		ok = 0, field_error(c, checklist_cols, K_CODE, "a code of that category",
				    specific ? "an S code for a 特定契約 item" : "a C code for a 共通性 item");
	if (!ok || checklist_year(c, year) < 0)
		return JAUDIT_EDATA;
	if (s->seq_year != year) {
		s->seq_year = year;
		s->seq[0] = s->seq[1] = 0;
		free(s->fill[0][0]), free(s->fill[0][1]), free(s->fill[1][0]), free(s->fill[1][1]);
		memset(s->fill, 0, sizeof(s->fill));
	}
	/* a blank 構面 or 稽核依據 repeats the one above (附件3 merges the cells) */
	if (*dim) {
		free(s->fill[specific][0]);
		s->fill[specific][0] = xstrdup(dim);
		free(s->fill[specific][1]);
		s->fill[specific][1] = NULL;
	} else if (s->fill[specific][0]) {
		dim = s->fill[specific][0];
	} else {
		return field_missing(c, checklist_cols, K_DIMENSION, "the item's 構面 (a blank cell repeats the one above, but there is none above)");
	}
	if (*basis) {
		free(s->fill[specific][1]);
		s->fill[specific][1] = xstrdup(basis);
	} else if (s->fill[specific][1]) {
		basis = s->fill[specific][1];
	}
	snprintf(key, sizeof(key), "%d|%s", year, code);
	if (unique(c, key, code) < 0 || c->log->nerrors)
		return JAUDIT_EDATA;
	seq = ++s->seq[specific];
	snprintf(seqbuf, sizeof(seqbuf), "%d", seq);
	{
		const char *vals[5] = { specific ? "specific" : "common", seqbuf, dim, question, basis };

		db_bind_int(s->st[0], ":year", year);
		db_bind_text(s->st[0], ":code", code);
		cmp = compare(s->st[0], vals, 5);
	}
	if (cmp != 1) {
		db_bind_int(s->st[2], ":year", year);
		db_bind_text(s->st[2], ":code", code);
		db_bind_text(s->st[2], ":category", specific ? "specific" : "common");
		db_bind_int(s->st[2], ":seq", seq);
		db_bind_text(s->st[2], ":dimension", dim);
		db_bind_text(s->st[2], ":question", question);
		db_bind_text(s->st[2], ":basis", basis);
		if (run(c, s->st[2]) < 0)
			return JAUDIT_EDATA;
	}
	count(c, cmp);
	return 0;
}

/* Items of the years in the file that the file no longer lists are removed. */
static int checklist_end(struct form_ctx *c)
{
	struct kind_state *s = c->state;
	size_t i, j, n;
	char **gone;
	int rc;

	for (i = 0; i < s->nyears; i++) {
		gone = NULL;
		n = 0;
		db_bind_int(s->st[3], ":year", s->year_checked[i]);
		while ((rc = db_step(s->st[3])) == SQLITE_ROW) {
			char key[32];

			snprintf(key, sizeof(key), "%d|%s", s->year_checked[i], db_text(s->st[3], 0));
			if (form_seen_add(&s->seen, key, 0) == 0) {
				gone = xrealloc(gone, (n + 1) * sizeof(*gone));
				gone[n++] = xstrdup(db_text(s->st[3], 0));
			}
		}
		db_reset(s->st[3]);
		for (j = 0; j < n; j++) {
			db_bind_int(s->st[4], ":year", s->year_checked[i]);
			db_bind_text(s->st[4], ":code", gone[j]);
			if (rc == SQLITE_DONE && run(c, s->st[4]) < 0)
				rc = SQLITE_ERROR;
			free(gone[j]);
		}
		free(gone);
		if (rc != SQLITE_DONE)
			return JAUDIT_EDATA;
		c->removed += n;
	}
	return 0;
}

static const struct form_kind kind_checklist = {
	"checklist", "checklist", checklist_cols, K_N, -1, K_YEAR, NULL,
	checklist_begin, checklist_row, checklist_end, kind_release,
};

/* --- remediation updates (SPEC Appendix A; the rules are track's) ------ */

/*
 * Each row goes through remed_update_row(), the one code that `jaudit track
 * set` and `track import` use too: the same checks, the same history.
 */
struct updates_state {
	struct jdate today;
};

static int updates_begin(struct form_ctx *c)
{
	struct updates_state *s = xcalloc(1, sizeof(*s));

	c->state = s;
	return date_today(&s->today);
}

static int updates_row(struct form_ctx *c)
{
	struct updates_state *s = c->state;
	const char *fields[REMED_UPDATE_NCOLS];
	struct strbuf err = STRBUF_INIT;
	int i, rc;

	for (i = 0; i < REMED_UPDATE_NCOLS; i++)
		fields[i] = form_field(c, i);
	rc = remed_update_row(c->db, fields, s->today, &err);
	if (rc < 0)
		form_error(c->log, c->line, "%s", err.buf);
	else if (rc == REMED_UNCHANGED)
		c->unchanged++;
	else
		c->added++;
	strbuf_release(&err);
	return rc < 0 ? rc : 0;
}

static void updates_release(struct form_ctx *c)
{
	free(c->state);
	c->state = NULL;
}

static const struct form_kind kind_updates = {
	"updates", "remediation updates", remed_update_columns, REMED_UPDATE_NCOLS, -1, -1, NULL,
	updates_begin, updates_row, NULL, updates_release,
};

/* --- the table and the shared loop ------------------------------------ */

const struct form_kind *const forms_kinds[] = {
	&kind_vendors,
	&kind_inventory,
	&kind_authorizations,
	&kind_auditors,
	&kind_checklist,
	&kind_updates,
	NULL,
};

const struct form_kind *forms_kind(const char *name)
{
	size_t i;

	for (i = 0; forms_kinds[i]; i++)
		if (strcmp(forms_kinds[i]->name, name) == 0)
			return forms_kinds[i];
	return NULL;
}

void forms_kind_names(struct strbuf *sb)
{
	size_t i;

	for (i = 0; forms_kinds[i]; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", forms_kinds[i]->name);
}

const struct form_kind *forms_guess(const char *path, enum csv_encoding enc, struct form_log *log)
{
	struct csv_reader r;
	const struct form_kind *found = NULL, *other = NULL;
	size_t scanned = 0, i;
	int rc;

	if (csv_reader_open(&r, path, enc) < 0) {
		form_error_text(log, r.errmsg.buf);
		csv_reader_release(&r);
		return NULL;
	}
	while (!found && scanned < 40 && (rc = csv_reader_next(&r)) != 0) {
		if (rc < 0) {
			form_error_text(log, r.errmsg.buf);
			if (r.fatal)
				break;
			continue;
		}
		scanned++;
		for (i = 0; forms_kinds[i]; i++) {
			if (csv_header_matches(&r, forms_kinds[i]->cols, forms_kinds[i]->ncols)) {
				if (!found)
					found = forms_kinds[i];
				else if (!other)
					other = forms_kinds[i];
			}
		}
	}
	csv_reader_release(&r);
	if (log->nerrors)
		return NULL;
	if (found && other) {
		form_error(log, 0, "the header row fits both %s and %s forms; give --kind", found->name,
			   other->name);
		return NULL;
	}
	if (!found) {
		struct strbuf names = STRBUF_INIT;

		forms_kind_names(&names);
		form_error(log, 0, "cannot tell what kind of form this is: no header row of a known form in the first 40 lines; give --kind (%s)",
			   names.buf);
		strbuf_release(&names);
	}
	return found;
}

/* "115年度" in the title line of a form: 115, or 0. */
static int title_year(const struct csv_preamble *pre)
{
	size_t i;

	for (i = 0; i < pre->n; i++) {
		const char *p = strstr(pre->label[i], "年度");

		if (p) {
			const char *q = p;
			int y = 0, mul = 1;

			while (q > pre->label[i] && q[-1] >= '0' && q[-1] <= '9' && mul <= 100) {
				y += (q[-1] - '0') * mul;
				mul *= 10;
				q--;
			}
			if (y >= 1 && y <= 999 && q < p)
				return y;
		}
	}
	return 0;
}

/* Keep the contact block (機關承辦人聯絡資訊) as the form's submitter. */
static int keep_submission(struct form_ctx *c, const struct form_kind *k,
			   const struct csv_preamble *pre, const char *path, int year)
{
	static const char *const labels[6] = { "機關", "單位", "姓名", "職稱", "公務電話", "公務信箱" };
	static const char *const params[6] = { ":agency", ":unit", ":name", ":title", ":phone", ":email" };
	const char *vals[6] = { "", "", "", "", "", "" };
	const char *base = strrchr(path, '/');
	sqlite3_stmt *st;
	size_t i, j;
	int any = 0, rc;

	for (i = 0; i < pre->n; i++) {
		char *key = name_header_key(pre->label[i]);

		for (j = 0; j < 6; j++)
			if (strcmp(key, labels[j]) == 0 && !*vals[j]) {
				vals[j] = pre->value[i];
				any |= *vals[j] != '\0';
			}
		free(key);
	}
	if (!any)
		return 0;
	if (!year) {
		form_warn(c->log, 0, "the contact block is not kept: the form names no year; give --year");
		return 0;
	}
	if (db_prepare(c->db, &st,
		       "INSERT INTO form_submissions (kind, year, file, agency, unit, name, title, phone, email)"
		       " VALUES (:kind, :year, :file, :agency, :unit, :name, :title, :phone, :email)"
		       " ON CONFLICT (kind, year, file) DO UPDATE SET agency = excluded.agency,"
		       " unit = excluded.unit, name = excluded.name, title = excluded.title,"
		       " phone = excluded.phone, email = excluded.email,"
		       " loaded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
		       " WHERE agency <> excluded.agency OR unit <> excluded.unit OR name <> excluded.name"
		       " OR title <> excluded.title OR phone <> excluded.phone OR email <> excluded.email") < 0)
		return form_error(c->log, 0, "cannot keep the contact block (the message above says why)");
	db_bind_text(st, ":kind", k->submission_kind);
	db_bind_int(st, ":year", year);
	db_bind_text(st, ":file", base ? base + 1 : path);
	for (j = 0; j < 6; j++)
		db_bind_text(st, params[j], vals[j]);
	rc = db_step(st);
	db_finalize(st);
	if (rc != SQLITE_DONE ||
	    db_prepare(c->db, &st, "SELECT id FROM form_submissions WHERE kind = :kind AND year = :year AND file = :file") < 0)
		return form_error(c->log, 0, "cannot keep the contact block (the message above says why)");
	db_bind_text(st, ":kind", k->submission_kind);
	db_bind_int(st, ":year", year);
	db_bind_text(st, ":file", base ? base + 1 : path);
	rc = db_step(st);
	if (rc == SQLITE_ROW)
		c->submission = sqlite3_column_int64(st, 0);
	db_finalize(st);
	if (rc != SQLITE_ROW)
		return form_error(c->log, 0, "cannot keep the contact block (the message above says why)");
	return 0;
}

/* 1 for a row to skip: blank, a 備註 note, or a numbered template row left empty. */
static int skip_row(const struct csv_reader *r, const struct form_kind *k, const int *map)
{
	size_t i, nonempty = 0, first = 0;

	for (i = 0; i < r->nfields; i++) {
		const char *f = r->fields[i];

		if (f[strspn(f, " \t\r\n")]) {
			if (!nonempty++)
				first = i;
		}
	}
	if (nonempty == 0)
		return 1;
	if (nonempty == 1) {
		const char *f = r->fields[first] + strspn(r->fields[first], " \t");

		if (strncmp(f, "備註", 6) == 0)
			return 1;
		if (k->col_form_no >= 0 && map[k->col_form_no] == (int)first)
			return 1;
	}
	return 0;
}

int forms_load(sqlite3 *db, const struct form_kind *k, const char *path,
	       enum csv_encoding enc, int year, struct form_log *log, struct form_ctx *out)
{
	struct csv_reader r;
	struct csv_preamble pre = { NULL, NULL, 0 };
	struct form_ctx c;
	int *map = xcalloc(k->ncols, sizeof(*map));
	size_t nheader = 0;
	int rc, ret = JAUDIT_EDATA, began = 0;

	memset(&c, 0, sizeof(c));
	c.db = db;
	c.log = log;
	c.file = path;
	c.year = year;
	c.map = map;
	if (csv_reader_open(&r, path, enc) < 0) {
		form_error_text(log, r.errmsg.buf);
		goto out;
	}
	if (csv_find_header(&r, k->cols, k->ncols, map, &nheader, &pre) < 0) {
		form_error_text(log, r.errmsg.buf);
		goto out;
	}
	c.title_year = title_year(&pre);
	if (k->submission_kind &&
	    keep_submission(&c, k, &pre, path, year ? year : c.title_year) < 0)
		goto out;
	if (k->begin(&c) < 0)
		goto out;
	began = 1;
	while (!form_log_full(log) && (rc = csv_reader_next(&r)) != 0) {
		if (rc < 0) {
			form_error_text(log, r.errmsg.buf);
			if (r.fatal)
				break;
			continue;
		}
		if (skip_row(&r, k, map))
			continue;
		c.fields = r.fields;
		c.nfields = r.nfields;
		c.line = r.record_line;
		if (r.nfields != nheader) {
			form_error(log, c.line, "the row has %zu fields but the header row has %zu; check for a missing or extra comma (a comma inside a cell must be quoted)",
				   r.nfields, nheader);
			continue;
		}
		k->row(&c);
	}
	if (!log->nerrors && k->end && k->end(&c) < 0)
		goto out;
	ret = log->nerrors ? JAUDIT_EDATA : 0;
out:
	if (began || c.state)
		k->release(&c);
	out->added = c.added;
	out->replaced = c.replaced;
	out->unchanged = c.unchanged;
	out->removed = c.removed;
	csv_preamble_release(&pre);
	csv_reader_release(&r);
	free(map);
	return ret;
}
