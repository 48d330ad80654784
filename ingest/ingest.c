/*
 * jaudit ingest: load forms (CSV, .xlsx, .ods) and audit sessions (JSON, NDJSON), each
 * file in one transaction, strictly validated.
 */
#include "forms.h"
#include "ndjson.h"
#include "session.h"
#include "../core/cli.h"
#include "../core/db.h"
#include "../core/utf8.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: jaudit ingest [--kind <kind>] [--year <year>] [--encoding (utf-8 | big5)]\n"
	"                     [--sheet <name>] [--dry-run] <file>...\n"
	"\n"
	"Load the audit year's data into the database (every column and rule is in\n"
	"docs/FORMATS.md).  The files it reads, told by their first bytes, not\n"
	"their names:\n"
	"  CSV (.csv)        forms as text, UTF-8 or Big5\n"
	"  Excel (.xlsx)     forms as sent, from Excel, LibreOffice or another program\n"
	"  OpenDocument (.ods)  forms as sent, from LibreOffice or another program\n"
	"  JSON, NDJSON      audit sessions with their results (jaudit-session/1), one\n"
	"                    document per .json file, one per line in .ndjson\n"
	"The forms: vendors (計畫第六點 廠商名單), inventory (SPM 系統清冊),\n"
	"authorizations (附件1), auditors (附件2), checklist (附件3) and remediation\n"
	"updates.  An old .xls, a .docx or .odt, an empty file or a folder is\n"
	"refused with what to do (save it as .xlsx or .ods; paste the table into a\n"
	"sheet).\n"
	"\n"
	"The kind of a form is told by its header row when only one kind fits;\n"
	"otherwise give --kind.  A form with its contact block\n"
	"(一、機關承辦人聯絡資訊) above the table loads as it is; the contact block is\n"
	"kept as the form's submitter.  Of a workbook, the first sheet whose first\n"
	"rows hold a known header row is read, or the sheet --sheet names; number\n"
	"cells, date cells and a formula's saved result are read as their values\n"
	"(a 統一編號 that lost its leading zero gets it back).\n"
	"\n"
	"Each file is one transaction: either all of it is loaded or none of it.\n"
	"Up to 20 errors of a file are reported, each naming the file, the line, the\n"
	"cell (工作表1!F12) or the JSON path, the bad value and what was expected.\n"
	"A record loaded again replaces what it described (a corrected report); the\n"
	"summary of each file says how many were added, replaced and unchanged.\n"
	"The exit status is 1 if any file was not loaded.\n"
	"\n"
	"Options:\n"
	"  --kind <kind>       the kind of the forms: vendors, inventory,\n"
	"                      authorizations, auditors, checklist, updates (or\n"
	"                      sessions, for session documents in a file of another name)\n"
	"  --year <year>       the ROC year (100 to 200, or 2011 to 2111) of form rows\n"
	"                      where no 年度 column gives it (附件1/附件2 forms also\n"
	"                      say it in their title); the year must be in the\n"
	"                      database ('jaudit init --year <year>' brings it in),\n"
	"                      and a form whose title names its year must name this one\n"
	"  --encoding <enc>    force utf-8 (a BOM is allowed) or big5 (CP950); without\n"
	"                      it a CSV file that is not valid UTF-8 but is valid Big5\n"
	"                      is read as Big5 (讀入時視為 Big5 編碼, said once), and a\n"
	"                      file valid in neither is refused with one error\n"
	"  --sheet <name>      of .xlsx and .ods files: read the sheet called <name>\n"
	"  --dry-run           check everything and print the summary; write nothing\n";

struct opts {
	const struct form_kind *kind;
	int sessions;		/* --kind sessions */
	int year;
	enum csv_encoding enc;
	int dry_run;
	const char *sheet;	/* --sheet */
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* Check a line of JSON text for what cJSON would not: NUL bytes, bad UTF-8. */
static int text_ok(struct form_log *log, const char *buf, size_t len, size_t line)
{
	struct strbuf msg = STRBUF_INIT;
	int rc = 0;

	if (session_text_check(buf, len, &msg) < 0)
		rc = form_error(log, line, "%s", msg.buf);
	strbuf_release(&msg);
	return rc;
}

/* A .json file: one document (a session is small; read it whole). */
static int load_json(struct session_loader *L, struct form_log *log, FILE *fp)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;
	const char *p;

	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		strbuf_add(&sb, buf, n);
		if (sb.len > (64u << 20)) {
			strbuf_release(&sb);
			return form_error(log, 0, "larger than 64 MiB: a session document is much smaller; is this the right file?");
		}
	}
	if (ferror(fp)) {
		strbuf_release(&sb);
		return form_error(log, 0, "cannot read: %s", strerror(errno));
	}
	p = sb.buf;
	n = sb.len;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		n -= 3;
	}
	if (text_ok(log, p, n, 0) == 0)
		session_load_buffer(L, p, n, 0);
	strbuf_release(&sb);
	return log->nerrors ? JAUDIT_EDATA : 0;
}

/* "12 sessions: 12 added, 0 replaced, 0 unchanged"; what is singular ("session") */
static void print_counts(const char *what, size_t total, size_t added, size_t replaced,
			 size_t unchanged, size_t removed)
{
	printf("%zu %s%s: %zu added, %zu replaced, %zu unchanged", total, what,
	       total == 1 ? "" : "s", added, replaced, unchanged);
	if (removed)
		printf(", %zu removed", removed);
}

