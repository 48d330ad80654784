/*
 * xlsxout.h - the rows of a table written as CSV or as a sheet of an .xlsx
 * workbook (libxlsxwriter), from the same code: a command that writes its
 * CSV through a struct rowout gains a workbook with the same rows.
 *
 *     struct xlsxbook *b = xlsxbook_open("track", "list.xlsx", 0);
 *     struct rowout o;
 *     rowout_xlsx(&o, b);                (or rowout_csv(&o, stdout))
 *     rowout_begin(&o, "追蹤清單", head, 9, "tttttttdn");
 *     rowout_row(&o, cells);             (as many as there are rows)
 *     rc = xlsxbook_close(b);            (0, or JAUDIT_EDATA with a message)
 *
 * Each sheet has its header row in bold, frozen below the header, an
 * autofilter over the table, and columns as wide as their widest cell (a
 * CJK character counts two columns); printed on A4 landscape, one page
 * wide, the header repeated on every page.  Column kinds (one letter a column):
 *   t  text, written as it is (a 統一編號 keeps its leading zero)
 *   n  a number when the cell is one (strtod takes all of it), else text
 *   d  a date cell when the cell is an ISO date (2026-11-20), else text;
 *      shown in the ROC form 115/11/20 (format [$-40404]e/mm/dd: calendar
 *      type 04, the Taiwan calendar, locale zh-TW; LibreOffice and Excel
 *      show 115/11/20, the cell's value is the date)
 *   a  guessed cell by cell: an ISO date, a number (not one with a leading
 *      zero like 0123, which stays text), else text
 * An empty cell is left blank.  The workbook is written to FILE.tmp and
 * renamed to FILE when complete: never a half-written FILE.
 */
#ifndef JAUDIT_XLSXOUT_H
#define JAUDIT_XLSXOUT_H

#include <stdio.h>
#include <stddef.h>

struct xlsxbook;
struct xlsxsheet;

/* The ROC date format of date cells. */
#define XLSX_ROC_DATE_FORMAT "[$-40404]e/mm/dd"

/*
 * Start a workbook to be written to path; priv: the file is created
 * readable by its owner only (0600).  `what` names the command in
 * messages.  NULL, with a message, when path.tmp cannot be created.
 */
struct xlsxbook *xlsxbook_open(const char *what, const char *path, int priv);
/* The same; ods: an OpenDocument spreadsheet instead (.ods, core/odsout.h). */
struct xlsxbook *xlsxbook_open_as(const char *what, const char *path, int priv, int ods);

/*
 * A new sheet (name at most 31 characters; []:*?/\ become _) with its
 * header row of ncols cells; kinds: ncols letters as above, or NULL for
 * all text.
 */
struct xlsxsheet *xlsxbook_sheet(struct xlsxbook *b, const char *name,
				 const char *const *head, size_t ncols, const char *kinds);

/* The next row: the sheet's ncols cells (NULL is empty). */
void xlsxsheet_row(struct xlsxsheet *s, const char *const *cells);

/*
 * A sheet from a CSV file (UTF-8, BOM allowed) written by jaudit: its
 * first record is the header, each cell's kind guessed ('a').  0, or
 * JAUDIT_EDATA with a message.
 */
int xlsxbook_sheet_csv(struct xlsxbook *b, const char *name, const char *csv_path);
/* The same from an open stream (not closed); label names it in messages. */
int xlsxbook_sheet_csv_fp(struct xlsxbook *b, const char *name, FILE *fp, const char *label);

/*
 * dir/NAME.xlsx from the CSV files of dir named in `files` (separated by
 * spaces, "summary.csv common.csv …"): one sheet each, named as the file
 * without .csv, in that order; a file that is not there is left out.
 * 0, or JAUDIT_EDATA with a message (and no workbook).
 */
int xlsx_from_csv_files(const char *what, const char *dir, const char *files, const char *name);

/*
 * Write the workbook and rename it into place.  0, or JAUDIT_EDATA with a
 * message (and no file left behind).  b is freed either way.
 */
int xlsxbook_close(struct xlsxbook *b);

/* Give up: nothing is written, path.tmp removed, b freed. */
void xlsxbook_abort(struct xlsxbook *b);

/* --- one table's rows, as CSV or as a sheet ------------------------------------ */

struct rowout {
	FILE *fp;		/* CSV: the stream; NULL for a workbook */
	struct xlsxbook *book;
	struct xlsxsheet *sheet;
	size_t ncols;
};

/* CSV on fp: rowout_begin writes the UTF-8 BOM (Excel) and the header. */
void rowout_csv(struct rowout *o, FILE *fp);
/* A sheet of b, made by rowout_begin. */
void rowout_xlsx(struct rowout *o, struct xlsxbook *b);

/* The header row; sheet: the sheet's name (not used for CSV); kinds as above. */
void rowout_begin(struct rowout *o, const char *sheet, const char *const *head,
		  size_t ncols, const char *kinds);
/* One row of ncols cells (rowout_begin's ncols). */
void rowout_row(struct rowout *o, const char *const *cells);

/*
 * What the commands writing to standard output share: --format xlsx (or ods) needs
 * --out FILE (a workbook is not sent to a terminal or a pipe), and --out
 * goes only with it.  0, or JAUDIT_EUSAGE with a message for cmd.
 */
int xlsx_out_check(const char *cmd, int xlsx, const char *out);

#endif
