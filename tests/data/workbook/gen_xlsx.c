/*
 * gen_xlsx.c - the workbook fixtures made with libxlsxwriter (the library
 * many agencies' in-house systems export with).  Run by make_fixtures.sh:
 *     cc -o gen_xlsx gen_xlsx.c -lxlsxwriter && ./gen_xlsx OUTDIR
 * writes
 *   several-sheets.xlsx  a notes sheet with no header, 附件1 (title and
 *                        contact block merged across the columns, shared
 *                        strings) and 廠商 (a vendors list: 統一編號 and
 *                        counts as number cells, one count a formula =2+3
 *                        with its saved result 5)
 *   auditors-datecell.xlsx   附件2 whose 保密切結書簽署日期 is a date cell
 *                        (format yyyy/mm/dd)
 *   vendors-inline.xlsx  the vendors list in constant-memory mode: inline
 *                        strings, 統一編號 as numbers
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static char path[4096];

static const char *out(const char *dir, const char *name)
{
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static void check(lxw_error e, const char *what)
{
	if (e != LXW_NO_ERROR) {
		fprintf(stderr, "gen_xlsx: %s: %s\n", what, lxw_strerror(e));
		exit(1);
	}
}

/* The contact block of a form: rows 2..8 (0-based 1..7), the value merged B:last. */
static void contact_block(lxw_worksheet *ws, int last, const char *unit_title)
{
	static const char *labels[] = { "機關", "單位", "姓名", "職稱", "公務電話", "公務信箱" };
	static const char *values[] = { "財政部", "資訊處", "林怡萱", "科長", "(02)2322-8000#8123",
					"yihsuan.lin@example.gov.tw" };
	int i;

	worksheet_write_string(ws, 1, 0, "一、機關承辦人聯絡資訊", NULL);
	for (i = 0; i < 6; i++) {
		worksheet_write_string(ws, 2 + i, 0, labels[i], NULL);
		worksheet_merge_range(ws, 2 + i, 1, 2 + i, last, values[i], NULL);
	}
	worksheet_write_string(ws, 9, 0, unit_title, NULL);
}

static void vendors_rows(lxw_worksheet *ws, lxw_format *plain, int formula)
{
	static const char *head[] = { "統一編號", "廠商名稱", "維運機關核心資通系統數量", "服務機關數量", "候選", "受稽核" };
	static const struct { double taxid; const char *name; double core, agencies; const char *cand, *sel; } v[] = {
		{ 22099131, "聯合資訊股份有限公司", 5, 4, "是", "是" },
		{ 4541302, "臺灣雲端服務股份有限公司", 3, 3, "是", "是" },
		{ 22000004, "群曜資訊股份有限公司", 2, 2, "是", "否" },
		{ 23377935, "宏展事務機器有限公司", 0, 1, "否", "否" },
	};
	int i;

	for (i = 0; i < 6; i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, head[i], NULL);
	for (i = 0; i < 4; i++) {
		lxw_row_t r = (lxw_row_t)(i + 1);

		worksheet_write_number(ws, r, 0, v[i].taxid, plain);
		worksheet_write_string(ws, r, 1, v[i].name, NULL);
		if (formula && i == 0)
			worksheet_write_formula_num(ws, r, 2, "=2+3", NULL, 5);
		else
			worksheet_write_number(ws, r, 2, v[i].core, NULL);
		worksheet_write_number(ws, r, 3, v[i].agencies, NULL);
		worksheet_write_string(ws, r, 4, v[i].cand, NULL);
		worksheet_write_string(ws, r, 5, v[i].sel, NULL);
	}
}

