/*
 * form.h - what loading a file of records needs, whatever the records are:
 * the error log of one file (up to FORM_MAX_ERRORS errors, in file order),
 * the interface of one CSV form kind (vendors, 附件1 …), and small checks
 * several kinds share (是/否, a row's year, duplicates within a file).
 *
 * A kind is one `struct form_kind`; `jaudit ingest` keeps a table of them
 * (ingest/forms.c), so that a new kind is one entry there.
 */
#ifndef JAUDIT_FORM_H
#define JAUDIT_FORM_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include "csv.h"
#include "err.h"
#include "strbuf.h"
#include "workbook.h"

#define FORM_MAX_ERRORS 20
#define FORM_MAX_WARNINGS 20

/*
 * The messages about one file.  Errors and warnings are kept as text, one
 * "jaudit: FILE:LINE: …" line each, in the order they were found; past
 * FORM_MAX_WARNINGS warnings are only counted.  Nothing is printed: the
 * caller prints log->text (a fuzz target or a test reads it instead).
 */
struct form_log {
	const char *file;	/* the name used in messages */
	const char *sheet;	/* a workbook's sheet: "FILE:SHEET!ROW", or NULL */
	int col;		/* with a sheet: the column of the next error ("!F12"), or -1 */
	size_t nerrors;
	size_t nwarnings;
	struct strbuf text;
};

void form_log_init(struct form_log *log, const char *file);
void form_log_release(struct form_log *log);

/*
 * Record an error "FILE:LINE: message" (line 0: "FILE: message").  Returns
 * JAUDIT_EDATA.  Once FORM_MAX_ERRORS are recorded, further ones are only
 * counted; form_log_full() tells the reader to stop.
 */
int form_error(struct form_log *log, size_t line, const char *fmt, ...) JAUDIT_PRINTF(3, 4);
void form_warn(struct form_log *log, size_t line, const char *fmt, ...) JAUDIT_PRINTF(3, 4);
/* Record an error already worded "FILE:LINE: message" (the CSV reader's). */
int form_error_text(struct form_log *log, const char *msg);

/*
 * Print the log to fp (stderr): its messages, then what they leave out:
 * "N errors found, the first 20 shown; correct these and VERB the file
 * again", or "stopped after 20 errors; the rest of the file was not
 * checked", and the number of warnings not shown.  verb is the command's
 * ("ingest", "import").
 */
void form_log_print(const struct form_log *log, FILE *fp, const char *verb);
static inline int form_log_full(const struct form_log *log)
{
	return log->nerrors >= FORM_MAX_ERRORS;
}

/*
 * Quote a value for a message: "value", cut at 60 characters with "…",
 * control characters shown as \n, \t.  Appends to sb.
 */
void form_quote(struct strbuf *sb, const char *value);

/*
 * A set of strings (keys) with the line each was first seen on, for
 * "appears twice in the file" errors.  Grows with the keys it holds.
 */
struct form_seen {
	char **keys;
	size_t *lines;
	size_t n, cap;
};
/*
 * Add key seen on line.  Returns 0 if it is new, or the line it was
 * first seen on.  The set copies the key.
 */
size_t form_seen_add(struct form_seen *s, const char *key, size_t line);
void form_seen_release(struct form_seen *s);

/* 是/否 (also Y/N, yes/no, true/false, 1/0; case and spaces ignored): 0 and *v, or -1. */
int form_yes_no(const char *s, int *v);
#define FORM_YES_NO_EXPECTED "是 or 否 (or Y/N, yes/no)"

/* One CSV form being loaded: what a kind's functions see. */
struct form_ctx {
	sqlite3 *db;
	struct form_log *log;
	const char *file;	/* as named on the command line */
	int year;		/* --year, or 0 */
	int title_year;		/* "115年度" in the form's title, or 0 */
	long long submission;	/* form_submissions.id of the contact block, or 0 */
	char *title_parent;	/* 附件1: the 直屬機關 of 「○○部及其所屬機關…」 in the title, or NULL */
	int new_years_ok;	/* a 附件3 checklist: its rows may bring a year in */
	int known_year, unknown_year;	/* form_row_year()'s memory, 0 at first */

