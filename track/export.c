/*
 * jaudit export: what one agency may see of a year (SPEC §6, seed §9(三),
 * §10): its own contracts' findings with their remediation, the common-item
 * results of the vendors it authorized (附件1), and anonymous aggregates.
 *
 * Isolation is built from the data in, never filtered out afterwards: every
 * row written is selected by the agency's own name (session_contracts,
 * authorizations); no auditor's contact detail, no other agency's name and
 * no other agency's contract is ever read into the export.
 */
#include "../analyze/analysis.h"
#include "../core/checklist.h"
#include "../core/cli.h"
#include "../core/csv.h"
#include "../core/date.h"
#include "../core/db.h"
#include "../core/names.h"
#include "../core/rating.h"
#include "export.h"
#include "../core/htmldoc.h"
#include "remediation.h"
#include "../core/strbuf.h"
#include "../analyze/yearpass.h"
#include "../core/xlsxout.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: jaudit export --agency <name> --year <year> --out <file.json> [--as-of <date>]\n"
	"       jaudit export --agency <name> --year <year> --format csv --out <folder> [--as-of <date>]\n"
	"       jaudit export --agency <name> --year <year> --format html --out <file.html> [--as-of <date>]\n"
	"       jaudit export --agency <name> --year <year> --format (xlsx | ods) --out <file> [--as-of <date>]\n"
	"\n"
	"Write what one agency may see of the year's audit (計畫第九點(三)、第十點):\n"
	"  - the findings of its own sampled contracts, with their remediation\n"
	"    status, due date and history;\n"
	"  - the common-item (共通性) results of the vendors it authorized (附件1),\n"
	"    with the remediation status of each common finding;\n"
	"  - the year's anonymous aggregates, as 'jaudit analyze' computes them: per\n"
	"    item, 構面 and category, the vendors it applied to (n), those with a\n"
	"    finding (k), the rate with its interval and whether it is a common\n"
	"    finding; k and what follows are withheld where fewer than 3 vendors\n"
	"    stand behind a figure, so that no single vendor can be inferred.\n"
	"A 直屬機關 sees its 所屬機關 too: the agencies its 附件1 lists under the\n"
	"title 「○○部（會）及其所屬機關參與…」 (戶政司, 移民署… under 內政部); their\n"
	"contracts, findings and authorized vendors are in its export, each row\n"
	"with the agency it belongs to.  An agency under another sees only its own.\n"
	"Never an agency's data outside that group, never another agency's name,\n"
	"never an auditor's phone or e-mail.  Statuses are as of --as-of (default\n"
	"today).  The files are created readable by their owner only.\n"
	"\n"
	"JSON (one file): format, year, agency, agencies_under[], as_of,\n"
	"contracts[], findings[], vendors[] {vendor, vendor_name, sessions[]\n"
	"{session, date, common[]}}, aggregates[].  CSV (a folder, created if\n"
	"needed): contracts.csv, findings.csv, common.csv, history.csv,\n"
	"aggregates.csv.  HTML (one file): the same as a printable A4 page in\n"
	"Chinese with ROC dates, for the agency's staff.  xlsx (one workbook): the\n"
	"CSV files as its sheets contracts, findings, common, history, aggregates,\n"
	"the same rows, dates as date cells shown 115/11/20, a header row that\n"
	"stays put and a filter on every column; ods: the same as an OpenDocument\n"
	"spreadsheet.\n"
	"\n"
	"Options:\n"
	"  --agency <name>    the agency, as on its 附件1 (台/臺 and spacing variants match)\n"
	"  --year <year>      the ROC year (115, or 2026)\n"
	"  --out <path>       the JSON, HTML, xlsx or ods file, or with --format csv the folder\n"
	"  --format <fmt>     json (default), csv, html, xlsx or ods\n"
	"  --as-of <date>     statuses as of this date (default today)\n";

/* --- the agency ------------------------------------------------------------- */

/*
 * The agency's name as stored for the year, matched with name_equal();
 * the caller frees *out.  An unknown agency is an error naming the nearest.
 */
