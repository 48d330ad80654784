/*
 * Vendors (計畫第六點): 統一編號, name, the counts that rank candidates, candidate / selected per year.
 */
#include "form_fields.h"
#include "../core/db.h"

#include <stdlib.h>
#include <string.h>

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
	ok &= kind_taxid(c, vendor_cols, V_TAXID, &taxid) == 0;
	ok &= (name = kind_need(c, vendor_cols, V_NAME, "the vendor's name")) != NULL;
	ok &= kind_whole_number(c, vendor_cols, V_CORE, &core) == 0;
	ok &= kind_whole_number(c, vendor_cols, V_AGENCIES, &agencies) == 0;
	ok &= kind_yes_no(c, vendor_cols, V_CANDIDATE, &cand) == 0;
	ok &= kind_yes_no(c, vendor_cols, V_SELECTED, &sel) == 0;
	if (!ok)
		return JAUDIT_EDATA;
	if (sel && !cand) {	/* the 受稽核 cell is the one to change */
		c->log->col = c->map[V_SELECTED];
		form_error(c->log, c->line, "受稽核: \"是\" for a vendor that is not a candidate (候選 否), expected 受稽核 否 or 候選 是");
		c->log->col = -1;
		return JAUDIT_EDATA;
	}
	snprintf(key, sizeof(key), "%d|%s", year, taxid);
	if (kind_unique(c, key, taxid) < 0 || c->log->nerrors)
		return JAUDIT_EDATA;
	snprintf(nums[0], sizeof(nums[0]), "%ld", core);
	snprintf(nums[1], sizeof(nums[1]), "%ld", agencies);
	snprintf(nums[2], sizeof(nums[2]), "%d", cand);
	snprintf(nums[3], sizeof(nums[3]), "%d", sel);
	{
		const char *vals[5] = { name, nums[0], nums[1], nums[2], nums[3] };

		db_bind_int(s->st[0], ":year", year);
		db_bind_text(s->st[0], ":taxid", taxid);
		cmp = kind_compare(s->st[0], vals, 5);
	}
	if (cmp == 1) {
		kind_count(c, cmp);
		return 0;
	}
	db_bind_text(s->st[1], ":taxid", taxid);
	db_bind_text(s->st[1], ":name", name);
	if (kind_run(c, s->st[1]) < 0)
		return JAUDIT_EDATA;
	db_bind_int(s->st[2], ":year", year);
	db_bind_text(s->st[2], ":taxid", taxid);
	db_bind_int(s->st[2], ":core", core);
	db_bind_int(s->st[2], ":agencies", agencies);
	db_bind_int(s->st[2], ":candidate", cand);
	db_bind_int(s->st[2], ":selected", sel);
	if (kind_run(c, s->st[2]) < 0)
		return JAUDIT_EDATA;
	kind_count(c, cmp);
	return 0;
}

const struct form_kind form_kind_vendors = {
	"vendors", "vendors list", vendor_cols, V_N, -1, V_YEAR, NULL,
	vendors_begin, vendors_row, NULL, kind_release,
};
