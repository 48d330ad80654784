/*
 * jaudit track: the remediation of every finding to its deadline (SPEC §4,
 * seed §10).  This file holds the dispatcher and sync, set, import,
 * history and policy; list and summary are in track/track_list.c.
 */
#include "track.h"
#include "../core/cli.h"
#include "../core/csv.h"
#include "../core/date.h"
#include "../core/db.h"
#include "../core/form.h"
#include "remed_policy.h"
#include "remed_update.h"
#include "remediation.h"
#include "../core/strbuf.h"
#include "../core/table.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: jaudit track sync --year <year>\n"
	"       jaudit track set <id> <status> --date <date> --by <name> [--note <text>]\n"
	"                        [--evidence <ref>] [--due <date>] [--approver <name>]\n"
	"       jaudit track import [--encoding (utf-8 | big5)] <file.csv | file.xlsx | file.ods>\n"
	"       jaudit track list [--year <year>] [--as-of <date>] [--overdue] [--due-within <days>]\n"
	"                         [--owner <name>] [--vendor <taxid>] [--agency <name>]\n"
	"                         [--status <status>] [--format (text | csv | json | xlsx | ods)]\n"
	"                         [--out <file.xlsx | file.ods>]\n"
	"       jaudit track history <id> [--format (text | json)]\n"
	"       jaudit track summary --year <year> [--as-of <date>] [--format (text | json | xlsx | ods)]\n"
	"                            [--out <file.xlsx | file.ods>]\n"
	"       jaudit track remind --out <folder> [--as-of <date>] [--within <days>] [--owner <name>]\n"
	"                           [--year <year>] [--format (html | csv)]\n"
	"       jaudit track policy [set <key> <value>]\n"
	"\n"
	"Track the improvement measures (改善精進措施) of every finding until they are\n"
	"verified (計畫第十點).  A finding is a 部分符合 or 不符合 result; its id is\n"
	"SESSION-ITEM or SESSION-ITEM-REF (115-07-C01, 115-07-S03-K1).  A common item\n"
	"is tracked by 資安署, a contract-specific item by the agency of that contract.\n"
	"\n"
	"sync      open a record for each finding of the year not yet tracked, with\n"
	"          its due date from the policy; close, with the reason in its\n"
	"          history, a record whose result a re-ingest corrected to 符合 or\n"
	"          不適用; recompute due dates that still follow the policy.  Safe to\n"
	"          run any number of times.\n"
	"set       record one change of status:\n"
	"            待改善 open -> 改善中 in_progress -> 待驗證 pending_verification\n"
	"            -> 已結案 closed; 待驗證 -> 改善中 when verification fails;\n"
	"            展延 extended (from 待改善 or 改善中: --due later than the current\n"
	"            due date and the reason in --note; the record is then 改善中);\n"
	"            風險接受 risk_accepted (--note with the reason and --approver;\n"
	"            tracking ends).  Any other move is refused.\n"
	"import    apply a remediation-updates form (追蹤編號, 狀態, 日期, 填報人,\n"
	"          說明, 佐證, 新完成期限, optionally 核准人) in one transaction: every\n"
	"          row is checked as set checks it; one bad row and nothing is kept.\n"
	"          The file is CSV, or an .xlsx or .ods workbook (the first sheet\n"
	"          with this header), read as 'jaudit ingest --kind updates' reads\n"
	"          it: the same messages, up to 20 errors a file.\n"
	"list      the records as they stood at the end of --as-of (default today),\n"
	"          filtered; text is a zh-TW table with ROC dates; json objects carry\n"
	"          id, item, vendor, owner, agency, status, due, days_overdue;\n"
	"          xlsx (ods) is the CSV's rows as a workbook (sheet 追蹤清單).\n"
	"history   every change of one record, oldest first (it is append-only).\n"
	"summary   counts by owner and status, overdue, aging (not yet due, 1-30,\n"
	"          31-90, over 90 days overdue) and the Kaplan-Meier time to closure\n"
	"          (days from the audit to 已結案; open records censored at --as-of,\n"
	"          風險接受 censored at its date).  xlsx: the sheets 摘要, 管考單位,\n"
	"          逾期分布 and 結案日數.\n"
	"remind    the reminders a manager sends: per owner (資安署, or the agency of\n"
	"          a contract) one letter listing what is overdue and what falls due\n"
	"          within --within days (default 14) as of --as-of, each with the\n"
	"          finding, its due date in ROC form and the days overdue (逾期 27 日)\n"
	"          or left (尚餘 3 日, 今日到期): OWNER.html, a printable page, and\n"
	"          OWNER.txt, the same as a plain-text mail body.  An owner with\n"
	"          nothing due gets no letter.  --format csv writes the same list,\n"
	"          every owner, as reminders.csv instead.  The files are created\n"
	"          readable by their owner only.\n"
	"policy    show the due-date policy, or set one value of it:\n"
	"            report_months 1, plan_months 1, noncompliant_months 3,\n"
	"            partial_months 6 (months after the report), notify_months 1,\n"
	"            documents_days 7, contracts_days 14, soon_days 14.\n"
	"          Run sync afterwards to redate the records that follow the policy.\n"
	"\n"
	"Options:\n"
	"  --year <year>        the ROC year (115, or 2026)\n"
	"  --date <date>        when the change happened (115/06/12, 115年6月12日, 2026-06-12)\n"
	"  --by <name>          who reports it (填報人)\n"
	"  --note <text>        說明; the reason of 展延 and 風險接受\n"
	"  --evidence <ref>     佐證: a document number or file name\n"
	"  --due <date>         the new due date of 展延 (新完成期限)\n"
	"  --approver <name>    who approved 風險接受 (核准人)\n"
	"  --as-of <date>       compute everything as of this date (default today)\n"
	"  --overdue            only records past their due date and not ended\n"
	"  --due-within <days>  only records not ended and due within that many days\n"
	"  --owner <name>       only records tracked by 資安署 or by that agency\n"
	"  --within <days>      remind: what falls due within that many days (default 14)\n"
	"  --out <folder>       remind: the folder of the letters (created if needed);\n"
	"                       list, summary: the workbook of --format xlsx (or ods,\n"
	"                       OpenDocument), required with it: header row frozen,\n"
	"                       autofilter, dates as date cells shown 115/11/20\n"
	"  --vendor <taxid>     only the vendor's records (統一編號)\n"
	"  --agency <name>      only the records of that agency's contracts\n"
	"  --status <status>    only records in that status (Chinese or English)\n"
	"  --format <fmt>       text (default), csv or json; remind: html (default) or csv\n"
	"  --encoding <enc>     of the updates form: force utf-8 (utf8) or big5 (cp950),\n"
	"                       in any case (UTF-8, Big5); without it, Big5 is told by\n"
	"                       validity and said once\n";

