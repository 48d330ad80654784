/* Unit tests for core/csv.c: forms as agencies save them, and what must be refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/csv.h"

#define DATA(f) TEST_DATA_DIR "/csv/" f

static const struct csv_column auth_cols[] = {
	{ "編號|no", 0 },
	{ "機關名稱|agency", 1 },
	{ "契約案名|contract", 1 },
	{ "履約範圍|scope", 0 },
	{ "系統名稱|system", 0 },
	{ "廠商名稱|vendor", 1 },
	{ "廠商是否知悉稽核作業|vendor_aware", 1 },
};

static void test_csv_finds_header_below_contact_block(void **state)
{
	struct csv_reader r;
	struct csv_preamble pre = { NULL, NULL, 0 };
	int map[7];
	size_t nheader = 0;

	(void)state;
	assert_int_equal(csv_reader_open(&r, DATA("form_authorizations.csv"), CSV_UTF8), 0);
	assert_int_equal(csv_find_header(&r, auth_cols, 7, map, &nheader, &pre), 0);
	assert_int_equal(r.record_line, 7);
	assert_int_equal(nheader, 7);
	assert_int_equal(map[0], 0);
	assert_int_equal(map[5], 5);
	assert_int_equal(map[6], 6);
	/* the contact block, label and value; blank lines left out */
	assert_int_equal(pre.n, 5);
	assert_string_equal(pre.label[0], "一、機關承辦人聯絡資訊");
	assert_string_equal(pre.label[1], "機關");
	assert_string_equal(pre.value[1], "數位發展部");
	assert_string_equal(pre.label[3], "姓名");
	assert_string_equal(pre.value[3], "林小明");

	assert_int_equal(csv_reader_next(&r), 1);
	assert_int_equal(r.record_line, 11);	/* the header took lines 7-10 */
	assert_int_equal(r.nfields, 7);
	assert_string_equal(r.fields[3], "維運, 資安");
	assert_string_equal(r.fields[5], "青峰資訊股份有限公司");

	assert_int_equal(csv_reader_next(&r), 1);
	assert_int_equal(r.record_line, 12);
	assert_string_equal(r.fields[2], "說\"明\"案");
	assert_string_equal(r.fields[3], "多行\n內容");	/* CRLF inside quotes becomes LF */
	assert_string_equal(r.fields[4], "");

	assert_int_equal(csv_reader_next(&r), 1);	/* the trailing ,,,,,, row */
	assert_int_equal(r.record_line, 14);
	assert_true(csv_record_blank(&r));
	assert_int_equal(csv_reader_next(&r), 0);
	csv_preamble_release(&pre);
	csv_reader_release(&r);
}

static void test_csv_refuses_unbalanced_quote_naming_its_line(void **state)
{
	struct csv_reader r;
	int rc;

	(void)state;
	assert_int_equal(csv_reader_open(&r, DATA("unbalanced_quote.csv"), CSV_UTF8), 0);
	assert_int_equal(csv_reader_next(&r), 1);
	assert_int_equal(csv_reader_next(&r), 1);
	rc = csv_reader_next(&r);
	assert_true(rc < 0);
	assert_true(r.fatal);
	assert_string_equal(r.errmsg.buf, DATA("unbalanced_quote.csv")
			    ":3: a quoted field that begins on this line is never closed (a \" is missing)");
	csv_reader_release(&r);
}

static void test_csv_refuses_bytes_that_are_not_utf8(void **state)
{
	struct csv_reader r;

	(void)state;
	assert_int_equal(csv_reader_open(&r, DATA("big5_in_utf8.csv"), CSV_UTF8), 0);
	assert_int_equal(csv_reader_next(&r), 1);
	assert_int_equal(csv_reader_next(&r), 1);
	assert_true(csv_reader_next(&r) < 0);
	assert_false(r.fatal);
	assert_string_equal(r.errmsg.buf, DATA("big5_in_utf8.csv")
			    ":3: byte 0xA5 at byte 1 is not UTF-8 text; if the file was saved as Big5, add --encoding big5");
	/* the reader goes on with the next line */
	assert_int_equal(csv_reader_next(&r), 1);
	assert_string_equal(r.fields[0], "4");
	csv_reader_release(&r);
}

