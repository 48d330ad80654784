/*
 * A year's checklist (附件3): item code, category, 構面, question, 稽核依據; a blank 構面 or 稽核依據 repeats the one above.
 */
#include "form_fields.h"
#include "../core/checklist.h"
#include "../core/db.h"

#include <stdlib.h>
#include <string.h>

enum { K_YEAR, K_CODE, K_CATEGORY, K_DIMENSION, K_QUESTION, K_BASIS, K_N };
static const struct csv_column checklist_cols[K_N] = {
	{ "年度|year", 1 },
	{ "項目代碼|code|item", 1 },
	{ "類別|category", 1 },
	{ "構面|dimension", 1 },
	{ "檢核項目|question", 1 },
	{ "稽核依據|basis", 1 },
};

static int checklist_begin(struct form_ctx *c)
{
	static const char *const sql[] = {
		"SELECT category, seq, dimension, question, basis FROM checklist_items"
		" WHERE year = :year AND code = :code",
		"SELECT count(*) FROM results r JOIN sessions s ON s.id = r.session WHERE s.year = :year",
		"INSERT INTO checklist_items (year, code, category, seq, dimension, question, basis)"
		" VALUES (:year, :code, :category, :seq, :dimension, :question, :basis)"
		" ON CONFLICT (year, code) DO UPDATE SET category = excluded.category, seq = excluded.seq,"
		" dimension = excluded.dimension, question = excluded.question, basis = excluded.basis",
		"SELECT code FROM checklist_items WHERE year = :year",
		"DELETE FROM checklist_items WHERE year = :year AND code = :code",
	};
	return kind_prepare(c, sql, 5);
}

static int parse_category(const char *s, int *specific)
{
	static const char *const common[] = { "共通性", "共通性檢核項目", "common", NULL };
	static const char *const spec[] = { "特定契約", "特定契約檢核項目", "specific", "contract-specific", NULL };
	size_t i;

	for (i = 0; common[i]; i++)
		if (strcasecmp(s, common[i]) == 0)
			return *specific = 0, 0;
	for (i = 0; spec[i]; i++)
		if (strcasecmp(s, spec[i]) == 0)
			return *specific = 1, 0;
	return -1;
}

/* The first row of a year: refused once results of the year exist. */
static int checklist_year(struct form_ctx *c, int year)
{
	struct kind_state *s = c->state;
	size_t i;
	long long n = 0;

	for (i = 0; i < s->nyears; i++)
		if (s->year_checked[i] == year)
			return 0;
	if (s->nyears == sizeof(s->year_checked) / sizeof(s->year_checked[0]))
		return form_error(c->log, c->line, "年度: more than %zu years in one file, expected one file per year or a few",
				  s->nyears);
	s->year_checked[s->nyears++] = year;
	db_bind_int(s->st[1], ":year", year);
	if (db_step(s->st[1]) == SQLITE_ROW)
		n = sqlite3_column_int64(s->st[1], 0);
	db_reset(s->st[1]);
	if (n > 0)
		return form_error(c->log, c->line, "年度: the checklist of year %d cannot be replaced: %lld results of that year refer to it",
				  year, n);
	return 0;
}

