#include "csv.h"
#include "err.h"
#include "names.h"
#include "utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CSV_MAX_RECORD (16u << 20)	/* 16 MiB: a longer one is a lost quote */


static int fail(struct csv_reader *r, int fatal, size_t line, const char *fmt, ...)
	JAUDIT_PRINTF(4, 5);

static int fail(struct csv_reader *r, int fatal, size_t line, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	strbuf_reset(&r->errmsg);
	if (line && r->sheet)
		strbuf_addf(&r->errmsg, "%s:%s!%zu: %s", r->name, r->sheet, line, msg);
	else if (line)
		strbuf_addf(&r->errmsg, "%s:%zu: %s", r->name, line, msg);
	else
		strbuf_addf(&r->errmsg, "%s: %s", r->name, msg);
	r->fatal = fatal;
	return JAUDIT_EDATA;
}

/* 1 if the n bytes at in are Big5 (CP950) text; else 0 and *bad its first bad byte. */
static int big5_valid(iconv_t cd, char *in, size_t n, size_t *bad)
{
	char out[4096];
	char *src = in;
	size_t left = n;

	iconv(cd, NULL, NULL, NULL, NULL);
	while (left > 0) {
		char *dst = out;
		size_t room = sizeof(out);

		if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1 && errno != E2BIG) {
			*bad = (size_t)(src - in);
			return 0;
		}
	}
	return 1;
}

/*
 * CSV_AUTO: read the whole text once to tell its encoding by validity:
 * 0 for UTF-8 (also a file with a BOM, pure ASCII, or valid in both),
 * 1 for Big5 (not valid UTF-8, but every line valid CP950), or
 * JAUDIT_EDATA (fatal, one message) when the text is neither.  Lines
 * are checked one by one: a line feed never occurs inside a UTF-8 or a
 * Big5 character.  A stream that cannot seek (standard input) is read
 * into memory first.  A NUL byte or a UTF-16 mark leaves the choice to
 * UTF-8, whose reader says what is wrong with the file.
 */
/*
 * A stream that cannot seek (a pipe): its text read into memory, and
 * r->fp reading it from there; *start its first byte.  0 or JAUDIT_EDATA.
 */
static int hold_in_memory(struct csv_reader *r, long *start)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	char chunk[65536];
	size_t k;

	if (!mem)
		return fail(r, 1, 0, "cannot read: %s", strerror(errno));
	while ((k = fread(chunk, 1, sizeof(chunk), r->fp)) > 0)
		fwrite(chunk, 1, k, mem);
	if (ferror(r->fp)) {
		fclose(mem);
		free(buf);
		return fail(r, 1, 0, "cannot read: %s", strerror(errno));
	}
	fclose(mem);
	r->membuf = buf;
	r->pipe_fp = r->fp;
	r->own_mem_fp = 1;
	r->fp = fmemopen(buf, len ? len : 1, "rb");
	if (!r->fp)
		return fail(r, 1, 0, "cannot read: %s", strerror(errno));
	if (!len)
		fgetc(r->fp);	/* fmemopen needs a size above 0: start at its end */
	*start = ftell(r->fp);
	return 0;
}

/* The first byte of the text that is not valid in an encoding: line 0 when none. */
struct first_bad {
	size_t line, at;
	unsigned char byte;
};

/*
 * Read the lines to their end, or until both encodings have failed (or a
 * mark or a NUL byte leaves the choice to UTF-8, u->line 0): the first
 * bad byte of each into *u and *b.  The lines read: *lineno.
 */
static void scan_lines(struct csv_reader *r, iconv_t cd, struct first_bad *u, struct first_bad *b,
		       size_t *lineno)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;

	while ((got = getline(&line, &cap, r->fp)) >= 0) {
		char *p = line;
		size_t n = (size_t)got, bad;

		(*lineno)++;
		if (*lineno == 1 && n >= 2 && (((unsigned char)p[0] == 0xFF && (unsigned char)p[1] == 0xFE) ||
					       ((unsigned char)p[0] == 0xFE && (unsigned char)p[1] == 0xFF)))
			break;
		if (*lineno == 1 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			break;	/* a UTF-8 byte-order mark says so */
		if (memchr(p, '\0', n)) {
			u->line = 0;
			break;
		}
		if (!u->line && !utf8_valid(p, n, &bad)) {
			u->line = *lineno;
			u->at = bad + 1;
			u->byte = (unsigned char)p[bad];
		}
		if (!b->line && !big5_valid(cd, p, n, &bad)) {
			b->line = *lineno;
			b->at = bad + 1;
			b->byte = (unsigned char)p[bad];
		}
		if (u->line && b->line)
			break;
	}
	free(line);
}

