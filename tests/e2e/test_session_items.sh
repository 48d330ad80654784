#!/bin/sh
# End-to-end: session_items (sql/010_session_items.sql), the worst rating of
# each item in each session that analyze reads, stays what the results say
# when sessions are added, replaced and deleted, and a database of schema 9
# gets it filled; analyze gives the same figures over it as over results.
. "$(dirname "$0")/lib.sh"
EX="$ROOT/examples"
D="$DATA/ingest"

# what session_items should hold: the worst over each session's contracts
same_as_results() {
	sqlite3 "$JAUDIT_DB" "SELECT (SELECT count(*) FROM (
		SELECT session, item, max(CASE rating WHEN 'noncompliant' THEN 3 WHEN 'partial' THEN 2
		       WHEN 'compliant' THEN 1 ELSE 0 END) FROM results GROUP BY session, item
		EXCEPT SELECT session, item, worst FROM session_items))
		+ (SELECT count(*) FROM (SELECT session, item, worst FROM session_items EXCEPT
		SELECT session, item, max(CASE rating WHEN 'noncompliant' THEN 3 WHEN 'partial' THEN 2
		       WHEN 'compliant' THEN 1 ELSE 0 END) FROM results GROUP BY session, item))"
}

for y in 113 114 115; do j init --year $y; done
j ingest --year 113 "$EX/vendors-113.csv"
j ingest --year 114 "$EX/vendors-114.csv"
j ingest --year 115 "$EX/vendors-115.csv"
j ingest "$EX/authorizations-115-mof.csv" "$EX/authorizations-115-mohw.csv" \
	"$EX/authorizations-115-moi.csv" "$EX/authorizations-115-motc-big5.csv"
j ingest "$EX/sessions-113.ndjson" "$EX/sessions-114.ndjson" "$EX/sessions-115.ndjson"
expect_rc "the sample years load" 0
expect_eq "ingest writes the summary with the results" "$(same_as_results)" 0
expect_eq "a row for every (session, item) with results" \
	"$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM session_items")" \
	"$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM (SELECT DISTINCT session, item FROM results)")"
j check
expect_rc "check finds the summary sound" 0

for y in 113 114 115; do
	j analyze --year $y --format json
	cp "$TMP/out" "$TMP/summary.$y"
	JAUDIT_BENCH_RESULTS=1 j analyze --year $y --format json
	expect_eq "analyze $y: the same figures over the summary as over every result" \
		"$(cat "$TMP/summary.$y")" "$(cat "$TMP/out")"
done
j analyze --trend --format json
cp "$TMP/out" "$TMP/trend.summary"
JAUDIT_BENCH_RESULTS=1 j analyze --trend --format json
expect_eq "the trend: the same over both" "$(cat "$TMP/trend.summary")" "$(cat "$TMP/out")"

# a session replaced: its old rows go, the new ones come
export JAUDIT_DB="$TMP/second.db"
j init --year 115
j ingest --year 115 "$D/vendors.csv"
j ingest "$D/authorizations-form.csv" "$D/auditors-form.csv"
j ingest "$D/session.json"
expect_eq "the first document" "$(sqlite3 "$JAUDIT_DB" "SELECT item || worst FROM session_items WHERE session = '115-01' AND item IN ('C01', 'C04', 'S03') ORDER BY item" | tr '\n' ' ')" "C011 C043 S032 "
j ingest "$D/session-corrected.json"
expect_out "the correction replaces" "session-corrected.json: 1 session: 0 added, 1 replaced, 0 unchanged"
expect_eq "replaced: the summary follows the corrected results" "$(same_as_results)" 0
expect_eq "the corrected C01 (部分符合)" "$(sqlite3 "$JAUDIT_DB" "SELECT worst FROM session_items WHERE session = '115-01' AND item = 'C01'")" 2

# a session deleted by another client: its rows go with it
sqlite3 "$JAUDIT_DB" "PRAGMA foreign_keys = ON; DELETE FROM sessions WHERE id = '115-01'"
expect_eq "deleted: no rows left" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM session_items WHERE session = '115-01'")" 0

# the worst over contracts, by hand: session 115-02 rated S03 部分符合 on
# both contracts, S01 符合 on both; made 不符合 on K2 and 不適用 on K1
python3 - "$D/sessions.ndjson" > "$TMP/sessions.ndjson" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    for r in d["results"]:
        if d["session"] == "115-02" and (r["item"], r.get("contract")) == ("S03", "K2"):
            r["rating"] = "不符合"
        if d["session"] == "115-02" and (r["item"], r.get("contract")) == ("S01", "K1"):
            r["rating"] = "不適用"
    print(json.dumps(d, ensure_ascii=False))
PY
j ingest "$TMP/sessions.ndjson"
expect_rc "the changed sessions load" 0
expect_eq "S03: 不符合 over 部分符合; S01: 符合 over 不適用" \
	"$(sqlite3 "$JAUDIT_DB" "SELECT item || worst FROM session_items WHERE session = '115-02' AND item IN ('S01', 'S03') ORDER BY item" | tr '\n' ' ')" "S011 S033 "

# a database made before sql/010: the migration fills the summary
sqlite3 "$JAUDIT_DB" "DROP TABLE session_items; PRAGMA user_version = 9"
j init
expect_rc "init upgrades it" 0
j check
expect_rc "the migrated database is sound" 0
expect_eq "the migration filled the summary" "$(same_as_results)" 0
expect_eq "one row per (session, item)" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM session_items")" \
	"$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM (SELECT DISTINCT session, item FROM results)")"
done_testing
