/*
 * workbook_int.h - what core/workbook.c (the zip, the XML driver, the
 * sheets in memory) shares with core/workbook_xlsx.c and core/workbook_ods.c
 * (the two formats' XML).  Not for other files.
 */
#ifndef JAUDIT_WORKBOOK_INT_H
#define JAUDIT_WORKBOOK_INT_H

#include <expat.h>
#include <stdint.h>
#include <zip.h>
#include "strbuf.h"

struct wb_cell {
	size_t off;		/* of its text in wb->text */
	uint32_t col;
	unsigned char numeric;
};

struct wb_row {
	size_t rownum;		/* 1-based, as on the sheet */
	size_t first, n;	/* its cells: wb->cells[first .. first+n-1] */
	long err;		/* offset of the row's first error in wb->text, or -1 */
};

struct wb_sheet {
	char *name;
	char *part;		/* xlsx: the sheet's part in the zip */
	size_t first, n;	/* its rows in wb->rows */
};

struct workbook {
	const char *name;	/* the file, for messages */
	zip_t *zip;
	int ods;
	struct wb_sheet *sheets;
	size_t nsheets;
	size_t cur;		/* the sheet being read */
	struct wb_row *rows;
	size_t nrows, rowcap;
	struct wb_cell *cells;
	size_t ncells, cellcap;
	struct strbuf text;	/* every cell's text and row errors, NUL-terminated */
	/* xlsx */
	char **shared;
	size_t nshared;
	unsigned char *xf_date;	/* per cellXfs index: 1 when its format is a date */
	size_t nxf;
};

/* The parse of one part: the handlers' common state. */
struct wb_parse {
	struct workbook *wb;
	XML_Parser xp;
	const char *part;
	struct strbuf err;	/* a fatal error (stops the parse) */
	struct strbuf cell;	/* the text being gathered */
	int gather;		/* > 0 while text is being gathered */
	int too_long;		/* the cell passed WORKBOOK_MAX_CELL */
	void *user;		/* the format's own state */
};

/* Parse the part named part with the handlers; 0, or JAUDIT_EDATA with err set. */
int wb_parse_part(struct workbook *wb, const char *part, XML_StartElementHandler start,
		  XML_EndElementHandler end, void *user, struct strbuf *err);
/* 1 if the zip holds an entry called name. */
int wb_has_part(struct workbook *wb, const char *name);
/* Stop the parse with a fatal error "FILE: message". */
void wb_fail(struct wb_parse *p, const char *fmt, ...) JAUDIT_PRINTF(2, 3);

/* The local part of an Expat name "uri|local". */
const char *wb_local(const char *name);
/* The value of the attribute whose local name is local (any namespace), or NULL. */
const char *wb_attr(const char **atts, const char *local);

/* Begin a row of the sheet (rownum 1-based); cells follow with wb_add_cell. */
int wb_begin_row(struct wb_parse *p, size_t rownum);
/* Add a cell (text not empty) at col of the row begun last. */
int wb_add_cell(struct wb_parse *p, uint32_t col, const char *text, int numeric);
/* Record an error of the row begun last (the first one counts). */
void wb_row_error(struct wb_parse *p, uint32_t col, const char *fmt, ...) JAUDIT_PRINTF(3, 4);
/* End the row: dropped when it has no cell and no error. */
void wb_end_row(struct wb_parse *p);
/* Start a new sheet called name (xlsx: read from part). */
struct wb_sheet *wb_add_sheet(struct workbook *wb, const char *name, const char *part);

/* A number's text: the shortest decimal, or YYYY-MM-DD for a date serial. */
void wb_number_text(const char *v, int date, char *buf, size_t size);

int wb_read_xlsx(struct workbook *wb, struct strbuf *err);
int wb_read_ods(struct workbook *wb, struct strbuf *err);

#endif