/* Neither UTF-8 nor Big5: the later of the two named (the text reads as that encoding up to it). */
static int neither(struct csv_reader *r, const struct first_bad *u, const struct first_bad *b)
{
	if (b->line >= u->line)
		return fail(r, 1, b->line,
			    "byte 0x%02X at byte %zu is not Big5 text, and the file is not UTF-8 text either (line %zu, byte 0x%02X); save the sheet again as \"CSV UTF-8\", or mend this line",
			    b->byte, b->at, u->line, u->byte);
	return fail(r, 1, u->line,
		    "byte 0x%02X at byte %zu is not UTF-8 text, and the file is not Big5 text either (line %zu, byte 0x%02X); save the sheet again as \"CSV UTF-8\", or mend this line",
		    u->byte, u->at, b->line, b->byte);
}

/*
 * CSV_AUTO: read the whole text once to tell its encoding by validity:
 * 0 for UTF-8 (also a file with a BOM, pure ASCII, or valid in both),
 * 1 for Big5 (not valid UTF-8, but every line valid CP950), or
 * JAUDIT_EDATA (fatal, one message) when the text is neither.  Lines
 * are checked one by one: a line feed never occurs inside a UTF-8 or a
 * Big5 character.  A stream that cannot seek (standard input) is read
 * into memory first.  A NUL byte or a UTF-16 mark leaves the choice to
 * UTF-8, whose reader says what is wrong with the file.
 */
static int detect(struct csv_reader *r)
{
	struct first_bad u = { 0, 0, 0 }, b = { 0, 0, 0 };
	size_t lineno = 0;
	long start;
	iconv_t cd;
	int ret;

	start = ftell(r->fp);
	if ((start < 0 || fseek(r->fp, start, SEEK_SET) != 0) && hold_in_memory(r, &start) < 0)
		return JAUDIT_EDATA;
	cd = iconv_open("UTF-8", "CP950");
	if (cd == (iconv_t)-1)
		return fail(r, 1, 0, "cannot convert from Big5: %s", strerror(errno));
	scan_lines(r, cd, &u, &b, &lineno);
	if (ferror(r->fp))
		ret = fail(r, 1, lineno + 1, "cannot read: %s", strerror(errno));
	else if (u.line && b.line)
		ret = neither(r, &u, &b);
	else if (fseek(r->fp, start, SEEK_SET) != 0)
		ret = fail(r, 1, 0, "cannot read: %s", strerror(errno));
	else
		ret = 0;
	if (ret < 0) {
		iconv_close(cd);
		return ret;
	}
	clearerr(r->fp);
	if (u.line) {
		r->cd = cd;
		return 1;
	}
	iconv_close(cd);
	return 0;
}

int csv_reader_open_fp(struct csv_reader *r, FILE *fp, const char *name,
		       enum csv_encoding enc)
{
	memset(r, 0, sizeof(*r));
	strbuf_init(&r->errmsg);
	strbuf_init(&r->conv);
	strbuf_init(&r->data);
	r->name = name;
	r->fp = fp;
	r->first = 1;
	r->big5 = enc == CSV_BIG5;
	if (enc == CSV_AUTO && fp) {
		int rc = detect(r);

		if (rc < 0)
			return rc;
		r->big5 = r->detected_big5 = rc == 1;
	}
	if (r->big5 && !r->cd) {
		iconv_t cd = iconv_open("UTF-8", "CP950");

		if (cd == (iconv_t)-1)
			return fail(r, 1, 0, "cannot convert from Big5: %s", strerror(errno));
		r->cd = cd;
	}
	return 0;
}

