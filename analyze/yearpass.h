/*
 * yearpass.h - one streaming pass over a year's results, vendor by vendor,
 * shared by analysis_run(), analysis_matrix() and trend_run().
 *
 * The unit is the vendor: for each checklist item the worst rating over
 * the vendor's sessions and sampled contracts (不符合 > 部分符合 > 符合 >
 * 不適用, so 不適用 only when every rating is 不適用; an item without any
 * result counts as 不適用).  SQLite streams the results in the order of the
 * sessions_year index (year, taxid), without a sort; the worst rating is
 * folded in C while the rows of one vendor go by, so memory holds one
 * vendor at a time, never the year.
 */
#ifndef JAUDIT_YEARPASS_H
#define JAUDIT_YEARPASS_H

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stddef.h>

/* The items of one year's checklist, in checklist order. */
struct yearpass_item {
	char *code, *category, *dimension, *question, *basis;
};

struct yearpass_items {
	struct yearpass_item *items;
	size_t n;
	int index[2][100];	/* C00..C99, S00..S99 -> position, or -1 */
};

/*
 * Load the checklist of year, only category ("common" / "specific") when
 * not NULL, only the item code when not NULL.  A year without a checklist
 * gives n = 0 (check with checklist_year_exists first where that is an
 * error).  Returns 0 or JAUDIT_EDATA; release with yearpass_items_release().
 */
int yearpass_items_load(sqlite3 *db, int year, const char *category,
			const char *code, struct yearpass_items *it);
void yearpass_items_release(struct yearpass_items *it);

/* The position of code in it, or -1. */
int yearpass_item_index(const struct yearpass_items *it, const char *code);

/*
 * Called once per vendor with results in the year, in taxid order: worst[i]
 * is the vendor's worst rating (enum rating) of it->items[i].  taxid is
 * valid during the call only.  Return 0, or a negative code to stop.
 */
typedef int (*yearpass_fn)(void *ctx, const char *taxid, const unsigned char *worst);

/* The statement of the pass (:year bound), for a test of its query plan. */
extern const char yearpass_sql[];
/*
 * The same pass over every contract's results instead of session_items:
 * what the pass read before sql/010.  Used in its place when the
 * environment sets JAUDIT_BENCH_RESULTS (tools/bench_analyze.sh compares
 * the two in one run); the figures are the same.
 */
extern const char yearpass_results_sql[];

/* Run the pass; returns 0, the callback's negative code, or JAUDIT_EDATA. */
int yearpass_run(sqlite3 *db, int year, const struct yearpass_items *it,
		 yearpass_fn fn, void *ctx);

/*
 * The interval of k of n at level: Wilson, or Clopper-Pearson when exact.
 * NAN both when n = 0.  Returns 0 or JAUDIT_EDATA.
 */
int yearpass_interval(unsigned k, unsigned n, double level, int exact,
		      double *lo, double *hi);

/* Add key: v, or null for NAN (a statistic not defined for the data). */
void yearpass_json_num(cJSON *o, const char *key, double v);

#endif
