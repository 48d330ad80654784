/*
 * charts.h - the charts of `jaudit plot` and `jaudit report`, each a
 * function over the figures of analysis.h and remediation.h (no database
 * access), drawn by gnuplot (gnuplot.h) in the style of style.h.
 *
 * Each writes OUTDIR/NAME.png or OUTDIR/NAME.svg (NAME is the chart's
 * name: common, dimensions, heatmap, funnel, trend, status, burndown, closure);
 * with keep_scripts also NAME.gp and its data files NAME*.dat there.
 * Each returns 0, or JAUDIT_EDATA with a message (gnuplot missing or
 * failing, the directory not writable, nothing to draw).
 */
#ifndef JAUDIT_CHARTS_H
#define JAUDIT_CHARTS_H

#include <stddef.h>
#include "../analyze/analysis.h"
#include "../core/date.h"
#include "../track/remediation.h"
#include "style.h"

struct chart_opts {
	const char *outdir;		/* must exist */
	enum chart_format format;
	int en;				/* English labels */
	int keep_scripts;		/* leave NAME.gp and NAME*.dat beside the image */
	int names;			/* heatmap: vendors' names instead of 廠商A, 廠商B … */
};

/* The file name of chart `name` in o's format ("common.png") into buf. */
void chart_file_name(const struct chart_opts *o, const char *name, char *buf, size_t size);

/* Items with a finding rate: bars sorted by rate, intervals, p0, common ones marked. */
int chart_common(const struct chart_opts *o, const struct analysis *a);

/* The share of vendors with a finding in each 構面, with intervals. */
int chart_dimensions(const struct chart_opts *o, const struct analysis *a);

/*
 * Rate per year of the `top` items with the highest rate in the latest
 * year (all items when there are no more), with interval bands, and the
 * mean findings per vendor of each year on the right axis.
 */
int chart_trend(const struct chart_opts *o, const struct trend *t, size_t top);

/* Records by owner and status as stacked bars, as of s->as_of. */
int chart_status(const struct chart_opts *o, const struct remed_summary *s);

/* Open records day by day, and the records due each day. */
int chart_burndown(const struct chart_opts *o, int year, struct jdate as_of,
		   const struct remed_burn_point *p, size_t n);

/* The Kaplan-Meier curve of time to closure, its interval and median. */
int chart_closure(const struct chart_opts *o, const struct remed_summary *s);

/* Vendors x items coloured by rating; vendors anonymised unless o->names. */
/*
 * The funnel plot of the year's vendors (funnel.h): each vendor's share of
 * its applicable items with a finding against their number, the year's rate
 * p0 and the 95% / 99.8% limits; the vendors outside 95% labelled
 * 廠商A … (their names with o->names).
 */
int chart_funnel(const struct chart_opts *o, const struct analysis *a);
int chart_heatmap(const struct chart_opts *o, int year, const struct rating_matrix *m);

/*
 * A date as the charts and the report show it, into buf (DATE_ROC_LEN):
 * 115年11月20日, or with en 115/11/20 (the ROC year either way).
 */
void chart_date(struct jdate d, int en, char *buf);

/*
 * The anonymous name of the i-th vendor (0-based): 廠商A … 廠商Z, 廠商AA …
 * (en: Vendor A …), into buf.
 */
void chart_vendor_alias(size_t i, int en, char *buf, size_t size);

#endif