static int resolve_agency(sqlite3 *db, int year, const char *given, char **out)
{
	sqlite3_stmt *st = NULL;
	char **names = NULL;
	size_t n = 0, i, near[3], k;
	int rc;

	*out = NULL;
	if (db_prepare(db, &st,
		       "SELECT agency FROM authorizations WHERE year = :year UNION"
		       " SELECT parent FROM agency_parents WHERE year = :year UNION"
		       " SELECT c.agency FROM session_contracts c JOIN sessions s ON s.id = c.session"
		       " WHERE s.year = :year ORDER BY 1") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", year);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrdup(db_text(st, 0));
	}
	db_finalize(st);
	if (rc == SQLITE_DONE) {
		for (i = 0; i < n && !*out; i++)
			if (strcmp(names[i], given) == 0 || name_equal(names[i], given))
				*out = xstrdup(names[i]);
		if (!*out && n == 0) {
			rc = jerror("export: year %d has no authorizations (附件1) or sampled contracts; nothing can be exported",
				    year);
		} else if (!*out) {
			struct strbuf sb = STRBUF_INIT;

			k = name_nearest(given, (const char *const *)names, n, near, 3);
			for (i = 0; i < k; i++)
				strbuf_addf(&sb, "%s%s", i ? ", " : "", names[near[i]]);
			rc = jerror("export: '%s' is not an agency of year %d (no 附件1 authorization, no sampled contract); nearest: %s",
				    given, year, sb.buf);
			strbuf_release(&sb);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return *out ? 0 : JAUDIT_EDATA;
}

/* --- what is exported ------------------------------------------------------------ */

static void ex_result_release(struct ex_result *r)
{
	free(r->session);
	free(r->item);
	free(r->ref);
	free(r->rating);
	free(r->finding);
	free(r->recommendation);
	free(r->taxid);
	free(r->vendor);
	free(r->date);
	free(r->contract);
	free(r->system);
	free(r->id);
	free(r->agency);
}

static void export_release(struct export *x)
{
	size_t i;

	for (i = 0; i < x->nown; i++)
		ex_result_release(&x->own[i]);
	for (i = 0; i < x->ncommon; i++)
		ex_result_release(&x->common[i]);
	for (i = 0; i < x->ncontracts; i++)
		ex_result_release(&x->contracts[i]);
	free(x->own);
	free(x->common);
	free(x->contracts);
	for (i = 0; i < x->nunder; i++)
		free(x->under[i]);
	free(x->under);
	if (x->has_agg)
		analysis_release(&x->agg);
	free(x->agency);
	remed_set_release(&x->set);
}

/* The session date of a row, read strictly (the letters show it in ROC form). */
static int check_stored_date(const struct ex_result *r)
{
	char what[128];
	struct jdate d;

	snprintf(what, sizeof(what), "session %s, date", r->session);
	return date_from_db_or_say(r->date, &d, what);
}

/* Rows of a query with columns session, item, ref, rating, finding,
 * recommendation, taxid, vendor, date, contract, system, id, agency into *out. */
static int collect(sqlite3 *db, const char *sql, const struct export *x,
		   struct ex_result **out, size_t *n)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (db_prepare(db, &st, sql) < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", x->year);
	db_bind_text(st, ":agency", x->agency);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		struct ex_result *r;

		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		r = &(*out)[(*n)++];
		r->session = xstrdup(db_text(st, 0));
		r->item = xstrdup(db_text(st, 1));
		r->ref = xstrdup(db_text(st, 2));
		r->rating = xstrdup(db_text(st, 3));
		r->finding = xstrdup(db_text(st, 4));
		r->recommendation = xstrdup(db_text(st, 5));
		r->taxid = xstrdup(db_text(st, 6));
		r->vendor = xstrdup(db_text(st, 7));
		r->date = xstrdup(db_text(st, 8));
		r->contract = xstrdup(db_text(st, 9));
		r->system = xstrdup(db_text(st, 10));
		r->id = xstrdup(db_text(st, 11));
		r->agency = xstrdup(db_text(st, 12));
		r->rec = *r->id ? remed_set_find(&x->set, r->id) : NULL;
		if (*r->date && check_stored_date(r) < 0) {
			rc = JAUDIT_EDATA;
			break;
		}
	}
	db_finalize(st);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

/*
 * The year's anonymous aggregates: the same analysis as `jaudit analyze`
 * and the report (default parameters), of which only the per-item,
 * per-構面 and per-category figures are exported (never the vendor ranking).
 */
static int aggregates(sqlite3 *db, struct export *x)
{
	struct analysis_params p;

	analysis_params_default(&p, x->year);
	if (analysis_run(db, &p, &x->agg) < 0)
		return JAUDIT_EDATA;
	x->has_agg = 1;
	return 0;
}

/* The agency and those under it (agency_parents), as SQL. */
#define AGENCIES "(SELECT :agency UNION SELECT agency FROM agency_parents WHERE year = :year AND parent = :agency)"

/* The agencies under x->agency, by name. */
static int load_under(sqlite3 *db, struct export *x)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (db_prepare(db, &st, "SELECT agency FROM agency_parents WHERE year = :year AND parent = :agency ORDER BY agency") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", x->year);
	db_bind_text(st, ":agency", x->agency);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		x->under = xrealloc(x->under, (x->nunder + 1) * sizeof(*x->under));
		x->under[x->nunder++] = xstrdup(db_text(st, 0));
	}
	db_finalize(st);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

static int export_build(sqlite3 *db, struct export *x)
{
	if (remed_load(db, x->year, &x->set) < 0 || load_under(db, x) < 0)
		return JAUDIT_EDATA;
	/* the sampled contracts of the agency and of those under it */
	if (collect(db,
		    "SELECT c.session, '', c.ref, '', '', '', s.taxid, coalesce(v.name, ''), s.date,"
		    " c.contract, c.system, '', c.agency FROM session_contracts c JOIN sessions s ON s.id = c.session"
		    " LEFT JOIN vendors v ON v.taxid = s.taxid"
		    " WHERE s.year = :year AND c.agency IN " AGENCIES " ORDER BY c.session, c.ref",
		    x, &x->contracts, &x->ncontracts) < 0)
		return JAUDIT_EDATA;
	/* findings of those contracts only */
	if (collect(db,
		    "SELECT f.session, f.item, f.ref, f.rating, f.finding, f.recommendation, f.taxid,"
		    " coalesce(v.name, ''), f.date, c.contract, c.system, f.id, c.agency FROM findings f"
		    " JOIN session_contracts c ON c.session = f.session AND c.ref = f.ref"
		    " LEFT JOIN vendors v ON v.taxid = f.taxid"
		    " WHERE f.year = :year AND c.agency IN " AGENCIES " AND f.ref <> ''"
		    " ORDER BY f.session, f.ref, f.item",
		    x, &x->own, &x->nown) < 0)
		return JAUDIT_EDATA;
	/* common-item results of the vendors they authorized that year */
	if (collect(db,
		    "SELECT r.session, r.item, '', r.rating, r.finding, r.recommendation, s.taxid,"
		    " coalesce(v.name, ''), s.date, '', '', coalesce(f.id, ''), '' FROM results r"
		    " JOIN sessions s ON s.id = r.session LEFT JOIN vendors v ON v.taxid = s.taxid"
		    " LEFT JOIN findings f ON f.session = r.session AND f.item = r.item AND f.ref = r.ref"
		    " WHERE s.year = :year AND r.ref = '' AND s.taxid IN"
		    " (SELECT av.taxid FROM authorizations a JOIN authorization_vendors av ON av.authorization = a.id"
		    " WHERE a.year = :year AND a.agency IN " AGENCIES ")"
		    " ORDER BY s.taxid, r.session, r.item",
		    x, &x->common, &x->ncommon) < 0)
		return JAUDIT_EDATA;
	return aggregates(db, x);
}

/* --- JSON ------------------------------------------------------------------------ */

static void add_remediation(cJSON *o, const struct remed_record *rec, struct jdate as_of)
{
	enum remed_status st;
	struct jdate due;
	char iso[DATE_ISO_LEN];
	cJSON *hist;
	size_t i;

	if (!rec || !remed_state_at(rec, as_of, &st, &due, NULL)) {
		cJSON_AddNullToObject(o, "status");
		return;
	}
	cJSON_AddStringToObject(o, "status", remed_status_code(st));
	cJSON_AddStringToObject(o, "status_label", remed_status_label(st, 0));
	date_iso(due, iso);
	cJSON_AddStringToObject(o, "due", iso);
	cJSON_AddNumberToObject(o, "days_overdue", (double)remed_days_overdue(st, due, as_of));
	hist = cJSON_AddArrayToObject(o, "history");
	for (i = 0; i < rec->nevents; i++) {
		const struct remed_event *e = &rec->events[i];
		cJSON *h;

		if (date_cmp(e->date, as_of) > 0)
			break;
		h = cJSON_CreateObject();
		date_iso(e->date, iso);
		cJSON_AddStringToObject(h, "date", iso);
		cJSON_AddStringToObject(h, "action", e->action);
		cJSON_AddStringToObject(h, "actor", e->actor);
		cJSON_AddStringToObject(h, "status", remed_status_code(e->new_status));
		date_iso(e->new_due, iso);
		cJSON_AddStringToObject(h, "due", iso);
		cJSON_AddStringToObject(h, "note", e->note);
		cJSON_AddStringToObject(h, "evidence", e->evidence);
		cJSON_AddStringToObject(h, "approver", e->approver);
		cJSON_AddItemToArray(hist, h);
	}
}

/* a figure of an aggregate, or null where too few vendors stand behind it */
static void add_cell(cJSON *o, const char *key, int shown, double v)
{
	yearpass_json_num(o, key, shown ? v : NAN);
}

static void add_groups(cJSON *o, const char *key, const struct group_stat *g, size_t n)
{
	cJSON *arr = cJSON_AddArrayToObject(o, key);
	size_t i;

	for (i = 0; i < n; i++) {
		cJSON *j = cJSON_CreateObject();
		int shown = g[i].n >= EXPORT_MIN_CELL;

		cJSON_AddStringToObject(j, "name", g[i].name);
		if (g[i].category)
			cJSON_AddStringToObject(j, "category", g[i].category);
		cJSON_AddNumberToObject(j, "items", g[i].nitems);
		cJSON_AddNumberToObject(j, "n", g[i].n);
		add_cell(j, "k", shown, g[i].k);
		add_cell(j, "rate", shown, g[i].rate);
		add_cell(j, "ci_low", shown, g[i].ci_low);
		add_cell(j, "ci_high", shown, g[i].ci_high);
		cJSON_AddItemToArray(arr, j);
	}
}

/* The sampled contracts: "contracts". */
static void json_contracts(cJSON *root, const struct export *x)
{
	cJSON *arr = cJSON_AddArrayToObject(root, "contracts"), *o;
	size_t i;

	for (i = 0; i < x->ncontracts; i++) {
		const struct ex_result *r = &x->contracts[i];

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "session", r->session);
		cJSON_AddStringToObject(o, "ref", r->ref);
		cJSON_AddStringToObject(o, "agency", r->agency);
		cJSON_AddStringToObject(o, "contract", r->contract);
		cJSON_AddStringToObject(o, "system", r->system);
		cJSON_AddStringToObject(o, "vendor", r->taxid);
		cJSON_AddStringToObject(o, "vendor_name", r->vendor);
		cJSON_AddStringToObject(o, "date", r->date);
		cJSON_AddItemToArray(arr, o);
	}
}

/* The findings of those contracts: "findings". */
static void json_findings(cJSON *root, const struct export *x)
{
	cJSON *arr = cJSON_AddArrayToObject(root, "findings"), *o;
	size_t i;

	for (i = 0; i < x->nown; i++) {
		const struct ex_result *r = &x->own[i];

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", r->id);
		cJSON_AddStringToObject(o, "session", r->session);
		cJSON_AddStringToObject(o, "item", r->item);
		cJSON_AddStringToObject(o, "ref", r->ref);
		cJSON_AddStringToObject(o, "agency", r->agency);
		cJSON_AddStringToObject(o, "contract", r->contract);
		cJSON_AddStringToObject(o, "system", r->system);
		cJSON_AddStringToObject(o, "vendor", r->taxid);
		cJSON_AddStringToObject(o, "vendor_name", r->vendor);
		cJSON_AddStringToObject(o, "rating", r->rating);
		cJSON_AddStringToObject(o, "finding", r->finding);
		cJSON_AddStringToObject(o, "recommendation", r->recommendation);
		add_remediation(o, r->rec, x->as_of);
		cJSON_AddItemToArray(arr, o);
	}
}

/* The common-item results, vendor by vendor and session by session: "vendors". */
static void json_vendors(cJSON *root, const struct export *x)
{
	cJSON *vendors = cJSON_AddArrayToObject(root, "vendors"), *o, *v = NULL, *sess = NULL, *common = NULL;
	const char *last_vendor = "", *last_session = "";
	size_t i;

	for (i = 0; i < x->ncommon; i++) {
		const struct ex_result *r = &x->common[i];

		if (!v || strcmp(last_vendor, r->taxid) != 0) {
			v = cJSON_CreateObject();
			cJSON_AddStringToObject(v, "vendor", r->taxid);
			cJSON_AddStringToObject(v, "vendor_name", r->vendor);
			sess = cJSON_AddArrayToObject(v, "sessions");
			cJSON_AddItemToArray(vendors, v);
			last_vendor = r->taxid;
			last_session = "";
		}
		if (strcmp(last_session, r->session) != 0) {
			o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "session", r->session);
			cJSON_AddStringToObject(o, "date", r->date);
			common = cJSON_AddArrayToObject(o, "common");
			cJSON_AddItemToArray(sess, o);
			last_session = r->session;
		}
		o = cJSON_CreateObject();
		if (*r->id)
			cJSON_AddStringToObject(o, "id", r->id);
		else
			cJSON_AddNullToObject(o, "id");
		cJSON_AddStringToObject(o, "item", r->item);
		cJSON_AddStringToObject(o, "rating", r->rating);
		cJSON_AddStringToObject(o, "finding", r->finding);
		cJSON_AddStringToObject(o, "recommendation", r->recommendation);
		if (r->rec)
			add_remediation(o, r->rec, x->as_of);
		cJSON_AddItemToArray(common, o);
	}
}

