#include "yearpass.h"
#include "../core/db.h"
#include "../core/err.h"
#include "../core/rating.h"
#include "stats/stats.h"
#include "../core/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int code_slot(const char *code, int *cat, int *num)
{
	if ((code[0] != 'C' && code[0] != 'S') || code[1] < '0' || code[1] > '9' ||
	    code[2] < '0' || code[2] > '9' || code[3] != '\0')
		return -1;
	*cat = code[0] == 'S';
	*num = (code[1] - '0') * 10 + (code[2] - '0');
	return 0;
}

int yearpass_item_index(const struct yearpass_items *it, const char *code)
{
	int cat, num;

	if (code_slot(code, &cat, &num) < 0)
		return -1;
	return it->index[cat][num];
}

int yearpass_items_load(sqlite3 *db, int year, const char *category,
			const char *code, struct yearpass_items *it)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	memset(it, 0, sizeof(*it));
	memset(it->index, -1, sizeof(it->index));
	if (db_prepare(db, &st,
		       "SELECT code, category, dimension, question, basis FROM checklist_items"
		       " WHERE year = :year AND (:category IS NULL OR category = :category)"
		       " AND (:code IS NULL OR code = :code)"
		       " ORDER BY category = 'specific', seq") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", year);
	db_bind_text(st, ":category", category);
	db_bind_text(st, ":code", code);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		struct yearpass_item *item;
		int cat, num;

		if (it->n == alloc) {
			alloc = alloc ? 2 * alloc : 32;
			it->items = xrealloc(it->items, alloc * sizeof(*it->items));
		}
		item = &it->items[it->n];
		item->code = xstrdup(db_text(st, 0));
		item->category = xstrdup(db_text(st, 1));
		item->dimension = xstrdup(db_text(st, 2));
		item->question = xstrdup(db_text(st, 3));
		item->basis = xstrdup(db_text(st, 4));
		if (code_slot(item->code, &cat, &num) == 0)	/* the schema's CHECK holds */
			it->index[cat][num] = (int)it->n;
		it->n++;
	}
	db_finalize(st);
	if (rc != SQLITE_DONE) {
		yearpass_items_release(it);
		return JAUDIT_EDATA;
	}
	return 0;
}

void yearpass_items_release(struct yearpass_items *it)
{
	size_t i;

	for (i = 0; i < it->n; i++) {
		free(it->items[i].code);
		free(it->items[i].category);
		free(it->items[i].dimension);
		free(it->items[i].question);
		free(it->items[i].basis);
	}
	free(it->items);
	memset(it, 0, sizeof(*it));
}

/*
 * Ordered by the sessions_year index (year = :year, then taxid): SQLite
 * walks the index and each session's rows of session_items by primary key,
 * and sorts nothing (tests/test_analysis.c checks the plan).  session_items
 * holds the worst rating of each item over the session's contracts
 * (sql/010_session_items.sql), so the pass reads one narrow row per
 * (session, item) rather than every contract's results with their texts.
 * A GROUP BY taxid, item here costs a temporary B-tree of every row.
 */
const char yearpass_sql[] =
	"SELECT s.taxid, i.item, i.worst"
	" FROM sessions s JOIN session_items i ON i.session = s.id"
	" WHERE s.year = :year ORDER BY s.taxid";

/* The same pass over every row of results, for `make bench` to compare. */
const char yearpass_results_sql[] =
	"SELECT s.taxid, r.item,"
	" CASE r.rating WHEN 'noncompliant' THEN 3 WHEN 'partial' THEN 2"
	" WHEN 'compliant' THEN 1 ELSE 0 END"
	" FROM sessions s JOIN results r ON r.session = s.id"
	" WHERE s.year = :year ORDER BY s.taxid";

int yearpass_run(sqlite3 *db, int year, const struct yearpass_items *it,
		 yearpass_fn fn, void *ctx)
{
	sqlite3_stmt *st;
	unsigned char *worst = xcalloc(it->n ? it->n : 1, 1);
	char taxid[32] = "";
	int rc, have = 0, ret = 0;

	if (db_prepare(db, &st, getenv("JAUDIT_BENCH_RESULTS") ? yearpass_results_sql
							      : yearpass_sql) < 0) {
		free(worst);
		return JAUDIT_EDATA;
	}
	db_bind_int(st, ":year", year);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		const char *t = db_text(st, 0);
		int idx = yearpass_item_index(it, db_text(st, 1));
		int r = sqlite3_column_int(st, 2);

		if (!have || strcmp(t, taxid) != 0) {
			if (have && (ret = fn(ctx, taxid, worst)) < 0)
				break;
			snprintf(taxid, sizeof(taxid), "%s", t);
			memset(worst, RATING_NA, it->n);
			have = 1;
		}
		if (idx >= 0 && r > worst[idx])
			worst[idx] = (unsigned char)r;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = JAUDIT_EDATA;
	if (ret == 0 && have)
		ret = fn(ctx, taxid, worst);
	db_finalize(st);
	free(worst);
	return ret;
}

int yearpass_interval(unsigned k, unsigned n, double level, int exact,
		      double *lo, double *hi)
{
	if (n == 0) {
		*lo = *hi = NAN;
		return 0;
	}
	if (exact)
		return binom_exact(k, n, level, lo, hi);
	binom_wilson(k, n, level, lo, hi);
	return 0;
}

void yearpass_json_num(cJSON *o, const char *key, double v)
{
	if (isnan(v))
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddNumberToObject(o, key, v);
}
