/*
 * figures.h - what `plot` and `report` read from the database for a year,
 * and the drawing of a chart by name over it.
 */
#ifndef JAUDIT_FIGURES_H
#define JAUDIT_FIGURES_H

#include <sqlite3.h>
#include "../analyze/analysis.h"
#include "../core/date.h"
#include "../track/remediation.h"
#include "charts.h"
#include "html.h"

enum {
	FIG_ANALYSIS = 1,	/* analysis_run */
	FIG_TREND = 2,		/* trend_run over [from, to] */
	FIG_REMED = 4,		/* remed_load once: the summary, the burn-down, the overdue list */
	FIG_MATRIX = 8,		/* analysis_matrix */
	FIG_ALL = 15,
};

struct figures {
	unsigned loaded;		/* FIG_* */
	int year, from, to;
	struct jdate as_of;
	struct analysis a;
	struct trend t;
	struct remed_summary s;
	struct remed_burn_point *burn;
	size_t nburn;
	struct rating_matrix m;
	struct report_overdue *overdue;	/* most overdue first */
	size_t noverdue;
	struct remed_set records;	/* what overdue points into */
};

/*
 * The years from..to that have results, up to `upto` (0 for any): 0 and
 * *from <= *to, or 0 with *from = *to = 0 when none; JAUDIT_EDATA on a
 * database error.
 */
int figures_years(sqlite3 *db, int upto, int *from, int *to);

/*
 * Load what `what` asks for.  p->year is the year; from and to the trend's
 * years (item NULL for every item).  Returns 0 or JAUDIT_EDATA; release with
 * figures_release() either way.
 */
int figures_load(sqlite3 *db, const struct analysis_params *p, int from, int to,
		 const char *item, struct jdate as_of, unsigned what, struct figures *f);
void figures_release(struct figures *f);

/* The charts in the order `all` draws them. */
extern const char *const figures_chart_names[];
extern const size_t figures_nchart_names;

/* The FIG_* a chart needs; 0 for an unknown name. */
unsigned figures_needs(const char *chart);

/*
 * Why the data does not allow chart `name` ("the database holds results of
 * one year only"), or NULL when it does.
 */
const char *figures_why_not(const struct figures *f, const char *name, int en);

/* Draw chart `name` (top: the trend's item count).  0 or JAUDIT_EDATA. */
int figures_draw(const struct figures *f, const char *name, const struct chart_opts *o, size_t top);

/* The caption of a chart in the report. */
const char *figures_caption(const char *name, int en);

#endif

/* --- the options `plot` and `report` share ------------------------------- */

struct figures_opts {
	struct analysis_params p;	/* year, --ci, --level, --p0, --alpha, --strict */
	struct jdate as_of;		/* --as-of, else today */
	int have_as_of;
	int from, to;			/* --from, --to (0: the years the database holds) */
	const char *item;		/* --item */
	size_t top;			/* --top, default 5 */
	int en, names, keep;		/* --lang en, --names, --keep-scripts */
	enum chart_format format;	/* --format */
	const char *out;		/* --out */
};

/* The long options both take. */
#define FIGURES_LONG_OPTIONS \
	{ "year", required_argument, NULL, 'y' }, \
	{ "out", required_argument, NULL, 'o' }, \
	{ "lang", required_argument, NULL, 'l' }, \
	{ "as-of", required_argument, NULL, 'd' }, \
	ANALYSIS_OPTIONS, \
	ANALYSIS_TEST_OPTIONS

void figures_opts_init(struct figures_opts *o);

/*
 * Handle option c (with its argument) for command cmd: 1 when it was one of
 * FIGURES_LONG_OPTIONS, 0 when it is not, JAUDIT_EUSAGE for a bad value.
 */
int figures_option(const char *cmd, int c, const char *arg, struct figures_opts *o);

/*
 * After parsing: --year and --out given, today as the default --as-of,
 * the output directory made (one level) if missing.  0 or an error code.
 */
int figures_opts_finish(const char *cmd, struct figures_opts *o);
