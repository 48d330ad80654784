/*
 * basis.c - the findings by 稽核依據 (basis.h): one pass over the year's
 * vendors (yearpass.c), each vendor counted once per basis.
 */
#include "basis.h"
#include "../core/checklist.h"
#include "../core/cli.h"
#include "../core/csv.h"
#include "../core/err.h"
#include "../core/numfmt.h"
#include "../core/rating.h"
#include "../core/strbuf.h"
#include "../core/table.h"
#include "stats/stats.h"
#include "yearpass.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct basis_ctx {
	struct basis_rollup *r;
	size_t *of;		/* per item: its basis */
	size_t nitems;
	int strict;
	unsigned char *seen;	/* per basis, bit 1 applies, bit 2 a finding */
};

static int basis_vendor(void *vctx, const char *taxid, const unsigned char *worst)
{
	struct basis_ctx *c = vctx;
	size_t i;

	(void)taxid;
	c->r->vendors++;
	memset(c->seen, 0, c->r->n ? c->r->n : 1);
	for (i = 0; i < c->nitems; i++) {
		if (worst[i] == RATING_NA)
			continue;
		c->seen[c->of[i]] |= 1;
		if (rating_is_finding((enum rating)worst[i], c->strict)) {
			c->seen[c->of[i]] |= 2;
			c->r->b[c->of[i]].findings++;
		}
	}
	for (i = 0; i < c->r->n; i++) {
		c->r->b[i].n += (c->seen[i] & 1) != 0;
		c->r->b[i].k += (c->seen[i] & 2) != 0;
	}
	return 0;
}

int basis_run(sqlite3 *db, const struct analysis_params *p, struct basis_rollup *r)
{
	struct yearpass_items it;
	struct basis_ctx c;
	size_t i, j;
	int exists, ret = 0;

	memset(r, 0, sizeof(*r));
	r->params = *p;
	stats_init();
	if (checklist_year_exists(db, p->year, &exists) < 0)
		return JAUDIT_EDATA;
	if (!exists)
		return jerror("year %d has no checklist; load one with 'jaudit init --year %d'",
			      p->year, p->year);
	if (yearpass_items_load(db, p->year, p->category, NULL, &it) < 0)
		return JAUDIT_EDATA;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.nitems = it.n;
	c.strict = p->strict;
	c.of = xcalloc(it.n ? it.n : 1, sizeof(*c.of));
	r->b = xcalloc(it.n ? it.n : 1, sizeof(*r->b));
	for (i = 0; i < it.n; i++) {
		for (j = 0; j < r->n; j++)
			if (strcmp(r->b[j].basis, it.items[i].basis) == 0)
				break;
		if (j == r->n)
			r->b[r->n++].basis = xstrdup(it.items[i].basis);
		r->b[j].codes = xrealloc(r->b[j].codes, (r->b[j].ncodes + 1) * sizeof(char *));
		r->b[j].codes[r->b[j].ncodes++] = xstrdup(it.items[i].code);
		c.of[i] = j;
	}
	c.seen = xcalloc(r->n ? r->n : 1, 1);
	if (yearpass_run(db, p->year, &it, basis_vendor, &c) < 0)
		ret = JAUDIT_EDATA;
	for (i = 0; i < r->n && ret == 0; i++) {
		struct basis_stat *b = &r->b[i];

		b->rate = b->n ? (double)b->k / b->n : NAN;
		if (yearpass_interval(b->k, b->n, p->level, p->exact, &b->ci_low, &b->ci_high) < 0)
			ret = JAUDIT_EDATA;
	}
	free(c.of);
	free(c.seen);
	yearpass_items_release(&it);
	if (ret < 0)
		basis_release(r);
	return ret;
}

void basis_release(struct basis_rollup *r)
{
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		free(r->b[i].basis);
		for (j = 0; j < r->b[i].ncodes; j++)
			free(r->b[i].codes[j]);
		free(r->b[i].codes);
	}
	free(r->b);
	memset(r, 0, sizeof(*r));
}

