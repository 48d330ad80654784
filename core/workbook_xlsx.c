/*
 * The XML of an .xlsx (Office Open XML) workbook: xl/workbook.xml and its
 * relations name the sheets and their parts; xl/sharedStrings.xml holds
 * the strings cells point at; xl/styles.xml tells which cells are dates;
 * each xl/worksheets/sheetN.xml holds the rows.
 */
#include "workbook.h"
#include "workbook_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- workbook.xml and its relations ---------------------------------------- */

struct xlsx_rels {
	char **id, **target;
	size_t n;
};

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct wb_parse *p = ud;
	struct xlsx_rels *rels = p->user;
	const char *id = wb_attr(atts, "Id"), *target = wb_attr(atts, "Target");

	if (strcmp(wb_local(name), "Relationship") || !id || !target)
		return;
	rels->id = xrealloc(rels->id, (rels->n + 1) * sizeof(char *));
	rels->target = xrealloc(rels->target, (rels->n + 1) * sizeof(char *));
	rels->id[rels->n] = xstrdup(id);
	rels->target[rels->n] = xstrdup(target);
	rels->n++;
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
}

/* The zip part a relation's target names: "worksheets/sheet1.xml" is in xl/. */
static char *part_of(const struct xlsx_rels *rels, const char *id)
{
	size_t i;
	struct strbuf sb = STRBUF_INIT;

	for (i = 0; i < rels->n; i++) {
		if (strcmp(rels->id[i], id))
			continue;
		if (rels->target[i][0] == '/')
			strbuf_adds(&sb, rels->target[i] + 1);
		else
			strbuf_addf(&sb, "xl/%s", rels->target[i]);
		return strbuf_detach(&sb);
	}
	return NULL;
}

static void XMLCALL book_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct wb_parse *p = ud;
	const struct xlsx_rels *rels = p->user;
	const char *sname = wb_attr(atts, "name"), *id = wb_attr(atts, "id");
	char *part;

	if (strcmp(wb_local(name), "sheet") || !sname || !id)
		return;
	part = part_of(rels, id);
	if (!part) {
		wb_fail(p, "xl/workbook.xml: the sheet %s has no part; save the workbook again", sname);
		return;
	}
	wb_add_sheet(p->wb, sname, part);
	free(part);
}

static void rels_release(struct xlsx_rels *rels)
{
	size_t i;

	for (i = 0; i < rels->n; i++) {
		free(rels->id[i]);
		free(rels->target[i]);
	}
	free(rels->id);
	free(rels->target);
}

/* --- sharedStrings.xml ------------------------------------------------------ */

struct xlsx_sst {
	int in_si, in_rph;
	size_t cap;
};

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct wb_parse *p = ud;
	struct xlsx_sst *s = p->user;
	const char *l = wb_local(name);

	if (strcmp(l, "si") == 0) {
		s->in_si = 1;
		strbuf_reset(&p->cell);
		p->too_long = 0;
	} else if (strcmp(l, "rPh") == 0) {
		s->in_rph = 1;	/* phonetic guide: not the cell's text */
	} else if (strcmp(l, "t") == 0 && s->in_si && !s->in_rph) {
		p->gather = 1;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct wb_parse *p = ud;
	struct xlsx_sst *s = p->user;
	struct workbook *wb = p->wb;
	const char *l = wb_local(name);

	if (strcmp(l, "t") == 0) {
		p->gather = 0;
	} else if (strcmp(l, "rPh") == 0) {
		s->in_rph = 0;
	} else if (strcmp(l, "si") == 0) {
		s->in_si = 0;
		if (wb->nshared == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 256;
			wb->shared = xrealloc(wb->shared, s->cap * sizeof(char *));
		}
		/* a string past 1 MB is kept empty and refused where a cell uses it */
		wb->shared[wb->nshared++] = p->too_long ? NULL : xstrdup(p->cell.buf);
	}
}

/* --- styles.xml: which cell formats are dates ------------------------------- */

struct xlsx_styles {
	int *fmt_id;		/* custom number formats: id and 1 if a date */
	unsigned char *fmt_date;
	size_t nfmt;
	int in_xfs;
	size_t cap;
};