int csv_reader_open(struct csv_reader *r, const char *path, enum csv_encoding enc)
{
	FILE *fp;
	int rc;

	if (strcmp(path, "-") == 0)
		return csv_reader_open_fp(r, stdin, "<stdin>", enc);
	fp = fopen(path, "rb");
	rc = csv_reader_open_fp(r, fp, path, enc);
	if (!fp)
		return fail(r, 1, 0, "cannot open: %s", strerror(errno));
	r->own_fp = 1;
	return rc;
}

void csv_reader_release(struct csv_reader *r)
{
	if (r->own_mem_fp) {
		if (r->fp)
			fclose(r->fp);
		if (r->own_fp && r->pipe_fp)
			fclose(r->pipe_fp);
	} else if (r->own_fp && r->fp) {
		fclose(r->fp);
	}
	free(r->membuf);
	if (r->cd)
		iconv_close((iconv_t)r->cd);
	if (r->src_release)
		r->src_release(r);
	free(r->raw);
	free(r->offs);
	free(r->fields);
	strbuf_release(&r->errmsg);
	strbuf_release(&r->conv);
	strbuf_release(&r->data);
	memset(r, 0, sizeof(*r));
}

/* Convert r->raw (n bytes, no line end) to UTF-8 in r->conv. */
static int convert(struct csv_reader *r, char *in, size_t n)
{
	strbuf_reset(&r->conv);
	if (!r->big5) {
		size_t bad;

		if (!utf8_valid(in, n, &bad))
			return fail(r, 0, r->line,
				    "byte 0x%02X at byte %zu is not UTF-8 text; if the file was saved as Big5, add --encoding big5",
				    (unsigned char)in[bad], bad + 1);
		strbuf_add(&r->conv, in, n);
		return 0;
	}
	iconv((iconv_t)r->cd, NULL, NULL, NULL, NULL);
	{
		char *src = in;
		size_t left = n;

		while (left > 0) {
			char *dst;
			size_t room, got;

			strbuf_grow(&r->conv, left * 2 + 16);
			dst = r->conv.buf + r->conv.len;
			room = r->conv.alloc - r->conv.len - 1;
			got = iconv((iconv_t)r->cd, &src, &left, &dst, &room);
			r->conv.len = (size_t)(dst - r->conv.buf);
			r->conv.buf[r->conv.len] = '\0';
			if (got == (size_t)-1 && errno != E2BIG)
				return fail(r, 0, r->line,
					    "byte 0x%02X at byte %zu is not Big5 text; if the file is UTF-8, leave out --encoding big5",
					    (unsigned char)*src, (size_t)(src - in) + 1);
		}
	}
	return 0;
}

/*
 * Read one physical line into r->conv.  Returns 1, 0 at the end, or an
 * error.  The line end (LF or CRLF) is removed.
 */
static int read_line(struct csv_reader *r)
{
	ssize_t got = getline(&r->raw, &r->rawcap, r->fp);
	char *p;
	size_t n;

	if (got < 0) {
		if (ferror(r->fp))
			return fail(r, 1, r->line + 1, "cannot read: %s", strerror(errno));
		return 0;
	}
	r->line++;
	p = r->raw;
	n = (size_t)got;
	if (r->first) {
		r->first = 0;
		if (n >= 2 && ((unsigned char)p[0] == 0xFF && (unsigned char)p[1] == 0xFE))
			return fail(r, 1, 1, "the file is UTF-16 text; save it as \"CSV UTF-8\" (or Big5 with --encoding big5)");
		if (n >= 2 && ((unsigned char)p[0] == 0xFE && (unsigned char)p[1] == 0xFF))
			return fail(r, 1, 1, "the file is UTF-16 text; save it as \"CSV UTF-8\" (or Big5 with --encoding big5)");
		if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
			if (r->big5)
				return fail(r, 1, 1, "the file starts with a UTF-8 byte-order mark but --encoding big5 was given; leave out --encoding big5");
			p += 3;
			n -= 3;
		}
	}
	if (memchr(p, '\0', n))
		return fail(r, 0, r->line, "NUL byte in the line; the file is not CSV text (save the sheet as \"CSV UTF-8\")");
	if (n > 0 && p[n - 1] == '\n')
		n--;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (convert(r, p, n) < 0)
		return JAUDIT_EDATA;
	return 1;
}

