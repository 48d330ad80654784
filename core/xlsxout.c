/*
 * xlsxout.c - tables as CSV or as sheets of an .xlsx workbook (xlsxout.h).
 */
#include "xlsxout.h"
#include "date.h"
#include "odsout.h"
#include "csv.h"
#include "err.h"
#include "strbuf.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define WIDTH_MAX 60
#define WIDTH_MIN 8
#define ROC_DATE_WIDTH 9	/* 115/11/20 */

struct xlsxsheet {
	struct xlsxbook *book;
	lxw_worksheet *ws;
	size_t ncols;
	char *name;
	char *kinds;		/* ncols letters */
	size_t *width;		/* ncols: the widest cell, in display columns */
	lxw_row_t row;		/* the next row to write */
	/* .ods: the cells kept until the end (odsout.h) */
	char **cells;
	char *ckind;
	size_t ncells, alloc;
};

struct xlsxbook {
	const char *what;
	char *path, *tmp;
	lxw_workbook *wb;
	lxw_format *head_fmt, *date_fmt;
	struct xlsxsheet **sheets;
	size_t nsheets;
	lxw_error err;		/* the first error of a write */
	char *errmsg;		/* or one of ours */
	int ods, priv;		/* OpenDocument instead (odsout.c); readable by its owner only */
};

struct xlsxbook *xlsxbook_open(const char *what, const char *path, int priv)
{
	return xlsxbook_open_as(what, path, priv, 0);
}

struct xlsxbook *xlsxbook_open_as(const char *what, const char *path, int priv, int ods)
{
	struct xlsxbook *b;
	lxw_workbook_options opts;
	struct strbuf tmp = STRBUF_INIT;
	int fd;

	strbuf_addf(&tmp, "%s.tmp", path);
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC, priv ? 0600 : 0666);
	if (fd < 0) {
		jerror("%s: cannot write '%s': %s", what, path, strerror(errno));
		strbuf_release(&tmp);
		return NULL;
	}
	if (priv)
		fchmod(fd, 0600);
	close(fd);
	b = xcalloc(1, sizeof(*b));
	b->what = what;
	b->path = xstrdup(path);
	b->tmp = strbuf_detach(&tmp);
	b->ods = ods;
	b->priv = priv;
	if (ods)
		return b;
	memset(&opts, 0, sizeof(opts));
	opts.constant_memory = LXW_FALSE;	/* sheets are filled side by side */
	b->wb = workbook_new_opt(b->tmp, &opts);
	if (!b->wb) {
		jerror("%s: cannot start the workbook '%s'", what, path);
		unlink(b->tmp);
		free(b->path);
		free(b->tmp);
		free(b);
		return NULL;
	}
	b->head_fmt = workbook_add_format(b->wb);
	format_set_bold(b->head_fmt);
	format_set_bottom(b->head_fmt, LXW_BORDER_THIN);
	format_set_bg_color(b->head_fmt, 0xEEF3FA);
	b->date_fmt = workbook_add_format(b->wb);
	format_set_num_format(b->date_fmt, XLSX_ROC_DATE_FORMAT);
	format_set_align(b->date_fmt, LXW_ALIGN_RIGHT);
	return b;
}

static void note_err(struct xlsxbook *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
		b->err = e;
}

/* Excel's rule for sheet names: at most 31 characters, none of []:*?/\ */
static char *sheet_name(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0, len = strlen(name);
	uint32_t cp;
	int k;

	while (*name && n < 31) {
		k = utf8_decode(name, len, &cp);
		if (k <= 0)
			k = 1;
		if (k == 1 && strchr("[]:*?/\\", *name))
			strbuf_addch(&sb, '_');
		else
			strbuf_add(&sb, name, (size_t)k);
		name += k;
		len -= (size_t)k;
		n++;
	}
	if (sb.len == 0)
		strbuf_adds(&sb, "Sheet");
	return strbuf_detach(&sb);
}

/* the widest line of s, in display columns */
static size_t text_width(const char *s)
{
	size_t w = 0, best = 0;
	const char *p = s;

	while (*p) {
		const char *e = strchr(p, '\n');
		char *line = e ? xstrndup(p, (size_t)(e - p)) : NULL;

		w = utf8_width(line ? line : p);
		free(line);
		if (w > best)
			best = w;
		if (!e)
			break;
		p = e + 1;
	}
	return best;
}

