/*
 * The XML of an .ods (OpenDocument spreadsheet): content.xml holds every
 * sheet (table:table) with its rows and cells; a row or a cell may stand
 * for several (table:number-rows-repeated, table:number-columns-repeated).
 * A cell's value is in office:value / office:date-value (numbers, dates)
 * or in its text:p paragraphs (strings, and what a cell shows).
 */
#include "workbook.h"
#include "workbook_int.h"

#include <stdlib.h>
#include <string.h>

struct ods_cell {
	uint32_t col;
	char *text;	/* NULL for a cell with no value */
	int numeric;
};

struct ods_state {
	int in_table, in_row, in_cell, depth_skip;
	size_t row;		/* the number of the last row handed out */
	size_t row_repeat;
	uint32_t col;		/* the next cell's column */
	size_t cell_repeat;
	int paragraphs;		/* text:p seen in the current cell */
	char value[64];		/* office:value of the cell, "" if none */
	char type[16];
	int formula;
	/* the current row's cells, repeated when the row is */
	struct ods_cell *cells;
	size_t ncells, cap;
	int row_error;
	char row_msg[320];
	uint32_t row_err_col;
};

static size_t repeat_of(const char **atts, const char *attr, size_t cap)
{
	const char *v = wb_attr(atts, attr);
	unsigned long n = v ? strtoul(v, NULL, 10) : 1;

	if (n < 1)
		n = 1;
	return n > cap ? cap : n;
}

static void cell_start(struct wb_parse *p, struct ods_state *s, const char **atts)
{
	const char *t = wb_attr(atts, "value-type");
	const char *v = wb_attr(atts, "date-value");

	if (!v)
		v = wb_attr(atts, "value");
	if (!v)
		v = wb_attr(atts, "boolean-value");
	if (!v)
		v = wb_attr(atts, "time-value");
	s->in_cell = 1;
	s->cell_repeat = repeat_of(atts, "number-columns-repeated", WORKBOOK_MAX_COLS + 1);
	snprintf(s->type, sizeof(s->type), "%s", t ? t : "");
	snprintf(s->value, sizeof(s->value), "%s", v ? v : "");
	s->formula = wb_attr(atts, "formula") != NULL;
	s->paragraphs = 0;
	strbuf_reset(&p->cell);
	p->too_long = 0;
}

static void XMLCALL ods_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct wb_parse *p = ud;
	struct ods_state *s = p->user;
	const char *l = wb_local(name);

	if (s->depth_skip) {
		s->depth_skip++;
		return;
	}
	if (strcmp(l, "table") == 0 && !s->in_table) {
		const char *n = wb_attr(atts, "name");

		wb_add_sheet(p->wb, n ? n : "", NULL);
		s->in_table = 1;
		s->row = 0;
	} else if (!s->in_table) {
		return;
	} else if (strcmp(l, "table-row") == 0) {
		size_t i;

		/* a row inside a row (not in a real file): drop the outer one's cells */
		for (i = 0; i < s->ncells; i++)
			free(s->cells[i].text);
		s->in_row = 1;
		s->row_repeat = repeat_of(atts, "number-rows-repeated", WORKBOOK_MAX_ROWS + 1);
		s->col = 0;
		s->ncells = 0;
		s->row_error = 0;
	} else if (s->in_row && (strcmp(l, "table-cell") == 0 || strcmp(l, "covered-table-cell") == 0)) {
		cell_start(p, s, atts);
	} else if (s->in_cell && strcmp(l, "annotation") == 0) {
		s->depth_skip = 1;	/* a comment on the cell: not its text */
	} else if (s->in_cell && strcmp(l, "p") == 0) {
		if (s->paragraphs++)
			strbuf_addch(&p->cell, '\n');
		p->gather = 1;
	} else if (s->in_cell && p->gather && strcmp(l, "s") == 0) {
		size_t n = repeat_of(atts, "c", 1000);

		while (n--)
			strbuf_addch(&p->cell, ' ');
	} else if (s->in_cell && p->gather && strcmp(l, "tab") == 0) {
		strbuf_addch(&p->cell, '\t');
	} else if (s->in_cell && p->gather && strcmp(l, "line-break") == 0) {
		strbuf_addch(&p->cell, '\n');
	}
}