/* --- sync ------------------------------------------------------------------- */

static int cmd_sync(struct jaudit_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 },
	};
	struct remed_sync_result res;
	struct jdate today;
	sqlite3 *db;
	int year = 0, c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'y') {
			if (cli_parse_year("track", optarg, &year) < 0)
				return JAUDIT_EUSAGE;
		} else {
			return cli_bad_option("track", argc, argv);
		}
	}
	if (optind < argc)
		return jusage("track", "sync: unexpected argument '%s'", argv[optind]);
	if (!year)
		return jusage("track", "sync needs --year");
	if (date_today(&today) < 0 || ctx_db_year(ctx, year, &db) < 0 || db_begin(db) < 0)
		return JAUDIT_EDATA;
	if (remed_sync(db, year, today, &res) < 0 || db_commit(db) < 0)
		return JAUDIT_EDATA;
	printf("year %d: %u records tracked; opened %u, closed as corrected %u, reopened %u, redated %u\n",
	       year, res.tracked, res.opened, res.corrected, res.reopened, res.redated);
	return 0;
}

/* --- set ---------------------------------------------------------------------- */

static int cmd_set(struct jaudit_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "by", required_argument, NULL, 'b' },
		{ "note", required_argument, NULL, 'n' },
		{ "evidence", required_argument, NULL, 'e' },
		{ "due", required_argument, NULL, 'u' },
		{ "approver", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	struct remed_update u;
	struct strbuf err = STRBUF_INIT;
	struct jdate today;
	sqlite3 *db;
	int c, has_date = 0, rc;

	memset(&u, 0, sizeof(u));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (cli_parse_date("track", "--date", optarg, &u.date) < 0)
				return JAUDIT_EUSAGE;
			has_date = 1;
			break;
		case 'b':
			u.actor = optarg;
			break;
		case 'n':
			u.note = optarg;
			break;
		case 'e':
			u.evidence = optarg;
			break;
		case 'u':
			if (cli_parse_date("track", "--due", optarg, &u.due) < 0)
				return JAUDIT_EUSAGE;
			u.has_due = 1;
			break;
		case 'a':
			u.approver = optarg;
			break;
		default:
			return cli_bad_option("track", argc, argv);
		}
	}
	if (argc - optind < 2)
		return jusage("track", "set needs the finding id and the new status");
	if (argc - optind > 2)
		return jusage("track", "set: unexpected argument '%s'", argv[optind + 2]);
	u.id = argv[optind];
	if (remed_move_parse(argv[optind + 1], &u.move) < 0)
		return jusage("track", "set: '%s' is not a status; expected " REMED_MOVES_EXPECTED,
			      argv[optind + 1]);
	if (!has_date)
		return jusage("track", "set needs --date, the day the change happened");
	if (!u.actor || !*u.actor)
		return jusage("track", "set needs --by, the person reporting the change");
	if (date_today(&today) < 0 || ctx_db(ctx, &db) < 0 || db_begin(db) < 0)
		return JAUDIT_EDATA;
	rc = remed_update_apply(db, &u, today, &err);
	if (rc < 0) {
		jerror("%s", err.buf);
		strbuf_release(&err);
		return JAUDIT_EDATA;
	}
	strbuf_release(&err);
	if (db_commit(db) < 0)
		return JAUDIT_EDATA;
	if (rc == REMED_UNCHANGED)
		printf("%s: %s was already recorded on that date; nothing changed\n", u.id,
		       remed_move_label(u.move, 0));
	else
		printf("%s: %s\n", u.id, remed_move_label(u.move, 0));
	return 0;
}