/* .ods: the next cell, its kind 's', 'f' or 'd' */
static void keep(struct xlsxsheet *s, const char *v, char kind)
{
	if (s->ncells == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 64;
		s->cells = xrealloc(s->cells, s->alloc * sizeof(*s->cells));
		s->ckind = xrealloc(s->ckind, s->alloc);
	}
	s->cells[s->ncells] = xstrdup(v);
	s->ckind[s->ncells++] = kind;
}

struct xlsxsheet *xlsxbook_sheet(struct xlsxbook *b, const char *name,
				 const char *const *head, size_t ncols, const char *kinds)
{
	struct xlsxsheet *s = xcalloc(1, sizeof(*s));
	char *nm = sheet_name(name);
	size_t j;

	s->book = b;
	s->ncols = ncols;
	s->kinds = xmalloc(ncols + 1);
	for (j = 0; j < ncols; j++)
		s->kinds[j] = kinds && kinds[j] ? kinds[j] : 't';
	s->kinds[ncols] = '\0';
	s->width = xcalloc(ncols ? ncols : 1, sizeof(*s->width));
	s->name = xstrdup(nm);
	for (j = 0; b->ods && j < b->nsheets; j++)
		if (strcmp(b->sheets[j]->name, nm) == 0)
			break;
	if (b->ods && j == b->nsheets)
		s->ws = NULL;
	else if (!b->ods)
		s->ws = workbook_add_worksheet(b->wb, nm);
	if ((b->ods ? j < b->nsheets : !s->ws) && !b->errmsg) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "the sheet '%s' could not be added (a name used twice?)", nm);
		b->errmsg = strbuf_detach(&sb);
	}
	free(nm);
	b->sheets = xrealloc(b->sheets, (b->nsheets + 1) * sizeof(*b->sheets));
	b->sheets[b->nsheets++] = s;
	if (s->ws || b->ods) {
		for (j = 0; j < ncols; j++) {
			const char *h = head[j] ? head[j] : "";

			if (b->ods)
				keep(s, h, 's');
			else
				note_err(b, worksheet_write_string(s->ws, 0, (lxw_col_t)j, h, b->head_fmt));
			/* the autofilter's button takes about three columns */
			s->width[j] = text_width(h) + 3;
		}
	}
	s->row = 1;
	return s;
}

/* an ISO date 2026-11-20 (a real day: date_from_db), into dt */
static int iso_date(const char *s, lxw_datetime *dt)
{
	struct jdate d;

	if (date_from_db(s, &d) < 0)
		return 0;
	memset(dt, 0, sizeof(*dt));
	dt->year = d.y;
	dt->month = d.m;
	dt->day = d.d;
	return 1;
}

/* a number as strtod reads all of it, finite; guess: no leading zero as in 0123 */
static int number(const char *s, int guess, double *v)
{
	char *end;

	if (!*s || strchr(" \t\n+", *s))
		return 0;
	if (guess) {
		const char *p = s + (*s == '-');

		if (p[0] == '0' && p[1] >= '0' && p[1] <= '9')
			return 0;
		if (strspn(p, "0123456789.eE-") != strlen(p))
			return 0;	/* no inf, nan, hex */
	}
	errno = 0;
	*v = strtod(s, &end);
	return *end == '\0' && errno == 0 && isfinite(*v);
}

void xlsxsheet_row(struct xlsxsheet *s, const char *const *cells)
{
	struct xlsxbook *b = s->book;
	size_t j, w;

	if (!s->ws && !b->ods)
		return;
	for (j = 0; j < s->ncols; j++) {
		const char *c = cells[j] ? cells[j] : "";
		char kind = s->kinds[j], num[32];
		lxw_datetime dt;
		double v;

		if (!*c) {
			if (b->ods)
				keep(s, "", 's');
			continue;
		}
		if ((kind == 'd' || kind == 'a') && iso_date(c, &dt)) {
			if (b->ods)
				keep(s, c, 'd');
			else
				note_err(b, worksheet_write_datetime(s->ws, s->row, (lxw_col_t)j, &dt, b->date_fmt));
			w = ROC_DATE_WIDTH;
		} else if ((kind == 'n' || kind == 'a') && number(c, kind == 'a', &v)) {
			snprintf(num, sizeof(num), "%.17g", v);
			if (b->ods)
				keep(s, num, 'f');
			else
				note_err(b, worksheet_write_number(s->ws, s->row, (lxw_col_t)j, v, NULL));
			w = strlen(c);
		} else {
			if (b->ods)
				keep(s, c, 's');
			else
				note_err(b, worksheet_write_string(s->ws, s->row, (lxw_col_t)j, c, NULL));
			w = text_width(c);
		}
		if (w > s->width[j])
			s->width[j] = w;
	}
	s->row++;
}