static void start_field(struct csv_reader *r)
{
	if (r->nfields == r->nalloc) {
		r->nalloc = r->nalloc ? r->nalloc * 2 : 16;
		r->offs = xrealloc(r->offs, r->nalloc * sizeof(*r->offs));
	}
	r->offs[r->nfields++] = r->data.len;
}

/* Skip the physical lines of a record whose quote is still open. */
static int csv_parse(struct csv_reader *r)
{
	int in_quotes = 0, after_quote = 0, started = 0, rc;
	size_t field_len = 0, i;

	strbuf_reset(&r->data);
	r->nfields = 0;
	for (;;) {
		const char *s;
		size_t n;

		rc = read_line(r);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			if (!started)
				return 0;
			return fail(r, 1, r->record_line,
				    "a quoted field that begins on this line is never closed (a \" is missing)");
		}
		if (!started) {
			started = 1;
			r->record_line = r->line;
			start_field(r);
			field_len = 0;
		} else {
			strbuf_addch(&r->data, '\n');	/* line break inside quotes */
			field_len++;
		}
		s = r->conv.buf;
		n = r->conv.len;
		for (i = 0; i < n; i++) {
			char c = s[i];

			if (in_quotes) {
				if (c == '"') {
					if (i + 1 < n && s[i + 1] == '"') {
						strbuf_addch(&r->data, '"');
						field_len++;
						i++;
					} else {
						in_quotes = 0;
						after_quote = 1;
					}
				} else {
					strbuf_addch(&r->data, c);
					field_len++;
				}
			} else if (c == ',') {
				strbuf_addch(&r->data, '\0');
				start_field(r);
				field_len = 0;
				after_quote = 0;
			} else if (after_quote) {
				if (c == ' ' || c == '\t')
					continue;
				return fail(r, 0, r->line,
					    "text after a closing quote in field %zu; a \" inside a quoted field is written \"\"",
					    r->nfields);
			} else if (c == '"' && field_len == 0) {
				in_quotes = 1;
			} else {
				strbuf_addch(&r->data, c);
				field_len++;
			}
		}
		if (r->data.len > CSV_MAX_RECORD)
			return fail(r, 1, r->record_line,
				    "record longer than 16 MiB; is a \" missing?");
		if (!in_quotes)
			break;
	}
	strbuf_addch(&r->data, '\0');
	return 1;
}

int csv_reader_next(struct csv_reader *r)
{
	int rc;
	size_t i;

	if (r->src_next)
		return r->src_next(r);
	if (!r->fp)
		return JAUDIT_EDATA;
	rc = csv_parse(r);
	if (rc <= 0) {
		r->nfields = rc < 0 ? 0 : r->nfields;
		return rc;
	}
	r->fields = xrealloc(r->fields, (r->nfields + 1) * sizeof(*r->fields));
	for (i = 0; i < r->nfields; i++)
		r->fields[i] = r->data.buf + r->offs[i];
	r->fields[r->nfields] = NULL;
	return 1;
}

int csv_record_blank(const struct csv_reader *r)
{
	size_t i;

	for (i = 0; i < r->nfields; i++)
		if (r->fields[i][strspn(r->fields[i], " \t\r\n")] != '\0')
			return 0;
	return 1;
}

/* Index of the column whose names include the cell's key, or -1. */
static int match_column(const char *cell, const struct csv_column *cols, size_t ncols)
{
	char *key = name_header_key(cell);
	size_t i;
	int found = -1;

	if (*key) {
		for (i = 0; i < ncols && found < 0; i++) {
			const char *p = cols[i].names;

			while (*p && found < 0) {
				size_t len = strcspn(p, "|");
				char *name = xstrndup(p, len);
				char *nk = name_header_key(name);

				if (strcmp(nk, key) == 0)
					found = (int)i;
				free(nk);
				free(name);
				p += len;
				if (*p == '|')
					p++;
			}
		}
	}
	free(key);
	return found;
}

