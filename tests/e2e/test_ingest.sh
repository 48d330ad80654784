#!/bin/sh
# End-to-end: jaudit ingest over the fixtures in tests/data/ingest/.
. "$(dirname "$0")/lib.sh"
D="$DATA/ingest"

j init
expect_rc "init" 0

# --- forms: vendors (BOM), 附件1 with its contact block, Big5 -------------
j ingest --year 115 "$D/vendors.csv"
expect_rc "vendors with a BOM load" 0
expect_out "vendors: the kind is told by the header" "vendors.csv: vendors list, 4 rows: 4 added, 0 replaced, 0 unchanged"
expect_eq "vendors stored" "$(sqlite3 "$JAUDIT_DB" "SELECT group_concat(taxid || ':' || candidate || selected, ' ') FROM (SELECT * FROM vendor_years ORDER BY taxid)")" \
	"04541302:11 22000004:10 22099131:11 23377935:00"

j ingest "$D/authorizations-form.csv"
expect_rc "a 附件1 form with its contact block loads as it is" 0
expect_out "附件1 summary (year from the form's title)" "authorizations-form.csv: 附件1 authorizations, 2 rows: 2 added, 0 replaced, 0 unchanged"
expect_eq "vendor names matched across suffix, 台/臺 and space variants" \
	"$(sqlite3 "$JAUDIT_DB" "SELECT group_concat(taxid || '/' || vendor_aware, ' ') FROM (SELECT * FROM authorization_vendors ORDER BY form_no)")" \
	"22099131/1 04541302/1"
expect_eq "the contact block is kept as the submitter" \
	"$(sqlite3 "$JAUDIT_DB" "SELECT kind, year, file, agency, unit, name, title, phone, email FROM form_submissions")" \
	"authorizations|115|authorizations-form.csv|財政部|資訊處|林怡萱|科長|(02)2322-8000#8123|yihsuan.lin@example.gov.tw"
expect_eq "rows point to their submission" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM authorizations WHERE submission = 1")" 2

# the title's year and --year must agree
"$JAUDIT" init --year 113 >/dev/null
before=$(dump)
j ingest --year 113 "$D/authorizations-form.csv"
expect_rc "a 115年度 form under --year 113 is refused" 1
expect_err "names both years" "authorizations-form.csv: the form's title says 115年度 but --year is 113; give --year 115, or load the form of year 113"
expect_eq "title year against --year: database unchanged" "$(dump)" "$before"
j ingest --year 2026 "$D/authorizations-form.csv"
expect_rc "--year 2026 is the title's 115" 0
sed '1s/115年度/999年度/' "$D/authorizations-form.csv" > "$TMP/auth-999.csv"
j ingest "$TMP/auth-999.csv"
expect_rc "a title naming 999年度 is refused" 1
expect_err "the title's year is checked by the rule" "auth-999.csv:16: year 999 is not an ROC year from 100 to 200"
expect_eq "title year 999: database unchanged" "$(dump)" "$before"

# Big5 is told by validity: not UTF-8, every line valid CP950
before=$(dump)
j ingest --year 115 --encoding utf-8 "$D/authorizations-big5.csv"
expect_rc "a Big5 file under --encoding utf-8 is refused" 1
expect_err "forced UTF-8 says what to do" "authorizations-big5.csv:1: byte 0xBD at byte 1 is not UTF-8 text; if the file was saved as Big5, add --encoding big5"
expect_eq "forced UTF-8: database unchanged" "$(dump)" "$before"
j ingest --year 115 "$D/authorizations-big5.csv"
expect_rc "a Big5 file without --encoding loads" 0
expect_eq "said once, on stderr, and nothing else" "$(cat "$TMP/err")" \
	"jaudit: $D/authorizations-big5.csv: 讀入時視為 Big5 編碼 (the file is not UTF-8 text, and every line of it is valid Big5)"
expect_out "its summary" "authorizations-big5.csv: 附件1 authorizations, 1 row: 1 added, 0 replaced, 0 unchanged"
expect_eq "Big5 text converted" "$(sqlite3 "$JAUDIT_DB" "SELECT agency || '|' || contract FROM authorizations WHERE agency LIKE '交通部%'")" \
	"交通部公路局|115年度公路監理系統維運案"
