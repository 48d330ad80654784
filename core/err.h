/*
 * err.h - one convention for messages and exit status.
 *
 * Every message goes to stderr as "jaudit: <problem>", lower case, the
 * problem first, no final period.  Data errors name where they were found:
 * "jaudit: FILE:LINE: what was wrong, what was expected".
 *
 * Library code never exits.  Functions return 0 on success and a negative
 * code on failure; jerror() returns JAUDIT_EDATA so that
 *     return jerror("cannot open '%s'", path);
 * reads as one line.  Only main() turns a code into an exit status.
 */
#ifndef JAUDIT_ERR_H
#define JAUDIT_ERR_H

/* Return codes of library functions, and the exit status main() derives. */
enum {
	JAUDIT_OK = 0,
	JAUDIT_EDATA = -1,	/* bad data, failed run: exit 1 */
	JAUDIT_EUSAGE = -2,	/* bad command line: exit 2 */
};

enum {
	EXIT_DATA = 1,
	EXIT_USAGE = 2,
};

#define JAUDIT_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* "jaudit: <message>" on stderr; returns JAUDIT_EDATA. */
int jerror(const char *fmt, ...) JAUDIT_PRINTF(1, 2);

/* "jaudit: warning: <message>" on stderr. */
void jwarn(const char *fmt, ...) JAUDIT_PRINTF(1, 2);

/*
 * "jaudit: <message>" and "try 'jaudit CMD --help'" on stderr;
 * returns JAUDIT_EUSAGE.  fmt may be NULL for the hint alone.
 */
int jusage(const char *cmd, const char *fmt, ...) JAUDIT_PRINTF(2, 3);

/* Exit status for a return code: 0, 1 or 2. */
int jaudit_exit_status(int rc);

/*
 * Flush and check stdout (coreutils' close_stdout): a full disk or a closed
 * pipe is reported.  Returns 0 or JAUDIT_EDATA.
 */
int jaudit_close_stdout(void);

#endif