/* The year's anonymous aggregates, small cells left out: "aggregates". */
static void json_aggregates(cJSON *root, const struct export *x)
{
	cJSON *o = cJSON_AddObjectToObject(root, "aggregates"), *arr;
	size_t i;

	cJSON_AddNumberToObject(o, "vendors", x->agg.vendors);
	cJSON_AddNumberToObject(o, "min_vendors", EXPORT_MIN_CELL);
	arr = cJSON_AddArrayToObject(o, "items");
	for (i = 0; i < x->agg.nitems; i++) {
		const struct item_stat *it = &x->agg.items[i];
		cJSON *j = cJSON_CreateObject();
		int shown = it->n >= EXPORT_MIN_CELL;

		cJSON_AddStringToObject(j, "code", it->code);
		cJSON_AddStringToObject(j, "category", it->category);
		cJSON_AddStringToObject(j, "dimension", it->dimension);
		cJSON_AddNumberToObject(j, "n", it->n);
		add_cell(j, "k", shown, it->k);
		add_cell(j, "rate", shown, it->rate);
		add_cell(j, "ci_low", shown, it->ci_low);
		add_cell(j, "ci_high", shown, it->ci_high);
		if (shown)
			cJSON_AddBoolToObject(j, "common", it->common);
		else
			cJSON_AddNullToObject(j, "common");
		cJSON_AddItemToArray(arr, j);
	}
	add_groups(o, "dimensions", x->agg.dimensions, x->agg.ndimensions);
	add_groups(o, "categories", x->agg.categories, x->agg.ncategories);
}

