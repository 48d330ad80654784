/*
 * jaudit checklist: print a year's checklist (附件3).
 */
#include "../core/checklist.h"
#include "../core/cli.h"
#include "../core/csv.h"
#include "../core/db.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: jaudit checklist --year <year> [--format (text | csv | json)] [--lang (zh | en)]\n"
	"\n"
	"Print the checklist of the year: each item's code (C01..C10 共通性,\n"
	"S01..S17 特定契約 in 115), 構面, question and 稽核依據.  The CSV output has\n"
	"the columns that 'jaudit ingest --kind checklist' reads:\n"
	"年度, 項目代碼, 類別, 構面, 檢核項目, 稽核依據.\n"
	"\n"
	"Options:\n"
	"  --year <year>      the ROC year (115, or 2026)\n"
	"  --format <fmt>     text (default), csv or json\n"
	"  --lang <lang>      zh (default) or en, for the text headings\n";

static int print_text(sqlite3_stmt *st, int year, int en)
{
	const char *last_cat = "";
	int n = 0, rc;

	printf(en ? "Checklist of year %d\n" : "%d年度 重點檢視項目\n", year);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		const char *code = db_text(st, 0), *cat = db_text(st, 1);

		if (strcmp(cat, last_cat) != 0) {
			printf("\n%s%s\n", checklist_category_label(cat, en),
			       en ? " items" : "檢核項目");
			last_cat = strcmp(cat, "common") == 0 ? "common" : "specific";
		}
		printf("%s  [%s] %s\n", code, db_text(st, 2), db_text(st, 3));
		if (*db_text(st, 4))
			printf("     %s%s\n", en ? "basis: " : "稽核依據：", db_text(st, 4));
		n++;
	}
	if (rc != SQLITE_DONE)
		return JAUDIT_EDATA;
	printf(en ? "\n%d items\n" : "\n共 %d 項\n", n);
	return 0;
}

static int print_csv(sqlite3_stmt *st, int year)
{
	static const char *const head[] = { "年度", "項目代碼", "類別", "構面", "檢核項目", "稽核依據" };
	char ybuf[16];
	int rc;

	fputs("\xEF\xBB\xBF", stdout);	/* BOM: Excel then reads the Chinese right */
	csv_write_record(stdout, head, 6);
	snprintf(ybuf, sizeof(ybuf), "%d", year);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		const char *row[6] = {
			ybuf, db_text(st, 0), checklist_category_label(db_text(st, 1), 0),
			db_text(st, 2), db_text(st, 3), db_text(st, 4),
		};
		csv_write_record(stdout, row, 6);
	}
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

static int print_json(sqlite3_stmt *st, int year)
{
	cJSON *root = cJSON_CreateObject(), *items;
	char *s;
	int rc;

	cJSON_AddNumberToObject(root, "year", year);
	items = cJSON_AddArrayToObject(root, "items");
	while ((rc = db_step(st)) == SQLITE_ROW) {
		cJSON *it = cJSON_CreateObject();

		cJSON_AddStringToObject(it, "code", db_text(st, 0));
		cJSON_AddStringToObject(it, "category", db_text(st, 1));
		cJSON_AddStringToObject(it, "dimension", db_text(st, 2));
		cJSON_AddStringToObject(it, "question", db_text(st, 3));
		cJSON_AddStringToObject(it, "basis", db_text(st, 4));
		cJSON_AddItemToArray(items, it);
	}
	if (rc == SQLITE_DONE) {
		s = cJSON_Print(root);
		puts(s);
		free(s);
	}
	cJSON_Delete(root);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

static int run(struct jaudit_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	enum cli_format fmt = FORMAT_TEXT;
	int year = 0, en = 0, c, rc;
	sqlite3 *db;
	sqlite3_stmt *st;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'y':
			if (cli_parse_year("checklist", optarg, &year) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'f':
			if (cli_parse_format("checklist", optarg, FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON, &fmt) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'l':
			if (cli_parse_lang("checklist", optarg, &en) < 0)
				return JAUDIT_EUSAGE;
			break;
		default:
			return cli_bad_option("checklist", argc, argv);
		}
	}
	if (optind < argc)
		return jusage("checklist", "unexpected argument '%s'", argv[optind]);
	if (!year)
		return jusage("checklist", "--year is required");
	if (ctx_db_year(ctx, year, &db) < 0)
		return JAUDIT_EDATA;
	if (db_prepare(db, &st,
		       "SELECT code, category, dimension, question, basis FROM checklist_items"
		       " WHERE year = :year ORDER BY category = 'specific', seq") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", year);
	if (fmt == FORMAT_CSV)
		rc = print_csv(st, year);
	else if (fmt == FORMAT_JSON)
		rc = print_json(st, year);
	else
		rc = print_text(st, year, en);
	db_finalize(st);
	return rc;
}

const struct cmd_entry cmd_checklist_entry = {
	"checklist", "print a year's checklist (附件3)", usage, run,
};