static void row_fail(struct ods_state *s, uint32_t col, const char *msg)
{
	if (s->row_error)
		return;
	s->row_error = 1;
	s->row_err_col = col;
	snprintf(s->row_msg, sizeof(s->row_msg), "%s", msg);
}

/* The cell ends: keep its value (cell_repeat times) for the row. */
static void cell_end(struct wb_parse *p, struct ods_state *s)
{
	const char *text = p->cell.buf;
	char num[64];
	int numeric = 0;
	size_t i;

	s->in_cell = 0;
	p->gather = 0;
	if (p->too_long) {
		row_fail(s, s->col, "a cell of more than 1 MB; a form's cell is much shorter");
	} else if (s->formula && !*s->type && !*text) {
		row_fail(s, s->col, "a formula without a saved result; open the workbook in LibreOffice or Excel, let it calculate and save it again, or type the value");
	} else if (strcmp(s->type, "date") == 0 && strlen(s->value) >= 10) {
		snprintf(num, sizeof(num), "%.10s", s->value);
		text = num;
	} else if ((strcmp(s->type, "float") == 0 || strcmp(s->type, "percentage") == 0 ||
		    strcmp(s->type, "currency") == 0) && *s->value) {
		wb_number_text(s->value, 0, num, sizeof(num));
		text = num;
		numeric = 1;
	} else if (strcmp(s->type, "boolean") == 0) {
		text = strcmp(s->value, "true") == 0 ? "TRUE" : "FALSE";
	}
	if (*text && !s->row_error) {
		for (i = 0; i < s->cell_repeat && s->col + i < WORKBOOK_MAX_COLS + 1; i++) {
			if (s->ncells == s->cap) {
				s->cap = s->cap ? s->cap * 2 : 64;
				s->cells = xrealloc(s->cells, s->cap * sizeof(*s->cells));
			}
			s->cells[s->ncells].col = s->col + (uint32_t)i;
			s->cells[s->ncells].text = xstrdup(text);
			s->cells[s->ncells++].numeric = numeric;
		}
	}
	s->col += (uint32_t)s->cell_repeat;
	if (s->col > WORKBOOK_MAX_COLS + 1)
		s->col = WORKBOOK_MAX_COLS + 1;
}

/* The row ends: hand it out row_repeat times, unless it is empty. */
static void row_end(struct wb_parse *p, struct ods_state *s)
{
	size_t r, i;

	s->in_row = 0;
	if (!s->ncells && !s->row_error) {
		s->row += s->row_repeat;
		return;
	}
	for (r = 0; r < s->row_repeat && !p->err.len; r++) {
		if (wb_begin_row(p, ++s->row) < 0)
			break;
		if (s->row_error)
			wb_row_error(p, s->row_err_col, "%s", s->row_msg);
		for (i = 0; i < s->ncells && !s->row_error; i++)
			if (wb_add_cell(p, s->cells[i].col, s->cells[i].text, s->cells[i].numeric) < 0)
				break;
		if (p->err.len)
			break;
		wb_end_row(p);
	}
	for (i = 0; i < s->ncells; i++)
		free(s->cells[i].text);
	s->ncells = 0;
}

static void XMLCALL ods_end(void *ud, const XML_Char *name)
{
	struct wb_parse *p = ud;
	struct ods_state *s = p->user;
	const char *l = wb_local(name);

	if (s->depth_skip) {
		s->depth_skip--;
		return;
	}
	if (!s->in_table)
		return;
	if (strcmp(l, "table") == 0)
		s->in_table = 0;
	else if (s->in_cell && strcmp(l, "p") == 0)
		p->gather = 0;
	else if (s->in_cell && (strcmp(l, "table-cell") == 0 || strcmp(l, "covered-table-cell") == 0))
		cell_end(p, s);
	else if (s->in_row && strcmp(l, "table-row") == 0)
		row_end(p, s);
}

int wb_read_ods(struct workbook *wb, struct strbuf *err)
{
	struct ods_state s;
	size_t i;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = wb_parse_part(wb, "content.xml", ods_start, ods_end, &s, err);
	for (i = 0; i < s.ncells; i++)
		free(s.cells[i].text);
	free(s.cells);
	return rc;
}
