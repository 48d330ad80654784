/*
 * track.h - the subcommands of `jaudit track` that live in their own files
 * of track/ (the dispatcher is track/track.c).  Each takes the arguments
 * after the subcommand's name (argv[0] is the subcommand) and returns 0 or
 * a negative JAUDIT_E* code.
 */
#ifndef JAUDIT_TRACK_H
#define JAUDIT_TRACK_H

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include "../core/cli.h"
#include "../core/date.h"

int track_list(struct jaudit_ctx *ctx, int argc, char **argv);
int track_summary(struct jaudit_ctx *ctx, int argc, char **argv);
int track_remind(struct jaudit_ctx *ctx, int argc, char **argv);

/* What `track summary` and `schedule` are asked for. */
struct track_report_opts {
	int year;
	struct jdate as_of;	/* --as-of, default today */
	enum cli_format fmt;	/* text or json */
	const char *out;	/* --out, with --format xlsx */
};

/*
 * Parse --year (required), --as-of and --format (text | json) of command
 * cmd; `what` prefixes the usage messages ("summary: ", or "").  Returns
 * 0, JAUDIT_EUSAGE with a message, or JAUDIT_EDATA (a bad $JAUDIT_TODAY).
 */
int track_report_options(const char *cmd, const char *what, int argc, char **argv,
			 struct track_report_opts *o);
/* The same with the formats of mask `formats`; with FORMAT_XLSX, --out too. */
int track_report_options_fmt(const char *cmd, const char *what, int argc, char **argv,
			     int formats, struct track_report_opts *o);

/* Print the document on stdout and delete it: the caller hands root over. */
void track_json_print(cJSON *root);

#endif
