/*
 * Replays the fuzz inputs in `make check`: every file of the seed corpora
 * (tests/fuzz/NAME/) and every input that once made a target fail
 * (tests/fuzz/regress/NAME/), through the same code as the libFuzzer
 * targets.  A target calls abort() when a promise is broken; under
 * `make check-asan` the sanitizers catch memory errors too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LLVMFuzzerTestOneInput fuzz_csv_one
#include "fuzz/fuzz_csv.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_date_one
#include "fuzz/fuzz_date.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_taxid_one
#include "fuzz/fuzz_taxid.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_names_one
#include "fuzz/fuzz_names.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_session_one
#include "fuzz/fuzz_session.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_updates_one
#include "fuzz/fuzz_updates.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_ndjson_one
#include "fuzz/fuzz_ndjson.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_workbook_one
#include "fuzz/fuzz_workbook.c"
#undef LLVMFuzzerTestOneInput

#define FUZZ_DIR TEST_DATA_DIR "/../fuzz"

typedef int (*fuzz_fn)(const uint8_t *, size_t);

/* Run fn over every regular file in dir; returns the count (0 if no dir). */
static int replay_dir(const char *dir, fuzz_fn fn)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char path[1024];
		struct stat st;
		FILE *fp;
		uint8_t *buf;

		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		fp = fopen(path, "rb");
		assert_non_null(fp);
		buf = malloc((size_t)st.st_size + 1);
		assert_non_null(buf);
		assert_int_equal(fread(buf, 1, (size_t)st.st_size, fp), (size_t)st.st_size);
		fclose(fp);
		fn(buf, (size_t)st.st_size);
		free(buf);
		n++;
	}
	closedir(d);
	return n;
}

static void replay(const char *name, fuzz_fn fn, int min_seeds)
{
	char dir[512];

	snprintf(dir, sizeof(dir), "%s/%s", FUZZ_DIR, name);
	assert_true(replay_dir(dir, fn) >= min_seeds);
	snprintf(dir, sizeof(dir), "%s/regress/%s", FUZZ_DIR, name);
	replay_dir(dir, fn);
}

static void test_fuzz_csv_inputs_replay_cleanly(void **state)
{
	replay("csv", fuzz_csv_one, 10);
}

static void test_fuzz_date_inputs_replay_cleanly(void **state)
{
	replay("date", fuzz_date_one, 10);
}

static void test_fuzz_taxid_inputs_replay_cleanly(void **state)
{
	replay("taxid", fuzz_taxid_one, 5);
}

static void test_fuzz_names_inputs_replay_cleanly(void **state)
{
	replay("names", fuzz_names_one, 5);
}

static void test_fuzz_session_inputs_replay_cleanly(void **state)
{
	replay("session", fuzz_session_one, 5);
}

static void test_fuzz_updates_inputs_replay_cleanly(void **state)
{
	replay("updates", fuzz_updates_one, 5);
}

static void test_fuzz_workbook_inputs_replay_cleanly(void **state)
{
	replay("workbook", fuzz_workbook_one, 4);
}

/* Every session seed, read by the reader thread, says and does what the lines one by one do. */
static void test_fuzz_ndjson_inputs_replay_cleanly(void **state)
{
	replay("ndjson", fuzz_ndjson_one, 2);
	replay("session", fuzz_ndjson_one, 5);
}

/* The fuzz database itself: the setup session and its two open records. */
static void test_fuzz_database_has_the_tracked_session(void **state)
{
	sqlite3 *db = fuzz_db();
	long long n = 0;

	assert_int_equal(db_int(db, "SELECT count(*) FROM results WHERE session = '115-07'", &n), 0);
	assert_int_equal(n, 27);	/* 10 common + 17 specific items for K1 */
	assert_int_equal(db_int(db, "SELECT count(*) FROM remediation WHERE status = 'open'", &n), 0);
	assert_int_equal(n, 2);		/* 115-07-C01 and 115-07-S03-K1 */
}

static int teardown_db(void **state)
{
	sqlite3_close(fuzz_db());
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fuzz_csv_inputs_replay_cleanly),
		cmocka_unit_test(test_fuzz_date_inputs_replay_cleanly),
		cmocka_unit_test(test_fuzz_taxid_inputs_replay_cleanly),
		cmocka_unit_test(test_fuzz_names_inputs_replay_cleanly),
		cmocka_unit_test(test_fuzz_database_has_the_tracked_session),
		cmocka_unit_test(test_fuzz_session_inputs_replay_cleanly),
		cmocka_unit_test(test_fuzz_updates_inputs_replay_cleanly),
		cmocka_unit_test(test_fuzz_workbook_inputs_replay_cleanly),
		cmocka_unit_test(test_fuzz_ndjson_inputs_replay_cleanly),
	};

	return cmocka_run_group_tests(tests, NULL, teardown_db);
}
