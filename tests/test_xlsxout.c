/*
 * Unit tests for core/xlsxout.c: a workbook written, then read back with
 * jaudit's own workbook reader (core/workbook.h), holds the cells as they
 * were meant: text as text (leading zeros kept), numbers as number cells,
 * ISO dates as date cells; a failed write leaves nothing behind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/csv.h"
#include "../core/workbook.h"
#include "../core/xlsxout.h"

static char dir[] = "/tmp/jaudit-test-xlsxout.XXXXXX";

static int setup(void **state)
{
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void path_of(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", dir, name);
}

/* the next row of r, its cells joined by '|' and whether each was a number (N) */
static void next_row(struct csv_reader *r, char *buf, size_t n)
{
	size_t j, len = 0;

	assert_int_equal(csv_reader_next(r), 1);
	buf[0] = '\0';
	for (j = 0; j < r->nfields; j++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s%s", j ? "|" : "", r->fields[j],
					r->numeric && r->numeric[j] ? "(N)" : "");
}

static void test_cells_keep_their_kind(void **state)
{
	static const char *const head[] = { "統一編號", "逾期日數", "完成期限", "猜測" };
	static const char *const row1[] = { "04595257", "75", "2026-09-06", "0123" };
	static const char *const row2[] = { "22099131", "0.5520", "", "2026-02-28" };
	static const char *const row3[] = { "", "—", "115/09/06", "-1.5e-3" };
	char path[256], buf[256];
	struct xlsxbook *b;
	struct rowout o;
	struct csv_reader r;

	path_of(path, sizeof(path), "kinds.xlsx");
	b = xlsxbook_open("test", path, 0);
	assert_non_null(b);
	rowout_xlsx(&o, b);
	rowout_begin(&o, "表[1]", head, 4, "tnda");
	rowout_row(&o, row1);
	rowout_row(&o, row2);
	rowout_row(&o, row3);
	assert_int_equal(xlsxbook_close(b), 0);

	assert_int_equal(workbook_reader_open_path(&r, path, NULL, NULL, NULL), 0);
	assert_string_equal(r.sheet, "表_1_");	/* Excel allows no [ ] in a sheet name */
	next_row(&r, buf, sizeof(buf));
	assert_string_equal(buf, "統一編號|逾期日數|完成期限|猜測");
	next_row(&r, buf, sizeof(buf));
	/* the 統一編號 and 0123 stay text; 75 is a number; the date a date cell */
	assert_string_equal(buf, "04595257|75(N)|2026-09-06|0123");
	next_row(&r, buf, sizeof(buf));
	assert_string_equal(buf, "22099131|0.552(N)||2026-02-28");
	next_row(&r, buf, sizeof(buf));
	/* what is not a number or an ISO date is written as text */
	assert_string_equal(buf, "|—|115/09/06|-0.0015(N)");
	assert_int_equal(csv_reader_next(&r), 0);
	csv_reader_release(&r);
}

/* the same cells as OpenDocument, read back by the .ods reader */
static void test_ods_cells_keep_their_kind(void **state)
{
	static const char *const head[] = { "統一編號", "逾期日數", "完成期限", "說明" };
	static const char *const row1[] = { "04595257", "75", "2026-09-06", "a<b & \"c\"" };
	static const char *const row2[] = { "", "0.5520", "", "" };
	char path[256], buf[256];
	struct xlsxbook *b;
	struct rowout o;
	struct csv_reader r;

	path_of(path, sizeof(path), "kinds.ods");
	b = xlsxbook_open_as("test", path, 0, 1);
	assert_non_null(b);
	rowout_xlsx(&o, b);
	rowout_begin(&o, "工作表'1", head, 4, "tndt");
	rowout_row(&o, row1);
	rowout_row(&o, row2);
	assert_int_equal(xlsxbook_close(b), 0);

	assert_int_equal(workbook_reader_open_path(&r, path, NULL, NULL, NULL), 0);
	assert_string_equal(r.sheet, "工作表'1");
	next_row(&r, buf, sizeof(buf));
	assert_string_equal(buf, "統一編號|逾期日數|完成期限|說明");
	next_row(&r, buf, sizeof(buf));
	assert_string_equal(buf, "04595257|75(N)|2026-09-06|a<b & \"c\"");
	next_row(&r, buf, sizeof(buf));
	assert_string_equal(buf, "|0.552(N)||");
	assert_int_equal(csv_reader_next(&r), 0);
	csv_reader_release(&r);
}

