/*
 * jaudit schedule: the audit timetable of a year (seed §5, §8) and the
 * dates its milestones were done.
 */
#include "track.h"
#include "../core/cli.h"
#include "../core/date.h"
#include "../core/db.h"
#include "remed_policy.h"
#include "remediation.h"
#include "../core/strbuf.h"
#include "../core/table.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char usage[] =
	"usage: jaudit schedule --year <year> [--as-of <date>] [--format (text | json)]\n"
	"       jaudit schedule set <session> <milestone> [--date <date>] [--due <date>]\n"
	"                           [--by <name>] [--note <text>]\n"
	"\n"
	"The timetable of the year's audit as of a date (default today).  The year's\n"
	"stages (計畫第五點): 籌備 (Dec of the year before - Jan), 前置作業 (Feb - Mar),\n"
	"遴選稽核委員 (Apr), 實施作業 (May - Oct), 檢討作業 (Nov - Dec).  For each\n"
	"session (計畫第五點四、第八點（一）):\n"
	"  notify      通知稽核日期: the vendor is told the audit date, 1 month before\n"
	"  documents   廠商交付資料: by the deadline 資安署's notice set (--due), else\n"
	"              7 days before the audit\n"
	"  contracts   通知抽檢契約: the sampled contracts announced, 2 weeks before\n"
	"  audit       實地稽核: the audit itself (done once its date has passed)\n"
	"  report      提出稽核報告: the report, within 1 month after the audit\n"
	"  plan        改善計畫: improvement plans, 1 month after the report (done when\n"
	"              no finding of the session is still 待改善)\n"
	"Each shows 已完成 (done; late if after its deadline), 即將到期 (due within\n"
	"14 days), 逾期 (late) or 未到期.  A milestone with no date recorded whose\n"
	"later step is done (the audit held, a later milestone recorded; for the\n"
	"report, a finding past 待改善) is 未記錄: it happened, its date is missing.\n"
	"Only an open step past its deadline with no later step done is 逾期.\n"
	"The plan is 不適用 when the session's results have no 部分符合 or 不符合,\n"
	"and 尚未追蹤 when they have but 'jaudit track sync' has not made their\n"
	"records yet.  The offsets are the policy of 'jaudit track policy'.\n"
	"\n"
	"'schedule set' records the day a milestone (notify, documents, contracts,\n"
	"report; or 通知, 交付資料, 抽檢契約, 報告) was done, and for documents the\n"
	"deadline set in the notice.  Recording the report's date redates the\n"
	"session's findings that follow the due-date policy.\n"
	"\n"
	"Options:\n"
	"  --year <year>     the ROC year (115, or 2026)\n"
	"  --as-of <date>    the date the states are computed for (default today)\n"
	"  --format <fmt>    text (default) or json\n"
	"  --date <date>     the day the milestone was done\n"
	"  --due <date>      documents only: the deadline the notice set\n"
	"  --by <name>       who records it\n"
	"  --note <text>     a note, such as the letter's number (文號)\n";

enum milestone { MS_NOTIFY, MS_DOCUMENTS, MS_CONTRACTS, MS_AUDIT, MS_REPORT, MS_PLAN, MS_COUNT };

static const struct {
	const char *code, *zh, *en;
	int settable;
} milestones[MS_COUNT] = {
	[MS_NOTIFY] = { "notify", "通知稽核日期", "notify", 1 },
	[MS_DOCUMENTS] = { "documents", "廠商交付資料", "documents", 1 },
	[MS_CONTRACTS] = { "contracts", "通知抽檢契約", "contracts", 1 },
	[MS_AUDIT] = { "audit", "實地稽核", "audit", 0 },
	[MS_REPORT] = { "report", "提出稽核報告", "report", 1 },
	[MS_PLAN] = { "plan", "改善計畫", "plan", 0 },
};

static const char *const short_zh[MS_COUNT] = { "通知", "交付資料", "抽檢契約", "稽核", "報告", "計畫" };