/* A file of session documents (.json, or NDJSON one a line): its counts into counts and *results. */
static int load_sessions(sqlite3 *db, const char *path, struct form_log *log,
			 struct form_ctx *counts, size_t *results)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct session_loader L;
	int ret;

	if (!fp)
		return form_error(log, 0, "cannot open: %s", strerror(errno));
	memset(&L, 0, sizeof(L));
	if (session_loader_init(&L, db, path, log) < 0)
		ret = form_error(log, 0, "cannot prepare the database for sessions");
	else if (ends_with(path, ".json"))
		ret = load_json(&L, log, fp);
	else
		ret = ndjson_load(&L, log, fp);
	counts->added = L.added;
	counts->replaced = L.replaced;
	counts->unchanged = L.unchanged;
	*results = L.results;
	session_loader_release(&L);
	if (fp != stdin)
		fclose(fp);
	return ret;
}

/* The file's messages, then one line: "FILE: not loaded: N errors", or what was written. */
static int report_file(const struct opts *o, struct form_log *log, int is_session,
		       const struct form_kind *kind, const struct form_ctx *counts, size_t results,
		       int ret)
{
	size_t total = counts->added + counts->replaced + counts->unchanged;

	fflush(stdout);
	form_log_print(log, stderr, "ingest");
	if (log->nerrors) {
		printf("%s: not loaded: %zu error%s\n", log->file, log->nerrors,
		       log->nerrors == 1 ? "" : "s");
		return JAUDIT_EDATA;
	}
	printf("%s: ", log->file);
	if (is_session) {
		print_counts("session", total, counts->added, counts->replaced, counts->unchanged, 0);
		if (results)
			printf(" (%zu results written)", results);
	} else {
		printf("%s, ", kind->label);
		print_counts("row", total, counts->added, counts->replaced, counts->unchanged,
			     counts->removed);
	}
	if (log->nwarnings)
		printf("; %zu warning%s", log->nwarnings, log->nwarnings == 1 ? "" : "s");
	if (o->dry_run)
		printf(" (dry run: nothing written)");
	putchar('\n');
	return ret;
}

static int ingest_file(sqlite3 *db, const struct opts *o, const char *path)
{
	struct form_log log;
	int ret, is_session = o->sessions ||
		(!o->kind && (ends_with(path, ".json") || ends_with(path, ".ndjson") ||
			      ends_with(path, ".jsonl")));
	const struct form_kind *kind = o->kind;
	struct form_ctx counts;
	size_t results = 0;

	memset(&counts, 0, sizeof(counts));
	form_log_init(&log, strcmp(path, "-") == 0 ? "<stdin>" : path);
	if (!is_session && !kind) {
		if (strcmp(path, "-") == 0)
			form_error(&log, 0, "give --kind for a form read from standard input");
		else
			kind = forms_guess(path, o->enc, o->sheet, &log);
	}
	if (log.nerrors) {
		ret = JAUDIT_EDATA;
		goto report;
	}
	if (db_begin(db) < 0) {
		form_error(&log, 0, "not loaded: the database could not be locked for writing");
		ret = JAUDIT_EDATA;
		goto report;
	}
	if (is_session)
		ret = load_sessions(db, path, &log, &counts, &results);
	else
		ret = forms_load(db, kind, path, o->enc, o->sheet, o->year, &log, &counts);
	if (ret == 0 && !log.nerrors && !o->dry_run) {
		if (db_commit(db) < 0)
			ret = form_error(&log, 0, "not loaded: the database refused to commit");
	} else {
		db_rollback(db);
	}
report:
	ret = report_file(o, &log, is_session, kind, &counts, results, ret);
	form_log_release(&log);
	return ret;
}

static int run_ingest(struct jaudit_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "year", required_argument, NULL, 'y' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "sheet", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { NULL, 0, 0, CSV_AUTO, 0, NULL };
	sqlite3 *db;
	int c, i, failed = 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			if (strcmp(optarg, "sessions") == 0 || strcmp(optarg, "session") == 0) {
				o.sessions = 1;
			} else if (!(o.kind = forms_kind(optarg))) {
				struct strbuf names = STRBUF_INIT;
				int rc;

				forms_kind_names(&names);
				rc = jusage("ingest", "--kind: '%s' is not one of %s, sessions", optarg,
					    names.buf);
				strbuf_release(&names);
				return rc;
			}
			break;
		case 'y':
			if (cli_parse_year("ingest", optarg, &o.year) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'e':
			if (cli_parse_encoding("ingest", optarg, &o.enc) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case 's':
			o.sheet = optarg;
			break;
		default:
			return cli_bad_option("ingest", argc, argv);
		}
	}
	if (optind >= argc)
		return jusage("ingest", "no file to ingest");
	if (ctx_db(ctx, &db) < 0)
		return JAUDIT_EDATA;
	/*
	 * A page cache of 32 MB keeps a large file's B-tree pages in memory
	 * (peak memory stays under 64 MB), and each statement's own journal
	 * (one statement's rows) stays in memory instead of a temporary file.
	 */
	if (db_exec(db, "PRAGMA cache_size = -32000") < 0 ||
	    db_exec(db, "PRAGMA temp_store = MEMORY") < 0)
		return JAUDIT_EDATA;
	for (i = optind; i < argc; i++)
		if (ingest_file(db, &o, argv[i]) < 0)
			failed++;
	if (failed && argc - optind > 1)
		fprintf(stderr, "jaudit: %d of %d files not loaded\n", failed, argc - optind);
	return failed ? JAUDIT_EDATA : 0;
}

const struct cmd_entry cmd_ingest_entry = {
	"ingest", "load forms (CSV, .xlsx, .ods) and audit sessions (JSON) into the database", usage, run_ingest,
};
