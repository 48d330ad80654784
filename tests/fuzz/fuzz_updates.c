/*
 * libFuzzer target: the remediation-updates reader (track/remed_update.h),
 * the CSV form of 追蹤編號, 狀態, 日期, 填報人, 說明, 佐證, 新完成期限, 核准人.
 *
 * The first byte picks the encoding (even: UTF-8, odd: Big5); the rest is
 * the file, read in one transaction over the fuzz database with session
 * 115-07 tracked (fuzz_db.h), then rolled back.  Checks: a rejected file
 * has a message; an accepted one leaves every record's status and due
 * date equal to its last history entry, history dates in order, and no
 * record past an ended status.
 */
#include "fuzz_db.h"
#include "../../track/remed_update.h"

#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char updates_last_sql[] =
	"SELECT count(*) FROM remediation m JOIN remediation_history h ON h.seq ="
	" (SELECT max(seq) FROM remediation_history x WHERE x.record = m.id)"
	" WHERE h.new_status <> m.status OR h.new_due <> m.due";
static const char updates_order_sql[] =
	"SELECT count(*) FROM (SELECT date, old_status, lag(date) OVER w AS pd,"
	" lag(new_status) OVER w AS ps, lag(seq) OVER w AS pq FROM remediation_history"
	" WINDOW w AS (PARTITION BY record ORDER BY seq))"
	" WHERE pq IS NOT NULL AND (date < pd OR old_status IS NOT ps"
	"                           OR ps IN ('closed', 'risk_accepted'))";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sqlite3 *db = fuzz_db();
	struct strbuf err = STRBUF_INIT;
	struct jdate today = { 2026, 11, 20 };
	unsigned applied = 0;
	FILE *fp;
	int rc;

	if (size < 1)
		return 0;
	fp = fmemopen(size > 1 ? (void *)(data + 1) : (void *)"", size - 1, "rb");
	if (!fp)
		return 0;
	if (db_begin(db) < 0)
		abort();
	rc = remed_updates_read_fp(db, fp, "fuzz.csv", (data[0] & 1) ? CSV_BIG5 : CSV_UTF8,
				   today, &err, &applied, NULL);
	if (rc < 0 && err.len == 0)
		abort();	/* rejected without a reason */
	if (rc == 0 && (!fuzz_zero(db, updates_last_sql) || !fuzz_zero(db, updates_order_sql)))
		abort();	/* accepted updates that break the history's rules */
	db_rollback(db);
	fclose(fp);
	strbuf_release(&err);
	return 0;
}