j ingest --year 115 --encoding big5 "$D/authorizations-big5.csv"
expect_rc "Big5 with --encoding big5 still loads" 0
expect_eq "the option needs no notice" "$(cat "$TMP/err")" ""
# the same Big5 text with a byte valid in neither encoding on its line 3
{ cat "$D/authorizations-big5.csv"; printf '2,\377\376,x,y,z,w,\247\137\r\n'; } > "$TMP/neither.csv"
before=$(dump)
j ingest --year 115 "$TMP/neither.csv"
expect_rc "a file neither UTF-8 nor Big5 is refused" 1
expect_eq "one error, naming the line of the first byte that is not Big5" "$(cat "$TMP/err")" \
	"jaudit: $TMP/neither.csv:3: byte 0xFF at byte 3 is not Big5 text, and the file is not UTF-8 text either (line 1, byte 0xBD); save the sheet again as \"CSV UTF-8\", or mend this line"
expect_out "not loaded: 1 error" "neither.csv: not loaded: 1 error"
expect_eq "neither encoding: database unchanged" "$(dump)" "$before"

j ingest "$D/auditors-form.csv"
expect_rc "a 附件2 form with its contact block" 0
expect_out "附件2 summary" "auditors-form.csv: 附件2 auditors, 2 rows: 2 added, 0 replaced, 0 unchanged"
expect_eq "quotes, semicolon and a line break read back exactly" \
	"$(sqlite3 "$JAUDIT_DB" "SELECT reason FROM auditors WHERE name = '張志豪'")" \
	"$(printf '具CISSP證照；曾任"資安長"\n主導ISMS導入')"
expect_eq "pledge date stored as ISO, blank as NULL" \
	"$(sqlite3 "$JAUDIT_DB" "SELECT group_concat(coalesce(pledge_date, 'NULL'), ' ') FROM (SELECT * FROM auditors ORDER BY id)")" "2026-04-20 NULL"
expect_eq "附件2 submitter" "$(sqlite3 "$JAUDIT_DB" "SELECT kind || '|' || name FROM form_submissions WHERE kind = 'auditors'")" "auditors|林怡萱"

before=$(dump)
j ingest --year 115 "$D/vendors.csv" "$D/authorizations-form.csv" "$D/auditors-form.csv"
expect_rc "forms again" 0
expect_out "vendors again: unchanged" "vendors.csv: vendors list, 4 rows: 0 added, 0 replaced, 4 unchanged"
expect_out "附件2 again: unchanged" "auditors-form.csv: 附件2 auditors, 2 rows: 0 added, 0 replaced, 2 unchanged"
expect_eq "forms again change nothing" "$(dump)" "$before"

# the same content under another name: unchanged, the contact block kept once
mkdir -p "$TMP/renamed"
cp "$D/authorizations-form.csv" "$TMP/renamed/附件1_財政部_v2.csv"
cp "$D/auditors-form.csv" "$TMP/renamed/附件2_財政部_再送.csv"
j ingest "$TMP/renamed/附件1_財政部_v2.csv" "$TMP/renamed/附件2_財政部_再送.csv"
expect_rc "the same forms under other names" 0
expect_out "附件1 renamed: unchanged" "附件1_財政部_v2.csv: 附件1 authorizations, 2 rows: 0 added, 0 replaced, 2 unchanged"
expect_out "附件2 renamed: unchanged" "附件2_財政部_再送.csv: 附件2 auditors, 2 rows: 0 added, 0 replaced, 2 unchanged"
expect_eq "renamed: no second contact block" "$(sqlite3 "$JAUDIT_DB" "SELECT kind || ':' || file FROM form_submissions ORDER BY id")" \
	"$(printf 'authorizations:authorizations-form.csv\nauditors:auditors-form.csv')"
