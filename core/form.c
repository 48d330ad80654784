#include "form.h"
#include "workbook.h"
#include "checklist.h"
#include "date.h"
#include "utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void form_log_init(struct form_log *log, const char *file)
{
	memset(log, 0, sizeof(*log));
	log->file = file;
	log->col = -1;
	strbuf_init(&log->text);
}

void form_log_release(struct form_log *log)
{
	strbuf_release(&log->text);
	memset(log, 0, sizeof(*log));
}

static void vlog(struct form_log *log, const char *kind, size_t line,
		 const char *fmt, va_list ap)
{
	strbuf_adds(&log->text, "jaudit: ");
	strbuf_adds(&log->text, kind);
	if (line && log->sheet && log->col >= 0) {
		char ref[8];

		workbook_column_name((size_t)log->col, ref);
		strbuf_addf(&log->text, "%s:%s!%s%zu: ", log->file, log->sheet, ref, line);
	} else if (line && log->sheet) {
		strbuf_addf(&log->text, "%s:%s!%zu: ", log->file, log->sheet, line);
	} else if (line)
		strbuf_addf(&log->text, "%s:%zu: ", log->file, line);
	else
		strbuf_addf(&log->text, "%s: ", log->file);
	{
		va_list cp;
		int n;

		va_copy(cp, ap);
		n = vsnprintf(NULL, 0, fmt, cp);
		va_end(cp);
		if (n > 0) {
			strbuf_grow(&log->text, (size_t)n + 1);
			vsnprintf(log->text.buf + log->text.len, (size_t)n + 1, fmt, ap);
			log->text.len += (size_t)n;
		}
	}
	strbuf_addch(&log->text, '\n');
}

int form_error(struct form_log *log, size_t line, const char *fmt, ...)
{
	va_list ap;

	if (log->nerrors++ < FORM_MAX_ERRORS) {
		va_start(ap, fmt);
		vlog(log, "", line, fmt, ap);
		va_end(ap);
	}
	return JAUDIT_EDATA;
}

void form_warn(struct form_log *log, size_t line, const char *fmt, ...)
{
	va_list ap;

	if (log->nwarnings++ < FORM_MAX_WARNINGS) {
		va_start(ap, fmt);
		vlog(log, "warning: ", line, fmt, ap);
		va_end(ap);
	}
}

int form_error_text(struct form_log *log, const char *msg)
{
	if (log->nerrors++ < FORM_MAX_ERRORS)
		strbuf_addf(&log->text, "jaudit: %s\n", msg);
	return JAUDIT_EDATA;
}

void form_log_print(const struct form_log *log, FILE *fp, const char *verb)
{
	fputs(log->text.buf ? log->text.buf : "", fp);
	if (log->nerrors > FORM_MAX_ERRORS)
		fprintf(fp, "jaudit: %s: %zu errors found, the first %d shown; correct these and %s the file again\n",
			log->file, log->nerrors, FORM_MAX_ERRORS, verb);
	else if (log->nerrors == FORM_MAX_ERRORS)
		fprintf(fp, "jaudit: %s: stopped after %d errors; the rest of the file was not checked\n",
			log->file, FORM_MAX_ERRORS);
	if (log->nwarnings > FORM_MAX_WARNINGS)
		fprintf(fp, "jaudit: warning: %s: %zu more warnings not shown\n", log->file,
			log->nwarnings - FORM_MAX_WARNINGS);
}

void form_quote(struct strbuf *sb, const char *value)
{
	size_t shown = 0;
	const char *p = value ? value : "";

	strbuf_addch(sb, '"');
	while (*p) {
		uint32_t cp;
		int n = utf8_decode(p, strlen(p), &cp);

		if (shown == 60) {
			strbuf_adds(sb, "…");
			break;
		}
		if (n == 0) {
			strbuf_addf(sb, "\\x%02X", (unsigned char)*p);
			n = 1;
		} else if (*p == '\n') {
			strbuf_adds(sb, "\\n");
		} else if (*p == '\t') {
			strbuf_adds(sb, "\\t");
		} else if (*p == '\r') {
			strbuf_adds(sb, "\\r");
		} else if (*p == '"') {
			strbuf_adds(sb, "\\\"");
		} else if ((unsigned char)*p < 0x20) {
			strbuf_addf(sb, "\\x%02X", (unsigned char)*p);
		} else {
			strbuf_add(sb, p, (size_t)n);
		}
		p += n;
		shown++;
	}
	strbuf_addch(sb, '"');
}

