#!/bin/sh
# End-to-end: jaudit check on sound databases and on ones damaged by hand.
. "$(dirname "$0")/lib.sh"

j init
j check
expect_rc "a new database is sound" 0
expect_out "check says ok" "$JAUDIT_DB: ok (schema version $SCHEMA, 0 sessions, 0 results, 0 remediation records, 0 history entries)"
sqlite3 "$JAUDIT_DB" < "$DATA/check/session_115_07.sql"
j check
expect_rc "a complete session is sound" 0
expect_out "check counts it" "$JAUDIT_DB: ok (schema version $SCHEMA, 1 session, 27 results, 0 remediation records"
j check extra
expect_rc "an argument is a usage error" 2
cp "$JAUDIT_DB" "$TMP/good.db"

# fresh copy of the sound database for each damage; the worst ratings of
# session_items made again from the damaged results, as ingest would have
# written them, unless damage_summary damages them by hand
damage_summary() {
	cp "$TMP/good.db" "$JAUDIT_DB"
	rm -f "$JAUDIT_DB-wal" "$JAUDIT_DB-shm"
	sqlite3 "$JAUDIT_DB" "$1"
	before=$(dump)
	j check
}
damage() {
	damage_summary "$1; DELETE FROM session_items; INSERT INTO session_items
		SELECT session, item, max(CASE rating WHEN 'noncompliant' THEN 3 WHEN 'partial' THEN 2
		WHEN 'compliant' THEN 1 ELSE 0 END) FROM results GROUP BY session, item"
}

damage "DELETE FROM results WHERE item = 'C03'; DELETE FROM results WHERE item = 'S05'"
expect_rc "missing results are found" 1
expect_err "missing items, common and of a contract" "jaudit: check: session 115-07: no result for 2 items: C03, S05 of K1"
expect_err "the count" "jaudit: check: $JAUDIT_DB: 1 problem found"
expect_eq "check changes nothing" "$(dump)" "$before"

damage "INSERT INTO results VALUES ('115-07', 'S04', 'K9', 'compliant', '', ''); INSERT INTO checklist_items SELECT 114, code, category, seq, dimension, question, basis FROM checklist_items WHERE year = 115 AND code = 'C01'; UPDATE checklist_items SET code = 'C11' WHERE year = 115 AND code = 'C10'"
expect_rc "extra results are found" 1
expect_err "a contract that was not sampled" "jaudit: check: session 115-07: result for item S04 names contract K9, which is not one of its sampled contracts"
expect_err "an item not on the checklist" "jaudit: check: session 115-07: result for item C10, which is not on the checklist of year 115"
expect_err "and the item now missing" "jaudit: check: session 115-07: no result for 1 item: C11"

damage "DELETE FROM session_members WHERE seq = 3; UPDATE vendor_years SET selected = 0; INSERT INTO auditor_ratings VALUES ('115-07', '陳美玲', 'S99', 'K1', 'na')"
expect_rc "session rules are checked" 1
expect_err "a committee too small" "jaudit: check: session 115-07: a committee of 2, expected 3 to 5 members"
expect_err "a vendor not selected" "jaudit: check: session 115-07: vendor 22099131 is not selected for audit in year 115"
expect_err "a rating without a result" "jaudit: check: session 115-07: 陳美玲 rated item S99 of contract K1, for which the session has no result"

damage "DELETE FROM checklist_items WHERE year = 115"
expect_err "a year without a checklist" "jaudit: check: session 115-07: year 115 has no checklist"

# a result changed by another client, the summary left as it was: analyze
# would count 不適用 for C02 and miss the 不符合 of S03 and S07
damage_summary "UPDATE results SET rating = 'noncompliant', finding = '未落實' WHERE item IN ('S03', 'S07'); DELETE FROM session_items WHERE item = 'C02'"
expect_rc "a summary that disagrees with the results is a problem" 1
expect_err "the items named" "jaudit: check: session 115-07: the worst ratings that analyze reads (session_items) disagree with its results for 3 items: C02, S03, S07"
expect_err "one problem" "jaudit: check: $JAUDIT_DB: 1 problem found"
expect_eq "check changes nothing" "$(dump)" "$before"
damage_summary "INSERT INTO session_items VALUES ('115-07', 'C99', 0)"
expect_rc "a summary row without results is a problem" 1
expect_err "the extra item" "jaudit: check: session 115-07: the worst ratings that analyze reads (session_items) disagree with its results for 1 item: C99"

# the sqlite3 shell does not enforce foreign keys unless told to
damage "INSERT INTO session_contracts VALUES ('115-99', 'K1', '某機關', '某契約', ''); DELETE FROM vendors"
expect_rc "foreign keys are checked" 1
expect_err "a contract of a missing session" "jaudit: check: foreign key: a row of session_contracts refers to a missing row of sessions"
expect_err "a vendor year of a missing vendor" "jaudit: check: foreign key: a row of vendor_years refers to a missing row of vendors"