static int milestone_parse(const char *s, enum milestone *out)
{
	size_t i;

	for (i = 0; i < MS_COUNT; i++)
		if (strcasecmp(s, milestones[i].code) == 0 || strcmp(s, milestones[i].zh) == 0 ||
		    strcmp(s, short_zh[i]) == 0) {
			*out = (enum milestone)i;
			return 0;
		}
	return -1;
}

enum ms_state { ST_DONE, ST_DONE_LATE, ST_LATE, ST_SOON, ST_PENDING, ST_NONE, ST_UNRECORDED, ST_UNTRACKED };

static const char *const state_code[] = {
	"done", "done_late", "late", "due_soon", "pending", "not_applicable", "unrecorded", "untracked",
};

struct ms_row {
	enum milestone m;
	struct jdate due, done;
	int has_done;
	enum ms_state state;
	long days;		/* late: days past due; soon/pending: days left */
};

static void classify(struct ms_row *r, struct jdate as_of, int soon_days)
{
	if (r->state == ST_NONE || r->state == ST_UNTRACKED)
		return;
	if (r->has_done && date_cmp(r->done, as_of) <= 0) {
		r->state = date_cmp(r->done, r->due) > 0 ? ST_DONE_LATE : ST_DONE;
		r->days = date_diff(r->due, r->done);
		return;
	}
	r->has_done = 0;
	r->days = date_diff(as_of, r->due);
	if (r->days < 0) {
		r->state = ST_LATE;
		r->days = -r->days;
	} else if (r->days <= soon_days) {
		r->state = ST_SOON;
	} else {
		r->state = ST_PENDING;
	}
}

static void state_text(const struct ms_row *r, struct strbuf *sb)
{
	switch (r->state) {
	case ST_DONE:
		strbuf_adds(sb, "已完成");
		break;
	case ST_DONE_LATE:
		strbuf_addf(sb, "已完成（逾期 %ld 日）", r->days);
		break;
	case ST_LATE:
		strbuf_addf(sb, "逾期 %ld 日", r->days);
		break;
	case ST_SOON:
		strbuf_addf(sb, "即將到期（尚餘 %ld 日）", r->days);
		break;
	case ST_PENDING:
		strbuf_adds(sb, "未到期");
		break;
	case ST_NONE:
		strbuf_adds(sb, "不適用（無發現事項）");
		break;
	case ST_UNRECORDED:
		strbuf_adds(sb, "未記錄（後續步驟已完成）");
		break;
	case ST_UNTRACKED:
		strbuf_adds(sb, "尚未追蹤（有發現事項，無追蹤紀錄）");
		break;
	}
}

struct session_sched {
	char *id, *taxid, *vendor;
	struct jdate date;
	long long findings;	/* results rated 部分符合 or 不符合 */
	int plan_begun;		/* a finding of the session left 待改善 (as of the date) */
	struct ms_row ms[MS_COUNT];
};

/* A session's stored audit date, read strictly. */
static int stored_session_date(const char *session, const char *iso, struct jdate *d)
{
	char what[128];

	snprintf(what, sizeof(what), "session %s, date", session);
	return date_from_db_or_say(iso, d, what);
}

/* The recorded milestones of a session into s->ms. */
static int load_events(sqlite3 *db, struct session_sched *s, struct jdate *doc_due, int *has_doc_due)
{
	sqlite3_stmt *st = NULL;
	enum milestone m;
	char what[128];
	int rc;

	*has_doc_due = 0;
	if (db_prepare(db, &st, "SELECT milestone, done, due FROM schedule_events WHERE session = :s") < 0)
		return JAUDIT_EDATA;
	db_bind_text(st, ":s", s->id);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		if (milestone_parse(db_text(st, 0), &m) < 0)
			continue;
		snprintf(what, sizeof(what), "session %s, milestone %s", s->id, db_text(st, 0));
		if (*db_text(st, 1)) {
			if (date_from_db_or_say(db_text(st, 1), &s->ms[m].done, what) < 0) {
				rc = JAUDIT_EDATA;
				break;
			}
			s->ms[m].has_done = 1;
		}
		if (m == MS_DOCUMENTS && *db_text(st, 2)) {
			if (date_from_db_or_say(db_text(st, 2), doc_due, what) < 0) {
				rc = JAUDIT_EDATA;
				break;
			}
			*has_doc_due = 1;
		}
	}
	db_finalize(st);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

