/*
 * libFuzzer target: the workbook reader (core/workbook.h) on arbitrary
 * bytes taken as a zip: open it, hand out every row of every sheet.  It
 * must never crash, and every record handed out must hold as many fields
 * as the sheet is wide, each a NUL-terminated string of at most 1 MB.
 * Seeds: tests/fuzz/workbook/ (small .xlsx and .ods files).
 */
#include "../../core/workbook.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf err = STRBUF_INIT;
	struct workbook *wb;
	size_t i, f;

	if (workbook_open_buffer(&wb, data, size, "fuzz.xlsx", &err) < 0) {
		if (!err.len)
			abort();	/* a refusal always says why */
		strbuf_release(&err);
		return 0;
	}
	for (i = 0; i < workbook_nsheets(wb); i++) {
		struct csv_reader r;
		int rc;

		workbook_reader_open(&r, wb, i);
		if (!r.sheet || strcmp(r.sheet, workbook_sheet_name(wb, i)))
			abort();
		while ((rc = csv_reader_next(&r)) != 0) {
			if (rc < 0) {
				if (!r.errmsg.len)
					abort();
				continue;
			}
			for (f = 0; f < r.nfields; f++)
				if (!r.fields[f] || strlen(r.fields[f]) > WORKBOOK_MAX_CELL)
					abort();
			if (r.fields[r.nfields])
				abort();
		}
		csv_reader_release(&r);
	}
	workbook_close(wb);
	strbuf_release(&err);
	return 0;
}