expect_eq "renamed forms change nothing" "$(dump)" "$before"
# another contact under another name is another submission
sed 's/林怡萱/林怡君/' "$D/authorizations-form.csv" > "$TMP/renamed/附件1_財政部_v3.csv"
j ingest "$TMP/renamed/附件1_財政部_v3.csv"
expect_out "another contact: the rows point to it" "附件1_財政部_v3.csv: 附件1 authorizations, 2 rows: 0 added, 2 replaced, 0 unchanged"
expect_eq "another contact is kept beside the first" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) || ' ' || group_concat(name, ' ') FROM form_submissions WHERE kind = 'authorizations'")" "2 林怡萱 林怡君"
j ingest "$D/authorizations-form.csv"
expect_out "the first file again: back to its contact" "authorizations-form.csv: 附件1 authorizations, 2 rows: 0 added, 2 replaced, 0 unchanged"

sed 's/^2,財政部關務署,資訊管理組,鄭文傑,科長/2,財政部關務署,資訊管理組,鄭文傑,組長/' "$D/auditors-form.csv" > "$TMP/auditors-form.csv"
j ingest "$TMP/auditors-form.csv"
expect_out "the same auditor (agency and name) again replaces" "2 rows: 0 added, 1 replaced, 1 unchanged"
expect_eq "the new title is stored" "$(sqlite3 "$JAUDIT_DB" "SELECT title FROM auditors WHERE name = '鄭文傑'")" 組長

# --- 附件1: one contract on several rows ----------------------------------------
# 財稅系統維運案 is served by two vendors (共同投標: one row each) and 聯合資訊
# lists a second 履約範圍 on a row of its own; line 18 repeats line 17.
mkdir -p "$TMP/multi"
awk 'NR == 17 { print; print "1,財政部財政資訊中心,115年度財稅系統維運案,資安監控,財稅資料倉儲系統,聯合資訊有限公司,是";
	print "1,財政部財政資訊中心,115年度財稅系統維運案,系統維運,財稅資料倉儲系統,臺灣雲端服務股份有限公司,否"; print; next } { print }' \
	"$D/authorizations-form.csv" > "$TMP/multi/authorizations-form.csv"
contracts() {
	sqlite3 "$JAUDIT_DB" "SELECT a.contract || ':' || group_concat(v.taxid || '/' || v.scope || '/' || v.vendor_aware, ' ')
		FROM authorizations a JOIN (SELECT * FROM authorization_vendors ORDER BY taxid, scope) v ON v.authorization = a.id
		WHERE a.agency = '財政部財政資訊中心' GROUP BY a.id"
}
j ingest "$TMP/multi/authorizations-form.csv"
expect_rc "a contract on several rows loads" 0
expect_out "two rows added, one unchanged; the repeated row counted once" "authorizations-form.csv: 附件1 authorizations, 4 rows: 2 added, 0 replaced, 2 unchanged; 1 warning"
expect_err "the repeated row is a warning" "authorizations-form.csv:20: the row repeats line 17 cell for cell; it is loaded once"
expect_eq "the contract once, its vendors and scopes beside it" "$(contracts)" \
	"115年度財稅系統維運案:04541302/系統維運/0 22099131/系統維運/1 22099131/資安監控/1"
