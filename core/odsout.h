/*
 * odsout.h - the OpenDocument (.ods) form of the workbooks of xlsxout.h:
 * what core/xlsxout.c hands over when a command is asked for --format ods.
 * The same sheets: a bold header row, frozen; an autofilter; the columns'
 * widths; dates as date cells in the ROC calendar (number:calendar="ROC",
 * shown 115/09/06); numbers as float cells.  Written with libzip, the XML
 * escaped here.  Not for use outside core/xlsxout.c.
 */
#ifndef JAUDIT_ODSOUT_H
#define JAUDIT_ODSOUT_H

#include <stddef.h>

struct ods_sheet {
	const char *name;
	size_t ncols, nrows;	/* nrows including the header */
	char *const *cells;	/* nrows * ncols, row-major; NULL or "" is empty */
	const char *kinds;	/* nrows * ncols: 's' text, 'f' a number, 'd' an ISO date */
	const size_t *width;	/* ncols, in character columns */
};

/*
 * Write the sheets to path (an existing file is replaced).  0, or -1 with
 * the reason in err (errlen bytes).
 */
int ods_write(const char *path, const struct ods_sheet *sheets, size_t n,
	      char *err, size_t errlen);

#endif