static void test_csv_refuses_nul_bytes_and_utf16(void **state)
{
	struct csv_reader r;

	(void)state;
	assert_int_equal(csv_reader_open(&r, DATA("nul_byte.csv"), CSV_UTF8), 0);
	assert_int_equal(csv_reader_next(&r), 1);
	assert_int_equal(csv_reader_next(&r), 1);
	assert_true(csv_reader_next(&r) < 0);
	assert_non_null(strstr(r.errmsg.buf, "nul_byte.csv:3: NUL byte"));
	csv_reader_release(&r);

	assert_int_equal(csv_reader_open(&r, DATA("utf16.csv"), CSV_UTF8), 0);
	assert_true(csv_reader_next(&r) < 0);
	assert_true(r.fatal);
	assert_non_null(strstr(r.errmsg.buf, "utf16.csv:1: the file is UTF-16 text"));
	csv_reader_release(&r);
}

static void test_csv_reads_big5_with_the_option(void **state)
{
	struct csv_reader r;

	(void)state;
	assert_int_equal(csv_reader_open(&r, DATA("big5.csv"), CSV_BIG5), 0);
	assert_int_equal(csv_reader_next(&r), 1);
	assert_string_equal(r.fields[0], "機關名稱");
	assert_string_equal(r.fields[1], "廠商名稱");
	assert_int_equal(csv_reader_next(&r), 1);
	assert_string_equal(r.fields[0], "數位發展部");
	assert_string_equal(r.fields[1], "青峰資訊");
	assert_int_equal(csv_reader_next(&r), 0);
	csv_reader_release(&r);

	/* and refuses it without */
	assert_int_equal(csv_reader_open(&r, DATA("big5.csv"), CSV_UTF8), 0);
	assert_true(csv_reader_next(&r) < 0);
	assert_non_null(strstr(r.errmsg.buf, "big5.csv:1: byte 0xBE at byte 1 is not UTF-8 text"));
	csv_reader_release(&r);
}

static void test_csv_auto_reads_big5_by_validity(void **state)
{
	struct csv_reader r;

	(void)state;
	assert_int_equal(csv_reader_open(&r, DATA("big5.csv"), CSV_AUTO), 0);
	assert_int_equal(r.detected_big5, 1);
	assert_int_equal(csv_reader_next(&r), 1);
	assert_string_equal(r.fields[0], "機關名稱");
	assert_int_equal(csv_reader_next(&r), 1);
	assert_string_equal(r.fields[1], "青峰資訊");
	assert_int_equal(csv_reader_next(&r), 0);
	csv_reader_release(&r);

	/* UTF-8 text stays UTF-8: the file below is valid in both */
	assert_int_equal(csv_reader_open(&r, DATA("form_authorizations.csv"), CSV_AUTO), 0);
	assert_int_equal(r.detected_big5, 0);
	assert_int_equal(csv_reader_next(&r), 1);
	csv_reader_release(&r);
}

static void test_csv_auto_reads_big5_from_a_pipe(void **state)
{
	struct csv_reader r;
	FILE *in = fopen(DATA("big5.csv"), "rb"), *out;
	char buf[256];
	size_t n;
	int fd[2];

	(void)state;
	assert_non_null(in);
	n = fread(buf, 1, sizeof(buf), in);
	fclose(in);
	assert_int_equal(pipe(fd), 0);
	out = fdopen(fd[1], "wb");
	assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(out);
	in = fdopen(fd[0], "rb");
	assert_int_equal(csv_reader_open_fp(&r, in, "<stdin>", CSV_AUTO), 0);
	assert_int_equal(r.detected_big5, 1);
	assert_int_equal(csv_reader_next(&r), 1);
	assert_int_equal(csv_reader_next(&r), 1);
	assert_string_equal(r.fields[0], "數位發展部");
	assert_int_equal(csv_reader_next(&r), 0);
	csv_reader_release(&r);
	fclose(in);
}

