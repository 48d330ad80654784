/*
 * The workbook reader (workbook.h): the zip (libzip), the XML driver
 * (Expat, with entities refused), the sheets kept in memory, and the
 * csv_reader that hands out their rows.  The XML of each format is in
 * workbook_xlsx.c and workbook_ods.c.
 */
#include "workbook.h"
#include "workbook_int.h"
#include "date.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum file_sniff file_sniff(const char *path)
{
	unsigned char b[4];
	struct stat st;
	ssize_t n;
	int fd;

	if (stat(path, &st) < 0)
		return FILE_UNREADABLE;
	if (S_ISDIR(st.st_mode))
		return FILE_FOLDER;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return FILE_UNREADABLE;
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n < 0)
		return FILE_UNREADABLE;
	if (n == 0)
		return FILE_EMPTY;
	if (n == 4 && memcmp(b, "PK\3\4", 4) == 0)
		return FILE_ZIP;
	if (n == 4 && memcmp(b, "\xD0\xCF\x11\xE0", 4) == 0)
		return FILE_OLE2;
	return FILE_TEXT;
}

void workbook_column_name(size_t col, char *buf)
{
	char tmp[8];
	size_t n = 0, i;

	col++;
	while (col > 0 && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

/* --- the XML driver ------------------------------------------------------- */

void wb_fail(struct wb_parse *p, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	if (p->err.len)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	strbuf_addf(&p->err, "%s: %s", p->wb->name, msg);
	XML_StopParser(p->xp, XML_FALSE);
}

const char *wb_local(const char *name)
{
	const char *bar = strrchr(name, '|');

	return bar ? bar + 1 : name;
}

const char *wb_attr(const char **atts, const char *local)
{
	size_t i;

	for (i = 0; atts[i]; i += 2)
		if (strcmp(wb_local(atts[i]), local) == 0)
			return atts[i + 1];
	return NULL;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct wb_parse *p = ud;

	if (p->gather <= 0 || p->too_long)
		return;
	if (p->cell.len + (size_t)len > WORKBOOK_MAX_CELL) {
		p->too_long = 1;
		return;
	}
	strbuf_add(&p->cell, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int internal)
{
	struct wb_parse *p = ud;

	wb_fail(p, "%s: the XML declares a DOCTYPE (entities), which a workbook never does; the file was not made by a spreadsheet program",
		p->part);
}

static XML_Parser new_parser(struct wb_parse *p, XML_StartElementHandler start,
			     XML_EndElementHandler end)
{
	XML_Parser xp = XML_ParserCreateNS(NULL, '|');

	if (!xp)
		return NULL;
	XML_SetUserData(xp, p);
	XML_SetElementHandler(xp, start, end);
	XML_SetCharacterDataHandler(xp, on_text);
	XML_SetStartDoctypeDeclHandler(xp, on_doctype);
	XML_SetParamEntityParsing(xp, XML_PARAM_ENTITY_PARSING_NEVER);
	/*
	 * A DOCTYPE stops the parse (on_doctype), so no entity is ever
	 * declared; Expat 2.4 and later (Debian 12: 2.5) also limit entity
	 * amplification by default.  The limits are tightened where the
	 * header offers them.
	 */
#ifdef XML_DTD
	XML_SetBillionLaughsAttackProtectionMaximumAmplification(xp, 10.0f);
	XML_SetBillionLaughsAttackProtectionActivationThreshold(xp, 1u << 20);
#endif
	return xp;
}

int wb_has_part(struct workbook *wb, const char *name)
{
	return zip_name_locate(wb->zip, name, 0) >= 0;
}

/* Feed the part to the parser in pieces, at most WORKBOOK_MAX_PART bytes. */
static int feed(struct wb_parse *p, zip_file_t *zf)
{
	char buf[65536];
	size_t total = 0;
	zip_int64_t n;

	do {
		n = zip_fread(zf, buf, sizeof(buf));
		if (n < 0) {
			wb_fail(p, "%s: the zip is damaged (%s); save the workbook again", p->part,
				zip_file_strerror(zf));
			return JAUDIT_EDATA;
		}
		total += (size_t)n;
		if (total > WORKBOOK_MAX_PART) {
			wb_fail(p, "%s: more than 64 MB of XML once unpacked; a form is much smaller (is this a zip bomb?)",
				p->part);
			return JAUDIT_EDATA;
		}
		if (XML_Parse(p->xp, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
			if (!p->err.len)
				strbuf_addf(&p->err, "%s: %s: bad XML at line %lu: %s; save the workbook again",
					    p->wb->name, p->part, (unsigned long)XML_GetCurrentLineNumber(p->xp),
					    XML_ErrorString(XML_GetErrorCode(p->xp)));
			return JAUDIT_EDATA;
		}
	} while (n > 0);
	return 0;
}

int wb_parse_part(struct workbook *wb, const char *part, XML_StartElementHandler start,
		  XML_EndElementHandler end, void *user, struct strbuf *err)
{
	struct wb_parse p;
	zip_file_t *zf = zip_fopen(wb->zip, part, 0);
	int rc = JAUDIT_EDATA;

	memset(&p, 0, sizeof(p));
	p.wb = wb;
	p.part = part;
	p.user = user;
	strbuf_init(&p.err);
	strbuf_init(&p.cell);
	if (!zf) {
		strbuf_addf(err, "%s: %s cannot be read from the zip (%s); save the workbook again",
			    wb->name, part, zip_strerror(wb->zip));
		goto out;
	}
	p.xp = new_parser(&p, start, end);
	if (!p.xp) {
		strbuf_addf(err, "%s: out of memory for the XML parser", wb->name);
		goto out;
	}
	rc = feed(&p, zf);
	if (rc == 0 && p.err.len)
		rc = JAUDIT_EDATA;
	if (rc < 0)
		strbuf_add(err, p.err.buf, p.err.len);
out:
	if (p.xp)
		XML_ParserFree(p.xp);
	if (zf)
		zip_fclose(zf);
	strbuf_release(&p.err);
	strbuf_release(&p.cell);
	return rc;
}

/* --- the sheets in memory ------------------------------------------------- */

struct wb_sheet *wb_add_sheet(struct workbook *wb, const char *name, const char *part)
{
	struct wb_sheet *s;

	wb->sheets = xrealloc(wb->sheets, (wb->nsheets + 1) * sizeof(*wb->sheets));
	s = &wb->sheets[wb->nsheets++];
	s->name = xstrdup(name);
	s->part = part ? xstrdup(part) : NULL;
	s->first = wb->nrows;
	s->n = 0;
	wb->cur = wb->nsheets - 1;
	return s;
}

int wb_begin_row(struct wb_parse *p, size_t rownum)
{
	struct workbook *wb = p->wb;
	struct wb_row *r;

	if (rownum > WORKBOOK_MAX_ROWS) {
		wb_fail(p, "%s: more than %u rows; a form is much shorter", wb->sheets[wb->cur].name,
			WORKBOOK_MAX_ROWS);
		return JAUDIT_EDATA;
	}
	if (wb->nrows == wb->rowcap) {
		wb->rowcap = wb->rowcap ? wb->rowcap * 2 : 256;
		wb->rows = xrealloc(wb->rows, wb->rowcap * sizeof(*wb->rows));
	}
	r = &wb->rows[wb->nrows];
	r->rownum = rownum;
	r->first = wb->ncells;
	r->n = 0;
	r->err = -1;
	return 0;
}

int wb_add_cell(struct wb_parse *p, uint32_t col, const char *text, int numeric)
{
	struct workbook *wb = p->wb;
	struct wb_cell *c;

	if (col >= WORKBOOK_MAX_COLS) {
		wb_fail(p, "%s: a value beyond column %u; a form is much narrower",
			wb->sheets[wb->cur].name, WORKBOOK_MAX_COLS);
		return JAUDIT_EDATA;
	}
	if (wb->ncells >= WORKBOOK_MAX_CELLS) {
		wb_fail(p, "%s: more than %u filled cells; a form is much smaller",
			wb->sheets[wb->cur].name, WORKBOOK_MAX_CELLS);
		return JAUDIT_EDATA;
	}
	if (wb->ncells == wb->cellcap) {
		wb->cellcap = wb->cellcap ? wb->cellcap * 2 : 1024;
		wb->cells = xrealloc(wb->cells, wb->cellcap * sizeof(*wb->cells));
	}
	c = &wb->cells[wb->ncells++];
	c->off = wb->text.len;
	c->col = col;
	c->numeric = (unsigned char)numeric;
	strbuf_adds(&wb->text, text);
	strbuf_addch(&wb->text, '\0');
	wb->rows[wb->nrows].n++;
	return 0;
}

void wb_row_error(struct wb_parse *p, uint32_t col, const char *fmt, ...)
{
	struct workbook *wb = p->wb;
	struct wb_row *r = &wb->rows[wb->nrows];
	char ref[8], msg[512];
	va_list ap;

	if (r->err >= 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	workbook_column_name(col, ref);
	r->err = (long)wb->text.len;
	strbuf_addf(&wb->text, "%s:%s!%s%zu: %s", wb->name, wb->sheets[wb->cur].name, ref,
		    r->rownum, msg);
	strbuf_addch(&wb->text, '\0');
}

void wb_end_row(struct wb_parse *p)
{
	struct workbook *wb = p->wb;
	struct wb_row *r = &wb->rows[wb->nrows];

	if (r->n == 0 && r->err < 0)
		return;
	wb->nrows++;
	wb->sheets[wb->cur].n++;
}

void wb_number_text(const char *v, int date, char *buf, size_t size)
{
	char *end;
	double x = strtod(v, &end);

	while (*end == ' ')
		end++;
	if (end == v || *end || !isfinite(x)) {
		snprintf(buf, size, "%s", v);
		return;
	}
	if (date && x >= 1 && x < 2958466) {
		/* day 25569 of the 1900 date system is 1970-01-01 */
		struct jdate d = date_from_days((long)floor(x) - 25569);

		date_iso(d, buf);
		return;
	}
	if (fabs(x) < 1e15 && x == floor(x))
		snprintf(buf, size, "%.0f", x);
	else
		snprintf(buf, size, "%.15g", x);
}

/* --- opening -------------------------------------------------------------- */

static int zip_refused(struct strbuf *err, const char *name, zip_error_t *ze)
{
	strbuf_addf(err, "%s: the file starts like a zip but cannot be read as one (%s); save the workbook again as .xlsx or .ods",
		    name, zip_error_strerror(ze));
	zip_error_fini(ze);
	return JAUDIT_EDATA;
}

/* Tell a workbook from a document; read it. */
static int read_any(struct workbook *wb, struct strbuf *err)
{
	if (wb_has_part(wb, "xl/workbook.xml"))
		return wb_read_xlsx(wb, err);
	if (wb_has_part(wb, "content.xml") && wb_has_part(wb, "mimetype")) {
		char mt[64] = "";
		zip_file_t *zf = zip_fopen(wb->zip, "mimetype", 0);
		zip_int64_t n = zf ? zip_fread(zf, mt, sizeof(mt) - 1) : -1;

		if (zf)
			zip_fclose(zf);
		mt[n > 0 ? n : 0] = '\0';
		if (strstr(mt, "opendocument.spreadsheet")) {
			wb->ods = 1;
			return wb_read_ods(wb, err);
		}
		if (strstr(mt, "opendocument.text")) {
			strbuf_addf(err, "%s: this is a text document (.odt), not a sheet; paste the form's table into a sheet and save it as .ods or .xlsx",
				    wb->name);
			return JAUDIT_EDATA;
		}
	}
	if (wb_has_part(wb, "word/document.xml")) {
		strbuf_addf(err, "%s: this is a Word document (.docx), not a sheet; paste the form's table into a sheet and save it as .xlsx or .ods",
			    wb->name);
		return JAUDIT_EDATA;
	}
	strbuf_addf(err, "%s: a zip file that is neither an .xlsx nor an .ods workbook", wb->name);
	return JAUDIT_EDATA;
}

static int finish_open(struct workbook **out, struct workbook *wb, struct strbuf *err)
{
	int rc = read_any(wb, err);

	if (rc == 0 && wb->nsheets == 0) {
		strbuf_addf(err, "%s: the workbook has no sheet", wb->name);
		rc = JAUDIT_EDATA;
	}
	if (rc < 0) {
		workbook_close(wb);
		*out = NULL;
		return rc;
	}
	*out = wb;
	return 0;
}

static struct workbook *new_workbook(const char *name)
{
	struct workbook *wb = xcalloc(1, sizeof(*wb));

	wb->name = name;
	strbuf_init(&wb->text);
	return wb;
}

int workbook_open(struct workbook **out, const char *path, struct strbuf *err)
{
	struct workbook *wb = new_workbook(path);
	int zerr = 0;
	zip_error_t ze;

	wb->zip = zip_open(path, ZIP_RDONLY, &zerr);
	if (!wb->zip) {
		free(wb->text.alloc ? wb->text.buf : NULL);
		free(wb);
		*out = NULL;
		zip_error_init_with_code(&ze, zerr);
		return zip_refused(err, path, &ze);
	}
	return finish_open(out, wb, err);
}

int workbook_open_buffer(struct workbook **out, const void *data, size_t size,
			 const char *name, struct strbuf *err)
{
	struct workbook *wb;
	zip_error_t ze;
	zip_source_t *src;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, size, 0, &ze);
	*out = NULL;
	if (!src)
		return zip_refused(err, name, &ze);
	wb = new_workbook(name);
	wb->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!wb->zip) {
		zip_source_free(src);
		workbook_close(wb);
		return zip_refused(err, name, &ze);
	}
	zip_error_fini(&ze);
	return finish_open(out, wb, err);
}

void workbook_close(struct workbook *wb)
{
	size_t i;

	if (!wb)
		return;
	if (wb->zip)
		zip_discard(wb->zip);
	for (i = 0; i < wb->nsheets; i++) {
		free(wb->sheets[i].name);
		free(wb->sheets[i].part);
	}
	for (i = 0; i < wb->nshared; i++)
		free(wb->shared[i]);
	free(wb->shared);
	free(wb->xf_date);
	free(wb->sheets);
	free(wb->rows);
	free(wb->cells);
	strbuf_release(&wb->text);
	free(wb);
}

size_t workbook_nsheets(const struct workbook *wb)
{
	return wb->nsheets;
}

const char *workbook_sheet_name(const struct workbook *wb, size_t i)
{
	return wb->sheets[i].name;
}

/* --- the rows as csv_reader records ---------------------------------------- */

struct wb_cursor {
	struct workbook *wb;
	size_t sheet, next;
	size_t width;		/* the sheet's widest row: every row has as many fields */
	int own;		/* close the workbook with the reader */
};

static int cursor_next(struct csv_reader *r)
{
	struct wb_cursor *cur = r->src;
	struct workbook *wb = cur->wb;
	const struct wb_sheet *s = &wb->sheets[cur->sheet];
	const struct wb_row *row;
	size_t i;

	if (cur->next >= s->n)
		return 0;
	row = &wb->rows[s->first + cur->next++];
	r->record_line = row->rownum;
	if (row->err >= 0) {
		strbuf_reset(&r->errmsg);
		strbuf_adds(&r->errmsg, wb->text.buf + row->err);
		r->fatal = 0;
		r->nfields = 0;
		return JAUDIT_EDATA;
	}
	for (i = 0; i < cur->width; i++) {
		r->fields[i] = strbuf_empty;
		r->numeric[i] = 0;
	}
	for (i = 0; i < row->n; i++) {
		const struct wb_cell *c = &wb->cells[row->first + i];

		r->fields[c->col] = wb->text.buf + c->off;
		r->numeric[c->col] = c->numeric;
	}
	r->fields[cur->width] = NULL;
	r->nfields = cur->width;
	return 1;
}

static void cursor_release(struct csv_reader *r)
{
	struct wb_cursor *cur = r->src;

	if (cur->own)
		workbook_close(cur->wb);
	free(cur);
	free(r->numeric);
	r->numeric = NULL;
}

void workbook_reader_open(struct csv_reader *r, struct workbook *wb, size_t i)
{
	struct wb_cursor *cur = xcalloc(1, sizeof(*cur));
	const struct wb_sheet *s = &wb->sheets[i];
	size_t j;

	memset(r, 0, sizeof(*r));
	strbuf_init(&r->errmsg);
	strbuf_init(&r->conv);
	strbuf_init(&r->data);
	r->name = wb->name;
	r->sheet = s->name;
	cur->wb = wb;
	cur->sheet = i;
	for (j = 0; j < s->n; j++) {
		const struct wb_row *row = &wb->rows[s->first + j];

		if (row->n && wb->cells[row->first + row->n - 1].col + 1 > cur->width)
			cur->width = wb->cells[row->first + row->n - 1].col + 1;
	}
	r->fields = xcalloc(cur->width + 1, sizeof(*r->fields));
	r->numeric = xcalloc(cur->width + 1, 1);
	r->src = cur;
	r->src_next = cursor_next;
	r->src_release = cursor_release;
}

/* 1 if one of the first CSV_HEADER_SCAN rows of sheet i is a header that fits. */
static int sheet_fits(struct workbook *wb, size_t i, workbook_fits_fn fits, void *arg)
{
	struct csv_reader r;
	int rc, found = 0, n = 0;

	workbook_reader_open(&r, wb, i);
	while (!found && n++ < CSV_HEADER_SCAN && (rc = csv_reader_next(&r)) != 0)
		if (rc > 0 && fits(&r, arg))
			found = 1;
	csv_reader_release(&r);
	return found;
}

/* The sheet called name, or -1 with an error naming the sheets there are. */
static long sheet_named(struct workbook *wb, const char *name, struct strbuf *err)
{
	size_t i;

	for (i = 0; i < wb->nsheets; i++)
		if (strcmp(wb->sheets[i].name, name) == 0)
			return (long)i;
	strbuf_addf(err, "%s: no sheet called %s; the sheets are ", wb->name, name);
	for (i = 0; i < wb->nsheets; i++)
		strbuf_addf(err, "%s%s", i ? ", " : "", wb->sheets[i].name);
	return -1;
}

int workbook_reader_open_path(struct csv_reader *r, const char *path, const char *sheet,
			      workbook_fits_fn fits, void *arg)
{
	struct workbook *wb;
	long i = 0;
	size_t j;

	memset(r, 0, sizeof(*r));
	strbuf_init(&r->errmsg);
	r->name = path;
	if (workbook_open(&wb, path, &r->errmsg) < 0)
		return JAUDIT_EDATA;
	if (sheet) {
		i = sheet_named(wb, sheet, &r->errmsg);
	} else if (fits) {
		for (j = 0; j < wb->nsheets; j++)
			if (sheet_fits(wb, j, fits, arg)) {
				i = (long)j;
				break;
			}
	}
	if (i < 0) {
		workbook_close(wb);
		return JAUDIT_EDATA;
	}
	strbuf_release(&r->errmsg);
	workbook_reader_open(r, wb, (size_t)i);
	((struct wb_cursor *)r->src)->own = 1;
	return 0;
}
