#!/bin/sh
# End-to-end: an updates form sent again changes nothing.  Agencies resend
# their whole sheet each month with the new rows added below; the rows already
# in the history are counted as already recorded, through `track import`,
# `ingest --kind updates` and `track set` alike (one code: track/remed_update.c).
. "$(dirname "$0")/lib.sh"

"$JAUDIT" init >/dev/null
sqlite3 "$JAUDIT_DB" < "$DATA/track/fixture.sql"
"$JAUDIT" track sync --year 115 >/dev/null

printf '追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限\n115-01-C02,改善中,115/07/01,林小明,已提計畫,計畫書,\n115-02-S01-K1,展延,115/09/01,吳承辦,等待廠商排程,,115/12/31\n' > "$TMP/june.csv"
j track import "$TMP/june.csv"
expect_rc "the first form" 0
expect_out "records both rows" "june.csv: 2 updates recorded, 0 already recorded"

before=$(dump)
j track import "$TMP/june.csv"
expect_rc "the same form again" 0
expect_out "counts both as already recorded" "june.csv: 0 updates recorded, 2 already recorded"
expect_eq "the form sent again leaves the database as it was" "$(dump)" "$before"

# the next month's sheet: the old rows, one new
cp "$TMP/june.csv" "$TMP/july.csv"
printf '115-01-C02,待驗證,115/09/20,林小明,已完成修補,修補紀錄,\n' >> "$TMP/july.csv"
j ingest --kind updates "$TMP/july.csv"
expect_rc "ingest --kind updates: the grown sheet" 0
expect_out "counts the new row and the old ones" "july.csv: remediation updates, 3 rows: 1 added, 0 replaced, 2 unchanged"
j track history 115-01-C02 --format json
expect_eq "the history holds each change once" "$(python3 -c 'import json,sys; print(" ".join(e["new_status"] for e in json.load(open(sys.argv[1]))["history"]))' "$TMP/out")" "open in_progress pending_verification"

# a row that differs (another note) is a new change, and must pass the rules
printf '追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限\n115-01-C02,改善中,115/07/01,林小明,另一說明,計畫書,\n' > "$TMP/other.csv"
before=$(dump)
j track import "$TMP/other.csv"
expect_rc "a changed row is checked as a new update" 1
expect_err "and refused here" "other.csv:2: 115-01-C02: the date 115/07/01 is before the record's last change on 115/09/20; updates are recorded in order"
expect_eq "the refusal leaves the database as it was" "$(dump)" "$before"

j track set 115-01-C02 待驗證 --date 115/09/20 --by 林小明 --note 已完成修補 --evidence 修補紀錄
expect_rc "track set repeated" 0
expect_out "says it was already recorded" "115-01-C02: 待驗證 was already recorded on that date; nothing changed"
expect_eq "and changed nothing" "$(dump)" "$before"

done_testing