static void test_csv_backend_writes_bom_and_rows(void **state)
{
	static const char *const head[] = { "項目", "n" };
	static const char *const row[] = { "C01", "a,b" };
	char path[256], text[64];
	struct rowout o;
	FILE *fp;
	size_t n;

	path_of(path, sizeof(path), "rows.csv");
	fp = fopen(path, "wb");
	assert_non_null(fp);
	rowout_csv(&o, fp);
	rowout_begin(&o, "ignored", head, 2, "tn");
	rowout_row(&o, row);
	fclose(fp);
	fp = fopen(path, "rb");
	n = fread(text, 1, sizeof(text) - 1, fp);
	fclose(fp);
	text[n] = '\0';
	assert_string_equal(text, "\xEF\xBB\xBF項目,n\r\nC01,\"a,b\"\r\n");
}

static void test_sheets_from_csv_files(void **state)
{
	char path[256], buf[256];
	struct csv_reader r;
	struct workbook *wb;
	struct strbuf err = STRBUF_INIT;
	FILE *fp;

	path_of(path, sizeof(path), "one.csv");
	fp = fopen(path, "wb");
	fputs("\xEF\xBB\xBF追蹤編號,完成期限,逾期日數\r\n115-01-C04,2026-09-06,75\r\n", fp);
	fclose(fp);
	path_of(path, sizeof(path), "two.csv");
	fp = fopen(path, "wb");
	fputs("a\r\nx\r\n", fp);
	fclose(fp);
	/* missing.csv is left out */
	assert_int_equal(xlsx_from_csv_files("test", dir, "one.csv missing.csv two.csv", "both.xlsx"), 0);
	path_of(path, sizeof(path), "both.xlsx");
	assert_int_equal(workbook_open(&wb, path, &err), 0);
	assert_int_equal(workbook_nsheets(wb), 2);
	assert_string_equal(workbook_sheet_name(wb, 0), "one");
	assert_string_equal(workbook_sheet_name(wb, 1), "two");
	workbook_reader_open(&r, wb, 0);
	next_row(&r, buf, sizeof(buf));
	next_row(&r, buf, sizeof(buf));
	assert_string_equal(buf, "115-01-C04|2026-09-06|75(N)");
	csv_reader_release(&r);
	workbook_close(wb);
	strbuf_release(&err);
}

static void test_failed_write_leaves_nothing(void **state)
{
	static const char *const head[] = { "a" };
	char path[256], tmp[300];
	struct xlsxbook *b;
	struct stat st;
	FILE *fp;

	/* a folder where the file should go: the rename fails, the .tmp is removed */
	path_of(path, sizeof(path), "folder.xlsx");
	assert_int_equal(mkdir(path, 0700), 0);
	b = xlsxbook_open("test", path, 0);
	assert_non_null(b);
	xlsxbook_sheet(b, "s", head, 1, NULL);
	assert_int_not_equal(xlsxbook_close(b), 0);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	assert_int_not_equal(stat(tmp, &st), 0);

	/* a sheet name used twice: an error, the old file untouched */
	path_of(path, sizeof(path), "old.xlsx");
	fp = fopen(path, "wb");
	fputs("old", fp);
	fclose(fp);
	b = xlsxbook_open("test", path, 1);
	assert_non_null(b);
	xlsxbook_sheet(b, "s", head, 1, NULL);
	xlsxbook_sheet(b, "s", head, 1, NULL);
	assert_int_not_equal(xlsxbook_close(b), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 3);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	assert_int_not_equal(stat(tmp, &st), 0);
}

static void test_private_workbook_is_0600(void **state)
{
	static const char *const head[] = { "a" };
	char path[256];
	struct xlsxbook *b;
	struct stat st;

	path_of(path, sizeof(path), "private.xlsx");
	b = xlsxbook_open("test", path, 1);
	assert_non_null(b);
	xlsxbook_sheet(b, "s", head, 1, NULL);
	assert_int_equal(xlsxbook_close(b), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells_keep_their_kind),
		cmocka_unit_test(test_ods_cells_keep_their_kind),
		cmocka_unit_test(test_csv_backend_writes_bom_and_rows),
		cmocka_unit_test(test_sheets_from_csv_files),
		cmocka_unit_test(test_failed_write_leaves_nothing),
		cmocka_unit_test(test_private_workbook_is_0600),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