	/* the current record */
	char **fields;
	size_t nfields;
	size_t line;
	const unsigned char *numeric;	/* a workbook's: numeric[f] 1 for a number cell, or NULL */
	char taxid_buf[4][16];		/* 統一編號 stored as numbers, zeros put back */
	unsigned ntaxid;
	const int *map;		/* map[column] = field index, or -1 */

	/* what the kind did */
	size_t added, replaced, unchanged, removed;

	void *state;		/* the kind's own (prepared statements …) */
	const void *arg;	/* what the caller hands the kind (form_source.arg), or NULL */
};

/*
 * The field of column col in the current record, surrounding white space
 * removed; "" when the column is absent.  The pointer is valid until the
 * next record.
 */
const char *form_field(struct form_ctx *c, int col);

/*
 * The year a record belongs to: its year column (col, or -1 for none),
 * else --year, else the year in the form's title; within the year rule
 * (date.h) and, unless new_years_ok, a year the database knows (said once
 * a file).  Returns 0 and *year, or JAUDIT_EDATA with an error logged.
 */
int form_row_year(struct form_ctx *c, int col, int *year);

struct form_kind {
	const char *name;		/* --kind NAME */
	const char *label;		/* for the summary: "vendors list" */
	const struct csv_column *cols;
	size_t ncols;
	int col_form_no;		/* the 編號 column (ignored in empty template rows), or -1 */
	int col_year;			/* the 年度 column, or -1 */
	const char *submission_kind;	/* keep the contact block as form_submissions(kind), or NULL */
	/* prepare (state); 0 or JAUDIT_EDATA */
	int (*begin)(struct form_ctx *c);
	/* check and write the current record: 0, or JAUDIT_EDATA with errors logged */
	int (*row)(struct form_ctx *c);
	/* after the last record (may be NULL): 0 or JAUDIT_EDATA */
	int (*end)(struct form_ctx *c);
	/* free the state (called on every path) */
	void (*release)(struct form_ctx *c);
};

/* Where form_load() reads a form from. */
struct form_source {
	const char *path;	/* the file as named on the command line, or "-" */
	FILE *fp;		/* or an open stream of CSV text (named path), or NULL */
	enum csv_encoding enc;	/* CSV_AUTO, CSV_UTF8, CSV_BIG5 (cli_parse_encoding) */
	const char *sheet;	/* of a workbook: --sheet, or NULL for the first that fits */
	int year;		/* --year, or 0 */
	int new_years_ok;	/* a 附件3 checklist: its rows may bring a year in */
	const void *arg;	/* handed to the kind as c->arg */
};

/*
 * The one loop that reads a form (core/form_load.c): open src (a CSV file,
 * or a sheet of an .xlsx/.ods workbook whose header fits k: told by the
 * first bytes; or src->fp), say once when a CSV file is read as Big5, find
 * the header row below the contact block, keep the contact block when k
 * says so, skip blank and template rows, refuse a row whose field count is
 * not the header's, and hand each record to k, inside the caller's
 * transaction, until FORM_MAX_ERRORS errors.  The counts are left in *out
 * (added, replaced, unchanged, removed).  Returns 0, or JAUDIT_EDATA with
 * the errors in log (the caller rolls back).
 */
int form_load(sqlite3 *db, const struct form_kind *k, const struct form_source *src,
	      struct form_log *log, struct form_ctx *out);

/*
 * Open path as the file it is by its first bytes: a workbook (.xlsx, .ods;
 * fits(r, arg) picks the sheet unless sheet names it), anything else as CSV
 * text; an empty file, a folder, an old .xls or .doc refused with what to
 * do.  0, or JAUDIT_EDATA with r->errmsg set (release r on every path).
 */
int form_source_open(struct csv_reader *r, const char *path, enum csv_encoding enc,
		     const char *sheet, workbook_fits_fn fits, void *arg);

#endif