/* plan: done when no record of the session is 待改善 as of the date */
static void plan_state(struct session_sched *s, const struct remed_set *set, struct jdate as_of)
{
	struct ms_row *r = &s->ms[MS_PLAN];
	size_t i, j, first, n = remed_set_session(set, s->id, &first), mine = 0;
	int all_left = 1;
	struct jdate left = { 0, 0, 0 };

	for (i = first; i < first + n; i++) {
		const struct remed_record *rec = &set->recs[i];
		enum remed_status st;
		int gone = 0;

		if (strcmp(rec->session, s->id) != 0)
			continue;
		mine++;
		if (!remed_state_at(rec, as_of, &st, NULL, NULL) || st == REMED_OPEN) {
			all_left = 0;
			continue;
		}
		s->plan_begun = 1;
		/* the day it left 待改善 */
		for (j = 0; j < rec->nevents && !gone; j++) {
			const struct remed_event *e = &rec->events[j];

			if (e->has_old && e->old_status == REMED_OPEN && e->new_status != REMED_OPEN) {
				if (date_cmp(e->date, left) > 0)
					left = e->date;
				gone = 1;
			}
		}
	}
	if (mine == 0) {
		/* no record: no finding, or findings not yet tracked ('track sync') */
		r->state = s->findings ? ST_UNTRACKED : ST_NONE;
		return;
	}
	if (all_left) {
		r->has_done = 1;
		r->done = left;
	}
}

/*
 * A milestone with no date recorded whose later step is done (the audit
 * held, a report recorded, a finding past 待改善) did happen: 未記錄, not
 * 逾期.  Only an open step with nothing after it done can be late.
 */
static void unrecorded(struct session_sched *s)
{
	int later = 0, k;

	for (k = MS_COUNT - 1; k >= 0; k--) {
		struct ms_row *r = &s->ms[k];

		if (r->state == ST_DONE || r->state == ST_DONE_LATE) {
			later = 1;
		} else if (r->state == ST_LATE || r->state == ST_SOON || r->state == ST_PENDING) {
			if (later)
				r->state = ST_UNRECORDED;
			else if (k == MS_PLAN && s->plan_begun)
				later = 1;	/* some plans are in: the report went out */
		}
	}
}

/*
 * The milestones' due dates by the policy (doc_due: the documents'
 * deadline the notice set, or NULL).  The plan counts from the report
 * once it went out (as of the date), else from its due date.
 */
static void set_dues(struct session_sched *s, const struct remed_policy *p, struct jdate as_of,
		     const struct jdate *doc_due)
{
	struct jdate report = date_add_months(s->date, p->value[POLICY_REPORT_MONTHS]);

	if (s->ms[MS_REPORT].has_done && date_cmp(s->ms[MS_REPORT].done, as_of) <= 0)
		report = s->ms[MS_REPORT].done;
	s->ms[MS_NOTIFY].due = date_add_months(s->date, -p->value[POLICY_NOTIFY_MONTHS]);
	s->ms[MS_DOCUMENTS].due = doc_due ? *doc_due
		: date_add_days(s->date, -p->value[POLICY_DOCUMENTS_DAYS]);
	s->ms[MS_CONTRACTS].due = date_add_days(s->date, -p->value[POLICY_CONTRACTS_DAYS]);
	s->ms[MS_AUDIT].due = s->date;
	s->ms[MS_AUDIT].done = s->date;
	s->ms[MS_AUDIT].has_done = 1;
	s->ms[MS_REPORT].due = date_add_months(s->date, p->value[POLICY_REPORT_MONTHS]);
	s->ms[MS_PLAN].due = date_add_months(report, p->value[POLICY_PLAN_MONTHS]);
}

static int load_sessions(sqlite3 *db, int year, struct jdate as_of, const struct remed_policy *p,
			 struct session_sched **out, size_t *nout)
{
	sqlite3_stmt *st = NULL, *fq = NULL;
	struct session_sched *ss = NULL;
	struct remed_set set;
	size_t n = 0, i;
	int rc;