static int builtin_date(int id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

/*
 * A format code shows a date when it has y, d or e (the ROC year) outside
 * quotes and brackets; "General" (LibreOffice writes it as a custom code),
 * a _x padding and a *x fill are not date letters.
 */
static int code_is_date(const char *code)
{
	int quoted = 0, bracket = 0, date = 0;

	for (; *code; code++) {
		if (!quoted && !bracket && strncasecmp(code, "General", 7) == 0) {
			code += 6;
			continue;
		}
		if ((*code == '\\' || (!quoted && (*code == '_' || *code == '*'))) && code[1]) {
			code++;
			continue;
		}
		if (*code == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*code == '[')
			bracket = 1;
		else if (*code == ']')
			bracket = 0;
		else if (!bracket && strchr("yYdDeE", *code))
			date = 1;
		else if (!bracket && (*code == '0' || *code == '#'))
			return 0;
	}
	return date;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct wb_parse *p = ud;
	struct xlsx_styles *s = p->user;
	struct workbook *wb = p->wb;
	const char *l = wb_local(name), *id = wb_attr(atts, "numFmtId");
	size_t i;

	if (strcmp(l, "numFmt") == 0 && id && wb_attr(atts, "formatCode")) {
		s->fmt_id = xrealloc(s->fmt_id, (s->nfmt + 1) * sizeof(int));
		s->fmt_date = xrealloc(s->fmt_date, s->nfmt + 1);
		s->fmt_id[s->nfmt] = atoi(id);
		s->fmt_date[s->nfmt++] = (unsigned char)code_is_date(wb_attr(atts, "formatCode"));
	} else if (strcmp(l, "cellXfs") == 0) {
		s->in_xfs = 1;
	} else if (strcmp(l, "xf") == 0 && s->in_xfs) {
		int n = id ? atoi(id) : 0, date = builtin_date(n);

		for (i = 0; i < s->nfmt; i++)
			if (s->fmt_id[i] == n)
				date = s->fmt_date[i];
		if (wb->nxf == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			wb->xf_date = xrealloc(wb->xf_date, s->cap);
		}
		wb->xf_date[wb->nxf++] = (unsigned char)date;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct wb_parse *p = ud;
	struct xlsx_styles *s = p->user;

	if (strcmp(wb_local(name), "cellXfs") == 0)
		s->in_xfs = 0;
}

/* --- a worksheet ------------------------------------------------------------ */

struct xlsx_sheet {
	size_t row;		/* the current row's number, 0 outside a row */
	long col;		/* the current cell's column */
	char type[16];
	int style, has_f, has_v, in_is, in_row;
};

/* "AB12" -> column 27 (0-based); -1 when it does not start with letters. */
static long ref_col(const char *ref)
{
	long col = 0;
	int n = 0;

	while (*ref >= 'A' && *ref <= 'Z' && n < 4) {
		col = col * 26 + (*ref++ - 'A' + 1);
		n++;
	}
	return n ? col - 1 : -1;
}

static void sheet_row_start(struct wb_parse *p, struct xlsx_sheet *s, const char **atts)
{
	const char *r = wb_attr(atts, "r");
	size_t n = r ? strtoul(r, NULL, 10) : 0;

	s->row = n > s->row ? n : s->row + 1;
	s->col = -1;
	if (wb_begin_row(p, s->row) == 0)
		s->in_row = 1;
}

static void sheet_cell_start(struct wb_parse *p, struct xlsx_sheet *s, const char **atts)
{
	const char *r = wb_attr(atts, "r"), *t = wb_attr(atts, "t"), *st = wb_attr(atts, "s");
	long col = r ? ref_col(r) : -1;

	s->col = col >= 0 ? col : s->col + 1;
	snprintf(s->type, sizeof(s->type), "%s", t ? t : "n");
	s->style = st ? atoi(st) : 0;
	s->has_f = s->has_v = 0;
	strbuf_reset(&p->cell);
	p->too_long = 0;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct wb_parse *p = ud;
	struct xlsx_sheet *s = p->user;
	const char *l = wb_local(name);

	if (strcmp(l, "row") == 0) {
		sheet_row_start(p, s, atts);
	} else if (!s->in_row) {
		return;
	} else if (strcmp(l, "c") == 0) {
		sheet_cell_start(p, s, atts);
	} else if (strcmp(l, "v") == 0) {
		s->has_v = 1;
		strbuf_reset(&p->cell);
		p->gather = 1;
	} else if (strcmp(l, "f") == 0) {
		s->has_f = 1;
	} else if (strcmp(l, "is") == 0) {
		s->in_is = 1;
		s->has_v = 1;
	} else if (strcmp(l, "t") == 0 && s->in_is) {
		p->gather = 1;
	}
}

/* The cell ends: its text, or an error of its row. */
static void sheet_cell_end(struct wb_parse *p, struct xlsx_sheet *s)
{
	struct workbook *wb = p->wb;
	const char *v = p->cell.buf;
	char num[64];
	int numeric = 0;

	if (p->too_long) {
		wb_row_error(p, (uint32_t)s->col, "a cell of more than 1 MB; a form's cell is much shorter");
		return;
	}
	if (s->has_f && !s->has_v) {
		wb_row_error(p, (uint32_t)s->col, "a formula without a saved result; open the workbook in Excel or LibreOffice, let it calculate and save it again, or type the value");
		return;
	}
	if (!s->has_v || !*v)
		return;
	if (strcmp(s->type, "s") == 0) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);

		if (*end || i >= wb->nshared) {
			wb_row_error(p, (uint32_t)s->col, "the cell points at shared string %s, which the workbook lacks; save the workbook again", v);
			return;
		}
		if (!wb->shared[i]) {
			wb_row_error(p, (uint32_t)s->col, "a cell of more than 1 MB; a form's cell is much shorter");
			return;
		}
		v = wb->shared[i];
	} else if (strcmp(s->type, "b") == 0) {
		v = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
	} else if (strcmp(s->type, "e") == 0) {
		wb_row_error(p, (uint32_t)s->col, "the cell shows the error %s; correct the formula or type the value", v);
		return;
	} else if (strcmp(s->type, "n") == 0) {
		int date = s->style >= 0 && (size_t)s->style < wb->nxf && wb->xf_date[s->style];

		wb_number_text(v, date, num, sizeof(num));
		v = num;
		numeric = !date;
	}
	/* "str", "inlineStr", "d" (an ISO date): the text as it is */
	if (*v)
		wb_add_cell(p, (uint32_t)s->col, v, numeric);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct wb_parse *p = ud;
	struct xlsx_sheet *s = p->user;
	const char *l = wb_local(name);

	if (!s->in_row)
		return;
	if (strcmp(l, "v") == 0 || strcmp(l, "t") == 0) {
		p->gather = 0;
	} else if (strcmp(l, "is") == 0) {
		s->in_is = 0;
	} else if (strcmp(l, "c") == 0) {
		sheet_cell_end(p, s);
	} else if (strcmp(l, "row") == 0) {
		wb_end_row(p);
		s->in_row = 0;
	}
}

