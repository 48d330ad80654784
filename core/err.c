#include "err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("jaudit: ", stderr);
	if (prefix)
		fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int jerror(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(NULL, fmt, ap);
	va_end(ap);
	return JAUDIT_EDATA;
}

void jwarn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

int jusage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vreport(NULL, fmt, ap);
		va_end(ap);
	}
	if (cmd)
		fprintf(stderr, "try 'jaudit %s --help'\n", cmd);
	else
		fprintf(stderr, "try 'jaudit --help'\n");
	return JAUDIT_EUSAGE;
}

int jaudit_exit_status(int rc)
{
	if (rc == 0)
		return 0;
	return rc == JAUDIT_EUSAGE ? EXIT_USAGE : EXIT_DATA;
}

int jaudit_close_stdout(void)
{
	int bad = ferror(stdout);

	if (fflush(stdout) != 0 || bad) {
		int e = errno;
		return jerror("cannot write to standard output: %s",
			      e ? strerror(e) : "write error");
	}
	return 0;
}