expect_eq "one contract row" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM authorizations WHERE contract = '115年度財稅系統維運案'")" 1
# a session of the second vendor may sample the shared contract: no warning
sed 's/"vendor": "22099131"/"vendor": "04541302"/; s/"session": "115-01"/"session": "115-12"/' "$D/session.json" > "$TMP/shared.json"
j ingest "$TMP/shared.json"
expect_rc "the second vendor's session loads" 0
expect_eq "no warning: the contract is the second vendor's too" "$(grep -c 'is not covered' "$TMP/err")" 0
sqlite3 "$JAUDIT_DB" "PRAGMA foreign_keys = ON; DELETE FROM sessions WHERE id = '115-12'"
# the same contract, vendor and scope with another 知悉: refused whole
before=$(dump)
sed '19s/,否$/,是/; 20s/,否$/,是/' "$TMP/multi/authorizations-form.csv" | awk 'NR == 18 { print; print "1,財政部財政資訊中心,115年度財稅系統維運案,資安監控,財稅資料倉儲系統,聯合資訊有限公司,否"; next } { print }' > "$TMP/conflict.csv"
j ingest --kind authorizations "$TMP/conflict.csv"
expect_rc "the same vendor and scope twice with other cells is refused" 1
expect_err "says which rows" "conflict.csv:19: the contract「115年度財稅系統維運案」 with vendor 22099131 and 履約範圍「資安監控」 appears twice in the file (first on line 18) with other cells"
expect_eq "refused: database unchanged" "$(dump)" "$before"
# the form sent again without the second vendor: its row is removed
grep -v '臺灣雲端服務股份有限公司,否' "$TMP/multi/authorizations-form.csv" > "$TMP/multi/authorizations-form.csv.new"
mv "$TMP/multi/authorizations-form.csv.new" "$TMP/multi/authorizations-form.csv"
j ingest "$TMP/multi/authorizations-form.csv"
expect_out "a row the form no longer lists is removed" "3 rows: 0 added, 0 replaced, 3 unchanged, 1 removed; 1 warning"
expect_eq "the vendors left" "$(contracts)" "115年度財稅系統維運案:22099131/系統維運/1 22099131/資安監控/1"

# --- sessions --------------------------------------------------------------
j ingest "$D/session.json"
expect_rc "a session document loads" 0
expect_out "session summary" "session.json: 1 session: 1 added, 0 replaced, 0 unchanged (27 results written)"
python3 - "$D/session.json" "$JAUDIT_DB" > "$TMP/cmp" <<'PY'
import json, sqlite3, sys
doc = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
want = [r for r in doc["results"] if r["item"] == "C04"][0]
got = db.execute("SELECT finding, recommendation, rating FROM results WHERE session = '115-01' AND item = 'C04'").fetchone()
print("same" if got == (want["finding"], want["recommendation"], "noncompliant") else "differs: %r" % (got,))
PY
expect_eq "quotes, semicolons, <script>, tab and newline stored and read back exactly" "$(cat "$TMP/cmp")" same
expect_eq "ratings stored by code" "$(sqlite3 "$JAUDIT_DB" "SELECT group_concat(rating || count, ' ') FROM (SELECT rating, count(*) AS count FROM results GROUP BY rating ORDER BY rating)")" \
	"compliant24 na1 noncompliant1 partial1"
expect_eq "date stored as ISO" "$(sqlite3 "$JAUDIT_DB" "SELECT date || ' ' || lead FROM sessions")" "2026-06-12 王大明"
expect_eq "the finding ids" "$(sqlite3 "$JAUDIT_DB" "SELECT group_concat(id, ' ') FROM (SELECT id FROM findings ORDER BY id)")" "115-01-C04 115-01-S03-K1"
expect_eq "auditors' ratings, the lead's included" "$(sqlite3 "$JAUDIT_DB" "SELECT group_concat(auditor || item || ref || rating, ' ') FROM (SELECT * FROM auditor_ratings ORDER BY auditor)")" \
	"李小華C04noncompliant 王大明S03K1partial 陳美玲C04partial"

# Another table referring to the session, as remediation records do: it must survive a correction.
sqlite3 "$JAUDIT_DB" "CREATE TABLE t_ref (session TEXT REFERENCES sessions(id) ON DELETE CASCADE); INSERT INTO t_ref VALUES ('115-01')"
rowid=$(sqlite3 "$JAUDIT_DB" "SELECT rowid FROM sessions WHERE id = '115-01'")
before=$(dump)
j ingest "$D/session.json"
expect_rc "the same session again" 0
expect_out "again: unchanged" "session.json: 1 session: 0 added, 0 replaced, 1 unchanged"
expect_eq "again: the database is byte for byte the same" "$(dump)" "$before"
cp "$D/session.json" "$TMP/115-01_再送.json"
j ingest "$TMP/115-01_再送.json"
expect_out "the same session under another name: unchanged" "115-01_再送.json: 1 session: 0 added, 0 replaced, 1 unchanged"
expect_eq "renamed session: the database is the same (its source still the first file)" "$(dump)" "$before"

