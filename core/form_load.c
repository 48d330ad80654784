/*
 * form_load.c - the one loop that reads a form, whatever its kind: open the
 * file as what its first bytes say (CSV text, an .xlsx or .ods workbook),
 * find the header row below the contact block (kept, with the title's
 * year), skip blank and template rows, check the field count, and hand each
 * record to the kind (form.h).  `jaudit ingest` (every kind) and `jaudit
 * track import` (the updates form) both read through it: the same error
 * cap, the same encodings, the same messages.
 */
#include "form.h"
#include "db.h"
#include "names.h"
#include "workbook.h"

#include <stdlib.h>
#include <string.h>

/*
 * Open path as the file it is by its first bytes: a workbook (.xlsx, .ods)
 * through core/workbook.c, anything else as CSV text; an empty file, a
 * folder, an old .xls or .doc refused with what to do.  fits picks the
 * sheet of a workbook.  0, or JAUDIT_EDATA with r->errmsg set.
 */
int form_source_open(struct csv_reader *r, const char *path, enum csv_encoding enc,
		     const char *sheet, workbook_fits_fn fits, void *arg)
{
	const char *why = NULL;

	if (strcmp(path, "-") == 0)
		return csv_reader_open(r, path, enc);
	switch (file_sniff(path)) {
	case FILE_ZIP:
		return workbook_reader_open_path(r, path, sheet, fits, arg);
	case FILE_EMPTY:
		why = "the file is empty";
		break;
	case FILE_FOLDER:
		why = "is a folder, not a file; name the files in it";
		break;
	case FILE_OLE2:
		why = "an old binary Excel .xls (or Word .doc) file, which jaudit does not read; open it and save it as .xlsx or .ods";
		break;
	case FILE_TEXT:
	case FILE_UNREADABLE:
		break;
	}
	if (!why)
		return csv_reader_open(r, path, enc);
	memset(r, 0, sizeof(*r));
	strbuf_init(&r->errmsg);
	strbuf_addf(&r->errmsg, "%s: %s", path, why);
	r->fatal = 1;
	return JAUDIT_EDATA;
}

/* A sheet fits when its header row is the kind's. */
static int fits_kind(const struct csv_reader *r, void *arg)
{
	const struct form_kind *k = arg;

	return csv_header_matches(r, k->cols, k->ncols);
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

/*
 * The 直屬機關 a title names: 「內政部」 of 「內政部及其所屬機關參與115年度…」
 * (also 「及所屬機關」), or NULL when no title says so or the template's
 * 「○○部（會）」 is left unfilled.  The caller frees it.
 */
static char *title_parent(const struct csv_preamble *pre)
{
	static const char *const marks[] = { "及其所屬機關", "及所屬機關" };
	size_t i, j;

	for (i = 0; i < pre->n; i++) {
		for (j = 0; j < 2; j++) {
			const char *t = pre->label[i], *p = strstr(t, marks[j]);
			const char *end = p, *blank;

			if (!p)
				continue;
			t += strspn(t, " \t");
			while (end > t && (end[-1] == ' ' || end[-1] == '\t'))
				end--;
			blank = strstr(t, "○");
			if (end == t || (blank && blank < p))
				return NULL;
			return xstrndup(t, (size_t)(end - t));
		}
	}
	return NULL;
}

#define CONTACT_FAIL "cannot keep the contact block (the message above says why)"

static const char *const contact_params[6] = { ":agency", ":unit", ":name", ":title", ":phone", ":email" };

/* The contact block's six values (機關 … 公務信箱) into vals, "" for one absent: 1 when any is given. */
static int contact_values(const struct csv_preamble *pre, const char *vals[6])
{
	static const char *const labels[6] = { "機關", "單位", "姓名", "職稱", "公務電話", "公務信箱" };
	size_t i, j;
	int any = 0;

	for (j = 0; j < 6; j++)
		vals[j] = "";
	for (i = 0; i < pre->n; i++) {
		char *key = name_header_key(pre->label[i]);

		for (j = 0; j < 6; j++)
			if (strcmp(key, labels[j]) == 0 && !*vals[j]) {
				vals[j] = pre->value[i];
				any |= *vals[j] != '\0';
			}
		free(key);
	}
	return any;
}

/* :kind, :year, :file and, with vals, the six contact parameters. */
static void bind_submission(sqlite3_stmt *st, const struct form_kind *k, int year, const char *file,
			    const char *const *vals)
{
	size_t j;

	db_bind_text(st, ":kind", k->submission_kind);
	db_bind_int(st, ":year", year);
	db_bind_text(st, ":file", file);
	for (j = 0; vals && j < 6; j++)
		db_bind_text(st, contact_params[j], vals[j]);
}

/*
 * The same contact block under another file name (a copy, a form saved
 * again as 附件1_財政部_v2.csv) is the same submission: its id into
 * c->submission and 1; 0 when there is none (or the file is stored under
 * its own name); JAUDIT_EDATA.
 */
static int same_submission(struct form_ctx *c, const struct form_kind *k, int year, const char *file,
			   const char *const *vals)
{
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(c->db, &st,
		       "SELECT s.id FROM form_submissions s WHERE s.kind = :kind AND s.year = :year"
		       " AND NOT EXISTS (SELECT 1 FROM form_submissions f WHERE f.kind = :kind"
		       " AND f.year = :year AND f.file = :file)"
		       " AND s.agency = :agency AND s.unit = :unit AND s.name = :name AND s.title = :title"
		       " AND s.phone = :phone AND s.email = :email ORDER BY s.id LIMIT 1") < 0)
		return form_error(c->log, 0, CONTACT_FAIL);
	bind_submission(st, k, year, file, vals);
	rc = db_step(st);
	if (rc == SQLITE_ROW)
		c->submission = sqlite3_column_int64(st, 0);
	db_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : form_error(c->log, 0, CONTACT_FAIL);
}