damage "DROP TRIGGER authorizations_candidate_insert; DROP INDEX sessions_year; DROP VIEW findings; CREATE VIEW findings AS SELECT 1 AS id"
expect_rc "schema objects are checked" 1
expect_err "a dropped trigger" "jaudit: check: schema: trigger authorizations_candidate_insert is missing"
expect_err "a dropped index" "jaudit: check: schema: index sessions_year is missing"
expect_err "an altered view" "jaudit: check: schema: view findings differs from jaudit's"

damage "PRAGMA user_version = 1"
expect_rc "an old schema version" 1
expect_err "says to upgrade" "jaudit: check: schema: version 1 is older than this jaudit's $SCHEMA; run 'jaudit init' to upgrade it"
damage "PRAGMA user_version = 99"
expect_err "a newer schema version" "jaudit: check: schema: version 99 was made by a newer jaudit (this one knows up to $SCHEMA)"

# damage below SQL: overwrite the middle of the results table's root page
cp "$TMP/good.db" "$JAUDIT_DB"
rm -f "$JAUDIT_DB-wal" "$JAUDIT_DB-shm"
root=$(sqlite3 "$JAUDIT_DB" "SELECT rootpage FROM sqlite_schema WHERE name = 'results'")
psize=$(sqlite3 "$JAUDIT_DB" "PRAGMA page_size")
sqlite3 "$JAUDIT_DB" "PRAGMA journal_mode = DELETE" >/dev/null
printf 'garbage garbage garbage garbage garbage garbage garbage garbage' |
	dd of="$JAUDIT_DB" bs=1 seek=$(( (root - 1) * psize + 8 )) conv=notrunc 2>/dev/null
j check
expect_rc "a damaged page is found" 1
expect_err "integrity problems are listed" "jaudit: check: integrity: "

# remediation tracking: the sample year through ingest, sync and set
rm -f "$JAUDIT_DB" "$JAUDIT_DB-wal" "$JAUDIT_DB-shm"
j init
j ingest --year 115 "$ROOT/examples/vendors-115.csv"
j ingest "$ROOT/examples/sessions-115.ndjson"
expect_rc "the sample sessions load" 0
j track sync --year 115
expect_rc "sync" 0
j track set 115-01-C04 in_progress --date 115/06/01 --by 測試員
j track set 115-01-C04 pending_verification --date 115/07/01 --by 測試員
j track set 115-01-C07 展延 --due 116/06/30 --note 需採購設備 --date 115/06/15 --by 測試員
expect_rc "the updates apply" 0
j check
expect_rc "a tracked year is sound" 0
expect_out "check counts the records" "$JAUDIT_DB: ok (schema version $SCHEMA, 12 sessions, 545 results, 89 remediation records, 92 history entries)"
cp "$JAUDIT_DB" "$TMP/good.db"

damage "UPDATE remediation SET status = 'closed' WHERE id = '115-01-C04'; UPDATE remediation SET due = '2026-01-01' WHERE id = '115-01-C07'"
expect_rc "a record that disagrees with its history" 1
expect_err "its status" "jaudit: check: record 115-01-C04: status closed, but its last history entry (#91) says pending_verification"
expect_err "its due date" "jaudit: check: record 115-01-C07: due 2026-01-01, but its last history entry (#92) says 2027-06-30"

damage "DROP TRIGGER remediation_history_no_update; UPDATE remediation_history SET date = '2026-05-01' WHERE seq = 91; UPDATE remediation_history SET old_status = 'open' WHERE seq = 91"
expect_rc "a history changed by hand" 1
expect_err "the append-only trigger is gone" "jaudit: check: schema: trigger remediation_history_no_update is missing"
expect_err "dates going backwards" "jaudit: check: record 115-01-C04: history entry #91 is dated 2026-05-01, before entry #90 of 2026-06-01"
expect_err "a broken chain of statuses" "jaudit: check: record 115-01-C04: history entry #91 moves from open, but the entry before it (#90) left in_progress"

damage "DROP TRIGGER remediation_history_no_delete; DROP TRIGGER remediation_no_delete; DELETE FROM remediation_history WHERE record = '115-01-C08'; DELETE FROM remediation WHERE id = '115-01-S11-K1'; DELETE FROM remediation_history WHERE record = '115-01-S11-K1'"
expect_rc "deleted records and history" 1
expect_err "a record without history" "jaudit: check: record 115-01-C08: no history entry"
expect_err "a finding without a record is a warning" "jaudit: warning: check: session 115-01: no remediation record for 1 item: S11 of K1; run 'jaudit track sync --year 115'"

cp "$TMP/good.db" "$JAUDIT_DB"
rm -f "$JAUDIT_DB-wal" "$JAUDIT_DB-shm"
sed 's/"session":"115-01"/"session":"115-99"/' "$ROOT/examples/sessions-115.ndjson" | head -1 > "$TMP/late.ndjson"
j ingest "$TMP/late.ndjson"
expect_rc "a session ingested after sync" 0
j check
expect_rc "findings not yet tracked do not fail the check" 0
expect_err "but are named" "jaudit: warning: check: session 115-99: no remediation record for 6 items: C04, C07, C08, S03 of K1, S11 of K1, S12 of K1; run 'jaudit track sync --year 115'"
expect_out "and the rest is ok" "$JAUDIT_DB: ok (schema version $SCHEMA, 13 sessions"

done_testing