	*out = NULL;
	*nout = 0;
	if (remed_load(db, year, &set) < 0) {
		remed_set_release(&set);
		return JAUDIT_EDATA;
	}
	if (db_prepare(db, &st,
		       "SELECT s.id, s.taxid, coalesce(v.name, ''), s.date FROM sessions s"
		       " LEFT JOIN vendors v ON v.taxid = s.taxid WHERE s.year = :year"
		       " ORDER BY s.date, s.id") < 0) {
		remed_set_release(&set);
		return JAUDIT_EDATA;
	}
	db_bind_int(st, ":year", year);
	if (db_prepare(db, &fq, "SELECT count(*) FROM results WHERE session = :s"
		       " AND rating IN ('partial', 'noncompliant')") < 0) {
		db_finalize(st);
		remed_set_release(&set);
		return JAUDIT_EDATA;
	}
	while ((rc = db_step(st)) == SQLITE_ROW) {
		struct session_sched *s;
		struct jdate doc_due;
		int has_doc_due;

		ss = xrealloc(ss, (n + 1) * sizeof(*ss));
		s = &ss[n++];
		memset(s, 0, sizeof(*s));
		s->id = xstrdup(db_text(st, 0));
		s->taxid = xstrdup(db_text(st, 1));
		s->vendor = xstrdup(db_text(st, 2));
		if (stored_session_date(s->id, db_text(st, 3), &s->date) < 0) {
			rc = JAUDIT_EDATA;
			break;
		}
		for (i = 0; i < MS_COUNT; i++)
			s->ms[i].m = (enum milestone)i;
		/* findings from the results, whether or not 'track sync' has run */
		db_bind_text(fq, ":s", s->id);
		if (db_step(fq) != SQLITE_ROW) {
			db_reset(fq);
			rc = JAUDIT_EDATA;
			break;
		}
		s->findings = sqlite3_column_int64(fq, 0);
		db_reset(fq);
		if (load_events(db, s, &doc_due, &has_doc_due) < 0) {
			rc = JAUDIT_EDATA;
			break;
		}
		set_dues(s, p, as_of, has_doc_due ? &doc_due : NULL);
		plan_state(s, &set, as_of);
		for (i = 0; i < MS_COUNT; i++)
			classify(&s->ms[i], as_of, p->value[POLICY_SOON_DAYS]);
		unrecorded(s);
	}
	db_finalize(st);
	db_finalize(fq);
	remed_set_release(&set);
	*out = ss;
	*nout = n;
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

static void sessions_release(struct session_sched *ss, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(ss[i].id);
		free(ss[i].taxid);
		free(ss[i].vendor);
	}
	free(ss);
}

/* The year's stages of seed §5 */
struct stage {
	const char *zh, *code;
	struct jdate start, end;
	const char *state;
};

static void year_stages(int year, struct jdate as_of, struct stage st[5])
{
	int y = year + ROC_OFFSET;
	static const struct { const char *zh, *code; int sm, em; } def[5] = {
		{ "籌備階段", "preparation", 0, 1 },
		{ "前置作業", "pre_work", 2, 3 },
		{ "遴選稽核委員", "selection", 4, 4 },
		{ "實施作業", "audits", 5, 10 },
		{ "檢討作業", "review", 11, 12 },
	};
	size_t i;

	for (i = 0; i < 5; i++) {
		struct jdate s = { def[i].sm == 0 ? y - 1 : y, def[i].sm == 0 ? 12 : def[i].sm, 1 };
		struct jdate e = { y, def[i].em, date_days_in_month(y, def[i].em) };

		st[i].zh = def[i].zh;
		st[i].code = def[i].code;
		st[i].start = s;
		st[i].end = e;
		if (date_cmp(as_of, s) < 0)
			st[i].state = "not_started";
		else if (date_cmp(as_of, e) > 0)
			st[i].state = "ended";
		else
			st[i].state = "in_progress";
	}
}

static const char *stage_state_zh(const char *code)
{
	if (strcmp(code, "not_started") == 0)
		return "尚未開始";
	if (strcmp(code, "ended") == 0)
		return "已結束";
	return "進行中";
}