/* C07 -> 'C', 7; 0 when code is not a letter and digits */
static int code_parts(const char *code, char *letter, long *num)
{
	char *end;

	if (!code[0] || !code[1])
		return 0;
	*letter = code[0];
	*num = strtol(code + 1, &end, 10);
	return *end == '\0';
}

void basis_codes_text(const struct basis_stat *b, char *buf, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0, j;

	while (i < b->ncodes) {
		char l0 = 0, l1 = 0;
		long n0 = 0, n1 = 0;

		j = i;
		if (code_parts(b->codes[i], &l0, &n0))
			while (j + 1 < b->ncodes && code_parts(b->codes[j + 1], &l1, &n1) &&
			       l1 == l0 && n1 == n0 + (long)(j + 1 - i))
				j++;
		if (sb.len)
			strbuf_adds(&sb, ", ");
		strbuf_adds(&sb, b->codes[i]);
		if (j >= i + 2) {
			strbuf_adds(&sb, "–");	/* three or more in a row */
			strbuf_adds(&sb, b->codes[j]);
		} else if (j == i + 1) {
			strbuf_adds(&sb, ", ");
			strbuf_adds(&sb, b->codes[j]);
		}
		i = j + 1;
	}
	snprintf(buf, size, "%s", sb.len ? sb.buf : "");
	strbuf_release(&sb);
}

cJSON *basis_json(const struct basis_rollup *r)
{
	const struct analysis_params *p = &r->params;
	cJSON *root = cJSON_CreateObject(), *arr, *o;
	size_t i, j;

	cJSON_AddNumberToObject(root, "year", p->year);
	cJSON_AddNumberToObject(root, "vendors", r->vendors);
	arr = cJSON_AddArrayToObject(root, "bases");
	for (i = 0; i < r->n; i++) {
		const struct basis_stat *b = &r->b[i];
		cJSON *codes;

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "basis", b->basis);
		codes = cJSON_AddArrayToObject(o, "items");
		for (j = 0; j < b->ncodes; j++)
			cJSON_AddItemToArray(codes, cJSON_CreateString(b->codes[j]));
		cJSON_AddNumberToObject(o, "n", b->n);
		cJSON_AddNumberToObject(o, "k", b->k);
		yearpass_json_num(o, "rate", b->rate);
		yearpass_json_num(o, "ci_low", b->ci_low);
		yearpass_json_num(o, "ci_high", b->ci_high);
		cJSON_AddNumberToObject(o, "findings", b->findings);
		cJSON_AddItemToArray(arr, o);
	}
	o = cJSON_AddObjectToObject(root, "parameters");
	cJSON_AddStringToObject(o, "ci", p->exact ? "exact" : "wilson");
	cJSON_AddNumberToObject(o, "level", p->level);
	cJSON_AddBoolToObject(o, "strict", p->strict);
	if (p->category)
		cJSON_AddStringToObject(o, "category", p->category);
	else
		cJSON_AddNullToObject(o, "category");
	return root;
}

static void csv_num(char *buf, size_t n, double v)
{
	if (isnan(v))
		buf[0] = '\0';
	else
		snprintf(buf, n, "%.15g", v);
}

