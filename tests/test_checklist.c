/*
 * Unit tests for core/checklist.c: the built-in 115 checklist against the
 * seed's 附件3 as printed (tests/data/checklist/annex3_115.tsv, copied from
 * the seed with its blank cells), and loading it into a database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/checklist.h"
#include "../core/db.h"
#include "../core/err.h"

static void test_checklist_has_27_items_in_seed_order(void **state)
{
	size_t i, common = 0, specific = 0;

	(void)state;
	assert_int_equal(checklist_builtin_count, 27);
	for (i = 0; i < checklist_builtin_count; i++) {
		char code[8];
		const struct checklist_item *it = &checklist_builtin[i];

		if (it->category == CHECKLIST_COMMON)
			snprintf(code, sizeof(code), "C%02zu", ++common);
		else
			snprintf(code, sizeof(code), "S%02zu", ++specific);
		assert_string_equal(it->code, code);
	}
	assert_int_equal(common, 10);
	assert_int_equal(specific, 17);
}

/* Every field against the seed's table; a blank cell repeats the one above. */
static void test_checklist_matches_the_seed_field_by_field(void **state)
{
	FILE *fp = fopen(TEST_DATA_DIR "/checklist/annex3_115.tsv", "r");
	char *line = NULL, dim[1024] = "", basis[1024] = "", last_table[4] = "";
	size_t cap = 0, i = 0;

	(void)state;
	assert_non_null(fp);
	while (getline(&line, &cap, fp) > 0) {
		char *f[5], *p = line, code[8];
		const struct checklist_item *it;
		int k;

		if (line[0] == '#')
			continue;
		line[strcspn(line, "\n")] = '\0';
		for (k = 0; k < 5; k++) {
			f[k] = p;
			p += strcspn(p, "\t");
			if (*p)
				*p++ = '\0';
		}
		if (strcmp(f[0], last_table) != 0) {
			dim[0] = basis[0] = '\0';
			snprintf(last_table, sizeof(last_table), "%s", f[0]);
		}
		if (*f[2])
			snprintf(dim, sizeof(dim), "%s", f[2]);
		if (*f[4])
			snprintf(basis, sizeof(basis), "%s", f[4]);
		snprintf(code, sizeof(code), "%s%02d", f[0], atoi(f[1]));
		assert_true(i < checklist_builtin_count);
		it = &checklist_builtin[i++];
		assert_string_equal(it->code, code);
		assert_int_equal(it->category, f[0][0] == 'C' ? CHECKLIST_COMMON : CHECKLIST_SPECIFIC);
		assert_string_equal(it->dimension, dim);
		assert_string_equal(it->question, f[3]);
		assert_string_equal(it->basis, basis);
	}
	assert_int_equal(i, 27);
	free(line);
	fclose(fp);
	/* the seed's own particulars */
	assert_string_equal(checklist_builtin[14].code, "S05");
	assert_string_equal(checklist_builtin[14].dimension, "安全性更新與漏洞管理");
	assert_string_equal(checklist_builtin[14].basis, "資通安全管理法施行細則第7條第1項第4款");
	assert_string_equal(checklist_builtin[15].basis, "資通安全管理法施行細則第7條第1項第7款");
	assert_string_equal(checklist_builtin[1].basis, "資通安全管理法第10條第2項");
	assert_non_null(strstr(checklist_builtin[6].question, "有效掌握與管理防火牆連線部署？"));
	assert_non_null(strstr(checklist_builtin[12].question, "管理者帳號僅用於管理用途？"));
}

static void test_checklist_short_labels(void **state)
{
	(void)state;
	assert_string_equal(checklist_dimension_short("訂定受託者內部資通安全事件通報及應變之程序及機制", 0), "事件通報應變");
	assert_string_equal(checklist_dimension_short("對外網路防護", 1), "Perimeter network");
	assert_string_equal(checklist_dimension_short("新構面", 0), "新構面");
	assert_string_equal(checklist_category_label("common", 0), "共通性");
	assert_string_equal(checklist_category_label("specific", 0), "特定契約");
}

static void test_checklist_loads_and_is_locked_by_results(void **state)
{
	sqlite3 *db;
	long long v;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys = ON"), 0);
	assert_int_equal(db_migrate(db, db_migrations, db_nmigrations, NULL, NULL), 0);
	assert_int_equal(checklist_load_builtin(db, 115), 0);
	assert_int_equal(db_int(db, "SELECT count(*) FROM checklist_items WHERE year = 115", &v), 0);
	assert_int_equal(v, 27);
	assert_int_equal(db_int(db, "SELECT count(*) FROM checklist_items WHERE year = 115 AND category = 'common'", &v), 0);
	assert_int_equal(v, 10);
	/* loading again replaces, still 27 */
	assert_int_equal(checklist_load_builtin(db, 115), 0);
	assert_int_equal(db_int(db, "SELECT count(*) FROM checklist_items", &v), 0);
	assert_int_equal(v, 27);
	/* a result of the year locks the list */
	assert_int_equal(db_exec(db, "INSERT INTO vendors VALUES ('22099131', 'x');"
			 "INSERT INTO vendor_years (year, taxid, candidate, selected) VALUES (115, '22099131', 1, 1);"
			 "INSERT INTO sessions (id, year, taxid, date, lead) VALUES ('115-01', 115, '22099131', '2026-06-12', 'l');"
			 "INSERT INTO results (session, item, rating) VALUES ('115-01', 'C01', 'compliant')"), 0);
	assert_int_equal(checklist_load_builtin(db, 115), JAUDIT_EDATA);
	assert_int_equal(db_int(db, "SELECT count(*) FROM checklist_items", &v), 0);
	assert_int_equal(v, 27);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checklist_has_27_items_in_seed_order),
		cmocka_unit_test(test_checklist_matches_the_seed_field_by_field),
		cmocka_unit_test(test_checklist_short_labels),
		cmocka_unit_test(test_checklist_loads_and_is_locked_by_results),
	};

	return cmocka_run_group_tests_name("checklist", tests, NULL, NULL);
}