static void print_text(int year, struct jdate as_of, const struct stage st[5],
		       const struct session_sched *ss, size_t n)
{
	char a[DATE_ROC_LEN], b[DATE_ROC_LEN];
	struct table t;
	size_t i, k;

	date_roc(as_of, a);
	printf("%d年度 稽核作業時程  截至%s\n\n", year, a);
	table_init(&t, 3);
	table_header(&t, "階段", "期間", "狀態");
	for (i = 0; i < 5; i++) {
		struct strbuf per = STRBUF_INIT;

		date_roc(st[i].start, a);
		date_roc(st[i].end, b);
		strbuf_addf(&per, "%s–%s", a, b);
		table_row(&t, st[i].zh, per.buf, stage_state_zh(st[i].state));
		strbuf_release(&per);
	}
	table_print(&t, stdout);
	table_release(&t);
	if (n == 0)
		printf("\n（本年度尚無稽核場次）\n");
	for (i = 0; i < n; i++) {
		date_roc(ss[i].date, a);
		printf("\n場次 %s  %s（%s）  稽核日 %s  發現事項 %lld 項\n", ss[i].id, ss[i].vendor, ss[i].taxid, a,
		       ss[i].findings);
		table_init(&t, 4);
		table_header(&t, "里程碑", "期限", "完成日", "狀態");
		for (k = 0; k < MS_COUNT; k++) {
			const struct ms_row *r = &ss[i].ms[k];
			struct strbuf sb = STRBUF_INIT;

			state_text(r, &sb);
			date_roc(r->due, a);
			if (r->has_done)
				date_roc(r->done, b);
			table_row(&t, milestones[k].zh, r->state == ST_NONE ? "—" : a, r->has_done ? b : "",
				  sb.buf);
			strbuf_release(&sb);
		}
		table_print(&t, stdout);
		table_release(&t);
	}
}

static void print_json(int year, struct jdate as_of, const struct stage st[5],
		       const struct session_sched *ss, size_t n)
{
	cJSON *root = cJSON_CreateObject(), *arr, *o, *ms;
	char iso[DATE_ISO_LEN];
	size_t i, k;

	cJSON_AddNumberToObject(root, "year", year);
	date_iso(as_of, iso);
	cJSON_AddStringToObject(root, "as_of", iso);
	arr = cJSON_AddArrayToObject(root, "stages");
	for (i = 0; i < 5; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "stage", st[i].code);
		cJSON_AddStringToObject(o, "label", st[i].zh);
		date_iso(st[i].start, iso);
		cJSON_AddStringToObject(o, "start", iso);
		date_iso(st[i].end, iso);
		cJSON_AddStringToObject(o, "end", iso);
		cJSON_AddStringToObject(o, "state", st[i].state);
		cJSON_AddItemToArray(arr, o);
	}
	arr = cJSON_AddArrayToObject(root, "sessions");
	for (i = 0; i < n; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "session", ss[i].id);
		cJSON_AddStringToObject(o, "vendor", ss[i].taxid);
		cJSON_AddStringToObject(o, "vendor_name", ss[i].vendor);
		date_iso(ss[i].date, iso);
		cJSON_AddStringToObject(o, "date", iso);
		cJSON_AddNumberToObject(o, "findings", (double)ss[i].findings);
		ms = cJSON_AddArrayToObject(o, "milestones");
		for (k = 0; k < MS_COUNT; k++) {
			const struct ms_row *r = &ss[i].ms[k];
			cJSON *m = cJSON_CreateObject();

			cJSON_AddStringToObject(m, "milestone", milestones[k].code);
			cJSON_AddStringToObject(m, "label", milestones[k].zh);
			if (r->state == ST_NONE) {
				cJSON_AddNullToObject(m, "due");
			} else {
				date_iso(r->due, iso);
				cJSON_AddStringToObject(m, "due", iso);
			}
			if (r->has_done) {
				date_iso(r->done, iso);
				cJSON_AddStringToObject(m, "done", iso);
			} else {
				cJSON_AddNullToObject(m, "done");
			}
			cJSON_AddStringToObject(m, "state", state_code[r->state]);
			if (r->state == ST_LATE || r->state == ST_DONE_LATE)
				cJSON_AddNumberToObject(m, "days_late", (double)r->days);
			else if (r->state == ST_SOON || r->state == ST_PENDING)
				cJSON_AddNumberToObject(m, "days_left", (double)r->days);
			cJSON_AddItemToArray(ms, m);
		}
		cJSON_AddItemToArray(arr, o);
	}
	track_json_print(root);
}

