/*
 * repeats_print.c - `trend --repeats` as text, CSV and JSON (repeats.h).
 */
#include "repeats.h"
#include "../core/checklist.h"
#include "../core/csv.h"
#include "../core/date.h"
#include "../core/numfmt.h"
#include "../core/table.h"
#include "yearpass.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *repeat_status_name(enum repeat_status s, int zh)
{
	switch (s) {
	case REPEAT_REPEATED:
		return zh ? "再次發現" : "repeated";
	case REPEAT_FIXED:
		return zh ? "已改善" : "fixed";
	default:
		return zh ? "新發現" : "new";
	}
}

/*
 * A stored ISO date as the ROC one the text shows (repeats_run() checked
 * it as it read it; anything else is shown as it is).
 */
static void roc_date(const char *iso, int en, char *buf, size_t size)
{
	struct jdate d;
	char roc[DATE_ROC_LEN];

	if (date_from_db(iso, &d) < 0) {
		snprintf(buf, size, "%s", iso);
		return;
	}
	if (en)
		date_roc_slash(d, roc);
	else
		date_roc(d, roc);
	snprintf(buf, size, "%s", roc);
}

static void item_row(struct table *tb, const struct repeat_item *it, int en)
{
	char rep[16], fix[16], fr[16], cl[16], rate[24], ci[48], cf[16];

	snprintf(rep, sizeof(rep), "%u", it->repeated);
	snprintf(fix, sizeof(fix), "%u", it->fixed);
	snprintf(fr, sizeof(fr), "%u", it->fresh);
	snprintf(cl, sizeof(cl), "%u", it->clean);
	snprintf(cf, sizeof(cf), "%u", it->closed_failed);
	numfmt_pct(rate, sizeof(rate), it->rate, 1);
	numfmt_interval(ci, sizeof(ci), it->ci_low, it->ci_high, " - ");
	if (strcmp(it->code, "all") == 0)
		table_row(tb, en ? "all" : "全部", "", rep, fix, fr, cl, rate, ci, cf);
	else
		table_row(tb, it->code, checklist_dimension_short(it->dimension, en),
			  rep, fix, fr, cl, rate, ci, cf);
}

static void print_items(const struct repeats *r, int en, FILE *fp)
{
	struct table tb;
	char lvl[40];
	size_t i;

	snprintf(lvl, sizeof(lvl), en ? "%g%% interval" : "%g%% 信賴區間", 100 * r->params.level);
	table_init(&tb, 9);
	if (en)
		table_header(&tb, "item", "dimension", "repeated", "fixed", "new", "clean",
			     "repeat rate", lvl, "closed then failed");
	else
		table_header(&tb, "項目", "構面", "再次發現", "已改善", "新發現", "皆無",
			     "重複率", lvl, "結案後再發現");
	for (i = 2; i < 9; i++)
		table_align(&tb, i, TABLE_RIGHT);
	for (i = 0; i < r->nitems; i++)
		item_row(&tb, &r->items[i], en);
	item_row(&tb, &r->total, en);
	table_print(&tb, fp);
	table_release(&tb);
}

static void print_closed(const struct repeats *r, int en, FILE *fp)
{
	struct table tb;
	size_t i;

	if (r->nclosed == 0) {
		fputs(en ? "none\n" : "無\n", fp);
		return;
	}
	table_init(&tb, 6);
	if (en)
		table_header(&tb, "record", "tax id", "vendor", "item", "closed", "next audit");
	else
		table_header(&tb, "追蹤編號", "統一編號", "廠商", "項目", "結案日期", "下次稽核日");
	for (i = 0; i < r->nclosed; i++) {
		const struct repeat_closed *x = &r->closed[i];
		char c[DATE_ROC_LEN], a[DATE_ROC_LEN];

		roc_date(x->closed_on, en, c, sizeof(c));
		roc_date(x->audit2, en, a, sizeof(a));
		table_row(&tb, x->record, x->taxid, x->vendor, x->code, c, a);
	}
	table_print(&tb, fp);
	table_release(&tb);
}

static void print_pairs(const struct repeats *r, int en, FILE *fp)
{
	struct table tb;
	size_t i;

	if (r->npairs == 0) {
		fputs(en ? "none\n" : "無\n", fp);
		return;
	}
	table_init(&tb, 5);
	if (en)
		table_header(&tb, "tax id", "vendor", "item", "years", "status");
	else
		table_header(&tb, "統一編號", "廠商", "項目", "年度", "狀態");
	for (i = 0; i < r->npairs; i++) {
		const struct repeat_pair *p = &r->pairs[i];
		char yrs[32];

		snprintf(yrs, sizeof(yrs), "%d→%d", p->year1, p->year2);
		table_row(&tb, p->taxid, p->vendor, p->code, yrs, repeat_status_name(p->status, !en));
	}
	table_print(&tb, fp);
	table_release(&tb);
}

