#!/bin/sh
# End-to-end: one reader of the remediation-updates form.  `jaudit track
# import` and `jaudit ingest --kind updates` read it through the one form loop
# (core/form_load.c): the same messages on the same bad file, the same cap of
# 20 errors, the same --encoding names, the same Big5 detection, workbooks in
# both.  And a date stored badly in the database gets the one message.
. "$(dirname "$0")/lib.sh"

fresh() {
	rm -f "$JAUDIT_DB"
	"$JAUDIT" init >/dev/null
	sqlite3 "$JAUDIT_DB" < "$DATA/track/fixture.sql"
	"$JAUDIT" track sync --year 115 >/dev/null
}
fresh

# --- the same bad file, the same messages -------------------------------------------
# row 2 is good; rows 3-8 are bad each in one way (hand-written expectations)
printf '追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限\n115-01-C02,改善中,115/07/01,林小明,已提計畫,計畫書,\n115-01-C01,done,115/07/01,林小明,,,\n115-01-C01,改善中,115/13/01,林小明,,,\n115-01-S03-K1,改善中,115/07/01,林小明\n115-02-C04,待驗證,115/09/02,吳承辦,,,\n115-09-C01,改善中,115/09/02,吳承辦,,,\n115-03-C01,改善中,115/12/01,吳承辦,,,\n' > "$TMP/bad.csv"
cat > "$TMP/expected" <<EOF
jaudit: $TMP/bad.csv:3: 115-01-C01: 狀態 'done' is not a status; expected 待改善 open, 改善中 in_progress, 待驗證 pending_verification, 已結案 closed, 展延 extended or 風險接受 risk_accepted
jaudit: $TMP/bad.csv:4: 115-01-C01: 日期 '115/13/01' is not a date; expected a date such as 115/06/12
jaudit: $TMP/bad.csv:5: the row has 4 fields but the header row has 7; check for a missing or extra comma (a comma inside a cell must be quoted)
jaudit: $TMP/bad.csv:6: 115-02-C04: cannot move from 待改善 open to 待驗證 pending_verification; allowed from 待改善: 改善中 in_progress, 展延 extended, 風險接受 risk_accepted
jaudit: $TMP/bad.csv:7: '115-09-C01' is not a tracked finding; expected an id such as 115-07-C01 or 115-07-S03-K1
jaudit: $TMP/bad.csv:8: 115-03-C01: the date 115/12/01 is after today (115/11/20); an update is recorded when it happened
EOF
before=$(dump)
j ingest --kind updates "$TMP/bad.csv"
expect_rc "ingest: a bad updates form" 1
expect_out "ingest: six errors" "bad.csv: not loaded: 6 errors"
cp "$TMP/err" "$TMP/err.ingest"
expect_eq "ingest: the six messages, word for word" "$(cat "$TMP/err.ingest")" "$(cat "$TMP/expected")"
expect_eq "ingest: the database as it was" "$(dump)" "$before"
j track import "$TMP/bad.csv"
expect_rc "track import: the same file" 1
expect_eq "track import: the same six messages, then what was kept" "$(cat "$TMP/err")" \
	"$(cat "$TMP/err.ingest"; echo "jaudit: $TMP/bad.csv: nothing was recorded; correct the rows above and import the file again")"
expect_eq "track import: the database as it was" "$(dump)" "$before"

# --- the same cap: 20 errors, then the rest is not checked --------------------------
{
	echo '追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限'
	i=1
	while [ $i -le 25 ]; do
		echo "115-01-C01,done$i,115/07/01,林小明,,,"
		i=$((i + 1))
	done
} > "$TMP/many.csv"
j ingest --kind updates "$TMP/many.csv"
cp "$TMP/err" "$TMP/err.ingest"
expect_eq "ingest: 20 errors shown" "$(grep -c "is not a status" "$TMP/err.ingest")" 20
expect_err "ingest: says where it stopped" "many.csv: stopped after 20 errors; the rest of the file was not checked"
expect_err "ingest: the 20th is line 21" "many.csv:21: 115-01-C01: 狀態 'done20'"
j track import "$TMP/many.csv"
expect_eq "track import: the same 20 errors and the same stop" "$(grep -v 'nothing was recorded' "$TMP/err")" "$(cat "$TMP/err.ingest")"

# --- the same header-only form ------------------------------------------------------
printf '追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限\n' > "$TMP/empty.csv"
j ingest --kind updates "$TMP/empty.csv"
expect_rc "ingest: a form with no rows" 1
expect_err "ingest: says so" "empty.csv: no updates below the header; expected one row per finding"
j track import "$TMP/empty.csv"
expect_rc "track import: a form with no rows" 1
expect_err "track import: says the same" "empty.csv: no updates below the header; expected one row per finding"