/* The export as one JSON document; the caller deletes it. */
static cJSON *export_json(const struct export *x)
{
	cJSON *root = cJSON_CreateObject(), *arr;
	char iso[DATE_ISO_LEN];
	size_t i;

	cJSON_AddStringToObject(root, "format", "jaudit-export/1");
	cJSON_AddNumberToObject(root, "year", x->year);
	cJSON_AddStringToObject(root, "agency", x->agency);
	arr = cJSON_AddArrayToObject(root, "agencies_under");
	for (i = 0; i < x->nunder; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(x->under[i]));
	date_iso(x->as_of, iso);
	cJSON_AddStringToObject(root, "as_of", iso);
	json_contracts(root, x);
	json_findings(root, x);
	json_vendors(root, x);
	json_aggregates(root, x);
	return root;
}

/* --- files ------------------------------------------------------------------------ */

static int write_json(const struct export *x, const char *path)
{
	cJSON *root = export_json(x);
	char *s = cJSON_Print(root);
	FILE *fp = htmldoc_open_private("export", path);
	int rc = JAUDIT_EDATA;

	if (fp) {
		fputs(s, fp);
		fputc('\n', fp);
		rc = htmldoc_close(fp, "export", path);
	}
	free(s);
	cJSON_Delete(root);
	return rc;
}

