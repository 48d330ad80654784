/*
 * jaudit candidates: rank the year's vendors for selection (計畫第六點) by
 * the number of agencies' core systems they maintain and the number of
 * agencies they serve.
 */
#include "../core/cli.h"
#include "../core/csv.h"
#include "../core/db.h"
#include "../core/table.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: jaudit candidates --year <year> [--top <n>] [--weights <a>,<b>]\n"
	"                         [--source (auto | vendors | inventory)]\n"
	"                         [--format (text | csv | json)] [--lang (zh | en)]\n"
	"\n"
	"Rank the vendors of the year for selection as 候選受稽核廠商 (計畫第六點), by\n"
	"維運機關核心資通系統數量 (the agencies' core systems a vendor maintains) and\n"
	"服務機關數量 (the agencies it serves).\n"
	"\n"
	"The counts come from the system inventory (系統清冊) when the year has one\n"
	"ingested: core systems are the vendor's inventory rows marked core, agencies\n"
	"the distinct agencies among all its rows.  Otherwise they are the two columns\n"
	"of the vendors list.  The output says which source was used.\n"
	"\n"
	"Score = (a x core systems / the year's largest core-system count\n"
	"       + b x agencies / the year's largest agency count) / (a + b),\n"
	"so it lies between 0 and 1; a count whose largest value is 0 adds 0.\n"
	"The default weights are 0.5,0.5.  Vendors are listed by score, then by\n"
	"core systems, then by tax id (scores equal to 12 digits are ties).  The\n"
	"候選 and 受稽核 marks are those of the vendors list.\n"
	"\n"
	"Options:\n"
	"  --year <year>       the ROC year (115, or 2026)\n"
	"  --top <n>           list the first n vendors only\n"
	"  --weights <a>,<b>   the weights of core systems and of agencies\n"
	"                      (two numbers >= 0, not both 0; default 0.5,0.5)\n"
	"  --source <src>      auto (default): the inventory if the year has one,\n"
	"                      else the vendors list; or force one of them\n"
	"  --format <fmt>      text (default), csv or json\n"
	"  --lang <lang>       zh (default) or en, for the text headings\n";

enum source { SOURCE_AUTO, SOURCE_VENDORS, SOURCE_INVENTORY };

struct cand {
	char taxid[9];
	char *name;
	long long core_systems, agencies;
	int listed;		/* in the year's vendors list */
	int candidate, selected;
	double score;
};

struct ranking {
	int year;
	enum source source;	/* the one used: never SOURCE_AUTO */
	double w_core, w_agencies;	/* normalised to sum 1 */
	long long max_core, max_agencies;
	struct cand *v;
	size_t n, alloc;
};

static const char sql_from_vendors[] =
	"SELECT vy.taxid, v.name, vy.core_systems, vy.agencies, 1,"
	"       vy.candidate, vy.selected"
	"  FROM vendor_years vy JOIN vendors v ON v.taxid = vy.taxid"
	" WHERE vy.year = :year";

/*
 * Every vendor of the inventory or of the vendors list of the year, in one
 * grouping (a join on an aggregate would scan it once per vendor).
 */
static const char sql_from_inventory[] =
	"SELECT u.taxid, v.name, SUM(u.core_systems), SUM(u.agencies), MAX(u.listed),"
	"       MAX(u.candidate), MAX(u.selected)"
	"  FROM (SELECT taxid, SUM(core) AS core_systems,"
	"               COUNT(DISTINCT agency) AS agencies,"
	"               0 AS listed, 0 AS candidate, 0 AS selected"
	"          FROM inventory WHERE year = :year GROUP BY taxid"
	"        UNION ALL"
	"        SELECT taxid, 0, 0, 1, candidate, selected"
	"          FROM vendor_years WHERE year = :year) u"
	"  JOIN vendors v ON v.taxid = u.taxid"
	" GROUP BY u.taxid";

