/*
 * workbook.h - the forms agencies send as workbooks: .xlsx (Office Open
 * XML) and .ods (OpenDocument), both a zip of XML parts, read with libzip
 * and Expat.  A sheet is handed out through a struct csv_reader (core/csv.h)
 * so that the header search and the form loop are the ones of CSV.
 *
 *     struct workbook *wb;
 *     if (workbook_open(&wb, path, &err) < 0) ... err.buf ...
 *     workbook_reader_open(&r, wb, sheet_index);   r.sheet names the sheet
 *     while ((rc = csv_reader_next(&r)) > 0) ... r.fields, r.numeric ...
 *     csv_reader_release(&r);
 *     workbook_close(wb);
 *
 * A cell's text: shared and inline strings as written; a number as its
 * shortest decimal (12345678, 0.5); a number with a date format (xlsx) or a
 * date cell (ods) as YYYY-MM-DD; a boolean as TRUE/FALSE; a formula as its
 * saved result (none: an error of that row).  Empty rows are not handed
 * out; record_line is the row's number on the sheet.  Merged cells keep
 * their value in the first cell, the others are empty (as in a CSV export).
 *
 * Refused, with a message: a file that is not a zip, a zip that is not a
 * workbook (a .docx or .odt: the table must be pasted into a sheet), a part
 * larger than 64 MB uncompressed, XML with a DOCTYPE (entities), a cell of
 * more than 1 MB, more than 1 048 576 rows or 16 384 columns, more than
 * 4 000 000 filled cells.
 */
#ifndef JAUDIT_WORKBOOK_H
#define JAUDIT_WORKBOOK_H

#include <stddef.h>
#include "csv.h"
#include "strbuf.h"

#define WORKBOOK_MAX_PART (64u << 20)	/* uncompressed bytes of one XML part */
#define WORKBOOK_MAX_CELL (1u << 20)	/* bytes of one cell's text */
#define WORKBOOK_MAX_ROWS 1048576u
#define WORKBOOK_MAX_COLS 16384u
#define WORKBOOK_MAX_CELLS 4000000u

/* What the first bytes of a file say it is. */
enum file_sniff {
	FILE_TEXT,	/* anything else: CSV or JSON text */
	FILE_EMPTY,
	FILE_FOLDER,
	FILE_ZIP,	/* PK\3\4: a workbook, or a .docx/.odt */
	FILE_OLE2,	/* D0 CF 11 E0: an old .xls (or .doc) */
	FILE_UNREADABLE,
};

/* Look at path (not "-"); FILE_UNREADABLE leaves the reason in errno. */
enum file_sniff file_sniff(const char *path);

struct workbook;

/*
 * Read the workbook at path, or the size bytes at data (name for
 * messages; the bytes must outlive the workbook).  Returns 0, or
 * JAUDIT_EDATA with "NAME: what is wrong" in err.
 */
int workbook_open(struct workbook **out, const char *path, struct strbuf *err);
int workbook_open_buffer(struct workbook **out, const void *data, size_t size,
			 const char *name, struct strbuf *err);
/*
 * libxlsxwriter, which writes workbooks (core/xlsxout.c), has a
 * workbook_close() of its own: this one is linked as workbook_free, so
 * that the two never meet in the program (xlsxout.c does not include
 * this header).
 */
#define workbook_close workbook_free
void workbook_close(struct workbook *wb);

size_t workbook_nsheets(const struct workbook *wb);
const char *workbook_sheet_name(const struct workbook *wb, size_t i);

/*
 * Hand out the rows of sheet i through r, from the first row; the
 * workbook must outlive the reader.  r->sheet is the sheet's name and
 * r->numeric[f] is 1 when field f was a number cell.
 */
void workbook_reader_open(struct csv_reader *r, struct workbook *wb, size_t i);

/* A header test for the sheet search: 1 if the current record is a header that fits. */
typedef int (*workbook_fits_fn)(const struct csv_reader *r, void *arg);

/*
 * Open the workbook at path and hand out the rows of one sheet through r:
 * the sheet called sheet (not NULL), else the first sheet one of whose
 * first rows fits (fits not NULL), else the first sheet.  The reader
 * closes the workbook when released.  Returns 0, or JAUDIT_EDATA with
 * r->errmsg set; release the reader in either case.
 */
int workbook_reader_open_path(struct csv_reader *r, const char *path, const char *sheet,
			      workbook_fits_fn fits, void *arg);

/* "A", "Z", "AA" for columns 0, 25, 26; buf holds 8 bytes. */
void workbook_column_name(size_t col, char *buf);

#endif