static int sheet_from(struct xlsxbook *b, const char *name, struct csv_reader *rd);

int xlsxbook_sheet_csv(struct xlsxbook *b, const char *name, const char *csv_path)
{
	struct csv_reader r;
	int rc;

	if (csv_reader_open(&r, csv_path, CSV_UTF8) < 0) {
		rc = jerror("%s", r.errmsg.buf);
		csv_reader_release(&r);
		return rc;
	}
	return sheet_from(b, name, &r);
}

int xlsxbook_sheet_csv_fp(struct xlsxbook *b, const char *name, FILE *fp, const char *label)
{
	struct csv_reader r;
	int rc;

	if (csv_reader_open_fp(&r, fp, label, CSV_UTF8) < 0) {
		rc = jerror("%s", r.errmsg.buf);
		csv_reader_release(&r);
		return rc;
	}
	return sheet_from(b, name, &r);
}

/* every record of rd (released here): the first is the header */
static int sheet_from(struct xlsxbook *b, const char *name, struct csv_reader *rd)
{
	struct xlsxsheet *s = NULL;
	const char **cells = NULL;
	size_t j, ncols = 0;
	int rc;

	while ((rc = csv_reader_next(rd)) > 0) {
		if (!s) {
			ncols = rd->nfields;
			s = xlsxbook_sheet(b, name, (const char *const *)rd->fields, ncols, NULL);
			memset(s->kinds, 'a', ncols);
			cells = xcalloc(ncols ? ncols : 1, sizeof(*cells));
			continue;
		}
		for (j = 0; j < ncols; j++)
			cells[j] = j < rd->nfields ? rd->fields[j] : "";
		xlsxsheet_row(s, cells);
	}
	if (rc < 0)
		rc = jerror("%s", rd->errmsg.buf);
	free(cells);
	csv_reader_release(rd);
	return rc < 0 ? rc : 0;
}

static void sheets_release(struct xlsxbook *b)
{
	size_t i;

	for (i = 0; i < b->nsheets; i++) {
		size_t k;

		for (k = 0; k < b->sheets[i]->ncells; k++)
			free(b->sheets[i]->cells[k]);
		free(b->sheets[i]->cells);
		free(b->sheets[i]->ckind);
		free(b->sheets[i]->name);
		free(b->sheets[i]->kinds);
		free(b->sheets[i]->width);
		free(b->sheets[i]);
	}
	free(b->sheets);
	free(b->errmsg);
	free(b->path);
	free(b->tmp);
	free(b);
}

static int ods_close(struct xlsxbook *b)
{
	struct ods_sheet *sh = xcalloc(b->nsheets ? b->nsheets : 1, sizeof(*sh));
	char err[256];
	size_t i;
	int rc = 0;

	for (i = 0; i < b->nsheets; i++) {
		const struct xlsxsheet *s = b->sheets[i];

		sh[i].name = s->name;
		sh[i].ncols = s->ncols;
		sh[i].nrows = s->ncols ? s->ncells / s->ncols : 0;
		sh[i].cells = s->cells;
		sh[i].kinds = s->ckind;
		sh[i].width = s->width;
	}
	if (ods_write(b->tmp, sh, b->nsheets, err, sizeof(err)) < 0) {
		rc = jerror("%s: cannot write '%s': %s", b->what, b->path, err);
		unlink(b->tmp);
	} else if ((b->priv && chmod(b->tmp, 0600) < 0) || rename(b->tmp, b->path) < 0) {
		rc = jerror("%s: cannot write '%s': %s", b->what, b->path, strerror(errno));
		unlink(b->tmp);
	}
	free(sh);
	sheets_release(b);
	return rc;
}