/* --weights a,b: two finite numbers >= 0, not both 0. */
static int parse_weights(const char *arg, double *a, double *b)
{
	const char *s = arg;
	char *end;

	errno = 0;
	*a = strtod(s, &end);
	if (end == s || *end != ',')
		goto bad;
	s = end + 1;
	*b = strtod(s, &end);
	if (end == s || *end != '\0' || errno || !isfinite(*a) || !isfinite(*b) ||
	    *a < 0 || *b < 0 || *a + *b <= 0)
		goto bad;
	return 0;
bad:
	return jusage("candidates", "--weights: '%s' is not two numbers a,b of at least 0,"
		      " not both 0 (such as 0.5,0.5)", arg);
}

static int parse_source(const char *s, enum source *out)
{
	if (strcmp(s, "auto") == 0)
		*out = SOURCE_AUTO;
	else if (strcmp(s, "vendors") == 0)
		*out = SOURCE_VENDORS;
	else if (strcmp(s, "inventory") == 0)
		*out = SOURCE_INVENTORY;
	else
		return jusage("candidates", "--source: '%s' is not one of auto vendors inventory", s);
	return 0;
}

static int cand_push(struct ranking *r, sqlite3_stmt *st)
{
	struct cand *c;

	if (r->n == r->alloc) {
		size_t na = r->alloc ? 2 * r->alloc : 64;
		struct cand *nv = realloc(r->v, na * sizeof *nv);

		if (!nv)
			return jerror("out of memory ranking %zu vendors", r->n);
		r->v = nv;
		r->alloc = na;
	}
	c = &r->v[r->n];
	snprintf(c->taxid, sizeof c->taxid, "%s", db_text(st, 0));
	c->name = strdup(db_text(st, 1));
	if (!c->name)
		return jerror("out of memory ranking %zu vendors", r->n);
	c->core_systems = sqlite3_column_int64(st, 2);
	c->agencies = sqlite3_column_int64(st, 3);
	c->listed = sqlite3_column_int(st, 4);
	c->candidate = sqlite3_column_int(st, 5);
	c->selected = sqlite3_column_int(st, 6);
	r->n++;
	return 0;
}

static void ranking_release(struct ranking *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].name);
	free(r->v);
	r->v = NULL;
	r->n = r->alloc = 0;
}

static int cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	double tol = 1e-12 * fmax(1.0, fmax(fabs(a->score), fabs(b->score)));

	if (fabs(a->score - b->score) > tol)
		return a->score > b->score ? -1 : 1;
	if (a->core_systems != b->core_systems)
		return a->core_systems > b->core_systems ? -1 : 1;
	return strcmp(a->taxid, b->taxid);
}