/* dir/name as CSV, or the sheet `name` (without .csv) of the workbook b */
static FILE *csv_file(const char *dir, const char *name, struct strbuf *path, struct xlsxbook *b,
		      struct rowout *o, const char *const *head, size_t n, const char *kinds)
{
	FILE *fp = NULL;
	char sheet[32];

	if (b) {
		snprintf(sheet, sizeof(sheet), "%.*s", (int)strcspn(name, "."), name);
		rowout_xlsx(o, b);
		rowout_begin(o, sheet, head, n, kinds);
		return stdin;	/* not NULL: nothing to close */
	}
	strbuf_reset(path);
	strbuf_addf(path, "%s/%s", dir, name);
	fp = htmldoc_open_private("export", path->buf);
	if (fp) {
		rowout_csv(o, fp);
		rowout_begin(o, NULL, head, n, kinds);
	}
	return fp;
}

static void status_fields(const struct remed_record *rec, struct jdate as_of,
			  const char **status, char *due, char *late)
{
	enum remed_status st;
	struct jdate d;

	*status = "";
	*due = *late = '\0';
	if (rec && remed_state_at(rec, as_of, &st, &d, NULL)) {
		*status = remed_status_label(st, 0);
		date_iso(d, due);
		snprintf(late, 24, "%ld", remed_days_overdue(st, d, as_of));
	}
}

