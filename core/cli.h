/*
 * cli.h - what every command shares: the context it runs in, its entry in
 * the command table, and the parsing of the options many commands take.
 *
 * A command is one file that exports
 *     const struct cmd_entry cmd_NAME_entry = { name, summary, usage, exec };
 * and is listed once in jaudit.c.  Its usage text is the one source of
 * `jaudit NAME --help` and of the man page (jaudit --man).
 */
#ifndef JAUDIT_CLI_H
#define JAUDIT_CLI_H

#include <sqlite3.h>
#include "csv.h"
#include "err.h"

/* What main() hands every command. */
struct jaudit_ctx {
	const char *db_opt;	/* --db, or NULL */
	sqlite3 *db;		/* opened by ctx_db(), closed by main() */
};

struct cmd_entry {
	const char *name;
	const char *summary;	/* one line for `jaudit --help` */
	const char *usage;	/* the whole help text: synopsis, description, options */
	/* argv[0] is the command name; returns 0 or a negative JAUDIT_E* code */
	int (*exec)(struct jaudit_ctx *ctx, int argc, char **argv);
};

/*
 * The database, opened on first use (must exist) and migrated; later calls
 * return the same handle.  Returns 0 and *db, or JAUDIT_EDATA.
 */
int ctx_db(struct jaudit_ctx *ctx, sqlite3 **db);

/*
 * ctx_db(), then, when year is not 0, cli_year_known(): what a command
 * taking --year calls before it reads the year.
 */
int ctx_db_year(struct jaudit_ctx *ctx, int year, sqlite3 **db);

/*
 * 0 if the database knows the year (init or a 附件3 checklist loaded it),
 * else JAUDIT_EDATA with "year N is not in the database … run 'jaudit init
 * --year N' first".
 */
int cli_year_known(sqlite3 *db, int year);

/* Reset getopt before a command parses its own arguments. */
void cli_getopt_reset(void);

/*
 * A year as users write it: an ROC year (115) or a Gregorian one (2026,
 * stored as 115), within the one year rule (date.h: 100..200).  Returns 0
 * and *year, or JAUDIT_EUSAGE with a message for command cmd.
 */
int cli_parse_year(const char *cmd, const char *s, int *year);

/*
 * --encoding: utf-8 (utf8, UTF-8) or big5 (cp950, Big5), case ignored
 * (csv_encoding_parse); 0 and *enc, or JAUDIT_EUSAGE with a message for cmd.
 */
int cli_parse_encoding(const char *cmd, const char *s, enum csv_encoding *enc);

/* A whole number >= min; 0, or JAUDIT_EUSAGE naming the option. */
int cli_parse_int(const char *cmd, const char *opt, const char *s, long min, long *out);

/* A number in (lo, hi), exclusive; 0 or JAUDIT_EUSAGE. */
int cli_parse_double(const char *cmd, const char *opt, const char *s,
		     double lo, double hi, double *out);

enum cli_format {
	FORMAT_TEXT = 1,
	FORMAT_CSV = 2,
	FORMAT_JSON = 4,
	FORMAT_HTML = 8,
	FORMAT_XLSX = 16,	/* a workbook (core/xlsxout.h) */
	FORMAT_ODS = 32,	/* the same as an OpenDocument spreadsheet */
#define FORMAT_BOOK (FORMAT_XLSX | FORMAT_ODS)
};

/* --format: one of those in `allowed` (a mask); 0 or JAUDIT_EUSAGE. */
int cli_parse_format(const char *cmd, const char *s, int allowed, enum cli_format *out);

/* --lang zh|en (zh-TW, zh_TW, en-US… accepted): *en is 1 for English. */
int cli_parse_lang(const char *cmd, const char *s, int *en);

/* A date option (any accepted form); 0 or JAUDIT_EUSAGE with the expected forms. */
struct jdate;
int cli_parse_date(const char *cmd, const char *opt, const char *s, struct jdate *out);

/* The text of the usage message for an unknown or incomplete option. */
int cli_bad_option(const char *cmd, int argc, char **argv);

#endif