/* --- import ---------------------------------------------------------------------- */

static int cmd_import(struct jaudit_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "encoding", required_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 },
	};
	struct form_source src;
	struct form_log log;
	struct form_ctx counts;
	sqlite3 *db;
	int c, rc;

	memset(&src, 0, sizeof(src));
	src.enc = CSV_AUTO;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'E')
			return cli_bad_option("track", argc, argv);
		if (cli_parse_encoding("track", optarg, &src.enc) < 0)
			return JAUDIT_EUSAGE;
	}
	if (argc - optind != 1)
		return jusage("track", "import needs exactly one file");
	if (ctx_db(ctx, &db) < 0)
		return JAUDIT_EDATA;
	/* the one form loop, as `jaudit ingest --kind updates` reads the file */
	src.path = argv[optind];
	memset(&counts, 0, sizeof(counts));
	form_log_init(&log, strcmp(src.path, "-") == 0 ? "<stdin>" : src.path);
	rc = db_begin(db);
	if (rc == 0)
		rc = form_load(db, &remed_updates_form, &src, &log, &counts);
	if (rc == 0 && !log.nerrors)
		rc = db_commit(db);
	else
		db_rollback(db);
	fflush(stdout);
	form_log_print(&log, stderr, "import");
	if (log.nerrors)
		jerror("%s: nothing was recorded; correct the rows above and import the file again", log.file);
	else if (rc == 0)
		printf("%s: %zu updates recorded, %zu already recorded\n", argv[optind], counts.added,
		       counts.unchanged);
	if (log.nerrors)
		rc = JAUDIT_EDATA;
	form_log_release(&log);
	return rc < 0 ? JAUDIT_EDATA : 0;
}

/* --- history ------------------------------------------------------------------------ */

static const char *action_label(const char *action)
{
	static const struct { const char *code, *zh; } names[] = {
		{ "opened", "開始追蹤" }, { "status", "狀態變更" }, { "extended", "展延" },
		{ "policy", "期限重算" }, { "corrected", "結果更正" }, { "reopened", "重新追蹤" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].code, action) == 0)
			return names[i].zh;
	return action;
}