static int header_map(const struct csv_reader *r, const struct csv_column *cols,
		      size_t ncols, int *map)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		map[i] = -1;
	for (i = 0; i < r->nfields; i++) {
		int c = match_column(r->fields[i], cols, ncols);

		if (c >= 0 && map[c] < 0)
			map[c] = (int)i;
	}
	for (i = 0; i < ncols; i++)
		if (cols[i].required && map[i] < 0)
			return 0;
	return 1;
}

int csv_header_matches(const struct csv_reader *r,
		       const struct csv_column *cols, size_t ncols)
{
	int *map = xmalloc((ncols ? ncols : 1) * sizeof(*map));
	int ok = header_map(r, cols, ncols, map);

	free(map);
	return ok;
}

static void preamble_add(struct csv_preamble *pre, const struct csv_reader *r)
{
	const char *label = NULL, *value = "";
	size_t i;

	for (i = 0; i < r->nfields; i++) {
		const char *f = r->fields[i];

		if (f[strspn(f, " \t\r\n")] == '\0')
			continue;
		if (!label) {
			label = f;
		} else {
			value = f;
			break;
		}
	}
	if (!label)
		return;
	pre->label = xrealloc(pre->label, (pre->n + 1) * sizeof(*pre->label));
	pre->value = xrealloc(pre->value, (pre->n + 1) * sizeof(*pre->value));
	pre->label[pre->n] = xstrdup(label);
	pre->value[pre->n] = xstrdup(value);
	pre->n++;
}

int csv_find_header(struct csv_reader *r, const struct csv_column *cols,
		    size_t ncols, int *map, size_t *nheader,
		    struct csv_preamble *pre)
{
	size_t scanned = 0, i;
	int rc;

	while (scanned < CSV_HEADER_SCAN && (rc = csv_reader_next(r)) != 0) {
		if (rc < 0)
			return rc;
		scanned++;
		if (header_map(r, cols, ncols, map)) {
			for (i = 0; i < r->nfields; i++) {
				int c = match_column(r->fields[i], cols, ncols);

				if (c >= 0 && map[c] != (int)i)
					return fail(r, 0, r->record_line,
						    "column \"%s\" appears twice in the header row",
						    r->fields[i]);
			}
			if (nheader)
				*nheader = r->nfields;
			return 0;
		}
		if (pre)
			preamble_add(pre, r);
	}
	{
		struct strbuf want = STRBUF_INIT;

		for (i = 0; i < ncols; i++) {
			if (!cols[i].required)
				continue;
			if (want.len)
				strbuf_adds(&want, ", ");
			strbuf_add(&want, cols[i].names, strcspn(cols[i].names, "|"));
		}
		fail(r, 1, 0, "no header row found in the first %d %s; expected the columns %s",
		     CSV_HEADER_SCAN, r->sheet ? "rows" : "lines", want.buf);
		strbuf_release(&want);
	}
	return JAUDIT_EDATA;
}

void csv_preamble_release(struct csv_preamble *pre)
{
	size_t i;

	for (i = 0; i < pre->n; i++) {
		free(pre->label[i]);
		free(pre->value[i]);
	}
	free(pre->label);
	free(pre->value);
	memset(pre, 0, sizeof(*pre));
}

void csv_write_field(FILE *fp, const char *s)
{
	if (!s)
		s = "";
	if (!s[strcspn(s, ",\"\r\n")] && s[0] != ' ' && (!*s || s[strlen(s) - 1] != ' ')) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

void csv_write_record(FILE *fp, const char *const *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			fputc(',', fp);
		csv_write_field(fp, fields[i]);
	}
	fputs("\r\n", fp);
}

int csv_encoding_parse(const char *s, enum csv_encoding *out)
{
	if (!s)
		return -1;
	if (strcasecmp(s, "utf-8") == 0 || strcasecmp(s, "utf8") == 0)
		*out = CSV_UTF8;
	else if (strcasecmp(s, "big5") == 0 || strcasecmp(s, "cp950") == 0)
		*out = CSV_BIG5;
	else
		return -1;
	return 0;
}