/* The block stored under the file's name (a row of its own, updated when it changed); its id into c->submission. */
static int store_submission(struct form_ctx *c, const struct form_kind *k, int year, const char *file,
			    const char *const *vals)
{
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(c->db, &st,
		       "INSERT INTO form_submissions (kind, year, file, agency, unit, name, title, phone, email)"
		       " VALUES (:kind, :year, :file, :agency, :unit, :name, :title, :phone, :email)"
		       " ON CONFLICT (kind, year, file) DO UPDATE SET agency = excluded.agency,"
		       " unit = excluded.unit, name = excluded.name, title = excluded.title,"
		       " phone = excluded.phone, email = excluded.email,"
		       " loaded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
		       " WHERE agency <> excluded.agency OR unit <> excluded.unit OR name <> excluded.name"
		       " OR title <> excluded.title OR phone <> excluded.phone OR email <> excluded.email") < 0)
		return form_error(c->log, 0, CONTACT_FAIL);
	bind_submission(st, k, year, file, vals);
	rc = db_step(st);
	db_finalize(st);
	if (rc != SQLITE_DONE ||
	    db_prepare(c->db, &st, "SELECT id FROM form_submissions WHERE kind = :kind AND year = :year AND file = :file") < 0)
		return form_error(c->log, 0, CONTACT_FAIL);
	bind_submission(st, k, year, file, NULL);
	rc = db_step(st);
	if (rc == SQLITE_ROW)
		c->submission = sqlite3_column_int64(st, 0);
	db_finalize(st);
	return rc == SQLITE_ROW ? 0 : form_error(c->log, 0, CONTACT_FAIL);
}

/* Keep the contact block (機關承辦人聯絡資訊) as the form's submitter. */
static int keep_submission(struct form_ctx *c, const struct form_kind *k,
			   const struct csv_preamble *pre, const char *path, int year)
{
	const char *vals[6];
	const char *base = strrchr(path, '/'), *file = base ? base + 1 : path;
	int rc;

	if (!contact_values(pre, vals))
		return 0;
	if (!year) {
		form_warn(c->log, 0, "the contact block is not kept: the form names no year; give --year");
		return 0;
	}
	rc = same_submission(c, k, year, file, vals);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	return store_submission(c, k, year, file, vals);
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

/* Each row after the header to k->row, until the end, a fatal error or the log is full. */
static void load_rows(struct form_ctx *c, struct csv_reader *r, const struct form_kind *k, size_t nheader)
{
	int rc;

	while (!form_log_full(c->log) && (rc = csv_reader_next(r)) != 0) {
		if (rc < 0) {
			form_error_text(c->log, r->errmsg.buf);
			if (r->fatal)
				break;
			continue;
		}
		if (skip_row(r, k, c->map))
			continue;
		c->fields = r->fields;
		c->nfields = r->nfields;
		c->line = r->record_line;
		c->numeric = r->numeric;
		if (r->nfields != nheader) {
			form_error(c->log, c->line, "the row has %zu fields but the header row has %zu; check for a missing or extra comma (a comma inside a cell must be quoted)",
				   r->nfields, nheader);
			continue;
		}
		k->row(c);
	}
}

int form_load(sqlite3 *db, const struct form_kind *k, const struct form_source *src,
	      struct form_log *log, struct form_ctx *out)
{
	const char *path = src->path;
	int year = src->year;
	struct csv_reader r;
	struct csv_preamble pre = { NULL, NULL, 0 };
	struct form_ctx c;
	int *map = xcalloc(k->ncols, sizeof(*map));
	size_t nheader = 0;
	int ret = JAUDIT_EDATA, began = 0;

	memset(&c, 0, sizeof(c));
	c.db = db;
	c.log = log;
	c.file = path;
	c.year = year;
	c.map = map;
	c.new_years_ok = src->new_years_ok;
	c.arg = src->arg;
	if ((src->fp ? csv_reader_open_fp(&r, src->fp, path, src->enc)
		     : form_source_open(&r, path, src->enc, src->sheet, fits_kind, (void *)k)) < 0) {
		form_error_text(log, r.errmsg.buf);
		goto out;
	}
	log->sheet = r.sheet;
	if (r.detected_big5)
		strbuf_addf(&log->text, "jaudit: %s: %s\n", log->file, CSV_BIG5_NOTICE);
	if (csv_find_header(&r, k->cols, k->ncols, map, &nheader, &pre) < 0) {
		form_error_text(log, r.errmsg.buf);
		goto out;
	}
	c.title_year = title_year(&pre);
	c.title_parent = title_parent(&pre);
	if (year && c.title_year && year != c.title_year) {
		form_error(log, 0, "the form's title says %d年度 but --year is %d; give --year %d, or load the form of year %d",
			   c.title_year, year, c.title_year, year);
		goto out;
	}
	if (k->submission_kind &&
	    keep_submission(&c, k, &pre, path, year ? year : c.title_year) < 0)
		goto out;
	if (k->begin(&c) < 0)
		goto out;
	began = 1;
	load_rows(&c, &r, k, nheader);
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
	free(c.title_parent);
	csv_preamble_release(&pre);
	log->sheet = NULL;
	csv_reader_release(&r);
	free(map);
	return ret;
}
