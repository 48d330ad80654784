/*
 * report_years.h - the appendices of the annual report on the vendors
 * across the years and within the year: repeat findings (附錄一).
 */
#ifndef JAUDIT_REPORT_YEARS_H
#define JAUDIT_REPORT_YEARS_H

#include <sqlite3.h>
#include "../analyze/analysis.h"
#include "../core/strbuf.h"

struct figures_opts;	/* figures.h */

/*
 * Append the appendices' HTML sections to html and write their tables as
 * CSV into o->out (repeats.csv, repeats_closed.csv).  from: the first year
 * with results (0 for none); the years compared are from..o->p.year.  a:
 * the year's analysis.  Returns 0 or JAUDIT_EDATA with a message.
 */
int report_vendor_years(sqlite3 *db, const struct figures_opts *o, int from,
			const struct analysis *a, struct strbuf *html);

#endif
