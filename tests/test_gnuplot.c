/*
 * test_gnuplot.c - the gnuplot runner: data-file quoting, a failing
 * script, a missing gnuplot, the private directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "plots_testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../plots/gnuplot.h"
#include "../plots/style.h"

/* --- stderr captured into a file, to assert messages word for word --- */
static int saved_stderr = -1;
static char errpath[] = "/tmp/jaudit-test-gnuplot-err.XXXXXX";

static void capture_begin(void)
{
	int fd = mkstemp(errpath);

	assert_true(fd >= 0);
	fflush(stderr);
	saved_stderr = dup(2);
	dup2(fd, 2);
	close(fd);
}

/* The captured text; the caller frees it. */
static char *capture_end(void)
{
	FILE *fp;
	char *buf = calloc(1, 65536);

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	fp = fopen(errpath, "r");
	assert_non_null(fp);
	if (fread(buf, 1, 65535, fp) == 0)
		buf[0] = '\0';
	fclose(fp);
	unlink(errpath);
	strcpy(errpath + strlen(errpath) - 6, "XXXXXX");
	return buf;
}

static void test_put_string_quotes_and_separators(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	gp_put_string(fp, "\"好\" 資訊\tCo's\nA_{b}");
	fputc('|', fp);
	gp_put_string(fp, "");
	fputc('|', fp);
	gp_put_string(fp, NULL);
	fclose(fp);
	/* '"' becomes \001, tab and newline become spaces, the rest is as it was */
	assert_string_equal(buf, "\"\001好\001 資訊 Co's A_{b}\"|\"\"|\"\"");
	free(buf);
}

static void test_put_number_nan(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	gp_put_number(fp, 41.66666666666);
	fputc(' ', fp);
	gp_put_number(fp, 0.0 / 0.0);
	fputc(' ', fp);
	gp_put_number(fp, 100);
	fclose(fp);
	assert_string_equal(buf, "41.66666667 NaN 100");
	free(buf);
}

static void test_style_literal_doubles_single_quotes(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	style_literal(&sb, "it's \"x\" \\n 廠商");
	assert_string_equal(sb.buf, "'it''s \"x\" \\n 廠商'");
	strbuf_release(&sb);
}

/* A name with quotes, spaces, a tab, Chinese and gnuplot's special characters
 * goes through a data file and comes out of gnuplot's SVG as it was. */
static void test_strings_reach_gnuplot_intact(void **state)
{
	struct gp_run r;
	struct strbuf gp = STRBUF_INIT;
	char out[] = "/tmp/jaudit-test-gp-out.XXXXXX", path[256];
	char *svg;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(out));
	assert_int_equal(gp_open(&r), 0);
	fp = gp_create(&r, "t.dat");
	assert_non_null(fp);
	fputs("1\t1\t", fp);
	gp_put_string(fp, "\"好\" 資訊 & Co's <A>_{b}^2 @x");
	fputs("\n2\t2\t\"\"\n", fp);
	assert_int_equal(gp_close_file(&r, fp, "t.dat"), 0);
	style_preamble(&gp, CHART_SVG, 400, 300, "t.svg");
	strbuf_adds(&gp, "plot 't.dat' using 1:2:ytic(dq(strcol(3))) with points\n");
	assert_int_equal(gp_write_script(&r, "t.gp", gp.buf), 0);
	gp_expect_output(&r, "t.svg");
	assert_int_equal(gp_exec(&r, "t.gp"), 0);
	assert_int_equal(gp_collect(&r, out, 0), 0);
	gp_release(&r);
	snprintf(path, sizeof(path), "%s/t.svg", out);
	svg = slurp(path, NULL);
	/* gnuplot's SVG escapes & and < itself */
	assert_non_null(strstr(svg, "<text>\"好\" 資訊 &amp; Co's &lt;A>_{b}^2 @x</text>"));
	free(svg);
	/* without keep, only the image is copied */
	snprintf(path, sizeof(path), "%s/t.gp", out);
	assert_int_equal(access(path, F_OK), -1);
	snprintf(path, sizeof(path), "%s/t.svg", out);
	unlink(path);
	rmdir(out);
	strbuf_release(&gp);
}