static void several_sheets(const char *dir)
{
	lxw_workbook *wb = workbook_new(out(dir, "several-sheets.xlsx"));
	lxw_worksheet *notes = workbook_add_worksheet(wb, "說明");
	lxw_worksheet *auth = workbook_add_worksheet(wb, "附件1");
	lxw_worksheet *vend = workbook_add_worksheet(wb, "廠商");
	lxw_format *wrap = workbook_add_format(wb);
	static const char *head[] = { "編號", "機關名稱", "契約案名", "履約範圍", "系統名稱",
				      "廠商名稱\n(限填報資安署 公布之候選受稽\n核廠商)",
				      "廠商是否知\n悉稽核作業\n(是/否)" };
	int i;

	format_set_text_wrap(wrap);
	worksheet_write_string(notes, 0, 0, "填表說明", NULL);
	worksheet_write_string(notes, 1, 0, "請填寫「附件1」工作表，廠商名單見「廠商」工作表。", NULL);

	worksheet_merge_range(auth, 0, 0, 0, 6,
			      "財政部及其所屬機關參與115年度數位發展部辦理政府機關受託者資通安全聯合稽核計畫之授權同意調查表", NULL);
	contact_block(auth, 6, "二、同意授權列表");
	for (i = 0; i < 7; i++)
		worksheet_write_string(auth, 10, (lxw_col_t)i, head[i], wrap);
	worksheet_write_number(auth, 11, 0, 1, NULL);
	worksheet_write_string(auth, 11, 1, "財政部財政資訊中心", NULL);
	worksheet_write_string(auth, 11, 2, "115年度財稅系統維運案", NULL);
	worksheet_write_string(auth, 11, 3, "系統維運", NULL);
	worksheet_write_string(auth, 11, 4, "財稅資料倉儲系統", NULL);
	worksheet_write_string(auth, 11, 5, "聯合資訊有限公司", NULL);
	worksheet_write_string(auth, 11, 6, "是", NULL);
	worksheet_write_number(auth, 12, 0, 2, NULL);
	worksheet_write_string(auth, 12, 1, "財政部關務署", NULL);
	worksheet_write_string(auth, 12, 2, "115年度關港貿單一窗口功能增修案", NULL);
	worksheet_write_string(auth, 12, 3, "系統開發及維運", NULL);
	worksheet_write_string(auth, 12, 4, "關港貿單一窗口", NULL);
	worksheet_write_string(auth, 12, 5, "台灣雲端服務 股份有限公司", NULL);
	worksheet_write_string(auth, 12, 6, "Y", NULL);
	worksheet_write_number(auth, 13, 0, 3, NULL);
	/* row 15 empty; the 備註 line merged across */
	worksheet_merge_range(auth, 15, 0, 15, 6, "備註：表格可以自行新增", NULL);

	vendors_rows(vend, NULL, 1);
	check(workbook_close(wb), "several-sheets.xlsx");
}

static void auditors_date(const char *dir)
{
	lxw_workbook *wb = workbook_new(out(dir, "auditors-datecell.xlsx"));
	lxw_worksheet *ws = workbook_add_worksheet(wb, "附件2");
	lxw_format *date = workbook_add_format(wb);
	static const char *head[] = { "編號", "機關", "單位", "姓名", "職稱", "公務電話", "公務信箱",
				      "推薦理由", "保密切結書簽署日期" };
	lxw_datetime d = { 2026, 4, 20, 0, 0, 0 };
	int i;

	format_set_num_format(date, "yyyy/mm/dd");
	worksheet_merge_range(ws, 0, 0, 0, 8,
			      "財政部及其所屬機關參與115年度數位發展部辦理政府機關受託者資通安全聯合稽核計畫之稽核委員推薦名單", NULL);
	contact_block(ws, 8, "二、推薦委員清單");
	for (i = 0; i < 9; i++)
		worksheet_write_string(ws, 10, (lxw_col_t)i, head[i], NULL);
	worksheet_write_number(ws, 11, 0, 1, NULL);
	worksheet_write_string(ws, 11, 1, "財政部", NULL);
	worksheet_write_string(ws, 11, 2, "資訊處", NULL);
	worksheet_write_string(ws, 11, 3, "張志豪", NULL);
	worksheet_write_string(ws, 11, 4, "副處長", NULL);
	worksheet_write_string(ws, 11, 5, "(02)2322-8100", NULL);
	worksheet_write_string(ws, 11, 6, "chihhao.chang@example.gov.tw", NULL);
	worksheet_write_string(ws, 11, 7, "具CISSP證照；曾任\"資安長\"\n主導ISMS導入", NULL);
	worksheet_write_datetime(ws, 11, 8, &d, date);
	worksheet_write_number(ws, 12, 0, 2, NULL);
	worksheet_write_string(ws, 12, 1, "財政部關務署", NULL);
	worksheet_write_string(ws, 12, 2, "資訊管理組", NULL);
	worksheet_write_string(ws, 12, 3, "鄭文傑", NULL);
	worksheet_write_string(ws, 12, 4, "科長", NULL);
	worksheet_write_string(ws, 12, 5, "02-2550-5500 分機 2211", NULL);
	worksheet_write_string(ws, 12, 6, "wenchieh.cheng@example.gov.tw", NULL);
	worksheet_write_string(ws, 12, 7, "曾任稽核委員3年", NULL);
	check(workbook_close(wb), "auditors-datecell.xlsx");
}

static void vendors_inline(const char *dir)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
	lxw_workbook *wb = workbook_new_opt(out(dir, "vendors-inline.xlsx"), &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "vendors");

	vendors_rows(ws, NULL, 0);
	check(workbook_close(wb), "vendors-inline.xlsx");
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";

	several_sheets(dir);
	auditors_date(dir);
	vendors_inline(dir);
	return 0;
}