static void history_rows(struct rowout *fp, const char *id, const struct remed_record *rec, struct jdate as_of)
{
	char date[DATE_ISO_LEN], due[DATE_ISO_LEN];
	size_t i;

	if (!rec)
		return;
	for (i = 0; i < rec->nevents; i++) {
		const struct remed_event *e = &rec->events[i];
		const char *row[8];

		if (date_cmp(e->date, as_of) > 0)
			break;
		date_iso(e->date, date);
		date_iso(e->new_due, due);
		row[0] = id;
		row[1] = date;
		row[2] = e->action;
		row[3] = remed_status_label(e->new_status, 0);
		row[4] = due;
		row[5] = e->actor;
		row[6] = e->note;
		row[7] = e->evidence;
		rowout_row(fp, row);
	}
}

static void rows_contracts(const struct export *x, struct rowout *oc)
{
	size_t i;

	for (i = 0; i < x->ncontracts; i++) {
		const struct ex_result *r = &x->contracts[i];
		const char *row[] = { r->session, r->ref, r->contract, r->system, r->taxid, r->vendor, r->date,
				      r->agency };

		rowout_row(oc, row);
	}
}

/* The findings of the contracts, and their records' history into oh. */
static void rows_findings(const struct export *x, struct rowout *of, struct rowout *oh)
{
	char due[DATE_ISO_LEN], late[24];
	const char *status;
	enum rating rt;
	size_t i;

	for (i = 0; i < x->nown; i++) {
		const struct ex_result *r = &x->own[i];

		status_fields(r->rec, x->as_of, &status, due, late);
		rating_from_code(r->rating, &rt);
		{
			const char *row[] = { r->id, r->item, r->contract, r->taxid, r->vendor, rating_label(rt, 0),
					      r->finding, r->recommendation, status, due, late, r->agency };

			rowout_row(of, row);
		}
		history_rows(oh, r->id, r->rec, x->as_of);
	}
}