void repeats_print_text(const struct repeats *r, int en, FILE *fp)
{
	const struct analysis_params *p = &r->params;

	if (en) {
		fprintf(fp, "Repeat findings, years %d to %d: %u vendors audited in two or more years\n",
			r->from, r->to, r->vendors);
		fprintf(fp, "each vendor's consecutive audits compared item by item; finding = %s;\n"
			"repeat rate = repeated / (repeated + fixed), %s %g%% interval\n",
			p->strict ? "noncompliant only" : "noncompliant or partial",
			p->exact ? "Clopper-Pearson" : "Wilson", 100 * p->level);
	} else {
		fprintf(fp, "%d至%d年度 同一廠商同一項目之重複發現：受稽核兩個年度以上之廠商 %u 家\n",
			r->from, r->to, r->vendors);
		fprintf(fp, "逐一比較各廠商相鄰兩次受稽核之同一檢核項目；發現事項＝%s；\n"
			"重複率＝再次發現 ÷（再次發現＋已改善），%s %g%% 信賴區間\n",
			p->strict ? "不符合" : "不符合或部分符合",
			p->exact ? "Clopper-Pearson" : "Wilson", 100 * p->level);
	}
	fputs(en ? "\nPer item\n" : "\n各檢核項目\n", fp);
	print_items(r, en, fp);
	fputs(en ? "\nClosed (已結案) before the next audit, and found again there\n"
		 : "\n已結案後於下次稽核再次發現\n", fp);
	print_closed(r, en, fp);
	fputs(en ? "\nVendor by vendor (repeated, fixed, new)\n" : "\n各廠商各項目（再次發現、已改善、新發現）\n", fp);
	print_pairs(r, en, fp);
}

static void csv_num(char *buf, size_t n, double v)
{
	if (isnan(v))
		buf[0] = '\0';
	else
		snprintf(buf, n, "%.15g", v);
}

void repeats_print_csv(const struct repeats *r, int en, FILE *fp)
{
	static const char *const zh_head[] = {
		"項目代碼", "構面", "再次發現", "已改善", "新發現", "皆無", "重複率",
		"信賴下限", "信賴上限", "結案後再發現",
	};
	static const char *const en_head[] = {
		"code", "dimension", "repeated", "fixed", "new", "clean", "repeat_rate",
		"ci_low", "ci_high", "closed_then_failed",
	};
	size_t i;

	fputs("\xEF\xBB\xBF", fp);
	csv_write_record(fp, en ? en_head : zh_head, 10);
	for (i = 0; i <= r->nitems; i++) {
		const struct repeat_item *it = i < r->nitems ? &r->items[i] : &r->total;
		char v[8][32];
		const char *row[10];
		int x;

		snprintf(v[0], 32, "%u", it->repeated);
		snprintf(v[1], 32, "%u", it->fixed);
		snprintf(v[2], 32, "%u", it->fresh);
		snprintf(v[3], 32, "%u", it->clean);
		csv_num(v[4], 32, it->rate);
		csv_num(v[5], 32, it->ci_low);
		csv_num(v[6], 32, it->ci_high);
		snprintf(v[7], 32, "%u", it->closed_failed);
		row[0] = i < r->nitems ? it->code : (en ? "all" : "全部");
		row[1] = it->dimension;
		for (x = 0; x < 8; x++)
			row[2 + x] = v[x];
		csv_write_record(fp, row, 10);
	}
}

static cJSON *item_json(const struct repeat_item *it)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "code", it->code);
	cJSON_AddStringToObject(o, "dimension", it->dimension);
	cJSON_AddNumberToObject(o, "repeated", it->repeated);
	cJSON_AddNumberToObject(o, "fixed", it->fixed);
	cJSON_AddNumberToObject(o, "new", it->fresh);
	cJSON_AddNumberToObject(o, "clean", it->clean);
	yearpass_json_num(o, "repeat_rate", it->rate);
	yearpass_json_num(o, "ci_low", it->ci_low);
	yearpass_json_num(o, "ci_high", it->ci_high);
	cJSON_AddNumberToObject(o, "closed_then_failed", it->closed_failed);
	return o;
}

cJSON *repeats_json(const struct repeats *r)
{
	cJSON *root = cJSON_CreateObject(), *arr, *par;
	size_t i;

	cJSON_AddNumberToObject(root, "from", r->from);
	cJSON_AddNumberToObject(root, "to", r->to);
	cJSON_AddNumberToObject(root, "vendors", r->vendors);
	arr = cJSON_AddArrayToObject(root, "items");
	for (i = 0; i < r->nitems; i++)
		cJSON_AddItemToArray(arr, item_json(&r->items[i]));
	cJSON_AddItemToObject(root, "total", item_json(&r->total));
	arr = cJSON_AddArrayToObject(root, "closed_then_failed");
	for (i = 0; i < r->nclosed; i++) {
		const struct repeat_closed *x = &r->closed[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "record", x->record);
		cJSON_AddStringToObject(o, "taxid", x->taxid);
		cJSON_AddStringToObject(o, "vendor", x->vendor);
		cJSON_AddStringToObject(o, "code", x->code);
		cJSON_AddNumberToObject(o, "year", x->year1);
		cJSON_AddNumberToObject(o, "next_year", x->year2);
		cJSON_AddStringToObject(o, "closed_on", x->closed_on);
		cJSON_AddStringToObject(o, "next_audit", x->audit2);
		cJSON_AddItemToArray(arr, o);
	}
	arr = cJSON_AddArrayToObject(root, "vendors_items");
	for (i = 0; i < r->npairs; i++) {
		const struct repeat_pair *p = &r->pairs[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "taxid", p->taxid);
		cJSON_AddStringToObject(o, "vendor", p->vendor);
		cJSON_AddStringToObject(o, "code", p->code);
		cJSON_AddNumberToObject(o, "year", p->year1);
		cJSON_AddNumberToObject(o, "next_year", p->year2);
		cJSON_AddStringToObject(o, "status", repeat_status_name(p->status, 0));
		cJSON_AddItemToArray(arr, o);
	}
	par = cJSON_AddObjectToObject(root, "parameters");
	cJSON_AddStringToObject(par, "ci", r->params.exact ? "exact" : "wilson");
	cJSON_AddNumberToObject(par, "level", r->params.level);
	cJSON_AddBoolToObject(par, "strict", r->params.strict);
	if (r->params.category)
		cJSON_AddStringToObject(par, "category", r->params.category);
	else
		cJSON_AddNullToObject(par, "category");
	return root;
}