int xlsxbook_close(struct xlsxbook *b)
{
	lxw_error e;
	size_t i, j;
	int rc = 0;

	for (i = 0; i < b->nsheets; i++) {
		struct xlsxsheet *s = b->sheets[i];

		for (j = 0; j < s->ncols; j++) {
			size_t w = s->width[j] + 2;

			if (w < WIDTH_MIN)
				w = WIDTH_MIN;
			if (w > WIDTH_MAX)
				w = WIDTH_MAX;
			s->width[j] = w;
			if (!s->ws)
				continue;
			note_err(b, worksheet_set_column(s->ws, (lxw_col_t)j, (lxw_col_t)j, (double)w, NULL));
		}
		if (!s->ws)
			continue;
		worksheet_freeze_panes(s->ws, 1, 0);
		/* printed: A4 landscape, as wide as one page, the header on every page */
		worksheet_set_paper(s->ws, 9);
		worksheet_set_landscape(s->ws);
		worksheet_fit_to_pages(s->ws, 1, 0);
		note_err(b, worksheet_repeat_rows(s->ws, 0, 0));
		if (s->ncols)
			note_err(b, worksheet_autofilter(s->ws, 0, 0, s->row - 1, (lxw_col_t)(s->ncols - 1)));
	}
	if (b->errmsg) {
		rc = jerror("%s: cannot write '%s': %s", b->what, b->path, b->errmsg);
	} else if (b->err != LXW_NO_ERROR) {
		rc = jerror("%s: cannot write '%s': %s", b->what, b->path, lxw_strerror(b->err));
	}
	if (rc < 0) {
		/* the workbook must be freed; what it writes is removed */
		if (b->wb)
			workbook_close(b->wb);
		unlink(b->tmp);
		sheets_release(b);
		return rc;
	}
	if (b->ods)
		return ods_close(b);
	e = workbook_close(b->wb);
	if (e != LXW_NO_ERROR) {
		rc = jerror("%s: cannot write '%s': %s", b->what, b->path, lxw_strerror(e));
		unlink(b->tmp);
	} else if (rename(b->tmp, b->path) < 0) {
		rc = jerror("%s: cannot write '%s': %s", b->what, b->path, strerror(errno));
		unlink(b->tmp);
	}
	sheets_release(b);
	return rc;
}

void xlsxbook_abort(struct xlsxbook *b)
{
	if (!b)
		return;
	if (b->wb)
		workbook_close(b->wb);
	unlink(b->tmp);
	sheets_release(b);
}

int xlsx_from_csv_files(const char *what, const char *dir, const char *files, const char *name)
{
	struct strbuf path = STRBUF_INIT, csv = STRBUF_INIT;
	struct xlsxbook *b;
	const char *p = files;
	int rc = 0;

	strbuf_addf(&path, "%s/%s", dir, name);
	b = xlsxbook_open(what, path.buf, 0);
	strbuf_release(&path);
	if (!b)
		return JAUDIT_EDATA;
	while (*p && rc == 0) {
		size_t n;
		char *file, *sheet;

		p += strspn(p, " ");
		n = strcspn(p, " ");
		if (n == 0)
			break;
		file = xstrndup(p, n);
		p += n;
		strbuf_reset(&csv);
		strbuf_addf(&csv, "%s/%s", dir, file);
		sheet = xstrndup(file, n > 4 && strcmp(file + n - 4, ".csv") == 0 ? n - 4 : n);
		if (access(csv.buf, F_OK) == 0)
			rc = xlsxbook_sheet_csv(b, sheet, csv.buf);
		free(sheet);
		free(file);
	}
	strbuf_release(&csv);
	if (rc < 0) {
		xlsxbook_abort(b);
		return rc;
	}
	return xlsxbook_close(b);
}

/* --- rows ------------------------------------------------------------------------- */

void rowout_csv(struct rowout *o, FILE *fp)
{
	memset(o, 0, sizeof(*o));
	o->fp = fp;
}

void rowout_xlsx(struct rowout *o, struct xlsxbook *b)
{
	memset(o, 0, sizeof(*o));
	o->book = b;
}

void rowout_begin(struct rowout *o, const char *sheet, const char *const *head,
		  size_t ncols, const char *kinds)
{
	o->ncols = ncols;
	if (o->fp) {
		fputs("\xEF\xBB\xBF", o->fp);
		csv_write_record(o->fp, head, ncols);
	} else {
		o->sheet = xlsxbook_sheet(o->book, sheet, head, ncols, kinds);
	}
}

void rowout_row(struct rowout *o, const char *const *cells)
{
	if (o->fp)
		csv_write_record(o->fp, cells, o->ncols);
	else if (o->sheet)
		xlsxsheet_row(o->sheet, cells);
}

int xlsx_out_check(const char *cmd, int xlsx, const char *out)
{
	if (xlsx && (!out || !*out))
		return jusage(cmd, "--format xlsx or ods writes a workbook, not to the terminal: name the file with --out FILE.xlsx (or .ods)");
	if (!xlsx && out)
		return jusage(cmd, "--out goes with --format xlsx or ods; the other formats are written to standard output");
	return 0;
}
