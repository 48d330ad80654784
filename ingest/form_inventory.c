/*
 * The SPM system inventory: agency, system, core or not, maintaining vendor.
 */
#include "form_fields.h"
#include "../core/names.h"
#include "../core/db.h"

#include <stdlib.h>
#include <string.h>

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
	ok &= (agency = kind_need(c, inventory_cols, I_AGENCY, "the agency (機關名稱)")) != NULL;
	ok &= (system = kind_need(c, inventory_cols, I_SYSTEM, "the system's name (系統名稱)")) != NULL;
	ok &= kind_yes_no(c, inventory_cols, I_CORE, &core) == 0;
	ok &= kind_taxid(c, inventory_cols, I_TAXID, &taxid) == 0;
	if (!ok)
		return JAUDIT_EDATA;
	db_bind_text(s->st[1], ":taxid", taxid);
	rc = db_step(s->st[1]);
	vname = form_field(c, I_VNAME);
	if (rc != SQLITE_ROW) {
		db_reset(s->st[1]);
		return kind_field_error(c, inventory_cols, I_TAXID, "a vendor on file",
				   "the 統一編號 of a vendor of the vendors list (load the list first)");
	}
	if (*vname && !name_equal(vname, db_text(s->st[1], 0)))
		form_warn(c->log, c->line, "廠商名稱: \"%s\" is not the name on file for %s (%s); the 統一編號 counts",
			  vname, taxid, db_text(s->st[1], 0));
	db_reset(s->st[1]);
	strbuf_addf(&key, "%d|%s|%s", year, agency, system);
	ok = kind_unique(c, key.buf, "the system") == 0;
	strbuf_release(&key);
	if (!ok || c->log->nerrors)
		return JAUDIT_EDATA;
	snprintf(corebuf, sizeof(corebuf), "%d", core);
	{
		const char *vals[2] = { corebuf, taxid };

		db_bind_int(s->st[0], ":year", year);
		db_bind_text(s->st[0], ":agency", agency);
		db_bind_text(s->st[0], ":system", system);
		cmp = kind_compare(s->st[0], vals, 2);
	}
	if (cmp != 1) {
		db_bind_int(s->st[2], ":year", year);
		db_bind_text(s->st[2], ":agency", agency);
		db_bind_text(s->st[2], ":system", system);
		db_bind_int(s->st[2], ":core", core);
		db_bind_text(s->st[2], ":taxid", taxid);
		if (kind_run(c, s->st[2]) < 0)
			return JAUDIT_EDATA;
	}
	kind_count(c, cmp);
	return 0;
}

const struct form_kind form_kind_inventory = {
	"inventory", "system inventory", inventory_cols, I_N, -1, I_YEAR, NULL,
	inventory_begin, inventory_row, NULL, kind_release,
};