# --- the same --encoding names, case ignored ---------------------------------------
printf '追蹤編號,狀態,日期,填報人,說明\r\n115-02-S01-K1,改善中,115/11/19,衛福部承辦,長照平台改善中\r\n' > "$TMP/utf8.csv"
for enc in UTF-8 utf-8 utf8 Utf8; do
	fresh
	j track import --encoding "$enc" "$TMP/utf8.csv"
	expect_rc "track import --encoding $enc" 0
	expect_out "track import --encoding $enc: read" "utf8.csv: 1 updates recorded, 0 already recorded"
	fresh
	j ingest --kind updates --encoding "$enc" "$TMP/utf8.csv"
	expect_rc "ingest --encoding $enc" 0
done
iconv -f utf-8 -t big5 "$TMP/utf8.csv" > "$TMP/big5.csv"
for enc in big5 Big5 BIG5 cp950 CP950; do
	fresh
	j track import --encoding "$enc" "$TMP/big5.csv"
	expect_rc "track import --encoding $enc" 0
	fresh
	j ingest --kind updates --encoding "$enc" "$TMP/big5.csv"
	expect_rc "ingest --encoding $enc" 0
done
j track import --encoding latin1 "$TMP/utf8.csv"
expect_rc "track import --encoding latin1" 2
expect_err "track import: names the encodings" "--encoding: 'latin1' is not one of utf-8 big5"
j ingest --encoding latin1 "$TMP/utf8.csv"
expect_rc "ingest --encoding latin1" 2
expect_err "ingest: names the same encodings" "--encoding: 'latin1' is not one of utf-8 big5"

# --- the same Big5 detection --------------------------------------------------------
fresh
j track import "$TMP/big5.csv"
expect_rc "track import: a Big5 form, told by validity" 0
expect_err "track import: said once" "big5.csv: 讀入時視為 Big5 編碼"
expect_eq "track import: its text kept" "$(sqlite3 "$JAUDIT_DB" "SELECT actor || ' ' || note FROM remediation_history ORDER BY seq DESC LIMIT 1")" "衛福部承辦 長照平台改善中"
fresh
j ingest --kind updates "$TMP/big5.csv"
expect_rc "ingest: a Big5 form, told by validity" 0
expect_err "ingest: said once" "big5.csv: 讀入時視為 Big5 編碼"

# --- workbooks in both --------------------------------------------------------------
W="$DATA/workbook"
for ext in xlsx ods; do
	fresh
	j track import "$W/updates.$ext"
	expect_rc "track import of an .$ext form" 0
	expect_out "track import: its two rows (.$ext)" "updates.$ext: 2 updates recorded, 0 already recorded"
	expect_eq "track import: the rows of the form (.$ext)" \
		"$(sqlite3 "$JAUDIT_DB" "SELECT group_concat(record || ' ' || date || ' ' || action || ' ' || new_due, '; ') FROM (SELECT * FROM remediation_history WHERE action <> 'opened' ORDER BY seq)")" \
		"115-01-C02 2026-07-01 status 2026-12-20; 115-02-S01-K1 2026-09-01 extended 2026-12-31"
	j track import "$W/updates.$ext"
	expect_out "track import: the same workbook again (.$ext)" "updates.$ext: 0 updates recorded, 2 already recorded"
done

# --- a date stored badly: one message, the command stops ----------------------------
fresh
sqlite3 "$JAUDIT_DB" "UPDATE sessions SET date = '2026-02-30' WHERE id = '115-03'"
j schedule --year 115
expect_rc "schedule over a bad stored session date" 1
expect_err "schedule: the one message" "jaudit: database: remediation record 115-03-C01, audit date has a bad stored date '2026-02-30' (expected YYYY-MM-DD); run 'jaudit check'"
j track sync --year 115
expect_rc "track sync over it" 1
expect_err "track sync: the one message" "jaudit: database: session 115-03, date has a bad stored date '2026-02-30' (expected YYYY-MM-DD); run 'jaudit check'"
fresh
sqlite3 "$JAUDIT_DB" "UPDATE remediation SET due = '2025-02-29' WHERE id = '115-03-C01'"
j track set 115-03-C01 改善中 --date 115/11/01 --by 吳承辦
expect_rc "track set over a bad stored due date" 1
expect_err "track set: the one message" "jaudit: database: remediation record 115-03-C01, due has a bad stored date '2025-02-29' (expected YYYY-MM-DD); run 'jaudit check'"
j track list
expect_rc "track list over it" 1
expect_err "track list: the one message" "jaudit: database: remediation record 115-03-C01, due date has a bad stored date '2025-02-29' (expected YYYY-MM-DD); run 'jaudit check'"

done_testing