j ingest "$D/session-corrected.json"
expect_rc "a corrected report" 0
expect_out "the correction replaces" "session-corrected.json: 1 session: 0 added, 1 replaced, 0 unchanged"
expect_eq "the session row is updated in place" "$(sqlite3 "$JAUDIT_DB" "SELECT rowid FROM sessions WHERE id = '115-01'")" "$rowid"
expect_eq "what refers to the session survives" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM t_ref")" 1
expect_eq "contract K1 and its results are gone, K2 is there" \
	"$(sqlite3 "$JAUDIT_DB" "SELECT group_concat(ref || ':' || n, ' ') FROM (SELECT ref, count(*) AS n FROM results WHERE session = '115-01' GROUP BY ref ORDER BY ref)")" ":10 K2:17"
expect_eq "the corrected rating" "$(sqlite3 "$JAUDIT_DB" "SELECT rating || '|' || finding FROM results WHERE session = '115-01' AND item = 'C01'")" "partial|機房進出未留存紀錄"
expect_eq "the new committee" "$(sqlite3 "$JAUDIT_DB" "SELECT group_concat(name, ',') FROM (SELECT name FROM session_members WHERE session = '115-01' ORDER BY seq)")" "李小華,陳美玲,張志豪,鄭文傑"
expect_eq "auditors' ratings follow the document" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM auditor_ratings WHERE ref = 'K1'")" 0
sqlite3 "$JAUDIT_DB" "DROP TABLE t_ref"

j ingest "$D/sessions.ndjson"
expect_rc "NDJSON with two sessions" 0
expect_out "NDJSON summary" "sessions.ndjson: 2 sessions: 2 added, 0 replaced, 0 unchanged (71 results written)"
j ingest --kind sessions - < "$D/sessions.ndjson"
expect_rc "the same sessions from standard input" 0
expect_out "standard input: unchanged" "<stdin>: 2 sessions: 0 added, 0 replaced, 2 unchanged"
mkdir "$TMP/folder.ndjson"
j ingest "$TMP/folder.ndjson"
expect_rc "a folder named .ndjson" 1
expect_err "a read error names the file and the line" "folder.ndjson:1: cannot read: Is a directory"

# a sampled contract that no 附件1 authorization covers: a warning, loaded
sed 's/"115年度財稅系統維運案"/"115年度未授權之契約"/; s/"session": "115-01"/"session": "115-09"/' "$D/session.json" > "$TMP/unauthorized.json"
j ingest "$TMP/unauthorized.json"
expect_rc "an unauthorized contract is only a warning" 0
expect_err "the warning names the contract" "unauthorized.json: contracts[0]: 財政部財政資訊中心「115年度未授權之契約」 is not covered by any 附件1 authorization of vendor 22099131 in 115"
expect_out "the summary counts the warning" "1 session: 1 added, 0 replaced, 0 unchanged (27 results written); 1 warning"

# --- every refusal: the message, exit 1, the database unchanged --------------
grep -v '^#' "$D/refusals.tsv" | while IFS='	' read -r file args msg; do
	[ "$args" = - ] && args=
	before=$(dump)
	# shellcheck disable=SC2086
	j ingest $args "$D/refuse/$file"
	expect_rc "refused: $file" 1
	expect_err "message: $file" "$msg"
	expect_out "summary: $file" "$file: not loaded:"
	expect_eq "database unchanged: $file" "$(dump)" "$before"
	echo "$_pass $_fail" > "$TMP/counts"
done
read -r _pass _fail < "$TMP/counts"

# --- a bad line deep in a large NDJSON file ---------------------------------
python3 - "$D/session.json" "$TMP/big.ndjson" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    for i in range(1, 4001):
        doc["session"] = "115-B%04d" % i
        if i == 4000:
            doc["results"][7]["rating"] = "maybe"
        f.write(json.dumps(doc, ensure_ascii=False) + "\n")