static int checklist_row(struct form_ctx *c)
{
	struct kind_state *s = c->state;
	const char *code, *cat, *question, *dim = form_field(c, K_DIMENSION);
	const char *basis = form_field(c, K_BASIS);
	int year = 0, specific = 0, ok = 1, cmp, seq;
	char key[32], seqbuf[16];

	ok &= form_row_year(c, K_YEAR, &year) == 0;
	ok &= (code = kind_need(c, checklist_cols, K_CODE, "an item code such as C01 or S03")) != NULL;
	ok &= (cat = kind_need(c, checklist_cols, K_CATEGORY, "共通性 or 特定契約")) != NULL;
	ok &= (question = kind_need(c, checklist_cols, K_QUESTION, "the item's question (檢核項目)")) != NULL;
	if (cat && parse_category(cat, &specific) < 0)
		ok = 0, kind_field_error(c, checklist_cols, K_CATEGORY, "a category", "共通性 or 特定契約 (or common, specific)");
	if (code && !(strlen(code) == 3 && (code[0] == 'C' || code[0] == 'S') &&
		      code[1] >= '0' && code[1] <= '9' && code[2] >= '0' && code[2] <= '9'))
		ok = 0, kind_field_error(c, checklist_cols, K_CODE, "an item code",
				    "C and two digits for a common item, S and two digits for a contract-specific one");
	else if (code && cat && ok && (code[0] == 'S') != specific)
		ok = 0, kind_field_error(c, checklist_cols, K_CODE, "a code of that category",
				    specific ? "an S code for a 特定契約 item" : "a C code for a 共通性 item");
	if (!ok || checklist_year(c, year) < 0)
		return JAUDIT_EDATA;
	if (s->seq_year != year) {
		s->seq_year = year;
		s->seq[0] = s->seq[1] = 0;
		free(s->fill[0][0]), free(s->fill[0][1]), free(s->fill[1][0]), free(s->fill[1][1]);
		memset(s->fill, 0, sizeof(s->fill));
	}
	/* a blank 構面 or 稽核依據 repeats the one above (附件3 merges the cells) */
	if (*dim) {
		free(s->fill[specific][0]);
		s->fill[specific][0] = xstrdup(dim);
		free(s->fill[specific][1]);
		s->fill[specific][1] = NULL;
	} else if (s->fill[specific][0]) {
		dim = s->fill[specific][0];
	} else {
		return kind_field_missing(c, checklist_cols, K_DIMENSION, "the item's 構面 (a blank cell repeats the one above, but there is none above)");
	}
	if (*basis) {
		free(s->fill[specific][1]);
		s->fill[specific][1] = xstrdup(basis);
	} else if (s->fill[specific][1]) {
		basis = s->fill[specific][1];
	}
	snprintf(key, sizeof(key), "%d|%s", year, code);
	if (kind_unique(c, key, code) < 0 || c->log->nerrors)
		return JAUDIT_EDATA;
	seq = ++s->seq[specific];
	snprintf(seqbuf, sizeof(seqbuf), "%d", seq);
	{
		const char *vals[5] = { specific ? "specific" : "common", seqbuf, dim, question, basis };

		db_bind_int(s->st[0], ":year", year);
		db_bind_text(s->st[0], ":code", code);
		cmp = kind_compare(s->st[0], vals, 5);
	}
	if (cmp != 1) {
		db_bind_int(s->st[2], ":year", year);
		db_bind_text(s->st[2], ":code", code);
		db_bind_text(s->st[2], ":category", specific ? "specific" : "common");
		db_bind_int(s->st[2], ":seq", seq);
		db_bind_text(s->st[2], ":dimension", dim);
		db_bind_text(s->st[2], ":question", question);
		db_bind_text(s->st[2], ":basis", basis);
		if (kind_run(c, s->st[2]) < 0)
			return JAUDIT_EDATA;
	}
	kind_count(c, cmp);
	return 0;
}

/* Items of the years in the file that the file no longer lists are removed. */
static int checklist_end(struct form_ctx *c)
{
	struct kind_state *s = c->state;
	size_t i, j, n;
	char **gone;
	int rc;

	for (i = 0; i < s->nyears; i++) {
		gone = NULL;
		n = 0;
		db_bind_int(s->st[3], ":year", s->year_checked[i]);
		while ((rc = db_step(s->st[3])) == SQLITE_ROW) {
			char key[32];

			snprintf(key, sizeof(key), "%d|%s", s->year_checked[i], db_text(s->st[3], 0));
			if (form_seen_add(&s->seen, key, 0) == 0) {
				gone = xrealloc(gone, (n + 1) * sizeof(*gone));
				gone[n++] = xstrdup(db_text(s->st[3], 0));
			}
		}
		db_reset(s->st[3]);
		for (j = 0; j < n; j++) {
			db_bind_int(s->st[4], ":year", s->year_checked[i]);
			db_bind_text(s->st[4], ":code", gone[j]);
			if (rc == SQLITE_DONE && kind_run(c, s->st[4]) < 0)
				rc = SQLITE_ERROR;
			free(gone[j]);
		}
		free(gone);
		if (rc != SQLITE_DONE)
			return JAUDIT_EDATA;
		c->removed += n;
	}
	return 0;
}

const struct form_kind form_kind_checklist = {
	"checklist", "checklist", checklist_cols, K_N, -1, K_YEAR, NULL,
	checklist_begin, checklist_row, checklist_end, kind_release,
};
