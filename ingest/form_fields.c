/*
 * The checks and bookkeeping every form kind shares (form_fields.h).
 */
#include "form_fields.h"
#include "../core/db.h"
#include "../core/taxid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int kind_prepare(struct form_ctx *c, const char *const *sql, size_t n)
{
	struct kind_state *s = xcalloc(1, sizeof(*s));
	size_t i;

	c->state = s;
	for (i = 0; i < n; i++)
		if (db_prepare(c->db, &s->st[i], sql[i]) < 0)
			return JAUDIT_EDATA;
	return 0;
}

void kind_release(struct form_ctx *c)
{
	struct kind_state *s = c->state;
	size_t i;

	if (!s)
		return;
	for (i = 0; i < 8; i++)
		db_finalize(s->st[i]);
	form_seen_release(&s->seen);
	for (i = 0; i < s->ncand; i++) {
		free(s->cand_taxid[i]);
		free(s->cand_name[i]);
	}
	free(s->cand_taxid);
	free(s->cand_name);
	for (i = 0; i < 4; i++)
		free(s->fill[i / 2][i % 2]);
	free(s);
	c->state = NULL;
}

/* The column's printed name: the text before the first '|'. */
static void col_name(const struct csv_column *cols, int col, char *buf, size_t size)
{
	const char *names = cols[col].names;
	size_t n = strcspn(names, "|");

	snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), names);
}

/* "COLUMN: "VALUE" is not WHAT, expected EXPECTED" */
int kind_field_error(struct form_ctx *c, const struct csv_column *cols, int col,
		       const char *what, const char *expected)
{
	struct strbuf q = STRBUF_INIT;
	char name[96];

	col_name(cols, col, name, sizeof(name));
	form_quote(&q, form_field(c, col));
	c->log->col = c->map[col];
	form_error(c->log, c->line, "%s: %s is not %s, expected %s", name, q.buf, what, expected);
	c->log->col = -1;
	strbuf_release(&q);
	return JAUDIT_EDATA;
}

int kind_field_missing(struct form_ctx *c, const struct csv_column *cols, int col,
			 const char *expected)
{
	char name[96];
	int rc;

	col_name(cols, col, name, sizeof(name));
	c->log->col = c->map[col];
	rc = form_error(c->log, c->line, "%s: empty, expected %s", name, expected);
	c->log->col = -1;
	return rc;
}

/* A required cell: non-empty; NULL with an error otherwise. */
const char *kind_need(struct form_ctx *c, const struct csv_column *cols, int col,
			const char *expected)
{
	const char *s = form_field(c, col);

	if (!*s) {
		kind_field_missing(c, cols, col, expected);
		return NULL;
	}
	return s;
}

int kind_yes_no(struct form_ctx *c, const struct csv_column *cols, int col, int *v)
{
	const char *s = form_field(c, col);

	if (form_yes_no(s, v) < 0)
		return *s ? kind_field_error(c, cols, col, "是 or 否", FORM_YES_NO_EXPECTED)
			  : kind_field_missing(c, cols, col, FORM_YES_NO_EXPECTED);
	return 0;
}

int kind_whole_number(struct form_ctx *c, const struct csv_column *cols, int col, long *v)
{
	const char *s = form_field(c, col);
	char *end;

	if (!*s)
		return kind_field_missing(c, cols, col, "a whole number of 0 or more");
	*v = strtol(s, &end, 10);
	if (*end || s[0] == '-' || s[0] == '+' || *v < 0 || *v > 1000000)
		return kind_field_error(c, cols, col, "a whole number of 0 or more", "a count such as 3");
	return 0;
}

int kind_taxid(struct form_ctx *c, const struct csv_column *cols, int col, const char **out)
{
	const char *s = kind_need(c, cols, col, "the 統一編號 (8 digits)");

	if (!s)
		return JAUDIT_EDATA;
	/*
	 * A 統一編號 typed into a number cell lost its leading zeros
	 * (01234567 shows as 1234567): it is 8 digits by its meaning.
	 */
	if (c->numeric && c->numeric[c->map[col]] && strlen(s) < 8 && s[strspn(s, "0123456789")] == '\0') {
		char *buf = c->taxid_buf[c->ntaxid++ % 4];

		snprintf(buf, sizeof(c->taxid_buf[0]), "%08ld", strtol(s, NULL, 10));
		s = buf;
	}
	if (!taxid_valid(s))
		return kind_field_error(c, cols, col, "a valid 統一編號",
				   "8 digits that pass the Ministry of Finance check rule");
	*out = s;
	return 0;
}

/* An error if key was already seen in the file; what names the record. */
int kind_unique(struct form_ctx *c, const char *key, const char *what)
{
	struct kind_state *s = c->state;
	size_t first = form_seen_add(&s->seen, key, c->line);

	if (first)
		return form_error(c->log, c->line, "%s appears twice in the file (first on %s %zu); keep one of the rows",
				  what, c->log->sheet ? "row" : "line", first);
	return 0;
}

/* Step a statement that returns no row; reset it. */
int kind_run(struct form_ctx *c, sqlite3_stmt *st)
{
	int rc = db_step(st);

	db_reset(st);
	if (rc != SQLITE_DONE)
		return form_error(c->log, c->line, "the database refused the row (the message above says why)");
	return 0;
}

/* 1 if the current row of st (columns 0..n-1) equals vals. */
static int same_row(sqlite3_stmt *st, const char *const *vals, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(db_text(st, i), vals[i] ? vals[i] : "") != 0)
			return 0;
	return 1;
}

/*
 * Look the record up with st (bound by the caller): 0 absent, 1 same as
 * vals, 2 different.  Resets st.
 */
int kind_compare(sqlite3_stmt *st, const char *const *vals, int n)
{
	int rc = db_step(st), r = 0;

	if (rc == SQLITE_ROW)
		r = same_row(st, vals, n) ? 1 : 2;
	db_reset(st);
	return r;
}

void kind_count(struct form_ctx *c, int cmp)
{
	if (cmp == 0)
		c->added++;
	else if (cmp == 1)
		c->unchanged++;
	else
		c->replaced++;
}