/* What `schedule set` was asked. */
struct set_args {
	const char *session, *by, *note;
	enum milestone m;
	struct jdate done, due;
	int has_done, has_due;
};

static int set_args_parse(int argc, char **argv, struct set_args *a)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "due", required_argument, NULL, 'u' },
		{ "by", required_argument, NULL, 'b' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(a, 0, sizeof(*a));
	a->by = a->note = "";
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd') {
			if (cli_parse_date("schedule", "--date", optarg, &a->done) < 0)
				return JAUDIT_EUSAGE;
			a->has_done = 1;
		} else if (c == 'u') {
			if (cli_parse_date("schedule", "--due", optarg, &a->due) < 0)
				return JAUDIT_EUSAGE;
			a->has_due = 1;
		} else if (c == 'b') {
			a->by = optarg;
		} else if (c == 'n') {
			a->note = optarg;
		} else {
			return cli_bad_option("schedule", argc, argv);
		}
	}
	if (argc - optind != 2)
		return jusage("schedule", "set needs a session and a milestone, such as 'set 115-07 report --date 115/07/10'");
	a->session = argv[optind];
	if (milestone_parse(argv[optind + 1], &a->m) < 0)
		return jusage("schedule", "set: '%s' is not a milestone; expected notify, documents, contracts or report",
			      argv[optind + 1]);
	if (!milestones[a->m].settable)
		return jusage("schedule", "set: the %s milestone follows from the data and is not recorded; "
			      "expected notify, documents, contracts or report", milestones[a->m].code);
	if (!a->has_done && !a->has_due)
		return jusage("schedule", "set needs --date (the day it was done)%s",
			      a->m == MS_DOCUMENTS ? " or --due (the deadline the notice set)" : "");
	if (a->has_due && a->m != MS_DOCUMENTS)
		return jusage("schedule", "set: --due is for the documents milestone only; the other deadlines follow the policy");
	return 0;
}

/* The session's year and audit date: 0, or JAUDIT_EDATA (said) when there is no such session. */
static int session_year_date(sqlite3 *db, const char *id, int *year, struct jdate *audit)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (db_prepare(db, &st, "SELECT year, date FROM sessions WHERE id = :id") < 0)
		return JAUDIT_EDATA;
	db_bind_text(st, ":id", id);
	rc = db_step(st);
	if (rc == SQLITE_ROW) {
		*year = sqlite3_column_int(st, 0);
		if (stored_session_date(id, db_text(st, 1), audit) < 0)
			rc = JAUDIT_EDATA;
	}
	db_finalize(st);
	if (rc == SQLITE_DONE)
		return jerror("schedule set: there is no session '%s'; 'jaudit schedule --year <year>' lists them",
			      id);
	return rc == SQLITE_ROW ? 0 : JAUDIT_EDATA;
}