static void test_private_directory_and_removal(void **state)
{
	struct gp_run r;
	struct stat st;
	char dir[PATH_MAX];

	(void)state;
	assert_int_equal(gp_open(&r), 0);
	assert_int_equal(stat(r.dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(gp_write_script(&r, "x.gp", "print 1\n"), 0);
	strcpy(dir, r.dir);
	gp_release(&r);
	assert_int_equal(access(dir, F_OK), -1);
}

static void test_failing_script_is_reported(void **state)
{
	struct gp_run r;
	char *err, dir[PATH_MAX];
	int rc;

	(void)state;
	assert_int_equal(gp_open(&r), 0);
	assert_int_equal(gp_write_script(&r, "bad.gp", "set terminal svg\nset output 'bad.svg'\nplot nosuchfunction(x)\n"), 0);
	gp_expect_output(&r, "bad.svg");
	capture_begin();
	rc = gp_exec(&r, "bad.gp");
	err = capture_end();
	assert_int_equal(rc, JAUDIT_EDATA);
	/* gnuplot 5.4's own words follow our line */
	assert_string_equal(err,
		"jaudit: gnuplot failed on bad.gp (exit status 1):\n"
		"  gnuplot: \"bad.gp\" line 3: undefined function: nosuchfunction\n");
	free(err);
	/* gnuplot began bad.svg; the directory goes all the same */
	strcpy(dir, r.dir);
	gp_release(&r);
	assert_int_equal(access(dir, F_OK), -1);
}

static void test_script_without_its_image_is_reported(void **state)
{
	struct gp_run r;
	char *err;
	int rc;

	(void)state;
	assert_int_equal(gp_open(&r), 0);
	assert_int_equal(gp_write_script(&r, "quiet.gp", "a = 1\n"), 0);
	gp_expect_output(&r, "quiet.png");
	capture_begin();
	rc = gp_exec(&r, "quiet.gp");
	err = capture_end();
	assert_int_equal(rc, JAUDIT_EDATA);
	assert_string_equal(err, "jaudit: gnuplot wrote no quiet.png from quiet.gp\n");
	free(err);
	gp_release(&r);
}

static void test_missing_gnuplot_names_the_package(void **state)
{
	struct gp_run r;
	char *err, *path = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	int rc;

	(void)state;
	assert_int_equal(gp_open(&r), 0);
	assert_int_equal(gp_write_script(&r, "x.gp", "print 1\n"), 0);
	setenv("PATH", "/nonexistent", 1);
	capture_begin();
	rc = gp_exec(&r, "x.gp");
	err = capture_end();
	setenv("PATH", path, 1);
	free(path);
	assert_int_equal(rc, JAUDIT_EDATA);
	assert_string_equal(err, "jaudit: gnuplot is not installed (no 'gnuplot' in PATH); "
			    "install the Debian package gnuplot-nox: sudo apt-get install gnuplot-nox\n");
	free(err);
	gp_release(&r);
}

static void test_warnings_are_passed_on(void **state)
{
	struct gp_run r;
	char *err;
	int rc;

	(void)state;
	assert_int_equal(gp_open(&r), 0);
	assert_int_equal(gp_write_script(&r, "w.gp", "set terminal svg\nset output 'w.svg'\n"
					 "print 'note to the user'\nplot x\n"), 0);
	gp_expect_output(&r, "w.svg");
	capture_begin();
	rc = gp_exec(&r, "w.gp");
	err = capture_end();
	assert_int_equal(rc, 0);
	assert_string_equal(err, "jaudit: warning: gnuplot: note to the user\n");
	free(err);
	gp_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_string_quotes_and_separators),
		cmocka_unit_test(test_put_number_nan),
		cmocka_unit_test(test_style_literal_doubles_single_quotes),
		cmocka_unit_test(test_strings_reach_gnuplot_intact),
		cmocka_unit_test(test_private_directory_and_removal),
		cmocka_unit_test(test_failing_script_is_reported),
		cmocka_unit_test(test_script_without_its_image_is_reported),
		cmocka_unit_test(test_missing_gnuplot_names_the_package),
		cmocka_unit_test(test_warnings_are_passed_on),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