/* The common-item results, and their records' history into oh. */
static void rows_common(const struct export *x, struct rowout *om, struct rowout *oh)
{
	char due[DATE_ISO_LEN], late[24];
	const char *status;
	enum rating rt;
	size_t i;

	for (i = 0; i < x->ncommon; i++) {
		const struct ex_result *r = &x->common[i];

		status_fields(r->rec, x->as_of, &status, due, late);
		rating_from_code(r->rating, &rt);
		{
			const char *row[] = { r->id, r->item, r->taxid, r->vendor, r->date, rating_label(rt, 0),
					      r->finding, r->recommendation, status, due, late };

			rowout_row(om, row);
		}
		history_rows(oh, r->id, r->rec, x->as_of);
	}
}

/* The aggregates by item; k, rates and 共同發現 blank for a cell under EXPORT_MIN_CELL. */
static void rows_aggregates(const struct export *x, struct rowout *oa)
{
	size_t i;

	for (i = 0; i < x->agg.nitems; i++) {
		const struct item_stat *it = &x->agg.items[i];
		char cells[5][32];
		const char *row[9];
		int shown = it->n >= EXPORT_MIN_CELL, j;

		for (j = 0; j < 5; j++)
			cells[j][0] = '\0';
		snprintf(cells[0], sizeof(cells[0]), "%u", it->n);
		if (shown) {
			snprintf(cells[1], sizeof(cells[1]), "%u", it->k);
			snprintf(cells[2], sizeof(cells[2]), "%.4f", it->rate);
			snprintf(cells[3], sizeof(cells[3]), "%.4f", it->ci_low);
			snprintf(cells[4], sizeof(cells[4]), "%.4f", it->ci_high);
		}
		row[0] = it->code;
		row[1] = checklist_category_label(it->category, 0);
		row[2] = it->dimension;
		for (j = 0; j < 5; j++)
			row[3 + j] = cells[j];
		row[8] = shown ? (it->common ? "是" : "否") : "";
		rowout_row(oa, row);
	}
}

/* The CSV files into the folder dir, or with b the same as sheets of the workbook */
static int write_csv(const struct export *x, const char *dir, struct xlsxbook *b)
{
	static const char *const h_contracts[] = { "場次", "契約代號", "契約案名", "系統名稱", "廠商統一編號", "廠商名稱", "稽核日期", "機關" };
	static const char *const h_findings[] = { "追蹤編號", "項目", "契約案名", "廠商統一編號", "廠商名稱", "稽核結果", "發現事項", "建議", "狀態", "完成期限", "逾期日數", "機關" };
	static const char *const h_common[] = { "追蹤編號", "項目", "廠商統一編號", "廠商名稱", "稽核日期", "稽核結果", "發現事項", "建議", "狀態", "完成期限", "逾期日數" };
	static const char *const h_history[] = { "追蹤編號", "日期", "事件", "狀態", "完成期限", "填報人", "說明", "佐證" };
	static const char *const h_agg[] = { "項目", "類別", "構面", "適用廠商數", "有發現廠商數", "比率", "信賴區間下限", "信賴區間上限", "共同發現" };
	struct strbuf path = STRBUF_INIT;
	FILE *fc = NULL, *ff = NULL, *fm = NULL, *fh = NULL, *fa = NULL;
	struct rowout oc, of, om, oh, oa;
	int rc = JAUDIT_EDATA;

	if (!b && mkdir(dir, 0700) < 0 && errno != EEXIST) {
		jerror("export: cannot create the folder '%s': %s", dir, strerror(errno));
		goto end;
	}
	if (!(fc = csv_file(dir, "contracts.csv", &path, b, &oc, h_contracts, 8, "ttttttdt")) ||
	    !(ff = csv_file(dir, "findings.csv", &path, b, &of, h_findings, 12, "tttttttttdnt")) ||
	    !(fm = csv_file(dir, "common.csv", &path, b, &om, h_common, 11, "ttttdttttdn")) ||
	    !(fh = csv_file(dir, "history.csv", &path, b, &oh, h_history, 8, "tdttdttt")) ||
	    !(fa = csv_file(dir, "aggregates.csv", &path, b, &oa, h_agg, 9, "tttnnnnnt")))
		goto end;
	if (b)
		fc = ff = fm = fh = fa = NULL;
	rows_contracts(x, &oc);
	rows_findings(x, &of, &oh);
	rows_common(x, &om, &oh);
	rows_aggregates(x, &oa);
	rc = 0;
end:
	if (fc && htmldoc_close(fc, "export", "contracts.csv") < 0)
		rc = JAUDIT_EDATA;
	if (ff && htmldoc_close(ff, "export", "findings.csv") < 0)
		rc = JAUDIT_EDATA;
	if (fm && htmldoc_close(fm, "export", "common.csv") < 0)
		rc = JAUDIT_EDATA;
	if (fh && htmldoc_close(fh, "export", "history.csv") < 0)
		rc = JAUDIT_EDATA;
	if (fa && htmldoc_close(fa, "export", "aggregates.csv") < 0)
		rc = JAUDIT_EDATA;
	strbuf_release(&path);
	return rc;
}

