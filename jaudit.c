/*
 * jaudit - analytics and findings tracking for the annual joint security
 * audit of government contractors (受託者資通安全聯合稽核).
 *
 * This file holds only the command table and the global options; each
 * command lives in its folder (admin/ ingest/ analyze/ track/ plots/).
 */
#include "core/cli.h"
#include "core/db.h"
#include "core/err.h"
#include "analyze/stats/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef JAUDIT_VERSION
#define JAUDIT_VERSION "0.1.0"
#endif

extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_checklist_entry;
extern const struct cmd_entry cmd_ingest_entry;
extern const struct cmd_entry cmd_candidates_entry;
extern const struct cmd_entry cmd_schedule_entry;
extern const struct cmd_entry cmd_analyze_entry;
extern const struct cmd_entry cmd_trend_entry;
extern const struct cmd_entry cmd_track_entry;
extern const struct cmd_entry cmd_plot_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_backup_entry;
extern const struct cmd_entry cmd_check_entry;

static const struct cmd_entry *const commands[] = {
	&cmd_init_entry,
	&cmd_checklist_entry,
	&cmd_ingest_entry,
	&cmd_candidates_entry,
	&cmd_schedule_entry,
	&cmd_analyze_entry,
	&cmd_trend_entry,
	&cmd_track_entry,
	&cmd_plot_entry,
	&cmd_report_entry,
	&cmd_export_entry,
	&cmd_backup_entry,
	&cmd_check_entry,
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char overview[] =
	"usage: jaudit [--db <file>] <command> [<args>]\n"
	"       jaudit --help | --version\n"
	"\n"
	"jaudit keeps the results of the annual joint security audit of government\n"
	"contractors (受託者資通安全聯合稽核) in one SQLite file, finds the common\n"
	"findings across vendors, tracks every finding's remediation to its\n"
	"deadline, and draws the charts and the annual report.\n"
	"\n"
	"Global options (before or after the command):\n"
	"  --db <file>   the database (default: $JAUDIT_DB, else ./jaudit.db)\n"
	"  --help        this text; 'jaudit <command> --help' for a command\n"
	"  --version     the version\n"
	"\n"
	"Exit status: 0 success, 1 a failure of the data or the run (the message\n"
	"on stderr says what and where), 2 a mistake on the command line.\n"
	"\n"
	"Commands:\n";

static const struct cmd_entry *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static void print_overview(FILE *fp)
{
	size_t i;

	fputs(overview, fp);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-12s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\nSee jaudit(1) or 'jaudit <command> --help' for the options of each.\n", fp);
}

/* roff-escape a line of help text */
static void man_line(const char *s, size_t n)
{
	size_t i;

	if (n > 0 && (s[0] == '.' || s[0] == '\''))
		fputs("\\&", stdout);
	for (i = 0; i < n; i++) {
		if (s[i] == '\\')
			fputs("\\e", stdout);
		else if (s[i] == '-')
			fputs("\\-", stdout);
		else
			fputc(s[i], stdout);
	}
	fputc('\n', stdout);
}

static void man_text(const char *text)
{
	const char *p = text;

	fputs(".nf\n", stdout);
	while (*p) {
		size_t n = strcspn(p, "\n");

		man_line(p, n);
		p += n;
		if (*p)
			p++;
	}
	fputs(".fi\n", stdout);
}

/* The first line of a command's usage, without "usage: ". */
static void man_synopsis(const char *usage)
{
	const char *p = strncmp(usage, "usage: ", 7) == 0 ? usage + 7 : usage;
	size_t n = strcspn(p, "\n");

	man_line(p, n);
}

/* jaudit --man: the man page, from the same texts as --help. */
static void print_man(void)
{
	size_t i;

	printf(".TH JAUDIT 1 \"\" \"jaudit %s\" \"User Commands\"\n", JAUDIT_VERSION);
	printf(".SH NAME\njaudit \\- joint security audit analytics and findings tracking\n");
	printf(".SH SYNOPSIS\n.nf\n");
	man_line("jaudit [--db <file>] <command> [<args>]", 39);
	man_line("jaudit --help | --version | --man", 33);
	printf(".fi\n.PP\nThe first form of each command (the full usage is under COMMANDS):\n.PP\n.nf\n");
	for (i = 0; i < NCOMMANDS; i++)
		man_synopsis(commands[i]->usage);
	printf(".fi\n.SH DESCRIPTION\n");
	man_text(strstr(overview, "\n\n") + 2);	/* without the usage lines */
	for (i = 0; i < NCOMMANDS; i++)
		printf(".TP\n.B %s\n%s\n", commands[i]->name, commands[i]->summary);
	printf(".SH COMMANDS\n");
	for (i = 0; i < NCOMMANDS; i++) {
		printf(".SS %s\n", commands[i]->name);
		man_text(commands[i]->usage);
	}
	printf(".SH EXIT STATUS\n"
	       ".TP\n.B 0\nsuccess\n"
	       ".TP\n.B 1\na failure of the data or of the run: a file refused, a check failed,\n"
	       "a program (gnuplot, Chromium) missing; the message on standard error names\n"
	       "the file and the line, cell or JSON path, and the database is as it was\n"
	       ".TP\n.B 2\na mistake on the command line (an unknown option, a missing argument)\n");
	printf(".SH FILES\n.TP\n.I ./jaudit.db\nthe default database; created with mode 0600\n");
	printf(".SH ENVIRONMENT\n.TP\n.B JAUDIT_DB\nthe database when --db is not given\n"
	       ".TP\n.B JAUDIT_BUSY_TIMEOUT\nmilliseconds to wait for another writer (default 10000)\n"
	       ".TP\n.B JAUDIT_TODAY\nthe date taken as today (for reproducible runs)\n"
	       ".TP\n.B JAUDIT_CHROMIUM\nthe Chromium program for --pdf (default: chromium, chromium-browser or\ngoogle-chrome on the PATH)\n"
	       ".TP\n.B TMPDIR\nwhere gnuplot's and Chromium's temporary files go (default /tmp)\n");
	printf(".SH SEE ALSO\n.BR sqlite3 (1),\n.BR gnuplot (1),\n.BR chromium (1),\n.BR soffice (1)\n"
	       ".PP\nThe file formats, the statistics and the tracking rules are described in\n"
	       "the docs folder of the source tree: FORMATS.md, STATISTICS.md, TRACKING.md,\n"
	       "ANALYSIS.md, CHARTS.md.\n");
}

/*
 * Take --db out of argv wherever it stands (up to "--"); returns the new argc.
 * Returns -1 for a --db without its file.
 */
static int take_db_option(int argc, char **argv, const char **db)
{
	int i, j = 1;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[j++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc)
				return -1;
			*db = argv[++i];
			continue;
		}
		if (strncmp(argv[i], "--db=", 5) == 0) {
			*db = argv[i] + 5;
			continue;
		}
		argv[j++] = argv[i];
	}
	argv[j] = NULL;
	return j;
}