/* FNV-1a */
static size_t hash(const char *s)
{
	size_t h = (size_t)1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= (size_t)1099511628211ULL;
	}
	return h;
}

static void seen_grow(struct form_seen *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64, i;
	char **keys = xcalloc(cap, sizeof(*keys));
	size_t *lines = xcalloc(cap, sizeof(*lines));

	for (i = 0; i < s->cap; i++) {
		size_t j;

		if (!s->keys[i])
			continue;
		j = hash(s->keys[i]) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = s->keys[i];
		lines[j] = s->lines[i];
	}
	free(s->keys);
	free(s->lines);
	s->keys = keys;
	s->lines = lines;
	s->cap = cap;
}

size_t form_seen_add(struct form_seen *s, const char *key, size_t line)
{
	size_t j;

	if ((s->n + 1) * 2 > s->cap)
		seen_grow(s);
	j = hash(key) & (s->cap - 1);
	while (s->keys[j]) {
		if (strcmp(s->keys[j], key) == 0)
			return s->lines[j] ? s->lines[j] : 1;
		j = (j + 1) & (s->cap - 1);
	}
	s->keys[j] = xstrdup(key);
	s->lines[j] = line;
	s->n++;
	return 0;
}

void form_seen_release(struct form_seen *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->keys[i]);
	free(s->keys);
	free(s->lines);
	memset(s, 0, sizeof(*s));
}

int form_yes_no(const char *s, int *v)
{
	static const char *const yes[] = { "是", "y", "yes", "true", "1", NULL };
	static const char *const no[] = { "否", "n", "no", "false", "0", NULL };
	char buf[16];
	size_t n, i;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	for (i = 0; yes[i]; i++)
		if (strcasecmp(buf, yes[i]) == 0)
			return *v = 1, 0;
	for (i = 0; no[i]; i++)
		if (strcasecmp(buf, no[i]) == 0)
			return *v = 0, 0;
	return -1;
}

const char *form_field(struct form_ctx *c, int col)
{
	int i = c->map[col];
	char *f, *end;

	if (i < 0 || (size_t)i >= c->nfields)
		return "";
	f = c->fields[i];
	while (*f == ' ' || *f == '\t' || *f == '\n' || *f == '\r')
		f++;
	end = f + strlen(f);
	while (end > f && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return f;
}

/* The year's rule, and the database must know it (once a year a file). */
static int year_known(struct form_ctx *c, int year)
{
	int exists = 0;

	if (c->new_years_ok || year == c->known_year)
		return 0;
	if (year == c->unknown_year)
		return JAUDIT_EDATA;	/* said once already */
	if (!date_year_ok(year)) {	/* a title's 999年度 */
		c->unknown_year = year;
		return form_error(c->log, c->line, "year %d is not %s", year, DATE_YEAR_EXPECTED);
	}
	if (checklist_year_exists(c->db, year, &exists) < 0)
		return form_error(c->log, c->line, "cannot read the year's checklist (the message above says why)");
	if (!exists) {
		c->unknown_year = year;
		return form_error(c->log, c->line, "year %d is not in the database (it has no checklist); run 'jaudit init --year %d' first",
				  year, year);
	}
	c->known_year = year;
	return 0;
}

int form_row_year(struct form_ctx *c, int col, int *year)
{
	const char *s = col >= 0 ? form_field(c, col) : "";

	if (*s) {
		if (date_parse_year(s, year) < 0) {
			struct strbuf q = STRBUF_INIT;

			form_quote(&q, s);
			form_error(c->log, c->line, "年度: %s is not a year, expected %s", q.buf,
				   DATE_YEAR_EXPECTED);
			strbuf_release(&q);
			return JAUDIT_EDATA;
		}
		return year_known(c, *year);
	}
	if (c->year) {
		*year = c->year;
		return year_known(c, *year);
	}
	if (c->title_year) {
		*year = c->title_year;
		return year_known(c, *year);
	}
	return form_error(c->log, c->line,
			  "no year for this row: the file has no 年度 column and its title names no year; give --year");
}