PY
before=$(dump)
j ingest "$TMP/big.ndjson"
expect_rc "a bad line 4000 refuses the whole file" 1
expect_err "the error names line 4000" "big.ndjson:4000: results[7].rating: \"maybe\" is not one of 符合, 部分符合, 不符合, 不適用"
expect_out "not loaded" "big.ndjson: not loaded: 1 error"
expect_eq "none of the 3999 good sessions was written" "$(dump)" "$before"

# --- at most 20 errors a file --------------------------------------------------
python3 - "$D/session.json" "$TMP/many.ndjson" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    for i in range(1, 31):
        doc["session"] = "115-M%02d" % i
        doc["date"] = "115/13/%02d" % i
        f.write(json.dumps(doc, ensure_ascii=False) + "\n")
PY
j ingest "$TMP/many.ndjson"
expect_rc "many errors" 1
expect_eq "20 errors reported, in file order" "$(grep -c 'is not a date' "$TMP/err") $(grep 'is not a date' "$TMP/err" | tail -1 | sed 's/.*many.ndjson:\([0-9]*\):.*/\1/')" "20 20"
expect_err "says it stopped" "many.ndjson: stopped after 20 errors"

# --- the reader thread (ingest/ndjson.c) ------------------------------------
# Lines are read and parsed ahead of the checks: the errors of both still come
# in line order, as if each line were loaded in turn.
python3 - "$D/session.json" "$TMP/mixed.ndjson" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
def line(i, **change):
    d = dict(doc, session="115-X%02d" % i, **change)
    return json.dumps(d, ensure_ascii=False).encode() + b"\n"
with open(sys.argv[2], "wb") as f:
    f.write(line(1))
    f.write(b'{"format": "jaudit-session/1", "year": 115,\n')        # 2: cut short
    f.write(line(3, date="115/13/01"))                               # 3: a check fails
    f.write(b'{"format": "jaudit-session/1"\x00}\n')                 # 4: a NUL byte
    f.write(b"\n   \n")                                               # 5, 6: blank
    f.write(line(7))
    f.write(line(8).replace("王".encode(), b"\xff"))                  # 8: not UTF-8
    f.write(line(9)[:-1] + b' {}\n')                                  # 9: text after it
    f.write(line(10, date="115/02/30"))                              # 10: a check fails
    for i in range(11, 40):                                          # 11..39: good
        f.write(line(i))
    f.write(line(40, date="115/13/02"))                              # 40: a check fails
PY
before=$(dump)
j ingest "$TMP/mixed.ndjson"
expect_rc "a file mixing bad lines" 1
expect_eq "every bad line reported, in line order" \
	"$(sed -n 's/^jaudit: [^:]*mixed.ndjson:\([0-9]*\):.*/\1/p' "$TMP/err" | tr '\n' ' ')" "2 3 4 8 9 10 40 "
expect_err "line 2: cut short" "mixed.ndjson:2: the line ends before the JSON document does (1 object or array still open), expected one whole session document per line"
expect_err "line 4: a NUL byte" "mixed.ndjson:4: NUL byte in the line"
expect_err "line 8: not UTF-8" "mixed.ndjson:8: byte 0xFF at byte"
expect_err "line 9: text after the document" "mixed.ndjson:9: text after the document at column"
expect_out "7 errors" "mixed.ndjson: not loaded: 7 errors"
expect_eq "nothing written" "$(dump)" "$before"

# documents larger than the reader's queue (4 MB) load whole
python3 - "$D/session.json" "$TMP/large.ndjson" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    for i in range(1, 13):
        d = json.loads(json.dumps(doc))
        d["session"] = "115-L%02d" % i
        for r in d["results"]:
            if r["rating"] in ("不符合", "部分符合", "noncompliant", "partial"):
                r["finding"] = ("第%d號 " % i) + "未落實" * 120000
                break
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
j ingest "$TMP/large.ndjson"
expect_rc "12 sessions of 1 MB each" 0
expect_out "all 12 added" "large.ndjson: 12 sessions: 12 added"
expect_eq "each long finding stored whole" \
	"$(sqlite3 "$JAUDIT_DB" "SELECT count(*), min(length(finding)), max(length(finding)) FROM results WHERE session LIKE '115-L%' AND length(finding) > 100000")" \
	"12|360004|360005"