static void test_csv_auto_refuses_text_neither_utf8_nor_big5_once(void **state)
{
	/* line 2 is Big5 (中文 = A4 A4 A4 E5), line 3 has 0xFF, valid in neither */
	static const char text[] = "a,b\n\xA4\xA4\xA4\xE5,1\n2,x\xFFy\n3,4\n";
	struct csv_reader r;
	FILE *fp = fmemopen((void *)text, sizeof(text) - 1, "rb");

	(void)state;
	assert_true(csv_reader_open_fp(&r, fp, "mixed.csv", CSV_AUTO) < 0);
	assert_true(r.fatal);
	assert_string_equal(r.errmsg.buf,
			    "mixed.csv:3: byte 0xFF at byte 4 is not Big5 text, and the file is not UTF-8 text either (line 2, byte 0xA4); save the sheet again as \"CSV UTF-8\", or mend this line");
	csv_reader_release(&r);
	fclose(fp);
}

static void test_csv_reports_missing_header_columns(void **state)
{
	struct csv_reader r;
	int map[7];

	(void)state;
	assert_int_equal(csv_reader_open(&r, DATA("big5.csv"), CSV_BIG5), 0);
	assert_true(csv_find_header(&r, auth_cols, 7, map, NULL, NULL) < 0);
	assert_non_null(strstr(r.errmsg.buf,
			       "no header row found in the first 40 lines; expected the columns 機關名稱, 契約案名, 廠商名稱, 廠商是否知悉稽核作業"));
	csv_reader_release(&r);
}

static void test_csv_write_round_trips_hard_text(void **state)
{
	static const char *const hard[] = {
		"plain", "a,b", "quote \" inside", "line\nbreak", "<script>alert(1)</script>;--", " lead", "",
	};
	char *buf = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&buf, &len);
	struct csv_reader r;

	(void)state;
	csv_write_record(fp, hard, 7);
	fclose(fp);
	fp = fmemopen(buf, len, "r");
	assert_int_equal(csv_reader_open_fp(&r, fp, "mem", CSV_UTF8), 0);
	assert_int_equal(csv_reader_next(&r), 1);
	assert_int_equal(r.nfields, 7);
	for (i = 0; i < 7; i++)
		assert_string_equal(r.fields[i], hard[i]);
	assert_int_equal(csv_reader_next(&r), 0);
	csv_reader_release(&r);
	fclose(fp);
	free(buf);
}

/* --encoding's names, case ignored, in every command (csv_encoding_parse) */
static void test_csv_encoding_names_case_ignored(void **state)
{
	static const char *const utf8[] = { "utf-8", "UTF-8", "utf8", "UTF8", "Utf-8" };
	static const char *const big5[] = { "big5", "Big5", "BIG5", "cp950", "CP950" };
	static const char *const bad[] = { "", "utf", "utf-16", "latin1", "big-5", "950", " utf-8" };
	enum csv_encoding e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(utf8) / sizeof(utf8[0]); i++) {
		e = CSV_AUTO;
		assert_int_equal(csv_encoding_parse(utf8[i], &e), 0);
		assert_int_equal(e, CSV_UTF8);
	}
	for (i = 0; i < sizeof(big5) / sizeof(big5[0]); i++) {
		e = CSV_AUTO;
		assert_int_equal(csv_encoding_parse(big5[i], &e), 0);
		assert_int_equal(e, CSV_BIG5);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		e = CSV_AUTO;
		assert_int_equal(csv_encoding_parse(bad[i], &e), -1);
		assert_int_equal(e, CSV_AUTO);
	}
	assert_int_equal(csv_encoding_parse(NULL, &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_finds_header_below_contact_block),
		cmocka_unit_test(test_csv_refuses_unbalanced_quote_naming_its_line),
		cmocka_unit_test(test_csv_refuses_bytes_that_are_not_utf8),
		cmocka_unit_test(test_csv_refuses_nul_bytes_and_utf16),
		cmocka_unit_test(test_csv_reads_big5_with_the_option),
		cmocka_unit_test(test_csv_auto_reads_big5_by_validity),
		cmocka_unit_test(test_csv_auto_reads_big5_from_a_pipe),
		cmocka_unit_test(test_csv_auto_refuses_text_neither_utf8_nor_big5_once),
		cmocka_unit_test(test_csv_reports_missing_header_columns),
		cmocka_unit_test(test_csv_write_round_trips_hard_text),
		cmocka_unit_test(test_csv_encoding_names_case_ignored),
	};

	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
