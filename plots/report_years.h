/*
 * report_years.h - the appendices of the annual report on the vendors
 * across the years and within the year: repeat findings (附錄一), the
 * findings by 稽核依據 and the funnel plot's vendors (附錄二).
 */
#ifndef JAUDIT_REPORT_YEARS_H
#define JAUDIT_REPORT_YEARS_H

#include <sqlite3.h>
#include "../analyze/analysis.h"
#include "../core/strbuf.h"

struct figures_opts;	/* figures.h */

/*
 * Append the appendices' HTML sections to html and write their tables as
 * CSV into o->out (repeats.csv, repeats_closed.csv, basis.csv, funnel.csv).
 * from: the first year with results (0 for none); the years compared are
 * from..o->p.year.  a: the year's analysis.  names: the funnel's table
 * names the vendors (the internal edition).  Returns 0 or JAUDIT_EDATA
 * with a message.
 */
int report_vendor_years(sqlite3 *db, const struct figures_opts *o, int from,
			const struct analysis *a, int names, struct strbuf *html);

#endif