j ingest "$TMP/large.ndjson"
expect_out "loaded again: unchanged" "large.ndjson: 12 sessions: 0 added, 0 replaced, 12 unchanged"

# one document with more than 20 errors is checked whole: the count is the real one
# (劉建宏 rated 44 units of session 115-01)
head -1 "$ROOT/examples/sessions-115.ndjson" | sed 's/"committee":\["劉建宏",/"committee":[/' > "$TMP/dropped.json"
db=$JAUDIT_DB
export JAUDIT_DB="$TMP/dropped.db"
"$JAUDIT" init --year 115 >/dev/null && "$JAUDIT" ingest --year 115 "$ROOT/examples/vendors-115.csv" >/dev/null
j ingest "$TMP/dropped.json"
export JAUDIT_DB="$db"
expect_rc "a member dropped from the committee, still rating" 1
expect_err "the first error" "dropped.json: auditor_ratings[0].auditor: \"劉建宏\" is not on the committee, expected the lead or a committee member"
n=$(grep -c 'is not on the committee' "$TMP/err")
expect_eq "20 shown" "$n" 20
expect_err "says how many there were in all" "dropped.json: 44 errors found, the first 20 shown; correct these and ingest the file again"
expect_out "the summary counts them all" "dropped.json: not loaded: 44 errors"

# --- several files: each its own transaction -----------------------------------
sed 's/"session": "115-01"/"session": "115-10"/' "$D/session.json" > "$TMP/good.json"
j ingest "$TMP/good.json" "$D/refuse/rating-invalid.json"
expect_rc "one bad file of two: exit 1" 1
expect_out "the good file is loaded" "good.json: 1 session: 1 added"
expect_out "the bad one is not" "rating-invalid.json: not loaded: 1 error"
expect_err "how many were not loaded" "jaudit: 1 of 2 files not loaded"
expect_eq "the good one is there" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM sessions WHERE id = '115-10'")" 1

# --- dry run ----------------------------------------------------------------------
sed 's/"session": "115-01"/"session": "115-11"/' "$D/session.json" > "$TMP/dry.json"
before=$(dump)
j ingest --dry-run "$TMP/dry.json" "$D/vendors.csv" --year 115
expect_rc "dry run" 0
expect_out "dry run: the same summary" "dry.json: 1 session: 1 added, 0 replaced, 0 unchanged (27 results written) (dry run: nothing written)"
expect_eq "dry run writes nothing" "$(dump)" "$before"
j ingest --dry-run "$D/refuse/format.json"
expect_rc "dry run of a bad file fails" 1

# --- the checklist (附件3) as a CSV ------------------------------------------------
"$JAUDIT" checklist --year 115 --format csv | sed '2,$s/^115,/116,/' > "$TMP/checklist-116.csv"
j ingest "$TMP/checklist-116.csv"
expect_rc "a checklist for a new year" 0
expect_out "27 items" "checklist-116.csv: checklist, 27 rows: 27 added, 0 replaced, 0 unchanged"
expect_eq "the 116 list equals the 115 one" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM checklist_items a JOIN checklist_items b ON a.code = b.code AND a.year = 115 AND b.year = 116 AND a.category = b.category AND a.seq = b.seq AND a.dimension = b.dimension AND a.question = b.question AND a.basis = b.basis")" 27
grep -v '^116,S17,' "$TMP/checklist-116.csv" | sed 's/^116,C02,共通性,[^,]*,/116,C02,共通性,,/' > "$TMP/checklist-116b.csv"
j ingest --kind checklist "$TMP/checklist-116b.csv"
expect_out "a blank 構面 repeats the one above; S17 dropped" "checklist, 26 rows: 0 added, 0 replaced, 26 unchanged, 1 removed"
"$JAUDIT" checklist --year 115 --format csv > "$TMP/checklist-115.csv"
before=$(dump)
j ingest "$TMP/checklist-115.csv"
expect_rc "the checklist of a year with results is refused" 1
expect_err "says why" "年度: the checklist of year 115 cannot be replaced: "
expect_eq "refused checklist: database unchanged" "$(dump)" "$before"