/* Load the year's vendors from the chosen source, score and sort them. */
static int ranking_load(sqlite3 *db, struct ranking *r, enum source want)
{
	sqlite3_stmt *st = NULL;
	long long ninv = 0;
	size_t i;
	int rc;

	if (db_prepare(db, &st, "SELECT COUNT(*) FROM inventory WHERE year = :year") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", r->year);
	rc = db_step(st);
	if (rc == SQLITE_ROW)
		ninv = sqlite3_column_int64(st, 0);
	db_finalize(st);
	if (rc != SQLITE_ROW)
		return JAUDIT_EDATA;
	if (want == SOURCE_INVENTORY && ninv == 0)
		return jerror("year %d has no system inventory; load it with"
			      " 'jaudit ingest --kind inventory FILE' or use --source vendors",
			      r->year);
	r->source = want != SOURCE_AUTO ? want : ninv > 0 ? SOURCE_INVENTORY : SOURCE_VENDORS;

	if (db_prepare(db, &st, r->source == SOURCE_INVENTORY ? sql_from_inventory
		       : sql_from_vendors) < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", r->year);
	while ((rc = db_step(st)) == SQLITE_ROW)
		if (cand_push(r, st) < 0) {
			rc = JAUDIT_EDATA;
			break;
		}
	db_finalize(st);
	if (rc != SQLITE_DONE)
		return JAUDIT_EDATA;
	if (r->n == 0)
		return jerror("year %d has no vendors; load the vendors list with"
			      " 'jaudit ingest --kind vendors FILE' first", r->year);

	for (i = 0; i < r->n; i++) {
		if (r->v[i].core_systems > r->max_core)
			r->max_core = r->v[i].core_systems;
		if (r->v[i].agencies > r->max_agencies)
			r->max_agencies = r->v[i].agencies;
	}
	for (i = 0; i < r->n; i++) {
		struct cand *c = &r->v[i];

		c->score = 0;
		if (r->max_core > 0)
			c->score += r->w_core * (double)c->core_systems / (double)r->max_core;
		if (r->max_agencies > 0)
			c->score += r->w_agencies * (double)c->agencies / (double)r->max_agencies;
	}
	qsort(r->v, r->n, sizeof *r->v, cand_cmp);
	return 0;
}

static const char *source_label(enum source s, int en)
{
	if (s == SOURCE_INVENTORY)
		return en ? "the system inventory" : "系統清冊";
	return en ? "the vendors list" : "廠商名單";
}

static const char *mark(int yes, int en)
{
	return yes ? (en ? "yes" : "是") : "";
}

static int print_text(const struct ranking *r, size_t shown, int en)
{
	struct table t;
	size_t i;

	if (en) {
		printf("Vendors of year %d ranked for selection (source: %s)\n",
		       r->year, source_label(r->source, en));
		printf("score = %.4g x core systems / %lld + %.4g x agencies / %lld\n\n",
		       r->w_core, r->max_core, r->w_agencies, r->max_agencies);
	} else {
		printf("%d年度 候選受稽核廠商排序（資料來源：%s）\n",
		       r->year, source_label(r->source, en));
		printf("分數 = %.4g × 維運機關核心資通系統數量 ÷ %lld + %.4g × 服務機關數量 ÷ %lld\n\n",
		       r->w_core, r->max_core, r->w_agencies, r->max_agencies);
	}
	table_init(&t, 8);
	if (en)
		table_header(&t, "rank", "vendor", "tax id", "core systems", "agencies",
			     "score", "candidate", "selected");
	else
		table_header(&t, "排名", "廠商名稱", "統一編號", "維運機關核心資通系統數量",
			     "服務機關數量", "分數", "候選", "受稽核");
	for (i = 0; i < shown; i++) {
		const struct cand *c = &r->v[i];
		char rank[24], core[24], ag[24], score[32];

		snprintf(rank, sizeof rank, "%zu", i + 1);
		snprintf(core, sizeof core, "%lld", c->core_systems);
		snprintf(ag, sizeof ag, "%lld", c->agencies);
		snprintf(score, sizeof score, "%.4f", c->score);
		table_row(&t, rank, c->name, c->taxid, core, ag, score,
			  mark(c->candidate, en), mark(c->selected, en));
	}
	for (i = 0; i < 6; i++)
		if (i != 1 && i != 2)
			table_align(&t, i, TABLE_RIGHT);
	table_print(&t, stdout);
	table_release(&t);
	if (en)
		printf("\n%zu of %zu vendors shown\n", shown, r->n);
	else
		printf("\n共 %zu 家廠商，列出 %zu 家\n", r->n, shown);
	return 0;
}

static int print_csv(const struct ranking *r, size_t shown)
{
	static const char *const head[] = {
		"排名", "廠商名稱", "統一編號", "維運機關核心資通系統數量", "服務機關數量",
		"分數", "候選", "受稽核", "資料來源",
	};
	size_t i;

	fputs("\xEF\xBB\xBF", stdout);	/* BOM: Excel then reads the Chinese right */
	csv_write_record(stdout, head, 9);
	for (i = 0; i < shown; i++) {
		const struct cand *c = &r->v[i];
		char rank[24], core[24], ag[24], score[32];
		const char *row[9];

		snprintf(rank, sizeof rank, "%zu", i + 1);
		snprintf(core, sizeof core, "%lld", c->core_systems);
		snprintf(ag, sizeof ag, "%lld", c->agencies);
		snprintf(score, sizeof score, "%.6f", c->score);
		row[0] = rank;
		row[1] = c->name;
		row[2] = c->taxid;
		row[3] = core;
		row[4] = ag;
		row[5] = score;
		row[6] = c->candidate ? "是" : "否";
		row[7] = c->selected ? "是" : "否";
		row[8] = source_label(r->source, 0);
		csv_write_record(stdout, row, 9);
	}
	return 0;
}

static int print_json(const struct ranking *r, size_t shown, long top)
{
	cJSON *root = cJSON_CreateObject(), *params, *w, *arr;
	size_t i;
	char *s;
	int rc = 0;

	cJSON_AddNumberToObject(root, "year", r->year);
	cJSON_AddStringToObject(root, "source",
				r->source == SOURCE_INVENTORY ? "inventory" : "vendors");
	cJSON_AddNumberToObject(root, "vendors", (double)r->n);
	cJSON_AddNumberToObject(root, "max_core_systems", (double)r->max_core);
	cJSON_AddNumberToObject(root, "max_agencies", (double)r->max_agencies);
	params = cJSON_AddObjectToObject(root, "parameters");
	w = cJSON_AddObjectToObject(params, "weights");
	cJSON_AddNumberToObject(w, "core_systems", r->w_core);
	cJSON_AddNumberToObject(w, "agencies", r->w_agencies);
	if (top > 0)
		cJSON_AddNumberToObject(params, "top", (double)top);
	else
		cJSON_AddNullToObject(params, "top");
	arr = cJSON_AddArrayToObject(root, "candidates");
	for (i = 0; i < shown; i++) {
		const struct cand *c = &r->v[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "rank", (double)(i + 1));
		cJSON_AddStringToObject(o, "taxid", c->taxid);
		cJSON_AddStringToObject(o, "name", c->name);
		cJSON_AddNumberToObject(o, "core_systems", (double)c->core_systems);
		cJSON_AddNumberToObject(o, "agencies", (double)c->agencies);
		cJSON_AddNumberToObject(o, "score", c->score);
		cJSON_AddBoolToObject(o, "listed", c->listed);
		cJSON_AddBoolToObject(o, "candidate", c->candidate);
		cJSON_AddBoolToObject(o, "selected", c->selected);
		cJSON_AddItemToArray(arr, o);
	}
	s = cJSON_Print(root);
	if (s)
		puts(s);
	else
		rc = jerror("out of memory writing the JSON document");
	free(s);
	cJSON_Delete(root);
	return rc;
}

static int run(struct jaudit_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "top", required_argument, NULL, 't' },
		{ "weights", required_argument, NULL, 'w' },
		{ "source", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct ranking r = { 0 };
	enum cli_format fmt = FORMAT_TEXT;
	enum source want = SOURCE_AUTO;
	double wa = 0.5, wb = 0.5;
	long top = 0;
	int en = 0, c, rc;
	size_t shown;
	sqlite3 *db;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'y':
			if (cli_parse_year("candidates", optarg, &r.year) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 't':
			if (cli_parse_int("candidates", "--top", optarg, 1, &top) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'w':
			if (parse_weights(optarg, &wa, &wb) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 's':
			if (parse_source(optarg, &want) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'f':
			if (cli_parse_format("candidates", optarg,
					     FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON, &fmt) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'l':
			if (cli_parse_lang("candidates", optarg, &en) < 0)
				return JAUDIT_EUSAGE;
			break;
		default:
			return cli_bad_option("candidates", argc, argv);
		}
	}
	if (optind < argc)
		return jusage("candidates", "unexpected argument '%s'", argv[optind]);
	if (!r.year)
		return jusage("candidates", "--year is required");
	r.w_core = wa / (wa + wb);
	r.w_agencies = wb / (wa + wb);

	if (ctx_db_year(ctx, r.year, &db) < 0)
		return JAUDIT_EDATA;
	rc = ranking_load(db, &r, want);
	if (rc == 0) {
		shown = top > 0 && (size_t)top < r.n ? (size_t)top : r.n;
		if (fmt == FORMAT_CSV)
			rc = print_csv(&r, shown);
		else if (fmt == FORMAT_JSON)
			rc = print_json(&r, shown, top);
		else
			rc = print_text(&r, shown, en);
	}
	ranking_release(&r);
	return rc;
}

const struct cmd_entry cmd_candidates_entry = {
	"candidates", "rank the year's vendors for selection (計畫第六點)", usage, run,
};
