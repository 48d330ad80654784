/*
 * plots_testutil.h - what the chart, report and runner tests share: reading
 * a file whole, making a directory path, asserting that text holds a
 * string.  Include after <cmocka.h>.
 */
#ifndef JAUDIT_PLOTS_TESTUTIL_H
#define JAUDIT_PLOTS_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The whole file (NUL-terminated; *size its length when size is not NULL); the caller frees it. */
static inline char *slurp(const char *path, long *size)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (!fp)
		fail_msg("no file %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	if (size)
		*size = n;
	return buf;
}

/* mkdir -p */
static inline void mkdir_p(const char *dir)
{
	char buf[512];
	char *p;

	snprintf(buf, sizeof(buf), "%s", dir);
	for (p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
	mkdir(buf, 0755);
}

static inline void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("missing: %s", needle);
}

#endif
