/*
 * checklist.h - the checklist of a year (附件3 本計畫重點檢視項目).
 *
 * The year-115 list is built in: C01..C10 共通性檢核項目 and S01..S17
 * 特定契約檢核項目 in the seed's order, each with its 構面 (dimension) and
 * 稽核依據 (basis); a blank cell in the seed repeats the one above.
 */
#ifndef JAUDIT_CHECKLIST_H
#define JAUDIT_CHECKLIST_H

#include <sqlite3.h>
#include <stddef.h>

enum checklist_category {
	CHECKLIST_COMMON,	/* 共通性: tracked by 資安署 */
	CHECKLIST_SPECIFIC,	/* 特定契約: rated per sampled contract */
};

struct checklist_item {
	const char *code;	/* C01, S03 */
	enum checklist_category category;
	const char *dimension;	/* 構面 */
	const char *question;	/* 檢核項目 */
	const char *basis;	/* 稽核依據 */
};

/* The built-in checklist of the newest year this jaudit carries. */
#define CHECKLIST_BUILTIN_YEAR 115
extern const struct checklist_item checklist_builtin[];
extern const size_t checklist_builtin_count;

/* "common" / "specific": the codes stored in the database. */
const char *checklist_category_code(enum checklist_category c);

/* 共通性 / 特定契約, or Common / Contract-specific with en. */
const char *checklist_category_label(const char *code, int en);

/*
 * A short label for a 構面, for chart axes ("對外網路防護" stays, the long
 * "訂定受託者內部資通安全事件通報及應變之程序及機制" becomes "事件通報應變");
 * with en, an English name.  Unknown dimensions are returned as they are
 * (en: as they are too).
 */
const char *checklist_dimension_short(const char *dimension, int en);

/* 1 if the year has a checklist in the database. */
int checklist_year_exists(sqlite3 *db, int year, int *exists);

/*
 * Load the built-in checklist as year's list, inside the caller's
 * transaction.  Refused when the year already has results.
 */
int checklist_load_builtin(sqlite3 *db, int year);

#endif
