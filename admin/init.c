/*
 * jaudit init: create or upgrade the database and load a year's checklist.
 */
#include "../core/checklist.h"
#include "../core/cli.h"
#include "../core/db.h"

#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

static const char usage[] =
	"usage: jaudit init [--year <year>]\n"
	"\n"
	"Create the database, or upgrade one made by an older jaudit, and load the\n"
	"checklist (附件3 重點檢視項目) of the year.  A new database file is readable\n"
	"by its owner only (mode 0600): it will hold confidential findings.\n"
	"\n"
	"The year-115 checklist is built in.  For a year without a checklist of its\n"
	"own, init copies the newest built-in one and says so; replace it with\n"
	"'jaudit ingest --kind checklist <file>' before any result of that year is\n"
	"loaded.  Running init again is harmless: a year that has a checklist\n"
	"keeps it.\n"
	"\n"
	"Options:\n"
	"  --year <year>   the ROC year from 100 to 200 (115, or 2026); default 115\n";

static int run(struct jaudit_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = db_path(ctx->db_opt);
	int year = CHECKLIST_BUILTIN_YEAR, c, existed, from = 0, to = 0, exists = 0;
	sqlite3 *db = NULL;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'y':
			if (cli_parse_year("init", optarg, &year) < 0)
				return JAUDIT_EUSAGE;
			break;
		default:
			return cli_bad_option("init", argc, argv);
		}
	}
	if (optind < argc)
		return jusage("init", "unexpected argument '%s'", argv[optind]);

	existed = access(path, F_OK) == 0;
	if (db_open_raw(&db, path, DB_CREATE) < 0)
		return JAUDIT_EDATA;
	ctx->db = db;
	if (db_migrate(db, db_migrations, db_nmigrations, &from, &to) < 0)
		return JAUDIT_EDATA;
	if (!existed)
		printf("created %s (schema version %d, readable by its owner only)\n", path, to);
	else if (from != to)
		printf("upgraded %s from schema version %d to %d\n", path, from, to);
	else
		printf("%s is up to date (schema version %d)\n", path, to);

	if (db_begin(db) < 0 || checklist_year_exists(db, year, &exists) < 0)
		return JAUDIT_EDATA;
	if (exists) {
		db_rollback(db);
		printf("year %d already has its checklist; left as it is\n", year);
		return 0;
	}
	if (checklist_load_builtin(db, year) < 0 || db_commit(db) < 0)
		return JAUDIT_EDATA;
	if (year == CHECKLIST_BUILTIN_YEAR)
		printf("year %d: loaded the built-in checklist, %zu items (附件3)\n",
		       year, checklist_builtin_count);
	else
		printf("year %d has no checklist of its own: copied the built-in %d checklist, %zu items;\n"
		       "replace it with 'jaudit ingest --kind checklist <file>' if the year's list differs\n",
		       year, CHECKLIST_BUILTIN_YEAR, checklist_builtin_count);
	return 0;
}

const struct cmd_entry cmd_init_entry = {
	"init", "create or upgrade the database; load a year's checklist", usage, run,
};