# --- the year rule: ROC 100..200, and a year the database knows ----------------------
before=$(dump)
for y in 999 1 1912 2112 99; do
	j ingest --kind vendors --year $y "$D/vendors.csv"
	expect_rc "--year $y is refused" 2
	expect_err "--year $y: says the rule" "jaudit: '$y' is not a year; give an ROC year from 100 to 200, such as 115 (or 2026)"
	expect_eq "--year $y: database unchanged" "$(dump)" "$before"
	j init --year $y
	expect_rc "init --year $y is refused" 2
	expect_eq "init --year $y: database unchanged" "$(dump)" "$before"
done
for y in 200 130; do
	j ingest --kind vendors --year $y "$D/vendors.csv"
	expect_rc "--year $y (not initialised) is refused" 1
	expect_err "--year $y: says to init it, once" "vendors.csv:2: year $y is not in the database (it has no checklist); run 'jaudit init --year $y' first"
	expect_eq "--year $y: one message for the whole file" "$(grep -c 'is not in the database' "$TMP/err")" 1
	expect_eq "--year $y: database unchanged" "$(dump)" "$before"
	for cmd in analyze candidates schedule "track list" "track sync" "track summary"; do
		j $cmd --year $y
		expect_rc "$cmd --year $y (not initialised)" 1
		expect_err "$cmd --year $y: says to init it" "jaudit: year $y is not in the database (it has no checklist); run 'jaudit init --year $y' first"
	done
done
expect_eq "the commands changed nothing" "$(dump)" "$before"
sed 's/^22099131,/130,22099131,/; 1s/^\(.\?\)統一編號/\1年度,統一編號/' "$D/vendors.csv" | head -2 > "$TMP/vendors-130.csv"
j ingest --kind vendors "$TMP/vendors-130.csv"
expect_rc "a 年度 column naming an unknown year is refused" 1
expect_err "names the line and the year" "vendors-130.csv:2: year 130 is not in the database"
sed 's/^22099131,/999,22099131,/; 1s/^\(.\?\)統一編號/\1年度,統一編號/' "$D/vendors.csv" | head -2 > "$TMP/vendors-999.csv"
j ingest --kind vendors "$TMP/vendors-999.csv"
expect_err "a 年度 of 999 is not a year" "vendors-999.csv:2: 年度: \"999\" is not a year, expected an ROC year from 100 to 200"
expect_eq "refused 年度 rows: database unchanged" "$(dump)" "$before"
j init --year 2026
expect_rc "init --year 2026 (Gregorian) is 115" 0
expect_out "115 already there" "year 115 already has its checklist; left as it is"

# --- the command line ---------------------------------------------------------------
j ingest --kind bogus "$D/vendors.csv"
expect_rc "unknown kind" 2
expect_err "names the kinds" "--kind: 'bogus' is not one of vendors, inventory, authorizations, auditors, checklist, updates, sessions"
j ingest --encoding latin1 "$D/vendors.csv"
expect_rc "unknown encoding" 2
j ingest
expect_rc "no file" 2
expect_err "says so" "jaudit: no file to ingest"
j ingest --kind inventory --year 115 "$D/vendors.csv"
expect_rc "the wrong --kind" 1
expect_err "names the columns expected" "no header row found in the first 40 lines; expected the columns 機關名稱, 系統名稱, 核心系統, 廠商統一編號"
j ingest --year 115 - < "$D/vendors.csv"
expect_rc "a form on stdin needs --kind" 1
expect_err "asks for --kind" "<stdin>: give --kind for a form read from standard input"
j ingest --year 115 --kind vendors - < "$D/vendors.csv"
expect_rc "a form on stdin with --kind" 0
j ingest "$TMP/none.json"
expect_rc "a missing file" 1
expect_err "cannot open" "none.json: cannot open: No such file or directory"

done_testing
