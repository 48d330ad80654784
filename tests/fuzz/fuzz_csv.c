/*
 * libFuzzer target: the CSV reader (core/csv.h) in both encodings.
 *
 * The first byte picks the encoding (even: UTF-8, odd: Big5) and whether
 * the header search runs first; the rest is the file.  Beyond crashes,
 * leaks and undefined behaviour it checks the reader's promises: every
 * record has at least one field and every field is valid UTF-8 (Big5 is
 * converted), every error has a message, and a fatal error ends the file.
 */
#include "../../core/csv.h"
#include "../../core/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct csv_column vendor_cols[] = {
	{ "統一編號|taxid", 1 },
	{ "廠商名稱|name", 1 },
	{ "候選|candidate", 0 },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader r;
	FILE *fp;
	int rc, records = 0;
	unsigned mode;

	if (size < 1)
		return 0;
	mode = data[0];
	data++;
	size--;
	fp = fmemopen(size ? (void *)data : (void *)"", size, "rb");
	if (!fp)
		return 0;
	if (csv_reader_open_fp(&r, fp, "fuzz.csv", (mode & 1) ? CSV_BIG5 : CSV_UTF8) < 0) {
		csv_reader_release(&r);
		fclose(fp);
		return 0;
	}
	if (mode & 2) {
		int map[3];
		size_t nheader = 0;
		struct csv_preamble pre = { NULL, NULL, 0 };

		rc = csv_find_header(&r, vendor_cols, 3, map, &nheader, &pre);
		if (rc < 0 && r.errmsg.len == 0)
			abort();
		if (rc == 0 && (map[0] < 0 || map[1] < 0 || (size_t)map[0] >= nheader ||
				(size_t)map[1] >= nheader))
			abort();
		csv_preamble_release(&pre);
		if (rc < 0 && r.fatal)
			goto out;
	}
	while ((rc = csv_reader_next(&r)) != 0) {
		size_t i;

		if (rc < 0) {
			if (r.errmsg.len == 0)
				abort();
			if (r.fatal)
				break;
			continue;
		}
		if (r.nfields < 1 || r.fields[r.nfields] != NULL)
			abort();
		for (i = 0; i < r.nfields; i++)
			if (!utf8_valid(r.fields[i], strlen(r.fields[i]), NULL))
				abort();
		(void)csv_record_blank(&r);
		if (++records > 1000000)
			abort();	/* more records than bytes: a loop */
	}
out:
	csv_reader_release(&r);
	fclose(fp);
	return 0;
}