static void history_text(const struct remed_record *r)
{
	char d[DATE_ROC_LEN], due[DATE_ROC_LEN];
	struct table t;
	size_t i;

	printf("%s  %s %s  %s\n", r->id, r->item, r->vendor, r->finding);
	date_roc(r->due, due);
	printf("管考單位：%s  狀態：%s  完成期限：%s\n\n", r->owner,
	       remed_status_label(r->status, 0), due);
	table_init(&t, 8);
	table_header(&t, "日期", "事件", "狀態", "完成期限", "填報人", "說明", "佐證", "核准人");
	for (i = 0; i < r->nevents; i++) {
		const struct remed_event *e = &r->events[i];
		struct strbuf st = STRBUF_INIT;

		date_roc(e->date, d);
		date_roc(e->new_due, due);
		if (e->has_old && e->old_status != e->new_status)
			strbuf_addf(&st, "%s→%s", remed_status_label(e->old_status, 0),
				    remed_status_label(e->new_status, 0));
		else
			strbuf_adds(&st, remed_status_label(e->new_status, 0));
		table_row(&t, d, action_label(e->action), st.buf, due, e->actor, e->note,
			  e->evidence, e->approver);
		strbuf_release(&st);
	}
	table_print(&t, stdout);
	table_release(&t);
}

/* The history of a record as JSON; the caller deletes it. */
static cJSON *history_json(const struct remed_record *r)
{
	cJSON *o = cJSON_CreateObject(), *arr;
	char iso[DATE_ISO_LEN];
	size_t i;

	cJSON_AddStringToObject(o, "id", r->id);
	cJSON_AddStringToObject(o, "item", r->item);
	cJSON_AddStringToObject(o, "vendor", r->taxid);
	cJSON_AddStringToObject(o, "owner", r->owner);
	cJSON_AddStringToObject(o, "agency", r->agency);
	cJSON_AddStringToObject(o, "status", remed_status_code(r->status));
	date_iso(r->due, iso);
	cJSON_AddStringToObject(o, "due", iso);
	arr = cJSON_AddArrayToObject(o, "history");
	for (i = 0; i < r->nevents; i++) {
		const struct remed_event *e = &r->events[i];
		cJSON *h = cJSON_CreateObject();

		date_iso(e->date, iso);
		cJSON_AddStringToObject(h, "date", iso);
		cJSON_AddStringToObject(h, "action", e->action);
		cJSON_AddStringToObject(h, "actor", e->actor);
		if (e->has_old)
			cJSON_AddStringToObject(h, "old_status", remed_status_code(e->old_status));
		else
			cJSON_AddNullToObject(h, "old_status");
		cJSON_AddStringToObject(h, "new_status", remed_status_code(e->new_status));
		if (e->has_old) {
			date_iso(e->old_due, iso);
			cJSON_AddStringToObject(h, "old_due", iso);
		} else {
			cJSON_AddNullToObject(h, "old_due");
		}
		date_iso(e->new_due, iso);
		cJSON_AddStringToObject(h, "new_due", iso);
		cJSON_AddStringToObject(h, "note", e->note);
		cJSON_AddStringToObject(h, "evidence", e->evidence);
		cJSON_AddStringToObject(h, "approver", e->approver);
		cJSON_AddStringToObject(h, "recorded_at", e->recorded_at);
		cJSON_AddItemToArray(arr, h);
	}
	return o;
}

static int cmd_history(struct jaudit_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	enum cli_format fmt = FORMAT_TEXT;
	struct remed_set set;
	sqlite3 *db;
	size_t i;
	int c, rc, found = 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'f')
			return cli_bad_option("track", argc, argv);
		if (cli_parse_format("track", optarg, FORMAT_TEXT | FORMAT_JSON, &fmt) < 0)
			return JAUDIT_EUSAGE;
	}
	if (argc - optind != 1)
		return jusage("track", "history needs one finding id, such as 115-07-C01");
	if (ctx_db(ctx, &db) < 0)
		return JAUDIT_EDATA;
	rc = remed_load(db, 0, &set);
	for (i = 0; rc == 0 && i < set.n; i++) {
		if (strcmp(set.recs[i].id, argv[optind]) != 0)
			continue;
		found = 1;
		if (fmt == FORMAT_JSON) {
			track_json_print(history_json(&set.recs[i]));
		} else {
			history_text(&set.recs[i]);
		}
	}
	remed_set_release(&set);
	if (rc == 0 && !found)
		rc = jerror("'%s' is not a tracked finding; 'jaudit track list' shows the ids", argv[optind]);
	return rc;
}