/* The milestone's row, inserted or updated (inside the caller's transaction). */
static int write_event(sqlite3 *db, const struct set_args *a)
{
	char done_iso[DATE_ISO_LEN], due_iso[DATE_ISO_LEN];
	sqlite3_stmt *st = NULL;
	int rc;

	if (a->has_done)
		date_iso(a->done, done_iso);
	if (a->has_due)
		date_iso(a->due, due_iso);
	if (db_prepare(db, &st,
		       "INSERT INTO schedule_events (session, milestone, done, due, actor, note)"
		       " VALUES (:s, :m, :done, :due, :by, :note) ON CONFLICT (session, milestone) DO UPDATE SET"
		       " done = coalesce(excluded.done, done), due = coalesce(excluded.due, due),"
		       " actor = excluded.actor, note = CASE WHEN excluded.note <> '' THEN excluded.note ELSE note END") < 0)
		return JAUDIT_EDATA;
	db_bind_text(st, ":s", a->session);
	db_bind_text(st, ":m", milestones[a->m].code);
	db_bind_text(st, ":done", a->has_done ? done_iso : NULL);
	db_bind_text(st, ":due", a->has_due ? due_iso : NULL);
	db_bind_text(st, ":by", a->by);
	db_bind_text(st, ":note", a->note);
	rc = db_step(st);
	db_finalize(st);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

/*
 * The report recorded: once tracking has begun, the findings' due dates
 * count from it (a sync in the same transaction).  Commits.
 */
static int report_recorded(sqlite3 *db, const char *session, int year, struct jdate today)
{
	struct remed_sync_result res;
	sqlite3_stmt *st = NULL;
	long long tracked = 0;

	if (db_prepare(db, &st, "SELECT count(*) FROM remediation WHERE year = :year") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", year);
	if (db_step(st) == SQLITE_ROW)
		tracked = sqlite3_column_int64(st, 0);
	db_finalize(st);
	if (!tracked) {
		if (db_commit(db) < 0)
			return JAUDIT_EDATA;
		printf("%s report: recorded; 'jaudit track sync --year %d' will count the findings' due dates from it\n",
		       session, year);
		return 0;
	}
	if (remed_sync(db, year, today, &res) < 0)
		return JAUDIT_EDATA;
	if (db_commit(db) < 0)
		return JAUDIT_EDATA;
	printf("%s %s: recorded; %u finding due dates recomputed from the report date\n",
	       session, milestones[MS_REPORT].code, res.redated);
	return 0;
}

static int cmd_set(struct jaudit_ctx *ctx, int argc, char **argv)
{
	struct set_args a;
	struct jdate today, audit;
	char x[DATE_ROC_LEN], y[DATE_ROC_LEN];
	int rc, year = 0;
	sqlite3 *db;

	if ((rc = set_args_parse(argc, argv, &a)) < 0)
		return rc;
	if (date_today(&today) < 0 || ctx_db(ctx, &db) < 0)
		return JAUDIT_EDATA;
	if (a.has_done && date_cmp(a.done, today) > 0) {
		date_roc_slash(a.done, x);
		date_roc_slash(today, y);
		return jerror("schedule set: the date %s is after today (%s); record a milestone once it is done", x, y);
	}
	if (session_year_date(db, a.session, &year, &audit) < 0)
		return JAUDIT_EDATA;
	if (a.has_done && a.m == MS_REPORT && date_cmp(a.done, audit) < 0) {
		date_roc_slash(a.done, x);
		date_roc_slash(audit, y);
		return jerror("schedule set: the report date %s is before the audit on %s", x, y);
	}
	if (db_begin(db) < 0 || write_event(db, &a) < 0)
		return JAUDIT_EDATA;
	if (a.m == MS_REPORT)
		return report_recorded(db, a.session, year, today);
	if (db_commit(db) < 0)
		return JAUDIT_EDATA;
	printf("%s %s: recorded\n", a.session, milestones[a.m].code);
	return 0;
}

static int run(struct jaudit_ctx *ctx, int argc, char **argv)
{
	struct track_report_opts o;
	struct session_sched *ss = NULL;
	struct remed_policy p;
	struct stage st[5];
	size_t n = 0;
	sqlite3 *db;
	int rc;

	if (argc > 1 && strcmp(argv[1], "set") == 0) {
		cli_getopt_reset();
		return cmd_set(ctx, argc - 1, argv + 1);
	}
	rc = track_report_options("schedule", "", argc, argv, &o);
	if (rc < 0)
		return rc;
	if (ctx_db_year(ctx, o.year, &db) < 0 || remed_policy_get(db, &p) < 0)
		return JAUDIT_EDATA;
	rc = load_sessions(db, o.year, o.as_of, &p, &ss, &n);
	if (rc == 0) {
		year_stages(o.year, o.as_of, st);
		if (o.fmt == FORMAT_JSON)
			print_json(o.year, o.as_of, st, ss, n);
		else
			print_text(o.year, o.as_of, st, ss, n);
	}
	sessions_release(ss, n);
	return rc;
}

const struct cmd_entry cmd_schedule_entry = {
	"schedule", "the audit timetable and its milestones, as of a date", usage, run,
};