static int read_sheets(struct workbook *wb, struct strbuf *err)
{
	size_t i;

	for (i = 0; i < wb->nsheets; i++) {
		struct xlsx_sheet s;
		struct wb_sheet *sh = &wb->sheets[i];

		memset(&s, 0, sizeof(s));
		sh->first = wb->nrows;
		sh->n = 0;
		wb->cur = i;
		if (wb_parse_part(wb, sh->part, sheet_start, sheet_end, &s, err) < 0)
			return JAUDIT_EDATA;
	}
	return 0;
}

int wb_read_xlsx(struct workbook *wb, struct strbuf *err)
{
	struct xlsx_rels rels = { NULL, NULL, 0 };
	struct xlsx_sst sst = { 0, 0, 0 };
	struct xlsx_styles styles;
	int rc;

	memset(&styles, 0, sizeof(styles));
	rc = wb_parse_part(wb, "xl/_rels/workbook.xml.rels", rels_start, no_end, &rels, err);
	if (rc == 0)
		rc = wb_parse_part(wb, "xl/workbook.xml", book_start, no_end, &rels, err);
	if (rc == 0 && wb_has_part(wb, "xl/sharedStrings.xml"))
		rc = wb_parse_part(wb, "xl/sharedStrings.xml", sst_start, sst_end, &sst, err);
	if (rc == 0 && wb_has_part(wb, "xl/styles.xml"))
		rc = wb_parse_part(wb, "xl/styles.xml", styles_start, styles_end, &styles, err);
	if (rc == 0)
		rc = read_sheets(wb, err);
	rels_release(&rels);
	free(styles.fmt_id);
	free(styles.fmt_date);
	return rc;
}