/* --- policy ---------------------------------------------------------------------------- */

static int cmd_policy(struct jaudit_ctx *ctx, int argc, char **argv)
{
	struct remed_policy p;
	enum remed_policy_key key;
	struct table t;
	sqlite3 *db;
	long v;
	size_t i;

	if (argc > 1 && strcmp(argv[1], "set") != 0)
		return jusage("track", "policy: '%s' is not a policy subcommand; expected 'set <key> <value>'",
			      argv[1]);
	if (argc > 1 && argc != 4)
		return jusage("track", "policy set needs a key and a value, such as 'policy set partial_months 6'");
	if (argc == 4) {
		if (remed_policy_key_parse(argv[2], &key) < 0) {
			struct strbuf keys = STRBUF_INIT;

			for (i = 0; i < POLICY_NKEYS; i++)
				strbuf_addf(&keys, " %s", remed_policy_defs[i].key);
			jusage("track", "policy: '%s' is not a policy key; expected one of%s", argv[2], keys.buf);
			strbuf_release(&keys);
			return JAUDIT_EUSAGE;
		}
		if (cli_parse_int("track", argv[2], argv[3], 0, &v) < 0)
			return JAUDIT_EUSAGE;
		if (v > 120)
			return jusage("track", "%s: %ld is too large; expected 0 to 120", argv[2], v);
		if (ctx_db(ctx, &db) < 0 || remed_policy_get(db, &p) < 0 || db_begin(db) < 0 ||
		    remed_policy_set(db, key, (int)v) < 0 || db_commit(db) < 0)
			return JAUDIT_EDATA;
		printf("%s = %ld %s (was %d); run 'jaudit track sync --year <year>' to redate the records that follow the policy\n",
		       argv[2], v, remed_policy_defs[key].months ? "months" : "days", p.value[key]);
		return 0;
	}
	if (ctx_db(ctx, &db) < 0 || remed_policy_get(db, &p) < 0)
		return JAUDIT_EDATA;
	table_init(&t, 4);
	table_header(&t, "key", "值", "單位", "說明");
	table_align(&t, 1, TABLE_RIGHT);
	for (i = 0; i < POLICY_NKEYS; i++) {
		char val[16];

		snprintf(val, sizeof(val), "%d", p.value[i]);
		table_row(&t, remed_policy_defs[i].key, val, remed_policy_defs[i].months ? "月" : "日",
			  remed_policy_defs[i].zh);
	}
	table_print(&t, stdout);
	table_release(&t);
	return 0;
}

/* --- the dispatcher ---------------------------------------------------------------------- */

static int run(struct jaudit_ctx *ctx, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(struct jaudit_ctx *, int, char **);
	} subs[] = {
		{ "sync", cmd_sync }, { "set", cmd_set }, { "import", cmd_import },
		{ "list", track_list }, { "history", cmd_history }, { "summary", track_summary },
		{ "remind", track_remind },
		{ "policy", cmd_policy },
	};
	size_t i;

	if (argc < 2)
		return jusage("track", "a subcommand is needed: sync, set, import, list, history, summary, remind or policy");
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		if (strcmp(argv[1], subs[i].name) == 0) {
			cli_getopt_reset();
			return subs[i].fn(ctx, argc - 1, argv + 1);
		}
	}
	return jusage("track", "'%s' is not a track subcommand; expected sync, set, import, list, history, summary, remind or policy",
		      argv[1]);
}

const struct cmd_entry cmd_track_entry = {
	"track", "remediation of every finding to its deadline (sync, set, import, list, ...)",
	usage, run,
};