/* The same sheets in one workbook, readable by its owner only */
static int write_xlsx(const struct export *x, const char *path, int ods)
{
	struct xlsxbook *b = xlsxbook_open_as("export", path, 1, ods);

	if (!b)
		return JAUDIT_EDATA;
	if (write_csv(x, NULL, b) < 0) {
		xlsxbook_abort(b);
		return JAUDIT_EDATA;
	}
	return xlsxbook_close(b);
}

/* " and 2 agencies under it" for the summary line */
static const char *under_count(const struct export *x)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), " and %zu agenc%s under it", x->nunder, x->nunder == 1 ? "y" : "ies");
	return buf;
}

static int run(struct jaudit_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "agency", required_argument, NULL, 'g' },
		{ "year", required_argument, NULL, 'y' },
		{ "out", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "as-of", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	enum cli_format fmt = FORMAT_JSON;
	const char *agency = NULL, *out = NULL;
	struct export x;
	sqlite3 *db;
	int c, rc, has_asof = 0;

	memset(&x, 0, sizeof(x));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'g':
			agency = optarg;
			break;
		case 'y':
			if (cli_parse_year("export", optarg, &x.year) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'o':
			out = optarg;
			break;
		case 'f':
			if (cli_parse_format("export", optarg, FORMAT_JSON | FORMAT_CSV | FORMAT_HTML | FORMAT_BOOK, &fmt) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'a':
			if (cli_parse_date("export", "--as-of", optarg, &x.as_of) < 0)
				return JAUDIT_EUSAGE;
			has_asof = 1;
			break;
		default:
			return cli_bad_option("export", argc, argv);
		}
	}
	if (optind < argc)
		return jusage("export", "unexpected argument '%s'", argv[optind]);
	if (!agency || !*agency)
		return jusage("export", "--agency is required");
	if (!x.year)
		return jusage("export", "--year is required");
	if (!out || !*out)
		return jusage("export", "--out is required: the JSON, HTML, xlsx or ods file, or with --format csv the folder");
	if (!has_asof && date_today(&x.as_of) < 0)
		return JAUDIT_EDATA;
	if (ctx_db_year(ctx, x.year, &db) < 0 || resolve_agency(db, x.year, agency, &x.agency) < 0)
		return JAUDIT_EDATA;
	rc = export_build(db, &x);
	if (rc == 0)
		rc = fmt == FORMAT_CSV ? write_csv(&x, out, NULL)
		     : fmt & FORMAT_BOOK ? write_xlsx(&x, out, fmt == FORMAT_ODS)
		     : fmt == FORMAT_HTML ? export_write_html(&x, out) : write_json(&x, out);
	if (rc == 0)
		printf("%s: %s%s, year %d: %zu findings of its contracts, %zu common-item results of the vendors it authorized\n",
		       out, x.agency, x.nunder ? under_count(&x) : "", x.year, x.nown, x.ncommon);
	export_release(&x);
	return rc;
}

const struct cmd_entry cmd_export_entry = {
	"export", "what one agency may see: its findings, its vendors' common items", usage, run,
};