static void print_csv(const struct basis_rollup *r, int en, FILE *fp)
{
	static const char *const zh[] = { "稽核依據", "檢核項目", "項目數", "適用廠商數", "發現廠商數",
					  "比率", "信賴下限", "信賴上限", "發現事項數" };
	static const char *const eng[] = { "basis", "items", "nitems", "n", "k", "rate", "ci_low",
					   "ci_high", "findings" };
	size_t i, j;

	fputs("\xEF\xBB\xBF", fp);
	csv_write_record(fp, en ? eng : zh, 9);
	for (i = 0; i < r->n; i++) {
		const struct basis_stat *b = &r->b[i];
		struct strbuf codes = STRBUF_INIT;
		char ni[16], n[16], k[16], rate[32], lo[32], hi[32], f[16];
		const char *row[9];

		for (j = 0; j < b->ncodes; j++) {
			if (j)
				strbuf_adds(&codes, " ");
			strbuf_adds(&codes, b->codes[j]);
		}
		snprintf(ni, sizeof(ni), "%zu", b->ncodes);
		snprintf(n, sizeof(n), "%u", b->n);
		snprintf(k, sizeof(k), "%u", b->k);
		snprintf(f, sizeof(f), "%u", b->findings);
		csv_num(rate, sizeof(rate), b->rate);
		csv_num(lo, sizeof(lo), b->ci_low);
		csv_num(hi, sizeof(hi), b->ci_high);
		row[0] = b->basis;
		row[1] = codes.buf ? codes.buf : "";
		row[2] = ni;
		row[3] = n;
		row[4] = k;
		row[5] = rate;
		row[6] = lo;
		row[7] = hi;
		row[8] = f;
		csv_write_record(fp, row, 9);
		strbuf_release(&codes);
	}
}

static void print_text(const struct basis_rollup *r, int en, FILE *fp)
{
	const struct analysis_params *p = &r->params;
	struct table t;
	char lvl[40];
	size_t i;

	if (en)
		fprintf(fp, "Findings of year %d by legal basis (稽核依據): %u vendors audited\n"
			"n: vendors with an applicable item under the basis; k: of them with a finding"
			" in any (a vendor counts once); finding = %s; %s %g%% intervals\n\n",
			p->year, r->vendors, p->strict ? "noncompliant only" : "noncompliant or partial",
			p->exact ? "Clopper-Pearson" : "Wilson", 100 * p->level);
	else
		fprintf(fp, "%d年度 依稽核依據彙整：受稽核廠商 %u 家\n"
			"n：該依據下至少一項適用之廠商；k：其中任一項有發現事項之廠商（每家廠商只計一次）；"
			"發現事項＝%s；%s %g%% 信賴區間\n\n",
			p->year, r->vendors, p->strict ? "不符合" : "不符合或部分符合",
			p->exact ? "Clopper-Pearson" : "Wilson", 100 * p->level);
	snprintf(lvl, sizeof(lvl), en ? "%g%% interval" : "%g%% 信賴區間", 100 * p->level);
	table_init(&t, 7);
	if (en)
		table_header(&t, "basis", "items", "n", "k", "rate", lvl, "findings");
	else
		table_header(&t, "稽核依據", "檢核項目", "n", "k", "比率", lvl, "發現事項數");
	for (i = 2; i < 7; i++)
		table_align(&t, i, TABLE_RIGHT);
	for (i = 0; i < r->n; i++) {
		const struct basis_stat *b = &r->b[i];
		char codes[512], n[16], k[16], rate[16], ci[40], f[16];

		basis_codes_text(b, codes, sizeof(codes));
		snprintf(n, sizeof(n), "%u", b->n);
		snprintf(k, sizeof(k), "%u", b->k);
		snprintf(f, sizeof(f), "%u", b->findings);
		numfmt_pct(rate, sizeof(rate), b->rate, 1);
		numfmt_interval(ci, sizeof(ci), b->ci_low, b->ci_high, " - ");
		table_row(&t, b->basis, codes, n, k, rate, ci, f);
	}
	table_print(&t, fp);
	table_release(&t);
	if (r->vendors == 0)
		fputs(en ? "no results in this year\n" : "本年度尚無稽核結果\n", fp);
}

int basis_print(const struct basis_rollup *r, int fmt, int en, FILE *fp)
{
	if (fmt == FORMAT_JSON) {
		cJSON *root = basis_json(r);
		char *s = cJSON_Print(root);

		cJSON_Delete(root);
		if (!s)
			return jerror("out of memory printing the JSON document");
		fputs(s, fp);
		fputc('\n', fp);
		free(s);
	} else if (fmt == FORMAT_CSV) {
		print_csv(r, en, fp);
	} else {
		print_text(r, en, fp);
	}
	return 0;
}