static int wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct jaudit_ctx ctx = { NULL, NULL };
	const struct cmd_entry *cmd;
	int rc;

	argc = take_db_option(argc, argv, &ctx.db_opt);
	if (argc < 0)
		return jaudit_exit_status(jusage(NULL, "--db needs a file name"));
	if (argc < 2) {
		print_overview(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && (cmd = find_command(argv[2]))) {
			fputs(cmd->usage, stdout);
		} else {
			print_overview(stdout);
		}
		return jaudit_exit_status(jaudit_close_stdout());
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("jaudit %s (SQLite %s)\n", JAUDIT_VERSION, sqlite3_libversion());
		return jaudit_exit_status(jaudit_close_stdout());
	}
	if (strcmp(argv[1], "--man") == 0) {
		print_man();
		return jaudit_exit_status(jaudit_close_stdout());
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		if (argv[1][0] == '-')
			return jaudit_exit_status(jusage(NULL, "unknown option '%s'", argv[1]));
		return jaudit_exit_status(jusage(NULL, "'%s' is not a jaudit command", argv[1]));
	}
	if (wants_help(argc - 1, argv + 1)) {
		fputs(cmd->usage, stdout);
		return jaudit_exit_status(jaudit_close_stdout());
	}
	cli_getopt_reset();
	stats_init();	/* GSL returns error statuses instead of aborting */
	rc = cmd->exec(&ctx, argc - 1, argv + 1);
	if (rc == 0)
		rc = jaudit_close_stdout();
	db_rollback(ctx.db);
	db_close(ctx.db);
	return jaudit_exit_status(rc);
}
