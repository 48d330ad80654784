/*
 * csv.h - reading the CSV forms agencies send, a record at a time.
 *
 * RFC 4180 with what spreadsheets really write: a UTF-8 BOM, CRLF line
 * ends, quoted fields with commas, "" and line breaks inside, and Big5
 * (CP950) text when the encoding is CSV_BIG5, or when it is CSV_AUTO and
 * the text is not UTF-8 but is Big5 (told by reading the file once before
 * its records; a pipe is held in memory for that).  Otherwise the reader
 * never holds more than one record in memory.  It refuses what would silently lose data:
 * bytes that are not valid in the encoding, a NUL byte, a UTF-16 file, an
 * unterminated quote.
 *
 *     struct csv_reader r;
 *     if (csv_reader_open(&r, path, CSV_UTF8) < 0) ... r.errmsg ...
 *     while ((rc = csv_reader_next(&r)) > 0)
 *             use r.fields[0 .. r.nfields-1], r.record_line;
 *     if (rc < 0) ... r.errmsg, r.fatal ...
 *     csv_reader_release(&r);
 *
 * Errors are not printed: r.errmsg holds "FILE:LINE: what was wrong",
 * so that a caller that gathers several errors can print them in order.
 */
#ifndef JAUDIT_CSV_H
#define JAUDIT_CSV_H

#include <stdio.h>
#include "strbuf.h"

enum csv_encoding {
	CSV_UTF8,	/* UTF-8 only (--encoding utf-8) */
	CSV_BIG5,	/* Big5 (CP950) only (--encoding big5) */
	CSV_AUTO,	/* told by validity: UTF-8, else Big5 (detected_big5 set), else one error */
};

/*
 * The name of an encoding as --encoding takes it, case ignored: utf-8 or
 * utf8 (CSV_UTF8), big5 or cp950 (CSV_BIG5).  0 and *out, or -1.
 */
int csv_encoding_parse(const char *s, enum csv_encoding *out);
#define CSV_ENCODINGS_EXPECTED "utf-8 big5"

/* What a caller says, once a file, when CSV_AUTO read it as Big5. */
#define CSV_BIG5_NOTICE "讀入時視為 Big5 編碼 (the file is not UTF-8 text, and every line of it is valid Big5)"

/* How many records the header row is looked for in. */
#define CSV_HEADER_SCAN 40

struct csv_reader {
	/* public, read-only */
	char **fields;		/* the current record's fields, NUL-terminated */
	size_t nfields;
	size_t record_line;	/* line on which the current record began */
	struct strbuf errmsg;	/* set when a call returns < 0 */
	int fatal;		/* after an error: 1 if reading cannot go on */
	const char *name;	/* file name used in messages */
	const char *sheet;	/* a workbook's sheet (core/workbook.h), or NULL */
	unsigned char *numeric;	/* workbooks: numeric[f] 1 for a number cell; NULL for CSV */
	int detected_big5;	/* CSV_AUTO found Big5 text: the caller says so once */

	/* private */
	FILE *fp;
	int own_fp;
	int own_mem_fp;		/* CSV_AUTO read a pipe into membuf */
	char *membuf;
	FILE *pipe_fp;		/* the stream membuf was read from */
	int big5;
	void *cd;		/* iconv_t */
	size_t line;		/* physical lines read so far */
	int first;
	char *raw;
	size_t rawcap;
	struct strbuf conv;	/* the current physical line, UTF-8 */
	struct strbuf data;	/* the current record's field bytes */
	size_t *offs;
	size_t nalloc;
	/* another source of records (core/workbook.c sets these) */
	int (*src_next)(struct csv_reader *r);
	void (*src_release)(struct csv_reader *r);
	void *src;
};

/*
 * Open path ("-" for standard input).  Returns 0, or JAUDIT_EDATA with
 * r->errmsg set; release the reader in either case.
 */
int csv_reader_open(struct csv_reader *r, const char *path, enum csv_encoding enc);

/* Read from an open stream (not closed on release); name is for messages. */
int csv_reader_open_fp(struct csv_reader *r, FILE *fp, const char *name,
		       enum csv_encoding enc);

/*
 * Read the next record.  Returns 1 with r->fields set, 0 at the end, or
 * JAUDIT_EDATA with r->errmsg set.  After an error that is not fatal (a
 * line with bad bytes) the next call goes on with the record after it.
 */
int csv_reader_next(struct csv_reader *r);

void csv_reader_release(struct csv_reader *r);

/* 1 if every field of the current record is empty or white space. */
int csv_record_blank(const struct csv_reader *r);

/*
 * Columns of a form.  `names` is the header text as printed on the form
 * followed by English aliases, separated by '|': "統一編號|taxid|tax_id".
 * Header cells are compared after name_header_key() (white space, line
 * breaks and parenthesised notes ignored).
 */
struct csv_column {
	const char *names;
	int required;
};

/* The lines above a form's table: label and value pairs (附件1/2 contact block). */
struct csv_preamble {
	char **label;
	char **value;
	size_t n;
};

/*
 * Find the header row among the first 40 records: the first record whose
 * cells include every required column.  Fills map[i] with the index of
 * column i in the record, or -1 when an optional column is absent, and
 * *ncols with the header's field count.  Records before the header go
 * into *pre (which may be NULL).  Returns 0, or JAUDIT_EDATA with
 * r->errmsg naming the columns expected.  A header cell that matches no
 * column is ignored; a column named twice is an error.
 */
int csv_find_header(struct csv_reader *r, const struct csv_column *cols,
		    size_t ncols, int *map, size_t *nheader,
		    struct csv_preamble *pre);

/*
 * 1 if the header cells of the current record include every required
 * column of cols (for guessing the kind of a file).
 */
int csv_header_matches(const struct csv_reader *r,
		       const struct csv_column *cols, size_t ncols);

void csv_preamble_release(struct csv_preamble *pre);

/* Write one field to fp, quoted when it needs to be. */
void csv_write_field(FILE *fp, const char *s);

/* Write a record: the fields joined by commas, then CRLF. */
void csv_write_record(FILE *fp, const char *const *fields, size_t n);

#endif
